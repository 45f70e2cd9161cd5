"""Search queries spliced into English sentences, and spam phrases into Chinese ones: the keyword
phrases of SEO spam that no candidate of the span model covers (its comma splices are capitalised
words glued after a comma; its Chinese candidates grow around betting brands' words).

Two rules, each a span flag (``span_rules.query_flags``): a query in
lower case glued to its sentence on one side (``spliced_queries``), and a query on one of spam's
own topics (``casino``, ``payday``, ``replica``, ``vpn``, ``near me``…) put into a page that is
not about it (``spam_queries``); and in Chinese, a spam offer or topic phrase (``注册即送58元彩金``,
``北京赛车pk10``, ``无抵押贷款当天放款``) put into a page not about it (``chinese_spam_phrases``).
"""

from __future__ import annotations

import re
from collections import Counter

from pagesieve.patterns import line_around, line_breaks

#: A search query spliced into an English sentence in lower case, glued to it on one side
#: (``…900 million devices,free movies online including…``, ``…every hour, cheap flights
#: lisbonand the trip…``): words of commerce (``COMMERCE_WORDS``), two or three of them with one
#: of spam's own (``SPAM_WORDS``), or a spam word and a name the line writes with a capital. No
#: line of the corpora's labeled pages holds one; a list in prose (``…, payday loans and credit
#: cards``) has a blank on each side of its items and is never taken.
SPAM_WORDS = frozenset(
    [
        "casino", "casinos", "slot", "slots", "poker", "baccarat", "roulette", "betting",
        "sportsbook", "jackpot", "payday", "loan", "loans", "vpn", "viagra", "cialis", "cbd",
        "kratom", "crypto", "bitcoin", "forex", "essay", "essays", "replica", "replicas",
        "escort", "escorts", "porn", "xxx", "hookup", "wholesale", "wholesaler", "supplier",
        "suppliers", "manufacturer", "manufacturers", "coupon", "coupons", "promo", "discount",
        "cheap", "cheapest", "bonus", "apk", "torrent",
    ]
)  # fmt: skip
COMMERCE_WORDS = SPAM_WORDS | frozenset(
    [
        "bet", "lottery", "dating", "factory", "deals", "deal", "spins", "deposit", "sale",
        "buy", "price", "prices", "online", "free", "best", "top", "review", "reviews",
        "download", "hack", "generator", "followers", "trial", "approval", "movies",
        "streaming", "hotels", "flights", "tickets", "insurance", "quotes",
    ]
)  # fmt: skip
#: words a query does not hold; the phrase ends before one
_QUERY_STOP = frozenset(
    [
        "a", "an", "the", "and", "or", "but", "nor", "if", "then", "than", "so", "as", "at",
        "by", "for", "from", "in", "into", "of", "on", "onto", "to", "with", "without", "about",
        "after", "before", "over", "under", "between", "through", "during", "is", "are", "was",
        "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will",
        "would", "can", "could", "should", "may", "might", "must", "shall", "it", "its", "this",
        "that", "these", "those", "there", "here", "he", "she", "they", "we", "you", "i", "his",
        "her", "their", "our", "your", "my", "which", "who", "whom", "whose", "what", "when",
        "where", "while", "why", "how", "not", "also", "just", "very", "too", "including",
        "especially", "compared", "particular", "such", "like", "said", "says",
    ]
)  # fmt: skip
#: the word of the sentence that the query's last word is glued to (``trialand``)
_QUERY_GLUE = tuple(
    sorted(
        [
            "and", "in", "especially", "compared", "which", "but", "with", "for", "to", "the",
            "that", "while", "because", "or", "as", "at", "on", "of", "is", "are", "was",
            "were", "including", "so", "from",
        ],
        key=len,
        reverse=True,
    )
)  # fmt: skip
#: a comma with a lower-case letter right after it (the letter before it is checked apart: a
#: pattern that opens with a lookbehind is tried at every position, one that opens with the
#: comma only at commas)
_GLUED_COMMA = re.compile(r",[a-z]")
_QUERY_TOKEN = re.compile(r"[a-z0-9][a-z0-9'\-]*")
_SPAM_WORD = re.compile(rf"\b(?:{'|'.join(sorted(SPAM_WORDS, key=len, reverse=True))})")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")
_YEAR = re.compile(r"20\d\d")
_QUERY_WORDS = (2, 6)
_QUERY_REACH = 80


def _query_at(text: str, at: int, line_end: int, names: set[str]) -> tuple[int, int] | None:
    """The query that starts at ``at`` (right after its comma, or the blank after it), if the
    words there make one and it is glued on: its comma with no blank, or its last word run into
    the sentence's next one."""
    spaced = text[at] == " "
    pos = at + spaced
    words: list[str] = []
    end, glued = pos, False
    for m in re.finditer(r"\S+", text[pos : min(line_end, pos + _QUERY_REACH)]):
        token = m.group()
        bare = token.rstrip(".,;:!?)\"'")
        if not _QUERY_TOKEN.fullmatch(bare) or bare in _QUERY_STOP:
            break
        if bare not in COMMERCE_WORDS:
            head = next((bare[: -len(g)] for g in _QUERY_GLUE if bare.endswith(g)), "")
            if len(head) >= 3 and (head in COMMERCE_WORDS or head in names):
                words.append(head)
                end, glued = pos + m.start() + len(head), True
                break
        words.append(bare)
        end = pos + m.start() + len(bare)
        if bare != token:
            break
    if not (glued or not spaced) or not _QUERY_WORDS[0] <= len(words) <= _QUERY_WORDS[1]:
        return None
    commerce = sum(w in COMMERCE_WORDS or bool(_YEAR.fullmatch(w)) for w in words)
    spam = sum(w in SPAM_WORDS for w in words)
    named = sum(w in names for w in words)
    if (commerce >= 2 and spam) or (spam and named) or commerce >= 3:
        return pos, end
    return None


def spliced_queries(text: str, after_spam_words: bool = True) -> list[tuple[int, int]]:
    """Where such queries stand in ``text`` (lines joined by line breaks), left to right. Only
    a comma glued to a word and a comma before a spam word (unless ``after_spam_words`` is
    false) are read: most lines have neither."""
    opens = {
        m.start() + 1
        for m in _GLUED_COMMA.finditer(text)
        if text[m.start() - 1 : m.start()].isalpha()
    }
    for m in _SPAM_WORD.finditer(text) if after_spam_words else ():
        comma = text.rfind(",", max(0, m.start() - _QUERY_REACH), m.start())
        if comma > 0 and text[comma - 1].isalpha() and "\n" not in text[comma : m.start()]:
            opens.add(comma + 1)
    out: list[tuple[int, int]] = []
    names: dict[int, set[str]] = {}
    breaks = line_breaks(text)
    for at in sorted(opens):
        if at >= len(text) or (out and at < out[-1][1]):
            continue
        line_start, line_end = line_around(breaks, at)
        if line_start not in names:
            line = text[line_start:line_end]
            names[line_start] = {w.lower() for w in _CAPITALISED.findall(line)}
        found = _query_at(text, at, line_end, names[line_start])
        if found:
            out.append(found)
    return out


#: The topics of spam queries (``online slots real money``, ``payday loans bad credit``, ``replica
#: … watch for sale``, ``write my essay``, ``buy modafinil online``, ``vpn free download``,
#: ``christian dating sites``, ``emergency plumber near me``): a query must hold one, and a page
#: whose own prose uses that word is about it (``spam_queries`` leaves its lines).
QUERY_TOPICS = frozenset(
    [
        "casino", "casinos", "slots", "roulette", "blackjack", "baccarat", "betting", "bets",
        "bookmaker", "bookmakers", "sportsbook", "payday", "loans", "replica", "replicas",
        "essay", "essays", "assignment", "assignments", "dissertation", "modafinil", "zolpidem",
        "xanax", "tramadol", "viagra", "cialis", "levitra", "keygen", "torrent", "bitcoin",
        "crypto", "forex", "dating", "singles", "hookup", "hookups", "vpn", "plumber",
        "plumbers", "locksmith", "lawyers", "attorneys", "escort", "escorts",
    ]
)  # fmt: skip
#: two words that make such a topic together
QUERY_TOPIC_PAIRS = frozenset(
    {
        ("no", "deposit"), ("free", "spins"), ("free", "bets"), ("bonus", "code"),
        ("cash", "advance"), ("bad", "credit"), ("guaranteed", "approval"),
        ("without", "prescription"), ("overnight", "delivery"), ("real", "cash"),
        ("same", "day"), ("aaa", "quality"), ("swiss", "movement"), ("homework", "help"),
        ("term", "paper"), ("local", "singles"), ("insurance", "quotes"),
    }
)  # fmt: skip
#: the words a query adds to its topic (its topic words not counted twice)
QUERY_WORDS = (COMMERCE_WORDS - QUERY_TOPICS) | frozenset(
    [
        "cheapest", "discount", "deals", "deal", "cost", "quotes", "apps", "2020", "2021",
        "2022", "2023", "2024", "2025", "suppliers", "uk", "usa", "instant", "instantly",
        "fast", "guaranteed", "bonus", "code", "win", "real", "cash", "money", "tips", "today",
        "tonight", "24/7", "24", "hour", "near", "me", "delivery", "overnight", "10mg", "20mg",
        "1:1", "quality", "outlet", "service", "services",
    ]
)  # fmt: skip
#: words that carry a sentence on, not a query: a query's extent stops before one
SENTENCE_WORDS = frozenset(
    [
        "a", "an", "the", "and", "or", "but", "nor", "if", "then", "than", "so", "as", "at",
        "by", "from", "in", "into", "of", "on", "onto", "is", "are", "was", "were", "be",
        "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "can",
        "could", "should", "may", "might", "must", "shall", "it", "its", "this", "that",
        "these", "those", "there", "here", "he", "she", "they", "we", "you", "i", "his", "her",
        "their", "our", "your", "which", "who", "whom", "whose", "what", "when", "where",
        "while", "why", "how", "not", "also", "just", "very", "too", "including", "especially",
        "such", "like", "said", "says", "after", "before", "over", "between", "through",
        "during", "about", "because", "although", "though", "since", "until", "unless",
        "whether",
    ]
)  # fmt: skip
#: words a query holds inside it (``write my essay for me``, ``lawyers near me``); never at its
#: edges, save ``no`` first (``no deposit``) and ``me`` last
_INNER_WORDS = frozenset(
    [
        "for", "near", "me", "my", "with", "without", "under", "to", "in", "no", "and", "on",
        "of", "the", "this", "at",
    ]
)  # fmt: skip
#: a token: a run without blanks, or up to a sentence's end or a comma glued to the next word
#: (``(18°C).buy modafinil``, ``finance,online casino``)
_TOKEN = re.compile(r"\S+?(?=\s|$|(?<=[a-z0-9)\]°%][.!?,])(?=[A-Za-z]))")
_TRAILING = re.compile(r"[.,;:!?)\]]$")
_QUOTES = "\"“‘'"
_QUERY_MAX_WORDS = 10
#: characters read on each side of a topic's word
_QUERY_WINDOW = 150
#: a paragraph worth reading: a topic's word or pair of words in it, in lower-cased text
_TOPIC_TERMS = sorted(
    [*QUERY_TOPICS, *(" ".join(pair) for pair in QUERY_TOPIC_PAIRS), "near me"],
    key=len,
    reverse=True,
)
QUERY_TOPIC_WORD = re.compile(r"\b(?:" + "|".join(_TOPIC_TERMS) + r")\b")
#: the same in text as written (when lower-casing would move offsets: ``İ``)
_TOPIC_WORD_ANY_CASE = re.compile(r"(?i:\b(?:" + "|".join(_TOPIC_TERMS) + r")\b)")
#: the words whose tokens the paragraph model marks (``ParagraphFeatures.word_counts``): a
#: paragraph without one holds no query of either rule, but for a comma glued to a word
QUERY_TRIGGERS = tuple(
    sorted(
        QUERY_TOPICS
        | SPAM_WORDS
        # the rarer word of each pair (``same day``, ``real cash``: not read)
        | {"deposit", "spins", "prescription", "homework", "overnight", "aaa", "quotes"}
        | {"approval", "advance", "singles", "near"}
    )
)


def _bare(token: str) -> str:
    return token.strip(".,;:!?()[]\"'“”‘’").lower()


def _query_around(
    tokens: list[tuple[int, int, str]], words: list[str], i: int, pair: bool
) -> tuple[int, int]:
    """The first and last token of the query around the topic word at ``i``: as far as no
    punctuation, no word that carries a sentence and no change of case (a Title Case query in a
    sentence) stops it."""
    lo, hi = i, i + pair
    while hi + 1 < len(tokens) and hi - lo < _QUERY_MAX_WORDS - 1:
        this, nxt = tokens[hi][2], tokens[hi + 1][2]
        if _TRAILING.search(this):
            break
        if words[hi + 1] in SENTENCE_WORDS and words[hi + 1] not in _INNER_WORDS:
            break
        if nxt[:1].isupper() and this[:1].islower():
            break
        title_case = this[:1].isupper() and tokens[lo][2][:1].isupper()
        if title_case and nxt[:1].islower() and words[hi + 1] not in _INNER_WORDS:
            break
        hi += 1
    while lo > 0 and hi - lo < _QUERY_MAX_WORDS - 1:
        this, prev = tokens[lo][2], tokens[lo - 1][2]
        if _TRAILING.search(prev) or this.startswith(("(", "[")):
            break
        if words[lo - 1] in SENTENCE_WORDS and words[lo - 1] not in _INNER_WORDS:
            break
        if this[:1].isupper() != prev[:1].isupper() and not (
            this[:1].isdigit() or prev[:1].isdigit()
        ):
            break
        lo -= 1
    while lo < hi and words[lo] in _INNER_WORDS and words[lo] != "no":
        lo += 1
    while hi > lo and words[hi] in _INNER_WORDS and words[hi] != "me":
        hi -= 1
    return lo, hi


def _topics(span: list[str]) -> int:
    pairs = list(zip(span, span[1:]))
    n = sum(w in QUERY_TOPICS for w in span) + sum(p in QUERY_TOPIC_PAIRS for p in pairs)
    # ``near me`` in a query of three words or more without an article (not ``the first thing
    # near me``)
    if ("near", "me") in pairs and len(span) >= 3 and not {"the", "a", "an"} & set(span):
        n += 1
    return n


def _is_put_in(text: str, start: int, end: int, tokens: list[str], topics: int, words: int) -> bool:
    """Does the query stand apart from its sentence? Glued to what comes before, in brackets,
    after a sentence's end (ending the paragraph or before the next sentence), a Title Case run
    inside a lower-case sentence, or, in the middle of a sentence, two topics or a topic and two
    words of commerce."""
    before = text[:start].rstrip()
    rest = text[end:].lstrip(" )")
    if start > 0 and not text[start - 1].isspace():
        return True
    if tokens[0].startswith("("):
        return True
    if before[-1:] in (".", "!", "?", ":") and (
        rest == "" or rest[:1] in ".!?" or rest[:1].isupper()
    ):
        return True
    titled = all(t[:1].isupper() or t[:1].isdigit() or _bare(t) in _INNER_WORDS for t in tokens)
    if titled and sum(t[:1].isupper() for t in tokens) >= 2:
        prev_word = before.rsplit(None, 1)[-1] if before else ""
        if prev_word[:1].islower() and (rest == "" or rest[:1] in ".!?" or rest[:1].islower()):
            return True
    return topics >= 2 or topics + words >= 3


def _query_candidates(text: str) -> list[tuple[int, int, set[str]]]:
    """(start, end, its topic words) of each query in ``text``, left to right. Only the words
    around a topic's are read (a query is ten words at most)."""
    out: list[tuple[int, int, set[str]]] = []
    lowered = text.lower()
    hits = (
        QUERY_TOPIC_WORD.finditer(lowered)
        if len(lowered) == len(text)
        else _TOPIC_WORD_ANY_CASE.finditer(text)
    )
    for hit in hits:
        if out and hit.start() < out[-1][1]:
            continue
        lo = text.rfind(" ", 0, max(0, hit.start() - _QUERY_WINDOW)) + 1
        hi = text.find(" ", hit.end() + _QUERY_WINDOW)
        hi = len(text) if hi < 0 else hi
        tokens = [(lo + m.start(), lo + m.end(), m.group()) for m in _TOKEN.finditer(text[lo:hi])]
        at = next((k for k, (a, b, _) in enumerate(tokens) if b > hit.start()), None)
        found = None if at is None else _query_at_topic(text, tokens, at)
        if found and not (out and found[0] < out[-1][1]):
            out.append(found)
    return out


def _query_at_topic(
    text: str, tokens: list[tuple[int, int, str]], i: int
) -> tuple[int, int, set[str]] | None:
    """The query around the topic word at token ``i``, if its words and place make one."""
    words = [_bare(t) for _, _, t in tokens]
    pair = i + 1 < len(tokens) and (
        (words[i], words[i + 1]) in QUERY_TOPIC_PAIRS or (words[i], words[i + 1]) == ("near", "me")
    )
    if words[i] not in QUERY_TOPICS and not pair:
        return None
    lo, hi = _query_around(tokens, words, i, pair)
    span = words[lo : hi + 1]
    topics = _topics(span)
    commerce = sum(w in QUERY_WORDS for w in span)
    if len(span) < 2 or not topics or topics + commerce < 2:
        return None
    start, end = tokens[lo][0], tokens[hi][1]
    bracketed = tokens[lo][2].startswith("(") and tokens[hi][2].endswith(")")
    if _TRAILING.search(tokens[hi][2]) and not bracketed:
        end -= 1
    raw = [t for _, _, t in tokens[lo : hi + 1]]
    if any(t[:1] in _QUOTES for t in raw):  # a search the article quotes
        return None
    if not _is_put_in(text, start, end, raw, topics, commerce):
        return None
    return start, end, {w for w in span if w in QUERY_TOPICS}


def spam_queries(
    paragraphs: list[str], read: list[bool] | None = None
) -> list[list[tuple[int, int]]]:
    """The spam queries put into each of a page's ``paragraphs`` (those it keeps; only those
    ``read`` marks are searched), as (start, end) offsets. A query whose topic word the page
    uses outside its queries is left: the page is about that (an article on payday loans, an
    essay-writing guide)."""
    found = [
        _query_candidates(p) if read is None or read[i] else [] for i, p in enumerate(paragraphs)
    ]
    if not any(found):
        return [[] for _ in paragraphs]
    topics = {t for queries in found for _, _, words in queries for t in words}
    said = re.compile(r"(?i:\b(?:" + "|".join(sorted(topics)) + r")\b)")
    outside: Counter[str] = Counter()
    for paragraph, queries in zip(paragraphs, found) if topics else ():
        rest = paragraph
        for a, b, _ in sorted(queries, reverse=True):
            rest = rest[:a] + " " + rest[b:]
        outside.update(m.group().lower() for m in said.finditer(rest))
    return [
        [(a, b) for a, b, words in queries if not any(outside[t] for t in words)]
        for queries in found
    ]


#: A Chinese spam phrase: a betting site's offer (``注册即送58元彩金``, ``免费领取38元彩金``), a
#: gambling game's or a lottery scam's name and what spam adds to it (``真人百家乐在线``,
#: ``北京赛车pk10``, ``幸运飞艇计划群``, ``网赌平台推荐``, ``足球竞彩推荐``), a loan, surrogacy or
#: fake-diploma offer (``无抵押贷款当天放款``, ``试管代孕包生男孩``, ``办理大专毕业证``). None in the
#: 17,578 clean Chinese articles or ``zh/pages``; the Chinese news on gambling that holds such a
#: name quotes it (``以“百家乐”“时时彩”等为幌子``) or is about it.
CHINESE_SPAM_PHRASE = re.compile(
    # the lookahead lets the engine skip every position no phrase starts at
    r"(?=[注首充免领真百北幸重时pP网足竞彩棋无黑贷快试代办])(?:"
    r"(?:注册|首充|首存|充值)(?:即|就)?(?:送|领取?|返)\d{1,4}(?:元|%)?(?:彩金|体验金|红包)?"
    r"|免费领取?\d{1,4}元彩金|领取?彩金"
    r"|(?:真人)?百家乐(?:在线|必赢技巧|技巧|平台|网站|官网)?"
    r"|(?:北京赛车|幸运飞艇|重庆时时彩|时时彩)(?:pk10|PK10)?(?:计划群?|平台|开奖|技巧|官网)?"
    r"|(?:pk|PK)10(?:计划|平台)?"
    r"|网赌(?:平台推荐|被黑怎么办|技巧)|足球竞彩推荐|竞彩推荐|彩票开户|棋牌游戏充值返利"
    r"|(?:无抵押|黑户)贷款(?:当天放款)?|贷款秒批(?:不看征信)?|快速贷款"
    r"|试管代孕[\u4e00-\u9fff]{0,4}|代孕(?:包生男孩)?|办理?(?:大专|本科|假)(?:毕业证|学历证))"
)
#: the word that names each phrase's topic: a page whose kept text uses it outside the phrases
#: is about that topic (a police report on gambling rings, a history of baccarat)
_CHINESE_SPAM_TOPICS = re.compile(
    r"百家乐|时时彩|赛车|飞艇|pk10|PK10|网赌|竞彩|彩金|代孕|贷款|毕业证|学历证|开户|返利"
)
_OPEN_QUOTES = '“「『"《'


def chinese_spam_phrases(
    paragraphs: list[str], read: list[bool], kept: list[bool]
) -> list[list[tuple[int, int]]]:
    """The spam phrases in each of a page's ``paragraphs`` that ``read`` marks, as (start, end)
    offsets: not in quotes, and not when the page's ``kept`` paragraphs use the phrase's topic
    word outside the phrases."""
    found = [
        [m.span() for m in CHINESE_SPAM_PHRASE.finditer(p)] if r else []
        for p, r in zip(paragraphs, read)
    ]
    found = [
        [(a, b) for a, b in spans if not (a and p[a - 1] in _OPEN_QUOTES)]
        for p, spans in zip(paragraphs, found)
    ]
    if not any(found):
        return found
    said: Counter[str] = Counter()
    for p, spans, k in zip(paragraphs, found, kept):
        if not k:
            continue
        rest = p
        for a, b in sorted(spans, reverse=True):
            rest = rest[:a] + " " + rest[b:]
        said.update(m.group() for m in _CHINESE_SPAM_TOPICS.finditer(rest))
    out = []
    for p, spans in zip(paragraphs, found):
        keep = []
        for a, b in spans:
            topic = _CHINESE_SPAM_TOPICS.search(p, a, b)
            if topic is None or not said[topic.group()]:
                keep.append((a, b))
        out.append(keep)
    return out
