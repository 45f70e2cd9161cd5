"""Spliced phrases of the held-out template sets caught, by kind and language.

The model card counts spliced phrases caught per held-out set and language. This splits them by
what was spliced in: a keyword phrase (``keyword``), pinyin after a character (``pinyin``) or a
related-article link glued to the next sentence (``glued link``), so that one can see which
kind a change helps. Same pages as the model card's (``train.py --eval-only`` draws them with
seed + 1); a phrase is caught when a flag overlaps it. ``--misses N`` also prints the first N
misses of each kind: the held-out bank is a test set, to be scored and not read, so none are
printed unless asked for.

    python bench/heldout_spans.py [--model FILE] [--misses N]
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from heldout_setup import open_heldout

from pagesieve.corpus import LabeledPage
from pagesieve.training import heldout_synthetic


def splice_kind(page: LabeledPage, span: tuple) -> str:
    paragraph, a, b, label = span
    if label == "navigation":
        return "glued link"
    text = page.paragraphs[paragraph][a:b]
    return "pinyin" if text.startswith("(") and len(text) <= 8 else "keyword"


def main() -> None:
    opened = open_heldout(
        __doc__,
        lambda ap: ap.add_argument(
            "--misses",
            type=int,
            default=0,
            help="misses listed per kind and language (0: none; they are test-set text)",
        ),
    )
    if opened is None:
        return
    args, cfg, detector = opened
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pages in heldout_synthetic(cfg, np.random.default_rng(cfg.seed + 1)).values():
        pages = [p for p in pages if p.spans]
        texts = ["\n".join(p.paragraphs) for p in pages]
        for i in range(0, len(texts), 64):
            batch = detector.scan_batch(texts[i : i + 64])
            for page, text, flags in zip(pages[i : i + 64], texts[i : i + 64], batch):
                offsets = np.cumsum([0] + [len(p) + 1 for p in page.paragraphs])
                for span in page.spans:
                    a, b = offsets[span[0]] + span[1], offsets[span[0]] + span[2]
                    key = (splice_kind(page, span), page.lang)
                    caught = any(f.start < b and a < f.end for f in flags)
                    counts[key][0] += 1
                    counts[key][1] += caught
                    if not caught:
                        misses[key].append(
                            f"{text[max(a - 6, 0) : a]}[{text[a:b]}]{text[b : b + 6]}"
                        )
    print("| kind | language | spliced | caught | share |")
    print("|---|---|---|---|---|")
    for (kind, lang), (n, hit) in sorted(counts.items()):
        print(f"| {kind} | {lang} | {n} | {hit} | {hit / n:.3f} |")
    for key, shown in sorted(misses.items()) if args.misses else ():
        print(f"\nmissed {key[0]} ({key[1]}):")
        for line in shown[: args.misses]:
            print("  " + line.replace("\n", " "))


if __name__ == "__main__":
    main()
