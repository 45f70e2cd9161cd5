"""``train.py``: rebuild the shipped model and its model card."""

from __future__ import annotations

import functools
import gzip
import json
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from pagesieve.commands.options import Share
from pagesieve.written_pages import WRITTEN_PAGE_WEIGHT

DEFAULT_CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "model"

#: What training reads: each one checked before anything is fitted (a missing lexicon trained a
#: model without its words, and a missing dev set failed after the model was written).
REQUIRED = (
    "pages/train.jsonl.gz",
    "pages/dev.jsonl.gz",
    "zh/articles.jsonl.gz",
    "zh/pages.jsonl.gz",
    "lexicons/zh_news_headlines.txt",
    "lexicons/zh_app_descriptions.txt",
    "lexicons/zh_gambling_terms.txt",
    "lexicons/en_comment_spam_terms.txt",
)


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
    default=str(DEFAULT_OUT),
    show_default=True,
    help="Where the model goes.",
)
@click.option("--seed", type=click.IntRange(0, 2**32 - 10), default=13, show_default=True)
@click.option(
    "--members",
    type=click.IntRange(1, 9),
    default=3,
    show_default=True,
    help="Paragraph models averaged, each on its own draw of synthetic pages (1: a single model).",
)
@click.option(
    "--alphabet-copies",
    type=Share(0.0, 1.0),
    default=0.0,
    show_default=True,
    metavar="SHARE",
    help="Also show the context model this share of the English training pages again in "
    "another alphabet, letters shuffled: for crawls in languages the corpora lack (off in the "
    "shipped model; bench/README.md, sessions 24 and 25).",
)
@click.option(
    "--written-weight",
    type=Share(0.0, 50.0),
    default=WRITTEN_PAGE_WEIGHT,
    show_default=True,
    metavar="W",
    help="Weight of each line of the labeled pages written for the project (data/*/calibration*"
    " and train* files) in the fit; 0 leaves them out.",
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
    "--thresholds-only",
    is_flag=True,
    help="Choose the paragraph thresholds of the model in --out again on the calibration pages "
    "(the same seed builds the same pages), keeping every fitted model, then re-score.",
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
    written_weight: float,
    quick: bool,
    no_eval: bool,
    eval_only: bool,
    spans_only: bool,
    thresholds_only: bool,
    loso: bool,
) -> None:
    """Train the paragraph and span models, choose thresholds, write model/ and MODEL.md."""
    from pagesieve.training import TrainConfig

    mode = next(iter(_modes(eval_only, spans_only, thresholds_only, loso=False)), None)
    ctx = click.get_current_context()
    for name, option in [
        ("members", "--members"),
        ("alphabet_copies", "--alphabet-copies"),
        ("written_weight", "--written-weight"),
    ]:
        given = ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE
        if mode and given:  # the paragraph models are the ones in --out: it would do nothing
            raise click.UsageError(f"{option} shapes the paragraph models, which {mode} keeps")
    _check_arguments(corpora, out, eval_only, spans_only, thresholds_only, loso, no_eval)

    def log(msg: str) -> None:
        click.echo(f"[{time.strftime('%H:%M:%S')}] {msg}", err=True)

    cfg = TrainConfig(
        corpora=corpora,
        out=out,
        seed=seed,
        members=members,
        alphabet_copies=alphabet_copies,
        written_weight=written_weight,
        log=log,
    )
    from pagesieve.artifact import ModelIntegrityError
    from pagesieve.corpus import LabeledRecordError
    from pagesieve.detector import ModelCompatibilityError
    from pagesieve.synth import LexiconError

    try:
        _run(cfg, out, quick, loso, eval_only, spans_only, thresholds_only, no_eval, log)
    except (
        OSError,
        EOFError,
        zlib.error,
        json.JSONDecodeError,
        LexiconError,
        LabeledRecordError,
        ModelIntegrityError,
        ModelCompatibilityError,
    ) as exc:
        # a damaged corpus file, model or metrics.json, an unwritable model folder: one line,
        # not a traceback (click reads a bare EOFError from a truncated gzip as "Aborted!")
        raise click.ClickException(f"{type(exc).__name__}: {exc}") from None


def _paths_said(check: Callable[..., None]) -> Callable[..., None]:
    """``check`` with an ``OSError`` from a path (a name too long, a loop of links) said as a
    usage error, not a traceback."""

    @functools.wraps(check)
    def checked(*args: Any) -> None:
        try:
            check(*args)
        except OSError as exc:
            raise click.UsageError(f"{exc.filename or ''}: {exc.strerror or exc}") from None

    return checked


def _modes(eval_only: bool, spans_only: bool, thresholds_only: bool, loso: bool) -> list[str]:
    """The mode flags given (each excludes the others)."""
    modes = [
        ("--eval-only", eval_only),
        ("--spans-only", spans_only),
        ("--thresholds-only", thresholds_only),
        ("--loso", loso),
    ]
    return [flag for flag, on in modes if on]


@_paths_said
def _check_arguments(
    corpora: Path,
    out: Path,
    eval_only: bool,
    spans_only: bool,
    thresholds_only: bool,
    loso: bool,
    no_eval: bool,
) -> None:
    """Everything that can be known wrong before minutes of fitting."""
    if not corpora.is_dir():
        raise click.ClickException(f"no training corpora at {corpora}; pass --corpora")
    missing = [name for name in REQUIRED if not (corpora / name).is_file()]
    if missing:
        raise click.ClickException(
            f"{corpora} lacks {', '.join(missing)} (pages/, zh/ and lexicons/ are all read)"
        )
    for name in REQUIRED:
        _whole(corpora / name)
    chosen = _modes(eval_only, spans_only, thresholds_only, loso)
    if len(chosen) > 1:
        raise click.UsageError(f"{' and '.join(chosen)} exclude each other")
    if eval_only and no_eval:
        raise click.UsageError("--eval-only and --no-eval exclude each other")
    if (eval_only or spans_only or thresholds_only) and not (out / "pagesieve.joblib").is_file():
        raise click.UsageError(f"no model to start from at {out / 'pagesieve.joblib'}")
    if out.exists() and not out.is_dir():
        raise click.UsageError(f"--out {out}: is not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".pagesieve-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise click.UsageError(f"--out {out}: cannot write there ({exc})") from None


def _whole(path: Path) -> None:
    """A compressed corpus file read to its end now (about a second for all of them), not
    after minutes of fitting and once the new model has replaced the one in ``--out``; a
    lexicon read as UTF-8."""
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as fh:
                while fh.read(1 << 22):
                    pass
        else:
            path.read_text(encoding="utf-8")
    except (EOFError, zlib.error, gzip.BadGzipFile, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{path}: damaged ({type(exc).__name__}: {exc})") from None


#: the run of a model trained with ``--no-eval``, beside it: metrics.json keeps describing the
#: model before until ``--eval-only`` scores this one
RUN_FILE = "run.json"


def _recorded_run(out: Path, digest: str, log) -> dict:
    """How the model in ``out`` was fitted (timings, machine): from ``run.json`` (a ``--no-eval``
    training) or the last card's metrics.json, whichever names this artifact's sha256. A run
    recorded for another artifact is not this one's (until session 45 a ``--no-eval`` model
    scored by ``--eval-only`` got the timings of the model before)."""
    for name, key in ((RUN_FILE, None), ("metrics.json", "run")):
        file = out / name
        if not file.exists():
            continue
        run = json.loads(file.read_text(encoding="utf-8"))
        run = run.get(key, {}) if key else run
        if run.get("sha256") == digest:
            return run
    log("how this model was fitted is not recorded (no run.json or metrics.json names it)")
    return {}


def _run(
    cfg,
    out: Path,
    quick: bool,
    loso: bool,
    eval_only: bool,
    spans_only: bool,
    thresholds_only: bool,
    no_eval: bool,
    log,
) -> None:
    from pagesieve.artifact import save_artifact
    from pagesieve.model_card import load_baselines, render, write
    from pagesieve.training import (
        evaluate_all,
        leave_one_source_out,
        recalibrate,
        refit_spans,
        render_loso,
        train,
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
    if eval_only or spans_only or thresholds_only:
        from pagesieve.artifact import file_sha256
        from pagesieve.detector import Detector

        detector = Detector.load(path, refitting_spans=spans_only)
        run = _recorded_run(out, file_sha256(path), log)
        if spans_only or thresholds_only:
            refit = refit_spans if spans_only else recalibrate
            run = {**run, **refit(detector, cfg)}
            digest = save_artifact(detector.to_bundle(), path)
        else:
            digest = file_sha256(path)
        command = "python train.py"
    else:
        detector, run = train(cfg)
        digest = save_artifact(detector.to_bundle(), path)
        command = "python train.py" + (" " + " ".join(sys.argv[1:]) if sys.argv[1:] else "")
    run = {**run, "sha256": digest}
    bundle = detector.to_bundle()
    size_mb = path.stat().st_size / 1e6
    log(f"model {path} ({size_mb:.1f} MB) sha256 {digest}")
    if no_eval:
        # the run (its timings, its machine) stays beside the model until --eval-only reads it
        (out / RUN_FILE).write_text(json.dumps(run, indent=1, sort_keys=True), encoding="utf-8")
        if (out / "MODEL.md").exists():
            log(f"{out / 'MODEL.md'} and metrics.json still describe the model before (--no-eval)")
        return
    results = evaluate_all(detector, cfg)
    (out / "metrics.json").write_text(
        json.dumps({**results, "run": run}, indent=1, sort_keys=True), encoding="utf-8"
    )
    (out / RUN_FILE).unlink(missing_ok=True)  # metrics.json holds the run now
    write(
        out / "MODEL.md",
        render(
            {**bundle["meta"], **run},
            results,
            digest,
            size_mb,
            command,
            load_baselines(out),
            artifact=path,
        ),
    )
    o = results["dev"]["overall"]
    log(
        f"dev: recall {o['recall']:.3f}, article flagged {o['article_flagged']:.3f}; model card {out / 'MODEL.md'}"
    )
