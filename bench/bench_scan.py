"""Throughput of ``detect.py scan`` end to end, with datatrove's C4QualityFilter as the yardstick.

Builds a JSONL.gz of page texts from ``../shared/corpora/pages`` (paragraphs joined with
"\\n"), then times the whole ``detect.py scan`` process (JSONL.gz in, annotated JSONL out)
with ``-j 1`` and ``-j 2``, median of ``--runs`` runs, and datatrove's ``C4QualityFilter``
(line-level mode, in-process, one core) on the same texts. See bench/README.md.
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
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "corpora" / "pages"
RESULTS = ROOT / "bench" / "results"

# Runs one command and prints its wall time and the peak RSS (KiB) of the largest process
# under it (the command, or one of its workers): RUSAGE_CHILDREN covers reaped descendants.
_TIMED = """
import resource, subprocess, sys, time, json
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
dt = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": dt, "rc": rc.returncode, "maxrss_kib": rss,
                  "stderr": rc.stderr.decode(errors="replace")[-2000:]}))
"""


def load_texts(with_train: bool, repeat: int, chinese: bool = False) -> list[dict]:
    files = [PAGES / "dev.jsonl.gz"] + ([PAGES / "train.jsonl.gz"] if with_train else [])
    if chinese:  # the Chinese pages, then the clean Chinese articles, each one document
        files = [PAGES.parent / "zh" / "pages.jsonl.gz", PAGES.parent / "zh" / "articles.jsonl.gz"]
    records = []
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                page = json.loads(line)
                records.append({"id": page["id"], "text": "\n".join(page["paragraphs"])})
    out = []
    for r in range(repeat):
        out.extend(
            {"id": f"{d['id']}#{r}" if repeat > 1 else d["id"], "text": d["text"]} for d in records
        )
    return out


def write_input(records: list[dict], path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def timed(cmd: list[str]) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", _TIMED, *cmd], capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout)


def scan_cmd(inp: Path, out: Path, jobs: int, root: Path = ROOT) -> list[str]:
    return [
        sys.executable,
        str(root / "detect.py"),
        "scan",
        str(inp),
        "-o",
        str(out),
        "-j",
        str(jobs),
        "--no-progress",
    ]


def bench_scan(
    inp: Path,
    tmp: Path,
    jobs: list[int],
    runs: int,
    roots: list[Path],
    between: Callable[[], float] | None = None,
) -> tuple[list[list[dict]], list[float]]:
    """Every ``-j`` setting of every checkout in ``roots`` timed ``runs`` times, round by round
    (j1 A, j1 B, j2 A, j2 B, then the next round), and ``between`` (the yardstick) once a round:
    a machine that speeds up or slows down during the bench weighs on every setting alike, and
    each round gives ratios of times taken minutes apart at most. Returns, per ``-j`` setting,
    one result per checkout, and the yardstick's times."""
    times = {(j, k): [] for j in jobs for k in range(len(roots))}
    rss = {(j, k): [] for j in jobs for k in range(len(roots))}
    yardstick: list[float] = []
    for i in range(runs):
        for j in jobs:
            for k, root in enumerate(roots):
                res = timed(scan_cmd(inp, tmp / f"out-{k}-j{j}-{i}.jsonl", j, root))
                if res["rc"] != 0:
                    raise SystemExit(
                        f"{root}/detect.py scan -j {j} failed (exit {res['rc']}):\n{res['stderr']}"
                    )
                times[j, k].append(res["seconds"])
                rss[j, k].append(res["maxrss_kib"])
        if between is not None:
            yardstick.append(between())
    results = [
        [
            {
                "jobs": j,
                "seconds": times[j, k],
                "median_s": statistics.median(times[j, k]),
                "peak_rss_mib": max(rss[j, k]) / 1024,
            }
            for k in range(len(roots))
        ]
        for j in jobs
    ]
    return results, yardstick


def per_round(numerator: list[float], denominator: list[float]) -> float:
    """The median over rounds of one time divided by another taken in the same round."""
    return statistics.median(a / b for a, b in zip(numerator, denominator))


#: The yardstick in two settings. "line rules" is C4's per-line filter alone (terminal punctuation,
#: words per line, javascript, policy, curly bracket, lorem ipsum): what the issue calls the C4 line
#: rules and times at about 13 MB/s per core. "with sentence count" adds C4's page rule of at least
#: five sentences, which runs a sentence splitter over every kept line and is some 30x slower: a
#: ratio against it flatters pagesieve, so the line rules are the bar.
C4_SETTINGS = {
    "c4_line_rules": {"split_paragraph": True, "min_num_sentences": -1},
    "c4_with_sentence_count": {"split_paragraph": True},
}


def c4_filters(sentence_count: bool = True) -> dict | None:
    """datatrove's ``C4QualityFilter`` in each setting of :data:`C4_SETTINGS` (None, after
    saying so, when datatrove is not installed)."""
    try:
        from datatrove.pipeline.filters import C4QualityFilter
    except ImportError as exc:
        print(
            f"datatrove yardstick skipped: {exc} (pip install 'pagesieve[bench]')", file=sys.stderr
        )
        return None
    return {
        name: C4QualityFilter(**kwargs)
        for name, kwargs in C4_SETTINGS.items()
        if sentence_count or name != "c4_with_sentence_count"
    }


def time_filter(filt, records: list[dict]) -> float:
    """Seconds of one pass of ``filt`` over the records: filter calls only, no I/O."""
    from datatrove.data import Document

    docs = [Document(text=r["text"], id=r["id"]) for r in records]  # filter() edits text
    t = time.perf_counter()
    for d in docs:
        filt.filter(d)
    return time.perf_counter() - t


def detector_available(root: Path = ROOT) -> str | None:
    """None if ``detect.py scan`` can run in checkout ``root``, else why not."""
    if not (root / "model" / "pagesieve.joblib").exists():
        return f"{root}/model/pagesieve.joblib does not exist yet (train the model first)"
    probe = subprocess.run(
        [sys.executable, "-c", "import pagesieve.detector"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        return f"pagesieve.detector cannot be imported: {probe.stderr.strip().splitlines()[-1]}"
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="timed runs per setting (median)")
    ap.add_argument("--with-train", action="store_true", help="add train.jsonl.gz (6x more text)")
    ap.add_argument("--repeat", type=int, default=1, help="repeat the corpus K times")
    ap.add_argument(
        "--chinese",
        action="store_true",
        help="Chinese text instead: zh/pages and the clean zh articles (16 MB)",
    )
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument(
        "--no-yardstick",
        action="store_true",
        help="skip datatrove (for the memory run on a large --repeat input)",
    )
    ap.add_argument(
        "--skip-sentence-count",
        action="store_true",
        help="time only C4's line rules, not the (slow, reference-only) sentence-count setting",
    )
    ap.add_argument(
        "--compare",
        type=Path,
        metavar="DIR",
        help="another checkout (e.g. `git worktree add ../before HEAD~3`) whose detect.py and "
        "model are timed on the same input, interleaved with this one; prints the speed ratio",
    )
    args = ap.parse_args()

    if not PAGES.is_dir():
        print(f"bench skipped: {PAGES} is absent (it comes with the shared/ folder)")
        return 0
    records = load_texts(args.with_train, args.repeat, args.chinese)
    text_mb = sum(len(r["text"].encode("utf-8")) for r in records) / 1e6
    result: dict = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "corpus": {
            "documents": len(records),
            "text_mb": round(text_mb, 3),
            "with_train": args.with_train,
            "chinese": args.chinese,
            "repeat": args.repeat,
        },
        "runs": args.runs,
    }
    rows = []
    why_not = detector_available()
    roots = [ROOT]
    if args.compare is not None:
        compare_why_not = detector_available(args.compare.resolve())
        if compare_why_not:
            raise SystemExit(f"--compare: detect.py scan cannot run there: {compare_why_not}")
        roots.append(args.compare.resolve())
    filters = None if args.no_yardstick else c4_filters(not args.skip_sentence_count)
    line_rules = (
        (lambda: time_filter(filters["c4_line_rules"], records)) if filters is not None else None
    )
    c4_times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="pagesieve-bench-") as tmpdir:
        tmp = Path(tmpdir)
        inp = tmp / "pages.jsonl.gz"
        write_input(records, inp)
        result["corpus"]["input_mb_gz"] = round(inp.stat().st_size / 1e6, 3)
        if why_not:
            print(f"detect.py scan not timed: {why_not}", file=sys.stderr)
            result["scan"] = {"skipped": why_not}
        else:
            tiny = tmp / "one.jsonl.gz"
            write_input(records[:1], tiny)
            startup = statistics.median(
                timed(scan_cmd(tiny, tmp / "one.out", 1))["seconds"] for _ in range(args.runs)
            )
            result["startup_s"] = startup
            timed_jobs, c4_times = bench_scan(inp, tmp, args.jobs, args.runs, roots, line_rules)
            scans = [per_root[0] for per_root in timed_jobs]
            if len(roots) > 1:
                result["compare"] = {
                    "root": str(roots[1]),
                    "scan": [per_root[1] for per_root in timed_jobs],
                    "speed_ratio": {
                        f"j{per_root[0]['jobs']}": per_root[1]["median_s"] / per_root[0]["median_s"]
                        for per_root in timed_jobs
                    },
                }
            base = scans[0]
            for s in scans:
                s["mb_per_s"] = text_mb / s["median_s"]
                s["mb_per_s_per_worker"] = s["mb_per_s"] / s["jobs"]
                s["speedup_vs_first"] = base["median_s"] / s["median_s"]
                s["speedup_per_round"] = per_round(base["seconds"], s["seconds"])
                s["net_mb_per_s"] = text_mb / max(s["median_s"] - startup, 1e-9)
                rows.append(
                    (
                        f"pagesieve scan -j {s['jobs']}",
                        s["median_s"],
                        s["mb_per_s"],
                        s["mb_per_s_per_worker"],
                        s["peak_rss_mib"],
                    )
                )
            result["scan"] = scans
    if filters is not None:
        if not c4_times:  # no scan to interleave with
            c4_times = [line_rules() for _ in range(args.runs)]
        dt = {"c4_line_rules": {"kwargs": C4_SETTINGS["c4_line_rules"], "seconds": c4_times}}
        if "c4_with_sentence_count" in filters:  # a reference only, and slow: one run
            dt["c4_with_sentence_count"] = {
                "kwargs": C4_SETTINGS["c4_with_sentence_count"],
                "seconds": [time_filter(filters["c4_with_sentence_count"], records)],
            }
        result["datatrove_c4_quality_filter"] = dt
        for name, d in dt.items():
            d["median_s"] = statistics.median(d["seconds"])
            d["mb_per_s"] = text_mb / d["median_s"]
            rows.append(
                (f"datatrove {name} (1 core)", d["median_s"], d["mb_per_s"], d["mb_per_s"], None)
            )
            if isinstance(result.get("scan"), list):
                result[f"ratio_pagesieve_j1_to_{name}"] = (
                    result["scan"][0]["mb_per_s_per_worker"] / d["mb_per_s"]
                )
        if isinstance(result.get("scan"), list):
            first = result["scan"][0]
            # the yardstick ran in the same rounds: its time over pagesieve's, round by round
            result["ratio_pagesieve_j1_to_c4_line_rules_per_round"] = (
                per_round(c4_times, first["seconds"]) / first["jobs"]
            )

    print(
        f"corpus: {len(records):,} documents, {text_mb:.1f} MB of text; median of {args.runs} runs"
    )
    print(f"{'what':<36} {'median s':>9} {'MB/s':>8} {'MB/s/worker':>12} {'peak RSS MiB':>13}")
    for name, secs, mbs, per, rss in rows:
        rss_s = f"{rss:13.0f}" if rss is not None else f"{'-':>13}"
        print(f"{name:<36} {secs:9.2f} {mbs:8.2f} {per:12.2f} {rss_s}")
    if isinstance(result.get("scan"), list):
        if len(result["scan"]) > 1:
            print(
                f"speed-up -j {result['scan'][0]['jobs']} -> -j {result['scan'][-1]['jobs']}: "
                f"{result['scan'][-1]['speedup_vs_first']:.2f}x "
                f"(median of the rounds' own: {result['scan'][-1]['speedup_per_round']:.2f}x)"
            )
        print(
            f"startup (model load, 1-doc scan): {result['startup_s']:.2f} s; whole-process times include it"
        )
    if "compare" in result:
        for s in result["compare"]["scan"]:
            print(
                f"{'compared: scan -j ' + str(s['jobs']):<36} {s['median_s']:9.2f} "
                f"{text_mb / s['median_s']:8.2f} {text_mb / s['median_s'] / s['jobs']:12.2f} "
                f"{s['peak_rss_mib']:13.0f}"
            )
        for key, ratio in result["compare"]["speed_ratio"].items():
            print(f"this checkout is {ratio:.2f}x as fast as {result['compare']['root']} ({key})")
    for name in C4_SETTINGS:
        if f"ratio_pagesieve_j1_to_{name}" in result:
            print(
                f"pagesieve -j 1 / datatrove {name} throughput: {result[f'ratio_pagesieve_j1_to_{name}']:.3f}"
            )
    if "ratio_pagesieve_j1_to_c4_line_rules_per_round" in result:
        print(
            "the same, median of the rounds' own ratios: "
            f"{result['ratio_pagesieve_j1_to_c4_line_rules_per_round']:.3f}"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"scan-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"results: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
