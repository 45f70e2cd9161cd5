"""``detect.py report``: the numbers it shows, escaping of hostile pages, and the page itself in
headless Chromium (skipped, with the reason, when Chromium or Playwright is missing)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pagesieve.cli import main
from pagesieve.pages import ScannedPage
from pagesieve.report import build_report, render_html
from pagesieve.types import Flag

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples" / "pages.jsonl"
CHROMIUM = os.environ.get("PAGESIEVE_CHROMIUM", "/usr/bin/chromium")
HOSTILE = (
    'Intro line.\n<script>window.__pwned = 1</script> BUY <img src=x onerror="window.__pwned=2">\n'
    '"><iframe src="https://example.com/"></iframe> &amp; </textarea></div>\nlast line'
)


def _page(doc_id, text: str, spans: list[tuple[int, int, str, float]]) -> ScannedPage:
    flags = [Flag(a, b, label, score, f"because {label}") for a, b, label, score in spans]
    return ScannedPage(doc_id, text, flags)


def _run_report(tmp_path: Path, *args: str) -> tuple[Path, str]:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", *args, "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out, result.stderr


# --------------------------------------------------------------------------- content


def test_hostile_page_text_is_escaped():
    start = HOSTILE.index("<script>")
    page = _page("<b>id</b><script>alert(1)</script>", HOSTILE, [(start, start + 40, "ad", 0.9)])
    html = render_html(build_report([page], sample_size=5), title="<t>")
    assert html.count("<script") == 1  # the report's own script, at the end
    assert html.rindex("<script>") > html.rindex("</section>")
    assert "<img" not in html and "<iframe" not in html and "</textarea>" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;b&gt;id&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;iframe src=&quot;https://example.com/&quot;" in html
    assert "&amp;amp;" in html
    assert "<title>&lt;t&gt;</title>" in html


def test_counts_removed_share_and_seeded_sample():
    pages = [
        _page(f"p{i}", "nav line\narticle text here\n", [(0, 8, "navigation", 0.95)])
        if i % 2
        else _page(f"p{i}", "article only\n", [])
        for i in range(40)
    ]
    pages.append(ScannedPage("bad", "", [], None, "not valid JSON"))
    data = build_report(pages, sample_size=5, seed=1)
    assert (data.pages, data.pages_flagged, data.errors) == (40, 20, 1)
    assert data.flags == {"navigation": 20} and data.pages_with == {"navigation": 20}
    assert data.flag_scores["navigation"].tolist()[19] == 20  # 0.95 falls in the last bin
    removed = 1 - len("article text here\n") / len("nav line\narticle text here\n")
    assert sorted(set(data.removed)) == [0.0, pytest.approx(removed)]
    ids = [p.id for _, p in data.sample]
    assert len(ids) == 5 and all(int(i[1:]) % 2 for i in ids)  # flagged pages only
    assert ids == [p.id for _, p in build_report(pages, sample_size=5, seed=1).sample]
    assert ids != [p.id for _, p in build_report(pages, sample_size=5, seed=2).sample]
    everything = build_report(pages, sample_size=100, sample_from="all")
    assert len(everything.sample) == 40
    html = render_html(data)
    assert html.count('<section class="page"') == 5
    assert html.count('<mark class="flag"') == 5
    assert "not valid JSON" in html


def test_report_cli_numbers_match_the_detector(tmp_path, detector):
    texts = [json.loads(line)["text"] for line in SAMPLES.read_text("utf-8").splitlines()]
    flags = detector.scan_batch(texts)
    total = sum(len(f) for f in flags)
    out, stderr = _run_report(tmp_path, str(SAMPLES), "--sample", "3", "--seed", "7")
    html = out.read_text("utf-8")
    flagged = sum(1 for f in flags if f)
    n = len(texts)
    assert f"report: {n} records: {n} pages ({flagged} flagged) and 0 errors, 3 shown" in stderr
    assert f'<tr><th>flags</th><td class="num">{total}</td></tr>' in html
    assert html.count('<section class="page"') == 3
    shown = re.findall(r'<section class="page" id="page-\d+"><h3>([^<]*)</h3>', html)
    ids = [json.loads(line)["id"] for line in SAMPLES.read_text("utf-8").splitlines()]
    by_id = dict(zip(ids, flags))
    assert html.count('<mark class="flag"') == sum(len(by_id[i]) for i in shown)
    paragraphs = sum(1 for t in texts for line in t.split("\n") if line.strip())
    assert f"Score of every paragraph ({paragraphs})" in html  # scores from the same pass
    assert "http://" not in html.split("<body>")[0] and "src=" not in html  # nothing to fetch


# --------------------------------------------------------------------------- in Chromium


def _chromium():
    if not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"no Chromium at {CHROMIUM} (bash .ci/system-deps installs it)")
    return pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


def test_report_loads_in_chromium_without_errors_and_shows_highlights(tmp_path, detector):
    sync_api = _chromium()
    src = tmp_path / "pages.jsonl"
    hostile = json.dumps({"id": "hostile<script>", "text": HOSTILE + "\nBuy cheap viagra now"})
    src.write_text(SAMPLES.read_text("utf-8") + hostile + "\n", encoding="utf-8")
    out, _ = _run_report(tmp_path, str(src), "--sample", "50", "--sample-from", "all")
    pages = [json.loads(line) for line in src.read_text("utf-8").splitlines()]
    n_flags = sum(len(f) for f in detector.scan_batch([p["text"] for p in pages]))

    problems: list[str] = []
    fetched: list[str] = []
    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=args
        )
        try:
            page = context.new_page()
            page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
            page.on(
                "console",
                lambda m: (
                    problems.append(f"console {m.type}: {m.text}")
                    if m.type in ("error", "warning")
                    else None
                ),
            )
            url = out.resolve().as_uri()

            def route(r):
                if r.request.url != url:
                    fetched.append(r.request.url)
                    r.abort()
                else:
                    r.continue_()

            page.route("**/*", route)
            page.goto(url, wait_until="load")
            assert page.get_attribute("body", "data-report-ready") == "1"  # script ran under CSP
            assert page.evaluate("window.__pwned") is None
            assert page.locator("section.page").count() == len(pages)
            marks = page.locator("mark.flag")
            assert marks.count() == n_flags > 0
            first = marks.first
            first.scroll_into_view_if_needed()
            assert first.is_visible()
            label = first.get_attribute("data-label")
            tag = first.evaluate("m => getComputedStyle(m, '::after').content")
            assert label in tag and first.get_attribute("data-score")
            assert "score" in first.get_attribute("title")  # the reason, on hover
            hostile_text = page.locator("section.page").last.locator(".text").inner_text()
            assert "<script>window.__pwned = 1</script>" in hostile_text
            assert "<img src=x onerror=" in hostile_text
            # toggling a label hides its highlights; clicking one selects its table row
            box = page.locator(f'input.toggle-label[value="{label}"]')
            box.uncheck()
            assert "hidden" in first.get_attribute("class")
            assert first.evaluate("m => getComputedStyle(m, '::after').display") == "none"
            box.check()
            first.click()
            row = page.locator(f'tr[data-flag="{first.get_attribute("data-flag")}"]')
            assert "selected" in row.get_attribute("class")
        finally:
            context.close()
    assert problems == []
    assert fetched == []


def test_chromium_skip_reason_is_clear(monkeypatch):
    monkeypatch.setattr(f"{__name__}.CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(pytest.skip.Exception, match="no Chromium at /nonexistent/chromium"):
        _chromium()


# --------------------------------------------------------------------------- inputs and output


def test_report_refuses_an_output_that_is_an_input_or_a_directory_before_scanning(tmp_path):
    # `report pages.jsonl -o pages.jsonl` replaced the pages with HTML; `-o DIR` failed only
    # after the whole scan, leaving DIR.partial behind
    pages = tmp_path / "pages.jsonl"
    pages.write_bytes(SAMPLES.read_bytes())
    result = CliRunner().invoke(main, ["report", str(pages), "-o", str(pages)])
    assert result.exit_code == 1 and "is also the output (-o)" in result.output
    assert pages.read_bytes() == SAMPLES.read_bytes()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = CliRunner().invoke(main, ["report", str(pages), "-o", str(out_dir)])
    assert result.exit_code == 1 and "is a directory" in result.output
    assert not (tmp_path / "out.partial").exists()


def test_report_reads_a_file_given_twice_once_and_says_where_records_failed(tmp_path, detector):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "An article line."}\nnot json\n{"id": 42}\n', "utf-8")
    out = tmp_path / "r.html"
    args = ["report", str(SAMPLES), f"{SAMPLES.parent}/./pages.jsonl", str(bad), "-o", str(out)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "given more than once" in result.stderr
    assert "report: 13 records: 11 pages" in result.stderr and "and 2 errors" in result.stderr
    assert f"{bad}:2: not valid JSON" in result.stderr and f"{bad}:3: " in result.stderr
    html = out.read_text("utf-8")
    assert f"<td>{bad}:2</td><td>null</td>" in html and f"<td>{bad}:3</td><td>42</td>" in html


def test_report_on_nothing_readable_exits_2(tmp_path):
    junk = tmp_path / "junk.jsonl"
    junk.write_text("not json\nnor this\n", "utf-8")
    earlier = tmp_path / "r.html"
    earlier.write_text("<p>the report of an earlier run</p>", "utf-8")
    result = CliRunner().invoke(main, ["report", str(junk), "-o", str(earlier)])
    assert result.exit_code == 2 and "nothing could be read" in result.stderr
    # a failed run leaves the earlier report as it was (session 50)
    assert earlier.read_text("utf-8") == "<p>the report of an earlier run</p>"


def test_a_long_sampled_page_is_kept_and_listed_as_far_as_it_is_shown():
    from pagesieve.report import DISPLAY_CHARS

    line = "navigation link\n"
    text = line * (3 * DISPLAY_CHARS // len(line))
    spans = [(k, k + len(line) - 1, "navigation", 0.9) for k in range(0, len(text), len(line))]
    data = build_report([_page("long", text, spans)], sample_size=1)
    (_, kept), *_ = data.sample
    assert len(kept.text) == DISPLAY_CHARS and all(f.start < DISPLAY_CHARS for f in kept.flags)
    html = render_html(data, title="t")
    assert html.count('<tr data-flag="0-') == len(kept.flags) < len(spans) // 2
    assert f"Showing the first {DISPLAY_CHARS:,} of {len(text):,} characters" in html
    assert f"{len(text):,} characters · {len(kept.flags)} flags shown · 100.0% removed" in html


def test_report_output_goes_where_scan_output_would(tmp_path, detector):
    """``-`` is stdout, a link is written through to its file and a FIFO reaches its reader,
    as with ``scan -o``: the report replaced each with a regular file (``-`` in the directory)."""
    import subprocess

    pages = [str(SAMPLES)]
    result = CliRunner().invoke(main, ["report", *pages, "-o", "-"], catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    assert not (Path.cwd() / "-").exists()

    target = tmp_path / "target.html"
    target.write_text("old")
    link = tmp_path / "link.html"
    link.symlink_to(target.name)
    result = CliRunner().invoke(main, ["report", *pages, "-o", str(link)], catch_exceptions=False)
    assert result.exit_code == 0 and link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        result = CliRunner().invoke(main, ["report", *pages, "-o", str(fifo)])
        out, _ = reader.communicate(timeout=60)
    finally:
        reader.kill()
    assert result.exit_code == 0 and out.startswith(b"<!DOCTYPE html>") and fifo.is_fifo()
