"""The audit report: one self-contained HTML page that shows a person what the filter removes.

Counts per label, score histograms, the distribution of the share of text removed per page, and
a seeded random sample of pages with every flagged region highlighted, labelled and explained.
Pages are hostile input: every piece of page text is HTML-escaped, and a Content-Security-Policy
lets only the report's own script (by hash) run and nothing be fetched, in case anything slips.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import random
import statistics
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from html import escape
from typing import Any

import numpy as np

from pagesieve import svgchart
from pagesieve.highlight import pieces, removed_share, sorted_flags
from pagesieve.pages import ScannedPage, id_text
from pagesieve.types import LABELS

#: One colour per label (highlights, bars, legends).
COLORS = {
    "ad": "#e4572e",
    "placeholder": "#a23b72",
    "link_notice": "#f18f01",
    "keyword_injection": "#c1292e",
    "navigation": "#2e86ab",
    "boilerplate": "#6c757d",
    "comment": "#3b8b5a",
    "other": "#8d6a9f",
}
_FALLBACK_COLOR = "#555555"
#: Characters of a sampled page shown in the report (the rest is cut, and says so).
DISPLAY_CHARS = 40_000
_BINS = 20
_MAX_ERRORS_LISTED = 20


def color_of(label: str) -> str:
    return COLORS.get(label, _FALLBACK_COLOR)


@dataclass
class ReportData:
    """Everything the report shows, accumulated one page at a time (memory: the sample only)."""

    sample_size: int = 20
    seed: int = 0
    sample_from: str = "flagged"
    threshold: float | None = None
    pages: int = 0
    pages_flagged: int = 0
    errors: int = 0
    error_examples: list[tuple[Any, str, str | None]] = field(default_factory=list)
    chars: int = 0
    chars_removed: float = 0.0
    paragraphs: int = 0
    flags: dict[str, int] = field(default_factory=dict)
    pages_with: dict[str, int] = field(default_factory=dict)
    flag_chars: dict[str, int] = field(default_factory=dict)
    flag_scores: dict[str, np.ndarray] = field(default_factory=dict)
    paragraph_scores: np.ndarray = field(default_factory=lambda: np.zeros(_BINS, dtype=np.int64))
    has_paragraph_scores: bool = False
    removed: array = field(default_factory=lambda: array("d"))
    #: (record index, the page cut to what is shown) in input order
    sample: list[tuple[int, ScannedPage]] = field(default_factory=list)
    #: a sampled page's length and share removed, by record index (its text is cut)
    sample_facts: dict[int, tuple[int, float]] = field(default_factory=dict)
    _eligible: int = 0
    _rng: random.Random | None = None

    def add(self, page: ScannedPage) -> None:
        if page.error is not None:
            self.errors += 1
            if len(self.error_examples) < _MAX_ERRORS_LISTED:
                self.error_examples.append((page.id, page.error, page.source))
            return
        index = self.pages
        self.pages += 1
        self.chars += len(page.text)
        share = removed_share(page.text, page.flags)
        self.removed.append(share)
        self.chars_removed += share * len(page.text)
        if page.paragraph_scores is not None:
            self.has_paragraph_scores = True
            self.paragraphs += len(page.paragraph_scores)
            self.paragraph_scores += np.histogram(
                page.paragraph_scores, bins=_BINS, range=(0.0, 1.0)
            )[0]
        if page.flags:
            self.pages_flagged += 1
        for label in {f.label for f in page.flags}:
            self.pages_with[label] = self.pages_with.get(label, 0) + 1
        for f in page.flags:
            self.flags[f.label] = self.flags.get(f.label, 0) + 1
            self.flag_chars[f.label] = self.flag_chars.get(f.label, 0) + max(0, f.end - f.start)
            hist = self.flag_scores.setdefault(f.label, np.zeros(_BINS, dtype=np.int64))
            hist[min(int(f.score * _BINS), _BINS - 1)] += 1
        if self.sample_from == "all" or page.flags:
            self._offer(index, page, share)

    def _offer(self, index: int, page: ScannedPage, share: float) -> None:
        """Reservoir sampling (algorithm R): a uniform sample whatever the input size. A page is
        kept as far as it is shown (a sample of long pages held them whole: 8 pages of 2 M
        characters took 130 MB and wrote every one of their flags)."""
        if self._rng is None:
            self._rng = random.Random(self.seed)
        self._eligible += 1
        if len(self.sample) < self.sample_size:
            j = len(self.sample)
            self.sample.append((index, page))
        else:
            j = self._rng.randrange(self._eligible)
            if j >= self.sample_size:
                return
            del self.sample_facts[self.sample[j][0]]
        self.sample_facts[index] = (len(page.text), share)
        self.sample[j] = (index, _shown_part(page))


def _shown_part(page: ScannedPage) -> ScannedPage:
    """The page up to what the report shows of it, with the flags that start there."""
    if len(page.text) <= DISPLAY_CHARS:
        return page
    flags = [f for f in page.flags if f.start < DISPLAY_CHARS]
    return replace(page, text=page.text[:DISPLAY_CHARS], flags=flags, paragraph_scores=None)


def build_report(
    pages: Iterable[ScannedPage],
    *,
    sample_size: int = 20,
    seed: int = 0,
    sample_from: str = "flagged",
    threshold: float | None = None,
) -> ReportData:
    data = ReportData(
        sample_size=sample_size, seed=seed, sample_from=sample_from, threshold=threshold
    )
    for page in pages:
        data.add(page)
    data.sample.sort(key=lambda pair: pair[0])
    return data


# --------------------------------------------------------------------------- HTML

_CSS = """
:root { font-family: system-ui, sans-serif; color: #222; }
body { margin: 0 auto; max-width: 1100px; padding: 1rem 1.5rem 4rem; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; }
.meta { color: #666; font-size: .9rem; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .6rem; text-align: left;
  vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px;
  margin-right: .35em; vertical-align: -.05em; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
.chart text { font-size: 10px; fill: #444; } .chart .chart-title { font-size: 12px;
  font-weight: 600; fill: #222; } .chart .axis { stroke: #888; }
.chart .marker { stroke: #c00; stroke-dasharray: 3 2; } .chart .marker-label { fill: #c00; }
.controls { position: sticky; top: 0; background: #fff; padding: .5rem 0;
  border-bottom: 1px solid #ddd; z-index: 1; font-size: .9rem; }
.controls label { margin-right: .8rem; white-space: nowrap; }
.page { border: 1px solid #ccc; border-radius: 6px; margin: 1.2rem 0; padding: .6rem 1rem; }
.page h3 { font-size: 1rem; margin: .2rem 0 .4rem; overflow-wrap: anywhere; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, serif;
  line-height: 1.5; background: #fafafa; padding: .6rem; max-height: 36rem; overflow: auto; }
mark.flag { background: color-mix(in srgb, var(--c) 22%, white);
  border-bottom: 2px solid var(--c); color: inherit; cursor: pointer; }
mark.flag::after { content: attr(data-tag); font: 600 .68rem system-ui, sans-serif;
  color: #fff; background: var(--c); border-radius: 3px; padding: 0 .3em; margin-left: .3em;
  vertical-align: .15em; white-space: nowrap; }
mark.flag.hidden { background: none; border-bottom: none; }
mark.flag.hidden::after { display: none; }
mark.flag.selected, tr.selected { outline: 2px solid #000; }
.flags td.reason { color: #444; max-width: 40rem; }
.flags td.excerpt { font-family: Georgia, serif; max-width: 22rem; overflow-wrap: anywhere; }
.note { color: #666; font-style: italic; }
"""

# Label toggles hide/show highlights; clicking a highlight selects its row and vice versa.
_JS = """
(function () {
  "use strict";
  var boxes = document.querySelectorAll("input.toggle-label");
  function sync() {
    boxes.forEach(function (box) {
      document.querySelectorAll('mark.flag[data-label="' + box.value + '"]')
        .forEach(function (m) { m.classList.toggle("hidden", !box.checked); });
    });
  }
  boxes.forEach(function (box) { box.addEventListener("change", sync); });
  function select(id) {
    document.querySelectorAll(".selected").forEach(function (e) {
      e.classList.remove("selected");
    });
    document.querySelectorAll('[data-flag="' + id + '"]').forEach(function (e) {
      e.classList.add("selected");
    });
  }
  document.querySelectorAll("[data-flag]").forEach(function (e) {
    e.addEventListener("click", function () {
      select(e.getAttribute("data-flag"));
      var mark = document.querySelector('mark[data-flag="' + e.getAttribute("data-flag") + '"]');
      if (e.tagName === "TR" && mark) { mark.scrollIntoView({block: "center"}); }
    });
  });
  document.body.setAttribute("data-report-ready", "1");
})();
"""


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _labels_in(data: ReportData) -> list[str]:
    known = [label for label in LABELS if label in data.flags]
    return known + sorted(set(data.flags) - set(known))


def render_html(
    data: ReportData, *, title: str = "pagesieve report", inputs: Sequence[str] = ()
) -> str:
    """The whole report as one HTML string (write it UTF-8, ``errors="replace"``)."""
    labels = _labels_in(data)
    edges = [i / _BINS for i in range(_BINS + 1)]
    out: list[str] = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(_csp(_JS))}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">Generated {escape(datetime.datetime.now().isoformat(timespec="seconds"))}'
        f" from {escape(', '.join(inputs) or 'stdin')}"
        + (f"; paragraph threshold {data.threshold:.3f}" if data.threshold is not None else "")
        + "</p>",
    ]
    out.append(_summary(data))
    out.append(_label_table(data, labels))
    out.append('<h2>Distributions</h2><div class="charts">')
    if data.has_paragraph_scores:
        out.append(
            svgchart.histogram(
                data.paragraph_scores.tolist(),
                edges,
                title=f"Score of every paragraph ({data.paragraphs:,})",
                x_label="paragraph score (flagged at or above the threshold)",
                marker=data.threshold,
                marker_label="threshold",
            )
        )
    removed_counts = np.histogram(np.asarray(data.removed), bins=_BINS, range=(0.0, 1.0))[0]
    out.append(
        svgchart.histogram(
            removed_counts.tolist(),
            edges,
            title=f"Share of text removed per page ({data.pages:,} pages)",
            x_label="share of the page's characters removed by --clean",
            color="#6a4c93",
            percent_axis=True,
        )
    )
    for label in labels:
        out.append(
            svgchart.histogram(
                data.flag_scores[label].tolist(),
                edges,
                title=f"Flag scores: {label} ({data.flags[label]:,})",
                x_label="flag score",
                color=color_of(label),
            )
        )
    out.append("</div>")
    out.append(_sample_section(data, labels))
    if data.error_examples:
        out.append(
            "<h2>Records that could not be scanned</h2><table><tr><th>where</th><th>id</th>"
            "<th>error</th></tr>"
        )
        for doc_id, error, source in data.error_examples:
            out.append(
                f"<tr><td>{escape(source or '')}</td><td>{escape(id_text(doc_id))}</td>"
                f"<td>{escape(error)}</td></tr>"
            )
        out.append("</table>")
        if data.errors > len(data.error_examples):
            out.append(
                f'<p class="note">… and {data.errors - len(data.error_examples):,} more.</p>'
            )
    out.append(f"<script>{_JS}</script></body></html>\n")
    return "".join(out)


def _summary(data: ReportData) -> str:
    shares = sorted(data.removed)
    median = statistics.median(shares) if shares else 0.0
    p90 = shares[min(len(shares) - 1, int(0.9 * len(shares)))] if shares else 0.0
    rows = [
        ("pages scanned", f"{data.pages:,}"),
        (
            "pages with at least one flag",
            f"{data.pages_flagged:,} ({_pct(data.pages_flagged / max(data.pages, 1))})",
        ),
        ("records that could not be scanned", f"{data.errors:,}"),
        ("flags", f"{sum(data.flags.values()):,}"),
        ("characters scanned", f"{data.chars:,}"),
        (
            "characters removed by --clean",
            f"{data.chars_removed:,.0f} ({_pct(data.chars_removed / max(data.chars, 1))})",
        ),
        ("share removed per page: median / 90th percentile", f"{_pct(median)} / {_pct(p90)}"),
    ]
    body = "".join(
        f'<tr><th>{escape(k)}</th><td class="num">{escape(v)}</td></tr>' for k, v in rows
    )
    return f'<h2>Summary</h2><table class="summary">{body}</table>'


def _label_table(data: ReportData, labels: list[str]) -> str:
    if not labels:
        return '<h2>Flags per label</h2><p class="note">Nothing was flagged.</p>'
    rows = []
    for label in labels:
        rows.append(
            f'<tr><td><span class="swatch" style="background:{color_of(label)}"></span>'
            f'{escape(label)}</td><td class="num">{data.flags[label]:,}</td>'
            f'<td class="num">{data.pages_with[label]:,}</td>'
            f'<td class="num">{data.flag_chars[label]:,}</td>'
            f'<td class="num">{_pct(data.flag_chars[label] / max(data.chars, 1))}</td></tr>'
        )
    chart = svgchart.bars(
        [(label, data.flags[label], color_of(label)) for label in labels], title="Flags per label"
    )
    return (
        '<h2>Flags per label</h2><table class="labels"><tr><th>label</th>'
        '<th class="num">flags</th><th class="num">pages</th><th class="num">characters</th>'
        '<th class="num">share of all text</th></tr>' + "".join(rows) + f"</table>{chart}"
    )


def _sample_section(data: ReportData, labels: list[str]) -> str:
    what = "pages with at least one flag" if data.sample_from == "flagged" else "pages"
    head = (
        f'<h2>Sample of pages</h2><p class="meta">{len(data.sample)} of {data._eligible:,} '
        f"{what}, drawn at random (seed {data.seed}), in input order. Hover a highlight for its "
        "reason; click it to find its row.</p>"
    )
    toggles = "".join(
        f'<label><input type="checkbox" class="toggle-label" value="{escape(label)}" checked> '
        f'<span class="swatch" style="background:{color_of(label)}"></span>{escape(label)}</label>'
        for label in labels
    )
    controls = f'<div class="controls">Show: {toggles}</div>' if labels else ""
    pages = "".join(
        _page_html(n, index, page, *data.sample_facts[index])
        for n, (index, page) in enumerate(data.sample)
    )
    if not data.sample:
        pages = '<p class="note">No page to show.</p>'
    return head + controls + pages


def _page_html(n: int, index: int, page: ScannedPage, chars: int, share: float) -> str:
    """A sampled page (cut to what is shown): ``chars`` and ``share`` are the whole page's."""
    text = page.text
    flags = sorted_flags(page.flags)
    where = escape(page.source) if page.source else f"record {index + 1:,}"
    parts = [
        f'<section class="page" id="page-{n}"><h3>{escape(id_text(page.id))}</h3>',
        f'<p class="meta">{where} · {chars:,} characters · {len(flags)} flags shown · '
        f"{_pct(share)} removed by --clean</p>",
        '<div class="text">',
    ]
    for piece in pieces(text, flags, DISPLAY_CHARS):
        chunk = escape(text[piece.start : piece.end])
        if piece.flag is None:
            parts.append(chunk)
            continue
        f = flags[piece.flag]
        tag = f"{f.label} {f.score:.2f}"
        tip = f"#{piece.flag + 1} {tag}" + (f" — {f.reason}" if f.reason else "")
        parts.append(
            f'<mark class="flag" style="--c:{color_of(f.label)}" data-label="{escape(f.label)}" '
            f'data-score="{f.score:.4f}" data-flag="{n}-{piece.flag}" '
            f'data-tag="{escape(f"{piece.flag + 1} {tag}")}" title="{escape(tip)}">{chunk}</mark>'
        )
    parts.append("</div>")
    if chars > len(text):
        parts.append(
            f'<p class="note">Showing the first {len(text):,} of {chars:,} characters and the '
            "flags that start there.</p>"
        )
    if flags:
        parts.append(
            '<table class="flags"><tr><th class="num">#</th><th>label</th><th class="num">score'
            '</th><th class="num">offsets</th><th>excerpt</th><th>reason</th></tr>'
        )
        for i, f in enumerate(flags):
            excerpt = text[f.start : f.end]
            if len(excerpt) > 160:
                excerpt = excerpt[:157] + "…"
            parts.append(
                f'<tr data-flag="{n}-{i}"><td class="num">{i + 1}</td><td><span class="swatch" '
                f'style="background:{color_of(f.label)}"></span>{escape(f.label)}</td>'
                f'<td class="num">{f.score:.4f}</td><td class="num">{f.start}–{f.end}</td>'
                f'<td class="excerpt">{escape(excerpt)}</td>'
                f'<td class="reason">{escape(f.reason or "")}</td></tr>'
            )
        parts.append("</table>")
    parts.append("</section>")
    return "".join(parts)
