"""Lists whose items end in a date, found by their stamps, and most-read lists ranked by count.

A forum's index of replies (``谁忽悠了你？【版主】08-11 16:06 298字 [4321/87]``), related
headlines stamped with their time (``昌河爱迪尔杀入广东(11/10 00:00)``), a blog's weekly archive
(``2006.12.17 - 2006.12.23``), signed comments (``by Local 881 UFCW, 12/15/06 12:34``): the
paragraph model reads each item as a headline on the page's topic and keeps many of them (on
``zh/pages`` without its encyclopedia entry, such lists are most of what it misses after the
readers' threads). On the labeled pages that are not test sets (``pages/train`` and ``dev``,
``zh/pages``, the written training and calibration pages) no article line is in such a run, and
none of 17,578 clean Chinese articles is: a date after a field's colon (``截止日期：2011年11月28日``)
is no item. But an article does hold such lists of its own: of the article lines 44 pages
written to trip the rule hold in such lists (aftershocks, fixtures, a changelog, references, a
court's calendar, flights), its first version took 70 of 83. Those lists are introduced by a
sentence ending in a colon, and the model reads their items as the article around them: a list
so introduced is left, and an item the model scores under ``ITEM_MIN_P``. Then 1 of the 83 is
taken, and 297 of the 303 noise lines of the labeled pages still are.

A stamp is a date with its year (``2024-05-10``, ``12/15/24``, ``10.05.2024``), or a month and
day with a time of day (``11/10`` alone is a fraction or a score), at the end of a line of at
most ``ITEM_CHARS`` characters, after at least ``_LEAD_CHARS`` characters of the item, with at
most a count after it (``298字``, ``[836]``).
"""

from __future__ import annotations

import re

import numpy as np

from pagesieve.batch_text import join_paragraphs
from pagesieve.segment import Segments

_TIME = r"\d{1,2}:\d\d(?::\d\d)?"
#: an item's stamp at the end of its line, and the counts a forum or a list puts after it
STAMP_END = re.compile(
    r"(?<![\d:：/.年-])[(（\[【]?"
    rf"(?:(?:19|20)\d\d[-/.年]\d{{1,2}}[-/.月]\d{{1,2}}日?(?:[ \t]*{_TIME})?"
    rf"|(?:\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d\d)|\d{{1,2}}[-.]\d{{1,2}}[-.](?:19|20)\d\d)(?:[ \t]*{_TIME})?"
    rf"|\d{{1,2}}[-/.月]\d{{1,2}}日?[ \t]+{_TIME})"
    r"[)）\]】]?(?:[ \t]*\d+字)?(?:[ \t]*[\[(（]\d+(?:/\d+)?[\])）])?[ \t]*$",
    re.M,
)
#: the fewest stamped items of a list, and the most lines from one item to the next
LIST_ITEMS, ITEM_GAP = 3, 2
#: the longest line read as an item
ITEM_CHARS = 120
#: the least paragraph score of an item flagged: an article's own list (aftershocks with their
#: times, fixtures, a changelog) reads as the article around it, a list of links as navigation
ITEM_MIN_P = 0.1
#: the longest line over a list that is its label (``回复线索：``), not a sentence introducing it
_LABEL_CHARS = 8
#: the fewest characters of an item before its stamp (a line that is a date alone is a
#: dateline or a timeline's)
_LEAD_CHARS = 4
#: what an item's line can end with (paragraphs are stripped)
_LAST_CHARS = frozenset("0123456789)）]】日字")
#: an item's text never ends with a field's label before the stamp (``截止日期：2011年11月28日``)
_FIELD_END = re.compile(r"[:：][ \t]*[(（\[【]?$")


def dated_list_rows(seg: Segments, flagged: np.ndarray, p_noise: np.ndarray) -> np.ndarray:
    """Rows of ``seg`` (not ``flagged`` already) that are items of a dated list, where the
    paragraph model gives the item at least ``ITEM_MIN_P``."""
    # only a line that ends as a stamp or a count does can be an item: the pattern, which
    # cannot start from a line's end, reads only those
    rows, lines, joined, starts = _items_ending_in(seg, _LAST_CHARS)
    if len(rows) < LIST_ITEMS:
        return rows[:0]
    at = [m.start() for m in STAMP_END.finditer(joined)]
    if len(at) < LIST_ITEMS:
        return rows[:0]
    index = np.searchsorted(starts, at, "right") - 1
    lead = np.asarray(at) - starts[index]
    keep = [
        i
        for i, n in zip(index.tolist(), lead.tolist())
        if n >= _LEAD_CHARS and not _FIELD_END.search(lines[i], 0, n)
    ]
    items = rows[keep]
    if len(items) < LIST_ITEMS:
        return rows[:0]
    # runs of items: consecutive ones at most ITEM_GAP lines apart, on the same page
    doc = seg.doc[items]
    cut = np.flatnonzero((np.diff(items) > ITEM_GAP) | (np.diff(doc) != 0)) + 1
    runs = [
        run
        for run in np.split(items, cut)
        if len(run) >= LIST_ITEMS and not _introduced(seg, int(run[0]))
    ]
    if not runs:
        return rows[:0]
    hit = np.concatenate(runs)
    return hit[~flagged[hit] & (p_noise[hit] >= ITEM_MIN_P)]


#: a ranked item with its count (``3. 吴宗宪的女儿…(6210)``, ``7. Tomcat配置技巧Top 10(7)``)
RANKED_COUNT = re.compile(
    r"^[ \t]*(\d{1,2})[.、．)][ \t]*\S[^\n]{0,150}?[(（](\d{1,7})[)）][ \t]*$", re.M
)
#: a count between these is a year (a publications list, newest first), not a count of readers
_YEARS = range(1900, 2031)
#: what a ranked item's line ends with
_COUNT_LAST_CHARS = frozenset(")）")


def ranked_count_rows(seg: Segments, flagged: np.ndarray) -> np.ndarray:
    """Rows of ``seg`` (not ``flagged`` already) that are items of a most-read list: three
    lines or more in a row, ranked 1, 2, 3… and each ending in a count, the counts never
    rising. On the labeled pages that are not test sets, 23 lines are such items, all noise
    (the shipped model takes 22; models fitted on articles with numbered lists of their own,
    session 48's, read such lines as article); no article's numbered list ends each item in a
    falling count, and years are no counts (a bibliography newest first)."""
    rows, _, joined, starts = _items_ending_in(seg, _COUNT_LAST_CHARS)
    if len(rows) < LIST_ITEMS:
        return rows[:0]
    found = [(m.start(), int(m[1]), int(m[2])) for m in RANKED_COUNT.finditer(joined)]
    if len(found) < LIST_ITEMS:
        return rows[:0]
    index = np.searchsorted(starts, [a for a, _, _ in found], "right") - 1
    items = rows[index]
    rank = np.array([r for _, r, _ in found])
    count = np.array([c for _, _, c in found])
    # runs: the next line, the next rank, on the same page
    cut = (
        np.flatnonzero(
            (np.diff(items) != 1) | (np.diff(rank) != 1) | (np.diff(seg.doc[items]) != 0)
        )
        + 1
    )
    runs = [
        (run, counts)
        for run, counts in zip(np.split(items, cut), np.split(count, cut))
        if len(run) >= LIST_ITEMS
        and bool(np.all(np.diff(counts) <= 0))
        and not all(int(c) in _YEARS for c in counts)
    ]
    if not runs:
        return rows[:0]
    hit = np.concatenate([run for run, _ in runs])
    return hit[~flagged[hit]]


def _items_ending_in(
    seg: Segments, last_chars: frozenset[str]
) -> tuple[np.ndarray, list[str], str, np.ndarray]:
    """The rows of the lines short enough for an item that end in one of ``last_chars``, their
    lines, and the lines joined with each one's start there (for a pattern anchored at line
    starts, run once over all of them)."""
    short = np.flatnonzero(seg.ends - seg.starts <= ITEM_CHARS)
    paragraphs = seg.paragraphs
    rows = short[[paragraphs[i][-1:] in last_chars for i in short.tolist()]]
    lines = [paragraphs[i] for i in rows.tolist()]
    joined, starts = join_paragraphs(lines)
    return rows, lines, joined, starts


def introduces_list(line: str, label_chars: int = _LABEL_CHARS) -> bool:
    """Whether ``line``, over a list, is a sentence that introduces it (``Seismologists recorded
    these aftershocks:``, ``余震情况如下：``): the article's own list, not a list's label
    (``回复线索：``, ``Archives:``) of at most ``label_chars`` characters."""
    return line.endswith((":", "：")) and len(line) > label_chars


def _introduced(seg: Segments, first: int) -> bool:
    """Whether the line over a list, on its page, introduces it (``introduces_list``)."""
    if first == int(seg.doc_ptr[seg.doc[first]]):
        return False
    return introduces_list(seg.paragraphs[first - 1])
