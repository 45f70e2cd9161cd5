"""The per-process half of ``scan``: decode a chunk of raw items, detect, build encoded rows.

Each worker holds one detector, created once by the pool initializer from a picklable
factory. A detector exception on a chunk is retried document by document, so only the
document that fails becomes an error record.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from pagesieve.readers import Doc, FieldSpec, RawItem, decode
from pagesieve.segment import newline_text
from pagesieve.types import BatchScanner, Flag, count_labels
from pagesieve.writers import (
    clean_and_verdict,
    encode_ok_items,
    encoder_for,
    error_row,
    flag_json,
    flag_json_items,
    ok_encoder_for,
)

#: Picklable callable that builds the detector inside a worker.
DetectorFactory = Callable[[], BatchScanner]


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    """Everything a worker needs besides the detector; sent once per worker."""

    fields: FieldSpec = FieldSpec()
    explain: bool = False
    clean: bool = False
    only_flagged: bool = False
    out_format: str = "jsonl"
    drop_above: float | None = None  #: drop pages whose flagged fraction is above this


@dataclass(slots=True)
class ChunkStats:
    """Counters for one chunk, summed by the main process."""

    documents: int = 0
    errors: int = 0
    flagged: int = 0
    paragraphs: int = 0
    chars: int = 0
    dropped: int = 0
    labels: dict[str, int] | None = None


class DetectorLoadError(RuntimeError):
    """The detector factory failed in a worker: nothing can be scanned."""


_state: dict[str, Any] = {}


def init_worker(factory: DetectorFactory, config: WorkerConfig, in_pool: bool = True) -> None:
    """Pool initializer: build the detector once. Never raises (a raise would break the pool
    without a message); a failure is reported by the first chunk instead."""
    if in_pool:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's business
        _watch_parent()
    # One worker, one core, in a pool or in-process (-j 1): OpenMP threads in the trees' predict
    # spin while the worker runs Python code and fight the reader and the other workers for the
    # cores (seen here: the same -j 1 scan took 4.3 s with one thread, 4.5 to 9.7 s without).
    from threadpoolctl import threadpool_limits

    _state["thread_limits"] = threadpool_limits(1)
    _state["config"] = config
    _state["encode"] = encoder_for(config.out_format)
    _state["encode_ok"] = ok_encoder_for(config.out_format)
    try:
        _state["detector"] = factory()
        _state["load_error"] = None
    except Exception as exc:
        _state["detector"] = None
        _state["load_error"] = f"{type(exc).__name__}: {exc}"


def release_worker() -> None:
    """Undo :func:`init_worker` in a process that goes on after an in-process scan."""
    limits = _state.pop("thread_limits", None)
    if limits is not None:
        limits.restore_original_limits()
    _state.pop("detector", None)


def _watch_parent() -> None:
    """Exit when the main process is gone (killed with SIGKILL, say): an orphaned worker would
    otherwise wait on its task queue forever, holding a model's worth of memory."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="pagesieve-parent-watch", daemon=True).start()


def detect_texts(
    detector: BatchScanner, texts: Sequence[str | None], explain: bool = False
) -> list[list[Flag] | str]:
    """Flags per text, or an error message for a text the detector fails on, or that is not a
    string (a datatrove reader passes a JSON object or list through). A missing or blank text
    has no flags and is not sent to the detector."""
    out: list[list[Flag] | str] = [[] for _ in texts]
    todo = []
    for i, t in enumerate(texts):
        if isinstance(t, str):
            if t and not t.isspace():
                todo.append(i)
        elif t is not None:
            out[i] = f"text is {type(t).__name__}, not a string"
    for i, result in zip(todo, _detect_all(detector, [texts[i] for i in todo], explain)):  # type: ignore[misc]
        out[i] = result
    return out


def _detect_all(detector: BatchScanner, texts: list[str], explain: bool) -> list[list[Flag] | str]:
    if not texts:
        return []
    try:
        result = detector.scan_batch(texts, explain=explain)
        if len(result) != len(texts):
            raise RuntimeError(f"detector returned {len(result)} results for {len(texts)} texts")
        return list(result)
    except Exception:
        if len(texts) == 1:
            return [_detect_one(detector, texts[0], explain)]
        return [_detect_one(detector, t, explain) for t in texts]


def _detect_one(detector: BatchScanner, text: str, explain: bool = False) -> list[Flag] | str:
    try:
        result = detector.scan_batch([text], explain=explain)
        if len(result) != 1:
            raise RuntimeError(f"detector returned {len(result)} results for 1 text")
        return result[0]
    except Exception as exc:
        return f"detector failed: {type(exc).__name__}: {exc}"


def detect_json(
    detector: BatchScanner, texts: Sequence[str | None]
) -> tuple[list[tuple[int, str] | str], dict[str, int]]:
    """Each text's flag count and flags as JSON (:func:`flag_json_items`), or an error message,
    and the flags per label: :func:`detect_texts` for a plain JSONL scan, with no object per
    flag when the detector gives columns. Fails over as :func:`detect_texts` does."""
    todo = [i for i, t in enumerate(texts) if t and not t.isspace()]
    out: list[tuple[int, str] | str] = [(0, "") for _ in texts]
    results: list[list[Flag] | str] | None = None
    if todo and hasattr(detector, "scan_batch_columns"):
        try:
            columns = detector.scan_batch_columns([texts[i] for i in todo])  # type: ignore[attr-defined]
            if columns.n_docs != len(todo):
                raise RuntimeError(f"detector returned {columns.n_docs} results for {len(todo)}")
        except Exception:
            # document by document, as detect_texts does (without trying the batch again)
            results = [[] for _ in texts]
            for i in todo:
                results[i] = _detect_one(detector, texts[i])  # type: ignore[arg-type]
        else:
            counts = np.diff(columns.doc_ptr).tolist()
            for i, n, items in zip(todo, counts, flag_json_items(columns)):
                out[i] = (n, items)
            return out, columns.label_counts()
    labels: dict[str, int] = {}
    for i, result in enumerate(results if results is not None else detect_texts(detector, texts)):
        if isinstance(result, str):
            out[i] = result
            continue
        out[i] = (len(result), ",".join([flag_json(f) for f in result]))
        count_labels(result, labels)
    return out, labels


def process_chunk(source: str, items: list[RawItem]) -> tuple[list, ChunkStats]:
    """Scan one chunk of one input file; returns encoded output rows in input order."""
    if _state.get("load_error"):
        raise DetectorLoadError(_state["load_error"])
    config: WorkerConfig = _state["config"]
    encode, encode_ok = _state["encode"], _state["encode_ok"]
    fields = config.fields
    docs: list[Doc] = [decode(item, source, fields) for item in items]
    texts = [d.text if d.error is None else None for d in docs]
    # a plain JSONL scan writes only the flags' JSON: no Flag objects on the way
    as_json = (
        config.out_format == "jsonl"
        and not (config.explain or config.clean)
        and config.drop_above is None
    )
    if as_json:
        results, labels = detect_json(_state["detector"], texts)
    else:
        results, labels = detect_texts(_state["detector"], texts, config.explain), {}

    stats = ChunkStats(documents=len(docs), labels=labels)
    out = []
    for i, doc in enumerate(docs):
        flags = results[i] if doc.error is None else doc.error
        if isinstance(flags, str):
            stats.errors += 1
            out.append(encode(error_row(doc.id, flags, f"{source}:{items[i][1]}")))
            continue
        text = doc.text
        assert text is not None
        stats.chars += len(text)
        if text:
            lines = newline_text(text)  # every line break, as the detector reads them
            stats.paragraphs += lines.count("\n") + (not lines.endswith("\n"))
        if as_json:
            n_flags, flag_items = flags  # type: ignore[misc]
            stats.flagged += n_flags > 0
            if n_flags or not config.only_flagged:
                out.append(encode_ok_items(doc.id, flag_items, None, doc.extra))
            continue
        if flags:
            stats.flagged += 1
            count_labels(flags, labels)
        elif config.only_flagged:
            continue
        clean, page = clean_and_verdict(text, flags, config.clean, config.drop_above)
        stats.dropped += page is not None and page[1]
        out.append(encode_ok(doc.id, flags, config.explain, clean, doc.extra, page))
    return out, stats


def crash_row(
    item: RawItem, source: str, reason: str, config: WorkerConfig
) -> tuple[list, ChunkStats]:
    """Error output for a document whose worker process died (built in the main process)."""
    doc = decode(item, source, config.fields)
    row = error_row(doc.id, reason, f"{source}:{item[1]}")
    return [encoder_for(config.out_format)(row)], ChunkStats(documents=1, errors=1, labels={})
