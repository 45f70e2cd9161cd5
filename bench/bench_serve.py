"""Load test of ``detect.py serve`` with wrk over loopback: requests/s and p50/p99 latency for
1-document and 32-document ``POST /v1/scan`` requests, median of ``--runs`` runs.

Needs ``wrk`` (Debian: ``apt-get install -y wrk``; ``--install`` does that when it is missing)
and the serve extra. Pages come from ``../shared/corpora/pages/dev.jsonl.gz`` when present
(paragraphs joined with "\\n"), else from ``data/samples/pages.jsonl``. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpora" / "pages" / "dev.jsonl.gz"
SAMPLES = ROOT / "data" / "samples" / "pages.jsonl"
RESULTS = ROOT / "bench" / "results"

# wrk script: each thread loads the request bodies (one JSON body per line of the file named
# after "--") and cycles through them; done() prints the summary as one JSON line.
LUA = r"""
local requests = {}
local n = 0
function init(args)
  local headers = {["Content-Type"] = "application/json"}
  for line in io.lines(args[1]) do
    requests[#requests + 1] = wrk.format("POST", "/v1/scan", headers, line)
  end
end
function request()
  n = n % #requests + 1
  return requests[n]
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "errors": {"connect": %d, ' ..
    '"read": %d, "write": %d, "status": %d, "timeout": %d}, "latency_us": {"p50": %d, ' ..
    '"p90": %d, "p99": %d, "max": %d, "mean": %.1f}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
"""


def load_pages(corpus: str) -> tuple[str, list[dict]]:
    if corpus in ("auto", "dev") and DEV.exists():
        with gzip.open(DEV, "rt", encoding="utf-8") as fh:
            pages = [json.loads(line) for line in fh]
        return str(DEV), [{"id": p["id"], "text": "\n".join(p["paragraphs"])} for p in pages]
    if corpus == "dev":
        sys.exit(f"{DEV} not found")
    lines = SAMPLES.read_text(encoding="utf-8").splitlines()
    return str(SAMPLES), [json.loads(line) for line in lines]


def write_bodies(pages: list[dict], per_request: int, path: Path, count: int = 64) -> float:
    """``count`` request bodies of ``per_request`` consecutive pages (cycling); returns the mean
    characters of page text per request."""
    chars = []
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(count):
            docs = [pages[(i * per_request + j) % len(pages)] for j in range(per_request)]
            chars.append(sum(len(d["text"]) for d in docs))
            fh.write(json.dumps({"documents": docs}, ensure_ascii=False) + "\n")
    return statistics.mean(chars)


def ensure_wrk(install: bool) -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if not install:
        sys.exit("wrk is not installed: apt-get install -y wrk (or run with --install)")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)
    return shutil.which("wrk") or sys.exit("wrk still not found after installing it")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workers: int, port: int) -> subprocess.Popen:
    cmd = [sys.executable, str(ROOT / "detect.py"), "serve", "--port", str(port)]
    cmd += ["--workers", str(workers), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"detect.py serve exited: {proc.stderr.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    sys.exit("detect.py serve did not become healthy in 120 s")


def check_body(port: int, bodies: Path, per_request: int) -> None:
    body = bodies.read_text(encoding="utf-8").splitlines()[0].encode("utf-8")
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/scan", body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=60) as r:
        results = json.loads(r.read())["results"]
    assert len(results) == per_request and all("flags" in x for x in results), results[:1]


def server_cpu_seconds(root: int) -> float:
    """User + system CPU time of the server and its worker processes so far (from /proc).

    Unlike requests/s this barely moves when other programs compete for the cores."""
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry)] = fields
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            total += (int(stats[pid][11]) + int(stats[pid][12])) / tick
        todo.extend(children.get(pid, []))
    return total


def run_wrk(
    wrk: str,
    script: Path,
    bodies: Path,
    port: int,
    args: argparse.Namespace,
    secs: float,
    server: int,
):
    cmd = [
        wrk,
        f"-t{args.wrk_threads}",
        f"-c{args.connections}",
        f"-d{secs:g}s",
        "--timeout",
        "60s",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}",
        "--",
        str(bodies),
    ]
    load = os.getloadavg()[0]
    cpu = server_cpu_seconds(server)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    cpu = server_cpu_seconds(server) - cpu
    line = next(x for x in out.splitlines() if x.startswith("WRK_JSON "))
    result = json.loads(line.removeprefix("WRK_JSON "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["loadavg_1m_before"] = load  # other processes on the machine skew the figures
    result["server_cpu_ms_per_request"] = 1e3 * cpu / max(result["requests"], 1)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 32], help="documents per request")
    ap.add_argument("--connections", type=int, default=4, help="wrk connections (closed loop)")
    ap.add_argument("--wrk-threads", type=int, default=1)
    ap.add_argument("--duration", type=float, default=10.0, help="seconds per run")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", choices=["auto", "dev", "samples"], default="auto")
    ap.add_argument("--install", action="store_true", help="apt-get install wrk if missing")
    args = ap.parse_args()

    wrk = ensure_wrk(args.install)
    source, pages = load_pages(args.corpus)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        script = Path(tmp) / "scan.lua"
        script.write_text(LUA, encoding="utf-8")
        bodies = {}
        for size in args.sizes:
            path = Path(tmp) / f"bodies-{size}.jsonl"
            bodies[size] = (path, write_bodies(pages, size, path))
        for workers in args.workers:
            port = free_port()
            server = start_server(workers, port)
            try:
                for size in args.sizes:
                    path, chars = bodies[size]
                    check_body(port, path, size)
                    run_wrk(wrk, script, path, port, args, 2, server.pid)  # warm-up
                    runs = [
                        run_wrk(wrk, script, path, port, args, args.duration, server.pid)
                        for _ in range(args.runs)
                    ]
                    rps = statistics.median(r["rps"] for r in runs)
                    row = {
                        "workers": workers,
                        "docs_per_request": size,
                        "chars_per_request": round(chars),
                        "rps": rps,
                        "docs_per_s": rps * size,
                        "mb_text_per_s": rps * chars / 1e6,
                        "p50_ms": statistics.median(r["latency_us"]["p50"] for r in runs) / 1e3,
                        "p99_ms": statistics.median(r["latency_us"]["p99"] for r in runs) / 1e3,
                        "errors": sum(sum(r["errors"].values()) for r in runs),
                        "max_loadavg_before": max(r["loadavg_1m_before"] for r in runs),
                        "server_cpu_ms_per_request": statistics.median(
                            r["server_cpu_ms_per_request"] for r in runs
                        ),
                        "runs": runs,
                    }
                    results.append(row)
                    print(
                        f"workers={workers} docs/request={size:>2}: {rps:8.1f} req/s "
                        f"{row['docs_per_s']:8.1f} docs/s {row['mb_text_per_s']:5.2f} MB/s  "
                        f"p50 {row['p50_ms']:7.1f} ms  p99 {row['p99_ms']:7.1f} ms  "
                        f"server CPU {row['server_cpu_ms_per_request']:6.1f} ms/req  "
                        f"errors {row['errors']}  (load before runs <= "
                        f"{row['max_loadavg_before']:.1f})",
                        flush=True,
                    )
            finally:
                server.send_signal(signal.SIGINT)
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
    report = {
        "when": datetime.datetime.now().isoformat(timespec="seconds"),
        "corpus": source,
        "pages": len(pages),
        "connections": args.connections,
        "duration_s": args.duration,
        "runs": args.runs,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "wrk": subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout.split("\n")[0],
        "results": results,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"serve-{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nfull results: {out}")


if __name__ == "__main__":
    main()
