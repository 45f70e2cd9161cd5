"""Several paragraph models, each fitted on its own draw of synthetic training pages, scored as one.

A retrain's figures move with the seed that draws its training pages more than most changes to
the code do (``bench/README.md``, ``seed_spread.py``): which ads, notices and placeholders a model
saw, and where, decides much of what it catches on templates it never saw. Averaging models of
several draws takes that variance out. Over the five retrains of seeds 13-17, the mean log-odds of
three of them against one alone, at the same share of article paragraphs flagged: dev 0.865 ->
0.888 at 4%, ``zh/pages`` 0.358 -> 0.406, held-out placeholders 0.865 -> 0.910 and link notices
0.762 -> 0.802 at 2%.

The members share one vocabulary, so a batch is tokenised and measured once; each member adds its
stage 1, its context features and its trees. Explanations (``--explain``) are read off the first
member's context model.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit, logit

from pagesieve.model import (
    PageScorer,
    ParagraphFeatures,
    ParagraphModel,
    ParagraphPrediction,
    page_context,
)
from pagesieve.segment import Segments
from pagesieve.tokens import TokenVectorizer

#: scores are clipped this far from 0 and 1 before their log-odds are averaged
_EPS = 1e-6


def mean_log_odds(p_noise: list[np.ndarray]) -> np.ndarray:
    """P(not article) of several models together: the mean of their log-odds."""
    log_odds = np.mean(
        [logit(np.clip(p.astype(np.float64), _EPS, 1 - _EPS)) for p in p_noise], axis=0
    )
    return expit(log_odds).astype(np.float32)


class ParagraphEnsemble(PageScorer):
    """Scores each paragraph with every member and averages the log-odds of P(not article)."""

    stage3 = False

    def __init__(self, members: list[ParagraphModel]) -> None:
        if not members:
            raise ValueError("an ensemble needs at least one member")
        self.members = members

    @property
    def vectorizer(self) -> TokenVectorizer:
        return self.members[0].vectorizer

    @property
    def classes_(self) -> np.ndarray:
        return self.members[0].classes_

    @property
    def repair_encoding(self) -> bool:
        return self.members[0].repair_encoding

    @repair_encoding.setter
    def repair_encoding(self, value: bool) -> None:
        for member in self.members:
            member.repair_encoding = value

    def first(self, k: int) -> ParagraphModel | ParagraphEnsemble:
        """The first ``k`` members: the first model itself for one, an ensemble of them else."""
        return self.members[0] if k == 1 else ParagraphEnsemble(self.members[:k])

    def featurize(self, seg: Segments) -> ParagraphFeatures:
        return self.members[0].featurize(seg)

    def incompatibilities(self) -> list[str]:
        return list(dict.fromkeys(p for m in self.members for p in m.incompatibilities()))

    def predict_with_inputs(
        self, seg: Segments, features: ParagraphFeatures | None = None
    ) -> ParagraphPrediction:
        """The members' mean log-odds as P(not article); class scores are their mean, the
        context rows the first member's."""
        first, *rest = everyone = self.member_predictions(seg, features)
        if not rest or not len(seg):
            return first
        class_proba = np.mean([p.class_proba for p in everyone], axis=0, dtype=np.float64)
        noise_class = np.argmax(class_proba[:, 1:], axis=1) + 1
        # a paragraph whose noise classes tie (saturated sigmoids) keeps the first member's pick,
        # which its decision values broke
        top = np.sort(class_proba[:, 1:], axis=1)
        tied = top[:, -1] - top[:, -2] < 1e-6 if top.shape[1] > 1 else np.zeros(len(top), bool)
        noise_class = np.where(tied, first.noise_class, noise_class)
        return ParagraphPrediction(
            mean_log_odds([p.p_noise for p in everyone]),
            class_proba.astype(np.float32),
            noise_class,
            first.inputs,
        )

    def member_predictions(
        self, seg: Segments, features: ParagraphFeatures | None = None
    ) -> list[ParagraphPrediction]:
        """Each member's prediction, from one featurisation and one page context."""
        f = features or self.featurize(seg)
        context = page_context(seg, f) if len(seg) else None
        return [m.predict_with_inputs(seg, f, context) for m in self.members]

    def context_score(self, X2: np.ndarray) -> np.ndarray:
        """The first member's context model on its input rows (for explanations)."""
        return self.members[0].context_score(X2)
