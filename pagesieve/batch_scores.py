"""A batch's paragraph scores, before they become flags, and the reads every rule shares."""

from __future__ import annotations

from dataclasses import dataclass, replace
from operator import itemgetter

import numpy as np

from pagesieve.corpus import CLASSES
from pagesieve.hanzi import fold_paragraphs
from pagesieve.segment import Segments
from pagesieve.spans import PageTokens
from pagesieve.types import LABEL_INDEX

NO_ROWS = np.zeros(0, dtype=np.int64)


def gather(paragraphs: list[str], rows: np.ndarray) -> list[str]:
    """``[paragraphs[r] for r in rows]``, in one C call."""
    if len(rows) == 1:
        return [paragraphs[int(rows[0])]]
    return list(itemgetter(*rows.tolist())(paragraphs)) if len(rows) else []


def read_lines(scores: BatchScores, rows: np.ndarray) -> list[str]:
    """The paragraphs ``rows`` as the Chinese rules read them: Traditional characters folded to
    Simplified (offsets stay), mojibake repaired where the batch was (``read_paragraphs``)."""
    if scores.read_paragraphs is not None:
        return gather(scores.read_paragraphs, rows)
    return fold_paragraphs(gather(scores.seg.paragraphs, rows))


def document_extent(scores: BatchScores, row: int, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` of paragraph ``row`` as ``read_lines`` reads it, as offsets into its
    document: mapped back to the characters as given where the paragraph was read repaired."""
    if scores.read_offsets and row in scores.read_offsets:
        where = scores.read_offsets[row]  # found in the repaired paragraph
        start, end = int(where[start]), int(where[end])
    base = int(scores.seg.starts[row])
    return base + start, base + end


#: a flagged paragraph's label (index into LABELS) by its noise class (index into CLASSES)
CLASS_LABEL = np.array([LABEL_INDEX.get(c, -1) for c in CLASSES], dtype=np.int64)


@dataclass(slots=True)
class BatchScores:
    """Per-paragraph scores for a batch, before they become flags."""

    seg: Segments
    p_noise: np.ndarray
    class_proba: np.ndarray
    #: each paragraph's label if flagged: its most likely non-article class (index into CLASSES)
    noise_class: np.ndarray
    shape: np.ndarray
    inputs: np.ndarray | None = None  #: the context model's input rows, kept for explanations
    #: the paragraph model's tokens, reused by the span model
    page_tokens: PageTokens | None = None
    #: the paragraphs as the span model reads them (None: folded again when needed)
    read_paragraphs: list[str] | None = None
    #: rows read repaired: where each of their positions lies in the paragraph as given
    read_offsets: dict[int, np.ndarray] | None = None
    #: per row, the log-odds its score was raised by on a page neither English nor Chinese
    #: (``unread_pages``; 0: not raised)
    raised: np.ndarray | None = None
    #: rows of pages neither English nor Chinese by a looser measure, where other languages'
    #: furniture phrases are looked for (None: every row)
    foreign: np.ndarray | None = None
    #: per row, its tokens among each of ``model.TRIGGER_WORDS``' words (None: not counted, every
    #: row is read)
    word_counts: dict[str, np.ndarray] | None = None
    #: per row, whether it can hold a search query (None: found from the text when needed)
    query_rows: np.ndarray | None = None


def lines_as_read(scores: BatchScores) -> BatchScores:
    """``scores`` whose paragraphs are those of a page served with the wrong charset read
    repaired, for the rules that flag whole lines: a forum's floors or a list of related stories
    are found by their words and their length, and in the damaged characters (``ä½œè€…``, three
    of them for each Han character) they have neither. The lines keep their rows, so what a
    rule flags is the line as given; the batch itself when no line was read repaired."""
    if not scores.read_offsets or scores.read_paragraphs is None:
        return scores
    seg = scores.seg
    paragraphs, ends = list(seg.paragraphs), seg.ends.copy()
    for row in scores.read_offsets:
        paragraphs[row] = scores.read_paragraphs[row]
        ends[row] = seg.starts[row] + len(paragraphs[row])
    view = Segments(seg.texts, paragraphs, seg.doc, seg.starts, ends, seg.doc_ptr)
    return replace(scores, seg=view)
