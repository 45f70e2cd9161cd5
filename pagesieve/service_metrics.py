"""Prometheus metrics of the filter service, and their rendering for ``GET /metrics``.

Each app gets its own registry (tests and embedders can run several apps in one process). With
several uvicorn workers, ``detect.py serve`` sets ``PROMETHEUS_MULTIPROC_DIR`` before the workers
start: every worker then writes its samples to files there and ``/metrics``, whichever worker
answers it, reports the sum over all workers.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)

from pagesieve.types import LABELS

#: Routes reported by name; any other path is counted as ``other`` (bounded label values).
ROUTES = ("/v1/scan", "/healthz", "/metrics")
#: Why a request was refused or a document failed (``errors_total{kind}``).
ERROR_KINDS = (
    "bad_json",
    "invalid",
    "body_too_large",
    "too_many_documents",
    "document_too_large",
    "timeout",
    "detector",
    "not_found",
    "disconnected",
    "body_timeout",
    "internal",
)
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


def multiprocess_dir() -> str | None:
    """The shared metrics directory when the service runs several worker processes."""
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


class ServiceMetrics:
    """The counters and the latency histogram one service app updates."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "pagesieve_http_requests",
            "HTTP requests by route and status.",
            ["route", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "pagesieve_http_request_duration_seconds",
            "Time from request to the response's start, by route.",
            ["route"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.documents = Counter("pagesieve_documents", "Documents scanned.", registry=r)
        self.characters = Counter(
            "pagesieve_characters", "Characters of document text scanned.", registry=r
        )
        self.flags = Counter("pagesieve_flags", "Flags returned, by label.", ["label"], registry=r)
        self.errors = Counter(
            "pagesieve_errors",
            "Refused requests and failed documents, by kind.",
            ["kind"],
            registry=r,
        )
        for label in LABELS:  # present at 0 from the start: dashboards need no special case
            self.flags.labels(label)
        for kind in ERROR_KINDS:
            self.errors.labels(kind)

    def observe_request(self, path: str, status: int, seconds: float) -> None:
        route = path if path in ROUTES else "other"
        self.requests.labels(route, str(status)).inc()
        self.latency.labels(route).observe(seconds)

    def render(self) -> tuple[bytes, str]:
        """The exposition text (summed over workers in multiprocess mode) and its content type."""
        path = multiprocess_dir()
        if path is None:
            return generate_latest(self.registry), CONTENT_TYPE_LATEST
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=path)
        return generate_latest(registry), CONTENT_TYPE_LATEST
