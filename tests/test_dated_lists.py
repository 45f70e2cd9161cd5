"""Lists whose items end in a date, and most-read lists ranked by count (``pagesieve.dated_lists``)."""

from __future__ import annotations

import numpy as np
import pytest

from pagesieve.dated_lists import dated_list_rows, ranked_count_rows
from pagesieve.segment import segment_batch

ARTICLE = [
    "城西湿地公园二期今天开园",
    "记者从市园林局获悉，城西湿地公园二期工程经过两年建设，今天上午正式向市民开放，新增水域面积约十二公顷。",
    "二期工程沿用了原有的河道走向，在北岸新建了三公里长的木栈道和两处观鸟平台，并补种了芦苇、菖蒲等本地水生植物。",
    "园林局有关负责人介绍，开园初期每天限流八千人，市民可通过官方小程序提前预约，周一上午闭园维护。",
]

#: related headlines, each with its time
RELATED = [
    "相关新闻",
    "城东滨河步道年底前全线贯通(11/10 13:08)",
    "市园林局：今年新增口袋公园二十个(11/08 09:25)",
    "湿地公园一期开园三年接待游客超千万人次(图)(11/03 18:01)",
    "观鸟爱好者在城西湿地记录到白琵鹭(10/29 08:03)",
]

#: a forum's index of replies: title, author, time, length, views and replies
FORUM_INDEX = [
    "回复线索：",
    "周末去湿地公园，带什么好？【河边散步的人】05-11 16:06 298字 [4321/87]",
    "要预约，小程序上约就行【老周】05-11 16:58 138字 [140/0]",
    "推车能走吗？【小葡萄妈妈】05-11 17:03 0字 [127/1]",
    "北门停车场不大【老周】05-11 17:20 124字 [137/0]",
]

#: a blog's archive by week
ARCHIVE = [
    "Archives",
    "2024.05.05 - 2024.05.11",
    "2024.04.28 - 2024.05.04",
    "2024.04.21 - 2024.04.27",
    "2024.04.14 - 2024.04.20",
]

#: a call for papers: its deadlines are fields' values, after a colon
DEADLINES = [
    "一、论文摘要（800字左右）截止日期：2024年11月28日",
    "二、会议讲稿截止日期：2024年12月11日",
    "三、论文正文投稿截止日期：2024年12月12日",
]

#: a timeline: each line opens with its date
TIMELINE = [
    "2019年3月18日 一期工程开工",
    "2020年10月1日 一期开园",
    "2022年4月6日 二期工程开工",
    "2024年5月10日 二期开园",
]

#: dates alone, and month-day pairs without a time (a score, a fraction)
DATES_ALONE = ["2024-05-10", "2024-05-11", "2024-05-12", "2024-05-13"]
SCORES = ["上半场 主队 1-0", "第二节 客队 21-18", "全场 主队 3-2", "点球 主队 4/5"]


def dated_rows(
    lines: list[str], flagged: set[int] = frozenset(), p_noise: float = 0.5
) -> list[str]:
    """What the rule takes, each line scored ``p_noise`` by the model."""
    seg = segment_batch(["\n".join(lines)])
    mask = np.zeros(len(seg), dtype=bool)
    mask[list(flagged)] = True
    scores = np.full(len(seg), p_noise)
    return [seg.paragraphs[i] for i in dated_list_rows(seg, mask, scores).tolist()]


@pytest.mark.parametrize(
    "items", [RELATED, FORUM_INDEX, ARCHIVE], ids=["related", "forum", "archive"]
)
def test_a_lists_stamped_items_are_found_and_its_heading_and_article_are_not(items) -> None:
    found = dated_rows([*ARTICLE, *items, "返回首页"])
    assert found == items[1:]


def test_signed_comments_on_an_english_page_are_items() -> None:
    lines = [
        "Council approves the new bike lanes",
        "The city council voted on Tuesday to build twelve kilometres of protected bike lanes.",
        "by Maria Lopez, 12/15/24 12:24",
        "Finally. The bridge crossing is the worst part of my commute.",
        "by Local 881 UFCW, 12/15/24 12:34",
        "Who pays for the maintenance?",
        "by W. T. Whitney Jr., 12/22/24 13:57",
        "Good news for the riverside shops.",
    ]
    assert dated_rows(lines) == [lines[2], lines[4], lines[6]]


@pytest.mark.parametrize(
    "lines",
    [DEADLINES, TIMELINE, DATES_ALONE, SCORES, RELATED[:3]],
    ids=["fields", "timeline", "dates alone", "scores", "two items"],
)
def test_lines_that_are_no_dated_list(lines) -> None:
    assert dated_rows([*ARTICLE, *lines]) == []


def test_items_far_apart_or_on_two_pages_are_no_list() -> None:
    apart = [RELATED[1], *ARTICLE[1:], RELATED[2], *ARTICLE[1:], RELATED[3]]
    assert dated_rows(apart) == []
    seg = segment_batch(["\n".join(RELATED[:3]), "\n".join(RELATED[3:])])
    assert len(dated_list_rows(seg, np.zeros(len(seg), dtype=bool), np.ones(len(seg)))) == 0


def test_items_flagged_already_count_for_the_run_and_are_not_returned() -> None:
    lines = [*ARTICLE, *RELATED]
    found = dated_rows(lines, flagged={len(ARTICLE) + 1, len(ARTICLE) + 2})
    assert found == RELATED[3:]


def test_a_long_line_ending_in_a_date_is_no_item() -> None:
    long_items = [f"{ARTICLE[1]}{ARTICLE[2]}{ARTICLE[3]} 2024-05-1{k}" for k in range(4)]
    assert all(len(line) > 120 for line in long_items)
    assert dated_rows(long_items) == []


def test_the_detector_takes_dated_headlines_the_model_keeps(detector, monkeypatch) -> None:
    from pagesieve import line_rules

    lines = [*ARTICLE, *RELATED, *FORUM_INDEX, *MOST_READ]
    text = "\n".join(lines)
    starts = np.cumsum([0] + [len(line) + 1 for line in lines[:-1]])

    def flagged() -> dict[int, str]:
        out = {}
        for f in detector.scan(text, explain=True):
            i = int(np.searchsorted(starts, f.start, "right") - 1)
            if f.end - f.start == len(lines[i]):
                out[i] = f"{f.label}: {f.reason}"
        return out

    with_rule = flagged()
    monkeypatch.setattr(line_rules, "DATED_LIST_SCORE", 0.0)
    model_alone = flagged()
    items = {
        i for i, line in enumerate(lines) if line in RELATED[1:] + FORUM_INDEX[1:] + MOST_READ[1:]
    }
    article = set(range(len(ARTICLE)))
    assert len(items - set(model_alone)) >= 2  # what the rule is for
    assert items <= set(with_rule)
    assert not article & set(with_rule)
    taken = set(with_rule) - set(model_alone)
    assert taken and all(
        with_rule[i].startswith("navigation: an item of a list whose items end in a date")
        for i in taken
    )


#: an article's own list, introduced by a sentence that ends in a colon
AFTERSHOCKS = [
    "截至今天上午，地震台网共记录到三级以上余震四次，情况如下：",
    "四川芦山县发生3.1级余震，震源深度12公里 2024-03-12 04:17",
    "四川芦山县发生3.4级余震，震源深度10公里 2024-03-12 06:52",
    "四川芦山县发生3.0级余震，震源深度11公里 2024-03-12 09:08",
]


def test_a_list_introduced_by_a_sentence_is_the_articles_own() -> None:
    assert dated_rows([*ARTICLE, *AFTERSHOCKS, ARTICLE[3]]) == []
    # a list's label with its colon is no sentence (``回复线索：``, as in FORUM_INDEX)
    assert dated_rows([*ARTICLE, "余震：", *AFTERSHOCKS[1:]]) == AFTERSHOCKS[1:]


def test_items_the_model_reads_as_the_article_are_left() -> None:
    assert dated_rows([*ARTICLE, *RELATED], p_noise=0.05) == []
    assert dated_rows([*ARTICLE, *RELATED], p_noise=0.1) == RELATED[1:]


#: a blog's most-read list: ranked, each with its count of readers
MOST_READ = [
    "阅读排行榜",
    "1. 一次把接口响应从2秒降到200毫秒的过程(9120)",
    "2. SQLite 开启 WAL 模式后踩过的几个坑(3861)",
    "3. 记一次文件句柄泄漏的排查（2754）",
    "4. Tomcat配置技巧Top 10(7)",
]


def _ranked(lines: list[str]) -> list[str]:
    seg = segment_batch(["\n".join(lines)])
    return [seg.paragraphs[i] for i in ranked_count_rows(seg, np.zeros(len(seg), dtype=bool))]


def test_a_most_read_list_ranked_by_count_is_found_and_not_its_heading() -> None:
    assert _ranked([*ARTICLE, *MOST_READ]) == MOST_READ[1:]
    # flagged already: not returned
    seg = segment_batch(["\n".join([*ARTICLE, *MOST_READ])])
    flagged = np.zeros(len(seg), dtype=bool)
    flagged[len(ARTICLE) + 1] = True
    assert len(ranked_count_rows(seg, flagged)) == 3


@pytest.mark.parametrize(
    "items",
    [
        # a publications list, newest first: years, not counts
        ["1. 城市湿地的恢复与管理(2021)", "2. 水生植物图谱(2018)", "3. 湿地观鸟手记(2015)"],
        # counts that rise: the article's own table of figures
        ["1. 白鹭(12)", "2. 苍鹭(30)", "3. 白琵鹭(41)"],
        # two items only, or ranks out of order
        ["1. 白鹭(41)", "2. 苍鹭(30)"],
        ["1. 白鹭(41)", "3. 苍鹭(30)", "2. 白琵鹭(12)"],
        # no count at the end
        ["1. 白鹭", "2. 苍鹭", "3. 白琵鹭"],
    ],
)
def test_numbered_lines_that_are_no_most_read_list(items) -> None:
    assert _ranked([*ARTICLE, *items, *ARTICLE]) == []
