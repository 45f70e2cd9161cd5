"""Orchestration of ``scan``: shards, the worker pool, ordered writing, resumability.

The main process reads raw items, groups them into chunks and keeps a bounded number of
chunks in flight; results are written strictly in submission order, so output order equals
input order. Each output shard becomes visible (renamed from its ``.partial`` file) only when
complete, so a restart skips finished shards and redoes the rest from scratch.
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from typing import Any

from pagesieve import readers, worker
from pagesieve.readers import FieldSpec, InputFile, RawItem
from pagesieve.scanlog import (
    LogError,
    ScanLog,
    SettingsChanged,
    earlier_shards,
    fingerprint,
)
from pagesieve.scanstats import Progress, ScanStats
from pagesieve.worker import DetectorFactory, WorkerConfig
from pagesieve.writers import ShardWriter, open_writer, remove_partial

_CRASH = "worker process crashed while scanning this document"
_MAX_LOGGED = 20  #: read errors echoed on stderr; all of them are in the output anyway


class ScanError(Exception):
    """A fatal problem (bad output path, detector that cannot load, disk full): stop the run."""


@dataclass(frozen=True)
class ScanOptions:
    """Options of a scan; the CLI maps its flags onto this one to one."""

    fields: FieldSpec = field(default_factory=FieldSpec)
    clean: bool = False
    explain: bool = False
    only_flagged: bool = False
    drop_above: float | None = None  #: mark pages above this flagged fraction as dropped
    out_format: str | None = None  #: None: from the output name (``.parquet``), else jsonl
    jobs: int = 1
    batch_size: int = 128
    #: a batch's text, at most: the model's working memory is about 50 bytes a character
    #: (documents of 400 KB, 16 MB a batch: 1.1 GB peak RSS; 2 MB a batch: 350 MB, and faster)
    max_chunk_bytes: int = 2 << 20
    progress: bool | None = None  #: None: only when stderr is a terminal
    #: what else decides the output (the model's sha256, threshold, members): a restart into
    #: the same ``-o DIR/`` with other settings is refused (``pagesieve.scanlog``)
    identity: Mapping[str, Any] | None = None
    #: the ``--stats-json`` file: never read as an input (it is JSON) by the next run
    stats_json: str | None = None


@dataclass(frozen=True, slots=True)
class Shard:
    """One input and where its output goes (None: the single ``-o FILE`` stream)."""

    input: InputFile
    output: str | None


def is_dir_output(output: str) -> bool:
    """``-o DIR/`` (trailing slash) or an existing directory means one output per input."""
    return output != "-" and (output.endswith(("/", os.sep)) or os.path.isdir(output))


def resolve_format(output: str, out_format: str | None) -> str:
    if out_format:
        return out_format
    return "parquet" if output.lower().endswith(".parquet") else "jsonl"


_STRIP = (".gz", ".gzip", ".zst", ".zstd", ".jsonl", ".json", ".ndjson", ".parquet")
_STRIP += (".warc", ".wet", ".arc", ".txt")


def _stem(rel: str) -> str:
    lower = rel.lower()
    changed = True
    while changed:
        changed = False
        for ext in _STRIP:
            if lower.endswith(ext) and len(lower) > len(ext):
                rel, lower = rel[: -len(ext)], lower[: -len(ext)]
                changed = True
    return rel


def _refuse_output_among_inputs(inputs: Sequence[str], output: str) -> None:
    """An input given as the output itself: ``scan in.jsonl -o ./in.jsonl`` would overwrite
    what it reads, and ``scan DIR/ -o DIR/`` would read its own shards back on the next run
    (finding nothing to scan on this one, the output directory being left out). An output met
    inside an input directory or by a glob is left out instead (``expand_inputs``)."""
    if output == "-":
        return
    out_real = os.path.realpath(output)
    for spec in inputs:
        if spec == "-" or os.path.realpath(spec) != out_real:
            continue
        if os.path.isdir(spec):
            raise ScanError(
                f"{spec}: is also the output directory (-o); write the shards elsewhere"
            )
        raise ScanError(f"{spec}: is also the output (-o); the scan would overwrite it")


def _without_stats_file(
    stats_json: str, inputs: Sequence[str], output: str, found: list[InputFile]
) -> list[InputFile]:
    """``found`` without the ``--stats-json`` file. It names where the run's totals go, never
    what it reads or writes: an input named on the command line, the ``-o`` file, a file inside
    ``-o DIR/`` (a shard, the resume log), or a data file met in an input directory was
    overwritten by the totals, with exit status 0. An earlier run's totals met in an input
    directory are its own file: passed over."""
    stats_real = os.path.realpath(stats_json)
    for spec in inputs:
        if spec != "-" and _same_file(spec, stats_json, stats_real):
            raise ScanError(f"--stats-json {stats_json}: is also an input; it would be overwritten")
    if output != "-":
        out_real = os.path.realpath(output)
        if _same_file(output, stats_json, stats_real):
            raise ScanError(f"--stats-json {stats_json}: is also the output (-o)")
        if is_dir_output(output) and stats_real.startswith(out_real.rstrip(os.sep) + os.sep):
            raise ScanError(
                f"--stats-json {stats_json}: is inside the output directory (-o), whose files "
                "are the scan's shards and its resume log; write it elsewhere"
            )
    kept = []
    for inp in found:
        if inp.path != "-" and _same_file(inp.path, stats_json, stats_real):
            if not _earlier_stats(stats_real):
                raise ScanError(
                    f"--stats-json {stats_json}: is one of the input files; it would be overwritten"
                )
            continue
        kept.append(inp)
    return kept


def _same_file(path: str, other: str, other_real: str) -> bool:
    """The same path after links, or the same file by another name (a hard link)."""
    if os.path.realpath(path) == other_real:
        return True
    try:
        return os.path.samefile(path, other)
    except OSError:  # one of them does not exist yet
        return False


def _earlier_stats(path: str) -> bool:
    """Whether ``path`` holds the totals an earlier ``--stats-json`` wrote."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
        value = json.loads(head)
    except (OSError, ValueError):
        return False
    return isinstance(value, dict) and {"documents", "errors", "shards_written"} <= value.keys()


def _once_each(found: list[InputFile]) -> tuple[list[InputFile], list[str]]:
    """The inputs with each file once (a path given twice, or a file and its directory, would
    give every record twice), and a note for each repeat."""
    first: dict[str, str] = {}
    kept: list[InputFile] = []
    notes: list[str] = []
    for inp in found:
        key = inp.path if inp.path == "-" else os.path.realpath(inp.path)
        if key in first:
            notes.append(f"{inp.path}: given more than once (as {first[key]}); scanned once")
            continue
        first[key] = inp.path
        kept.append(inp)
    return kept, notes


def plan_shards(
    inputs: list[InputFile], out_dir: str, fmt: str, earlier: dict[str, str] | None = None
) -> list[Shard]:
    """Output path per input: same relative name, data extensions replaced. Deterministic, so a
    restart with the same inputs maps each to the same output; clashes (``a.jsonl`` +
    ``a.parquet``) keep the full input name. ``earlier`` (``scanlog.earlier_shards``) keeps each
    input the name an earlier run gave it: with an input added or removed, a name never moves
    to another input, which would leave the old shard behind beside the new one."""
    ext = ".parquet" if fmt == "parquet" else ".jsonl.gz"
    taken: set[str] = set()
    # the directories the layout needs (an input under k.jsonl.gz/ beside a k.jsonl): no file
    # may take their names
    dirs: set[str] = set()
    for inp in inputs:
        d = os.path.dirname(inp.rel)
        while d and d not in dirs:
            dirs.add(d)
            d = os.path.dirname(d)

    def free(c: str, layout: bool = True) -> bool:
        """``layout``: not a directory the inputs' layout needs (an earlier run's name keeps
        its place, and the input under such a directory is named flat)."""
        if c in taken or (layout and c in dirs) or os.path.isdir(os.path.join(out_dir, c)):
            return False
        # nor under a name that is a file: an earlier shard, or one of this plan
        d = os.path.dirname(c)
        while d:
            if d in taken or (
                os.path.lexists(os.path.join(out_dir, d))
                and not os.path.isdir(os.path.join(out_dir, d))
            ):
                return False
            d = os.path.dirname(d)
        return True

    names: dict[int, str] = {}
    for k, inp in enumerate(inputs):  # first the names earlier runs gave
        before = (earlier or {}).get(os.path.realpath(inp.path)) if inp.path != "-" else None
        if before is not None and before.endswith(ext) and free(before, layout=False):
            names[k] = before
            taken.add(before)
    shards = []
    for k, inp in enumerate(inputs):
        name = names.get(k)
        flat = inp.rel.replace(os.sep, "__")  # out of a directory that a file's name blocks
        candidates = [_stem(inp.rel) + ext, inp.rel + ext, _stem(flat) + ext, flat + ext]
        if name is None:
            name = next((c for c in candidates if free(c)), None)
        n = 2
        while name is None:
            c = f"{flat}-{n}{ext}"
            name = c if free(c) else None
            n += 1
        taken.add(name)
        shards.append(Shard(inp, os.path.join(out_dir, name)))
    return shards


# --------------------------------------------------------------------------- execution


class _InlineExecutor:
    """``-j 1``: run chunks in this process, same code path as the pool."""

    def __init__(self, factory: DetectorFactory, config: WorkerConfig) -> None:
        worker.init_worker(factory, config, in_pool=False)

    def submit(self, source: str, items: list[RawItem]) -> Future:
        fut: Future = Future()
        try:
            fut.set_result(worker.process_chunk(source, items))
        except Exception as exc:
            fut.set_exception(exc)
        return fut

    def restart(self) -> None:
        pass

    def close(self, kill: bool = False) -> None:
        worker.release_worker()


class _PoolExecutor:
    """Worker processes, each with its own detector; rebuilt if a worker dies."""

    def __init__(self, jobs: int, factory: DetectorFactory, config: WorkerConfig) -> None:
        self._args = (jobs, factory, config)
        self._pool = self._make()

    def _make(self) -> ProcessPoolExecutor:
        jobs, factory, config = self._args
        return ProcessPoolExecutor(
            max_workers=jobs, initializer=worker.init_worker, initargs=(factory, config)
        )

    def submit(self, source: str, items: list[RawItem]) -> Future:
        try:
            return self._pool.submit(worker.process_chunk, source, items)
        except BrokenProcessPool as exc:  # a worker died: the caller sees it when it drains
            fut: Future = Future()
            fut.set_exception(exc)
            return fut

    def restart(self) -> None:
        self.close(kill=True)
        self._pool = self._make()

    def close(self, kill: bool = False) -> None:
        if kill:
            procs = list((getattr(self._pool, "_processes", None) or {}).values())
            self._pool.shutdown(wait=False, cancel_futures=True)
            for p in procs:
                if p.is_alive():
                    p.kill()
            for p in procs:
                p.join(5)
        else:
            self._pool.shutdown(wait=True)


@dataclass
class _Pending:
    kind: str  # "start" | "chunk" | "end"
    shard: Shard
    items: list[RawItem] | None = None
    nbytes: int = 0
    future: Future | None = None


class Scan:
    """One run of ``scan``: build with the inputs, then :meth:`run`."""

    def __init__(
        self,
        inputs: Sequence[str],
        output: str,
        factory: DetectorFactory,
        options: ScanOptions | None = None,
    ) -> None:
        self.options = options or ScanOptions()
        self.output = output
        self.factory = factory
        self.fmt = resolve_format(output, self.options.out_format)
        self.dir_mode = is_dir_output(output)
        if self.fmt == "parquet" and output == "-":
            raise ScanError("Parquet output needs -o FILE.parquet or -o DIR/, not stdout")
        _refuse_output_among_inputs(inputs, output)
        found, missing = readers.expand_inputs(
            list(inputs), exclude=None if output == "-" else output
        )
        if self.options.stats_json and self.options.stats_json != "-":
            found = _without_stats_file(self.options.stats_json, inputs, output, found)
        found, self._notes = _once_each(found)
        self.stats = ScanStats(missing_inputs=missing)
        self._log: ScanLog | None = None
        self._seen: dict[str, dict | None] = {}  #: each shard's input when its reading began
        if self.dir_mode:
            self.shards = plan_shards(found, output, self.fmt, earlier_shards(output))
            self._log = ScanLog(output, self._settings())
        else:
            self.shards = [Shard(inp, None) for inp in found]
        o = self.options
        self.config = WorkerConfig(
            o.fields, o.explain, o.clean, o.only_flagged, self.fmt, o.drop_above
        )
        self._progress: Progress | None = None
        self._writer: ShardWriter | None = None
        #: the shard being opened: a signal between its file's creation and ``_writer`` being
        #: set left an empty ``.partial`` file that nothing removed
        self._opening: str | None = None
        self._read_errors = 0
        self._shard_stats = ScanStats()  #: the shard being written, for the run's log

    # -- public

    def run(self) -> ScanStats:
        """Scan everything; returns the totals. Raises :class:`ScanError` on fatal problems."""
        self._progress = Progress(self.stats, self.options.progress)
        for message in [*self.stats.missing_inputs, *self._notes]:
            self._progress.write(f"pagesieve scan: {message}")
        todo = self._unfinished() if self.dir_mode else self.shards
        executor = None
        try:
            if not self.dir_mode and self.shards:
                self._open_shard(self.output)
            if todo:
                executor = self._executor()
                self._pipeline(executor, todo)
            if self._writer is not None:
                self._commit()
            if executor is not None:
                executor.close()
                executor = None
        except BaseException:
            if self._writer is not None:
                self._writer.abort()
                self._writer = None
            elif self._opening is not None and self._opening != "-":
                remove_partial(self._opening)
            if executor is not None:
                executor.close(kill=True)
            raise
        finally:
            if self._log is not None:
                self._log.close()
            self._progress.close()
            self.stats.finish()
        return self.stats

    # -- internals

    def _settings(self) -> dict[str, Any]:
        """Everything that decides a shard's bytes, besides its input."""
        o = self.options
        return {
            "fields": asdict(o.fields),
            "clean": o.clean,
            "explain": o.explain,
            "only_flagged": o.only_flagged,
            "drop_above": o.drop_above,
            "format": self.fmt,
            **dict(o.identity or {}),
        }

    def _unfinished(self) -> list[Shard]:
        """The shards to write: those no earlier run finished from their input as it is now."""
        log = self._log
        assert log is not None
        try:
            log.open()
        except SettingsChanged as exc:
            raise ScanError(
                f"{self.output}: holds shards of a scan with other settings ({exc}); write to "
                "another directory, or empty this one to start over"
            ) from None
        except LogError as exc:
            raise ScanError(f"{self.output}: {exc}") from None
        todo, stale = [], 0
        for shard in self.shards:
            out = shard.output or ""
            counts = log.finished(os.path.relpath(out, self.output), shard.input, out)
            if counts is None:
                todo.append(shard)
                stale += os.path.exists(out)
                continue
            self.stats.shards_skipped += 1
            for key, value in counts.items():
                self.stats.earlier[key] = self.stats.earlier.get(key, 0) + value
        planned = {os.path.relpath(shard.output or "", self.output) for shard in self.shards}
        left = [
            name
            for name in log.done
            if name not in planned and os.path.isfile(os.path.join(self.output, name))
        ]
        if left:
            self._progress.write(  # type: ignore[union-attr]
                f"pagesieve scan: {len(left):,} shard(s) in {self.output} are from inputs not in "
                f"this run (removed, renamed or not named this time), left as they are: "
                f"{', '.join(sorted(left)[:3])}{' …' if len(left) > 3 else ''}"
            )
        if stale:
            self._progress.write(  # type: ignore[union-attr]
                f"pagesieve scan: {stale:,} shard(s) in {self.output} were not written by an "
                "earlier run from their input as it is now (changed, replaced, stdin, or nothing "
                "read from it): scanned again"
            )
        return todo

    def _executor(self) -> _InlineExecutor | _PoolExecutor:
        if self.options.jobs <= 1:
            return _InlineExecutor(self.factory, self.config)
        return _PoolExecutor(self.options.jobs, self.factory, self.config)

    def _open_shard(self, path: str) -> None:
        self._opening = path
        self._writer = self._open(path)
        self._opening = None

    def _open(self, path: str) -> ShardWriter:
        o = self.options
        try:
            return open_writer(
                path,
                self.fmt,
                clean=o.clean,
                explain=o.explain,
                keep_fields=o.fields.keep_fields,
                page=o.drop_above is not None,
            )
        except (OSError, ValueError) as exc:
            raise ScanError(f"cannot write {path}: {exc}") from exc

    def _events(self, shards: list[Shard]) -> Iterator[_Pending]:
        size, cap, fields = (
            self.options.batch_size,
            self.options.max_chunk_bytes,
            self.options.fields,
        )
        for shard in shards:
            yield _Pending("start", shard)
            items: list[RawItem] = []
            nbytes = 0
            if self._log is not None:
                # the input as it was when its reading began: what is appended while it is
                # read makes the next run read it again
                self._seen[shard.output or ""] = fingerprint(shard.input)
            for item in readers.iter_raw(shard.input, fields):
                items.append(item)
                nbytes += item[3]
                if item[0] == readers.ERROR:
                    self._log_read_error(shard, item)
                if len(items) >= size or nbytes >= cap:
                    yield _Pending("chunk", shard, items, nbytes)
                    items, nbytes = [], 0
            if items:
                yield _Pending("chunk", shard, items, nbytes)
            yield _Pending("end", shard)

    def _log_read_error(self, shard: Shard, item: RawItem) -> None:
        """Damaged files, truncations, unopenable paths: say so on stderr (a bounded number)."""
        self._read_errors += 1
        if self._read_errors <= _MAX_LOGGED:
            msg = f"pagesieve scan: {shard.input.display}:{item[1]}: {item[2][1]}"
            self._progress.write(msg)  # type: ignore[union-attr]
        elif self._read_errors == _MAX_LOGGED + 1:
            self._progress.write("pagesieve scan: more read errors: see the error records")  # type: ignore[union-attr]

    def _pipeline(self, executor: _InlineExecutor | _PoolExecutor, shards: list[Shard]) -> None:
        max_inflight = 1 if self.options.jobs <= 1 else 2 * self.options.jobs + 2
        pending: deque[_Pending] = deque()
        inflight = 0
        for event in self._events(shards):
            if event.kind == "chunk":
                event.future = executor.submit(event.shard.input.display, event.items)  # type: ignore[arg-type]
                inflight += 1
            pending.append(event)
            while inflight >= max_inflight or (pending and pending[0].kind != "chunk"):
                inflight -= self._drain_one(executor, pending)
        while pending:
            self._drain_one(executor, pending)

    def _drain_one(
        self, executor: _InlineExecutor | _PoolExecutor, pending: deque[_Pending]
    ) -> int:
        """Handle the oldest pending event; returns 1 if it was a chunk."""
        event = pending.popleft()
        shard = event.shard
        if event.kind == "start":
            if shard.output is not None:
                self._open_shard(shard.output)
            self._shard_stats = ScanStats()
            return 0
        if event.kind == "end":
            if shard.output is not None and self._writer is not None:
                self._commit()
                self.stats.shards_written += 1
                if self._log is not None:  # after: a line always names a file that was whole
                    name = os.path.relpath(shard.output, self.output)
                    try:
                        self._log.record(
                            name,
                            shard.input,
                            shard.output,
                            self._shard_stats.counts(),
                            seen=self._seen.pop(shard.output, None),
                        )
                    except OSError as exc:
                        raise ScanError(f"cannot write {self._log.path}: {exc}") from exc
            return 0
        try:
            encoded, cstats = event.future.result()  # type: ignore[union-attr]
        except worker.DetectorLoadError as exc:
            raise ScanError(f"cannot load the detector: {exc}") from exc
        except BrokenProcessPool:
            executor.restart()
            encoded, cstats = self._isolated(executor, event)
            for other in pending:
                if other.kind == "chunk":
                    other.future = executor.submit(other.shard.input.display, other.items)  # type: ignore[arg-type]
        self._write(encoded)
        self.stats.add(cstats, event.nbytes)
        self._shard_stats.add(cstats, event.nbytes)
        self._progress.update(cstats.documents)  # type: ignore[union-attr]
        return 1

    def _isolated(self, executor: _InlineExecutor | _PoolExecutor, event: _Pending) -> tuple:
        """After a worker died: rescan the chunk one document per task, to find the killer."""
        source = event.shard.input.display
        encoded: list = []
        total = worker.ChunkStats(labels={})
        for item in event.items or []:
            try:
                enc, st = executor.submit(source, [item]).result()
            except BrokenProcessPool:
                executor.restart()
                enc, st = worker.crash_row(item, source, _CRASH, self.config)
            except worker.DetectorLoadError as exc:
                raise ScanError(f"cannot load the detector: {exc}") from exc
            encoded.extend(enc)
            total.documents += st.documents
            total.errors += st.errors
            total.flagged += st.flagged
            total.paragraphs += st.paragraphs
            total.chars += st.chars
            for k, v in (st.labels or {}).items():
                total.labels[k] = total.labels.get(k, 0) + v  # type: ignore[index]
        return encoded, total

    def _write(self, encoded: list) -> None:
        try:
            self._writer.write(encoded)  # type: ignore[union-attr]
        except OSError as exc:
            raise ScanError(f"cannot write {self._writer.path}: {exc}") from exc  # type: ignore[union-attr]

    def _commit(self) -> None:
        writer, self._writer = self._writer, None
        try:
            writer.commit()  # type: ignore[union-attr]
        except OSError as exc:
            writer.abort()  # type: ignore[union-attr]
            raise ScanError(f"cannot write {writer.path}: {exc}") from exc  # type: ignore[union-attr]
        except BaseException:  # interrupted while committing: no .partial file left behind
            writer.abort()  # type: ignore[union-attr]
            raise


def run_scan(
    inputs: Sequence[str],
    output: str,
    factory: DetectorFactory,
    options: ScanOptions | None = None,
) -> ScanStats:
    """Scan ``inputs`` into ``output`` (file, ``-``, or ``DIR/``) with detectors from ``factory``."""
    return Scan(inputs, output, factory, options).run()


def exit_code(stats: ScanStats, strict: bool) -> int:
    """0 normally; 1 with ``strict`` and any error; 2 when nothing at all could be read. Shards
    an earlier run finished count as read by this one: a rerun of a failed command fails too."""
    errors = stats.total_errors + stats.earlier.get("errors", 0)
    scanned = stats.scanned + stats.earlier.get("documents", 0) - stats.earlier.get("errors", 0)
    if errors and scanned == 0:
        return 2
    if strict and errors:
        return 1
    return 0
