"""The combined template regex finds whatever any single template syntax finds."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest

from pagesieve.patterns import TEMPLATE_ANY, TEMPLATE_PATTERNS, template_starts
from pagesieve.shape import paragraph_counts

BANK = Path(__file__).resolve().parent.parent / "data" / "patterns"


def _bank_lines() -> list[str]:
    lines = []
    for path in sorted(BANK.glob("*/placeholder*.txt")):
        lines += [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines


@pytest.mark.parametrize("name", sorted(TEMPLATE_PATTERNS))
def test_bank_has_an_example_of_every_syntax(name: str) -> None:
    assert any(TEMPLATE_PATTERNS[name].search(ln) for ln in _bank_lines())


def test_first_character_lookahead_changes_no_match() -> None:
    plain = re.compile("|".join(f"(?:{p.pattern})" for p in TEMPLATE_PATTERNS.values()), re.I)
    text = "\n".join(_bank_lines())
    assert plain.search(text)
    assert [m.span() for m in TEMPLATE_ANY.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]


def test_template_starts_are_finditer_starts() -> None:
    """The fast scan finds exactly the matches finditer finds, overlapping candidates included."""
    rng = random.Random(7)
    alphabet = "{}[]%<>_#$!-:=/ \nabcdefghijklmnopqrstuvwxyzABCDEZ0123456789'\"*@.^~+"
    texts = ["\n".join(_bank_lines()), "{{{ {$a} {{x}}} [[[!--x--]]] {%if%}{% end %}__AB____CD__ "]
    texts += ["".join(rng.choice(alphabet) for _ in range(2000)) for _ in range(200)]
    for text in texts:
        assert template_starts(text) == [m.start() for m in TEMPLATE_ANY.finditer(text)]


def test_paragraph_counts_match_slices() -> None:
    """Segment sums equal counting each paragraph's slice, empty paragraphs (first, middle, last,
    alone) included."""
    rng = np.random.default_rng(3)
    for lens in ([0], [5], [0, 3], [3, 0], [0, 0, 0], [4, 0, 2, 0, 7, 0], list(range(12))):
        lens = np.array(lens, dtype=np.int64)
        starts = np.zeros(len(lens), dtype=np.int64)
        np.cumsum(lens[:-1] + 1, out=starts[1:])
        ends = starts + lens
        mask = rng.random(int(lens.sum()) + len(lens) - 1) < 0.5
        expected = [int(mask[a:b].sum()) for a, b in zip(starts, ends)]
        assert paragraph_counts(mask, starts, ends).tolist() == expected
