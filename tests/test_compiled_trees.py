"""The context trees scored by ONNX Runtime give scikit-learn's scores: every row takes the same
path (missing values included), and a machine where that does not hold scores with
scikit-learn instead of scoring differently."""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path

import numpy as np
import pytest

from pagesieve.compiled_trees import BACKEND_ENV, CompiledTrees
from pagesieve.corpus import read_labeled
from pagesieve.ensemble import ParagraphEnsemble
from pagesieve.model import ParagraphModel, compile_trees
from pagesieve.segment import segment_batch, segment_paragraph_lists
from pagesieve.sklearn_imports import HistGradientBoostingClassifier
from pagesieve.training import page_targets

LABELED = Path(__file__).resolve().parents[1] / "data" / "samples" / "pages.labeled.jsonl"
#: pages that the shipped model's check rows (from ``pages.jsonl``) did not come from
OTHER_PAGES = Path(__file__).resolve().parents[1] / "data" / "samples" / "other_scripts.jsonl"


@pytest.fixture(scope="module")
def fitted():
    """Trees over float32 rows with missing values and exact ties at split points."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(3000, 6)).astype(np.float32)
    X[:, 3] = np.round(X[:, 3], 1)  # few distinct values: rows sit on thresholds
    y = X[:, 0] + X[:, 1] * X[:, 2] + (X[:, 3] > 0.2) + rng.normal(0, 0.5, 3000) > 0.5
    X[rng.random(X.shape) < 0.05] = np.nan
    clf = HistGradientBoostingClassifier(max_iter=40, max_leaf_nodes=15, random_state=0)
    return clf.fit(X, y.astype(int)), X


def test_runtime_scores_are_scikit_learns(fitted) -> None:
    clf, X = fitted
    trees = CompiledTrees(clf, X)
    assert trees.usable()
    rows = np.vstack([X, np.full((1, X.shape[1]), np.nan, dtype=np.float32)])
    np.testing.assert_allclose(trees.raw(rows), clf._raw_predict(rows)[:, 0], rtol=0, atol=1e-12)
    np.testing.assert_allclose(trees.proba(rows), clf.predict_proba(rows)[:, 1], rtol=0, atol=1e-12)


def test_pickles_without_its_session_and_scores_after(fitted) -> None:
    clf, X = fitted
    trees = CompiledTrees(clf, X)
    assert trees.usable()
    copy = pickle.loads(pickle.dumps(trees))
    assert copy._session is None and copy._usable is None
    assert copy.usable()
    np.testing.assert_array_equal(copy.raw(X[:100]), trees.raw(X[:100]))


def test_a_runtime_that_disagrees_falls_back_to_scikit_learn(fitted) -> None:
    clf, X = fitted
    trees = CompiledTrees(clf, X)
    trees.check_raw = trees.check_raw + 1e-6  # as if this machine's runtime summed differently
    trees._usable = None
    with pytest.warns(UserWarning, match="disagree"):
        assert not trees.usable()


def test_without_onnxruntime_scikit_learn_scores_the_trees(fitted, monkeypatch) -> None:
    clf, X = fitted
    trees = CompiledTrees(clf, X)
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import fails, as where not installed
    copy = pickle.loads(pickle.dumps(trees))
    with pytest.warns(UserWarning, match="scoring the context trees with scikit-learn"):
        assert not copy.usable()


def test_the_environment_can_ask_for_scikit_learn(fitted, monkeypatch) -> None:
    clf, X = fitted
    monkeypatch.setenv(BACKEND_ENV, "sklearn")
    assert not CompiledTrees(clf, X).usable()


def test_trees_without_a_split_stay_with_scikit_learn() -> None:
    X = np.zeros((200, 3), dtype=np.float32)
    y = np.r_[np.zeros(100, dtype=int), np.ones(100, dtype=int)]
    clf = HistGradientBoostingClassifier(max_iter=5).fit(X, y)  # nothing to split on
    assert compile_trees(clf, X) is None


def test_trees_that_cannot_be_exported_warn_and_stay_with_scikit_learn(fitted) -> None:
    clf, X = fitted
    multiclass = HistGradientBoostingClassifier(max_iter=3).fit(X, np.arange(len(X)) % 3)
    with pytest.warns(UserWarning, match="stay with scikit-learn"):
        assert compile_trees(multiclass, X) is None


def test_a_fitted_paragraph_model_carries_its_trees_compiled(monkeypatch) -> None:
    pages = list(read_labeled(LABELED))
    seg = segment_paragraph_lists([p.paragraphs for p in pages])
    model = ParagraphModel(stage2_iter=10, folds=2, random_state=0).fit(seg, page_targets(pages))
    assert model.stage2_compiled_ is not None and model.stage2_compiled_.usable()
    restored = pickle.loads(pickle.dumps(model))
    compiled = restored.predict_with_inputs(seg).p_noise
    assert restored.stage2_compiled_.usable()
    monkeypatch.setenv(BACKEND_ENV, "sklearn")
    by_sklearn = pickle.loads(pickle.dumps(model)).predict_with_inputs(seg).p_noise
    np.testing.assert_allclose(compiled, by_sklearn, rtol=0, atol=1e-6)


def test_shipped_model_scores_the_same_with_either_backend(detector, monkeypatch) -> None:
    """The shipped members carry compiled trees that run here, and the page scores they give
    are scikit-learn's (so are the flags: the same scores, the same threshold)."""
    model = detector.model
    members = model.members if isinstance(model, ParagraphEnsemble) else [model]
    assert all(m.stage2_compiled_ is not None and m.stage2_compiled_.usable() for m in members)
    lines = OTHER_PAGES.read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines]
    seg = segment_batch(texts)
    compiled = model.predict_with_inputs(seg).p_noise
    for m in members:
        monkeypatch.setattr(m, "stage2_compiled_", None)
    np.testing.assert_allclose(compiled, model.predict_with_inputs(seg).p_noise, rtol=0, atol=1e-6)
