"""Scoring a batch in parts of bounded size, and a very long document in pieces.

Scoring holds arrays per character of the batch (about 40 bytes a character at the peak), so
the text scored at once is what bounds a worker's memory: a 10 MB document scored whole lifted
a process to 546 MB. Documents are grouped into parts of at most ``limit`` characters, and a
document longer than that is cut at line breaks into pieces, each read as a page of its own
(its page context is the piece's: a few thousand lines of a document that long).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import overload

import numpy as np

from pagesieve.segment import newline_text
from pagesieve.types import FlagColumns


class PieceTexts(Sequence[str]):
    """The pieces' texts, each cut from its document when asked for: the pieces of a long
    document held all at once were a second copy of it (40 MB for 10 million characters held
    four bytes each, as one emoji makes Python hold a whole string)."""

    def __init__(
        self, documents: list[str], doc: np.ndarray, start: np.ndarray, end: np.ndarray
    ) -> None:
        self._documents = documents
        self._bounds = list(zip(doc.tolist(), start.tolist(), end.tolist()))

    def __len__(self) -> int:
        return len(self._bounds)

    @overload
    def __getitem__(self, k: int) -> str: ...

    @overload
    def __getitem__(self, k: slice) -> list[str]: ...

    def __getitem__(self, k: int | slice) -> str | list[str]:
        if isinstance(k, slice):
            return [self._documents[d][a:b] for d, a, b in self._bounds[k]]
        d, a, b = self._bounds[k]
        return self._documents[d][a:b]  # a whole document is the same string, not a copy

    def length(self, k: int) -> int:
        _, a, b = self._bounds[k]
        return b - a


@dataclass(frozen=True, slots=True)
class Pieces:
    """``texts`` cut from the documents of a batch, in order: piece ``k`` is
    ``document[doc[k]][offset[k]:offset[k] + len(texts[k])]``; between two pieces of a
    document there is one line break, or nothing where a line was cut inside."""

    texts: PieceTexts
    doc: np.ndarray
    offset: np.ndarray
    n_docs: int

    @classmethod
    def cut(cls, documents: list[str], limit: int) -> Pieces:
        """Each document whole, or, longer than ``limit``, cut at line breaks (which go to no
        piece) so that no piece is longer; a line longer than ``limit`` is cut inside."""
        ends: list[int] = []
        doc: list[int] = []
        offset: list[int] = []
        for d, text in enumerate(documents):
            start = 0
            lines = newline_text(text) if len(text) > limit else text
            while len(text) - start > limit:
                newline = lines.rfind("\n", start, start + limit + 1)
                end = newline if newline >= 0 else start + limit
                ends.append(end)
                doc.append(d)
                offset.append(start)
                start = end + 1 if newline >= 0 else end
            ends.append(len(text))
            doc.append(d)
            offset.append(start)
        doc_, offset_ = np.array(doc, np.int64), np.array(offset, np.int64)
        texts = PieceTexts(documents, doc_, offset_, np.array(ends, np.int64))
        return cls(texts, doc_, offset_, len(documents))

    def parts(self, limit: int) -> Iterator[slice]:
        """Runs of consecutive pieces of at most ``limit`` characters together (one piece each
        at least)."""
        first, size = 0, 0
        for k in range(len(self.texts)):
            length = self.texts.length(k)
            if k > first and size + length > limit:
                yield slice(first, k)
                first, size = k, 0
            size += length
        if len(self.texts):
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
