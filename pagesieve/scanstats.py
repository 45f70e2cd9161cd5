"""Counters of a ``scan`` run: the live progress bar and the closing summary."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Any, TextIO

from pagesieve.terminal import safe_line
from pagesieve.types import LABELS
from pagesieve.worker import ChunkStats


@dataclass
class ScanStats:
    """Totals over a run; ``documents`` counts every record written or dropped, errors included."""

    documents: int = 0
    errors: int = 0
    flagged: int = 0
    dropped: int = 0
    paragraphs: int = 0
    chars: int = 0
    bytes_in: int = 0
    flags: dict[str, int] = field(default_factory=dict)
    shards_written: int = 0
    shards_skipped: int = 0
    #: counts of the shards an earlier run finished (``scan -o DIR/`` restarted)
    earlier: dict[str, int] = field(default_factory=dict)
    missing_inputs: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0

    def add(self, chunk: ChunkStats, nbytes: int) -> None:
        self.documents += chunk.documents
        self.errors += chunk.errors
        self.flagged += chunk.flagged
        self.dropped += chunk.dropped
        self.paragraphs += chunk.paragraphs
        self.chars += chunk.chars
        self.bytes_in += nbytes
        for label, n in (chunk.labels or {}).items():
            self.flags[label] = self.flags.get(label, 0) + n

    def counts(self) -> dict[str, int]:
        """The totals a ``-o DIR/`` run's log keeps per shard (``pagesieve.scanlog``)."""
        keys = ("documents", "errors", "flagged", "dropped", "paragraphs", "chars", "bytes_in")
        return {key: getattr(self, key) for key in keys}

    def finish(self) -> None:
        self.seconds = time.perf_counter() - self.started

    @property
    def total_errors(self) -> int:
        """Error records plus input paths that matched nothing."""
        return self.errors + len(self.missing_inputs)

    @property
    def scanned(self) -> int:
        return self.documents - self.errors

    def _ordered_flags(self) -> dict[str, int]:
        known = {k: self.flags[k] for k in LABELS if k in self.flags}
        known.update({k: v for k, v in sorted(self.flags.items()) if k not in known})
        return known

    def to_json(self) -> dict[str, Any]:
        secs = max(self.seconds, 1e-9)
        return {
            "documents": self.documents,
            "documents_scanned": self.scanned,
            "documents_flagged": self.flagged,
            "documents_dropped": self.dropped,
            "paragraphs": self.paragraphs,
            "flags": self._ordered_flags(),
            "flags_total": sum(self.flags.values()),
            "errors": self.total_errors,
            "error_records": self.errors,
            "missing_inputs": list(self.missing_inputs),
            "shards_written": self.shards_written,
            "shards_skipped": self.shards_skipped,
            "skipped_shards": dict(self.earlier),
            "bytes_in": self.bytes_in,
            "chars": self.chars,
            "seconds": round(self.seconds, 3),
            "mb_per_s": round(self.bytes_in / 1e6 / secs, 3),
            "docs_per_s": round(self.documents / secs, 1),
        }

    def summary(self) -> str:
        secs = max(self.seconds, 1e-9)
        mb = self.bytes_in / 1e6
        pct = 100.0 * self.flagged / self.scanned if self.scanned else 0.0
        flags = ", ".join(f"{k} {v:,}" for k, v in self._ordered_flags().items()) or "none"
        lines = [
            f"scan: {self.documents:,} documents, {self.paragraphs:,} paragraphs, "
            f"{self.total_errors:,} errors, {mb:,.1f} MB in {self.seconds:.1f} s "
            f"({mb / secs:,.2f} MB/s, {self.documents / secs:,.0f} docs/s)",
            f"flagged: {self.flagged:,} documents ({pct:.1f}%); "
            f"flags: {sum(self.flags.values()):,} ({flags})",
        ]
        if self.dropped:
            lines.append(f"dropped: {self.dropped:,} documents above the flagged-fraction limit")
        if self.shards_written or self.shards_skipped:
            line = f"shards: {self.shards_written:,} written, {self.shards_skipped:,} skipped"
            if self.shards_skipped:
                e = self.earlier
                line += (
                    f" (finished by an earlier run: {e.get('documents', 0):,} documents, "
                    f"{e.get('errors', 0):,} errors)"
                )
            lines.append(line)
        return "\n".join(lines)


class Progress:
    """tqdm on stderr, only when stderr is a terminal (logs stay clean)."""

    def __init__(self, stats: ScanStats, enabled: bool | None = None, stream: TextIO | None = None):
        stream = stream or sys.stderr
        if enabled is None:
            enabled = hasattr(stream, "isatty") and stream.isatty()
        self._stats = stats
        self._bar = None
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(file=stream, unit=" docs", dynamic_ncols=True, smoothing=0.1)

    def update(self, n: int) -> None:
        if self._bar is None:
            return
        s = self._stats
        pct = 100.0 * s.flagged / s.scanned if s.scanned else 0.0
        self._bar.set_postfix_str(f"{s.bytes_in / 1e6:,.1f} MB, {pct:.1f}% flagged", refresh=False)
        self._bar.update(n)

    def write(self, message: str) -> None:
        """A log line that does not tear the bar; a file's name or a record's error in it,
        which come from the data, cannot forge lines or send escapes (``terminal``)."""
        message = safe_line(message)
        if self._bar is None:
            print(message, file=sys.stderr)
        else:
            self._bar.write(message, file=sys.stderr)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
