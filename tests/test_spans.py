"""Span candidates: the spliced phrase must be among them, or the span model never sees it."""

from __future__ import annotations

import numpy as np
import pytest

from pagesieve.spans import find_candidates


def _proposed(paragraph: str) -> set[str]:
    return {paragraph[c.start : c.end] for c in find_candidates([paragraph], np.array([0]))}


@pytest.mark.parametrize(
    ("paragraph", "phrase"),
    [
        ("烟台市近日召开会议，金沙娱乐城研究部署今年的重点工作。", "金沙娱乐城"),  # suffix
        ("据了解，该项目皇冠体育总投资约十二亿元。", "皇冠体育"),
        ("市民可以在线投注前往服务大厅办理相关业务。", "在线投注"),  # word at the end
        ("专家表示，太阳城今年的降水比往年偏多。", "太阳城"),  # the word alone
        ("会议指出，bet365娱乐要进一步加强安全管理。", "bet365娱乐"),  # a Latin name before it
        ("记者从六合彩开奖现场了解到，活动将持续三天。", "六合彩开奖"),
    ],
    ids=["suffix", "middle", "word-last", "word-alone", "latin-name", "word-then-han"],
)
def test_gambling_splice_is_proposed(paragraph: str, phrase: str) -> None:
    assert phrase in _proposed(paragraph)


def test_clean_sentence_without_gambling_words_has_no_brand_candidate() -> None:
    cands = find_candidates(["今年一季度，全市经济运行总体平稳，工业生产稳步回升。"], np.array([0]))
    assert not [c for c in cands if c.kind == "zh_brand"]


def test_candidates_stay_inside_their_paragraph() -> None:
    paras = ["第一段没有问题。", "第二段里有澳门金沙娱乐城的字样。", "The third one is English."]
    for c in find_candidates(paras, np.arange(3)):
        assert 0 <= c.start < c.end <= len(paras[c.paragraph])
        assert "\n" not in paras[c.paragraph][c.start : c.end]
