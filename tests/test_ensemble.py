"""An ensemble of paragraph models scores as the mean log-odds of its members, from one
featurisation, and survives the artifact's half-precision storage unchanged."""

from __future__ import annotations

import pickle
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from scipy.special import expit, logit

from pagesieve.corpus import read_labeled
from pagesieve.ensemble import ParagraphEnsemble
from pagesieve.model import ParagraphModel
from pagesieve.segment import segment_paragraph_lists
from pagesieve.training import page_targets

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "pages.labeled.jsonl"


@pytest.fixture(scope="module")
def pages():
    return list(read_labeled(SAMPLES))


@pytest.fixture(scope="module")
def members(pages):
    """Two small models on different halves of the sample pages, one vocabulary."""
    first_pages, second_pages = pages[::2] + pages[1:2], pages[1::2] + pages[:1]
    seg1 = segment_paragraph_lists([p.paragraphs for p in first_pages])
    first = ParagraphModel(stage2_iter=8, folds=2, random_state=0).fit(
        seg1, page_targets(first_pages)
    )
    seg2 = segment_paragraph_lists([p.paragraphs for p in second_pages])
    vocab = dict(first.vectorizer.vocab_)
    second = ParagraphModel(
        vectorizer=first.vectorizer, stage2_iter=8, folds=2, random_state=1
    ).fit(seg2, page_targets(second_pages), fit_vectorizer=False)
    assert second.vectorizer.vocab_ == vocab  # the second member kept the first's vocabulary
    return first, second


@pytest.fixture(scope="module")
def seg(pages):
    return segment_paragraph_lists([p.paragraphs for p in pages])


def test_one_member_scores_as_that_member(members, seg) -> None:
    first, _ = members
    alone = first.predict_with_inputs(seg)
    ensemble = ParagraphEnsemble([first]).predict_with_inputs(seg)
    for a, b in zip(alone, ensemble):
        np.testing.assert_array_equal(a, b)


def test_scores_are_the_mean_log_odds_from_one_featurisation(members, seg, monkeypatch) -> None:
    first, second = members
    p1 = first.predict_with_inputs(seg)
    p2 = second.predict_with_inputs(seg)
    assert not np.allclose(p1.p_noise, p2.p_noise)  # the members differ, or this proves nothing
    calls: list[int] = []
    featurize = ParagraphModel.featurize

    def counting(self, s):
        calls.append(1)
        return featurize(self, s)

    monkeypatch.setattr(ParagraphModel, "featurize", counting)
    got = ParagraphEnsemble([first, second]).predict_with_inputs(seg)
    assert len(calls) == 1
    expected = expit((logit(p1.p_noise.astype(np.float64)) + logit(p2.p_noise)) / 2)
    np.testing.assert_allclose(got.p_noise, expected, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(got.class_proba, (p1.class_proba + p2.class_proba) / 2, atol=1e-6)
    np.testing.assert_array_equal(got.inputs, p1.inputs)  # explanations: the first member's
    p_noise, class_proba = ParagraphEnsemble([first, second]).predict_proba(seg)
    np.testing.assert_array_equal(p_noise, got.p_noise)
    np.testing.assert_array_equal(class_proba, got.class_proba)
    between = (got.p_noise >= np.minimum(p1.p_noise, p2.p_noise) - 1e-6) & (
        got.p_noise <= np.maximum(p1.p_noise, p2.p_noise) + 1e-6
    )
    assert between.all()


def test_half_precision_storage_scores_as_fitted(members, seg) -> None:
    """Stage 1's weights are stored in float16 and were rounded so when fitted: a pickled
    ensemble scores exactly as the one in memory, at half the bytes of the weights."""
    first, second = members
    ensemble = ParagraphEnsemble([first, second])
    blob = pickle.dumps(ensemble)
    back = pickle.loads(blob)
    assert back.members[0].stage1_.coef_.dtype == np.float32
    np.testing.assert_array_equal(
        back.predict_with_inputs(seg).p_noise, ensemble.predict_with_inputs(seg).p_noise
    )
    assert len(pickle.dumps(first)) < first.stage1_.coef_.nbytes  # float32 weights alone
    assert first.stage1_.coef_.dtype == np.float32  # pickling left the live model alone


def test_stage_one_text_weights_are_read_in_place(members, seg) -> None:
    """Fitted or loaded, stage 1's text weights, transposed, are one contiguous block: the sparse
    product reads them as they are instead of copying all of them (9 MB a member in the shipped
    model) for every batch. The decision values are those of the row-major weights."""
    first, _ = members
    for model in (first, pickle.loads(pickle.dumps(first))):
        coef = model.stage1_.coef_
        f = model.featurize(seg)
        n_text = f.text.shape[1]
        assert coef.dtype == np.float32 and coef[:, :n_text].T.flags["C_CONTIGUOUS"]
        row_major = np.ascontiguousarray(coef)
        # the shape columns in float64, as the model sums them: their terms are large and cancel
        scaled = ((f.shape - model.shape_mean_) / model.shape_scale_).astype(np.float32)
        want = f.text @ row_major[:, :n_text].T + scaled.astype(np.float64) @ np.asarray(
            row_major[:, n_text:].T, dtype=np.float64
        )
        np.testing.assert_allclose(
            model._stage1_decision(model.stage1_, f),
            want + model.stage1_.intercept_,
            rtol=1e-5,
            atol=1e-5,
        )


def test_a_detector_with_an_ensemble_saves_loads_and_scans(members, tmp_path, pages) -> None:
    from pagesieve.artifact import save_artifact
    from pagesieve.detector import Detector

    detector = Detector(model=ParagraphEnsemble(list(members)), spans=None, threshold=0.5)
    path = tmp_path / "ensemble.joblib"
    save_artifact(detector.to_bundle(), path)
    loaded = Detector.load(path)
    text = "\n".join(pages[0].paragraphs)
    flags = loaded.scan(text, explain=True)
    assert flags and flags == detector.scan(text)
    assert all(f.reason for f in flags)


def test_members_draw_other_pages_and_never_the_calibration_articles(shared) -> None:
    """Each further member's synthetic pages are a draw of their own, and none of them wraps a
    Chinese article that the thresholds are calibrated on."""
    from pagesieve.training import TrainConfig, build_pages, calibration_zh_ids

    cfg = TrainConfig(corpora=shared / "corpora", out=Path("unused"), log=lambda _: None)
    cfg.n_full, cfg.n_article_only, cfg.n_zh = 30, 40, 300
    fit0, cal0, _ = build_pages(cfg, np.random.default_rng(cfg.seed))
    cal_ids = calibration_zh_ids(cal0)
    assert len(cal_ids) == cfg.n_zh // 10
    fit1, _, _ = build_pages(cfg, np.random.default_rng([cfg.seed, 101]), cal_ids, draw=1)
    zh_of = {p.id.split("syn-zh/", 1)[1] for p in fit1 if "syn-zh/" in p.id}
    assert len(zh_of) == cfg.n_zh and not zh_of & cal_ids
    synthetic0 = {(p.id, tuple(p.paragraphs)) for p in fit0 if p.id.startswith("syn")}
    synthetic1 = {(p.id, tuple(p.paragraphs)) for p in fit1 if p.id.startswith("syn")}
    assert len(synthetic0 & synthetic1) < len(synthetic1) // 10
    n_real = next(i for i, p in enumerate(fit0) if p.id.startswith("syn"))  # real pages first
    assert [p.id for p in fit0[:n_real]] == [p.id for p in fit1[:n_real]]  # the same real pages
    assert not fit1[n_real - 1].id.startswith("syn") and fit1[n_real].id.startswith("syn")


def test_calibration_draws_are_new_synthetic_pages_on_the_same_material(shared) -> None:
    """Each further calibration draw holds the calibration slice's real pages and Chinese
    articles (never a member's), with synthetic pages of its own; the same seed gives the same
    draws, and drawing them leaves the training and calibration pages as they were."""
    from pagesieve.training import (
        TrainConfig,
        build_pages,
        calibration_draws,
        calibration_zh_ids,
    )

    cfg = TrainConfig(corpora=shared / "corpora", out=Path("unused"), log=lambda _: None)
    cfg.n_full, cfg.n_article_only, cfg.n_zh = 30, 40, 300
    fit0, cal0, _ = build_pages(cfg, np.random.default_rng(cfg.seed))
    draws = calibration_draws(cfg, cal0, draws=3)
    assert len(draws) == 2
    real = [p.id for p in cal0 if not p.id.startswith("cal-")]
    synthetic0 = {tuple(p.paragraphs) for p in cal0 if p.id.startswith("cal-")}
    for d, pages in enumerate(draws, start=1):
        assert [p.id for p in pages[: len(real)]] == real
        assert {p.id.split("zh/", 1)[1] for p in pages if f"cal{d}-zh/" in p.id} == (
            calibration_zh_ids(cal0)
        )
        synthetic = {tuple(p.paragraphs) for p in pages[len(real) :]}
        assert len(synthetic & synthetic0) < len(synthetic) // 4  # the Chinese pages may agree
    again = calibration_draws(cfg, cal0, draws=3)
    assert [[p.paragraphs for p in d] for d in again] == [[p.paragraphs for p in d] for d in draws]
    fit1, cal1, _ = build_pages(cfg, np.random.default_rng(cfg.seed))
    assert [p.paragraphs for p in fit1] == [p.paragraphs for p in fit0]
    assert [p.paragraphs for p in cal1] == [p.paragraphs for p in cal0]


def test_the_shipped_thresholds_are_the_rule_on_the_calibration_draws(detector, shared) -> None:
    """Recalibrating the shipped model on the calibration draws its training material gives
    (``train.py --thresholds-only``) finds the thresholds it ships with: the model, the code
    that builds the calibration pages and the pattern bank agree."""
    import copy

    from pagesieve.training import CALIBRATION_DRAWS, TrainConfig, recalibrate

    said: list[str] = []
    cfg = TrainConfig(corpora=shared / "corpora", out=Path("unused"), log=said.append)
    again = copy.copy(detector)
    recalibrate(again, cfg)
    assert again.threshold == pytest.approx(detector.threshold, abs=1e-4)
    shipped = detector.meta["member_thresholds"]
    assert again.meta["member_thresholds"] == pytest.approx(shipped, abs=1e-4)
    assert any(f"{CALIBRATION_DRAWS} calibration draws" in line for line in said)


class _ScoresInText(ParagraphEnsemble):
    """Two members whose P(noise) for a paragraph is the number it holds, and its square."""

    def __init__(self) -> None:
        self.members = [None, None]

    def member_predictions(self, seg):
        p = np.array([float(t) for t in seg.paragraphs], dtype=np.float32)
        return [SimpleNamespace(p_noise=p), SimpleNamespace(p_noise=p**2)]


def test_pooled_calibration_sets_give_a_threshold_between_their_own() -> None:
    """The threshold on calibration sets pooled is the one rule applied to all their article
    lines: a set pooled with itself changes nothing, and two sets pooled land between the
    thresholds each gives alone (for the whole ensemble and for its first member)."""
    from pagesieve.training import operating_thresholds

    rng = np.random.default_rng(0)

    def calibration_set(article_scores: np.ndarray):
        pages = [list(article_scores[i : i + 20]) for i in range(0, len(article_scores), 20)]
        seg = segment_paragraph_lists([[f"{x:.6f}" for x in page] + ["0.99"] for page in pages])
        y = np.concatenate([[0] * len(page) + [1] for page in pages])
        return seg, y

    model = _ScoresInText()
    low_set = calibration_set(rng.uniform(0.0, 0.6, 400))
    high_set = calibration_set(rng.uniform(0.2, 0.9, 400))
    low, high = operating_thresholds(model, [low_set]), operating_thresholds(model, [high_set])
    assert low[0] < high[0] and low[1]["1"] < high[1]["1"]
    assert operating_thresholds(model, [low_set, low_set]) == low
    pooled = operating_thresholds(model, [low_set, high_set])
    assert low[0] < pooled[0] < high[0]
    assert low[1]["1"] < pooled[1]["1"] < high[1]["1"]
    # 8% of the pooled article lines lie above it, as the rule says
    every = np.concatenate(
        [np.asarray(s[0].paragraphs, dtype=float)[s[1] == 0] for s in (low_set, high_set)]
    )
    assert np.mean(every >= pooled[1]["1"]) == pytest.approx(0.08, abs=0.002)


def test_fewer_members_load_with_their_own_threshold(members, tmp_path, pages) -> None:
    """``Detector.load(members=k)`` scores with the first k members at the threshold calibrated
    for them at training time; asking for more members than there are, or for a count that
    has no threshold, is an error, not a silent fallback."""
    from pagesieve.artifact import save_artifact
    from pagesieve.detector import Detector

    first, second = members
    whole = Detector(
        model=ParagraphEnsemble([first, second]),
        spans=None,
        threshold=0.5,
        meta={"member_thresholds": {"1": 0.3}},
    )
    path = tmp_path / "ensemble.joblib"
    save_artifact(whole.to_bundle(), path)
    text = "\n".join(pages[0].paragraphs)

    one = Detector.load(path, members=1)
    assert one.model.__class__ is ParagraphModel and one.threshold == 0.3
    assert one.scan(text) == Detector(model=first, spans=None, threshold=0.3).scan(text)
    assert Detector.load(path, threshold=0.7, members=1).threshold == 0.7  # given wins
    both = Detector.load(path, members=2)
    assert both.threshold == 0.5 and both.scan(text) == whole.scan(text)
    with pytest.raises(ValueError, match="2 members"):
        Detector.load(path, members=3)

    single = tmp_path / "single.joblib"
    save_artifact(Detector(model=first, spans=None, threshold=0.4).to_bundle(), single)
    assert Detector.load(single, members=1).threshold == 0.4
    with pytest.raises(ValueError, match="1 member"):
        Detector.load(single, members=2)


def test_scan_and_eval_take_members(detector, tmp_path) -> None:
    """``--members K`` reaches the shipped model: fewer members scan, too many are refused."""
    from click.testing import CliRunner

    from pagesieve.cli import main

    if len(getattr(detector.model, "members", [])) < 2:
        pytest.skip("the shipped model is not an ensemble")
    samples = str(SAMPLES.with_name("pages.jsonl"))
    out = tmp_path / "one.jsonl"
    done = CliRunner().invoke(main, ["scan", samples, "-o", str(out), "-j", "1", "--members", "1"])
    assert done.exit_code == 0, done.output
    assert len(out.read_text().splitlines()) == 10
    too_many = len(detector.model.members) + 1
    done = CliRunner().invoke(
        main, ["scan", samples, "-o", str(out), "-j", "1", "--members", str(too_many)]
    )
    assert done.exit_code != 0 and f"asked for {too_many}" in done.output
    done = CliRunner().invoke(main, ["eval", str(SAMPLES), "--members", str(too_many)])
    assert done.exit_code == 2 and f"asked for {too_many}" in done.output
