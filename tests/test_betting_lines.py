"""Lines of Chinese betting spam the model keeps, read by their own marks (``betting_lines``)."""

from __future__ import annotations

import numpy as np
import pytest
from zh_notice import ARTICLE

from pagesieve.betting_lines import betting_ad_line, brand_keywords_line, spam_lottery_line


@pytest.mark.parametrize(
    ("line", "is_ad"),
    [
        ("盛世鑫国际 ssx3366.com 新会员注册送彩金 日返水1.2%", True),
        ("【天玺娱乐最新优惠】新会员首存100送100 ｜ 每日签到送彩金 ｜ 周周返水无上限", True),
        ("凯盛娱乐 ks7799.com 注册即送58元，首充加赠，24小时提款秒到账！", True),
        # a police notice's own lines: a list's number, quotation marks, a sentence's end
        ("1. 鼎盛娱乐（dsyl88.com）：注册送彩金、每日返水", False),
        ("警方提醒：“鼎盛娱乐”所谓注册送彩金都是骗局", False),
        ("该平台以注册送彩金、每日返水为诱饵吸引参赌人员。", False),
        # a shop's offer, a betting word without an offer or a host name
        ("新用户注册送20元优惠券 京东官网", False),
        ("金博宝国际2022年度总结表彰大会隆重召开", False),
    ],
)
def test_a_betting_site_s_ad_line_is_read_by_its_offer_or_its_host(line, is_ad):
    assert betting_ad_line(line) is is_ad


def test_an_unlisted_brand_s_ad_line_goes_whole_and_names_its_brand(detector):
    """The ad line of a brand no lexicon lists, kept by the model among the article's lines, is
    flagged whole as an ad, and the brand it names is found again in the article."""
    from pagesieve.span_rules import BETTING_AD_LINE_SCORE

    ad = "瑞盈坊 rydf88.com 新人注册送58元 瑞盈坊线路检测中心"
    lines = list(ARTICLE)
    lines[3] = lines[3].replace("今年全县", "瑞盈坊今年全县")
    page = "\n".join([*lines[:3], ad, *lines[3:]])
    flags = detector.scan_batch([page], explain=True)[0]
    whole = [f for f in flags if page[f.start : f.end] == ad]
    assert len(whole) == 1 and whole[0].label == "ad", flags
    assert whole[0].score >= BETTING_AD_LINE_SCORE
    assert "瑞盈坊" in [page[f.start : f.end] for f in flags if "advertise" in f.reason]
    threshold = detector.threshold
    try:  # a threshold above the rules' scores turns them off
        detector.threshold = 0.95
        assert not [f for f in detector.scan(page) if f.score in (0.9,)]
    finally:
        detector.threshold = threshold


@pytest.mark.parametrize(
    ("line", "lists_sites"),
    [
        ("关键词：事业单位招聘,青石县,金沃坊娱乐,万盛汇官网,恒鑫棋牌app", True),
        ("热门关键词：X206改造 鼎丰汇娱乐 鼎丰汇官网 桥头镇 鼎丰汇app", True),
        # a paper's keywords, a sports story's tags with one site's name, no label
        ("关键词：深度学习；图像分割；注意力机制", False),
        ("标签：NBA 湖人 腾讯体育 詹姆斯", False),
        ("金沃坊娱乐,万盛汇官网,恒鑫棋牌app", False),
    ],
)
def test_a_line_of_keywords_that_lists_betting_sites(line, lists_sites):
    assert brand_keywords_line(line) is lists_sites


@pytest.mark.parametrize(
    ("line", "is_spam"),
    [
        ("第20241102-088期：1-5名定位胆　冠军 02 05 07 09 10　→ 开 07　✔中", True),
        ("【六合彩】第049期开奖：06 13 21 29 38 44 特码 17（鸡）　　下期心水：平特一肖 羊", True),
        # a lawful draw, and a police report that names the spam's lottery
        ("双色球 第2024043期 开奖日期：2024-04-16　详情", False),
        ("警方查明，该团伙以“北京赛车”第1134502期等开奖结果为赌博依据，涉案金额巨大。", False),
    ],
)
def test_a_spam_lottery_s_results_or_tips(line, is_spam):
    assert spam_lottery_line(line) is is_spam


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("关键词：防溺水,安全教育,瑞盈坊娱乐,瑞盈坊体育,桐溪县", "navigation"),
        ("【最新开奖】重庆时时彩 第20240508-042期：3 8 1 6 0", "ad"),
    ],
)
def test_a_keywords_line_of_sites_or_a_spam_lottery_s_line_goes_whole(detector, line, label):
    """The rule alone, on every line (the model flags such a line itself on so short a page)."""
    from pagesieve.span_rules import betting_ad_flags

    page = "\n".join([*ARTICLE, line])
    scores = detector.score_batch([page])
    every = np.ones(len(scores.p_noise), dtype=bool)
    flags, rows = betting_ad_flags(scores, every, [], False)
    assert [(page[f.start : f.end], f.label) for _, f in flags] == [(line, label)]
    assert rows.tolist() == [len(ARTICLE)]
