"""Undo mojibake before features are computed, so that damaged encodings do not read as junk.

A page whose UTF-8 was decoded as Windows-1252 shows ``â€™`` for a curly quote and ``Â©`` for a
copyright sign: its words no longer match the vocabulary, and its punctuation looks like noise.
One regex over the batch finds the paragraphs with the telltale pairs (a lead byte's character
followed by a continuation byte's); only those go through ftfy's encoding repair. Offsets are
untouched: the repaired text feeds the features of its paragraph; where the span model reads it
too, :func:`repaired_offsets` takes its positions back to the text as given.
"""

from __future__ import annotations

import re

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import numpy as np

from pagesieve.batch_text import JoinedParagraphs

# Windows-1252 / Latin-1 renderings of a UTF-8 lead byte (0xC2-0xF0), then of a continuation
# byte (0x80-0xBF), as they come out of a wrong decode.
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
MOJIBAKE_PAIR = re.compile(f"[\u00c2-\u00f0][{_CONTINUATION}]")


def repair_with_rows(
    paragraphs: list[str], text: JoinedParagraphs | None = None
) -> tuple[list[str], np.ndarray]:
    """``paragraphs`` with mojibake repaired (the same list object when there is none), and the
    indices of the paragraphs that went through the repair (the others are the same strings),
    so that callers can reuse work on the rest."""
    text = text or JoinedParagraphs.of(paragraphs)
    hits = [m.start() for m in MOJIBAKE_PAIR.finditer(text.joined)]
    if not hits:
        return paragraphs, np.zeros(0, dtype=np.int64)
    rows = np.unique(text.paragraph_of(hits))
    fixed = list(paragraphs)
    for i in rows.tolist():
        fixed[i] = ftfy.fix_encoding(fixed[i])
    return fixed, rows


def repaired_offsets(given: str, fixed: str) -> np.ndarray | None:
    """Where each position of ``fixed`` (0 to its length) lies in ``given``, when ``fixed`` is
    ``given`` undone from a whole wrong decode (UTF-8 read as Windows-1252): each repaired
    character stands for one given character per byte of its UTF-8. None when the repair did
    anything else (a partial decode, a lossy byte), which no offset map can follow.

    A Chinese page served with the wrong charset has no Han character left to search for a
    spliced brand; read repaired, its splice is found, and this puts the flag back on the
    damaged characters that hold it."""
    try:
        if fixed.encode("utf-8").decode("sloppy-windows-1252") != given:
            return None
    except UnicodeError:
        return None
    code = np.frombuffer(fixed.encode("utf-32-le"), dtype=np.uint32)
    width = 1 + (code >= 0x80).astype(np.int64) + (code >= 0x800) + (code >= 0x10000)
    return np.concatenate([[0], np.cumsum(width)])
