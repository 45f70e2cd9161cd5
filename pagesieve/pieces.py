"""Scoring a batch in parts of bounded size, and a very long document in pieces.

Scoring holds arrays per character of the batch (about 40 bytes a character at the peak), so
the text scored at once is what bounds a worker's memory: a 10 MB document scored whole lifted
a process to 546 MB. Documents are grouped into parts of at most ``limit`` characters, and a
document longer than that is cut at line breaks into pieces, each read as a page of its own
(its page context is the piece's: a few thousand lines of a document that long).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain

import numpy as np

from pagesieve.segment import newline_text
from pagesieve.types import FlagColumns


@dataclass(frozen=True, slots=True)
class Pieces:
    """``texts`` cut from the documents of a batch, in order: piece ``k`` is
    ``document[doc[k]][offset[k]:offset[k] + len(texts[k])]``; between two pieces of a
    document there is one line break, or nothing where a line was cut inside."""

    texts: list[str]
    doc: np.ndarray
    offset: np.ndarray
    n_docs: int

    @classmethod
    def cut(cls, documents: list[str], limit: int) -> Pieces:
        """Each document whole, or, longer than ``limit``, cut at line breaks (which go to no
        piece) so that no piece is longer; a line longer than ``limit`` is cut inside."""
        texts: list[str] = []
        doc: list[int] = []
        offset: list[int] = []
        for d, text in enumerate(documents):
            start = 0
            lines = newline_text(text) if len(text) > limit else text
            while len(text) - start > limit:
                newline = lines.rfind("\n", start, start + limit + 1)
                end = newline if newline >= 0 else start + limit
                texts.append(text[start:end])
                doc.append(d)
                offset.append(start)
                start = end + 1 if newline >= 0 else end
            texts.append(text[start:])
            doc.append(d)
            offset.append(start)
        return cls(texts, np.array(doc, np.int64), np.array(offset, np.int64), len(documents))

    def parts(self, limit: int) -> Iterator[slice]:
        """Runs of consecutive pieces of at most ``limit`` characters together (one piece each
        at least)."""
        first, size = 0, 0
        for k, text in enumerate(self.texts):
            if k > first and size + len(text) > limit:
                yield slice(first, k)
                first, size = k, 0
            size += len(text)
        if self.texts:
            yield slice(first, len(self.texts))

    def join(self, parts: list[tuple[slice, FlagColumns]]) -> FlagColumns:
        """The flags of the pieces' parts, as flags of the documents they were cut from."""
        doc = np.concatenate(
            [np.repeat(self.doc[s], np.diff(cols.doc_ptr)) for s, cols in parts]
        ).astype(np.int64)
        shift = np.concatenate(
            [np.repeat(self.offset[s], np.diff(cols.doc_ptr)) for s, cols in parts]
        ).astype(np.int64)
        reasons = [cols.reason for _, cols in parts]
        return FlagColumns(
            doc_ptr=np.searchsorted(doc, np.arange(self.n_docs + 1)).astype(np.int64),
            start=np.concatenate([cols.start for _, cols in parts]) + shift,
            end=np.concatenate([cols.end for _, cols in parts]) + shift,
            label=np.concatenate([cols.label for _, cols in parts]),
            score=np.concatenate([cols.score for _, cols in parts]),
            reason=None if any(r is None for r in reasons) else list(chain.from_iterable(reasons)),
        )


def scan_in_parts(
    documents: list[str], limit: int, scan: Callable[[list[str]], FlagColumns]
) -> FlagColumns:
    """``scan(documents)``, with no call given more than ``limit`` characters (see the module)."""
    if sum(map(len, documents)) <= limit:
        return scan(documents)
    pieces = Pieces.cut(documents, limit)
    return pieces.join([(s, scan(pieces.texts[s])) for s in pieces.parts(limit)])
