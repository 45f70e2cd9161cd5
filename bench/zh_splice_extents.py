"""How exactly the Chinese span flags cover gambling brands spliced into Chinese sentences.

The model card counts a spliced phrase as caught when half of it is flagged. Cleaning also needs
the flag to stop where the splice does: a flag too short leaves half a brand in the text, a flag
too long eats the article. This builds pages from the held-out Chinese articles (the 10% that
training never sees), splices one phrase into each (a brand name that training never saw with a
gambling word after it, or a term of the gambling lexicon), scans them and reports the share
caught, the share flagged exactly, and the characters flagged past and short of each caught
splice. Pass ``--model`` twice or more to compare models on the same pages.

    python bench/zh_splice_extents.py [--model model/pagesieve.joblib ...] [--seed 11]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pagesieve.detector import Detector  # noqa: E402
from pagesieve.synth import read_lexicon, splice_keyword  # noqa: E402
from pagesieve.training import read_zh_articles, split_by_id  # noqa: E402

#: words a brand is spliced in with (brand + word, as in X娱乐城, X体育)
GAMBLING_WORDS = ("娱乐城", "体育", "官网", "真人", "棋牌", "彩票", "线路")


def spliced_pages(corpora: Path, seed: int) -> tuple[list[str], list[tuple[int, int]]]:
    brands = read_lexicon(ROOT / "data" / "patterns" / "slots" / "zh_brand_heldout.txt")
    terms = [
        t for t in read_lexicon(corpora / "lexicons" / "zh_gambling_terms.txt") if 2 <= len(t) <= 8
    ]
    rng = np.random.default_rng(seed)
    texts, gold = [], []
    for paragraphs in held_out_articles(corpora):
        paragraphs = list(paragraphs)
        hosts = [i for i, p in enumerate(paragraphs) if len(p) > 40]
        if not hosts:
            continue
        i = hosts[rng.integers(len(hosts))]
        if rng.random() < 0.5:
            phrase = terms[rng.integers(len(terms))]
        else:
            phrase = brands[rng.integers(len(brands))] + GAMBLING_WORDS[rng.integers(7)]
        got = splice_keyword(paragraphs[i], phrase, rng, True)
        if got:
            paragraphs[i], a, b = got
            offset = sum(len(p) + 1 for p in paragraphs[:i])
            texts.append("\n".join(paragraphs))
            gold.append((offset + a, offset + b))
    return texts, gold


def held_out_articles(corpora: Path) -> list[list[str]]:
    """The paragraphs of the Chinese articles that training never sees (its 10% split)."""
    articles = read_zh_articles(corpora / "zh" / "articles.jsonl.gz")
    _, held = split_by_id(articles, lambda a: a[0], 0.1, "zh-heldout")
    return [list(paragraphs) for _, paragraphs in held]


def clean_articles(corpora: Path) -> list[str]:
    """The held-out Chinese articles as they are, one page each."""
    return ["\n".join(paragraphs) for paragraphs in held_out_articles(corpora)]


def inside_paragraph(text: str, flag) -> bool:
    """Whether ``flag`` is a spliced-phrase flag: it starts or ends inside a line of ``text``."""
    return (flag.start > 0 and text[flag.start - 1] != "\n") or (
        flag.end < len(text) and text[flag.end] != "\n"
    )


def false_spans(detector: Detector, texts: list[str]) -> tuple[int, int]:
    """Flags inside paragraphs (spliced-phrase flags) in clean text, and their characters."""
    n = chars = 0
    for i in range(0, len(texts), 64):
        for text, flags in zip(texts[i : i + 64], detector.scan_batch(texts[i : i + 64])):
            for f in flags:
                inside = inside_paragraph(text, f)
                n += inside
                chars += (f.end - f.start) * inside
    return n, chars


def cover(flags, a: int, b: int) -> tuple[bool, int, int] | None:
    """How ``flags`` cover the splice ``[a, b)``: None when under half of it is flagged (not
    caught), else whether a flag is exactly it, and the characters flagged past it and left
    short of it."""
    hit = [f for f in flags if f.start < b and a < f.end]
    covered = sum(min(b, f.end) - max(a, f.start) for f in hit)
    if covered * 2 < b - a:
        return None
    past = sum(max(0, a - f.start) + max(0, f.end - b) for f in hit)
    return any(f.start == a and f.end == b for f in hit), past, (b - a) - covered


def extents(detector: Detector, texts: list[str], gold: list[tuple[int, int]]) -> dict:
    caught = exact = past = short = 0
    for i in range(0, len(texts), 64):
        for flags, (a, b) in zip(detector.scan_batch(texts[i : i + 64]), gold[i : i + 64]):
            got = cover(flags, a, b)
            if got is not None:
                caught += 1
                exact += got[0]
                past += got[1]
                short += got[2]
    n = len(gold)
    return {
        "splices": n,
        "caught": caught / n,
        "exact": exact / n,
        "chars_past": past / max(caught, 1),
        "chars_short": short / max(caught, 1),
    }


def splice_bench_args(doc: str, misses: bool = False) -> argparse.Namespace:
    """The options of the Chinese splice benches: models, corpora, seed (and ``--misses``)."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--model", action="append", type=Path, help="model file(s) [shipped]")
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--seed", type=int, default=11)
    if misses:
        ap.add_argument(
            "--misses",
            action="store_true",
            help="also list each written splice a model misses, with the candidates over it",
        )
    return ap.parse_args()


def main() -> None:
    args = splice_bench_args(__doc__)
    texts, gold = spliced_pages(args.corpora, args.seed)
    clean = clean_articles(args.corpora)
    print(
        "model | splices | caught | exact | chars past / caught | chars short / caught"
        f" | span flags in the {len(clean)} clean articles (chars)"
    )
    for path in args.model or [None]:
        detector = Detector.load(path)
        r = extents(detector, texts, gold)
        n, chars = false_spans(detector, clean)
        print(
            f"{path or 'shipped'} | {r['splices']} | {r['caught']:.3f} | {r['exact']:.3f} | "
            f"{r['chars_past']:.2f} | {r['chars_short']:.2f} | {n} ({chars})"
        )


if __name__ == "__main__":
    main()
