"""``train.py``: rebuild the shipped model and its model card."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

DEFAULT_CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"


@click.command("train", context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--corpora",
    type=click.Path(path_type=Path),
    default=str(DEFAULT_CORPORA),
    show_default=True,
    help="Folder with pages/, zh/ and lexicons/.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default="model",
    show_default=True,
    help="Where the model goes.",
)
@click.option("--seed", type=int, default=13, show_default=True)
@click.option(
    "--members",
    type=click.IntRange(1, 9),
    default=3,
    show_default=True,
    help="Paragraph models averaged, each on its own draw of synthetic pages (1: a single model).",
)
@click.option(
    "--alphabet-copies",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    metavar="SHARE",
    help="Also show the context model this share of the English training pages again in "
    "another alphabet, letters shuffled: for crawls in languages the corpora lack (off in the "
    "shipped model; bench/README.md, sessions 24 and 25).",
)
@click.option(
    "--quick", is_flag=True, help="A small model for smoke tests (a fraction of the data)."
)
@click.option("--no-eval", is_flag=True, help="Skip the held-out figures (no model card update).")
@click.option(
    "--eval-only",
    is_flag=True,
    help="Re-score the model already in --out (held-out figures, MODEL.md) without training.",
)
@click.option(
    "--spans-only",
    is_flag=True,
    help="Refit only the span model and its thresholds on top of the model in --out, then re-score.",
)
@click.option(
    "--loso",
    is_flag=True,
    help="Leave-one-source-out instead: one model per real source, scored on that source; writes LOSO.md.",
)
def train_command(
    corpora: Path,
    out: Path,
    seed: int,
    members: int,
    alphabet_copies: float,
    quick: bool,
    no_eval: bool,
    eval_only: bool,
    spans_only: bool,
    loso: bool,
) -> None:
    """Train the paragraph and span models, choose thresholds, write model/ and MODEL.md."""
    from pagesieve.artifact import save_artifact
    from pagesieve.model_card import load_baselines, render, write
    from pagesieve.training import (
        TrainConfig,
        evaluate_all,
        leave_one_source_out,
        refit_spans,
        render_loso,
        train,
    )

    if not (corpora / "pages" / "train.jsonl.gz").exists():
        raise click.ClickException(
            f"no training corpora at {corpora} (expected pages/train.jsonl.gz); pass --corpora"
        )

    def log(msg: str) -> None:
        click.echo(f"[{time.strftime('%H:%M:%S')}] {msg}", err=True)

    cfg = TrainConfig(
        corpora=corpora,
        out=out,
        seed=seed,
        members=members,
        alphabet_copies=alphabet_copies,
        log=log,
    )
    if quick:
        cfg.n_full, cfg.n_article_only, cfg.n_zh, cfg.heldout_pages = 60, 120, 300, 20
    if loso:
        results = leave_one_source_out(cfg)
        out.mkdir(parents=True, exist_ok=True)
        (out / "loso.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
        (out / "LOSO.md").write_text(render_loso(results, load_baselines(out)), encoding="utf-8")
        log(f"wrote {out / 'LOSO.md'}")
        return
    path = out / "pagesieve.joblib"
    if eval_only or spans_only:
        from pagesieve.artifact import file_sha256
        from pagesieve.detector import Detector

        detector = Detector.load(path)
        previous = out / "metrics.json"
        run = (
            json.loads(previous.read_text(encoding="utf-8")).get("run", {})
            if previous.exists()
            else {}
        )
        if spans_only:
            run = {**run, **refit_spans(detector, cfg)}
            digest = save_artifact(detector.to_bundle(), path)
        else:
            digest = file_sha256(path)
        command = "python train.py"
    else:
        detector, run = train(cfg)
        digest = save_artifact(detector.to_bundle(), path)
        command = "python train.py" + (" " + " ".join(sys.argv[1:]) if sys.argv[1:] else "")
    bundle = detector.to_bundle()
    size_mb = path.stat().st_size / 1e6
    log(f"model {path} ({size_mb:.1f} MB) sha256 {digest}")
    if no_eval:
        return
    results = evaluate_all(detector, cfg)
    (out / "metrics.json").write_text(
        json.dumps({**results, "run": run}, indent=1, sort_keys=True), encoding="utf-8"
    )
    write(
        out / "MODEL.md",
        render({**bundle["meta"], **run}, results, digest, size_mb, command, load_baselines(out)),
    )
    o = results["dev"]["overall"]
    log(
        f"dev: recall {o['recall']:.3f}, article flagged {o['article_flagged']:.3f}; model card {out / 'MODEL.md'}"
    )
