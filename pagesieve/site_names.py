"""A page whose text opens with the site's name: the first line names the site, and the site's
copyright line at the foot of the page names it again (``Salt & Saffron Kitchen`` …
``© 2024 Salt & Saffron Kitchen. All rights reserved.``).

The model reads a page's first line as its title and keeps it. A title is seldom the name a
copyright line gives; a homepage's is, and there the line under it is the page's own (a
tagline, its first heading). So the first line is taken only when the model or a rule flagged
the line under it (a menu, a breadcrumb). Over the read sets, at the session's start: 51 first
lines so, all noise; without the second line's condition, 63 noise and 6 article (homepages
of the corpora titled with the site's name; ``bench/README.md``, session 62).
"""

from __future__ import annotations

import re

import numpy as np

from pagesieve.segment import Segments

#: a copyright line: its sign, its word, or the phrase
_COPYRIGHT = re.compile(r"©|\bcopyright\b|\ball rights reserved\b|\(c\)[ \t]*\d", re.I)
#: a site's name is this long; a copyright line at most this long (not a paragraph that
#: mentions a copyright)
_NAME_CHARS = 4, 60
_COPYRIGHT_LINE_CHARS = 300


def site_name_rows(seg: Segments, flagged: np.ndarray) -> np.ndarray:
    """The rows of pages' first lines that are the site's name: kept, the line under them
    flagged, and named again, whole, in a copyright line from the page's third line on."""
    first = seg.doc_ptr[:-1][np.diff(seg.doc_ptr) >= 3]
    chars = seg.ends[first] - seg.starts[first]
    rows = first[(chars >= _NAME_CHARS[0]) & (chars <= _NAME_CHARS[1])]
    rows = rows[~flagged[rows] & flagged[rows + 1]]
    found = [row for row in rows.tolist() if _named_again(seg, row)]
    return np.array(found, dtype=np.int64)


def _named_again(seg: Segments, row: int) -> bool:
    """Does a copyright line below ``row + 1`` name ``row``'s line whole (not inside a word)?"""
    doc = int(seg.doc[row])
    text = seg.texts[doc]
    name = re.compile(rf"(?<!\w){re.escape(seg.paragraphs[row])}(?!\w)", re.I)
    end = int(seg.ends[seg.doc_ptr[doc + 1] - 1])
    for match in _COPYRIGHT.finditer(text, int(seg.starts[row + 2]), end):
        start = text.rfind("\n", 0, match.start()) + 1
        stop = text.find("\n", match.end())
        stop = len(text) if stop < 0 else stop
        if stop - start <= _COPYRIGHT_LINE_CHARS and name.search(text, start, stop):
            return True
    return False
