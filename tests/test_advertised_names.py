"""Names a page's gambling lines advertise, found again in its article (``advertised_names``)."""

from __future__ import annotations

import numpy as np
import pytest
from zh_notice import ARTICLE

from pagesieve.advertised_names import (
    MOST_OCCURRENCES,
    LineNames,
    common_words,
    name_extent,
    name_pattern,
    names_advertised,
    page_subjects,
    read_line,
)
from pagesieve.char_bigrams import CharBigrams
from pagesieve.span_rules import advertised_name_flags

HIJACK_TITLE = "鎏金娱乐官网-鎏金线路检测中心-鎏金娱乐app下载"
LINK_LIST = "友情链接：鎏金娱乐 | 汇丰棋牌 | 恒瑞坊 | 金鼎国际 | 万祥隆 | 博盈娱乐"


def _hijacked(splices: dict[int, str]) -> str:
    """``ARTICLE`` under a brand title and over a link list, with names put at the start of the
    clauses of the lines ``splices`` gives (line index: the name)."""
    lines = list(ARTICLE)
    for i, name in splices.items():
        head, comma, rest = lines[i].partition("，")
        lines[i] = f"{head}{comma}{name}{rest}"
    return "\n".join([HIJACK_TITLE, *lines, LINK_LIST])


def test_a_brand_title_names_its_brand_once():
    assert read_line(HIJACK_TITLE) == LineNames({"鎏金"}, spam=True, brand_listing=True)


def test_a_list_of_brands_names_its_bare_items_on_a_page_of_gambling_spam():
    """``恒瑞坊`` and ``万祥隆`` carry no betting word; the list's other items say what they are,
    on a page whose other lines are spam. The label before the colon is no item."""
    listed = {"鎏金", "汇丰", "恒瑞坊", "金鼎", "万祥隆", "博盈"}
    assert read_line(LINK_LIST) == LineNames(listed, spam=False, brand_listing=True)
    assert set(names_advertised([HIJACK_TITLE, LINK_LIST])) == listed
    # a portal's partners look the same: alone, the list names nothing
    assert names_advertised([LINK_LIST, "首页 | 新闻 | 体育 | 娱乐"]) == {}


def test_a_brand_block_s_line_names_its_brand_on_a_page_of_gambling_spam():
    line = "聚宝阁娱乐 — www.jbg668.com"
    assert read_line(line) == LineNames({"聚宝阁"}, spam=False, brand_listing=True)
    assert names_advertised([line]) == {}
    # each name with the first line that names it
    assert names_advertised([HIJACK_TITLE, line]) == {"鎏金": 0, "聚宝阁": 1}
    # a lawful site's line of its name and host looks the same: alone, it names nothing
    assert read_line("华奥体育 www.huaaosports.com").brand_listing is True
    assert names_advertised(["华奥体育 www.huaaosports.com", "首页 | 新闻 | 体育"]) == {}


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("必赢国际官网 bwin-vip.cc 真人娱乐 体育投注 注册秒送28元", {"必赢"}),
        ("友情链接：博创国际 威尔体育 体育买球app 十大正规买球网站", {"博创", "威尔"}),
    ],
)
def test_offers_and_words_of_betting_spam_make_a_line_spam(line, names):
    assert read_line(line).spam is True
    assert set(names_advertised([line])) >= names


def test_a_site_that_names_itself_twice_with_its_own_words_is_spam():
    """No betting word, but a site's name before its app and its entrance, twice."""
    assert list(names_advertised(["沐星体育app下载-沐星体育官方入口"])) == ["沐星"]


def test_a_line_of_tags_lists_the_page_s_topics_beside_the_brands():
    """Its bare items are the page's topics, never names; its brands count where the line is
    spam of its own."""
    line = "标签：学术报告 固态电解质 顺盈国际 豪运棋牌 乐盈国际app"
    assert read_line(line).brand_listing is False
    assert list(names_advertised([HIJACK_TITLE, line])) == ["鎏金"]
    assert set(names_advertised([line + " 注册送彩金"])) == {"顺盈", "豪运", "乐盈"}


@pytest.mark.parametrize(
    "line",
    [
        # a news site's menu: 国际, 体育 and 娱乐 are its sections, not betting words
        "首页　本地　国内　国际　财经　体育　娱乐　科技　汽车",
        # a portal's menu starts every item with its name, but its sections are no site's
        # own words; a list of apps names each site once
        "新浪首页 新浪新闻 新浪体育 新浪娱乐 新浪财经 新浪博客",
        "下载客户端：腾讯体育app | 新浪体育app | 网易新闻app",
        # a lottery's news: 投注 and 开奖 follow ordinary nouns (投注站, 开奖公告)
        "福利彩票开奖公告发布后，市民前往投注站查询中奖号码。",
        # a board-games association (棋牌), a bank's deposits (存款)
        "清源市棋牌运动协会 | 会员登录 | 赛事报名",
        "个人存款 | 贷款 | 信用卡 | 招商银行官网",
    ],
)
def test_lines_that_are_not_gambling_spam_name_nothing(line):
    assert read_line(line).spam is False
    assert names_advertised([line]) == {}


def test_prose_of_a_gambling_post_gives_no_bare_items():
    """A forum post by a casino's account is spam, but its pieces between blanks and commas
    (``发表于``, ``客服小美``) are not names, nor what opens a clause before a betting word
    (``平台提供``): only its name before a site's word is."""
    line = (
        "6楼　皇鼎娱乐客服小美　发表于 2024-1-9 11:03：皇鼎娱乐官网 hd558.com 百家乐、真人视讯、"
        "体育投注、电子游艺应有尽有，注册即送58元。平台提供真人百家乐，提款3分钟到账！"
    )
    assert list(names_advertised([line])) == ["皇鼎"]


def test_common_words_are_read_from_the_pair_counts():
    bigrams = CharBigrams().fit(["中国香港，" * 400, "恒瑞坊只出现一次"])
    assert common_words({"中国", "香港", "恒瑞坊", "中国香"}, bigrams) == {"中国", "香港", "中国香"}


def test_a_name_the_page_uses_often_is_its_subject():
    text = "澄阳港" * (MOST_OCCURRENCES + 1) + "恒瑞坊" * MOST_OCCURRENCES
    assert page_subjects({"澄阳", "恒瑞坊", "液压澄阳"}, text) == {"澄阳", "液压澄阳"}


def test_the_longest_name_is_matched_first():
    assert name_pattern({"金鼎", "金鼎国际"}).findall("金鼎国际与金鼎") == ["金鼎国际", "金鼎"]


def test_the_reason_quotes_the_line_that_names_the_brand(detector):
    page = _hijacked({2: "恒瑞坊"})
    (flag,) = [f for f in detector.scan_batch([page], explain=True)[0] if "advertise" in f.reason]
    assert page[flag.start : flag.end] == "恒瑞坊"
    assert "友情链接：鎏金娱乐 | 汇丰棋牌 | 恒瑞坊" in flag.reason


def _advertised(detector, page: str) -> list[str]:
    from pagesieve.span_rules import ADVERTISED_NAME_SCORE

    return [
        page[f.start : f.end]
        for f in detector.scan_batch([page], explain=True)[0]
        if f.score == ADVERTISED_NAME_SCORE and "advertise" in f.reason
    ]


def test_names_spliced_bare_into_the_article_are_flagged(detector):
    """The page's title and link list name the brands; in the article they stand bare at a
    clause's start, or before a betting word the span model scores low, and are flagged with it;
    the rest of each sentence stays."""
    page = _hijacked({2: "恒瑞坊", 3: "鎏金娱乐", 4: "万祥隆"})
    assert _advertised(detector, page) == ["恒瑞坊", "鎏金娱乐", "万祥隆"]
    cleaned = detector.clean(page)
    for line in ARTICLE[2:]:
        assert line in cleaned, line


def test_a_name_the_article_is_about_is_not_flagged(detector):
    """A city whose name the brand list happens to hold (``澄阳`` of ``澄阳娱乐``) and which the
    article names again and again is the article's subject."""
    city = "澄阳"
    lines = [line.replace("桐溪县", f"{city}县") for line in ARTICLE]
    lines += [f"{city}县地处丘陵，{city}人历来重视教育。", f"{city}县还将举办{city}夏令营。"]
    page = "\n".join(["澄阳娱乐官网-澄阳娱乐app下载", *lines, LINK_LIST])
    assert page.count(city) > MOST_OCCURRENCES + 1
    assert _advertised(detector, page) == []


def test_no_gambling_line_means_no_names(detector):
    """The same bare names in a page whose flagged lines are a menu and a copyright line."""
    page = "\n".join(
        [
            "首页　本地　国内　国际　财经　体育　娱乐",
            *ARTICLE[:2],
            "连日来，恒瑞坊" + ARTICLE[2][4:],
        ]
        + ARTICLE[3:]
        + ["桐溪县融媒体中心 版权所有 未经授权禁止转载"]
    )
    assert _advertised(detector, page) == []


def test_a_threshold_above_the_rule_turns_it_off(detector):
    page = _hijacked({2: "恒瑞坊", 4: "万祥隆"})
    assert _advertised(detector, page)
    threshold = detector.threshold
    try:
        detector.threshold = 0.95
        assert _advertised(detector, page) == []
    finally:
        detector.threshold = threshold


def test_a_page_of_many_brand_lists_reads_its_first_names_only(detector):
    """A page of thousands of brand lists would cost a search of its prose per name: the first
    ``MOST_NAMES`` names in the order of its lines are read, the rest are not."""
    from pagesieve.advertised_names import MOST_NAMES

    han = [chr(c) for c in range(0x5B00, 0x5B00 + 2000)]  # rare characters, no common words
    names = [han[2 * i] + han[2 * i + 1] + "坊" for i in range(MOST_NAMES + 40)]
    lists = [
        "友情链接：" + " | ".join(f"{name}娱乐" for name in names[i : i + 8]) + " | 百家乐"
        for i in range(0, len(names), 8)
    ]
    first, last = names[0], names[-1]
    article = [
        *ARTICLE[:2],
        f"连日来，{first}桐溪县各中小学结合暑期临近的实际，陆续开展防溺水安全教育活动。",
        f"县教育局相关负责人介绍，{last}今年全县共发放致家长的一封信三万余份。",
        *ARTICLE[4:],
    ]
    page = "\n".join([*article, *lists])
    # the rule alone, the lists flagged and the article searched, whatever the model says
    scores = detector.score_batch([page])
    n = len(scores.p_noise)
    flagged = np.arange(n) >= len(article)
    hit = advertised_name_flags(
        scores, flagged, ~flagged, np.ones(n, dtype=bool), [], detector.spans.bigrams_, False
    )
    assert [page[f.start : f.end] for _, f in hit] == [first]


def test_names_are_found_on_a_page_served_with_the_wrong_charset(detector):
    """Read repaired, flagged on the damaged characters that hold them."""
    from pagesieve.synth import misdecode

    page = _hijacked({2: "恒瑞坊", 4: "万祥隆"})
    assert _advertised(detector, page) == ["恒瑞坊", "万祥隆"]
    damaged = misdecode(page)
    assert _advertised(detector, damaged) == [misdecode("恒瑞坊"), misdecode("万祥隆")]


def test_a_name_s_extent_takes_its_site_words_and_its_brackets():
    line = "【博隆国际】城东云锦府二期今日开盘，鼎泰隆平台app同步上线，博隆之外"
    assert line[slice(*name_extent(line, 1, 3))] == "【博隆国际】"
    at = line.index("鼎泰隆")
    assert line[slice(*name_extent(line, at, at + 3))] == "鼎泰隆平台app"
    at = line.rindex("博隆")
    assert line[slice(*name_extent(line, at, at + 2))] == "博隆"


def test_a_bracketed_name_in_the_article_s_title_goes_with_its_brackets(detector):
    page = _hijacked({}).replace(ARTICLE[0], "【鎏金国际】" + ARTICLE[0])
    assert _advertised(detector, page) == ["【鎏金国际】"]
