"""What a ``scan -o DIR/`` run has finished, so that a restart skips only what is still right.

A shard's file existing is not enough to skip it: the input may have changed since (records
appended), the file may hold another input's results (names are given first come, first
served, and inputs come and go), the run may have had other settings (``--clean``, another
threshold or model), and stdin is new data every time. ``DIR/.pagesieve-scan.jsonl`` (hidden:
never read back as an input) holds the run's settings on its first line, then one line per shard
written, once its file is in place: the output's name, size and modification time, the input's
real path, size and modification time, and the shard's counts. A restart skips a shard only when
both its output and its input are as its line says; a kill between the rename and the line only
costs a redo. It refuses outright when the settings differ (the directory would mix two scans),
and a log whose first line is not a settings line is started afresh. A shard from which nothing
could be read (an input that could not be opened) gets no line: it is read again next time.
``DIR/.pagesieve-scan.lock`` keeps a second scan out of the directory while one runs.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
from collections.abc import Iterator, Mapping
from typing import Any, TextIO

from pagesieve.readers import InputFile

LOG_NAME = ".pagesieve-scan.jsonl"
LOCK_NAME = ".pagesieve-scan.lock"
_VERSION = 2
_MAX_COUNT = 1 << 53


class SettingsChanged(Exception):
    """The directory holds shards of a scan with other settings."""


class LogError(Exception):
    """The log or the lock cannot be used (unreadable, not a file, not writable, taken)."""


def file_state(path: str) -> dict[str, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def fingerprint(inp: InputFile) -> dict[str, Any] | None:
    """The input as it is now (None for stdin, which is never the same twice)."""
    if inp.path == "-":
        return None
    state = file_state(inp.path)
    if state is None:
        return None
    return {"input": os.path.realpath(inp.path), **state}


def _canonical(settings: Mapping[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(settings, sort_keys=True))


def _counts(raw: Any) -> dict[str, int] | None:
    if not isinstance(raw, dict):
        return None
    out = {}
    for key, value in raw.items():
        if type(value) is not int or not 0 <= value < _MAX_COUNT:
            return None  # edited by hand, or damaged: the shard is redone
        out[str(key)] = value
    return out


def earlier_shards(out_dir: str) -> dict[str, str]:
    """The shard name each input (by its real path) was given by earlier runs into
    ``out_dir``, read without the lock (a plan, not a decision: ``finished`` decides). A name
    stays an input's own, so that removing another input does not hand it over to this one
    while the old shard stays behind."""
    try:
        with open(os.path.join(out_dir, LOG_NAME), "rb") as fh:
            lines = fh.read().decode("utf-8", errors="replace").splitlines()
    except OSError:
        return {}
    return {
        entry["input"]: entry["shard"]
        for entry in _entries(lines[1:])
        if isinstance(entry.get("input"), str)
    }


def _entries(lines: list[str]) -> Iterator[dict[str, Any]]:
    """The shard lines of a log after its settings line, in order; a line cut off by a kill or
    edited by hand is passed over."""
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("shard"), str):
            yield entry


class ScanLog:
    """The log of one output directory: read at the start of a run, appended to per shard."""

    def __init__(self, out_dir: str, settings: Mapping[str, Any]) -> None:
        self.dir = out_dir
        self.path = os.path.join(out_dir, LOG_NAME)
        self.settings = {"version": _VERSION, **_canonical(settings)}
        self.done: dict[str, dict[str, Any]] = {}
        self._fh: TextIO | None = None
        self._lock: TextIO | None = None

    def open(self) -> None:
        """Take the directory's lock, read what earlier runs finished, and open the log to
        append to (now, not after the first shard: a log that cannot be written is said at
        once). Raises :class:`SettingsChanged` or :class:`LogError`."""
        try:
            os.makedirs(self.dir, exist_ok=True)
        except OSError as exc:  # a file where the directory goes, or under one
            raise LogError(f"cannot make the output directory: {exc}") from None
        lock_path = os.path.join(self.dir, LOCK_NAME)
        try:
            self._lock = open(lock_path, "a")  # noqa: SIM115 (held for the run)
        except OSError as exc:
            raise LogError(f"cannot lock {lock_path}: {exc}") from None
        try:
            # a POSIX lock: the process's own, gone with it (worker processes forked with the
            # file open do not hold it, as they would an flock after a kill -9 of the main one)
            fcntl.lockf(self._lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            self.close()
            if exc.errno in (errno.EACCES, errno.EAGAIN):
                raise LogError("another scan is writing to this directory") from None
            raise LogError(f"cannot lock {lock_path}: {exc}") from None
        lines, ends_in_newline = self._read()
        fresh = not self._load(lines)
        try:
            self._fh = open(self.path, "w" if fresh else "a", encoding="utf-8")  # noqa: SIM115
            if fresh:
                self._write(json.dumps({"settings": self.settings}, sort_keys=True))
            elif not ends_in_newline:
                self._fh.write("\n")  # a line cut off by a kill: the next starts on its own
        except OSError as exc:
            self.close()
            raise LogError(f"cannot write {self.path}: {exc}") from None

    def _read(self) -> tuple[list[str], bool]:
        try:
            with open(self.path, "rb") as fh:
                data = fh.read()
        except FileNotFoundError:
            return [], True
        except OSError as exc:
            self.close()
            raise LogError(f"cannot read {self.path}: {exc}") from None
        text = data.decode("utf-8", errors="replace")
        return text.splitlines(), text.endswith("\n") or not text

    def _load(self, lines: list[str]) -> bool:
        """Whether the log is this run's to go on with: its first line is a settings line (the
        settings must be these); else it is started afresh and every shard is redone."""
        try:
            header = json.loads(lines[0]) if lines else None
        except ValueError:
            header = None
        if not (isinstance(header, dict) and isinstance(header.get("settings"), dict)):
            return False
        theirs, ours = header["settings"], self.settings
        if theirs != ours:
            self.close()
            keys = sorted(k for k in {*theirs, *ours} if theirs.get(k) != ours.get(k))
            raise SettingsChanged(", ".join(keys))
        for entry in _entries(lines[1:]):
            self.done[entry["shard"]] = entry
        return True

    def finished(self, name: str, inp: InputFile, output: str) -> dict[str, int] | None:
        """The counts of shard ``name`` if an earlier run wrote it from this input as it is,
        and its file is the one that run wrote."""
        entry = self.done.get(name)
        now = fingerprint(inp)
        out = file_state(output)
        if entry is None or now is None or out is None or not os.path.isfile(output):
            return None
        if any(entry.get(k) != v for k, v in now.items()):
            return None
        if entry.get("output") != out:
            return None
        return _counts(entry.get("counts"))

    def record(
        self,
        name: str,
        inp: InputFile,
        output: str,
        counts: Mapping[str, int],
        seen: Mapping[str, Any] | None = None,
    ) -> None:
        """Once the shard's file is in place, with the input as it was when its reading began
        (``seen``; else as it is now). Nothing read from the input but errors (it could not be
        opened): no line, so that the next run tries again; an empty input is finished."""
        errors = counts.get("errors", 0)
        if errors and counts.get("documents", 0) == errors:
            return
        state = file_state(output)
        if state is None:
            return
        if seen is None:
            seen = fingerprint(inp)
        line = {
            "shard": name,
            **(seen or {}),
            "output": state,
            "counts": dict(counts),
        }
        self._write(json.dumps(line, sort_keys=True))

    def _write(self, line: str) -> None:
        assert self._fh is not None
        self._fh.write(line + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        for fh in (self._fh, self._lock):
            if fh is not None:
                fh.close()
        self._fh = self._lock = None
