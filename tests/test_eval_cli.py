"""``detect.py eval`` on the bundled labeled sample pages."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pagesieve.cli import main
from pagesieve.corpus import LabeledPage
from pagesieve.evaluate import evaluate
from pagesieve.types import Flag

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples" / "pages.labeled.jsonl"


def test_eval_reports_metrics_and_writes_json(detector, tmp_path):
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["eval", str(SAMPLES), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "pages.labeled.jsonl (all)" in result.output and "recall by kind" in result.output
    report = json.loads(out.read_text())[str(SAMPLES)]
    assert report["pages"] == sum(1 for _ in SAMPLES.open())
    assert 0.0 <= report["overall"]["recall"] <= 1.0


def test_eval_json_dash_is_stdout_not_a_file_named_dash(detector, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["eval", str(SAMPLES), "--json", "-"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report[str(SAMPLES)]["pages"] > 0
    assert "recall by kind" in result.stderr  # the table, out of the JSON's way
    assert not (tmp_path / "-").exists()


def test_eval_rejects_a_file_not_in_the_corpus_schema(detector, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "text": "no paragraphs here"}) + "\n")
    result = CliRunner().invoke(main, ["eval", str(bad)])
    assert result.exit_code != 0
    assert "no page in the labeled corpus schema" in result.output
    assert "bad.jsonl:1: 'paragraphs' must be a list of strings" in result.stderr


PAGE = {"id": "p", "paragraphs": ["The council met on Tuesday.", "Home | About"], "labels": [0, 1]}


def test_eval_skips_each_record_not_in_the_schema_and_says_where(detector, tmp_path):
    bad = [
        [1, 2],
        {**PAGE, "labels": [0, None]},
        {**PAGE, "labels": [0, 0.5]},
        {**PAGE, "labels": [0, 2]},
        {**PAGE, "paragraphs": "ab"},
        {**PAGE, "paragraphs": ["x", 3]},
        {**PAGE, "kinds": ["article"]},
        {**PAGE, "spans": [[0]]},
        {**PAGE, "spans": [[0, 5, 2, "brand"]]},
        {**PAGE, "spans": [[2, 0, 1]]},
    ]
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps(PAGE), *map(json.dumps, bad), "not json", json.dumps(PAGE)]
    path.write_text("\n".join(lines) + "\n")
    report_path = tmp_path / "r.json"
    result = CliRunner().invoke(main, ["eval", str(path), "--json", str(report_path)])
    assert result.exit_code == 0, result.output
    skipped = [
        m.split(": ", 1)[0] for m in json.loads(report_path.read_text())[str(path)]["skipped"]
    ]
    assert skipped == [f"{path}:{n}" for n in range(2, 13)]
    assert json.loads(report_path.read_text())[str(path)]["pages"] == 2
    assert result.stderr.count("pagesieve eval: skipped") == 10  # and "... 1 more"


def test_eval_a_truncated_gzip_is_said_and_a_missing_json_directory_made(detector, tmp_path):
    import gzip

    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(("\n".join([json.dumps(PAGE)] * 400) + "\n").encode())
    path.write_bytes(data[: len(data) // 2])
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 0 and "unreadable after line" in result.stderr
    result = CliRunner().invoke(
        main, ["eval", str(path), "--json", str(tmp_path / "no" / "r.json")]
    )
    assert result.exit_code == 0 and json.loads((tmp_path / "no" / "r.json").read_text())
    (tmp_path / "file").write_text("")
    for bad in (tmp_path, tmp_path / "file" / "r.json"):
        result = CliRunner().invoke(main, ["eval", str(path), "--json", str(bad)])
        assert result.exit_code == 2 and "--json" in result.output and str(bad) in result.output


def test_eval_refuses_a_tampered_model_in_one_line(detector, tmp_path):
    """A model that fails its sha256 check ends the command with a reason, not a traceback."""
    src = Path(__file__).resolve().parent.parent / "model" / "pagesieve.joblib"
    copy = tmp_path / "m.joblib"
    data = bytearray(src.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    (tmp_path / "m.joblib.sha256").write_text(src.with_name(src.name + ".sha256").read_text())
    result = CliRunner().invoke(main, ["eval", str(SAMPLES), "--model", str(copy)])
    assert result.exit_code == 1, result.output
    assert "cannot load the model: ModelIntegrityError" in result.output
    assert "does not match its recorded sha256" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_scoring_counts_half_covered_paragraphs_and_spans():
    page = LabeledPage(
        id="p",
        source="s",
        lang="en",
        paragraphs=["aaaa bbbb", "cccc", "dddd eeee ffff"],
        labels=[0, 1, 0],
        kinds=["article", "boilerplate", "article"],
        spans=[(2, 5, 9, "keyword_injection")],
    )
    # flag: half of paragraph 0, all of paragraph 1, the span in paragraph 2
    flags = [
        Flag(0, 5, "ad", 0.9),
        Flag(10, 14, "navigation", 0.9),
        Flag(20, 24, "keyword_injection", 0.9),
    ]
    report = evaluate([page], lambda texts: [flags]).to_dict()
    o = report["overall"]
    assert (o["precision"], o["recall"], o["article_flagged"]) == (0.5, 1.0, 0.5)
    assert report["spans"] == {
        "total": 1,
        "caught": 1,
        "rate": 1.0,
        "rest_of_line_flagged": 0.0,
        "by_lang": {"en": {"total": 1, "caught": 1, "rate": 1.0}},
    }


def test_spans_are_counted_per_page_language():
    def page(lang: str, pid: str) -> LabeledPage:
        return LabeledPage(
            id=pid,
            source="s",
            lang=lang,
            paragraphs=["aaaa bbbb cccc"],
            labels=[0],
            kinds=["article"],
            spans=[(0, 5, 9, "keyword_injection")],
        )

    # the English span is caught, the Chinese one is not
    flags = iter([[Flag(5, 9, "keyword_injection", 0.9)], []])
    report = evaluate([page("en", "a"), page("zh", "b")], lambda texts: [next(flags)], 1)
    by_lang = report.to_dict()["spans"]["by_lang"]
    assert by_lang == {
        "en": {"total": 1, "caught": 1, "rate": 1.0},
        "zh": {"total": 1, "caught": 0, "rate": 0.0},
    }


def test_a_flagged_splice_counts_toward_its_paragraph_as_an_outside_scorer_counts_it():
    # eval left a gold span's flagged characters out of its article paragraph: a line half of
    # which is a flagged splice is flagged under the rule, and eval said it was not
    page = LabeledPage(
        id="p",
        source="s",
        lang="en",
        paragraphs=["aaaa bbbb cccc", "dddd eeee ffff gggg"],
        labels=[0, 0],
        kinds=["article", "article"],
        spans=[(0, 0, 7, "keyword_injection"), (0, 2, 9, "keyword_injection")],
    )
    flags = [Flag(0, 9, "keyword_injection", 0.9)]  # both (overlapping) spans, nothing else
    report = evaluate([page], lambda texts: [flags]).to_dict()
    o = report["overall"]
    assert o["article_flagged"] == 0.5  # 9 of 14 characters of paragraph 0
    # characters: the spans' union (9) is noise, all of it flagged; no article character is
    assert (o["char_recall"], o["char_article_flagged"]) == (1.0, 0.0)
    assert report["spans"]["caught"] == 2 and report["spans"]["rest_of_line_flagged"] == 0.0


def test_a_paragraph_holding_a_line_break_is_scanned_as_given():
    # the labeled reader makes it a space; eval scanned that text, not the one an outside
    # scorer feeds the scan ("\n".join of the paragraphs as they are)
    from pagesieve.corpus import labeled_page

    line = json.dumps({"paragraphs": ["one\ntwo", "three"], "labels": [1, 0]})
    page = labeled_page(line, Path("x.jsonl"), 1)
    assert page.paragraphs == ["one two", "three"] and page.scanned_text == "one\ntwo\nthree"
    seen: list[str] = []
    evaluate([page], lambda texts: seen.extend(texts) or [[] for _ in texts])
    assert seen == ["one\ntwo\nthree"]


def test_recall_by_kind_lists_the_kinds_of_noise_only():
    """A page's article kinds (``title``, ``caption``) hold no noise: a recall of 0.000 (0) beside
    them read as a miss."""
    page = LabeledPage(
        id="p",
        source="s",
        lang="en",
        paragraphs=["Headline", "Body text here.", "Share Tweet", "A caption"],
        labels=[0, 0, 1, 0],
        kinds=["title", "article", "navigation", "caption"],
        spans=[],
    )
    report = evaluate([page], lambda texts: [[Flag(25, 36, "navigation", 0.99)]]).to_dict()
    assert report["recall_by_kind"] == {"navigation": {"paragraphs": 1, "recall": 1.0}}


def test_a_record_that_is_not_utf8_is_skipped_alone(detector, tmp_path):
    """Lines are decoded one by one: a Latin-1 byte in one record used to end the file there,
    and the pages read before it in the same chunk were lost with it."""
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps({**PAGE, "id": f"p{i}"}).encode() for i in range(6)]
    lines[3] = lines[3].replace(b"Tuesday", b"Tu\xe9sday")
    path.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["eval", str(path), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{path}:4: invalid UTF-8 at byte" in result.stderr
    assert json.loads(out.read_text())[str(path)]["pages"] == 5


def test_names_holding_a_lone_surrogate_are_printed_escaped(detector, tmp_path):
    path = tmp_path / "odd.jsonl"
    page = {**PAGE, "source": "src\ud800", "kinds": ["article", "ad\udc00"]}
    path.write_text(json.dumps(page) + "\n")
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 0, result.output
    assert "source src\\ud800" in result.output and "ad\\udc00" in result.output


def test_an_unreadable_file_among_several_is_said_and_the_others_are_scored(detector, tmp_path):
    good, empty = tmp_path / "good.jsonl", tmp_path / "empty.jsonl"
    good.write_text(json.dumps(PAGE) + "\n")
    empty.write_text("")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["eval", str(empty), str(good), "--json", str(out)])
    assert result.exit_code == 1
    assert f"{empty}: no page in the labeled corpus schema" in result.output
    assert list(json.loads(out.read_text())) == [str(good)]


def test_kinds_that_are_not_a_list_of_the_paragraphs_are_refused(detector, tmp_path):
    path = tmp_path / "kinds.jsonl"
    path.write_text("\n".join(json.dumps({**PAGE, "kinds": k}) for k in ([], {}, 0)) + "\n")
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 1
    assert f"{path}:1: 2 paragraphs but 0 kinds" in result.stderr
    assert f"{path}:2: 'kinds' must be a list of strings" in result.stderr
    assert f"{path}:3: 'kinds' must be a list of strings" in result.stderr


def test_eval_refuses_to_write_its_json_over_an_input(detector, tmp_path):
    labeled = tmp_path / "in.jsonl"
    labeled.write_bytes(SAMPLES.read_bytes())
    result = CliRunner().invoke(main, ["eval", str(labeled), "--json", str(labeled)])
    assert result.exit_code == 2 and "is also an input" in result.output
    assert labeled.read_bytes() == SAMPLES.read_bytes()


def test_eval_escapes_the_names_a_labeled_file_gives(detector, tmp_path):
    page = json.loads(SAMPLES.read_text(encoding="utf-8").splitlines()[0])
    page["source"] = "src\x1b]0;OWNED\x07\x1b[31mred\nFAKE LINE"
    page["lang"] = "e\x1b[2Jn"
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps(page) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\nFAKE LINE" not in result.output
    assert "src\\x1b]0;OWNED\\x07" in result.output


def test_eval_strict_fails_on_a_skipped_record_and_says_each_fatal_error_once(detector, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps(PAGE) + "\nnot json\n")
    assert CliRunner().invoke(main, ["eval", str(path)]).exit_code == 0
    result = CliRunner().invoke(main, ["eval", str(path), "--strict"])
    assert result.exit_code == 1 and "--strict: 1 record(s) skipped" in result.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    result = CliRunner().invoke(main, ["eval", str(path), str(empty)])
    assert result.exit_code == 1
    assert result.stderr.count("empty.jsonl: no page in the labeled corpus schema") == 1
    assert "1 of 2 labeled file(s) held no page" in result.stderr


def test_eval_refuses_a_batch_size_under_one(detector):
    for size in ("0", "-3"):
        result = CliRunner().invoke(main, ["eval", str(SAMPLES), "--batch-size", size])
        assert result.exit_code == 2 and "--batch-size" in result.output


def test_eval_shows_a_figure_with_nothing_to_count_as_undefined(detector, tmp_path):
    """A set with no noise paragraph has no recall: a dash, not 0.000 (the JSON keeps 0 and the
    counts that say why)."""
    clean = {"id": "c", "paragraphs": ["The council met on Tuesday to vote."], "labels": [0]}
    path = tmp_path / "clean.jsonl"
    path.write_text(json.dumps(clean) + "\n")
    out = tmp_path / "r.json"
    result = CliRunner().invoke(main, ["eval", str(path), "--json", str(out)])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "(all)" in line).split()
    assert row[-6:] == ["-", "-", "-", "0.000", "-", "0.000"]
    assert "recall by kind: - (no noise paragraph)" in result.stdout
    overall = json.loads(out.read_text())[str(path)]["overall"]
    assert overall["noise_paragraphs"] == 0 and overall["flagged_paragraphs"] == 0


def test_eval_says_when_pages_repeat_an_id(detector, tmp_path):
    path = tmp_path / "twice.jsonl"
    path.write_text((json.dumps(PAGE) + "\n") * 3)
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 0 and "2 page(s) repeat an earlier page's id" in result.stderr


def test_eval_reads_a_line_break_inside_a_labeled_paragraph_as_a_blank(detector):
    """The detector ends a line at a lone ``\\r`` or U+2028 too: inside a labeled paragraph
    they would make two lines of it, and the labels would no longer line up."""
    from pagesieve.corpus import labeled_page

    record = {**PAGE, "paragraphs": ["The council\u2028met on\rTuesday.", "Home | About"]}
    page = labeled_page(json.dumps(record), Path("x.jsonl"), 1)
    assert page.paragraphs[0] == "The council met on Tuesday."
    report = evaluate([page], detector.scan_batch).to_dict()
    assert report["overall"]["paragraphs"] == 2


def test_ctrl_c_ends_eval_as_it_ends_scan(detector, monkeypatch):
    # click said "Aborted!" and exited 1, a failure's status
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("pagesieve.evaluate.evaluate", interrupted)
    result = CliRunner().invoke(main, ["eval", str(SAMPLES)])
    assert result.exit_code == 130 and "pagesieve eval: interrupted" in result.stderr
