"""Kill a directory-mode scan with SIGKILL half-way, restart it, and check nothing is lost,
duplicated, or half-written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from io_samples import docs, read_jsonl, write_jsonl

HERE = os.path.dirname(os.path.abspath(__file__))
N_SHARDS, DOCS_PER_SHARD = 6, 150


def start(inputs: str, out: str, jobs: int) -> subprocess.Popen:
    cmd = [sys.executable, os.path.join(HERE, "fake_scan.py"), inputs, "-o", out, "-j", str(jobs)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def finished(out: str) -> list[str]:
    return sorted(f for f in os.listdir(out) if not f.startswith(".")) if os.path.isdir(out) else []


@pytest.mark.parametrize("jobs", [1, 2])
def test_sigkill_then_restart_completes_every_shard_exactly_once(tmp_path, jobs):
    indir = tmp_path / "in"
    indir.mkdir()
    for s in range(N_SHARDS):
        write_jsonl(indir / f"part-{s:02d}.jsonl.gz", docs(DOCS_PER_SHARD, prefix=f"s{s}-"))
    out = str(tmp_path / "out") + "/"

    proc = start(str(indir), out, jobs)
    deadline = time.monotonic() + 120  # a bound for a stuck run, not a speed requirement
    while len(finished(out)) < 1 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = {name: Path(out, name).read_bytes() for name in finished(out)}
    assert 1 <= len(done_before) < N_SHARDS, "the kill must land half-way through the run"
    # a shard renamed into place but killed before its log line is redone: skipped are those
    # the log names
    lines = Path(out, ".pagesieve-scan.jsonl").read_text().splitlines()
    logged = {json.loads(line).get("shard") for line in lines if line.endswith("}")}
    skipped = logged & set(done_before)

    proc = start(str(indir), out, jobs)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert len(done_before) - 1 <= len(skipped) and f"{len(skipped)} skipped" in err.decode()

    names = [f"part-{s:02d}.jsonl.gz" for s in range(N_SHARDS)]
    left = sorted(os.listdir(out))
    # the run's log and lock, no .partial left behind
    assert left == [".pagesieve-scan.jsonl", ".pagesieve-scan.lock", *names]
    for s, name in enumerate(names):
        ids = [r["id"] for r in read_jsonl(os.path.join(out, name))]
        assert ids == [f"s{s}-{i}" for i in range(DOCS_PER_SHARD)]
    for name in skipped:  # finished shards were skipped, not rewritten
        assert Path(out, name).read_bytes() == done_before[name]

    fresh = str(tmp_path / "fresh") + "/"
    subprocess.run(
        [
            sys.executable,
            os.path.join(HERE, "fake_scan.py"),
            str(indir),
            "-o",
            fresh,
            "-j",
            "2",
            "--batch-size",
            "64",
        ],
        check=True,
        capture_output=True,
    )
    for name in names:  # byte-identical to an uninterrupted run
        assert Path(out, name).read_bytes() == Path(fresh, name).read_bytes()
