"""The lines over an injected ad that belong to it: its product line and its maker's blurb.

A maker's blurb reads as prose (``Taihang Power began making rechargeable batteries in 1956,
our nickel cadmium battery…``), so the paragraph model, which has seen no ad line that long,
keeps it, and the product line over it (``Nickel Cadmium Alkaline Battery``) reads as a
heading. What gives both away is their vocabulary: it is the ad's, below them (``Nickel
Cadmium Rechargeable Battery,Alkaline Nicd Batteries,…``), and not the article's. A line the
page's article shares as many words with is left alone: an article about batteries keeps its
last paragraph over a battery maker's ad.

An ad's line the model itself is unsure of is read the same way (``foreign_ad_lines``): one
that stage 1 reads as an ad, whose words the page's other lines do not use; and a consumer ad
(``consumer_ad_lines``), which stage 1 reads as a menu, by its terms.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

import numpy as np

from pagesieve.patterns import consumer_ad_line
from pagesieve.segment import Segments

#: lines read above an ad, nearest first; reading stops at the first that is not the ad's
LEAD_LINES = 3
#: words a line must share with the ad below it (a pair of Han characters counts half)
SHARED_WORDS = 2.0
#: and at least this many times as many as it shares with the article
ARTICLE_RATIO = 3.0
#: the article's distinct words needed before a line can be called foreign to it (a page whose
#: article is one line says too little of its topic)
ARTICLE_WORDS = 30

#: a line stage 1 reads as an ad this surely, and the model gives this much, is read
FOREIGN_AD_P1, FOREIGN_AD_P_NOISE = 0.9, 0.4
#: its words (at least ``FOREIGN_AD_MIN_WORDS``) of which at most this share are on the page's
#: other kept lines, those more than ``FOREIGN_AD_REACH`` lines away (an ad's own lines aside)
FOREIGN_AD_SHARE, FOREIGN_AD_MIN_WORDS, FOREIGN_AD_REACH = 0.2, 3.0, 3

#: a consumer ad's line (``patterns.consumer_ad_line``) is read when the model gives it this
#: much, it is this long at most, and at most this share of its words (at least
#: ``CONSUMER_AD_MIN_WORDS``) are on the page's other kept lines: a deals page's own lines
#: share the page's products
CONSUMER_AD_P_NOISE, CONSUMER_AD_CHARS = 0.3, 300
CONSUMER_AD_SHARE, CONSUMER_AD_MIN_WORDS = 0.5, 2.0

_WORD = re.compile(r"[^\W\d_\u4e00-\u9fff]{4,}")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
#: a table's cells: a row of a specification table shares its terms with an ad next to it
_CELL_SEPARATOR = re.compile(r"[|｜\t]")
#: words of four letters or more that any text has, whatever its topic
_COMMON = frozenset(
    (
        "about", "above", "across", "after", "again", "against", "also", "among", "another",
        "away", "back", "been", "before", "being", "best", "both", "came", "come", "comes",
        "could", "does", "doing", "done", "down", "each", "either", "even", "every", "find",
        "found", "from", "gave", "give", "gives", "good", "have", "help", "here", "high",
        "into", "just", "know", "known", "last", "like", "long", "made", "make", "makes",
        "many", "more", "most", "much", "must", "need", "next", "once", "only", "other", "ours",
        "over", "part", "said", "same", "says", "should", "since", "some", "still", "such",
        "take", "than", "that", "their", "them", "then", "there", "these", "they", "this",
        "those", "through", "time", "times", "took", "under", "until", "upon", "used", "uses",
        "using", "very", "well", "were", "what", "when", "where", "which", "while", "whom",
        "whose", "will", "with", "within", "without", "work", "would", "year", "years", "your",
    )
)  # fmt: skip


def content_words(line: str) -> set[str]:
    """A line's words of four letters or more, lower-cased, but the commonest, and its pairs of
    Han characters."""
    low = line.lower()
    words = {w for w in _WORD.findall(low) if w not in _COMMON}
    for run in _HAN_RUN.findall(low):
        words.update(run[i : i + 2] for i in range(len(run) - 1))
    return words


def word_reader(seg: Segments) -> Callable[[int], set[str]]:
    """Each row's ``content_words``, read once."""
    words: dict[int, set[str]] = {}

    def of(row: int) -> set[str]:
        if row not in words:
            words[row] = content_words(seg.paragraphs[row])
        return words[row]

    return of


class _KeptWords:
    """The words of a page's kept (unflagged) lines, counted once, so that the words of all but
    a few of them are read without the page again: reading the page for each candidate line
    made a page of many ad lines quadratic (a 1.7 MB page of repeated ads at 0.33 MB/s)."""

    def __init__(
        self, seg: Segments, flagged: np.ndarray, doc: int, of: Callable[[int], set[str]]
    ) -> None:
        self.lo, self.hi = int(seg.doc_ptr[doc]), int(seg.doc_ptr[doc + 1])
        self.flagged, self.of = flagged, of
        self.counts: Counter[str] = Counter()
        for r in range(self.lo, self.hi):
            if not flagged[r]:
                self.counts.update(of(r))

    def without(self, rows: Iterable[int]) -> _Vocabulary:
        """The words of the kept lines but ``rows``."""
        dropped: Counter[str] = Counter()
        for r in rows:
            if self.lo <= r < self.hi and not self.flagged[r]:
                dropped.update(self.of(r))
        return _Vocabulary(self.counts, dropped)


class _Vocabulary:
    """A set of words as kept counts less dropped counts: ``in``, ``len`` and ``shared``."""

    def __init__(self, counts: Counter[str], dropped: Counter[str]) -> None:
        self.counts, self.dropped = counts, dropped
        self.size = len(counts) - sum(1 for w, c in dropped.items() if counts[w] <= c)

    def __contains__(self, word: str) -> bool:
        return self.counts.get(word, 0) > self.dropped.get(word, 0)

    def __len__(self) -> int:
        return self.size

    def shared(self, words: set[str]) -> set[str]:
        return {w for w in words if w in self}


def _page_words(
    kept: dict[int, _KeptWords],
    seg: Segments,
    flagged: np.ndarray,
    row: int,
    of: Callable[[int], set[str]],
) -> _Vocabulary:
    """The words of the kept lines of ``row``'s page more than ``FOREIGN_AD_REACH`` lines away
    from it: an ad's own lines around it cannot vouch for it. ``kept``: each page's counts,
    read once a call."""
    doc = int(seg.doc[row])
    if doc not in kept:
        kept[doc] = _KeptWords(seg, flagged, doc, of)
    return kept[doc].without(range(row - FOREIGN_AD_REACH, row + FOREIGN_AD_REACH + 1))


def _weight(words: set[str]) -> float:
    return sum(1.0 if w.isascii() or not _HAN_RUN.match(w) else 0.5 for w in words)


def ad_block_leads(
    seg: Segments,
    flagged: np.ndarray,
    ad: np.ndarray,
    words: Callable[[int], set[str]] | None = None,
) -> np.ndarray:
    """Rows over a run of ``ad`` rows (flagged with the label ``ad``) that are the ad's own.

    ``flagged``: every row flagged so far. Up to ``LEAD_LINES`` unflagged lines right above the
    run are read, nearest first: a line is the ad's when it shares ``SHARED_WORDS`` of the run's
    words and ``ARTICLE_RATIO`` times as many as it shares with the rest of the page's unflagged
    lines; the run then takes its words too. ``words``: a ``word_reader`` of ``seg`` to share
    (the ad rules read the same pages' words).
    """
    n = len(seg)
    if not ad.any():
        return np.zeros(0, dtype=np.int64)
    previous_ad = np.zeros(n, dtype=bool)
    previous_ad[1:] = ad[:-1] & (seg.doc[1:] == seg.doc[:-1])
    found: list[int] = []
    of = words or word_reader(seg)
    kept: dict[int, _KeptWords] = {}

    for start in np.flatnonzero(ad & ~previous_ad).tolist():
        doc = int(seg.doc[start])
        lo, hi = int(seg.doc_ptr[doc]), int(seg.doc_ptr[doc + 1])
        leads = []
        row = start - 1
        while row >= lo and len(leads) < LEAD_LINES and not flagged[row]:
            if _CELL_SEPARATOR.search(seg.paragraphs[row]):
                break
            leads.append(row)
            row -= 1
        if not leads:
            continue
        end = start
        while end < hi and ad[end]:
            end += 1
        ad_words = set().union(*(of(r) for r in range(start, end)))
        article: _Vocabulary | None = None  # read only once a line shares the ad's words
        for row in leads:
            mine = of(row)
            shared = _weight(mine & ad_words)
            if shared < SHARED_WORDS:
                break
            if article is None:
                if doc not in kept:
                    kept[doc] = _KeptWords(seg, flagged, doc, of)
                article = kept[doc].without(leads)
            if len(article) < ARTICLE_WORDS or shared < ARTICLE_RATIO * max(
                _weight(article.shared(mine)), 0.5
            ):
                break
            found.append(row)
            ad_words |= mine
    return np.asarray(sorted(found), dtype=np.int64)


def foreign_ad_lines(
    seg: Segments,
    flagged: np.ndarray,
    p_ad: np.ndarray,
    p_noise: np.ndarray,
    words: Callable[[int], set[str]] | None = None,
) -> np.ndarray:
    """Unflagged rows that stage 1 reads as an ad (``p_ad``) and the model leans towards noise
    (``p_noise``), whose words the page's other kept lines hardly use: an ad's line put into an
    article on something else (``Wenzhou Kaidun Valve Co., Ltd. is specialized in producing
    stainless steel ball valves…`` in a regatta report, 0.72). Lines with Han characters are
    left to the model: Chinese pairs of characters are shared across topics too often (a
    developer's name line on a property page)."""
    rows = np.flatnonzero(~flagged & (p_ad >= FOREIGN_AD_P1) & (p_noise >= FOREIGN_AD_P_NOISE))
    found: list[int] = []
    of = words or word_reader(seg)
    kept: dict[int, _KeptWords] = {}

    for row in rows.tolist():
        mine = of(row)
        if _HAN_RUN.search(seg.paragraphs[row]) or _weight(mine) < FOREIGN_AD_MIN_WORDS:
            continue
        page = _page_words(kept, seg, flagged, row, of)
        if len(page) >= ARTICLE_WORDS and _weight(page.shared(mine)) <= FOREIGN_AD_SHARE * _weight(
            mine
        ):
            found.append(row)
    return np.asarray(found, dtype=np.int64)


def consumer_ad_lines(
    seg: Segments,
    flagged: np.ndarray,
    p_noise: np.ndarray,
    words: Callable[[int], set[str]] | None = None,
) -> np.ndarray:
    """Unflagged Latin rows that hold a consumer ad's terms (``patterns.consumer_ad_line``) and
    that the model gives ``CONSUMER_AD_P_NOISE``, in words the page's other kept lines do not
    mostly use (``Bad credit? Get up to $5,000 today — instant approval… Apply at …`` in a
    report on a school's fund-raiser, 0.34)."""
    short = seg.ends - seg.starts <= CONSUMER_AD_CHARS
    rows = np.flatnonzero(~flagged & short & (p_noise >= CONSUMER_AD_P_NOISE))
    found: list[int] = []
    of = words or word_reader(seg)
    kept: dict[int, _KeptWords] = {}

    for row in rows.tolist():
        line = seg.paragraphs[row]
        if _HAN_RUN.search(line) or not consumer_ad_line(line):
            continue
        mine = of(row)
        if _weight(mine) < CONSUMER_AD_MIN_WORDS:
            continue
        page = _page_words(kept, seg, flagged, row, of)
        if _weight(page.shared(mine)) <= CONSUMER_AD_SHARE * _weight(mine):
            found.append(row)
    return np.asarray(found, dtype=np.int64)
