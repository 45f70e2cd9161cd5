"""The span model: which candidate phrases inside paragraphs that belong were spliced in.

A paragraph that belongs can still carry an injection: a keyword phrase glued in with a comma
(``Xiaomi,Web Series Archives who makes``), a related-article link glued to the next sentence
(``SEE ALSO: …right nowBut, for…``), a gambling brand inside a Chinese sentence, pinyin inserted
after characters. Patterns propose candidate spans generously (``pagesieve.span_candidates``); a
logistic model trained on synthetic splices and on candidates from clean articles decides which
are foreign, using the phrase's own words and how well they fit the rest of the page.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from itertools import chain

import numpy as np
import scipy.sparse as sp

from pagesieve.batch_text import JoinedParagraphs
from pagesieve.char_bigrams import CharBigrams
from pagesieve.ngram_hash import hashing_transform
from pagesieve.sklearn_imports import (
    HashingVectorizer,
    HistGradientBoostingClassifier,
    LogisticRegression,
)
from pagesieve.span_candidates import (
    CANDIDATE_TYPES,
    CJK_KINDS,
    CLAUSE_ENDS,
    HAN,
    QUERY_BREAK,
    QUERY_KINDS,
    SPAN_GROUPS,
    TRADE_NAME_KIND,
    Candidate,
    glued_view,
    span_group,
)
from pagesieve.tokens import TOKEN_RE, Tokens, codepoints, string_hashes

#: the kinds told apart by a dense feature of their own (a search query's candidates have a model
#: of their own, so need none, and the other kinds' models read the features they always did)
_ONE_HOT_KINDS = tuple(kind for kind in CANDIDATE_TYPES if kind not in QUERY_KINDS)
_KIND_INDEX = {kind: i for i, kind in enumerate(_ONE_HOT_KINDS)}
#: dense features of a candidate, after its hashed n-grams and words: kind, then nine more
N_DENSE = len(_ONE_HOT_KINDS) + 9
#: folds of the Chinese linear model's scores that its trees learn from
TREE_FOLDS = 3


def _text_occurrences(
    paragraphs: list[str], doc_of: np.ndarray, texts: list[str], docs: np.ndarray
) -> np.ndarray:
    """How often each ``texts[i]`` occurs on page ``docs[i]`` (at least once: it is a
    candidate's own text), counted once per distinct (text, page), as ``str.count`` counts.
    ``doc_of``: each paragraph's page, in page order, as a batch's segments give it."""
    bounds = np.searchsorted(doc_of, np.arange(int(doc_of.max()) + 2))
    by_page: dict[int, list[str]] = {}
    for text, d in zip(texts, docs.tolist()):
        by_page.setdefault(d, []).append(text)
    found: dict[tuple[str, int], int] = {}
    for d, page_texts in by_page.items():
        distinct = list(dict.fromkeys(page_texts))
        page = "\n".join(paragraphs[bounds[d] : bounds[d + 1]])
        if len(page) * len(distinct) <= _PLAIN_COUNT_WORK:
            counts = [page.count(text) for text in distinct]
        else:  # a long page with many phrases: each ``count`` would read the whole page again
            counts = _CharIndex(page).counts(distinct)
        found.update(((text, d), max(1, n)) for text, n in zip(distinct, counts))
    return np.fromiter(
        (found[text, d] for text, d in zip(texts, docs.tolist())), np.int64, len(texts)
    )


#: characters read by ``str.count`` over one page beyond which the page is indexed instead
_PLAIN_COUNT_WORK = 4_000_000


class _CharIndex:
    """Where each pair of characters of a page stands, so that a phrase is looked for only where
    its rarest pair is: ``str.count`` over a 500,000-character page for each of its thousands of
    phrases made one long page take minutes (the work grew with the square of its length)."""

    def __init__(self, page: str) -> None:
        self.page = page
        self.codes = codepoints(page).astype(np.uint64)
        pairs = _pair_keys(self.codes)
        self.order = np.argsort(pairs, kind="stable")  # positions, by pair then position
        self.sorted = pairs[self.order]

    def counts(self, texts: list[str]) -> list[int]:
        """``page.count(text)`` of each text, which is taken from the page (so stands there once
        at least): non-overlapping occurrences, left to right."""
        out = [0] * len(texts)
        long = [i for i, text in enumerate(texts) if len(text) >= 2]
        for i in set(range(len(texts))) - set(long):
            out[i] = self.page.count(texts[i])
        if not long:
            return out
        # each text's pairs, all looked up at once; a text whose rarest pair stands once on
        # the page is there once (nearly every phrase: the rest are read one by one)
        widths = np.fromiter((len(texts[i]) for i in long), np.int64, len(long))
        at = np.zeros(len(long), dtype=np.int64)  # where each text starts among all the codes
        np.cumsum(widths[:-1], out=at[1:])
        codes = codepoints("".join(texts[i] for i in long)).astype(np.uint64)
        pairs = _pair_keys(codes)
        inside = np.ones(len(pairs), dtype=bool)
        inside[at[1:] - 1] = False  # a pair across two texts
        keys = pairs[inside]
        lo = np.searchsorted(self.sorted, keys, "left")
        hi = np.searchsorted(self.sorted, keys, "right")
        first = at - np.arange(len(long))  # each text's first pair among ``keys``
        rarest = np.minimum.reduceat(hi - lo, first)
        for j in np.flatnonzero(rarest == 1).tolist():
            out[long[j]] = 1
        for j in np.flatnonzero(rarest != 1).tolist():
            a, w = int(at[j]), int(widths[j])
            out[long[j]] = self._count(texts[long[j]], codes[a : a + w], lo, hi, int(first[j]))
        return out

    def _count(self, text: str, codes: np.ndarray, lo: np.ndarray, hi: np.ndarray, at: int) -> int:
        width = len(codes)
        k = int(np.argmin(hi[at : at + width - 1] - lo[at : at + width - 1]))
        starts = self.order[lo[at + k] : hi[at + k]] - k  # ascending: the sort kept page order
        starts = starts[(starts >= 0) & (starts <= len(self.codes) - width)]
        starts = starts[(self.codes[starts[:, None] + np.arange(width)] == codes).all(axis=1)]
        if not _overlaps_itself(text):
            return len(starts)
        n, end = 0, 0
        for start in starts.tolist():
            if start >= end:
                n, end = n + 1, start + width
        return n


def _pair_keys(codes: np.ndarray) -> np.ndarray:
    """One number per pair of neighbouring characters (code points are under 2**21)."""
    return (codes[:-1] << np.uint64(21)) | codes[1:]


def _overlaps_itself(text: str) -> bool:
    """Can two occurrences of ``text`` overlap: does it start as it ends (``哈哈``, ``abab``)?"""
    return any(text[:k] == text[-k:] for k in range(1, len(text)))


def _multiplicity(hashes: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """For each word of each phrase (``owner``: its phrase), how often that phrase holds it."""
    if not len(hashes):
        return np.zeros(0, dtype=np.int64)
    key = _keys(hashes, owner)
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    return counts[inverse]


_MIX = np.uint64(0x9E3779B97F4A7C15)


def _keys(hashes: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """One 64-bit key per (document, token hash): a collision needs two equal 64-bit values."""
    return hashes.astype(np.uint64) ^ (docs.astype(np.uint64) * _MIX)


@dataclass(slots=True)
class PageWords:
    """How often each token occurs on each page of a batch, for the whole batch at once.

    Built from the paragraph model's own tokens (``TokenVectorizer.transform_with_tokens``),
    so the span model does not tokenise the pages a second time.
    """

    keys: np.ndarray  #: sorted unique (document, token) keys
    counts: np.ndarray

    @classmethod
    def from_hashes(
        cls, hashes: np.ndarray, token_paragraph: np.ndarray, doc_of: np.ndarray
    ) -> PageWords:
        """The same, from the tokens' :func:`~pagesieve.tokens.string_hashes` values."""
        if not len(hashes):
            return cls(np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64))
        para = np.minimum(token_paragraph, len(doc_of) - 1)  # a trailing newline's "paragraph"
        keys, counts = np.unique(_keys(hashes, doc_of[para]), return_counts=True)
        return cls(keys, counts)

    @classmethod
    def from_repaired_tokens(
        cls,
        token_hashes: np.ndarray,
        token_paragraph: np.ndarray,
        doc_of: np.ndarray,
        given: JoinedParagraphs,
        repaired: np.ndarray,
    ) -> PageWords:
        """The page words of the text as ``given``, from the tokens (their hashes) of a copy
        in which the paragraphs ``repaired`` were changed: only those are tokenised again.

        The other paragraphs are the same strings, so they have the same tokens provided both
        texts were lower-cased the same way (the caller checks: a per-character lowering has no
        final sigma). If the repair put a newline into a paragraph, everything is tokenised again.
        """
        rows = np.asarray(token_paragraph)
        if (rows[-1] if len(rows) else 0) != len(doc_of) - 1:
            return cls._of_text(given, doc_of)
        changed = np.zeros(len(doc_of), dtype=bool)
        changed[repaired] = True
        keep = (np.diff(rows, prepend=0) > 0) | ~changed[rows]  # newlines, unchanged paragraphs
        findall, lowered = TOKEN_RE.findall, given.lowered
        redo = [
            findall(lowered, a, b)
            for a, b in zip(given.starts[repaired].tolist(), given.ends[repaired].tolist())
        ]
        n_redo = np.fromiter(map(len, redo), dtype=np.int64, count=len(redo))
        redo_hashes = string_hashes(list(chain.from_iterable(redo)))
        return cls.from_hashes(
            np.concatenate([np.asarray(token_hashes)[keep], redo_hashes]),
            np.concatenate([rows[keep], np.repeat(np.asarray(repaired, np.int64), n_redo)]),
            doc_of,
        )

    @classmethod
    def of(cls, paragraphs: list[str], doc_of: np.ndarray) -> PageWords:
        """The same, tokenising ``paragraphs`` here (training, and a repaired batch whose repair
        changed how it is lower-cased, when the paragraph model's tokens cannot be reused)."""
        return cls._of_text(JoinedParagraphs.of(paragraphs), np.asarray(doc_of))

    @classmethod
    def _of_text(cls, joined: JoinedParagraphs, doc_of: np.ndarray) -> PageWords:
        tokens = Tokens.of(joined.lowered)
        return cls.from_hashes(tokens.hashes, tokens.rows, doc_of)

    def count(self, words: list[str], docs: np.ndarray) -> np.ndarray:
        """Occurrences of each ``words[i]`` on page ``docs[i]``."""
        return self.count_hashes(string_hashes(words), docs)

    def count_hashes(self, hashes: np.ndarray, docs: np.ndarray) -> np.ndarray:
        """As :meth:`count`, for words given by their :func:`~pagesieve.tokens.string_hashes`."""
        if not len(hashes) or not len(self.keys):
            return np.zeros(len(hashes), dtype=np.int64)
        k = _keys(hashes, np.asarray(docs))
        at = np.minimum(np.searchsorted(self.keys, k), len(self.keys) - 1)
        return np.where(self.keys[at] == k, self.counts[at], 0)


@dataclass(slots=True)
class PageTokens:
    """What the paragraph model's tokenisation of a batch leaves for the span model's page words:
    each token's hash and paragraph and, when mojibake was repaired before featurizing, the
    text as given and the repaired paragraphs (only those are tokenised again)."""

    hashes: np.ndarray
    rows: np.ndarray
    given: JoinedParagraphs | None = None
    repaired: np.ndarray | None = None

    def page_words(self, doc_of: np.ndarray) -> PageWords:
        if self.given is None:
            return PageWords.from_hashes(self.hashes, self.rows, doc_of)
        return PageWords.from_repaired_tokens(
            self.hashes, self.rows, doc_of, self.given, self.repaired
        )


def _query_context(para: str, start: int, end: int) -> str:
    """The words on each side of a search query's candidate, and what they are: a word that
    carries the sentence on, a mark, the line's edge. A query cut in anywhere leaves the
    sentence's words on both sides; an extent too short or too long ends inside a phrase."""
    before = para[max(0, start - 40) : start].split()
    after = para[end : end + 40].split()
    # glued to what stands before or after it: that mark (``health.insect …``), else the word
    prev = para[start - 1] if start and not para[start - 1].isspace() else "^"
    if before and prev == "^" and start:
        prev = before[-1].lower()
    nxt = para[end] if end < len(para) and not para[end].isspace() else "$"
    if after and nxt == "$" and end < len(para):
        nxt = after[0].lower()
    marks = [
        "qlB" if prev.strip(".,;:'’\"") in QUERY_BREAK else "",
        "qlP" if prev[-1:] in ".,;:!?)" else "",
        "qrB" if nxt.strip(".,;:'’\"") in QUERY_BREAK else "",
        "qrC" if after and after[0][:1].isupper() else "",
        "qeP" if para[end - 1] in ".,;:" or (end < len(para) and para[end] in ".,;:!?)") else "",
    ]
    return " ".join([f"ql{prev}", f"qr{nxt}", *(m for m in marks if m)])


def _context_words(paragraphs: list[str], cands: list[Candidate]) -> list[str]:
    """The two characters before and after each Chinese candidate, as marked words.

    A gambling word in its ordinary sense comes with its collocations (福利|彩票, 景区|官网,
    出海|捕鱼, 网络|赌博); a phrase spliced in after a random character has none. Other kinds
    get no words: their contexts are the English comma and case cues of the dense features.
    """
    out = []
    for c in cands:
        if c.kind in QUERY_KINDS:
            out.append(_query_context(paragraphs[c.paragraph], c.start, c.end))
            continue
        if c.kind not in CJK_KINDS:
            out.append("")
            continue
        para = paragraphs[c.paragraph]
        left = ("^^" + para[max(0, c.start - 2) : c.start])[-2:]
        right = (para[c.end : c.end + 2] + "$$")[:2]
        out.append(f"l2{left} l1{left[1]} r1{right[0]} r2{right}")
    return out


class SpanModel:
    """Scores candidate spans: P(spliced in)."""

    def __init__(self, n_features: int = 2**16, C: float = 2.0) -> None:
        self.n_features = n_features
        self.C = C
        self.hasher = HashingVectorizer(
            analyzer="char_wb",
            ngram_range=(2, 4),
            n_features=n_features,
            alternate_sign=False,
            norm="l2",
            lowercase=True,
        )
        self.word_hasher = HashingVectorizer(
            token_pattern=r"[^\W\d_]+|[\u4e00-\u9fff]",
            ngram_range=(1, 1),
            n_features=2**15,
            alternate_sign=False,
            norm="l2",
        )
        self.context_hasher_ = HashingVectorizer(
            token_pattern=r"\S+",
            lowercase=False,
            n_features=2**14,
            alternate_sign=False,
            norm="l2",
        )

    def _features(
        self,
        paragraphs: list[str],
        doc_of: np.ndarray,
        words: PageWords,
        cands: list[Candidate],
        cjk: np.ndarray | None = None,
    ) -> sp.csr_matrix:
        """``cjk``: which candidates are of the Chinese kinds (``group_rows``; computed when not
        given)."""
        if cjk is None:
            cjk = self.group_rows(cands)["cjk"]
        texts = [paragraphs[c.paragraph][c.start : c.end] for c in cands]
        # a third of the candidates repeat another's text (boilerplate, brand variants): the
        # text's own features are computed once per distinct text and gathered back by row
        first = dict.fromkeys(texts)
        uniq = list(first)
        for i, t in enumerate(uniq):
            first[t] = i
        inv = np.fromiter(map(first.__getitem__, texts), dtype=np.int64, count=len(texts))
        dense = np.zeros((len(cands), N_DENSE), dtype=np.float32)
        k = len(_ONE_HOT_KINDS)
        glued = {t for t, c in zip(texts, cands) if c.kind == "zh_glued_link"}
        # the n-grams of a Chinese glued link: its label and where its headline ends (the
        # headline's own words would teach the model the training headlines, not the shape)
        views = [glued_view(t) if t in glued else t for t in uniq] if glued else uniq
        # how much of the phrase the rest of the page talks about: the share of its words (Han
        # characters one by one) that the page uses twice or more, the phrase itself included
        # (for a Chinese phrase, once or more outside the phrase's own copies: below)
        phrase_words = [[w for w in TOKEN_RE.findall(t.lower()) if w.isalpha()] for t in uniq]
        u_words = np.fromiter(map(len, phrase_words), dtype=np.int64, count=len(uniq))
        u_hashes = string_hashes([w for ws in phrase_words for w in ws])
        n_words = u_words[inv]
        owner = np.repeat(np.arange(len(cands)), n_words)
        # each candidate's words: its text's run of ``u_hashes``
        u_offset = np.zeros(len(uniq), dtype=np.int64)
        np.cumsum(u_words[:-1], out=u_offset[1:])
        run_start = np.zeros(len(cands), dtype=np.int64)
        np.cumsum(n_words[:-1], out=run_start[1:])
        at = u_offset[inv][owner] + np.arange(len(owner)) - run_start[owner]
        cand_doc = doc_of[np.fromiter((c.paragraph for c in cands), np.int64, len(cands))]
        # a word counts when the page uses it outside the phrase's own occurrences: a hijacked
        # Chinese page repeats its brand, and the brand's copies do not vouch for each other
        # (a Latin phrase keeps the old count: a page's topic words are its own candidates)
        occurs = np.ones(len(cands), dtype=np.int64)
        if cjk.any():
            at_cjk = np.flatnonzero(cjk)
            occurs[at_cjk] = _text_occurrences(
                paragraphs, doc_of, [texts[i] for i in at_cjk.tolist()], cand_doc[at_cjk]
            )
        word_hashes = u_hashes[at]
        count = words.count_hashes(word_hashes, cand_doc[owner])
        seen = count >= 2
        cjk_words = cjk[owner]
        if cjk_words.any():
            in_phrase = _multiplicity(word_hashes[cjk_words], owner[cjk_words])
            outside = count[cjk_words] - occurs[owner[cjk_words]] * in_phrase
            seen[cjk_words] = outside >= 1
        dense[:, k] = np.bincount(owner, weights=seen, minlength=len(cands)) / np.maximum(
            n_words, 1
        )
        per_cand = np.array(
            [
                (
                    _KIND_INDEX.get(c.kind, -1),
                    c.start,
                    c.end,
                    len(para := paragraphs[c.paragraph]),
                    c.start > 0 and para[c.start - 1] == ",",
                    c.end < len(para) and para[c.end : c.end + 1].isupper(),
                )
                for c in cands
            ],
            dtype=np.int64,
        ).reshape(len(cands), 6)
        kind, start, end, para_len = per_cand[:, :4].T
        split = [t.split() for t in uniq]
        title = [sum(1 for w in ws if w[:1].isupper()) / max(len(ws), 1) for ws in split]
        has_cjk = [bool(HAN.search(t)) for t in uniq]
        u_len = np.fromiter(map(len, uniq), dtype=np.int64, count=len(uniq))
        para_len = np.maximum(para_len, 1)
        one_hot = kind >= 0
        dense[np.flatnonzero(one_hot), kind[one_hot]] = 1.0
        dense[:, k + 1] = np.log1p(u_len[inv])
        dense[:, k + 2] = np.log1p(n_words)
        dense[:, k + 3] = start / para_len
        dense[:, k + 4] = (end - start) / para_len
        dense[:, k + 5] = per_cand[:, 4]
        dense[:, k + 6] = per_cand[:, 5]
        dense[:, k + 7] = np.array(title, dtype=np.float64)[inv]
        dense[:, k + 8] = np.array(has_cjk, dtype=bool)[inv]
        parts = [
            hashing_transform(self.hasher, views)[inv],
            hashing_transform(self.word_hasher, views)[inv],
        ]
        if self.context_hasher_ is not None:
            parts.append(hashing_transform(self.context_hasher_, _context_words(paragraphs, cands)))
        return sp.hstack([*parts, sp.csr_matrix(dense)], format="csr")

    #: a threshold per group of kinds, set by training (None: the detector's single threshold)
    thresholds_: dict[str, float] | None = None

    #: the characters around a Chinese candidate as words (None: an artifact from before them)
    context_hasher_: HashingVectorizer | None = None

    #: seam statistics of Chinese prose for the Chinese kinds (None: an older artifact)
    bigrams_: CharBigrams | None = None
    #: trees over the Chinese kinds' linear score, dense features and seams (None: older)
    cjk_trees_: HistGradientBoostingClassifier | None = None
    #: the Chinese kinds' linear model and trees for candidates that start a clause, fitted
    #: also on splices put there (None: an artifact from before it, or no such splices)
    clause_model_: tuple[LogisticRegression, HistGradientBoostingClassifier | None] | None = None

    @staticmethod
    def group_rows(cands: list[Candidate]) -> dict[str, np.ndarray]:
        """Each group of kinds (in ``SPAN_GROUPS``' order) and which candidates are of it."""
        names = np.array([span_group(c.kind) for c in cands])
        return {g: names == g for g in SPAN_GROUPS}

    def seams(self, paragraphs, cands: list[Candidate]) -> np.ndarray | None:
        """:meth:`CharBigrams.seams_many` of each candidate (None without seam statistics)."""
        if self.bigrams_ is None:
            return None
        return self.bigrams_.seams_many(
            [paragraphs[c.paragraph] for c in cands],
            np.fromiter((c.start for c in cands), np.int64, len(cands)),
            np.fromiter((c.end for c in cands), np.int64, len(cands)),
        )

    def _seams(self, rows: np.ndarray, paragraphs, cands: list[Candidate]) -> np.ndarray:
        return self.seams(paragraphs, [cands[j] for j in np.flatnonzero(rows).tolist()])

    def _group_matrix(
        self, Xr: sp.csr_matrix, group: str, seams: np.ndarray | None
    ) -> sp.csr_matrix:
        """What a group's linear model reads of its rows ``Xr``: the Chinese kinds also read the
        seams."""
        if group != "cjk" or seams is None:
            return Xr
        left, right, join = seams.T
        extra = np.column_stack([left, right, join, join - 0.5 * (left + right)]) / 5.0
        return sp.hstack([Xr, sp.csr_matrix(extra.astype(np.float32))], format="csr")

    def _tree_inputs(self, linear: np.ndarray, Xr: sp.csr_matrix, seams: np.ndarray) -> np.ndarray:
        """What the Chinese trees read: the linear score, the dense features and the seams."""
        left, right, join = seams.T
        return np.column_stack(
            [
                linear,
                Xr[:, -N_DENSE:].toarray(),
                seams,
                join - 0.5 * (left + right),
                np.minimum(join - left, join - right),
            ]
        ).astype(np.float32)

    def fit(
        self,
        paragraphs,
        doc_of,
        cands: list[Candidate],
        y: np.ndarray,
        bigrams: CharBigrams | None = None,
        clause_rows: np.ndarray | None = None,
    ) -> SpanModel:
        """``bigrams``: seam statistics from clean Chinese text that none of the pages holds.
        ``clause_rows``: the Chinese candidates of splices put at a clause's start, which only
        the clause model (:attr:`clause_model_`) learns from.

        With them, the Chinese kinds get trees over the linear model's score, the dense features
        and the seams. The linear model knows the phrases it was trained on by their n-grams;
        its score for the trees comes from folds that split by phrase, so the trees see what it
        says of a phrase it never saw, and learn to weigh the seams there (held-out gambling
        terms spliced into held-out articles: caught 0.58 -> 0.70, held-out brand names 0.60 ->
        0.75, against the linear model alone: ``bench/zh_unseen_splices.py``).
        """
        doc_of = np.asarray(doc_of)
        self.bigrams_ = bigrams
        self.cjk_trees_ = None
        groups = self.group_rows(cands)
        X = self._features(
            paragraphs, doc_of, PageWords.of(paragraphs, doc_of), cands, groups["cjk"]
        )
        y = np.asarray(y)
        self.clfs_ = {}
        self.clause_model_ = None
        clause = np.zeros(len(cands), dtype=bool) if clause_rows is None else clause_rows
        for group, rows in groups.items():
            if group == "cjk" and clause.any():
                self.clause_model_ = self._fit_group(paragraphs, cands, X, y, rows, group)
            fitted = self._fit_group(paragraphs, cands, X, y, rows & ~clause, group)
            if fitted is not None:
                self.clfs_[group], trees = fitted
                if trees is not None:
                    self.cjk_trees_ = trees
        return self

    def _fit_group(
        self,
        paragraphs,
        cands: list[Candidate],
        X: sp.csr_matrix,
        y: np.ndarray,
        rows: np.ndarray,
        group: str,
    ) -> tuple[LogisticRegression, HistGradientBoostingClassifier | None] | None:
        """A group's linear model on its ``rows``, and for the Chinese kinds (with seam
        statistics) the trees over it; None when the rows hold one class only."""
        y = y[rows]
        if len(np.unique(y)) < 2:
            return None  # nothing to learn: the group's candidates are never flagged
        seams = self._seams(rows, paragraphs, cands) if group == "cjk" and self.bigrams_ else None
        Xr = X[rows]
        Xg = self._group_matrix(Xr, group, seams)
        linear = self._new_linear().fit(Xg, y)
        if seams is None:
            return linear, None
        picked = (cands[j] for j in np.flatnonzero(rows).tolist())
        texts = [paragraphs[c.paragraph][c.start : c.end] for c in picked]
        return linear, self._fit_trees(Xg, y, texts, Xr, seams)

    def _new_linear(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced")

    def _fit_trees(
        self,
        Xg: sp.csr_matrix,
        yg: np.ndarray,
        texts: list[str],
        Xr: sp.csr_matrix,
        seams: np.ndarray,
    ) -> HistGradientBoostingClassifier:
        fold = np.fromiter((zlib.crc32(t.encode()) % TREE_FOLDS for t in texts), np.int64)
        linear = np.zeros(len(yg))
        for k in range(TREE_FOLDS):
            fit, out = fold != k, fold == k
            linear[out] = self._new_linear().fit(Xg[fit], yg[fit]).predict_proba(Xg[out])[:, 1]
        balance = np.where(yg == 1, (yg == 0).sum() / max(int(yg.sum()), 1), 1.0)
        trees = HistGradientBoostingClassifier(
            max_iter=200,
            learning_rate=0.1,
            max_leaf_nodes=15,
            min_samples_leaf=50,
            l2_regularization=1.0,
            random_state=0,
        )
        return trees.fit(self._tree_inputs(linear, Xr, seams), yg, sample_weight=balance)

    def predict_proba(
        self, paragraphs, doc_of, cands: list[Candidate], words: PageWords | None = None
    ) -> np.ndarray:
        """P(spliced in) per candidate; ``words`` are the batch's page words when already counted."""
        if not cands:
            return np.zeros(0, dtype=np.float32)
        doc_of = np.asarray(doc_of)
        if words is None:
            words = PageWords.of(paragraphs, doc_of)
        groups = self.group_rows(cands)
        X = self._features(paragraphs, doc_of, words, cands, groups["cjk"])
        clfs = getattr(self, "clfs_", None)
        if clfs is None:  # an artifact from before the split: one model for every kind
            return self.clf_.predict_proba(X)[:, 1].astype(np.float32)
        out = np.zeros(len(cands), dtype=np.float32)
        for group, rows in groups.items():
            if group in clfs and rows.any():
                model = (clfs[group], self.cjk_trees_ if group == "cjk" else None)
                if group == "cjk" and self.clause_model_ is not None:
                    # a candidate that starts a clause is read by the model that saw splices there
                    at_clause = rows & clause_starts(paragraphs, cands)
                    out[at_clause] = self._group_proba(
                        paragraphs, cands, X, at_clause, group, self.clause_model_
                    )
                    rows = rows & ~at_clause
                out[rows] = self._group_proba(paragraphs, cands, X, rows, group, model)
        return out

    def _group_proba(
        self,
        paragraphs,
        cands: list[Candidate],
        X: sp.csr_matrix,
        rows: np.ndarray,
        group: str,
        model: tuple[LogisticRegression, HistGradientBoostingClassifier | None],
    ) -> np.ndarray:
        """P(spliced in) of the candidates of ``rows`` by a group's linear model and trees."""
        if not rows.any():
            return np.zeros(0, dtype=np.float32)
        linear_model, trees = model
        seams = None
        if group == "cjk" and self.bigrams_ is not None:
            seams = self._seams(rows, paragraphs, cands)
        Xr = X[rows]
        linear = linear_model.predict_proba(self._group_matrix(Xr, group, seams))[:, 1]
        if seams is not None and trees is not None:
            linear = trees.predict_proba(self._tree_inputs(linear, Xr, seams))[:, 1]
        return linear

    def incompatibilities(self) -> list[str]:
        """Where the fitted span models read another number of features than this code builds
        (a model fitted by another version of pagesieve)."""
        width = self.hasher.n_features + self.word_hasher.n_features + N_DENSE
        if self.context_hasher_ is not None:
            width += self.context_hasher_.n_features
        # the widths that _group_matrix and _tree_inputs build, read off them on no rows
        none = sp.csr_matrix((0, width), dtype=np.float32)
        seams = np.zeros((0, 3)) if self.bigrams_ is not None else None
        problems = []
        linear_models = dict(getattr(self, "clfs_", None) or {})
        if self.clause_model_ is not None:
            linear_models["cjk clause"] = self.clause_model_[0]
        for group, clf in linear_models.items():
            want = self._group_matrix(none, group.split()[0], seams).shape[1]
            if clf.n_features_in_ != want:
                problems.append(
                    f"its {group} span model reads {clf.n_features_in_} features, "
                    f"this code builds {want}"
                )
        want = self._tree_inputs(np.zeros(0), none, np.zeros((0, 3))).shape[1]
        clause_trees = self.clause_model_[1] if self.clause_model_ is not None else None
        for name, trees in (("span trees", self.cjk_trees_), ("clause trees", clause_trees)):
            if trees is not None and trees.n_features_in_ != want:
                problems.append(
                    f"its Chinese {name} read {trees.n_features_in_} features, "
                    f"this code builds {want}"
                )
        return problems

    def thresholds(
        self, cands: list[Candidate], default: float, paragraphs: list[str] | None = None
    ) -> np.ndarray:
        """The threshold each candidate's score is compared with (with ``paragraphs``, the
        Chinese candidates that start a clause get the clause model's own, when it has one)."""
        if not self.thresholds_:
            return np.full(len(cands), default, dtype=np.float32)
        out = np.full(len(cands), default, dtype=np.float32)
        groups = self.group_rows(cands)
        for group, rows in groups.items():
            out[rows] = self.thresholds_.get(group, default)
        if paragraphs is not None and CLAUSE_GROUP in self.thresholds_:
            out[groups["cjk"] & clause_starts(paragraphs, cands)] = self.thresholds_[CLAUSE_GROUP]
        if TRADE_GROUP in self.thresholds_:
            out[trade_rows(cands)] = self.thresholds_[TRADE_GROUP]
        return out


#: the key of the clause model's threshold among a span model's ``thresholds_``
CLAUSE_GROUP = "cjk_clause"
#: ... and of the ``X国际`` candidates' (``span_candidates._trade_name_candidates``): a word as
#: common in news as ``国际`` gives many clean candidates, held to a quantile of their own
TRADE_GROUP = "cjk_trade"


def trade_rows(cands: list[Candidate]) -> np.ndarray:
    """Which candidates are ``X国际`` names."""
    return np.fromiter((c.kind == TRADE_NAME_KIND for c in cands), dtype=bool, count=len(cands))


def clause_starts(paragraphs: list[str], cands: list[Candidate]) -> np.ndarray:
    """Which candidates start a clause: at their paragraph's start or right after ``，``,
    ``、``, ``；``, ``：`` or a sentence's end (where ``synth.splice_at_clause`` puts a phrase)."""
    return np.fromiter(
        (c.start == 0 or paragraphs[c.paragraph][c.start - 1] in CLAUSE_ENDS for c in cands),
        dtype=bool,
        count=len(cands),
    )


#: weight of the span score against the seams when choosing among overlapping candidates
SEAM_SCORE_WEIGHT = 4.0


def merge_overlapping(
    cands: list[Candidate],
    probs: np.ndarray,
    kinds: frozenset[str] = CJK_KINDS,
    seams: np.ndarray | None = None,
) -> tuple[list[Candidate], np.ndarray]:
    """Candidates of ``kinds`` that overlap become one, with the highest score.

    Call it on candidates that passed their threshold. Chinese candidates are every length around
    a gambling word, and their scores hardly tell the lengths apart (``js333金沙`` 0.998,
    ``js333金沙召开全市`` 0.915). With ``seams`` (:meth:`CharBigrams.seams_many` of each
    candidate) the one kept weighs its score against its seams: where a splice was cut in, the
    seams hold less than the join of the outer neighbours. Without, the union, so as not to
    leave half a brand name in the cleaned text (:func:`grow_brands` then adds whole gambling
    words that a kept candidate cuts).
    """
    if seams is not None:
        # how well a candidate's extent fits a splice: its score, and seams that hold less than
        # the join of its outer neighbours (the weights were chosen on held-out Chinese articles
        # with spliced gambling terms; against the best score alone, exact extents 0.43 -> 0.52
        # with brand names training never saw)
        fit = SEAM_SCORE_WEIGHT * probs - (seams[:, 0] + seams[:, 1] - seams[:, 2]) / 5.0
    mine = sorted(
        (j for j, c in enumerate(cands) if c.kind in kinds),
        key=lambda j: (cands[j].paragraph, cands[j].start),
    )
    out_c = [c for c in cands if c.kind not in kinds]
    out_p = [float(p) for c, p in zip(cands, probs.tolist()) if c.kind not in kinds]
    group: list[int] = []
    end = -1  # where the current group's union ends

    def close() -> None:
        if group:
            best = max(group, key=lambda j: probs[j])
            if seams is None:
                first = cands[group[0]]
                out_c.append(Candidate(first.paragraph, first.start, end, cands[best].kind))
            else:
                out_c.append(cands[max(group, key=lambda j: fit[j])])
            out_p.append(float(probs[best]))

    for j in mine:
        c = cands[j]
        if group and c.paragraph == cands[group[0]].paragraph and c.start < end:
            group.append(j)
            end = max(end, c.end)
            continue
        close()
        group, end = [j], c.end
    close()
    return out_c, np.array(out_p, dtype=np.float32)


def span_label(kind: str) -> str:
    return "navigation" if kind in ("glued_link", "zh_glued_link") else "keyword_injection"
