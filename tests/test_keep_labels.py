"""``--keep-label``: a crawl whose idea of the article includes a label (readers' comments, as
CleanEval's pages do) keeps those paragraphs, and every other flag stays as it was."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from click.testing import CliRunner
from comment_page import PAGE
from starlette.testclient import TestClient

from pagesieve.cli import main
from pagesieve.commands.scan import _model_identity
from pagesieve.detector import Detector, kept_labels
from pagesieve.service import ServiceConfig, create_app


def test_a_kept_label_is_never_flagged_and_the_other_flags_stay(detector):
    flags = detector.scan(PAGE)
    assert any(f.label == "comment" for f in flags)  # the section's heading at least
    keeping = replace(detector, keep_labels=frozenset({"comment"}))
    assert keeping.scan(PAGE) == [f for f in flags if f.label != "comment"]
    assert keeping.scan_batch([PAGE, PAGE]) == [keeping.scan(PAGE)] * 2
    kept = keeping.clean(PAGE)
    assert "3 Comments" in kept and "3 Comments" not in detector.clean(PAGE)
    # with explanations the reasons follow their flags
    explained = keeping.scan(PAGE, explain=True)
    assert [(f.start, f.label) for f in explained] == [
        (f.start, f.label) for f in keeping.scan(PAGE)
    ]
    assert all(f.reason for f in explained)


def test_an_unknown_label_is_refused_with_the_labels_named():
    assert kept_labels(["comment", "ad"]) == {"comment", "ad"}
    assert kept_labels("comment") == {"comment"}  # one label, not its letters
    with pytest.raises(ValueError, match=r"unknown label\(s\) comments: the labels are "):
        kept_labels(["comments"])
    with pytest.raises(ValueError, match="comments"):
        Detector.load(keep_labels=["comments"])


def _scan_rows(tmp_path, *args: str) -> list[dict]:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "p", "text": PAGE}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["scan", str(src), "-o", "-", "-j", "1", "--no-progress", *args]
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_scan_keeps_the_labels_given_on_the_command_line(tmp_path, detector):
    every = _scan_rows(tmp_path)[0]["flags"]
    kept = _scan_rows(tmp_path, "--keep-label", "comment")[0]["flags"]
    assert any(f["label"] == "comment" for f in every)
    assert kept == [f for f in every if f["label"] != "comment"]
    both = _scan_rows(tmp_path, "--keep-label", "comment", "--keep-label", "navigation")
    assert {f["label"] for f in both[0]["flags"]}.isdisjoint({"comment", "navigation"})


def test_a_misspelt_label_is_a_usage_error():
    result = CliRunner().invoke(main, ["scan", "-", "--keep-label", "comments"])
    assert result.exit_code == 2 and "comments" in result.output
    result = CliRunner().invoke(main, ["eval", __file__, "--baseline", "c4", "--keep-label", "ad"])
    assert result.exit_code == 2 and "--keep-label" in result.output


def test_the_kept_labels_are_part_of_a_runs_identity_and_reach_the_service(detector):
    # a run resumed with other labels kept would mix two outputs in one directory; a run begun
    # without the option keeps the identity it always had
    plain = _model_identity(None, None, None)
    assert "keep_labels" not in plain
    kept = _model_identity(None, None, None, ("comment", "ad", "comment"))
    assert kept == {**plain, "keep_labels": ["ad", "comment"]}
    config = ServiceConfig.from_env(ServiceConfig(keep_labels=("comment",)).to_env())
    assert config.keep_labels == ("comment",)
    with TestClient(create_app(config)) as client:
        got = client.post("/v1/scan", json={"documents": [{"id": "p", "text": PAGE}]}).json()
    flags = got["results"][0]["flags"]
    assert flags and not any(f["label"] == "comment" for f in flags)
    assert len(flags) == len([f for f in detector.scan(PAGE) if f.label != "comment"])


def test_show_and_report_keep_the_labels_given(tmp_path, detector):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "p", "text": PAGE}) + "\n", encoding="utf-8")

    def show(*args: str) -> str:
        result = CliRunner().invoke(main, ["show", str(src), "--no-color", *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    def report_labels(*args: str) -> list[str]:
        out = tmp_path / "report.html"
        result = CliRunner().invoke(main, ["report", str(src), "-o", str(out), *args])
        assert result.exit_code == 0, result.output
        return re.findall(r'<mark class="flag"[^>]*data-label="(\w+)"', out.read_text())

    assert "[[3 Comments]]" in show() and "[[Reply]]" in show()
    kept = show("--keep-label", "comment")
    assert "[[3 Comments]]" not in kept and "3 Comments" in kept and "[[Reply]]" in kept
    every = report_labels()
    assert "comment" in every
    assert report_labels("--keep-label", "comment") == [x for x in every if x != "comment"]
    result = CliRunner().invoke(main, ["show", str(src), "--keep-label", "comments"])
    assert result.exit_code == 2 and "comments" in result.output
