"""Readers: input expansion, format sniffing, and what each format yields (decoded as workers do)."""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

import pytest
from io_samples import (
    docs,
    http_response,
    jsonl_bytes,
    raw_http_response,
    warcinfo,
    wet_record,
    write_jsonl,
    write_parquet,
    write_warc,
)

from pagesieve.readers import (
    ERROR,
    FieldSpec,
    InputFile,
    decode,
    expand_inputs,
    iter_raw,
    sniff_format,
)
from pagesieve.warc import html_to_text


def decoded(path: str, fields: FieldSpec | None = None) -> list:
    """(doc, pos) pairs for one input, decoded exactly as a worker would."""
    fields = fields or FieldSpec()
    inp = InputFile(path, os.path.basename(path))
    return [(decode(item, inp.display, fields), item[1]) for item in iter_raw(inp, fields)]


# --------------------------------------------------------------------------- expansion


def test_expand_walks_directories_recursively_and_keeps_only_data_files(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    for name in [
        "b.jsonl",
        "a.jsonl.gz",
        "sub/c.parquet",
        "sub/d.warc.wet.gz",
        "README",
        ".hidden.jsonl",
    ]:
        (tmp_path / "in" / name).write_bytes(b"")
    inputs, problems = expand_inputs([str(tmp_path / "in")])
    assert problems == []
    assert [i.rel for i in inputs] == [
        "a.jsonl.gz",
        "b.jsonl",
        "sub/c.parquet",
        "sub/d.warc.wet.gz",
    ]


def test_expand_globs_missing_paths_and_stdin(tmp_path):
    for name in ["x1.jsonl", "x2.jsonl", "y.jsonl"]:
        (tmp_path / name).write_bytes(b"")
    inputs, problems = expand_inputs(
        [str(tmp_path / "x*.jsonl"), str(tmp_path / "nope.jsonl"), str(tmp_path / "z*.jsonl"), "-"]
    )
    assert [i.rel for i in inputs] == ["x1.jsonl", "x2.jsonl", "stdin"]
    assert inputs[-1].path == "-"
    assert len(problems) == 2
    assert "nope.jsonl: no such file or directory" in problems[0]
    assert "no file matches" in problems[1]


def test_expand_excludes_the_output_directory_inside_an_input_directory(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "a.jsonl").write_bytes(b"")
    (tmp_path / "out" / "a.jsonl.gz").write_bytes(b"")
    inputs, _ = expand_inputs([str(tmp_path)], exclude=str(tmp_path / "out"))
    assert [i.rel for i in inputs] == ["a.jsonl"]


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("x.jsonl", b'{"id": 1}', "jsonl"),
        ("x.unknown", b'  {"id": 1}', "jsonl"),
        ("x.txt", b"hello", "txt"),
        ("x.dat", b"PAR1\x15\x04", "parquet"),
        ("x.gz", b"WARC/1.0\r\n", "warc"),
        ("x.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00", None),
        ("x.bin", bytes(range(256)), None),
        ("x.txt", "caf\u00e9".encode()[:4], "txt"),  # a character cut at the end is not binary
        # no telling name (stdin, no extension): the lines tell
        ("-", b'{"id": "a"}\n{"id": "b", "text": "\x00"}\n{"id": "c"}\n', "jsonl"),
        ("-", b'[1]\n{"id": "a"}\n{"id": "b"}\n', "jsonl"),
        ("notes", b'How to log:\n{"level": "info"}\none object a line.\nThat is all.\n', "txt"),
        ("-", b"1\n2\n3\n", "txt"),
        ("x.txt", b'[1]\n{"id": "a"}\n{"id": "b"}\n', "txt"),  # a name is a name
    ],
)
def test_sniff_format(name, head, expected):
    assert sniff_format(name, head) == expected


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".json.gz", ".jsonl.zst"])
def test_jsonl_variants_yield_every_record_in_order(tmp_path, suffix):
    records = docs(7)
    path = write_jsonl(tmp_path / f"in{suffix}", records)
    out = decoded(path)
    assert [d.id for d, _ in out] == [r["id"] for r in records]
    assert [d.text for d, _ in out] == [r["text"] for r in records]
    assert [pos for _, pos in out] == list(range(1, 8))


def test_jsonl_is_sniffed_without_extension(tmp_path):
    path = tmp_path / "noext"
    path.write_bytes(gzip.compress(jsonl_bytes(docs(2))))
    assert [d.id for d, _ in decoded(str(path))] == ["d0", "d1"]


def test_field_fallbacks_c4_url_and_file_line(tmp_path):
    path = write_jsonl(
        tmp_path / "c4.jsonl",
        [{"url": "http://c4/1", "text": "a"}, {"text": "b"}, {"content": "c", "id": 3}],
    )
    got = [d for d, _ in decoded(path)]
    assert [d.id for d in got] == ["http://c4/1", f"{path}:2", 3]
    assert [d.text for d in got] == ["a", "b", "c"]


def test_explicit_text_field_has_no_fallback(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": 1, "body": "x"}, {"id": 2, "text": "y"}])
    got = [d for d, _ in decoded(path, FieldSpec(text_field="body", text_field_explicit=True))]
    assert got[0].text == "x"
    assert got[1].error == "record has no 'body' field"


def test_keep_fields_copies_other_fields_but_not_text_or_id(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": 1, "text": "x", "lang": "en", "flags": 3}])
    ((doc, _),) = decoded(path, FieldSpec(keep_fields=True))
    # "flags" would clash with the output's own key: kept under "record"
    assert doc.extra == {"lang": "en", "record": {"flags": 3}}


def test_keep_fields_keeps_fields_named_as_the_outputs_own_under_record(tmp_path):
    # they were dropped without a word, and a record's "dropped": true read as the verdict
    record = {
        "id": 7,
        "url": "https://example.com/a",
        "content": "x",
        "text": "the record's other text",
        "error": "none",
        "source": "cc",
        "dropped": True,
        "flagged_fraction": 0.99,
        "lang": "en",
    }
    path = write_jsonl(tmp_path / "a.jsonl", [record])
    spec = FieldSpec(
        text_field="content", id_field="url", text_field_explicit=True, keep_fields=True
    )
    ((doc, _),) = decoded(path, spec)
    assert doc.id == "https://example.com/a" and doc.text == "x"
    own = {k: record[k] for k in ("id", "text", "error", "source", "dropped", "flagged_fraction")}
    assert doc.extra == {"lang": "en", "record": own}


def test_parquet_reads_row_groups_with_ids(tmp_path):
    records = docs(10)
    path = write_parquet(tmp_path / "a.parquet", records, row_group_size=3)
    out = decoded(path)
    assert [d.id for d, _ in out] == [r["id"] for r in records]
    assert [d.text for d, _ in out] == [r["text"] for r in records]
    assert [pos for _, pos in out] == list(range(1, 11))


def test_wet_conversion_records_keep_their_text_and_uri(tmp_path):
    texts = ["Line one\nBUY NOW today", "Another page\nwith two lines"]
    path = write_warc(
        tmp_path / "a.warc.wet.gz",
        [warcinfo()] + [wet_record(f"http://ex.com/{i}", t) for i, t in enumerate(texts)],
    )
    out = decoded(path)
    assert [d.id for d, _ in out] == ["http://ex.com/0", "http://ex.com/1"]
    assert [d.text for d, _ in out] == texts
    assert out[0][1] < out[1][1]  # byte offsets, increasing


def test_warc_html_responses_become_one_block_per_line(tmp_path):
    html = (
        "<html><head><title>T</title></head><body><nav><a href='/'>Home</a></nav>"
        "<h1>Headline</h1><p>First   para with <b>bold</b></p><ul><li>one</li><li>two</li></ul>"
        "<table><tr><td>c1</td><td>c2</td></tr></table></body></html>"
    )
    path = write_warc(
        tmp_path / "a.warc.gz",
        [
            warcinfo(),
            http_response("http://ex.com/page", html),
            http_response("http://ex.com/img.png", "PNG", content_type="image/png"),
            http_response("http://ex.com/moved", "<p>moved</p>", status=301),
        ],
    )
    ((doc, _),) = decoded(path)
    assert doc.id == "http://ex.com/page"
    assert doc.text.split("\n") == [
        "Home",
        "Headline",
        "First para with bold",
        "one",
        "two",
        "c1",
        "c2",
    ]


def test_html_to_text_drops_empty_lines_and_collapses_spaces():
    text = html_to_text("<div>a\u00a0\u00a0b</div><div>  </div><br><p>c</p>")
    assert text == "a b\nc"


def test_txt_is_one_document_with_the_path_as_id(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Title\nBUY NOW\n", encoding="utf-8")
    ((doc, _),) = decoded(str(path))
    assert doc.id == str(path)
    assert doc.text == "Title\nBUY NOW\n"


# --------------------------------------------------------------------------- damage


def errors_of(out: list) -> list[tuple[str, int]]:
    return [(d.error, pos) for d, pos in out if d.error]


def test_truncated_gzip_keeps_the_lines_before_and_ends_with_an_error(tmp_path):
    data = gzip.compress(jsonl_bytes(docs(200)))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    out = decoded(str(path))
    good = [d for d, _ in out if not d.error]
    assert 0 < len(good) < 200
    assert [d.id for d in good] == [f"d{i}" for i in range(len(good))]
    ((err, pos),) = errors_of(out)
    assert err.startswith("truncated gzip stream")
    assert out[-1][0].error == err


def test_corrupt_gzip_member_is_an_error_not_an_exception(tmp_path):
    data = bytearray(gzip.compress(jsonl_bytes(docs(50))))
    data[40:60] = b"\x00" * 20
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(bytes(data))
    out = decoded(str(path))
    assert out[-1][0].error.startswith(("corrupt gzip stream", "truncated gzip stream"))


def test_truncated_zstd_is_detected(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl.zst", docs(300))
    data = Path(path).read_bytes()
    Path(path).write_bytes(data[: len(data) - 20])
    out = decoded(path)
    assert out[-1][0].error.startswith("truncated zstd stream")


def test_not_gzip_despite_the_name(tmp_path):
    path = tmp_path / "fake.jsonl.gz"
    path.write_bytes(b'{"id": 1, "text": "plain"}\n')
    # the magic bytes win over the extension: this is plain JSONL
    assert [d.text for d, _ in decoded(str(path))] == ["plain"]


def test_bad_jsonl_lines_become_errors_in_place(tmp_path):
    lines = [
        {"id": "a", "text": "ok"},
        b"this is not json",
        b"[1, 2, 3]",
        {"id": "b"},
        {"id": "c", "text": ["not", "a", "string"]},
        b'{"id": "d", "text": "caf\xe9 bytes"}',
        {"id": "e", "text": ""},
        b"   ",
        {"id": "f", "text": "ok too"},
        {"id": float("inf"), "text": None},
    ]
    out = decoded(write_jsonl(tmp_path / "a.jsonl", lines))
    assert [(d.id, d.error, pos) for d, pos in out] == [
        ("a", None, 1),
        (None, "not valid JSON: Expecting value: line 1 column 1 (char 0)", 2),
        (None, "JSON value is an array, not an object", 3),
        ("b", "record has no 'text' field", 4),
        ("c", "field 'text' is an array, not a string", 5),
        ("d", "invalid UTF-8 at byte 24 of the line", 6),
        ("e", None, 7),
        ("f", None, 9),  # the blank line 8 is not a record
        # an id that is not a JSON number is named by its line, as a missing one is
        (f"{tmp_path / 'a.jsonl'}:10", "field 'text' is null", 10),
    ]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_records_ended_by_a_lone_carriage_return_are_each_a_record(tmp_path, suffix):
    """A file written with old Mac line ends has one "line" to a line feed: each of its records
    comes out, in order, and a record whose JSON holds a raw CR between tokens stays whole."""
    body = (
        b'{"id": "a", "text": "one"}\r{"id": "b", "text": "two"}\r'
        b'{"id": "c", "text": "three"}\r\n'
        b'{"id": "d",\r "text": "four"}\r\n'
        b'{"id": "e", "text": "five"}\r{"id": "f", "tex\r'
    )
    path = tmp_path / f"mac{suffix}"
    path.write_bytes(gzip.compress(body) if suffix.endswith(".gz") else body)
    out = decoded(str(path))
    assert [(d.id, d.text, pos) for d, pos in out[:5]] == [
        ("a", "one", 1),
        ("b", "two", 1),
        ("c", "three", 1),
        ("d", "four", 2),
        ("e", "five", 3),
    ]
    assert len(out) == 6 and out[5][0].error.startswith("not valid JSON") and out[5][1] == 3


def test_too_large_documents_become_errors(tmp_path):
    fields = FieldSpec(max_chars=100)
    path = write_jsonl(
        tmp_path / "a.jsonl", [{"id": 1, "text": "x" * 101}, {"id": 2, "text": "x" * 100}]
    )
    out = [d for d, _ in decoded(path, fields)]
    assert out[0].error == "document too large (101 chars > limit 100)"
    assert out[1].error is None


def test_oversized_line_is_skipped_without_reading_it_whole(tmp_path):
    fields = FieldSpec(max_chars=10)  # line limit 6*10 + 1 MiB
    huge = {"id": 1, "text": "x" * (2 << 20)}
    path = write_jsonl(tmp_path / "a.jsonl", [huge, {"id": 2, "text": "fine"}])
    out = decoded(path, fields)
    assert out[0][0].error.startswith("document too large (")
    assert (out[1][0].text, out[1][1]) == ("fine", 2)


def test_binary_junk_is_one_error(tmp_path):
    path = tmp_path / "junk.jsonl"
    path.write_bytes(os.urandom(1 << 16).replace(b"\n", b"") + b"\x00")
    out = decoded(str(path))
    assert len(out) == 1
    assert out[0][0].error.startswith("unrecognized file format")


def test_truncated_warc_record_is_an_error_after_the_good_ones(tmp_path):
    recs = [warcinfo()] + [wet_record(f"http://ex.com/{i}", f"text {i}") for i in range(3)]
    raw = b"".join(recs)
    path = tmp_path / "cut.warc"
    path.write_bytes(raw[:-10])
    out = decoded(str(path))
    assert [d.id for d, _ in out] == ["http://ex.com/0", "http://ex.com/1", "http://ex.com/2"]
    assert [d.error for d, _ in out] == [None, None, "truncated WARC record"]


def test_truncated_gzipped_warc_keeps_whole_records(tmp_path):
    recs = [warcinfo()] + [wet_record(f"http://ex.com/{i}", f"text {i} " * 50) for i in range(5)]
    path = write_warc(tmp_path / "a.warc.wet.gz", recs)
    data = Path(path).read_bytes()
    Path(path).write_bytes(data[:-30])
    out = decoded(path)
    good = [d.id for d, _ in out if not d.error]
    assert good == [f"http://ex.com/{i}" for i in range(4)]
    assert out[-1][0].error.startswith("truncated WARC record (truncated gzip stream")


def test_missing_and_unreadable_files_are_errors(tmp_path):
    out = decoded(str(tmp_path / "gone.jsonl"))
    assert out[0][0].error == "cannot open: No such file or directory"
    assert iter_raw(InputFile(str(tmp_path), "x"), FieldSpec()).__next__()[0] == ERROR


# --------------------------------------------------------------------------- found by an audit


def test_a_symlink_back_up_the_tree_reads_each_file_once(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    write_jsonl(root / "a.jsonl", docs(3))
    (root / "sub" / "up").symlink_to("..")  # os.walk(followlinks=True) would go round forever
    inputs, problems = expand_inputs([str(root)])
    assert [i.rel for i in inputs] == ["a.jsonl"] and not problems


def test_an_output_file_inside_the_input_directory_is_not_read_back(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", docs(2))
    write_jsonl(tmp_path / "out.jsonl", docs(2))  # the output of the run before
    for spec in (str(tmp_path), str(tmp_path / "*.jsonl")):
        inputs, _ = expand_inputs([spec], exclude=str(tmp_path / "out.jsonl"))
        assert [i.rel for i in inputs] == ["a.jsonl"], spec


def test_a_glob_over_the_output_directory_leaves_it_out(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", docs(2))
    out = tmp_path / "out"
    out.mkdir()
    write_jsonl(out / "a.jsonl", docs(2))  # a finished shard of an earlier run
    inputs, _ = expand_inputs([str(tmp_path / "*")], exclude=str(out))
    assert [i.rel for i in inputs] == ["a.jsonl"]
    inputs, _ = expand_inputs([str(tmp_path / "**" / "*.jsonl")], exclude=str(out))
    assert [i.rel for i in inputs] == ["a.jsonl"]


@pytest.mark.parametrize("bad_line", [b"\xcf\xf0\xe8\xe2\xe5\xf2 " * 40, b"\x00" * 30])
def test_a_jsonl_file_whose_first_line_is_damaged_keeps_its_records(tmp_path, bad_line):
    # the binary sniff looks at the first 512 bytes: one bad line there is not a binary file
    path = write_jsonl(tmp_path / "a.jsonl", [bad_line, *docs(5)])
    out = decoded(path)
    assert len(out) == 6
    assert out[0][0].error and [d.id for d, _ in out[1:]] == [f"d{i}" for i in range(5)]


def test_zstd_frames_before_a_damaged_one_are_read(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl.zst", docs(10))
    Path(path).write_bytes(Path(path).read_bytes() + b"garbage after the frame")
    out = decoded(path)
    assert [d.id for d, _ in out[:10]] == [f"d{i}" for i in range(10)]
    assert len(out) == 11 and out[10][0].error.startswith("corrupt zstd stream")


def test_a_damaged_parquet_row_group_costs_its_own_rows_only(tmp_path):
    import pyarrow.parquet as pq

    path = write_parquet(tmp_path / "a.parquet", docs(30), row_group_size=10)
    meta = pq.ParquetFile(path).metadata
    data = bytearray(Path(path).read_bytes())
    start = meta.row_group(1).column(1).data_page_offset
    data[start : start + 12] = bytes(b ^ 0xAA for b in data[start : start + 12])
    Path(path).write_bytes(bytes(data))
    out = decoded(path)
    assert [pos for _, pos in out] == list(range(1, 31))  # one record per row, in place
    assert [d.id for d, _ in out[:10] + out[20:]] == [f"d{i}" for i in (*range(10), *range(20, 30))]
    assert all(d.error.startswith("unreadable Parquet row group 1: ") for d, _ in out[10:20])


def test_warc_a_body_that_cannot_be_decoded_is_its_own_error(tmp_path):
    html = "<html><body><p>" + "An article paragraph. " * 20 + "</p></body></html>"
    bad = raw_http_response(
        "http://ex.com/bad",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\x00\x01xx",
    )
    recs = [http_response("http://ex.com/0", html), bad, http_response("http://ex.com/2", html)]
    out = decoded(write_warc(tmp_path / "a.warc.gz", recs))
    assert [(d.id, d.error) for d, _ in out] == [
        ("http://ex.com/0", None),
        ("http://ex.com/bad", "undecodable HTTP body: Invalid Data"),
        ("http://ex.com/2", None),
    ]


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
@pytest.mark.parametrize("name", ["a.warc", "a.warc.gz"])
def test_warc_a_broken_compressed_body_is_one_error_and_the_next_record_is_read(
    tmp_path, encoding, name
):
    """fastwarc decodes the rest of a body to skip it: a broken gzip body failed again there,
    and the next record, intact, came out as an error before it was read after all."""
    html = "<html><body><p>" + "An article paragraph. " * 20 + "</p></body></html>"
    body = html.encode()  # said to be compressed, and not
    head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: {encoding}\r\n"
    bad = raw_http_response(
        "http://ex.com/bad", (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    )
    recs = [http_response("http://ex.com/0", html), bad, http_response("http://ex.com/2", html)]
    out = decoded(write_warc(tmp_path / name, recs))
    assert [d.id for d, _ in out] == ["http://ex.com/0", "http://ex.com/bad", "http://ex.com/2"]
    assert out[1][0].error.startswith("undecodable HTTP body: ")
    assert out[0][0].error is None and out[2][0].error is None


def test_warc_html_response_without_any_http_header_is_sniffed(tmp_path):
    # fastwarc reads no status code when no header line follows the status line
    page = b"HTTP/1.1 200 OK\r\n\r\n<html><body><p>Just a page.</p></body></html>"
    out = decoded(write_warc(tmp_path / "a.warc", [raw_http_response("http://ex.com/bare", page)]))
    assert [(d.id, d.text, d.error) for d, _ in out] == [
        ("http://ex.com/bare", "Just a page.", None)
    ]


def _pages(n: int, start: int = 0) -> list[bytes]:
    html = "<html><body><p>" + "An article paragraph. " * 20 + "</p></body></html>"
    return [http_response(f"http://ex.com/{i}", html) for i in range(start, start + n)]


@pytest.mark.parametrize(
    "damage",
    [
        lambda recs: recs[0] + b"GARBAGE LINE\r\n\r\n" + recs[1] + recs[2],
        lambda recs: recs[0] + b"WARC/9.9 x" + recs[1][recs[1].index(b"\r\n") :] + recs[2],
    ],
    ids=["garbage between records", "a bad version line"],
)
def test_warc_reading_goes_on_after_a_header_it_cannot_parse(tmp_path, damage):
    recs = _pages(3)
    path = tmp_path / "a.warc"
    path.write_bytes(damage(recs))
    out = decoded(str(path))
    assert [d.id for d, _ in out if not d.error] in (
        ["http://ex.com/0", "http://ex.com/1", "http://ex.com/2"],
        ["http://ex.com/0", "http://ex.com/2"],  # the record whose header was damaged
    )
    ((err, pos),) = errors_of(out)
    assert err.startswith("unreadable WARC record at offset ") and pos == len(recs[0])
    assert [p for _, p in out] == sorted(p for _, p in out)


@pytest.mark.parametrize("at", [0, 1, 2], ids=["first", "middle", "last"])
@pytest.mark.parametrize(
    "damage",
    [
        lambda rec: rec[:60].replace(b"\r\n", b"\n") + rec[60:],
        lambda rec: re.sub(rb"Content-Length: \d+", b"Content-Length: many", rec),
        lambda rec: re.sub(rb"Content-Length: \d+\r\n", b"", rec),
    ],
    ids=["LF-only header lines", "Content-Length not a number", "no Content-Length"],
)
def test_warc_a_record_whose_header_is_misread_is_an_error_at_its_own_offset(tmp_path, at, damage):
    # fastwarc hands out such a record, then fails on the bytes after it: the error record
    # said one byte past the record's start
    recs = _pages(3)
    recs[at] = damage(recs[at])
    path = tmp_path / "a.warc"
    path.write_bytes(b"".join(recs))
    out = decoded(str(path))
    want = [f"http://ex.com/{i}" for i in range(3) if i != at]
    assert [d.id for d, _ in out if not d.error] == want
    ((err, pos),) = errors_of(out)
    assert pos == sum(map(len, recs[:at]))
    assert err.startswith(
        (
            f"unreadable WARC record at offset {pos}: ",
            "WARC record of unknown type",
            "bad WARC Content-Length 'many': not a byte count",
        )
    )


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_warc_a_page_record_whose_type_line_is_damaged_is_an_error(tmp_path, suffix):
    # a NUL in "WARC-Type" or a flipped byte in its value left a record fastwarc cannot type,
    # and it was passed over like a request record, without a word
    recs = _pages(4)
    recs[1] = recs[1].replace(b"WARC-Type", b"WARC\0Type", 1)
    recs[2] = recs[2].replace(b"WARC-Type: response", b"WARC-Type: resp\x7fnse", 1)
    out = decoded(write_warc(tmp_path / f"a{suffix}", recs))
    assert [(d.id, d.error) for d, _ in out] == [
        ("http://ex.com/0", None),
        ("http://ex.com/1", "WARC record with no WARC-Type"),
        ("http://ex.com/2", "WARC record of unknown type 'resp\\x7fnse'"),
        ("http://ex.com/3", None),
    ]


@pytest.mark.parametrize("keep", [20, 200, "http"], ids=["version", "uri", "http header"])
@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_warc_last_record_cut_in_a_header_is_an_error(tmp_path, keep, suffix):
    first, second = _pages(2)
    if keep == "http":  # the WARC header whole, the HTTP header cut
        keep = second.index(b"\r\n\r\n") + 10
    path = write_warc(tmp_path / f"a{suffix}", [first, second[:keep]])
    out = decoded(path)
    assert [(d.id, d.error is None) for d, _ in out][0] == ("http://ex.com/0", True)
    assert len(out) == 2 and out[1][0].error.startswith("truncated WARC record")
    assert out[1][1] == len(first)
    if keep >= 200:
        assert out[1][0].id == "http://ex.com/1"


def test_warc_window_lets_old_bytes_go(tmp_path, monkeypatch):
    from pagesieve import warc

    monkeypatch.setattr(warc.WarcWindow, "WINDOW", 4096)  # a few records' worth
    recs = _pages(40)
    path = tmp_path / "a.warc"
    path.write_bytes(recs[0] + b"junk\r\n" + b"".join(recs[1:]))
    out = decoded(str(path))
    assert [d.id for d, _ in out if not d.error] == [f"http://ex.com/{i}" for i in range(40)]
    assert len(errors_of(out)) == 1


def test_warc_window_holds_no_long_run_of_garbage(tmp_path, monkeypatch):
    from pagesieve import warc

    monkeypatch.setattr(warc.WarcWindow, "WINDOW", 1 << 16)
    first, last = _pages(2)
    path = tmp_path / "a.warc"
    path.write_bytes(first + b"x" * (4 << 20) + b"\r\n" + last)  # 4 MB that is no record
    widest = []
    real = warc.WarcWindow._fetch

    def fetch(self, n):
        got = real(self, n)
        widest.append(len(self._buf))
        return got

    monkeypatch.setattr(warc.WarcWindow, "_fetch", fetch)
    out = decoded(str(path))
    assert [d.id for d, _ in out if not d.error] == ["http://ex.com/0", "http://ex.com/1"]
    assert max(widest) < 4 * (1 << 16) + (1 << 16)


def _damage_member(members: list[bytes], k: int) -> bytes:
    bad = bytearray(members[k])
    bad[len(bad) // 2 : len(bad) // 2 + 8] = b"\xff" * 8
    return b"".join(members[:k]) + bytes(bad) + b"".join(members[k + 1 :])


def test_warc_gz_a_damaged_member_costs_its_own_record_only(tmp_path):
    # Common Crawl writes one gzip member per record: gzip.GzipFile stopped at the damaged one
    import gzip as gz

    recs = _pages(5)
    path = tmp_path / "a.warc.gz"
    path.write_bytes(_damage_member([gz.compress(r) for r in recs], 2))
    out = decoded(str(path))
    assert [d.id for d, _ in out if not d.error] == [f"http://ex.com/{i}" for i in (0, 1, 3, 4)]
    ((err, pos),) = errors_of(out)
    assert err.startswith("damaged gzip member") and pos == sum(map(len, recs[:2]))


def test_warc_gz_a_member_damaged_inside_a_record_is_that_records_error(tmp_path):
    # the record is cut by the skip: its block would swallow the next record's bytes
    import gzip as gz

    recs = _pages(4)
    half = len(recs[1]) // 2
    members = [gz.compress(recs[0]), gz.compress(recs[1][:half]), gz.compress(recs[1][half:])]
    members += [gz.compress(r) for r in recs[2:]]
    path = tmp_path / "a.warc.gz"
    path.write_bytes(_damage_member(members, 2))
    out = decoded(str(path))
    assert [d.id for d, _ in out if not d.error] == [
        "http://ex.com/0",
        "http://ex.com/2",
        "http://ex.com/3",
    ]
    assert [(d.id, d.error.split(":")[0]) for d, _ in out if d.error] == [
        ("http://ex.com/1", "damaged gzip member in this record")
    ]


def test_jsonl_gz_reading_goes_on_after_a_damaged_member(tmp_path):
    import gzip as gz

    lines = [jsonl_bytes(docs(3, f"m{k}-")) for k in range(3)]
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(_damage_member([gz.compress(x) for x in lines], 1))
    out = decoded(str(path))
    good = [d.id for d, _ in out if not d.error]
    assert good[:3] == ["m0-0", "m0-1", "m0-2"] and good[-3:] == ["m2-0", "m2-1", "m2-2"]
    assert any(d.error.startswith("damaged gzip member skipped") for d, _ in out if d.error)


def test_gzip_reader_hands_out_a_highly_compressed_member_in_bounded_pieces():
    import gzip as gz
    import io

    from pagesieve.streams import _READ_SIZE, GzipRawReader

    reader = GzipRawReader(io.BytesIO(gz.compress(b"\0" * (40 << 20), compresslevel=1)))
    widest, total = 0, 0
    while piece := reader._fill():
        widest, total = max(widest, len(piece)), total + len(piece)
    assert total == 40 << 20 and widest <= 2 * _READ_SIZE


@pytest.mark.parametrize("flag", [0x04, 0x08], ids=["FEXTRA", "FNAME"])
def test_warc_gz_a_stray_gzip_magic_does_not_swallow_the_members_after_it(tmp_path, flag):
    # zlib reads the members after a stray header as its extra field or file name; the
    # failed member's own bytes are searched again for the next real header
    import gzip as gz

    recs = _pages(8)
    members = [gz.compress(r) for r in recs]
    garbage = b"junk\x1f\x8b\x08" + bytes([flag]) + b"more junk"
    path = tmp_path / "a.warc.gz"
    path.write_bytes(b"".join(members[:3]) + garbage + b"".join(members[3:]))
    out = decoded(str(path))
    assert [d.id for d, _ in out if not d.error] == [f"http://ex.com/{i}" for i in range(8)]
    assert errors_of(out) and all("gzip" in e for e, _ in errors_of(out))


def test_a_damaged_first_gzip_member_costs_that_member_only(tmp_path):
    import gzip as gz

    members = [jsonl_bytes(docs(2, f"m{k}-")) for k in range(3)]
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(_damage_member([gz.compress(x) for x in members], 0))
    out = decoded(str(path))
    assert out[0][0].error.startswith("damaged gzip member skipped")
    assert [d.id for d, _ in out if not d.error][-4:] == ["m1-0", "m1-1", "m2-0", "m2-1"]


def test_warc_a_header_right_after_garbage_without_a_newline_is_read(tmp_path):
    recs = _pages(3)
    path = tmp_path / "a.warc"
    path.write_bytes(recs[0] + b"garbage with no newline" + recs[1] + recs[2])
    out = decoded(str(path))
    assert [d.id for d, _ in out if not d.error] == [f"http://ex.com/{i}" for i in range(3)]


def test_warc_the_record_after_one_cut_short_is_read(tmp_path):
    # the cut record's Content-Length runs over the start of the next, intact one
    recs = _pages(4)
    cut = recs[1][: len(recs[1]) - 300] + recs[1][-4:]
    path = tmp_path / "a.warc"
    path.write_bytes(recs[0] + cut + recs[2] + recs[3])
    out = decoded(str(path))
    ok = [d.id for d, _ in out if not d.error]
    assert ok[0] == "http://ex.com/0" and ok[-2:] == ["http://ex.com/2", "http://ex.com/3"]
    assert errors_of(out)


@pytest.mark.parametrize("seed", range(12))
def test_warc_gz_seeded_damage_costs_only_the_damaged_members(tmp_path, seed):
    """Random damage to one or two members of a Common Crawl-like file: every other record comes
    out, once, in order, with its own text."""
    import gzip as gz
    import random

    rng = random.Random(seed)
    html = "<html><body><p>Record {i} says {i}.</p></body></html>"
    recs = [http_response(f"http://ex.com/{i}", html.format(i=i)) for i in range(10)]
    members = [bytearray(gz.compress(r)) for r in recs]
    damaged = set(rng.sample(range(10), rng.choice([1, 2])))
    for k in damaged:
        if rng.random() < 0.5:  # bytes flipped inside
            for _ in range(3):
                members[k][rng.randrange(10, len(members[k]))] ^= 1 << rng.randrange(8)
        else:  # cut short
            members[k] = members[k][: rng.randrange(5, len(members[k]) - 1)]
    path = tmp_path / "a.warc.gz"
    path.write_bytes(b"".join(members))
    out = decoded(str(path))
    good = [(d.id, d.text) for d, _ in out if not d.error]
    want = [(f"http://ex.com/{i}", f"Record {i} says {i}.") for i in range(10)]
    assert [g for g in good if g in want] == [w for w in want if w in good]  # once each, in order
    assert all(g in want for g in good)  # none holds another's bytes
    assert {w[0] for w in want} - {g[0] for g in good} <= {f"http://ex.com/{k}" for k in damaged}
    assert errors_of(out)


def test_zstd_reader_hands_out_a_highly_compressed_frame_in_bounded_pieces():
    # 4 KB of a frame of zeros came out of one decompress call as 133 MB
    import io

    import zstandard

    from pagesieve.streams import ZstdRawReader

    size = 96 << 20
    compress = zstandard.ZstdCompressor().compress
    reader = ZstdRawReader(io.BytesIO(compress(b"\0" * size) + compress(b"tail")))
    widest, total, last = 0, 0, b""
    while piece := reader._fill():
        widest, total, last = max(widest, len(piece)), total + len(piece), piece
    assert total == size + 4 and last.endswith(b"tail")
    assert widest <= 16 << 20


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".warc.gz"])
def test_a_damaged_first_gzip_member_costs_itself_only(tmp_path, suffix):
    # its magic bytes gone, the file was taken for binary junk: one error, the rest unread
    import gzip as gz

    if suffix == ".warc.gz":
        recs = _pages(4)
        want = [f"http://ex.com/{i}" for i in range(1, 4)]
    else:
        recs = [jsonl_bytes(docs(1, f"m{i}-")) for i in range(4)]
        want = [f"m{i}-0" for i in range(1, 4)]
    members = [gz.compress(r) for r in recs]
    members[0] = b"\x1e" + members[0][1:]
    path = tmp_path / f"a{suffix}"
    path.write_bytes(b"".join(members))
    out = decoded(str(path))
    assert [d.id for d, _ in out if not d.error] == want
    assert [e for e, _ in errors_of(out)] == ["damaged gzip member skipped: not a gzip member"]


@pytest.mark.parametrize(
    "first",
    [
        b'{"id": "x", "text": "\x00' + b"a" * 700 + b'"}',
        '{"id": "x", "text": "茶园"}'.encode("gbk") * 40,
    ],
)
def test_a_jsonl_file_whose_long_first_line_is_damaged_keeps_its_records(tmp_path, first):
    # the sniff looked for a second line in the first 512 bytes only
    path = tmp_path / "a.jsonl"
    path.write_bytes(first + b"\n" + jsonl_bytes(docs(2, "k")))
    out = decoded(str(path))
    assert [d.id for d, _ in out if not d.error] == ["k0", "k1"] and len(errors_of(out)) == 1


def test_binary_junk_with_newlines_and_braces_is_still_one_error(tmp_path):
    import random

    rng = random.Random(3)
    path = tmp_path / "junk.jsonl"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(1 << 17)) + b"\n{\n{x\n")
    (err,) = errors_of(decoded(str(path)))
    assert err[0].startswith("unrecognized file format")


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_warc_an_http_response_whose_content_type_line_is_damaged_is_an_error(tmp_path, suffix):
    # fastwarc reads HTTP only under "Content-Type: application/http": such a page was passed
    # over as a non-HTML response, without a word
    recs = _pages(5)
    ctype = b"Content-Type: application/http; msgtype=response\r\n"
    recs[1] = recs[1].replace(ctype, ctype.replace(b"application", b"applic\0tion"), 1)
    recs[2] = recs[2].replace(ctype, ctype.replace(b"Type:", b"Typ\0:"), 1)
    recs[3] = recs[3].replace(ctype, b"", 1)
    dns = raw_http_response("dns:ex.com", b"20261204\r\nex.com. 300 IN A 10.0.0.1\r\n")
    recs.append(dns.replace(b"application/http; msgtype=response", b"text/dns", 1))
    out = decoded(write_warc(tmp_path / f"a{suffix}", recs))
    why = "damaged WARC header: an HTTP response with {}, not application/http"
    assert [(d.id, d.error) for d, _ in out] == [
        ("http://ex.com/0", None),
        ("http://ex.com/1", why.format("Content-Type 'applic\\x00tion/http; msgtype=response'")),
        ("http://ex.com/2", why.format("no Content-Type")),
        ("http://ex.com/3", why.format("no Content-Type")),
        ("http://ex.com/4", None),  # the DNS record after it is no page, as before
    ]


# --------------------------------------------------------------------------- a fuzzer's finds
# (session 50: a helper fed the scanner damaged inputs of every format; each case below lost
# records, hung or misnamed a record before)


def test_a_jsonl_file_whose_first_line_is_damaged_keeps_records_longer_than_the_sniff(tmp_path):
    long = "The council met on Tuesday to discuss the budget. " * 1500  # 75 KB a record
    path = tmp_path / "a.jsonl"
    records = [{"id": f"d{i}", "text": long} for i in range(3)]
    path.write_bytes(b'{"id": "bad", "text": "a\x00b"}\n' + jsonl_bytes(records))
    out = decoded(str(path))
    assert [d.id for d, _ in out] == ["bad", "d0", "d1", "d2"]
    assert out[0][0].error.startswith("not valid JSON") and not any(d.error for d, _ in out[1:])


def test_jsonl_on_stdin_is_read_as_records_around_damaged_lines(monkeypatch):
    import io
    import sys

    data = b'not json\n{"id":"a","text":"Hello."}\n{"id":"b","text":"Again."}\nnot json\nnor this\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    out = decoded("-")
    assert [(d.id, bool(d.error)) for d, _ in out] == [
        (None, True),
        ("a", False),
        ("b", False),
        (None, True),
        (None, True),
    ]
    # two records with a text field decide it; a text quoting one stays a text
    quoting = b'A record looks like this:\n{"id": 1, "text": "x"}\nand nothing else.\n'
    assert sniff_format("-", quoting) == "txt"


def test_a_zstd_file_that_opens_with_a_skippable_frame_is_read(tmp_path):
    import zstandard

    frame = zstandard.ZstdCompressor().compress(jsonl_bytes(docs(2)))
    skippable = b"\x50\x2a\x4d\x18" + (4).to_bytes(4, "little") + b"seek"  # as pzstd writes
    path = tmp_path / "a.jsonl.zst"
    path.write_bytes(skippable + frame)
    assert [(d.id, d.error) for d, _ in decoded(str(path))] == [("d0", None), ("d1", None)]


def test_a_jsonl_file_holding_only_a_byte_order_mark_has_no_record(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\xef\xbb\xbf")
    assert decoded(str(path)) == []


@pytest.mark.parametrize(
    ("length", "why"),
    [
        (b"-1", "bad WARC Content-Length '-1': not a byte count"),
        (b"abc", "bad WARC Content-Length 'abc': not a byte count"),
        (b"60", "WARC Content-Length 60 runs over the next record's header"),
    ],
    ids=["negative", "not a number", "over the next record"],
)
def test_a_wet_record_with_a_wrong_content_length_is_an_error_under_its_own_uri(
    tmp_path, length, why
):
    recs = [wet_record(f"http://ex.com/{i}", f"Document number {i}.") for i in range(3)]
    recs[1] = re.sub(rb"Content-Length: \d+", b"Content-Length: " + length, recs[1])
    out = decoded(write_warc(tmp_path / "a.warc.wet", recs))
    assert [(d.id, d.error) for d, _ in out] == [
        ("http://ex.com/0", None),
        ("http://ex.com/1", why),
        ("http://ex.com/2", None),
    ]
    assert [d.text for d, _ in out if not d.error] == ["Document number 0.", "Document number 2."]


def test_a_fifo_or_an_unlistable_directory_inside_an_input_directory_is_said(tmp_path, monkeypatch):
    (tmp_path / "a.jsonl").write_bytes(jsonl_bytes(docs(1)))
    os.mkfifo(tmp_path / "p.jsonl")  # opening it would wait for a writer forever
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "l.jsonl").write_bytes(jsonl_bytes(docs(1)))
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    inputs, problems = expand_inputs([str(tmp_path)])
    assert [i.rel for i in inputs] == ["a.jsonl"]
    assert sorted(problems) == [
        f"{tmp_path / 'locked'}: cannot list directory (Permission denied)",
        f"{tmp_path / 'p.jsonl'}: not a regular file (a FIFO, socket or device), skipped",
    ]


def test_a_jsonl_file_whose_later_lines_hold_nuls_keeps_its_sound_first_record(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        b'\xef\xbb\xbf{"id": "d0", "text": "Short line."}\r\n'
        b'{"id": \xb9"d1", "text": "x"}\r\n'
        b'{"id": "d2", "text": "pr' + b"\x00" * 15 + b'ess"}\r\n'
    )
    out = decoded(str(path))
    assert [(d.id, bool(d.error)) for d, _ in out] == [("d0", False), (None, True), ("d2", True)]


def test_a_file_without_a_name_whose_every_line_opens_a_damaged_record_is_read_line_by_line(
    tmp_path,
):
    path = tmp_path / "records"
    path.write_bytes(b'{"id": "d0", "text": "a\x00b"}\n{"id": "d1", "text": "\\uZZZZ"}\n')
    out = decoded(str(path))
    assert [(d.id, bool(d.error)) for d, _ in out] == [("d0", True), ("d1", True)]
    assert [pos for _, pos in out] == [1, 2]


def test_a_page_that_shows_a_warc_header_keeps_its_text(tmp_path):
    # its block holds a WARC header line and a WARC- field, and its length is right: it ends
    # where the next record starts
    shown = "How a record opens:\r\nWARC/1.0\r\nWARC-Type: response\r\nThat is all."
    recs = [wet_record(f"http://ex.com/{i}", t) for i, t in enumerate(["One.", shown, "Three."])]
    out = decoded(write_warc(tmp_path / "a.warc.wet", recs))
    assert [(d.id, d.error) for d, _ in out] == [(f"http://ex.com/{i}", None) for i in range(3)]
    assert out[1][0].text == shown


def test_a_utf16_file_is_one_error_that_says_so(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes('{"id": "d0", "text": "x"}\n'.encode("utf-16"))
    ((doc, _),) = decoded(str(path))
    assert doc.error.startswith("UTF-16 text (a byte-order mark says so)")


def test_a_link_that_loops_or_leads_nowhere_is_said_as_such(tmp_path):
    # both were "no such file or directory", for a name that `ls` lists
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    (tmp_path / "dangling").symlink_to(tmp_path / "gone.jsonl")
    _, problems = expand_inputs([str(tmp_path / "a"), str(tmp_path / "dangling")])
    assert problems == [
        f"{tmp_path / 'a'}: a loop of symbolic links",
        f"{tmp_path / 'dangling'}: a symbolic link to {tmp_path / 'gone.jsonl'}, which does not exist",
    ]
