"""Names that a page's gambling lines advertise, found again inside its article.

A hijacked Chinese page names its casino in a title, a brand block or a link list that the
paragraph model flags (``银鲨娱乐官网-银鲨线路检测中心``, ``友情链接：凯旋门娱乐 | 必发汇 | 德胜坊``),
and splices the same name into the article's sentences, often bare (``…站，银鲨娱乐首末班时间不变``,
``…，德胜坊街道将对…``). A bare name holds no betting word for a pattern or the span model to
read; the page's own spam lines say what it is. Of the 62 splices of the written Chinese spam
pages that the models missed, this finds 27 (bench/README, session 57). A betting site's ad line
that the model keeps (``betting_lines.betting_ad_line``) is one such line too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np

from pagesieve.char_bigrams import CharBigrams
from pagesieve.patterns import gambling_brands
from pagesieve.span_candidates import SPAN_BRAND_WORDS

_HAN = "\u4e00-\u9fff"

#: what a gambling site's name stands before (``凯旋门``娱乐, ``御龙``国际, ``天信``彩票,
#: ``鼎泰隆``平台, ``澳博汇``app下载); not the betting words that follow ordinary nouns
#: (``投注``站, ``开奖``公告)
_BRAND_SUFFIX = "娱乐|体育|棋牌|官网|官方网站|贵宾会|国际|线路|真人|电竞|彩票|网址|平台|app|APP"

#: the words of a site's name after a name found, which its flag takes (``博隆``国际)
_SITE_WORD_RUN = re.compile(rf"(?:{_BRAND_SUFFIX})+")

#: a name right before such a word, at the start of an item of its line (after a blank, a
#: separator, a label's colon or a character that is not Han): ``凯旋门``娱乐官网,
#: -``沐星``体育官方入口; not at a clause's start (``。平台提供``真人百家乐)
NAME_BEFORE_WORD = re.compile(rf"(?<![{_HAN}，。；！？])([{_HAN}]{{2,4}}?)(?={_BRAND_SUFFIX})")

#: words and offers that only betting spam uses (``注册送88元``, ``首存``); not those of lawful
#: lotteries, casino news or board games (``开奖``, ``投注``站, ``快三``, ``博彩``业, ``娱乐场``,
#: ``棋牌``运动协会, ``赛车``), nor a bank's ``存款`` or a shop's ``注册送优惠券``
_BETTING_ONLY = re.compile(
    r"彩金|体验金|线路检测|百家乐|贵宾会|娱乐城|真人视讯|电子游艺|返水|网投|时时彩|北京赛车|"
    r"幸运飞艇|极速赛车|首存|买球|赌球|"
    # an offer on registering, but not a shop's (``注册送20元优惠券``, ``注册送好礼``)
    r"注册.{0,2}送(?![^，。\s]{0,5}(?:优惠券|券|红包|礼包|积分|好礼|会员))"
)

#: what a site says of itself after its name: its app, its entrances, its logins
_SITE_WORDS = re.compile(r"官网|官方|app|APP|下载|入口|登录|注册|网址|线路")

#: the words that label a line of tags, keywords or search terms
TAGS_WORDS = "标签|关键词|关键字|搜索|热搜|tags?"

#: the label of a line of tags or search terms
_TAGS_LABEL = re.compile(rf"\s*(?:相关|热门|本文)?(?:{TAGS_WORDS})", re.I)

#: a host name (``www.jbg668.com``, ``hd558.vip``)
HOST = re.compile(
    r"(?:www\.)?[a-z0-9-]+\.(?:com|net|vip|cc|top|org|me|co|info|xyz|app|bet|cn)\b", re.I
)

#: what splits the items of a brand list or a link bar
ITEM_SEPARATORS = re.compile(r"[|｜,，、;；_\-—–/\s·•【】\[\]()（）<>《》]+")

#: a list's item that is a bare name: 2-5 Han characters, no label (``友情链接：`` is cut off)
_BARE_ITEM = re.compile(rf"[{_HAN}]{{2,5}}")

#: names read on one page at most, in the order its lines give them: a page of thousands of
#: brand lists would otherwise cost as many searches of its prose
MOST_NAMES = 256

#: the longest item of a list whose bare items are names; prose has longer pieces between
#: its commas and blanks
LIST_ITEM_CHARS = 16

#: names the page's kept text uses more often than this, or any two characters of them, are
#: its own subject (``澄阳``, a city the page describes), not a brand spliced into it: the
#: written spam pages splice a name up to five times
MOST_OCCURRENCES = 6

#: log2(count + 1) of a pair of characters in the clean articles the span model's seams were
#: counted on, from which a two-character name is an ordinary word (``福利`` 6.1 of ``福利彩票``,
#: ``皇家`` 6.0, ``平台`` 8.4, ``中国`` 11.3); the written spam pages' brands are under 5.3
#: (``威尔`` 5.2, ``澳门`` 4.9, ``金樽`` 0)
COMMON_PAIR_LOG_COUNT = 6.0


def without_label(line: str) -> str:
    """``line`` without a label before a colon (``友情链接：``, ``合作站点:``)."""
    head, colon, rest = line.partition("：")
    if not colon:
        head, colon, rest = line.partition(":")
    return rest if colon and len(head) <= 8 else line


def _site_of_its_own(items: list[str]) -> bool:
    """Do two items or more of a line start with the same name before a site's word and hold
    a site's own words (``沐星体育app下载-沐星体育官方入口``)? A portal's menu starts its items
    with its name too, but with its sections (``新浪新闻 新浪体育 新浪娱乐``)."""
    seen: set[str] = set()
    for item in items:
        if (m := NAME_BEFORE_WORD.match(item)) and _SITE_WORDS.search(item):
            if m.group(1) in seen:
                return True
            seen.add(m.group(1))
    return False


class LineNames(NamedTuple):
    """What one flagged line says of the names it holds."""

    #: the names before a site's word, and a brand list's bare items
    names: set[str]
    #: gambling spam on its own: a word or an offer only betting spam uses (``_BETTING_ONLY``),
    #: a brand of the lexicon, or a site's name before its own words in two items
    #: (``沐星体育app下载-沐星体育官方入口``, ``_site_of_its_own``)
    spam: bool
    #: a brand list, of short items, two or more of them and a third at least names before a
    #: site's word, and not a line of tags (whose bare items are the page's own topics:
    #: ``标签：学术报告 固态电解质 顺盈国际 豪运棋牌``); or a brand block's line, one brand and its
    #: host name (``聚宝阁娱乐 — www.jbg668.com``)
    brand_listing: bool


def read_line(line: str) -> LineNames:
    """The names of ``line`` (Simplified characters, a line flagged as noise) and what it is.
    The names stand before the words of a site's name (``_BRAND_SUFFIX``); a brand list's bare
    items are names too (``必发汇``, ``德胜坊``)."""
    found = [m.group(1) for m in NAME_BEFORE_WORD.finditer(line)]
    names = {n for n in found if not SPAN_BRAND_WORDS.search(n)}
    items = [item for item in ITEM_SEPARATORS.split(without_label(line)) if item]
    spam = bool(_BETTING_ONLY.search(line) or gambling_brands(line) or _site_of_its_own(items))
    branded = [item for item in items if NAME_BEFORE_WORD.match(item)]
    # a list, not prose cut at its commas and blanks (``发表于``, ``正规合法``)
    brand_list = (
        len(items) >= 3
        and max(map(len, items)) <= LIST_ITEM_CHARS
        and len(branded) >= max(2, len(items) / 3)
        and not _TAGS_LABEL.match(line)
    )
    # a brand block's line: one brand and its host name (``聚宝阁娱乐 — www.jbg668.com``)
    entry = len(branded) == 1 and len(items) <= 3 and HOST.search(line) is not None
    if brand_list:
        brands = set(branded)
        names |= {
            item
            for item in items
            if _BARE_ITEM.fullmatch(item)
            and not SPAN_BRAND_WORDS.search(item)
            and item not in brands
        }
    return LineNames(names, spam, brand_list or entry)


def names_advertised(lines: Iterable[str]) -> dict[str, int]:
    """The names that a page's flagged ``lines`` advertise, in their order, each with the index
    of the first line that names it: those of its lines
    of gambling spam, and of its brand lists and brand blocks' lines when one line at least is
    spam (a partner list of brands, ``宝盈汇 | 澳博汇娱乐 | 德胜坊官网``, holds no betting word;
    a portal's partners, ``腾讯娱乐 | 新浪娱乐 | 网易娱乐``, look the same). Not every flagged
    line of such a page: on the written pages, reading them all flagged ordinary words
    (``报名``, ``中国福利彩票``) more often than it found splices."""
    read = [read_line(line) for line in lines]
    page_spam = any(r.spam for r in read)
    out: dict[str, int] = {}
    for i, r in enumerate(read):
        if r.spam or (page_spam and r.brand_listing):
            for name in sorted(r.names):
                out.setdefault(name, i)
    return out


def common_words(names: Iterable[str], bigrams: CharBigrams) -> set[str]:
    """The ``names`` that clean Chinese prose uses as words: every pair of adjacent characters
    in them at least ``COMMON_PAIR_LOG_COUNT`` in the span model's pair counts."""
    out = set()
    for name in names:
        log_counts = bigrams.pair_log_counts(name)
        if len(log_counts) and bool(np.all(log_counts >= COMMON_PAIR_LOG_COUNT)):
            out.add(name)
    return out


def name_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """One pattern for ``names`` as a trie (each character tried once at a position), the
    longest name first where one is another's start (``金樽国际`` before ``金樽``); none: a
    pattern that matches nothing."""
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}  # a name ends here

    def alternatives(node: dict) -> str:
        branches = [re.escape(ch) + alternatives(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else group

    return re.compile(alternatives(trie) or "(?!)")


def page_subjects(names: Iterable[str], text: str) -> set[str]:
    """The ``names`` that ``text`` (a page's kept prose) uses, whole or by any two adjacent
    characters, more than ``MOST_OCCURRENCES`` times."""
    return {
        name
        for name in names
        if any(text.count(name[i : i + 2]) > MOST_OCCURRENCES for i in range(len(name) - 1))
    }


def name_extent(line: str, start: int, end: int) -> tuple[int, int]:
    """The extent of a name found at ``line[start:end]`` with the words of a site's name after it
    (``博隆``国际, ``鼎泰隆``平台; the betting words after those are grown over later), and the
    brackets around it when they hold nothing else (``【博隆国际】``)."""
    if m := _SITE_WORD_RUN.match(line, end):
        end = m.end()
    if start and line[start - 1] == "【" and line.startswith("】", end):
        start, end = start - 1, end + 1
    return start, end
