"""A stand-in detector for the batch-machinery tests: rules anyone can check by eye.

* a line containing ``BUY NOW`` is flagged ``ad`` (score 0.9);
* a line containing ``MENU`` is flagged ``navigation`` (score 0.6);
* a text containing ``EXPLODE`` makes ``scan_batch`` raise (a detector bug on one document);
* a text containing ``SEGFAULT`` kills the process it runs in (a crash in native code).
"""

from __future__ import annotations

import os
import time

from pagesieve.types import Flag, FlagColumns


class FakeDetector:
    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.pid = os.getpid()

    def scan_batch(self, texts: list[str], explain: bool = False) -> list[list[Flag]]:
        if self.delay:
            time.sleep(self.delay)
        out = []
        for text in texts:
            if "EXPLODE" in text:
                raise ValueError("boom")
            if "SEGFAULT" in text:
                os._exit(139)
            flags = []
            pos = 0
            for line in text.split("\n"):
                end = pos + len(line)
                if "BUY NOW" in line:
                    flags.append(Flag(pos, end, "ad", 0.9, "says BUY NOW"))
                elif "MENU" in line:
                    flags.append(Flag(pos, end, "navigation", 0.6, "says MENU"))
                pos = end + 1
            out.append(flags)
        return out


def make_fake() -> FakeDetector:
    """Picklable factory (module-level) for the pool initializer."""
    return FakeDetector()


def make_slow_fake() -> FakeDetector:
    """Slow enough per batch that a test can kill a run half-way."""
    return FakeDetector(delay=0.05)


def failing_factory() -> FakeDetector:
    raise FileNotFoundError("model/pagesieve.joblib")


class ColumnFakeDetector(FakeDetector):
    """The same rules, with the flags also given as columns (the path a plain JSONL scan takes
    with the real detector)."""

    def scan_batch_columns(self, texts: list[str], explain: bool = False) -> FlagColumns:
        return FlagColumns.from_lists(self.scan_batch(texts, explain))


def make_column_fake() -> ColumnFakeDetector:
    return ColumnFakeDetector()
