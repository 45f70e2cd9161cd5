"""What every labeled set the project wrote must be (``data/*/calibration.jsonl``, ``test.jsonl``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from pagesieve.corpus import LabeledPage, read_labeled


def read_written_set(path: Path, pages: int, clean: int = 0) -> list[LabeledPage]:
    """The set's pages, after checking that there are ``pages`` of them with distinct ids, each
    labeled line by line, no line empty, ``kinds`` agreeing with ``labels``, an article on every
    page and its furniture on all but ``clean`` of them, and every span inside a line that
    belongs."""
    read = list(read_labeled(path))
    assert len(read) == pages and len({p.id for p in read}) == pages
    for page in read:
        assert len(page.paragraphs) == len(page.labels) == len(page.kinds) > 0
        assert all(line.strip() for line in page.paragraphs), page.id
        assert all((k == "article") == (label == 0) for k, label in zip(page.kinds, page.labels))
        assert sum(page.labels) < len(page.labels), page.id
        for line, start, end, *_ in page.spans:
            assert page.labels[line] == 0 and 0 <= start < end <= len(page.paragraphs[line])
    assert sum(not any(page.labels) for page in read) == clean
    return read


def flag_row(page: LabeledPage, start: int) -> int:
    """The line of ``page`` (its paragraphs joined by line breaks) that offset ``start`` is in."""
    starts = np.cumsum([0] + [len(line) + 1 for line in page.paragraphs])
    return int(np.searchsorted(starts, start, "right") - 1)
