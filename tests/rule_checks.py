"""A check shared by the line-rule tests: a line the model alone keeps, flagged by a rule."""

from __future__ import annotations

from pagesieve.line_rules import LINE_RULES
from pagesieve.types import Flag


def flagged_by_a_rule_alone(detector, text: str, line: str, rule: str = "furniture_line") -> Flag:
    """The one flag of ``line`` in ``text``, with ``--explain``'s reason, after checking that
    the model without the line rules keeps the line and that nothing else on the page is
    flagged (the article around it stays). The threshold is the rule's score meanwhile: a rule
    reads only the lines the model keeps, and a model that flags the line itself on a page
    (``当前位置：…`` at 0.90 since session 36's) would leave the rule untested."""
    score = next(s for name, _, s, _ in LINE_RULES if name == rule)
    threshold, detector.threshold = detector.threshold, score
    try:
        detector.line_rules = False
        assert not any(text[f.start : f.end] == line for f in detector.scan(text))
        detector.line_rules = True
        flags = detector.scan_batch([text], explain=True)[0]
    finally:
        detector.threshold, detector.line_rules = threshold, True
    hit = [f for f in flags if text[f.start : f.end] == line]
    assert len(hit) == 1 and len(flags) == 1, flags
    return hit[0]
