"""Paragraphs and offsets of a batch, against a line-by-line reference."""

from __future__ import annotations

import random
import re

import numpy as np

from pagesieve.segment import segment_batch

_BREAK = re.compile("\r\n|[\r\n\u2028\u2029]")


def _reference(texts: list[str]) -> tuple[list[str], list[int], list[int], list[int]]:
    paragraphs, docs, starts, ends = [], [], [], []
    for d, text in enumerate(texts):
        # a line ends at \n, \r\n, a lone \r, U+2028 or U+2029
        bounds = [0, *(x for m in _BREAK.finditer(text) for x in m.span()), len(text)]
        for pos, end in zip(bounds[::2], bounds[1::2]):
            line = text[pos:end]
            kept = line.strip()
            if kept:
                start = pos + len(line) - len(line.lstrip())
                paragraphs.append(kept)
                docs.append(d)
                starts.append(start)
                ends.append(start + len(kept))
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
        "\r\n",
        "\u2028",
        "\u2029",
        "\x85",
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
