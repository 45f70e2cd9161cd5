"""Chinese spliced phrases by where they were put: at a clause's start, or inside a sentence.

The span model's training pages splice a phrase right after a Han character; the written
Chinese spam pages (``data/zh_spam`` calibration halves and ``train_a``, whose splices the span
model never fits: ``training.fit_spans`` leaves the written pages out) mostly put a brand where a
clause starts (``…运不出去，永盛棋牌客商也不愿意进来。``). For each model this reports, on those
written pages, the spliced phrases caught (half their characters flagged), caught exactly, and
the characters flagged past and short of the caught ones, and the span flags on their article
lines that touch no splice; then ``zh_splice_extents.py``'s held-out brands and gambling terms
spliced inside sentences of held-out articles, and the span flags in the clean held-out articles.
About a minute a model. ``--misses`` also lists each written splice a model misses, with the
candidates over it, their scores and thresholds (``none``: no candidate pattern proposes it);
the written pages read here are none of the test sets.

    python bench/zh_clause_splices.py [--model model/pagesieve.joblib ...] [--misses]
"""

from __future__ import annotations

import bisect
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import zh_splice_extents  # noqa: E402

from pagesieve.detector import Detector  # noqa: E402

WRITTEN = [
    ROOT / "data" / "zh_spam" / f"{name}.jsonl"
    for name in ("calibration", "calibration2", "train_a")
]


def written_spans(detector: Detector) -> dict:
    """Spliced phrases of the written pages caught, exactly, characters past and short, and span
    flags on article lines away from every splice."""
    caught = exact = past = short = total = stray = 0
    for path in WRITTEN:
        pages = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        texts = ["\n".join(p["paragraphs"]) for p in pages]
        for page, flags in zip(pages, detector.scan_batch(texts)):
            starts, at = [], 0
            for line in page["paragraphs"]:
                starts.append(at)
                at += len(line) + 1
            gold = [(starts[i] + a, starts[i] + b) for i, a, b, _ in page.get("spans", [])]
            spans = [f for f in flags if f.label == "keyword_injection"]
            for a, b in gold:
                total += 1
                got = zh_splice_extents.cover(spans, a, b)
                if got is not None:
                    caught += 1
                    exact += got[0]
                    past += got[1]
                    short += got[2]
            for f in spans:
                line = bisect.bisect_right(starts, f.start) - 1
                if page["labels"][line] == 0 and not any(
                    a < f.end and f.start < b for a, b in gold
                ):
                    stray += 1
    return {
        "total": total,
        "caught": caught,
        "exact": exact,
        "past": past,
        "short": short,
        "stray": stray,
    }


class _CandidateLog:
    """The span candidates a detector scores, their scores and thresholds, as it scans."""

    def __init__(self, detector: Detector) -> None:
        self.rows: list[tuple[str, int, int, str, float, float]] = []
        spans = detector.spans
        predict, thresholds = spans.predict_proba, spans.thresholds
        pending: list = []

        def logged_predict(paragraphs, doc_of, cands, words=None):
            probs = predict(paragraphs, doc_of, cands, words)
            pending[:] = [paragraphs, cands, probs]
            return probs

        def logged_thresholds(cands, default, paragraphs=None):
            out = thresholds(cands, default, paragraphs)
            if pending and pending[1] is cands:
                texts, _, probs = pending
                self.rows += [
                    (texts[c.paragraph], c.start, c.end, c.kind, float(p), float(t))
                    for c, p, t in zip(cands, probs, out)
                ]
            return out

        spans.predict_proba, spans.thresholds = logged_predict, logged_thresholds


def written_misses(detector: Detector) -> list[str]:
    """Each written splice the detector misses (half its characters unflagged): its context and
    the three best candidates over it, score / threshold, or ``none``."""
    log = _CandidateLog(detector)
    out = []
    for path in WRITTEN:
        for line in path.read_text(encoding="utf-8").splitlines():
            page = json.loads(line)
            log.rows.clear()
            text = "\n".join(page["paragraphs"])
            flags = [f for f in detector.scan(text) if f.label == "keyword_injection"]
            at, starts = 0, []
            for para in page["paragraphs"]:
                starts.append(at)
                at += len(para) + 1
            for i, a, b, _ in page.get("spans", []):
                lo, hi = starts[i] + a, starts[i] + b
                if zh_splice_extents.cover(flags, lo, hi) is not None:
                    continue
                para = page["paragraphs"][i]
                over = sorted(
                    (
                        (p, t, kind, text[s:e])
                        for text, s, e, kind, p, t in log.rows
                        if text == para and s < b and a < e
                    ),
                    reverse=True,
                )[:3]
                seen = "; ".join(f"{t} {k} {p:.2f}/{th:.2f}" for p, th, k, t in over) or "none"
                out.append(
                    f"  {path.stem}: {para[max(0, a - 8) : a]}[{para[a:b]}]{para[b : b + 8]} | {seen}"
                )
    return out


def main() -> None:
    args = zh_splice_extents.splice_bench_args(__doc__, misses=True)
    texts, gold = zh_splice_extents.spliced_pages(args.corpora, args.seed)
    clean = zh_splice_extents.clean_articles(args.corpora)
    print(
        "model | written: caught / total | exact | chars past | chars short | flags on article lines"
        f" | inside sentences: caught | exact | span flags in {len(clean)} clean articles"
    )
    for path in args.model or [None]:
        detector = Detector.load(path)
        w = written_spans(detector)
        inside = zh_splice_extents.extents(detector, texts, gold)
        n, _ = zh_splice_extents.false_spans(detector, clean)
        print(
            f"{path or 'shipped'} | {w['caught']} / {w['total']} | {w['exact']} | {w['past']} | "
            f"{w['short']} | {w['stray']} | {inside['caught']:.3f} | {inside['exact']:.3f} | {n}",
            flush=True,
        )
        if args.misses:
            missed = written_misses(detector)
            print(f"  written splices missed: {len(missed)}", *missed, sep="\n", flush=True)


if __name__ == "__main__":
    main()
