"""A batch scored in parts, and a long document in pieces, gives flags at the right offsets."""

from __future__ import annotations

import random

import numpy as np
import pytest

from pagesieve import detector as detector_module
from pagesieve.pieces import Pieces, scan_in_parts
from pagesieve.types import Flag, FlagColumns


def _lines_with_x(texts: list[str]) -> FlagColumns:
    """A scan that reads each line alone: flags the lines that hold an ``X``, with a reason."""
    docs = []
    for text in texts:
        flags, pos = [], 0
        for line in text.split("\n"):
            if "X" in line:
                flags.append(Flag(pos, pos + len(line), "ad", 0.5, f"line of {len(line)}"))
            pos += len(line) + 1
        docs.append(flags)
    return FlagColumns.from_lists(docs)


def _random_docs(rng: random.Random, n: int) -> list[str]:
    words = ["alpha", "beta", "X", "gamma", "中文", ""]
    return [
        "\n".join(
            " ".join(rng.choice(words) for _ in range(rng.randrange(0, 12)))
            for _ in range(rng.randrange(0, 30))
        )
        for _ in range(n)
    ]


@pytest.mark.parametrize("seed", range(20))
def test_pieces_give_back_the_documents(seed: int) -> None:
    rng = random.Random(seed)
    docs = _random_docs(rng, rng.randrange(1, 6))
    docs.append("Y" * 250)  # one line longer than the limit: cut inside
    limit = rng.choice([40, 75, 120])
    pieces = Pieces.cut(docs, limit)
    assert all(len(t) <= limit for t in pieces.texts)
    for d, text in enumerate(docs):
        mine = np.flatnonzero(pieces.doc == d).tolist()
        offsets = [int(pieces.offset[k]) for k in mine]
        assert offsets[0] == 0
        for k, off in zip(mine, offsets):
            assert text[off : off + len(pieces.texts[k])] == pieces.texts[k]
        # between two pieces: one line break, or nothing where a line longer than the limit
        # was cut inside
        ends = [off + len(pieces.texts[k]) for k, off in zip(mine, offsets)]
        for end, nxt in zip(ends, offsets[1:]):
            assert text[end:nxt] == "\n" or (end == nxt and end - text.rfind("\n", 0, end) > limit)
        assert ends[-1] == len(text)
    parts = list(pieces.parts(limit))
    assert [k for s in parts for k in range(len(pieces.texts))[s]] == list(range(len(pieces.texts)))
    for s in parts:
        texts = pieces.texts[s]
        assert len(texts) == 1 or sum(map(len, texts)) <= limit


@pytest.mark.parametrize("newline", ["\r", "\u2028"])
def test_a_long_document_is_cut_at_any_line_break(newline: str) -> None:
    # a page whose lines end in a lone "\r" or U+2028 is cut between lines, as at "\n"
    lines = [f"line {k} " + "w" * 20 for k in range(40)]
    text = newline.join(lines)
    pieces = Pieces.cut([text], 100)
    assert all(len(t) <= 100 for t in pieces.texts)
    assert [line for t in pieces.texts for line in t.split(newline)] == lines


@pytest.mark.parametrize("seed", range(20))
def test_flags_in_parts_equal_flags_of_the_whole(seed: int) -> None:
    rng = random.Random(seed)
    docs = _random_docs(rng, rng.randrange(1, 8))
    whole = _lines_with_x(docs)
    longest = max(len(line) for doc in docs for line in doc.split("\n"))
    # no line is cut while every one fits in a piece
    parted = scan_in_parts(docs, longest + rng.choice([0, 1, 20, 150]), _lines_with_x)
    assert parted.lists() == whole.lists()


def test_a_batch_under_the_limit_is_scanned_in_one_call() -> None:
    calls: list[int] = []

    def scan(texts: list[str]) -> FlagColumns:
        calls.append(len(texts))
        return _lines_with_x(texts)

    scan_in_parts(["a X", "b"], 10, scan)
    assert calls == [2]


def test_detector_scores_a_long_document_piece_by_piece(detector, monkeypatch) -> None:
    page = (
        "Norvik will sell phones in Germany and France this year, the company said in Berlin.\n"
        "Home | News | Sport | Contact\n"
        "Analysts say the timing is difficult for the company and its suppliers.\n"
        "Editor: {dede:field name='writer'/}\n"
    )
    long_doc = page * 6
    whole = detector.scan_batch([page, long_doc])
    monkeypatch.setattr(detector_module, "MAX_SCORED_CHARS", len(page) * 2)
    parted = detector.scan_batch([page, long_doc])
    assert parted[0] == whole[0]  # the short page is scored as before
    flagged = [long_doc[f.start : f.end] for f in parted[1]]
    assert flagged.count("Editor: {dede:field name='writer'/}") == 6
    pieces = Pieces.cut([long_doc], len(page) * 2)
    expected = [
        Flag(f.start + int(off), f.end + int(off), f.label, f.score, f.reason)
        for text, off in zip(pieces.texts, pieces.offset)
        for f in detector.scan(text)
    ]
    assert parted[1] == expected


def test_report_pages_are_scored_within_the_bound(detector, monkeypatch) -> None:
    """``report`` and ``show`` read flags and paragraph scores together: a long document is
    scored in pieces there too, no call given more than the bound."""
    from pagesieve.pages import scan_pages
    from pagesieve.readers import Doc

    page = (
        "Norvik will sell phones in Germany and France this year, the company said in Berlin.\n"
        "Home | News | Sport | Contact\n"
        "Editor: {dede:field name='writer'/}\n"
    )
    long_doc = page * 5
    limit = len(page) * 2
    whole = list(scan_pages(detector, [Doc(1, page, None, None), Doc(2, long_doc, None, None)]))
    sizes: list[int] = []
    score_batch = detector.score_batch

    def recording(texts, **kwargs):
        sizes.append(sum(map(len, texts)))
        return score_batch(texts, **kwargs)

    monkeypatch.setattr(detector, "score_batch", recording)
    monkeypatch.setattr(detector_module, "MAX_SCORED_CHARS", limit)
    parted = list(scan_pages(detector, [Doc(1, page, None, None), Doc(2, long_doc, None, None)]))
    assert max(sizes) <= limit and len(sizes) > 1
    assert parted[0].flags == whole[0].flags
    np.testing.assert_array_equal(parted[0].paragraph_scores, whole[0].paragraph_scores)
    assert len(parted[1].paragraph_scores) == len(whole[1].paragraph_scores) == 15
    flagged = [long_doc[f.start : f.end] for f in parted[1].flags]
    assert flagged.count("Editor: {dede:field name='writer'/}") == 5
    pieces = Pieces.cut([long_doc], limit)
    expected = [
        Flag(f.start + int(off), f.end + int(off), f.label, f.score, f.reason)
        for text, off in zip(pieces.texts, pieces.offset)
        for f in detector.scan(text, explain=True)
    ]
    assert parted[1].flags == expected
