"""``detect.py spark IN... -o OUT_DIR``: ``scan`` on a Spark cluster (or local cores), same output."""

from __future__ import annotations

import os
import sys

import click
from click.core import ParameterSource

from pagesieve.commands.options import (
    check_comment_options,
    clean_option,
    comment_threads_option,
    drop_docs_above_option,
    explain_option,
    field_spec,
    id_field_option,
    keep_labels_option,
    model_option,
    only_flagged_option,
    text_field_option,
    threshold_option,
)

_EPILOG = """\b
Inputs: JSONL (.jsonl, .jsonl.gz, .jsonl.bz2) or Parquet files, directories or globs, on any
Hadoop-compatible file system (local paths, hdfs://, s3a://, gs://...).
\b
Output: OUT_DIR/part-*.jsonl.gz with the rows of `detect.py scan`:
  {"id": ..., "flags": [{"start", "end", "label", "score"}, ...]}  (+ "text" with --clean)
or Parquet parts with the columns of `scan --format parquet`. A record that cannot be read
becomes {"id", "error", "source"}; records without an id get SOURCE:N, N being Spark's row id
(not the line number). Order follows Spark's partitions, not the input order.
\b
Under spark-submit, leave --master out: the cluster's master is used.
"""


def _local_and_missing(path: str) -> bool:
    """A plain local path (no ``scheme://``, no wildcard) that does not exist."""
    import glob

    if "://" in path:  # file:// too: Spark's to say
        return False
    local = _local(path)
    return local is not None and not glob.has_magic(local) and not os.path.exists(local)


def _local(path: str) -> str | None:
    """The real path of a plain local path (no ``scheme://``; ``file:`` is local), else None."""
    if "://" in path and not path.startswith("file://"):
        return None
    if path.startswith(("hdfs:", "s3a:", "s3:", "gs:", "abfs:")):
        return None
    return os.path.realpath(path.removeprefix("file://").removeprefix("file:"))


def _output_over_inputs(inputs: tuple[str, ...], output: str) -> str | None:
    """Why ``output`` may not be written, or None: Spark's ``--overwrite`` removes the output
    directory whole, so an output that is an input, or holds one, deleted the input (``-o .
    --overwrite`` emptied the working directory)."""
    out = _local(output)
    if out is None:
        return None
    import glob

    for spec in inputs:
        local = _local(spec)
        if local is None:
            continue
        found = glob.glob(local) if glob.has_magic(local) else [local]
        for path in found or [local]:
            real = os.path.realpath(path)
            if real == out:
                return f"-o {output}: is also an input ({spec})"
            if real.startswith(out.rstrip(os.sep) + os.sep):
                return f"-o {output}: holds an input ({spec}); the job would replace it"
    return None


@click.command("spark", epilog=_EPILOG)
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, help="Output directory (any Hadoop path).")
@click.option(
    "--master",
    default=None,
    help="Spark master URL [default: spark-submit's, else local[*]].",
)
@click.option(
    "--format",
    "out_format",
    type=click.Choice(["jsonl", "parquet"]),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--input-format",
    type=click.Choice(["auto", "jsonl", "parquet"]),
    default="auto",
    show_default=True,
    help="Input format [auto: Parquet if every input ends in .parquet, else JSONL].",
)
@click.option(
    "--compression",
    type=click.Choice(["gzip", "none"]),
    default="gzip",
    show_default=True,
    help="Compression of JSONL parts.",
)
@text_field_option
@id_field_option
@clean_option
@explain_option
@drop_docs_above_option
@only_flagged_option
@click.option(
    "--partitions",
    type=click.IntRange(min=1),
    default=None,
    help="Repartition the records into N tasks [default: at least the cluster's cores].",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=64,
    show_default=True,
    help="Documents per detector call.",
)
@model_option
@threshold_option
@keep_labels_option
@comment_threads_option
@click.option("--overwrite", is_flag=True, help="Replace OUT_DIR if it exists.")
@click.option(
    "--ignore-corrupt-files",
    is_flag=True,
    help="Keep going past a damaged file (a truncated .gz), keeping what Spark read of it; "
    "the records lost are not reported (scan reports them).",
)
@click.pass_context
def spark_command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    output: str,
    master: str | None,
    out_format: str,
    input_format: str,
    compression: str,
    text_field: str,
    id_field: str,
    clean: bool,
    explain: bool,
    drop_docs_above: float | None,
    only_flagged: bool,
    partitions: int | None,
    batch_size: int,
    model_path: str | None,
    threshold: float | None,
    keep_labels: tuple[str, ...],
    comment_threads: bool,
    overwrite: bool,
    ignore_corrupt_files: bool,
) -> None:
    """Flag the regions of each document in INPUTS that do not belong to its article, on Spark."""
    check_comment_options(keep_labels, comment_threads)
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise click.ClickException(
            "detect.py spark needs pyspark (and Java 17+): pip install 'pagesieve[spark]'"
        ) from None
    from pagesieve import spark as ps

    missing = [p for p in inputs if _local_and_missing(p)]
    if missing:  # said before a JVM starts: Spark says it in a page of Java stack trace
        from pagesieve.readers import absent_reason

        raise click.ClickException(
            "; ".join(f"{p}: {absent_reason(_local(p) or p)}" for p in missing)
        )
    clash = _output_over_inputs(inputs, output)
    if clash:
        raise click.UsageError(clash)
    compression_given = ctx.get_parameter_source("compression") is ParameterSource.COMMANDLINE
    if out_format == "parquet" and compression_given:  # it was ignored without a word
        raise click.UsageError("--compression is for JSONL parts; Parquet parts are Snappy's")
    fields = field_spec(ctx, text_field, id_field)
    owned = SparkSession.getActiveSession() is None
    session = _session(SparkSession, master)
    exit_code = 0
    try:
        sc = session.sparkContext
        counters = (sc.accumulator(0), sc.accumulator(0), sc.accumulator(0))
        if ignore_corrupt_files:
            session.conf.set("spark.sql.files.ignoreCorruptFiles", "true")
        try:
            records, fmt = ps.read_pages(session, list(inputs), fields, input_format)
            wanted = partitions or sc.defaultParallelism
            if partitions or records.rdd.getNumPartitions() < wanted:
                records = records.repartition(wanted)
            out = ps.scan_records(
                records,
                fmt,
                fields=fields,
                out_format=out_format,
                clean=clean,
                explain=explain,
                only_flagged=only_flagged,
                drop_above=drop_docs_above,
                model=model_path,
                threshold=threshold,
                batch_size=batch_size,
                counters=counters,
                keep_labels=keep_labels,
                comment_threads=comment_threads,
            )
            writer = out.write.mode("overwrite" if overwrite else "errorifexists")
            if out_format == "parquet":
                writer.parquet(output)
            else:
                writer.option("compression", compression).text(output)
                _rename_parts(session, output)
        except Exception as exc:
            if type(exc).__name__ in ("AnalysisException", "FileNotFoundError"):
                raise click.ClickException(_first_line(exc)) from None
            damaged = _damaged_file(exc)
            if damaged is not None:  # Hadoop's readers stop the job at a truncated .gz
                raise click.ClickException(
                    f"cannot read {damaged[0]} ({damaged[1]}): the job stopped. Leave it out, "
                    "scan it with detect.py scan (which reads up to the damage), or rerun with "
                    "--ignore-corrupt-files"
                ) from None
            raise
        docs, errors, flagged = (c.value for c in counters)
        click.echo(
            f"spark: {docs} documents, {errors} errors, {flagged} flagged -> {output}", err=True
        )
        if errors and docs == errors:
            click.echo("pagesieve spark: nothing could be read from the inputs", err=True)
            exit_code = 2
    finally:
        if owned:
            session.stop()
    ctx.exit(exit_code)


def _session(builder_cls, master: str | None):
    """A session with spark-submit's master when there is one, else ``master`` or local[*]."""
    from pyspark import SparkConf

    builder = builder_cls.builder.appName("pagesieve")
    try:
        conf = SparkConf()
        if master or not conf.contains("spark.master"):
            builder = builder.master(master or "local[*]")
        local = (master or conf.get("spark.master", "local[*]")).startswith("local")
        if local and not _python_chosen(conf):
            # local workers run beside this process: give them its interpreter (and so its
            # packages), not whichever python3 comes first on PATH (PySpark reads the variable
            # when the context starts)
            os.environ["PYSPARK_PYTHON"] = sys.executable
        # bounded Arrow batches: pages can be long, and tasks scan them in small batches anyway
        session = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", "1024")
        session = session.getOrCreate()
    except Exception as exc:
        raise click.ClickException(
            f"cannot start Spark (is Java 17+ installed and on PATH?): {_first_line(exc)}"
        ) from None
    session.sparkContext.setLogLevel("WARN")
    return session


def _python_chosen(conf) -> bool:
    """Did the user pick the workers' Python (environment or Spark configuration)?"""
    return bool(os.environ.get("PYSPARK_PYTHON")) or conf.contains("spark.pyspark.python")


def _damaged_file(exc: BaseException) -> tuple[str, str] | None:
    """The file and the cause of a Spark job failed by a file it could not read, if it was."""
    import re

    text = str(exc)
    found = re.search(
        r"FAILED_READ_FILE\S*\] Encountered error while reading file (\S+?)\.?\s", text
    )
    if found is None:
        return None
    cause = re.search(r"Caused by: ([^\n]+)", text)
    from pagesieve.spark import _source_name

    return _source_name(found.group(1)), cause.group(1).strip() if cause else "damaged"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _rename_parts(session, output: str) -> None:
    """``part-*.txt[.gz]`` -> ``part-*.jsonl[.gz]``, so ``scan`` and others read them as JSONL."""
    jvm = getattr(session, "_jvm", None) or session.sparkContext._jvm
    conf = session.sparkContext._jsc.hadoopConfiguration()
    root = jvm.org.apache.hadoop.fs.Path(output)
    fs = root.getFileSystem(conf)
    for status in fs.listStatus(root):
        path = status.getPath()
        name = path.getName()
        if name.startswith("part-") and ".txt" in name:
            fs.rename(path, jvm.org.apache.hadoop.fs.Path(root, name.replace(".txt", ".jsonl", 1)))
