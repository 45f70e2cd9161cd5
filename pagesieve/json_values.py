"""JSON as crawls and clients write it, read whole: an integer too long for Python's guard.

Python refuses to read an integer of more than 4,300 digits (``sys.get_int_max_str_digits``, a
guard against quadratic parsing), and ``json.loads`` raised for the whole record: a crawl record
whose ignored field held one became an error record, a service request a 400 naming Python's
internals. Such an integer is read as a float instead (``inf`` past 1e308), as JavaScript reads
it; every other value is read as ``json.loads`` reads it, at its speed.
"""

from __future__ import annotations

import json
import sys
from typing import Any

_MOST_DIGITS = sys.get_int_max_str_digits() or sys.maxsize


def _integer(digits: str) -> int | float:
    return int(digits) if len(digits.lstrip("-")) <= _MOST_DIGITS else float(digits)


def loads(text: str | bytes) -> Any:
    """``json.loads(text)``; an integer of more digits than Python reads is a float."""
    try:
        return json.loads(text)
    except ValueError as exc:
        if "integer string conversion" not in str(exc):
            raise
        return json.loads(text, parse_int=_integer)
