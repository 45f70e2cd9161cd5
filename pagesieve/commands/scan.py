"""``detect.py scan IN... -o OUT``: flag non-article regions in crawled text, in bulk."""

from __future__ import annotations

import functools
import json
import os
import signal
import sys

import click

from pagesieve.commands.options import (
    check_comment_options,
    check_writable,
    clean_option,
    comment_threads_option,
    drop_docs_above_option,
    explain_option,
    field_spec,
    id_field_option,
    keep_labels_option,
    members_option,
    model_option,
    only_flagged_option,
    text_field_option,
    threshold_option,
    worker_count,
    write_file,
)
from pagesieve.readers import DEFAULT_MAX_CHARS

_EPILOG = """\b
Inputs: files, directories (recursive), globs, or - for stdin. Formats: JSONL
(.jsonl/.jsonl.gz/.jsonl.zst), Parquet, WET (.warc.wet.gz), WARC (.warc.gz, HTML
responses), plain .txt (one document per file).
\b
Output: one JSON object per input document, in input order:
  {"id": ..., "flags": [{"start", "end", "label", "score"}, ...]}
A record that cannot be read becomes {"id", "error", "source"} in its place.
-o DIR/ writes one shard per input (resumable: finished shards are skipped on restart).
"""


@click.command("scan", epilog=_EPILOG)
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    help="Output .jsonl/.jsonl.gz/.jsonl.zst/.parquet file, - for stdout, or DIR/ for one "
    "output shard per input.",
)
@click.option(
    "--format",
    "out_format",
    type=click.Choice(["jsonl", "parquet"]),
    default=None,
    help="Output format [default: from the -o name; jsonl.gz shards in DIR/ mode].",
)
@text_field_option
@id_field_option
@clean_option
@explain_option
@drop_docs_above_option
@click.option("--keep-fields", is_flag=True, help="Copy each record's other fields to the output.")
@only_flagged_option
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes, at most one per usable core [default: all cores]; 1 runs in-process.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=128,
    show_default=True,
    help="Documents per worker task.",
)
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_CHARS,
    show_default=True,
    help="Longer documents become error records instead of being scanned.",
)
@model_option
@threshold_option
@members_option
@keep_labels_option
@comment_threads_option
@click.option("--strict", is_flag=True, help="Exit non-zero if any record or input had an error.")
@click.option(
    "--stats-json",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    default=None,
    help="Also write the closing summary to this file as JSON (-: on stdout, when -o is not).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr [default: only when stderr is a terminal].",
)
@click.pass_context
def scan_command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    output: str,
    out_format: str | None,
    text_field: str,
    id_field: str,
    clean: bool,
    explain: bool,
    drop_docs_above: float | None,
    keep_fields: bool,
    only_flagged: bool,
    jobs: int | None,
    batch_size: int,
    max_chars: int,
    model_path: str | None,
    threshold: float | None,
    members: int | None,
    keep_labels: tuple[str, ...],
    comment_threads: bool,
    strict: bool,
    stats_json: str | None,
    progress: bool | None,
) -> None:
    """Flag the regions of each document in INPUTS that do not belong to its article."""
    from pagesieve.runner import ScanError, ScanOptions, exit_code, run_scan

    check_comment_options(keep_labels, comment_threads)
    if stats_json == "-" and output == "-":
        raise click.UsageError("--stats-json - and -o - would both write to stdout")
    if stats_json and stats_json != "-":
        if not os.path.isdir(os.path.dirname(stats_json) or "."):
            # said now, not after an hour of scanning
            raise click.UsageError(f"--stats-json {stats_json}: no such directory")
        check_writable(stats_json, "--stats-json")
    fields = field_spec(
        ctx,
        text_field,
        id_field,
        keep_fields=keep_fields,
        max_chars=max_chars,
    )
    options = ScanOptions(
        fields=fields,
        clean=clean,
        explain=explain,
        only_flagged=only_flagged,
        drop_above=drop_docs_above,
        out_format=out_format,
        jobs=worker_count(jobs, "-j", "scan"),
        batch_size=batch_size,
        progress=progress,
        identity=_model_identity(model_path, threshold, members, keep_labels, comment_threads),
        stats_json=stats_json,
    )
    previous = signal.signal(signal.SIGTERM, _terminated)  # what batch schedulers send
    _TERMINATED.clear()
    try:
        factory = _detector_factory(model_path, threshold, members, keep_labels, comment_threads)
        stats = run_scan(inputs, output, factory, options)
        if _TERMINATED:
            # the handler's exception was swallowed: raised inside an import's lock callback
            # (Python reports it as "Exception ignored in: …_get_module_lock…") the scan went on
            raise _Terminated()
    except ScanError as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt as exc:
        click.echo("pagesieve scan: interrupted (finished shards are kept)", err=True)
        sys.exit(143 if isinstance(exc, _Terminated) else 130)
    finally:
        signal.signal(signal.SIGTERM, previous)
    click.echo(stats.summary(), err=True)
    if stats_json:
        write_file(stats_json, (json.dumps(stats.to_json(), indent=2) + "\n").encode())
    code = exit_code(stats, strict)
    if code == 2:
        click.echo("pagesieve scan: nothing could be read from the inputs", err=True)
    ctx.exit(code)


class _Terminated(KeyboardInterrupt):
    """SIGTERM: stop as on Ctrl-C (no .partial file left, workers stopped), exit 143."""


#: set when SIGTERM came, whether or not its exception reached the scan
_TERMINATED: list[int] = []


def _terminated(signum, frame) -> None:
    _TERMINATED.append(signum)
    raise _Terminated()


def _model_identity(
    model_path: str | None,
    threshold: float | None,
    members: int | None,
    keep_labels: tuple[str, ...] = (),
    comment_threads: bool = False,
) -> dict:
    """What decides the flags besides the text: the model (by its recorded sha256, which
    loading checks), the threshold, the members, the labels kept and the comment-thread rule
    (each named only when asked for, so that a run begun before its option existed resumes);
    kept with a ``-o DIR/`` run's shards."""
    from pathlib import Path

    from pagesieve.artifact import (
        DEFAULT_MODEL,
        ModelIntegrityError,
        recorded_sha256,
        verified_sha256,
    )

    path = Path(model_path) if model_path else DEFAULT_MODEL
    try:
        # checked here too: the workers load the model with the first records, and a scan of
        # nothing said nothing of a tampered model
        digest = verified_sha256(path) if os.path.isfile(path) else recorded_sha256(path)
    except ModelIntegrityError as exc:
        raise click.ClickException(f"cannot load the model: {exc}") from None
    identity = {"model": digest, "threshold": threshold, "members": members}
    if keep_labels:
        identity["keep_labels"] = sorted(set(keep_labels))
    if comment_threads:
        identity["comment_threads"] = True
    return identity


def _detector_factory(
    model_path: str | None,
    threshold: float | None,
    members: int | None = None,
    keep_labels: tuple[str, ...] = (),
    comment_threads: bool = False,
):
    """A picklable callable that loads the detector once per worker."""
    try:
        from pagesieve.detector import Detector
    except ImportError as exc:
        raise click.ClickException(f"the detector is not available: {exc}") from None
    return functools.partial(
        Detector.load,
        model_path,
        threshold,
        members,
        keep_labels,
        comment_threads=comment_threads,
    )
