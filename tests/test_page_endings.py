"""Session 62's blind audits of how pages end (``data/en_web/audit_endings_a.jsonl``,
``data/zh_pages/audit_endings_a.jsonl``): 18 pages of each whose article is followed by a site's
furniture, 12 whose article ends with its own lines in furniture's shape (a correction, a wire
credit, references, a press release's media contact; in Chinese a notice's attachments and
issuing office, ``（完）``). Both were scored on the session's start before they were read."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from labeled_sets import flag_row, read_written_set

from pagesieve.evaluate import coverage
from pagesieve.line_rules import RELATED_LIST_SCORE, SITE_NAME_SCORE

DATA = Path(__file__).resolve().parent.parent / "data"


def _decisions(detector, path: Path) -> tuple[np.ndarray, np.ndarray, list[tuple[int, float]]]:
    """Each line's label and whether it is flagged (half its characters or more, as the
    evaluator counts), and every flag's line and score."""
    pages = read_written_set(path, 30)
    labels, flagged, scored = [], [], []
    offset = 0
    for page, flags in zip(pages, detector.scan_batch(["\n".join(p.paragraphs) for p in pages])):
        covered = coverage(flags, len("\n".join(page.paragraphs)))
        ends = np.cumsum([len(line) + 1 for line in page.paragraphs]) - 1
        starts = ends - [len(line) for line in page.paragraphs]
        flagged += ((covered[ends] - covered[starts]) * 2 >= ends - starts).tolist()
        scored += [(offset + flag_row(page, flag.start), flag.score) for flag in flags]
        labels += page.labels
        offset += len(page.paragraphs)
    return np.array(labels), np.array(flagged), scored


@pytest.mark.parametrize(
    ("path", "noise_at_least", "article_at_most"),
    [
        # at the session's start 261 of 331 noise lines and 1 article line
        (DATA / "en_web" / "audit_endings_a.jsonl", 275, 1),
        # 342 of 368 and 6 (a press release's and two notices' own contact lines)
        (DATA / "zh_pages" / "audit_endings_a.jsonl", 350, 6),
    ],
)
def test_page_endings_are_caught_and_the_articles_own_endings_kept(
    detector, path, noise_at_least, article_at_most
):
    labels, flagged, _ = _decisions(detector, path)
    assert (flagged & (labels == 1)).sum() >= noise_at_least
    assert (flagged & (labels == 0)).sum() <= article_at_most


def test_the_sites_names_and_the_widgets_lists_on_the_english_audit(detector):
    """The session's two rules read on it: site names by the copyright line (10 first lines),
    widget lists under the article; every line they take is noise."""
    labels, _, scored = _decisions(detector, DATA / "en_web" / "audit_endings_a.jsonl")
    names = [row for row, score in scored if score == SITE_NAME_SCORE]
    related = [row for row, score in scored if score == RELATED_LIST_SCORE]
    assert len(names) >= 10 and labels[names].all()
    assert len(related) >= 6 and labels[related].all()
