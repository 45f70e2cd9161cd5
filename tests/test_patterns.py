"""The combined template regex finds whatever any single template syntax finds."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest

from pagesieve.batch_text import JoinedParagraphs
from pagesieve.patterns import (
    CUE_PATTERNS,
    TEMPLATE_ANY,
    TEMPLATE_PATTERNS,
    alternatives,
    cue_starts,
    literal_starts,
    matches_in_runs,
    plain_literal,
    template_starts,
)
from pagesieve.shape import (
    HAN_CUES,
    SHAPE_NAMES,
    class_histogram,
    paragraph_counts,
    shape_features,
)

BANK = Path(__file__).resolve().parent.parent / "data" / "patterns"


def _bank_lines() -> list[str]:
    lines = []
    for path in sorted(BANK.glob("*/placeholder*.txt")):
        lines += [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines


@pytest.mark.parametrize("name", sorted(TEMPLATE_PATTERNS))
def test_bank_has_an_example_of_every_syntax(name: str) -> None:
    assert any(TEMPLATE_PATTERNS[name].search(ln) for ln in _bank_lines())


def test_first_character_lookahead_changes_no_match() -> None:
    plain = re.compile("|".join(f"(?:{p.pattern})" for p in TEMPLATE_PATTERNS.values()), re.I)
    text = "\n".join(_bank_lines())
    assert plain.search(text)
    assert [m.span() for m in TEMPLATE_ANY.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]


def test_template_starts_are_finditer_starts() -> None:
    """The fast scan finds exactly the matches finditer finds, overlapping candidates included."""
    rng = random.Random(7)
    alphabet = "{}[]%<>_#$!-:=/ \nabcdefghijklmnopqrstuvwxyzABCDEZ0123456789'\"*@.^~+"
    texts = ["\n".join(_bank_lines()), "{{{ {$a} {{x}}} [[[!--x--]]] {%if%}{% end %}__AB____CD__ "]
    texts += ["".join(rng.choice(alphabet) for _ in range(2000)) for _ in range(200)]
    for text in texts:
        assert template_starts(text) == [m.start() for m in TEMPLATE_ANY.finditer(text)]


def test_literal_starts_are_finditer_starts() -> None:
    rng = random.Random(5)
    texts = ["".join(rng.choice("ab\n版权") for _ in range(300)) for _ in range(50)]
    for text in texts + ["", "aaaa", "版权版权"]:
        for literal in ("a", "aa", "aba", "\n", "版权", "权a", "x"):
            expected = [m.start() for m in re.finditer(re.escape(literal), text)]
            assert literal_starts(text, literal) == expected, (text, literal)


def test_plain_literal_only_for_patterns_matching_one_string() -> None:
    assert plain_literal(re.compile(r"www\.")) == "www."
    assert plain_literal(re.compile("all rights reserved", re.M)) == "all rights reserved"
    assert plain_literal(re.compile(r"\(c\)")) == "(c)"
    for pattern in (r"https?://", r"icp[备证]", r"a\d", r"a\b", r"a|b", r"a.", "", r"\n"):
        assert plain_literal(re.compile(pattern)) is None, pattern
    assert plain_literal(re.compile("copyright", re.I)) is None


def test_paragraph_counts_match_slices() -> None:
    """Segment sums equal counting each paragraph's slice, empty paragraphs (first, middle, last,
    alone) included."""
    rng = np.random.default_rng(3)
    for lens in ([0], [5], [0, 3], [3, 0], [0, 0, 0], [4, 0, 2, 0, 7, 0], list(range(12))):
        lens = np.array(lens, dtype=np.int64)
        starts = np.zeros(len(lens), dtype=np.int64)
        np.cumsum(lens[:-1] + 1, out=starts[1:])
        ends = starts + lens
        mask = rng.random(int(lens.sum()) + len(lens) - 1) < 0.5
        expected = [int(mask[a:b].sum()) for a, b in zip(starts, ends)]
        assert paragraph_counts(mask, starts, ends).tolist() == expected


_CUE_PIECES = (
    *("http://", "https://", "www.", "www.www.", ".com", ".co", ".cc.cn", ".", ",", ",ltd", "ltd"),
    *("有限公司", "有限责任公司", "©", "(c)", "(c)\n2024", "2024", "copyright", "版权", "icp备"),
    *("all rights reserved", "icp证", "公网安备", "免责声明", ">", ">=", "≥", "≥=", "5", "3"),
    *("see also", "read more", "more", ":", "：", "\n\n", "â€", "ã\x85", "â\x99", "â ", "ï»¿"),
    *("â„¢", "â", "ã", "中", "(abc)", "(pinyin)", "娱乐城", "娱乐", "线路", "体育app", "a", "x"),
    *("(", ")", "(12)", "@a-b.com", " ", "\n", ""),
)


def _cue_texts(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(_CUE_PIECES) for _ in range(400)) for _ in range(n)]


def test_cue_starts_are_finditer_starts() -> None:
    """Scanning for seeds finds exactly the matches each cue pattern's own scan finds."""
    texts = _cue_texts(random.Random(11), 150) + ["\n".join(_bank_lines()).lower()]
    for name, pattern in CUE_PATTERNS.items():
        hits = 0
        for text in texts:
            expected = [m.start() for m in pattern.finditer(text)]
            assert cue_starts(name, text) == expected, name
            hits += len(expected)
        assert hits, name  # the pieces exercise every pattern


def test_han_cues_scanned_in_runs_of_paragraphs_find_every_match() -> None:
    rng = random.Random(5)
    for text in _cue_texts(rng, 100):
        paragraphs = text.split("\n")
        joined = JoinedParagraphs.of(paragraphs)
        has_han = np.array([any("\u4e00" <= c <= "\u9fff" for c in p) for p in paragraphs])
        for name in HAN_CUES:
            pattern = CUE_PATTERNS[name]
            expected = [m.start() for m in pattern.finditer(joined.lowered)]
            found = matches_in_runs(pattern, joined.lowered, joined.starts, joined.ends, has_han)
            assert [m.start() for m in found] == expected


def test_class_histogram_counts_each_paragraph() -> None:
    rng = np.random.default_rng(4)
    for lens in ([0], [5], [0, 3], [3, 0], [4, 0, 2, 0, 7, 0], list(range(12))):
        lens = np.array(lens, dtype=np.int64)
        starts = np.zeros(len(lens), dtype=np.int64)
        np.cumsum(lens[:-1] + 1, out=starts[1:])
        ends = starts + lens
        code = rng.integers(0, 5, int(lens.sum()) + len(lens) - 1).astype(np.uint8)
        expected = [np.bincount(code[a:b], minlength=5).tolist() for a, b in zip(starts, ends)]
        assert class_histogram(code, starts, ends, 5).tolist() == expected


def test_shape_features_of_astral_and_bmp_text() -> None:
    """Characters beyond the BMP count as OTHER, the rest by the table."""
    paragraphs = ["Hello, World 42", "", "𝐀𝐁 中文 ok", "😀"]
    shape = shape_features(paragraphs)
    other = SHAPE_NAMES.index("frac_other_script")
    assert shape[2, other] == np.float32(2 / 8) and shape[3, other] == 1.0
    assert shape[0, SHAPE_NAMES.index("frac_digit")] == np.float32(2 / 15)


def test_alternatives_split_only_at_top_level() -> None:
    assert alternatives(r"a\|b|c[|x]|(d|e)f") == [r"a\|b", "c[|x]", "(d|e)f"]
    for name in ("url", "legal"):
        pattern = CUE_PATTERNS[name].pattern
        assert "|".join(alternatives(pattern)) == pattern


def test_a_tags_list_is_short_items_not_a_field_or_a_clause():
    from pagesieve.patterns import TAG_LINE, plausible_tag_list

    def tags_line(line: str) -> bool:
        m = TAG_LINE.search(line)
        return bool(m) and (m["items"] is None or plausible_tag_list(m["items"]))

    for line in (
        "Tags: Mercury, MESSENGER, NASA",
        "Filed Under: Elections, Money in Politics",
        "tags: education teaching flatclassroom",
        "标签：CBA 辽宁本钢 赵继伟",
        "本文关键词：小米14,手机评测,骁龙8",
        "Posted in Middle East, Politics | 3 Comments",
        "Topics Xiaomi",
        "Posted in Baking Notes | Tagged sourdough, starter, bread",  # tags in lower case
    ):
        assert tags_line(line), line
    for line in (
        "Label: Oil on canvas, 1888. Gift of the Friends of the Museum",  # sentence goes on
        "Topic: orders\tPartitionCount: 3",  # a tool's output
        "Tags: up to 13 per listing on most handmade marketplaces",  # one long item
        "标签：1 表示好评，0 表示差评",  # a clause
        "Tag Types",  # a singular compound: a heading
        "Topics covered",
        "Topics Covered",  # one word in -ed: a heading
        "Label: Anti-",  # an album's fact box (Blogger writes Labels:)
        "Tags: a, b.",
        "Posted in Gear | Tagged steel. The frame was heavier than I had hoped.",
    ):
        assert not tags_line(line), line


def test_a_post_meta_line_needs_a_field_and_a_link_among_its_pieces():
    from pagesieve.patterns import post_meta_line

    for line in (
        "View/Add Comments (6) | Category: Antarctica",
        "August 2nd, 2012 | Tags: jenkins, participatory culture | Category: Uncategorized | 38 comments",
        "Posted in Miscellaneous, Programming | No Comments »",
        "Print News | Mail News | Category: Columns",
    ):
        assert post_meta_line(line), line
    for line in (
        "Date: November 2, 2012 | Category: Tips | Author: Erika Riggs",  # a byline
        "Tags | Comments",  # a menu: no field
        "Category: Drama | Director: Tom Dey",  # a listing
        "Comments (3)",  # one piece
    ):
        assert not post_meta_line(line), line


def test_furniture_lines_of_chinese_pages_are_widgets_alone_not_words_that_begin_so():
    from pagesieve.patterns import FURNITURE_LINE

    for line, kind in (
        ("分享到：", "navigation_zh"),
        ("【字体：大 中 小】", "navigation_zh"),
        ("【纠错】【打印】【关闭窗口】", "navigation_zh"),
        ("【打印】\u3000【关闭】", "navigation_zh"),  # the ideographic space between them
        ("打印\u3000｜\u3000关闭", "navigation_zh"),
        ("打印 关闭 收藏", "navigation_zh"),
        ("您现在的位置：读书 -> 连载 -> 正文", "navigation_zh"),
        ("浏览次数：10235", "navigation_zh"),
        ("〖路人甲〗回复: 《全市道路建设进度过半》", "comment_zh"),
        ("楼主 星星点灯 发表于 2023-7-15 22:08 | 只看该作者", "comment_zh"),
        ("2005-09-11 18:04:42 楼主", "comment_zh"),
        ("评论区（2,341）", "comment_zh"),
        ("4 条评论", "comment_zh"),
        ("点击：362次", "navigation_zh"),
        ("« 上一主题 | 下一主题 »", "navigation_zh"),
        ("返回列表", "navigation_zh"),
    ):
        m = FURNITURE_LINE.search(line)
        assert m and m.lastgroup == kind, line
    for line in (
        "他回复：《人民日报》的记者说，这件事已经解决。",  # a sentence
        "大",
        "中 小",
        "打印机",
        "关闭\u3000大会开幕",
        "分享经济的发展",
        "当前位置：我们已经走到了改革的关键阶段。",  # a sentence
        "浏览次数：每天超过一万次",
        "留言板",
        "阅读：鲁迅的小说",
        "评论员文章",
    ):
        assert not FURNITURE_LINE.search(line), line


def test_a_next_line_with_a_clock_time_is_a_schedule_not_a_link():
    from pagesieve.patterns import FURNITURE_LINE

    assert FURNITURE_LINE.search("Next: Council approves the harbour bridge")
    assert FURNITURE_LINE.search("« Previous Next »")  # both links side by side
    assert not FURNITURE_LINE.search("Next: Michigan at Minnesota, 3:30 p.m. Saturday, Fox")


def test_share_bars_account_links_and_breadcrumbs_are_whole_lines_of_furniture():
    """A line made of nothing but share links, account links or a path of sections is
    furniture; a sentence that holds such words, a numbered list item, code and a how-to's
    path inside an instruction are not."""
    from pagesieve.patterns import FURNITURE_LINE

    for line in (
        "Share Tweet Email",
        "Facebook Twitter Pin 12",
        "Share this: Twitter Facebook Pinterest Email",
        "Sign In Create free account",
        "Subscribe | Log In",
        "Home > Local News > City Hall",
        "You are here: Home > Programs > Undergraduate Minor in Education",
        "History Learning Site > British Politics > The 1997 General Election",
        "Home / Reviews / Power Banks",
        "WhatsApp / WeChat: +86 138 2741 0093 · E-mail: sales@example-cell.com",
        "Skype: bobwalsh47hats",
        "Most read: Couch to 5K, week by week · Why your knees hurt on the downhills",
        "More in Cleaning: Best Cordless Vacuums | How to Clean a Robot Vacuum Brush",
        "News › City News › Heavy rain brings the city to a halt; trains hit",
        "0:00 / 1:48",
        "1,428 comments",
        "Facebook Twitter Google+ Email Print",
        "Tweet | Like | +1 | Submit to Reddit",
        "6 comments:",
        "« Seed potatoes: chitting or not?",
        "The broad beans are up! »",
        "← Meine Wanderschuhe nach 300 Kilometern",  # the same with an arrow
        "Herbstfarben am Trifels →",
        "All Reviews→",
        "⇐ Previous | Next ⇒",
        "Report this ad",
        "Ads by Google",
        "Home",
        "[edit]",
        "Enlarge This Image",
        "Skip to next paragraph",
        "Share this article:",
        "Email to a friendPrinter friendly",
        "« Going...Going...Gone! | Main | On Quadrille Today »",
    ):
        m = FURNITURE_LINE.search(line)
        assert m and m.group().strip() == line, line
    for line in (
        "Share the road with cyclists, the council said.",
        "2. Twitter",  # an item of the article's list
        "Print Email",  # no share site among them: a help page's two headings as one line
        "entries > 10 AND zscore > 3 AS alert",  # code
        'Open Settings > Privacy > Location and turn on "Precise location".',
        "Settings > Privacy > Location, then choose Never.",
        # an app's menus from their root, and a path inside a clause, are a how-to's
        "iPhone: Settings > Privacy & Security > Location Services",
        "Settings > Privacy & Security > Location Services",
        "File > Export > PDF",
        "In Settings > Location > Location Services, you can also switch off Wi-Fi scanning",
        "If a > b and b > c, then a > c",
        # a path in quotes, or in a sentence that ends: a how-to's, in Chinese too
        "打开“设置 > 隐私 > 权限管理器”，可以看到哪些应用用过定位",
        "进入设置 > 隐私 > 广告，点击删除广告 ID。",
        "Home / Away kits sold out.",  # a sentence
        "Homework / Reading",
        "Telegram: Durov charged in Paris",  # a headline
        "Related: the council said the plan was sound.",  # no list
        "Sign in to your account and open the billing page.",
        "« Bonjour », dit-elle.",  # a French quote
        "←────┐",  # a diagram's arrow: no letter
        "Open Settings → Privacy → Location",  # a path: more than one arrow
        "Step 3 → bake for 20 minutes",
        "Posted by Shari August 9th, 2012 | 0 Comments »",  # a byline
        "Like",
        "Ad hoc",
        "Home improvement loans rose in March.",
        "Edit the file, then save it.",
        "Click to enlarge the window, then drag it.",
    ):
        assert not FURNITURE_LINE.search(line), line


def test_the_furniture_of_todays_pages_polls_paywalls_appeals_and_shop_buttons():
    """Lines of today's sites that the written pages hold and the corpora (older pages) do not:
    a page's poll, its reading time, a paywall, a newsroom's appeal, a recipe's prompt, a live
    blog's buttons and key events, a review's shop buttons, a market ticker. Each is the whole line; a sentence that uses such
    words is not furniture."""
    from pagesieve.patterns import FURNITURE_LINE

    for line, kind in (
        ("Was this page helpful?", "boilerplate"),
        ("Was this guide helpful? Yes / No", "boilerplate"),
        ("Reading time: 24 minutes", "boilerplate"),
        ("Subscribe from £1 for the first 4 weeks", "boilerplate"),
        ("This article is available to subscribers only.", "boilerplate"),
        ("Support independent, nonprofit journalism. Become a member today.", "boilerplate"),
        ("Did you make this recipe? Tag @thecozyspoon on Instagram!", "boilerplate"),
        ("Republish this story", "navigation"),
        ("Auto-update: ON", "navigation"),
        ("Show 215 more comments", "comment"),
        ("View Deal", "ad"),
        ("Check price on ShopMart", "ad"),
        ("36m ago Premier: 'Do not leave your shelter'", "navigation"),
        ("Listen on Apple Podcasts", "navigation"),
        ("Final: BOS 118 MIA 104", "boilerplate"),
        ("FT Harborough 2-1 Kilmory", "boilerplate"),
        ("Donate now", "navigation"),
        ("From Wikipedia, the free encyclopedia", "boilerplate"),
        ("Comments are closed.", "comment"),
        ("Send Flowers", "ad"),
        ("$249 at Amazon", "ad"),
        ("Comments 304", "comment"),
        ("Email this story", "navigation"),
        ("Purchase Licensing Rights", "navigation"),
        ("Item 1 of 3", "navigation"),
        ("This page was last edited on 3 February 2024, at 14:22 (UTC).", "boilerplate"),
        ("Redbridge 2-1 Carrow Vale FT", "boilerplate"),
        ("An official website of the United States government", "navigation"),
        ("Listen · 4:38", "navigation"),
        ("Save this story", "navigation"),
    ):
        m = FURNITURE_LINE.search(line)
        assert m and m.group().strip() == line and m.lastgroup == kind, line
    for line in (
        "Was this the right decision? Many residents doubt it.",
        "Reading time matters less than comprehension, the study found.",
        "Subscribers from 40 countries took part in the survey.",
        "The council voted to support local journalism with a grant of $20,000 a year.",
        "Did you make this mistake? Most first-time buyers do.",
        "Check the price of the tickets before you travel.",
        "23 mins ago by Jennifer Tzeses",  # a byline
        "Final thoughts on the season",
        "Final: the council decides",
        "Donate blood, the hospital urged.",
        "Listen to the whole album on vinyl if you can.",
        "$249 at Amazon is a steal.",
        "Comments from readers poured in.",
        "Item 1 of the agenda",
        "Get directions to the venue from the station.",
        "Listen",  # an article's heading as often as a button
        "Save this story for your grandchildren, she said.",
    ):
        assert not FURNITURE_LINE.search(line), line


def test_an_affiliate_disclosure_is_the_page_speaking_not_an_article_about_commissions():
    from pagesieve.patterns import AFFILIATE_DISCLOSURE, KEYED_LINES, keyed_starts

    keys = next(k for k, test, _ in KEYED_LINES if test == AFFILIATE_DISCLOSURE.search)

    for line in (
        "We may earn a commission when you buy through links on our site.",
        "When you purchase through links on our site, we may earn an affiliate commission.",
        "This post may contain affiliate links. Please read my disclosure policy.",
        "Respawn Weekly may earn a commission from links on this page.",
        "As an Amazon Associate I earn from qualifying purchases.",
    ):
        assert AFFILIATE_DISCLOSURE.search(line), line
        assert keyed_starts(line, keys), line
    for line in (
        "Bloggers may earn a commission on each sale, the report says.",
        "We earn a commission on every policy, the broker admitted.",
        "The commission may earn praise for its report on affiliate schools.",
    ):
        assert not AFFILIATE_DISCLOSURE.search(line), line


def test_a_ticker_and_a_sections_path_are_read_where_their_keys_stand():
    """``KEYED_LINES``: a market ticker alone and a two-level path with ``›``, read only on the
    lines that hold ``%``, an arrow or ``›``; a sentence with a price and a change is not one."""
    from pagesieve.patterns import KEYED_LINES, SECTION_PATH, TICKER_LINE, WIKI_STUB, keyed_starts

    keys = {test: k for k, test, _ in KEYED_LINES}
    for pattern, line in (
        (TICKER_LINE, "S&P 500 5,221.42 +0.61%"),
        (TICKER_LINE, "Sensex 78,412.56 ▲ 612.30 (0.79%)"),
        (TICKER_LINE, "Iron ore US$104.50 -1.4%"),
        (TICKER_LINE, "USD/INR 83.41 ▼ 0.06"),
        (SECTION_PATH, "Reviews › Coffee grinders"),
        (SECTION_PATH, "新闻中心 › 集团动态"),
        (
            WIKI_STUB,
            "This article about a bridge in Ohio is a stub. You can help Wikipedia by expanding it.",
        ),
    ):
        assert pattern.search(line) and keyed_starts(line, keys[pattern.search]), line
    for pattern, line in (
        (TICKER_LINE, "The index rose 0.61% to 5,221.42 on Friday."),
        (TICKER_LINE, "Version 2.4.1 -3%"),
        (TICKER_LINE, "Gold (10g) ₹71,260 ▲ 0.34%"),  # no decimals: a price or a count
        (SECTION_PATH, "Open Settings › Privacy and turn it off."),
        (SECTION_PATH, "Home › News › Politics"),  # a longer path: FURNITURE_LINE's
    ):
        assert not pattern.search(line), line


def test_a_korean_sites_imprint_line_is_read_where_its_terms_stand():
    """``KEYED_LINES``: the imprint closing a Korean news site's or shop's pages, two of its
    terms at least; a sentence on press law that names them is none (session 64)."""
    from pagesieve.patterns import KEYED_LINES, keyed_starts, ko_imprint_line

    keys = {test: k for k, test, _ in KEYED_LINES}[ko_imprint_line]
    for line in (
        "서울특별시 중구 을지로 123 | 대표전화 02-3701-0000 | 등록번호 서울 아 03512 | 발행인 박정호",
        "(주)새솔미디어 · 사업자등록번호 123-45-67890 · 통신판매업신고 제2024-서울마포-0001호",
        "청소년보호책임자 정미경 | 등록일 2014.07.21",
    ):
        assert ko_imprint_line(line) and keyed_starts(line, keys), line
    for line in (
        "등록번호 서울 아 03512",  # one term
        "신문법은 발행인과 편집인의 이름, 등록번호를 지면에 밝히도록 한다.",
        "발행인과 편집인이 같아도 되나요?",
    ):
        assert not ko_imprint_line(line), line


@pytest.mark.parametrize("before", ["", "İ", "İzmir İİ ", "ΟΔΟΣ İ "])
def test_gambling_brands_are_found_where_they_stand_whatever_lower_cases_to_two(before) -> None:
    """``İ`` lower-cases to two characters: offsets found in the lowered text were off by one
    each, and a Latin-led brand after it was missed."""
    from pagesieve.patterns import gambling_brands

    text = f"{before}欢迎访问ag真人官方网站"
    found = gambling_brands(text)
    assert [text[a:b] for a, b in found] == ["ag真人官方网站"]


def test_a_latin_name_glued_before_a_han_brand_is_part_of_it() -> None:
    from pagesieve.patterns import gambling_brands

    def brands(text: str) -> list[str]:
        return [text[a:b] for a, b in gambling_brands(text)]

    assert brands("放下行李就去看了兴教寺，HG9288皇冠线路大殿里的壁画") == ["HG9288皇冠线路"]
    # not a name on the line before, nor the tail of a longer run or of a host name
    assert brands("开奖号码 03 05 06\n皇冠线路检测中心") == ["皇冠线路检测"]
    assert brands("访问abcdefghijklmnop皇冠体育") == ["皇冠体育"]
    assert brands("见 www.example.com皇冠体育") == ["皇冠体育"]


def test_lower_in_place_keeps_every_offset() -> None:
    from pagesieve.batch_text import lower_in_place

    for text in ["ABC", "İstanbul ΟΔΟΣ", "Straße ǅ", "x\u0130y"]:
        low = lower_in_place(text)
        assert len(low) == len(text)
        assert all(len(c.lower()) != 1 or low[i] == c.lower() for i, c in enumerate(text))


def test_a_link_metric_counts_once_whatever_its_number() -> None:
    """Two roads (``PA 28``, ``PA 8``) made a link-trade notice of a traffic report."""
    from pagesieve.patterns import link_trade_terms

    assert link_trade_terms("Crews close PA 28 tonight and send traffic onto PA 8.") == {"pa"}
    assert link_trade_terms("Link exchanges with sites of DA 30+ and PA 25+") == {
        "linkexchange",
        "da",
        "pa",
    }
