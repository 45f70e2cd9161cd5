"""The paragraph model: text and shape first, then the same again with the page around it.

Stage 1 is a linear model over hashed words and word pairs plus shape features; it gives every
paragraph a class distribution on its own merits. Stage 2 is a gradient-boosted classifier over
shape, stage-1 probabilities and context features built from the stage-1 scores of the whole page
(neighbours, windows, the page's vocabulary and script, the position in the article mass). An
optional stage 3 (``stage3=True``, off in the shipped model: twice the tree cost for a few points)
repeats stage 2 on stage-2 scores, so that context can settle over a wider reach.

It follows scikit-learn's estimator contract, with pages (:class:`Segments`) in place of ``X``.
"""

from __future__ import annotations

import copy
import warnings
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
from scipy.special import expit

from pagesieve.batch_text import JoinedParagraphs
from pagesieve.compiled_trees import CompiledTrees, NothingToCompile
from pagesieve.context import CONTEXT_NAMES, PageContext
from pagesieve.corpus import CLASSES
from pagesieve.encoding import repair_with_rows, repaired_offsets
from pagesieve.patterns import LINK_TRADE_TRIGGERS
from pagesieve.segment import Segments
from pagesieve.shape import SHAPE_NAMES, shape_features
from pagesieve.sklearn_imports import HistGradientBoostingClassifier, SGDClassifier
from pagesieve.spam_queries import QUERY_TRIGGERS
from pagesieve.span_candidates import QUERY_WORD_POINTS, query_paragraphs
from pagesieve.spans import PageTokens
from pagesieve.tokens import TokenVectorizer
from pagesieve.unread_pages import ENGLISH_WORDS, PageLanguages, page_languages

#: words counted per paragraph for the rules that read only paragraphs holding one
TRIGGER_WORDS = {"query": QUERY_TRIGGERS, "link_trade": LINK_TRADE_TRIGGERS}


@dataclass(slots=True)
class ParagraphFeatures:
    """What the stages read, computed once per batch."""

    text: sp.csr_matrix
    shape: np.ndarray
    chars: np.ndarray
    cjk: np.ndarray
    #: the tokens the span model counts page words from (None when mojibake was repaired and
    #: the repair changed how the batch is lower-cased: then they are not the tokens of the text
    #: the spans are cut from, not even outside the repaired paragraphs)
    page_tokens: PageTokens | None = None
    #: the batch's paragraphs as the span model reads them (:mod:`pagesieve.hanzi`)
    read_paragraphs: list[str] | None = None
    #: paragraphs that the span model reads repaired: row -> where each of its positions lies
    #: in the paragraph as given (:func:`pagesieve.encoding.repaired_offsets`)
    read_offsets: dict[int, np.ndarray] | None = None
    #: per paragraph, its tokens that are common English words and all its tokens: what tells
    #: a page in another language (:mod:`pagesieve.unread_pages`)
    english_tokens: np.ndarray | None = None
    tokens: np.ndarray | None = None
    #: per paragraph, its tokens among each of ``TRIGGER_WORDS``' words: the only paragraphs a
    #: rule that needs such a word reads
    word_counts: dict[str, np.ndarray] | None = None
    #: per paragraph, whether it can hold a search query (``span_candidates.query_paragraphs``)
    query_rows: np.ndarray | None = None
    #: what each paragraph's page is written in (``unread_pages.page_languages``), read once for
    #: the comment context and the detector's raises
    languages: PageLanguages | None = None


#: Rows per call of the trees' predict. Each tree walks every row it is given, so a whole batch
#: (tens of thousands of rows of ~80 float64 inputs) streams from memory once per tree; blocks
#: this size stay in cache across the trees: 2-3x faster trees, and each row's score is the same.
PREDICT_BLOCK_ROWS = 2048


class ParagraphPrediction(NamedTuple):
    p_noise: np.ndarray  #: P(not article) after context
    class_proba: np.ndarray  #: stage-1 class probabilities
    noise_class: np.ndarray  #: index into CLASSES of the most likely non-article class
    inputs: np.ndarray  #: the context model's input rows


_COMMENT = CLASSES.index("comment")


def page_context(seg: Segments, f: ParagraphFeatures) -> PageContext:
    """The page context of featurised paragraphs, comment sections read on pages in Latin and
    Cyrillic letters (``PageLanguages.comment_rows``)."""
    read = None if f.languages is None else f.languages.comment_rows
    return PageContext(seg, f.chars, f.cjk, f.text, read)


def noise_proba(clf: HistGradientBoostingClassifier, X: np.ndarray) -> np.ndarray:
    """``clf``'s P(noise) for the rows of ``X``, computed in cache-sized blocks of rows."""
    if len(X) <= PREDICT_BLOCK_ROWS:
        return clf.predict_proba(X)[:, 1]
    out = np.empty(len(X), dtype=np.float64)
    for i in range(0, len(X), PREDICT_BLOCK_ROWS):
        out[i : i + PREDICT_BLOCK_ROWS] = clf.predict_proba(X[i : i + PREDICT_BLOCK_ROWS])[:, 1]
    return out


def compile_trees(clf: HistGradientBoostingClassifier, X: np.ndarray) -> CompiledTrees | None:
    """``clf``'s trees for ONNX Runtime, checked on rows spread over ``X``; None where there is
    nothing to gain (every tree a leaf) or they cannot be exported (with a warning): scikit-learn
    then scores them."""
    try:
        return CompiledTrees(clf, X)
    except NothingToCompile:
        return None
    except (ImportError, ValueError) as exc:
        warnings.warn(f"pagesieve: the context trees stay with scikit-learn ({exc})", stacklevel=2)
        return None


def dense_to_csr(a: np.ndarray) -> sp.csr_matrix:
    """``sp.csr_matrix(a)`` for a 2-d array, the same arrays (nonzeros in row-major order), built
    from one mask instead of scipy's generic path through COO: twice as fast."""
    mask = a != 0
    indptr = np.zeros(a.shape[0] + 1, dtype=np.int32)
    np.cumsum(np.count_nonzero(mask, axis=1), out=indptr[1:])
    indices = np.nonzero(mask)[1].astype(np.int32)
    return sp.csr_matrix((a[mask], indices, indptr), shape=a.shape)


def column_major(coef: np.ndarray) -> np.ndarray:
    """``coef`` (classes x features) as float32 laid out feature by feature: then the columns
    of its text features, transposed, are one contiguous block that the sparse product reads in
    place. Row by row, scipy copied the whole block (9 MB) for every product, of each member:
    most of stage 1's time on a one-page request."""
    return np.ascontiguousarray(coef.T, dtype=np.float32).T


def stage_feature_names(stage: int) -> list[str]:
    names = list(SHAPE_NAMES) + [f"p1_{c}" for c in CLASSES] + list(CONTEXT_NAMES)
    if stage == 3:
        names += ["p2_noise"]
    return names


class PageScorer:
    """scikit-learn's ``predict_proba`` for anything that scores the paragraphs of pages with
    ``predict_with_inputs`` (one model, or an ensemble of them)."""

    def predict_with_inputs(
        self, seg: Segments, features: ParagraphFeatures | None = None
    ) -> ParagraphPrediction:
        raise NotImplementedError

    def predict_proba(
        self, seg: Segments, features: ParagraphFeatures | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """``(p_noise, class_proba)``: P(not article) after context, and stage-1 class scores."""
        prediction = self.predict_with_inputs(seg, features)
        return prediction.p_noise, prediction.class_proba

    def incompatibilities(self) -> list[str]:
        """Why this fitted model cannot run with this code (empty when it can)."""
        raise NotImplementedError


class ParagraphModel(PageScorer):
    """Scores each paragraph of a batch of pages: P(class) with ``CLASSES[0]`` the article."""

    #: repair mojibake before featurizing (a class default, so older pickles have it too)
    repair_encoding: bool = True
    #: the context models' trees for ONNX Runtime (None: scikit-learn scores them, as for
    #: models pickled before they were exported)
    stage2_compiled_: CompiledTrees | None = None
    stage3_compiled_: CompiledTrees | None = None

    def __init__(
        self,
        vectorizer: TokenVectorizer | None = None,
        alpha: float = 1e-5,
        stage2_iter: int = 120,
        stage3: bool = False,
        folds: int = 3,
        random_state: int = 0,
        spam_weight: float = 4.0,
    ) -> None:
        self.vectorizer = vectorizer or TokenVectorizer()
        self.alpha = alpha
        self.stage2_iter = stage2_iter
        self.stage3 = stage3
        self.folds = folds
        self.random_state = random_state
        self.classes_ = np.array(CLASSES)
        self.spam_weight = spam_weight
        self.spam_classes_ = np.array(
            [CLASSES.index(c) for c in ("ad", "placeholder", "link_notice")]
        )

    # -- pickling ---------------------------------------------------------------------------
    def __getstate__(self) -> dict:
        # stage 1's weights (7 x 330k) are most of the artifact: half precision halves them,
        # which keeps an ensemble of three under the size git takes (rounded so when fitted)
        state = self.__dict__.copy()
        clf = state.get("stage1_")
        if clf is not None and clf.coef_.dtype == np.float32:
            clf = copy.copy(clf)
            clf.coef_ = clf.coef_.astype(np.float16)
            state["stage1_"] = clf
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        clf = state.get("stage1_")
        if clf is not None and clf.coef_.dtype == np.float16:
            clf.coef_ = column_major(clf.coef_)

    def incompatibilities(self) -> list[str]:
        """Where the fitted model reads another number of features than this code builds: a
        model fitted by another version of pagesieve (without this check it fails on every
        document with the runtime's own message)."""
        problems = []
        stage1 = getattr(self, "stage1_", None)
        if stage1 is not None:
            want = self.vectorizer.n_features + len(SHAPE_NAMES)
            if stage1.coef_.shape[1] != want:
                problems.append(
                    f"its paragraph model reads {stage1.coef_.shape[1]} features, "
                    f"this code builds {want}"
                )
        for stage in (2, 3):
            clf = getattr(self, f"stage{stage}_", None)
            want = len(stage_feature_names(stage))
            if clf is not None and clf.n_features_in_ != want:
                problems.append(
                    f"its context model reads {clf.n_features_in_} features, this code builds {want}"
                )
        return problems

    # -- features ---------------------------------------------------------------------------
    def featurize(self, seg: Segments) -> ParagraphFeatures:
        paragraphs = seg.paragraphs
        joined = JoinedParagraphs.of(paragraphs)
        given, rows_fixed = None, None
        if self.repair_encoding:
            repaired, fixed = repair_with_rows(paragraphs, joined)
            if repaired is not paragraphs:
                given, rows_fixed = joined, fixed
                paragraphs, joined = repaired, JoinedParagraphs.of(repaired)
        shape = shape_features(paragraphs, joined)
        text, rows, hashes, ids = self.vectorizer.transform_with_tokens(joined.lowered, len(seg))
        chars = (seg.ends - seg.starts).astype(np.float64)
        cjk = shape[:, SHAPE_NAMES.index("frac_cjk")].astype(np.float64)
        # spans are cut from the paragraphs as given: they are read as given, or repaired where
        # the repair maps back to the given characters (a page served with the wrong charset)
        read = (joined if given is None else given).read_paragraphs(seg.paragraphs)
        offsets: dict[int, np.ndarray] = {}
        if given is not None:
            for i in rows_fixed.tolist():
                where = repaired_offsets(seg.paragraphs[i], paragraphs[i])
                if where is not None:
                    offsets[i] = where
            if offsets:
                read, read_fixed = list(read), joined.read_paragraphs(paragraphs)
                for i in offsets:
                    read[i] = read_fixed[i]
        page_tokens = None
        if given is None or given.per_char_lower == joined.per_char_lower:
            # the span model counts page words in the text it reads: the paragraphs it reads
            # repaired keep the tokens featurized (counted in the damaged text, a repaired page's
            # own words looked spliced in); only those it reads as given are tokenised again
            read_as_given = rows_fixed
            if offsets:
                read_as_given = rows_fixed[~np.isin(rows_fixed, list(offsets))]
            page_tokens = PageTokens(hashes, rows, given, read_as_given)
        n = len(seg)
        tokens = np.bincount(np.minimum(rows, max(n - 1, 0)), minlength=n)[:n]
        tokens[1:] -= 1  # the line break before each paragraph but the first
        english = self.vectorizer.count_words(ids, hashes, rows, n, ENGLISH_WORDS) if n else None
        return ParagraphFeatures(
            text=text,
            shape=shape,
            chars=chars,
            cjk=cjk,
            page_tokens=page_tokens,
            read_paragraphs=read,
            read_offsets=offsets or None,
            english_tokens=english,
            tokens=tokens,
            word_counts=(
                {
                    name: self.vectorizer.count_words(ids, hashes, rows, n, words)
                    for name, words in TRIGGER_WORDS.items()
                }
                if n
                else None
            ),
            query_rows=query_paragraphs(
                hashes, rows, n, self.vectorizer.word_points(ids, hashes, QUERY_WORD_POINTS)
            ),
            languages=page_languages(seg, english, tokens, shape) if n else None,
        )

    def _stage1_matrix(self, f: ParagraphFeatures) -> sp.csr_matrix:
        scaled = (f.shape - self.shape_mean_) / self.shape_scale_
        return sp.hstack([f.text, dense_to_csr(scaled.astype(np.float32))], format="csr")

    def _stage1_decision(self, clf: SGDClassifier, f: ParagraphFeatures) -> np.ndarray:
        """``clf.decision_function(self._stage1_matrix(f))`` without building that matrix: the
        text columns and the shape columns are multiplied apart (the same sums in another order;
        joining and sorting the sparse matrix cost more than the product, for every member of an
        ensemble).

        The shape columns are summed by ``einsum``, not by BLAS: a BLAS product picks its kernels
        by the number of rows (AVX-512 ones on some CPUs), so a paragraph's sum, large terms that
        cancel, came out a few float32 units apart with the other pages of its batch, and flags
        depended on which pages were scanned together. ``einsum`` sums each row alike in float64.
        """
        n_text = f.text.shape[1]
        scaled = ((f.shape - self.shape_mean_) / self.shape_scale_).astype(np.float32)
        decision = np.asarray(f.text @ clf.coef_[:, :n_text].T, dtype=np.float64)
        decision += np.einsum(
            "ij,kj->ik", scaled.astype(np.float64), clf.coef_[:, n_text:].astype(np.float64)
        )
        decision += clf.intercept_
        return decision

    def _stage1_scores(
        self, clf: SGDClassifier, f: ParagraphFeatures
    ) -> tuple[np.ndarray, np.ndarray]:
        """Class probabilities, as ``clf.predict_proba`` gives them, and each paragraph's
        most likely non-article class by the decision values they come from.

        The probabilities are one-vs-rest sigmoids normalised to sum to one: a line that stage 1
        is certain of twice (``Copyright 1994-2006 Sun Microsystems, Inc.``: boilerplate,
        and by its company name an ad) saturates both sigmoids at 1 and gets 0.5 and 0.5, a tie
        that only the decision values still break (the first class, ad, took it before).
        """
        n = f.shape.shape[0]
        proba = np.zeros((n, len(CLASSES)), dtype=np.float32)
        noise_class = np.ones(n, dtype=np.int64)
        if n:
            decision = self._stage1_decision(clf, f)
            sigmoid = expit(decision)
            total = sigmoid.sum(axis=1, keepdims=True)
            none = total[:, 0] == 0  # every sigmoid underflowed: uniform, as scikit-learn does
            sigmoid[none], total[none] = 1.0, sigmoid.shape[1]
            proba[:, clf.classes_] = sigmoid / total
            margins = np.full((n, len(CLASSES)), -np.inf)
            margins[:, clf.classes_] = decision
            noise_class = np.argmax(margins[:, 1:], axis=1) + 1
        return proba, noise_class

    def _stage_matrix(
        self,
        ctx: PageContext,
        f: ParagraphFeatures,
        p1: np.ndarray,
        p_noise: np.ndarray,
        extra=None,
    ) -> np.ndarray:
        parts = [f.shape, p1, ctx.features(p_noise, p1[:, _COMMENT])]
        if extra is not None:
            parts.append(extra[:, None])
        # cast while joining: ``hstack(...).astype`` copied each member's matrix a second time
        return np.hstack(parts, dtype=np.float32)

    # -- training ---------------------------------------------------------------------------
    def _new_stage1(self) -> SGDClassifier:
        return SGDClassifier(
            loss="log_loss",
            alpha=self.alpha,
            max_iter=12,
            tol=None,
            random_state=self.random_state,
            n_jobs=2,
        )

    def _new_stage2(self, stage: int = 2) -> HistGradientBoostingClassifier:
        # Unambiguous evidence may only push one way: template syntax or a stronger stage-1 vote
        # for a spam class never lowers the score, a stronger vote for the article never raises it.
        # (Making every noise class monotone too was measured: no better on held-out templates.)
        names = stage_feature_names(stage)
        rising = {"template", "cue_comparison", "p1_ad", "p1_placeholder", "p1_link_notice"}
        monotonic = [1 if n in rising else -1 if n == "p1_article" else 0 for n in names]
        return HistGradientBoostingClassifier(
            max_iter=self.stage2_iter,
            monotonic_cst=monotonic,
            learning_rate=0.15,
            # 63 leaves against 31, seeds 13 and 14: dev F1 0.953/0.938 against 0.947/0.936, and
            # better on four of five held-out template sets per seed; the trees cost about the same
            max_leaf_nodes=63,
            min_samples_leaf=40,
            l2_regularization=1.0,
            random_state=self.random_state,
        )

    def fit(
        self,
        seg: Segments,
        y: np.ndarray,
        sample_weight: np.ndarray | None = None,
        doc_folds: np.ndarray | None = None,
        fit_vectorizer: bool = True,
        stage1_rows: np.ndarray | None = None,
    ) -> ParagraphModel:
        """Fit on every paragraph of ``seg``; ``y`` holds class indices into ``CLASSES``.

        ``doc_folds`` assigns documents to the out-of-fold splits (random when not given).
        ``fit_vectorizer=False`` keeps the vocabulary given (an ensemble's members share one).
        ``stage1_rows`` (a boolean mask) limits stage 1's fits to those paragraphs; the others
        are scored out of fold and teach the context model alone.
        """
        y = np.asarray(y)
        w = (
            np.ones(len(y))
            if sample_weight is None
            else np.asarray(sample_weight, dtype=np.float64)
        )
        if fit_vectorizer:
            self.vectorizer.fit_paragraphs(seg.paragraphs)
        # the training pages carry synthetic mojibake on purpose: the model learns to cope with
        # what the repair at scan time misses, so the repair stays off while fitting
        self.repair_encoding = False
        f = self.featurize(seg)
        s1 = np.ones(len(y), dtype=bool) if stage1_rows is None else np.asarray(stage1_rows)
        shape1 = f.shape if stage1_rows is None else f.shape[s1]
        self.shape_mean_ = shape1.mean(axis=0)
        self.shape_scale_ = shape1.std(axis=0) + 1e-3
        noise = (y != 0).astype(int)

        # out-of-fold stage-1 scores, so that stage 2 learns from scores like those it will see
        if doc_folds is None:
            doc_folds = np.random.default_rng(self.random_state).integers(
                0, self.folds, size=seg.n_docs
            )
        fold = np.asarray(doc_folds)[seg.doc]
        X1 = self._stage1_matrix(f)
        # spam classes are rare next to page furniture and prose; weigh them up so that stage 1
        # learns their vocabulary instead of calling every well-formed sentence article
        w1 = w * np.where(np.isin(y, self.spam_classes_), self.spam_weight, 1.0)
        p1 = np.zeros((len(y), len(CLASSES)), dtype=np.float32)
        for k in range(self.folds):
            tr, te = (fold != k) & s1, fold == k
            clf = self._new_stage1().fit(X1[tr], y[tr], sample_weight=w1[tr])
            p1[np.ix_(te, clf.classes_)] = clf.predict_proba(X1[te])
        if stage1_rows is None:
            self.stage1_ = self._new_stage1().fit(X1, y, sample_weight=w1)
        else:
            self.stage1_ = self._new_stage1().fit(X1[s1], y[s1], sample_weight=w1[s1])
        # stored in half precision (see __getstate__): score with those values from the start,
        # so that the thresholds chosen after fitting hold for the loaded model
        self.stage1_.coef_ = column_major(self.stage1_.coef_.astype(np.float16))

        ctx = page_context(seg, f)
        X2 = self._stage_matrix(ctx, f, p1, 1.0 - p1[:, 0])
        if self.stage3:
            p2 = np.zeros(len(y), dtype=np.float32)
            for k in range(self.folds):
                tr, te = fold != k, fold == k
                m = self._new_stage2().fit(X2[tr], noise[tr], sample_weight=w[tr])
                p2[te] = m.predict_proba(X2[te])[:, 1]
            X3 = self._stage_matrix(ctx, f, p1, p2, extra=p2)
            self.stage3_ = self._new_stage2(3).fit(X3, noise, sample_weight=w)
            self.stage3_compiled_ = compile_trees(self.stage3_, X3)
        self.stage2_ = self._new_stage2().fit(X2, noise, sample_weight=w)
        self.stage2_compiled_ = compile_trees(self.stage2_, X2)
        self.repair_encoding = True
        return self

    def compile_trees(self, X2: np.ndarray) -> None:
        """Export the fitted stage 2 for ONNX Runtime (a model fitted before it scored them),
        checked on rows spread over ``X2``, context-model input rows (stage 3 is exported when
        fitted)."""
        self.stage2_compiled_ = compile_trees(self.stage2_, X2)

    def _tree_proba(self, stage: int, X: np.ndarray) -> np.ndarray:
        """P(noise) of a context model's rows: by ONNX Runtime where its trees were compiled
        and it runs here, else by scikit-learn (models fitted before, or no runtime)."""
        if stage == 2:
            clf, compiled = self.stage2_, self.stage2_compiled_
        else:
            clf, compiled = self.stage3_, self.stage3_compiled_
        if compiled is not None and compiled.usable():
            return compiled.proba(X)
        return noise_proba(clf, X)

    # -- inference --------------------------------------------------------------------------
    def predict_with_inputs(
        self,
        seg: Segments,
        features: ParagraphFeatures | None = None,
        context: PageContext | None = None,
    ) -> ParagraphPrediction:
        """As :meth:`predict_proba`, plus each paragraph's most likely non-article class and the
        context model's input rows (for explanations). ``context`` may be given when several
        models score the same features (:class:`pagesieve.ensemble.ParagraphEnsemble`)."""
        f = features or self.featurize(seg)
        p1, noise_class = self._stage1_scores(self.stage1_, f)
        if len(seg) == 0:
            empty = np.zeros(0, dtype=np.float32)
            return ParagraphPrediction(empty, p1, noise_class, np.zeros((0, 0), dtype=np.float32))
        ctx = context or page_context(seg, f)
        X2 = self._stage_matrix(ctx, f, p1, 1.0 - p1[:, 0])
        p = self._tree_proba(2, X2).astype(np.float32)
        if self.stage3:
            X3 = self._stage_matrix(ctx, f, p1, p, extra=p)
            p = self._tree_proba(3, X3).astype(np.float32)
        return ParagraphPrediction(p, p1, noise_class, X2)

    def context_score(self, X2: np.ndarray) -> np.ndarray:
        """Stage-2 scores of input rows (stage 3, when trained, is not re-run)."""
        return self._tree_proba(2, X2)
