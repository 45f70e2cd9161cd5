"""The filter service: ``POST /v1/scan`` agrees with ``detect.py scan``, limits, metrics, the
real ``detect.py serve`` process.

In-process tests run the Starlette app through its TestClient; the shipped model is shared
through the ``detector`` fixture, the fake detector stands in where a test needs a detector that
is slow or fails on purpose.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_detector import FakeDetector
from starlette.testclient import TestClient

from pagesieve.cli import main
from pagesieve.scanrequest import Limits
from pagesieve.service import ServiceConfig, create_app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples" / "pages.jsonl"


def _client(detector, **limits) -> TestClient:
    config = ServiceConfig(limits=Limits(**limits))
    return TestClient(create_app(config, detector_factory=lambda: detector))


def _cli_rows(*args: str) -> list[dict]:
    result = CliRunner().invoke(
        main, ["scan", *args, "-j", "1", "-o", "-", "--no-progress"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def _metric(text: str, name: str, **labels: str) -> float:
    """The value of one sample in Prometheus text format (labels in any order)."""
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        m = re.fullmatch(r"([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)", line)
        if not m or m.group(1) != name:
            continue
        got = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2) or ""))
        if got == labels:
            return float(m.group(3))
    raise AssertionError(f"no sample {name}{labels} in /metrics")


# --------------------------------------------------------------------------- same flags as scan


@pytest.mark.parametrize("options", [(), ("--clean",), ("--clean", "--explain")])
def test_scan_endpoint_matches_cli_on_sample_pages(detector, options):
    pages = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    expected = _cli_rows(str(SAMPLES), *options)
    assert all("flags" in r for r in expected), [r for r in expected if "flags" not in r]
    assert sum(len(r["flags"]) for r in expected) > 0  # the comparison is not vacuous
    body = {
        "documents": [{"id": p["id"], "text": p["text"]} for p in pages],
        "clean": "--clean" in options,
        "explain": "--explain" in options,
    }
    with _client(detector) as client:
        response = client.post("/v1/scan", json=body)
    assert response.status_code == 200, response.text
    assert response.json() == {"results": expected}


def test_drop_above_matches_scan_drop_docs_above(detector):
    pages = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    expected = _cli_rows(str(SAMPLES), "--clean", "--drop-docs-above", "0.3")
    assert any(r["dropped"] for r in expected) and not all(r["dropped"] for r in expected)
    body = {
        "documents": [{"id": p["id"], "text": p["text"]} for p in pages],
        "clean": True,
        "drop_above": 0.3,
    }
    with _client(detector) as client:
        response = client.post("/v1/scan", json=body)
    assert response.status_code == 200, response.text
    assert response.json() == {"results": expected}


def test_scan_endpoint_matches_cli_on_the_example_pages(detector, shared):
    files = sorted((shared / "examples").glob("*.txt"))
    assert len(files) == 2
    expected = _cli_rows(*map(str, files), "--clean")
    assert all(r["flags"] for r in expected)
    docs = [{"id": str(f), "text": f.read_bytes().decode("utf-8")} for f in files]
    with _client(detector) as client:
        one_request = client.post("/v1/scan", json={"documents": docs, "clean": True})
        one_by_one = [
            client.post("/v1/scan", json={"documents": [d], "clean": True}).json()["results"][0]
            for d in docs
        ]
    assert one_request.json()["results"] == expected
    assert one_by_one == expected


def test_members_reach_the_workers_detector(detector):
    """``serve --members 1`` scores as ``scan --members 1`` does: the option travels in the
    workers' config and the detector they load is the first member at its threshold."""
    if len(getattr(detector.model, "members", [])) < 2:
        pytest.skip("the shipped model is not an ensemble")
    config = ServiceConfig.from_env(ServiceConfig(members=1).to_env())
    assert config.members == 1
    expected = _cli_rows(str(SAMPLES), "--members", "1")
    docs = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    with TestClient(create_app(config)) as client:
        got = client.post("/v1/scan", json={"documents": docs}).json()["results"]
    assert got == expected
    assert expected != _cli_rows(str(SAMPLES))  # the whole ensemble flags otherwise


# --------------------------------------------------------------------------- contract


def test_ids_default_to_position_and_blank_texts_have_no_flags():
    with _client(FakeDetector()) as client:
        response = client.post(
            "/v1/scan",
            json={
                "documents": [
                    {"text": "BUY NOW"},
                    {"id": "b", "text": "  \n"},
                    {"text": ""},
                    {"id": None, "text": ""},  # null is no id, as detect.py scan reads it
                ]
            },
        )
    assert response.json() == {
        "results": [
            {"id": 0, "flags": [{"start": 0, "end": 7, "label": "ad", "score": 0.9}]},
            {"id": "b", "flags": []},
            {"id": 2, "flags": []},
            {"id": 3, "flags": []},
        ]
    }


def test_lone_surrogate_in_text_is_echoed_not_a_500():
    with _client(FakeDetector()) as client:
        body = b'{"documents": [{"id": "s", "text": "ok \\ud800\\nBUY NOW"}], "clean": true}'
        response = client.post("/v1/scan", content=body)
    assert response.status_code == 200
    assert response.json()["results"][0]["text"] == "ok \ud800"


def test_answers_are_strict_json_when_the_request_holds_nan():
    """Python's parser reads NaN and Infinity; the answer must still parse anywhere."""
    with _client(FakeDetector()) as client:
        body = b'{"documents": [{"id": 7, "text": "BUY NOW", "w": Infinity, "v": NaN}]}'
        response = client.post("/v1/scan", content=body)
        # as an id, one that is no finite number came back as null: the row matched nothing
        for bad in (b"NaN", b"-Infinity", b"1e999"):
            refused = client.post(
                "/v1/scan", content=b'{"documents": [{"id": %s, "text": "x"}]}' % bad
            )
            assert refused.status_code == 422, bad
            assert "documents[0].id is not a finite number" in refused.text
    assert response.status_code == 200

    def reject(name: str) -> None:
        raise ValueError(name)

    answer = json.loads(response.content, parse_constant=reject)
    assert answer["results"][0]["id"] == 7
    assert answer["results"][0]["flags"][0]["label"] == "ad"


def test_detector_failure_on_one_document_is_an_error_row():
    with _client(FakeDetector()) as client:
        docs = [{"id": "a", "text": "BUY NOW"}, {"id": "b", "text": "EXPLODE"}]
        response = client.post("/v1/scan", json={"documents": docs})
        metrics = client.get("/metrics").text
    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["flags"][0]["label"] == "ad"
    assert results[1] == {"id": "b", "error": "detector failed: ValueError: boom"}
    assert _metric(metrics, "pagesieve_errors_total", kind="detector") == 1


BAD_REQUESTS = [
    (b"{not json", 400, "not valid JSON"),
    (b"", 400, "empty body"),
    (b"\xff\xfe{}", 400, "not valid"),
    (b"[1, 2]", 422, "body is an array"),
    (b'{"docs": []}', 422, "unknown field"),
    (b'{"clean": true}', 422, "missing 'documents'"),
    (b'{"documents": null}', 422, "'documents' is null"),
    ('{"documents": []}'.encode("utf-16"), 400, "not valid UTF-8"),
    (b'{"documents": {"id": 1}}', 422, "'documents' is an object"),
    (b'{"documents": ["text"]}', 422, "documents[0] is a string"),
    (b'{"documents": [{"id": "a"}]}', 422, "documents[0] has no 'text'"),
    (b'{"documents": [{"id": "a", "text": 42}]}', 422, "documents[0].text is a number"),
    (b'{"documents": [{"id": "a", "text": null}]}', 422, "documents[0].text is null"),
    (b'{"documents": [{"id": ["x"], "text": "t"}]}', 422, "documents[0].id is an array"),
    (b'{"documents": [], "clean": "yes"}', 422, "'clean' is a string"),
    (b'{"documents": [], "drop_above": "0.5"}', 422, "'drop_above' is a string"),
    (b'{"documents": [], "drop_above": 1.5}', 422, "expected [0, 1]"),
    (b'{"documents": [' + b'{"text": "a"},' * 3 + b'{"text": "b"}]}', 413, "4 documents"),
    (b'{"documents": [{"text": "' + b"x" * 101 + b'"}]}', 413, "101 characters"),
    (b'{"documents": [{"text": "' + b"x" * 2000 + b'"}]}', 413, "exceeds the limit of 1000"),
]


@pytest.mark.parametrize(("body", "status", "message"), BAD_REQUESTS)
def test_malformed_requests_get_4xx_and_the_service_keeps_serving(body, status, message):
    with _client(FakeDetector(), max_body_bytes=1000, max_documents=3, max_chars=100) as client:
        response = client.post("/v1/scan", content=body)
        assert response.status_code == status, response.text
        assert message in response.json()["error"]
        assert response.json()["status"] == status
        after = client.post("/v1/scan", json={"documents": [{"id": "x", "text": "BUY NOW"}]})
        assert after.status_code == 200
        assert after.json()["results"][0]["flags"][0]["label"] == "ad"


def test_oversized_chunked_body_without_length_is_refused():
    def chunks():
        for _ in range(50):
            yield b" " * 100

    with _client(FakeDetector(), max_body_bytes=1000, max_documents=3) as client:
        response = client.post("/v1/scan", content=chunks())
        assert response.status_code == 413
        # the rest of the body is not read: the connection closes (it read 1 GB after a 413)
        assert response.headers["connection"] == "close"
        assert client.get("/healthz").status_code == 200
        # a refusal after the body was read leaves the connection open
        many = client.post("/v1/scan", json={"documents": [{"text": "a"}] * 4})
        assert many.status_code == 413 and "connection" not in many.headers


def test_unknown_route_and_wrong_method_are_json_errors():
    with _client(FakeDetector()) as client:
        missing = client.get("/v2/scan")
        wrong = client.get("/v1/scan")
        # no redirect built from the client's Host header: a route with a slash is no route
        slash = client.post(
            "/v1/scan/",
            json={"documents": []},
            headers={"Host": "evil.example"},
            follow_redirects=False,
        )
        metrics = client.get("/metrics").text
    assert (missing.status_code, missing.json()["error"]) == (404, "Not Found")
    assert wrong.status_code == 405 and wrong.json()["status"] == 405
    assert wrong.headers["allow"] == "POST"  # required with a 405; it was dropped
    assert (slash.status_code, slash.json()["error"]) == (404, "Not Found")
    assert _metric(metrics, "pagesieve_errors_total", kind="not_found") == 2
    assert _metric(metrics, "pagesieve_errors_total", kind="method_not_allowed") == 1


def test_an_integer_too_long_for_python_is_read_not_refused():
    # Python reads no integer of over 4,300 digits: the request was a 400 quoting its internals
    digits = "1" * 5000
    body = '{"documents": [{"id": "a", "text": "BUY NOW", "meta": ' + digits + "}]}"
    with _client(FakeDetector()) as client:
        ok = client.post("/v1/scan", content=body.encode())
        as_id = client.post(
            "/v1/scan", content=b'{"documents": [{"id": %s, "text": "x"}]}' % digits.encode()
        )
    assert ok.status_code == 200 and ok.json()["results"][0]["flags"][0]["label"] == "ad"
    assert as_id.status_code == 422 and "digits" not in as_id.text  # an id of inf, refused


# --------------------------------------------------------------------------- health, timeout


def test_healthz_reports_the_loaded_model():
    with _client(FakeDetector()) as client:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "pid": os.getpid(), "in_flight": 0}


def test_slow_detection_times_out_while_healthz_stays_responsive():
    with _client(FakeDetector(delay=2.5), timeout=0.5) as client:
        outcome: dict = {}

        def post() -> None:
            started = time.perf_counter()
            outcome["response"] = client.post("/v1/scan", json={"documents": [{"text": "a"}]})
            outcome["seconds"] = time.perf_counter() - started

        thread = threading.Thread(target=post)
        thread.start()
        busy, slowest = None, 0.0
        while busy is None and thread.is_alive():  # until the scan sleeps in the detection pool
            started = time.perf_counter()
            health = client.get("/healthz")
            slowest = max(slowest, time.perf_counter() - started)
            if health.json()["in_flight"] == 1:
                busy = health
        thread.join()
        metrics = client.get("/metrics").text
    assert busy is not None and busy.status_code == 200
    assert slowest < 1.0  # a blocked event loop would take the rest of the 2.5 s
    assert outcome["response"].status_code == 503
    assert "0.5 s" in outcome["response"].json()["error"]
    assert outcome["seconds"] < 1.8
    assert _metric(metrics, "pagesieve_errors_total", kind="timeout") == 1
    assert _metric(metrics, "pagesieve_http_requests_total", route="/v1/scan", status="503") == 1


def test_healthz_counts_a_detection_until_it_ends_not_until_its_503():
    """Python cannot stop a detection thread: after the 503 it runs on, and /healthz said
    ``in_flight: 0`` while every later request waited for it."""
    with _client(FakeDetector(delay=1.5), timeout=0.3) as client:
        assert client.post("/v1/scan", json={"documents": [{"text": "a"}]}).status_code == 503
        assert client.get("/healthz").json()["in_flight"] == 1
        deadline = time.monotonic() + 10
        while client.get("/healthz").json()["in_flight"] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.get("/healthz").json()["in_flight"] == 0


# --------------------------------------------------------------------------- metrics


def test_metrics_count_requests_documents_flags_and_errors():
    with _client(FakeDetector(), max_documents=4) as client:
        docs = [{"text": "BUY NOW\nMENU"}, {"text": "plain"}, {"text": "BUY NOW"}]
        for _ in range(2):
            assert client.post("/v1/scan", json={"documents": docs}).status_code == 200
        assert client.post("/v1/scan", content=b"{oops").status_code == 400
        assert client.post("/v1/scan", json={"documents": docs * 2}).status_code == 413
        response = client.get("/metrics")
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert _metric(text, "pagesieve_http_requests_total", route="/v1/scan", status="200") == 2
    assert _metric(text, "pagesieve_http_requests_total", route="/v1/scan", status="400") == 1
    assert _metric(text, "pagesieve_http_requests_total", route="/v1/scan", status="413") == 1
    assert _metric(text, "pagesieve_http_request_duration_seconds_count", route="/v1/scan") == 4
    assert _metric(text, "pagesieve_documents_total") == 6
    assert _metric(text, "pagesieve_characters_total") == 2 * (12 + 5 + 7)
    assert _metric(text, "pagesieve_flags_total", label="ad") == 4
    assert _metric(text, "pagesieve_flags_total", label="navigation") == 2
    assert _metric(text, "pagesieve_flags_total", label="placeholder") == 0
    assert _metric(text, "pagesieve_errors_total", kind="bad_json") == 1
    assert _metric(text, "pagesieve_errors_total", kind="too_many_documents") == 1


# --------------------------------------------------------------------------- the real server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _post(url: str, body: bytes) -> tuple[int, bytes]:
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_detect_py_serve_end_to_end(detector, workers):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "detect.py", "serve", "--port", str(port), "--workers", workers],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"},
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, proc.stdout.read().decode(errors="replace")
            try:
                if _get(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "detect.py serve did not become healthy"
            time.sleep(0.3)
        page = json.loads(SAMPLES.read_text(encoding="utf-8").splitlines()[0])
        expected = [f.to_json() for f in detector.scan(page["text"])]
        body = json.dumps({"documents": [{"id": page["id"], "text": page["text"]}]}).encode()
        for _ in range(6):
            status, data = _post(f"{base}/v1/scan", body)
            assert status == 200
            assert json.loads(data) == {"results": [{"id": page["id"], "flags": expected}]}
        assert _post(f"{base}/v1/scan", b'{"documents": [{"id": 1}]}')[0] == 422
        # the server's HTTP parser drops the body of a request that asks to upgrade (curl
        # --http2): the answer says so, not "empty body"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request(
            "POST",
            "/v1/scan",
            body,
            {"Content-Type": "application/json", "Connection": "Upgrade", "Upgrade": "h2c"},
        )
        answer = conn.getresponse()
        data = answer.read()
        conn.close()
        # when the body comes in the headers' packet, uvicorn's parser refuses the request
        # itself, in plain text (the README says so); either way a 400, never "empty body"
        assert answer.status == 400, data
        if data != b"Invalid HTTP request received.":
            assert "upgrade" in json.loads(data)["error"], data
        status, metrics = _get(f"{base}/metrics")
        assert status == 200
        # summed over the workers, whichever of them answers
        assert _metric(metrics.decode(), "pagesieve_documents_total") == 6
        assert (
            _metric(
                metrics.decode(), "pagesieve_http_requests_total", route="/v1/scan", status="422"
            )
            == 1
        )
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            output = proc.communicate(timeout=30)[0].decode(errors="replace")
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert proc.returncode == 0, output
    assert "Application startup complete" in output


@pytest.mark.parametrize("workers", ["1", "2"])
def test_detect_py_serve_refuses_a_tampered_model_in_one_line(tmp_path, workers):
    """A bad model stops serve before any server starts, with the reason and no traceback,
    whether one worker would have failed its startup or several would restart in a loop."""
    src = ROOT / "model" / "pagesieve.joblib"
    copy = tmp_path / "m.joblib"
    data = bytearray(src.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    (tmp_path / "m.joblib.sha256").write_text(src.with_name(src.name + ".sha256").read_text())
    args = ["serve", "--port", str(_free_port()), "--workers", workers, "--model", str(copy)]
    proc = subprocess.run(
        [sys.executable, "detect.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(
        f"Error: cannot load the model: ModelIntegrityError: {copy} does not match its recorded"
    ), proc.stderr


def test_detection_threads_run_openmp_single_threaded_in_a_fresh_process(detector):
    # In a fresh process scikit-learn's OpenMP is loaded with the model, after the app starts:
    # a limit applied too early misses it, and idle OpenMP threads then spin on every request.
    script = """
from starlette.testclient import TestClient
from threadpoolctl import threadpool_info
from pagesieve.service import create_app
app = create_app()
with TestClient(app):
    info = app.state.executor.submit(threadpool_info).result()
print([i["num_threads"] for i in info if i["user_api"] == "openmp"])
"""
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    counts = json.loads(out.stdout.strip().splitlines()[-1])
    assert counts and all(n == 1 for n in counts)


def test_a_stalled_body_gets_408_and_its_connection_closed():
    # a client that stops mid-body held its connection (and the bytes sent) for good
    import asyncio

    app = create_app(
        ServiceConfig(limits=Limits(body_timeout=0.2)), detector_factory=lambda: FakeDetector()
    )
    sent: list[dict] = []

    async def receive() -> dict:
        if not sent:
            sent.append({})
            return {"type": "http.request", "body": b'{"documents": [', "more_body": True}
        await asyncio.sleep(30)  # the rest never comes
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/scan",
        "raw_path": b"/v1/scan",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 8000),
        "app": app,
    }
    started = time.perf_counter()
    asyncio.run(asyncio.wait_for(app(scope, receive, send), 10))
    assert time.perf_counter() - started < 5  # a bound for a stuck handler, not a speed check
    start, body = sent[1], sent[2]
    assert start["status"] == 408
    assert (b"connection", b"close") in start["headers"]
    assert json.loads(body["body"]) == {
        "error": "the request body did not arrive within 0.2 s",
        "status": 408,
    }


@pytest.mark.parametrize(
    "args", [["--timeout", "nan"], ["--timeout", "inf"], ["--body-timeout", "nan"]]
)
def test_serve_refuses_a_time_limit_that_is_no_number_of_seconds(args):
    # --body-timeout nan started, and every request was a 500; --timeout inf a traceback
    result = CliRunner().invoke(main, ["serve", *args])
    assert result.exit_code == 2 and args[0] in result.output


def test_serve_refuses_a_metrics_directory_that_is_not_one(tmp_path, monkeypatch):
    # each worker died on it at start-up, again and again, and /healthz never answered
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "missing"))
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2 and "PROMETHEUS_MULTIPROC_DIR" in result.output
