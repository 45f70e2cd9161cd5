"""Models scored at their own thresholds on the pages the project wrote, alone or as means.

The written audits measure what a retrain does to the families the corpora hold too few of:
makers' ads in copied articles (``data/en_spam/audit_ads_*``), pages with nothing to remove
(``data/hard_negatives``), articles about companies with another maker's ad
(``data/product_ads/test.jsonl``). One retrain says little there (``audit_ads_a`` 0.70 to 0.83
over three seeds of the same data), so models are given in groups, one per code or data, each
group a comma-separated list of models (its seeds), and each figure is the group's mean with
its range over the seeds:

    python bench/written_sets.py model/pagesieve.joblib
    python bench/written_sets.py base=/tmp/b13/pagesieve.joblib,/tmp/b14/pagesieve.joblib \\
        new=/tmp/n13/pagesieve.joblib,/tmp/n14/pagesieve.joblib

Per set: recall of the lines that do not belong, recall of the ad lines alone, and the share of
article lines flagged, overall and per language (``detect.py eval`` counts them the same way).
A set a model was fitted on says nothing of it: ``--sets`` chooses the files.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from heldout_setup import ROOT

from pagesieve import Detector
from pagesieve.corpus import read_labeled
from pagesieve.evaluate import evaluate

DATA = ROOT / "data"
SETS = (
    "en_spam/audit_ads_a",
    "en_spam/audit_ads_b",
    "en_spam/audit_ads_c",
    "en_spam/audit_ads_d",
    "hard_negatives/calibration",
    "hard_negatives/train_a",
    "hard_negatives/test",
    "product_ads/test",
)


def figures(model: Path, sets: list[str]) -> dict[tuple[str, str], tuple[float, float, float]]:
    """(set, language or ``all``) -> (recall, ad recall, article flagged) of one model; NaN
    where a set has no such line."""
    detector = Detector.load(model)
    out = {}
    for name in sets:
        report = evaluate(read_labeled(DATA / f"{name}.jsonl"), detector.scan_batch)
        rows = {"all": report.overall, **report.by_lang}
        for lang, counts in rows.items():
            s = counts.summary()
            noise = counts.tp + counts.fn
            ad = report.by_kind.get("ad") if lang == "all" else None
            out[name, lang] = (
                s["recall"] if noise else float("nan"),
                ad.summary()["recall"] if ad is not None and ad.tp + ad.fn else float("nan"),
                s["article_flagged"],
            )
    return out


def cell(values: list[tuple[float, float, float]]) -> str:
    """A group's mean (and range of the recall, for more than one model)."""
    v = np.array(values, dtype=np.float64)
    recall, ad, flagged = (float(np.mean(v[:, k])) for k in range(3))
    text = "-" if np.isnan(recall) else f"{recall:.3f}"
    if not np.isnan(ad):
        text += f" (ads {ad:.2f})"
    text += f" at {100 * flagged:.1f}%"
    if len(values) > 1 and not np.isnan(recall):
        text += f" [{np.min(v[:, 0]):.2f}-{np.max(v[:, 0]):.2f}]"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="+", help="MODEL, or NAME=MODEL,MODEL,... (a mean)")
    parser.add_argument("--sets", nargs="+", default=list(SETS), help="files under data/")
    args = parser.parse_args()
    groups: list[tuple[str, list[Path]]] = []
    for spec in args.groups:
        name, _, models = spec.rpartition("=")
        paths = [Path(m) for m in models.split(",")]
        groups.append((name or models, paths))
    scored = {m: figures(m, args.sets) for _, paths in groups for m in paths}
    print("| set | " + " | ".join(name for name, _ in groups) + " |")
    print("|---" * (len(groups) + 1) + "|")
    keys = list(dict.fromkeys(k for per in scored.values() for k in per))
    for key in keys:
        values = [[scored[m][key] for m in paths if key in scored[m]] for _, paths in groups]
        set_name, lang = key
        label = set_name if lang == "all" else f"{set_name} ({lang})"
        print(f"| {label} | " + " | ".join(cell(v) if v else "–" for v in values) + " |")


if __name__ == "__main__":
    main()
