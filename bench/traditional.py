"""Chinese pages in Traditional characters: caught as well as in Simplified?

The Chinese the model learns from is Simplified; spam aimed at Taiwan, Hong Kong and Macau is in
Traditional characters. This takes the Chinese pages the model card scores (the held-out template
sets' Chinese pages, drawn as ``train.py --eval-only`` draws them, and ``zh/pages``), writes each
paragraph in Traditional characters with OpenCC (``s2t``, one character for one so that labels
and spliced spans keep their offsets) and scores both versions with the same evaluator.

    python bench/traditional.py [--model FILE]
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import numpy as np
import opencc

from pagesieve import Detector
from pagesieve.corpus import LabeledPage, read_labeled
from pagesieve.evaluate import evaluate
from pagesieve.training import TrainConfig, heldout_synthetic

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


def traditional(page: LabeledPage, conv: opencc.OpenCC) -> LabeledPage:
    """``page`` in Traditional characters; a paragraph whose conversion changes its length (a
    phrase rule) is converted one character at a time instead."""
    out = []
    for p in page.paragraphs:
        t = conv.convert(p)
        if len(t) != len(p):
            t = "".join(
                c if len(c) == 1 else o for c, o in zip(conv.convert("\n".join(p)).split("\n"), p)
            )
        out.append(t)
    return replace(page, paragraphs=out)


def row(name: str, report: dict) -> str:
    o, s = report["overall"], report["spans"]
    spans = f"{s['rate']:.3f} ({s['caught']}/{s['total']})" if s["total"] else "–"
    return (
        f"| {name} | {o['paragraphs']:,} | {o['recall']:.3f} | {o['article_flagged']:.3f} | "
        f"{o['char_article_flagged']:.3f} | {spans} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, help="model file [shipped]")
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    args = ap.parse_args()
    if not (args.corpora / "pages" / "dev.jsonl.gz").exists():
        print(f"skipped: no corpora at {args.corpora}")
        return
    cfg = TrainConfig(corpora=args.corpora, out=Path("unused"))
    detector = Detector.load(args.model)
    conv = opencc.OpenCC("s2t")
    sets = {
        f"held-out {name}": [p for p in pages if p.lang == "zh"]
        for name, pages in heldout_synthetic(cfg, np.random.default_rng(cfg.seed + 1)).items()
    }
    sets["zh/pages"] = list(read_labeled(args.corpora / "zh" / "pages.jsonl.gz"))
    print("| set | paragraphs | recall | article flagged | chars | spliced phrases caught |")
    print("|---|---|---|---|---|---|")
    for name, pages in sets.items():
        for script, given in (
            ("Simplified", pages),
            ("Traditional", [traditional(p, conv) for p in pages]),
        ):
            report = evaluate(given, detector.scan_batch).to_dict()
            print(row(f"{name}, {script}", report), flush=True)


if __name__ == "__main__":
    main()
