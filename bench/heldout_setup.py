"""What the held-out benchmark scripts share: their options, the check for the corpora, the
training configuration whose seed draws the model card's held-out pages, and the detector."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from pagesieve import Detector
from pagesieve.training import TrainConfig

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


def open_heldout(
    doc: str, more_options: Callable[[argparse.ArgumentParser], None] | None = None
) -> tuple[argparse.Namespace, TrainConfig, Detector] | None:
    """Parse ``--model`` and ``--corpora`` (and ``more_options``) for a script whose docstring is
    ``doc``; None, after saying so, when the corpora are not there."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--model", type=Path, help="model file [shipped]")
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    if more_options is not None:
        more_options(ap)
    args = ap.parse_args()
    if not (args.corpora / "pages" / "dev.jsonl.gz").exists():
        print(f"skipped: no corpora at {args.corpora}")
        return None
    cfg = TrainConfig(corpora=args.corpora, out=Path("unused"))
    return args, cfg, Detector.load(args.model)
