"""Pages in a language the model learnt little of: neither English nor Chinese.

The labeled pages are English and Chinese, so on a German, Polish or Turkish page the model
knows few of the words and reads each line by its shape and its place: its scores there are
timid (furniture at 0.5-0.9 where English furniture scores above 0.95), and at the operating
point it caught about a tenth of such pages' furniture in two audits of 88 pages in twelve
languages, flagging almost none of their article lines. The score of every paragraph of such a
page is raised by ``UNREAD_PAGE_SHIFT`` in log-odds, so that the operating point flags about
as much of their article text as it does of English pages written the same way
(``bench/unread_pages.py``, the pages in ``data/unread_pages``).

A page is told by its words and letters: English function words (``the``, ``and``, ``of``…)
are under ``ENGLISH_SHARE`` of its tokens, Han, kana and Hangul under ``CJK_SHARE`` of its
characters (a Chinese page is read as the model learnt), and its letters are Latin or Cyrillic,
the scripts of the pages measured first. Pages in Greek, Arabic, Hebrew, Devanagari, Thai and
other alphabets (``OTHER_ALPHABET_SHARE`` of their characters) get a raise of their own,
``OTHER_ALPHABET_SHIFT``, chosen the same way on pages in six such languages. Japanese and
Korean pages (kana or Hangul ``CJK_SHARE`` of their characters) can be raised too, one shift a
script (``KANA_SHIFT``, ``HANGUL_SHIFT``, none by default): the model reads a Japanese page's
Han characters as it reads Chinese, and of a Korean page next to nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit, logit

from pagesieve.segment import Segments
from pagesieve.shape import SHAPE_NAMES
from pagesieve.tokens import codepoints

#: the commonest English words that no other language written in Latin letters uses as often
_ENGLISH = (
    "the and of to is that for with was are this on it be as by at from have has not but or an "
    "which were their will would they you we he she his her its been more there can all about "
    "into than also our your"
)
ENGLISH_WORDS = tuple(_ENGLISH.split())
#: English pages hold 10-40% of such words among their tokens, even pages of menus and tickers
#: mostly above 5%; pages in other languages in Latin or Cyrillic letters under 2.5%
ENGLISH_SHARE = 0.03
#: the same share below which other languages' furniture phrases are looked for: a little
#: looser (a German page with English menus), and no English page pays for the lookups
FOREIGN_ENGLISH_SHARE = 0.05
CJK_SHARE = 0.1
#: log-odds added to the paragraph scores of such a page (``bench/unread_pages.py``, on pages
#: written to choose it; 0.8 until session 37, chosen on the calibration pages, which the model
#: is fitted on since session 36; chosen again for each shipped model, 1.76 for session 45's)
UNREAD_PAGE_SHIFT = 1.76
_HAN, _KANA_HANGUL = SHAPE_NAMES.index("frac_cjk"), SHAPE_NAMES.index("frac_kana_hangul")
#: the share of a page's characters in other alphabets than Latin and Cyrillic (Greek, Arabic,
#: Hebrew, Devanagari, Thai… U+0370-U+1FFF; not U+1E00-U+1EFF, Latin letters with two marks,
#: Vietnamese's, read as such until session 63) from which its scores are raised by
#: ``OTHER_ALPHABET_SHIFT`` instead
OTHER_ALPHABET_SHARE = 0.1
#: log-odds added to the paragraph scores of a page in such an alphabet: the model reads even
#: fewer of its words, and without it caught 17% of the furniture of 24 pages in Greek, Arabic,
#: Hebrew, Hindi, Persian and Thai, flagging none of their article lines
#: (``bench/unread_pages.py --alphabets``, the pages in ``data/other_alphabets``; 2.16 for
#: session 45's model)
OTHER_ALPHABET_SHIFT = 2.16
#: log-odds added to the paragraph scores of a page a tenth of whose characters are kana
#: (Japanese), and of one a tenth of whose characters are Hangul (Korean). None by default:
#: chosen each on its language's pages in ``data/ja_ko_pages/shift.jsonl`` with the budget of
#: the others (``bench/unread_pages.py --kana``, ``--hangul``: 0.56 and 2.48), they flagged
#: 3.0% of the article lines of the blind test pages (0.5% without), past the 2.5% registered
#: before they were scored (``bench/README.md``, session 63). For crawls mostly in those
#: languages, set ``Detector.kana_shift`` and ``hangul_shift``.
KANA_SHIFT = 0.0
HANGUL_SHIFT = 0.0
#: scripts among the other alphabets that can get a raise of their own instead of
#: ``OTHER_ALPHABET_SHIFT``, by name: the code points of the script (a page is in it when most
#: of its other-alphabet characters are) and the raise. None differs by default. Chosen on
#: that language's pages of ``data/bn_ta_pages/shift.jsonl`` with the others' budget
#: (``bench/unread_pages.py --script NAME``: Bengali 1.52, Tamil 2.12), the Bengali raise
#: flagged 2.1% of the blind test pages' Bengali article lines instead of 7.6%, but caught
#: 0.795 of their noise instead of 0.892, and the F1 registered to decide fell (0.822 to 0.798
#: over both languages; ``bench/README.md``, session 63). For crawls that would rather keep
#: article text, ``Detector.script_shifts = {"bengali": 1.52}``.
SCRIPT_RANGES: dict[str, tuple[int, int]] = {"bengali": (0x980, 0xA00), "tamil": (0xB80, 0xC00)}
SCRIPT_SHIFTS: dict[str, float] = {name: OTHER_ALPHABET_SHIFT for name in SCRIPT_RANGES}


@dataclass(frozen=True, slots=True)
class PageLanguages:
    """Per paragraph, what its page is written in, as far as the model's reading goes."""

    #: on a page neither English (``FOREIGN_ENGLISH_SHARE``) nor Chinese, or a Japanese or
    #: Korean one (kana and Hangul ``CJK_SHARE`` of its characters at least): where
    #: ``furniture_words`` looks for other languages' furniture phrases
    foreign: np.ndarray
    #: on a foreign page by the stricter ``ENGLISH_SHARE``, in Latin or Cyrillic letters: the
    #: rows whose scores are raised by ``UNREAD_PAGE_SHIFT``
    unread: np.ndarray
    #: the same, but in other alphabets (``OTHER_ALPHABET_SHARE``): raised by
    #: ``OTHER_ALPHABET_SHIFT``
    other_alphabet: np.ndarray
    #: on a page ``CJK_SHARE`` of whose characters are Han, kana or Hangul
    cjk: np.ndarray
    #: on such a page, the script of ``SCRIPT_RANGES`` most of its other-alphabet characters
    #: are in (its index in that table), else -1: raised by its ``SCRIPT_SHIFTS`` instead
    script: np.ndarray
    #: on a page ``CJK_SHARE`` of whose characters are kana: raised by ``KANA_SHIFT``
    kana: np.ndarray
    #: on one ``CJK_SHARE`` of whose characters are Hangul: raised by ``HANGUL_SHIFT``
    hangul: np.ndarray

    @property
    def comment_rows(self) -> np.ndarray:
        """Per row, whether stage 1's reading of a reader's comment means something on its
        page: pages in Latin or Cyrillic letters, English or not. Not on pages in other
        alphabets, where stage 1 calls a fifth of the prose comments, nor on Chinese, Japanese
        or Korean ones, where reading it cost the Chinese dev pages. Latin and Cyrillic pages it
        does not know are read: with their comment features missing instead, their last
        paragraphs scored as the noisy ends of the few such pages in training."""
        return ~(self.other_alphabet | self.cjk)

    def shifts(
        self,
        unread_shift: float,
        alphabet_shift: float,
        kana_shift: float = 0.0,
        hangul_shift: float = 0.0,
        script_shifts: dict[str, float] | None = None,
    ) -> np.ndarray:
        """Per row, the log-odds its score is raised by (0: not raised); ``script_shifts``
        by the names of ``SCRIPT_RANGES`` (a script not named: ``alphabet_shift``)."""
        out = np.where(self.unread, unread_shift, 0.0)
        by_script = np.array(
            [(script_shifts or {}).get(name, alphabet_shift) for name in SCRIPT_RANGES]
            + [alphabet_shift]
        )
        out += np.where(self.other_alphabet, by_script[self.script], 0.0)
        out += np.where(self.kana, kana_shift, 0.0)
        return out + np.where(self.hangul & ~self.kana, hangul_shift, 0.0)


def page_languages(
    seg: Segments, english: np.ndarray, tokens: np.ndarray, shape: np.ndarray
) -> PageLanguages:
    """``english`` and ``tokens`` count each paragraph's English function words and tokens,
    ``shape`` holds its ``shape_features``."""
    n_docs = len(seg.doc_ptr) - 1
    chars = (seg.ends - seg.starts).astype(np.float64)
    han = np.bincount(seg.doc, shape[:, _HAN] * chars, minlength=n_docs)
    kana_hangul = np.bincount(seg.doc, shape[:, _KANA_HANGUL] * chars, minlength=n_docs)
    cjk = han + kana_hangul
    all_chars = np.bincount(seg.doc, chars, minlength=n_docs)
    words = np.bincount(seg.doc, english, minlength=n_docs)
    all_tokens = np.bincount(seg.doc, tokens, minlength=n_docs)
    foreign = (words < FOREIGN_ENGLISH_SHARE * all_tokens) & (cjk < CJK_SHARE * all_chars)
    foreign &= all_tokens > 0
    unread = foreign & (words < ENGLISH_SHARE * all_tokens)
    kana_hangul_page = kana_hangul >= CJK_SHARE * all_chars
    foreign |= kana_hangul_page
    kana, hangul = np.zeros_like(unread), np.zeros_like(unread)
    # which of the two, read from the code points of those pages only
    for doc in np.flatnonzero(kana_hangul_page).tolist():
        cp = _page_codepoints(seg, doc)
        share = CJK_SHARE * len(cp)
        kana[doc] = np.count_nonzero((cp >= 0x3040) & (cp <= 0x30FF)) >= share
        hangul[doc] = np.count_nonzero((cp >= 0xAC00) & (cp <= 0xD7AF)) >= share
    other_alphabet = np.zeros_like(unread)
    script = np.full(n_docs, -1, dtype=np.int64)
    # the alphabet, read from the code points of those pages only
    for doc in np.flatnonzero(unread).tolist():
        cp = _page_codepoints(seg, doc)
        other = (cp >= 0x370) & (cp < 0x2000) & ~((cp >= 0x400) & (cp < 0x530))
        other &= ~((cp >= 0x1E00) & (cp < 0x1F00))  # Latin letters with two marks (Vietnamese)
        n_other = np.count_nonzero(other)
        other_alphabet[doc] = n_other >= OTHER_ALPHABET_SHARE * len(cp)
        if not other_alphabet[doc]:
            continue
        for i, (lo, hi) in enumerate(SCRIPT_RANGES.values()):
            if 2 * np.count_nonzero((cp >= lo) & (cp < hi)) > n_other:
                script[doc] = i
    unread &= ~other_alphabet
    cjk_page = cjk >= CJK_SHARE * all_chars
    return PageLanguages(
        foreign[seg.doc],
        unread[seg.doc],
        other_alphabet[seg.doc],
        cjk_page[seg.doc],
        script[seg.doc],
        kana[seg.doc],
        hangul[seg.doc],
    )


def _page_codepoints(seg: Segments, doc: int) -> np.ndarray:
    """The code points of page ``doc``'s text, its lines joined."""
    return codepoints("\n".join(seg.paragraphs[seg.doc_ptr[doc] : seg.doc_ptr[doc + 1]]))


def raise_scores(p_noise: np.ndarray, rows: np.ndarray, shift: float | np.ndarray) -> np.ndarray:
    """``p_noise`` with the scores of ``rows`` raised by ``shift`` in log-odds (one shift, or one
    per row of ``rows``)."""
    if not rows.any() or not np.any(shift):
        return p_noise
    p = np.clip(p_noise[rows].astype(np.float64), 1e-12, 1 - 1e-12)
    out = p_noise.copy()
    out[rows] = expit(logit(p) + shift)
    return out
