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
