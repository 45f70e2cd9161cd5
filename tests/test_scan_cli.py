"""``detect.py scan`` on the command line.

Most tests swap the detector factory for the fake one (the CLI wiring, options, messages
and exit codes are what is under test); the end-to-end tests run the real shipped model
and are skipped until ``model/pagesieve.joblib`` exists.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_detector import make_fake
from io_samples import docs, jsonl_bytes, read_jsonl, write_jsonl

from pagesieve.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "model", "pagesieve.joblib")


@pytest.fixture
def fake_cli(monkeypatch):
    """Run ``scan`` in-process with the fake detector in place of the shipped model."""
    monkeypatch.setattr(
        "pagesieve.commands.scan._detector_factory",
        lambda model_path, threshold, members=None, keep_labels=(), comment_threads=False: (
            make_fake
        ),
    )

    def run(*args: str, input: bytes | None = None):
        return CliRunner().invoke(main, ["scan", *args], input=input, catch_exceptions=False)

    return run


def test_jsonl_gz_to_file_with_summary_and_stats_json(tmp_path, fake_cli):
    src = write_jsonl(tmp_path / "in.jsonl.gz", docs(6) + [b"garbage"])
    out, stats = tmp_path / "out.jsonl", tmp_path / "stats.json"
    result = fake_cli(src, "-o", str(out), "-j", "2", "--stats-json", str(stats))
    assert result.exit_code == 0, result.stderr
    rows = read_jsonl(out)
    assert len(rows) == 7 and rows[-1]["source"] == f"{src}:7"
    assert "scan: 7 documents, 14 paragraphs, 1 errors" in result.stderr
    assert "flags: 2 (ad 2)" in result.stderr
    summary = json.loads(stats.read_text())
    assert summary["documents"] == 7 and summary["errors"] == 1 and summary["flags"] == {"ad": 2}
    assert result.stdout == ""


def test_stdin_to_stdout(fake_cli):
    data = gzip.compress(jsonl_bytes([{"id": "a", "text": "BUY NOW"}, {"id": "b", "text": "ok"}]))
    result = fake_cli("-", "-o", "-", "-j", "1", "--clean", "--explain", input=data)
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == [
        {
            "id": "a",
            "flags": [
                {"start": 0, "end": 7, "label": "ad", "score": 0.9, "reason": "says BUY NOW"}
            ],
            "text": "",
        },
        {"id": "b", "flags": [], "text": "ok"},
    ]


def test_field_options_and_keep_fields(tmp_path, fake_cli):
    src = write_jsonl(tmp_path / "in.jsonl", [{"key": "k1", "body": "MENU\nx", "lang": "en"}])
    out = tmp_path / "out.jsonl"
    result = fake_cli(
        src, "-o", str(out), "--text-field", "body", "--id-field", "key", "--keep-fields", "-j", "1"
    )
    assert result.exit_code == 0, result.stderr
    assert read_jsonl(out) == [
        {
            "id": "k1",
            "flags": [{"start": 0, "end": 4, "label": "navigation", "score": 0.6}],
            "lang": "en",
        }
    ]


def test_output_is_strict_json_when_input_holds_nan(tmp_path, fake_cli):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "n", "text": "MENU\\nx", "ppl": NaN, "big": 1e400}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = fake_cli(str(src), "-o", str(out), "--keep-fields", "-j", "1")
    assert result.exit_code == 0, result.stderr

    def reject(name: str) -> None:
        raise ValueError(name)

    rows = [json.loads(line, parse_constant=reject) for line in out.read_text().splitlines()]
    assert rows[0]["id"] == "n" and rows[0]["ppl"] is None and rows[0]["big"] is None


def test_directory_output_and_only_flagged(tmp_path, fake_cli):
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "a.jsonl", docs(4))
    result = fake_cli(str(tmp_path / "in"), "-o", f"{tmp_path}/out/", "--only-flagged", "-j", "2")
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in read_jsonl(tmp_path / "out" / "a.jsonl.gz")] == ["d0", "d3"]
    assert "shards: 1 written, 0 skipped" in result.stderr
    again = fake_cli(str(tmp_path / "in"), "-o", f"{tmp_path}/out/", "--only-flagged", "-j", "2")
    assert "shards: 0 written, 1 skipped" in again.stderr


def test_a_file_name_from_the_data_is_escaped_on_stderr(tmp_path, fake_cli):
    """A crawl's file names are the data's: one holding an escape sequence or a line break
    cannot retitle the terminal or forge a line of the log."""
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    write_jsonl(crawl / "a.jsonl", docs(2))
    (crawl / "b\x1b]0;pwned\x07\nfake.jsonl").write_bytes(b"\x1f\x8b\x08junk")
    result = fake_cli(str(crawl), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stderr and "\\x1b]0;pwned\\x07\\x0afake.jsonl" in result.stderr


def test_more_jobs_than_cores_run_one_worker_a_core_and_say_so(tmp_path, fake_cli, monkeypatch):
    """``-j 1000`` forked 1,000 workers, each loading the model, on two cores: the machine ran
    out of memory. CPU-bound workers beyond the usable cores only cost memory."""
    from pagesieve.commands import options

    monkeypatch.setattr(options, "usable_cores", lambda: 2)
    assert options.worker_count(None, "-j", "scan") == 2
    assert options.worker_count(1, "-j", "scan") == 1
    assert options.worker_count(1000, "-j", "scan") == 2
    src = write_jsonl(tmp_path / "in.jsonl", docs(3))
    result = fake_cli(src, "-o", str(tmp_path / "out.jsonl"), "-j", "1000")
    assert result.exit_code == 0, result.stderr
    assert "pagesieve scan: -j 1000: 2 usable core(s); running 2" in result.stderr
    assert len(read_jsonl(tmp_path / "out.jsonl")) == 3


def test_missing_input_is_a_message_not_a_traceback(tmp_path, fake_cli):
    src = write_jsonl(tmp_path / "in.jsonl", docs(2))
    result = fake_cli(str(tmp_path / "nope.jsonl"), src, "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 0
    assert f"{tmp_path / 'nope.jsonl'}: no such file or directory" in result.stderr
    assert "Traceback" not in result.stderr
    strict = fake_cli(
        str(tmp_path / "nope.jsonl"), src, "-o", str(tmp_path / "out.jsonl"), "--strict"
    )
    assert strict.exit_code == 1


def test_nothing_readable_exits_2(tmp_path, fake_cli):
    result = fake_cli(str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 2
    assert "nothing could be read" in result.stderr


def test_parquet_to_stdout_is_refused_cleanly(tmp_path, fake_cli):
    src = write_jsonl(tmp_path / "in.jsonl", docs(1))
    result = fake_cli(src, "-o", "-", "--format", "parquet")
    assert result.exit_code == 1
    assert "Parquet output needs -o FILE.parquet" in result.stderr


def test_drop_docs_above_marks_mostly_flagged_pages(tmp_path, fake_cli):
    pages = [
        {"id": "spam", "text": "BUY NOW cheap\nMENU home\na short article line"},
        {"id": "article", "text": "A long article paragraph about harbours.\nBUY NOW"},
        {"id": "clean", "text": "Nothing to flag here."},
    ]
    src = tmp_path / "in.jsonl"
    src.write_bytes(jsonl_bytes(pages))
    out, stats = tmp_path / "out.jsonl", tmp_path / "stats.json"
    args = [str(src), "-o", str(out), "-j", "1", "--clean", "--stats-json", str(stats)]
    result = fake_cli(*args, "--drop-docs-above", "0.5")
    assert result.exit_code == 0, result.stderr
    rows = {r["id"]: r for r in read_jsonl(out)}
    assert rows["spam"]["dropped"] is True and rows["spam"]["text"] == ""
    assert rows["spam"]["flagged_fraction"] == pytest.approx(
        19 / 36, abs=1e-4
    )  # non-blank characters
    assert rows["article"]["dropped"] is False
    assert rows["article"]["text"] == "A long article paragraph about harbours."
    assert rows["clean"] == {
        "id": "clean",
        "flags": [],
        "flagged_fraction": 0.0,
        "dropped": False,
        "text": "Nothing to flag here.",
    }
    assert json.loads(stats.read_text())["documents_dropped"] == 1
    assert "dropped: 1 documents" in result.stderr
    # without the option the contract is unchanged
    fake_cli(str(src), "-o", str(out), "-j", "1")
    assert all("dropped" not in r for r in read_jsonl(out))


def test_drop_docs_above_in_parquet(tmp_path, fake_cli):
    import pyarrow.parquet as pq

    src = tmp_path / "in.jsonl"
    src.write_bytes(jsonl_bytes([{"id": "a", "text": "BUY NOW"}, {"id": "b", "text": "fine"}]))
    out = tmp_path / "out.parquet"
    result = fake_cli(str(src), "-o", str(out), "-j", "1", "--drop-docs-above", "0.9")
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(out).to_pylist()
    assert [(r["id"], r["dropped"], r["flagged_fraction"]) for r in table] == [
        ("a", True, 1.0),
        ("b", False, 0.0),
    ]


def test_help_lists_the_options():
    result = CliRunner().invoke(main, ["scan", "--help"])
    for option in [
        "--output",
        "--format",
        "--text-field",
        "--id-field",
        "--clean",
        "--explain",
        "--drop-docs-above",
        "--keep-fields",
        "--only-flagged",
        "--jobs",
        "--max-chars",
        "--strict",
        "--stats-json",
    ]:
        assert option in result.output


# --------------------------------------------------------------------------- the real model

needs_model = pytest.mark.skipif(
    not os.path.exists(MODEL), reason="model/pagesieve.joblib not built yet (train the model first)"
)


def detect(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, os.path.join(ROOT, "detect.py"), "scan", *args],
        capture_output=True,
        cwd=ROOT,
        timeout=600,
        **kw,
    )


@needs_model
def test_end_to_end_with_the_shipped_model(tmp_path):
    records = docs(50) + [b"not json", {"id": "empty", "text": ""}]
    src = write_jsonl(tmp_path / "in.jsonl.gz", records)
    out = tmp_path / "out.jsonl"
    proc = detect(src, "-o", str(out), "-j", "2", "--clean")
    assert proc.returncode == 0, proc.stderr.decode()
    rows = read_jsonl(out)
    assert len(rows) == len(records)
    assert [r.get("id") for r in rows[:50]] == [f"d{i}" for i in range(50)]
    assert rows[50]["error"].startswith("not valid JSON") and rows[50]["source"] == f"{src}:51"
    assert rows[51] == {"id": "empty", "flags": [], "text": ""}
    for row, rec in zip(rows[:50], records[:50], strict=True):
        for f in row["flags"]:
            assert 0 <= f["start"] < f["end"] <= len(rec["text"])
            assert isinstance(f["label"], str) and 0.0 <= f["score"] <= 1.0


@needs_model
def test_a_model_of_another_version_stops_the_scan_with_one_message(tmp_path, monkeypatch):
    import pagesieve.model

    real = pagesieve.model.stage_feature_names
    monkeypatch.setattr(pagesieve.model, "stage_feature_names", lambda s: [*real(s), "new"])
    src = write_jsonl(tmp_path / "in.jsonl", docs(3))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["scan", src, "-o", str(out), "-j", "1", "--no-progress"])
    assert result.exit_code == 1
    assert "was fitted by another version of pagesieve" in result.stderr
    assert result.stderr.count("\n") == 1  # one line, no traceback, no error per document
    assert not out.exists()


@needs_model
def test_end_to_end_one_and_two_workers_agree(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", docs(300))
    for j in ("1", "2"):
        proc = detect(src, "-o", str(tmp_path / f"out{j}.jsonl"), "-j", j)
        assert proc.returncode == 0, proc.stderr.decode()
    assert (tmp_path / "out1.jsonl").read_bytes() == (tmp_path / "out2.jsonl").read_bytes()


def test_damaged_files_are_reported_on_stderr_and_in_place(tmp_path, fake_cli):
    good = write_jsonl(tmp_path / "good.jsonl", docs(2))
    cut = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(jsonl_bytes(docs(100)))
    cut.write_bytes(data[: len(data) // 2])
    junk = tmp_path / "junk.jsonl"
    junk.write_bytes(b"\x00\xff" * 500)
    out = tmp_path / "out.jsonl"
    result = fake_cli(good, str(cut), str(junk), "-o", str(out), "-j", "2")
    assert result.exit_code == 0, result.stderr
    assert f"{cut}:" in result.stderr and "truncated gzip stream" in result.stderr
    assert f"{junk}:0: unrecognized file format" in result.stderr
    assert "Traceback" not in result.stderr
    rows = read_jsonl(out)
    assert [r["id"] for r in rows[:2]] == ["d0", "d1"]
    assert rows[-2]["error"].startswith("truncated gzip stream")
    assert rows[-1] == {
        "id": None,
        "error": "unrecognized file format (binary data, not JSONL/WARC/Parquet/text)",
        "source": f"{junk}:0",
    }


def test_an_output_that_is_an_input_is_refused_before_anything_is_written(tmp_path, fake_cli):
    src = write_jsonl(tmp_path / "in.jsonl", docs(3))
    before = (tmp_path / "in.jsonl").read_bytes()
    result = fake_cli(src, "-o", str(tmp_path / "." / "in.jsonl"), "-j", "1")
    assert result.exit_code == 1
    assert "is also the output (-o); the scan would overwrite it" in result.stderr
    assert (tmp_path / "in.jsonl").read_bytes() == before
    result = fake_cli(str(tmp_path), "-o", f"{tmp_path}/", "-j", "1")
    assert result.exit_code == 1 and "is also the output directory (-o)" in result.stderr


def test_a_file_given_twice_is_scanned_once(tmp_path, fake_cli):
    src = write_jsonl(tmp_path / "in.jsonl", docs(3))
    out = tmp_path / "out" / "all.jsonl"
    result = fake_cli(src, str(tmp_path), f"{tmp_path}/../{tmp_path.name}/in.jsonl", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in read_jsonl(out)] == ["d0", "d1", "d2"]
    assert result.stderr.count("given more than once") == 2


def test_stats_json_into_a_missing_directory_is_refused_before_the_scan(tmp_path, fake_cli):
    src = write_jsonl(tmp_path / "in.jsonl", docs(2))
    out = tmp_path / "out.jsonl"
    result = fake_cli(src, "-o", str(out), "--stats-json", str(tmp_path / "no" / "s.json"))
    assert result.exit_code == 2 and "no such directory" in result.stderr
    assert not out.exists()
    # nor a place that cannot be written (it failed after the whole scan, exit 1); a file
    # that can be is left as it was found
    (tmp_path / "d").mkdir()
    for bad in (tmp_path / "d", tmp_path / "in.jsonl" / "s.json"):
        result = fake_cli(src, "-o", str(out), "--stats-json", str(bad))
        assert result.exit_code == 2 and "--stats-json" in result.stderr
        assert not out.exists()
    result = fake_cli(src, "-o", "-", "--stats-json", str(tmp_path / "s.json"))
    assert result.exit_code == 0 and json.loads((tmp_path / "s.json").read_text())["documents"]
    # "-" is stdout, as for eval --json (it wrote a file named "-"), unless -o is too
    result = fake_cli(src, "-o", str(out), "--stats-json", "-")
    assert result.exit_code == 0 and json.loads(result.stdout)["documents"] == 2
    result = fake_cli(src, "-o", "-", "--stats-json", "-")
    assert result.exit_code == 2 and "both write to stdout" in result.stderr


def test_the_summary_counts_lines_as_the_detector_reads_them(tmp_path, fake_cli):
    # a page whose lines end in a lone \r or U+2028 was one paragraph in the totals
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "one\rtwo\u2028three\r\nfour"}])
    stats = tmp_path / "s.json"
    result = fake_cli(src, "-o", str(tmp_path / "o.jsonl"), "--stats-json", str(stats))
    assert result.exit_code == 0, result.stderr
    assert json.loads(stats.read_text())["paragraphs"] == 4


def test_sigterm_stops_a_scan_as_ctrl_c_does(tmp_path):
    # what batch schedulers send: it left the shard's .partial file behind and said nothing
    import signal
    import time

    with open(os.path.join(ROOT, "data", "samples", "pages.jsonl"), "rb") as fh:
        sample = fh.read()
    src = tmp_path / "in"
    src.mkdir()
    (src / "big.jsonl").write_bytes(sample * 300)
    out = tmp_path / "out"
    cmd = [sys.executable, os.path.join(ROOT, "detect.py"), "scan", str(src), "-o", f"{out}/"]
    proc = subprocess.Popen([*cmd, "-j", "1"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120  # a bound for a stuck run, not a speed requirement
    while not (out / ".big.jsonl.gz.partial").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err.decode()
    assert "interrupted (finished shards are kept)" in err.decode()
    assert not [f for f in os.listdir(out) if f.endswith(".partial")]


@pytest.mark.parametrize("option", ["--threshold", "--drop-docs-above"])
def test_nan_is_not_a_share(option, tmp_path):
    # FloatRange lets nan through (every comparison with it is false): no flags, without a word
    src = write_jsonl(tmp_path / "in.jsonl", docs(1))
    result = CliRunner().invoke(main, ["scan", str(src), option, "nan", "-o", "-"])
    assert result.exit_code == 2 and "nan is not a number in [0, 1]" in result.output


def test_stdin_jsonl_with_a_damaged_line_keeps_its_other_records(fake_cli):
    """stdin has no name to tell its format by: its lines do. A raw NUL in one record, or a
    first line that is JSON but no object, is that record's error, not the stream's."""
    lines = [
        b'{"id": "a", "text": "BUY NOW"}',
        b'{"id": "b", "text": "ok"}',
        b'{"id": "c", "text": "a NUL \x00 in the text"}',
        b'{"id": "d", "text": "fine"}',
    ]
    result = fake_cli("-", "-o", "-", "-j", "1", input=b"\n".join(lines) + b"\n")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c", "d"]
    assert rows[2]["error"].startswith("not valid JSON") and rows[2]["source"] == "<stdin>:3"
    assert "flags" in rows[3] and result.exit_code == 0

    first = fake_cli("-", "-o", "-", "-j", "1", input=b"[1]\n" + b"\n".join(lines[:2]) + b"\n")
    rows = [json.loads(line) for line in first.stdout.splitlines()]
    assert rows[0] == {
        "id": None,
        "error": "JSON value is an array, not an object",
        "source": "<stdin>:1",
    }
    assert [r["id"] for r in rows[1:]] == ["a", "b"]


def test_stdin_text_that_quotes_a_json_line_is_still_one_text(fake_cli):
    text = b'How to log:\n{"level": "info"}\nwrite one object a line.\nThat is all.\n'
    result = fake_cli("-", "-o", "-", "-j", "1", input=text)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["id"] == "<stdin>" and "flags" in rows[0]


def test_empty_stdin_is_no_document(fake_cli):
    result = fake_cli("-", "-o", "-", "-j", "1", input=b"")
    assert result.exit_code == 0 and result.stdout == ""
    assert "scan: 0 documents" in result.stderr


def test_an_invalid_json_line_keeps_its_id_when_it_can_be_read(tmp_path, fake_cli):
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        b'{"id": "cut", "text": "a record cut sho\n'
        b'{"id": 7, "text": "tab\x01"}\n'
        b'{"meta": {"id": 1}, "id": 2, "text": "\x01"}\n'
    )
    result = fake_cli(str(src), "-o", "-", "-j", "1")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["cut", 7, None]  # two ids in the last: not guessed
    assert all(r["error"].startswith("not valid JSON") for r in rows)


def _char_device(path, minor: int) -> str:
    """A device node of Linux's memory devices (3 null, 7 full) in the test's own directory:
    a test that wrote over /dev/null itself would break the machine if the writer regressed."""
    import stat

    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (AttributeError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    return str(path)


def test_output_to_a_link_is_written_through_to_its_file(tmp_path, fake_cli):
    src = write_jsonl(tmp_path / "in.jsonl", docs(3))
    target = tmp_path / "target.jsonl"
    target.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target.name)
    assert fake_cli(src, "-o", str(link), "-j", "1").exit_code == 0
    assert link.is_symlink() and len(read_jsonl(target)) == 3


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_output_to_a_device_is_written_to_not_replaced(tmp_path, fake_cli, fmt):
    import stat

    src = write_jsonl(tmp_path / "in.jsonl", docs(3))
    null = _char_device(tmp_path / "null", 3)
    assert fake_cli(src, "-o", null, "-j", "1", "--format", fmt).exit_code == 0
    assert stat.S_ISCHR(os.stat(null).st_mode) and not list(tmp_path.glob(".*.partial"))

    full = _char_device(tmp_path / "full", 7)
    result = fake_cli(src, "-o", full, "-j", "1", "--format", fmt)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert f"cannot write {full}" in result.stderr and "No space left" in result.stderr
    assert stat.S_ISCHR(os.stat(full).st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_output_to_a_fifo_reaches_its_reader(tmp_path, fake_cli):
    src = write_jsonl(tmp_path / "in.jsonl", docs(3))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        assert fake_cli(src, "-o", str(fifo), "-j", "1").exit_code == 0
        out, _ = reader.communicate(timeout=30)
    finally:
        reader.kill()
    assert len(out.splitlines()) == 3 and fifo.is_fifo()


def test_an_absolute_glob_never_writes_outside_the_output_directory(tmp_path, fake_cli):
    """``/tm[p]/…`` named its matches from the current directory (``../../tmp/…``): a shard
    was written outside DIR, once onto its own input."""
    data = tmp_path / "data"
    data.mkdir()
    src = write_jsonl(data / "f.jsonl.gz", docs(3))
    before = Path(src).read_bytes()
    pattern = "/" + "[" + str(tmp_path)[1] + "]" + str(tmp_path)[2:] + "/data/*.jsonl.gz"
    out = tmp_path / "out" / "sub"
    (tmp_path / "cwd" / "sub").mkdir(parents=True)
    cwd = os.getcwd()
    os.chdir(tmp_path / "cwd" / "sub")  # two levels under tmp_path, as out/sub is
    try:
        result = fake_cli(pattern, "-o", str(out) + "/", "-j", "1")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.stderr
    assert Path(src).read_bytes() == before
    written = [p for p in out.rglob("*.jsonl.gz")]
    assert len(written) == 1 and len(read_jsonl(written[0])) == 3


def test_a_record_appended_while_its_input_is_read_is_scanned_by_the_next_run(
    tmp_path, fake_cli, monkeypatch
):
    """The log took the input's size when its shard was finished: a line appended after the
    reader reached the end was missing from the shard, and the next run skipped it."""
    from pagesieve import readers

    (tmp_path / "in").mkdir()
    src = Path(write_jsonl(tmp_path / "in" / "grow.jsonl", docs(3)))
    real = readers.iter_raw

    def growing(inp, fields):
        yield from real(inp, fields)
        with open(src, "ab") as fh:  # the crawler appends as the scan finishes
            fh.write(json.dumps({"id": "late", "text": "BUY NOW"}).encode() + b"\n")

    monkeypatch.setattr(readers, "iter_raw", growing)
    out = str(tmp_path / "out") + "/"
    assert fake_cli(str(src), "-o", out, "-j", "1").exit_code == 0
    monkeypatch.setattr(readers, "iter_raw", real)
    again = fake_cli(str(src), "-o", out, "-j", "1")
    assert again.exit_code == 0 and "1 written, 0 skipped" in again.stderr
    assert [r["id"] for r in read_jsonl(tmp_path / "out" / "grow.jsonl.gz")][-1] == "late"


def test_an_input_keeps_its_shard_name_when_another_input_goes(tmp_path, fake_cli):
    """``a.jsonl`` and ``a.jsonl.gz`` share a stem: the second got ``a.jsonl.gz.jsonl.gz``.
    With ``a.jsonl`` gone, the name ``a.jsonl.gz`` went to the second, and its records were in
    two shards."""
    indir = tmp_path / "in"
    indir.mkdir()
    write_jsonl(indir / "a.jsonl", docs(2, prefix="x"))
    write_jsonl(indir / "a.jsonl.gz", docs(2, prefix="y"))
    out = tmp_path / "out"
    assert fake_cli(str(indir), "-o", str(out) + "/", "-j", "1").exit_code == 0
    assert sorted(p.name for p in out.glob("*.gz")) == ["a.jsonl.gz", "a.jsonl.gz.jsonl.gz"]
    (indir / "a.jsonl").unlink()
    again = fake_cli(str(indir), "-o", str(out) + "/", "-j", "1")
    assert again.exit_code == 0 and "0 written, 1 skipped" in again.stderr
    assert "1 shard(s)" in again.stderr and "from inputs not in this run" in again.stderr
    ids = [r["id"] for p in out.glob("*.gz") for r in read_jsonl(p)]
    assert sorted(ids) == ["x0", "x1", "y0", "y1"]  # each record once


def test_an_input_directory_named_like_an_earlier_shard_is_named_flat(tmp_path, fake_cli):
    indir = tmp_path / "in"
    indir.mkdir()
    write_jsonl(indir / "k.jsonl", docs(2, prefix="k"))
    out = tmp_path / "out"
    assert fake_cli(str(indir), "-o", str(out) + "/", "-j", "1").exit_code == 0
    (indir / "k.jsonl.gz").mkdir()
    write_jsonl(indir / "k.jsonl.gz" / "inner.jsonl", docs(2, prefix="i"))
    for _ in range(2):
        result = fake_cli(str(indir), "-o", str(out) + "/", "-j", "1")
        assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.glob("*.gz"))
    assert names == ["k.jsonl.gz", "k.jsonl.gz__inner.jsonl.gz"]
    assert "0 written, 2 skipped" in result.stderr


def test_a_parquet_shard_of_an_input_whose_name_is_not_utf8(tmp_path, fake_cli):
    indir = tmp_path / "in"
    indir.mkdir()
    write_jsonl(indir / "a.jsonl", docs(2))
    odd = os.path.join(os.fsencode(indir), b"z\xff.jsonl")
    with open(odd, "wb") as fh:
        fh.write(jsonl_bytes(docs(2, prefix="z")))
    out = tmp_path / "out"
    result = fake_cli(str(indir), "-o", str(out) + "/", "--format", "parquet", "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert len(list(out.glob("*.parquet"))) == 2


def test_an_empty_input_is_finished_and_not_scanned_again(tmp_path, fake_cli):
    indir = tmp_path / "in"
    indir.mkdir()
    write_jsonl(indir / "a.jsonl", docs(2))
    (indir / "empty.jsonl").write_bytes(b"")
    out = str(tmp_path / "out") + "/"
    assert fake_cli(str(indir), "-o", out, "-j", "1").exit_code == 0
    again = fake_cli(str(indir), "-o", out, "-j", "1")
    assert "0 written, 2 skipped" in again.stderr and "scanned again" not in again.stderr


def test_an_output_directory_where_a_file_is_is_a_message(tmp_path, fake_cli):
    src = write_jsonl(tmp_path / "in.jsonl", docs(1))
    (tmp_path / "afile").write_text("x")
    for out in ("afile/", "afile/sub/"):
        result = fake_cli(src, "-o", f"{tmp_path}/{out}", "-j", "1")
        assert result.exit_code == 1 and "cannot make the output directory" in result.stderr


def test_a_closed_stdout_is_not_needed_for_a_file_and_said_for_dash(tmp_path):
    # `scan in -o out.jsonl >&-` was a traceback (sys.stdout is None) with a .partial left
    src = write_jsonl(tmp_path / "in.jsonl", docs(2))
    cmd = [sys.executable, os.path.join(ROOT, "detect.py"), "scan", src, "-j", "1"]
    run = partial(subprocess.run, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    out = tmp_path / "out.jsonl"
    result = run([*cmd, "-o", str(out), "--model", MODEL])
    assert result.returncode == 0, result.stderr
    assert len(read_jsonl(out)) == 2 and not (tmp_path / ".out.jsonl.partial").exists()
    result = run([*cmd, "-o", "-", "--model", MODEL])
    assert result.returncode == 1 and b"stdout is closed" in result.stderr


def test_a_reader_that_leaves_ends_the_scan_quietly_as_it_ends_cat(tmp_path):
    # `scan in | head -1` said "Error: cannot write -: [Errno 32] Broken pipe" and exit 1
    src = write_jsonl(
        tmp_path / "in.jsonl", [{"id": str(i), "text": "Some words."} for i in range(20000)]
    )
    cmd = [sys.executable, os.path.join(ROOT, "detect.py"), "scan", src, "-j", "1"]
    proc = subprocess.Popen(
        [*cmd, "--model", MODEL, "--no-progress"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert json.loads(proc.stdout.readline())["id"] == "0"
    proc.stdout.close()
    assert proc.wait(timeout=120) == 141
    assert proc.stderr.read() == b""
    proc.stderr.close()


def test_a_write_error_on_a_pipe_still_read_is_said(monkeypatch):
    # only a pipe whose reader has left is a quiet end; stdout still open is not
    from pagesieve import terminal

    assert not terminal.stdout_reader_gone()
    r, w = os.pipe()
    with os.fdopen(w, "w") as end:
        monkeypatch.setattr(sys, "stdout", end)
        assert not terminal.stdout_reader_gone()
        os.close(r)
        assert terminal.stdout_reader_gone()


def test_an_integer_too_long_for_python_is_read_as_a_float(tmp_path, fake_cli):
    # Python reads no integer of over 4,300 digits: the record was an error quoting its limit
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "a", "text": "BUY NOW", "n": ' + "9" * 5000 + ', "m": 12}\n', encoding="utf-8"
    )
    result = fake_cli(str(src), "-o", "-", "-j", "1", "--keep-fields")
    row = json.loads(result.stdout)
    assert result.exit_code == 0 and "error" not in row, result.stdout
    assert row["flags"] and row["n"] is None and row["m"] == 12  # inf is written as null
