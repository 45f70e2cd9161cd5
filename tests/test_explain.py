"""Reasons for flags: the contribution mechanism, and what the shipped model says."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from pagesieve.explain import describe, feature_groups, group_contributions, typical_article_rows
from pagesieve.model import stage_feature_names

ROOT = Path(__file__).resolve().parent.parent


def test_every_input_column_is_in_exactly_one_group():
    groups = feature_groups()
    cols = np.sort(np.concatenate(list(groups.values())))
    assert cols.tolist() == list(range(len(stage_feature_names(2))))
    names = stage_feature_names(2)
    by_name = {names[j]: g for g, js in groups.items() for j in js}
    assert by_name["p1_ad"] == "its own words"
    assert by_name["template"] == "template or pattern match"
    assert by_name["vocab_similarity"] == "vocabulary unlike the page's"
    assert by_name["p_noise_-1"] == "junk around it"


def test_only_the_group_the_score_depends_on_is_named():
    names = stage_feature_names(2)
    j = names.index("vocab_similarity")
    rng = np.random.default_rng(0)
    X = rng.random((6, len(names)))

    def predict(rows: np.ndarray) -> np.ndarray:  # junk when far from the page's vocabulary
        return 1.0 - rows[:, j]

    X[:, j] = [0.9, 0.7, 0.85, 0.05, 0.9, 0.1]  # rows 3 and 5 are off-topic; typical: 0.9
    p = predict(X)
    doc = np.zeros(6, dtype=np.int64)
    ref = typical_article_rows(X, p, doc, threshold=0.5)
    rows = np.array([3, 5])
    contrib = group_contributions(predict, X, rows, ref)
    assert np.allclose(contrib["vocabulary unlike the page's"], [0.85, 0.8])
    for group, values in contrib.items():
        if group != "vocabulary unlike the page's":
            assert np.allclose(values, 0.0), group
    assert describe(contrib, 0) == "vocabulary unlike the page's +0.85"


def test_reasons_on_the_sample_pages(detector):
    pages = [json.loads(line) for line in (ROOT / "data/samples/pages.jsonl").open()]
    flags = [
        f for page in detector.scan_batch([p["text"] for p in pages], explain=True) for f in page
    ]
    assert flags
    for f in flags:
        assert f.reason.startswith(
            (
                "score ",
                "spliced phrase",
                "a tags or topics line",
                "a line of page furniture",
                "a related story's link",
                "a line over an ad",
                "an ad's line",
            )
        ), f.reason
    named = [f.reason for f in flags if "raised by " in f.reason]
    assert len(named) >= len(flags) // 2
    # without --explain nothing is computed for reasons
    assert all(f.reason == "" for p in detector.scan_batch([pages[0]["text"]]) for f in p)


def test_the_battery_ad_is_out_of_place_in_the_phone_article(detector, shared):
    page = json.loads((shared / "examples" / "examples.jsonl").read_text().splitlines()[0])
    text = "\n".join(page["paragraphs"])
    ad_lines = {p for p, lab in zip(page["paragraphs"], page["labels"]) if lab == 1}
    reasons = [
        f.reason for f in detector.scan(text, explain=True) if text[f.start : f.end] in ad_lines
    ]
    assert len(reasons) >= 2
    assert sum("vocabulary unlike the page's" in r for r in reasons) >= 2, reasons


def test_a_reason_does_not_depend_on_the_pages_scanned_beside_it(detector):
    # a page with no paragraph sure to be article took its reference from the rest of the batch
    junk = (
        "Home | About | Contact\nThe council met on Tuesday to discuss the new budget for the "
        "town's schools and roads, and agreed to raise spending.\nSubscribe to our newsletter for "
        "more!\nClick here to read more\n\u00a9 2024 All rights reserved\n"
    ) * 4
    samples = Path(__file__).resolve().parent.parent / "data" / "samples" / "pages.jsonl"
    page = json.loads(samples.read_text().splitlines()[0])["text"]
    alone = [(f.start, f.reason) for f in detector.scan(junk, explain=True)]
    assert alone and all(reason for _, reason in alone)
    for batch, k in (([junk, page], 0), ([page, junk], 1)):
        got = detector.scan_batch(batch, explain=True)[k]
        assert [(f.start, f.reason) for f in got] == alone  # Flag's == leaves the reason out
