"""A page's first line that is the site's name, named again by the page's copyright line."""

import numpy as np
import pytest

from pagesieve.line_rules import SITE_NAME_SCORE
from pagesieve.segment import segment_batch
from pagesieve.site_names import site_name_rows

PROSE = [
    "This salmon takes twenty minutes from start to finish and uses one pan, which means there "
    "is very little washing up afterwards for anyone.",
    "Season the fish with salt and pepper, then lay it in the pan skin side down and let it cook "
    "without moving it for four minutes.",
]
MENU = "Recipes | Dinner | Baking | Vegetarian | About"
COPYRIGHT = "© 2024 Salt & Saffron Kitchen. All rights reserved."


def _rows(lines: list[str], flagged_rows: list[int]) -> list[int]:
    seg = segment_batch(["\n".join(lines)])
    flagged = np.zeros(len(seg), dtype=bool)
    flagged[flagged_rows] = True
    return site_name_rows(seg, flagged).tolist()


def test_the_first_line_named_by_the_copyright_line_under_a_flagged_menu():
    page = ["Salt & Saffron Kitchen", MENU, "Easy Lemon Garlic Salmon", *PROSE, COPYRIGHT]
    assert _rows(page, [1]) == [0]
    assert _rows(["SALT & SAFFRON KITCHEN", *page[1:]], [1]) == [0]  # case aside


@pytest.mark.parametrize(
    ("page", "flagged"),
    [
        # a homepage: the line under the name is the site's own tagline, kept
        (
            ["Salt & Saffron Kitchen", "Weeknight recipes from a small kitchen", *PROSE, COPYRIGHT],
            [],
        ),
        # the page's title, which no copyright line names
        (["Easy Lemon Garlic Salmon", MENU, *PROSE, COPYRIGHT], [1]),
        # the name inside a longer word is not the name
        (["Salt & Saffron", MENU, *PROSE, "© 2024 Salt & Saffrons Ltd"], [1]),
        # a paragraph about copyright that names the site is no copyright line
        (
            ["Salt & Saffron Kitchen", MENU, *PROSE, "Salt & Saffron Kitchen " + "x" * 300 + " ©"],
            [1],
        ),
        # the first line flagged already
        (["Salt & Saffron Kitchen", MENU, *PROSE, COPYRIGHT], [0, 1]),
        # named only on the second line: the copyright line must come from the third on
        (["Salt & Saffron Kitchen", "© Salt & Saffron Kitchen", *PROSE], [1]),
    ],
)
def test_other_first_lines_stay(page, flagged):
    assert _rows(page, flagged) == []


def test_the_detector_flags_the_name_by_the_rule(detector):
    page = ["Salt & Saffron Kitchen", MENU, "Easy Lemon Garlic Salmon", "By Maria Lopez", *PROSE]
    text = "\n".join([*page, COPYRIGHT])
    flags = {text[f.start : f.end]: f for f in detector.scan_batch([text], explain=True)[0]}
    name = flags["Salt & Saffron Kitchen"]
    assert name.label == "navigation" and name.score == SITE_NAME_SCORE
    assert "site_name" in name.reason
    assert not set(flags) & {"Easy Lemon Garlic Salmon", *PROSE}
    alone = "\n".join(page)  # no copyright line: the model's reading stands
    assert not any(f.score == SITE_NAME_SCORE for f in detector.scan(alone))
