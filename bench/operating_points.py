"""Paragraph models compared at the same share of article paragraphs flagged.

Each model's own threshold is chosen on its calibration slice, so two retrains land at different
operating points (dev 6.4% against 7.8% article flagged) and their figures at the threshold do not
say which one ranks paragraphs better. This script puts every model at the same points instead:
recall at 4% and 8% of article paragraphs flagged on ``pages/dev``, ``zh/pages`` (with and
without its encyclopedia entry, ``ZH_ENCYCLOPEDIA_PAGE``), the written Chinese pages left out of
training (``data/zh_pages/train_b``, its readers' comments also alone) and the dev
pages in other alphabets (``pagesieve/scripts.py``), and at 2% and 5% on the synthetic held-out
template sets (dev articles with injections the training bank never saw), by the paragraph scores
alone (spliced-phrase spans aside). On ``pages/dev`` it also reads the recall on its tag and
topic lines alone (``Tags: …``, ``Filed under: …``, ``标签：…``) and on its readers' comments
alone (kind ``comment``, dragnet's and l3s-gn1's pages), at the cut of the whole set. The two
example pages (``../shared/examples``) are read at each model's own threshold, spans included.

    python bench/operating_points.py model/pagesieve.joblib /tmp/other/pagesieve.joblib

Artifacts must match the checked-out code's features (a model trained on other code needs that
code: run the script from its worktree, with ``PYTHONPATH`` pointing there).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np
from heldout_setup import CORPORA

from pagesieve import Detector
from pagesieve.corpus import LabeledPage, read_labeled
from pagesieve.evaluate import evaluate
from pagesieve.scripts import dev_in_other_alphabets
from pagesieve.training import TrainConfig, heldout_synthetic, paragraph_scores

#: article-flagged shares at which recall is read: real pages, then synthetic held-out sets
REAL_POINTS = (0.04, 0.08)
SYNTHETIC_POINTS = (0.02, 0.05)
#: a tag or topic line: real ones hold the article's own terms, so the page's vocabulary is no cue
TAG_LINE = re.compile(
    r"^\s*(tags?|topics?|tagged|filed (under|in)|categor(y|ies)|labels?|keywords?|posted in|"
    r"related topics|标签|关键词|本文关键词|关键字)\b",
    re.IGNORECASE,
)


#: ``zh/pages``' encyclopedia entry (a singer's, 3,076 lines): its gold leaves out most of its
#: tables (lines 732-1947 noise, the tables around them article), and its 1,186 article lines
#: are 23% of the set's, so a share of ``zh/pages``' article lines flagged is mostly this page's
#: table cells. The set is read with and without it.
ZH_ENCYCLOPEDIA_PAGE = "cwced/d5bced5e-4ff7-49a8-8808-4344f0823c51"
ZH_WITHOUT_ENCYCLOPEDIA = "zh/pages without its encyclopedia entry"
#: the second writer's ordinary Chinese pages, left out of training
#: (``pagesieve.written_pages.LEFT_OUT``): their forum replies and blog comments are read alone
ZH_WRITTEN = "zh_pages/train_b"
ZH_WRITTEN_PATH = Path(__file__).resolve().parent.parent / "data" / "zh_pages" / "train_b.jsonl"


def recall_at(
    p: np.ndarray, noise: np.ndarray, article_flagged: float, among: np.ndarray | None = None
) -> float:
    """Recall when the threshold flags this share of the article paragraphs (of the noise
    paragraphs in ``among`` only, when given)."""
    article = np.sort(p[~noise])[::-1]
    cut = article[min(int(len(article) * article_flagged), len(article) - 1)]
    caught = p[noise if among is None else noise & among]
    return float((caught > cut).mean())


def tag_lines(pages: list[LabeledPage]) -> np.ndarray:
    """Which paragraphs of ``pages`` (flattened) are tag or topic lines."""
    return np.array(
        [len(t) < 200 and bool(TAG_LINE.match(t)) for page in pages for t in page.paragraphs]
    )


def read_points(
    name: str, pages: list[LabeledPage], p: np.ndarray, y: np.ndarray, points: tuple[float, ...]
) -> dict[str, float]:
    """Recall at each point, keyed ``"<set> @<share>"``, and on dev's tag lines and its
    comments alone."""
    out = {f"{name} @{at:.0%}": recall_at(p, y, at) for at in points}
    parts: tuple[tuple[str, np.ndarray], ...] = ()
    if name == "pages/dev":
        parts = (("tag lines", tag_lines(pages)), ("comments", of_kind(pages, "comment")))
    elif name == ZH_WRITTEN:
        parts = (("comments", of_kind(pages, "comment")),)
    for part, among in parts:
        out.update({f"{name} {part} @{at:.0%}": recall_at(p, y, at, among) for at in points})
    return out


def of_kind(pages: list[LabeledPage], kind: str) -> np.ndarray:
    """Which paragraphs of ``pages`` (flattened) are labeled with this kind."""
    return np.array([k == kind for page in pages for k in page.kinds])


def evaluation_sets(corpora: Path) -> dict[str, tuple[list[LabeledPage], tuple[float, ...]]]:
    """The labeled pages each model is scored on, with the article-flagged shares to read."""
    cfg = TrainConfig(corpora=corpora, out=Path("unused"))
    sets: dict[str, tuple[list[LabeledPage], tuple[float, ...]]] = {
        "pages/dev": (list(read_labeled(corpora / "pages" / "dev.jsonl.gz")), REAL_POINTS),
        "zh/pages": (list(read_labeled(corpora / "zh" / "pages.jsonl.gz")), REAL_POINTS),
    }
    zh = sets["zh/pages"][0]
    sets[ZH_WITHOUT_ENCYCLOPEDIA] = (
        [p for p in zh if p.id != ZH_ENCYCLOPEDIA_PAGE],
        REAL_POINTS,
    )
    sets[ZH_WRITTEN] = (list(read_labeled(ZH_WRITTEN_PATH)), REAL_POINTS)
    sets["pages/dev in other alphabets"] = (
        dev_in_other_alphabets(sets["pages/dev"][0]),
        REAL_POINTS,
    )
    # the same held-out pages as the model card's (train.py --eval-only draws them with seed + 1)
    for family, pages in heldout_synthetic(cfg, np.random.default_rng(cfg.seed + 1)).items():
        sets[f"held-out {family}"] = (pages, SYNTHETIC_POINTS)
    return sets


def examples_at_threshold(path: Path, detectors: list[Detector]) -> list[str]:
    """The two example pages are too few lines for a share of article lines flagged: each
    model's noise lines caught, article lines flagged and inline spans caught at its own
    threshold, by the model card's evaluator (issue 2's bar)."""
    cells = []
    for d in detectors:
        report = evaluate(read_labeled(path), d.scan_batch)
        c = report.overall
        cells.append(
            f"noise {c.tp}/{c.tp + c.fn}, article {c.fp}/{c.fp + c.tn}, "
            f"spans {report.spans_caught}/{report.spans_total}"
        )
    return cells


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("models", nargs="+", type=Path)
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    args = ap.parse_args()
    sets = evaluation_sets(args.corpora)
    header = ["set", *(str(m) for m in args.models)]
    rows = []
    detectors = [Detector.load(m) for m in args.models]
    for name, (pages, points) in sets.items():
        cells = [name]
        per_model = [paragraph_scores(d, pages) for d in detectors]
        for d, (p, y) in zip(detectors, per_model):
            read = read_points(name, pages, p, y, points)
            at = " ".join(f"{v:.3f} {k.removeprefix(name).strip()}" for k, v in read.items())
            shipped = f"{(p[y] >= d.threshold).mean():.3f}/{(p[~y] >= d.threshold).mean():.1%}"
            cells.append(f"{at} (threshold: {shipped})")
        rows.append(cells)
    examples = args.corpora.parent / "examples" / "examples.jsonl"
    if examples.exists():
        rows.append(
            ["examples (at each model's threshold)", *examples_at_threshold(examples, detectors)]
        )
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for cells in rows:
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
