"""``HashingVectorizer.transform`` computed in bulk, with the same matrix as scikit-learn's.

scikit-learn builds every character n-gram as a Python string, then hashes the strings one by
one; for the span model's candidate texts that is most of the cost of their features. Here the
n-grams are (start, length) spans over one UTF-8 buffer of all the texts, murmurhash3 runs over
all spans at once in numpy, and duplicates are summed with one sort. Indices, values (l2 norm
included) and dtypes are the same as ``vectorizer.transform(texts)``; settings this module does
not reproduce fall back to that call.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np
import scipy.sparse as sp

from pagesieve.sklearn_imports import HashingVectorizer, get_config

_C1, _C2 = np.uint32(0xCC9E2D51), np.uint32(0x1B873593)
_TAIL_MASK = np.array([0, 0xFF, 0xFFFF, 0xFFFFFF], dtype=np.uint32)


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    return (x << r) | (x >> (32 - r))


def _mix_k(k: np.ndarray) -> np.ndarray:
    k = k * _C1
    return _rotl(k, 15) * _C2


def murmurhash3_32_spans(data: bytes, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Signed 32-bit murmurhash3 (seed 0) of ``data[s:s+n]`` for every span, as int32.

    The same value as ``sklearn.utils.murmurhash3_32(data[s:s+n], positive=False)``; the 4-byte
    blocks are read as unaligned little-endian words, so no span is ever copied out.
    """
    starts = np.asarray(starts, dtype=np.int64)
    lengths = np.asarray(lengths, dtype=np.int64)
    buf = np.frombuffer(bytes(data) + b"\0\0\0\0", dtype=np.uint8)
    # word at every byte offset: the blocks and (masked) tails of all spans
    words = np.ndarray(shape=(len(buf) - 3,), dtype="<u4", buffer=buf, strides=(1,))
    h = np.zeros(len(starts), dtype=np.uint32)
    n_blocks = lengths >> 2
    rows = np.flatnonzero(n_blocks > 0)
    j = 0
    while len(rows):
        k = _mix_k(words[starts[rows] + 4 * j])
        x = _rotl(h[rows] ^ k, 13)
        h[rows] = x * np.uint32(5) + np.uint32(0xE6546B64)
        j += 1
        rows = rows[n_blocks[rows] > j]
    rem = lengths & 3
    rows = np.flatnonzero(rem)
    if len(rows):
        tail = words[starts[rows] + 4 * n_blocks[rows]] & _TAIL_MASK[rem[rows]]
        h[rows] ^= _mix_k(tail)
    h ^= lengths.astype(np.uint32)
    h ^= h >> 16
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> 13
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> 16
    return h.view(np.int32)


def _utf8_offsets(text: str) -> tuple[bytes, np.ndarray]:
    """The UTF-8 bytes of ``text`` and the byte offset of each code point (plus the end)."""
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    size = 1 + (cps >= 0x80).astype(np.int64) + (cps >= 0x800) + (cps >= 0x10000)
    offsets = np.zeros(len(cps) + 1, dtype=np.int64)
    np.cumsum(size, out=offsets[1:])
    return text.encode("utf-8", "surrogatepass"), offsets


def _runs(lengths: np.ndarray) -> np.ndarray:
    """0..n-1 for each n of ``lengths``, concatenated."""
    ends = np.cumsum(lengths)
    return np.arange(ends[-1] if len(ends) else 0) - np.repeat(ends - lengths, lengths)


def _char_wb_spans(
    texts: list[str], min_n: int, max_n: int
) -> tuple[bytes, np.ndarray, np.ndarray, np.ndarray]:
    """Row, byte start and byte length of every n-gram of ``_char_wb_ngrams``, for all texts.

    The words of all texts are laid out as ``" w1  w2  w3 "``: each padded word is a run of
    code points, and its n-grams are windows inside the run (one window of the whole padded word
    when it is no longer than the smallest n; larger n stop once a window covered the word).
    """
    per_text = list(map(str.split, texts))
    words = list(chain.from_iterable(per_text))
    word_row = np.repeat(
        np.arange(len(texts)), np.fromiter(map(len, per_text), np.int64, len(texts))
    )
    width = np.fromiter(map(len, words), np.int64, len(words)) + 2
    first = np.cumsum(width) - width
    data, offsets = _utf8_offsets(" " + "  ".join(words) + " " if words else "")
    rows, starts, lengths = [], [], []
    for n in range(min_n, max_n + 1):
        if n == min_n:
            sel = np.arange(len(words))
            count, size = np.maximum(width - n + 1, 1), np.minimum(width, n)
        else:
            sel = np.flatnonzero(width >= n)
            count, size = width[sel] - n + 1, np.full(len(sel), n)
        at = np.repeat(first[sel], count) + _runs(count)
        rows.append(np.repeat(word_row[sel], count))
        starts.append(offsets[at])
        lengths.append(offsets[at + np.repeat(size, count)] - starts[-1])
    return data, np.concatenate(rows), np.concatenate(starts), np.concatenate(lengths)


def _token_spans(
    features: list[list[str]],
) -> tuple[bytes, np.ndarray, np.ndarray, np.ndarray]:
    """Row, byte start and byte length of each feature string, for features made in Python."""
    flat = list(chain.from_iterable(features))
    rows = np.repeat(
        np.arange(len(features)), np.fromiter(map(len, features), np.int64, len(features))
    )
    ends = np.cumsum(np.fromiter(map(len, flat), np.int64, len(flat)))
    data, offsets = _utf8_offsets("".join(flat))
    starts = offsets[ends - np.fromiter(map(len, flat), np.int64, len(flat))]
    return data, rows, starts, offsets[ends] - starts


def bucket(h: np.ndarray, n_features: int) -> np.ndarray:
    """FeatureHasher's column of each int32 hash: ``abs(h) % n_features``.

    Its special case for ``h == -2**31``, ``(2**31 - 1 - (n_features - 1)) % n_features``, equals
    ``2**31 % n_features``, so the plain absolute value in int64 gives it too.
    """
    return np.abs(h.astype(np.int64)) % n_features


def _supported(v: HashingVectorizer) -> bool:
    min_n, max_n = v.ngram_range
    return (
        isinstance(v.analyzer, str)
        and v.input == "content"
        and not v.alternate_sign
        and v.norm in ("l2", None)
        and np.dtype(v.dtype) == np.float64
        and 1 <= min_n <= max_n
    )


def hashing_transform(vectorizer: HashingVectorizer, texts: Sequence[str]) -> sp.spmatrix:
    """The matrix of ``vectorizer.transform(texts)``, char_wb n-grams made and hashed in bulk.

    Other analyzers keep scikit-learn's Python analyzer and only hash in bulk; settings not
    reproduced here (alternate signs, l1 norm, file inputs, ...) and texts that are not ``str``
    or hold lone surrogates go to ``vectorizer.transform``, which also raises its own errors.
    """
    v = vectorizer
    texts = list(texts)
    if not texts or not _supported(v):
        return v.transform(texts)
    # scikit-learn's analyzer is decode (a no-op for str), preprocess (lowercase), then n-grams
    plain = v.preprocessor is None and not v.strip_accents and set(map(type, texts)) == {str}
    try:
        if plain and v.analyzer == "char_wb":
            lowered = list(map(str.lower, texts)) if v.lowercase else texts
            data, rows, starts, lengths = _char_wb_spans(lowered, *v.ngram_range)
        elif (
            plain
            and v.analyzer == "word"
            and v.stop_words is None
            and tuple(v.ngram_range) == (1, 1)
        ):
            lowered = list(map(str.lower, texts)) if v.lowercase else texts
            data, rows, starts, lengths = _token_spans(list(map(v.build_tokenizer(), lowered)))
        else:
            data, rows, starts, lengths = _token_spans(list(map(v.build_analyzer(), texts)))
    except (UnicodeError, TypeError):
        return v.transform(texts)
    key = rows * v.n_features + bucket(murmurhash3_32_spans(data, starts, lengths), v.n_features)
    key, counts = np.unique(key, return_counts=True)
    row, col = np.divmod(key, v.n_features)
    values = np.ones(len(key)) if v.binary else counts.astype(np.float64)
    if v.norm == "l2":
        # the squares are integers, so their sum is exact in any order, as is sqrt then divide
        norms = np.sqrt(np.bincount(row, weights=values * values, minlength=len(texts)))
        values = values / norms[row]
    indptr = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=len(texts)), out=indptr[1:])
    # FeatureHasher widens the indices when its unsummed entries overflow int32
    index_dtype = np.int32 if len(rows) <= np.iinfo(np.int32).max else np.int64
    X = sp.csr_matrix(
        (values, col.astype(index_dtype), indptr.astype(index_dtype)),
        shape=(len(texts), v.n_features),
    )
    X.has_canonical_format = True
    if get_config().get("sparse_interface") == "sparray":
        return sp.csr_array(X)
    return X
