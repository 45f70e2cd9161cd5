"""The public entry point: load the trained model, scan pages, clean them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from numbers import Integral, Real
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import ThreadpoolController

from pagesieve.artifact import DEFAULT_MODEL, load_artifact
from pagesieve.batch_scores import (
    CLASS_LABEL,
    NO_ROWS,
    BatchScores,
    document_extent,
    lines_as_read,
)
from pagesieve.cell_tables import cell_table_rows
from pagesieve.corpus import CLASSES
from pagesieve.ensemble import ParagraphEnsemble
from pagesieve.explain import describe, group_contributions, typical_article_rows
from pagesieve.hanzi import fold_paragraphs, fold_table
from pagesieve.line_rules import (
    LINE_RULES,
    RULE_LABEL,
    RULE_SCORE,
    flag_lines,
    rule_lines,
    table_rows,
    trading_links,
    union_rules,
)
from pagesieve.model import ParagraphModel
from pagesieve.patterns import TEMPLATE_ANY, matches_at, template_starts
from pagesieve.pieces import Pieces, scan_in_parts
from pagesieve.segment import Segments, segment_batch, segment_paragraph_lists
from pagesieve.shape import SHAPE_NAMES
from pagesieve.spam_queries import spliced_queries
from pagesieve.span_candidates import (
    QUERY_KINDS,
    Candidate,
    find_candidates,
    grow_brands,
    take_remnants,
)
from pagesieve.span_rules import (
    ADVERTISED_NAME_SCORE,
    BETTING_AD_LINE_SCORE,
    CHINESE_SPAM_SCORE,
    CMS_TOKEN_SCORE,
    GAMBLING_BRAND_SCORE,
    INLINE_LINK_SCORE,
    PINYIN_INITIAL_SCORE,
    SPAM_QUERY_SCORE,
    SPLICED_QUERY_SCORE,
    advertised_name_flags,
    betting_ad_flags,
    chinese_spam_flags,
    cms_token_flags,
    gambling_brand_flags,
    inline_link_flags,
    pinyin_initial_flags,
    query_flags,
)
from pagesieve.spans import SpanModel, merge_overlapping, span_label
from pagesieve.types import (
    LABEL_INDEX,
    DisjointSpans,
    Flag,
    FlagColumns,
    remove_flagged,
    without_spans,
)
from pagesieve.unread_pages import (
    HANGUL_SHIFT,
    KANA_SHIFT,
    OTHER_ALPHABET_SHIFT,
    SCRIPT_SHIFTS,
    UNREAD_PAGE_SHIFT,
    raise_scores,
)

_PATTERN_COLUMNS = [
    (i, n) for i, n in enumerate(SHAPE_NAMES) if n == "template" or n.startswith("cue_")
]


_FRAC_CJK = SHAPE_NAMES.index("frac_cjk")
_TEMPLATE = SHAPE_NAMES.index("template")
#: a flagged paragraph whose template syntax covers less than this share of it, with at least
#: this many words besides, is looked at again without the syntax (``Detector._template_tokens``)
TEMPLATE_SHARE = 0.45
TEMPLATE_WORDS = 8
#: ... and its syntax alone is flagged when, without it, the paragraph scores below this: it
#: reads as article. Junk that holds a token can score well under the threshold without it
#: (``Buy cheap replica watches … {$price} …``: 0.28-0.48 in an audit of 120 such lines, which
#: 0.5 let 17 of through and 0.25 none)
TEMPLATE_ARTICLE = 0.25
#: words, counting each Han character as one
_WORD_OR_HAN = re.compile(r"[^\W\u4e00-\u9fff]+|[\u4e00-\u9fff]")


def _without_glued_queries(
    cands: list[Candidate], probs: np.ndarray, paragraphs: list[str]
) -> tuple[list[Candidate], np.ndarray]:
    """The candidates but the search queries that a query glued to its sentence overlaps
    (``spam_queries.spliced_queries``): that rule, run later, knows where the glue is
    (``…same day approvalwhich it said…``), the query model's words do not."""
    rows = {c.paragraph for c in cands if c.kind in QUERY_KINDS}
    glued = {row: spliced_queries(paragraphs[row]) for row in rows}
    keep = [
        j
        for j, c in enumerate(cands)
        if c.kind not in QUERY_KINDS
        or not any(a < c.end and c.start < b for a, b in glued[c.paragraph])
    ]
    if len(keep) == len(cands):
        return cands, probs
    return [cands[j] for j in keep], probs[keep]


_controller: ThreadpoolController | None = None


def _thread_limit(n_threads: int | None) -> AbstractContextManager:
    """Limit OpenMP for one call; the controller is built once (inspecting the loaded libraries
    costs milliseconds, the limit itself microseconds)."""
    global _controller
    if n_threads is None:
        return nullcontext()
    if _controller is None:
        _controller = ThreadpoolController()
    return _controller.limit(limits=n_threads, user_api="openmp")


#: paragraphs on each side of a spliced one that are scored again without the splice
NEIGHBOURS = 2
#: a Chinese paragraph this long that the first pass flags is searched for splices as well
PROSE_CHARS = 40
#: the most characters scored at once: a batch's text or, cut at line breaks, a longer
#: document's (``pagesieve.pieces``); scoring holds about 40 bytes a character at its peak
MAX_SCORED_CHARS = 2_000_000


class MembersError(ValueError):
    """A member count the model cannot score with (more than it has, or none calibrated)."""


class ModelCompatibilityError(RuntimeError):
    """The model was fitted by a version of pagesieve that builds other features than this one."""


def check_compatible(path: Path, bundle: dict) -> None:
    """Refuse, at load and in one message, a model that would fail on every document."""
    problems = bundle["model"].incompatibilities()
    spans = bundle.get("spans")
    if spans is not None:
        problems += spans.incompatibilities()
    if problems:
        raise ModelCompatibilityError(
            f"{path} was fitted by another version of pagesieve: {'; '.join(problems)}. "
            "Retrain it with this version's train.py, or use the model shipped with this version"
        )


def _first_members(
    model: ParagraphModel | ParagraphEnsemble, k: int, meta: dict, threshold: float
) -> tuple[ParagraphModel | ParagraphEnsemble, float]:
    """The first ``k`` members of ``model`` and their calibrated threshold (all of them: the
    model's own)."""
    have = len(model.members) if isinstance(model, ParagraphEnsemble) else 1
    if not 1 <= k <= have:
        raise MembersError(f"the model has {have} member{'s' if have > 1 else ''}; asked for {k}")
    if k == have:
        return model, threshold
    calibrated = meta.get("member_thresholds", {}).get(str(k))
    if calibrated is None:
        raise MembersError(f"the model has no threshold calibrated for its first {k} members")
    assert isinstance(model, ParagraphEnsemble)
    return model.first(k), float(calibrated)


@dataclass
class Detector:
    """Flags the paragraphs and spliced-in phrases of pages that do not belong to their article."""

    model: ParagraphModel | ParagraphEnsemble
    spans: SpanModel | None
    threshold: float = 0.5
    span_threshold: float = 0.5
    meta: dict = field(default_factory=dict)
    #: OpenMP threads for the trees (None: the library's default, all cores). One by default:
    #: idle OpenMP threads spin while the rest of a scan runs Python, and on a busy machine a
    #: single-page scan took ten times longer with them than without.
    n_threads: int | None = 1
    #: score pages again with their spliced phrases cut out (see :meth:`_without_splices`)
    rescore_spliced: bool = True
    #: flag only the template syntax of article prose that holds some (see :meth:`_template_tokens`)
    narrow_templates: bool = True
    #: flag tags lines and lines of page furniture by rule (``pagesieve.line_rules``)
    line_rules: bool = True
    #: log-odds added to the scores of pages neither English nor Chinese (``unread_pages``; 0:
    #: the model's own scores)
    unread_shift: float = UNREAD_PAGE_SHIFT
    #: the same for such pages in alphabets other than Latin and Cyrillic
    alphabet_shift: float = OTHER_ALPHABET_SHIFT
    #: the same for Japanese pages (kana) and for Korean ones (Hangul)
    kana_shift: float = KANA_SHIFT
    hangul_shift: float = HANGUL_SHIFT
    #: the same for pages in the scripts of ``unread_pages.SCRIPT_RANGES`` (Bengali, Tamil), by name
    script_shifts: dict[str, float] = field(default_factory=lambda: dict(SCRIPT_SHIFTS))
    #: labels never reported, for crawls whose idea of the article differs from the corpora's
    #: (``comment``: CleanEval counts a blog's readers' comments as article text, dragnet and
    #: l3s-gn1 do not); their paragraphs are kept, and ``clean`` keeps their text
    keep_labels: frozenset[str] = frozenset()
    #: also flag readers' comment threads of pages that are not Chinese, found by their rhythm
    #: (``comment_threads``), for crawls that count comments as noise: off by default, since
    #: the labeled pages disagree (CleanEval keeps a blog's comments, dragnet and l3s-gn1 do not)
    comment_threads: bool = False
    #: flag the threads of pages in other languages (neither English nor Chinese) all the same:
    #: their labeled pages all count comments as noise (``keep_labels`` with ``comment`` keeps
    #: them still)
    foreign_comment_threads: bool = True

    @classmethod
    def load(
        cls,
        path: str | Path | None = None,
        threshold: float | None = None,
        members: int | None = None,
        keep_labels: Iterable[str] = (),
        *,
        comment_threads: bool = False,
        refitting_spans: bool = False,
    ) -> Detector:
        """The shipped model (``path=None``) or another artifact, checked against its sha256.

        ``members=k`` scores with the first ``k`` members of an ensemble only (faster, less
        accurate), at the threshold calibrated for them when the model was trained.
        ``keep_labels`` are never reported (``("comment",)``: readers' comments belong);
        ``comment_threads`` flags every line of a thread on a page that is not Chinese (they do
        not). The two contradict each other, and asking for both is refused.
        ``refitting_spans``: a span model that this code cannot read is left out instead of
        refused (``train.py --spans-only`` fits a new one: a change to the span features needs
        no more)."""
        keep = kept_labels(keep_labels)
        check_comment_rule(keep, comment_threads)
        check_threshold(threshold)
        if members is not None and (
            not isinstance(members, Integral) or isinstance(members, bool) or members < 1
        ):
            raise ValueError(f"members must be a whole number of at least 1, not {members!r}")
        if path is not None and not str(path):
            raise ValueError("path is empty: None loads the shipped model")
        path = Path(path) if path is not None else DEFAULT_MODEL
        # The Traditional-to-Simplified table, built now rather than with the first Chinese
        # page: a signal (SIGTERM, Ctrl-C) landing in OpenCC's import there came out of it as an
        # ImportError, which failed that page and every Chinese page after it, and the scan went
        # on as if never stopped (about 80 ms)
        fold_table()
        bundle = load_artifact(path)
        if not (isinstance(bundle, dict) and {"model", "meta"} <= bundle.keys()):
            raise ModelCompatibilityError(
                f"{path} holds a {type(bundle).__name__}, not a pagesieve model (a dict with "
                "'model' and 'meta', as train.py writes it)"
            )
        old_spans = bundle.get("spans")
        if refitting_spans and old_spans is not None and old_spans.incompatibilities():
            bundle = {**bundle, "spans": None}
        check_compatible(path, bundle)
        meta = bundle["meta"]
        model, default = bundle["model"], float(meta.get("threshold", 0.5))
        if members is not None:
            model, default = _first_members(model, members, meta, default)
        det = cls(
            model=model,
            spans=bundle.get("spans"),
            threshold=default,
            span_threshold=float(meta.get("span_threshold", 0.5)),
            meta=meta,
            keep_labels=keep,
            comment_threads=bool(comment_threads),
        )
        if threshold is not None:
            det.threshold = float(threshold)
        return det

    def to_bundle(self) -> dict:
        meta = {**self.meta, "threshold": self.threshold, "span_threshold": self.span_threshold}
        if self.spans is not None and self.spans.thresholds_:
            meta["span_thresholds"] = dict(self.spans.thresholds_)  # for the model card
        return {"model": self.model, "spans": self.spans, "meta": meta}

    # -- scoring ----------------------------------------------------------------------------
    def score_batch(self, texts: list[str], keep_inputs: bool = False) -> BatchScores:
        seg = segment_batch(texts)
        return self.score_segments(seg, keep_inputs)

    def score_segments(self, seg: Segments, keep_inputs: bool = False) -> BatchScores:
        feats = self.model.featurize(seg)
        with _thread_limit(self.n_threads):
            prediction = self.model.predict_with_inputs(seg, feats)
        p_noise, raised, foreign = prediction.p_noise, None, None
        query_rows = feats.query_rows
        if feats.languages is not None:
            languages = feats.languages
            foreign = languages.foreign
            if query_rows is not None:
                # the query model knows English queries in English sentences: in a sentence
                # of another language every word looks put in (``Ekran 14 cali … Full HD``)
                query_rows = query_rows & ~foreign
            raised = languages.shifts(
                self.unread_shift,
                self.alphabet_shift,
                self.kana_shift,
                self.hangul_shift,
                self.script_shifts,
            )
            rows = raised != 0
            p_noise = raise_scores(p_noise, rows, raised[rows])
        return BatchScores(
            seg=seg,
            p_noise=p_noise,
            class_proba=prediction.class_proba,
            noise_class=prediction.noise_class,
            shape=feats.shape,
            inputs=prediction.inputs if keep_inputs else None,
            page_tokens=feats.page_tokens,
            read_paragraphs=feats.read_paragraphs,
            read_offsets=feats.read_offsets,
            raised=raised,
            foreign=foreign,
            word_counts=feats.word_counts,
            query_rows=query_rows,
        )

    def flag_columns(self, scores: BatchScores, explain: bool = False) -> FlagColumns:
        """The batch's flags, paragraphs and spliced phrases, as columns in text order."""
        seg = scores.seg
        flagged = scores.p_noise >= self.threshold
        read = lines_as_read(scores)  # a page served with the wrong charset, read repaired
        if self.line_rules:
            flagged[table_rows(read, flagged)] = False
            flagged[cell_table_rows(read, flagged)] = False
        spliced: list[tuple[int, Flag]] = []
        if self.narrow_templates:
            flagged, spliced = self._template_tokens(scores, flagged, explain)
        ruled = rules = NO_ROWS
        if self.line_rules:
            flagged, ruled, rules = flag_lines(
                read,
                flagged,
                self.threshold,
                self.comment_threads,
                self.foreign_comment_threads,
            )
        if self.spans is not None:
            eligible = ~flagged
            chinese = scores.shape[:, _FRAC_CJK] >= 0.5
            if self.rescore_spliced:
                # Chinese prose flagged whole may be article with a brand appended to it: its
                # splice is looked for too, and the second look decides what stays flagged
                prose = chinese & (seg.ends - seg.starts >= PROSE_CHARS)
                eligible = eligible | (flagged & prose)
            spliced += self._span_flags(seg, eligible, explain, scores)
            if self.threshold <= CHINESE_SPAM_SCORE:
                spliced = chinese_spam_flags(scores, eligible & chinese, ~flagged, spliced, explain)
            if self.rescore_spliced:
                # splices into Chinese prose: in English prose a splice was not seen to sway the
                # neighbours, and a second look there lowered ads and placeholders next to them
                # below the threshold
                in_chinese = [s for s in spliced if chinese[s[0]]]
                if in_chinese:
                    scores, flagged, more = self._without_splices(
                        scores, flagged, in_chinese, explain
                    )
                    # the rules' flags stand, and a line the first pass had flagged and the
                    # second look frees is theirs too
                    flagged[ruled] = True
                    if self.line_rules:
                        freed, freed_rules = rule_lines(
                            lines_as_read(scores), flagged, self.threshold
                        )
                        if len(freed):
                            ruled, rules = union_rules((ruled, rules), (freed, freed_rules))
                            flagged[ruled] = True
                    # a freed paragraph of Chinese prose was searched already, with the same
                    # first-pass scores: its splices were found twice
                    found = {(row, f.start, f.end) for row, f in spliced}
                    spliced += [(row, f) for row, f in more if (row, f.start, f.end) not in found]
                spliced = [(row, flag) for row, flag in spliced if not flagged[row]]
        if self.narrow_templates and self.threshold <= CMS_TOKEN_SCORE:
            spliced += cms_token_flags(scores, flagged, spliced, explain, self.threshold)
        # only paragraphs that hold Han characters can hold a run of pinyin initials or a brand
        has_han = scores.shape[:, _FRAC_CJK] > 0
        han = ~flagged & has_han
        if self.threshold <= PINYIN_INITIAL_SCORE:
            spliced += pinyin_initial_flags(scores.seg, han, spliced, explain)
        if self.threshold <= GAMBLING_BRAND_SCORE:
            spliced = gambling_brand_flags(scores, han, spliced, explain)
        # betting sites' ad lines, then the names a page's spam lines (those among them) advertise
        spam_lines = flagged
        if self.threshold <= BETTING_AD_LINE_SCORE:
            spliced, ad_rows = betting_ad_flags(scores, han, spliced, explain)
            if len(ad_rows):
                spam_lines = flagged.copy()
                spam_lines[ad_rows] = True
        if (
            self.threshold <= ADVERTISED_NAME_SCORE
            and self.spans is not None
            and self.spans.bigrams_ is not None
        ):
            spliced += advertised_name_flags(
                scores,
                spam_lines,
                han & ~spam_lines,
                has_han,
                spliced,
                self.spans.bigrams_,
                explain,
            )
        if self.threshold <= INLINE_LINK_SCORE:
            spliced += inline_link_flags(scores.seg, ~flagged, spliced, explain)
        # the query rules read only paragraphs holding a word of a query (vocabulary ids the
        # paragraph model looked up anyway), but for a comma glued to a word
        queried = ~flagged
        if scores.word_counts is not None:
            queried = queried & (scores.word_counts["query"] > 0)
        if self.threshold <= max(SPLICED_QUERY_SCORE, SPAM_QUERY_SCORE):
            spliced += query_flags(scores.seg, ~flagged, queried, spliced, explain, self.threshold)
        rows = np.flatnonzero(flagged)
        contributions = self._contributions(scores, rows) if explain else {}
        reasons = None
        if explain:
            reasons = [
                self._reason(scores, i, contributions, r) for r, i in enumerate(rows.tolist())
            ]
            for i, rule in zip(np.searchsorted(rows, ruled).tolist(), rules.tolist()):
                name, _, _, what = LINE_RULES[rule]
                reasons[i] = f"{what}: matched {name}; {reasons[i]}"
        doc = seg.doc[rows]
        start, end = seg.starts[rows], seg.ends[rows]
        label = self._family_named(scores, rows, CLASS_LABEL[scores.noise_class[rows]])
        score = scores.p_noise[rows].astype(np.float64)
        if len(ruled):
            at = np.searchsorted(rows, ruled)
            label[at] = RULE_LABEL[rules]
            score[at] = RULE_SCORE[rules]
        if spliced:
            span_rows = np.array([row for row, _ in spliced], dtype=np.int64)
            flags = [flag for _, flag in spliced]
            doc = np.concatenate([doc, seg.doc[span_rows]])
            start = np.concatenate([start, [f.start for f in flags]])
            end = np.concatenate([end, [f.end for f in flags]])
            label = np.concatenate([label, [LABEL_INDEX[f.label] for f in flags]])
            score = np.concatenate([score, [f.score for f in flags]])
            if reasons is not None:
                reasons += [f.reason for f in flags]
            # paragraph flags are in text order already; spans go in by their start (a stable
            # sort: paragraph flags first, then spans in the order they were found)
            order = np.lexsort((np.arange(len(doc)), start, doc))
            doc, start, end, label, score = (a[order] for a in (doc, start, end, label, score))
            if reasons is not None:
                reasons = [reasons[i] for i in order.tolist()]
        if self.keep_labels:
            shown = ~np.isin(label, [LABEL_INDEX[k] for k in self.keep_labels])
            doc, start, end, label, score = (a[shown] for a in (doc, start, end, label, score))
            if reasons is not None:
                reasons = [reasons[i] for i in np.flatnonzero(shown).tolist()]
        return FlagColumns(
            doc_ptr=np.searchsorted(doc, np.arange(seg.n_docs + 1)).astype(np.int64),
            start=start.astype(np.int64),
            end=end.astype(np.int64),
            label=label.astype(np.int64),
            score=score,
            reason=reasons,
        )

    @staticmethod
    def _family_named(scores: BatchScores, rows: np.ndarray, label: np.ndarray) -> np.ndarray:
        """The labels of flagged paragraphs, where their own text names the family better than
        the model's class: template syntax makes a ``placeholder`` (spam around an unrendered
        ``{dede:field.title/}`` read as a menu), two link-trade terms a ``link_notice`` (``We
        accept link exchanges … sell dofollow backlinks`` read as an ad). ``label`` (the model's
        classes, a fresh array) is changed in place; the scores stay."""
        template = scores.shape[rows, _TEMPLATE] > 0
        label[trading_links(scores, rows)] = LABEL_INDEX["link_notice"]
        label[template] = LABEL_INDEX["placeholder"]
        return label

    def _template_tokens(
        self, scores: BatchScores, flagged: np.ndarray, explain: bool
    ) -> tuple[np.ndarray, list[tuple[int, Flag]]]:
        """Article prose flagged for the template syntax in it keeps its words: the syntax alone
        is flagged.

        A sentence that holds an unrendered ``{$author}`` or ``{{ user.name }}`` was flagged
        whole (a CMS leaves them inline, and a tutorial about templates writes them in its
        prose). A flagged paragraph whose template matches cover less than
        ``TEMPLATE_SHARE`` of it, with at least ``TEMPLATE_WORDS`` words outside them, is scored
        again with the matches cut out (its page read anew, as for a Chinese splice); if it
        then reads as article (below ``TEMPLATE_ARTICLE``), its matches become ``placeholder``
        flags with its first score, and the paragraph is free. A placeholder line
        (``(Editor: {typename/})``), or junk that holds a token, stays flagged whole. Returns
        the paragraph flags and the token flags as (paragraph row, flag) pairs.
        """
        seg = scores.seg
        rows = np.flatnonzero(flagged & (scores.shape[:, _TEMPLATE] > 0))
        if not len(rows):  # nearly every batch: no copy of its paragraphs
            return flagged, []
        paragraphs = list(seg.paragraphs)
        cut_rows: dict[int, list[tuple[int, int]]] = {}
        for row in rows.tolist():
            text = paragraphs[row]
            found = [
                (m.start(), m.end()) for m in matches_at(TEMPLATE_ANY, text, template_starts(text))
            ]
            bounds = [0, *(x for pair in found for x in pair), len(text)]
            rest = " ".join(" ".join(text[a:b] for a, b in zip(bounds[::2], bounds[1::2])).split())
            covered = sum(b - a for a, b in found)
            words = len(_WORD_OR_HAN.findall(rest))  # a Chinese sentence has no spaces to count
            if found and covered < TEMPLATE_SHARE * len(text) and words >= TEMPLATE_WORDS:
                cut_rows[row] = found
                paragraphs[row] = rest
        if not cut_rows:
            return flagged, []
        page_rows, again = self._pages_scored_again(seg, paragraphs, cut_rows)
        new_score = dict(zip(page_rows.tolist(), again.p_noise.tolist()))
        flagged = flagged.copy()
        tokens: list[tuple[int, Flag]] = []
        for row, found in cut_rows.items():
            after = new_score[row]
            if after >= TEMPLATE_ARTICLE:
                continue
            flagged[row] = False
            base, first = int(seg.starts[row]), float(scores.p_noise[row])
            reason = (
                f"template syntax in article prose: the syntax alone is flagged (the paragraph "
                f"scores {first:.2f} with it, {after:.2f} without it)"
                if explain
                else ""
            )
            tokens += [
                (row, Flag(base + a, base + b, "placeholder", first, reason)) for a, b in found
            ]
        return flagged, tokens

    def _pages_scored_again(
        self, seg: Segments, paragraphs: list[str], rows: Iterable[int], keep_inputs: bool = False
    ) -> tuple[np.ndarray, BatchScores]:
        """The pages that hold ``rows`` scored anew from ``paragraphs`` (the batch's, some of
        them cut): those pages' rows in the batch, and their new scores in the same order."""
        docs = sorted({int(seg.doc[row]) for row in rows})
        page_rows = np.concatenate([np.arange(seg.doc_ptr[d], seg.doc_ptr[d + 1]) for d in docs])
        again = self.score_segments(
            segment_paragraph_lists(
                [paragraphs[seg.doc_ptr[d] : seg.doc_ptr[d + 1]] for d in docs]
            ),
            keep_inputs=keep_inputs,
        )
        return page_rows, again

    def _without_splices(
        self,
        scores: BatchScores,
        flagged: np.ndarray,
        splices: list[tuple[int, Flag]],
        explain: bool,
    ) -> tuple[BatchScores, np.ndarray, list[tuple[int, Flag]]]:
        """Scores of the paragraphs near Chinese splices, read again with the splices cut out.

        A gambling brand spliced into a Chinese sentence makes the first pass call its paragraph
        spam, and the paragraph's neighbours are judged by that look: the title above such a
        paragraph was flagged on 13.5% of held-out Chinese pages against 2.0% without the splice
        (``bench/zh_splice_context.py``). Once the splice is found its page is scored again
        without it, and the spliced paragraph and its near neighbours keep the lower of the two
        scores: the splice can have raised them, not lowered them. The rest of the page keeps the
        first pass (the page-wide inputs move a little with the cut, by chance, not cause).
        ``splices`` are (paragraph row, flag) pairs. Returns the scores, the paragraph flags and
        the span flags, with spans looked for in the paragraphs the second look freed.
        """
        seg = scores.seg
        paragraphs = list(seg.paragraphs)
        near = np.zeros(len(seg), dtype=bool)
        by_row: dict[int, list[tuple[int, int]]] = {}
        for row, flag in splices:
            base = int(seg.starts[row])
            by_row.setdefault(row, []).append((flag.start - base, flag.end - base))
        for row, cuts in by_row.items():
            # the paragraph without its splices, cut in one pass (a line of thousands of them
            # was copied whole for each), its blanks at both ends stripped; kept when nothing
            # would be left
            cut = without_spans(paragraphs[row], cuts).strip()
            if cut:
                paragraphs[row] = cut
            doc = int(seg.doc[row])
            lo, hi = int(seg.doc_ptr[doc]), int(seg.doc_ptr[doc + 1])
            near[max(lo, row - NEIGHBOURS) : min(hi, row + NEIGHBOURS + 1)] = True
        rows, again = self._pages_scored_again(
            seg, paragraphs, [row for row, _ in splices], keep_inputs=explain
        )
        pick = np.flatnonzero(near[rows] & (again.p_noise < scores.p_noise[rows]))
        rows = rows[pick]
        merged = replace(
            scores,
            p_noise=scores.p_noise.copy(),
            class_proba=scores.class_proba.copy(),
            noise_class=scores.noise_class.copy(),
            shape=scores.shape.copy(),
            inputs=None if scores.inputs is None else scores.inputs.copy(),
        )
        merged.p_noise[rows] = again.p_noise[pick]
        merged.class_proba[rows] = again.class_proba[pick]
        merged.noise_class[rows] = again.noise_class[pick]
        merged.shape[rows] = again.shape[pick]
        if merged.inputs is not None and again.inputs is not None:
            merged.inputs[rows] = again.inputs[pick]
        now = flagged & (merged.p_noise >= self.threshold)  # freed before stays free
        freed = flagged & ~now
        more = self._span_flags(seg, freed, explain, scores) if freed.any() else []
        return merged, now, more

    def _span_flags(
        self, seg: Segments, eligible: np.ndarray, explain: bool, scores: BatchScores
    ) -> list[tuple[int, Flag]]:
        # the spans are read where Traditional characters are folded to Simplified (same offsets)
        paragraphs = scores.read_paragraphs or fold_paragraphs(seg.paragraphs)
        query_rows = None
        if scores.query_rows is not None:
            query_rows = np.flatnonzero(eligible & scores.query_rows)
        cands = find_candidates(paragraphs, np.flatnonzero(eligible), query_rows)
        if not cands:
            return []
        words = scores.page_tokens.page_words(seg.doc) if scores.page_tokens else None
        with _thread_limit(self.n_threads):  # the Chinese kinds' trees use OpenMP
            probs = self.spans.predict_proba(paragraphs, seg.doc, cands, words)
        thresholds = self.spans.thresholds(cands, self.span_threshold, paragraphs)
        above = np.flatnonzero(probs >= thresholds)
        cands, probs = [cands[j] for j in above.tolist()], probs[above]
        cands, probs = _without_glued_queries(cands, probs, paragraphs)
        seams = self.spans.seams(paragraphs, cands)
        cands, probs = merge_overlapping(cands, probs, seams=seams)
        cands = take_remnants(grow_brands(cands, paragraphs), paragraphs)
        # a search query's extents come last: where another kind's candidate overlaps one (a
        # glued link, a comma splice), that kind's extent is the one its pattern found
        query = np.fromiter((c.kind in QUERY_KINDS for c in cands), dtype=bool, count=len(cands))
        order = np.lexsort((-probs, query))
        taken: dict[int, DisjointSpans] = {}
        result = []
        for j in order.tolist():
            c = cands[j]
            spans = taken.setdefault(c.paragraph, DisjointSpans())
            if not spans.add(c.start, c.end):
                continue
            start, end = document_extent(scores, c.paragraph, c.start, c.end)
            reason = ""
            if explain:
                what = f"spliced phrase ({c.kind} pattern)"
                if c.kind in QUERY_KINDS:
                    what = f"a search query put into a sentence ({c.kind}: spam's and commerce's words)"
                reason = f"{what}, span score {probs[j]:.2f}"
            result.append(
                (
                    c.paragraph,
                    Flag(start, end, span_label(c.kind), float(probs[j]), reason),
                )
            )
        return result

    def _contributions(self, scores: BatchScores, rows: np.ndarray) -> dict[str, np.ndarray]:
        if scores.inputs is None or not len(rows) or self.model.stage3:
            return {}
        ref = typical_article_rows(scores.inputs, scores.p_noise, scores.seg.doc, self.threshold)
        # the trees again, one pass per group: under the same OpenMP limit as the scores' pass
        # (without it, a one-page --explain scan on a busy machine took seconds, not 0.1 s)
        with _thread_limit(self.n_threads):
            return group_contributions(self.model.context_score, scores.inputs, rows, ref)

    def _reason(
        self, scores: BatchScores, i: int, contributions: dict[str, np.ndarray], r: int
    ) -> str:
        p1 = scores.class_proba[i]
        top = int(scores.noise_class[i])
        patterns = [n.removeprefix("cue_") for j, n in _PATTERN_COLUMNS if scores.shape[i, j] > 0]
        parts = [
            f"score {scores.p_noise[i]:.2f} after page context",
            f"on its own text: article {p1[0]:.2f}, {CLASSES[top]} {p1[top]:.2f}",
        ]
        if scores.raised is not None and scores.raised[i]:
            parts.insert(
                1,
                f"raised {scores.raised[i]:+.2f} in log-odds on a page neither English nor Chinese",
            )
        drivers = describe(contributions, r) if contributions else ""
        if drivers:
            parts.append("raised by " + drivers)
        if patterns:
            parts.append("matched " + ", ".join(patterns))
        return "; ".join(parts)

    # -- public API -------------------------------------------------------------------------
    def scan_batch(self, texts: list[str], explain: bool = False) -> list[list[Flag]]:
        """Flags for each of ``texts``, offsets being ``str`` indices into that text."""
        texts = as_texts(texts)
        if not texts:
            return []
        return self.scan_batch_columns(texts, explain).lists()

    def scan_batch_columns(self, texts: list[str], explain: bool = False) -> FlagColumns:
        """As :meth:`scan_batch`, the flags as columns (no object per flag). At most
        ``MAX_SCORED_CHARS`` are scored at once (``pagesieve.pieces``)."""
        texts = as_texts(texts)
        if not texts:
            empty = np.zeros(0, dtype=np.int64)
            return FlagColumns(np.zeros(1, dtype=np.int64), empty, empty, empty, empty * 0.0)

        def scan(part: list[str]) -> FlagColumns:
            return self.flag_columns(self.score_batch(part, keep_inputs=explain), explain)

        return scan_in_parts(list(texts), MAX_SCORED_CHARS, scan)

    def scan_batch_scored(
        self, texts: list[str], explain: bool = False
    ) -> list[tuple[list[Flag], np.ndarray]]:
        """Each text's flags and the scores of its paragraphs, for readers who want both (the
        audit report's histogram). Bounded as :meth:`scan_batch_columns` is: a document longer
        than ``MAX_SCORED_CHARS`` is scored in pieces, its scores the pieces' in order."""
        texts = as_texts(texts)
        if not texts:
            return []
        pieces = Pieces.cut(list(texts), MAX_SCORED_CHARS)
        parts: list[tuple[slice, FlagColumns]] = []
        scores: list[list[np.ndarray]] = [[] for _ in texts]
        for part in pieces.parts(MAX_SCORED_CHARS):
            batch = self.score_batch(pieces.texts[part], keep_inputs=explain)
            parts.append((part, self.flag_columns(batch, explain)))
            ptr, p = batch.seg.doc_ptr, np.asarray(batch.p_noise, dtype=np.float64)
            for k, d in enumerate(pieces.doc[part]):
                scores[d].append(p[ptr[k] : ptr[k + 1]])
        flags = pieces.join(parts).lists()
        return [(f, np.concatenate(s)) for f, s in zip(flags, scores)]

    def scan(self, text: str, explain: bool = False) -> list[Flag]:
        return self.scan_batch([_as_text(text)], explain=explain)[0]

    def clean_batch(self, texts: list[str]) -> list[str]:
        texts = as_texts(texts)
        return [remove_flagged(t, f) for t, f in zip(texts, self.scan_batch(texts))]

    def clean(self, text: str) -> str:
        return self.clean_batch([_as_text(text)])[0]


def check_threshold(threshold: object) -> None:
    """Refuse a threshold that is not None or a number in [0, 1] (NaN is not: every comparison
    with it is false), where it is given rather than where a worker first scores with it."""
    if threshold is not None and not (
        isinstance(threshold, Real) and not isinstance(threshold, bool) and 0.0 <= threshold <= 1.0
    ):
        raise ValueError(f"threshold must be a number from 0 to 1, not {threshold!r}")


def check_count(name: str, value: object) -> int:
    """A whole number of at least 1 (a batch size, a character limit), or a ValueError."""
    if not isinstance(value, Integral) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}")
    return int(value)


def kept_labels(labels: Iterable[str]) -> frozenset[str]:
    """``labels`` as a set, each one checked: a misspelt label would keep nothing, silently."""
    if isinstance(labels, str):
        labels = (labels,)
    keep = frozenset(labels)
    unknown = sorted(keep - LABEL_INDEX.keys())
    if unknown:
        raise ValueError(
            f"unknown label(s) {', '.join(unknown)}: the labels are {', '.join(LABEL_INDEX)}"
        )
    return keep


def check_comment_rule(keep: Iterable[str], comment_threads: bool) -> None:
    """Readers' comments kept (``keep_labels``) and their threads flagged (``comment_threads``)
    at once contradict each other: refused, wherever a detector is asked for."""
    if comment_threads and "comment" in keep:
        raise ValueError(
            "comment_threads flags readers' comments and keep_labels keeps them: choose one"
        )


def as_texts(texts: Any) -> list[str]:
    """A batch as a list of str. A str is refused, not scanned one character a document, and
    bytes are refused with the fix (decode them) rather than failing deep inside."""
    if texts is None or isinstance(texts, (str, bytes, bytearray)):
        kind = type(texts).__name__
        raise TypeError(f"expected a list of str, got {kind}: for one text, use scan()/clean()")
    texts = list(texts)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"texts[{i}]: {_not_text(text)}")
    return texts


def _as_text(text: Any) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text: {_not_text(text)}")
    return text


def _not_text(value: Any) -> str:
    if isinstance(value, (bytes, bytearray)):
        return "bytes, not str: decode it first (for example value.decode('utf-8'))"
    return f"{type(value).__name__}, not str"
