"""C4's line rules and jusText through pagesieve's own evaluator: writes model/baselines.json.

Scores both peers (``pagesieve.baselines``) with ``pagesieve.evaluate.evaluate``, the function
that scores the shipped model, on ``pages/dev``, ``zh/pages`` (the Chinese dev set) and, per
source, on all of that source's pages (train + dev: the pages ``train.py --loso`` scores each
left-out model on), so every row sits beside a pagesieve row measured the same way. It also
checks the C4 mirror against datatrove's own ``C4QualityFilter`` on every page it scores.

Then it re-renders ``model/LOSO.md`` from ``model/loso.json`` and the new figures (no
retraining); ``python train.py --eval-only`` puts them into ``model/MODEL.md``.

    python bench/baselines.py [--corpora ../shared/corpora] [--out model]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pagesieve.baselines import (  # noqa: E402
    BASELINES,
    JUSTEXT_FALLBACK,
    C4LineRules,
    c4_matches_datatrove,
    make_baseline,
    page_scanner,
)
from pagesieve.corpus import LabeledPage, read_labeled  # noqa: E402
from pagesieve.evaluate import evaluate  # noqa: E402
from pagesieve.written_pages import MODERN_NEWS_TEST_PAGES  # noqa: E402

NAMES = {"c4": "C4 line rules", "justext": "jusText"}


def datatrove_check(pages: list[LabeledPage]) -> dict:
    """Pages on which the C4 mirror and datatrove's filter disagree (kept text or page drop)."""
    from datatrove.pipeline.filters import C4QualityFilter

    mirror, filt = C4LineRules(), C4QualityFilter(split_paragraph=True)
    bad = [p.id for p in pages if not c4_matches_datatrove(p.text, mirror, filt)]
    return {"pages": len(pages), "disagree": len(bad), "disagreeing_ids": bad[:20]}


def table(rows: list[tuple[str, str, dict]]) -> str:
    head = f"{'set':<36} {'who':<14} {'paras':>8} {'prec':>6} {'recall':>6} {'F1':>6} {'art.fl':>6}"
    out = [head, "-" * len(head)]
    for name, who, s in rows:
        out.append(
            f"{name[:36]:<36} {who:<14} {s['paragraphs']:>8,} {s['precision']:>6.3f} "
            f"{s['recall']:>6.3f} {s['f1']:>6.3f} {s['article_flagged']:>6.3f}"
        )
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--out", type=Path, default=ROOT / "model")
    args = ap.parse_args()
    pages_dir = args.corpora / "pages"
    if not (pages_dir / "dev.jsonl.gz").exists():
        print(f"skipped: no corpora at {args.corpora}", file=sys.stderr)
        return 0

    dev = list(read_labeled(pages_dir / "dev.jsonl.gz"))
    zh_path = args.corpora / "zh" / "pages.jsonl.gz"
    zh = list(read_labeled(zh_path)) if zh_path.exists() else []
    modern = list(read_labeled(MODERN_NEWS_TEST_PAGES))
    by_source: dict[str, list[LabeledPage]] = {}
    for split in ("train", "dev"):  # as training.leave_one_source_out gathers them
        for p in read_labeled(pages_dir / f"{split}.jsonl.gz"):
            by_source.setdefault(p.source, []).append(p)

    result: dict = {
        "generated_by": "python bench/baselines.py",
        "when": time.strftime("%Y-%m-%d"),
        "versions": {"datatrove": version("datatrove"), "justext": version("justext")},
        "settings": {
            "c4": "datatrove C4QualityFilter(split_paragraph=True) defaults, English sentence "
            "splitter; a page the filter drops is flagged whole",
            "justext": "jusText defaults, one <p> per line; stoplist of the page's language, "
            f"else {JUSTEXT_FALLBACK} (zh, ja have none)",
        },
        "sets": {
            "dev": "pages/dev.jsonl.gz",
            "zh_dev": "zh/pages.jsonl.gz",
            "modern_news_test": "data/modern_news/test.jsonl (the project's own)",
            "loso": "per source: all its pages (train + dev), as train.py --loso scores them",
        },
    }
    rows = []
    for name in BASELINES:
        peer = make_baseline(name)
        t = time.perf_counter()
        r: dict = {"dev": evaluate(dev, page_scanner(peer, dev)).to_dict()}
        if zh:
            r["zh_dev"] = evaluate(zh, page_scanner(peer, zh)).to_dict()
        r["modern_news_test"] = evaluate(modern, page_scanner(peer, modern)).to_dict()
        r["loso"] = {}
        for src, pages in sorted(by_source.items()):
            rep = evaluate(pages, page_scanner(peer, pages)).to_dict()
            r["loso"][src] = {**rep["overall"], "recall_by_kind": rep["recall_by_kind"]}
        r["seconds"] = round(time.perf_counter() - t, 1)
        result[name] = r
        who = NAMES[name]
        rows.append(("pages/dev", who, r["dev"]["overall"]))
        if zh:
            rows.append(("zh/pages", who, r["zh_dev"]["overall"]))
        rows.append(("modern_news/test", who, r["modern_news_test"]["overall"]))
        rows += [(f"source {s} (all pages)", who, v) for s, v in r["loso"].items()]

    dev_ids = {p.id for p in dev}
    every = dev + zh + [p for ps in by_source.values() for p in ps if p.id not in dev_ids]
    result["c4_mirror_vs_datatrove"] = datatrove_check(every)

    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / "baselines.json"
    out.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(table(sorted(rows, key=lambda r: (r[0] != "pages/dev", r[0] != "zh/pages", r[0]))))
    chk = result["c4_mirror_vs_datatrove"]
    print(
        f"C4 mirror vs datatrove C4QualityFilter: {chk['disagree']} of {chk['pages']} pages differ"
    )
    print(f"wrote {out}")

    loso = args.out / "loso.json"
    if loso.exists():
        from pagesieve.training import render_loso

        (args.out / "LOSO.md").write_text(
            render_loso(json.loads(loso.read_text(encoding="utf-8")), result), encoding="utf-8"
        )
        print(f"re-rendered {args.out / 'LOSO.md'} from {loso} (no retraining)")
    return 1 if chk["disagree"] else 0


if __name__ == "__main__":
    sys.exit(main())
