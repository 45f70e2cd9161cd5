"""The ferry article followed by a blog's comment section: the shipped model flags the section's
heading as ``comment`` and its reply links and form notice as ``navigation``, which the tests of
``keep_labels`` keep one label of at a time."""

from __future__ import annotations

from ferry_article import ARTICLE

COMMENTS = [
    "3 Comments",
    "Margaret Lewis says: March 3, 2024 at 10:12 am",
    "I take this ferry every morning and the delays have been awful all winter. Glad someone is "
    "finally looking at it.",
    "Reply",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
]
PAGE = "\n".join([*ARTICLE, *COMMENTS])
