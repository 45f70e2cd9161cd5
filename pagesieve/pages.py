"""Pages for the commands a person reads (``report``, ``show``): read any input ``scan`` reads,
run the detector with reasons, and keep each page's text next to its flags.

``scan`` streams encoded rows through worker processes; these commands need the text, the flags
and (for the report) every paragraph's score together in one process, so they read through the
same readers and detect through the same per-document fallback, in batches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
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
    source: str | None = None  #: ``file:line`` or ``file:offset``, as in scan's error records


def id_text(doc_id: Any) -> str:
    """A record's id as ``scan`` writes it: a string as it is, anything else as JSON (``null``,
    ``true``, ``{"a": 1}``), so that what a person reads is what they can look up."""
    if isinstance(doc_id, str):
        return doc_id
    from pagesieve.writers import strict_dumps

    try:
        return strict_dumps(doc_id)
    except (TypeError, ValueError):
        return str(doc_id)


@dataclass(frozen=True, slots=True)
class SourcedDoc:
    """A decoded record and where it was read (``file:line|offset``; None for an input that
    could not be opened at all)."""

    source: str | None
    doc: Doc


def iter_docs(
    inputs: Sequence[str],
    fields: FieldSpec | None = None,
    on_note: Callable[[str], None] | None = None,
) -> Iterator[SourcedDoc]:
    """Every record of ``inputs`` (files, dirs, globs, ``-``), bad ones as error docs. A file
    given twice is read once, and ``on_note`` hears of it (as ``scan`` says it)."""
    from pagesieve.runner import _once_each

    fields = fields or FieldSpec()
    files, problems = expand_inputs(inputs)
    if not files:
        raise InputError("; ".join(problems) or "no input")
    files, notes = _once_each(files)
    for note in notes:
        if on_note is not None:
            on_note(note)
    for message in problems:
        yield SourcedDoc(None, Doc(None, None, None, message))
    for inp in files:
        for item in iter_raw(inp, fields):
            yield SourcedDoc(f"{inp.display}:{item[1]}", decode(item, inp.display, fields))


def scan_pages(
    detector: BatchScanner,
    docs: Iterable[Doc | SourcedDoc],
    batch_size: int = 64,
    explain: bool = True,
) -> Iterator[ScannedPage]:
    """Detect on ``docs`` in batches, in order; with a full :class:`Detector` the paragraph
    scores come from the same pass that makes the flags."""
    it = iter(docs)
    while batch := list(islice(it, batch_size)):
        sourced = [(d.source, d.doc) if isinstance(d, SourcedDoc) else (None, d) for d in batch]
        todo = [d for _, d in sourced if d.error is None and d.text and not d.text.isspace()]
        found = iter(_detect_batch(detector, [d.text for d in todo], explain))
        for source, d in sourced:
            if d.error is not None:
                yield ScannedPage(d.id, "", [], None, d.error, source)
            elif not d.text or d.text.isspace():
                yield ScannedPage(d.id, d.text or "", [], np.zeros(0), None, source)
            else:
                flags, scores = next(found)
                if isinstance(flags, str):
                    yield ScannedPage(d.id, d.text, [], None, flags, source)
                else:
                    yield ScannedPage(d.id, d.text, flags, scores, None, source)


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
