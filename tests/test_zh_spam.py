"""The Chinese pages with gambling spam written for the project (``data/zh_spam``)."""

from __future__ import annotations

import ftfy
import numpy as np
import pytest
from labeled_sets import read_written_set

from pagesieve.corpus import read_labeled
from pagesieve.evaluate import evaluate
from pagesieve.synth import misdecode
from pagesieve.written_pages import ZH_SPAM_TEST_PAGES

DATA = ZH_SPAM_TEST_PAGES.parent


def repair(damaged: str) -> str:
    """Characters of a page served with the wrong charset, read as they were written."""
    return ftfy.fix_encoding(damaged)


@pytest.mark.parametrize(
    "name, pages",
    [
        ("calibration", 26),
        ("calibration2", 26),
        ("train_a", 40),
        ("test", 26),
        ("holdout", 26),
        ("holdout_names_hijacked", 20),
    ],
)
def test_each_page_is_labeled_line_by_line_with_its_spliced_phrases(name, pages):
    pages = read_written_set(DATA / f"{name}.jsonl", pages)
    assert sum(len(p.spans) for p in pages) >= 50


def test_the_brand_lexicon_catches_most_spliced_brands_of_the_test_pages(detector):
    """Pages it never read: the span model alone caught 12 of their 75 spliced phrases (session
    34), with the betting brands' lexicon 49; the clean pages' article lines stay."""
    report = evaluate(read_labeled(ZH_SPAM_TEST_PAGES), detector.scan_batch).to_dict()
    assert report["spans"]["rate"] >= 0.6, report["spans"]
    assert report["spans"]["rest_of_line_flagged"] < 0.01
    assert report["overall"]["article_flagged"] < 0.06


def test_a_table_in_a_chinese_article_is_the_article(detector):
    """A product's spec table, one row a line (``品牌 | 暖栖``): the model reads the rows as a
    menu; three rows or more of a name and its value are the article's. A menu (more cells) and
    contact rows are not read as a table."""
    from pagesieve.patterns import table_row_cells, table_run

    table = [
        "品牌 | 暖栖",
        "型号 | KJ600F-A12",
        "额定功率 | 58W",
        "噪音 | ≤32dB(A)",
        "净重 | 9.6kg",
    ]
    page = "\n".join(
        [
            "暖栖 KJ600F-A12 家用空气净化器",
            "这款净化器采用三层滤网结构，适用于四十到七十平方米的客厅和卧室，"
            "开机后十分钟即可明显降低室内颗粒物浓度。",
            "产品参数",
            *table,
            "滤网寿命智能提醒，更换时只需打开底部卡扣，无需工具，一分钟即可完成。",
        ]
    )
    flagged = {page[f.start : f.end] for f in detector.scan(page)}
    assert not flagged & {"产品参数", *table}, flagged
    assert [table_row_cells(row) for row in table] == [2] * 5
    # a run is three rows or more with as many cells, in the row's page
    lines = [table[0], table[1], "产品参数", *table[2:], "颜色 | 白色 | 灰色"]
    assert [list(table_run(lines, row, 0, len(lines))) for row in range(len(lines))] == [
        [],
        [],
        [],
        [3, 4, 5],
        [3, 4, 5],
        [3, 4, 5],
        [],
    ]
    assert not table_run(lines, 4, 3, 5)  # the page ends before the run's third row
    for line in (
        "首页 | 论坛 | 装修日记 | 效果图",
        "联系电话 | 13800138000",
        "Advertise | AdChoices",
    ):
        assert table_row_cells(line) == 0, line


def test_a_chinese_spam_phrase_is_flagged_alone(detector):
    """An offer or a lottery scam's name put into a sentence is a span, and the sentence around
    it stays; a police report about the same games names them in its prose, and keeps them."""
    from pagesieve.span_rules import CHINESE_SPAM_SCORE

    notice = [
        "关于做好春季森林防火工作的通知",
        "发布时间：2024-03-14 来源：县应急管理局",
        "各乡镇人民政府，县级各部门：",
        "当前正值春季森林防火关键期，气温回升快，降水偏少，林下可燃物积累多，森林火险等级持续偏高。"
        "为切实做好今年春季森林防火工作，现将有关事项通知如下。",
        "清明祭扫期间，各重点林区入口要设立临时检查站，对进山人员实行登记，严禁携带火种进山。"
        "倡导文明祭扫，推广鲜花祭祀、网络祭扫等方式。",
        "各扑火专业队伍实行24小时值班备勤，物资储备库要提前检修风力灭火机等装备，"
        "一旦发生火情，要做到打早、打小、打了。",
    ]
    for row, phrase in ((4, "注册即送58元彩金"), (3, "北京赛车pk10")):
        page = list(notice)
        page[row] = page[row][:20] + phrase + page[row][20:]
        text = "\n".join(page)
        hits = [f for f in detector.scan(text) if f.score == CHINESE_SPAM_SCORE]
        assert [(text[f.start : f.end], f.label) for f in hits] == [(phrase, "keyword_injection")]
        # served with the wrong charset: found in the page read repaired, flagged on the
        # damaged characters that hold it
        damaged = misdecode(text)
        hits = [f for f in detector.scan(damaged) if f.score == CHINESE_SPAM_SCORE]
        assert [(repair(damaged[f.start : f.end]), f.label) for f in hits] == [
            (phrase, "keyword_injection")
        ]
    report = "\n".join(
        [
            "警方捣毁一网络赌博团伙",
            "经查，该团伙以“百家乐”“时时彩”等为幌子，诱骗群众在境外网赌平台下注，涉案金额逾千万元。",
            "民警提醒，网赌平台往往先让参与者小额获利，再诱导其加大投入，切勿相信网赌平台推荐。",
        ]
    )
    assert not any(f.score == CHINESE_SPAM_SCORE for f in detector.scan(report))


def test_a_spam_phrase_takes_the_brand_the_span_model_read_before_it():
    """``bet889体育注册送88``: the span model flags ``bet889体育注册``, the phrase rule ``注册送88``
    and replaces it; the phrase's flag starts where the model's did, so the brand goes too, but
    not a word of the sentence the model ran into (``会`` of ``会注册送``)."""
    from pagesieve.span_rules import _grown_left
    from pagesieve.types import Flag

    rows = {
        3: "实时显示数值，bet889体育注册送88自动模式下可根据空气质量调节。",
        4: "领导表示会注册送88元",
    }

    def text(row: int, start: int, end: int) -> str:
        return rows[row][start:end]

    def flag(start: int, end: int) -> Flag:
        return Flag(start, end, "keyword_injection", 0.9, "")

    spliced = [(3, flag(7, 17)), (4, flag(4, 8))]
    found = [(3, flag(15, 20)), (3, flag(20, 23)), (4, flag(5, 11))]
    assert [text(r, f.start, f.end) for r, f in spliced] == ["bet889体育注册", "会注册送"]
    grown = [text(row, f.start, f.end) for row, f in _grown_left(found, spliced, text)]
    assert grown == ["bet889体育注册送88", "自动模", "注册送88元"]


def test_names_a_page_advertises_are_found_and_a_lawful_site_s_own_names_are_not(detector):
    """The advertised-names rule on the blind audit of session 57 (read: the rule was narrowed
    on it, so this pins what it does there, nothing more): on lawful pages that name themselves
    in their menus, no span flag of the rule; on hijacked pages, the splices of brands that
    other lines name are caught, and no other word of their article lines is flagged (the rule
    flags the brands of keyword lines the model leaves too)."""
    from pagesieve.span_rules import ADVERTISED_NAME_SCORE

    clean = read_written_set(DATA / "audit_names_clean.jsonl", 18)
    hijacked = read_written_set(DATA / "audit_names_hijacked.jsonl", 18)
    for page, flags in zip(clean, detector.scan_batch([p.text for p in clean])):
        assert not [f for f in flags if f.score == ADVERTISED_NAME_SCORE], page.id
    caught = stray = 0
    for page, flags in zip(hijacked, detector.scan_batch([p.text for p in hijacked])):
        starts = np.cumsum([0] + [len(line) + 1 for line in page.paragraphs])
        gold = [(starts[i] + a, starts[i] + b) for i, a, b, *_ in page.spans]
        for f in flags:
            line = int(np.searchsorted(starts, f.start, "right") - 1)
            if f.score == ADVERTISED_NAME_SCORE and page.labels[line] == 0:
                hits = [g for g in gold if g[0] < f.end and f.start < g[1]]
                caught += len(hits)
                stray += not hits
    assert caught >= 10 and stray == 0


def test_the_lawful_pages_of_the_names_holdout_are_all_article_and_furniture():
    """Their lines are labeled, none spliced: pages with spam's words and nothing spliced."""
    pages = read_written_set(DATA / "holdout_names_clean.jsonl", 20)
    assert not any(page.spans for page in pages)
