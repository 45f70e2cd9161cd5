"""Labeled pages in the corpus schema (``paragraphs``, ``labels``, ``kinds``, optional ``spans``)."""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

#: Classes the paragraph model predicts; index 0 is the article.
CLASSES: tuple[str, ...] = (
    "article",
    "ad",
    "placeholder",
    "link_notice",
    "navigation",
    "boilerplate",
    "comment",
)
CLASS_INDEX = {c: i for i, c in enumerate(CLASSES)}

# Real corpora only say "boilerplate"; legal/footer lines keep that name, the rest is page furniture.
_LEGAL = re.compile(
    r"©|\(c\)|copyright|all rights reserved|privacy|cookie|terms of (?:use|service)|terms and conditions|"
    r"disclaimer|trademark|版权|icp|公网安备|免责|隐私|许可证|备案",
    re.I,
)
#: what ends a line for ``segment``: ``\n``, ``\r``, U+2028, U+2029
_LINE_BREAK = re.compile("[\n\r\u2028\u2029]")
_KIND_ALIASES = {
    "related_links": "navigation",
    "headline": "navigation",
    "headlines": "navigation",
    "tags": "navigation",
    "keyword_injection": "ad",
    "other": "navigation",
}


@dataclass(slots=True)
class LabeledPage:
    id: str
    source: str
    lang: str
    paragraphs: list[str]
    labels: list[int]
    kinds: list[str]
    spans: list[tuple[int, int, int, str]] = field(default_factory=list)
    fold: int = (
        -1
    )  # training fold (synthetic pages: the fold of the templates they were built from)
    #: the paragraphs as given, when one held a line break (``paragraphs`` have it as a space)
    raw_paragraphs: list[str] | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def scanned_text(self) -> str:
        """What an outside scorer feeds ``detect.py scan``: the paragraphs as given, joined with
        line breaks. The same length as ``text``, so offsets agree; a paragraph's own line break
        makes two lines for the scan, as it would for them."""
        return "\n".join(self.raw_paragraphs) if self.raw_paragraphs else self.text


def paragraph_class(kind: str, label: int, paragraph: str) -> int:
    """The training class of a labeled paragraph."""
    if label == 0:
        return 0
    if kind == "boilerplate":
        return CLASS_INDEX["boilerplate" if _LEGAL.search(paragraph) else "navigation"]
    kind = _KIND_ALIASES.get(kind, kind)
    return CLASS_INDEX.get(kind, CLASS_INDEX["navigation"])


class LabeledRecordError(ValueError):
    """A record of a labeled file that is not in the corpus schema (the message says where)."""


def read_labeled(path: str | Path, problems: list[str] | None = None) -> Iterator[LabeledPage]:
    """Pages of a ``.jsonl`` or ``.jsonl.gz`` file in the corpus schema.

    A record that is not in the schema raises :class:`LabeledRecordError` naming its file and
    line; with ``problems`` given, the record is skipped and the message appended instead (so
    is a damaged gzip stream, which ends the file). Lines are decoded one by one: a record that
    is not UTF-8 is that record's problem, not the end of the file."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    n = 0
    try:
        with opener(path, "rb") as fh:
            for n, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                try:
                    try:
                        line = raw.decode("utf-8")
                    except UnicodeDecodeError as exc:
                        raise LabeledRecordError(
                            f"{path}:{n}: invalid UTF-8 at byte {exc.start} of the line"
                        ) from None
                    yield labeled_page(line.removeprefix("\ufeff") if n == 1 else line, path, n)
                except LabeledRecordError as exc:
                    if problems is None:
                        raise
                    problems.append(str(exc))
    except (OSError, EOFError, zlib.error) as exc:
        if problems is None:
            raise LabeledRecordError(f"{path}: unreadable after line {n}: {exc}") from exc
        problems.append(f"{path}: unreadable after line {n}: {exc}")


def labeled_page(line: str, path: Path, n: int) -> LabeledPage:
    """One line of a labeled file as a page, every field checked (labels 0 or 1, as many labels
    and kinds as paragraphs, spans inside their paragraph): a page read wrongly would be scored
    wrongly without a word."""

    def bad(why: str) -> LabeledRecordError:
        return LabeledRecordError(f"{path}:{n}: {why}")

    try:
        d = json.loads(line)
    except json.JSONDecodeError as exc:
        raise bad(f"not valid JSON ({exc})") from None
    if not isinstance(d, dict):
        raise bad(f"a JSON {type(d).__name__}, not an object")
    raw, labels = d.get("paragraphs"), d.get("labels")
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        raise bad("'paragraphs' must be a list of strings")
    if not isinstance(labels, list) or not all(
        type(x) in (int, float) and x in (0, 1) for x in labels
    ):
        raise bad("'labels' must be a list of 0 (belongs) and 1 (does not belong)")
    if len(labels) != len(raw):
        raise bad(f"{len(raw)} paragraphs but {len(labels)} labels")
    # a line break inside a paragraph would make two lines of it (``segment``): a blank instead
    paragraphs = [_LINE_BREAK.sub(" ", p) for p in raw]
    labels = [int(x) for x in labels]
    kinds = d.get("kinds")
    if kinds is None:
        kinds = ["article" if x == 0 else "boilerplate" for x in labels]
    if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
        raise bad("'kinds' must be a list of strings")
    if len(kinds) != len(paragraphs):
        raise bad(f"{len(paragraphs)} paragraphs but {len(kinds)} kinds")
    spans = d.get("spans") or []
    if not isinstance(spans, list):
        raise bad("'spans' must be a list of [paragraph, start, end, ...]")
    for s in spans:
        ok = isinstance(s, list) and len(s) >= 3 and all(type(v) is int for v in s[:3])
        if not ok or not 0 <= s[0] < len(paragraphs) or not 0 <= s[1] < s[2] <= len(raw[s[0]]):
            raise bad(f"span {s!r} is not [paragraph, start, end] inside its paragraph")
    return LabeledPage(
        id=str(d.get("id", f"{path.name}:{n}")),
        source=str(d.get("source") or path.stem),
        lang=str(d.get("lang") or ""),
        paragraphs=paragraphs,
        labels=labels,
        kinds=list(kinds),
        spans=[tuple(s) for s in spans],
        raw_paragraphs=raw if paragraphs != raw else None,
    )
