"""``detect.py spark`` (local mode) against ``detect.py scan -j N`` on the whole pages/dev set.

Converts ``../shared/corpora/pages/dev.jsonl.gz`` to ``{"id", "text"}`` JSONL.gz (paragraphs
joined with "\\n", as ``pagesieve.corpus`` does), then:

1. checks that both commands give identical flags, document by document (exit 1 if not);
2. times each whole process (start-up included), median of ``--runs`` runs, and reports MB of
   page text per second side by side.

    python bench/spark_vs_scan.py [--runs 3] [--master local[2]] [--jobs 2]

Without ``../shared`` it says so and exits 0. Results also go to bench/results/ as JSON.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpora" / "pages" / "dev.jsonl.gz"
RESULTS = ROOT / "bench" / "results"
DETECT = [sys.executable, str(ROOT / "detect.py")]


def write_input(path: Path) -> tuple[int, int]:
    """The dev pages as ``{"id", "text"}`` JSONL.gz; returns (documents, UTF-8 bytes of text)."""
    sys.path.insert(0, str(ROOT))
    from pagesieve.corpus import read_labeled

    docs = nbytes = 0
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for page in read_labeled(DEV):
            fh.write(json.dumps({"id": page.id, "text": page.text}, ensure_ascii=False) + "\n")
            docs += 1
            nbytes += len(page.text.encode("utf-8"))
    return docs, nbytes


def run(cmd: list[str]) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    dt = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-3000:]}")
    return dt


def read_rows(paths: list[Path]) -> dict:
    rows = {}
    for p in paths:
        opener = gzip.open if p.suffix == ".gz" else open
        with opener(p, "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                rows[row["id"]] = row
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--jobs", type=int, default=2, help="scan -j")
    args = ap.parse_args()
    if not DEV.exists():
        print(f"skipped: {DEV} not found (needs the shared corpora beside the project)")
        return
    with tempfile.TemporaryDirectory(prefix="pagesieve-bench-") as tmp:
        tmp_path = Path(tmp)
        src = tmp_path / "dev.jsonl.gz"
        docs, nbytes = write_input(src)
        mb = nbytes / 1e6
        scan_s, spark_s = [], []
        for i in range(args.runs):
            scan_out = tmp_path / f"scan-{i}.jsonl"
            spark_out = tmp_path / f"spark-{i}"
            scan_cmd = [*DETECT, "scan", str(src), "-o", str(scan_out), "-j", str(args.jobs)]
            spark_cmd = [*DETECT, "spark", str(src), "-o", str(spark_out), "--master", args.master]
            scan_s.append(run([*scan_cmd, "--no-progress"]))
            spark_s.append(run(spark_cmd))
            print(f"run {i + 1}: scan {scan_s[-1]:.1f} s, spark {spark_s[-1]:.1f} s", flush=True)
        scan_rows = read_rows([tmp_path / "scan-0.jsonl"])
        spark_rows = read_rows(sorted((tmp_path / "spark-0").glob("part-*.jsonl.gz")))
        same = {i for i in scan_rows if spark_rows.get(i, {}).get("flags") == scan_rows[i]["flags"]}
        identical = len(same) == len(scan_rows) == len(spark_rows) == docs
    result = {
        "documents": docs,
        "text_mb": round(mb, 3),
        "identical_flags": identical,
        "documents_matching": len(same),
        "scan": {
            "jobs": args.jobs,
            "seconds": scan_s,
            "median_mb_per_s": mb / statistics.median(scan_s),
        },
        "spark": {
            "master": args.master,
            "seconds": spark_s,
            "median_mb_per_s": mb / statistics.median(spark_s),
        },
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }
    print(f"\n{docs} documents, {mb:.2f} MB of text; flags identical: {identical}")
    print("| command | median s | MB/s |\n|---|---|---|")
    print(
        f"| detect.py scan -j {args.jobs} | {statistics.median(scan_s):.1f} "
        f"| {result['scan']['median_mb_per_s']:.2f} |"
    )
    print(
        f"| detect.py spark --master {args.master} | {statistics.median(spark_s):.1f} "
        f"| {result['spark']['median_mb_per_s']:.2f} |"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / time.strftime("spark-vs-scan-%Y%m%d-%H%M%S.json")
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"details: {out}")
    if not identical:
        sys.exit(f"flags differ on {docs - len(same)} documents")


if __name__ == "__main__":
    main()
