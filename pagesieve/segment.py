"""Split page text into paragraphs (its non-blank lines) with exact ``str`` offsets.

Paragraphs are lines, as in WET records and FineWeb/C4 JSONL. A batch of documents is segmented
at once so that every later step works on flat arrays instead of per-document Python loops.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(slots=True)
class Segments:
    """The paragraphs of a batch of documents, flattened.

    ``starts``/``ends`` are offsets into the document's own text; ``doc`` says which document
    a paragraph belongs to; ``doc_ptr[d]:doc_ptr[d + 1]`` are document ``d``'s paragraphs.
    """

    texts: list[str]
    paragraphs: list[str]
    doc: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    doc_ptr: np.ndarray

    @property
    def n_docs(self) -> int:
        return len(self.doc_ptr) - 1

    def __len__(self) -> int:
        return len(self.paragraphs)


def segment_batch(texts: list[str]) -> Segments:
    """Paragraphs of every document: non-blank lines, stripped of surrounding whitespace."""
    paragraphs: list[str] = []
    doc_parts: list[np.ndarray] = []
    start_parts: list[np.ndarray] = []
    end_parts: list[np.ndarray] = []
    counts = np.zeros(len(texts), dtype=np.int64)
    for d, text in enumerate(texts):
        lines = text.split("\n")
        lens = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
        line_starts = np.zeros(len(lines), dtype=np.int64)
        np.cumsum(lens[:-1] + 1, out=line_starts[1:])
        stripped_left = list(map(str.lstrip, lines))
        lead = lens - np.fromiter(map(len, stripped_left), dtype=np.int64, count=len(lines))
        stripped = list(map(str.rstrip, stripped_left))
        kept_lens = np.fromiter(map(len, stripped), dtype=np.int64, count=len(lines))
        keep = kept_lens > 0
        if not keep.all():
            idx = np.flatnonzero(keep)
            stripped = [stripped[i] for i in idx]
        starts = (line_starts + lead)[keep]
        ends = starts + kept_lens[keep]
        paragraphs.extend(stripped)
        start_parts.append(starts)
        end_parts.append(ends)
        counts[d] = len(starts)
        doc_parts.append(np.full(len(starts), d, dtype=np.int32))
    doc_ptr = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(counts, out=doc_ptr[1:])

    def cat(parts: list[np.ndarray], dtype: type) -> np.ndarray:
        return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)

    return Segments(
        texts=texts,
        paragraphs=paragraphs,
        doc=cat(doc_parts, np.int32),
        starts=cat(start_parts, np.int64),
        ends=cat(end_parts, np.int64),
        doc_ptr=doc_ptr,
    )


def segment_paragraph_lists(docs: list[list[str]]) -> Segments:
    """Segments for documents already given as paragraph lists (the labeled corpus schema).

    Paragraphs must map one-to-one to lines so that labels stay aligned.
    """
    seg = segment_batch(["\n".join(paras) for paras in docs])
    if len(seg) != sum(len(p) for p in docs):
        raise ValueError(
            "paragraph lists with blank paragraphs or embedded line breaks cannot be aligned to labels"
        )
    return seg
