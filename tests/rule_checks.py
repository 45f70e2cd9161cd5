"""A check shared by the line-rule tests: a line the model alone keeps, flagged by a rule."""

from __future__ import annotations

from pagesieve.types import Flag


def flagged_by_a_rule_alone(detector, text: str, line: str) -> Flag:
    """The one flag of ``line`` in ``text``, with ``--explain``'s reason, after checking that
    the model without the line rules keeps the line and that nothing else on the page is
    flagged (the article around it stays)."""
    detector.line_rules = False
    try:
        assert not any(text[f.start : f.end] == line for f in detector.scan(text))
    finally:
        detector.line_rules = True
    flags = detector.scan_batch([text], explain=True)[0]
    hit = [f for f in flags if text[f.start : f.end] == line]
    assert len(hit) == 1 and len(flags) == 1, flags
    return hit[0]
