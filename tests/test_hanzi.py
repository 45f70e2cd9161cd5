"""Traditional Chinese read as Simplified: same offsets, same flags."""

from __future__ import annotations

import opencc
import pytest

from pagesieve.batch_text import JoinedParagraphs
from pagesieve.hanzi import fold_paragraphs, to_simplified

_TO_TRADITIONAL = opencc.OpenCC("s2t")


def traditional(text: str) -> str:
    out = _TO_TRADITIONAL.convert(text)
    assert len(out) == len(text)  # the tests' texts convert one character for one
    return out


def test_a_traditional_line_is_read_in_simplified_characters() -> None:
    assert to_simplified("喜歡碧海藍天，這裡的風景很美。") == "喜欢碧海蓝天，这里的风景很美。"


def test_a_simplified_line_keeps_the_traditional_forms_it_uses() -> None:
    # one character of fourteen folds: a Traditional form kept in Simplified text, not a
    # Traditional line
    line = "他是著名的作家，生於北京的一个小村庄。"
    assert to_simplified(line) is line


def test_lines_are_folded_on_their_own_and_offsets_stay() -> None:
    text = "Hello 🙂 world\n喜歡碧海藍天😀\n生於北京的一个小村庄，后来去了上海。"
    out = to_simplified(text)
    assert len(out) == len(text)
    assert out.split("\n") == [
        "Hello 🙂 world",
        "喜欢碧海蓝天😀",  # the character outside the plane is kept as it is
        "生於北京的一个小村庄，后来去了上海。",
    ]


def test_lone_surrogates_and_control_characters_pass_through() -> None:
    text = "喜歡碧海藍天\ud800\x00\uffff"
    assert to_simplified(text) == "喜欢碧海蓝天\ud800\x00\uffff"


@pytest.mark.parametrize("text", ["", "plain ascii", "café au lait", "简体中文没有繁体字。"])
def test_text_without_a_traditional_line_is_returned_as_is(text: str) -> None:
    assert to_simplified(text) is text


def test_joined_paragraphs_read_and_lower_traditional_lines_with_offsets_kept() -> None:
    paragraphs = ["ÉCOLE 藍天", "Plain line"]
    joined = JoinedParagraphs.of(paragraphs)
    assert joined.joined == "ÉCOLE 藍天\nPlain line"
    assert joined.lowered == "école 蓝天\nplain line"
    assert joined.read_paragraphs(paragraphs) == ["ÉCOLE 蓝天", "Plain line"]
    assert fold_paragraphs(paragraphs) == ["ÉCOLE 蓝天", "Plain line"]
    same = ["Plain line", "简体"]
    assert JoinedParagraphs.of(same).read_paragraphs(same) is same


_ZH_PAGE = "\n".join(
    [
        "今年一季度，全市经济运行总体平稳，工业生产稳步回升，消费市场持续回暖。",
        "烟台市近日召开会议，金沙娱乐城研究部署今年的重点工作，要求各部门狠抓落实。",
        "会议强调，要进一步优化营商环境，推动重点项目建设，确保全年目标任务顺利完成。",
        "延伸阅读：小区停车难题如何破解？三招教你轻松应对城市管理部门表示，将继续加大改造力度。",
        "友情链接：新浪网 搜狐网 网易 腾讯网",
    ]
)


def test_a_page_in_traditional_characters_gets_the_flags_of_its_simplified_twin(
    detector,
) -> None:
    flags = detector.scan(_ZH_PAGE)
    spans = {_ZH_PAGE[f.start : f.end] for f in flags}
    # the page has a spliced brand, a glued headline and a link block: all flagged
    assert "金沙娱乐城" in spans and "友情链接：新浪网 搜狐网 网易 腾讯网" in spans
    assert any(s.startswith("延伸阅读：") for s in spans)
    twin = traditional(_ZH_PAGE)
    assert twin != _ZH_PAGE
    got = detector.scan(twin)
    assert [(f.start, f.end, f.label) for f in got] == [(f.start, f.end, f.label) for f in flags]
    assert "金沙娛樂城" in {twin[f.start : f.end] for f in got}
