"""pagesieve on a local Spark session: the DataFrame API and ``detect.py spark`` against the
detector and ``detect.py scan`` on the same documents."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pagesieve.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples" / "pages.jsonl"

pytestmark = [
    pytest.mark.skipif(
        shutil.which("java") is None, reason="no java on PATH (bash .ci/system-deps installs it)"
    ),
    # mapInArrow needs pandas importable, not pandas features: pyspark's pandas-3 notice is noise
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]


@pytest.fixture(scope="session")
def spark():
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[test]')")
    if shutil.which("java") is None:
        pytest.skip("no java on PATH (bash .ci/system-deps installs it)")
    from pyspark.sql import SparkSession

    # the workers use this interpreter (the test venv), not the first python3 on PATH
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("pagesieve-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "7")  # several batches per task
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _samples() -> list[dict]:
    return [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line]


def _scan(args: list[str]) -> list[str]:
    result = CliRunner().invoke(main, ["scan", *args, "-j", "1", "-o", "-"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def _spark_cli(args: list[str]) -> None:
    result = CliRunner().invoke(main, ["spark", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "spark:" in result.stderr


def _jsonl_parts(out: Path) -> list[str]:
    lines = []
    for part in sorted(out.glob("part-*.jsonl.gz")):
        with gzip.open(part, "rt", encoding="utf-8") as fh:
            lines.extend(fh.read().splitlines())
    return lines


def test_scan_dataframe_flags_equal_scan_batch(spark, detector):
    from pagesieve.spark import scan_dataframe
    from pagesieve.types import remove_flagged

    records = _samples()
    records += [{"id": f"x{i}", "text": r["text"][: 300 + 40 * i]} for i, r in enumerate(records)]
    rows = [(r["id"], r["text"], f"http://ex.com/{r['id']}") for r in records]
    df = spark.createDataFrame(rows, "id string, text string, url string").repartition(2)
    got = {row["id"]: row for row in scan_dataframe(df, clean=True).collect()}
    expected = detector.scan_batch([r["text"] for r in records])
    assert len(got) == len(records)
    assert sum(bool(flags) for flags in expected) >= 9  # flags to compare, not empty lists
    for r, flags in zip(records, expected):
        row = got[r["id"]]
        assert row["error"] is None
        assert [f.asDict() for f in row["flags"]] == [f.to_json() for f in flags], r["id"]
        assert row["clean_text"] == remove_flagged(r["text"], flags)
        assert row["text"] == r["text"] and row["url"] == f"http://ex.com/{r['id']}"


def test_bad_rows_become_error_values(spark, detector):
    from pagesieve.spark import scan_dataframe

    good = _samples()[0]
    df = spark.createDataFrame(
        [("ok", good["text"]), ("null", None), ("blank", "  \n "), ("bytes", None)],
        "id string, text string",
    )
    rows = {r["id"]: r for r in scan_dataframe(df, clean=True, clean_col="text").collect()}
    assert len(rows) == 4
    assert rows["null"]["error"] == "text is null" and rows["null"]["flags"] is None
    assert rows["blank"]["error"] is None and rows["blank"]["flags"] == []
    assert rows["ok"]["error"] is None and rows["ok"]["flags"]
    assert rows["ok"]["text"] == detector.clean(good["text"])  # clean_col=text_col replaces it

    numbers = spark.createDataFrame([(1, 5), (2, None)], "id long, text long")
    out = scan_dataframe(numbers).collect()
    assert [(r["id"], r["error"]) for r in out] == [
        (1, "text is int, not a string"),
        (2, "text is null"),
    ]


def test_scan_dataframe_refuses_a_bad_option_on_the_driver(spark):
    # on the executors it was a JVM stack trace per task at collect(); max_chars=-1 made every
    # row "document too large"
    from pagesieve.spark import scan_dataframe

    df = spark.createDataFrame([("a", "text")], "id string, text string")
    for option in ({"threshold": 2.0}, {"batch_size": 0}, {"max_chars": -1}):
        with pytest.raises(ValueError, match=next(iter(option))):
            scan_dataframe(df, **option)


def test_cli_jsonl_equals_scan_with_bad_lines(spark, tmp_path):
    src = tmp_path / "pages.jsonl.gz"
    lines = SAMPLES.read_text(encoding="utf-8").splitlines()
    bad = ["not json", '{"id": "num", "text": 42}', '{"id": "none"}', "", "[1, 2]"]
    with gzip.open(src, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines[:5] + bad + lines[5:]) + "\n")
    out = tmp_path / "out"
    _spark_cli([str(src), "-o", str(out), "--clean", "--master", "local[2]"])
    got = _jsonl_parts(out)
    expected = _scan([str(src), "--clean"])
    ok = sorted(line for line in expected if '"error":' not in line)
    assert sorted(line for line in got if '"error":' not in line) == ok  # byte for byte
    assert len(ok) == 10
    errors = [json.loads(line) for line in got if '"error":' in line]
    want = [json.loads(line) for line in expected if '"error":' in line]
    assert len(errors) == 4  # the blank line is not a record, as in scan
    key = lambda r: (str(r["id"]), r["error"])  # noqa: E731
    assert sorted(map(key, errors)) == sorted(map(key, want))
    assert all(e["source"].startswith(f"{src}:") for e in errors)  # FILE:N, N Spark's row id


def test_cli_parquet_output_is_readable(spark, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    _spark_cli([str(SAMPLES), "-o", str(out), "--format", "parquet", "--partitions", "3"])
    table = pq.read_table(out)
    assert table.column_names == ["id", "flags", "error", "source"]
    got = {r["id"]: r["flags"] for r in table.to_pylist()}
    expected = {r["id"]: r["flags"] for r in map(json.loads, _scan([str(SAMPLES)]))}
    assert got == expected


def test_cli_drop_docs_above_equals_scan(spark, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    args = ["--clean", "--drop-docs-above", "0.3"]
    _spark_cli([str(SAMPLES), "-o", str(out), *args])
    expected = _scan([str(SAMPLES), *args])
    assert sorted(_jsonl_parts(out)) == sorted(expected)
    assert any(json.loads(line)["dropped"] for line in expected)
    out_pq = tmp_path / "out_pq"
    _spark_cli([str(SAMPLES), "-o", str(out_pq), "--format", "parquet", *args])
    rows = {
        r["id"]: (r["dropped"], r["flagged_fraction"]) for r in pq.read_table(out_pq).to_pylist()
    }
    assert rows == {
        r["id"]: (r["dropped"], r["flagged_fraction"]) for r in map(json.loads, expected)
    }


def test_cli_refuses_an_existing_output_without_overwrite(spark, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    result = CliRunner().invoke(main, ["spark", str(SAMPLES), "-o", str(out)])
    assert result.exit_code != 0 and "already exists" in result.output
    assert (out / "keep.txt").exists()


def test_cli_dev_pages_flags_equal_scan(spark, tmp_path, shared):
    from pagesieve.corpus import read_labeled

    pages = read_labeled(shared / "corpora" / "pages" / "dev.jsonl.gz")
    src = tmp_path / "dev.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for _, page in zip(range(30), pages):
            fh.write(json.dumps({"id": page.id, "text": page.text}, ensure_ascii=False) + "\n")
    out = tmp_path / "out"
    _spark_cli([str(src), "-o", str(out), "--compression", "none", "--partitions", "2"])
    got = {r["id"]: r["flags"] for r in map(json.loads, _jsonl_parts_plain(out))}
    expected = {r["id"]: r["flags"] for r in map(json.loads, _scan([str(src)]))}
    assert len(got) == 30 and got == expected


def _jsonl_parts_plain(out: Path) -> list[str]:
    return [line for p in sorted(out.glob("part-*.jsonl")) for line in p.read_text().splitlines()]


def test_a_tampered_model_is_refused_on_the_driver(spark, tmp_path):
    from pagesieve.artifact import DEFAULT_MODEL, ModelIntegrityError, digest_path
    from pagesieve.spark import ship_model

    model = tmp_path / "m.joblib"
    shutil.copyfile(DEFAULT_MODEL, model)
    digest_path(model).write_text("0" * 64 + "  m.joblib\n")
    with pytest.raises(ModelIntegrityError):
        ship_model(spark, model)


def test_cli_without_pyspark_says_how_to_get_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)  # makes `import pyspark.sql` fail
    result = CliRunner().invoke(main, ["spark", str(SAMPLES), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "pip install 'pagesieve[spark]'" in result.output


def test_cli_a_line_of_invalid_utf8_is_its_error_not_the_jobs(spark, tmp_path):
    # Arrow decoded the lines as strict UTF-8 and one bad byte failed the job; and the source
    # named the file by its URI's percent-encoded path (my%20pages%20%C3%A9.jsonl)
    src = tmp_path / "my pages é.jsonl"
    good = SAMPLES.read_bytes().splitlines()
    src.write_bytes(b"\n".join([good[0], b'{"id": "bad", "text": "caf\xe9 au lait"}', good[1]]))
    out = tmp_path / "out"
    _spark_cli([str(src), "-o", str(out), "--master", "local[1]"])
    rows = [json.loads(line) for line in _jsonl_parts(out)]
    expected = [json.loads(line) for line in _scan([str(src)])]
    assert sorted(r["id"] for r in rows) == sorted(r["id"] for r in expected)
    (err,) = [r for r in rows if "error" in r]
    assert err["id"] == "bad" and err["error"] == expected[1]["error"]
    assert err["error"].startswith("invalid UTF-8 at byte ")
    assert err["source"].startswith(f"{src}:")


def test_cli_a_truncated_gzip_names_the_file_or_is_passed_over(spark, tmp_path):
    data = gzip.compress(SAMPLES.read_bytes())
    src = tmp_path / "cut.jsonl.gz"
    src.write_bytes(data[: len(data) // 2])
    result = CliRunner().invoke(main, ["spark", str(src), "-o", str(tmp_path / "a")])
    assert result.exit_code == 1
    assert f"cannot read {src} (java.io.EOFException" in result.output
    assert "--ignore-corrupt-files" in result.output
    out = tmp_path / "b"
    _spark_cli([str(src), "-o", str(out), "--ignore-corrupt-files"])
    readable = [r for r in _scan([str(src)]) if '"error":' not in r]
    assert readable and sorted(_jsonl_parts(out)) == sorted(readable)


def test_cli_nothing_readable_exits_2(spark, tmp_path):
    src = tmp_path / "junk.jsonl"
    src.write_text("not json\nnor this\n", "utf-8")
    result = CliRunner().invoke(main, ["spark", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "nothing could be read" in result.stderr


def test_scan_dataframe_never_flags_the_kept_labels(spark, detector):
    from dataclasses import replace

    from comment_page import PAGE

    from pagesieve.readers import FieldSpec
    from pagesieve.spark import read_pages, scan_dataframe, scan_records

    other = _samples()[1]  # flags navigation, placeholder and more, but no comment
    df = spark.createDataFrame([("p", PAGE), ("o", other["text"])], "id string, text string")
    plain = {r["id"]: r for r in scan_dataframe(df, clean=True).collect()}
    kept = {r["id"]: r for r in scan_dataframe(df, clean=True, keep_labels=["comment"]).collect()}
    every = [f.asDict() for f in plain["p"]["flags"]]
    assert {"comment", "navigation"} <= {f["label"] for f in every}  # the page does flag both
    assert [f.asDict() for f in kept["p"]["flags"]] == [f for f in every if f["label"] != "comment"]
    assert kept["p"]["clean_text"] == replace(detector, keep_labels={"comment"}).clean(PAGE)
    assert "3 Comments" in kept["p"]["clean_text"] and "3 Comments" not in plain["p"]["clean_text"]
    assert kept["o"]["flags"] == plain["o"]["flags"] and plain["o"]["flags"]

    # a misspelt label fails on the driver, before any task
    with pytest.raises(ValueError, match=r"unknown label\(s\) comments"):
        scan_dataframe(df, keep_labels=["comments"])
    records, fmt = read_pages(spark, [str(SAMPLES)])
    with pytest.raises(ValueError, match=r"unknown label\(s\) comments"):
        scan_records(records, fmt, fields=FieldSpec(), keep_labels=["comments"])


def test_scan_dataframe_flags_comment_threads_when_asked(spark, detector):
    from dataclasses import replace

    from thread_page import THREAD_PAGE

    from pagesieve.spark import scan_dataframe

    df = spark.createDataFrame([("t", THREAD_PAGE)], "id string, text string")
    (row,) = scan_dataframe(df, clean=True, comment_threads=True).collect()
    threads = replace(detector, comment_threads=True)
    assert [(f["start"], f["end"], f["label"]) for f in row["flags"]] == [
        (f.start, f.end, f.label) for f in threads.scan(THREAD_PAGE)
    ]
    assert row["clean_text"] == threads.clean(THREAD_PAGE) != detector.clean(THREAD_PAGE)
    with pytest.raises(ValueError, match="choose one"):
        scan_dataframe(df, keep_labels=["comment"], comment_threads=True)


def test_cli_keep_label_equals_scan(spark, tmp_path):
    from comment_page import PAGE

    src = tmp_path / "pages.jsonl"
    src.write_text(json.dumps({"id": "p", "text": PAGE}) + "\n" + SAMPLES.read_text("utf-8"))
    out = tmp_path / "out"
    args = ["--clean", "--keep-label", "navigation"]
    _spark_cli([str(src), "-o", str(out), *args])
    expected = _scan([str(src), *args])
    assert sorted(_jsonl_parts(out)) == sorted(expected)  # byte for byte
    page = {r["id"]: r for r in map(json.loads, expected)}["p"]
    every = {r["id"]: r for r in map(json.loads, _scan([str(src)]))}["p"]["flags"]
    assert "navigation" in {f["label"] for f in every}
    assert page["flags"] == [f for f in every if f["label"] != "navigation"]
    assert "Leave a Reply" in page["text"] and "3 Comments" not in page["text"]

    result = CliRunner().invoke(main, ["spark", str(src), "-o", str(out), "--keep-label", "ads"])
    assert result.exit_code == 2 and "--keep-label" in result.output


def test_cli_a_missing_local_input_is_said_before_spark_starts(monkeypatch, tmp_path):
    """Spark said it in a page of Java stack trace; no session is started for it now."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[test]')")
    from pyspark.sql import SparkSession

    def no_session(*args, **kwargs):
        raise AssertionError("a session was started")

    monkeypatch.setattr(SparkSession, "getActiveSession", no_session)
    missing = str(tmp_path / "nope.jsonl")
    result = CliRunner().invoke(main, ["spark", missing, "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and f"{missing}: no such file or directory" in result.output


def test_cli_an_output_that_is_or_holds_an_input_is_refused_before_spark_starts(
    monkeypatch, tmp_path
):
    """``--overwrite`` replaces the output directory whole: ``-o`` the input's directory (or
    ``.``) deleted the input and everything beside it."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[test]')")
    from pyspark.sql import SparkSession

    def no_session(*args, **kwargs):
        raise AssertionError("a session was started")

    monkeypatch.setattr(SparkSession, "getActiveSession", no_session)
    work = tmp_path / "w"
    work.mkdir()
    src = work / "pages.jsonl"
    src.write_text('{"id": "a", "text": "x"}\n')
    for inputs, output in [
        ([str(src)], str(work)),
        ([str(src)], str(src)),
        ([str(work / "*.jsonl")], str(tmp_path)),
        ([f"file://{src}"], f"file://{work}"),
    ]:
        result = CliRunner().invoke(main, ["spark", *inputs, "-o", output, "--overwrite"])
        assert result.exit_code == 2 and "-o" in result.output, result.output
        assert src.exists()


def test_cli_compression_with_parquet_output_is_refused(monkeypatch, tmp_path):
    # --compression is for JSONL parts: with --format parquet it was ignored without a word
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[test]')")
    src = tmp_path / "pages.jsonl"
    src.write_text('{"id": "a", "text": "x"}\n')
    args = ["spark", str(src), "-o", str(tmp_path / "o"), "--format", "parquet"]
    result = CliRunner().invoke(main, [*args, "--compression", "gzip"])
    assert result.exit_code == 2 and "--compression is for JSONL parts" in result.output
