"""Synthetic noisy pages: clean articles with injections from the project's pattern bank.

Real crawls teach page furniture; they hold few ads, placeholders, link notices or spliced
keywords. These are inserted into clean articles (whole lines at varied positions, or phrases
spliced inside sentences) and labeled with what was inserted. Everything is driven by one seeded
``numpy`` generator, so a training run is reproducible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from pagesieve.article_tables import ArticleTables
from pagesieve.corpus import LabeledPage
from pagesieve.span_candidates import CLAUSE_ENDS

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "patterns"
SLOT = re.compile(r"<<(\w+)>>")

#: Pattern-bank family -> the kind its lines are labeled with.
FAMILY_KIND: dict[str, str] = {
    "ad_en": "ad",
    "ad_zh": "ad",
    "keyword_list": "ad",
    "placeholder": "placeholder",
    "link_notice_en": "link_notice",
    "link_notice_zh": "link_notice",
    "headline_en": "navigation",
    "headline_zh": "navigation",
    "navigation_en": "navigation",
    "navigation_zh": "navigation",
    "boilerplate_en": "boilerplate",
    "boilerplate_zh": "boilerplate",
}

#: Families of whole-line injections per language, with their sampling weights.
#: Spam sites put ads into articles on a neighbouring topic (the battery ad in a phone article
#: that mentions batteries). With ``Synthesizer.related_ads`` set, that share of ad blocks is the
#: best match of several draws for the host article's words: the held-out set "ad_related"
#: measures how far shared words make an ad look like the article. (Training on such pages,
#: half the ads matched, was measured: no better on it, worse on random ads.)
RELATED_AD_DRAWS = 12
_AD_FAMILIES = frozenset({"ad_en", "ad_zh", "keyword_list"})
_TOPIC_WORD = re.compile(r"[^\W\d_\u4e00-\u9fff]{5,}")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def topic_words(paragraphs: list[str]) -> set[str]:
    """Words of five letters or more, lower-cased, and Chinese character pairs."""
    text = "\n".join(paragraphs)
    words = set(_TOPIC_WORD.findall(text.lower()))
    for run in _CJK_RUN.findall(text):
        words.update(run[i : i + 2] for i in range(len(run) - 1))
    return words


LINE_FAMILIES: dict[str, dict[str, float]] = {
    "en": {
        "ad_en": 3.0,
        "keyword_list": 1.0,
        "placeholder": 2.5,
        "link_notice_en": 1.0,
        "link_notice_zh": 1.0,
        "headline_en": 2.0,
        "navigation_en": 1.5,
        "boilerplate_en": 1.0,
    },
    "zh": {
        "ad_zh": 3.0,
        "keyword_list": 0.5,
        "placeholder": 2.5,
        "link_notice_zh": 2.0,
        "headline_zh": 2.0,
        "navigation_zh": 2.0,
        "boilerplate_zh": 1.5,
    },
}

_MOJIBAKE = {"’": "â€™", "“": "â€œ", "”": "â€\x9d", "—": "â€”", "–": "â€“", "é": "Ã©", "…": "â€¦"}


@dataclass
class PatternBank:
    """Templates by family and slot values by name, for one split (``train`` or ``heldout``)."""

    families: dict[str, list[list[str]]]
    slots: dict[str, list[str]]
    extra: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, split: str, root: Path = DATA_DIR) -> PatternBank:
        families = {p.stem: _read_blocks(p) for p in sorted((root / split).glob("*.txt"))}
        slots = {p.stem: _read_values(p) for p in sorted((root / "slots").glob("*.txt"))}
        for name, blocks in families.items():
            for block in blocks:
                for line in block:
                    for slot in SLOT.findall(line):
                        if slot not in slots:
                            raise ValueError(f"{split}/{name}: unknown slot <<{slot}>>")
        return cls(families, slots)

    def fill(self, line: str, rng: np.random.Generator, fold: tuple[int, int] | None = None) -> str:
        def value(m: re.Match[str]) -> str:
            name = m.group(1)
            pool = self.slots[name]
            extra = self.extra.get(name)
            if extra and rng.random() < 0.5:
                pool = extra
            if fold is not None and len(pool) >= 4 * fold[1]:
                pool = pool[fold[0] :: fold[1]]
            return pool[rng.integers(len(pool))]

        return SLOT.sub(value, line)

    def sample(
        self, family: str, rng: np.random.Generator, fold: tuple[int, int] | None = None
    ) -> list[str]:
        """One block with its slots filled; ``fold=(k, n)`` keeps to templates ``i % n == k``.

        Folds let training score every injection with a model that never saw its template.
        """
        blocks = self.families[family]
        if fold is not None and len(blocks) >= fold[1] * 2:
            k, n = fold
            i = int(rng.integers(len(blocks) // n)) * n + k
            if i >= len(blocks):
                i -= n
        else:
            i = int(rng.integers(len(blocks)))
        return [self.fill(line, rng, fold) for line in blocks[i]]


def _read_blocks(path: Path) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            continue
        if not raw.strip():
            if current:
                blocks.append(current)
                current = []
            continue
        current.append(raw.rstrip())
    if current:
        blocks.append(current)
    return blocks


def topical_news_pages(split: str, root: Path = DATA_DIR) -> list[LabeledPage]:
    """The project's own Chinese news items on topics that share their words with gambling spam
    (lotteries, Macau's resorts, police work against gambling, 旅游线路, 官网, 真人秀, 菠菜,
    捕鱼), one clean page each: their span candidates are article text, which clean training
    articles (encyclopedia, exams, abstracts) hardly ever show in those words' ordinary senses."""
    blocks = _read_blocks(root / "gambling_news" / f"{split}.txt")
    return [
        LabeledPage(
            id=f"topical-{split}/{i}",
            source="topical_news",
            lang="zh",
            paragraphs=block,
            labels=[0] * len(block),
            kinds=["article"] * len(block),
        )
        for i, block in enumerate(blocks)
    ]


def _read_values(path: Path) -> list[str]:
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


class LexiconError(ValueError):
    """A lexicon file that cannot be read as UTF-8 text (the message names it)."""


def read_lexicon(path: Path, limit: int | None = None) -> list[str]:
    """Entries of a lexicon file (``# `` header lines skipped)."""
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    out = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return out[:limit] if limit else out


# -- splicing phrases inside sentences ---------------------------------------------------------
def splice_keyword(
    paragraph: str, phrase: str, rng: np.random.Generator, zh: bool
) -> tuple[str, int, int] | None:
    """Insert ``phrase`` inside ``paragraph`` the way spam tools do; return text and span."""
    if zh:
        cut = [m.end() for m in re.finditer(r"[\u4e00-\u9fff]", paragraph[:200])]
        if len(cut) < 4:
            return None
        pos = cut[rng.integers(1, len(cut) - 1)]
        return paragraph[:pos] + phrase + paragraph[pos:], pos, pos + len(phrase)
    words = [m.end() for m in re.finditer(r"[A-Za-z]{2,}(?=[ ,])", paragraph[:250])]
    if len(words) < 3:
        return None
    pos = words[rng.integers(1, len(words) - 1)]
    style = rng.random()
    if style < 0.6:  # "Xiaomi,Web Series Archives who makes"
        head = paragraph[:pos] + ","
        tail = paragraph[pos:]
        if tail.startswith(","):
            tail = tail[1:]
        text = head + phrase + tail
        return text, len(head), len(head) + len(phrase)
    if style < 0.8:  # "Xiaomi Web Series Archives who makes"
        head = paragraph[:pos] + " "
        text = head + phrase + paragraph[pos:]
        return text, len(head), len(head) + len(phrase)
    head = paragraph[:pos] + " ("
    text = head + phrase + ")" + paragraph[pos:]
    return text, len(head), len(head) + len(phrase)


def splice_query(
    paragraph: str, query: str, rng: np.random.Generator
) -> tuple[str, int, int] | None:
    """Put a search ``query`` into an English ``paragraph`` the way spam tools do, with blanks on
    both sides: between two words of a sentence, after a comma, after a sentence's end (or glued
    to it: ``…of habitat health.insect identification app free``), or in brackets; return text
    and span."""
    words = [m.end() for m in re.finditer(r"[A-Za-z]{2,}(?= [A-Za-z])", paragraph[:400])]
    if len(words) < 3:
        return None
    style = rng.random()
    if style < 0.2:
        commas = [m.end() for m in re.finditer(r"[a-z], (?=[a-z])", paragraph[:400])]
        if commas:
            pos = commas[rng.integers(len(commas))]
            return paragraph[:pos] + query + " " + paragraph[pos:], pos, pos + len(query)
    if style < 0.4:
        ends = [m.end() for m in re.finditer(r"[a-z][.!?](?= [A-Z])", paragraph)]
        if ends or paragraph.endswith("."):
            pos = (
                len(paragraph) if not ends or rng.random() < 0.4 else ends[rng.integers(len(ends))]
            )
            gap = " " if rng.random() < 0.6 else ""
            at = pos + len(gap)
            return paragraph[:pos] + gap + query + paragraph[pos:], at, at + len(query)
    pos = words[rng.integers(1, len(words) - 1)]
    if style > 0.9:
        opening, closing = ("(", ")") if rng.random() < 0.7 else ("[", "]")
        head = paragraph[:pos] + " " + opening
        return head + query + closing + paragraph[pos:], len(head) - 1, len(head) + len(query) + 1
    head = paragraph[:pos] + " "
    return head + query + paragraph[pos:], len(head), len(head) + len(query)


def query_cased(query: str, rng: np.random.Generator) -> str:
    """A query as spam writes it: as typed (lower case) most often, else in Title Case."""
    roll = rng.random()
    if roll < 0.6:
        return query.lower()
    if roll < 0.85:
        return " ".join(w[:1].upper() + w[1:] for w in query.split())
    return query


def spliced_query_pages(
    pages: list[LabeledPage], bank: PatternBank, rng: np.random.Generator, n: int
) -> list[LabeledPage]:
    """``n`` copies of English ``pages`` with a search query of ``bank`` put into one of their
    article paragraphs, the query as the page's span."""
    hosts = [
        p
        for p in pages
        if p.lang == "en"
        and not p.spans
        and any(lab == 0 and len(t) > 80 for t, lab in zip(p.paragraphs, p.labels))
    ]
    out: list[LabeledPage] = []
    for k in range(n if hosts else 0):
        page = hosts[int(rng.integers(len(hosts)))]
        rows = [
            i
            for i, (t, lab) in enumerate(zip(page.paragraphs, page.labels))
            if lab == 0 and len(t) > 80
        ]
        i = rows[int(rng.integers(len(rows)))]
        family = "spam_query_en" if rng.random() < 0.8 else "keyword_phrase_en"
        query = query_cased(bank.sample(family, rng)[0].strip(), rng)
        got = splice_query(page.paragraphs[i], query, rng)
        if got:  # the hosts hold no span: the query is the copy's only one
            out.append(_spliced_copy(page, i, got, id=f"query{k}/{page.id}"))
    return out


def _spliced_copy(
    page: LabeledPage, i: int, got: tuple[str, int, int], **changes: Any
) -> LabeledPage:
    """``page`` with paragraph ``i`` replaced by the spliced text of ``got`` (text, start, end),
    the splice its last span; ``changes``: other fields to replace (a new id)."""
    text, a, b = got
    paragraphs = list(page.paragraphs)
    paragraphs[i] = text
    spans = [*page.spans, (i, a, b, "keyword_injection")]
    return replace(page, paragraphs=paragraphs, spans=spans, **changes)


#: where a clause starts in Chinese prose: the written spam pages put most of their brands there
#: (``…运不出去，永盛棋牌客商也…``), where ``splice_keyword`` puts none
_ZH_CLAUSE_START = re.compile(f"[{CLAUSE_ENDS}]")


def splice_at_clause(
    paragraph: str, phrase: str, rng: np.random.Generator
) -> tuple[str, int, int] | None:
    """Put ``phrase`` at the start of one of the first clauses of a Chinese ``paragraph``
    (after ``，``, ``、``, ``；``, ``：`` or a sentence's end, or at the paragraph's start); return
    text and span, or None when the paragraph has no Han character after such a place."""
    cuts = [0] + [m.end() for m in _ZH_CLAUSE_START.finditer(paragraph, 0, 300)]
    cuts = [c for c in cuts if "\u4e00" <= paragraph[c : c + 1] <= "\u9fff"]
    if not cuts:
        return None
    pos = cuts[int(rng.integers(len(cuts)))]
    return paragraph[:pos] + phrase + paragraph[pos:], pos, pos + len(phrase)


def _zh_hosts(pages: list[LabeledPage]) -> list[tuple[LabeledPage, list[int]]]:
    """The Chinese pages and, for each, its article paragraphs of over 20 characters that hold
    no splice: where a side stream of span training puts one (none: no host)."""
    return [
        (p, rows)
        for p in pages
        if p.lang == "zh"
        and (
            rows := [
                i
                for i, (t, lab) in enumerate(zip(p.paragraphs, p.labels))
                if lab == 0 and len(t) > 20 and all(s[0] != i for s in p.spans)
            ]
        )
    ]


def clause_spliced_pages(
    pages: list[LabeledPage], bank: PatternBank, rng: np.random.Generator, n: int
) -> list[LabeledPage]:
    """``n`` copies of Chinese ``pages`` with a keyword phrase of ``bank`` put at a clause start
    of one article paragraph that holds no splice, that splice the copy's last span."""
    hosts = _zh_hosts(pages)
    out: list[LabeledPage] = []
    for _ in range(n if hosts else 0):
        page, rows = hosts[int(rng.integers(len(hosts)))]
        i = rows[int(rng.integers(len(rows)))]
        got = splice_at_clause(page.paragraphs[i], bank.sample("keyword_phrase_zh", rng)[0], rng)
        if got:
            out.append(_spliced_copy(page, i, got))
    return out


def trade_name_spliced_pages(
    pages: list[LabeledPage], bank: PatternBank, rng: np.random.Generator, n: int
) -> tuple[list[LabeledPage], list[LabeledPage]]:
    """``n`` copies of Chinese ``pages`` with a brand of the form ``X国际`` (``trade_name_zh``,
    no betting word in it) put into one article paragraph that holds no splice: half at a
    clause's start, where an organisation's name stands (``经金樽国际研究同意``), half inside a
    sentence. Returns the two halves apart, the splice each copy's last span."""
    hosts = _zh_hosts(pages)
    at_clause: list[LabeledPage] = []
    inside: list[LabeledPage] = []
    for k in range(n if hosts else 0):
        page, rows = hosts[int(rng.integers(len(hosts)))]
        i = rows[int(rng.integers(len(rows)))]
        phrase = bank.sample("trade_name_zh", rng)[0]
        clause = k % 2 == 0
        if clause:
            got = splice_at_clause(page.paragraphs[i], phrase, rng)
        else:
            got = splice_keyword(page.paragraphs[i], phrase, rng, True)
        if got:
            copy = _spliced_copy(page, i, got, id=f"trade{k}/{page.id}")
            (at_clause if clause else inside).append(copy)
    return at_clause, inside


def spliced_titles(
    pages: list[LabeledPage], bank: PatternBank, rng: np.random.Generator, copies: int
) -> list[LabeledPage]:
    """``copies`` copies of each Chinese page with a keyword phrase of ``bank`` spliced into its
    title (its first line), the splice as the page's span; titles too short to splice are
    skipped."""
    out = []
    for _ in range(copies):
        for page in pages:
            phrase = bank.sample("keyword_phrase_zh", rng)[0]
            got = splice_keyword(page.paragraphs[0], phrase, rng, True)
            if got:
                title, a, b = got
                out.append(
                    replace(
                        page,
                        paragraphs=[title, *page.paragraphs[1:]],
                        spans=[(0, a, b, "keyword_injection")],
                    )
                )
    return out


def splice_after_sentence(
    paragraph: str, phrase: str, rng: np.random.Generator
) -> tuple[str, int, int]:
    """Put ``phrase`` right after one of the paragraph's sentence ends (often the last)."""
    ends = [m.end() for m in re.finditer(r"[。！？]", paragraph)]
    if not ends or ends[-1] != len(paragraph):
        ends.append(len(paragraph))
    pos = ends[-1] if rng.random() < 0.5 else ends[int(rng.integers(len(ends)))]
    return paragraph[:pos] + phrase + paragraph[pos:], pos, pos + len(phrase)


def glue_see_also(paragraph: str, prefix: str, headline: str) -> tuple[str, int, int]:
    """``SEE ALSO: <headline>`` glued to the start of the next sentence, as inline link text renders."""
    sep = "" if prefix.endswith(("：", ":")) and not prefix.isascii() else " "
    link = f"{prefix}{sep}{headline}".rstrip()
    return link + paragraph, 0, len(link)


def pinyin_noise(paragraph: str, rng: np.random.Generator) -> tuple[str, list[tuple[int, int]]]:
    """Insert fake pinyin after a few characters (``烟(yan)台``), as de-duplication dodgers do."""
    syll = [
        "yan",
        "tai",
        "shi",
        "zhong",
        "guo",
        "ren",
        "min",
        "da",
        "xue",
        "hua",
        "bei",
        "jing",
        "li",
        "wang",
    ]
    out, spans, pos = [], [], 0
    for m in re.finditer(r"[\u4e00-\u9fff]", paragraph):
        if rng.random() < 0.25:
            out.append(paragraph[pos : m.end()])
            cur = sum(len(x) for x in out)
            ins = f"({syll[rng.integers(len(syll))]})"
            out.append(ins)
            spans.append((cur, cur + len(ins)))
            pos = m.end()
    out.append(paragraph[pos:])
    return "".join(out), spans


def misdecode(text: str) -> str:
    """The whole text's UTF-8 read as Windows-1252 (the bytes it leaves undefined as C1
    controls, as browsers and ftfy's "sloppy" codec do): a page served with the wrong charset."""
    if text.isascii():
        return text
    return "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8")
    )


def misdecoded_page(page: LabeledPage) -> LabeledPage:
    """``page`` served with the wrong charset (:func:`misdecode`), its spliced phrases' spans
    moved onto the damaged characters that hold them (and the paragraphs as given, which are
    what is scanned, damaged alike)."""
    spans = [
        (i, len(misdecode(page.paragraphs[i][:a])), len(misdecode(page.paragraphs[i][:b])), kind)
        for i, a, b, kind in page.spans
    ]
    raw = page.raw_paragraphs
    return replace(
        page,
        paragraphs=[misdecode(x) for x in page.paragraphs],
        spans=spans,
        raw_paragraphs=None if raw is None else [misdecode(x) for x in raw],
    )


def add_mojibake(paragraph: str) -> str:
    for good, bad in _MOJIBAKE.items():
        paragraph = paragraph.replace(good, bad)
    return paragraph


# -- whole pages ------------------------------------------------------------------------------
def with_headings(body: list[str], tables: ArticleTables) -> list[str]:
    """``body`` cut into two to four sections, each under a heading of its own words (the
    first section sometimes too: a page may open on a heading)."""
    rng = tables.rng
    k = int(rng.integers(2, min(4, len(body)) + 1))
    cuts = sorted(rng.choice(np.arange(1, len(body)), size=k - 1, replace=False).tolist())
    starts = [0, *cuts] if rng.random() < 0.5 else cuts
    titles = tables.headings([body[i] for i in starts])
    out = list(body)
    for at, title in reversed(list(zip(starts, titles))):
        if title is not None:
            out.insert(at, title)
    return out


@dataclass
class Synthesizer:
    """Builds labeled noisy pages from host pages and a pattern bank."""

    bank: PatternBank
    rng: np.random.Generator
    zh_headlines: list[str] = field(default_factory=list)
    zh_ads: list[str] = field(default_factory=list)
    zh_gambling: list[str] = field(default_factory=list)
    en_spam_terms: list[str] = field(default_factory=list)
    fold: tuple[int, int] | None = None  # (k, n): sample only templates of fold k
    related_ads: float = 0.0  #: share of ad blocks matched to the host's topic
    #: share of Chinese pages that get one more splice, right after a sentence (SEO tools
    #: append brands to sentences too); drawn from ``end_rng``, so that ``rng`` draws the same
    #: pages whatever the share
    zh_end_splices: float = 0.0
    end_rng: np.random.Generator | None = None
    #: structured article blocks (infoboxes, tables…) for that share of Chinese pages; they draw
    #: from their own generator, so ``rng`` draws the same pages whatever the share
    article_tables: ArticleTables | None = None
    zh_tables: float = 0.0
    #: the same blocks built from another article (``table_sources``) for that share of Chinese
    #: pages, labeled noise: the shape is the same, only the page's vocabulary tells them apart
    foreign_tables: float = 0.0
    table_sources: list[list[str]] | None = None
    #: share of Chinese pages of three body lines or more whose sections get headings
    #: (``ArticleTables.headings``, drawn from its generator, so ``rng`` draws the same pages)
    zh_headings: float = 0.0

    def _block(self, family: str, host_words: set[str] | None = None) -> list[str]:
        if (
            self.related_ads
            and host_words
            and family in _AD_FAMILIES
            and self.rng.random() < self.related_ads
        ):
            draws = [self._any_block(family) for _ in range(RELATED_AD_DRAWS)]
            return max(draws, key=lambda block: len(topic_words(block) & host_words))
        return self._any_block(family)

    def _any_block(self, family: str) -> list[str]:
        rng = self.rng
        if family == "headline_zh" and self.zh_headlines and rng.random() < 0.6:
            k = int(rng.integers(4, 12))
            return [self.zh_headlines[i] for i in rng.integers(len(self.zh_headlines), size=k)]
        if family == "ad_zh" and self.zh_ads and rng.random() < 0.4:
            ad = self.zh_ads[rng.integers(len(self.zh_ads))][: int(rng.integers(60, 300))]
            return [ad, *self.bank.sample("ad_zh", rng, self.fold)[-1:]]
        return self.bank.sample(family, rng, self.fold)

    def _phrase(self, zh: bool, rng: np.random.Generator | None = None) -> str:
        rng = self.rng if rng is None else rng
        if zh and self.zh_gambling and rng.random() < 0.3:
            return self.zh_gambling[rng.integers(len(self.zh_gambling))]
        if not zh and self.en_spam_terms and rng.random() < 0.2:
            return self.en_spam_terms[rng.integers(len(self.en_spam_terms))].title()
        lines = self.bank.sample("keyword_phrase_zh" if zh else "keyword_phrase_en", rng, self.fold)
        return lines[0]

    def inject(
        self,
        host: LabeledPage,
        lang: str,
        n_blocks: int,
        prefix: str = "syn",
        families: dict[str, float] | None = None,
        splice_rate: float = 0.5,
        hard_negatives: bool = True,
    ) -> LabeledPage:
        """A copy of ``host`` with ``n_blocks`` injections, hard negatives and inline splices."""
        rng = self.rng
        zh = lang == "zh"
        paras, labels, kinds = list(host.paragraphs), list(host.labels), list(host.kinds)
        spans: list[tuple[int, int, int, str]] = []
        art = [i for i, lab in enumerate(labels) if lab == 0]
        if not art:
            return host
        families = families or LINE_FAMILIES[lang]
        names = list(families)
        weights = np.array([families[n] for n in names])
        weights = weights / weights.sum()
        insertions: list[tuple[int, list[str], str, int]] = []
        host_words = topic_words([paras[i] for i in art])
        for _ in range(n_blocks):
            fam = names[rng.choice(len(names), p=weights)]
            block = self._block(fam, host_words)
            where = rng.random()
            if where < 0.45:
                pos = art[-1] + 1  # appended after the article
            elif where < 0.8:
                pos = art[rng.integers(len(art))] + int(rng.integers(0, 2))  # inside it
            elif where < 0.9:
                pos = art[0]  # before it
            else:
                pos = len(paras)
            insertions.append((pos, block, FAMILY_KIND[fam], 1))
        hard = "hard_negative_zh" if zh else "hard_negative_en"
        for _ in range(int(rng.integers(0, 3)) if hard_negatives else 0):
            pos = art[rng.integers(len(art))] + int(rng.integers(0, 2))
            insertions.append((pos, self.bank.sample(hard, rng, self.fold), "article", 0))
        for pos, block, kind, lab in sorted(insertions, key=lambda t: -t[0]):
            paras[pos:pos] = block
            labels[pos:pos] = [lab] * len(block)
            kinds[pos:pos] = [kind] * len(block)
        if not zh and rng.random() < 0.15:
            paras = [add_mojibake(p) if lab == 0 else p for p, lab in zip(paras, labels)]
        art = [i for i, lab in enumerate(labels) if lab == 0 and len(paras[i]) > 40]
        # spliced phrases and glued links inside article sentences
        if art and rng.random() < splice_rate:
            i = art[rng.integers(len(art))]
            got = splice_keyword(paras[i], self._phrase(zh), rng, zh)
            if got:
                paras[i], a, b = got
                spans.append((i, a, b, "keyword_injection"))
        end_rng = self.end_rng
        if zh and art and end_rng is not None and end_rng.random() < self.zh_end_splices:
            i = art[end_rng.integers(len(art))]
            if not any(s[0] == i for s in spans):
                phrase = self._phrase(zh, end_rng)
                paras[i], a, b = splice_after_sentence(paras[i], phrase, end_rng)
                spans.append((i, a, b, "keyword_injection"))
        if art and rng.random() < splice_rate / 2:
            i = art[rng.integers(len(art))]
            if not any(s[0] == i for s in spans):
                prefix_line = self.bank.sample("see_also_prefix", rng, self.fold)[0]
                head = self.bank.fill("<<zh_headline>>" if zh else "<<headline>>", rng, self.fold)
                paras[i], a, b = glue_see_also(paras[i], prefix_line, head)
                spans.append((i, a, b, "navigation"))
        if zh and art and rng.random() < splice_rate / 5:
            i = art[rng.integers(len(art))]
            if not any(s[0] == i for s in spans):
                paras[i], pins = pinyin_noise(paras[i], rng)
                spans.extend((i, a, b, "keyword_injection") for a, b in pins)
        return LabeledPage(
            id=f"{prefix}/{host.id}",
            source=f"{prefix}-{lang}",
            lang=lang,
            paragraphs=paras,
            labels=labels,
            kinds=kinds,
            spans=spans,
            fold=self.fold[0] if self.fold else host.fold,
        )

    def zh_page(self, article_paragraphs: list[str], page_id: str, furniture: bool) -> LabeledPage:
        """A Chinese page around a clean article: optional menus and footer, split paragraphs."""
        rng = self.rng
        body: list[str] = []
        # some pages set one sentence per line (lists, notices, captions): short
        # lines are article text too
        short_lines = rng.random() < 0.2
        for p in article_paragraphs:
            parts = [s for s in re.split(r"(?<=[。！？；])", p) if s]
            if short_lines:
                body.extend(parts)
            elif len(parts) >= 4 and rng.random() < 0.7:
                k = int(rng.integers(2, min(4, len(parts)) + 1))
                cuts = sorted(rng.choice(np.arange(1, len(parts)), size=k - 1, replace=False))
                chunks = np.split(np.array(parts, dtype=object), cuts)
                body.extend("".join(c) for c in chunks)
            else:
                body.append(p)
        paras, labels, kinds = [], [], []

        def add(lines: list[str], kind: str, lab: int) -> None:
            paras.extend(lines)
            labels.extend([lab] * len(lines))
            kinds.extend([kind] * len(lines))

        body_kinds = ["article"] * len(body)
        tables = self.article_tables
        heads = tables is not None and self.zh_headings > 0 and len(body) >= 3
        if heads and tables.rng.random() < self.zh_headings:
            body = with_headings(body, tables)
            body_kinds = ["article"] * len(body)
        if tables is not None and body and tables.rng.random() < self.zh_tables:
            pos = int(tables.rng.integers(1, len(body) + 1))
            block = tables.block(article_paragraphs)
            body[pos:pos] = block
            body_kinds[pos:pos] = ["article"] * len(block)
        sources = self.table_sources
        if tables is not None and sources and body and tables.rng.random() < self.foreign_tables:
            pos = int(tables.rng.integers(1, len(body) + 1))
            source = sources[tables.rng.integers(len(sources))]
            block = tables.block(source) if source is not article_paragraphs else []
            body[pos:pos] = block
            body_kinds[pos:pos] = ["headline"] * len(block)

        if furniture:
            add(self.bank.sample("navigation_zh", rng, self.fold), "navigation", 1)
            if self.zh_headlines and rng.random() < 0.5:
                add([self.zh_headlines[rng.integers(len(self.zh_headlines))]], "article", 0)
        for line, kind in zip(body, body_kinds):
            add([line], kind, int(kind != "article"))
        if furniture:
            if rng.random() < 0.6:
                add(self.bank.sample("navigation_zh", rng, self.fold), "navigation", 1)
            add(self.bank.sample("boilerplate_zh", rng, self.fold), "boilerplate", 1)
        return LabeledPage(
            page_id,
            "zh-articles",
            "zh",
            paras,
            labels,
            kinds,
            fold=self.fold[0] if self.fold else -1,
        )
