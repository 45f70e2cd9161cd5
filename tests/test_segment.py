"""Paragraphs and offsets of a batch, against a line-by-line reference."""

from __future__ import annotations

import random

import numpy as np

from pagesieve.segment import segment_batch


def _reference(texts: list[str]) -> tuple[list[str], list[int], list[int], list[int]]:
    paragraphs, docs, starts, ends = [], [], [], []
    for d, text in enumerate(texts):
        pos = 0
        for line in text.split("\n"):
            kept = line.strip()
            if kept:
                start = pos + len(line) - len(line.lstrip())
                paragraphs.append(kept)
                docs.append(d)
                starts.append(start)
                ends.append(start + len(kept))
            pos += len(line) + 1
    return paragraphs, docs, starts, ends


def test_segment_batch_matches_a_line_by_line_split() -> None:
    rng = random.Random(2)
    pieces = [
        "a",
        "word",
        " ",
        "\t",
        "\n",
        "\n\n",
        "\u3000",
        "\xa0",
        "中文",
        "é",
        "\r",
        "\U0001f600",
    ]
    batches = [[], [""], ["\n\n"], ["a"], ["", "x", ""], [" x \n\n y", "  "]]
    batches += [
        ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 60))) for _ in range(20)]
        for _ in range(100)
    ]
    for texts in batches:
        seg = segment_batch(texts)
        paragraphs, docs, starts, ends = _reference(texts)
        assert seg.paragraphs == paragraphs
        assert seg.doc.tolist() == docs and seg.doc.dtype == np.int32
        assert seg.starts.tolist() == starts and seg.ends.tolist() == ends
        assert seg.doc_ptr.tolist() == [0, *np.cumsum(np.bincount(docs, minlength=len(texts)))]
        for p, d, a, b in zip(seg.paragraphs, docs, starts, ends):
            assert texts[d][a:b] == p
