"""What a ``scan -o DIR/`` run has finished, so that a restart skips only what is still right.

A shard's file existing is not enough to skip it: the input may have changed since (records
appended), the file may hold another input's results (names are given first come, first
served, and inputs come and go), the run may have had other settings (``--clean``, another
threshold or model), and stdin is new data every time. ``DIR/.pagesieve-scan.jsonl`` (hidden:
never read back as an input) holds the run's settings on its first line, then one line per shard
written (just before its file is put in place): the output's name, the input's real path, size
and modification time, and the shard's counts. A restart skips a shard only when its line matches the input as it is now, and refuses
outright when the settings differ (the directory would end up mixing two scans).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from pagesieve.readers import InputFile

LOG_NAME = ".pagesieve-scan.jsonl"
_VERSION = 1


class SettingsChanged(Exception):
    """The directory holds shards of a scan with other settings."""


def fingerprint(inp: InputFile) -> dict[str, Any] | None:
    """The input as it is now (None for stdin, which is never the same twice)."""
    if inp.path == "-":
        return None
    try:
        st = os.stat(inp.path)
    except OSError:
        return None
    return {"input": os.path.realpath(inp.path), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _canonical(settings: Mapping[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(settings, sort_keys=True))


class ScanLog:
    """The log of one output directory: read at the start of a run, appended to per shard."""

    def __init__(self, out_dir: str, settings: Mapping[str, Any]) -> None:
        self.path = os.path.join(out_dir, LOG_NAME)
        self.settings = {"version": _VERSION, **_canonical(settings)}
        self.done: dict[str, dict[str, Any]] = {}
        self._has_header = False

    def load(self) -> None:
        """Read what earlier runs finished; raises :class:`SettingsChanged` on other settings.
        A damaged line (a run killed while appending) is passed over: its shard is redone."""
        try:
            with open(self.path, encoding="utf-8") as fh:
                lines = fh.read().splitlines()
        except FileNotFoundError:
            return
        entries = []
        for line in lines:
            try:
                entries.append(json.loads(line))
            except ValueError:
                continue
        header = next((e for e in entries if isinstance(e, dict) and "settings" in e), None)
        if header is None:
            return
        if header["settings"] != self.settings:
            theirs, ours = header["settings"], self.settings
            keys = sorted(k for k in {*theirs, *ours} if theirs.get(k) != ours.get(k))
            raise SettingsChanged(", ".join(keys))
        self._has_header = True
        for e in entries:
            if isinstance(e, dict) and isinstance(e.get("shard"), str):
                self.done[e["shard"]] = e

    def finished(self, name: str, inp: InputFile, output: str) -> dict[str, Any] | None:
        """The counts of shard ``name`` if an earlier run wrote it from this input as it is."""
        entry = self.done.get(name)
        now = fingerprint(inp)
        if entry is None or now is None or not os.path.isfile(output):
            return None
        if any(entry.get(k) != v for k, v in now.items()):
            return None
        counts = entry.get("counts")
        return counts if isinstance(counts, dict) else None

    def record(self, name: str, inp: InputFile, counts: Mapping[str, Any]) -> None:
        """Just before the shard's file is put in place: a shard's file never stands without
        its line, and a line whose file is missing (killed in between) only costs a redo."""
        line: dict[str, Any] = {"shard": name, **(fingerprint(inp) or {}), "counts": dict(counts)}
        with open(self.path, "a", encoding="utf-8") as fh:
            if not self._has_header:
                fh.write(json.dumps({"settings": self.settings}, sort_keys=True) + "\n")
                self._has_header = True
            fh.write(json.dumps(line, sort_keys=True) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
