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
    score_batch = getattr(detector, "score_batch", None)
    to_flags = getattr(detector, "flags_from_scores", None)
    if score_batch is not None and to_flags is not None:
        try:
            scores = score_batch(texts, keep_inputs=explain)  # reasons need the model inputs
            flags = to_flags(scores, explain=explain)
            ptr = scores.seg.doc_ptr
            p = np.asarray(scores.p_noise, dtype=float)
            return [(flags[i], p[ptr[i] : ptr[i + 1]]) for i in range(len(texts))]
        except Exception:
            pass  # fall through: scan document by document, failures become errors
    return [(f, None) for f in detect_texts(detector, texts, explain)]
