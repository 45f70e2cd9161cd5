"""Page-context features against plain per-paragraph computations."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from pagesieve.context import BLOCK_REACH, CONTEXT_NAMES, DocIndex, PageContext
from pagesieve.segment import segment_batch


def brute_similarities(X: np.ndarray, doc: np.ndarray, w: np.ndarray, i: int):
    """The cosine to the rest of the page's weighted vocabulary, and its part from beyond
    ``BLOCK_REACH`` paragraphs, for paragraph ``i``, the slow way."""
    rest = [j for j in range(len(doc)) if doc[j] == doc[i] and j != i]
    far = [j for j in rest if abs(j - i) > BLOCK_REACH]
    centroid = (w[rest, None] * X[rest]).sum(axis=0)
    far_centroid = (w[far, None] * X[far]).sum(axis=0) if far else np.zeros(X.shape[1])
    denom = np.linalg.norm(centroid) * np.linalg.norm(X[i])
    if denom <= 1e-12:
        return 0.0, 0.0
    return X[i] @ centroid / denom, X[i] @ far_centroid / denom


def _shuffled_within_rows(X: np.ndarray, rng: np.random.Generator) -> sp.csr_matrix:
    """``X`` as a CSR matrix whose rows store their entries out of column order, as the token
    vectorizer's matrix does."""
    m = sp.csr_matrix(X)
    for i in range(m.shape[0]):
        lo, hi = m.indptr[i], m.indptr[i + 1]
        perm = lo + rng.permutation(hi - lo)
        m.indices[lo:hi], m.data[lo:hi] = m.indices[perm], m.data[perm]
    m.has_sorted_indices = False
    return m


@pytest.mark.parametrize("stored", ["sorted", "unsorted"])
def test_vocab_similarity_and_its_part_from_beyond_the_neighbours(stored: str):
    rng = np.random.default_rng(0)
    # two pages of 9 and 6 paragraphs; the second page's text is irrelevant (only its count)
    texts = ["\n".join(f"p{k}" for k in range(9)), "\n".join(f"q{k}" for k in range(6))]
    seg = segment_batch(texts)
    n = len(seg)
    X = (rng.random((n, 12)) < 0.3) * rng.integers(1, 4, size=(n, 12)).astype(np.float64)
    X[4] = 0  # a paragraph with no features at all
    chars = rng.integers(5, 200, size=n).astype(np.float64)
    matrix = sp.csr_matrix(X) if stored == "sorted" else _shuffled_within_rows(X, rng)
    ctx = PageContext(seg, chars, np.zeros(n), matrix)
    p_noise = rng.random(n)
    F = ctx.features(p_noise)
    sim = F[:, CONTEXT_NAMES.index("vocab_similarity")]
    beyond = F[:, CONTEXT_NAMES.index("vocab_similarity_beyond")]
    w = (1.0 - p_noise) * chars
    doc = np.asarray(seg.doc)
    for i in range(n):
        want_sim, want_beyond = brute_similarities(X, doc, w, i)
        assert abs(sim[i] - want_sim) < 1e-5, i
        assert abs(beyond[i] - want_beyond) < 1e-5, i
    # in a page of 6 paragraphs, every other one is within reach of the third and fourth
    assert abs(beyond[9 + 2]) < 1e-6 and abs(beyond[9 + 3]) < 1e-6
    assert (beyond[:9] < sim[:9] + 1e-6).all() and (beyond[:9] < sim[:9] - 1e-3).any()


def test_a_pages_context_features_do_not_depend_on_the_pages_scanned_with_it():
    # a prefix sum over the whole batch rounded a page's window and document sums by the pages
    # before it; every feature must come out bit for bit as for the page alone
    rng = np.random.default_rng(3)
    pages = ["\n".join("w" * int(k) for k in rng.integers(1, 3000, size=100)) for _ in range(40)]
    n_rows = 100
    X = [sp.csr_matrix((rng.random((n_rows, 16)) < 0.3) * rng.random((n_rows, 16))) for _ in pages]
    cjk = [rng.random(n_rows) for _ in pages]
    p_noise = [rng.random(n_rows) for _ in pages]
    p_comment = [rng.random(n_rows) for _ in pages]

    def features(which: list[int]) -> np.ndarray:
        seg = segment_batch([pages[k] for k in which])
        chars = (seg.ends - seg.starts).astype(np.float64)
        cjk_frac = np.concatenate([cjk[k] for k in which])
        ctx = PageContext(seg, chars, cjk_frac, sp.vstack([X[k] for k in which], format="csr"))
        return ctx.features(
            np.concatenate([p_noise[k] for k in which]),
            np.concatenate([p_comment[k] for k in which]),
        )

    together = features(list(range(len(pages))))
    for k in range(len(pages)):
        same = together[k * n_rows : (k + 1) * n_rows] == features([k])
        assert same.all(), (k, [CONTEXT_NAMES[j] for j in np.flatnonzero(~same.all(axis=0))])


def test_comment_context_is_the_pages_own_running_maximum_and_window():
    # a comment section, once open, colours every line after it: the largest comment score before
    # a line stops at its page's start, and a small score is not rounded by the pages before it
    texts = ["a\nb\nc\nd", "e", "f\ng\nh"]
    seg = segment_batch(texts)
    n = len(seg)
    p_comment = np.array([0.2, 0.9, 0.1, 0.3, 0.7, 1e-6, 0.4, 0.0])
    ctx = PageContext(seg, np.full(n, 10.0), np.zeros(n), sp.csr_matrix(np.ones((n, 2))))
    F = ctx.features(np.full(n, 0.5), p_comment)
    before = F[:, CONTEXT_NAMES.index("p_comment_max_before")]
    want = np.array([0.0, 0.2, 0.9, 0.9, 0.0, 0.0, 1e-6, 0.4], dtype=np.float32)
    assert before.tolist() == want.tolist()
    window = F[:, CONTEXT_NAMES.index("p_comment_win5")]
    assert window[:4] == pytest.approx([p_comment[:4].mean()] * 4)
    assert window[5:] == pytest.approx([p_comment[5:].mean()] * 3)
    # without stage 1's comment scores the two features read as no comment anywhere
    quiet = ctx.features(np.full(n, 0.5))
    assert not quiet[:, CONTEXT_NAMES.index("p_comment_max_before")].any()


def test_document_sums_match_plain_sums_over_each_document():
    # pages of 0 to 40 paragraphs (empty ones, single ones, exact powers of two among them)
    rng = np.random.default_rng(11)
    sizes = [0, 1, 2, 4, 5, 16, 17, 0, 1, *rng.integers(0, 41, size=60).tolist()]
    seg = segment_batch(["\n".join("x" * (1 + j % 7) for j in range(k)) for k in sizes])
    idx = DocIndex(seg)
    assert idx.n == sum(sizes)
    v = rng.random(idx.n)
    sums = idx.sums(v)
    lo, hi = idx.lo, idx.hi
    for before, after in ((0, 0), (1, 0), (2, 2), (3, 3), (15, 15)):
        want = [v[max(i - before, lo[i]) : min(i + after + 1, hi[i])].sum() for i in range(idx.n)]
        np.testing.assert_allclose(sums.window(before, after), want, rtol=1e-12)
    np.testing.assert_allclose(sums.doc(), [v[lo[i] : hi[i]].sum() for i in range(idx.n)])
    np.testing.assert_allclose(sums.before(), [v[lo[i] : i].sum() for i in range(idx.n)])


def test_comment_context_is_missing_on_pages_the_model_does_not_read():
    # on a page neither English nor Chinese, stage 1's comment scores mean little: the two
    # features are missing there (the trees route them as they learned to), not zero (which a
    # page without comments gives), and the other pages' features do not change
    texts = ["a\nb\nc\nd", "e", "f\ng\nh"]
    seg = segment_batch(texts)
    n = len(seg)
    p_comment = np.array([0.2, 0.9, 0.1, 0.3, 0.7, 1e-6, 0.4, 0.0])
    args = (seg, np.full(n, 10.0), np.zeros(n), sp.csr_matrix(np.ones((n, 2))))
    read = np.array([True] * 4 + [False] + [True] * 3)
    gated = PageContext(*args, read).features(np.full(n, 0.5), p_comment)
    every = PageContext(*args).features(np.full(n, 0.5), p_comment)
    cols = [CONTEXT_NAMES.index(c) for c in ("p_comment_max_before", "p_comment_win5")]
    assert np.isnan(gated[4, cols]).all() and not np.isnan(gated[read][:, cols]).any()
    assert np.array_equal(gated[read], every[read])
    others = [j for j in range(len(CONTEXT_NAMES)) if j not in cols]
    assert np.array_equal(gated[:, others], every[:, others])
