"""Traditional Chinese characters read as their Simplified forms, one character for one.

Most of the Chinese the model learns from (the clean articles, the lexicons, the pattern bank) is
Simplified, and a word's Traditional and Simplified forms are different tokens: a gambling brand,
a link-exchange notice or a furniture cue learned in one script is missed in the other, and spam
aimed at Taiwan, Hong Kong and Macau is written in Traditional characters. Folding one character
to one keeps every offset, so features read the folded text and flags still point into the
original. The table comes from OpenCC's ``t2s`` conversion, character by character (its phrase
rules need context that a token does not: ``乾隆`` keeps its ``乾`` there and not here).
"""

from __future__ import annotations

from functools import cache

import numpy as np

#: the blocks OpenCC maps from: CJK Extension A, the Unified Ideographs, the compatibility ones
_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@cache
def fold_table() -> np.ndarray:
    """For every Basic Multilingual Plane code point, the code point it reads as: itself, but
    for Traditional characters whose Simplified form is one character of that plane."""
    import opencc  # only pages with Han characters need it

    sources = [chr(c) for a, b in _RANGES for c in range(a, b)]
    # newline-separated, so that each character is converted on its own, not as part of a phrase
    targets = opencc.OpenCC("t2s").convert("\n".join(sources)).split("\n")
    table = np.arange(0x10000, dtype=np.uint32)
    if len(targets) != len(sources):  # never seen; then fold nothing rather than misalign
        return table
    for s, t in zip(sources, targets):
        if len(t) == 1 and t != s and ord(t) < 0x10000:
            table[ord(s)] = ord(t)
    return table


#: a line is read in Simplified when at least this share of its characters fold. Traditional
#: Chinese lines have a quarter or more; Simplified text keeps a few Traditional forms in some
#: words (``於``, ``乾隆``), and folding those would only blur its tokens
MIN_FOLDED_SHARE = 0.1


def fold_lines(text: str) -> tuple[str, np.ndarray]:
    """``text`` with the Traditional characters of its Traditional lines (split on newlines) in
    Simplified forms, and the indices of those lines; the same length, and ``text`` itself when
    nothing changes. A few passes of numpy over the code points: a batch without Han characters
    costs about as much as encoding it."""
    none = np.zeros(0, dtype=np.int64)
    if text.isascii():
        return text, none
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    han = np.flatnonzero(cp >= _RANGES[0][0])
    han = han[cp[han] < 0x10000]
    if not len(han):
        return text, none
    to = fold_table()[cp[han]]
    folds = to != cp[han]
    changed, to = han[folds], to[folds]
    if not len(changed):
        return text, none
    newlines = np.flatnonzero(cp == 10)
    line = np.searchsorted(newlines, changed)  # the line of each folding character
    lines, counts = np.unique(line, return_counts=True)
    starts = np.concatenate([[0], newlines + 1])[lines]
    ends = np.append(newlines, len(cp))[lines]
    fold_line = counts >= MIN_FOLDED_SHARE * (ends - starts)
    if not fold_line.any():
        return text, none
    chosen = np.repeat(fold_line, counts)  # ``changed`` is sorted, so its lines are runs
    out = cp.copy()
    out[changed[chosen]] = to[chosen]
    return out.tobytes().decode("utf-32-le", "surrogatepass"), lines[fold_line]


def to_simplified(text: str) -> str:
    """:func:`fold_lines`'s text."""
    return fold_lines(text)[0]


def fold_paragraphs(paragraphs: list[str], lines: np.ndarray | None = None) -> list[str]:
    """The paragraphs (lines: no newline inside) with the Traditional ones folded; ``lines``:
    which ones are (found here when not given). The others stay the same objects, and the list
    itself when none is."""
    if lines is None:
        lines = fold_lines("\n".join(paragraphs))[1]
    if not len(lines):
        return paragraphs
    out = list(paragraphs)
    for i in lines.tolist():
        out[i] = to_simplified(out[i])
    return out
