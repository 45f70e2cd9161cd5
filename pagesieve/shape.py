"""Shape features of paragraphs, computed for a whole batch at once.

All paragraphs are joined into one string and turned into a code-point array; a lookup table
gives each code point its character classes, per-paragraph counts are segment sums
(``reduceat``), and regex matches are mapped to paragraphs with ``searchsorted``. No Python loop
runs per paragraph.
"""

from __future__ import annotations

import unicodedata

import numpy as np

from pagesieve.batch_text import JoinedParagraphs
from pagesieve.patterns import CUE_PATTERNS, cue_starts, matches_in_runs, template_starts

# Character classes as bits of one lookup table over the Basic Multilingual Plane.
(
    UPPER,
    LOWER,
    DIGIT,
    HAN,
    KANA,
    SPACE,
    COMMA,
    SEP,
    BRACE,
    SENT_END,
    OPENER,
    OTHER,
    LATIN_EXT,
    CLOSER,
) = (1 << i for i in range(14))


def _class_table() -> np.ndarray:
    t = np.zeros(0x10000, dtype=np.uint16)
    r = np.arange(0x10000)

    def chars(s: str) -> list[int]:
        return [ord(c) for c in s]

    t[(r >= 65) & (r <= 90)] |= UPPER
    t[(r >= 97) & (r <= 122)] |= LOWER
    t[((r >= 48) & (r <= 57)) | ((r >= 0xFF10) & (r <= 0xFF19))] |= DIGIT
    t[((r >= 0x4E00) & (r <= 0x9FFF)) | ((r >= 0x3400) & (r <= 0x4DBF))] |= HAN
    t[((r >= 0x3040) & (r <= 0x30FF)) | ((r >= 0xAC00) & (r <= 0xD7AF))] |= KANA
    t[chars(" \t\u3000\xa0")] |= SPACE
    t[chars(",，、;；")] |= COMMA
    t[chars("|»›>•·/–—:：-_*#=+<«")] |= SEP
    t[chars("{}[]<>%$")] |= BRACE
    t[chars(".!?。！？")] |= SENT_END
    t[chars("\"'“‘(（[【「《")] |= OPENER
    t[chars("\"'”’»)）」』】》")] |= CLOSER
    t[(r >= 0x370) & (r < 0x2000)] |= OTHER
    t[(r >= 0xC0) & (r <= 0x24F)] |= LATIN_EXT
    # The letters of other alphabets (Greek, Cyrillic, Armenian, Hebrew, Arabic, Devanagari…)
    # are read as Latin ones: upper or lower case, or lower case where the alphabet has none,
    # their marks part of the word, their digits digits. The labeled pages are English and
    # Chinese, where such lines are mostly language menus: read by script, plain Russian,
    # Greek, Arabic or Hindi articles lost their titles and last paragraphs as navigation.
    for c in range(0x370, 0x2000):
        ch = chr(c)
        kind = unicodedata.category(ch)
        if ch.isupper():
            t[c] = UPPER
        elif kind[0] in "LM":
            t[c] = LOWER
        elif kind == "Nd":
            t[c] = DIGIT
    # sentence ends and commas of other scripts (Devanagari danda, Arabic, Urdu, Armenian),
    # which the range above would count as letters
    t[chars("।॥؟۔։")] = SENT_END
    t[chars("،؛")] = COMMA
    return t


_TABLE = _class_table()
#: the distinct class values (characters beyond the BMP are OTHER) and each BMP character's
#: index among them, so that one histogram per paragraph gives every class count
_CLASS_VALUES, _CODE = np.unique(np.append(_TABLE, OTHER), return_inverse=True)
_CLASS_VALUES, _CODE = _CLASS_VALUES.astype(np.uint16), _CODE[:-1].astype(np.uint8)
_ASTRAL_CODE = int(np.searchsorted(_CLASS_VALUES, OTHER))
LETTER = UPPER | LOWER | LATIN_EXT | OTHER
WORD = LETTER | DIGIT

SHAPE_NAMES: tuple[str, ...] = (
    "log_chars",
    "log_words",
    "mean_word_len",
    "frac_upper",
    "frac_lower",
    "frac_digit",
    "frac_cjk",
    "frac_kana_hangul",
    "frac_other_script",
    "frac_space",
    "frac_punct",
    "frac_comma",
    "frac_separator",
    "commas_per_word",
    "comma_nospace",
    "frac_titlecase_words",
    "sentence_ends",
    "ends_sentence",
    "ends_colon",
    "ends_letter",
    "ends_digit",
    "starts_upper",
    "starts_lower",
    "starts_digit",
    "starts_punct",
    "starts_opener",
    "starts_cjk",
    "all_caps",
    "braces",
    "lower_upper_glue",
    "template",
    *(f"cue_{name}" for name in CUE_PATTERNS),
)


def paragraph_counts(mask: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """How many of ``mask[starts[i]:ends[i]]`` are set, for paragraphs joined with one newline
    (``starts[i + 1] == ends[i] + 1``).

    One ``reduceat`` sums each paragraph with the newline after it, then the newline is taken
    back: five times faster than differences of a cumulative sum, which casts and writes a
    whole int32 array per mask.
    """
    if ends[-1] == starts[-1]:  # an empty last paragraph starts past the end: reduceat needs it in
        mask = np.append(mask, False)
    sums = np.add.reduceat(mask, starts, dtype=np.int32)
    sums[:-1] -= mask[ends[:-1]]
    return sums


def class_histogram(
    code: np.ndarray, starts: np.ndarray, ends: np.ndarray, n_codes: int
) -> np.ndarray:
    """``(n_paragraphs, n_codes)`` counts of each code in ``code[starts[i]:ends[i]]``, for
    paragraphs joined with one newline (``starts[i + 1] == ends[i] + 1``).

    One ``bincount`` over (paragraph, code) keys, the newlines sent to a bin of their own: every
    class count of the shape features at once, instead of a segment sum per class.
    """
    n = len(starts)
    key = np.repeat(np.arange(n, dtype=np.int64) * n_codes, ends - starts + 1)[: len(code)]
    key += code
    key[ends[:-1]] = n * n_codes  # the newlines between paragraphs
    return np.bincount(key, minlength=(n + 1) * n_codes)[: n * n_codes].reshape(n, n_codes)


def shape_features(paragraphs: list[str], text: JoinedParagraphs | None = None) -> np.ndarray:
    """A ``(n_paragraphs, len(SHAPE_NAMES))`` float32 matrix."""
    n = len(paragraphs)
    out = np.zeros((n, len(SHAPE_NAMES)), dtype=np.float32)
    if n == 0:
        return out
    text = text or JoinedParagraphs.of(paragraphs)
    joined = text.joined
    cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    code = np.take(_CODE, cp, mode="clip")  # no temporary array of clipped code points
    if len(cp) and cp.max() > 0xFFFF:
        code[cp > 0xFFFF] = _ASTRAL_CODE
    cls = _CLASS_VALUES[code]
    lens = np.fromiter(map(len, paragraphs), dtype=np.int64, count=n)
    starts = text.starts
    ends = starts + lens
    safe_len = np.maximum(lens, 1).astype(np.float32)
    hist = class_histogram(code, starts, ends, len(_CLASS_VALUES))

    def count(mask: np.ndarray) -> np.ndarray:
        return paragraph_counts(mask, starts, ends).astype(np.float32)

    def count_class(selected: np.ndarray) -> np.ndarray:
        """Characters whose class value is ``selected`` (a mask over ``_CLASS_VALUES``)."""
        return hist[:, selected].sum(axis=1).astype(np.float32)

    def has(bits: int) -> np.ndarray:
        return (cls & bits) != 0

    def with_bits(bits: int) -> np.ndarray:
        return count_class((_CLASS_VALUES & bits) != 0)

    upper, lower, letter, word = has(UPPER), has(LOWER), has(LETTER), has(WORD)
    boundary = np.ones(len(cp), dtype=bool)  # the previous char ends a word
    boundary[1:] = has(SPACE | OPENER)[:-1] | (cp[:-1] == 10)
    word_start = word & boundary
    next_letter = np.zeros(len(cp), dtype=bool)
    next_letter[:-1] = letter[1:]
    glue = np.zeros(len(cp), dtype=bool)
    glue[1:] = lower[:-1] & upper[1:]  # "nowBut": a link glued to the next sentence

    n_word_starts = count(word_start)
    n_han = with_bits(HAN)
    words = n_word_starts + 0.5 * n_han
    n_upper, n_lower, n_comma = with_bits(UPPER), with_bits(LOWER), with_bits(COMMA)
    last = cls[np.maximum(ends - 1, 0)]
    first = cls[starts]
    cols = [
        np.log1p(lens),
        np.log1p(words),
        with_bits(WORD) / np.maximum(n_word_starts, 1),
        n_upper / safe_len,
        n_lower / safe_len,
        with_bits(DIGIT) / safe_len,
        n_han / safe_len,
        with_bits(KANA) / safe_len,
        with_bits(OTHER) / safe_len,
        with_bits(SPACE) / safe_len,
        count_class(_CLASS_VALUES == 0) / safe_len,
        n_comma / safe_len,
        with_bits(SEP) / safe_len,
        n_comma / np.maximum(words, 1),
        count((cp == 44) & next_letter),
        count(upper & boundary) / np.maximum(n_word_starts, 1),
        with_bits(SENT_END),
        (last & (SENT_END | CLOSER)) != 0,
        (cp[np.maximum(ends - 1, 0)] == 58) | (cp[np.maximum(ends - 1, 0)] == 0xFF1A),
        (last & (UPPER | LOWER | HAN)) != 0,
        (last & DIGIT) != 0,
        (first & UPPER) != 0,
        (first & LOWER) != 0,
        (first & DIGIT) != 0,
        (first & SEP) != 0,
        (first & OPENER) != 0,
        (first & HAN) != 0,
        (n_upper >= 3) & (n_lower == 0),
        with_bits(BRACE),
        count(glue),
    ]
    for j, col in enumerate(cols):
        out[:, j] = col

    def per_paragraph(pos: list[int]) -> np.ndarray:
        if not pos:
            return np.zeros(n, dtype=np.float32)
        return np.bincount(text.paragraph_of(pos), minlength=n).astype(np.float32)

    base = len(cols)
    out[:, base] = per_paragraph(template_starts(joined))
    has_han = n_han > 0
    for k, name in enumerate(CUE_PATTERNS, start=base + 1):
        if name in HAN_CUES:  # their matches start with a Han character, inside a paragraph
            found = matches_in_runs(CUE_PATTERNS[name], text.lowered, starts, ends, has_han)
            out[:, k] = per_paragraph([m.start() for m in found])
        else:
            out[:, k] = per_paragraph(cue_starts(name, text.lowered))
    return out


#: Cue patterns whose matches start with a Han character and stay inside one paragraph.
HAN_CUES = frozenset({"pinyin_paren", "cjk_brand_suffix"})
