"""The paragraphs of a batch joined once, shared by every feature that scans text."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pagesieve.hanzi import fold_lines, fold_paragraphs


def lower_in_place(text: str) -> str:
    """``text`` lower-cased, the same length, so that offsets found in it are ``text``'s: a
    character that lower-cases to two (``İ``) is kept as it is. Then no final sigma either."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def join_paragraphs(paragraphs: list[str]) -> tuple[str, np.ndarray]:
    """``paragraphs`` joined with newlines, and where each starts in the joined string."""
    lens = np.fromiter(map(len, paragraphs), dtype=np.int64, count=len(paragraphs))
    starts = np.zeros(len(paragraphs), dtype=np.int64)
    np.cumsum(lens[:-1] + 1, out=starts[1:])
    return "\n".join(paragraphs), starts


@dataclass(slots=True)
class JoinedParagraphs:
    """Paragraphs joined with newlines, as written and as the features read them: Traditional
    Chinese lines in Simplified characters, lower-cased (the same length, the same offsets)."""

    joined: str
    lowered: str
    n: int
    starts: np.ndarray  #: where each paragraph starts in ``joined``
    #: the paragraphs read in Simplified characters (:mod:`pagesieve.hanzi`), by index
    folded: np.ndarray
    #: lowered one character at a time (some character lower-cases to two): then no final sigma
    per_char_lower: bool = False

    @classmethod
    def of(cls, paragraphs: list[str]) -> JoinedParagraphs:
        joined, starts = join_paragraphs(paragraphs)
        read, folded = fold_lines(joined)  # Han characters have no case: fold, then lower
        lowered = read.lower()  # once: a batch's text is megabytes
        per_char = len(lowered) != len(read)
        if per_char:
            lowered = lower_in_place(read)
        return cls(joined, lowered, len(paragraphs), starts, folded, per_char)

    def read_paragraphs(self, paragraphs: list[str]) -> list[str]:
        """The paragraphs this was joined from (``paragraphs``) as the features read them."""
        return fold_paragraphs(paragraphs, self.folded)

    @property
    def ends(self) -> np.ndarray:
        """Where each paragraph ends in ``joined`` (the newline after it)."""
        return np.append(self.starts[1:] - 1, len(self.joined)) if self.n else self.starts

    def paragraph_of(self, positions: list[int] | np.ndarray) -> np.ndarray:
        """The paragraph each position of ``joined`` falls in."""
        return np.searchsorted(self.starts, np.asarray(positions), side="right") - 1
