"""Chinese pages in Traditional characters: caught as well as in Simplified?

The Chinese the model learns from is Simplified; spam aimed at Taiwan, Hong Kong and Macau is in
Traditional characters. This takes the Chinese pages the model card scores (the held-out template
sets' Chinese pages, drawn as ``train.py --eval-only`` draws them, and ``zh/pages``), writes each
paragraph in Traditional characters with OpenCC (``s2t``, one character for one so that labels
and spliced spans keep their offsets) and scores both versions with the same evaluator.

    python bench/traditional.py [--model FILE]
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import opencc
from heldout_setup import open_heldout

from pagesieve.corpus import LabeledPage, read_labeled
from pagesieve.evaluate import evaluate
from pagesieve.training import heldout_synthetic


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
    opened = open_heldout(__doc__)
    if opened is None:
        return
    args, cfg, detector = opened
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
