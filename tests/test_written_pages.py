"""Which written pages the model is fitted on: the read halves and pages written for training,
never a test half or a holdout (a model fitted on those would score itself)."""

from __future__ import annotations

import numpy as np
import pytest
from labeled_sets import read_written_set

from pagesieve.written_pages import (
    DATA,
    LEFT_OUT,
    WRITTEN_PREFIX,
    WRITTEN_TEST_SETS,
    written_training_files,
    written_training_pages,
)


def test_no_scored_set_is_trained_on():
    files = written_training_files()
    scored = {path.resolve() for _, path, _ in WRITTEN_TEST_SETS}
    assert files and not scored & {path.resolve() for path in files}
    assert all(path.stem.startswith(("calibration", "train")) for path in files)
    # the sets' folders: every file of one is fitted on, scored, a check of the rules (session
    # 39's audits of the line rules among them) or the pages that choose the raise of pages in
    # other languages
    folders = {path.parent for path in files} | {DATA / key.split("/")[0] for key in LEFT_OUT}
    others = {p for d in folders for p in d.glob("*.jsonl")} - set(files) - scored
    named = {f"{p.parent.name}/{p.stem}": p.name for p in others}
    assert set(LEFT_OUT) <= set(named)  # written for training, left out with a reason
    rest = {name for key, name in named.items() if key not in LEFT_OUT}
    assert {name for name in rest if not name.startswith("audit_")} <= {
        "article_only.jsonl",
        "shift.jsonl",
    }


def test_each_written_page_is_named_by_its_set_and_file():
    pages = written_training_pages()
    ids = [p.id for p in pages]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith(WRITTEN_PREFIX) for i in ids)
    assert f"{WRITTEN_PREFIX}modern_news/calibration/cal01" in ids
    # the pages as read: labels and spans kept, a noise line on every page
    assert all(len(p.labels) == len(p.paragraphs) and any(p.labels) for p in pages)
    assert sum(len(p.spans) for p in pages if "/en_spam/" in p.id) >= 70


@pytest.mark.parametrize("folder", ["en_web", "zh_pages"])
@pytest.mark.parametrize("name", ["train_a", "train_b"])
def test_the_sets_written_for_training_alone_are_labeled_line_by_line(folder, name):
    pages = read_written_set(DATA / folder / f"{name}.jsonl", 40)
    assert {p.lang for p in pages} == {folder[:2]}


def test_a_written_file_weighs_its_share_of_the_written_weight(monkeypatch):
    from pagesieve.corpus import LabeledPage
    from pagesieve.training import SYNTHETIC_NOISE_WEIGHT, line_weights
    from pagesieve.written_pages import WRITTEN_SET_SHARE

    monkeypatch.setitem(WRITTEN_SET_SHARE, "hard_negatives/train_a", 0.4)

    def page(page_id: str) -> LabeledPage:
        return LabeledPage(page_id, "s", "en", ["a", "b"], [0, 1], ["article", "ad"])

    pages = [
        page("real-1"),
        page("syn-full-2"),
        page(f"{WRITTEN_PREFIX}hard_negatives/train_a/n1"),
        page(f"{WRITTEN_PREFIX}en_spam/train_a/s1"),
    ]
    doc = np.repeat(np.arange(len(pages)), 2)
    y = np.tile([0, 1], len(pages))
    weights = line_weights(pages, doc, y, written_weight=5.0)
    # real lines 1, a synthetic noise line weighed up, written lines at 5 times their share
    assert weights.tolist() == [1.0, 1.0, 1.0, SYNTHETIC_NOISE_WEIGHT, 2.0, 2.0, 5.0, 5.0]


def test_a_written_file_can_teach_the_context_model_alone(monkeypatch):
    from pagesieve import training
    from pagesieve.corpus import LabeledPage
    from pagesieve.segment import segment_paragraph_lists
    from pagesieve.written_pages import WRITTEN_CONTEXT_ONLY

    monkeypatch.setattr(
        "pagesieve.written_pages.WRITTEN_CONTEXT_ONLY",
        WRITTEN_CONTEXT_ONLY | {"hard_negatives/train_a"},
    )
    seen = {}

    def fit(self, seg, y, **kwargs):
        seen.update(kwargs)
        return self

    monkeypatch.setattr(training.ParagraphModel, "fit", fit)
    pages = [
        LabeledPage("real-1", "s", "en", ["Contact us", "Prose here."], [1, 0], ["n", "article"]),
        LabeledPage(
            f"{WRITTEN_PREFIX}hard_negatives/train_a/n1",
            "s",
            "en",
            ["Contact us", "Call 555 0100."],
            [0, 0],
            ["article", "article"],
        ),
        LabeledPage(f"{WRITTEN_PREFIX}en_spam/train_a/s1", "s", "en", ["Buy now"], [1], ["ad"]),
    ]
    seg = segment_paragraph_lists([p.paragraphs for p in pages])
    y = training.page_targets(pages)
    training.fit_paragraph_model(pages, seg, y, np.random.default_rng(0), 0)
    # stage 1 reads every line but the hard negatives'; the context model reads them all
    assert seen["stage1_rows"].tolist() == [True, True, False, False, True]
    assert len(seen["sample_weight"]) == 5
