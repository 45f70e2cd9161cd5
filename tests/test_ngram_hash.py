"""The bulk hashing gives scikit-learn's matrix exactly: the span model's features depend on it."""

from __future__ import annotations

import random

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils import murmurhash3_32

from pagesieve.ngram_hash import bucket, hashing_transform, murmurhash3_32_spans
from pagesieve.spans import SpanModel

_POOLS = [
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'.,;:!?()",
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿÀÉÎÕÜĀăĕğıİŁœšžẞß",
    "ΑΒΓΔΣσςαβγ",
    "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出会三年网址娱乐城",
    "😀🎉👍🏽🧑\U00020000\U0002a6d6",  # astral: 4 UTF-8 bytes, one code point each
    "\u0301\u0308\u200b\u200d\ufeff",  # combining marks and zero-width characters (not spaces)
]
_SPACES = [" ", " ", " ", "\t", "\n", "\r\n", "\xa0", "\u3000", "\u2028", "\x1c", "\x85", "  "]


def _word(rng: random.Random) -> str:
    pools = rng.sample(_POOLS, rng.choice((1, 1, 2)))
    length = rng.choice((1, 1, 2, 3, 4, 5, 7, 12, 30))
    return "".join(rng.choice(rng.choice(pools)) for _ in range(length))


def _texts(seed: int, n: int = 300) -> list[str]:
    rng = random.Random(seed)
    out = ["", " ", "\t\n", "a", "ab", " x ", "İ", "ΣΑΣ", "😀", "的"]
    for _ in range(n):
        parts = [rng.choice(_SPACES) if rng.random() < 0.2 else ""]
        for _ in range(rng.randrange(0, 12)):
            parts += [_word(rng), rng.choice(_SPACES)]
        out.append("".join(parts).rstrip() if rng.random() < 0.5 else "".join(parts))
    return out


def _assert_same(a, b) -> None:
    assert type(a) is type(b) and a.shape == b.shape
    a, b = a.copy(), b.copy()
    a.sort_indices()
    b.sort_indices()
    assert (a != b).nnz == 0
    for name in ("indptr", "indices", "data"):
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype and np.array_equal(x, y), name


def test_murmurhash_matches_sklearn_on_random_byte_strings() -> None:
    rng = random.Random(1)
    pieces = [rng.randbytes(rng.randrange(0, 41)) for _ in range(5000)]
    lengths = np.array([len(p) for p in pieces])
    starts = np.cumsum(lengths) - lengths
    got = murmurhash3_32_spans(b"".join(pieces), starts, lengths)
    want = np.array([murmurhash3_32(p, positive=False) for p in pieces], dtype=np.int32)
    assert got.dtype == np.int32 and np.array_equal(got, want)


def test_murmurhash_of_overlapping_spans() -> None:
    data = "ab 的😀c".encode()
    spans = [(s, n) for s in range(len(data)) for n in range(len(data) - s + 1)]
    starts, lengths = np.array(spans).T
    got = murmurhash3_32_spans(data, starts, lengths)
    assert got.tolist() == [murmurhash3_32(data[s : s + n], positive=False) for s, n in spans]


@pytest.mark.parametrize("n_features", [1, 7, 1000, 2**15, 2**16, 2**20 + 3])
def test_bucket_follows_feature_hasher_including_its_int_min_case(n_features: int) -> None:
    h = np.array([0, 1, -1, 2**31 - 1, -(2**31) + 1, -(2**31)], dtype=np.int32)
    want = [abs(int(x)) % n_features for x in h[:-1]]
    want.append((2147483647 - (n_features - 1)) % n_features)  # _hashing_fast.pyx
    assert bucket(h, n_features).tolist() == want


@pytest.mark.parametrize("seed", range(3))
def test_span_model_hashers_match_sklearn(seed: int) -> None:
    model = SpanModel()
    texts = _texts(seed)
    for vectorizer in (model.hasher, model.word_hasher):
        _assert_same(hashing_transform(vectorizer, texts), vectorizer.transform(texts))


@pytest.mark.parametrize(
    "params",
    [
        {"analyzer": "char_wb", "ngram_range": (1, 3), "n_features": 1000},
        {"analyzer": "char_wb", "ngram_range": (3, 5), "n_features": 7},
        {"analyzer": "char_wb", "ngram_range": (5, 6)},  # short words: one n-gram, the whole word
        {"analyzer": "char_wb", "ngram_range": (2, 2), "lowercase": False, "norm": None},
        {"analyzer": "char_wb", "ngram_range": (2, 4), "binary": True},
        {"analyzer": "char_wb", "strip_accents": "unicode"},  # sklearn's analyzer, bulk hashing
        {"analyzer": "char", "ngram_range": (1, 3)},
        {"analyzer": "word"},
        {"analyzer": "word", "lowercase": False, "n_features": 999},
        {"analyzer": "word", "ngram_range": (1, 2)},
        {"analyzer": "word", "stop_words": ["a", "the"]},
        {"analyzer": "char_wb", "alternate_sign": True},  # falls back to sklearn
        {"analyzer": "char_wb", "norm": "l1"},  # falls back to sklearn
    ],
)
def test_other_settings_match_sklearn(params: dict) -> None:
    vectorizer = HashingVectorizer(**{"alternate_sign": False, **params})
    texts = _texts(7, 120)
    _assert_same(hashing_transform(vectorizer, texts), vectorizer.transform(texts))


def test_shipped_model_hashers_match_sklearn(detector) -> None:
    texts = _texts(11, 200)
    for vectorizer in (detector.spans.hasher, detector.spans.word_hasher):
        _assert_same(hashing_transform(vectorizer, texts), vectorizer.transform(texts))


def test_texts_without_any_feature_give_empty_rows() -> None:
    vectorizer = SpanModel().hasher
    X = hashing_transform(vectorizer, ["", "  \t", "\u3000"])
    assert sp.issparse(X) and X.shape == (3, vectorizer.n_features) and X.nnz == 0
    _assert_same(X, vectorizer.transform(["", "  \t", "\u3000"]))


def test_no_rows_is_sklearn_own_error_and_a_lone_surrogate_is_hashed() -> None:
    model = SpanModel()
    with pytest.raises(Exception) as want:
        model.hasher.transform([])
    with pytest.raises(want.type):  # no rows at all: sklearn's own error
        hashing_transform(model.hasher, [])
    # a lone surrogate (legal in JSON input) is hashed as the three bytes "surrogatepass" gives
    # it, where sklearn raises in its n-grams (and the page's whole batch failed)
    texts = ["ok", "bad \ud800 text"]
    with pytest.raises(UnicodeEncodeError):
        model.hasher.transform(texts)
    got = hashing_transform(model.hasher, texts)
    _assert_same(got[:1], model.hasher.transform(texts[:1]))
    assert got[1].nnz > 0
    texts = ["ok", "bad \ud800 text"]
    _assert_same(hashing_transform(model.word_hasher, texts), model.word_hasher.transform(texts))
