"""How strongly adjacent characters of Chinese prose hold together, from clean articles.

A phrase spliced into a Chinese sentence leaves two seams: the character before it and its first
character rarely follow each other, nor do its last character and the one after it, while the
characters on either side, which were neighbours before the splice, go together well. Chinese has
no spaces to show word edges, so these association scores tell a splice (``…仅存活了一|X返水|周…``)
from a gambling word used in its own sentence (``…体育课…``).

Letters and digits are folded into one symbol each (a brand like ``ylw8866`` is a Latin run, not
its spelling); the pair counts live in a hashed table of log-counts, one byte a slot.
"""

from __future__ import annotations

import numpy as np

from pagesieve.tokens import codepoints

#: log2(slots) of the pair table: 4 MiB, about one slot in eight filled by 11,000 articles
TABLE_BITS = 22
_SHIFT = np.uint64(64 - TABLE_BITS)
_MIX = np.uint64(0x9E3779B97F4A7C15)
#: log-counts are stored as round(log2(count + 1) * _STEPS) in a byte
_STEPS = 15.0
_LETTER, _DIGIT, _OTHER = 0x61, 0x30, 0xFFFF


def symbols(codepoints: np.ndarray) -> np.ndarray:
    """Codepoints as pair-table symbols: ASCII letters one symbol, digits another, astral one."""
    cp = np.asarray(codepoints, dtype=np.int64)
    out = np.where(cp > 0xFFFF, _OTHER, cp)
    out = np.where(((cp >= 0x41) & (cp <= 0x5A)) | ((cp >= 0x61) & (cp <= 0x7A)), _LETTER, out)
    return np.where((cp >= 0x30) & (cp <= 0x39), _DIGIT, out)


def _slot(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    key = (left.astype(np.uint64) << np.uint64(16)) | right.astype(np.uint64)
    return ((key * _MIX) >> _SHIFT).astype(np.int64)


class CharBigrams:
    """Pointwise mutual information of adjacent characters, counted on clean text."""

    def fit(self, paragraphs: list[str]) -> CharBigrams:
        s = symbols(codepoints("\n".join(paragraphs)))
        inside = (s[:-1] != 0x0A) & (s[1:] != 0x0A)  # no pair across a paragraph break
        pairs = np.bincount(_slot(s[:-1][inside], s[1:][inside]), minlength=1 << TABLE_BITS).astype(
            np.float64
        )
        self.pairs_ = np.minimum(255, np.round(np.log2(pairs + 1) * _STEPS)).astype(np.uint8)
        self.chars_ = np.bincount(s[s != 0x0A], minlength=0x10000).astype(np.float32)
        self.total_ = float(inside.sum())
        return self

    def association(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """PMI of symbol ``left[i]`` followed by ``right[i]`` (smoothed: an unseen pair of two
        common characters scores far below zero, one of two rare characters near it)."""
        pair = np.exp2(self.pairs_[_slot(left, right)] / _STEPS) - 1.0
        return np.log(
            (pair + 0.5) * self.total_ / ((self.chars_[left] + 1.0) * (self.chars_[right] + 1.0))
        )

    def seams(self, text: str, start: int, end: int) -> tuple[float, float, float]:
        """Association across the left seam, the right seam, and of the two outer neighbours
        (the pair the text had before ``text[start:end]`` was put in); 0 where there is none."""
        return self.seams_many([text], np.array([start]), np.array([end]))[0]

    def seams_many(self, texts: list[str], starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """:meth:`seams` for spans ``texts[i][starts[i]:ends[i]]``, as rows of an array."""
        n = len(texts)
        cp = np.zeros((n, 4), dtype=np.int64)  # before, first, last, after
        has = np.zeros((n, 4), dtype=bool)
        for i, (t, a, b) in enumerate(zip(texts, starts.tolist(), ends.tolist())):
            for j, k in enumerate((a - 1, a, b - 1, b)):
                if 0 <= k < len(t):
                    cp[i, j] = ord(t[k])
                    has[i, j] = True
        s = symbols(cp)
        out = np.zeros((n, 3), dtype=np.float32)
        for col, (x, y) in enumerate(((0, 1), (2, 3), (0, 3))):
            ok = has[:, x] & has[:, y]
            out[ok, col] = self.association(s[ok, x], s[ok, y])
        return out

    def pair_log_counts(self, text: str) -> np.ndarray:
        """log2(count + 1) of each pair of adjacent characters of ``text`` in the clean text
        counted (one byte a slot: to about a fifteenth)."""
        s = symbols(codepoints(text))
        return self.pairs_[_slot(s[:-1], s[1:])] / _STEPS
