"""Span candidates: the spliced phrase must be among them, or the span model never sees it."""

from __future__ import annotations

import copy
import dataclasses
import random
import re

import numpy as np
import pytest

from pagesieve import span_candidates, spans
from pagesieve.span_candidates import find_candidates, span_group
from pagesieve.spans import PageWords, SpanModel

_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


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


def test_a_comma_inside_a_number_opens_no_comma_splice() -> None:
    """A decimal comma (``3,4 Millionen Euro``: German capitalises its nouns) or a thousands
    separator is no spliced phrase's start; a phrase glued to a word after a comma is."""
    for paragraph in (
        "Nach Angaben der Verwaltung kostet das Vorhaben rund 3,4 Millionen Euro, sagte er.",
        "The stadium holds 12,500 Fans and one press box, the club said.",
    ):
        assert not [
            c for c in find_candidates([paragraph], np.array([0])) if c.kind == "comma_splice"
        ]
    assert "Web Series Archives" in _proposed("Xiaomi,Web Series Archives who makes phones.")


def test_candidates_stay_inside_their_paragraph() -> None:
    paras = ["第一段没有问题。", "第二段里有澳门金沙娱乐城的字样。", "The third one is English."]
    for c in find_candidates(paras, np.arange(3)):
        assert 0 <= c.start < c.end <= len(paras[c.paragraph])
        assert "\n" not in paras[c.paragraph][c.start : c.end]


_EN_PAGE = "\n".join(
    [
        "The city council approved the new budget on Tuesday after a long debate about schools.",
        "Chinese tech company Norvik,Web Series Archives who makes phones, plans to open a store.",
        "Officials said the plan would be reviewed again in the spring, when revenue figures arrive.",
    ]
)
_ZH_PAGE = "\n".join(
    [
        "今年一季度，全市经济运行总体平稳，工业生产稳步回升，消费市场持续回暖。",
        "烟台市近日召开会议，金沙娱乐城研究部署今年的重点工作，要求各部门狠抓落实。",
        "会议强调，要进一步优化营商环境，推动重点项目建设，确保全年目标任务顺利完成。",
    ]
)


def _inline_flags(detector, thresholds: dict[str, float]) -> list[list]:
    """Flags shorter than their line (span flags) for the two pages, under these thresholds."""
    spans = copy.copy(detector.spans)
    spans.thresholds_ = thresholds
    det = dataclasses.replace(detector, spans=spans)
    out = []
    for text, flags in zip((_EN_PAGE, _ZH_PAGE), det.scan_batch([_EN_PAGE, _ZH_PAGE])):
        lines = {(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)}
        out.append([f for f in flags if (f.start, f.end) not in lines])
    return out


def test_latin_and_chinese_candidates_have_their_own_threshold(detector) -> None:
    assert _inline_flags(detector, {"latin": 1.01, "cjk": 1.01}) == [[], []]
    en, zh = _inline_flags(detector, {"latin": 0.0, "cjk": 1.01})
    assert en and not zh
    en, zh = _inline_flags(detector, {"latin": 1.01, "cjk": 0.0})
    assert zh and not en
    assert any("娱乐城" in _ZH_PAGE[f.start : f.end] for f in zh)


def test_shipped_span_thresholds_catch_both_splices(detector) -> None:
    en, zh = _inline_flags(detector, detector.spans.thresholds_)
    assert [_EN_PAGE[f.start : f.end] for f in en] == ["Web Series Archives"]
    assert [_ZH_PAGE[f.start : f.end] for f in zh] == ["金沙娱乐城"]


_ZH_CLAUSE_PAGE = "\n".join(
    [
        "春耕技术指导走进田间",
        "县农业农村局近日组织专家赴各乡镇开展春耕技术指导。专家们走进田间地头，查看麦苗长势，"
        "{}针对病虫害防治给出了具体建议。",
        "农技站负责人表示，今年将继续推广测土配方施肥技术，{}帮助农户节本增效，确保粮食稳产增收。",
        "据统计，全县已完成春播面积十二万亩，占计划的七成以上。",
    ]
)


def test_brands_put_where_a_clause_starts_are_flagged(detector) -> None:
    # brands in no bank or lexicon of the project, each right after a comma
    page = _ZH_CLAUSE_PAGE.format("宏泰体育", "金凤彩票")
    spans = [(f.start, f.end) for f in detector.scan(page) if f.label == "keyword_injection"]
    for brand in ("宏泰体育", "金凤彩票"):
        a = page.index(brand)
        b = a + len(brand)
        covered = sum(max(0, min(b, end) - max(a, start)) for start, end in spans)
        assert covered == len(brand), brand
        # at most one character of the sentence goes with it
        assert all(end - start <= len(brand) + 1 for start, end in spans if start < b and a < end)
    clean = _ZH_CLAUSE_PAGE.format("", "")
    assert not [f for f in detector.scan(clean) if f.label == "keyword_injection"]


def _texts(paragraphs: list[str], kind: str) -> list[tuple[int, str]]:
    cands = find_candidates(paragraphs, np.arange(len(paragraphs)))
    return [
        (c.paragraph, paragraphs[c.paragraph][c.start : c.end]) for c in cands if c.kind == kind
    ]


def test_a_name_before_guoji_is_a_trade_name_candidate() -> None:
    # 2-4 Han characters or a Latin name before it; never the word alone, and none at a
    # clause's start (no name before it)
    paragraphs = [
        "今年春季防火工作，经恒瑞国际研究同意，现通知如下。",
        "AG国际官网今日上线。",
        "国际合作不断加深，国际形势复杂。",
    ]
    assert sorted(_texts(paragraphs, "zh_trade_name")) == [
        (0, "恒瑞国际"),
        (0, "经恒瑞国际"),
        (1, "AG国际"),
    ]
    assert span_group("zh_trade_name") == "cjk"


def test_trade_names_have_a_threshold_of_their_own() -> None:
    from pagesieve.span_candidates import Candidate
    from pagesieve.spans import CLAUSE_GROUP, TRADE_GROUP

    model = SpanModel()
    model.thresholds_ = {"latin": 0.5, "cjk": 0.5, "query": 0.55, CLAUSE_GROUP: 0.7}
    paragraphs = ["据了解，恒瑞国际该项目由恒瑞国际投资"]
    cands = [
        Candidate(0, 4, 8, "zh_trade_name"),  # after ，
        Candidate(0, 12, 16, "zh_trade_name"),  # inside the clause
        Candidate(0, 4, 8, "zh_brand"),
    ]
    # a model from before them: the Chinese kinds' thresholds
    assert model.thresholds(cands, 0.4, paragraphs).tolist() == pytest.approx([0.7, 0.5, 0.7])
    model.thresholds_[TRADE_GROUP] = 0.9
    assert model.thresholds(cands, 0.4, paragraphs).tolist() == pytest.approx([0.9, 0.9, 0.7])


def test_a_flagged_trade_name_grows_over_the_gambling_words_after_it() -> None:
    from pagesieve.span_candidates import Candidate, grow_brands

    text = "经恒瑞国际官网研究同意"
    grown = grow_brands([Candidate(0, 1, 5, "zh_trade_name")], [text])
    assert [text[c.start : c.end] for c in grown] == ["恒瑞国际官网"]


def test_shipped_model_flags_a_trade_name_put_where_an_organisation_stood(detector) -> None:
    # a name in no bank or lexicon of the project
    page = (
        "为做好今年汛期安全工作，经恒瑞国际研究决定，各镇街道要落实值班制度，确保信息畅通。\n"
        "全市共设立应急避难场所32处，储备物资价值1200万元。"
    )
    spans = [(f.start, f.end) for f in detector.scan(page) if f.label == "keyword_injection"]
    a = page.index("恒瑞国际")
    b = a + len("恒瑞国际")
    assert any(start <= a and b <= end and end - start <= 5 for start, end in spans), spans
    clean = (
        "中国国际进口博览会今天在上海开幕，来自150多个国家和地区的企业参展。\n"
        "国际合作不断加深，北京国际电影节也将于下月举行。"
    )
    assert not [f for f in detector.scan(clean) if f.label == "keyword_injection"]


def _toy_span_set() -> tuple[list[str], np.ndarray, list, np.ndarray]:
    paragraphs = [
        "Sales rose,Cheap Replica Watches in the third quarter, the company said.",
        "The mayor,John Smith, opened the bridge on Monday morning.",
        "据了解，该项目皇冠体育总投资约十二亿元。",
        "据了解，该项目由市政府投资约十二亿元。",
        "记者从六合彩开奖现场了解到，活动将持续三天。",
        "Prices fell,Best Casino Bonus as demand cooled in the spring.",
    ] * 3
    doc = np.arange(len(paragraphs))
    cands = find_candidates(paragraphs, np.arange(len(paragraphs)))
    spam = ("Cheap Replica Watches", "Best Casino Bonus", "皇冠体育", "六合彩开奖")
    y = np.array([paragraphs[c.paragraph][c.start : c.end] in spam for c in cands], dtype=np.int64)
    return paragraphs, doc, cands, y


def test_span_model_fits_one_model_per_script_group() -> None:
    paragraphs, doc, cands, y = _toy_span_set()
    groups = {span_group(c.kind) for c in cands}
    assert groups == {"latin", "cjk", "query"}
    model = SpanModel().fit(paragraphs, doc, cands, y)
    assert set(model.clfs_) == {"latin", "cjk", "query"}
    p = model.predict_proba(paragraphs, doc, cands)
    assert p.shape == (len(cands),)
    # each group's spliced phrases outscore that group's clean candidates
    for g in ("latin", "cjk", "query"):
        rows = np.array([span_group(c.kind) == g for c in cands])
        assert p[rows & (y == 1)].min() > p[rows & (y == 0)].max()


def test_clause_starts_are_a_paragraphs_start_and_after_a_clause_ends() -> None:
    from pagesieve.span_candidates import Candidate
    from pagesieve.spans import clause_starts

    paragraphs = [
        "皇冠体育据了解，永盛棋牌客商也不愿意来。如今乐玩彩票下午到了",
        "文章（永盛棋牌）",
    ]
    cands = [
        Candidate(0, 0, 4, "zh_brand"),  # the paragraph's start
        Candidate(0, 8, 12, "zh_brand"),  # after ，
        Candidate(0, 20, 26, "zh_brand"),  # after 。
        Candidate(0, 22, 26, "zh_brand"),  # after 如今: inside a clause
        Candidate(1, 3, 7, "zh_brand"),  # after a bracket: not where a clause starts
    ]
    assert clause_starts(paragraphs, cands).tolist() == [True, True, True, False, False]


def test_candidates_that_start_a_clause_are_read_by_the_clause_model() -> None:
    from pagesieve.spans import clause_starts

    paragraphs, doc, cands, y = _toy_span_set()
    extra = ["记者了解到，皇冠体育项目进展顺利。", "据悉，六合彩开奖活动将持续三天。"] * 3
    more = find_candidates(extra, np.arange(len(extra)))
    spam = ("皇冠体育", "六合彩开奖")
    more_y = np.array([extra[c.paragraph][c.start : c.end] in spam for c in more], dtype=np.int64)
    all_paragraphs = paragraphs + extra
    all_cands = cands + [
        dataclasses.replace(c, paragraph=c.paragraph + len(paragraphs)) for c in more
    ]
    all_doc = np.arange(len(all_paragraphs))
    clause_rows = np.arange(len(all_cands)) >= len(cands)
    model = SpanModel().fit(
        all_paragraphs, all_doc, all_cands, np.concatenate([y, more_y]), clause_rows=clause_rows
    )
    plain = SpanModel().fit(paragraphs, doc, cands, y)
    assert model.clause_model_ is not None and plain.clause_model_ is None
    assert model.incompatibilities() == []
    # the model of the other candidates is the one fitted without the clause rows
    np.testing.assert_array_equal(model.clfs_["cjk"].coef_, plain.clfs_["cjk"].coef_)
    got, before = (m.predict_proba(paragraphs, doc, cands) for m in (model, plain))
    at_clause = clause_starts(paragraphs, cands)
    assert at_clause.any() and (~at_clause).any()
    np.testing.assert_array_equal(got[~at_clause], before[~at_clause])
    assert not np.array_equal(got[at_clause], before[at_clause])


def test_the_clause_model_has_a_threshold_of_its_own() -> None:
    from pagesieve.span_candidates import Candidate
    from pagesieve.spans import CLAUSE_GROUP

    model = SpanModel()
    model.thresholds_ = {"latin": 0.5, "cjk": 0.5, "query": 0.55, CLAUSE_GROUP: 0.7}
    paragraphs = ["据了解，皇冠体育该项目由Cheap Web Hosting投资"]
    cands = [
        Candidate(0, 4, 8, "zh_brand"),  # after ，: the clause model's
        Candidate(0, 6, 8, "zh_brand"),  # inside the clause
        Candidate(0, 14, 31, "title_run"),
    ]
    assert model.thresholds(cands, 0.4, paragraphs).tolist() == pytest.approx([0.7, 0.5, 0.5])
    # without the paragraphs (or without the key) every Chinese kind has the group's
    assert model.thresholds(cands, 0.4).tolist() == pytest.approx([0.5, 0.5, 0.5])


def test_span_model_saved_before_the_split_still_scores() -> None:
    paragraphs, doc, cands, y = _toy_span_set()
    model = SpanModel().fit(paragraphs, doc, cands, y)
    old = copy.copy(model)
    old.clf_ = model.clfs_["latin"]
    del old.clfs_
    X = model._features(paragraphs, doc, PageWords.of(paragraphs, doc), cands)
    expected = model.clfs_["latin"].predict_proba(X)[:, 1].astype(np.float32)
    np.testing.assert_array_equal(old.predict_proba(paragraphs, doc, cands), expected)
    assert old.thresholds(cands, 0.6).tolist() == pytest.approx([0.6] * len(cands))


def test_with_seams_the_overlapping_candidate_cut_where_the_text_parts_is_kept() -> None:
    from pagesieve.span_candidates import Candidate
    from pagesieve.spans import merge_overlapping

    cands = [
        Candidate(0, 6, 13, "zh_brand"),  # js333金沙
        Candidate(0, 6, 17, "zh_brand"),  # js333金沙召开全市: runs into the sentence
        Candidate(0, 30, 34, "zh_bracket"),
    ]
    probs = np.array([0.99, 0.97, 0.8], dtype=np.float32)
    # left seam, right seam, join: the longer one ends inside 全市安全, a strong pair
    seams = np.array([[-1.0, -3.0, 2.0], [-1.0, 4.0, 2.0], [0.0, 0.0, 0.0]], dtype=np.float32)
    got_c, got_p = merge_overlapping(cands, probs, seams=seams)
    kept = sorted((c.start, c.end, round(float(p), 2)) for c, p in zip(got_c, got_p))
    assert kept == [(6, 13, 0.99), (30, 34, 0.8)]
    # the score still counts: a much likelier candidate wins over slightly better seams
    probs = np.array([0.55, 0.99, 0.8], dtype=np.float32)
    seams[1] = [-1.0, -2.0, 2.0]
    got_c, _ = merge_overlapping(cands, probs, seams=seams)
    assert (got_c[0].start, got_c[0].end) == (6, 17)


def test_overlapping_chinese_candidates_become_their_union() -> None:
    from pagesieve.span_candidates import Candidate
    from pagesieve.spans import merge_overlapping

    cands = [
        Candidate(0, 10, 13, "zh_brand"),  # 金沙娱
        Candidate(0, 10, 15, "zh_brand"),  # 金沙娱乐城
        Candidate(0, 30, 34, "zh_bracket"),  # apart: stays alone
        Candidate(1, 11, 14, "zh_brand"),  # another paragraph
        Candidate(0, 5, 20, "comma_splice"),  # Latin kinds are left to the greedy choice
    ]
    probs = np.array([0.9, 0.8, 0.75, 0.7, 0.6], dtype=np.float32)
    got = merge_overlapping(cands, probs)
    pairs = sorted(
        ((c.paragraph, c.start, c.end, c.kind), round(float(p), 2)) for c, p in zip(*got)
    )
    assert pairs == [
        ((0, 5, 20, "comma_splice"), 0.6),
        ((0, 10, 15, "zh_brand"), 0.9),
        ((0, 30, 34, "zh_bracket"), 0.75),
        ((1, 11, 14, "zh_brand"), 0.7),
    ]


@pytest.mark.parametrize(
    ("paragraph", "link"),
    [
        (
            "SEE ALSO: The best phones of the year so farBut the company said",
            "SEE ALSO: The best phones of the year so far",
        ),
        (
            "Don't Miss This: Storm season starts early in the southThe council met",
            "Don't Miss This: Storm season starts early in the south",
        ),
        (
            "相关报道：Local bakery wins a national award for its breadThe mayor said",
            "相关报道：Local bakery wins a national award for its bread",
        ),
        (
            "Keep reading: Budget airline adds a fee for small backpacks2. New York was",
            "Keep reading: Budget airline adds a fee for small backpacks",
        ),
        (
            "MUST READ: Airline announces new routes to EuropePARIS -- It was",
            "MUST READ: Airline announces new routes to Europe",
        ),
        (
            "Go deeper: Brewery releases a beer made with pickle juiceâ€œI have tried",
            "Go deeper: Brewery releases a beer made with pickle juice",
        ),
        (
            "You might like: Small backpacks now cost extra on budget flightsI look for a seat and sit",
            "You might like: Small backpacks now cost extra on budget flights",
        ),
    ],
    ids=[
        "english-label",
        "apostrophe-label",
        "han-label",
        "number-after",
        "capitals-after",
        "mojibake-quote-after",
        "pronoun-after",
    ],
)
def test_glued_link_under_any_short_label_is_proposed(paragraph: str, link: str) -> None:
    assert link in _proposed(paragraph)


def test_a_closing_straight_quote_does_not_end_a_glued_link() -> None:
    paragraph = (
        'Food: it should include gases; some genes come from food (via "lateral gene flow"); the'
    )
    assert not [c for c in find_candidates([paragraph], np.arange(1)) if c.kind == "glued_link"]


def test_a_glued_link_ends_at_its_first_junction() -> None:
    proposed = _proposed("Read more: Storm hits the coastThe mayor said the PARIS office was shut")
    assert proposed == {"Read more: Storm hits the coast"}


def test_label_and_colon_without_a_glued_sentence_is_not_a_glued_link() -> None:
    cands = find_candidates(
        ["记者：张三在现场采访了多位市民。", "Update: the road is open again."], np.arange(2)
    )
    assert not [c for c in cands if c.kind == "glued_link"]


def test_page_words_count_tokens_per_page() -> None:
    paragraphs = [
        "Xiaomi makes phones.",
        "Xiaomi sells them in 2024",
        "金沙娱乐 city",
        "phones phones",
    ]
    doc = np.array([0, 0, 1, 1])
    words = PageWords.of(paragraphs, doc)
    got = words.count(
        ["xiaomi", "phones", "金", "phones", "xiaomi", "city", "none"],
        np.array([0, 0, 1, 1, 1, 1, 0]),
    )
    assert got.tolist() == [2, 1, 1, 2, 0, 1, 0]


def test_scan_reuses_the_paragraph_models_tokens_with_the_same_result(detector) -> None:
    texts = [_EN_PAGE, _ZH_PAGE]
    scores = detector.score_batch(texts)
    assert scores.page_tokens is not None and scores.page_tokens.given is None
    seg = scores.seg
    reused = scores.page_tokens.page_words(seg.doc)
    fresh = PageWords.of(seg.paragraphs, seg.doc)
    np.testing.assert_array_equal(reused.keys, fresh.keys)
    np.testing.assert_array_equal(reused.counts, fresh.counts)
    cands = find_candidates(seg.paragraphs, np.arange(len(seg)))
    np.testing.assert_array_equal(
        detector.spans.predict_proba(seg.paragraphs, seg.doc, cands, reused),
        detector.spans.predict_proba(seg.paragraphs, seg.doc, cands),
    )


def test_features_of_repeated_texts_are_those_of_each_candidate_alone(detector) -> None:
    """Features computed once per distinct text and gathered back give every candidate the row
    it gets when scored on its own."""
    paragraphs, _, _, _ = _toy_span_set()
    doc = np.arange(len(paragraphs)) % 2  # repeated texts on two pages
    cands = find_candidates(paragraphs, np.arange(len(paragraphs)))
    texts = [paragraphs[c.paragraph][c.start : c.end] for c in cands]
    assert len(set(texts)) < len(texts)
    words = PageWords.of(paragraphs, doc)
    X = detector.spans._features(paragraphs, doc, words, cands)
    for r, c in enumerate(cands):
        alone = detector.spans._features(paragraphs, doc, words, [c])
        assert (X[r] != alone).nnz == 0
        np.testing.assert_array_equal(X[r].indices, alone.indices)


@pytest.mark.parametrize(
    "extra",
    [
        "Ο ΔΡΟΜΟΣ ΤΗΣ ΠΟΛΗΣ, ΟΔΟΣ",  # final sigma: lowered in context
        "Ä°stanbul’s mayor said so",  # the repair makes the batch lower-case per character
        "İstanbul is large, ΟΔΟΣ",  # per character before and after the repair
    ],
)
def test_page_words_of_a_repaired_batch_are_those_of_the_text_as_given(detector, extra) -> None:
    """Re-tokenising only the repaired paragraphs counts the same words as tokenising the whole
    text as the span model reads it: as given, and repaired where the repair maps back to it
    (here the damaged line, which the span model reads repaired)."""
    # a line damaged whole (read repaired) and one damaged in part (read as given)
    partly = "Caf\u00e9 cr\u00e8me, it\u00e2\u20ac\u2122s on the menu"
    texts = [
        _EN_PAGE + "\nIt\u00e2\u20ac\u2122s the Caf\u00c3\u00a9 menu\n" + partly + "\n" + extra,
        _ZH_PAGE,
    ]
    scores = detector.score_batch(texts)
    tokens = scores.page_tokens
    assert tokens is None or tokens.given is not None
    seg = scores.seg
    assert scores.read_offsets and scores.read_paragraphs is not None
    fresh = PageWords.of(scores.read_paragraphs, seg.doc)
    if tokens is not None:
        assert tokens.repaired is not None and len(tokens.repaired)  # the part-damaged line
        reused = tokens.page_words(seg.doc)
        np.testing.assert_array_equal(reused.keys, fresh.keys)
        np.testing.assert_array_equal(reused.counts, fresh.counts)


def test_seeded_and_han_run_scans_propose_what_a_plain_scan_proposes(monkeypatch) -> None:
    """Glued links tried only at the start of paragraphs with a colon, Chinese kinds only in Han
    paragraphs: the same candidates as every pattern's own finditer over the whole batch."""
    rng = random.Random(3)
    pieces = (
        *(
            "Read more: ",
            "SEE ALSO: ",
            "相关阅读：",
            "Topics: ",
            "the best phones right now",
            "But",
        ),
        *("Xiaomi", ",Web Series Archives", " who", " makes", " (Cheap Watches)", " Big Deal"),
        *(
            "金沙娱乐城",
            "皇冠体育app",
            "官网",
            "记者",
            "(ren)",
            "（min）",
            "【广告】",
            "。",
            ", ",
            "\n",
        ),
    )
    paragraphs = "".join(rng.choice(pieces) for _ in range(3000)).split("\n")
    which = np.flatnonzero(rng.choices([True, False], weights=[4, 1], k=len(paragraphs)))
    fast = find_candidates(paragraphs, which)
    monkeypatch.setattr(
        span_candidates, "_matches", lambda kind, pattern, joined, *_: pattern.finditer(joined)
    )
    plain = find_candidates(paragraphs, which)
    assert {c.kind for c in plain} >= {"glued_link", "zh_brand", "pinyin", "comma_splice"}
    assert fast == plain


def test_span_training_set_marks_candidates_that_only_overlap_a_splice() -> None:
    from pagesieve.corpus import LabeledPage
    from pagesieve.segment import segment_paragraph_lists
    from pagesieve.training import span_training_set

    text = "研究人员因而提出了明确的方法，金沙娱乐城结果因而十分明确可靠。"
    a = text.index("金")
    page = LabeledPage("p", "s", "zh", [text], [0], ["article"], spans=[(0, a, a + 5, "x")])
    seg = segment_paragraph_lists([page.paragraphs])
    cands, y = span_training_set([page], seg, np.random.default_rng(0))
    by_text = {text[c.start : c.end]: int(v) for c, v in zip(cands, y)}
    assert by_text["金沙娱乐城"] == 1
    assert by_text["金沙娱乐城结果"] == -1  # overlaps the splice and runs past it
    assert set(by_text.values()) <= {1, -1, 0}


def test_a_flagged_brand_grows_over_the_gambling_words_it_touches() -> None:
    from pagesieve.span_candidates import Candidate, grow_brands

    text = "平台稳定，澳门新葡京娱乐场各级部门，以及皇冠体育课程安排。"
    a = text.index("新葡京")
    b = text.index("皇冠")
    c = text.index("娱乐场")
    got = grow_brands(
        [
            Candidate(0, a, a + 3, "zh_brand"),  # 澳门 is no gambling word, 娱乐场 is
            Candidate(0, c, c + 3, "zh_brand"),  # grows left over 葡京 only
            Candidate(0, b, b + 4, "zh_brand"),  # 课程 is no gambling word
            Candidate(0, 0, 2, "zh_bracket"),  # other kinds are left alone
        ],
        [text],
    )
    spans = [text[c.start : c.end] for c in got]
    assert spans == ["新葡京娱乐场", "葡京娱乐场", "皇冠体育", "平台"]


def test_a_brand_that_leaves_a_remnant_of_its_line_takes_the_line() -> None:
    # a line that was only a brand kept its first character: the candidates cut before 门
    from pagesieve.span_candidates import Candidate, take_remnants

    lines = [" 澳门新葡京娱乐场 ", "澳门新葡京娱乐场官方网站", "【用途】自住", "新葡京娱乐场。"]
    got = take_remnants(
        [
            Candidate(0, 2, 9, "zh_brand"),  # leaves 澳: the whole line, blanks aside
            Candidate(1, 2, 8, "zh_brand"),  # leaves 澳门 and 官方网站: more than two
            Candidate(2, 0, 4, "zh_bracket"),  # a field label: other kinds keep their extent
            Candidate(3, 0, 6, "zh_brand"),  # leaves 。
        ],
        lines,
    )
    assert [lines[c.paragraph][c.start : c.end] for c in got] == [
        "澳门新葡京娱乐场",
        "新葡京娱乐场",
        "【用途】",
        "新葡京娱乐场。",
    ]


def _zh_pages(rng: np.random.Generator, n: int, brands: list[str]):
    """Pages of plain sentences, half with a gambling brand spliced into a sentence (a span)."""
    from pagesieve.corpus import LabeledPage

    subjects = ["研究人员", "市政府", "这所学校", "该公司", "专家们", "工作人员", "记者", "学生们"]
    verbs = ["提出了", "完成了", "讨论了", "发布了", "改进了", "总结了"]
    objects = ["新的方法", "体育课程安排", "年度工作报告", "彩票公益金的使用情况", "实验结果"]
    pages = []
    for k in range(n):
        text = "".join(
            f"{subjects[rng.integers(8)]}{verbs[rng.integers(6)]}{objects[rng.integers(5)]}，"
            for _ in range(4)
        )
        spans = []
        if k % 2 == 0:
            brand = brands[rng.integers(len(brands))]
            at = text.index("，", 8) + 3
            text = text[:at] + brand + text[at:]
            spans = [(0, at, at + len(brand), "keyword_injection")]
        pages.append(LabeledPage(f"p{k}", "s", "zh", [text], [0], ["article"], spans=spans))
    return pages


def test_the_chinese_kinds_are_scored_by_trees_that_read_the_seams() -> None:
    from pagesieve.char_bigrams import CharBigrams
    from pagesieve.segment import segment_paragraph_lists
    from pagesieve.span_candidates import span_group
    from pagesieve.spans import SpanModel
    from pagesieve.training import span_training_set

    rng = np.random.default_rng(0)
    pages = _zh_pages(rng, 50, ["金沙娱乐城", "皇冠体育", "太阳城官网", "永利棋牌", "葡京真人"])
    seg = segment_paragraph_lists([p.paragraphs for p in pages])
    cands, y = span_training_set(pages, seg, rng)
    clean = [p.paragraphs[0] for p in _zh_pages(rng, 200, ["x"]) if not p.spans]

    def fitted() -> SpanModel:
        bigrams = CharBigrams().fit(clean)
        return SpanModel().fit(seg.paragraphs, seg.doc, cands, np.maximum(y, 0), bigrams)

    model = fitted()
    assert model.cjk_trees_ is not None
    p = model.predict_proba(seg.paragraphs, seg.doc, cands)
    np.testing.assert_array_equal(p, fitted().predict_proba(seg.paragraphs, seg.doc, cands))
    # other seam statistics, the same linear models: the Chinese scores move, the Latin ones not
    model.bigrams_ = CharBigrams().fit(["金沙娱乐城皇冠体育太阳城官网永利棋牌葡京真人"] * 50)
    moved = model.predict_proba(seg.paragraphs, seg.doc, cands)
    cjk = np.array([span_group(c.kind) == "cjk" for c in cands])
    assert cjk.any() and not np.allclose(p[cjk], moved[cjk])
    np.testing.assert_array_equal(p[~cjk], moved[~cjk])


def test_a_span_model_without_seam_statistics_has_no_trees() -> None:
    from pagesieve.segment import segment_paragraph_lists
    from pagesieve.spans import SpanModel
    from pagesieve.training import span_training_set

    rng = np.random.default_rng(0)
    pages = _zh_pages(rng, 30, ["金沙娱乐城", "皇冠体育"])
    seg = segment_paragraph_lists([p.paragraphs for p in pages])
    cands, y = span_training_set(pages, seg, rng)
    model = SpanModel().fit(seg.paragraphs, seg.doc, cands, np.maximum(y, 0))
    assert model.cjk_trees_ is None and model.bigrams_ is None
    assert model.predict_proba(seg.paragraphs, seg.doc, cands).shape == (len(cands),)


def test_context_words_are_the_characters_around_chinese_candidates_only() -> None:
    from pagesieve.span_candidates import Candidate
    from pagesieve.spans import _context_words

    paragraphs = ["福利彩票公益金", "Read more,Web Series Archives who"]
    cands = [
        Candidate(0, 2, 4, "zh_brand"),  # 彩票, inside the line
        Candidate(0, 0, 2, "zh_brand"),  # 福利, at its start: the edge is marked
        Candidate(0, 5, 7, "zh_brand"),  # 益金, at its end
        Candidate(1, 10, 29, "comma_splice"),
    ]
    assert _context_words(paragraphs, cands) == [
        "l2福利 l1利 r1公 r2公益",
        "l2^^ l1^ r1彩 r2彩票",
        "l2票公 l1公 r1$ r2$$",
        "",
    ]


def test_the_context_words_move_the_chinese_scores_and_old_artifacts_score_without_them() -> None:
    from pagesieve.segment import segment_paragraph_lists
    from pagesieve.training import span_training_set

    rng = np.random.default_rng(0)
    pages = _zh_pages(rng, 40, ["金沙娱乐城", "皇冠体育", "永利棋牌"])
    seg = segment_paragraph_lists([p.paragraphs for p in pages])
    cands, y = span_training_set(pages, seg, rng)
    y = np.maximum(y, 0)
    with_context = SpanModel().fit(seg.paragraphs, seg.doc, cands, y)
    assert with_context.context_hasher_ is not None
    # an artifact pickled before the context words: no such attribute, the class default reads
    # None, and its linear models were fitted on the columns without them
    old = SpanModel()
    del old.context_hasher_
    old.fit(seg.paragraphs, seg.doc, cands, y)
    assert old.context_hasher_ is None
    p_old = old.predict_proba(seg.paragraphs, seg.doc, cands)
    p_new = with_context.predict_proba(seg.paragraphs, seg.doc, cands)
    assert p_old.shape == p_new.shape == (len(cands),)
    cjk = np.array([span_group(c.kind) == "cjk" for c in cands])
    assert cjk.any() and not np.allclose(p_old[cjk], p_new[cjk])


def test_a_dateline_before_the_paragraphs_own_long_sentence_is_no_glued_link() -> None:
    paragraph = (
        "Kolkata: Trinamool Congress chief Mamata Banerjee on Tuesday asked her partymen to be "
        'ready for snap Lok Sabha elections. "Be ready, the elections may come early," she said.'
    )
    assert not [c for c in find_candidates([paragraph], np.arange(1)) if c.kind == "glued_link"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "废水中的COD,BOD,SS和色度等指标均达到国家标准,60%出水可回用",  # \w runs into Han
        "利用哈勃望远镜的光数据和HST(Hubble Space Telescope)近红外高分辨率图像",  # acronym gloss
        "有缆遥控潜水器(Remote Operated Vehicles)的脐带缆受到轴向力",  # term gloss
        "至宏觀層級的社會行動(agency)或人際互動",  # an English word, no pinyin syllable
        "目的:探讨平喘宁治疗哮喘的分子作用机制.方法:采用半定量分析趋化因子(eotaxin)mRNA表达水平",
    ],
    ids=[
        "comma-splice-into-han",
        "acronym-gloss",
        "term-gloss",
        "english-word-in-brackets",
        "chinese-label-and-text",
    ],
)
def test_chinese_texts_own_latin_terms_are_no_candidates(paragraph: str) -> None:
    # a Chinese glued headline after a label is a candidate of the Chinese model's own kind
    cands = find_candidates([paragraph], np.arange(1))
    spans = {paragraph[c.start : c.end] for c in cands if c.kind != "zh_glued_link"}
    assert not any(_CJK_CHAR.search(s) for s in spans if not s.startswith(("(", "（")))
    assert not {"Hubble Space Telescope", "Remote Operated Vehicles", "(agency)"} & spans


def test_pinyin_syllables_and_english_parentheses_in_latin_text_stay_candidates() -> None:
    assert {"(yan)", "(shi)"} <= _proposed("烟(yan)台市(shi)召开全市安全生产工作会议")
    text = "He said the plan (Artificial Turf Installers) was ready for the council to vote on"
    assert "Artificial Turf Installers" in _proposed(text)


_ZH_BODY = (
    "近年来，随着城市化进程的加快，越来越多的农村人口进入城市工作和生活。",
    "{link}城市管理部门表示，将继续加大对老旧小区的改造力度，改善居民的居住条件。",
    "专家指出，城市发展需要统筹考虑人口、资源和环境之间的关系，实现可持续发展。",
)


def test_a_chinese_glued_headline_gets_every_end_but_before_punctuation() -> None:
    link = "延伸阅读：小区停车难题如何破解？三招教你轻松应对"
    paragraph = link + "城市管理部门表示，将继续加大改造力度。"
    cands = [c for c in find_candidates([paragraph], np.arange(1)) if c.kind == "zh_glued_link"]
    ends = {c.end for c in cands}
    assert {c.start for c in cands} == {0} and len(link) in ends
    assert paragraph.index("？") not in ends  # no sentence starts with a question mark
    assert min(ends) == len("延伸阅读：") + 6
    assert span_group("zh_glued_link") == "cjk"


@pytest.mark.parametrize(
    "link",
    [
        "延伸阅读：小区停车难题如何破解？三招教你轻松应对",
        "Read more: 夏季用电高峰来临，多地发布节电倡议",
    ],
)
def test_shipped_model_cuts_a_chinese_headline_glued_to_the_next_sentence(detector, link) -> None:
    text = "\n".join(_ZH_BODY).replace("{link}", link)
    start = text.index(link)
    flags = [f for f in detector.scan(text) if f.start < start + len(link) and start < f.end]
    assert len(flags) == 1 and flags[0].label == "navigation" and flags[0].start == start
    # most of the headline, and nothing of the sentence it is glued to
    assert start + 0.75 * len(link) <= flags[0].end <= start + len(link)
    assert not detector.scan("\n".join(_ZH_BODY).replace("{link}", ""))


def test_labels_of_chinese_abstracts_and_interviews_are_no_glued_links(detector) -> None:
    text = (
        "目的：探讨不同浓度的溶液处理样品的效果。方法：随机选取100例患者进行对照研究。\n"
        "结果：治疗组的有效率明显高于对照组，差异有统计学意义。\n"
        "记者：今年的粮食产量比去年增长了多少？\n"
        "局长：今年全市粮食总产量达到一百二十万吨，比去年增长百分之五。"
    )
    assert detector.scan(text) == []


def test_a_bracketed_news_dateline_is_no_candidate():
    # 【本報訊】, the usual opener of a Chinese news story, was flagged as an injection (0.95)
    from pagesieve.span_candidates import find_candidates

    body = "记者昨日从市教育局获悉，今年全市中小学将新增学位两万个。"
    for opener in ("【本报讯】", "【本報訊】", "【新华社北京电】", "【本报记者 张三】"):
        got = find_candidates([opener + body], np.array([0]))
        assert not [c for c in got if c.kind == "zh_bracket"], opener
    for spam in ("【金沙娱乐讯】", "【太阳城官网】"):  # a gambling word: still a candidate
        got = find_candidates([spam + body], np.array([0]))
        assert [c for c in got if c.kind == "zh_bracket"], spam


def test_a_news_story_opening_with_its_dateline_keeps_it(detector):
    line = (
        "今年以来，我市坚持以人民为中心的发展思想，扎实推进民生工程建设，城乡居民收入稳步增长。\n"
    )
    text = "【本報訊】記者昨日從市教育局獲悉，今年全市中小學將新增學位兩萬個。\n" + line * 4
    assert detector.scan(text) == []


def test_a_phrase_is_counted_on_its_own_page_and_a_word_in_its_own_phrase() -> None:
    from pagesieve.spans import _multiplicity, _text_occurrences

    paragraphs = ["关于鑫濠娱乐做好工作", "做好鑫濠娱乐全市工作", "鑫濠娱乐", "另一页"]
    doc_of = np.array([0, 0, 1, 1])
    got = _text_occurrences(
        paragraphs, doc_of, ["鑫濠娱乐", "鑫濠娱乐", "做好"], np.array([0, 1, 1])
    )
    assert got.tolist() == [2, 1, 1]  # a text missing from the page counts as itself, once
    hashes = np.array([5, 7, 5, 9], dtype=np.uint64)
    owner = np.array([0, 0, 0, 1])
    assert _multiplicity(hashes, owner).tolist() == [2, 1, 2, 1]


def test_a_bracketed_label_opening_its_line_is_no_candidate():
    """A recipe's or a notice's own labels (``【主料】五花肉500克``, ``【联系电话】…``) were flagged as
    injections (0.94–0.96); inside a sentence, or holding a gambling word, a bracket stays one."""
    from pagesieve.span_candidates import find_candidates

    for line in ("【主料】五花肉500克，冰糖30克", "【联系电话】13800000000 张先生", "【调料】"):
        got = find_candidates([line], np.array([0]))
        assert not [c for c in got if c.kind == "zh_bracket"], line
    for line in ("【鸿图体育app】家常红烧肉的做法", "今天我们来做【主料】红烧肉"):
        got = find_candidates([line], np.array([0]))
        assert [c for c in got if c.kind == "zh_bracket"], line


def test_phrase_counts_on_a_long_page_are_str_count_without_its_square_cost(monkeypatch) -> None:
    """A long Chinese page's thousands of phrases were each counted by reading the whole page
    again (``str.count``: 55 s for one 400,000-character page); they are looked for where their
    rarest pair of characters stands, with the same counts, overlaps and repeats included."""
    rng = random.Random(5)
    for alphabet in ("ab", "哈哈呵", "ab哈\n", "a\ud800b", "x😀y", "金沙娱乐城官网"):
        page = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400)))
        texts = [page[i : i + rng.randint(1, 8)] for i in range(0, len(page), rng.randint(1, 9))]
        assert spans._CharIndex(page).counts(texts) == [page.count(t) for t in texts]
    paragraphs = [
        "金沙娱乐城官网" + "".join(rng.choice("娱乐城官网金沙") for _ in range(9))
        for _ in range(50)
    ]
    doc_of = np.repeat([0, 1], 25)
    texts = [p[i : i + 4] for p in paragraphs for i in range(0, 12, 3)]
    docs = np.repeat(doc_of, 4)
    plain = spans._text_occurrences(paragraphs, doc_of, texts, docs)
    monkeypatch.setattr(spans, "_PLAIN_COUNT_WORK", 0)  # every page indexed
    assert spans._text_occurrences(paragraphs, doc_of, texts, docs).tolist() == plain.tolist()
    assert plain.max() > 1
