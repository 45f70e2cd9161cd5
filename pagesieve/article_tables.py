"""Structured parts of Chinese articles, built from an article's own words, as hard negatives.

Real Chinese pages put infoboxes, tables (one cell per line) and agendas inside their articles:
short lines without sentence ends, the shape of a menu. The clean Chinese articles the model
learns from are prose only, and it flagged such lines on the Chinese dev pages. These blocks are
labeled article: their values are the host article's own phrases, dates and numbers, so a block
that shares the page's topic is what the model learns to keep. The same blocks built from another
article are labeled noise (``Synthesizer.foreign_tables``): the shape alone must not decide.
Numbered lists of clauses were tried and left out: as article they are the shape of a headline
list, and another article's as noise look like real short article lines (bench/README).
"""

from __future__ import annotations

import re

import numpy as np

_CLAUSE_SPLIT = re.compile(r"[，。、；：！？（）()《》「」『』“”‘’,.;:!?\s]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DATE = re.compile(r"\d{3,4}年(?:\d{1,2}月(?:\d{1,2}日)?)?")
_UNITS = ("万人", "平方公里", "元", "页", "分钟", "米", "公斤", "%", "人", "个", "万元", "次")
_DASHES = ("－", "-", "—", "~", "至")
LONGEST_CELL = 8  # longest cell drawn from an article clause

#: how a page numbers its section headings (``{n}``: 一, 二…; ``{d}``: 1, 2…; none: ``""``)
_HEADING_STYLES = ("", "", "{n}、", "（{n}）", "{d}. ", "{d}、", "第{n}部分 ", "{d:02d} ")
_NUMERALS = "一二三四五六七八九十"
SHORTEST_HEADING, LONGEST_HEADING = 4, 12  # characters of a heading: a clause under it
_DIGIT = re.compile(r"\d")

#: block kinds and their sampling weights
KINDS: dict[str, float] = {"infobox": 0.45, "table": 0.35, "agenda": 0.2}


class ArticleTables:
    """Draws structured blocks for one article from field names and person names."""

    def __init__(self, fields: list[str], names: list[str], rng: np.random.Generator) -> None:
        self.fields = fields
        self.names = names
        self.rng = rng

    def block(self, paragraphs: list[str]) -> list[str]:
        """One block of lines: an infobox, a table or an agenda."""
        rng = self.rng
        phrases = article_phrases(paragraphs)
        if not phrases:
            return []
        dates = _DATE.findall("".join(paragraphs))
        kinds = list(KINDS)
        weights = np.array([KINDS[k] for k in kinds])
        kind = kinds[rng.choice(len(kinds), p=weights / weights.sum())]
        return getattr(self, f"_{kind}")(phrases, dates)

    def headings(self, sections: list[str]) -> list[str | None]:
        """A section heading over each of ``sections``: one of its own clauses of four to
        twelve characters without a digit, numbered in one style (None: it has no such clause).

        Real Chinese articles head their sections with short lines (``岗位职责``, ``二、主要做法``)
        without a sentence's end, the shape of a menu's link; the clean articles the model
        learns from have none, so it took every such line it met. Drawn from the section's
        own words, as a heading is, they share the page's vocabulary, as a menu does not."""
        rng = self.rng
        style = _HEADING_STYLES[rng.integers(len(_HEADING_STYLES))]
        out: list[str | None] = []
        k = 0  # headings numbered so far
        for text in sections:
            # whole clauses only (a clause cut short reads as a fragment), and none holding a
            # number, which the split at a decimal point or a dash leaves broken
            clauses = [
                c
                for c in _CLAUSE_SPLIT.split(text)
                if SHORTEST_HEADING <= len(c) <= LONGEST_HEADING
                and len(_HAN.findall(c)) >= 2
                and not _DIGIT.search(c)
            ]
            if not clauses:
                out.append(None)
                continue
            # the section's first clauses are the likelier heading
            title = clauses[min(rng.integers(len(clauses)), rng.integers(len(clauses)))]
            out.append(style.format(n=_NUMERALS[k % len(_NUMERALS)], d=k + 1) + title)
            k += 1
        return out

    def _value(self, phrases: list[str], dates: list[str]) -> str:
        """A cell: a date, a number with a unit, a name, or the first two to eight characters of
        an article clause (real cells are short; a whole clause looks like a headline)."""
        rng = self.rng
        draw = rng.random()
        if draw < 0.2:
            if dates:
                return dates[rng.integers(len(dates))]
            return f"{rng.integers(1900, 2025)}年{rng.integers(1, 13)}月"
        if draw < 0.4:
            return f"{rng.integers(1, 5000)}{_UNITS[rng.integers(len(_UNITS))]}"
        if draw < 0.55 and self.names:
            return self.names[rng.integers(len(self.names))]
        return phrases[rng.integers(len(phrases))][: int(rng.integers(2, LONGEST_CELL + 1))]

    def _keys(self, k: int) -> list[str]:
        picks = self.rng.choice(len(self.fields), size=min(k, len(self.fields)), replace=False)
        return [self.fields[i] for i in picks]

    def _infobox(self, phrases: list[str], dates: list[str]) -> list[str]:
        rng = self.rng
        layout = rng.random()
        sep = "：" if rng.random() < 0.8 else ":"
        lines: list[str] = []
        for key in self._keys(int(rng.integers(4, 11))):
            value = self._value(phrases, dates)
            if layout < 0.4:
                lines.append(f"{key}{sep}{value}")
            elif layout < 0.6:
                lines.append(f"{key}{' ' if rng.random() < 0.5 else chr(0x3000)}{value}")
            else:
                lines.extend([key, value])
        return lines

    def _table(self, phrases: list[str], dates: list[str]) -> list[str]:
        rng = self.rng
        header = self._keys(int(rng.integers(3, 6)))
        numbered = rng.random() < 0.5
        if numbered:
            header[0] = "序号"
        rows = [header]
        for r in range(int(rng.integers(2, 9))):
            cells = [self._value(phrases, dates) for _ in header]
            if numbered:
                cells[0] = str(r + 1)
            rows.append(cells)
        if rng.random() < 0.5:
            return [cell for row in rows for cell in row]
        joiner = " " if rng.random() < 0.6 else "  "
        return [joiner.join(row) for row in rows]

    def _agenda(self, phrases: list[str], dates: list[str]) -> list[str]:
        rng = self.rng
        minutes = int(rng.integers(8, 15)) * 60 + int(rng.integers(0, 6)) * 10
        dash = _DASHES[rng.integers(len(_DASHES))]
        lines: list[str] = []
        if dates and rng.random() < 0.5:
            lines.append(dates[rng.integers(len(dates))])
        for _ in range(int(rng.integers(3, 9))):
            end = minutes + int(rng.integers(1, 10)) * 10
            slot = f"{minutes // 60}:{minutes % 60:02d}{dash}{end // 60}:{end % 60:02d}"
            lines.append(f"{slot} {phrases[rng.integers(len(phrases))]}")
            if rng.random() < 0.3:
                key = "地点" if rng.random() < 0.5 or not self.names else "主持人"
                value = phrases[rng.integers(len(phrases))] if key == "地点" else self._name()
                lines.append(f"{key}：{value}")
            minutes = end
        return lines

    def _name(self) -> str:
        return self.names[self.rng.integers(len(self.names))]


def article_phrases(paragraphs: list[str], longest: int = 14) -> list[str]:
    """The article's clauses of two to ``longest`` characters with two Han characters or more;
    a longer clause gives its first ``longest`` characters."""
    out = []
    for paragraph in paragraphs:
        for clause in _CLAUSE_SPLIT.split(paragraph):
            clause = clause[:longest]
            if len(clause) >= 2 and len(_HAN.findall(clause)) >= 2:
                out.append(clause)
    return out
