"""The public entry point: load the trained model, scan pages, clean them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from functools import partial
from numbers import Integral, Real
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import ThreadpoolController

from pagesieve.ad_leads import ad_block_leads, consumer_ad_lines, foreign_ad_lines, word_reader
from pagesieve.artifact import DEFAULT_MODEL, load_artifact
from pagesieve.batch_text import join_paragraphs
from pagesieve.comment_threads import comment_thread_rows
from pagesieve.corpus import CLASSES
from pagesieve.dated_lists import dated_list_rows, introduces_list, ranked_count_rows
from pagesieve.ensemble import ParagraphEnsemble
from pagesieve.explain import describe, group_contributions, typical_article_rows
from pagesieve.furniture_words import (
    Furniture,
    casefold_lines,
    furniture,
    mentioned,
    related_headings,
)
from pagesieve.hanzi import fold_paragraphs, fold_table
from pagesieve.model import ParagraphModel
from pagesieve.patterns import (
    BETTING_PROMO,
    BRAND_LIST,
    CMS_NAMES,
    CMS_OF_KIND,
    CODE_LINE,
    CONSENT_LINE_CHARS,
    CONSENT_NOTICE,
    ENGINE_PATTERNS,
    FURNITURE_LINE,
    KEYED_LINES,
    KEYWORD_LIST_ITEMS,
    PINYIN_INITIALS,
    RELATED_HEADING,
    RELATED_RUN_END,
    TABLE_RUN_ROWS,
    TAG_LINE,
    TEMPLATE_ANY,
    cms_token_spans,
    consent_notice_starts,
    gambling_brands,
    inline_related_links,
    keyed_starts,
    keyword_list_line,
    link_trade_terms,
    literal_starts,
    matches_at,
    plausible_tag_list,
    post_meta_line,
    table_row_cells,
    template_starts,
)
from pagesieve.pieces import Pieces, scan_in_parts
from pagesieve.segment import Segments, segment_batch, segment_paragraph_lists
from pagesieve.shape import SHAPE_NAMES
from pagesieve.spam_queries import (
    CHINESE_SPAM_PHRASE,
    chinese_spam_phrases,
    spam_queries,
    spliced_queries,
)
from pagesieve.spans import (
    QUERY_KINDS,
    Candidate,
    PageTokens,
    SpanModel,
    find_candidates,
    grow_brands,
    merge_overlapping,
    span_label,
    take_remnants,
)
from pagesieve.types import LABEL_INDEX, Flag, FlagColumns, remove_flagged
from pagesieve.unread_pages import (
    OTHER_ALPHABET_SHIFT,
    UNREAD_PAGE_SHIFT,
    raise_scores,
)

_PATTERN_COLUMNS = [
    (i, n) for i, n in enumerate(SHAPE_NAMES) if n == "template" or n.startswith("cue_")
]


_FRAC_CJK = SHAPE_NAMES.index("frac_cjk")
_TEMPLATE = SHAPE_NAMES.index("template")
#: a flagged paragraph whose template syntax covers less than this share of it, with at least
#: this many words besides, is looked at again without the syntax (``Detector._template_tokens``)
TEMPLATE_SHARE = 0.45
TEMPLATE_WORDS = 8
#: ... and its syntax alone is flagged when, without it, the paragraph scores below this: it
#: reads as article. Junk that holds a token can score well under the threshold without it
#: (``Buy cheap replica watches … {$price} …``: 0.28-0.48 in an audit of 120 such lines, which
#: 0.5 let 17 of through and 0.25 none)
TEMPLATE_ARTICLE = 0.25
#: words, counting each Han character as one
_WORD_OR_HAN = re.compile(r"[^\W\u4e00-\u9fff]+|[\u4e00-\u9fff]")
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
#: the score of a Chinese spam phrase (``spam_queries.chinese_spam_phrases``; a rule): none in
#: the clean Chinese articles or ``zh/pages``
CHINESE_SPAM_SCORE = 0.95
#: the score of a tags or topics line, or a post meta line (``patterns.TAG_LINE``,
#: ``patterns.post_meta_line``; a rule, not the model): the rule's precision on the labeled pages
#: (``pages/dev`` 75 of the 82 lines it matches are noise, ``train`` 321 of 346; of the lines it
#: adds to the model's flags, 35 of 42 and 131 of 154). A ``--threshold`` above it turns the
#: rule off.
TAG_LINE_SCORE = 0.92
#: the score of a furniture line (``patterns.FURNITURE_LINE``; a rule): its precision on the
#: labeled pages (``pages/dev`` 3,356 of the 3,371 lines of at most 300 characters it and
#: ``patterns.KEYED_LINES`` match, ``train`` 19,203 of 19,356; of the lines it adds to the
#: model's flags, 161 of 169 and 871 of 974, the rest lines such as ``Comments``,
#: ``Permalink`` or ``read more`` that a page's gold keeps; session 39)
FURNITURE_LINE_SCORE = 0.98
#: the score of a related-stories heading and its items (``patterns.RELATED_HEADING``; a rule):
#: its precision on the lines it adds to the model's and the other rules' flags
#: (``pages/train`` 219 of 236, ``pages/dev`` 73 of 79, ``zh/pages`` 49 of 49)
RELATED_LIST_SCORE = 0.93
#: the score of a notice that trades links (``patterns.link_trade_terms``; a rule): in the
#: corpora's labeled pages no line it would flag is article (an SEO article's own lines about
#: link trade are left to the model: ``_link_trade_prose``)
LINK_TRADE_SCORE = 0.95
#: the score of a line over an ad that shares the ad's words and not the article's
#: (``ad_leads.ad_block_leads``; a rule): a maker's blurb and its product line, which the model
#: reads as prose and a heading. Of the lines it adds on the labeled pages (``pages/train`` and
#: ``dev``, ``zh/pages``, the examples, the pages written in ``data/`` but the test sets), 11 of
#: 11 are noise (session 42). Also the score of an ad's line in words the page does not use
#: (``ad_leads.foreign_ad_lines``): with it, 52 of the 53 lines the two add there are noise;
#: and of a consumer ad by its terms (``ad_leads.consumer_ad_lines``): 35 of 35 (session 43)
AD_LEAD_SCORE = 0.9
#: the score of a line of a readers' comment thread on a Chinese page, found by its rhythm of
#: time lines, buttons and a count (``comment_threads``; a rule): of the lines it adds on the
#: labeled pages that are not test sets (``pages/train``, ``dev``, ``zh/pages``, the written
#: calibration and training pages, ``zh_pages/train_b``), 192 of 192 are noise (session 46);
#: with a forum's numbered floors read as its time lines, 255 of 255 (session 47)
COMMENT_THREAD_SCORE = 0.9
#: the score of an item of a list whose items end in a date, three or more close together (a
#: forum's index of replies, related headlines with their times, a blog's archive:
#: ``dated_lists``; a rule): of the lines it adds on the labeled pages that are not test sets,
#: 297 of 297 are noise, and it takes no line of 17,578 clean Chinese articles (session 47). The
#: same for a most-read list ranked by falling counts (``dated_lists.ranked_count_rows``, session
#: 48: 23 lines of those pages, all noise; none of the clean articles)
DATED_LIST_SCORE = 0.9
#: a page talks about link trade when a line of its prose this long (in Chinese, where a
#: sentence takes fewer characters, the second), which the model reads as article, holds one
#: of its terms
_LINK_TRADE_PROSE_CHARS, _LINK_TRADE_PROSE_CHARS_ZH, _LINK_TRADE_PROSE_P = 100, 40, 0.5
#: a line the model reads as article this surely is no notice, whatever terms it names (a news
#: story's ``…had been selling backlinks…``; the rule's noise lines on the labeled pages that
#: are not test sets score 0.82 or more)
_LINK_TRADE_MIN_P = 0.1
#: a related-stories list: its heading at most this long, then at most this many items, each at
#: most this long
_RELATED_HEADING_CHARS, _RELATED_ITEMS, _RELATED_ITEM_CHARS = 40, 15, 150
#: a line of Chinese prose (this many Han characters in a row, a comma's clauses aside) that the
#: model reads as article ends a run: Chinese blogs write prose without stops, one clause a line
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{20}")
_RELATED_PROSE_P = 0.5
#: the page's headline is looked for among its first lines that the model keeps
_HEADLINE_ROWS = 40
#: a byline: the line above it is a headline
_BYLINE = re.compile(
    r"^[ \t]*(?:By|BY) [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}[ \t]*(?:,[^\n]{0,60})?$"
)
#: the longest paragraph a rule's line can be (a tags label and list, or a post meta line)
_RULE_LINE_CHARS = 300
#: the longest line looked up among the phrases of other languages (``furniture_words``): a
#: phrase or a bar of links
_PHRASE_LINE_CHARS = 240
#: the least paragraph score at which such a phrase alone (not an ad's marker) is flagged
_PHRASE_MIN_P = 0.4
#: the line rules: name (as ``--explain`` says it), label, score, what the line is
LINE_RULES: tuple[tuple[str, str, float, str], ...] = (
    ("tag_line", "navigation", TAG_LINE_SCORE, "a tags or topics line (its label, then a list)"),
    ("furniture_line", "ad", FURNITURE_LINE_SCORE, "a line of page furniture: an ad's marker"),
    ("furniture_line", "comment", FURNITURE_LINE_SCORE, "a line of page furniture: comments"),
    ("furniture_line", "navigation", FURNITURE_LINE_SCORE, "a line of page furniture: a link"),
    ("furniture_line", "boilerplate", FURNITURE_LINE_SCORE, "a line of page furniture: a note"),
    ("related_list", "navigation", RELATED_LIST_SCORE, "an item of a related-stories list"),
    ("link_trade_line", "link_notice", LINK_TRADE_SCORE, "a notice that trades links"),
    ("ad_block_lead", "ad", AD_LEAD_SCORE, "a line over an ad with the ad's words, not the page's"),
    ("foreign_ad_line", "ad", AD_LEAD_SCORE, "an ad's line in words the page does not use"),
    ("consumer_ad_line", "ad", AD_LEAD_SCORE, "a consumer ad: an offer and a marketer's term"),
    ("comment_thread", "comment", COMMENT_THREAD_SCORE, "a line of a Chinese comment thread"),
    (
        "dated_list",
        "navigation",
        DATED_LIST_SCORE,
        "an item of a list whose items end in a date or, ranked, in a falling count",
    ),
)
#: a furniture match's rule by its named group (``patterns.FURNITURE_LINE``)
_FURNITURE_RULE = {
    label: i for i, (name, label, _, _) in enumerate(LINE_RULES) if name == "furniture_line"
}
_FURNITURE_RULE["navigation_zh"] = _FURNITURE_RULE["navigation"]
_FURNITURE_RULE["comment_zh"] = _FURNITURE_RULE["comment"]
_FURNITURE_RULE["boilerplate_zh"] = _FURNITURE_RULE["boilerplate"]


def _rule_index(name: str) -> int:
    """The index in ``LINE_RULES`` of the rule of that name (its first, for ``furniture_line``)."""
    return next(i for i, (rule, *_) in enumerate(LINE_RULES) if rule == name)


_RELATED_RULE = _rule_index("related_list")
_TAG_RULE = _rule_index("tag_line")
_LINK_TRADE_RULE = _rule_index("link_trade_line")
_AD_LEAD_RULE = _rule_index("ad_block_lead")
_FOREIGN_AD_RULE = _rule_index("foreign_ad_line")
_CONSUMER_AD_RULE = _rule_index("consumer_ad_line")
_THREAD_RULE = _rule_index("comment_thread")
_DATED_LIST_RULE = _rule_index("dated_list")
_RULE_LABEL = np.array([LABEL_INDEX[label] for _, label, _, _ in LINE_RULES], dtype=np.int64)
_RULE_SCORE = np.array([score for _, _, score, _ in LINE_RULES])

_NO_ROWS = np.zeros(0, dtype=np.int64)
#: the longest line read as a row of a Chinese article's table
_TABLE_LINE_CHARS = 120
#: a table's heading: a few Han characters alone (``产品参数``, ``楼盘信息``)
_TABLE_HEADING = re.compile(r"[\u4e00-\u9fff]{2,8}")
#: the shortest line taken for the page's title again when the title starts with it
_TITLE_PREFIX_CHARS = 8


#: a line that introduces an example (``… for example:``, ``…前台效果如下：``): the line after it
#: is the article's own, whatever it looks like
_EXAMPLE_LEAD = re.compile(
    r"(?i:for example|for instance|e\.g\.|such as|like this|as follows|looks like)[ \t]*:[ \t]*$"
    r"|(?:如下|例如|比如|示例|效果如下)[ \t]*[:：][ \t]*$"
)
#: a tags line's label word (``Labels``, ``Tags``, ``标签``)
_LABEL_WORD = re.compile(r"[^\W\d_]+")
#: the shortest line read as a sentence of the article's around a tags line
_PROSE_CHARS = 60
#: a sentence's end, a closing quote or bracket after it
_SENTENCE_END = re.compile(r"[.!?。！？][”\"’'」』)）]*[ \t]*$")
#: a link word or a phrase of up to three (``Print``, ``Sign in``, ``Related Posts``, ``收藏``):
#: what a help page's heading can be
_LINK_WORDS = re.compile(
    r"^[ \t]*(?:[^\W\d_]+(?:[ -][^\W\d_]+){0,2}|[\u4e00-\u9fff]{1,6})[ \t]*[:：]?[ \t]*$"
)


def _link_trade_prose(
    doc: int, seg: Segments, p_noise: np.ndarray, frac_cjk: np.ndarray
) -> list[int]:
    """The rows of page ``doc`` that talk about link trade in the article's voice (prose the
    model keeps, naming two of its terms): on such a page (an SEO article: guest posts, link
    building, 友情链接) a line naming two of those terms may be the article's own. Read once a
    page, however many of its lines name the terms."""
    lo, hi = int(seg.doc_ptr[doc]), int(seg.doc_ptr[doc + 1])
    return [
        other
        for other in range(lo, hi)
        if p_noise[other] < _LINK_TRADE_PROSE_P
        and seg.ends[other] - seg.starts[other]
        >= (_LINK_TRADE_PROSE_CHARS_ZH if frac_cjk[other] >= 0.5 else _LINK_TRADE_PROSE_CHARS)
        and link_trade_terms(seg.paragraphs[other])
    ]


def _article_example(row: int, seg: Segments) -> bool:
    """Is the line at ``row`` an example the line before it introduces?"""
    lo = seg.doc_ptr[seg.doc[row]]
    return row > lo and bool(_EXAMPLE_LEAD.search(seg.paragraphs[row - 1]))


def _tags_in_prose(row: int, seg: Segments) -> bool:
    """Is a tags line the article's own: an example it introduces (``… for example:``), a list
    a sentence ending in a colon introduces (``_listed_after_colon``), or a line between two
    sentences, the second about its label (a help page's ``Labels: Work,
    Family``, then ``Each label…``)? A page's tags line sits after the body, beside its share
    bar or its related links; one between paragraphs that go on about something else is a tags
    line still."""
    lo, hi = seg.doc_ptr[seg.doc[row]], seg.doc_ptr[seg.doc[row] + 1]
    if _article_example(row, seg) or (row > lo and _listed_after_colon(row, seg)):
        return True
    if not lo < row < hi - 1:
        return False
    before, line, after = seg.paragraphs[row - 1 : row + 2]
    label = _LABEL_WORD.match(line)
    return (
        label is not None
        and label.group().casefold().rstrip("s") in after.casefold()
        and _prose_line(before)
        and _prose_line(after)
    )


#: a list's separators: a tags line that holds none names one topic (``Posted in Architecture``)
_LIST_SEPARATORS = re.compile(r"[,;，、；]")
#: the longest line ending in a colon over a tags list that is read as a label, not as a
#: sentence introducing the list
_TAGS_LEAD_LABEL_CHARS = 19


def _listed_after_colon(row: int, seg: Segments) -> bool:
    """Is a tags line a list that the sentence before it introduces with a colon (``…the line
    under a typical post now reads:`` then ``Tags: sourdough, rye, starter``; ``…必须在包装上
    清楚标示：`` then ``标签：品名、配料表、净含量``)? A tags line that names one topic is not
    a list: a gallery's ``Posted in Architecture`` follows captions ending in colons (4 such
    noise lines on ``pages/train``, none article)."""
    before = seg.paragraphs[row - 1].rstrip()
    return (
        introduces_list(before, _TAGS_LEAD_LABEL_CHARS)
        and _LIST_SEPARATORS.search(seg.paragraphs[row]) is not None
        and not TAG_LINE.match(before)
    )


def _tags_line(items: str | None, row: int, seg: Segments) -> bool:
    """Is a line that opens with a tags label (in English or in another language) a tags line:
    its list short items (``plausible_tag_list``; ``None``: a label alone), and not the
    article's own (``_tags_in_prose``)?"""
    return (items is None or plausible_tag_list(items)) and not _tags_in_prose(row, seg)


def _prose_line(line: str) -> bool:
    """A sentence of the article's: long, ending as sentences do (not ``…``), and no tags or
    furniture line itself (``This entry was posted on … filed under News.``)."""
    return (
        len(line) >= _PROSE_CHARS
        and bool(_SENTENCE_END.search(line))
        and not line.rstrip().endswith(("...", "…"))
        and not TAG_LINE.match(line)
        and not FURNITURE_LINE.match(line)
    )


def _table_header(line: str, row: int, seg: Segments) -> bool:
    """Is ``line``, read as a menu on one line (``Key | Type | Default | Description``), the
    header of a table? The next line of its page holds as many bars and is no menu itself
    (``broker.url | str | redis://… | Connection URL``); a site's second row of links is one, and
    a menu opens with ``Home``."""
    bars = line.count("|")
    following = row + 1
    if bars < 3 or following >= len(seg) or seg.doc[following] != seg.doc[row]:
        return False
    if line.lstrip().lower().startswith("home"):
        return False
    after = seg.paragraphs[following]
    return after.count("|") == bars and FURNITURE_LINE.match(after.strip()) is None


#: the stems of an FAQ heading, whose next line, a question, takes it up without repeating it
#: (``FAQ`` then ``Do robot vacuums work on thick carpet?``; 3 of 3 such lines article on
#: ``pages/train``)
_FAQ_WORDS = frozenset({"faq", "faqs", "frequently asked question"})


def _furniture_word_in_prose(line: str, row: int, seg: Segments, heading: bool) -> bool:
    """Is a link word or phrase alone on its line (``Print``, ``Sign in``, ``Comments``, ``收藏``)
    the article's own: a heading the next line, a sentence, goes on about (``Print`` then ``To
    print an email, open it and…``), or an example the line before introduces (``… for
    example:``)? Decided by the words, not by the model's reading of the next line (a help
    page's last line can read as furniture). Only a link word (``heading``) is read as a
    heading: a comment section opens with ``Comments`` and lines about comments (``The
    comments to this entry are closed.``). An FAQ heading is taken up by a question. Rows are
    the batch's, pages kept apart. A line before it that merely ends with a colon was tried as
    a sign too: a blog post's ``… in one graph:`` before its share bar is as common."""
    if _article_example(row, seg):
        return True
    hi = seg.doc_ptr[seg.doc[row] + 1]
    if not heading or row + 1 >= hi or not _LINK_WORDS.match(line):
        return False
    after = seg.paragraphs[row + 1]
    word = line.casefold().rstrip(":：").strip()
    stem = word[:-1] if word.endswith("s") and len(word) > 4 else word
    stem = stem[:-1] if stem.endswith("y") and len(stem) > 4 else stem  # reply: replies
    if stem in _FAQ_WORDS and after.rstrip().endswith(("?", "？")):
        return True  # an FAQ heading over its first question: the article's own FAQ section
    return (
        len(after) > 2 * len(line)
        and bool(_SENTENCE_END.search(after))
        and stem in after.casefold()
    )


def _article_heading(line: str, row: int, seg: Segments) -> bool:
    """Is a line of furniture words the article's own: an example the line before introduces,
    or a heading whose words a sentence beside it takes up (``Реклама`` then ``По закону
    рекламные материалы…``; ``Contenido patrocinado`` after ``…los contenidos de marca…``)?"""
    if _article_example(row, seg):
        return True
    lo, hi = seg.doc_ptr[seg.doc[row]], seg.doc_ptr[seg.doc[row] + 1]
    return any(
        len(other) > 2 * len(line) and bool(_SENTENCE_END.search(other)) and mentioned(line, other)
        for other in seg.paragraphs[max(lo, row - 1) : row]
        + seg.paragraphs[row + 1 : min(hi, row + 2)]
    )


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


def _foreign_picks(foreign: np.ndarray | None, rows: np.ndarray) -> np.ndarray:
    """The positions in ``rows`` of the rows on pages in other languages (all without a mask)."""
    return np.arange(len(rows)) if foreign is None else np.flatnonzero(foreign[rows])


def _gather(paragraphs: list[str], rows: np.ndarray) -> list[str]:
    """``[paragraphs[r] for r in rows]``, in one C call."""
    if len(rows) == 1:
        return [paragraphs[int(rows[0])]]
    return list(itemgetter(*rows.tolist())(paragraphs)) if len(rows) else []


def _read_lines(scores: BatchScores, rows: np.ndarray) -> list[str]:
    """The paragraphs ``rows`` as the Chinese rules read them: Traditional characters folded to
    Simplified (offsets stay), mojibake repaired where the batch was (``read_paragraphs``)."""
    if scores.read_paragraphs is not None:
        return _gather(scores.read_paragraphs, rows)
    return fold_paragraphs(_gather(scores.seg.paragraphs, rows))


def _found_in_rows(
    seg: Segments, rows: np.ndarray, find: Callable[[str], list[tuple[int, int]]]
) -> list[tuple[int, int, int]]:
    """What ``find`` finds in the paragraphs ``rows`` joined by line breaks (no match crosses
    one), as (row, start, end) with the offsets the flags take (the row's start added)."""
    if not len(rows):
        return []
    joined, starts = join_paragraphs(_gather(seg.paragraphs, rows))
    found = find(joined)
    if not found:
        return []
    at = np.searchsorted(starts, [a for a, _ in found], side="right") - 1
    shift = seg.starts[rows[at]] - starts[at]
    return [
        (row, a + d, b + d)
        for (a, b), row, d in zip(found, rows[at].tolist(), shift.tolist(), strict=True)
    ]


def _trading_links(scores: BatchScores, rows: np.ndarray) -> list[int]:
    """The positions among ``rows`` of paragraphs naming two terms of link trade
    (``patterns.link_trade_terms``); only those whose vocabulary ids hold two of its words are
    read, when the batch has them."""
    at = np.arange(len(rows))
    if scores.word_counts is not None:
        at = np.flatnonzero(scores.word_counts["link_trade"][rows] >= 2)
    paragraphs = scores.seg.paragraphs
    return [i for i in at.tolist() if len(link_trade_terms(paragraphs[int(rows[i])])) >= 2]


def _spans_by_row(spliced: list[tuple[int, Flag]]) -> dict[int, list[tuple[int, int]]]:
    """The span flags found so far, (start, end) by paragraph row."""
    taken: dict[int, list[tuple[int, int]]] = {}
    for row, flag in spliced:
        taken.setdefault(row, []).append((flag.start, flag.end))
    return taken


def _without_glued_queries(
    cands: list[Candidate], probs: np.ndarray, paragraphs: list[str]
) -> tuple[list[Candidate], np.ndarray]:
    """The candidates but the search queries that a query glued to its sentence overlaps
    (``spam_queries.spliced_queries``): that rule, run later, knows where the glue is
    (``…same day approvalwhich it said…``), the query model's words do not."""
    rows = {c.paragraph for c in cands if c.kind in QUERY_KINDS}
    glued = {row: spliced_queries(paragraphs[row]) for row in rows}
    keep = [
        j
        for j, c in enumerate(cands)
        if c.kind not in QUERY_KINDS
        or not any(a < c.end and c.start < b for a, b in glued[c.paragraph])
    ]
    if len(keep) == len(cands):
        return cands, probs
    return [cands[j] for j in keep], probs[keep]


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


def _title_key(line: str) -> str:
    return " ".join(line.casefold().split())


def _repeats_title(line: str, title: str) -> bool:
    """Is ``line`` a title again (``title``: the ``_title_key`` of one of the page's first
    lines), or its start?"""
    key = _title_key(line)
    return key == title or (len(key) >= _TITLE_PREFIX_CHARS and title.startswith(key))


_controller: ThreadpoolController | None = None
#: a flagged paragraph's label (index into LABELS) by its noise class (index into CLASSES)
_CLASS_LABEL = np.array([LABEL_INDEX.get(c, -1) for c in CLASSES], dtype=np.int64)


def _thread_limit(n_threads: int | None) -> AbstractContextManager:
    """Limit OpenMP for one call; the controller is built once (inspecting the loaded libraries
    costs milliseconds, the limit itself microseconds)."""
    global _controller
    if n_threads is None:
        return nullcontext()
    if _controller is None:
        _controller = ThreadpoolController()
    return _controller.limit(limits=n_threads, user_api="openmp")


@dataclass(slots=True)
class BatchScores:
    """Per-paragraph scores for a batch, before they become flags."""

    seg: Segments
    p_noise: np.ndarray
    class_proba: np.ndarray
    #: each paragraph's label if flagged: its most likely non-article class (index into CLASSES)
    noise_class: np.ndarray
    shape: np.ndarray
    inputs: np.ndarray | None = None  #: the context model's input rows, kept for explanations
    #: the paragraph model's tokens, reused by the span model
    page_tokens: PageTokens | None = None
    #: the paragraphs as the span model reads them (None: folded again when needed)
    read_paragraphs: list[str] | None = None
    #: rows read repaired: where each of their positions lies in the paragraph as given
    read_offsets: dict[int, np.ndarray] | None = None
    #: per row, the log-odds its score was raised by on a page neither English nor Chinese
    #: (``unread_pages``; 0: not raised)
    raised: np.ndarray | None = None
    #: rows of pages neither English nor Chinese by a looser measure, where other languages'
    #: furniture phrases are looked for (None: every row)
    foreign: np.ndarray | None = None
    #: per row, its tokens among each of ``model.TRIGGER_WORDS``' words (None: not counted, every
    #: row is read)
    word_counts: dict[str, np.ndarray] | None = None
    #: per row, whether it can hold a search query (None: found from the text when needed)
    query_rows: np.ndarray | None = None


#: paragraphs on each side of a spliced one that are scored again without the splice
NEIGHBOURS = 2
#: a Chinese paragraph this long that the first pass flags is searched for splices as well
PROSE_CHARS = 40
#: the most characters scored at once: a batch's text or, cut at line breaks, a longer
#: document's (``pagesieve.pieces``); scoring holds about 40 bytes a character at its peak
MAX_SCORED_CHARS = 2_000_000


class MembersError(ValueError):
    """A member count the model cannot score with (more than it has, or none calibrated)."""


class ModelCompatibilityError(RuntimeError):
    """The model was fitted by a version of pagesieve that builds other features than this one."""


def check_compatible(path: Path, bundle: dict) -> None:
    """Refuse, at load and in one message, a model that would fail on every document."""
    problems = bundle["model"].incompatibilities()
    spans = bundle.get("spans")
    if spans is not None:
        problems += spans.incompatibilities()
    if problems:
        raise ModelCompatibilityError(
            f"{path} was fitted by another version of pagesieve: {'; '.join(problems)}. "
            "Retrain it with this version's train.py, or use the model shipped with this version"
        )


def _first_members(
    model: ParagraphModel | ParagraphEnsemble, k: int, meta: dict, threshold: float
) -> tuple[ParagraphModel | ParagraphEnsemble, float]:
    """The first ``k`` members of ``model`` and their calibrated threshold (all of them: the
    model's own)."""
    have = len(model.members) if isinstance(model, ParagraphEnsemble) else 1
    if not 1 <= k <= have:
        raise MembersError(f"the model has {have} member{'s' if have > 1 else ''}; asked for {k}")
    if k == have:
        return model, threshold
    calibrated = meta.get("member_thresholds", {}).get(str(k))
    if calibrated is None:
        raise MembersError(f"the model has no threshold calibrated for its first {k} members")
    assert isinstance(model, ParagraphEnsemble)
    return model.first(k), float(calibrated)


@dataclass
class Detector:
    """Flags the paragraphs and spliced-in phrases of pages that do not belong to their article."""

    model: ParagraphModel | ParagraphEnsemble
    spans: SpanModel | None
    threshold: float = 0.5
    span_threshold: float = 0.5
    meta: dict = field(default_factory=dict)
    #: OpenMP threads for the trees (None: the library's default, all cores). One by default:
    #: idle OpenMP threads spin while the rest of a scan runs Python, and on a busy machine a
    #: single-page scan took ten times longer with them than without.
    n_threads: int | None = 1
    #: score pages again with their spliced phrases cut out (see :meth:`_without_splices`)
    rescore_spliced: bool = True
    #: flag only the template syntax of article prose that holds some (see :meth:`_template_tokens`)
    narrow_templates: bool = True
    #: flag tags lines and lines of page furniture by rule (see :meth:`_rule_lines`)
    line_rules: bool = True
    #: log-odds added to the scores of pages neither English nor Chinese (``unread_pages``; 0:
    #: the model's own scores)
    unread_shift: float = UNREAD_PAGE_SHIFT
    #: the same for such pages in alphabets other than Latin and Cyrillic
    alphabet_shift: float = OTHER_ALPHABET_SHIFT
    #: labels never reported, for crawls whose idea of the article differs from the corpora's
    #: (``comment``: CleanEval counts a blog's readers' comments as article text, dragnet and
    #: l3s-gn1 do not); their paragraphs are kept, and ``clean`` keeps their text
    keep_labels: frozenset[str] = frozenset()

    @classmethod
    def load(
        cls,
        path: str | Path | None = None,
        threshold: float | None = None,
        members: int | None = None,
        keep_labels: Iterable[str] = (),
    ) -> Detector:
        """The shipped model (``path=None``) or another artifact, checked against its sha256.

        ``members=k`` scores with the first ``k`` members of an ensemble only (faster, less
        accurate), at the threshold calibrated for them when the model was trained.
        ``keep_labels`` are never reported (``("comment",)``: readers' comments belong)."""
        keep = kept_labels(keep_labels)
        check_threshold(threshold)
        if members is not None and (
            not isinstance(members, Integral) or isinstance(members, bool) or members < 1
        ):
            raise ValueError(f"members must be a whole number of at least 1, not {members!r}")
        if path is not None and not str(path):
            raise ValueError("path is empty: None loads the shipped model")
        path = Path(path) if path is not None else DEFAULT_MODEL
        # The Traditional-to-Simplified table, built now rather than with the first Chinese
        # page: a signal (SIGTERM, Ctrl-C) landing in OpenCC's import there came out of it as an
        # ImportError, which failed that page and every Chinese page after it, and the scan went
        # on as if never stopped (about 80 ms)
        fold_table()
        bundle = load_artifact(path)
        if not (isinstance(bundle, dict) and {"model", "meta"} <= bundle.keys()):
            raise ModelCompatibilityError(
                f"{path} holds a {type(bundle).__name__}, not a pagesieve model (a dict with "
                "'model' and 'meta', as train.py writes it)"
            )
        check_compatible(path, bundle)
        meta = bundle["meta"]
        model, default = bundle["model"], float(meta.get("threshold", 0.5))
        if members is not None:
            model, default = _first_members(model, members, meta, default)
        det = cls(
            model=model,
            spans=bundle.get("spans"),
            threshold=default,
            span_threshold=float(meta.get("span_threshold", 0.5)),
            meta=meta,
            keep_labels=keep,
        )
        if threshold is not None:
            det.threshold = float(threshold)
        return det

    def to_bundle(self) -> dict:
        meta = {**self.meta, "threshold": self.threshold, "span_threshold": self.span_threshold}
        if self.spans is not None and self.spans.thresholds_:
            meta["span_thresholds"] = dict(self.spans.thresholds_)  # for the model card
        return {"model": self.model, "spans": self.spans, "meta": meta}

    # -- scoring ----------------------------------------------------------------------------
    def score_batch(self, texts: list[str], keep_inputs: bool = False) -> BatchScores:
        seg = segment_batch(texts)
        return self.score_segments(seg, keep_inputs)

    def score_segments(self, seg: Segments, keep_inputs: bool = False) -> BatchScores:
        feats = self.model.featurize(seg)
        with _thread_limit(self.n_threads):
            prediction = self.model.predict_with_inputs(seg, feats)
        p_noise, raised, foreign = prediction.p_noise, None, None
        query_rows = feats.query_rows
        if feats.languages is not None:
            languages = feats.languages
            foreign = languages.foreign
            if query_rows is not None:
                # the query model knows English queries in English sentences: in a sentence
                # of another language every word looks put in (``Ekran 14 cali … Full HD``)
                query_rows = query_rows & ~foreign
            raised = languages.shifts(self.unread_shift, self.alphabet_shift)
            rows = raised != 0
            p_noise = raise_scores(p_noise, rows, raised[rows])
        return BatchScores(
            seg=seg,
            p_noise=p_noise,
            class_proba=prediction.class_proba,
            noise_class=prediction.noise_class,
            shape=feats.shape,
            inputs=prediction.inputs if keep_inputs else None,
            page_tokens=feats.page_tokens,
            read_paragraphs=feats.read_paragraphs,
            read_offsets=feats.read_offsets,
            raised=raised,
            foreign=foreign,
            word_counts=feats.word_counts,
            query_rows=query_rows,
        )

    def flags_from_scores(self, scores: BatchScores, explain: bool = False) -> list[list[Flag]]:
        return self.flag_columns(scores, explain).lists()

    def flag_columns(self, scores: BatchScores, explain: bool = False) -> FlagColumns:
        """The batch's flags, paragraphs and spliced phrases, as columns in text order."""
        seg = scores.seg
        flagged = scores.p_noise >= self.threshold
        if self.line_rules:
            flagged[self._table_rows(scores, flagged)] = False
        spliced: list[tuple[int, Flag]] = []
        if self.narrow_templates:
            flagged, spliced = self._template_tokens(scores, flagged, explain)
        ruled, rules = self._rule_lines(scores, flagged)
        if len(ruled):
            flagged = flagged.copy()
            flagged[ruled] = True
        if self.line_rules and self.threshold <= AD_LEAD_SCORE:
            ruled, rules = self._with_ad_leads(scores, flagged, ruled, rules)
            if not flagged[ruled].all():
                flagged = flagged.copy()
                flagged[ruled] = True
        if self.line_rules and self.threshold <= COMMENT_THREAD_SCORE:
            thread = comment_thread_rows(seg, scores.shape[:, _FRAC_CJK], flagged)
            if len(thread):
                flagged = flagged.copy()
                flagged[thread] = True
                ruled, rules = _union_rules((ruled, rules), (thread, _THREAD_RULE))
        if self.line_rules and self.threshold <= DATED_LIST_SCORE:
            dated = dated_list_rows(seg, flagged, scores.p_noise)
            ranked = ranked_count_rows(seg, flagged)
            if len(ranked):
                dated = np.union1d(dated, ranked)
            if len(dated):
                flagged = flagged.copy()
                flagged[dated] = True
                ruled, rules = _union_rules((ruled, rules), (dated, _DATED_LIST_RULE))
        if self.spans is not None:
            eligible = ~flagged
            chinese = scores.shape[:, _FRAC_CJK] >= 0.5
            if self.rescore_spliced:
                # Chinese prose flagged whole may be article with a brand appended to it: its
                # splice is looked for too, and the second look decides what stays flagged
                prose = chinese & (seg.ends - seg.starts >= PROSE_CHARS)
                eligible = eligible | (flagged & prose)
            spliced += self._span_flags(seg, eligible, explain, scores)
            if self.threshold <= CHINESE_SPAM_SCORE:
                spliced = self._chinese_spam_phrases(
                    scores, eligible & chinese, ~flagged, spliced, explain
                )
            if self.rescore_spliced:
                # splices into Chinese prose: in English prose a splice was not seen to sway the
                # neighbours, and a second look there lowered ads and placeholders next to them
                # below the threshold
                in_chinese = [s for s in spliced if chinese[s[0]]]
                if in_chinese:
                    scores, flagged, more = self._without_splices(
                        scores, flagged, in_chinese, explain
                    )
                    # the rules' flags stand, and a line the first pass had flagged and the
                    # second look frees is theirs too
                    flagged[ruled] = True
                    freed, freed_rules = self._rule_lines(scores, flagged)
                    if len(freed):
                        ruled, rules = _union_rules((ruled, rules), (freed, freed_rules))
                        flagged[ruled] = True
                    # a freed paragraph of Chinese prose was searched already, with the same
                    # first-pass scores: its splices were found twice
                    found = {(row, f.start, f.end) for row, f in spliced}
                    spliced += [(row, f) for row, f in more if (row, f.start, f.end) not in found]
                spliced = [(row, flag) for row, flag in spliced if not flagged[row]]
        if self.narrow_templates and self.threshold <= CMS_TOKEN_SCORE:
            spliced += self._cms_tokens(scores, flagged, spliced, explain)
        # only paragraphs that hold Han characters can hold a run of pinyin initials or a brand
        han = ~flagged & (scores.shape[:, _FRAC_CJK] > 0)
        if self.threshold <= PINYIN_INITIAL_SCORE:
            spliced += self._pinyin_initials(scores.seg, han, spliced, explain)
        if self.threshold <= GAMBLING_BRAND_SCORE:
            spliced = self._gambling_brands(scores, han, spliced, explain)
        if self.threshold <= INLINE_LINK_SCORE:
            spliced += self._inline_related_links(scores.seg, ~flagged, spliced, explain)
        # the query rules read only paragraphs holding a word of a query (vocabulary ids the
        # paragraph model looked up anyway), but for a comma glued to a word
        queried = ~flagged
        if scores.word_counts is not None:
            queried = queried & (scores.word_counts["query"] > 0)
        if self.threshold <= max(SPLICED_QUERY_SCORE, SPAM_QUERY_SCORE):
            spliced += self._queries(scores.seg, ~flagged, queried, spliced, explain)
        rows = np.flatnonzero(flagged)
        contributions = self._contributions(scores, rows) if explain else {}
        reasons = None
        if explain:
            reasons = [
                self._reason(scores, i, contributions, r) for r, i in enumerate(rows.tolist())
            ]
            for i, rule in zip(np.searchsorted(rows, ruled).tolist(), rules.tolist()):
                name, _, _, what = LINE_RULES[rule]
                reasons[i] = f"{what}: matched {name}; {reasons[i]}"
        doc = seg.doc[rows]
        start, end = seg.starts[rows], seg.ends[rows]
        label = self._family_named(scores, rows, _CLASS_LABEL[scores.noise_class[rows]])
        score = scores.p_noise[rows].astype(np.float64)
        if len(ruled):
            at = np.searchsorted(rows, ruled)
            label[at] = _RULE_LABEL[rules]
            score[at] = _RULE_SCORE[rules]
        if spliced:
            span_rows = np.array([row for row, _ in spliced], dtype=np.int64)
            flags = [flag for _, flag in spliced]
            doc = np.concatenate([doc, seg.doc[span_rows]])
            start = np.concatenate([start, [f.start for f in flags]])
            end = np.concatenate([end, [f.end for f in flags]])
            label = np.concatenate([label, [LABEL_INDEX[f.label] for f in flags]])
            score = np.concatenate([score, [f.score for f in flags]])
            if reasons is not None:
                reasons += [f.reason for f in flags]
            # paragraph flags are in text order already; spans go in by their start (a stable
            # sort: paragraph flags first, then spans in the order they were found)
            order = np.lexsort((np.arange(len(doc)), start, doc))
            doc, start, end, label, score = (a[order] for a in (doc, start, end, label, score))
            if reasons is not None:
                reasons = [reasons[i] for i in order.tolist()]
        if self.keep_labels:
            shown = ~np.isin(label, [LABEL_INDEX[k] for k in self.keep_labels])
            doc, start, end, label, score = (a[shown] for a in (doc, start, end, label, score))
            if reasons is not None:
                reasons = [reasons[i] for i in np.flatnonzero(shown).tolist()]
        return FlagColumns(
            doc_ptr=np.searchsorted(doc, np.arange(seg.n_docs + 1)).astype(np.int64),
            start=start.astype(np.int64),
            end=end.astype(np.int64),
            label=label.astype(np.int64),
            score=score,
            reason=reasons,
        )

    @staticmethod
    def _family_named(scores: BatchScores, rows: np.ndarray, label: np.ndarray) -> np.ndarray:
        """The labels of flagged paragraphs, where their own text names the family better than
        the model's class: template syntax makes a ``placeholder`` (spam around an unrendered
        ``{dede:field.title/}`` read as a menu), two link-trade terms a ``link_notice`` (``We
        accept link exchanges … sell dofollow backlinks`` read as an ad). ``label`` (the model's
        classes, a fresh array) is changed in place; the scores stay."""
        template = scores.shape[rows, _TEMPLATE] > 0
        label[_trading_links(scores, rows)] = LABEL_INDEX["link_notice"]
        label[template] = LABEL_INDEX["placeholder"]
        return label

    def _template_tokens(
        self, scores: BatchScores, flagged: np.ndarray, explain: bool
    ) -> tuple[np.ndarray, list[tuple[int, Flag]]]:
        """Article prose flagged for the template syntax in it keeps its words: the syntax alone
        is flagged.

        A sentence that holds an unrendered ``{$author}`` or ``{{ user.name }}`` was flagged
        whole (a CMS leaves them inline, and a tutorial about templates writes them in its
        prose). A flagged paragraph whose template matches cover less than
        ``TEMPLATE_SHARE`` of it, with at least ``TEMPLATE_WORDS`` words outside them, is scored
        again with the matches cut out (its page read anew, as for a Chinese splice); if it
        then reads as article (below ``TEMPLATE_ARTICLE``), its matches become ``placeholder``
        flags with its first score, and the paragraph is free. A placeholder line
        (``(Editor: {typename/})``), or junk that holds a token, stays flagged whole. Returns
        the paragraph flags and the token flags as (paragraph row, flag) pairs.
        """
        seg = scores.seg
        rows = np.flatnonzero(flagged & (scores.shape[:, _TEMPLATE] > 0))
        if not len(rows):  # nearly every batch: no copy of its paragraphs
            return flagged, []
        paragraphs = list(seg.paragraphs)
        cut_rows: dict[int, list[tuple[int, int]]] = {}
        for row in rows.tolist():
            text = paragraphs[row]
            found = [
                (m.start(), m.end()) for m in matches_at(TEMPLATE_ANY, text, template_starts(text))
            ]
            bounds = [0, *(x for pair in found for x in pair), len(text)]
            rest = " ".join(" ".join(text[a:b] for a, b in zip(bounds[::2], bounds[1::2])).split())
            covered = sum(b - a for a, b in found)
            words = len(_WORD_OR_HAN.findall(rest))  # a Chinese sentence has no spaces to count
            if found and covered < TEMPLATE_SHARE * len(text) and words >= TEMPLATE_WORDS:
                cut_rows[row] = found
                paragraphs[row] = rest
        if not cut_rows:
            return flagged, []
        page_rows, again = self._pages_scored_again(seg, paragraphs, cut_rows)
        new_score = dict(zip(page_rows.tolist(), again.p_noise.tolist()))
        flagged = flagged.copy()
        tokens: list[tuple[int, Flag]] = []
        for row, found in cut_rows.items():
            after = new_score[row]
            if after >= TEMPLATE_ARTICLE:
                continue
            flagged[row] = False
            base, first = int(seg.starts[row]), float(scores.p_noise[row])
            reason = (
                f"template syntax in article prose: the syntax alone is flagged (the paragraph "
                f"scores {first:.2f} with it, {after:.2f} without it)"
                if explain
                else ""
            )
            tokens += [
                (row, Flag(base + a, base + b, "placeholder", first, reason)) for a, b in found
            ]
        return flagged, tokens

    def _rule_lines(
        self, scores: BatchScores, flagged: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the lines the model let through that a line rule flags, and each one's rule
        (an index into ``LINE_RULES``).

        A tags line lists the page's own topics (``patterns.TAG_LINE``), so the model, which
        reads a line against the page's vocabulary, takes it for article: in an audit,
        ``Tags: <the page's words>`` was caught on 0 of 22 pages in the middle of the page and
        ``Tags: <unrelated words>`` on most. A line of furniture alone (``Tweet``, ``3
        Comments``, ``Advertisement``: ``patterns.FURNITURE_LINE``) is read as such on its own
        text, but between article paragraphs their context can outweigh it. The items of a
        related-stories list are headlines, often on the page's own topic: the rows under such a
        heading (``_related_items``). Only short paragraphs not flagged already are searched,
        joined (the patterns are anchored at line starts), never a page's first line, and a rule
        not at all when its score is under the threshold."""
        if not self.line_rules:
            return _NO_ROWS, _NO_ROWS
        seg = scores.seg
        searched = ~flagged & (seg.ends - seg.starts <= _RULE_LINE_CHARS)
        firsts = seg.doc_ptr[:-1]
        searched[firsts[firsts < len(seg)]] = False  # a page's first line is its title
        consent = _NO_ROWS
        if self.threshold <= FURNITURE_LINE_SCORE:
            consent = self._consent_notices(seg, flagged, firsts)
        rows = np.flatnonzero(searched)
        if not len(rows):
            return consent, np.full(len(consent), _FURNITURE_RULE["boilerplate"], dtype=np.int64)
        # read repaired and in Simplified characters, as the Chinese rules read them: a bar of
        # links on a page served with the wrong charset is split by ``Â·``, not ``·``
        lines = _read_lines(scores, rows)
        joined, starts = join_paragraphs(lines)

        def row_at(position: int) -> int:
            return int(rows[np.searchsorted(starts, position, "right") - 1])

        found: dict[int, int] = {}
        if self.threshold <= FURNITURE_LINE_SCORE:
            for m in FURNITURE_LINE.finditer(joined):
                kind, row = m.lastgroup or "navigation", row_at(m.start())
                if kind == "navigation" and _table_header(m.group(), row, seg):
                    continue
                if kind == "ad" or not _furniture_word_in_prose(
                    m.group().strip(), row, seg, heading=kind.startswith("navigation")
                ):
                    found[m.start()] = _FURNITURE_RULE[kind]
            # lines read where a key of theirs stands (``patterns.KEYED_LINES``): a supplier's ad
            # line (two of its trade terms: ``MOQ``, ``lead time``, ``OEM``), an affiliate
            # disclosure in the page's voice, a market ticker, a section's path
            for keys, test, kind in KEYED_LINES:
                at_keys = np.unique(
                    np.searchsorted(starts, keyed_starts(joined, keys), "right") - 1
                )
                for i in at_keys.tolist():
                    if test(lines[i]) and not _article_example(int(rows[i]), seg):
                        found.setdefault(int(starts[i]), _FURNITURE_RULE[kind])
            # an SEO keyword list in lower case: lines with four commas or more are read
            commas = np.fromiter((line.count(",") for line in lines), np.int64, len(lines))
            for i in np.flatnonzero(commas >= KEYWORD_LIST_ITEMS - 1).tolist():
                if keyword_list_line(lines[i]) and not _article_example(int(rows[i]), seg):
                    found.setdefault(int(starts[i]), _FURNITURE_RULE["ad"])
            # the same in other languages (``furniture_words``), on their pages only
            pick = _foreign_picks(scores.foreign, rows)
            picked = [lines[i] for i in pick.tolist()]
            for at, row, line, low, p in zip(
                starts[pick].tolist(),
                rows[pick].tolist(),
                picked,
                casefold_lines(picked),
                scores.p_noise[rows[pick]].tolist(),
            ):
                if len(line) <= _PHRASE_LINE_CHARS and (what := furniture(line, low)) is not None:
                    rule = self._foreign_furniture_rule(what, line, row, seg, p)
                    if rule is not None:
                        found.setdefault(at, rule)
        if self.threshold <= LINK_TRADE_SCORE:
            # a notice that trades links: two of its terms (``link exchanges``, ``DA 30+``)
            prose: dict[int, list[int]] = {}  # a page's rows of prose about link trade
            for i in _trading_links(scores, rows):
                row = int(rows[i])
                if scores.p_noise[row] < _LINK_TRADE_MIN_P or _article_example(row, seg):
                    continue
                doc = int(seg.doc[row])
                if doc not in prose:
                    prose[doc] = _link_trade_prose(
                        doc, seg, scores.p_noise, scores.shape[:, _FRAC_CJK]
                    )
                if not any(other != row for other in prose[doc]):
                    found.setdefault(int(starts[i]), _LINK_TRADE_RULE)
        if self.threshold <= TAG_LINE_SCORE:
            for m in TAG_LINE.finditer(joined):
                if _tags_line(m["items"], row_at(m.start()), seg):
                    found.setdefault(m.start(), _TAG_RULE)
            # a post meta line: its pieces between ``|`` (``patterns.post_meta_line``)
            read: set[int] = set()
            for at in literal_starts(joined, "|"):
                start = joined.rfind("\n", 0, at) + 1
                if start not in read:
                    read.add(start)
                    end = joined.find("\n", at)
                    if post_meta_line(joined[start : end if end >= 0 else len(joined)]):
                        found.setdefault(start, _TAG_RULE)
        hit = rows[np.searchsorted(starts, sorted(found), side="right") - 1]
        rule = [found[a] for a in sorted(found)]
        if len(consent):
            hit, at = np.unique(np.concatenate([hit, consent]), return_index=True)
            rule = np.concatenate([rule, np.full(len(consent), _FURNITURE_RULE["boilerplate"])])[at]
        if self.threshold <= RELATED_LIST_SCORE:
            items = self._related_items(seg, searched, scores.p_noise, scores.foreign)
            if len(items):
                hit, at = np.unique(np.concatenate([hit, items]), return_index=True)
                rule = np.concatenate([rule, np.full(len(items), _RELATED_RULE)])[at]
        if not len(hit):
            return _NO_ROWS, _NO_ROWS
        return hit.astype(np.int64), np.asarray(rule, dtype=np.int64)

    @staticmethod
    def _with_ad_leads(
        scores: BatchScores, flagged: np.ndarray, ruled: np.ndarray, rules: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """``ruled`` and ``rules`` with an ad's lines the model keeps: those in words the page
        does not use (``ad_leads.foreign_ad_lines``), consumer ads by their terms
        (``ad_leads.consumer_ad_lines``), then those over an ad that share its words
        (``ad_leads.ad_block_leads``; the model's ad rows and the rules' are the ad)."""
        ad = flagged & (_CLASS_LABEL[scores.noise_class] == LABEL_INDEX["ad"])
        ad[ruled] = _RULE_LABEL[rules] == LABEL_INDEX["ad"]
        p_ad = scores.class_proba[:, CLASSES.index("ad")]
        words = word_reader(scores.seg)  # each row's words read once, for the three rules
        foreign = foreign_ad_lines(scores.seg, flagged, p_ad, scores.p_noise, words)
        consumer = consumer_ad_lines(scores.seg, flagged, scores.p_noise, words)
        consumer = consumer[~np.isin(consumer, foreign)]
        if len(foreign) or len(consumer):
            flagged, ad = flagged.copy(), ad.copy()
            flagged[foreign] = ad[foreign] = True
            flagged[consumer] = ad[consumer] = True
        leads = ad_block_leads(scores.seg, flagged, ad, words)
        if not len(leads) and not len(foreign) and not len(consumer):
            return ruled, rules
        return _union_rules(
            (ruled, rules),
            (foreign, _FOREIGN_AD_RULE),
            (consumer, _CONSUMER_AD_RULE),
            (leads, _AD_LEAD_RULE),
        )

    @staticmethod
    def _table_rows(scores: BatchScores, flagged: np.ndarray) -> np.ndarray:
        """Flagged rows of a Chinese article's table (``patterns.table_row_runs``): the model
        reads a run of ``品牌 | 暖栖`` rows as a menu. Only flagged short lines holding Han
        characters and a cell separator are read, with the lines around them."""
        seg = scores.seg
        short = (seg.ends - seg.starts <= _TABLE_LINE_CHARS) & (scores.shape[:, _FRAC_CJK] > 0)
        rows = np.flatnonzero(short & flagged)
        if not len(rows):
            return _NO_ROWS
        lines = _gather(seg.paragraphs, rows)
        piped = [r for r, line in zip(rows.tolist(), lines) if " | " in line or " ｜ " in line]
        if not piped:
            # one flagged row is enough to look: the run is read around it, flagged or not
            # (a model that flags one row of five, ``品牌 | 暖栖`` at 0.87, left it flagged)
            return _NO_ROWS
        out: list[int] = []
        for row in piped:
            if out and row <= out[-1]:
                continue
            doc = seg.doc[row]
            lo, hi = int(seg.doc_ptr[doc]), int(seg.doc_ptr[doc + 1])
            start, end = row, row + 1  # the run of table rows around it, in its page
            cells = table_row_cells(seg.paragraphs[row])
            if not cells:
                continue
            while start > lo and table_row_cells(seg.paragraphs[start - 1]) == cells:
                start -= 1
            while end < hi and table_row_cells(seg.paragraphs[end]) == cells:
                end += 1
            if end - start >= TABLE_RUN_ROWS:
                # and the table's heading, right above it (``产品参数``)
                if start > lo and _TABLE_HEADING.fullmatch(seg.paragraphs[start - 1].strip()):
                    out.append(start - 1)
                out.extend(range(start, end))
        return np.asarray([r for r in out if flagged[r]], dtype=np.int64)

    @staticmethod
    def _consent_notices(seg: Segments, flagged: np.ndarray, firsts: np.ndarray) -> np.ndarray:
        """Rows of the cookie banners (``patterns.CONSENT_NOTICE``) the other line rules do not
        read: lines past their 300 characters, and a page's first line."""
        lengths = seg.ends - seg.starts
        read = ~flagged & (lengths > _RULE_LINE_CHARS) & (lengths <= CONSENT_LINE_CHARS)
        first = firsts[firsts < len(seg)]
        read[first] = ~flagged[first] & (lengths[first] <= CONSENT_LINE_CHARS)
        rows = np.flatnonzero(read)
        if not len(rows):
            return _NO_ROWS
        lines = _gather(seg.paragraphs, rows)
        joined, starts = join_paragraphs(lines)
        at = np.unique(np.searchsorted(starts, consent_notice_starts(joined), "right") - 1)
        return rows[[i for i in at.tolist() if CONSENT_NOTICE.match(lines[i])]].astype(np.int64)

    def _foreign_furniture_rule(
        self, what: Furniture, line: str, row: int, seg: Segments, p_noise: float
    ) -> int | None:
        """The line rule (an index into ``LINE_RULES``) that flags a line of another language's
        furniture (``furniture_words``), or ``None``. A phrase alone other than an ad's marker
        (``Teilen``, ``Kommentare``) is also what an article's heading can be (``Impressum``
        over a paragraph on imprint law), and the model's score cannot tell the two apart: it
        is flagged only where the model has doubts already (``_PHRASE_MIN_P``). A phrase or a
        bar whose words a sentence beside it takes up is the article's (``_article_heading``)."""
        if what.kind == "tags":
            if self.threshold > TAG_LINE_SCORE or not _tags_line(what.items, row, seg):
                return None
            return _TAG_RULE
        if what.how == "phrase" and what.kind != "ad" and p_noise < _PHRASE_MIN_P:
            return None
        if what.how != "form" and _article_heading(line, row, seg):
            return None
        return _FURNITURE_RULE[what.kind]

    @staticmethod
    def _related_items(
        seg: Segments, searched: np.ndarray, p_noise: np.ndarray, foreign: np.ndarray | None
    ) -> np.ndarray:
        """Rows of a related-stories heading (``patterns.RELATED_HEADING``) and of the items
        under it, the heading flagged by the model or not: up to ``_RELATED_ITEMS`` lines after
        it, each short, the run stopping at the first line that is not an item.

        Not an item: a line that ends as a sentence or with a colon (``RELATED_RUN_END``),
        another such heading, the page's end; the page's title again (its first line, or one of
        its first lines that the model keeps, or the start of one: a sidebar's list above the
        article stops at the article's headline, a recipe card under the list at its title); a
        line above a byline (``By …``: the headline, when the page's first line is not its
        title); a line of Chinese prose the model reads as article (``p_noise`` under
        ``_RELATED_PROSE_P``: a blog's unpunctuated prose under a menu's ``相關文章``). Leaving
        alone the last item before a line the model keeps (a subheading, at times) was tried:
        on ``pages/train`` it lost some 30 noise lines for 1 article line. Only the rows in
        ``searched`` are returned. Headings are looked for among the batch's short lines
        joined."""
        short = np.flatnonzero(seg.ends - seg.starts <= _RELATED_HEADING_CHARS)
        if not len(short):
            return _NO_ROWS
        lines = _gather(seg.paragraphs, short)
        joined, starts = join_paragraphs(lines)
        at = [m.start() for m in RELATED_HEADING.finditer(joined)]
        pick = _foreign_picks(foreign, short)
        at += starts[pick[related_headings([lines[i] for i in pick.tolist()])]].tolist()
        if not at:
            return _NO_ROWS
        at = sorted(set(at))
        items: list[int] = []
        paragraphs = seg.paragraphs
        page_start, page_end = seg.doc_ptr[seg.doc], seg.doc_ptr[seg.doc + 1]
        for heading in short[np.searchsorted(starts, at, side="right") - 1].tolist():
            last = min(int(page_end[heading]), heading + 1 + _RELATED_ITEMS)
            first = int(page_start[heading])
            titles = [_title_key(paragraphs[first])] + [
                _title_key(paragraphs[r])
                for r in range(first + 1, min(heading, first + _HEADLINE_ROWS))
                if searched[r] and len(paragraphs[r]) <= _RELATED_ITEM_CHARS
            ]
            run: list[int] = []
            for row in range(heading + 1, last):
                item = paragraphs[row]
                if RELATED_HEADING.match(item) or any(_repeats_title(item, t) for t in titles):
                    break
                if row + 1 < last and _BYLINE.match(paragraphs[row + 1]):
                    break
                if (
                    len(item) > _RELATED_ITEM_CHARS
                    or RELATED_RUN_END.search(item)
                    or (p_noise[row] < _RELATED_PROSE_P and _HAN_RUN.search(item))
                ):
                    break
                run.append(row)
            items += [row for row in (heading, *run) if searched[row]]
        return np.array(items, dtype=np.int64)

    def _cms_tokens(
        self,
        scores: BatchScores,
        flagged: np.ndarray,
        spliced: list[tuple[int, Flag]],
        explain: bool,
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
        rows = np.flatnonzero(~flagged & (scores.p_noise < self.threshold))
        if not len(rows):
            return []
        joined, starts = join_paragraphs(_gather(seg.paragraphs, rows))
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

    @staticmethod
    def _pinyin_initials(
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

    @staticmethod
    def _inline_related_links(
        seg: Segments, searched: np.ndarray, spliced: list[tuple[int, Flag]], explain: bool
    ) -> list[tuple[int, Flag]]:
        """A related story's link glued between two sentences of a ``searched`` paragraph
        (``patterns.inline_related_links``), label and headline, where no span flag stands: the
        span model looks for glued links only where they open a paragraph."""
        found = _found_in_rows(seg, np.flatnonzero(searched), inline_related_links)
        reason = "a related story's link glued between sentences" if explain else ""
        return _spans_not_taken(found, spliced, INLINE_LINK_SCORE, reason, "navigation")

    def _queries(
        self,
        seg: Segments,
        searched: np.ndarray,
        queried: np.ndarray,
        spliced: list[tuple[int, Flag]],
        explain: bool,
    ) -> list[tuple[int, Flag]]:
        """Search queries spliced into the ``searched`` paragraphs, where no span flag stands
        (the span model's comma splices are capitalised words): in lower case and glued on
        (``spam_queries.spliced_queries``; a comma glued to a word is looked for everywhere, a
        comma before a spam word only in the ``queried`` paragraphs, those holding one), then
        on spam's own topics in the ``queried`` paragraphs of a page not about them
        (``spam_queries.spam_queries``; whether it is, all its ``searched`` paragraphs say)."""
        out: list[tuple[int, Flag]] = []
        if self.threshold <= SPLICED_QUERY_SCORE:
            glued = _found_in_rows(
                seg,
                np.flatnonzero(searched & ~queried),
                partial(spliced_queries, after_spam_words=False),
            )
            found = sorted(glued + _found_in_rows(seg, np.flatnonzero(queried), spliced_queries))
            reason = "a search query spliced into a sentence" if explain else ""
            out += _spans_not_taken(found, spliced, SPLICED_QUERY_SCORE, reason)
        if self.threshold > SPAM_QUERY_SCORE or not queried.any():
            return out
        rows = np.flatnonzero(searched)
        row_docs = seg.doc[rows]
        found = []
        for doc in np.unique(seg.doc[queried]).tolist():
            lo, hi = np.searchsorted(row_docs, [doc, doc + 1])
            page = rows[lo:hi]
            queries = spam_queries(_gather(seg.paragraphs, page), queried[page].tolist())
            for row, spans in zip(page.tolist(), queries):
                base = int(seg.starts[row])
                found += [(row, base + a, base + b) for a, b in spans]
        reason = "a spam query put into a sentence of a page on another topic" if explain else ""
        return out + _spans_not_taken(found, spliced + out, SPAM_QUERY_SCORE, reason)

    @staticmethod
    def _chinese_spam_phrases(
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
        lines = _read_lines(scores, rows)
        joined, starts = join_paragraphs(lines)
        hits = [m.start() for m in CHINESE_SPAM_PHRASE.finditer(joined)]
        if not hits:
            return spliced
        repaired = scores.read_offsets or {}
        reason = "a spam phrase put into a Chinese sentence" if explain else ""
        out: list[tuple[int, Flag]] = []
        for doc in np.unique(seg.doc[rows[np.searchsorted(starts, hits, "right") - 1]]).tolist():
            lo, hi = int(seg.doc_ptr[doc]), int(seg.doc_ptr[doc + 1])
            page = list(range(lo, hi))
            texts = _read_lines(scores, np.arange(lo, hi))
            found = chinese_spam_phrases(texts, searched[lo:hi].tolist(), kept[lo:hi].tolist())
            for row, spans in zip(page, found):
                if row in repaired:
                    continue
                base = int(seg.starts[row])
                for a, b in spans:
                    flag = Flag(base + a, base + b, "keyword_injection", CHINESE_SPAM_SCORE, reason)
                    out.append((row, flag))
        if not out:
            return spliced
        mine = _spans_by_row(out)
        kept_spans = [
            (row, f)
            for row, f in spliced
            if not any(x < f.end and f.start < y for x, y in mine.get(row, ()))
        ]
        return kept_spans + out

    @staticmethod
    def _gambling_brands(
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
        seg = scores.seg
        lines = _read_lines(scores, rows)
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
            start, end = c.start, c.end
            if scores.read_offsets and c.paragraph in scores.read_offsets:
                where = scores.read_offsets[c.paragraph]  # found in the repaired paragraph
                start, end = int(where[start]), int(where[end])
            base = int(seg.starts[c.paragraph])
            flag = Flag(base + start, base + end, "keyword_injection", GAMBLING_BRAND_SCORE, reason)
            kept = [
                (row, other)
                for row, other in by_row.get(c.paragraph, [])
                if not (other.start < flag.end and flag.start < other.end)
            ]
            by_row[c.paragraph] = [*kept, (c.paragraph, flag)]
        return [item for items in by_row.values() for item in items]

    def _pages_scored_again(
        self, seg: Segments, paragraphs: list[str], rows: Iterable[int], keep_inputs: bool = False
    ) -> tuple[np.ndarray, BatchScores]:
        """The pages that hold ``rows`` scored anew from ``paragraphs`` (the batch's, some of
        them cut): those pages' rows in the batch, and their new scores in the same order."""
        docs = sorted({int(seg.doc[row]) for row in rows})
        page_rows = np.concatenate([np.arange(seg.doc_ptr[d], seg.doc_ptr[d + 1]) for d in docs])
        again = self.score_segments(
            segment_paragraph_lists(
                [paragraphs[seg.doc_ptr[d] : seg.doc_ptr[d + 1]] for d in docs]
            ),
            keep_inputs=keep_inputs,
        )
        return page_rows, again

    def _without_splices(
        self,
        scores: BatchScores,
        flagged: np.ndarray,
        splices: list[tuple[int, Flag]],
        explain: bool,
    ) -> tuple[BatchScores, np.ndarray, list[tuple[int, Flag]]]:
        """Scores of the paragraphs near Chinese splices, read again with the splices cut out.

        A gambling brand spliced into a Chinese sentence makes the first pass call its paragraph
        spam, and the paragraph's neighbours are judged by that look: the title above such a
        paragraph was flagged on 13.5% of held-out Chinese pages against 2.0% without the splice
        (``bench/zh_splice_context.py``). Once the splice is found its page is scored again
        without it, and the spliced paragraph and its near neighbours keep the lower of the two
        scores: the splice can have raised them, not lowered them. The rest of the page keeps the
        first pass (the page-wide inputs move a little with the cut, by chance, not cause).
        ``splices`` are (paragraph row, flag) pairs. Returns the scores, the paragraph flags and
        the span flags, with spans looked for in the paragraphs the second look freed.
        """
        seg = scores.seg
        paragraphs = list(seg.paragraphs)
        near = np.zeros(len(seg), dtype=bool)
        for row, flag in sorted(splices, key=lambda s: -s[1].start):
            doc = int(seg.doc[row])
            base, text = int(seg.starts[row]), paragraphs[row]
            cut = (text[: flag.start - base] + text[flag.end - base :]).strip()
            if cut:
                paragraphs[row] = cut
            lo, hi = int(seg.doc_ptr[doc]), int(seg.doc_ptr[doc + 1])
            near[max(lo, row - NEIGHBOURS) : min(hi, row + NEIGHBOURS + 1)] = True
        rows, again = self._pages_scored_again(
            seg, paragraphs, [row for row, _ in splices], keep_inputs=explain
        )
        pick = np.flatnonzero(near[rows] & (again.p_noise < scores.p_noise[rows]))
        rows = rows[pick]
        merged = replace(
            scores,
            p_noise=scores.p_noise.copy(),
            class_proba=scores.class_proba.copy(),
            noise_class=scores.noise_class.copy(),
            shape=scores.shape.copy(),
            inputs=None if scores.inputs is None else scores.inputs.copy(),
        )
        merged.p_noise[rows] = again.p_noise[pick]
        merged.class_proba[rows] = again.class_proba[pick]
        merged.noise_class[rows] = again.noise_class[pick]
        merged.shape[rows] = again.shape[pick]
        if merged.inputs is not None and again.inputs is not None:
            merged.inputs[rows] = again.inputs[pick]
        now = flagged & (merged.p_noise >= self.threshold)  # freed before stays free
        freed = flagged & ~now
        more = self._span_flags(seg, freed, explain, scores) if freed.any() else []
        return merged, now, more

    def _span_flags(
        self, seg: Segments, eligible: np.ndarray, explain: bool, scores: BatchScores
    ) -> list[tuple[int, Flag]]:
        # the spans are read where Traditional characters are folded to Simplified (same offsets)
        paragraphs = scores.read_paragraphs or fold_paragraphs(seg.paragraphs)
        query_rows = None
        if scores.query_rows is not None:
            query_rows = np.flatnonzero(eligible & scores.query_rows)
        cands = find_candidates(paragraphs, np.flatnonzero(eligible), query_rows)
        if not cands:
            return []
        words = scores.page_tokens.page_words(seg.doc) if scores.page_tokens else None
        with _thread_limit(self.n_threads):  # the Chinese kinds' trees use OpenMP
            probs = self.spans.predict_proba(paragraphs, seg.doc, cands, words)
        above = np.flatnonzero(probs >= self.spans.thresholds(cands, self.span_threshold))
        cands, probs = [cands[j] for j in above.tolist()], probs[above]
        cands, probs = _without_glued_queries(cands, probs, paragraphs)
        seams = self.spans.seams(paragraphs, cands)
        cands, probs = merge_overlapping(cands, probs, seams=seams)
        cands = take_remnants(grow_brands(cands, paragraphs), paragraphs)
        # a search query's extents come last: where another kind's candidate overlaps one (a
        # glued link, a comma splice), that kind's extent is the one its pattern found
        query = np.fromiter((c.kind in QUERY_KINDS for c in cands), dtype=bool, count=len(cands))
        order = np.lexsort((-probs, query))
        taken: dict[int, list[tuple[int, int]]] = {}
        result = []
        for j in order.tolist():
            c = cands[j]
            spans = taken.setdefault(c.paragraph, [])
            if any(a < c.end and c.start < b for a, b in spans):
                continue
            spans.append((c.start, c.end))
            base = int(seg.starts[c.paragraph])
            start, end = c.start, c.end
            if scores.read_offsets and c.paragraph in scores.read_offsets:
                where = scores.read_offsets[c.paragraph]  # found in the repaired paragraph
                start, end = int(where[start]), int(where[end])
            reason = ""
            if explain:
                what = f"spliced phrase ({c.kind} pattern)"
                if c.kind in QUERY_KINDS:
                    what = f"a search query put into a sentence ({c.kind}: spam's and commerce's words)"
                reason = f"{what}, span score {probs[j]:.2f}"
            result.append(
                (
                    c.paragraph,
                    Flag(base + start, base + end, span_label(c.kind), float(probs[j]), reason),
                )
            )
        return result

    def _contributions(self, scores: BatchScores, rows: np.ndarray) -> dict[str, np.ndarray]:
        if scores.inputs is None or not len(rows) or self.model.stage3:
            return {}
        ref = typical_article_rows(scores.inputs, scores.p_noise, scores.seg.doc, self.threshold)
        # the trees again, one pass per group: under the same OpenMP limit as the scores' pass
        # (without it, a one-page --explain scan on a busy machine took seconds, not 0.1 s)
        with _thread_limit(self.n_threads):
            return group_contributions(self.model.context_score, scores.inputs, rows, ref)

    def _reason(
        self, scores: BatchScores, i: int, contributions: dict[str, np.ndarray], r: int
    ) -> str:
        p1 = scores.class_proba[i]
        top = int(scores.noise_class[i])
        patterns = [n.removeprefix("cue_") for j, n in _PATTERN_COLUMNS if scores.shape[i, j] > 0]
        parts = [
            f"score {scores.p_noise[i]:.2f} after page context",
            f"on its own text: article {p1[0]:.2f}, {CLASSES[top]} {p1[top]:.2f}",
        ]
        if scores.raised is not None and scores.raised[i]:
            parts.insert(
                1,
                f"raised {scores.raised[i]:+.2f} in log-odds on a page neither English nor Chinese",
            )
        drivers = describe(contributions, r) if contributions else ""
        if drivers:
            parts.append("raised by " + drivers)
        if patterns:
            parts.append("matched " + ", ".join(patterns))
        return "; ".join(parts)

    # -- public API -------------------------------------------------------------------------
    def scan_batch(self, texts: list[str], explain: bool = False) -> list[list[Flag]]:
        """Flags for each of ``texts``, offsets being ``str`` indices into that text."""
        texts = as_texts(texts)
        if not texts:
            return []
        return self.scan_batch_columns(texts, explain).lists()

    def scan_batch_columns(self, texts: list[str], explain: bool = False) -> FlagColumns:
        """As :meth:`scan_batch`, the flags as columns (no object per flag). At most
        ``MAX_SCORED_CHARS`` are scored at once (``pagesieve.pieces``)."""
        texts = as_texts(texts)
        if not texts:
            empty = np.zeros(0, dtype=np.int64)
            return FlagColumns(np.zeros(1, dtype=np.int64), empty, empty, empty, empty * 0.0)

        def scan(part: list[str]) -> FlagColumns:
            return self.flag_columns(self.score_batch(part, keep_inputs=explain), explain)

        return scan_in_parts(list(texts), MAX_SCORED_CHARS, scan)

    def scan_batch_scored(
        self, texts: list[str], explain: bool = False
    ) -> list[tuple[list[Flag], np.ndarray]]:
        """Each text's flags and the scores of its paragraphs, for readers who want both (the
        audit report's histogram). Bounded as :meth:`scan_batch_columns` is: a document longer
        than ``MAX_SCORED_CHARS`` is scored in pieces, its scores the pieces' in order."""
        texts = as_texts(texts)
        if not texts:
            return []
        pieces = Pieces.cut(list(texts), MAX_SCORED_CHARS)
        parts: list[tuple[slice, FlagColumns]] = []
        scores: list[list[np.ndarray]] = [[] for _ in texts]
        for part in pieces.parts(MAX_SCORED_CHARS):
            batch = self.score_batch(pieces.texts[part], keep_inputs=explain)
            parts.append((part, self.flag_columns(batch, explain)))
            ptr, p = batch.seg.doc_ptr, np.asarray(batch.p_noise, dtype=np.float64)
            for k, d in enumerate(pieces.doc[part]):
                scores[d].append(p[ptr[k] : ptr[k + 1]])
        flags = pieces.join(parts).lists()
        return [(f, np.concatenate(s)) for f, s in zip(flags, scores)]

    def scan(self, text: str, explain: bool = False) -> list[Flag]:
        return self.scan_batch([_as_text(text)], explain=explain)[0]

    def clean_batch(self, texts: list[str]) -> list[str]:
        texts = as_texts(texts)
        return [remove_flagged(t, f) for t, f in zip(texts, self.scan_batch(texts))]

    def clean(self, text: str) -> str:
        return self.clean_batch([_as_text(text)])[0]


def _union_rules(*parts: tuple[np.ndarray, np.ndarray | int]) -> tuple[np.ndarray, np.ndarray]:
    """Rows ruled by several rules, each once and sorted, with its rule: each part is rows and
    their rules (one rule for all of them, or one per row); a row in two parts keeps the first
    part's rule."""
    rows = [r for r, _ in parts]
    named = [np.broadcast_to(np.asarray(k, dtype=np.int64), (len(r),)) for r, k in parts]
    hit, at = np.unique(np.concatenate(rows), return_index=True)
    return hit.astype(np.int64), np.concatenate(named)[at]


def check_threshold(threshold: object) -> None:
    """Refuse a threshold that is not None or a number in [0, 1] (NaN is not: every comparison
    with it is false), where it is given rather than where a worker first scores with it."""
    if threshold is not None and not (
        isinstance(threshold, Real) and not isinstance(threshold, bool) and 0.0 <= threshold <= 1.0
    ):
        raise ValueError(f"threshold must be a number from 0 to 1, not {threshold!r}")


def check_count(name: str, value: object) -> int:
    """A whole number of at least 1 (a batch size, a character limit), or a ValueError."""
    if not isinstance(value, Integral) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}")
    return int(value)


def kept_labels(labels: Iterable[str]) -> frozenset[str]:
    """``labels`` as a set, each one checked: a misspelt label would keep nothing, silently."""
    if isinstance(labels, str):
        labels = (labels,)
    keep = frozenset(labels)
    unknown = sorted(keep - LABEL_INDEX.keys())
    if unknown:
        raise ValueError(
            f"unknown label(s) {', '.join(unknown)}: the labels are {', '.join(LABEL_INDEX)}"
        )
    return keep


def as_texts(texts: Any) -> list[str]:
    """A batch as a list of str. A str is refused, not scanned one character a document, and
    bytes are refused with the fix (decode them) rather than failing deep inside."""
    if texts is None or isinstance(texts, (str, bytes, bytearray)):
        kind = type(texts).__name__
        raise TypeError(f"expected a list of str, got {kind}: for one text, use scan()/clean()")
    texts = list(texts)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"texts[{i}]: {_not_text(text)}")
    return texts


def _as_text(text: Any) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text: {_not_text(text)}")
    return text


def _not_text(value: Any) -> str:
    if isinstance(value, (bytes, bytearray)):
        return "bytes, not str: decode it first (for example value.decode('utf-8'))"
    return f"{type(value).__name__}, not str"
