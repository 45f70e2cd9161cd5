"""How far one draw of the calibration pages moves a model's paragraph threshold, and a pool of
draws (``training.CALIBRATION_DRAWS``) instead.

The threshold is the score above which ``OPERATING_ARTICLE_FLAGGED`` of the calibration pages'
article lines lie. Those pages are the real calibration slice (the same for every seed) and a draw
of synthetic pages made from it: which hosts are copied with injections, which injections, how
the Chinese articles are wrapped. This keeps one model and its calibration pages as training
built them (draw 0), draws more synthetic halves on other random streams, and prints the
threshold on each draw alone, then on pools of ``--draws`` draws (draw 0's pool is the one
training uses; the others come from other streams).

    python bench/calibration_draws.py                       # the shipped model, 8 draws
    python bench/calibration_draws.py --model M --pools 3   # three pools of 8

Without ``../shared/corpora`` it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from heldout_setup import CORPORA, ROOT


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, default=ROOT / "model" / "pagesieve.joblib")
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    ap.add_argument("--seed", type=int, default=None, help="default: the model's training seed")
    ap.add_argument("--draws", type=int, default=None, help="draws per pool (default: training's)")
    ap.add_argument("--pools", type=int, default=3, help="pools, each on its own random streams")
    args = ap.parse_args()
    if not (args.corpora / "pages" / "train.jsonl.gz").is_file():
        print(f"no corpora at {args.corpora}: nothing to measure", file=sys.stderr)
        return

    from pagesieve import Detector
    from pagesieve import training as tr

    draws = args.draws or tr.CALIBRATION_DRAWS
    detector = Detector.load(args.model)
    seed = args.seed if args.seed is not None else int(detector.meta.get("seed", 13))
    cfg = tr.TrainConfig(corpora=args.corpora, out=Path("."), seed=seed, log=lambda m: None)
    _, cal_pages, _ = tr.build_pages(cfg, np.random.default_rng(cfg.seed))

    t0 = time.time()
    pools = []
    for pool in range(args.pools):
        stream = tr.CALIBRATION_STREAM + pool * 1000
        extra = [
            tr.labeled_set(pages)
            for pages in tr.calibration_draws(cfg, cal_pages, draws + 1, stream)
        ]
        sets = ([tr.labeled_set(cal_pages)] if pool == 0 else []) + extra
        sets = sets[:draws]
        scores = [tr.member_scores(detector.model, seg) for seg, _ in sets]  # once per set
        alone = [tr.pooled_thresholds([sc], [s])[0] for sc, s in zip(scores, sets)]
        pooled = tr.pooled_thresholds(scores, sets)[0]
        pools.append({"stream": stream, "each": alone, "pooled": pooled})
        print(
            f"pool {pool} (stream {stream}): each draw "
            + " ".join(f"{t:.4f}" for t in alone)
            + f" | sd {np.std(alone, ddof=1):.4f} | pooled {pooled:.4f}",
            flush=True,
        )
    each = [t for p in pools for t in p["each"]]
    pooled = [p["pooled"] for p in pools]
    summary = {
        "model": str(args.model),
        "shipped_threshold": detector.threshold,
        "draws_per_pool": draws,
        "one_draw": {"min": min(each), "max": max(each), "sd": float(np.std(each, ddof=1))},
        "pooled": {"values": pooled, "range": max(pooled) - min(pooled)},
        "seconds": round(time.time() - t0, 1),
        "pools": pools,
    }
    print(json.dumps({k: v for k, v in summary.items() if k != "pools"}, indent=1))


if __name__ == "__main__":
    main()
