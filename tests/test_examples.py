"""The two real spam pages that started the project (needs ../shared/examples)."""

from __future__ import annotations

from pagesieve.corpus import read_labeled
from pagesieve.evaluate import evaluate


def test_examples_every_noise_paragraph_flagged_no_article_flagged(detector, shared):
    pages = list(read_labeled(shared / "examples" / "examples.jsonl"))
    report = evaluate(pages, detector.scan_batch).to_dict()
    o = report["overall"]
    assert o["recall"] == 1.0, report["recall_by_kind"]
    assert o["article_flagged"] == 0.0
    assert report["spans"]["caught"] == report["spans"]["total"] == 2
    assert report["spans"]["rest_of_line_flagged"] < 0.05


def test_example_spans_are_labelled(detector, shared):
    pages = {p.id: p for p in read_labeled(shared / "examples" / "examples.jsonl")}
    page = pages["examples/xiaomi-injected-headlines"]
    text = page.text
    spans = [
        (text[f.start : f.end], f.label)
        for f in detector.scan(text)
        if "\n" not in text[f.start : f.end]
    ]
    assert ("Web Series Archives", "keyword_injection") in spans
    assert any(s.startswith("SEE ALSO:") and s.endswith("right now") for s, _ in spans)
