"""Tables an extractor renders one cell a line, inside an article.

A WET file or a text extractor writes every table cell on a line of its own: a filmography
becomes ``2008`` / ``Midnight Harbor`` / ``Ruth Aldane`` / ``Short film``, a season record
thirteen short lines a season. The model reads such a run as a menu and flags most of it, and
on reference pages (an encyclopedia's entry, a club's records, a film's box office) that was a
third of the article's lines. A table has what a menu has not: its cells' kinds come back with
the table's width (a year, a title, a name, a note; then a year again), and two of its columns
or more hold numbers. Such a run is kept when it follows the article's prose: a kept line of
prose a few lines above it and the table's header a few lines into the run (a heading, a
caption, never an ad's marker or a share bar), or another such table right above it; a run
may hold several tables (a box score's two teams, each under its name and header row), each a
few lines below the last. The same shapes in a sidebar (standings, market data, a medal table)
come after the page's furniture, or after a related list's headlines, and stay flagged. Six
blind audits measured it (``data/en_web/audit_tables_*``, bench/README session 59).
"""

from __future__ import annotations

import re

import numpy as np

from pagesieve.batch_scores import NO_ROWS, BatchScores, gather
from pagesieve.patterns import FURNITURE_LINE, SHARE_ITEM_LINE
from pagesieve.shape import SHAPE_NAMES

_FRAC_DIGIT = SHAPE_NAMES.index("frac_digit")

#: the longest line a cell can be (a longer line ends the run)
CELL_CHARS = 40
#: a kept line at least this long is the article's prose
PROSE_CHARS = 80
#: the table starts at most this many lines below the prose (or another such table): a
#: heading and a caption may sit between
PROSE_GAP = 3
#: below the prose, the table's header starts at most this many short lines into its run
#: (a heading, a caption, a unit note): a widget's table comes after a related list's headlines
TABLE_LEAD = 4
#: a run that is no one table is split this many times at most, at a stretch of text lines this
#: long at least (a team's name and its header row)
MAX_SPLITS, MIN_STRETCH = 3, 2
#: the widest table looked for, in cells a row, and the fewest rows
MAX_COLUMNS, MIN_ROWS = 16, 3
#: the share of cells whose kind is that of the cell a row below
AGREEMENT = 0.8
#: a narrower width fits as well as the best when its agreement is this close to the best's
_AS_WELL = 0.02
#: a column holds numbers (or text) when this share of its cells do
COLUMN_SHARE = 0.6
#: the fewest columns of numbers (a list of headlines with their dates has one)
NUMBER_COLUMNS = 2

#: the kinds of a cell, tried in this order; a cell none of them matches whole is text
_CELL_KINDS: tuple[tuple[str, str], ...] = (
    ("season", r"(?:1[89]|20)\d\d[–-]\d\d(?:\d\d)?"),
    ("year", r"(?:1[5-9]|20)\d\d"),
    ("count", r"[-+−]?\d{1,3}(?:,\d{3})*"),
    ("number", r"[-+−]?\(?\d+(?:[.,]\d+)*\)?"),
    ("rank", r"\d+(?:st|nd|rd|th|=|\.)"),
    ("percent", r"[-+−]?\(?\d+(?:[.,]\d+)?\s?%\)?"),
    (
        "money",
        r"(?:[A-Z]{0,3}\s?[$£€¥₹]|[A-Z]{3}\s)\s?\d[\d,.]*(?:\s?(?:m|bn|k|million|billion))?"
        r"|\d[\d,.]*\s?(?:[$£€¥₹]|[A-Z]{3})",
    ),
    ("score", r"\d{1,3}\s?[–:-]\s?\d{1,3}"),
    (
        "date",
        r"\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}"
        r"|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4}",
    ),
    ("time", r"\d{1,2}:\d\d(?::\d\d)?(?:\.\d+)?"),
    ("none", r"[—–\-−]|n/a|N/A"),
)
_CELL = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in _CELL_KINDS))
_TEXT = 0  #: a cell's kind code: text, or 1 + the index of its kind in ``_CELL_KINDS``
_NONE = len(_CELL_KINDS)  #: an empty cell's mark (``—``) is no number
_NUMBER_KINDS = np.arange(1, _NONE)


def _furniture(line: str) -> bool:
    """A line of page furniture alone (``Advertisement``, ``Share this story``, ``Facebook``):
    what stands over a widget, never over an article's table."""
    return bool(FURNITURE_LINE.match(line) or SHARE_ITEM_LINE.match(line))


def cell_kinds(lines: list[str]) -> np.ndarray:
    """Each line's kind of cell (``_TEXT``, or 1 + its index in ``_CELL_KINDS``)."""
    kinds = np.zeros(len(lines), dtype=np.int8)
    for i, line in enumerate(lines):
        m = _CELL.fullmatch(line)
        if m is not None:
            kinds[i] = m.lastindex or 0  # named groups are numbered in order, from 1
    return kinds


def table_period(kinds: np.ndarray) -> tuple[int, int, int] | None:
    """``(width, first, stop)``: the run's table, its cells a row and the span of its lines
    (``first`` to ``stop``, not included), or None. The width is read between the run's first
    and last numbers (a heading above, a footer's links below are no rows), the smallest that
    fits as well as the best does (a table of two columns fits four and six too)."""
    numeric = np.isin(kinds, _NUMBER_KINDS)
    at = np.flatnonzero(numeric)
    if len(at) < MIN_ROWS * NUMBER_COLUMNS:
        return None
    core = kinds[at[0] : at[-1] + 1]
    core_numeric = numeric[at[0] : at[-1] + 1]
    n = len(core)
    fits: dict[int, float] = {}
    for k in range(2, MAX_COLUMNS + 1):
        if n < (MIN_ROWS - 1) * k + 1:
            break
        agreement = float(np.mean(core[:-k] == core[k:]))
        if agreement >= AGREEMENT:
            fits[k] = agreement
    if not fits:
        return None
    best = max(fits, key=lambda k: (fits[k], -k))
    k = min(d for d in fits if best % d == 0 and fits[d] >= fits[best] - _AS_WELL)
    k = _narrowest(core, k)
    rows = -(-n // k) * k  # whole rows, the last padded with empty cells

    def columns(mask: np.ndarray) -> np.ndarray:
        padded = np.zeros(rows, dtype=bool)
        padded[:n] = mask
        return padded.reshape(-1, k).mean(axis=0)

    if (columns(core_numeric) >= COLUMN_SHARE).sum() < NUMBER_COLUMNS:
        return None
    if not (columns(core == _TEXT) >= COLUMN_SHARE).any():
        return None  # a calendar's days: numbers only
    # the table runs from the first to the last number in a column of numbers, whole rows:
    # the text lines after it (a footer's) agree with the text cells above them too
    agree = kinds[:-k] == kinds[k:]  # a line's kind is that of the line a row below
    numbers = np.flatnonzero(agree & numeric[:-k])
    if not len(numbers):
        return None
    first = int(numbers[0])
    while first > 0 and numbers[0] - first < k - 1 and agree[first - 1]:
        first -= 1
    last = int(numbers[-1]) + k  # the last number, a row below the last that agrees
    row_end = first + (last - first) // k * k + k  # the end of its row
    while last + 1 < min(len(kinds), row_end) and kinds[last + 1] == kinds[last + 1 - k]:
        last += 1
    return k, first, last + 1


def _narrowest(core: np.ndarray, k: int) -> int:
    """The narrowest width whose columns' kinds repeat across ``k``'s: a list of labels and
    counts read as two rows a line (``开心`` ``0`` ``板砖`` ``0``) has one column of numbers,
    not two."""
    rows = len(core) // k * k
    if rows < k:
        return k
    grid = core[:rows].reshape(-1, k)
    usual = np.array([np.bincount(grid[:, j]).argmax() for j in range(k)])
    for d in range(1, k):
        if k % d == 0 and (usual == np.tile(usual[:d], k // d)).all():
            return max(d, 2)
    return k


def run_tables(kinds: np.ndarray, splits: int = MAX_SPLITS) -> list[tuple[int, int]]:
    """The tables of a run of cells, in order, each as ``(head, end)``: its header row's first
    line and the line after its last row. A run may hold several tables (a box score's two
    teams, each under its name and header row, a batting card over a bowling card): where the
    run is no one table, it is split at its longest stretch of text lines between two numbers
    (a team's name and a header row), the stretch going with the table below it."""
    found = table_period(kinds)
    if found is not None:
        k, first, end = found
        head = first  # the header row above the first periodic line: a row of text cells
        while head > 0 and first - head < k and kinds[head - 1] == _TEXT:
            head -= 1
        tables = [(head, end)]
        if splits and len(kinds) - end >= MIN_ROWS * 2:
            tables += [(h + end, e + end) for h, e in run_tables(kinds[end:], splits - 1)]
        return tables
    if not splits:
        return []
    numbers = np.flatnonzero(np.isin(kinds, _NUMBER_KINDS))
    if len(numbers) < 2 * MIN_ROWS * NUMBER_COLUMNS:
        return []
    # the stretches of text lines between the first and the last number
    text = kinds[numbers[0] : numbers[-1]] == _TEXT
    edges = np.flatnonzero(np.diff(np.concatenate(([0], text.view(np.int8), [0]))))
    if not len(edges):
        return []
    starts, ends = edges[::2], edges[1::2]
    longest = int(np.argmax(ends - starts))
    if ends[longest] - starts[longest] < MIN_STRETCH:
        return []
    cut = int(numbers[0] + starts[longest])
    left = run_tables(kinds[:cut], splits - 1)
    right = [(h + cut, e + cut) for h, e in run_tables(kinds[cut:], splits - 1)]
    return left + right


def cell_table_rows(scores: BatchScores, flagged: np.ndarray) -> np.ndarray:
    """Flagged rows of the tables rendered one cell a line below an article's prose. Only the
    runs of short lines that hold a flagged line and six with digits are read, with numpy,
    before any line's text is."""
    seg = scores.seg
    n = len(seg)
    if n == 0:
        return NO_ROWS
    lengths = seg.ends - seg.starts
    short = lengths <= CELL_CHARS
    prose = ~flagged & (lengths >= PROSE_CHARS)
    # runs of short lines within a page: from a short line after a long one (or a page's
    # first line) to the next long line or page
    first_of_page = np.zeros(n, dtype=bool)
    first_of_page[seg.doc_ptr[:-1][seg.doc_ptr[:-1] < n]] = True
    after_long = np.concatenate(([True], ~short[:-1]))
    starts = np.flatnonzero(short & (first_of_page | after_long))
    stoppers = np.append(np.flatnonzero(~short | first_of_page), n)
    stop = stoppers[np.searchsorted(stoppers, starts, side="right")]
    # a table of two number columns and three rows has six lines with digits, and the model
    # flagged some of it
    digits = np.concatenate(([0], np.cumsum(scores.shape[:, _FRAC_DIGIT] > 0)))
    marks = np.concatenate(([0], np.cumsum(flagged)))
    keep = (
        (stop - starts >= MIN_ROWS * 2)
        & (digits[stop] - digits[starts] >= MIN_ROWS * NUMBER_COLUMNS)
        & (marks[stop] - marks[starts] > 0)
    )
    out: list[int] = []
    last_table_row = -1
    for a, b in zip(starts[keep].tolist(), stop[keep].tolist()):
        doc = int(seg.doc[a])
        lo = int(seg.doc_ptr[doc])
        near = slice(max(lo, a - PROSE_GAP), a)
        after_table = lo <= last_table_row and a - last_table_row <= PROSE_GAP
        # the line above the run (a long one) is the article's, not furniture's
        below_prose = a > lo and not flagged[a - 1] and prose[near].any()
        if not (after_table or below_prose):
            continue
        kinds = cell_kinds(gather(seg.paragraphs, np.arange(a, b)))
        # the first table's header starts a few lines into the run (a heading, a caption; a
        # widget comes after a related list's headlines), under no line of page furniture (an
        # ad's marker, a share bar), also after a table; each next table a few lines below
        # the last (a team's name over its header row)
        anchor = 0
        for head, end in run_tables(kinds):
            if head - anchor > TABLE_LEAD:
                break
            if anchor == 0 and any(map(_furniture, gather(seg.paragraphs, np.arange(a, a + head)))):
                break
            rows = np.arange(a + head, a + end)
            out.extend(rows[flagged[rows]].tolist())
            last_table_row = a + end - 1
            anchor = end
    return np.asarray(out, dtype=np.int64)
