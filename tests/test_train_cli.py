"""``train.py``'s checks before any fitting: what can be known wrong is said in one line, before
minutes of training (a missing lexicon trained a model without its words; --out was checked
only when the model was saved)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pagesieve.commands.train import REQUIRED, train_command


@pytest.fixture
def corpora(tmp_path: Path) -> Path:
    """A corpora tree whose files exist (the checks look no further than that)."""
    root = tmp_path / "corpora"
    for name in REQUIRED:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"")
    return root


def run(*args: str):
    return CliRunner().invoke(train_command, list(args))


def test_a_missing_corpus_file_is_named(corpora, tmp_path):
    (corpora / "lexicons" / "zh_gambling_terms.txt").unlink()
    (corpora / "pages" / "dev.jsonl.gz").unlink()
    result = run("--corpora", str(corpora), "--out", str(tmp_path / "m"))
    assert result.exit_code == 1
    assert "lacks pages/dev.jsonl.gz, lexicons/zh_gambling_terms.txt" in result.output
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize(
    "flags, said",
    [
        (["--eval-only", "--spans-only"], "--eval-only and --spans-only exclude each other"),
        (["--loso", "--eval-only"], "--eval-only and --loso exclude each other"),
        (["--eval-only", "--no-eval"], "--eval-only and --no-eval exclude each other"),
        (["--spans-only"], "no model to start from"),
        (["--thresholds-only"], "no model to start from"),
        (["--thresholds-only", "--loso"], "--thresholds-only and --loso exclude each other"),
    ],
)
def test_options_that_cannot_go_together_are_refused(corpora, tmp_path, flags, said):
    result = run("--corpora", str(corpora), "--out", str(tmp_path / "m"), *flags)
    assert result.exit_code == 2 and said in result.output


def test_an_out_that_cannot_hold_the_model_is_refused_first(corpora, tmp_path):
    a_file = tmp_path / "model.txt"
    a_file.write_text("not a folder")
    result = run("--corpora", str(corpora), "--out", str(a_file))
    assert result.exit_code == 2 and "is not a directory" in result.output
    result = run("--corpora", str(corpora), "--out", str(tmp_path / "m"), "--seed", "-1")
    assert result.exit_code == 2 and "--seed" in result.output


def test_the_default_out_is_the_projects_model_folder():
    from pagesieve.commands.train import DEFAULT_OUT

    assert Path(__file__).resolve().parent.parent / "model" == DEFAULT_OUT


@pytest.mark.parametrize("weight", ["-1", "nan"])
def test_a_weight_of_the_written_pages_that_is_no_weight_is_refused(corpora, tmp_path, weight):
    # nan was taken, and a whole training started
    result = run(
        "--corpora", str(corpora), "--out", str(tmp_path / "m"), "--written-weight", weight
    )
    assert result.exit_code == 2 and "--written-weight" in result.output
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize(
    "flags",
    [
        ["--spans-only", "--members", "5"],
        ["--thresholds-only", "--alphabet-copies", "0.5"],
        ["--eval-only", "--written-weight", "2"],
    ],
)
def test_a_fitting_option_in_a_mode_that_keeps_the_models_is_refused(tmp_path, flags):
    # it was ignored without a word: the paragraph models are the ones in --out
    result = run("--out", str(tmp_path / "m"), *flags)
    assert result.exit_code == 2 and f"{flags[1]} shapes the paragraph models" in result.output


def test_the_run_of_a_model_is_the_one_recorded_for_its_sha256(tmp_path):
    """``--eval-only`` writes the card of the model in --out with the run that fitted it: the
    ``run.json`` a ``--no-eval`` training left, or the last card's, whichever names its sha256;
    the last card's run of another model is not taken (it was, until session 45)."""
    import json

    from pagesieve.commands.train import RUN_FILE, _recorded_run

    said: list[str] = []
    metrics = tmp_path / "metrics.json"
    metrics.write_text(json.dumps({"run": {"fit_seconds": 414.0, "sha256": "old"}}))
    assert _recorded_run(tmp_path, "new", said.append) == {} and len(said) == 1
    (tmp_path / RUN_FILE).write_text(json.dumps({"fit_seconds": 472.0, "sha256": "new"}))
    assert _recorded_run(tmp_path, "new", said.append)["fit_seconds"] == 472.0
    assert _recorded_run(tmp_path, "old", said.append)["fit_seconds"] == 414.0
    # a run that names no artifact (cards before session 45) is no model's
    metrics.write_text(json.dumps({"run": {"fit_seconds": 414.0}}))
    assert _recorded_run(tmp_path, "old", said.append) == {} and len(said) == 2


def test_a_damaged_corpus_file_is_said_before_any_fitting(corpora, tmp_path):
    """It was first read after the model was fitted and had replaced the one in --out."""
    import gzip

    (corpora / "zh" / "pages.jsonl.gz").write_bytes(gzip.compress(bytes(range(256)) * 40)[:300])
    result = run("--corpora", str(corpora), "--out", str(tmp_path / "m"))
    assert result.exit_code == 1 and "zh/pages.jsonl.gz: damaged" in result.output
    assert not (tmp_path / "m").exists()


def test_a_lexicon_that_is_not_utf8_is_named(corpora, tmp_path):
    (corpora / "lexicons" / "zh_gambling_terms.txt").write_bytes(b"\xff\xfe\x00junk\n")
    result = run("--corpora", str(corpora), "--out", str(tmp_path / "m"))
    assert result.exit_code == 1 and "zh_gambling_terms.txt: damaged" in result.output


def test_a_name_too_long_is_a_message_not_a_traceback(corpora, tmp_path):
    result = run("--corpora", str(corpora), "--out", str(tmp_path / ("x" * 300)))
    assert result.exit_code == 2 and "File name too long" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
