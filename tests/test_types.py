"""Flags built in bulk are the flags the dataclass builds."""

from __future__ import annotations

import dataclasses

import pytest

from pagesieve.types import Flag, flags_of


def test_flags_of_builds_the_same_flags() -> None:
    cols = ([1, 5, 0], [3, 9, 0], ["ad", "navigation", "other"], [0.5, 0.99, 0.0])
    reasons = ["why", "", "é"]
    for given in (None, reasons):
        built = flags_of(*cols, given)
        expected = list(map(Flag, *cols, given or ["", "", ""]))
        assert built == expected
        assert [dataclasses.astuple(f) for f in built] == [dataclasses.astuple(f) for f in expected]
        assert [hash(f) for f in built] == [hash(f) for f in expected]
        assert all(type(f) is Flag for f in built)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built[0].start = 2  # still frozen
    assert flags_of([], [], [], []) == []


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_clean_takes_a_whole_lines_break_with_it_whatever_the_line_ending(newline: str) -> None:
    from pagesieve.types import remove_flagged

    lines = ["Article one.", "BUY NOW", "Article two.", "Tags: x"]
    text = newline.join(lines)

    def span(k: int) -> Flag:
        start = text.index(lines[k])
        return Flag(start, start + len(lines[k]), "ad", 0.9)

    assert remove_flagged(text, [span(1)]) == newline.join([lines[0], lines[2], lines[3]])
    assert remove_flagged(text, [span(3)]) == newline.join(lines[:3])  # the last line
    assert remove_flagged(text, [span(1), span(3)]) == newline.join([lines[0], lines[2]])
    # a span inside a line leaves the line breaks alone
    inner = Flag(text.index("NOW"), text.index("NOW") + 3, "ad", 0.9)
    assert remove_flagged(text, [inner]) == text.replace("NOW", "")


def test_clean_leaves_no_line_of_blanks_where_a_flagged_line_was() -> None:
    from pagesieve.types import remove_flagged

    text = "Article one.\n    BUY NOW  \nArticle two.\n\u00a0Tags: x \r\nEnd.\n  Share "

    def flag(word: str) -> Flag:  # flagged as its stripped text, as the detector does
        return Flag(text.index(word), text.index(word) + len(word), "ad", 0.9)

    flags = [flag("BUY NOW"), flag("Tags: x"), flag("Share")]
    assert remove_flagged(text, flags) == "Article one.\nArticle two.\nEnd."
    # a flag inside a line with other text on it keeps the line and its blanks
    assert remove_flagged("a  BUY  b\nc", [Flag(3, 6, "ad", 0.9)]) == "a    b\nc"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("ending", ["", " ", "\t"])
def test_clean_the_last_lines_cut_leave_no_break_behind(newline: str, ending: str) -> None:
    # the text ends as if the lines cut from its end were never there, however many they are
    # and whatever blanks end the last one (two lines left "keep\n")
    from pagesieve.types import remove_flagged

    lines = ["Article one.", "Article two.", "Tags: x", "Share this"]
    text = newline.join(lines) + ending

    def flag(k: int) -> Flag:
        start = text.index(lines[k])
        return Flag(start, start + len(lines[k]), "navigation", 0.9)

    assert remove_flagged(text, [flag(3)]) == newline.join(lines[:3])
    assert remove_flagged(text, [flag(2), flag(3)]) == newline.join(lines[:2])
    assert remove_flagged(text, [flag(1), flag(3)]) == newline.join([lines[0], lines[2]])
    assert remove_flagged(text, [flag(k) for k in range(4)]) == ""
    # a text that ends in a line break keeps it, as each cut line takes its own
    assert remove_flagged(text + "\n", [flag(2), flag(3)]) == newline.join(lines[:2]) + newline


@pytest.mark.parametrize("newline", ["\r", "\u2028", "\u2029", "\r\n"])
def test_clean_reads_every_line_break_as_one(newline: str) -> None:
    # a lone "\r" (old Mac text) and the Unicode separators end lines as "\n" does: a flagged
    # line goes with its break, and the text keeps the break it ended in (a lone "\r" at the
    # end left "keep\n\r" before they were read as breaks)
    from pagesieve.types import remove_flagged

    lines = ["Article one.", "Buy batteries now", "Article two.", "Share this"]
    text = newline.join(lines)

    def flag(k: int) -> Flag:
        start = text.index(lines[k])
        return Flag(start, start + len(lines[k]), "ad", 0.9)

    assert remove_flagged(text, [flag(1)]) == newline.join([lines[0], lines[2], lines[3]])
    assert remove_flagged(text, [flag(1), flag(3)]) == newline.join([lines[0], lines[2]])
    assert remove_flagged(text + newline, [flag(3)]) == newline.join(lines[:3]) + newline


def test_clean_a_line_flagged_in_pieces_goes_whole() -> None:
    # a line longer than what is scored at once is flagged in two touching pieces; a line of two
    # flagged phrases with blanks between them: each left a line behind ("\n\n", "  ")
    from pagesieve.types import remove_flagged

    text = "Article.\n" + "x" * 50 + "\nMore article.\nBUY  NOW\nEnd."
    assert remove_flagged(text, [Flag(9, 40, "boilerplate", 0.9), Flag(40, 59, "ad", 0.9)]) == (
        "Article.\nMore article.\nBUY  NOW\nEnd."
    )
    buy = text.index("BUY")
    flags = [Flag(buy, buy + 3, "ad", 0.9), Flag(buy + 5, buy + 8, "ad", 0.9)]
    assert remove_flagged(text, flags) == "Article.\n" + "x" * 50 + "\nMore article.\nEnd."
    # flags with article text between them on their line cut only themselves
    assert remove_flagged("a BUY b NOW\nc", [Flag(2, 5, "ad", 0.9), Flag(8, 11, "ad", 0.9)]) == (
        "a  b \nc"
    )


@pytest.mark.parametrize(
    "text, spans, want",
    [
        ("x spam\nspam", [(2, 6), (7, 11)], "x "),
        ("keep\nnav\n\nfoot", [(5, 8), (10, 14)], "keep\n"),
        ("a b\nc d\ne", [(2, 3), (6, 7), (8, 9)], "a \nc "),
    ],
)
def test_clean_joins_the_cut_last_lines_with_the_cut_before_them(text, spans, want) -> None:
    # the join indexed the cuts after pop() had shifted them: IndexError with two cuts, and
    # with three an earlier cut ran to the end (unflagged "c" gone, flagged "e" kept)
    from pagesieve.types import remove_flagged

    flags = [Flag(a, b, "navigation", 0.9) for a, b in spans]
    assert remove_flagged(text, flags) == want


def test_clean_never_keeps_a_flagged_character_nor_drops_an_unflagged_one() -> None:
    # random lines and flags, each non-blank character unique: what is left must be the text's
    # non-blank characters outside the flags, in order
    import random

    from pagesieve.types import remove_flagged

    rng = random.Random(7)
    for _ in range(3000):
        glyphs = iter(chr(c) for c in range(0xE000, 0xF8FF))
        lines = [
            "".join(rng.choice([" ", "\t", next(glyphs)]) for _ in range(rng.randrange(0, 6)))
            for _ in range(rng.randrange(1, 6))
        ]
        text = rng.choice(["\n", "\r\n"]).join(lines) + rng.choice(["", "\n", "\r", " "])
        flags, pos = [], 0
        while pos < len(text):
            a = rng.randrange(pos, len(text) + 1)
            b = rng.randrange(a, len(text) + 1)
            if b > a and "\n" not in text[a:b] and rng.random() < 0.5:
                flags.append(Flag(a, b, "ad", 0.9))
            pos = b + 1
        flagged = {i for f in flags for i in range(f.start, f.end)}
        kept = [c for i, c in enumerate(text) if not c.isspace() and i not in flagged]
        got = remove_flagged(text, flags)
        assert [c for c in got if not c.isspace()] == kept, (text, flags)


def test_flags_outside_the_text_are_refused_not_cut_at_random() -> None:
    # remove_flagged("abc\ndef\nghi\n", [Flag(-3, 3, …)]) gave a text longer than its input
    from pagesieve.types import flagged_fraction, remove_flagged

    text = "abc\ndef\nghi\n"
    for bad in (Flag(-3, 3, "ad", 0.9), Flag(0, 100, "ad", 0.9), Flag(20, 30, "ad", 0.9)):
        with pytest.raises(ValueError, match="outside the text"):
            remove_flagged(text, [bad])
        with pytest.raises(ValueError, match="outside the text"):
            flagged_fraction(text, [bad])
    assert remove_flagged(text, [Flag(0, 3, "ad", 0.9)]) == "def\nghi\n"
    assert flagged_fraction(text, [Flag(0, len(text), "ad", 0.9)]) == 1.0


def test_disjoint_spans_keep_what_overlaps_nothing_kept():
    from pagesieve.types import DisjointSpans

    spans = DisjointSpans()
    assert [spans.add(a, b) for a, b in [(10, 20), (30, 40), (15, 25), (20, 30), (0, 11)]] == [
        True,
        True,
        False,  # overlaps 10-20
        True,  # touches both, overlaps neither
        False,
    ]
    assert not spans.add(5, 50) and spans.add(40, 41) and spans.add(0, 10)
    assert not spans.add(12, 12)  # an empty span inside a kept one


def test_clean_reads_many_flags_on_one_long_line_as_each_alone() -> None:
    # a splice per sentence of one long line: each phrase goes, its blanks and the line stay;
    # a line flagged in two pieces with only a blank between them goes whole
    from pagesieve.types import remove_flagged

    sentence = "The port grew. SPAM deal "
    text = sentence * 20_000 + "\nnext line\n  ONE TWO  \nend"
    flags = [
        Flag(i * len(sentence) + 15, i * len(sentence) + 19, "keyword_injection", 0.9)
        for i in range(20_000)
    ]
    one, two = text.index("ONE"), text.index("TWO")
    flags += [Flag(one, one + 3, "ad", 0.9), Flag(two, two + 3, "ad", 0.9)]
    assert remove_flagged(text, flags) == "The port grew.  deal " * 20_000 + "\nnext line\nend"
