"""Value types shared by the detector, the readers/writers and the CLI."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from typing import Protocol

import numpy as np

#: Labels a flag can carry, in a fixed order (the model's class order after "article").
LABELS: tuple[str, ...] = (
    "ad",
    "placeholder",
    "link_notice",
    "keyword_injection",
    "navigation",
    "boilerplate",
    "comment",
    "other",
)
#: Each label's index in :data:`LABELS` (the ``label`` column of :class:`FlagColumns`).
LABEL_INDEX: dict[str, int] = {label: i for i, label in enumerate(LABELS)}


@dataclass(frozen=True, slots=True)
class Flag:
    """A region of a document's text that does not belong to its article.

    ``start``/``end`` are Python ``str`` indices into the original text (code points, not bytes).
    """

    start: int
    end: int
    label: str
    score: float
    reason: str = field(default="", compare=False)

    def to_json(self, explain: bool = False) -> dict:
        out = {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "score": round(self.score, 4),
        }
        if explain and self.reason:
            out["reason"] = self.reason
        return out


_new_object = object.__new__
_FLAG_SLOT_SETTERS = tuple(
    getattr(Flag, name).__set__ for name in ("start", "end", "label", "score", "reason")
)


def flags_of(
    starts: Iterable[int],
    ends: Iterable[int],
    labels: Iterable[str],
    scores: Iterable[float],
    reasons: Iterable[str] | None = None,
) -> list[Flag]:
    """``list(map(Flag, starts, ends, labels, scores, reasons))``, 1.4x as fast for the hundreds
    of thousands of flags of a large scan: a frozen dataclass's ``__init__`` sets each field
    through ``object.__setattr__``, here each slot's own setter does it."""
    set_start, set_end, set_label, set_score, set_reason = _FLAG_SLOT_SETTERS
    out = []
    append = out.append
    for start, end, label, score, reason in zip(
        starts, ends, labels, scores, repeat("") if reasons is None else reasons
    ):
        flag = _new_object(Flag)
        set_start(flag, start)
        set_end(flag, end)
        set_label(flag, label)
        set_score(flag, score)
        set_reason(flag, reason)
        append(flag)
    return out


@dataclass(frozen=True, slots=True)
class FlagColumns:
    """A batch's flags as columns, before any :class:`Flag` exists.

    A scan that writes only JSON needs no object per flag, and a crawl's navigation-heavy
    pages give hundreds of thousands of flags a chunk. Document ``i``'s flags are rows
    ``doc_ptr[i]:doc_ptr[i + 1]``, in text order.
    """

    doc_ptr: np.ndarray  #: int64, one more than there are documents
    start: np.ndarray  #: int64, ``str`` offsets into the document's text
    end: np.ndarray  #: int64
    label: np.ndarray  #: int64 index into :data:`LABELS`
    score: np.ndarray  #: float64
    reason: list[str] | None = None

    @property
    def n_docs(self) -> int:
        return len(self.doc_ptr) - 1

    @classmethod
    def from_lists(cls, flags: list[list[Flag]]) -> FlagColumns:
        """The columns of per-document flag lists (labels must be in :data:`LABELS`)."""
        every = [f for doc in flags for f in doc]
        doc_ptr = np.zeros(len(flags) + 1, dtype=np.int64)
        np.cumsum([len(doc) for doc in flags], out=doc_ptr[1:])
        return cls(
            doc_ptr=doc_ptr,
            start=np.array([f.start for f in every], dtype=np.int64),
            end=np.array([f.end for f in every], dtype=np.int64),
            label=np.array([LABEL_INDEX[f.label] for f in every], dtype=np.int64),
            score=np.array([f.score for f in every], dtype=np.float64),
            reason=[f.reason for f in every],
        )

    def lists(self) -> list[list[Flag]]:
        """Each document's flags as :class:`Flag` objects."""
        flags = flags_of(
            self.start.tolist(),
            self.end.tolist(),
            [LABELS[k] for k in self.label.tolist()],
            self.score.tolist(),
            self.reason,
        )
        bounds = self.doc_ptr.tolist()
        return [flags[a:b] for a, b in zip(bounds[:-1], bounds[1:])]

    def label_counts(self) -> dict[str, int]:
        """Flags per label over the batch (labels with none left out)."""
        counts = np.bincount(self.label, minlength=len(LABELS)).tolist()
        return {label: n for label, n in zip(LABELS, counts) if n}


def count_labels(flags: Iterable[Flag], counts: dict[str, int]) -> None:
    """Add each flag to ``counts`` under its label (a scan's flags-per-label summary)."""
    for f in flags:
        counts[f.label] = counts.get(f.label, 0) + 1


class BatchScanner(Protocol):
    """What the batch machinery needs from a detector."""

    def scan_batch(self, texts: list[str], explain: bool = False) -> list[list[Flag]]: ...


def flagged_fraction(text: str, flags: list[Flag]) -> float:
    """Share of the text's non-blank characters inside flags: how much of the page is not article."""
    if not flags:
        return 0.0
    total = len("".join(text.split()))
    if total == 0:
        return 0.0
    covered = 0
    pos = 0
    for f in sorted(flags, key=lambda f: f.start):
        start, end = _inside(f, len(text))
        start = max(start, pos)
        if end > start:
            covered += len("".join(text[start:end].split()))
            pos = end
    return min(covered / total, 1.0)


def _inside(flag: Flag, n: int) -> tuple[int, int]:
    """The flag's offsets, refused when they lie outside a text of ``n`` characters: another
    text's flags would cut this one at random (a negative start repeated part of it)."""
    if not 0 <= flag.start <= n or not 0 <= flag.end <= n:
        raise ValueError(f"flag {flag.start}-{flag.end} lies outside the text (0-{n})")
    return flag.start, flag.end


def _join(spans: list[list[int]], start: int, end: int) -> None:
    """Add ``[start, end)`` to ``spans`` (sorted by start), merged with the last one it meets."""
    if spans and start <= spans[-1][1]:
        spans[-1][1] = max(spans[-1][1], end)
    else:
        spans.append([start, end])


def remove_flagged(text: str, flags: list[Flag]) -> str:
    """Cut flagged regions out of ``text``; a flagged whole line takes its line break with it.

    A line is flagged as its stripped text, and may be flagged in pieces (a line longer than
    what is scored at once, a line of two flagged phrases): flags on one line with only blanks
    between them are one region, and a region with only blanks around it on its line is that
    whole line. The text ends as if the lines cut from its end were never there: with the break
    before them gone, however many they were and whatever blanks end the last one; a text that
    ends in a line break keeps one. A line ends where ``segment`` ends it (``\n``, ``\r\n``, a
    lone ``\r``, U+2028, U+2029).
    """
    if not flags:
        return text
    from pagesieve.patterns import line_around, line_breaks
    from pagesieve.segment import newline_text

    n = len(text)
    lines = newline_text(text)  # where lines end, whatever ends them; cut from ``text``
    regions: list[list[int]] = []
    for f in sorted(flags, key=lambda f: f.start):
        start, end = _inside(f, n)
        if end <= start:
            continue
        if regions and "\n" not in (gap := lines[regions[-1][1] : start]) and not gap.strip():
            start = regions[-1][1]  # only blanks since the last flag on its line: one region
        _join(regions, start, end)
    # each region's line, by bisection in the line ends, and whether only blanks stand between
    # it and its line's ends, read once per line in each direction: searching and stripping back
    # to a line's start from each region was quadratic in the flags of one long line
    breaks = line_breaks(lines)
    bounds = [
        (line_around(breaks, start)[0], line_around(breaks, end)[1]) for start, end in regions
    ]
    blank_before = _blank_to_line_end(text, [r[0] for r in regions], [b[0] for b in bounds])
    blank_after = _blank_to_line_end(
        text, [r[1] for r in reversed(regions)], [b[1] for b in reversed(bounds)]
    )[::-1]
    cuts: list[list[int]] = []
    for (start, end), (first, last), before, after in zip(
        regions, bounds, blank_before, blank_after
    ):
        if before and after:
            start, end = first, min(last + 1, n)
        _join(cuts, start, end)
    last_line_cut = bool(cuts) and cuts[-1][1] == n and not lines.endswith("\n")
    if last_line_cut and cuts[-1][0] > 0 and lines[cuts[-1][0] - 1] == "\n":
        start = cuts.pop()[0] - 1  # the last lines went whole: the break before them goes too
        if start > 0 and lines[start - 1] == "\r":
            start -= 1
        _join(cuts, start, n)
    return without_spans(text, cuts)


def _blank_to_line_end(text: str, points: list[int], ends: list[int]) -> list[bool]:
    """Whether only blanks stand between each point and ``ends[i]``, its line's start or its
    end; the points of a line come nearest that boundary first, so each stretch of the line is
    read once, and once a line shows a non-blank character every later point of it does too."""
    out: list[bool] = []
    line, known, blank = None, 0, True
    for point, end in zip(points, ends):
        if end != line:
            line, known, blank = end, end, True
        if blank:
            lo, hi = (known, point) if known <= point else (point, known)
            blank = not text[lo:hi].strip()
            known = point
        out.append(blank)
    return out


def without_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` without the characters any of ``spans`` covers (in any order, overlapping or
    not)."""
    kept, at = [], 0
    for start, end in sorted(spans):
        kept.append(text[at : max(at, start)])
        at = max(at, end)
    kept.append(text[at:])
    return "".join(kept)


class DisjointSpans:
    """Spans of one paragraph that overlap no other, kept sorted: whether a new one overlaps
    them is found by bisection (a paragraph of thousands of splices was read span by span for
    each candidate, 85 million comparisons for one line of 152,000 characters)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, start: int, end: int) -> bool:
        """Keep ``[start, end)`` if it overlaps none of the spans kept; whether it was kept."""
        i = bisect.bisect_left(self._starts, end)  # the spans that start before it ends
        if i and self._ends[i - 1] > start:  # disjoint and sorted: the last ends latest
            return False
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True
