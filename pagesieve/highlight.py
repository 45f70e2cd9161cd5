"""Cut a page's text into plain and flagged pieces, for anything that shows flags to a person."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from pagesieve.types import Flag, remove_flagged


class Piece(NamedTuple):
    """``text[start:end]``; ``flag`` is the index (into the sorted flags) covering it, or None."""

    start: int
    end: int
    flag: int | None


def sorted_flags(flags: Sequence[Flag]) -> list[Flag]:
    """Flags in reading order: the numbering every view uses."""
    return sorted(flags, key=lambda f: (f.start, f.end))


def pieces(text: str, flags: Sequence[Flag], limit: int | None = None) -> list[Piece]:
    """Consecutive pieces covering ``text[:limit]``. ``flags`` must be in reading order
    (:func:`sorted_flags`); overlaps are clipped and offsets past the text ignored, so a
    malformed flag cannot duplicate or misplace text."""
    n = len(text) if limit is None else min(limit, len(text))
    out: list[Piece] = []
    pos = 0
    for i, f in enumerate(flags):
        start, end = max(f.start, pos), min(f.end, n)
        if end <= start:
            continue
        if start > pos:
            out.append(Piece(pos, start, None))
        out.append(Piece(start, end, i))
        pos = end
    if pos < n:
        out.append(Piece(pos, n, None))
    return out


def removed_share(text: str, flags: Sequence[Flag]) -> float:
    """Share of the page's characters that ``--clean`` removes (flagged text and its breaks)."""
    if not text:
        return 0.0
    return 1.0 - len(remove_flagged(text, list(flags))) / len(text)
