"""Pages for the commands a person reads (``report``, ``show``): read any input ``scan`` reads,
run the detector with reasons, and keep each page's text next to its flags.

``scan`` streams encoded rows through worker processes; these commands need the text, the flags
and (for the report) every paragraph's score together in one process, so they read through the
same readers and detect through the same per-document fallback, in batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

import numpy as np

from pagesieve.readers import Doc, FieldSpec, decode, expand_inputs, iter_raw
from pagesieve.types import BatchScanner, Flag
from pagesieve.worker import detect_texts  # the scan workers' detect-with-fallback


class InputError(Exception):
    """No input could be found at all."""


@dataclass(slots=True)
class ScannedPage:
    """One page after detection: ``error`` set (and no flags) when it could not be scanned.

    ``paragraph_scores`` are the model's scores of every paragraph of the page (``None`` when
    the detector does not expose them), for the score histogram of the report."""

    id: Any
    text: str
    flags: list[Flag]
    paragraph_scores: np.ndarray | None = None
    error: str | None = None


def iter_docs(inputs: Sequence[str], fields: FieldSpec | None = None) -> Iterator[Doc]:
    """Every record of ``inputs`` (files, dirs, globs, ``-``), bad ones as error docs."""
    fields = fields or FieldSpec()
    files, problems = expand_inputs(inputs)
    if not files:
        raise InputError("; ".join(problems) or "no input")
    for message in problems:
        yield Doc(None, None, None, message)
    for inp in files:
        for item in iter_raw(inp, fields):
            yield decode(item, inp.display, fields)


def scan_pages(
    detector: BatchScanner, docs: Iterable[Doc], batch_size: int = 64, explain: bool = True
) -> Iterator[ScannedPage]:
    """Detect on ``docs`` in batches, in order; with a full :class:`Detector` the paragraph
    scores come from the same pass that makes the flags."""
    it = iter(docs)
    while batch := list(islice(it, batch_size)):
        todo = [d for d in batch if d.error is None and d.text and not d.text.isspace()]
        found = iter(_detect_batch(detector, [d.text for d in todo], explain))
        for d in batch:
            if d.error is not None:
                yield ScannedPage(d.id, "", [], None, d.error)
            elif not d.text or d.text.isspace():
                yield ScannedPage(d.id, d.text or "", [], np.zeros(0))
            else:
                flags, scores = next(found)
                if isinstance(flags, str):
                    yield ScannedPage(d.id, d.text, [], None, flags)
                else:
                    yield ScannedPage(d.id, d.text, flags, scores)


def _detect_batch(
    detector: BatchScanner, texts: list[str], explain: bool
) -> list[tuple[list[Flag] | str, np.ndarray | None]]:
    if not texts:
        return []
    scored = getattr(detector, "scan_batch_scored", None)
    if scored is not None:
        try:
            return list(scored(texts, explain=explain))  # reasons need the model inputs
        except Exception:
            pass  # fall through: scan document by document, failures become errors
    return [(f, None) for f in detect_texts(detector, texts, explain)]
