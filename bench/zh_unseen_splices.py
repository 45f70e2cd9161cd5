"""Chinese span model on gambling terms it never saw: trained on half of the gambling lexicon.

The shipped span model is trained on splices of every term of the gambling lexicon, so its
figures on those terms say little about terms it has never seen. This refits the span model
(on the shipped paragraph model, as ``train.py --spans-only`` does) with the lexicon split in two
halves by a hash of each term, once with the seam statistics and the trees (as shipped) and once
without them (the linear model alone), and scores both on held-out Chinese articles with a term
of the other half spliced in, and on ``bench/zh_splice_extents.py``'s held-out brand names. It
also counts the span flags each puts into clean held-out articles and into article lines of the
Chinese dev pages. About five minutes on 2 cores.

    python bench/zh_unseen_splices.py [--corpora ../shared/corpora]
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import zh_splice_extents  # noqa: E402

import pagesieve.training as training  # noqa: E402
from pagesieve.corpus import read_labeled  # noqa: E402
from pagesieve.detector import Detector  # noqa: E402
from pagesieve.segment import segment_paragraph_lists  # noqa: E402
from pagesieve.synth import read_lexicon, splice_keyword  # noqa: E402

LEXICON = "zh_gambling_terms.txt"


def half(term: str) -> int:
    return int(hashlib.sha1(term.encode()).hexdigest()[:8], 16) % 2


def fit_pages_without_second_half(cfg: training.TrainConfig):
    """The training material of ``train.py`` with the second half of the lexicon left out."""
    original = training.read_lexicon

    def first_half_only(path: Path, limit: int | None = None) -> list[str]:
        out = original(path, limit)
        return [t for t in out if half(t) == 0] if path.name == LEXICON else out

    training.read_lexicon = first_half_only
    try:
        return training.build_pages(cfg, np.random.default_rng(cfg.seed))
    finally:
        training.read_lexicon = original


def second_half_splices(corpora: Path, seed: int = 5):
    terms = [t for t in read_lexicon(corpora / "lexicons" / LEXICON) if 2 <= len(t) <= 8]
    unseen = [t for t in terms if half(t) == 1]
    rng = np.random.default_rng(seed)
    texts, gold, clean = [], [], []
    for paragraphs in zh_splice_extents.held_out_articles(corpora):
        hosts = [i for i, p in enumerate(paragraphs) if len(p) > 40]
        if not hosts:
            continue
        i = hosts[rng.integers(len(hosts))]
        clean.append("\n".join(paragraphs))
        got = splice_keyword(paragraphs[i], unseen[rng.integers(len(unseen))], rng, True)
        if got:
            paragraphs[i], a, b = got
            offset = sum(len(p) + 1 for p in paragraphs[:i])
            texts.append("\n".join(paragraphs))
            gold.append((offset + a, offset + b))
    return texts, gold, clean


def span_flags_in_article_text(detector: Detector, clean: list[str], zh_dev) -> tuple[int, int]:
    in_clean = sum(
        f.label == "keyword_injection"
        for i in range(0, len(clean), 64)
        for flags in detector.scan_batch(clean[i : i + 64])
        for f in flags
    )
    in_dev = 0
    for page, flags in zip(zh_dev, detector.scan_batch([p.text for p in zh_dev])):
        ends = np.cumsum([len(x) + 1 for x in page.paragraphs])
        for f in flags:
            row = int(np.searchsorted(ends, f.start, side="right"))
            in_dev += f.label == "keyword_injection" and page.labels[row] == 0
    return in_clean, in_dev


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = ap.parse_args()
    cfg = training.TrainConfig(corpora=args.corpora, out=Path("."), log=lambda *a: None)
    fit_pages, cal_pages, spare_zh = fit_pages_without_second_half(cfg)
    seg = segment_paragraph_lists([p.paragraphs for p in fit_pages])
    cal_seg = segment_paragraph_lists([p.paragraphs for p in cal_pages])
    texts, gold, clean = second_half_splices(args.corpora)
    brand_texts, brand_gold = zh_splice_extents.spliced_pages(args.corpora, 11)
    zh_dev = list(read_labeled(args.corpora / "zh" / "pages.jsonl.gz"))
    shipped = Detector.load()
    print(
        "span model | unseen terms caught | exact | held-out brands caught | exact"
        " | span flags in clean held-out articles | in Chinese dev article lines"
    )
    for name, seams in (("linear model alone", None), ("seams and trees (shipped)", spare_zh)):
        detector = copy.copy(shipped)
        rng = np.random.default_rng(cfg.seed)
        training.fit_spans(
            detector, fit_pages, seg, cal_pages, cal_seg, rng, lambda *a: None, seams
        )
        terms = zh_splice_extents.extents(detector, texts, gold)
        brands = zh_splice_extents.extents(detector, brand_texts, brand_gold)
        in_clean, in_dev = span_flags_in_article_text(detector, clean, zh_dev)
        print(
            f"{name} | {terms['caught']:.3f} | {terms['exact']:.3f} | {brands['caught']:.3f} | "
            f"{brands['exact']:.3f} | {in_clean} in {len(clean)} | {in_dev}"
        )


if __name__ == "__main__":
    main()
