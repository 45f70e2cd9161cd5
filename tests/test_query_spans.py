"""Search queries put into English sentences with blanks on both sides: the ``query_run`` span
candidates, their gate, their synthesis and the shipped model's query group."""

from __future__ import annotations

import copy
import dataclasses

import numpy as np
import pytest
from ferry_article import ARTICLE
from ferry_article import with_paragraph as _with_paragraph

from pagesieve.span_candidates import (
    QUERY_KINDS,
    Candidate,
    find_candidates,
    query_candidates,
    query_paragraphs,
    span_group,
)
from pagesieve.spans import SpanModel
from pagesieve.synth import PatternBank, query_cased, splice_query
from pagesieve.tokens import Tokens


def _runs(paragraph: str) -> list[str]:
    return [paragraph[c.start : c.end] for c in query_candidates([paragraph], np.array([0]))]


def test_runs_are_proposed_at_every_extent_that_holds_enough_of_the_query_words():
    runs = _runs("The older boats need a cheap replica watches for sale layer of paint.")
    assert "cheap replica watches for sale" in runs
    assert "replica watches" in runs
    # an extent never starts or ends on a word a query only holds inside, nor crosses a word
    # that carries the sentence on
    assert not any(r.endswith(" for") or r.startswith("for ") for r in runs)
    assert not any(" a " in f" {r} " or "layer of" in r for r in runs)


def test_runs_stop_at_marks_other_scripts_and_a_sentence_end_glued_on():
    assert _runs("It was sold, cheap flights lisbon, to the council.") == [
        "cheap flights",
        "cheap flights lisbon",
    ]
    # a sentence's end glued to the next word ends the run; a number's stop does not
    assert all(
        "service" not in r for r in _runs("They replaced the service.emergency plumber near me")
    )
    assert "office key $9.99 cheap" in _runs("Buy the office key $9.99 cheap and go.")
    # a year and a commerce word in an Arabic sentence make no run of Arabic words
    assert all(
        not any("\u0600" <= ch <= "\u06ff" for ch in r)
        for r in _runs("هذا هو أفضل تطبيق 2023 app مجاني للجميع")
    )


def test_a_lone_commerce_word_makes_no_run_but_a_spam_word_does():
    assert _runs("The best time to visit the harbour is in May.") == []
    assert _runs("He said the casino bonus offer had ended.") != []


def test_the_gate_reads_token_hashes_for_all_paragraphs_at_once():
    paragraphs = [
        "Residents voted to keep the ferry.",
        "The best time to visit is in spring, and the free museum opens in May.",
        "A buy cheap ferry tickets online phrase.",
        "The casino closed in 1990.",
    ]
    tokens = Tokens.of("\n".join(paragraphs).lower())
    held = query_paragraphs(tokens.hashes, tokens.rows, len(paragraphs))
    # commerce's words far apart do not open a paragraph; close together, or a spam word, do
    assert held.tolist() == [False, False, True, True]
    # find_candidates applies the same gate when not given one
    cands = find_candidates(paragraphs, np.arange(len(paragraphs)))
    assert {c.paragraph for c in cands if c.kind in QUERY_KINDS} <= {2, 3}


def test_query_candidates_have_a_model_and_threshold_group_of_their_own():
    assert span_group("query_run") == "query"
    old = SpanModel()
    old.clfs_ = {}  # an artifact from before the query group: its candidates score 0
    paragraphs = ["A buy cheap ferry tickets online phrase."]
    cands = [Candidate(0, 2, 31, "query_run")]
    assert old.predict_proba(paragraphs, np.zeros(1, dtype=np.int64), cands).tolist() == [0.0]


@pytest.mark.parametrize("seed", range(40))
def test_a_spliced_query_is_the_span_it_reports(seed):
    rng = np.random.default_rng(seed)
    paragraph = ARTICLE[1] + " " + ARTICLE[2]
    query = query_cased("buy cheap ferry tickets online", rng)
    text, a, b = splice_query(paragraph, query, rng)
    # in brackets, the brackets are the splice's too (as the written spam pages label them)
    assert text[a:b] in (query, f"({query})", f"[{query}]")
    # the article is all there around it, a blank or a mark on each side
    rest = (text[:a] + text[b:]).replace("()", "").replace("[]", "")
    assert rest.split() == paragraph.split()


def test_the_query_templates_fill_and_the_heldout_ones_are_not_the_training_ones():
    train, heldout = PatternBank.load("train"), PatternBank.load("heldout")
    lines = [
        set(ln for block in b.families["spam_query_en"] for ln in block) for b in (train, heldout)
    ]
    assert len(lines[0]) >= 300 and len(lines[1]) >= 100
    assert not lines[0] & lines[1]
    rng = np.random.default_rng(0)
    for _ in range(50):
        q = train.sample("spam_query_en", rng)[0]
        assert "<<" not in q and 1 <= len(q.split()) <= 10


def test_the_shipped_model_flags_a_query_put_into_a_sentence_alone(detector):
    paragraph = (
        "Supporters said the crossing was part of the town's history and that older "
        "residents buy cheap ray ban sunglasses online relied on it to reach the hospital."
    )
    text = _with_paragraph(3, paragraph)
    line = text.index(paragraph)
    hits = [f for f in detector.scan(text) if line <= f.start and f.end <= line + len(paragraph)]
    assert [f.label for f in hits] == ["keyword_injection"]
    # within the query, and most of it (where a query starts is the model's guess: here it
    # leaves ``buy`` out)
    query = "buy cheap ray ban sunglasses online"
    at = text.index(query)
    assert at <= hits[0].start and hits[0].end <= at + len(query)
    assert hits[0].end - hits[0].start >= 0.75 * len(query)


def test_the_shipped_model_leaves_the_article_and_other_languages(detector):
    assert not any(f.end - f.start < 80 for f in detector.scan("\n".join(ARTICLE)))
    polish = "\n".join(
        [
            "Test laptopa: czy warto kupić ten model?",
            "Ekran 14 cali ma rozdzielczość Full HD i matową powłokę, ale jego jasność jest "
            "przeciętna, a najlepsza cena online to wciąż 3999 zł.",
            "Bateria wytrzymuje około dziesięciu godzin pracy biurowej, a ładowarka jest lekka.",
        ]
    )
    assert not [f for f in detector.scan(polish, explain=True) if "query_run" in f.reason]


@pytest.mark.parametrize(
    "paragraph, query",
    [
        # glued after the last sentence, no blank
        (
            "Supporters said the crossing was part of the town's history and that older residents "
            "relied on it to reach the hospital.cheap car insurance quotes online",
            "cheap car insurance quotes online",
        ),
        # after the last sentence, a blank before it
        (
            "Supporters said the crossing was part of the town's history and that older residents "
            "relied on it to reach the hospital. best vpn free trial 2024",
            "best vpn free trial 2024",
        ),
        # after a comma, inside the sentence
        (
            "Supporters said the crossing was part of the town's history, buy cheap ferry tickets "
            "online and that older residents relied on it.",
            "buy cheap ferry tickets online",
        ),
    ],
)
def test_the_shipped_model_flags_a_query_where_spam_tools_put_one(detector, paragraph, query):
    text = _with_paragraph(3, paragraph)
    line = text.index(paragraph)
    flags = [
        f
        for f in detector.scan(text, explain=True)
        if line <= f.start and f.end <= line + len(paragraph)
    ]
    assert [(text[f.start : f.end], f.label) for f in flags] == [(query, "keyword_injection")]
    assert flags[0].reason.startswith("a search query put into a sentence (query_run")


def test_the_query_threshold_stays_above_clean_candidates_but_not_splices(detector):
    from pagesieve.corpus import LabeledPage
    from pagesieve.training import clean_query_ceiling

    spliced = (
        "Supporters said the crossing was part of the town's history, buy cheap ferry tickets "
        "online and that older residents relied on it."
    )
    a = spliced.index("buy")
    page = LabeledPage(
        id="p",
        source="test",
        lang="en",
        paragraphs=[*ARTICLE[:3], spliced],
        labels=[0, 0, 0, 0],
        kinds=["article"] * 4,
        spans=[(3, a, a + len("buy cheap ferry tickets online"), "keyword_injection")],
    )
    # the splice scores high, but it is no clean text: the ceiling is set by the rest
    assert clean_query_ceiling(detector, [page]) < 0.5
    clean = LabeledPage(
        id="q",
        source="test",
        lang="en",
        paragraphs=[
            *ARTICLE[:3],
            "The school's site lists homework assignment archives, lunch menus and calendars.",
        ],
        labels=[0, 0, 0, 0],
        kinds=["article"] * 4,
    )
    ceiling = clean_query_ceiling(detector, [page, clean])
    assert ceiling > 0.5
    # at that threshold the clean page keeps its phrase (a copy: the fixture is shared)
    spans = copy.copy(detector.spans)
    spans.thresholds_ = {**detector.spans.thresholds_, "query": ceiling}
    at_ceiling = dataclasses.replace(detector, spans=spans)
    assert not [f for f in at_ceiling.scan("\n".join(clean.paragraphs)) if f.end - f.start < 80]


def test_a_paragraph_of_nothing_but_queries_is_read_for_its_first_runs_only():
    """A megabyte line of spam words is a list, not a sentence with a query put in; reading it
    all would give millions of candidates."""
    one = "cheap replica watches for sale, "
    cands = query_candidates([one * 30_000], np.array([0]))
    assert cands and max(c.end for c in cands) < 8 * len(one)
