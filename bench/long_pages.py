"""Throughput on one long page, as it grows: does a scan stay linear in the page's length?

A page's rules compare each candidate line with the rest of its page; done line by line, a page
of many candidates is quadratic. The page here is the bundled sample page with a maker's ad
(``data/samples/pages.jsonl``, its first record) repeated N times into one document, so that it
holds N ads among N articles (the worst case a spam site writes), the sample page with
nothing to remove repeated the same way for comparison, a Chinese page of 10 N lines of news
prose, each with a bracketed phrase and a betting brand of its own (``【…】``, ``…娱乐城…``): every
line's phrases are distinct span candidates, whose repeats on the page were each counted by
reading the whole page again until session 52; and one Chinese paragraph of 10 N clauses with a
pinyin pair, or a betting brand, after each (a paragraph's splices were read one by one). Median of ``--runs`` scans, in-process, one thread. Needs
no corpora. ``--checkout DIR`` scores the same pages with another worktree's code and model in
a subprocess, for a before/after in the same session.

    python bench/long_pages.py [--copies 100 200 400 800] [--runs 3] [--checkout ../s51start]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples" / "pages.jsonl"


def _pages() -> dict[str, Callable[[int], str]]:
    """Each page's text at ``n`` copies: the page with a maker's ad, the sample page with
    nothing to remove, and the Chinese page of distinct brands."""
    records = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    by_id = {r["id"]: r["text"] for r in records}
    ad, article = by_id["samples/norvik-europe-battery-ad"], by_id["samples/library-reopens-clean"]
    return {
        "ad page": lambda n: "\n".join([ad] * n),
        "article page": lambda n: "\n".join([article] * n),
        "zh brands page": _brand_lines,
        "zh pinyin line": lambda n: _one_line(n, lambda rng: "烟(yan)台(tai)"),
        "zh brand line": lambda n: _one_line(n, lambda rng: rng.choice(_BRANDS)),
    }


_ZH_PROSE = "今天上午，市政府召开新闻发布会，介绍了今年以来全市经济运行的总体情况和下一步工作安排。"


_BRANDS = ("开云体育", "乐鱼体育官网", "（华体会官网）", "澳门金沙娱乐城", "皇冠体育app")


def _one_line(n: int, splice: Callable[[random.Random], str]) -> str:
    """One paragraph of 10 ``n`` clauses of Chinese prose, a splice after each: the span rules
    and the second look read a paragraph's splices; one by one, they were quadratic in it."""
    rng = random.Random(0)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    clauses = []
    for _ in range(10 * n):
        clause = _ZH_PROSE[: rng.randint(8, 30)] + "".join(rng.choices(han, k=6))
        clauses.append(clause + "，" + splice(rng))
    return "，".join(clauses) + "。"


def _brand_lines(n: int) -> str:
    """10 ``n`` lines of Chinese prose, each with its own bracketed phrase and betting brand."""
    rng = random.Random(0)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    lines = []
    for _ in range(10 * n):
        a, b = "".join(rng.choices(han, k=4)), "".join(rng.choices(han, k=3))
        lines.append(f"{_ZH_PROSE[:20]}【{a}{b}】{_ZH_PROSE[20:]}{a}娱乐城{b}{_ZH_PROSE[:15]}")
    return "\n".join(lines)


def measure(root: Path, copies: list[int], runs: int) -> list[dict]:
    sys.path.insert(0, str(root))
    from pagesieve.detector import Detector

    detector = Detector.load()
    detector.scan("warm-up line.\nAnother line.")
    rows = []
    for name, build in _pages().items():
        for n in copies:
            text = build(n)
            seconds = []
            for _ in range(runs):
                start = time.perf_counter()
                flags = detector.scan(text)
                seconds.append(time.perf_counter() - start)
            median = statistics.median(seconds)
            rows.append(
                {
                    "page": name,
                    "copies": n,
                    "mb": len(text.encode("utf-8")) / 1e6,
                    "seconds": median,
                    "flags": len(flags),
                }
            )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=int, nargs="+", default=[100, 200, 400, 800])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--checkout", type=Path, help="another worktree to measure the same way")
    ap.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # the subprocess's
    args = ap.parse_args()
    if args.json:
        print(json.dumps(measure(args.root, args.copies, args.runs)))
        return
    results = {"this tree": measure(ROOT, args.copies, args.runs)}
    if args.checkout:  # its code and its model, imported in a process of their own
        cmd = [sys.executable, __file__, "--json", "--root", str(args.checkout.resolve())]
        cmd += ["--copies", *map(str, args.copies), "--runs", str(args.runs)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        results[str(args.checkout)] = json.loads(out.splitlines()[-1])
    print("tree | page | copies | MB | median s | MB/s | flags")
    for tree, rows in results.items():
        for r in rows:
            mbs = r["mb"] / r["seconds"]
            print(
                f"{tree} | {r['page']} | {r['copies']} | {r['mb']:.2f} | {r['seconds']:.2f} | "
                f"{mbs:.2f} | {r['flags']}"
            )


if __name__ == "__main__":
    main()
