"""Does a seed give the same model whatever the machine? Quick trainings under several settings.

A retrain's bytes depend on arithmetic that differs between machines: the BLAS kernel chosen for
the CPU, the number of threads (one per core), numpy's SIMD kernels. This trains the quick model
(``train.py --quick --members 3 --no-eval``) under settings that stand in for other machines,
once with ``train.py``'s pinned arithmetic (``pagesieve/numerics.py``) and once without it
(``PAGESIEVE_UNPINNED=1``), and prints each artifact's sha256: the pinned runs should agree with
each other, the unpinned ones show what the pinning removes. About 5 minutes a run on 2 cores.

    python bench/train_reproducibility.py [--corpora ../shared/corpora] [--only pinned|unpinned]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pagesieve.numerics import pinned_environment

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"

#: stand-ins for other machines: one core, another CPU's BLAS kernel, numpy without AVX2
MACHINES: dict[str, dict[str, str]] = {
    "this machine": {},
    "one core": {"OMP_NUM_THREADS": "1"},
    "another BLAS kernel": {"OPENBLAS_CORETYPE": "Nehalem"},
    "numpy without AVX2": {"NPY_DISABLE_CPU_FEATURES": "X86_V3"},
}


def train_once(
    corpora: Path, out: Path, machine: dict[str, str], pinned: bool
) -> tuple[str, float]:
    pinned_names = pinned_environment()
    env = {k: v for k, v in os.environ.items() if k not in pinned_names}
    env.pop("PAGESIEVE_UNPINNED", None)
    env.update(machine)
    if not pinned:
        env["PAGESIEVE_UNPINNED"] = "1"
    t0 = time.time()
    subprocess.run(
        [sys.executable, str(ROOT / "train.py"), "--quick", "--members", "3", "--no-eval"]
        + ["--corpora", str(corpora), "--out", str(out)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    digest = hashlib.sha256((out / "pagesieve.joblib").read_bytes()).hexdigest()
    return digest, time.time() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    ap.add_argument("--only", choices=("pinned", "unpinned"))
    args = ap.parse_args()
    if not (args.corpora / "pages" / "train.jsonl.gz").exists():
        print(f"skipped: no corpora at {args.corpora}")
        return
    modes = [m for m in ("pinned", "unpinned") if args.only in (None, m)]
    print("| arithmetic | stands in for | sha256 of the quick model | seconds |")
    print("|---|---|---|---|")
    seen: dict[str, set[str]] = {m: set() for m in modes}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in modes:
            for name, machine in MACHINES.items():
                out = Path(tmp) / f"{mode}-{len(seen[mode])}"
                digest, seconds = train_once(args.corpora, out, machine, mode == "pinned")
                seen[mode].add(digest)
                print(f"| {mode} | {name} | {digest[:12]}… | {seconds:.0f} |", flush=True)
    for mode, digests in seen.items():
        print(f"{mode}: {len(digests)} distinct model(s) over {len(MACHINES)} settings")


if __name__ == "__main__":
    main()
