"""Split page text into paragraphs (its non-blank lines) with exact ``str`` offsets.

Paragraphs are lines, as in WET records and FineWeb/C4 JSONL. A batch of documents is segmented
at once so that every later step works on flat arrays instead of per-document Python loops.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain, compress

import numpy as np

#: What ends a line besides ``\n`` (and ``\r\n``): a lone ``\r`` (old Mac text), the Unicode
#: line and paragraph separators (text taken from JSON or JavaScript). Read as ``\n``, a page
#: written with them is lines, not one paragraph a flag would take whole. Not ``\x85``: in text
#: decoded as Latin-1 that Windows-1252 wrote it is an ellipsis inside a sentence.
_OTHER_LINE_BREAK = re.compile("\r(?!\n)|[\u2028\u2029]")


def newline_text(text: str) -> str:
    """``text`` with every line break read as ``\n``: the same length, so offsets into it are
    offsets into ``text``."""
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        return _OTHER_LINE_BREAK.sub("\n", text)
    return text


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
    """Paragraphs of every document: non-blank lines (``newline_text``), stripped of
    surrounding whitespace.

    The lines of all documents are handled as one flat list (a few numpy calls per batch, not
    per document: a batch holds hundreds of pages, some of a few lines).
    """
    split = [newline_text(text).split("\n") for text in texts]
    line_counts = np.fromiter(map(len, split), dtype=np.int64, count=len(split))
    lines = list(chain.from_iterable(split))
    n = len(lines)
    lens = np.fromiter(map(len, lines), dtype=np.int64, count=n)
    # where each line starts in its document: where it would start in all documents joined with
    # newlines, less where its document's first line would (every text has a line: split gives one)
    joined_starts = np.cumsum(lens + 1) - (lens + 1)
    first_line = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(line_counts[:-1], out=first_line[1:])
    doc_of_line = np.repeat(np.arange(len(texts), dtype=np.int64), line_counts)
    line_starts = joined_starts - joined_starts[first_line][doc_of_line]
    stripped_left = list(map(str.lstrip, lines))
    lead = lens - np.fromiter(map(len, stripped_left), dtype=np.int64, count=n)
    stripped = list(map(str.rstrip, stripped_left))
    kept_lens = np.fromiter(map(len, stripped), dtype=np.int64, count=n)
    keep = kept_lens > 0
    paragraphs = stripped if keep.all() else list(compress(stripped, keep.tolist()))
    starts = (line_starts + lead)[keep]
    doc = doc_of_line[keep]
    doc_ptr = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.bincount(doc, minlength=len(texts)), out=doc_ptr[1:])
    return Segments(
        texts=texts,
        paragraphs=paragraphs,
        doc=doc.astype(np.int32),
        starts=starts,
        ends=starts + kept_lens[keep],
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
