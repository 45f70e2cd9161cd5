"""Helpers of the paragraph model that must equal what they replace, array for array."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from pagesieve.model import dense_to_csr


@pytest.mark.parametrize("shape", [(0, 5), (1, 1), (7, 3), (300, 31), (50, 0)])
@pytest.mark.parametrize("seed", range(3))
def test_dense_to_csr_equals_scipy(shape: tuple[int, int], seed: int) -> None:
    rng = np.random.default_rng(seed)
    a = rng.normal(size=shape).astype(np.float32)
    a[rng.random(shape) < 0.5] = 0.0
    if a.size:
        a.flat[0] = -0.0  # a negative zero is a zero
        a.flat[-1] = np.nan  # NaN is not
    ref, got = sp.csr_matrix(a), dense_to_csr(a)
    for name in ("indptr", "indices", "data"):
        r, g = getattr(ref, name), getattr(got, name)
        assert r.dtype == g.dtype and np.array_equal(r, g, equal_nan=True), name
    assert got.shape == ref.shape and got.has_canonical_format


def test_stage1_scores_are_predict_proba_and_labels_follow_the_decision_values() -> None:
    """The probabilities stage 2 reads are scikit-learn's, to rounding (a row whose sigmoids all
    underflow included); the label of a saturated tie (two classes at 0.5) is the class with the
    larger decision value, not the first one in CLASSES."""
    from pagesieve.corpus import CLASSES
    from pagesieve.model import ParagraphFeatures, ParagraphModel
    from pagesieve.sklearn_imports import SGDClassifier

    rng = np.random.default_rng(0)
    n, k = 300, 4
    X = rng.normal(size=(n, k)).astype(np.float32)
    y = np.arange(n) % len(CLASSES)
    clf = SGDClassifier(loss="log_loss", max_iter=5, tol=None, random_state=0).fit(X, y)
    clf.coef_[:, 0] = -10.0  # feature 0 lowers every class
    clf.coef_[:, 1] = -10.0
    clf.coef_[2, 1], clf.coef_[3, 1] = 10.0, 11.0  # feature 1 raises placeholder, link_notice more
    X[0] = [100.0, 0, 0, 0]  # every sigmoid underflows: uniform
    X[1] = [0, 100.0, 0, 0]  # placeholder and link notice both saturate: a tie at 0.5
    model = ParagraphModel()
    model.shape_mean_, model.shape_scale_ = np.zeros(k), np.ones(k)
    f = ParagraphFeatures.__new__(ParagraphFeatures)
    object.__setattr__(f, "shape", X)
    object.__setattr__(f, "text", sp.csr_matrix((n, 0), dtype=np.float32))
    proba, noise_class = model._stage1_scores(clf, f)
    matrix = model._stage1_matrix(f)
    np.testing.assert_allclose(proba, clf.predict_proba(matrix).astype(np.float32), atol=1e-6)
    np.testing.assert_allclose(
        model._stage1_decision(clf, f), clf.decision_function(matrix), rtol=1e-5, atol=1e-4
    )
    assert np.allclose(proba[0], 1 / len(CLASSES))
    assert proba[1, 2] == proba[1, 3] == 0.5
    assert CLASSES[noise_class[1]] == "link_notice"
    decision = clf.decision_function(matrix)
    assert np.array_equal(noise_class, np.argmax(decision[:, 1:], axis=1) + 1)


def test_duplicate_counts_are_per_page_and_by_exact_text() -> None:
    """A paragraph repeated on its page counts its copies there only; ``no`` and ``潮`` share
    their storage bytes (and so ``hash()``) but are different paragraphs."""
    from pagesieve.context import _duplicate_counts
    from pagesieve.segment import segment_batch

    seg = segment_batch(["no\n潮\nShare\nShare\nof\n景", "Share\nlast"])
    assert hash("no") == hash("潮")
    assert _duplicate_counts(seg).tolist() == [1, 1, 2, 2, 1, 1, 1, 1]
