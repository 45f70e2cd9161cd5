"""Scoring a detector on labeled pages, through the same flags ``detect.py scan`` writes.

A paragraph counts as flagged when at least half of its characters are inside flags, whatever
those flags are (a flagged splice included). Gold spans (phrases spliced into article paragraphs)
count as caught when half of their characters are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from pagesieve.corpus import LabeledPage
from pagesieve.types import Flag


@dataclass
class Counts:
    """Paragraph and character tallies for "does not belong" as the positive class."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    tp_chars: int = 0
    fp_chars: int = 0
    noise_chars: int = 0
    article_chars: int = 0

    def add(self, noise: bool, flagged: bool, chars: int, flagged_chars: int) -> None:
        if noise:
            self.noise_chars += chars
            self.tp_chars += flagged_chars
            if flagged:
                self.tp += 1
            else:
                self.fn += 1
        else:
            self.article_chars += chars
            self.fp_chars += flagged_chars
            if flagged:
                self.fp += 1
            else:
                self.tn += 1

    def summary(self) -> dict[str, float]:
        p = self.tp / max(self.tp + self.fp, 1)
        r = self.tp / max(self.tp + self.fn, 1)
        return {
            "paragraphs": self.tp + self.fp + self.fn + self.tn,
            "noise_paragraphs": self.tp + self.fn,
            "flagged_paragraphs": self.tp + self.fp,
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / max(p + r, 1e-12),
            "article_flagged": self.fp / max(self.fp + self.tn, 1),
            "char_recall": self.tp_chars / max(self.noise_chars, 1),
            "char_article_flagged": self.fp_chars / max(self.article_chars, 1),
        }


@dataclass
class Report:
    overall: Counts = field(default_factory=Counts)
    by_source: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_lang: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_kind: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    spans_total: int = 0
    spans_caught: int = 0
    span_line_chars: int = 0
    span_line_extra_flagged: int = 0
    #: per page language: [spans, caught]
    spans_by_lang: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    pages: int = 0

    def to_dict(self) -> dict:
        out = {"pages": self.pages, "overall": self.overall.summary()}
        out["by_source"] = {k: v.summary() for k, v in sorted(self.by_source.items())}
        out["by_lang"] = {k: v.summary() for k, v in sorted(self.by_lang.items())}
        out["recall_by_kind"] = {
            k: {"paragraphs": v.tp + v.fn, "recall": v.summary()["recall"]}
            for k, v in sorted(self.by_kind.items())
            # kinds of noise only: an article kind (``title``, ``caption``) has no recall
            if v.tp + v.fn
        }
        out["spans"] = {
            "total": self.spans_total,
            "caught": self.spans_caught,
            "rate": self.spans_caught / max(self.spans_total, 1),
            "rest_of_line_flagged": self.span_line_extra_flagged / max(self.span_line_chars, 1),
            "by_lang": {
                k: {"total": t, "caught": c, "rate": c / max(t, 1)}
                for k, (t, c) in sorted(self.spans_by_lang.items())
            },
        }
        return out


def coverage(flags: list[Flag], n: int) -> np.ndarray:
    """Per character: inside a flag or not (as a prefix-sum array of length n + 1)."""
    diff = np.zeros(n + 1, dtype=np.int32)
    for f in flags:
        a, b = max(0, f.start), min(n, f.end)
        if b > a:
            diff[a] += 1
            diff[b] -= 1
    inside = np.cumsum(diff[:-1]) > 0
    c = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(inside, out=c[1:])
    return c


def score_page(report: Report, page: LabeledPage, flags: list[Flag]) -> None:
    """Tally one page. A paragraph's decision counts every flagged character in it, as an
    outside scorer of the scan's flags does: a flagged splice is part of its article paragraph
    there (until session 28 its characters were left out, which flattered article flagged on
    pages with splices). The character-weighted figures count a gold span's characters as not
    article, the rest of its paragraph as article."""
    text = page.text
    cov = coverage(flags, len(text))
    report.pages += 1
    pos = 0
    span_by_par: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for s in page.spans:
        span_by_par[int(s[0])].append((int(s[1]), int(s[2])))
    for i, (para, label, kind) in enumerate(zip(page.paragraphs, page.labels, page.kinds)):
        a, b = pos, pos + len(para)
        pos = b + 1
        n = b - a
        flagged_chars = int(cov[b] - cov[a])
        flagged = n > 0 and flagged_chars * 2 >= n
        noise = label != 0
        spans = span_by_par.get(i, [])
        span_chars = span_flagged = 0
        if spans:
            by_lang = report.spans_by_lang[page.lang or "?"]
            for sa, sb in spans:
                report.spans_total += 1
                by_lang[0] += 1
                if int(cov[a + sb] - cov[a + sa]) * 2 >= (sb - sa):
                    report.spans_caught += 1
                    by_lang[1] += 1
            if not noise:
                inside = _union_mask(spans, n)
                line_flagged = np.diff(cov[a : b + 1]).astype(bool)
                span_chars = int(inside.sum())
                span_flagged = int((inside & line_flagged).sum())
                report.span_line_chars += n - span_chars
                report.span_line_extra_flagged += flagged_chars - span_flagged
        for counts in (
            report.overall,
            report.by_source[page.source],
            report.by_lang[page.lang or "?"],
            report.by_kind[kind],
        ):
            counts.add(noise, flagged, n - span_chars, flagged_chars - span_flagged)
            counts.noise_chars += span_chars
            counts.tp_chars += span_flagged


def _union_mask(spans: list[tuple[int, int]], n: int) -> np.ndarray:
    """The characters of a paragraph inside any of its gold spans (overlaps once)."""
    inside = np.zeros(n, dtype=bool)
    for sa, sb in spans:
        inside[sa:sb] = True
    return inside


def evaluate(pages: Iterable[LabeledPage], scan_batch, batch_size: int = 64) -> Report:
    """Run ``scan_batch(texts) -> flags`` over labeled pages and tally the results."""
    report = Report()
    batch: list[LabeledPage] = []

    def flush() -> None:
        for page, flags in zip(batch, scan_batch([p.scanned_text for p in batch])):
            score_page(report, page, flags)
        batch.clear()

    for page in pages:
        batch.append(page)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return report


def reliability(
    p: np.ndarray, noise: np.ndarray, edges: tuple[float, ...] = (0.0, 0.2, 0.5, 0.8, 0.9, 1.0)
) -> dict:
    """Mean score against the observed share of junk per score bin, and the expected calibration
    error (the paragraph-weighted mean gap): where the two columns agree, a score reads as the
    probability that a paragraph does not belong."""
    p = np.asarray(p, dtype=np.float64)
    noise = np.asarray(noise, dtype=bool)
    idx = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, len(edges) - 2)
    bins = []
    ece = 0.0
    for b in range(len(edges) - 1):
        m = idx == b
        if not m.any():
            continue
        mean_p, observed = float(p[m].mean()), float(noise[m].mean())
        ece += m.sum() / max(len(p), 1) * abs(mean_p - observed)
        bins.append(
            {
                "range": [edges[b], edges[b + 1]],
                "paragraphs": int(m.sum()),
                "mean_score": round(mean_p, 4),
                "observed_noise": round(observed, 4),
            }
        )
    return {"ece": round(float(ece), 4), "bins": bins}
