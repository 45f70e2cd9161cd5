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
