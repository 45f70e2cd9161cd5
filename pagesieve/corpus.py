"""Labeled pages in the corpus schema (``paragraphs``, ``labels``, ``kinds``, optional ``spans``)."""

from __future__ import annotations

import gzip
import json
import re
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

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def paragraph_class(kind: str, label: int, paragraph: str) -> int:
    """The training class of a labeled paragraph."""
    if label == 0:
        return 0
    if kind == "boilerplate":
        return CLASS_INDEX["boilerplate" if _LEGAL.search(paragraph) else "navigation"]
    kind = _KIND_ALIASES.get(kind, kind)
    return CLASS_INDEX.get(kind, CLASS_INDEX["navigation"])


def read_labeled(path: str | Path) -> Iterator[LabeledPage]:
    """Pages of a ``.jsonl`` or ``.jsonl.gz`` file in the corpus schema."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            d = json.loads(line)
            paragraphs = [p.replace("\n", " ") for p in d["paragraphs"]]
            labels = [int(x) for x in d["labels"]]
            if len(labels) != len(paragraphs):
                raise ValueError(
                    f"{path}:{n}: {len(paragraphs)} paragraphs but {len(labels)} labels"
                )
            kinds = d.get("kinds") or ["article" if x == 0 else "boilerplate" for x in labels]
            yield LabeledPage(
                id=str(d.get("id", f"{path.name}:{n}")),
                source=str(d.get("source") or path.stem),
                lang=str(d.get("lang") or ""),
                paragraphs=paragraphs,
                labels=labels,
                kinds=list(kinds),
                spans=[tuple(s) for s in d.get("spans", [])],
            )
