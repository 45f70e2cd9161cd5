"""English articles copied by spam sites, with injections, written for the project (``data/en_spam``)."""

from __future__ import annotations

import pytest
from labeled_sets import read_written_set

from pagesieve.written_pages import EN_SPAM_TEST_PAGES

DATA = EN_SPAM_TEST_PAGES.parent


@pytest.mark.parametrize("name", ["calibration", "test"])
def test_each_page_is_labeled_line_by_line_with_its_spliced_phrases(name):
    pages = read_written_set(DATA / f"{name}.jsonl", 24)
    assert sum(len(p.spans) for p in pages) >= 10


def test_a_related_link_glued_between_two_sentences_is_flagged_alone(detector):
    """The span model looks for glued links where they open a paragraph; one put between two
    sentences, or at the paragraph's end, is the rule's, and the sentences around it stay."""
    from pagesieve.detector import INLINE_LINK_SCORE

    body = "The council approved the new cycle lanes on Tuesday after a long debate."
    link = "SEE ALSO: Five ways to cut your commute this winter"
    after = "Work is due to start in the spring, the mayor said."
    for paragraph, expected in (
        (f"{body}{link}{after[:1].upper()}{after[1:]}", link),
        (
            f"{body}READ MORE: Residents split over harbour bridge plan",
            "READ MORE: Residents split over harbour bridge plan",
        ),
    ):
        text = "\n".join(["Council backs cycle lanes", paragraph, after])
        hits = [f for f in detector.scan(text) if f.score == INLINE_LINK_SCORE]
        assert [text[f.start : f.end] for f in hits] == [expected], hits
        assert hits[0].label == "navigation"
    # a capital word after a sentence, not a link's label, is prose
    prose = "\n".join(
        ["Council backs cycle lanes", f"{body} MORE: than that, it was popular. {after}"]
    )
    assert not any(f.score == INLINE_LINK_SCORE for f in detector.scan(prose))
