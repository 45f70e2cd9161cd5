"""Span rules beside the span model: phrases inside paragraphs that belong which their own
characters name as put in (a CMS's unrendered syntax, pinyin initials, betting brands, a
related link glued between sentences, search queries, Chinese spam phrases), each flagged
alone with a score of its own; a ``--threshold`` above that score turns it off."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import partial

import numpy as np

from pagesieve.advertised_names import (
    MOST_NAMES,
    common_words,
    name_extent,
    name_pattern,
    names_advertised,
    page_subjects,
)
from pagesieve.batch_scores import NO_ROWS, BatchScores, document_extent, gather, read_lines
from pagesieve.batch_text import join_paragraphs
from pagesieve.betting_lines import betting_ad_line, brand_keywords_line, spam_lottery_line
from pagesieve.char_bigrams import CharBigrams
from pagesieve.patterns import (
    BETTING_PROMO,
    BRAND_LIST,
    CMS_NAMES,
    CMS_OF_KIND,
    CODE_LINE,
    ENGINE_PATTERNS,
    PINYIN_INITIALS,
    cms_token_spans,
    gambling_brands,
    inline_related_links,
)
from pagesieve.segment import Segments
from pagesieve.spam_queries import (
    CHINESE_SPAM_PHRASE,
    chinese_spam_phrases,
    spam_queries,
    spliced_queries,
)
from pagesieve.span_candidates import SPAN_BRAND_WORDS, Candidate, grow_brands, take_remnants
from pagesieve.types import Flag

#: the score of a CMS's syntax flagged inside prose that belongs (a rule, not the model)
CMS_TOKEN_SCORE = 0.99
#: the score of a pinyin initial put after a Han character (``patterns.PINYIN_INITIALS``; a
#: rule): no clean Chinese text of the corpora holds such a run
PINYIN_INITIAL_SCORE = 0.99
#: the score of a betting brand of Chinese gambling spam and the betting words after it
#: (``patterns.gambling_brands``; a rule, a lexicon): none in the clean Chinese articles, the
#: Chinese news in the ordinary senses of gambling words or ``zh/pages``
GAMBLING_BRAND_SCORE = 0.97
#: the score of a related story's link glued between two sentences of a paragraph
#: (``patterns.inline_related_links``; a rule): no labeled page of the corpora holds one
INLINE_LINK_SCORE = 0.95
#: the score of a search query spliced into an English sentence in lower case and glued to it
#: (``patterns.spliced_queries``; a rule): no labeled page of the corpora holds one
SPLICED_QUERY_SCORE = 0.95
#: the score of a query on one of spam's own topics put into a page not about it
#: (``spam_queries.spam_queries``; a rule): it flags no article line of the corpora's labeled pages
SPAM_QUERY_SCORE = 0.93
#: the score of a name a page's gambling lines advertise, found again in its kept prose
#: (``advertised_names``; a rule): none in the clean Chinese articles, their topical news or
#: ``zh/pages``
ADVERTISED_NAME_SCORE = 0.9
#: the score of a Chinese line that is a betting site's ad, an offer or a host name in it
#: (``betting_lines.betting_ad_line``; a rule): none in ``zh/pages`` or the clean Chinese
#: articles
BETTING_AD_LINE_SCORE = 0.9
#: the score of a Chinese spam phrase (``spam_queries.chinese_spam_phrases``; a rule): none in
#: the clean Chinese articles or ``zh/pages``
CHINESE_SPAM_SCORE = 0.95


def _cms_tutorials(
    seg: Segments,
    rows: np.ndarray,
    joined: str,
    starts: np.ndarray,
    found: list[tuple[int, int, str]],
    token_docs: list[int],
) -> set[tuple[int, str]]:
    """(page, CMS) of the pages holding a CMS's tokens whose kept prose names that CMS or its
    syntax outside the tokens (``patterns.CMS_NAMES``): a tutorial, not a leftover. Only pages
    with a token are read. ``rows``, ``joined`` and ``starts`` are the searched paragraphs,
    ``token_docs`` the page of each token in ``found``."""
    spans_of: dict[int, list[tuple[int, int]]] = {}
    cms_of: dict[int, set[str]] = {}
    for (a, b, kind), doc in zip(found, token_docs):
        spans_of.setdefault(doc, []).append((a, b))
        cms_of.setdefault(doc, set()).add(CMS_OF_KIND[kind])
    ends = np.append(starts[1:] - 1, len(joined))
    docs = seg.doc[rows]
    out: set[tuple[int, str]] = set()
    for doc, cmss in cms_of.items():
        at = np.flatnonzero(docs == doc)
        lo, hi = int(starts[at[0]]), int(ends[at[-1]])
        # the prose between the tokens: ``{dede:`` names no CMS
        pieces, at_ = [], lo
        for a, b in spans_of[doc]:
            pieces.append(joined[at_:a])
            at_ = b
        pieces.append(joined[at_:hi])
        text = " ".join(pieces)
        out |= {(doc, cms) for cms in cmss if CMS_NAMES[cms].search(text)}
    return out


def _found_in_rows(
    seg: Segments, rows: np.ndarray, find: Callable[[str], list[tuple[int, int]]]
) -> list[tuple[int, int, int]]:
    """What ``find`` finds in the paragraphs ``rows`` joined by line breaks (no match crosses
    one), as (row, start, end) with the offsets the flags take (the row's start added)."""
    if not len(rows):
        return []
    joined, starts = join_paragraphs(gather(seg.paragraphs, rows))
    found = find(joined)
    if not found:
        return []
    at = np.searchsorted(starts, [a for a, _ in found], side="right") - 1
    shift = seg.starts[rows[at]] - starts[at]
    return [
        (row, a + d, b + d)
        for (a, b), row, d in zip(found, rows[at].tolist(), shift.tolist(), strict=True)
    ]


def _spans_by_row(spliced: list[tuple[int, Flag]]) -> dict[int, list[tuple[int, int]]]:
    """The span flags found so far, (start, end) by paragraph row."""
    taken: dict[int, list[tuple[int, int]]] = {}
    for row, flag in spliced:
        taken.setdefault(row, []).append((flag.start, flag.end))
    return taken


def _spans_not_taken(
    found: list[tuple[int, int, int]],
    spliced: list[tuple[int, Flag]],
    score: float,
    reason: str,
    label: str = "keyword_injection",
) -> list[tuple[int, Flag]]:
    """A span flag for each (row, start, end) ``found`` that no flag of ``spliced`` overlaps."""
    taken = _spans_by_row(spliced)
    return [
        (row, Flag(start, end, label, score, reason))
        for row, start, end in found
        if not any(x < end and start < y for x, y in taken.get(row, ()))
    ]


def cms_token_flags(
    scores: BatchScores,
    flagged: np.ndarray,
    spliced: list[tuple[int, Flag]],
    explain: bool,
    threshold: float,
) -> list[tuple[int, Flag]]:
    """A CMS's unrendered syntax inside prose that belongs, flagged alone: the model reads
    the sentence around ``{dede:field.source/}`` as the article it is, and the token stayed
    in the text. Only the syntaxes no article writes outside a tutorial about that CMS
    (``patterns.CMS_PATTERNS``); paragraphs the first pass flagged are left to it (a freed
    one has its tokens flagged already), and so are tokens a span flag covers, and a page
    about that CMS (``_cms_tutorials``). The paragraphs are searched joined, as the span
    candidates are (no CMS pattern crosses a line break, so a token stays inside its
    paragraph)."""
    seg = scores.seg
    rows = np.flatnonzero(~flagged & (scores.p_noise < threshold))
    if not len(rows):
        return []
    joined, starts = join_paragraphs(gather(seg.paragraphs, rows))
    found = cms_token_spans(joined)
    if not found:
        return []
    taken = _spans_by_row(spliced)
    # each token's place among the searched paragraphs
    at = np.searchsorted(starts, [a for a, _, _ in found], side="right") - 1
    token_docs = seg.doc[rows[at]].tolist()
    tutorials = _cms_tutorials(seg, rows, joined, starts, found, token_docs)
    out: list[tuple[int, Flag]] = []
    for (a, b, kind), i, doc in zip(found, at.tolist(), token_docs):
        row = int(rows[i])
        if (doc, CMS_OF_KIND[kind]) in tutorials:
            continue
        if kind in ENGINE_PATTERNS and CODE_LINE.search(seg.paragraphs[row]):
            continue  # an engine's expression on a line of code is the code's
        shift = int(seg.starts[row]) - int(starts[i])
        a, b = a + shift, b + shift
        if any(x < b and a < y for x, y in taken.get(row, ())):
            continue
        reason = f"unrendered CMS template syntax inside article prose; matched {kind}"
        out.append((row, Flag(a, b, "placeholder", CMS_TOKEN_SCORE, reason if explain else "")))
    return out


def pinyin_initial_flags(
    seg: Segments, searched: np.ndarray, spliced: list[tuple[int, Flag]], explain: bool
) -> list[tuple[int, Flag]]:
    """Each letter of a run of pinyin initials (``义y诊z现x场c``), flagged alone: the span
    model has no candidate for single letters, and the sentence around them is the
    article's. Only the ``searched`` paragraphs (not flagged whole, holding Han characters)
    are read, and letters a span flag covers are left to it. Searched joined, as the CMS
    tokens are (no run crosses a line break)."""
    found = _found_in_rows(
        seg,
        np.flatnonzero(searched),
        lambda text: [m.span() for m in PINYIN_INITIALS.finditer(text)],
    )
    taken = _spans_by_row(spliced)
    reason = "a pinyin initial put after a Han character (de-duplication evasion)"
    out: list[tuple[int, Flag]] = []
    for row, a, b in found:
        for pos in range(a + 1, b, 2):
            if not any(x <= pos < y for x, y in taken.get(row, ())):
                label, score = "keyword_injection", PINYIN_INITIAL_SCORE
                out.append((row, Flag(pos, pos + 1, label, score, reason if explain else "")))
    return out


def inline_link_flags(
    seg: Segments, searched: np.ndarray, spliced: list[tuple[int, Flag]], explain: bool
) -> list[tuple[int, Flag]]:
    """A related story's link glued between two sentences of a ``searched`` paragraph
    (``patterns.inline_related_links``), label and headline, where no span flag stands: the
    span model looks for glued links only where they open a paragraph."""
    found = _found_in_rows(seg, np.flatnonzero(searched), inline_related_links)
    reason = "a related story's link glued between sentences" if explain else ""
    return _spans_not_taken(found, spliced, INLINE_LINK_SCORE, reason, "navigation")


def query_flags(
    seg: Segments,
    searched: np.ndarray,
    queried: np.ndarray,
    spliced: list[tuple[int, Flag]],
    explain: bool,
    threshold: float,
) -> list[tuple[int, Flag]]:
    """Search queries spliced into the ``searched`` paragraphs, where no span flag stands
    (the span model's comma splices are capitalised words): in lower case and glued on
    (``spam_queries.spliced_queries``; a comma glued to a word is looked for everywhere, a
    comma before a spam word only in the ``queried`` paragraphs, those holding one), then
    on spam's own topics in the ``queried`` paragraphs of a page not about them
    (``spam_queries.spam_queries``; whether it is, all its ``searched`` paragraphs say)."""
    out: list[tuple[int, Flag]] = []
    if threshold <= SPLICED_QUERY_SCORE:
        glued = _found_in_rows(
            seg,
            np.flatnonzero(searched & ~queried),
            partial(spliced_queries, after_spam_words=False),
        )
        found = sorted(glued + _found_in_rows(seg, np.flatnonzero(queried), spliced_queries))
        reason = "a search query spliced into a sentence" if explain else ""
        out += _spans_not_taken(found, spliced, SPLICED_QUERY_SCORE, reason)
    if threshold > SPAM_QUERY_SCORE or not queried.any():
        return out
    rows = np.flatnonzero(searched)
    row_docs = seg.doc[rows]
    found = []
    for doc in np.unique(seg.doc[queried]).tolist():
        lo, hi = np.searchsorted(row_docs, [doc, doc + 1])
        page = rows[lo:hi]
        queries = spam_queries(gather(seg.paragraphs, page), queried[page].tolist())
        for row, spans in zip(page.tolist(), queries):
            base = int(seg.starts[row])
            found += [(row, base + a, base + b) for a, b in spans]
    reason = "a spam query put into a sentence of a page on another topic" if explain else ""
    return out + _spans_not_taken(found, spliced + out, SPAM_QUERY_SCORE, reason)


def chinese_spam_flags(
    scores: BatchScores,
    searched: np.ndarray,
    kept: np.ndarray,
    spliced: list[tuple[int, Flag]],
    explain: bool,
) -> list[tuple[int, Flag]]:
    """``spliced`` with the Chinese spam phrases (``spam_queries.chinese_spam_phrases``) of
    the ``searched`` paragraphs added, on pages whose ``kept`` paragraphs are not about
    their topic, in place of the span flags they overlap (the span model cuts ``彩金查`` out
    of ``…注册即送58元彩金查…``). A paragraph of prose the model flagged whole for one is
    scored again without it, as for a brand the span model finds."""
    seg = scores.seg
    rows = np.flatnonzero(searched)
    if not len(rows):
        return spliced
    lines = read_lines(scores, rows)
    joined, starts = join_paragraphs(lines)
    hits = [m.start() for m in CHINESE_SPAM_PHRASE.finditer(joined)]
    if not hits:
        return spliced
    reason = "a spam phrase put into a Chinese sentence" if explain else ""
    out: list[tuple[int, Flag]] = []
    for doc in np.unique(seg.doc[rows[np.searchsorted(starts, hits, "right") - 1]]).tolist():
        lo, hi = int(seg.doc_ptr[doc]), int(seg.doc_ptr[doc + 1])
        page = list(range(lo, hi))
        texts = read_lines(scores, np.arange(lo, hi))
        found = chinese_spam_phrases(texts, searched[lo:hi].tolist(), kept[lo:hi].tolist())
        for row, spans in zip(page, found):
            for a, b in spans:  # a page served with the wrong charset: on its damaged characters
                start, end = document_extent(scores, row, a, b)
                flag = Flag(start, end, "keyword_injection", CHINESE_SPAM_SCORE, reason)
                out.append((row, flag))
    if not out:
        return spliced
    out = _grown_left(out, spliced, partial(_doc_text, seg))
    mine = _spans_by_row(out)
    kept_spans = [
        (row, f)
        for row, f in spliced
        if not any(x < f.end and f.start < y for x, y in mine.get(row, ()))
    ]
    return kept_spans + out


def _doc_text(seg: Segments, row: int, start: int, end: int) -> str:
    """The characters ``[start, end)`` of paragraph ``row``, given as offsets into its document."""
    base = int(seg.starts[row])
    return seg.paragraphs[row][start - base : end - base]


#: what the part of a span flag before a spam phrase holds when it is a brand, not the sentence's
#: own words: letters or digits (``bet889``), or a gambling word (``娱乐``, ``体育``)
_BRAND_PART = re.compile(rf"[A-Za-z0-9]|{SPAN_BRAND_WORDS.pattern}")


def _grown_left(
    found: list[tuple[int, Flag]],
    spliced: list[tuple[int, Flag]],
    text: Callable[[int, int, int], str],
) -> list[tuple[int, Flag]]:
    """Each of ``found`` started where a span flag of ``spliced`` that runs into it from the
    left starts, when what that flag adds is a brand (``text(row, start, end)``: the characters
    of a row): the span model read the brand before the phrase (``bet889体育`` of
    ``bet889体育注册送88``), and the phrase's flag, which replaces it, would leave it in the text.
    What the model ran into of the sentence before (``会`` of ``会注册送``) stays."""
    taken = _spans_by_row(spliced)
    out = []
    for row, flag in found:
        start = min(
            (
                x
                for x, y in taken.get(row, ())
                if x < flag.start < y <= flag.end and _BRAND_PART.search(text(row, x, flag.start))
            ),
            default=flag.start,
        )
        out.append((row, flag if start == flag.start else replace(flag, start=start)))
    return out


def gambling_brand_flags(
    scores: BatchScores, searched: np.ndarray, spliced: list[tuple[int, Flag]], explain: bool
) -> list[tuple[int, Flag]]:
    """``spliced`` with the betting brands of the ``searched`` paragraphs added
    (``patterns.gambling_brands``), each grown over the gambling words it touches, in place
    of the span flags it overlaps: the span model reads a brand it never saw before a word
    as common as 体育 as article, or ends its span short of the betting words or past them
    (``官方网站各``).
    Paragraphs are read with Traditional characters folded to Simplified (offsets stay), and
    repaired ones mapped back to the characters as given."""
    rows = np.flatnonzero(searched)
    if not len(rows):
        return spliced
    lines = read_lines(scores, rows)
    joined, starts = join_paragraphs(lines)
    found = gambling_brands(joined)
    if not found:
        return spliced
    at = np.searchsorted(starts, [a for a, _ in found], side="right") - 1
    read = {int(rows[i]): lines[i] for i in set(at.tolist())}
    brands = Counter(at.tolist())
    cands = []
    for i, n in brands.items():  # a list of brands, or brands and an offer: the whole line
        line = lines[i]
        if n >= BRAND_LIST or BETTING_PROMO.search(line):
            lo, hi = len(line) - len(line.lstrip()), len(line.rstrip())
            cands.append(Candidate(int(rows[i]), lo, hi, "zh_brand"))
    whole = {c.paragraph for c in cands}
    cands += [
        Candidate(int(rows[i]), a - int(starts[i]), b - int(starts[i]), "zh_brand")
        for (a, b), i in zip(found, at.tolist())
        if int(rows[i]) not in whole
    ]
    cands = take_remnants(grow_brands(cands, read), read)
    reason = "a betting brand of Chinese gambling spam (lexicon)" if explain else ""
    by_row: dict[int, list[tuple[int, Flag]]] = {}
    for row, flag in spliced:
        by_row.setdefault(row, []).append((row, flag))
    for c in cands:
        start, end = document_extent(scores, c.paragraph, c.start, c.end)
        flag = Flag(start, end, "keyword_injection", GAMBLING_BRAND_SCORE, reason)
        kept = [
            (row, other)
            for row, other in by_row.get(c.paragraph, [])
            if not (other.start < flag.end and flag.start < other.end)
        ]
        by_row[c.paragraph] = [*kept, (c.paragraph, flag)]
    return [item for items in by_row.values() for item in items]


def advertised_name_flags(
    scores: BatchScores,
    flagged: np.ndarray,
    searched: np.ndarray,
    han: np.ndarray,
    spliced: list[tuple[int, Flag]],
    bigrams: CharBigrams,
    explain: bool,
) -> list[tuple[int, Flag]]:
    """Span flags for the names that a page's ``flagged`` Chinese lines advertise
    (``advertised_names.names_advertised``) where its ``searched`` paragraphs use them again,
    each grown over the betting words it touches, none where a flag of ``spliced`` stands
    (``han``: the paragraphs with Han characters). A name of clean prose's common words
    (``bigrams``), or one the page's searched paragraphs use often, is the page's own
    (``advertised_names.page_subjects``). Span flags give no names: a false one (``皇家赌场`` of
    a film's title) would flag its words again (``皇家夜总会``)."""
    seg = scores.seg
    ads = np.flatnonzero(flagged & han)
    lines_of: dict[int, list[str]] = {}
    for doc, line in zip(seg.doc[ads].tolist(), read_lines(scores, ads)):
        lines_of.setdefault(doc, []).append(line)
    # each page's names in the order of its lines, the first ``MOST_NAMES`` of them, each with
    # the line that names it first
    by_doc: dict[int, dict[str, str]] = {}
    for doc, lines in lines_of.items():
        named = list(names_advertised(lines).items())[:MOST_NAMES]
        if named:
            by_doc[doc] = {name: lines[i] for name, i in named}
    if not by_doc:
        return []
    common = common_words({n for names in by_doc.values() for n in names}, bigrams)
    taken = _spans_by_row(spliced)
    out: list[tuple[int, Flag]] = []
    for doc, page in sorted(by_doc.items()):
        names = set(page) - common
        lo, hi = int(seg.doc_ptr[doc]), int(seg.doc_ptr[doc + 1])
        rows = lo + np.flatnonzero(searched[lo:hi] & han[lo:hi])
        if not names or not len(rows):
            continue
        lines = read_lines(scores, rows)
        pattern = name_pattern(names)
        found = [
            (int(row), m) for row, line in zip(rows.tolist(), lines) for m in pattern.finditer(line)
        ]
        # the page's own subjects among the names it uses (counted only for those)
        subjects = page_subjects({m.group() for _, m in found}, "\n".join(lines))
        found = [(row, m) for row, m in found if m.group() not in subjects]
        read = dict(zip(rows.tolist(), lines))
        cands = [
            Candidate(row, *name_extent(read[row], m.start(), m.end()), "zh_brand")
            for row, m in found
        ]
        for (_, m), c in zip(found, take_remnants(grow_brands(cands, read), read), strict=True):
            start, end = document_extent(scores, c.paragraph, c.start, c.end)
            spans = taken.setdefault(c.paragraph, [])
            if not any(x < end and start < y for x, y in spans):
                spans.append((start, end))
                reason = ""
                if explain:
                    line = page[m.group()]
                    named = line if len(line) <= 40 else line[:39] + "…"
                    reason = f"a name the page's gambling lines advertise ({named}), in its prose"
                flag = Flag(start, end, "keyword_injection", ADVERTISED_NAME_SCORE, reason)
                out.append((c.paragraph, flag))
    return out


def betting_ad_flags(
    scores: BatchScores, searched: np.ndarray, spliced: list[tuple[int, Flag]], explain: bool
) -> tuple[list[tuple[int, Flag]], np.ndarray]:
    """``spliced`` with each of the ``searched`` Chinese paragraphs that is a betting site's ad
    line (``betting_lines.betting_ad_line``: ``盛世鑫国际 ssx3366.com 新会员注册送彩金``) flagged
    whole as an ``ad``, in place of the span flags in it: ``gambling_brand_flags`` takes such a
    line whole when its brand is the lexicon's, and a brand nobody listed left it to the model,
    which kept some. So does a line of a spam lottery's results or tips
    (``betting_lines.spam_lottery_line``). A line of keywords that lists betting sites
    (``betting_lines.brand_keywords_line``) goes whole as ``navigation`` the same way. Also
    returns the rows of those lines."""
    rows = np.flatnonzero(searched)
    if not len(rows):
        return spliced, NO_ROWS
    reason = "a betting site's ad line: an offer, a host name, a spam lottery's draw (rule)"
    reason = reason if explain else ""
    ads: dict[int, Flag] = {}
    keywords = "a line of keywords that lists betting sites (rule)" if explain else ""
    for row, line in zip(rows.tolist(), read_lines(scores, rows)):
        if betting_ad_line(line) or spam_lottery_line(line):
            label, why = "ad", reason
        elif brand_keywords_line(line):
            label, why = "navigation", keywords
        else:
            continue
        start, end = document_extent(
            scores, row, len(line) - len(line.lstrip()), len(line.rstrip())
        )
        ads[row] = Flag(start, end, label, BETTING_AD_LINE_SCORE, why)
    if not ads:
        return spliced, NO_ROWS
    kept = [(row, f) for row, f in spliced if row not in ads]
    return kept + list(ads.items()), np.fromiter(ads, dtype=np.int64, count=len(ads))
