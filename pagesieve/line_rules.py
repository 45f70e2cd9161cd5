"""Line rules beside the model: lines it lets through that their own words name as page
furniture, tags, related or dated lists, link notices, ads and comment threads; and the
rows of a Chinese article's table it takes for a menu. Each rule has a score of its own, and a
``--threshold`` above that score turns it off."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from pagesieve.ad_leads import ad_block_leads, consumer_ad_lines, foreign_ad_lines, word_reader
from pagesieve.batch_scores import CLASS_LABEL, NO_ROWS, BatchScores, gather, read_lines
from pagesieve.batch_text import join_paragraphs
from pagesieve.comment_threads import comment_thread_rows
from pagesieve.corpus import CLASSES
from pagesieve.dated_lists import dated_list_rows, introduces_list, ranked_count_rows
from pagesieve.furniture_words import (
    Furniture,
    casefold_lines,
    furniture,
    mentioned,
    related_headings,
    site_link,
)
from pagesieve.patterns import (
    CONSENT_LINE_CHARS,
    CONSENT_NOTICE,
    FURNITURE_LINE,
    KEYED_LINE_SCRIPTS,
    KEYED_LINES,
    KEYWORD_LIST_ITEMS,
    LATE_RELATED_HEADING,
    RELATED_HEADING,
    RELATED_RUN_END,
    SHARE_ITEM_CHARS,
    SHARE_ITEM_LINE,
    TAG_LINE,
    consent_notice_starts,
    keyed_starts,
    keyword_list_line,
    link_trade_terms,
    literal_starts,
    plausible_tag_list,
    post_meta_line,
    table_run,
)
from pagesieve.segment import Segments
from pagesieve.shape import SHAPE_NAMES
from pagesieve.site_names import site_name_rows
from pagesieve.types import LABEL_INDEX

_FRAC_CJK = SHAPE_NAMES.index("frac_cjk")
_FRAC_KANA_HANGUL = SHAPE_NAMES.index("frac_kana_hangul")

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
#: the score of a page's first line that is the site's name, named again in its copyright line
#: (``site_names``; a rule): over the read sets at session 62's start, 51 of 51 such lines are
#: noise
SITE_NAME_SCORE = 0.93
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
#: a line of an article's prose: this long (in Chinese, where a sentence takes fewer characters,
#: the second), and the model keeps it (a widget's heading after the last one reads as a related
#: list's: ``patterns.LATE_RELATED_HEADING``)
_PROSE_LINE_CHARS, _PROSE_LINE_CHARS_ZH, _PROSE_LINE_P = 100, 40, 0.5
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
    ("comment_thread", "comment", COMMENT_THREAD_SCORE, "a line of a readers' comment thread"),
    (
        "dated_list",
        "navigation",
        DATED_LIST_SCORE,
        "an item of a list whose items end in a date or, ranked, in a falling count",
    ),
    ("site_name", "navigation", SITE_NAME_SCORE, "a page's first line that its copyright names"),
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
THREAD_RULE = _rule_index("comment_thread")
DATED_LIST_RULE = _rule_index("dated_list")
SITE_NAME_RULE = _rule_index("site_name")
RULE_LABEL = np.array([LABEL_INDEX[label] for _, label, _, _ in LINE_RULES], dtype=np.int64)
RULE_SCORE = np.array([score for _, _, score, _ in LINE_RULES])
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


def share_bar_rows(seg: Segments, searched: np.ndarray) -> np.ndarray:
    """The ``searched`` rows that are one item of a share bar written one item a line
    (``patterns.SHARE_ITEM_LINE``) next to another item of it, flagged or not: the model takes
    most of such a bar and leaves its first or last item (``Facebook`` over ``Twitter``,
    ``Email``, ``Print``). On the labeled pages that are no test set, 24 lines, all noise."""
    short = np.flatnonzero(seg.ends - seg.starts <= SHARE_ITEM_CHARS)
    if len(short) < 2:
        return NO_ROWS
    joined, starts = join_paragraphs(gather(seg.paragraphs, short))
    at = [m.start() for m in SHARE_ITEM_LINE.finditer(joined)]
    if not at:
        return NO_ROWS
    item = np.zeros(len(seg), dtype=bool)
    item[short[np.searchsorted(starts, at, "right") - 1]] = True
    # rows r - 1 and r: two items on one page
    pair = item[:-1] & item[1:] & (seg.doc[:-1] == seg.doc[1:])
    in_bar = np.zeros(len(seg), dtype=bool)
    in_bar[:-1] |= pair
    in_bar[1:] |= pair
    return np.flatnonzero(in_bar & searched)


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


def _sentence(line: str, chars: int = _PROSE_CHARS) -> bool:
    """A line long enough to be prose (``chars``) that ends as a sentence does (a banner's
    sentence, not its button)."""
    return len(line) >= chars and bool(_SENTENCE_END.search(line))


def _sentence_over(other: str, line: str) -> bool:
    """Is ``other`` a sentence more than twice as long as ``line``, one that can go on about it?"""
    return len(other) > 2 * len(line) and bool(_SENTENCE_END.search(other))


def _prose_line(line: str) -> bool:
    """A sentence of the article's: long, ending as sentences do (not ``…``), and no tags or
    furniture line itself (``This entry was posted on … filed under News.``)."""
    return (
        _sentence(line)
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
    return _sentence_over(after, line) and stem in after.casefold()


def _article_heading(line: str, row: int, seg: Segments) -> bool:
    """Is a line of furniture words the article's own: an example the line before introduces,
    or a heading whose words a sentence beside it takes up (``Реклама`` then ``По закону
    рекламные материалы…``; ``Contenido patrocinado`` after ``…los contenidos de marca…``)?"""
    if _article_example(row, seg):
        return True
    lo, hi = seg.doc_ptr[seg.doc[row]], seg.doc_ptr[seg.doc[row] + 1]
    return any(
        _sentence_over(other, line) and mentioned(line, other)
        for other in seg.paragraphs[max(lo, row - 1) : row]
        + seg.paragraphs[row + 1 : min(hi, row + 2)]
    )


def _foreign_lines(scores: BatchScores, rows: np.ndarray, read: list[str]) -> list[str]:
    """The lines of ``rows`` (read as the Chinese rules read them: ``read``) as the furniture
    words of other languages look them up: as given, unless read repaired. The Chinese rules
    fold Traditional characters to Simplified, and a Japanese page's kanji with them
    (``この記事をシェア`` read as ``この记事をシェア`` matched no phrase)."""
    repaired = scores.read_offsets or {}
    paragraphs = scores.seg.paragraphs
    return [line if row in repaired else paragraphs[row] for row, line in zip(rows.tolist(), read)]


def _foreign_picks(foreign: np.ndarray | None, rows: np.ndarray) -> np.ndarray:
    """The positions in ``rows`` of the rows on pages in other languages (all without a mask)."""
    return np.arange(len(rows)) if foreign is None else np.flatnonzero(foreign[rows])


def trading_links(scores: BatchScores, rows: np.ndarray) -> list[int]:
    """The positions among ``rows`` of paragraphs naming two terms of link trade
    (``patterns.link_trade_terms``); only those whose vocabulary ids hold two of its words are
    read, when the batch has them."""
    at = np.arange(len(rows))
    if scores.word_counts is not None:
        at = np.flatnonzero(scores.word_counts["link_trade"][rows] >= 2)
    paragraphs = scores.seg.paragraphs
    return [i for i in at.tolist() if len(link_trade_terms(paragraphs[int(rows[i])])) >= 2]


def _title_key(line: str) -> str:
    return " ".join(line.casefold().split())


def _repeats_title(line: str, title: str) -> bool:
    """Is ``line`` a title again (``title``: the ``_title_key`` of one of the page's first
    lines), or its start?"""
    key = _title_key(line)
    return key == title or (len(key) >= _TITLE_PREFIX_CHARS and title.startswith(key))


def rule_lines(
    scores: BatchScores, flagged: np.ndarray, threshold: float
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
    joined (the patterns are anchored at line starts), and a rule not at all when its score is
    under the threshold. A page's first line is its title to every rule but the furniture's: a
    crawl's text often opens with ``Skip to main content`` or a menu, and over the labeled pages
    the first lines those rules take are noise (694 against 2, both gold quirks)."""
    seg = scores.seg
    searched = ~flagged & (seg.ends - seg.starts <= _RULE_LINE_CHARS)
    firsts = seg.doc_ptr[:-1]
    firsts = firsts[firsts < len(seg)]
    openings = firsts[searched[firsts]]  # read by the furniture rules only (_opening_furniture)
    searched[firsts] = False  # a page's first line is its title
    ruled_first, first_rules = NO_ROWS, NO_ROWS
    if threshold <= FURNITURE_LINE_SCORE:
        ruled_first, first_rules = union_rules(
            (_consent_notices(seg, flagged, firsts), _FURNITURE_RULE["boilerplate"]),
            _opening_furniture(scores, openings, threshold),
        )
    rows = np.flatnonzero(searched)
    if not len(rows):
        return ruled_first, first_rules
    # read repaired and in Simplified characters, as the Chinese rules read them: a bar of
    # links on a page served with the wrong charset is split by ``Â·``, not ``·``
    lines = read_lines(scores, rows)
    joined, starts = join_paragraphs(lines)

    def row_at(position: int) -> int:
        return int(rows[np.searchsorted(starts, position, "right") - 1])

    found: dict[int, int] = {}
    if threshold <= FURNITURE_LINE_SCORE:
        for m in FURNITURE_LINE.finditer(joined):
            kind = m.lastgroup or "navigation"
            if _furniture_line(m.group(), kind, row_at(m.start()), seg):
                found[m.start()] = _FURNITURE_RULE[kind]
        # lines read where a key of theirs stands (``patterns.KEYED_LINES``): a supplier's ad
        # line (two of its trade terms: ``MOQ``, ``lead time``, ``OEM``), an affiliate
        # disclosure in the page's voice, a market ticker, a section's path
        for keys, test, kind in KEYED_LINES:
            script = KEYED_LINE_SCRIPTS.get(test)
            if script is not None and script.search(joined) is None:
                continue
            at_keys = np.unique(np.searchsorted(starts, keyed_starts(joined, keys), "right") - 1)
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
        picked = _foreign_lines(scores, rows[pick], [lines[i] for i in pick.tolist()])
        for at, row, line, low, p in zip(
            starts[pick].tolist(),
            rows[pick].tolist(),
            picked,
            casefold_lines(picked),
            scores.p_noise[rows[pick]].tolist(),
        ):
            if len(line) <= _PHRASE_LINE_CHARS and (what := furniture(line, low)) is not None:
                rule = _foreign_furniture_rule(what, line, row, seg, p, threshold)
                if rule is not None:
                    found.setdefault(at, rule)
    if threshold <= LINK_TRADE_SCORE:
        # a notice that trades links: two of its terms (``link exchanges``, ``DA 30+``)
        prose: dict[int, list[int]] = {}  # a page's rows of prose about link trade
        for i in trading_links(scores, rows):
            row = int(rows[i])
            if scores.p_noise[row] < _LINK_TRADE_MIN_P or _article_example(row, seg):
                continue
            doc = int(seg.doc[row])
            if doc not in prose:
                prose[doc] = _link_trade_prose(doc, seg, scores.p_noise, scores.shape[:, _FRAC_CJK])
            if not any(other != row for other in prose[doc]):
                found.setdefault(int(starts[i]), _LINK_TRADE_RULE)
    if threshold <= TAG_LINE_SCORE:
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
    if threshold <= FURNITURE_LINE_SCORE:
        # a share bar one item a line, where no rule above took the line
        for i in np.searchsorted(rows, share_bar_rows(seg, searched)).tolist():
            found.setdefault(int(starts[i]), _FURNITURE_RULE["navigation"])
    hit = rows[np.searchsorted(starts, sorted(found), side="right") - 1]
    rule = [found[a] for a in sorted(found)]
    parts = [(hit, rule), (ruled_first, first_rules)]
    if threshold <= FURNITURE_LINE_SCORE:
        parts.append((_menu_rows(scores, searched), _FURNITURE_RULE["navigation"]))
    if threshold <= RELATED_LIST_SCORE:
        parts.append(
            (
                _related_items(
                    seg, searched, scores.p_noise, scores.foreign, scores.shape[:, _FRAC_CJK]
                ),
                _RELATED_RULE,
            )
        )
    return union_rules(*parts)


#: a menu written one item a line at the top of a page in another language: its items' longest,
#: the fewest items, and the line that ends the page's head (its first of this length)
_MENU_ITEM_CHARS, _MENU_ITEMS, _MENU_HEAD_END_CHARS = 20, 4, 50
#: what no menu item holds: a digit (a date, a price, a recipe's quantity), a sentence's end, a
#: label's colon
_NO_MENU_ITEM = re.compile(r"\d|[.!?。！？:：]\s*$")


def _menu_rows(scores: BatchScores, searched: np.ndarray) -> np.ndarray:
    """The ``searched`` rows of a menu written one item a line on a page in another language:
    four short lines or more in a row above the page's first long line, none with a digit or a
    sentence's end, one of them a furniture word or a site's link (``หน้าแรก``, ``로그인``); the
    model, which cannot read ``การเมือง`` or ``경제``, keeps most of them. The run's last line is
    left, where a short title can close it: on the pages read (session 64) that gave back four
    of the five article lines such runs held, for 27 of their 210 noise lines."""
    seg = scores.seg
    rows = np.arange(len(seg)) if scores.foreign is None else np.flatnonzero(scores.foreign)
    if not len(rows):
        return NO_ROWS
    lengths = seg.ends - seg.starts
    paragraphs = seg.paragraphs
    found: list[int] = []
    for doc in np.unique(seg.doc[rows]).tolist():
        lo, hi = int(seg.doc_ptr[doc]), int(seg.doc_ptr[doc + 1])
        long = np.flatnonzero(lengths[lo:hi] >= _MENU_HEAD_END_CHARS)
        head_end = lo + (int(long[0]) if len(long) else hi - lo)
        run: list[int] = []
        for row in range(lo, head_end + 1):
            if (
                row < head_end
                and lengths[row] <= _MENU_ITEM_CHARS
                and _NO_MENU_ITEM.search(paragraphs[row]) is None
            ):
                run.append(row)
                continue
            if len(run) >= _MENU_ITEMS and any(site_link(paragraphs[r]) for r in run):
                found += [r for r in run[:-1] if searched[r]]
            run = []
    return np.array(found, dtype=np.int64)


def ad_rules(
    scores: BatchScores, flagged: np.ndarray, ruled: np.ndarray, rules: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``ruled`` and ``rules`` with an ad's lines the model keeps: those in words the page
    does not use (``ad_leads.foreign_ad_lines``), consumer ads by their terms
    (``ad_leads.consumer_ad_lines``), then those over an ad that share its words
    (``ad_leads.ad_block_leads``; the model's ad rows and the rules' are the ad)."""
    ad = flagged & (CLASS_LABEL[scores.noise_class] == LABEL_INDEX["ad"])
    ad[ruled] = RULE_LABEL[rules] == LABEL_INDEX["ad"]
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
    return union_rules(
        (ruled, rules),
        (foreign, _FOREIGN_AD_RULE),
        (consumer, _CONSUMER_AD_RULE),
        (leads, _AD_LEAD_RULE),
    )


def table_rows(scores: BatchScores, flagged: np.ndarray) -> np.ndarray:
    """Flagged rows of a Chinese article's table (``patterns.table_run``): the model
    reads a run of ``品牌 | 暖栖`` rows as a menu. Only flagged short lines holding Han
    characters and a cell separator are read, with the lines around them."""
    seg = scores.seg
    short = (seg.ends - seg.starts <= _TABLE_LINE_CHARS) & (scores.shape[:, _FRAC_CJK] > 0)
    rows = np.flatnonzero(short & flagged)
    if not len(rows):
        return NO_ROWS
    lines = gather(seg.paragraphs, rows)
    piped = [r for r, line in zip(rows.tolist(), lines) if " | " in line or " ｜ " in line]
    if not piped:
        # one flagged row is enough to look: the run is read around it, flagged or not
        # (a model that flags one row of five, ``品牌 | 暖栖`` at 0.87, left it flagged)
        return NO_ROWS
    out: list[int] = []
    for row in piped:
        if out and row <= out[-1]:
            continue
        doc = seg.doc[row]
        lo, hi = int(seg.doc_ptr[doc]), int(seg.doc_ptr[doc + 1])
        run = table_run(seg.paragraphs, row, lo, hi)  # the run of table rows around it
        if run:
            # and the table's heading, right above it (``产品参数``)
            if run.start > lo and _TABLE_HEADING.fullmatch(seg.paragraphs[run.start - 1].strip()):
                out.append(run.start - 1)
            out.extend(run)
    return np.asarray([r for r in out if flagged[r]], dtype=np.int64)


def _furniture_line(line: str, kind: str, row: int, seg: Segments) -> bool:
    """Does a line ``FURNITURE_LINE`` matches (as ``kind``) stay flagged: not a table's header,
    not a page's title that its sentences take up, not a banner's sentence on a page about
    cookies, not a link word the article goes on about?"""
    if kind == "navigation" and _table_header(line, row, seg):
        return False
    if row == seg.doc_ptr[seg.doc[row]] and _titles_prose(line, row, seg):
        return False
    said = line.strip()
    if "ookie" in said and _sentence(said) and _page_on_cookies(row, seg):
        return False
    return kind == "ad" or not _furniture_word_in_prose(
        said, row, seg, heading=kind.startswith("navigation")
    )


def _opening_furniture(
    scores: BatchScores, openings: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """Rows of the pages' first lines (``openings``, one a page) that the furniture rules flag,
    and each one's rule: ``FURNITURE_LINE``, and another language's furniture words on its
    pages. Read joined apart from the batch's other lines, so that the rules that take a first
    line for a title never see them."""
    if not len(openings):
        return NO_ROWS, NO_ROWS
    seg = scores.seg
    lines = read_lines(scores, openings)
    joined, starts = join_paragraphs(lines)
    found: dict[int, int] = {}
    for m in FURNITURE_LINE.finditer(joined):
        i = int(np.searchsorted(starts, m.start(), "right")) - 1
        kind = m.lastgroup or "navigation"
        if _furniture_line(m.group(), kind, int(openings[i]), seg):
            found[i] = _FURNITURE_RULE[kind]
    pick = _foreign_picks(scores.foreign, openings)
    foreign_lines = _foreign_lines(scores, openings[pick], [lines[i] for i in pick.tolist()])
    for i, line in zip(pick.tolist(), foreign_lines):
        row = int(openings[i])
        if i in found or len(line) > _PHRASE_LINE_CHARS or (what := furniture(line)) is None:
            continue
        ruled = _foreign_furniture_rule(what, line, row, seg, float(scores.p_noise[row]), threshold)
        if ruled is not None:
            found[i] = ruled
    at = sorted(found)
    hit, rule = openings[at], [found[i] for i in at]
    return np.asarray(hit, dtype=np.int64), np.asarray(rule, dtype=np.int64)


def _consent_notices(seg: Segments, flagged: np.ndarray, firsts: np.ndarray) -> np.ndarray:
    """Rows of the cookie banners (``patterns.CONSENT_NOTICE``) the other line rules do not
    read: lines past their 300 characters, and a page's first line."""
    lengths = seg.ends - seg.starts
    read = ~flagged & (lengths > _RULE_LINE_CHARS) & (lengths <= CONSENT_LINE_CHARS)
    first = firsts[firsts < len(seg)]
    read[first] = ~flagged[first] & (lengths[first] <= CONSENT_LINE_CHARS)
    rows = np.flatnonzero(read)
    if not len(rows):
        return NO_ROWS
    lines = gather(seg.paragraphs, rows)
    joined, starts = join_paragraphs(lines)
    at = np.unique(np.searchsorted(starts, consent_notice_starts(joined), "right") - 1)
    return rows[
        [
            i
            for i in at.tolist()
            if CONSENT_NOTICE.match(lines[i])
            and not (_sentence(lines[i]) and _page_on_cookies(int(rows[i]), seg))
        ]
    ].astype(np.int64)


#: the lines around a line read for its page's topic, each way
_TOPIC_LINES = 40
#: the sentences of a page that make it one on cookies (a cookie policy, an article on banners)
_COOKIE_PROSE = 2


def _page_on_cookies(row: int, seg: Segments) -> bool:
    """Is the page of ``row`` one about cookies (a site's cookie policy in its own voice, ``We use
    cookies to keep you signed in…``; an article on banners), where a sentence in a banner's
    words is the article's? Two sentences about cookies among the lines around it, other than
    it, make it one; a banner's page names cookies in its links and buttons (``Cookie
    settings``), not in sentences."""
    lo, hi = seg.doc_ptr[seg.doc[row]], seg.doc_ptr[seg.doc[row] + 1]
    found = 0
    for i in range(max(lo, row - _TOPIC_LINES), min(hi, row + _TOPIC_LINES + 1)):
        other = seg.paragraphs[i]
        if i != row and "cookie" in other.casefold() and _sentence(other):
            found += 1
            if found >= _COOKIE_PROSE:
                return True
    return False


#: a word of a title, four letters or more
_TITLE_WORD = re.compile(r"[^\W\d_]{4,}")


def _titles_prose(line: str, row: int, seg: Segments) -> bool:
    """Is a page's first line, read as furniture (``Cookie policy``, ``Home``, ``Search``), the
    title of the sentences under it: one of the next three lines a sentence that holds each of
    its words (``This policy explains how … uses cookies``)? A skip link or a menu is never
    taken up word for word."""
    words = _TITLE_WORD.findall(line.casefold())
    if not words:
        return False
    hi = seg.doc_ptr[seg.doc[row] + 1]
    for other in seg.paragraphs[row + 1 : min(hi, row + 4)]:
        if _sentence_over(other, line):
            said = other.casefold()
            if all(re.search(rf"\b{re.escape(w)}(?:e?s)?\b", said) for w in words):
                return True
    return False


def _foreign_furniture_rule(
    what: Furniture, line: str, row: int, seg: Segments, p_noise: float, threshold: float
) -> int | None:
    """The line rule (an index into ``LINE_RULES``) that flags a line of another language's
    furniture (``furniture_words``), or ``None``. A phrase alone other than an ad's marker
    (``Teilen``, ``Kommentare``) is also what an article's heading can be (``Impressum``
    over a paragraph on imprint law), and the model's score cannot tell the two apart: it
    is flagged only where the model has doubts already (``_PHRASE_MIN_P``). A phrase or a
    bar whose words a sentence beside it takes up is the article's (``_article_heading``)."""
    if what.kind == "tags":
        if threshold > TAG_LINE_SCORE or not _tags_line(what.items, row, seg):
            return None
        if _among_labeled_rows(row, seg):
            return None  # a product's own rows (``Merek: …`` / ``Label: Produk Lokal``)
        return _TAG_RULE
    if (
        what.how == "phrase"
        and what.kind != "ad"
        and p_noise < _PHRASE_MIN_P
        and not (_beside_furniture(row, seg) and not _explained(line, row, seg))
    ):
        return None
    # a phrase, a bar, a count or a copyright line whose words a sentence beside it takes up is
    # the article's; the other forms carry a headline or a path of their own (``Leia também:
    # <headline>``, on the article's topic), which sentences beside them take up as often
    if what.how != "form" and _article_heading(line, row, seg):
        return None
    if what.how == "count" and what.kind != "comment" and _counts_in_prose(line, row, seg):
        return None  # (a comment count's word is a comment policy's too: ``…비방 댓글은 삭제…``)
    if what.how == "notice" and _quoted_notice(row, seg):
        return None  # an article on copyright, quoting a site's line (``次のような一行``)
    return _FURNITURE_RULE[what.kind]


def _beside_furniture(row: int, seg: Segments) -> bool:
    """Is the line just above or below ``row`` on its page furniture of another language too?
    An article's heading (``Impressum``) is followed by its prose; a share bar written one item
    a line (``공유하기`` over ``인쇄``) by its next item, on a page whose words the model does not
    know, so that its score cannot vouch for either."""
    lo, hi = seg.doc_ptr[seg.doc[row]], seg.doc_ptr[seg.doc[row] + 1]
    return any(
        lo <= other < hi and furniture(seg.paragraphs[other]) is not None
        for other in (row - 1, row + 1)
    )


def _explained(line: str, row: int, seg: Segments) -> bool:
    """Does a sentence around a phrase take up its word: a guide's list of a phone's buttons one
    a line (``저장`` over ``인쇄``), each explained below (``저장은 …``; session 64's blind pages
    written to trip the rules)?"""
    return _said_around(row, seg, lambda said: mentioned(line, said))


#: the labeled rows around a tags line that make it a row of a table of facts
_LABELED_ROWS = 2
#: the lines read under such a tags line for the article going on (more tags lines skipped)
_LABELED_ROWS_AFTER = 4
#: a row of a product's or a notice's own facts: a short label, a colon, its value
_LABELED_ROW = re.compile(r"^[ \t]*[^\W\d_][^:：\n]{0,24}[:：][ \t]*\S")
#: a sentence's words on copyright: a page whose prose has them may quote a site's notice
_COPYRIGHT_WORD = re.compile(
    r"©|ⓒ|copyright|저작권|著作権|版权|版權|авторск|urheberrecht|droits? d'auteur|derechos de autor"
    r"|direitos autorais|diritto d'autore|praw[ao] autorsk|hak cipta|bản quyền|telif hakk",
    re.IGNORECASE,
)
#: the shortest sentence read as naming a count's label (Korean and Japanese ones are short)
_COUNT_PROSE_CHARS = 30
#: a count's label: what comes before its first number
_COUNT_LABEL = re.compile(r"^[ \t]*([^\W\d_][^\d:：|·]*?)[ \t]*[:：!！]?[ \t]*\d")


def _among_labeled_rows(row: int, seg: Segments) -> bool:
    """Is a tags line of another language a row of a table of the article's facts: two of the
    lines around it labeled rows that are no furniture (``Merek: Langkah Nusa``, ``Kategori:
    Sepatu Lari`` over ``Label: Produk Lokal, Edisi 2024``), and the article going on under it
    (the next line that is no tags line ends as a sentence)? A post's tags line follows the
    article's fact rows as often, but furniture follows it (a share bar, an ad's marker)
    (session 63's blind pages written to trip the rules)."""
    lo, hi = seg.doc_ptr[seg.doc[row]], seg.doc_ptr[seg.doc[row] + 1]
    rows = [other for other in range(row - 2, row + 3) if other != row and lo <= other < hi]
    labeled = sum(
        _LABELED_ROW.match(seg.paragraphs[other]) is not None
        and furniture(seg.paragraphs[other]) is None
        for other in rows
    )
    if labeled < _LABELED_ROWS:
        return False
    for other in range(row + 1, min(hi, row + 1 + _LABELED_ROWS_AFTER)):
        after = seg.paragraphs[other]
        found = furniture(after)
        if found is not None and found.kind == "tags":
            continue
        return found is None and _SENTENCE_END.search(after) is not None
    return False


def _counts_in_prose(line: str, row: int, seg: Segments) -> bool:
    """Does a sentence of the page around it name what a count counts (``조회수`` in ``집계
    기준은 … 조회수이며``): a page about its own views or likes, whose table of them is its
    article's? A site's count bar sits on pages whose prose never names its label."""
    label = _COUNT_LABEL.match(line)
    if label is None:
        return False
    word = label.group(1).casefold()
    return _said_around(row, seg, lambda said: word in said.casefold())


def _quoted_notice(row: int, seg: Segments) -> bool:
    """Is a copyright line one an article on copyright quotes: its prose around has words on
    copyright, and the article goes on under the line (its next line a sentence, no furniture)?
    The site's own line closes the page, or sits among furniture (session 63's blind pages
    written to trip the rules)."""
    hi = seg.doc_ptr[seg.doc[row] + 1]
    if row + 1 >= hi:
        return False
    after = seg.paragraphs[row + 1]
    return (
        _SENTENCE_END.search(after) is not None
        and furniture(after) is None
        and _said_around(row, seg, _COPYRIGHT_WORD.search)
    )


def _said_around(row: int, seg: Segments, says: Callable[[str], object]) -> bool:
    """Is there a sentence among the lines around ``row`` of which ``says`` is true, one that is
    no furniture itself (not a comment form's ``로그인 후 댓글을 남길 수 있습니다.``)?"""
    lo, hi = seg.doc_ptr[seg.doc[row]], seg.doc_ptr[seg.doc[row] + 1]
    # the lines around it, as a page's topic is read (``_TOPIC_LINES``): a page of thousands of
    # counted lines is not read whole for each
    lo, hi = max(lo, row - _TOPIC_LINES), min(hi, row + _TOPIC_LINES + 1)
    return any(
        other != row
        and says(said := seg.paragraphs[other])
        and _sentence(said, _COUNT_PROSE_CHARS)
        and furniture(said) is None
        for other in range(lo, hi)
    )


def _last_prose_rows(seg: Segments, p_noise: np.ndarray, frac_cjk: np.ndarray) -> np.ndarray:
    """Each page's last line of article prose (``_PROSE_LINE_CHARS`` or more, in Chinese the
    second, the model keeping it), by page; a page without one gets a row past every row."""
    chars = np.where(frac_cjk > 0.5, _PROSE_LINE_CHARS_ZH, _PROSE_LINE_CHARS)
    prose = np.flatnonzero((seg.ends - seg.starts >= chars) & (p_noise < _PROSE_LINE_P))
    last = np.full(seg.n_docs, -1, dtype=np.int64)
    np.maximum.at(last, seg.doc[prose], prose)
    last[last < 0] = len(seg)
    return last


def _related_items(
    seg: Segments,
    searched: np.ndarray,
    p_noise: np.ndarray,
    foreign: np.ndarray | None,
    frac_cjk: np.ndarray,
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
        return NO_ROWS
    lines = gather(seg.paragraphs, short)
    joined, starts = join_paragraphs(lines)
    at = [m.start() for m in RELATED_HEADING.finditer(joined)]
    late = np.array([m.start() for m in LATE_RELATED_HEADING.finditer(joined)], dtype=np.int64)
    if len(late):
        rows = short[np.searchsorted(starts, late, side="right") - 1]
        at += late[rows > _last_prose_rows(seg, p_noise, frac_cjk)[seg.doc[rows]]].tolist()
    pick = _foreign_picks(foreign, short)
    foreign_at = starts[pick[related_headings([lines[i] for i in pick.tolist()])]].tolist()
    # another language's heading alone, no item under it, is a subheading of the article's
    # (``Terpopuler`` over a paragraph on the readers' favourite)
    alone_unless_items = set(foreign_at) - set(at)
    at += foreign_at
    if not at:
        return NO_ROWS
    at = sorted(set(at))
    items: list[int] = []
    paragraphs = seg.paragraphs
    page_start, page_end = seg.doc_ptr[seg.doc], seg.doc_ptr[seg.doc + 1]
    for start, heading in zip(at, short[np.searchsorted(starts, at, side="right") - 1].tolist()):
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
        if not run and start in alone_unless_items:
            continue
        items += [row for row in (heading, *run) if searched[row]]
    return np.array(items, dtype=np.int64)


def _thread_rows_read(
    scores: BatchScores, latin_threads: bool, foreign_threads: bool
) -> bool | np.ndarray:
    """Where readers' threads are read by the marks of Latin and other letters: every page, the
    rows of pages in other languages, or none. On pages in other languages the labeled pages all
    call a thread noise (session 64: 199 noise lines of the pages read, no article line); on
    English ones CleanEval's gold keeps a blog's comments, so there the rule is asked for."""
    if latin_threads:
        return True
    if foreign_threads and scores.foreign is not None:
        return scores.foreign
    return False


def union_rules(*parts: tuple[np.ndarray, np.ndarray | int]) -> tuple[np.ndarray, np.ndarray]:
    """Rows ruled by several rules, each once and sorted, with its rule: each part is rows and
    their rules (one rule for all of them, or one per row); a row in two parts keeps the first
    part's rule."""
    rows = [r for r, _ in parts]
    named = [np.broadcast_to(np.asarray(k, dtype=np.int64), (len(r),)) for r, k in parts]
    hit, at = np.unique(np.concatenate(rows), return_index=True)
    return hit.astype(np.int64), np.concatenate(named)[at]


def flag_lines(
    scores: BatchScores,
    flagged: np.ndarray,
    threshold: float,
    latin_threads: bool = False,
    foreign_threads: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every line rule in turn, each reading what the ones before it flagged: ``flagged`` with
    the rules' lines added (a copy where any is), the rows the rules flagged and each one's rule
    (an index into ``LINE_RULES``). The model's flags of a Chinese table's rows are taken back
    before, by ``table_rows``. Readers' threads are read by the marks of Latin and other letters
    on every page with ``latin_threads``, and on the pages in other languages
    (``scores.foreign``) with ``foreign_threads``."""
    seg = scores.seg
    ruled, rules = rule_lines(scores, flagged, threshold)
    if len(ruled):
        flagged = flagged.copy()
        flagged[ruled] = True
    if threshold <= AD_LEAD_SCORE:
        ruled, rules = ad_rules(scores, flagged, ruled, rules)
        if not flagged[ruled].all():
            flagged = flagged.copy()
            flagged[ruled] = True
    if threshold <= COMMENT_THREAD_SCORE:
        thread = comment_thread_rows(
            seg,
            scores.shape[:, _FRAC_CJK],
            flagged,
            _thread_rows_read(scores, latin_threads, foreign_threads),
            scores.shape[:, _FRAC_KANA_HANGUL],
        )
        if len(thread):
            flagged = flagged.copy()
            flagged[thread] = True
            ruled, rules = union_rules((ruled, rules), (thread, THREAD_RULE))
    if threshold <= DATED_LIST_SCORE:
        dated = dated_list_rows(seg, flagged, scores.p_noise)
        ranked = ranked_count_rows(seg, flagged)
        if len(ranked):
            dated = np.union1d(dated, ranked)
        if len(dated):
            flagged = flagged.copy()
            flagged[dated] = True
            ruled, rules = union_rules((ruled, rules), (dated, DATED_LIST_RULE))
    if threshold <= SITE_NAME_SCORE:
        # last: the line under a page's first reads as flagged by every rule before
        names = site_name_rows(seg, flagged)
        if len(names):
            flagged = flagged.copy()
            flagged[names] = True
            ruled, rules = union_rules((ruled, rules), (names, SITE_NAME_RULE))
    return flagged, ruled, rules
