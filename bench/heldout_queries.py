"""Search queries training never saw, put into dev articles: caught, and article text eaten.

Spam tools put typed search queries into copied articles with blanks on both sides (``…a layer
of straw, swiss replica watches for sale grass clippings…``). The span model learns them from the
training templates of ``data/patterns/train/spam_query_en.txt``; this puts the held-out
templates (``data/patterns/heldout/spam_query_en.txt``, other verticals, other shapes) into the
English article paragraphs of dev pages that carry no other noise-free splice, one query a page,
in each of ``synth.splice_query``'s styles, and counts:

* caught: at least half of the query's characters flagged;
* exact: the flag that covers it starts and ends within one word of it;
* article characters flagged on those lines beyond the query, and on the same pages without a
  query (what the query model costs clean text).

    python bench/heldout_queries.py [--model FILE] [--pages N] [--seed S] [--misses N]
"""

from __future__ import annotations

import numpy as np
from heldout_setup import open_heldout

from pagesieve.corpus import read_labeled
from pagesieve.synth import PatternBank, query_cased, splice_query


def _whole_line(text: str, start: int, end: int) -> bool:
    return (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")


def _flagged(flags, a: int, b: int) -> int:
    return sum(max(0, min(b, f.end) - max(a, f.start)) for f in flags)


def main() -> None:
    def options(ap) -> None:
        ap.add_argument("--pages", type=int, default=400, help="dev pages to put a query into")
        ap.add_argument("--seed", type=int, default=7)
        ap.add_argument("--misses", type=int, default=10, help="misses listed")

    opened = open_heldout(__doc__, options)
    if opened is None:
        return
    args, cfg, detector = opened
    rng = np.random.default_rng(args.seed)
    bank = PatternBank.load("heldout")
    hosts = [
        p
        for p in read_labeled(cfg.corpora / "pages" / "dev.jsonl.gz")
        if p.lang == "en"
        and any(lab == 0 and len(t) > 80 for t, lab in zip(p.paragraphs, p.labels))
    ]
    clean_texts, texts, spans = [], [], []
    for _ in range(args.pages):
        page = hosts[int(rng.integers(len(hosts)))]
        rows = [
            i
            for i, (t, lab) in enumerate(zip(page.paragraphs, page.labels))
            if lab == 0 and len(t) > 80
        ]
        i = rows[int(rng.integers(len(rows)))]
        query = query_cased(bank.sample("spam_query_en", rng)[0].strip(), rng)
        got = splice_query(page.paragraphs[i], query, rng)
        if not got:
            continue
        paragraphs = list(page.paragraphs)
        paragraphs[i], a, b = got
        start = sum(len(t) + 1 for t in paragraphs[:i])
        texts.append("\n".join(paragraphs))
        clean_texts.append("\n".join(page.paragraphs))
        spans.append((start + a, start + b, start, start + len(paragraphs[i])))
    flags = detector.scan_batch(texts)
    clean_flags = detector.scan_batch(clean_texts)
    caught = exact = eaten = line_chars = 0
    misses = []
    for text, (a, b, lo, hi), fl in zip(texts, spans, flags):
        # span flags only: a line flagged whole is the paragraph model's decision
        inline = [f for f in fl if not _whole_line(text, f.start, f.end)]
        got = _flagged(inline, a, b)
        caught += got * 2 >= b - a
        cover = [f for f in inline if f.start < b and a < f.end]
        exact += any(
            " " not in text[min(f.start, a) : max(f.start, a)].strip()
            and " " not in text[min(f.end, b) : max(f.end, b)].strip()
            for f in cover
        )
        eaten += _flagged(inline, lo, hi) - got
        line_chars += (hi - lo) - (b - a)
        if got * 2 < b - a and len(misses) < args.misses:
            misses.append(f"{text[max(lo, a - 30) : a]}[{text[a:b]}]{text[b : b + 30]}")
    clean_spans = [
        text[f.start : f.end]
        for fl, text in zip(clean_flags, clean_texts)
        for f in fl
        if not _whole_line(text, f.start, f.end)
    ]
    n = len(texts)
    print(f"queries: {n}")
    print(f"caught: {caught / n:.3f} ({caught})")
    print(f"exact extent: {exact / n:.3f} ({exact})")
    print(f"rest of those lines flagged by span flags: {eaten / max(line_chars, 1):.4f}")
    print(f"span flags on the same pages without a query: {len(clean_spans)}")
    for m in misses:
        print("  miss:", m)


if __name__ == "__main__":
    main()
