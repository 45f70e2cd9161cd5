"""Structured article blocks (infoboxes, tables, agendas) for the Chinese training pages."""

from __future__ import annotations

import re

import numpy as np

from pagesieve.article_tables import KINDS, ArticleTables, article_phrases
from pagesieve.synth import PatternBank, Synthesizer

ARTICLE = [
    "山东女子学院位于济南市长清区，学校前身是创建于1952年的山东省妇女干部学校。",
    "学院现有两个校区，图书馆藏书81万册，2005年9月开始举办普通高等教育。",
]


def tables(seed: int = 0) -> ArticleTables:
    bank = PatternBank.load("train")
    return ArticleTables(bank.slots["zh_field"], bank.slots["zh_name"], np.random.default_rng(seed))


def test_article_phrases_are_the_clauses_between_chinese_punctuation():
    phrases = article_phrases(ARTICLE)
    assert "山东女子学院位于济南市长清区" in phrases
    assert "图书馆藏书81万册" in phrases
    assert all(2 <= len(p) <= 14 and not re.search(r"[，。、]", p) for p in phrases)
    # a clause longer than the limit gives its first characters
    assert "学校前身是创建于1952年的" in phrases
    assert article_phrases(["Only English here, no Han characters."]) == []


def test_blocks_are_built_from_the_article_and_the_field_names():
    t = tables()
    bank = PatternBank.load("train")
    known = set(article_phrases(ARTICLE)) | set(bank.slots["zh_field"]) | set(bank.slots["zh_name"])
    known |= {"1952年", "2005年9月"}
    number = re.compile(r"^\d+(万人|平方公里|元|页|分钟|米|公斤|%|人|个|万元|次)$")
    seen_lines = 0
    for _ in range(100):
        block = t.block(ARTICLE)
        assert block and all(line.strip() and "\n" not in line for line in block)
        for line in block:
            # every piece of a line is a field name, a phrase, a date, a name, a number or a
            # time slot: nothing the article and the bank do not hold
            for piece in re.split(r"[：:\s\u3000]+", line):
                if not piece or piece in known or number.match(piece) or piece.isdigit():
                    continue
                if re.fullmatch(r"\d+(－|-|—|~|至)\d+", piece) or piece in (
                    "序号",
                    "地点",
                    "主持人",
                ):
                    continue
                # a cell may be the start of an article clause
                assert any(
                    part in known or any(k.startswith(part) for k in known)
                    for part in piece.split("，")
                ), (line, piece)
            seen_lines += 1
    assert seen_lines > 300
    assert t.block(["Nothing to build from."]) == []


def test_every_kind_of_block_is_drawn():
    t = tables(3)
    shapes = set()
    for _ in range(200):
        block = t.block(ARTICLE)
        if any(re.match(r"\d+:\d\d", line) for line in block):
            shapes.add("agenda")
        elif any(line in ("序号",) or line.startswith("序号 ") for line in block):
            shapes.add("table")
        else:
            shapes.add("infobox")
    assert shapes == set(KINDS)


def test_zh_pages_hold_the_blocks_as_article_and_draw_the_same_page_otherwise():
    bank = PatternBank.load("train")
    plain = Synthesizer(bank, np.random.default_rng(7)).zh_page(ARTICLE, "p", furniture=True)
    with_tables = Synthesizer(
        bank, np.random.default_rng(7), article_tables=tables(), zh_tables=1.0
    ).zh_page(ARTICLE, "p", furniture=True)
    added = len(with_tables.paragraphs) - len(plain.paragraphs)
    assert added > 0
    # the same furniture and article lines, in the same order, with one block inside the article
    rest = [p for p in with_tables.paragraphs if p in plain.paragraphs]
    assert rest == plain.paragraphs
    first = plain.labels.index(0)
    assert with_tables.paragraphs[: first + 1] == plain.paragraphs[: first + 1]
    block = [
        (p, lab, kind)
        for p, lab, kind in zip(with_tables.paragraphs, with_tables.labels, with_tables.kinds)
        if p not in plain.paragraphs
    ]
    assert all(lab == 0 and kind == "article" for _, lab, kind in block)


def _plain_and_foreign(sources: list[list[str]]) -> tuple:
    """The same Chinese page drawn without blocks, and with a block from ``sources`` certain."""
    bank = PatternBank.load("train")
    plain = Synthesizer(bank, np.random.default_rng(7)).zh_page(ARTICLE, "p", furniture=False)
    page = Synthesizer(
        bank,
        np.random.default_rng(7),
        article_tables=tables(),
        foreign_tables=1.0,
        table_sources=sources,
    ).zh_page(ARTICLE, "p", furniture=False)
    return plain, page


def test_a_block_from_another_article_is_labeled_noise():
    other = [
        "暴雨过后，山区公路多处塌方，抢修队伍连夜赶往现场。",
        "气象部门提醒，未来三天仍有强降雨，居民应远离河道和山坡。",
    ]
    plain, page = _plain_and_foreign([other])
    foreign = [
        (p, lab, kind)
        for p, lab, kind in zip(page.paragraphs, page.labels, page.kinds)
        if p not in plain.paragraphs
    ]
    assert foreign and all(lab == 1 and kind == "headline" for _, lab, kind in foreign)
    # the block's phrases come from the other article, never from the host
    host_phrases = set(article_phrases(ARTICLE))
    other_phrases = article_phrases(other)
    text = "".join(p for p, _, _ in foreign)
    assert any(ph[:2] in text for ph in other_phrases)
    assert not any(ph in text for ph in host_phrases if len(ph) > 4)
    # the article keeps its label
    assert [lab for p, lab in zip(page.paragraphs, page.labels) if p in plain.paragraphs] == [
        0
    ] * len(plain.paragraphs)


def test_no_block_from_the_host_itself():
    plain, page = _plain_and_foreign([ARTICLE])
    assert page.paragraphs == plain.paragraphs and page.labels == plain.labels


def test_sections_get_headings_of_their_own_clauses_labeled_article():
    sections = [
        "山东女子学院位于济南市长清区，学校前身是妇女干部学校。",
        "学院现有两个校区，图书馆藏书丰富，开始举办普通高等教育。",
        "2005年9月升格为本科。",  # no clause without a digit: no heading
    ]
    heads = tables(3).headings(sections)
    assert heads[2] is None
    for text, head in zip(sections, heads[:2]):
        assert head is not None and not head.endswith(("。", "，"))
        # one clause of the section's own, after the page's numbering
        assert any(
            head.endswith(clause) and len(clause) >= 4 for clause in re.split("[，。]", text)
        )


def test_zh_pages_with_headings_keep_their_lines_and_draw_the_same_page_otherwise():
    bank = PatternBank.load("train")
    article = [
        *ARTICLE,
        "学院设有十二个二级学院，专业覆盖文学、管理学等门类。",
        "校园环境优美，绿树成荫。",
    ]
    plain = Synthesizer(bank, np.random.default_rng(7)).zh_page(article, "p", furniture=True)
    headed = Synthesizer(
        bank, np.random.default_rng(7), article_tables=tables(), zh_headings=1.0
    ).zh_page(article, "p", furniture=True)
    added = [p for p in headed.paragraphs if p not in plain.paragraphs]
    assert added and [p for p in headed.paragraphs if p in plain.paragraphs] == plain.paragraphs
    assert all(
        lab == 0 and len(p) <= 20 for p, lab in zip(headed.paragraphs, headed.labels) if p in added
    )
    # never a heading under the section it heads: each stands over an article line
    for p in added:
        i = headed.paragraphs.index(p)
        assert headed.labels[i + 1] == 0 and headed.paragraphs[i + 1] in plain.paragraphs
