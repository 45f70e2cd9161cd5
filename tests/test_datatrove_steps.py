"""pagesieve as datatrove steps: JsonlReader -> annotator -> filter -> JsonlWriter, run by
datatrove's LocalPipelineExecutor, against ``detect.py scan --clean`` on the same documents."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("datatrove", reason="datatrove is not installed (pip install -e '.[test]')")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from pagesieve import datatrove_steps  # noqa: E402
from pagesieve.cli import main  # noqa: E402
from pagesieve.corpus import read_labeled  # noqa: E402
from pagesieve.datatrove_steps import (  # noqa: E402
    PagesieveAnnotator,
    PagesieveFilter,
    flagged_fraction,
)
from pagesieve.types import Flag  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples" / "pages.jsonl"


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _run_pipeline(tmp_path: Path, records: list[dict], *steps) -> dict[str, dict]:
    """Run reader -> steps -> writer on ``records``; returns the written documents by id."""
    src = tmp_path / "in"
    src.mkdir()
    with open(src / "pages.jsonl", "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = tmp_path / "out"
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(src)), *steps, JsonlWriter(str(out))],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    written = {}
    for part in sorted(out.glob("*.jsonl.gz")):
        with gzip.open(part, "rt", encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                written[doc["id"]] = doc
    return written


def _scan_clean(tmp_path: Path, records: list[dict]) -> dict[str, dict]:
    src = tmp_path / "scan-in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["scan", str(src), "--clean", "-j", "1", "-o", "-"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    return {row["id"]: row for row in map(json.loads, result.stdout.splitlines())}


def test_pipeline_text_equals_scan_clean(tmp_path, detector):
    records = _records(SAMPLES)
    written = _run_pipeline(tmp_path, records, PagesieveAnnotator(), PagesieveFilter())
    expected = _scan_clean(tmp_path, records)
    assert set(written) == set(expected) == {r["id"] for r in records}
    for doc_id, row in expected.items():
        assert written[doc_id]["text"] == row["text"], doc_id
        assert written[doc_id]["metadata"]["pagesieve_flags"] == row["flags"], doc_id
    # the samples do carry flags: the comparison above is not between unchanged texts
    assert sum(written[i]["text"] != r["text"] for i, r in zip(expected, records)) >= 5


def test_pipeline_on_dev_pages_equals_scan_clean(tmp_path, detector, shared):
    pages = read_labeled(shared / "corpora" / "pages" / "dev.jsonl.gz")
    records = [{"id": p.id, "text": p.text} for _, p in zip(range(40), pages)]
    written = _run_pipeline(tmp_path, records, PagesieveAnnotator(), PagesieveFilter())
    expected = _scan_clean(tmp_path, records)
    assert {i: d["text"] for i, d in written.items()} == {i: r["text"] for i, r in expected.items()}


def test_drop_above_flagged_fraction(tmp_path, detector):
    records = _records(SAMPLES)
    fractions = {
        r["id"]: flagged_fraction(r["text"], flags)
        for r, flags in zip(records, detector.scan_batch([r["text"] for r in records]))
    }
    limit = sorted(fractions.values())[len(fractions) // 2]
    excluded = tmp_path / "excluded"
    step = PagesieveFilter(max_flagged_fraction=limit, exclusion_writer=JsonlWriter(str(excluded)))
    written = _run_pipeline(tmp_path, records, step)
    kept = {i for i, f in fractions.items() if f <= limit}
    assert 0 < len(kept) < len(records)
    assert set(written) == kept
    dropped = []
    for part in excluded.glob("*.jsonl.gz"):
        with gzip.open(part, "rt", encoding="utf-8") as fh:
            dropped.extend(json.loads(line) for line in fh)
    assert {d["id"] for d in dropped} == set(fractions) - kept
    assert all(d["metadata"]["filter_reason"] == "pagesieve_flagged_fraction" for d in dropped)


class _CountingDetector:
    """Wraps the real detector and records the size of every scan_batch call."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.calls: list[int] = []

    def scan_batch(self, texts, explain=False):
        self.calls.append(len(texts))
        return self.inner.scan_batch(texts, explain=explain)


def test_documents_are_scanned_in_batches_and_metadata_is_json(monkeypatch, detector):
    counting = _CountingDetector(detector)
    monkeypatch.setitem(datatrove_steps._DETECTORS, (None, None, (), False), counting)
    records = _records(SAMPLES)
    docs = [Document(text=r["text"], id=r["id"]) for r in records] + [Document(text="", id="empty")]
    out = list(PagesieveAnnotator(batch_size=4).run(iter(docs)))
    assert counting.calls == [4, 4, 2]  # 11 documents, the empty one is not sent
    expected = detector.scan_batch([r["text"] for r in records])
    for doc, flags in zip(out, expected):
        assert doc.metadata["pagesieve_flags"] == [f.to_json() for f in flags]
    assert out[-1].metadata["pagesieve_flags"] == []
    json.dumps([d.metadata for d in out])  # JSON-serialisable as is


def test_filter_alone_scans_and_a_failing_document_is_kept(monkeypatch):
    class Picky:
        def scan_batch(self, texts, explain=False):
            if any("boom" in t for t in texts):
                raise ValueError("boom")
            return [[Flag(0, 4, "ad", 0.9)] for _ in texts]

    monkeypatch.setitem(datatrove_steps._DETECTORS, (None, None, (), False), Picky())
    docs = [Document(text="BUY\nkeep this", id="a"), Document(text="boom\nrest", id="b")]
    results = PagesieveFilter(batch_size=8).filter_batch(docs)
    assert results == [True, True]
    assert docs[0].text == "keep this"
    assert docs[1].text == "boom\nrest" and "boom" in docs[1].metadata["pagesieve_error"]


def test_the_filter_uses_scans_flagged_fraction():
    """The same measure as ``scan --drop-docs-above``: one threshold means the same everywhere."""
    from pagesieve import types

    assert datatrove_steps.flagged_fraction is types.flagged_fraction


def test_a_text_that_is_not_a_string_is_that_documents_error(tmp_path, detector):
    # datatrove's JsonlReader passes a JSON object, list or number through as the text: the
    # annotator raised AttributeError and the task wrote nothing, good documents included;
    # the filter raised on the kept document's length
    good = _records(SAMPLES)[0]
    records = [good, {"id": "obj", "text": {"a": "b"}}, {"id": "list", "text": ["x"]}]
    written = _run_pipeline(tmp_path, records, PagesieveAnnotator())
    assert written[good["id"]]["metadata"]["pagesieve_flags"]
    for rid, kind in [("obj", "dict"), ("list", "list")]:
        assert written[rid]["metadata"]["pagesieve_error"] == f"text is {kind}, not a string"
    docs = [Document(text=t, id=str(k)) for k, t in enumerate([None, 7, {"a": "b"}])]
    step = PagesieveFilter()
    kept = list(step.run(iter(docs)))
    assert len(kept) == 3 and step.stats["pagesieve_errors"].total == 3
    assert [d.metadata["pagesieve_error"] for d in kept] == [
        "text is null",
        "text is int, not a string",
        "text is dict, not a string",
    ]


def test_a_second_filter_cuts_nothing_more(detector):
    # the filter left the flags in the metadata, offsets into the text before it cleaned it:
    # a second filter (a later stage, a rerun) cut article text with them
    doc = Document(text=_records(SAMPLES)[1]["text"], id="a", metadata={})
    (doc,) = PagesieveAnnotator().run(iter([doc]))
    (doc,) = PagesieveFilter().run(iter([doc]))
    once = doc.text
    assert doc.metadata["pagesieve_cleaned"] is True
    (doc,) = PagesieveFilter().run(iter([doc]))
    assert doc.text == detector.clean(once)
    assert once.startswith(doc.text[:200]) and len(doc.text) >= len(once) - 10


def _without(label: str, flags: list[dict]) -> list[dict]:
    return [f for f in flags if f["label"] != label]


def test_kept_labels_are_never_flagged_and_the_other_flags_stay(tmp_path, detector):
    from comment_page import PAGE

    plain = Document(text=PAGE, id="p")
    keeping = Document(text=PAGE, id="k")
    (plain,) = PagesieveAnnotator().run(iter([plain]))
    (keeping,) = PagesieveAnnotator(keep_labels=["comment"]).run(iter([keeping]))
    every = plain.metadata["pagesieve_flags"]
    assert {"comment", "navigation"} <= {f["label"] for f in every}  # the page does flag both
    assert keeping.metadata["pagesieve_flags"] == _without("comment", every)
    assert (None, None, ("comment",), False) in datatrove_steps._DETECTORS  # a detector of its own

    # the filter alone, and after an annotator that kept nothing: the heading stays, the
    # navigation lines go, as with the detector told to keep comments
    kept_text = replace(detector, keep_labels=frozenset({"comment"})).clean(PAGE)
    assert "3 Comments" in kept_text and "Leave a Reply" not in kept_text
    alone = Document(text=PAGE, id="a")
    (alone,) = PagesieveFilter(keep_labels=("comment",)).run(iter([alone]))
    assert alone.text == kept_text
    (plain,) = PagesieveFilter(keep_labels=("comment",)).run(iter([plain]))
    assert plain.text == kept_text
    (cut,) = PagesieveFilter().run(iter([Document(text=PAGE, id="c")]))
    assert cut.text == detector.clean(PAGE) and "3 Comments" not in cut.text

    # through datatrove's executor (which copies the steps): the other label kept this time
    written = _run_pipeline(
        tmp_path,
        [{"id": "p", "text": PAGE}],
        PagesieveAnnotator(keep_labels=["navigation"]),
        PagesieveFilter(keep_labels=["navigation"]),
    )["p"]
    assert written["metadata"]["pagesieve_flags"] == _without("navigation", every)
    assert written["text"] == replace(detector, keep_labels=frozenset({"navigation"})).clean(PAGE)
    assert "Leave a Reply" in written["text"] and "3 Comments" not in written["text"]


def test_a_misspelt_kept_label_fails_when_the_step_is_built():
    for step in (PagesieveAnnotator, PagesieveFilter):
        with pytest.raises(ValueError, match=r"unknown label\(s\) comments"):
            step(keep_labels=["comments"])
    # one label, not its letters; the same labels in any order are one detector
    assert PagesieveFilter(keep_labels="comment").keep_labels == ("comment",)
    step = PagesieveAnnotator(keep_labels=["navigation", "comment", "comment"])
    assert step.keep_labels == ("comment", "navigation")


def test_comment_threads_are_flagged_when_asked_and_refused_beside_kept_comments(detector):
    from thread_page import THREAD_PAGE

    (plain,) = PagesieveAnnotator().run(iter([Document(text=THREAD_PAGE, id="p")]))
    (asked,) = PagesieveAnnotator(comment_threads=True).run(
        iter([Document(text=THREAD_PAGE, id="t")])
    )
    threads = replace(detector, comment_threads=True)
    assert asked.metadata["pagesieve_flags"] == [
        {"start": f.start, "end": f.end, "label": f.label, "score": round(f.score, 4)}
        for f in threads.scan(THREAD_PAGE)
    ]
    assert len(asked.metadata["pagesieve_flags"]) > len(plain.metadata["pagesieve_flags"])
    (cut,) = PagesieveFilter(comment_threads=True).run(iter([Document(text=THREAD_PAGE, id="c")]))
    assert cut.text == threads.clean(THREAD_PAGE) and "Marta says:" not in cut.text
    for step in (PagesieveAnnotator, PagesieveFilter):
        with pytest.raises(ValueError, match="choose one"):
            step(keep_labels=["comment"], comment_threads=True)


@pytest.mark.parametrize(
    "option",
    [{"threshold": 2}, {"threshold": float("nan")}, {"batch_size": 0}, {"batch_size": 1.5}],
)
def test_a_bad_option_fails_when_the_step_is_built(option):
    # it failed at the first run(), in every worker, after the reading
    for step in (PagesieveAnnotator, PagesieveFilter):
        with pytest.raises(ValueError, match=next(iter(option))):
            step(**option)


class _Fixed:
    """A detector that flags the first word, or fails on a text holding ``boom``."""

    def scan_batch(self, texts, explain=False):
        if any("boom" in t for t in texts):
            raise ValueError("boom")
        return [[Flag(0, 3, "ad", 0.9)] for _ in texts]


def test_an_annotation_replaces_what_an_earlier_one_left(monkeypatch):
    """The metadata says what the last scan found: flags and an error never side by side, and
    no flags of an earlier text for the filter to cut the new one with."""
    monkeypatch.setitem(datatrove_steps._DETECTORS, (None, None, (), False), _Fixed())
    doc = Document(text="boom here", id="a")
    doc = next(PagesieveAnnotator().run(iter([doc])))
    assert "pagesieve_error" in doc.metadata and "pagesieve_flags" not in doc.metadata
    doc.text = "BUY\nkeep this"
    doc = next(PagesieveAnnotator().run(iter([doc])))
    assert "pagesieve_error" not in doc.metadata and doc.metadata["pagesieve_flags"]
    doc.text = ["not", "a", "string"]
    doc = next(PagesieveAnnotator().run(iter([doc])))
    assert set(doc.metadata) == {"pagesieve_error"}
    assert next(PagesieveFilter().run(iter([doc]))).text == ["not", "a", "string"]


@pytest.mark.parametrize(
    "flags",
    ["x", [1, 2], [{"start": 0, "end": 99, "label": "ad", "score": 0.9}], [{"start": "0"}]],
    ids=["a string", "numbers", "past the text", "no end"],
)
def test_flags_in_metadata_that_are_not_this_texts_are_scanned_afresh(monkeypatch, flags):
    monkeypatch.setitem(datatrove_steps._DETECTORS, (None, None, (), False), _Fixed())
    doc = Document(text="BUY\nkeep this", id="a", metadata={"pagesieve_flags": flags})
    assert next(PagesieveFilter().run(iter([doc]))).text == "keep this"


@pytest.mark.parametrize("bad", [float("nan"), 2, -0.1, "0.5"])
def test_a_fraction_to_drop_above_outside_zero_to_one_is_refused(bad):
    with pytest.raises(ValueError, match="max_flagged_fraction"):
        PagesieveFilter(max_flagged_fraction=bad)
