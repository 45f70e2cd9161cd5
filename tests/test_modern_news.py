"""The English news pages of today's sites written for the project (``data/modern_news``)."""

from __future__ import annotations

import numpy as np
import pytest
from labeled_sets import read_written_set

from pagesieve.corpus import read_labeled
from pagesieve.written_pages import MODERN_NEWS_TEST_PAGES

DATA = MODERN_NEWS_TEST_PAGES.parent
RULES = ("furniture_line", "related_list", "tag_line")


@pytest.mark.parametrize("name", ["calibration", "test"])
def test_each_page_is_labeled_line_by_line(name):
    read_written_set(DATA / f"{name}.jsonl", 32)


def test_the_line_rules_flag_furniture_of_the_test_pages_and_no_article_line(detector):
    """Cookie banners, newsletter boxes, ``READ MORE:`` lines, footer links: the rules written
    against the calibration pages flag such lines of pages they never read, and nothing of an
    article."""
    pages = list(read_labeled(MODERN_NEWS_TEST_PAGES))
    texts = ["\n".join(p.paragraphs) for p in pages]
    ruled = {0: 0, 1: 0}
    for page, flags in zip(pages, detector.scan_batch(texts, explain=True)):
        starts = np.cumsum([0] + [len(line) + 1 for line in page.paragraphs])
        for flag in flags:
            if any(rule in flag.reason for rule in RULES):
                row = int(np.searchsorted(starts, flag.start, "right") - 1)
                ruled[page.labels[row]] += 1
    assert ruled[0] == 0 and ruled[1] >= 40, ruled
