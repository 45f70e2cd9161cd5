"""A short news article about a harbour town's ferry, for the tests that put a line or a phrase
into an article and check that only that is flagged."""

from __future__ import annotations

ARTICLE = [
    "Harbour town votes to keep its ferry",
    "Residents of Port Ellis voted on Saturday to keep the town's ferry running for another five "
    "years, after a campaign that split the harbour community.",
    "The council had proposed replacing the service with a bus link over the new bridge, saying "
    "the ferry cost too much to run.",
    "Supporters said the crossing was part of the town's history and that older residents relied "
    "on it to reach the hospital.",
    "The result means the council must now find the money to repair the ferry's engines before "
    "the summer.",
]


def with_line(row: int, line: str) -> str:
    return "\n".join([*ARTICLE[:row], line, *ARTICLE[row:]])


def with_paragraph(row: int, paragraph: str) -> str:
    return "\n".join([*ARTICLE[:row], paragraph, *ARTICLE[row + 1 :]])
