"""Mojibake is repaired before features, so a page decoded with the wrong charset reads the same."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from pagesieve.encoding import repair_with_rows, repaired_offsets
from pagesieve.synth import misdecode as mangle

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples" / "pages.jsonl"


def test_repair_fixes_only_damaged_paragraphs():
    clean = ["The company’s CEO said — again — “no”.", "Plain ASCII line.", "café © 2020"]
    damaged = [mangle(p) for p in clean]
    assert damaged[0] != clean[0] and "â€" in damaged[0]
    fixed, rows = repair_with_rows([*damaged, "Plain ASCII line."])
    assert fixed == [*clean, "Plain ASCII line."] and rows.tolist() == [0, 2]
    untouched = ["Plain ASCII line.", "Ünïcödé that was never damaged, 中文 too"]
    fixed, rows = repair_with_rows(untouched)
    assert fixed is untouched and not len(rows)  # nothing to repair: no copy


def test_mangled_pages_score_and_flag_as_the_clean_ones(detector, monkeypatch):
    pages = [json.loads(line)["text"] for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    assert sum(mangle(t) != t for t in pages) >= 5  # quotes, dashes, Chinese: most pages change

    def score_gaps() -> np.ndarray:
        gaps = [
            np.abs(detector.score_batch([t]).p_noise - detector.score_batch([mangle(t)]).p_noise)
            for t in pages
        ]
        return np.concatenate(gaps)

    def whole_lines(text: str) -> list[bool]:
        lines = text.split("\n")
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        whole = {(f.start, f.end) for f in detector.scan(text)}
        return [(s, s + len(line)) in whole for s, line in zip(starts, lines)]

    repaired = score_gaps()
    # what cannot come back: a mangled last character that turns into a no-break space, which
    # segmentation strips, moves that line's score and a little of its neighbours'
    assert repaired.mean() < 0.02
    pairs = [(a, b) for t in pages for a, b in zip(whole_lines(t), whole_lines(mangle(t)))]
    assert sum(a == b for a, b in pairs) >= 0.97 * len(pairs)
    monkeypatch.setattr(detector.model, "repair_encoding", False)
    assert score_gaps().mean() > 5 * repaired.mean()  # the repair is what keeps the scores


def test_repaired_offsets_take_each_repaired_character_back_to_its_bytes():
    clean = "他说：“太阳城娱乐”不是 café。"
    damaged = mangle(clean)
    where = repaired_offsets(damaged, clean)
    assert where is not None and len(where) == len(clean) + 1 and where[-1] == len(damaged)
    for i, ch in enumerate(clean):
        assert damaged[where[i] : where[i + 1]] == mangle(ch)
    # a repair that did more than undo one wrong decode has no map
    assert repaired_offsets("naÃ¯ve and ’", "naïve and ’") is None
    assert repaired_offsets("same", "same").tolist() == [0, 1, 2, 3, 4]
