"""Bag of words and word pairs for paragraphs, built for a whole batch at once.

Han and kana characters are tokens on their own, so pairs of them are character bigrams and
Chinese needs no segmenter; other scripts split on word boundaries. Tokens map to ids through a
vocabulary fixed at training time, pairs are hashed into buckets with integer arithmetic, and the
sparse matrix is assembled with numpy: the per-token work stays in C.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from itertools import repeat

import numpy as np
import scipy.sparse as sp

CJK = "\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff"
#: its alternatives, in order: a run of letters, a run of digits, then single characters
_TOKEN_PARTS = (rf"[^\W\d_{CJK}]", r"\d", f"[{CJK}]", r"\n", r"[|»›©@#{}\[\]<>%$€£¥:：/·•&=]")
TOKEN_RE = re.compile(
    "|".join(f"{part}+" for part in _TOKEN_PARTS[:2]) + "|" + "|".join(_TOKEN_PARTS[2:])
)
_LETTERS, _DIGITS, _SINGLE = 1, 2, 3  # a character's token kind (0: none), per alternative
_PART_KINDS = (_LETTERS, _DIGITS, _SINGLE, _SINGLE, _SINGLE)
_NEWLINE = -1
_UNKNOWN = -2
_SEP = "\x00"  # never in the vocabulary: no token holds it, and fit() drops the "\n" token


class TokenVectorizer:
    """Token ids and hashed token pairs, tf-weighted and l2-normalised per paragraph."""

    def __init__(
        self, max_vocab: int = 150_000, min_count: int = 3, pair_buckets: int = 2**18
    ) -> None:
        self.max_vocab = max_vocab
        self.min_count = min_count
        self.pair_buckets = pair_buckets
        self.vocab_: dict[str, int] = {}
        self._lookup: dict[str, int] | None = None
        self._hashes: np.ndarray | None = None
        self.idf_: np.ndarray | None = None

    def fit(self, lowered: str, n: int) -> TokenVectorizer:
        """Learn the vocabulary and idf weights from ``n`` lower-cased, newline-joined paragraphs."""
        counts = Counter(tokenize(lowered))
        counts.pop("\n", None)
        kept = [t for t, c in counts.most_common(self.max_vocab) if c >= self.min_count]
        self.vocab_ = {t: i for i, t in enumerate(kept)}
        self._lookup = self._hashes = None
        self.idf_ = None
        X = self.transform(lowered, n)
        df = np.bincount(X.indices, minlength=self.n_features)
        # rare words weigh more, so that page-vocabulary similarity is about topic, not function words
        self.idf_ = (np.log((n + 1) / (df + 1)) + 1.0).astype(np.float32)
        return self

    def __getstate__(self) -> dict:
        # the vocabulary as one string in id order: unpickling a dict of ~66k entries is pure
        # Python in joblib (about 0.3 s of every worker's start-up), one string is a single read
        skip = ("_lookup", "_hashes", "vocab_")
        state = {k: v for k, v in self.__dict__.items() if k not in skip}
        state["vocab_tokens"] = _SEP.join(self.vocab_)
        return state

    def __setstate__(self, state: dict) -> None:
        state = dict(state)
        # artifacts saved before the compact format carry ``vocab_`` itself and pass as they are
        if "vocab_tokens" in state:
            joined = state.pop("vocab_tokens")
            tokens = joined.split(_SEP) if joined else []
            state["vocab_"] = dict(zip(tokens, range(len(tokens))))
        self.__dict__.update(state)
        self._lookup = self._hashes = None

    @property
    def n_features(self) -> int:
        # vocabulary, one column for unknown words, one for unknown numbers, then the pair buckets
        return len(self.vocab_) + 2 + self.pair_buckets

    def transform(self, lowered: str, n: int) -> sp.csr_matrix:
        """Rows for the ``n`` paragraphs of ``lowered`` (lower-cased, joined with newlines)."""
        return self._transform(lowered, n, with_hashes=False)[0]

    def transform_with_tokens(
        self, lowered: str, n: int
    ) -> tuple[sp.csr_matrix, list[str], np.ndarray, np.ndarray]:
        """As :meth:`transform`, plus the tokens, the paragraph of each (newline tokens
        included) and their ``hash()``, which the span model reuses as page vocabulary instead of
        tokenising again. A known token's hash is its vocabulary entry's, computed once: only
        unknown tokens are hashed here."""
        return self._transform(lowered, n, with_hashes=True)

    def _vocab_hashes(self) -> np.ndarray:
        """``hash()`` of each vocabulary entry by id, then of the newline at index -1."""
        if self._hashes is None:
            size = len(self.vocab_)
            table = np.zeros(size + 2, dtype=np.int64)  # index -2 (unknown) is overwritten
            ids = np.fromiter(self.vocab_.values(), dtype=np.int64, count=size)
            table[ids] = np.fromiter(map(hash, self.vocab_), dtype=np.int64, count=size)
            table[_NEWLINE] = hash("\n")
            self._hashes = table
        return self._hashes

    def _transform(self, lowered: str, n: int, with_hashes: bool) -> tuple:
        tokens = tokenize(lowered)
        vocab_size = len(self.vocab_)
        if self._lookup is None:
            self._lookup = {**self.vocab_, "\n": _NEWLINE}
        ids = np.fromiter(
            map(self._lookup.get, tokens, repeat(_UNKNOWN)), dtype=np.int64, count=len(tokens)
        )
        unknown = np.flatnonzero(ids == _UNKNOWN)
        hashes = None
        if with_hashes:
            hashes = self._vocab_hashes()[ids]
            unknown_tokens = [tokens[i] for i in unknown.tolist()]
            hashes[unknown] = np.fromiter(map(hash, unknown_tokens), np.int64, len(unknown))
        if len(unknown):
            is_num = np.fromiter(
                (tokens[i].isdigit() for i in unknown), dtype=bool, count=len(unknown)
            )
            ids[unknown] = np.where(is_num, vocab_size + 1, vocab_size)
        newline = ids == _NEWLINE
        row = np.cumsum(newline)
        keep = ~newline
        uni_rows, uni_cols = row[keep], ids[keep]
        # pairs of consecutive tokens inside one paragraph
        a, b = ids[:-1], ids[1:]
        pair_ok = (a >= 0) & (b >= 0)
        pair_rows = row[1:][pair_ok]
        h = (a[pair_ok] * 1_000_003 + b[pair_ok] * 7919 + 12345) % self.pair_buckets
        pair_cols = vocab_size + 2 + h
        rows = np.concatenate([uni_rows, pair_rows])
        cols = np.concatenate([uni_cols, pair_cols])
        data = np.ones(len(rows), dtype=np.float32)
        X = sp.csr_matrix((data, (rows, cols)), shape=(n, self.n_features), dtype=np.float32)
        X.sum_duplicates()
        np.sqrt(X.data, out=X.data)  # damp repeated tokens
        if self.idf_ is not None:
            X.data *= self.idf_[X.indices]
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms).astype(np.float32) @ X), tokens, row, hashes


@cache
def _kind_table() -> np.ndarray:
    """The token kind of every character of the Basic Multilingual Plane: the first alternative
    of ``TOKEN_RE`` that matches it, found by the regex engine itself (a few ms, once)."""
    every = "".join(map(chr, range(0x10000)))
    table = np.zeros(0x10000, dtype=np.uint8)
    for part, kind in reversed(list(zip(_TOKEN_PARTS, _PART_KINDS))):  # the first one wins
        table[[m.start() for m in re.finditer(part, every)]] = kind
    return table


def _kinds(cp: np.ndarray) -> np.ndarray:
    kinds = np.take(_kind_table(), cp, mode="clip")  # astral characters are fixed below
    if not len(cp) or cp.max() <= 0xFFFF:
        return kinds
    astral = np.flatnonzero(cp > 0xFFFF)  # rare: classified one distinct character at a time
    chars, inverse = np.unique(cp[astral], return_inverse=True)
    parts = [re.compile(part) for part in _TOKEN_PARTS]
    found = [
        next((k for p, k in zip(parts, _PART_KINDS) if p.match(chr(c))), 0) for c in chars.tolist()
    ]
    kinds[astral] = np.array(found, dtype=np.uint8)[inverse]
    return kinds


def tokenize(text: str) -> list[str]:
    """``TOKEN_RE.findall(text)``, twice as fast: token bounds come from a per-character kind
    table with numpy (runs of letters, runs of digits, single characters); the tokens' characters
    are then copied out with a NUL after each, and one ``str.split`` makes the strings."""
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    kinds = _kinds(cp)
    if not len(kinds):
        return []
    # a segment starts where the kind changes and at every single-character token
    new = np.empty(len(kinds), dtype=bool)
    new[0] = True
    np.not_equal(kinds[1:], kinds[:-1], out=new[1:])
    new[1:] |= kinds[1:] == _SINGLE
    seg = np.flatnonzero(new)
    lengths = np.diff(seg, append=len(kinds))[kinds[seg] != 0]
    if not len(lengths):
        return []
    # every character of kind > 0 is in a token; NUL (kind 0) is never in one
    chars = np.insert(cp[kinds != 0], np.cumsum(lengths), 0)
    return chars.tobytes().decode("utf-32-le", "surrogatepass").split("\x00")[:-1]
