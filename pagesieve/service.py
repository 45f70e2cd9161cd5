"""The pre-index filter service: a Starlette app that scans the documents a crawler posts.

``POST /v1/scan`` answers with exactly the rows ``detect.py scan`` writes (same row builder,
same rounding, same per-document fallback when the detector fails), ``GET /healthz`` says the
model is loaded, ``GET /metrics`` exposes Prometheus metrics. The model is loaded once per
worker process at startup; detection runs on a small dedicated thread pool, off the event loop,
so health checks and metrics answer while a large request is being scanned, and a request whose
detection outlives ``timeout`` gets a 503 instead of holding its client forever.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pagesieve.scanrequest import (
    Limits,
    RequestError,
    ScanRequest,
    body_too_large,
    parse_scan_request,
)
from pagesieve.service_metrics import ServiceMetrics
from pagesieve.types import BatchScanner, count_labels
from pagesieve.worker import detect_texts  # the scan workers' detect-with-fallback
from pagesieve.writers import clean_and_verdict, ok_row, strict_dumps

#: Environment variable through which ``detect.py serve`` hands its options to each worker.
CONFIG_ENV = "PAGESIEVE_SERVICE_CONFIG"


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    """Everything a worker needs to build the app; travels to workers as JSON in the env."""

    model_path: str | None = None
    threshold: float | None = None
    limits: Limits = field(default_factory=Limits)
    threads: int = 1
    members: int | None = None  #: the first N members of the model's ensemble (None: all)
    keep_labels: tuple[str, ...] = ()  #: labels never flagged (``Detector.keep_labels``)
    comment_threads: bool = False  #: ``Detector.comment_threads``

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls, value: str) -> ServiceConfig:
        raw = json.loads(value)
        return cls(
            **{
                **raw,
                "limits": Limits(**raw.get("limits", {})),
                "keep_labels": tuple(raw.get("keep_labels", ())),
            }
        )


def encode_json(content: Any) -> bytes:
    """Compact UTF-8 JSON; lone surrogates (legal in JSON input, echoed by ``clean``) go back out
    as ``\\uXXXX`` escapes, as in scan's JSONL, instead of failing the response."""
    return strict_dumps(content).encode("utf-8", "backslashreplace")


class JSONBody(Response):
    """A JSON response encoded with :func:`encode_json`."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return encode_json(content)


def error_response(status: int, message: str) -> Response:
    return JSONBody({"error": message, "status": status}, status_code=status)


# --------------------------------------------------------------------------- detection


@dataclass(slots=True)
class ScanOutcome:
    """What one request's detection produced: the encoded body and counts for the metrics."""

    body: bytes
    documents: int
    characters: int
    labels: dict[str, int]
    failed: int


def scan_documents(detector: BatchScanner, request: ScanRequest) -> ScanOutcome:
    """Detect and build the response body; runs on the detection thread pool."""
    docs = request.documents
    found = detect_texts(detector, [d.text for d in docs], request.explain)
    rows: list[dict] = []
    labels: dict[str, int] = {}
    failed = 0
    for doc, flags in zip(docs, found, strict=True):
        if isinstance(flags, str):
            failed += 1
            rows.append({"id": doc.id, "error": flags})
            continue
        count_labels(flags, labels)
        clean, page = clean_and_verdict(doc.text, flags, request.clean, request.drop_above)
        rows.append(ok_row(doc.id, flags, request.explain, clean, None, page))
    body = encode_json({"results": rows})
    return ScanOutcome(body, len(docs), request.chars, labels, failed)


def _limit_native_threads() -> None:
    """One native (BLAS/OpenMP) thread per detection thread: parallelism comes from workers.

    OpenMP limits are per calling thread, so this runs in each detection thread itself."""
    from threadpoolctl import threadpool_limits

    _native_limits.append(threadpool_limits(1))


_native_limits: list[Any] = []


# --------------------------------------------------------------------------- app


class MetricsMiddleware:
    """Counts every HTTP request by route and status and times it (pure ASGI: no body copies)."""

    def __init__(self, app: ASGIApp, metrics: ServiceMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        observed = False

        async def send_status(message: Message) -> None:
            nonlocal observed
            if message["type"] == "http.response.start" and not observed:
                # counted before the client can read the response: a client that then asks
                # another worker for /metrics finds its request there (counted after the
                # response, under load it was not yet)
                observed = True
                self.metrics.observe_request(
                    scope["path"], message["status"], time.perf_counter() - start
                )
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            if not observed:  # no response started: the server's error
                self.metrics.observe_request(scope["path"], 500, time.perf_counter() - start)


async def _read_body(request: Request, limits: Limits) -> bytes:
    """The body, refused as soon as it is known to be too large (header or bytes read)."""
    limit = limits.max_body_bytes
    length = request.headers.get("content-length")
    if length is not None:
        try:
            declared = int(length)
        except ValueError:
            raise RequestError(400, "invalid", "Content-Length is not a number") from None
        if declared > limit:
            raise body_too_large(limits)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise body_too_large(limits)
        chunks.append(chunk)
    return b"".join(chunks)


#: the error kinds of the router's own refusals
_ROUTING_ERRORS = {404: "not_found", 405: "method_not_allowed"}


def _finished(state: Any) -> Callable[[Any], None]:
    """A done-callback that ends a detection's count in ``state.in_flight``."""

    def done(future: Any) -> None:
        state.in_flight -= 1
        if not future.cancelled():
            future.exception()  # after a 503 nobody reads it: no "never retrieved" warning

    return done


def create_app(
    config: ServiceConfig | None = None,
    detector_factory: Callable[[], BatchScanner] | None = None,
) -> Starlette:
    """The service app. ``detector_factory`` defaults to loading ``config.model_path``."""
    config = config or ServiceConfig()
    limits = config.limits
    metrics = ServiceMetrics()

    def load() -> BatchScanner:
        from pagesieve.detector import Detector

        return Detector.load(
            config.model_path,
            config.threshold,
            config.members,
            config.keep_labels,
            comment_threads=config.comment_threads,
        )

    factory = detector_factory or load

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        # Load first: the native libraries (scikit-learn's OpenMP) must be loaded before the
        # detection threads limit them, or the limit misses them and idle OpenMP threads spin.
        detector = await loop.run_in_executor(None, factory)
        executor = ThreadPoolExecutor(
            max_workers=config.threads,
            thread_name_prefix="pagesieve-detect",
            initializer=_limit_native_threads,
        )
        # warm up on the detection pool (first calls pay one-off costs), once per worker
        await loop.run_in_executor(executor, detector.scan_batch, ["warm-up\nsecond line"])
        app.state.executor = executor
        app.state.detector = detector
        try:
            yield
        finally:
            executor.shutdown(wait=False, cancel_futures=True)

    async def scan(request: Request) -> Response:
        try:
            body = await asyncio.wait_for(_read_body(request, limits), limits.body_timeout)
        except TimeoutError:
            raise RequestError(
                408,
                "body_timeout",
                f"the request body did not arrive within {limits.body_timeout:g} s",
            ) from None
        if not body and "upgrade" in request.headers.get("connection", "").lower():
            # the HTTP parser keeps the body of a request that asks to upgrade (``curl
            # --http2`` asks for h2c): say why, not "empty body"
            raise RequestError(
                400,
                "bad_json",
                "the body of a request that asks to upgrade the connection is not read: send it"
                " without 'Connection: Upgrade' (curl: --http1.1)",
            )
        parsed = parse_scan_request(body, limits)
        app = request.app
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(
            app.state.executor, scan_documents, app.state.detector, parsed
        )
        # counted until the detection ends, not until the answer: a request that got its 503
        # still holds a detection thread (Python cannot stop it), and /healthz said 0 meanwhile
        app.state.in_flight += 1
        future.add_done_callback(_finished(app.state))
        try:
            outcome = await asyncio.wait_for(asyncio.shield(future), limits.timeout)
        except TimeoutError:
            metrics.errors.labels("timeout").inc()
            return error_response(
                503, f"detection did not finish within {limits.timeout:g} s; retry or send less"
            )
        metrics.documents.inc(outcome.documents)
        metrics.characters.inc(outcome.characters)
        for label, n in outcome.labels.items():
            metrics.flags.labels(label).inc(n)
        if outcome.failed:
            metrics.errors.labels("detector").inc(outcome.failed)
        return Response(outcome.body, media_type="application/json")

    async def healthz(request: Request) -> Response:
        state = request.app.state
        ready = getattr(state, "detector", None) is not None
        return JSONBody(
            {
                "status": "ok" if ready else "loading",
                "pid": os.getpid(),
                "in_flight": state.in_flight,
            },
            status_code=200 if ready else 503,
        )

    async def metrics_endpoint(request: Request) -> Response:
        payload, content_type = metrics.render()
        return Response(payload, headers={"Content-Type": content_type})

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestError)
        metrics.errors.labels(exc.kind).inc()
        response = error_response(exc.status, exc.message)
        if exc.status == 408 or exc.kind == "body_too_large":
            # the rest of that body may still come (a 413 is said before it is read): it must
            # not be read, nor read as the next request
            response.headers["Connection"] = "close"
        return response

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code in _ROUTING_ERRORS:
            metrics.errors.labels(_ROUTING_ERRORS[exc.status_code]).inc()
        response = error_response(exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})  # a 405's Allow
        return response

    async def disconnected(request: Request, exc: Exception) -> Response:
        metrics.errors.labels("disconnected").inc()  # counted as a 400: under a kind too
        return error_response(400, "client disconnected before sending the whole body")

    async def crashed(request: Request, exc: Exception) -> Response:
        metrics.errors.labels("internal").inc()
        return error_response(500, f"internal error: {type(exc).__name__}")

    app = Starlette(
        routes=[
            Route("/v1/scan", scan, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/metrics", metrics_endpoint, methods=["GET"]),
        ],
        exception_handlers={
            RequestError: refused,
            HTTPException: http_error,
            ClientDisconnect: disconnected,
            Exception: crashed,
        },
        lifespan=lifespan,
    )
    # ``/v1/scan/`` is no route: a redirect would be built from the client's Host header
    app.router.redirect_slashes = False
    app.state.in_flight = 0
    app.state.config = config
    app.state.metrics = metrics
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    return app


def create_app_from_env() -> Starlette:
    """Factory for uvicorn workers (``pagesieve.service:create_app_from_env``)."""
    value = os.environ.get(CONFIG_ENV)
    return create_app(ServiceConfig.from_env(value) if value else ServiceConfig())
