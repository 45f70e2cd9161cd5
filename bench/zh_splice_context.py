"""What a spliced gambling phrase does to the rest of a Chinese page.

A splice is meant to be flagged as a span while its paragraph and the page's other article lines
stay. This builds pages from the held-out Chinese articles (the 10% training never sees), each
with a title line (a held-out headline) above its paragraphs, and scans each page four ways: as
it is, with a phrase spliced into a sentence (where training splices), with a phrase appended
to the end of a paragraph (after its last full stop, as SEO tools also do) and with a phrase in
the title. Reported per way: the share of titles and of body paragraphs flagged as whole
paragraphs (at least half their characters flagged), and the share of splices caught (half of
the phrase flagged).

    python bench/zh_splice_context.py [--model FILE ...] [--seed 11]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from zh_splice_extents import GAMBLING_WORDS, held_out_articles, splice_bench_args  # noqa: E402

from pagesieve.detector import Detector  # noqa: E402
from pagesieve.evaluate import coverage  # noqa: E402
from pagesieve.synth import read_lexicon, splice_keyword  # noqa: E402

WAYS = ("clean", "in a sentence", "at a paragraph's end", "in the title")


def title_of(paragraph: str) -> str:
    """A title on the article's own topic: its first clause, as a news title restates the lede."""
    clause = re.split(r"[，。；：！？,]", paragraph, maxsplit=1)[0]
    return clause[:24]


def build(corpora: Path, seed: int) -> dict[str, list[tuple[list[str], int, int, int]]]:
    """Per way: (paragraphs, index of the spliced line or -1, splice start, end) per page."""
    slots = ROOT / "data" / "patterns" / "slots"
    brands = read_lexicon(slots / "zh_brand_heldout.txt")
    terms = [
        t for t in read_lexicon(corpora / "lexicons" / "zh_gambling_terms.txt") if 2 <= len(t) <= 8
    ]
    rng = np.random.default_rng(seed)
    out: dict[str, list] = {w: [] for w in WAYS}
    for body in held_out_articles(corpora):
        hosts = [i + 1 for i, p in enumerate(body) if len(p) > 40]
        if not hosts or len(title_of(body[0])) < 6:
            continue
        page = [title_of(body[0]), *body]
        if rng.random() < 0.5:
            phrase = terms[rng.integers(len(terms))]
        else:
            phrase = brands[rng.integers(len(brands))] + GAMBLING_WORDS[rng.integers(7)]
        out["clean"].append((page, -1, 0, 0))
        i = hosts[rng.integers(len(hosts))]
        got = splice_keyword(page[i], phrase, rng, True)
        if got is None:
            out["clean"].pop()
            continue
        out["in a sentence"].append((page[:i] + [got[0]] + page[i + 1 :], i, got[1], got[2]))
        end = page[i] + phrase
        out["at a paragraph's end"].append(
            (page[:i] + [end] + page[i + 1 :], i, len(page[i]), len(end))
        )
        cut = int(rng.integers(2, len(page[0]) - 1))
        title = page[0][:cut] + phrase + page[0][cut:]
        out["in the title"].append(([title, *page[1:]], 0, cut, cut + len(phrase)))
    return out


def measure(detector: Detector, pages: list[tuple[list[str], int, int, int]]) -> dict:
    titles = body = body_n = caught = spliced = 0
    for k in range(0, len(pages), 64):
        chunk = pages[k : k + 64]
        texts = ["\n".join(p) for p, *_ in chunk]
        for text, (paras, at, a, b), flags in zip(texts, chunk, detector.scan_batch(texts)):
            starts = np.cumsum([0] + [len(p) + 1 for p in paras[:-1]])
            cov = coverage(flags, len(text))
            for j, (p, s) in enumerate(zip(paras, starts)):
                whole = (cov[s + len(p)] - cov[s]) * 2 >= len(p)
                if j == 0:
                    titles += whole
                else:
                    body += whole
                    body_n += 1
            if at >= 0:
                spliced += 1
                a, b = starts[at] + a, starts[at] + b
                caught += (cov[b] - cov[a]) * 2 >= b - a
    n = len(pages)
    return {
        "pages": n,
        "titles flagged": titles / n,
        "body paragraphs flagged": body / max(body_n, 1),
        "splices caught": caught / spliced if spliced else float("nan"),
    }


def main() -> None:
    args = splice_bench_args(__doc__)
    if not (args.corpora / "zh").is_dir():
        print(f"no Chinese corpora at {args.corpora}: nothing to measure")
        return
    ways = build(args.corpora, args.seed)
    print("| model | splice | pages | titles flagged | body paragraphs flagged | splices caught |")
    print("|---|---|---|---|---|---|")
    for path in args.model or [None]:
        detector = Detector.load(path)
        for way, pages in ways.items():
            r = measure(detector, pages)
            print(
                f"| {path or 'shipped'} | {way} | {r['pages']} | {r['titles flagged']:.3f} | "
                f"{r['body paragraphs flagged']:.3f} | {r['splices caught']:.3f} |"
            )


if __name__ == "__main__":
    main()
