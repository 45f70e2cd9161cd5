"""``detect.py serve``: run the pre-index filter service (uvicorn + the Starlette app)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator

import click

from pagesieve.commands.options import (
    Share,
    comment_threads_option,
    keep_labels_option,
    load_detector,
    members_option,
    model_option,
    threshold_option,
    worker_count,
)
from pagesieve.scanrequest import (
    DEFAULT_BODY_TIMEOUT,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_DOCUMENTS,
    DEFAULT_TIMEOUT,
    Limits,
)

_EPILOG = """\b
Endpoints:
  POST /v1/scan  {"documents": [{"id", "text"}], "clean": false, "explain": false}
                 -> {"results": [{"id", "flags", "text"?}]} (the rows of detect.py scan)
  GET  /healthz  200 once the model is loaded
  GET  /metrics  Prometheus text format (summed over workers)
\b
A request over a limit gets a 413, malformed JSON a 400, a wrong shape a 422, a body slower
than --body-timeout a 408, a detection that outlives --timeout a 503; the body is
{"error": "...", "status": N}.
"""


def _seconds_option(name: str, default: float, help: str) -> Callable:
    return click.option(
        name,
        # more than 0, at most a week: ``nan`` made every request a 500, ``inf`` is no deadline
        type=Share(min=0, min_open=True, max=7 * 24 * 3600),
        default=default,
        show_default=True,
        help=help,
    )


@click.command("serve", epilog=_EPILOG)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes, each with its own model (at most one per usable core).",
)
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Detection threads per worker.",
)
@click.option(
    "--max-body-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BODY_BYTES,
    show_default=True,
    help="Largest request body accepted.",
)
@click.option(
    "--max-documents",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_DOCUMENTS,
    show_default=True,
    help="Most documents in one request.",
)
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_CHARS,
    show_default=True,
    help="Longest document text, in characters.",
)
@_seconds_option(
    "--timeout",
    DEFAULT_TIMEOUT,
    "Seconds a request may wait for and spend in detection before a 503.",
)
@_seconds_option(
    "--body-timeout",
    DEFAULT_BODY_TIMEOUT,
    "Seconds a request's body may take to arrive before a 408 (a stalled client).",
)
@model_option
@threshold_option
@members_option
@keep_labels_option
@comment_threads_option
@click.option("--access-log/--no-access-log", default=False, show_default=True)
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    default="info",
    show_default=True,
)
def serve_command(
    host: str,
    port: int,
    workers: int,
    threads: int,
    max_body_bytes: int,
    max_documents: int,
    max_chars: int,
    timeout: float,
    body_timeout: float,
    model_path: str | None,
    threshold: float | None,
    members: int | None,
    keep_labels: tuple[str, ...],
    comment_threads: bool,
    access_log: bool,
    log_level: str,
) -> None:
    """Serve the detector over HTTP for crawlers: POST pages, get back their flags."""
    metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if metrics_dir and not os.path.isdir(metrics_dir):  # each worker died on it, again and again
        raise click.UsageError(
            f"PROMETHEUS_MULTIPROC_DIR={metrics_dir}: not a directory (make it, or unset it)"
        )
    try:
        import uvicorn

        from pagesieve.service import CONFIG_ENV, ServiceConfig, create_app
    except ImportError as exc:
        raise click.ClickException(
            f"detect.py serve needs the serve extra ({exc}): pip install 'pagesieve[serve]'"
        ) from None
    config = ServiceConfig(
        model_path=model_path,
        threshold=threshold,
        limits=Limits(max_body_bytes, max_documents, max_chars, timeout, body_timeout),
        threads=threads,
        members=members,
        keep_labels=keep_labels,
        comment_threads=comment_threads,
    )
    # Loaded here first, so that a bad model is one clear error: in a worker it would be
    # uvicorn's "Application startup failed" (one worker) or a restart loop (several).
    detector = load_detector(model_path, threshold, members, keep_labels, comment_threads)
    workers = worker_count(workers, "--workers", "serve")
    if workers == 1:
        app: object = create_app(config, detector_factory=lambda: detector)
        factory = False
    else:
        del detector  # each worker loads its own
        app, factory = "pagesieve.service:create_app_from_env", True
        os.environ[CONFIG_ENV] = config.to_env()
    with _metrics_dir(workers):
        uvicorn.run(
            app,
            factory=factory,
            host=host,
            port=port,
            workers=workers,
            lifespan="on",
            access_log=access_log,
            log_level=log_level,
            timeout_graceful_shutdown=int(timeout) + 1,
        )


@contextlib.contextmanager
def _metrics_dir(workers: int) -> Iterator[None]:
    """Prometheus multiprocess mode for several workers: a fresh shared directory, removed after.

    A ``PROMETHEUS_MULTIPROC_DIR`` already set by the operator is used as is (and kept)."""
    if workers == 1 or os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        yield
        return
    path = tempfile.mkdtemp(prefix="pagesieve-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = path
    try:
        yield
    finally:
        os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
        shutil.rmtree(path, ignore_errors=True)
