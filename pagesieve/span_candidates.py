"""Where a phrase may have been spliced into a sentence: candidate spans found by surface
patterns inside paragraphs (a keyword phrase glued on with a comma, a related link glued to
the next sentence, a gambling brand or pinyin inside Chinese prose, a run of search-query
words), proposed generously; the span model (``pagesieve.spans``) decides which are foreign."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, islice

import numpy as np

from pagesieve.batch_text import join_paragraphs
from pagesieve.patterns import NONBLANK, matches_at, matches_in_runs
from pagesieve.shape import paragraph_counts
from pagesieve.spam_queries import SENTENCE_WORDS
from pagesieve.tokens import Tokens, hash_points, points_by_hash

CANDIDATE_TYPES = (
    "glued_link",
    "comma_splice",
    "paren",
    "title_run",
    "zh_brand",
    "zh_bracket",
    "pinyin",
    "zh_glued_link",
    "zh_trade_name",
    "query_run",
)


_TITLE_WORD = r"(?:[A-Z0-9][\w'&.\-]*|&)"


#: what ends a Chinese clause: a phrase right after one (or at a paragraph's start) starts one
CLAUSE_ENDS = "，、；：。！？"


#: gambling vocabulary, which a brand or a spam phrase has at its end, start or middle
#: (X娱乐城, 皇冠X, X六合彩X); candidates grow around it (see _brand_candidates)
SPAN_BRAND_WORDS = re.compile(
    r"(?:娱乐城|娱乐场|娱乐|贵宾会|线路检测|线路|官网|官方网站|棋牌|真人|彩票|体育app|体育|"
    r"平台注册|博彩|赌场|电玩城|返水|网投|开户|赌球|赌博|赌钱|投注|下注|百家乐|六合彩|时时彩|"
    r"老虎机|轮盘|彩金|赔率|盘口|葡京|皇冠|太阳城|威尼斯人|金沙|永利|足彩|球盘|捕鱼|牌九|骰宝|"
    r"特码|码报|彩经|开奖|庄家|菠菜|网址|注册送|首存|提款|出款)(?:app|APP)?"
)


_PATTERNS: dict[str, re.Pattern[str]] = {
    # a link at the start of the paragraph that runs into the next sentence with no space: "nowBut";
    # its label is any short English phrase or 2-6 Han characters before a colon. This is the
    # label; where the link ends is found by _GLUED_JUNCTION (see _glued_links)
    "glued_link": re.compile(
        r"^(?:[A-Z][A-Za-z'’]*(?: [A-Za-z'’]+){0,3}|[\u4e00-\u9fff]{2,6})[ \t]*[:：][ \t]*",
        re.M,
    ),
    "comma_splice": re.compile(
        rf",((?:{_TITLE_WORD})(?: {_TITLE_WORD}){{0,6}})(?= [a-z]|[,.;:]| ?$)",
        re.M,
    ),
    "paren": re.compile(r"\(([A-Z][^()\n]{2,48})\)"),
    "title_run": re.compile(r" ((?:[A-Z][\w'&\-]*)(?: (?:[A-Z][\w'&\-]*|&)){1,5})(?= [a-z])"),
    "zh_brand": SPAN_BRAND_WORDS,
    "zh_bracket": re.compile(r"【[^】\n]{2,24}】"),
    "pinyin": re.compile(r"[（(][a-z]{1,6}[)）]"),
    "zh_trade_name": re.compile("国际"),
}


#: A gambling site's name of the form ``X国际`` (``金樽国际``, ``必赢国际``) carries no betting word:
#: it is where the written spam pages put a brand in an organisation's place (``经金樽国际研究同意``).
#: ``国际`` is as common in news as any word, so its candidates (the 2-4 Han characters or the
#: Latin name before it, with it) are a kind of their own, with a threshold of their own
#: (``spans.TRADE_GROUP``).
TRADE_NAME_KIND = "zh_trade_name"


#: Where a linked headline can end and the sentence it is glued to begin, with no space between:
#: a capitalised word (``farBut``), a word in capitals (``EuropePARIS``), ``A`` or ``I`` as a
#: word, an opening curly quote or a bracket (``juice“I``, as mojibake ``juiceâ€œ``; a straight
#: quote closes quotations as often), or a number after a letter (``backpacks2. New``). A
#: lower-case word glued to another (``roadand``) is not seen.
_GLUED_JUNCTION = re.compile(
    r"(?<=[a-z0-9?!'\"”’)])(?=[A-Z][a-z]|[A-Z]{2}|[AI] |[“‘«»(]|â€)|(?<=[a-z])(?=[0-9])"
)


#: the link text after the label runs 8-100 characters up to its junction: a headline. Longer,
#: it is the paragraph's own sentence after a dateline or a caption label ("Kolkata: ...").
_GLUED_MIN, _GLUED_MAX = 9, 101


#: A Chinese headline glued to a Chinese sentence has no junction that case can tell: every end
#: from this many characters after the label is proposed, and the Chinese span model, which reads
#: how well the characters on each side of an end go together, picks one (see merge_overlapping).
_ZH_GLUED_MIN, _ZH_GLUED_MAX = 6, 40


#: a sentence does not start with these, so a glued headline does not end before one
_NO_SENTENCE_START = frozenset("，。、；：？！）】」』》”’,.;:?!)] \t")


_GROUPED = {"comma_splice", "paren", "title_run"}


#: kinds scored by the Chinese span model; the others by the Latin-script one. One shared model
#: let Chinese positives move the English weights: the calibrated threshold rose and English
#: spans were lost when the Chinese candidates grew.
CJK_KINDS = frozenset({"zh_brand", "zh_bracket", "pinyin", "zh_glued_link", TRADE_NAME_KIND})


#: kinds with a model of their own too: a search query's candidates are many extents of runs of
#: words, most of them article prose, and would move the threshold of the other Latin kinds
QUERY_KINDS = frozenset({"query_run"})


SPAN_GROUPS = ("latin", "cjk", "query")


def span_group(kind: str) -> str:
    return "cjk" if kind in CJK_KINDS else "query" if kind in QUERY_KINDS else "latin"


# What must stand just before a match (checked in Python: a lookbehind would slow every scan).
_BEFORE: dict[str, re.Pattern[str]] = {
    "comma_splice": re.compile(r"[A-Za-z0-9]"),
    "title_run": re.compile(r"[a-z,]"),
    "pinyin": re.compile(r"[\u4e00-\u9fff]"),
}


HAN = re.compile(r"[\u4e00-\u9fff]")


#: Latin-script kinds that never span a Han character
_LATIN_IN_TEXT = frozenset({"comma_splice", "paren", "title_run"})


_COLONS = (re.compile(":"), re.compile("："))  # literal scans: the engine's fastest


#: Kinds whose matches (those kept) start in a paragraph with a Han character and stay in it:
#: only runs of such paragraphs are scanned for them, none on a page without Chinese.
_HAN_KINDS = frozenset({"zh_brand", "pinyin", TRADE_NAME_KIND})


@dataclass(frozen=True, slots=True)
class Candidate:
    paragraph: int  # index into the batch's paragraph list
    start: int  # offsets inside the paragraph
    end: int
    kind: str


def find_candidates(
    paragraphs: list[str], which: np.ndarray, query_rows: np.ndarray | None = None
) -> list[Candidate]:
    """Candidate spans inside the paragraphs whose indices are in ``which``.

    Each pattern scans the chosen paragraphs joined into one string (no pattern crosses a line
    break); matches are mapped back to paragraphs with ``searchsorted``. Search queries are
    looked for in the ``query_rows`` among them (by default, those :func:`query_paragraphs`
    picks).
    """
    which = np.asarray(which, dtype=np.int64)
    if len(which) == 0:
        return []
    if query_rows is None:
        tokens = Tokens.of("\n".join(paragraphs).lower())
        held = query_paragraphs(tokens.hashes, tokens.rows, len(paragraphs))
        query_rows = which[held[which]]
    queries = query_candidates(paragraphs, query_rows)
    chosen = [paragraphs[i] for i in which.tolist()]
    joined, starts = join_paragraphs(chosen)
    lens = np.fromiter(map(len, chosen), dtype=np.int64, count=len(chosen))
    ends = starts + lens
    han = _han_paragraphs(joined, starts, ends)
    out: list[Candidate] = []
    for kind, pattern in _PATTERNS.items():
        group = 1 if kind in _GROUPED else 0
        before = _BEFORE.get(kind)
        if kind == "glued_link":
            found, zh_found = _glued_links(pattern, joined, starts, ends)
            out.extend(_located(zh_found, starts, which, "zh_glued_link"))
        else:
            found = [
                (m.start(group), m.end(group))
                for m in _matches(kind, pattern, joined, starts, ends, han)
                if before is None or (m.start() > 0 and before.match(joined, m.start() - 1))
                if kind != "comma_splice" or not _number_comma(joined, m.start())
            ]
        for r, (a, b) in zip(*_in_paragraphs(found, starts)):
            i = int(which[r])
            if kind == "zh_brand":
                out.extend(_brand_candidates(i, paragraphs[i], a, b))
            elif kind == TRADE_NAME_KIND:
                out.extend(_trade_name_candidates(i, paragraphs[i], a, b))
            elif b > a and (b - a) < 0.8 * lens[r] and _plausible(kind, paragraphs[i], a, b):
                out.append(Candidate(i, a, b, kind))
    return out + queries


def _number_comma(text: str, comma: int) -> bool:
    """Is the comma at ``comma`` inside a number (``3,4 Millionen Euro``, ``12,500 Fans``), a
    decimal comma or a thousands separator, not a spliced phrase's start?"""
    return text[comma - 1].isdigit() and text[comma + 1 : comma + 2].isdigit()


#: a pinyin syllable, tone marks left out (``yan``, ``shi``, ``zhuang``): what pinyin insertions are
_PINYIN = re.compile(
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ui|ao|ou|iu|ie|ue|ve|er|an|en|in"
    r"|un|ia|ua|uo|a|o|e|i|u|v)"
)


#: a news dateline in brackets, the usual opener of a Chinese news story (``【本报讯】``,
#: ``【新华社北京电】``): no splice, unless a gambling word is in it
_DATELINE = re.compile(
    r"【(?:本报|本報|本刊|本台|本网|本網)[^】]{0,12}】|【[^】]{0,16}(?:讯|訊|电|電)】"
)


#: a label in brackets, a few Han characters (``【主料】``, ``【联系电话】``)
_SECTION_LABEL = re.compile(r"【[\u4e00-\u9fff]{2,6}】")


#: what stands between a Latin term and the Chinese text it glosses: ``…潜水器(Remote …)``,
#: ``…和HST(Hubble Space Telescope)``
_GLOSSED = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef][A-Za-z0-9\- ]{0,12}[(（]$")


def _plausible(kind: str, text: str, a: int, b: int) -> bool:
    """Drops what a pattern matches in Chinese text that is the text's own: a Latin-script kind
    spanning Han characters (``\\w`` matches them: ``SS和色度等指标…``), an English term in
    brackets after a Chinese word or acronym (a gloss, standard in Chinese writing), a bracketed
    English word after a Han character that is no pinyin syllable (``(agency)``), a news
    dateline in brackets (``【本报讯】``), a bracketed label opening its line (``【主料】``)."""
    if kind == "pinyin":
        return _PINYIN.fullmatch(text[a + 1 : b - 1]) is not None
    if kind in _LATIN_IN_TEXT and HAN.search(text, a, b):
        return False
    if kind == "paren":
        return not _GLOSSED.search(text, max(0, a - 15), a)
    if kind == "zh_bracket":
        # a dateline, or a field's or a section's label opening its line (``【主料】``,
        # ``【联系电话】138…``): the text's own, unless a gambling word is in it
        own = _DATELINE.fullmatch(text, a, b) or (
            not text[:a].strip() and _SECTION_LABEL.fullmatch(text, a, b)
        )
        return not (own and not _PATTERNS["zh_brand"].search(text, a, b))
    return True


def _matches(
    kind: str,
    pattern: re.Pattern[str],
    joined: str,
    starts: np.ndarray,
    ends: np.ndarray,
    han: np.ndarray,
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(joined)``, looked for only where they can be.

    A glued link starts a paragraph and its label ends at a colon on the same line: it is tried
    only at the start of paragraphs with a colon (the engine would try every position). The
    Chinese kinds are scanned only in runs of paragraphs with a Han character.
    """
    if kind in _HAN_KINDS:
        return matches_in_runs(pattern, joined, starts, ends, han)
    return pattern.finditer(joined)


#: Search queries spliced into a sentence with blanks on both sides (``A 5cm layer of straw, swiss
#: replica watches for sale grass clippings or…``) have no comma, case or bracket to start a
#: candidate at: runs of words with no word that carries a sentence in them are proposed where
#: they hold spam's or commerce's words, at several extents, and the query model picks one. A
#: run needs one of spam's words or two of commerce's (common in prose too), and so does its
#: paragraph (:func:`query_paragraphs`, from the token ids the paragraph model looked up), so
#: that most paragraphs are never read for them.
QUERY_SPAM_WORDS = (
    "casino", "casinos", "slots", "poker", "baccarat", "roulette", "blackjack", "betting",
    "sportsbook", "jackpot", "payday", "loans", "vpn", "viagra", "cialis", "cbd", "kratom",
    "crypto", "bitcoin", "forex", "essay", "essays", "assignment", "dissertation", "replica",
    "replicas", "escort", "escorts", "porn", "hookup", "wholesale", "wholesaler", "supplier",
    "suppliers", "manufacturer", "manufacturers", "factory", "oem", "coupon", "coupons", "promo",
    "cheap", "cheapest", "bonus", "apk", "torrent", "download", "mp4", "pdf", "keygen",
    "reviews", "tramadol", "xanax", "modafinil", "prescription", "followers", "generator",
)  # fmt: skip


QUERY_COMMERCE_WORDS = (
    "buy", "best", "online", "free", "top", "price", "prices", "cost", "sale", "deal", "deals",
    "discount", "app", "code", "codes", "china", "usa", "uk", "fast", "instant", "instantly",
    "quotes", "service", "services", "agent", "shop", "store", "order", "delivery", "overnight",
    "login", "full", "version", "unlimited", "affordable", "quality", "review", "mod", "hack",
    "crack", "likes", "near", "me", "vs", "legit", "jobs", "loan", "credit", "insurance",
    "pills", "pharmacy", "repair", "premium", "packages", "dating", "card", "seo", "cash",
    "today", "get", "key", "help", "cheats", "voucher", "shipping", "dealer", "exporter",
    "distributor", "rental", "booking", "tickets", "hotels", "flights", "episodes", "sub",
    "hd", "1080p", "720p", "mp3", "stream", "watch", "course", "certification", "exam",
    *(str(year) for year in range(2015, 2030)),
)  # fmt: skip


_QUERY_POINTS = {**dict.fromkeys(QUERY_COMMERCE_WORDS, 1), **dict.fromkeys(QUERY_SPAM_WORDS, 2)}


QUERY_RUN_NEEDS = 2


#: two of commerce's words this many tokens apart at most can be one query's
_QUERY_PAIR_REACH = 3


#: each query word and its points, as ``TokenVectorizer.word_points`` takes them
QUERY_WORD_POINTS = tuple(_QUERY_POINTS.items())


_QUERY_TABLE: tuple[np.ndarray, np.ndarray] | None = None


def query_paragraphs(
    hashes: np.ndarray, rows: np.ndarray, n: int, pts: np.ndarray | None = None
) -> np.ndarray:
    """Which of ``n`` paragraphs can hold a search query, from their tokens' hashes (and each
    token's paragraph, ``rows``), for all paragraphs at once: one of spam's words, or two of
    commerce's a few tokens apart. A run of words needs as much, and most paragraphs have
    neither: they are never read for queries. ``pts``: each token's points, when the paragraph
    model looked them up already (``TokenVectorizer.word_points``)."""
    if pts is None:
        global _QUERY_TABLE
        if _QUERY_TABLE is None:
            _QUERY_TABLE = points_by_hash(QUERY_WORD_POINTS)
        pts = hash_points(hashes, _QUERY_TABLE)
    out = np.zeros(n + 1, dtype=bool)
    out[np.minimum(rows[pts >= QUERY_RUN_NEEDS], n)] = True
    weak = np.flatnonzero(pts == 1)
    close = (np.diff(weak) <= _QUERY_PAIR_REACH) & (np.diff(rows[weak]) == 0)
    out[np.minimum(rows[weak[1:][close]], n)] = True
    return out[:n]


#: words that carry a sentence on: a run of query words stops before one (the spam-query rule's,
#: but for ``in`` and ``on``, which a query holds inside, and with the words of quantity)
QUERY_BREAK = (SENTENCE_WORDS - {"in", "on"}) | frozenset(
    ["more", "most", "some", "any", "all", "each", "every", "one", "two", "up", "out"]
)


#: words a query holds inside, never at its edges
_QUERY_INNER = frozenset(
    ["for", "to", "with", "without", "under", "near", "vs", "in", "on", "no", "my", "off"]
)


_QUERY_CUE = re.compile(r"\b(?:" + "|".join(sorted(_QUERY_POINTS, key=len, reverse=True)) + r")\b")


#: a word of a run: Latin letters (accented ones too), digits and the marks inside a query's
#: words (``24/7``, ``1:1``, ``$9.99``, ``50mg``; a stop or a colon before a digit only);
#: anything else stands between two runs (a comma, a bracket, a sentence's end glued to the next
#: word, a word in another script: a year in an Arabic sentence starts no run)
_QUERY_WORD = re.compile(
    r"[a-zA-Z0-9\u00c0-\u024f\u1e00-\u1eff$€£]"
    r"(?:[a-zA-Z0-9\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f$€£%&'’/+\-]|[.:](?=\d))*"
)


_QUERY_MAX_WORDS, _QUERY_REACH, _QUERY_MAX_RUNS = 8, 70, 8


#: characters between two cue words of one run at most (seven words of eight letters)
_QUERY_NEAR = 64


def _with_neighbours(
    matches: Iterator[re.Match[str]],
) -> Iterator[tuple[float, re.Match[str], float]]:
    """Each match with where the one before it ends and the one after it starts (infinitely far
    where there is none), reading the matches one at a time."""
    before: float = -math.inf
    cue = next(matches, None)
    while cue is not None:
        after = next(matches, None)
        yield before, cue, math.inf if after is None else after.start()
        before, cue = cue.end(), after


def _query_runs(text: str) -> list[tuple[int, int]]:
    """Extents of the word runs around each cue of ``text`` (one paragraph, lower-cased), from
    its first ``_QUERY_MAX_RUNS`` runs: a paragraph with more is a list of spam, not an
    article's sentence with one put in (and a line of nothing else, megabytes long, would
    otherwise give millions of candidates)."""
    out: list[tuple[int, int]] = []
    done_to, runs = -1, 0
    get = _QUERY_POINTS.get
    for before, cue, after in _with_neighbours(_QUERY_CUE.finditer(text)):
        if cue.start() < done_to:
            continue
        # a word of commerce alone (no other cue word near it) makes no run: not read
        if get(cue.group(), 0) < QUERY_RUN_NEEDS and not (
            cue.start() - before <= _QUERY_NEAR or after - cue.end() <= _QUERY_NEAR
        ):
            continue
        lo, hi = max(0, cue.start() - _QUERY_REACH), cue.end() + _QUERY_REACH
        toks = [(m.start(), m.end()) for m in _QUERY_WORD.finditer(text, lo, hi)]
        at = next((t for t, (_, end) in enumerate(toks) if end > cue.start()), None)
        if at is None:
            continue
        words = [text[a:b].rstrip("'’") for a, b in toks]
        if words[at] in QUERY_BREAK:
            continue
        # the run: the words on each side with only blanks between them (a mark ends it)
        a = b = at
        while (
            a > 0
            and words[a - 1] not in QUERY_BREAK
            and text[toks[a - 1][1] : toks[a][0]].isspace()
        ):
            a -= 1
        while (
            b + 1 < len(toks)
            and words[b + 1] not in QUERY_BREAK
            and text[toks[b][1] : toks[b + 1][0]].isspace()
        ):
            b += 1
        done_to = toks[b][1]
        held = list(accumulate((get(w, 0) for w in words[a : b + 1]), initial=0))
        if held[-1] < QUERY_RUN_NEEDS:
            continue
        runs += 1
        if runs > _QUERY_MAX_RUNS:
            break
        edges = [e for e in range(a, b + 1) if words[e] not in _QUERY_INNER]
        for i in edges:
            for j in edges:
                if (
                    i < j < i + _QUERY_MAX_WORDS
                    and held[j - a + 1] - held[i - a] >= QUERY_RUN_NEEDS
                ):
                    out.append((toks[i][0], toks[j][0] + len(words[j])))
    return out


def query_candidates(paragraphs: list[str], rows: np.ndarray) -> list[Candidate]:
    """``query_run`` candidates in the paragraphs ``rows`` (those that :func:`query_paragraphs`
    picks)."""
    out: list[Candidate] = []
    for i in np.asarray(rows, dtype=np.int64).tolist():
        text = paragraphs[i]
        lowered = text.lower()
        if len(lowered) != len(text):  # lower-casing moved offsets (``İ``)
            lowered = text
        out.extend(Candidate(i, a, b, "query_run") for a, b in _query_runs(lowered))
    return out


def _glued_links(
    label: re.Pattern[str], joined: str, starts: np.ndarray, ends: np.ndarray
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Label, colon and link text up to the first junction after it, per paragraph; and, where
    the text after the label is Chinese, label, colon and each possible end of a headline.

    The label is tried only at the start of paragraphs with a colon (the engine would try every
    position). Only the first junction is proposed: when later ones were too, the span model
    sometimes chose one inside the article sentence, and a link cut short eats no article text.
    """
    colons = [m.start() for colon in _COLONS for m in colon.finditer(joined)]
    rows = np.unique(np.searchsorted(starts, colons, side="right") - 1)
    found, zh_found = [], []
    for m in matches_at(label, joined, starts[rows].tolist()):
        end = int(ends[np.searchsorted(starts, m.start(), side="right") - 1])
        j = _GLUED_JUNCTION.search(joined, m.end() + _GLUED_MIN, end)
        if j and j.start() <= m.end() + _GLUED_MAX and _latin_headline(joined[m.end() : j.start()]):
            found.append((m.start(), j.start()))
        elif not _latin_headline(joined[m.end() : m.end() + _ZH_GLUED_MIN]):
            last = min(m.end() + _ZH_GLUED_MAX, end - _ZH_GLUED_MIN)
            zh_found.extend(
                (m.start(), e)
                for e in range(m.end() + _ZH_GLUED_MIN, last + 1)
                if joined[e] not in _NO_SENTENCE_START
            )
    return found, zh_found


def glued_view(text: str) -> str:
    """A glued link's label and colon, then the last two characters of its headline."""
    colon = min((i for i in (text.find(":"), text.find("：")) if i >= 0), default=-1)
    return text[: colon + 1] + " … " + text[-2:]


def _in_paragraphs(
    found: list[tuple[int, int]], starts: np.ndarray
) -> tuple[list[int], list[list[int]]]:
    """Spans of the joined paragraphs (none crosses a paragraph break) as the row of the
    paragraph each is in and its offsets inside that paragraph."""
    if not found:
        return [], []
    pos = np.array(found, dtype=np.int64)
    row = np.searchsorted(starts, pos[:, 0], side="right") - 1
    return row.tolist(), (pos - starts[row][:, None]).tolist()


def _located(
    found: list[tuple[int, int]], starts: np.ndarray, which: np.ndarray, kind: str
) -> list[Candidate]:
    """Candidates of ``kind`` from spans of the joined paragraphs."""
    return [
        Candidate(int(which[r]), a, b, kind) for r, (a, b) in zip(*_in_paragraphs(found, starts))
    ]


def _latin_headline(text: str) -> bool:
    """More Latin letters than Han characters: the junctions are told by case, so the headline
    they end is in Latin script (a Chinese abstract's ``目的:…(eotaxin)mRNA`` is no link)."""
    han = len(HAN.findall(text))
    return han == 0 or sum(ch.isascii() and ch.isalpha() for ch in text) > han


def _han_paragraphs(joined: str, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which of the paragraphs ``joined[starts[i]:ends[i]]`` hold a character of U+4E00-U+9FFF."""
    if joined.isascii():  # a flag of the string: no scan
        return np.zeros(len(starts), dtype=bool)
    cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return paragraph_counts((cp >= 0x4E00) & (cp <= 0x9FFF), starts, ends) > 0


_LATIN_NAME = re.compile(r"[A-Za-z0-9]{2,12}$")


_LATIN_AFTER = re.compile(r"app|APP|[A-Za-z0-9]{2,8}")


def _is_han(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _brand_candidates(i: int, text: str, a: int, b: int) -> list[Candidate]:
    """Spans around a gambling word: a Latin or digit name before it, or 0 or 2-4 Han characters,
    then nothing, 1-4 Han characters or a Latin name after it (a word of three or more characters
    may stand alone: 太阳城)."""
    m = _LATIN_NAME.search(text, max(0, a - 12), a)
    if m:
        starts = [m.start()]
    else:
        starts = [a - k for k in (0, 2, 3, 4) if a - k >= 0 and _is_han(text[a - k : a])]
    ends = [b] + [b + k for k in (1, 2, 3, 4) if b + k <= len(text) and _is_han(text[b : b + k])]
    after = _LATIN_AFTER.match(text, b)
    if after:
        ends.append(after.end())
    return [
        Candidate(i, s, e, "zh_brand")
        for s in starts
        for e in ends
        if 2 <= e - s <= 14 and ((s, e) != (a, b) or b - a >= 3)
    ]


def _trade_name_candidates(i: int, text: str, a: int, b: int) -> list[Candidate]:
    """``X国际`` around the ``国际`` at ``a:b``: a Latin or digit name before it, or 2-4 Han
    characters; never ``国际`` alone (a flag grows over the gambling words after it:
    ``银河国际官网``)."""
    m = _LATIN_NAME.search(text, max(0, a - 12), a)
    starts = (
        [m.start()] if m else [a - k for k in (2, 3, 4) if a - k >= 0 and _is_han(text[a - k : a])]
    )
    return [Candidate(i, s, b, TRADE_NAME_KIND) for s in starts]


#: kinds whose flags grow over the gambling words they cut or touch
_BRAND_KINDS = frozenset({"zh_brand", TRADE_NAME_KIND})


#: how far from a flagged brand a gambling word may start and still touch it
_GROW_REACH = 8


def grow_brands(cands: list[Candidate], paragraphs: list[str]) -> list[Candidate]:
    """Gambling-brand candidates grown over the gambling words that they cut or touch.

    Call it on the candidates kept. A brand name is followed by more of the same vocabulary
    (``澳门新葡京`` + ``娱乐场``, ``威尼斯人`` + ``官网``); candidates around each word are
    scored apart, and the one kept may stop short of its neighbour or inside it, which would
    leave ``娱乐场`` or ``乐场`` in the cleaned text.
    """
    brand = _PATTERNS["zh_brand"]
    out = []
    for c in cands:
        if c.kind not in _BRAND_KINDS:
            out.append(c)
            continue
        text, a, b = paragraphs[c.paragraph], c.start, c.end
        while True:  # until no gambling word overlaps or touches the span from outside it
            lo, hi = a, b
            for m in brand.finditer(text, max(0, a - _GROW_REACH), min(len(text), b + _GROW_REACH)):
                if m.start() <= hi and m.end() >= lo:
                    lo, hi = min(lo, m.start()), max(hi, m.end())
            if (lo, hi) == (a, b):
                break
            a, b = lo, hi
        out.append(c if (a, b) == (c.start, c.end) else Candidate(c.paragraph, a, b, c.kind))
    return out


def take_remnants(cands: list[Candidate], paragraphs: list[str], most: int = 2) -> list[Candidate]:
    """A gambling-brand span that leaves at most ``most`` characters of its paragraph (blanks
    aside) takes the paragraph whole: a line that was only a brand kept its first character
    (``澳`` of ``澳门新葡京娱乐场``, the candidates cut before ``门``), a remnant no reader or
    index wants. Other kinds keep their extent: a bracketed field label (``【用途】自住``) is
    followed by the article's own words. Call it on the candidates kept, after
    :func:`grow_brands`."""
    out = []
    bounds: dict[int, tuple[int, int]] = {}  # each paragraph's text within its blanks
    for c in cands:
        if c.kind not in _BRAND_KINDS:
            out.append(c)
            continue
        text = paragraphs[c.paragraph]
        if c.paragraph not in bounds:
            bounds[c.paragraph] = (len(text) - len(text.lstrip()), len(text.rstrip()))
        lo, hi = bounds[c.paragraph]
        # read no further than ``most`` + 1 characters on each side: a long line of many brands
        # was copied whole for each of them
        left = _nonblank(text, lo, c.start, most + 1) + _nonblank(text, c.end, hi, most + 1)
        if 0 < left <= most and lo <= c.start and c.end <= hi:
            c = Candidate(c.paragraph, lo, hi, c.kind)
        out.append(c)
    return out


def _nonblank(text: str, start: int, end: int, most: int) -> int:
    """How many characters of ``text[start:end]`` are not blanks, counted up to ``most``."""
    return sum(1 for _ in islice(NONBLANK.finditer(text, start, max(start, end)), most))
