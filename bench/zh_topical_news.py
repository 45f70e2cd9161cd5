"""Flags in clean Chinese news whose words gambling spam also uses.

Lottery charity funds, Macau's resorts in an economy report, police work against online
gambling, 旅游线路, 官网, 真人秀, 捕鱼, 菠菜: the gambling words of the Chinese span candidates
have ordinary senses, and a news item in them is article text from end to end. This scans the
project's held-out items of that kind (``data/patterns/gambling_news/heldout.txt``, written for
the purpose and never trained on; training reads ``train.txt`` beside it) and counts the
spliced-phrase flags and the whole paragraphs flagged, with the flagged text. Needs no corpora.
Pass ``--model`` twice or more to compare models on the same items.

    python bench/zh_topical_news.py [--model model/pagesieve.joblib ...] [--show]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zh_splice_extents import inside_paragraph  # noqa: E402

from pagesieve.detector import Detector  # noqa: E402
from pagesieve.synth import topical_news_pages  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", action="append", type=Path, help="model file(s) [shipped]")
    ap.add_argument("--show", action="store_true", help="print every flag")
    args = ap.parse_args()
    pages = topical_news_pages("heldout")
    texts = [page.text for page in pages]
    n_par = sum(len(page.paragraphs) for page in pages)
    n_chars = sum(len(t) for t in texts)
    print(
        f"{len(pages)} items, {n_par} paragraphs, {n_chars} characters\n"
        "model | span flags | their characters | items with one | paragraphs flagged whole"
    )
    for path in args.model or [None]:
        detector = Detector.load(path)
        spans = chars = whole = 0
        items = set()
        shown = []
        for i, (text, flags) in enumerate(zip(texts, detector.scan_batch(texts))):
            for f in flags:
                inside = inside_paragraph(text, f)
                whole += not inside
                spans += inside
                chars += (f.end - f.start) * inside
                if inside:
                    items.add(i)
                shown.append(f"  {f.label} {f.score:.3f} {text[f.start : f.end][:60]!r}")
        print(f"{path or 'shipped'} | {spans} | {chars} | {len(items)} | {whole}")
        if args.show:
            print("\n".join(shown))


if __name__ == "__main__":
    main()
