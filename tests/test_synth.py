"""The pattern bank and the pages synthesised from it."""

from __future__ import annotations

import numpy as np
import pytest

from pagesieve.corpus import LabeledPage
from pagesieve.span_candidates import find_candidates
from pagesieve.synth import (
    FAMILY_KIND,
    PatternBank,
    Synthesizer,
    clause_spliced_pages,
    splice_at_clause,
    splice_keyword,
    spliced_titles,
    topical_news_pages,
    trade_name_spliced_pages,
)

HOST = LabeledPage(
    id="host",
    source="test",
    lang="en",
    paragraphs=[
        "Harbour Town Gazette",
        "The harbour authority said on Monday that the old ferry pier will close for repairs next month, "
        "and passengers will board at the temporary landing near the fish market instead.",
        "Engineers found corrosion in several steel piles during a routine inspection, and the work is "
        "expected to take about six weeks, depending on the weather and the tides.",
        "Contact us | Privacy",
    ],
    labels=[1, 0, 0, 1],
    kinds=["boilerplate", "article", "article", "boilerplate"],
)


@pytest.mark.parametrize("split", ["train", "heldout"])
def test_bank_loads_with_every_family_and_slot(split):
    bank = PatternBank.load(split)  # raises on an unknown slot
    assert set(FAMILY_KIND) <= set(bank.families)
    assert all(bank.families[f] for f in FAMILY_KIND)


def test_heldout_templates_are_not_train_templates():
    train, held = PatternBank.load("train"), PatternBank.load("heldout")
    for family in FAMILY_KIND:
        shared = {ln for b in train.families[family] for ln in b} & {
            ln for b in held.families[family] for ln in b
        }
        assert not shared, (family, sorted(shared)[:3])


@pytest.mark.parametrize("split", ["train", "heldout"])
def test_topical_news_items_are_clean_pages_full_of_span_candidates(split):
    pages = topical_news_pages(split)
    assert len(pages) >= 15
    for page in pages:
        assert page.labels == [0] * len(page.paragraphs) and not page.spans
        assert all(p.strip() and "\n" not in p for p in page.paragraphs)
    # the point of them: the gambling words the Chinese span candidates start from, in news
    paragraphs = [p for page in pages for p in page.paragraphs]
    cands = find_candidates(paragraphs, np.arange(len(paragraphs)))
    assert sum(c.kind == "zh_brand" for c in cands) >= 2 * len(pages)


def test_spliced_titles_put_one_exact_span_in_the_title_and_leave_the_rest():
    pages = topical_news_pages("train")[:20]
    out = spliced_titles(pages, PatternBank.load("train"), np.random.default_rng(0), 2)
    assert len(out) >= 30  # two copies of 20, a few titles too short to splice
    by_id = {p.id: p for p in pages}
    for page in out:
        source = by_id[page.id]
        [(row, a, b, label)] = page.spans
        title = page.paragraphs[0]
        assert row == 0 and label == "keyword_injection" and 0 < a < b < len(title)
        assert title[:a] + title[b:] == source.paragraphs[0]
        assert page.paragraphs[1:] == source.paragraphs[1:] and page.labels == source.labels


def test_heldout_topical_news_shares_no_paragraph_or_long_phrase_with_train():
    def paragraphs(split):
        return {p for page in topical_news_pages(split) for p in page.paragraphs}

    train, held = paragraphs("train"), paragraphs("heldout")
    assert not train & held
    train_text = "\n".join(train)
    for p in held:
        phrases = {p[i : i + 16] for i in range(max(len(p) - 15, 0))}
        assert not [x for x in phrases if x in train_text], p


def test_injected_pages_keep_labels_aligned_and_spans_exact():
    synth = Synthesizer(PatternBank.load("train"), np.random.default_rng(0))
    seen_kinds = set()
    for _ in range(200):
        page = synth.inject(HOST, "en", 2, splice_rate=1.0)
        assert len(page.paragraphs) == len(page.labels) == len(page.kinds)
        assert all("\n" not in p and p.strip() for p in page.paragraphs)
        assert sum(1 for lab in page.labels if lab == 0) >= 2  # the host's article survives
        for i, a, b, _ in page.spans:
            assert page.labels[i] == 0 and 0 <= a < b <= len(page.paragraphs[i])
        seen_kinds.update(k for k, lab in zip(page.kinds, page.labels) if lab)
    assert {"ad", "placeholder", "link_notice", "navigation"} <= seen_kinds


def test_splice_keyword_returns_the_phrase_span():
    rng = np.random.default_rng(1)
    text = HOST.paragraphs[1]
    for _ in range(50):
        got = splice_keyword(text, "Cheap Web Hosting Deals", rng, zh=False)
        assert got is not None
        spliced, a, b = got
        assert spliced[a:b] == "Cheap Web Hosting Deals"
        assert spliced[:a].rstrip(", (") + spliced[b:].lstrip(")") != spliced


ZH_PROSE = "过去是一条坑坑洼洼的土路，农产品运不出去，客商也不愿意进来。如今路修好了：村里的苹果、核桃直接运到县城。"


def test_splice_at_clause_puts_the_phrase_where_a_clause_starts():
    rng = np.random.default_rng(3)
    places = set()
    for _ in range(200):
        got = splice_at_clause(ZH_PROSE, "永盛棋牌", rng)
        assert got is not None
        spliced, a, b = got
        assert spliced[a:b] == "永盛棋牌"
        assert spliced[:a] + spliced[b:] == ZH_PROSE
        assert a == 0 or spliced[a - 1] in "，、；：。！？"
        places.add(a)
    # the paragraph's start, and after its two commas, its first full stop, its colon and its 、
    # (not after the last full stop, which ends the paragraph)
    assert len(places) == 6
    assert splice_at_clause("2024 — 10:30", "永盛棋牌", rng) is None


def test_clause_spliced_pages_add_a_splice_and_keep_the_pages_own():
    host = LabeledPage(
        id="zh",
        source="test",
        lang="zh",
        paragraphs=[
            "乡村公路",
            ZH_PROSE,
            "村民们说，路通了，日子就好了，开云体育明年还要修到山里。",
            "版权所有",
        ],
        labels=[0, 0, 0, 1],
        kinds=["article", "article", "article", "boilerplate"],
        spans=[(2, 16, 20, "keyword_injection")],
    )
    # the English page is no host
    pages = clause_spliced_pages(
        [host, HOST], PatternBank.load("train"), np.random.default_rng(4), 40
    )
    assert len(pages) == 40
    for page in pages:
        *own, (i, a, b, kind) = page.spans
        assert own == host.spans and kind == "keyword_injection"
        assert i == 1  # the one article paragraph of over 20 characters without a splice
        assert page.paragraphs[i][:a] + page.paragraphs[i][b:] == ZH_PROSE
        assert page.paragraphs[2] == host.paragraphs[2]


def test_trade_name_pages_put_an_x_guoji_name_at_a_clause_start_or_inside_a_sentence():
    host = LabeledPage(
        id="zh",
        source="test",
        lang="zh",
        paragraphs=["乡村公路", ZH_PROSE, "版权所有"],
        labels=[0, 0, 1],
        kinds=["article", "article", "boilerplate"],
    )
    at_clause, inside = trade_name_spliced_pages(
        [host, HOST], PatternBank.load("train"), np.random.default_rng(5), 40
    )
    assert len(at_clause) == len(inside) == 20  # every copy found a place, half of each kind
    for page in at_clause + inside:
        ((i, a, b, kind),) = page.spans
        name = page.paragraphs[i][a:b]
        assert i == 1 and kind == "keyword_injection" and "国际" in name
        assert page.paragraphs[i][:a] + page.paragraphs[i][b:] == ZH_PROSE
    # at a clause's start: the paragraph's start or right after a clause's end
    assert all(
        p.spans[0][1] == 0 or p.paragraphs[1][p.spans[0][1] - 1] in "，、；：。！？"
        for p in at_clause
    )
    # inside: right after a Han character
    assert all("\u4e00" <= p.paragraphs[1][p.spans[0][1] - 1] <= "\u9fff" for p in inside)


def test_template_folds_partition_the_templates():
    bank = PatternBank.load("train")
    rng = np.random.default_rng(2)
    firsts = {k: {bank.sample("placeholder", rng, (k, 3))[0] for _ in range(300)} for k in range(3)}
    assert (
        not (firsts[0] & firsts[1]) and not (firsts[1] & firsts[2]) and not (firsts[0] & firsts[2])
    )


def test_related_ads_share_more_words_with_the_host():
    from pagesieve.synth import topic_words

    battery_host = LabeledPage(
        id="phones",
        source="test",
        lang="en",
        paragraphs=[
            "The phone ships with a large battery, a lithium cell that charges in forty minutes, "
            "and the company says the battery keeps most of its capacity after two years of use.",
            "Reviewers praised the display and the camera, though the charger is sold separately.",
        ],
        labels=[0, 0],
        kinds=["article", "article"],
    )
    host_words = topic_words(battery_host.paragraphs)
    assert {"battery", "lithium", "charger"} <= host_words

    def mean_overlap(related: float) -> float:
        synth = Synthesizer(
            PatternBank.load("train"), np.random.default_rng(3), related_ads=related
        )
        blocks = [synth._block("ad_en", host_words) for _ in range(60)]
        return float(np.mean([len(topic_words(b) & host_words) for b in blocks]))

    assert mean_overlap(1.0) > 2 * mean_overlap(0.0)


def test_a_misdecoded_page_is_damaged_where_it_is_scanned_and_its_spans_move_with_it():
    from pagesieve.corpus import LabeledPage
    from pagesieve.synth import misdecode, misdecoded_page

    page = LabeledPage(
        id="p",
        source="s",
        lang="zh",
        paragraphs=["会议强调 太阳城娱乐 各部门", "第二段 说明"],
        labels=[0, 0],
        kinds=["article", "article"],
        spans=[(0, 5, 10, "keyword_injection")],
        raw_paragraphs=["会议强调 太阳城娱乐 各部门", "第二段\n说明"],
    )
    damaged = misdecoded_page(page)
    i, a, b, _ = damaged.spans[0]
    assert damaged.paragraphs[i][a:b] == misdecode("太阳城娱乐")
    assert damaged.scanned_text == misdecode(page.scanned_text)
    assert len(damaged.scanned_text) == len(damaged.text)


def test_train_slots_hold_no_value_of_their_heldout_slots():
    # the held-out sets measure products, companies and sites training never saw: a value in
    # both lists (written apart, by different hands) would teach the test's words
    bank = PatternBank.load("train")
    for name, values in bank.slots.items():
        base = name.removesuffix("_heldout")
        if base != name and base in bank.slots:
            shared = {v.casefold() for v in values} & {v.casefold() for v in bank.slots[base]}
            assert not shared, (name, sorted(shared)[:3])
