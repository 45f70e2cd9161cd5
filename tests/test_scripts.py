"""Pages in alphabets the corpora lack: the dev copies that measure it, and how lines in those
alphabets are read."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from pagesieve.corpus import LabeledPage
from pagesieve.scripts import ALPHABETS, dev_in_other_alphabets, in_other_alphabet, to_alphabet
from pagesieve.shape import SHAPE_NAMES, shape_features

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples" / "other_scripts.jsonl"
PAGE = LabeledPage(
    "p",
    "test",
    "en",
    ["Home | News | Sport", "The mayor said on Monday that the pier will close.", "© 2024"],
    [1, 0, 1],
    ["navigation", "article", "boilerplate"],
    spans=[(1, 4, 9, "keyword_injection")],
)


@pytest.mark.parametrize("alphabet", sorted(ALPHABETS))
def test_letters_map_one_for_one_and_nothing_else_moves(alphabet):
    text = "Mayor Ann Lee said: 12 piers, {$title} & https://x.io!"
    out = to_alphabet(text, alphabet)
    assert len(out) == len(text)
    assert not any(c.isascii() and c.isalpha() for c in out)
    assert [c for c in out if not c.isalpha()] == [c for c in text if not c.isalpha()]
    # distinct letters stay distinct: the page keeps its vocabulary, in other letters
    assert len({to_alphabet(w, alphabet) for w in ("pier", "peer", "pear")}) == 3


def test_a_copy_keeps_labels_kinds_and_span_offsets():
    copy = in_other_alphabet(PAGE, "greek")
    assert copy.labels == PAGE.labels and copy.kinds == PAGE.kinds and copy.spans == PAGE.spans
    assert copy.id == "greek/p" and copy.lang == "en-greek"
    assert [len(p) for p in copy.paragraphs] == [len(p) for p in PAGE.paragraphs]


def test_dev_copies_take_the_english_pages_through_every_alphabet():
    zh = LabeledPage("z", "test", "zh", ["中文段落。"], [0], ["article"])
    copies = dev_in_other_alphabets([PAGE] * 12 + [zh])
    assert len(copies) == 12
    assert {c.id.split("/")[0] for c in copies} == set(ALPHABETS)


def _column(name: str, paragraphs: list[str]) -> np.ndarray:
    return shape_features(paragraphs)[:, SHAPE_NAMES.index(name)]


def test_other_alphabets_read_as_letters_with_case():
    lines = ["Мэр заявил, что Реконструкция привлечёт туристов.", "Der Bürgermeister sagte es."]
    assert list(_column("frac_other_script", lines)) == [0.0, 0.0]
    upper = _column("frac_upper", lines)
    assert upper[0] == pytest.approx(2 / len(lines[0])) and upper[1] > 0
    assert _column("frac_lower", ["مفتى سورية أمام البرلمان"])[0] > 0.8  # no case: lower
    # the same sentence in Greek letters has the shape of its Latin original
    latin = "The Mayor said on Monday that the pier will close, and the ferry will stop."
    rows = shape_features([latin, to_alphabet(latin, "greek"), to_alphabet(latin, "arabic")])
    cased = ("upper", "lower", "case", "caps")
    case_free = [i for i, n in enumerate(SHAPE_NAMES) if not any(c in n for c in cased)]
    assert np.array_equal(rows[0], rows[1])
    assert np.array_equal(rows[0, case_free], rows[2, case_free])


def test_other_scripts_sentence_ends_count_as_sentence_ends():
    ends = _column(
        "ends_sentence",
        [
            "परियोजना में मुख्य घाट की मरम्मत शामिल है।",  # danda
            "هل سيصل الزبائن إلينا أثناء الأعمال؟",  # Arabic question mark
            "The project includes a new pier.",
            "परियोजना में मुख्य घाट की मरम्मत शामिल है",
        ],
    )
    assert list(ends) == [1, 1, 1, 0]


def test_plain_articles_in_other_languages_keep_their_paragraphs(detector):
    """News articles in sixteen languages (six paragraphs each: Spanish, German, French, Polish,
    Turkish, Vietnamese, Russian, Ukrainian, Greek, Hebrew, Arabic, Persian, Hindi, Thai,
    Japanese, Korean) have nothing to drop. Read by script, the shipped model flagged 20 of the
    96 paragraphs (mostly titles and last paragraphs, none in Spanish, German, French, Polish,
    Turkish, Japanese or Korean); read as Latin letters, the last paragraphs of the Russian and
    the Hindi article remain."""
    samples = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    flagged = [
        (s["lang"], s["text"][f.start : f.end][:40])
        for s, flags in zip(samples, detector.scan_batch([s["text"] for s in samples]))
        for f in flags
    ]
    assert sum(s["text"].count("\n") + 1 for s in samples) == 96
    assert len(flagged) <= 2, flagged
    assert {lang for lang, _ in flagged} <= {"ru", "hi"}, flagged
