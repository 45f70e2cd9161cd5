"""Retrains over several seeds, scored at the same operating points: a change's mean and range.

The seed draws the training pages, and it moves a retrain's figures more than most code changes
do (bench/README, operating points: `zh/pages` recall at 4% from 0.07 to 0.44 over three seeds of
one code). A change is judged by its mean over several seeds against the code before it, over the
same seeds. This trains every seed with this checkout and each ``--checkout`` given (a worktree of
the code before, say), reuses the models already in ``--out``, scores each model with its own
checkout's code on the pages of ``operating_points.py``, and prints per set and point the mean
and the range over the seeds, then, seed by seed, this checkout's figures minus each other's.

    git worktree add ../before HEAD~1
    python bench/seed_spread.py --seeds 13 14 15 16 17 --checkout ../before

A retrain takes minutes on two cores (``train.py --no-eval``); a checkout must have the scoring
code of ``operating_points.py`` (``pagesieve.scripts``, ``training.paragraph_scores``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from heldout_setup import CORPORA, ROOT


def train(root: Path, seed: int, out: Path, corpora: Path, members: int | None = None) -> Path:
    """The model of ``root``'s code with ``seed``, trained unless ``out`` holds it already
    (``members``: ``train.py --members``, for checkouts that have it)."""
    model = out / "pagesieve.joblib"
    if not model.exists():
        print(f"training {root.name} seed {seed} -> {out}", file=sys.stderr, flush=True)
        cmd = [sys.executable, "train.py", "--no-eval", "--seed", str(seed), "--out", str(out)]
        if members is not None:
            cmd += ["--members", str(members)]
        subprocess.run([*cmd, "--corpora", str(corpora)], cwd=root, check=True)
    return model


def score(root: Path, models: list[Path], corpora: Path) -> dict[str, dict[str, float]]:
    """Recall per set and point of each model, computed by ``root``'s code in a child process."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    cmd = [sys.executable, __file__, "--score", *map(str, models), "--corpora", str(corpora)]
    done = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def score_here(models: list[Path], corpora: Path) -> None:
    """``--score``: print the recalls of ``models`` as JSON, by the pagesieve on the path."""
    from operating_points import evaluation_sets, read_points

    from pagesieve import Detector
    from pagesieve.training import paragraph_scores

    sets = evaluation_sets(corpora)
    out: dict[str, dict[str, float]] = {}
    for model in models:
        detector = Detector.load(model)
        cells = out.setdefault(str(model), {})
        for name, (pages, points) in sets.items():
            p, y = paragraph_scores(detector, pages)
            cells.update(read_points(name, pages, p, y, points))
    json.dump(out, sys.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[13, 14, 15])
    ap.add_argument("--checkout", type=Path, action="append", default=[], help="another checkout")
    ap.add_argument("--out", type=Path, default=Path("/tmp/pagesieve-seeds"), help="models go here")
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    ap.add_argument(
        "--members",
        type=int,
        default=None,
        help="train.py --members (default: train.py's, an ensemble of three since session 18)",
    )
    ap.add_argument("--score", type=Path, nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.score:
        score_here(args.score, args.corpora)
        return
    if not (args.corpora / "pages" / "dev.jsonl.gz").exists():
        print(f"skipped: no corpora at {args.corpora}")
        return
    roots = [ROOT, *(c.resolve() for c in args.checkout)]
    names = [f"{i}-{r.name}" for i, r in enumerate(roots)]
    results: dict[str, list[dict[str, float]]] = {}
    for name, root in zip(names, roots):
        models = [
            train(root, s, args.out / f"{name}-seed{s}", args.corpora, args.members)
            for s in args.seeds
        ]
        results[name] = list(score(root, models, args.corpora).values())
    print(f"seeds {' '.join(map(str, args.seeds))}: mean (min–max) of recall at each point")
    print("| set | " + " | ".join(f"{n} ({r})" for n, r in zip(names, roots)) + " |")
    print("|" + "---|" * (len(roots) + 1))
    for key in results[names[0]][0]:
        cells = []
        for name in names:
            v = np.array([per_seed[key] for per_seed in results[name]])
            cells.append(f"{v.mean():.3f} ({v.min():.3f}–{v.max():.3f})")
        print(f"| {key} | " + " | ".join(cells) + " |")
    for other in names[1:]:
        print_paired(results[names[0]], results[other], f"{names[0]} − {other}")


def print_paired(this: list[dict[str, float]], other: list[dict[str, float]], title: str) -> None:
    """Seed by seed, ``this`` minus ``other``: the mean difference and on how many seeds ``this``
    is ahead. A retrain's figures move by tenths when one training page is drawn otherwise
    (bench/README.md), so a change counts when it holds on nearly every seed."""
    print(f"\npaired, {title}: per seed, mean, seeds ahead")
    print("| set | per seed | mean | ahead |")
    print("|---|---|---|---|")
    for key in this[0]:
        d = np.array([a[key] - b[key] for a, b in zip(this, other)])
        per_seed = " ".join(f"{v:+.3f}" for v in d)
        print(f"| {key} | {per_seed} | {d.mean():+.3f} | {(d > 0).sum()}/{len(d)} |")


if __name__ == "__main__":
    main()
