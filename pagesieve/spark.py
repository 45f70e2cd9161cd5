"""pagesieve on Spark: flag the pages of a DataFrame, or of JSONL/Parquet files, on the executors.

The model file and its ``.sha256`` are shipped once per application with ``SparkContext.addFile``
(so every executor still checks the digest before unpickling), and each Python worker loads the
detector once (module-level cache). Rows travel as Arrow batches (``mapInArrow``) and are scanned
``batch_size`` documents at a time. A bad row (null or non-string text, a line that is not
JSON) becomes an error value in its output row: it never fails the job nor disappears.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import pyarrow as pa

from pagesieve.artifact import DEFAULT_MODEL, digest_path, verified_sha256
from pagesieve.readers import DEFAULT_MAX_CHARS, JSON, ROW, FieldSpec
from pagesieve.types import remove_flagged

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from pagesieve.detector import Detector

#: Documents per ``scan_batch`` call inside a Spark task.
DEFAULT_BATCH_SIZE = 64

_FLAG_FIELDS = [
    pa.field("start", pa.int64()),
    pa.field("end", pa.int64()),
    pa.field("label", pa.string()),
    pa.field("score", pa.float64()),
]
_FLAG_DDL = "start bigint, end bigint, label string, score double"

# Per Python worker: detectors by (shipped file name, threshold, kept labels). Spark reuses its
# Python workers across tasks, so each worker unpickles the model once per application.
_DETECTORS: dict[tuple[str, float | None, tuple[str, ...]], Detector] = {}
# Per driver: model path -> name it was shipped under (content-addressed, so re-shipping the
# same model is a no-op and two models with the same file name do not clash).
_SHIPPED: dict[tuple[str, str], str] = {}


def flags_type(explain: bool = False) -> pa.DataType:
    """Arrow type of the flags column: the ``Flag.to_json`` keys, in the JSONL order."""
    fields = [*_FLAG_FIELDS, pa.field("reason", pa.string())] if explain else _FLAG_FIELDS
    return pa.list_(pa.struct(fields))


def _spark_flags_type(explain: bool) -> Any:
    from pyspark.sql.types import ArrayType, DoubleType, LongType, StringType, StructType

    flag = StructType().add("start", LongType()).add("end", LongType())
    flag = flag.add("label", StringType()).add("score", DoubleType())
    if explain:
        flag = flag.add("reason", StringType())
    return ArrayType(flag)


def _flags_ddl(explain: bool) -> str:
    inner = _FLAG_DDL + (", reason string" if explain else "")
    return f"array<struct<{inner}>>"


# --------------------------------------------------------------------------- model shipping


def ship_model(spark: SparkSession, model: str | Path | None = None) -> str:
    """Send the artifact and its ``.sha256`` to every executor; returns the name to load it by.

    The digest is checked here too, so a corrupt model fails on the driver before any task runs.
    """
    path = Path(model or DEFAULT_MODEL).resolve()
    sc = spark.sparkContext
    key = (sc.applicationId, str(path))
    if key in _SHIPPED:
        return _SHIPPED[key]
    if not path.exists():
        raise FileNotFoundError(f"model file not found: {path}")
    dp = digest_path(path)
    recorded = verified_sha256(path, "ship")
    name = f"pagesieve-{recorded[:16]}{path.suffix}"
    staging = Path(tempfile.mkdtemp(prefix="pagesieve-model-"))
    atexit.register(shutil.rmtree, staging, True)  # the driver serves the files until it exits
    shutil.copyfile(path, staging / name)
    shutil.copyfile(dp, digest_path(staging / name))
    sc.addFile(str(staging / name))
    sc.addFile(str(digest_path(staging / name)))
    _SHIPPED[key] = name
    return name


def worker_detector(
    name: str,
    threshold: float | None,
    keep_labels: tuple[str, ...] = (),
    comment_threads: bool = False,
) -> Detector:
    """The detector of this Python worker, loaded (sha256-checked) on first use."""
    key = (name, threshold, keep_labels, comment_threads)
    det = _DETECTORS.get(key)
    if det is None:
        from pyspark import SparkFiles
        from threadpoolctl import threadpool_limits

        from pagesieve.detector import Detector

        # Spark runs one Python worker per core: native thread pools would only fight each other.
        threadpool_limits(1)
        det = Detector.load(
            SparkFiles.get(name),
            threshold,
            keep_labels=keep_labels,
            comment_threads=comment_threads,
        )
        _DETECTORS[key] = det
    return det


# --------------------------------------------------------------------------- DataFrame API


def _kept(keep_labels: Iterable[str], comment_threads: bool = False) -> tuple[str, ...]:
    """The labels checked on the driver (a misspelt one would fail every task, as would
    comments both kept and flagged) and sorted, so that one set of labels is one detector per
    worker."""
    from pagesieve.detector import check_comment_rule, kept_labels

    keep = tuple(sorted(kept_labels(keep_labels)))
    check_comment_rule(keep, comment_threads)
    return keep


def scan_dataframe(
    df: DataFrame,
    *,
    text_col: str = "text",
    clean: bool = False,
    explain: bool = False,
    model: str | Path | None = None,
    threshold: float | None = None,
    flags_col: str = "flags",
    error_col: str = "error",
    clean_col: str = "clean_text",
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_chars: int = DEFAULT_MAX_CHARS,
    keep_labels: Iterable[str] = (),
    comment_threads: bool = False,
) -> DataFrame:
    """``df`` with ``flags_col`` (the JSONL flags, as structs), ``error_col`` (null unless the row
    could not be scanned) and, with ``clean``, ``clean_col`` (text with flagged regions removed;
    pass ``clean_col=text_col`` to replace the text). Every other column passes through.
    ``keep_labels`` are never flagged (``--keep-label``); ``comment_threads`` flags readers'
    comment threads of pages that are not Chinese too (``--drop-comment-threads``)."""
    from pyspark.sql.types import StringType, StructField, StructType

    from pagesieve.detector import check_count, check_threshold

    keep = _kept(keep_labels, comment_threads)
    # checked on the driver: on the executors a bad value is a JVM stack trace per task
    check_threshold(threshold)
    batch_size = check_count("batch_size", batch_size)
    max_chars = check_count("max_chars", max_chars)
    names = df.columns
    if text_col not in names:
        raise ValueError(f"no column {text_col!r} in {names}")
    added = [flags_col, error_col] + ([clean_col] if clean and clean_col != text_col else [])
    clash = [c for c in added if c in names]
    if clash or len(set(added)) != len(added):
        raise ValueError(f"output column names clash with the input or each other: {added}")
    name = ship_model(df.sparkSession, model)
    out = StructType(list(df.schema.fields))
    out.add(flags_col, _spark_flags_type(explain))
    out.add(error_col, StringType())
    if clean:
        if clean_col == text_col:
            out = StructType(
                [StructField(f.name, StringType()) if f.name == text_col else f for f in out]
            )
        else:
            out.add(clean_col, StringType())
    index = names.index(text_col)
    opts = _Opts(name, threshold, explain, clean, batch_size, max_chars, keep, comment_threads)
    cols = (flags_col, error_col, clean_col, text_col, index)

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return _scan_batches(batches, opts, cols)

    return df.mapInArrow(run, out)


class _Opts:
    """What the executor side needs (picklable, small)."""

    def __init__(
        self, name, threshold, explain, clean, batch_size, max_chars, keep_labels, comment_threads
    ) -> None:
        self.name = name
        self.threshold = threshold
        self.keep_labels = keep_labels
        self.comment_threads = comment_threads
        self.explain = explain
        self.clean = clean
        self.batch_size = batch_size
        self.max_chars = max_chars


def _text_or_error(value: Any, max_chars: int) -> tuple[str | None, str | None]:
    """A row's text, or why it cannot be scanned (the messages of ``detect.py scan``)."""
    if value is None:
        return None, "text is null"
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, f"invalid UTF-8 at byte {exc.start} of the text"
    if not isinstance(value, str):
        return None, f"text is {type(value).__name__}, not a string"
    if len(value) > max_chars:
        return None, f"document too large ({len(value)} chars > limit {max_chars})"
    return value, None


def _scan_batches(
    batches: Iterator[pa.RecordBatch], opts: _Opts, cols: tuple
) -> Iterator[pa.RecordBatch]:
    from pagesieve.worker import detect_texts  # batch scan, one by one on failure

    flags_col, error_col, clean_col, text_col, index = cols
    detector = worker_detector(opts.name, opts.threshold, opts.keep_labels, opts.comment_threads)
    ftype = flags_type(opts.explain)
    for batch in batches:
        for off in range(0, batch.num_rows, opts.batch_size):
            part = batch.slice(off, opts.batch_size)
            values = part.column(index).to_pylist()
            texts, errors = zip(*(_text_or_error(v, opts.max_chars) for v in values), strict=True)
            found = detect_texts(detector, texts, opts.explain)
            flags_out: list[list[dict] | None] = []
            errors_out: list[str | None] = []
            cleaned: list[str | None] = []
            for i, text in enumerate(texts):
                flags = found[i]
                error = errors[i] or (flags if isinstance(flags, str) else None)
                if error is not None:
                    flags_out.append(None)
                    errors_out.append(error)
                    cleaned.append(None)
                    continue
                flags_out.append([f.to_json(opts.explain) for f in flags])
                errors_out.append(None)
                cleaned.append(remove_flagged(text, flags) if opts.clean else None)
            arrays = list(part.columns)
            fields = list(part.schema)
            if opts.clean and clean_col == text_col:
                arrays[index] = pa.array(cleaned, pa.string())
                fields[index] = pa.field(text_col, pa.string())
            arrays += [pa.array(flags_out, ftype), pa.array(errors_out, pa.string())]
            fields += [pa.field(flags_col, ftype), pa.field(error_col, pa.string())]
            if opts.clean and clean_col != text_col:
                arrays.append(pa.array(cleaned, pa.string()))
                fields.append(pa.field(clean_col, pa.string()))
            yield pa.RecordBatch.from_arrays(arrays, schema=pa.schema(fields))


# --------------------------------------------------------------------------- files (the CLI)


def read_pages(
    spark: SparkSession,
    inputs: Sequence[str],
    fields: FieldSpec | None = None,
    input_format: str = "auto",
) -> tuple[DataFrame, str]:
    """Raw records of JSONL(.gz) or Parquet inputs (any Hadoop path) as (payload, source, pos).

    JSONL lines stay unparsed (``value``) so that the workers decode them exactly as
    ``detect.py scan`` does; ``pos`` is Spark's row id (unique; not the line number). Returns
    the records and the input format (``jsonl`` or ``parquet``).
    """
    from pyspark.sql import functions as F

    if input_format == "auto":
        parquet = [p for p in inputs if p.rstrip("/").lower().endswith(".parquet")]
        input_format = "parquet" if parquet and len(parquet) == len(inputs) else "jsonl"
    if input_format == "parquet":
        df = spark.read.parquet(*inputs)
        wanted = {*(fields or FieldSpec()).text_fields, *(fields or FieldSpec()).id_fields}
        df = df.select(*[c for c in df.columns if c in wanted] or df.columns)
    else:
        # the lines as bytes: a line of invalid UTF-8 is that record's error (as in scan), where
        # Arrow's strict decoding of a string column failed the whole job
        df = spark.read.option("lineSep", "\n").text(list(inputs))
        df = df.select(F.col("value").cast("binary").alias("value"), "_metadata")
    return df.select(
        F.struct(*[c for c in df.columns if c != "_metadata"]).alias("record"),
        F.col("_metadata.file_path").alias("source"),
        F.monotonically_increasing_id().alias("pos"),
    ), input_format


def parquet_output_schema(clean: bool, explain: bool, page: bool = False) -> str:
    """The columns ``detect.py scan --format parquet`` writes (``writers.ParquetWriter``)."""
    cols = f"id string, flags {_flags_ddl(explain)}, error string, source string"
    cols += ", text string" if clean else ""
    return cols + (", flagged_fraction double, dropped boolean" if page else "")


def scan_records(
    records: DataFrame,
    input_format: str,
    *,
    fields: FieldSpec,
    out_format: str = "jsonl",
    clean: bool = False,
    explain: bool = False,
    only_flagged: bool = False,
    drop_above: float | None = None,
    model: str | Path | None = None,
    threshold: float | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    counters: Any = None,
    keep_labels: Iterable[str] = (),
    comment_threads: bool = False,
) -> DataFrame:
    """Encoded output rows of ``detect.py scan`` for the records of :func:`read_pages`: one
    ``value`` column of JSONL lines, or the Parquet columns. Same decoding, same rows, same
    bytes as ``scan``, because the workers run ``scan``'s own chunk code."""
    from pagesieve.worker import WorkerConfig

    keep = _kept(keep_labels, comment_threads)
    name = ship_model(records.sparkSession, model)
    config = WorkerConfig(fields, explain, clean, only_flagged, out_format, drop_above)
    schema = (
        "value string"
        if out_format == "jsonl"
        else parquet_output_schema(clean, explain, drop_above is not None)
    )
    kind = JSON if input_format == "jsonl" else ROW
    job = (name, threshold, keep, comment_threads, config, kind, max(1, int(batch_size)), counters)

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return _scan_records(batches, job)

    return records.mapInArrow(run, schema)


def _source_name(uri: str) -> str:
    """A file as scan names it: Spark gives a URI, its path percent-encoded (``my%20file``)."""
    if uri.startswith("file:"):
        uri = unquote(uri[5:])
        return "/" + uri.lstrip("/") if uri.startswith("//") else uri
    return uri


def _scan_records(batches: Iterator[pa.RecordBatch], job: tuple) -> Iterator[pa.RecordBatch]:
    from pagesieve import worker

    name, threshold, keep_labels, comment_threads, config, kind, batch_size, counters = job
    detector = worker_detector(name, threshold, keep_labels, comment_threads)
    worker.init_worker(lambda: detector, config, in_pool=False)
    if config.out_format == "jsonl":
        schema = pa.schema([pa.field("value", pa.string())])
    else:
        schema = pa.schema(
            [
                pa.field("id", pa.string()),
                pa.field("flags", flags_type(config.explain)),
                pa.field("error", pa.string()),
                pa.field("source", pa.string()),
                *([pa.field("text", pa.string())] if config.clean else []),
                *(
                    [pa.field("flagged_fraction", pa.float64()), pa.field("dropped", pa.bool_())]
                    if config.drop_above is not None
                    else []
                ),
            ]
        )
    for batch in batches:
        records = batch.column(0).to_pylist()
        sources = batch.column(1).to_pylist()
        positions = batch.column(2).to_pylist()
        groups: list[tuple[str, list]] = []
        for record, source, pos in zip(records, sources, positions, strict=True):
            if kind == JSON:
                line = record["value"]
                if not line or line.isspace():
                    continue  # blank lines are not records (as in scan)
                item = (JSON, pos, line.removeprefix(b"\xef\xbb\xbf"), len(line))
            else:
                item = (ROW, pos, record, 0)
            source = _source_name(source or "")
            if not groups or groups[-1][0] != source or len(groups[-1][1]) >= batch_size:
                groups.append((source, []))
            groups[-1][1].append(item)
        rows: list = []
        for source, items in groups:
            encoded, stats = worker.process_chunk(source, items)
            rows.extend(encoded)
            if counters is not None:
                counters[0].add(stats.documents)
                counters[1].add(stats.errors)
                counters[2].add(stats.flagged)
        if config.out_format == "jsonl":
            values = [r.decode("utf-8").removesuffix("\n") for r in rows]
            yield pa.RecordBatch.from_arrays([pa.array(values, pa.string())], schema=schema)
        else:
            for r in rows:
                r.pop("fields", None)
            yield pa.RecordBatch.from_pylist(rows, schema=schema)
