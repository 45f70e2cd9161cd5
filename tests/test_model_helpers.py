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
