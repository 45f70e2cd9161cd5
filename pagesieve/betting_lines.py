"""Lines of Chinese betting spam that the paragraph model keeps, each read by its own marks.

The model flags the lines of the brands it has seen; a hijacked page also carries the ad line of
a brand nobody listed (``盛世鑫国际 ssx3366.com 新会员注册送彩金``), a line of keywords that mixes the page's
topics with betting sites, and the draws and tips of lotteries only betting spam runs. None of
these lines stands in ``zh/pages`` or the clean Chinese articles (bench/README, session 57).
"""

from __future__ import annotations

import re

from pagesieve.advertised_names import (
    HOST,
    ITEM_SEPARATORS,
    NAME_BEFORE_WORD,
    TAGS_WORDS,
    read_line,
    without_label,
)

#: what a betting site offers on its ad lines (``注册送88元``, ``首存``, ``返水``)
_BETTING_OFFER = re.compile(r"注册.{0,2}送|彩金|返水|首存|体验金|送\d+元")

#: the longest line read as a betting site's ad line; longer ones are prose
AD_LINE_CHARS = 120

#: what an article's own line about such sites opens with or holds: a list's number, quotation
#: marks (a police notice quoting the sites' slogans), the end of a sentence
_ARTICLE_MARKS = re.compile(
    r"^\s*(?:\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)|[“”「」『』。]"
)


def betting_ad_line(line: str) -> bool:
    """Is ``line`` (Simplified characters) a betting site's ad line: gambling spam
    (``read_line``) with an offer or a host name (``盛世鑫国际 ssx3366.com 新会员注册送彩金``),
    short, no sentence ended in it, no list number or quotation marks (a police notice that
    quotes the sites)?"""
    return (
        len(line) <= AD_LINE_CHARS
        and (_BETTING_OFFER.search(line) is not None or HOST.search(line) is not None)
        and _ARTICLE_MARKS.search(line) is None
        and read_line(line).spam
    )


#: a line that opens with a label of keywords, tags or searches (``关键词：``, ``热门关键词：``,
#: ``相关标签：``); a paper's own keywords line opens so too, and names no betting sites
_KEYWORDS_LABEL = re.compile(rf"\s*[\u4e00-\u9fff]{{0,6}}(?:{TAGS_WORDS})\s*[:：]", re.I)

#: the longest line read as a line of keywords
KEYWORDS_LINE_CHARS = 200


def brand_keywords_line(line: str) -> bool:
    """Is ``line`` (Simplified characters) a line of keywords that lists two betting sites or
    more, names before a site's word (``关键词：事业单位招聘,青石县,金沃坊娱乐,万盛汇官网``)? The
    page's own topics stand beside them; the tags rule reads such a line as the page's."""
    if len(line) > KEYWORDS_LINE_CHARS or not _KEYWORDS_LABEL.match(line):
        return False
    items = ITEM_SEPARATORS.split(without_label(line))
    return sum(1 for item in items if NAME_BEFORE_WORD.match(item)) >= 2


#: the words of lotteries that only betting spam runs, and of the tips it sells (``定位胆``,
#: ``心水``, ``特码``): lawful draws are ``双色球``, ``大乐透``, ``福彩3D``
_SPAM_LOTTERY = re.compile(r"时时彩|北京赛车|幸运飞艇|极速赛车|定位胆|冠亚和|心水|平特|杀号|特码")
_DRAW = re.compile(r"\d+期")

#: the longest line read as a spam lottery's results or tips
LOTTERY_LINE_CHARS = 160


def spam_lottery_line(line: str) -> bool:
    """Is ``line`` (Simplified characters) the results or tips of a lottery only betting spam
    runs (``第20241102-088期：1-5名定位胆　冠军 02 05 07 09 10``, ``【六合彩】第049期开奖：… 特码 17``):
    its words, a draw's number, and no sentence ended in it (a police report names them too)?"""
    return (
        len(line) <= LOTTERY_LINE_CHARS
        and "。" not in line
        and _SPAM_LOTTERY.search(line) is not None
        and _DRAW.search(line) is not None
    )
