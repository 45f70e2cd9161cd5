"""``detect.py show``: flagged regions marked in the terminal, safely."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pagesieve.cli import main
from pagesieve.commands.show import render_page
from pagesieve.pages import ScannedPage
from pagesieve.types import Flag

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples" / "pages.jsonl"


def _page() -> ScannedPage:
    text = "Title\nBUY NOW cheap\nbody"
    return ScannedPage("doc-1", text, [Flag(6, 19, "ad", 0.91234, "says BUY NOW")])


def test_plain_output_brackets_each_region_with_its_label_and_score():
    out = render_page(_page(), color=False)
    assert out.splitlines() == [
        "── doc-1 · 24 chars · 1 flag (ad 1)",
        "Title",
        "[[BUY NOW cheap]]<1 ad 0.91>",
        "body",
        "    1. ad                0.9123  6-19  says BUY NOW",
    ]
    assert "\x1b" not in out


def test_colour_output_styles_the_region():
    out = render_page(_page(), color=True)
    assert "\x1b[31m\x1b[4mBUY NOW cheap" in out  # red, underlined
    assert "[1 ad 0.91]" in out and "[[" not in out


def test_terminal_escapes_in_page_text_are_neutralised():
    text = "evil \x1b[2J\x1b]0;title\x07 and \u202eright-to-left"
    page = ScannedPage("id\x1b[31m", text, [Flag(0, 4, "ad", 0.9)])
    for color in (False, True):
        out = render_page(page, color=color)
        assert "\x1b[2J" not in out and "\x07" not in out and "\u202e" not in out
        assert "\\x1b[2J" in out and "\\x07" in out and "\\u202e" in out
        assert "id\\x1b[31m" in out


def test_show_cli_by_id_marks_every_flag(detector):
    pages = [json.loads(line) for line in SAMPLES.read_text("utf-8").splitlines()]
    page = next(p for p in pages if "headlines" in p["id"])
    flags = sorted(detector.scan(page["text"], explain=True), key=lambda f: f.start)
    assert flags
    result = CliRunner().invoke(main, ["show", str(SAMPLES), "--id", page["id"]])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\x1b" not in out  # not a terminal: no colour
    assert out.startswith(f"── {page['id']} · {len(page['text']):,} chars · {len(flags)} flags")
    for i, f in enumerate(flags, 1):
        assert f"[[{page['text'][f.start : f.end]}]]<{i} {f.label} {f.score:.2f}>" in out
        assert f.reason and f"{f.start}-{f.end}  {f.reason}\n" in out


def test_show_cli_first_n_pages_with_forced_colour(detector):
    result = CliRunner().invoke(main, ["show", str(SAMPLES), "-n", "2", "--color"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("── samples/") == 2 and "\x1b[" in result.stdout


def test_show_cli_unknown_id_is_an_error():
    result = CliRunner().invoke(main, ["show", str(SAMPLES), "--id", "nope"])
    assert result.exit_code == 1
    assert "no page with id 'nope'" in result.output


def test_a_lone_surrogate_is_shown_escaped():
    # a terminal cannot be sent one: show raised UnicodeEncodeError where scan wrote the page
    page = ScannedPage("s\ud800", "a\ud800b\nsecond line", [Flag(0, 4, "ad", 0.9)])
    out = render_page(page, color=False)
    assert "\ud800" not in out and out.count("\\ud800") == 2
    out.encode("utf-8")


def test_show_finds_an_id_as_scan_writes_it(tmp_path):
    path = tmp_path / "ids.jsonl"
    rows = [{"id": True, "text": "Home | News"}, {"id": {"a": 1}, "text": "Home | Sports"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    for wanted, head in [("true", "── true ·"), ('{"a":1}', '── {"a":1} ·'), ("True", "── true ·")]:
        result = CliRunner().invoke(main, ["show", str(path), "--id", wanted])
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(head)


def test_show_on_a_file_without_documents_says_so(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = CliRunner().invoke(main, ["show", str(empty)])
    assert result.exit_code == 1 and "no document in it" in result.output


# (session 50: found by a helper who fed the commands hostile files)


def test_an_unreadable_record_is_said_on_stderr_and_the_next_page_shown(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{not json\n{"id": "ok", "text": "Home | News"}\n', "utf-8")
    result = CliRunner().invoke(main, ["show", str(path), "--no-color"])
    assert result.exit_code == 0, result.output
    assert f"pagesieve show: {path}:1: not valid JSON" in result.stderr
    assert result.stdout.startswith("── ok ·")
    junk = tmp_path / "junk.jsonl"
    junk.write_bytes(bytes(range(256)) * 10)
    result = CliRunner().invoke(main, ["show", str(junk)])
    assert result.exit_code == 1 and "no readable document in it" in result.stderr
    assert "unrecognized file format" in result.stderr and not result.stdout


def test_an_id_missing_from_a_cut_off_file_says_what_could_not_be_read(tmp_path):
    import gzip

    data = "".join(json.dumps({"id": f"d{i}", "text": "x " * 4000}) + "\n" for i in range(40))
    packed = gzip.compress(data.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    result = CliRunner().invoke(main, ["show", str(path), "--id", "d39"])
    assert result.exit_code == 1
    assert "no page with id 'd39'" in result.stderr and "could not be read" in result.stderr


def test_an_id_cannot_forge_the_lines_after_it():
    page = ScannedPage("a\n[[Buy now]]<1 ad 0.99>\n── real-page", "Home", [], None)
    head = render_page(page, color=False).splitlines()[0]
    assert head.startswith("── a\\x0a[[Buy now]]<1 ad 0.99>\\x0a── real-page ·")
    invisible = ScannedPage("x\u061c\u200b\u2028\ufeff\U000e0041", "Home", [], None)
    assert "\\u061c\\u200b\\u2028\\ufeff\\U000e0041" in render_page(invisible, color=False)


def test_colour_by_default_only_where_the_terminal_wants_it(monkeypatch):
    import sys

    from pagesieve.commands import show

    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Tty())
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert show._colour_terminal()
    monkeypatch.setenv("NO_COLOR", "1")  # no-color.org
    assert not show._colour_terminal()
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not show._colour_terminal()
    monkeypatch.setattr(sys, "stdout", None)  # started with stdout closed
    monkeypatch.setenv("TERM", "xterm")
    assert not show._colour_terminal()


def _run(args: list[str], **kwargs):
    import os
    import subprocess
    import sys

    env = {**os.environ, **kwargs.pop("env", {})}
    cmd = [sys.executable, str(ROOT / "detect.py"), *args]
    return subprocess.run(cmd, capture_output=False, stderr=subprocess.PIPE, env=env, **kwargs)


def test_show_and_eval_fail_in_words_on_a_closed_or_full_stdout(detector):
    import os

    labeled = str(ROOT / "data" / "samples" / "pages.labeled.jsonl")
    for args in (["show", str(SAMPLES)], ["eval", labeled]):
        # a closed stdout was written to without a word (exit 0), or a traceback
        closed = _run(args, stdout=None, preexec_fn=lambda: os.close(1))
        assert closed.returncode == 1, closed.stderr
        assert b"cannot write to stdout: it is closed" in closed.stderr
        if os.path.exists("/dev/full"):
            with open("/dev/full", "w") as full:
                result = _run(args, stdout=full)
            assert result.returncode == 1 and b"Traceback" not in result.stderr
            assert b"cannot write to stdout" in result.stderr


def test_show_escapes_what_the_output_encoding_cannot_write(detector):
    import subprocess

    # the header's box drawing failed with a UnicodeEncodeError on an English page
    result = _run(
        ["show", str(SAMPLES), "--no-color"],
        stdout=subprocess.PIPE,
        env={"PYTHONIOENCODING": "latin-1"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"\\u2500\\u2500 ")


def test_show_scores_with_the_first_members_as_scan_does(detector, tmp_path):
    import json as _json

    args = [str(SAMPLES), "--members", "1"]
    shown = CliRunner().invoke(main, ["show", *args, "--no-color"])
    assert shown.exit_code == 0, shown.output
    scanned = CliRunner().invoke(main, ["scan", *args, "-j", "1", "-o", "-", "--no-progress"])
    first = _json.loads(scanned.stdout.splitlines()[0])
    assert f"{len(first['flags'])} flag" in shown.stdout.splitlines()[0]
    result = CliRunner().invoke(main, ["show", str(SAMPLES), "--members", "9"])
    assert result.exit_code == 2 and "members; asked for 9" in result.output


def test_every_line_break_the_detector_reads_is_shown_as_one():
    # a lone \r was shown as \x0d inside one long line, U+2028 sent to the terminal raw
    text = "First line.\rSecond line.\u2028Third line.\u2029Fourth.\r\nFifth."
    out = render_page(ScannedPage("p", text, [], None, None, "f:1"), color=False)
    assert out.splitlines()[1:6] == [
        "First line.",
        "Second line.",
        "Third line.",
        "Fourth.",
        "Fifth.",
    ]
