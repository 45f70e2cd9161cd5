"""The paragraphs of a batch joined once, shared by every feature that scans text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class JoinedParagraphs:
    """Paragraphs joined with newlines, as written and lower-cased (same length, same offsets)."""

    joined: str
    lowered: str
    n: int

    @classmethod
    def of(cls, paragraphs: list[str]) -> JoinedParagraphs:
        joined = "\n".join(paragraphs)
        lowered = joined.lower()
        if len(lowered) != len(joined):  # a few characters lower-case to two; keep offsets exact
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in joined)
        return cls(joined, lowered, len(paragraphs))
