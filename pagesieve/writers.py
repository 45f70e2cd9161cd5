"""Output side of ``scan``: output rows, their encodings, and atomic shard writers.

Rows are built and encoded in the workers (so the main process only copies bytes); a
writer puts them in a hidden ``.NAME.partial`` file and renames it to ``NAME`` only once
the shard is complete, which is what makes ``-o DIR/`` runs resumable.
"""

from __future__ import annotations

import contextlib
import datetime
import decimal
import errno
import gzip
import json
import math
import os
import stat
import sys
from collections.abc import Callable
from typing import Any, BinaryIO, Protocol

import numpy as np
import zstandard

from pagesieve.types import LABELS, Flag, FlagColumns, flagged_fraction, remove_flagged

_PARQUET_ROW_GROUP = 20_000
_PARQUET_GROUP_BYTES = 128 << 20


# --------------------------------------------------------------------------- rows


def ok_row(
    doc_id: Any,
    flags: list[Flag],
    explain: bool,
    text: str | None,
    extra: dict | None,
    page: tuple[float, bool] | None = None,
) -> dict:
    """The output object of a scanned document (``text`` only with ``--clean``; ``page`` is
    ``(flagged_fraction, dropped)`` only with ``--drop-docs-above``)."""
    row: dict[str, Any] = {"id": doc_id, "flags": [f.to_json(explain) for f in flags]}
    if page is not None:
        row["flagged_fraction"] = round(page[0], 4)
        row["dropped"] = page[1]
    if text is not None:
        row["text"] = text
    if extra:  # the record's own fields never replace the verdict (its own "dropped", say)
        for key, value in extra.items():
            row.setdefault(key, value)
    return row


def clean_and_verdict(
    text: str, flags: list[Flag], clean: bool, drop_above: float | None
) -> tuple[str | None, tuple[float, bool] | None]:
    """``--clean``'s text and ``--drop-docs-above``'s ``(flagged_fraction, dropped)`` for a
    document (None when not asked for); a dropped page's cleaned text is empty."""
    page = None
    if drop_above is not None:
        fraction = flagged_fraction(text, flags)
        page = (fraction, fraction > drop_above)
    if not clean:
        return None, page
    return ("" if page is not None and page[1] else remove_flagged(text, flags)), page


def error_row(doc_id: Any, error: str, source: str) -> dict:
    """The output object standing in for a record that could not be scanned."""
    return {"id": doc_id, "error": error, "source": source}


def _json_default(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", "replace")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def encode_jsonl(row: dict) -> bytes:
    """One JSONL line. Lone surrogates (legal in JSON input) go back out as ``\\uXXXX``."""
    return (strict_dumps(row) + "\n").encode("utf-8", "backslashreplace")


def strict_dumps(value: Any) -> str:
    """Compact JSON that strict parsers accept: Python reads ``NaN`` and ``Infinity`` in input
    records (pandas writes them in metadata; ``1e400`` overflows to one), but they are not
    JSON, so a non-finite number goes out as ``null``."""
    try:
        return json.dumps(
            value, ensure_ascii=False, separators=(",", ":"), default=_json_default, allow_nan=False
        )
    except ValueError:  # only a non-finite float gets here: redo with nulls in their places
        return json.dumps(
            _finite(value), ensure_ascii=False, separators=(",", ":"), default=_json_default
        )


def _finite(value: Any) -> Any:
    """``value`` with each non-finite float (also inside lists and dicts) replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


#: Each label's JSON string, encoded once.
_LABEL_JSON: dict[str, str] = {}


def score_json(score: float) -> str:
    """``json.dumps(round(score, 4))`` for a float in [0, 1], 1.7x as fast: ``.4f`` rounds the
    exact binary value half to even as ``round`` does, and the trailing zeros go as ``repr``
    drops them (``0.5``, ``1.0``)."""
    text = f"{score:.4f}".rstrip("0")
    return text + "0" if text[-1] == "." else text


def flag_json(flag: Flag, explain: bool = False) -> str:
    """``flag.to_json(explain)`` as :func:`encode_jsonl` writes it, built with one f-string."""
    start, end, score = flag.start, flag.end, flag.score
    # json writes an int with int.__repr__; anything else (a numpy number, a score out of [0, 1]
    # or NaN) takes json's own path
    if not (type(start) is int and type(end) is int and type(score) is float and 0 <= score <= 1):
        return strict_dumps(flag.to_json(explain))
    label = _label_json(flag.label)
    head = f'{{"start":{start!r},"end":{end!r},"label":{label},"score":{score_json(score)}'
    if explain and flag.reason:
        return f'{head},"reason":{strict_dumps(flag.reason)}}}'
    return head + "}"


#: ``score_json(k / 10000)`` for k = 0..10000: a score's text by its rounded value
_SCORE_TEXT: tuple[str, ...] = tuple(score_json(k / 10000) for k in range(10001))
_FLAG_FORMAT = '{{"start":{},"end":{},"label":{},"score":{}}}'.format


def flag_json_items(columns: FlagColumns) -> list[str]:
    """Each document's flags as :func:`encode_ok_jsonl` writes them between ``[`` and ``]``,
    for a whole batch at once: the scores are rounded with numpy and looked up, and each flag
    is one C-level ``str.format`` call, with no :class:`Flag` object (3.6x as fast over the
    374,553 flags of the 31 MB benchmark as building the objects and formatting them). Reasons
    (``--explain``) are not written; odd scores (NaN, out of [0, 1]) take json's path."""
    score = columns.score
    scaled = score * 10000.0
    # ``.4f`` rounds the exact binary value half to even, as rint does the product, unless the
    # product's own rounding (1e-12 here) moved it across a half: those few are formatted by
    # Python, as are scores json writes its own way
    odd = ~((score >= 0) & (score <= 1)) | np.signbit(score)  # and -0.0, written "-0.0"
    with np.errstate(invalid="ignore"):
        near_half = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-9
    rounded = np.rint(np.where(odd, 0.0, scaled)).astype(np.int64).tolist()
    scores = [_SCORE_TEXT[k] for k in rounded]
    for i in np.flatnonzero(near_half | odd).tolist():
        value = float(score[i])
        scores[i] = score_json(value) if 0 <= value <= 1 else strict_dumps(round(value, 4))
    labels = [_label_json(label) for label in LABELS]
    items = list(
        map(
            _FLAG_FORMAT,
            columns.start.tolist(),
            columns.end.tolist(),
            [labels[k] for k in columns.label.tolist()],
            scores,
        )
    )
    bounds = columns.doc_ptr.tolist()
    return [",".join(items[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]


def _label_json(label: str) -> str:
    text = _LABEL_JSON.get(label)
    if text is None:
        text = _LABEL_JSON.setdefault(label, strict_dumps(label))
    return text


def encode_ok_jsonl(
    doc_id: Any,
    flags: list[Flag],
    explain: bool,
    text: str | None,
    extra: dict | None,
    page: tuple[float, bool] | None = None,
) -> bytes:
    """``encode_jsonl(ok_row(...))``, byte for byte, without a dict per flag: the flags (most of
    a line, and tens of thousands per chunk) are formatted directly, the rest of the row goes
    through json as before. JSON text is compositional, so the pieces join to the same line."""
    items = ",".join([flag_json(f, explain) for f in flags])
    return encode_ok_items(doc_id, items, text, extra, page)


def encode_ok_items(
    doc_id: Any,
    items: str,
    text: str | None = None,
    extra: dict | None = None,
    page: tuple[float, bool] | None = None,
) -> bytes:
    """:func:`encode_ok_jsonl` with the flags already formatted (``items``, the text between
    the brackets of ``"flags"``: :func:`flag_json_items`)."""
    row = ok_row(doc_id, [], False, text, extra, page)
    del row["flags"]  # ``extra`` never holds "flags" (``RESERVED_KEYS``): it comes right after "id"
    head = strict_dumps({"id": row.pop("id")})
    rest = strict_dumps(row) if row else "{}"
    parts = [head[:-1], ',"flags":[', items, "]"]
    if rest != "{}":
        parts += [",", rest[1:-1]]
    parts.append("}\n")
    return "".join(parts).encode("utf-8", "backslashreplace")


_PARQUET_COLUMNS = ("id", "flags", "error", "source", "text")
_PAGE_COLUMNS = ("flagged_fraction", "dropped")


def encode_parquet(row: dict, page: bool = False) -> dict:
    """A row for the Parquet writer: fixed columns, ``--keep-fields`` extras as JSON text
    (``page``: the row holds ``--drop-docs-above``'s verdict, not the record's own fields of
    those names).

    Parquet strings are UTF-8, which has no lone surrogates (legal in JSON input, written back
    as ``\\uXXXX`` in JSONL): each becomes U+FFFD, one character for one, so offsets hold."""
    doc_id = row.get("id")
    out = {
        "id": None
        if doc_id is None
        else doc_id
        if isinstance(doc_id, str)
        else strict_dumps(doc_id),
        "flags": row.get("flags"),
        "error": row.get("error"),
        "source": row.get("source"),
    }
    if "text" in row:
        out["text"] = row["text"]
    if page:
        out["flagged_fraction"] = row["flagged_fraction"]
        out["dropped"] = row["dropped"]
    fixed = _PARQUET_COLUMNS + _PAGE_COLUMNS if page else _PARQUET_COLUMNS
    extra = {k: v for k, v in row.items() if k not in fixed}
    if extra:
        out["fields"] = strict_dumps(extra)
    for key in ("id", "error", "source", "text", "fields"):
        if isinstance(out.get(key), str):
            out[key] = _valid_utf8(out[key])
    flags = out["flags"]
    if flags and any("reason" in f for f in flags):  # --explain's reasons quote the text
        out["flags"] = [
            {**f, "reason": _valid_utf8(f["reason"])} if "reason" in f else f for f in flags
        ]
    return out


def _valid_utf8(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # through UTF-16, where a valid pair joins into one character and a lone half fails
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def _ok_parquet(*args: Any) -> dict:
    """``encode_parquet(ok_row(*args))``, told whether the row holds ``--drop-docs-above``'s
    verdict (``page``, the sixth argument of :func:`ok_row`)."""
    page = args[5] if len(args) > 5 else None
    return encode_parquet(ok_row(*args), page is not None)


def encoder_for(fmt: str) -> Callable[[dict], Any]:
    return encode_parquet if fmt == "parquet" else encode_jsonl


def ok_encoder_for(fmt: str) -> Callable[..., Any]:
    """What ``encoder_for(fmt)(ok_row(*args))`` gives, for a scanned document's arguments."""
    if fmt == "parquet":
        return _ok_parquet
    return encode_ok_jsonl


# --------------------------------------------------------------------------- writers


class ShardWriter(Protocol):
    """Receives encoded rows in order; ``commit`` makes the shard visible under its name."""

    path: str

    def write(self, encoded: list) -> None: ...

    def commit(self) -> None: ...

    def abort(self) -> None: ...


def partial_path(path: str) -> str:
    """Where a shard is written until it is complete: hidden, so no glob mistakes it for output."""
    head, tail = os.path.split(path)
    return os.path.join(head, f".{tail}.partial")


def shard_target(path: str) -> tuple[str, bool]:
    """Where a shard is written, and whether in place. A regular file (or none yet) is written
    beside itself and renamed into place; a link to one, at the file it links to (the link stays
    a link); a device, a pipe or a socket (``-o /dev/null``, a FIFO that a reader waits on) is
    written to directly, since renaming a file onto it would replace it."""
    if os.path.islink(path):
        if os.path.abspath(path).startswith(("/dev/", "/proc/")):
            return path, True  # /dev/stdout and its kin: links to whatever fd 1 is
        path = os.path.realpath(path)
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return path, False
    return path, not stat.S_ISREG(mode)


def remove_partial(path: str) -> None:
    """Removes ``path``'s ``.partial`` file if there is one (its writer never came back)."""
    _remove(partial_path(path))


def _sync_close(fh: BinaryIO) -> None:
    fh.flush()
    os.fsync(fh.fileno())
    fh.close()


def _stdout() -> BinaryIO | None:
    """stdout's bytes, or None when the process was started with it closed."""
    return getattr(sys.stdout, "buffer", None)


class JsonlWriter:
    """JSONL, ``.gz`` or ``.zst`` by extension; ``-`` writes to stdout (no temp file)."""

    def __init__(self, path: str) -> None:
        self.path = path
        if path == "-":
            self._tmp = None
            if _stdout() is None:  # started with stdout closed (``>&-``)
                raise OSError(errno.EBADF, "stdout is closed")
            self._raw: BinaryIO = sys.stdout.buffer
            self._out: Any = self._raw
            return
        target, in_place = shard_target(path)
        if in_place:
            self._tmp = None
            self._raw = open(target, "wb")  # noqa: SIM115
        else:
            self.path = target
            os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
            self._tmp = partial_path(target)
            self._raw = open(self._tmp, "wb")  # noqa: SIM115
        lower = path.lower()
        if lower.endswith(".gz"):
            # mtime=0 and no name: a re-run writes byte-identical files
            self._out = gzip.GzipFile(
                filename="", mode="wb", fileobj=self._raw, compresslevel=6, mtime=0
            )
        elif lower.endswith((".zst", ".zstd")):
            self._out = zstandard.ZstdCompressor(level=3).stream_writer(self._raw, closefd=False)
        else:
            self._out = self._raw

    def write(self, encoded: list) -> None:
        if encoded:
            self._out.write(b"".join(encoded))

    def commit(self) -> None:
        if self._out is not self._raw:
            self._out.close()
        if self._raw is _stdout():
            self._raw.flush()
        elif self._tmp is None:
            self._raw.close()  # a device or a pipe: flushed, nothing to rename
        else:
            _sync_close(self._raw)
            os.replace(self._tmp, self.path)

    def abort(self) -> None:
        if self._raw is _stdout():
            return
        try:
            with contextlib.suppress(OSError):  # what is left to flush may fail as the write did
                self._raw.close()
        finally:
            if self._tmp is not None:
                _remove(self._tmp)


class ParquetWriter:
    """Parquet with columns id, flags (list<struct>), error, source [, text] [, fields]."""

    def __init__(
        self, path: str, clean: bool, explain: bool, keep_fields: bool, page: bool = False
    ) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if path == "-":
            raise ValueError("Parquet output needs a file name, not stdout")
        self.path, in_place = shard_target(path)
        if in_place:
            self._tmp = None
        else:
            os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
            self._tmp = partial_path(self.path)
        flag_fields = [
            pa.field("start", pa.int64()),
            pa.field("end", pa.int64()),
            pa.field("label", pa.string()),
            pa.field("score", pa.float64()),
        ]
        if explain:
            flag_fields.append(pa.field("reason", pa.string()))
        columns = [
            pa.field("id", pa.string()),
            pa.field("flags", pa.list_(pa.struct(flag_fields))),
            pa.field("error", pa.string()),
            pa.field("source", pa.string()),
        ]
        if clean:
            columns.append(pa.field("text", pa.large_string()))
        if page:
            columns.append(pa.field("flagged_fraction", pa.float64()))
            columns.append(pa.field("dropped", pa.bool_()))
        if keep_fields:
            columns.append(pa.field("fields", pa.string()))
        self._pa = pa
        self._schema = pa.schema(columns)
        # opened here, not by name: pyarrow takes a path only as UTF-8, and an input's name may
        # not be (``z\xff.jsonl``: its shard's name holds a surrogate escape)
        self._fh = open(self._tmp or self.path, "wb")  # noqa: SIM115
        try:
            self._writer = pq.ParquetWriter(self._fh, self._schema, compression="zstd")
        except BaseException:
            self._fh.close()
            raise
        self._rows: list[dict] = []
        self._bytes = 0

    def write(self, encoded: list) -> None:
        self._rows.extend(encoded)
        self._bytes += sum(len(r.get("text") or "") for r in encoded)
        if len(self._rows) >= _PARQUET_ROW_GROUP or self._bytes >= _PARQUET_GROUP_BYTES:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            table = self._pa.Table.from_pylist(self._rows, schema=self._schema)
            self._writer.write_table(table)
            self._rows, self._bytes = [], 0

    def commit(self) -> None:
        self._flush()
        self._writer.close()
        if self._tmp is None:
            self._fh.close()  # a device or a pipe: nothing to rename
            return
        _sync_close(self._fh)
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        try:
            self._writer.close()
        finally:
            with contextlib.suppress(OSError):
                self._fh.close()
            if self._tmp is not None:
                _remove(self._tmp)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)


def open_writer(
    path: str, fmt: str, *, clean: bool, explain: bool, keep_fields: bool, page: bool = False
) -> ShardWriter:
    """A writer for one output shard (or the single ``-o FILE``)."""
    if fmt == "parquet":
        return ParquetWriter(path, clean=clean, explain=explain, keep_fields=keep_fields, page=page)
    return JsonlWriter(path)
