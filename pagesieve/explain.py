"""Readable reasons for flags: which kinds of evidence pushed a paragraph's score up.

The context model's inputs fall into a few groups a person can understand (what the paragraph's
own words say, its neighbours, where it sits, how far its vocabulary is from the page's...). For
each flagged paragraph, each group in turn is given the values of a typical article paragraph of
the same page (the per-document median over paragraphs scored as article, or the batch's when the
page has none) and the paragraph is re-scored: the drop is that group's contribution. One extra
tree pass per group over the flagged rows only, so ``--explain`` stays cheap.
"""

from __future__ import annotations

import numpy as np

from pagesieve import model

#: groups of stage-2 inputs, in the words a reason uses; the first matching prefix wins
_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("its own words", ("p1_",)),
    ("template or pattern match", ("template", "cue_")),
    ("junk around it", ("p_noise_",)),
    ("in a comment section", ("p_comment_",)),
    ("neighbours' length", ("log_chars_",)),
    ("vocabulary unlike the page's", ("vocab_similarity", "script_mismatch")),
    (
        "position in the page",
        ("rel_", "article_mass", "log_dist_long", "length_rank", "char_share", "doc_"),
    ),
    ("repeated on the page", ("log_duplicates",)),
)
_SHAPE_GROUP = "its shape (length, punctuation, capitals)"
#: a group must move the score by this much to be named
MIN_CONTRIBUTION = 0.02


def feature_groups(stage: int = 2) -> dict[str, np.ndarray]:
    names = model.stage_feature_names(stage)  # looked up when called, as the model does
    groups: dict[str, list[int]] = {}
    for j, name in enumerate(names):
        group = next((g for g, prefixes in _GROUPS if name.startswith(prefixes)), _SHAPE_GROUP)
        groups.setdefault(group, []).append(j)
    return {g: np.array(cols, dtype=np.int64) for g, cols in groups.items()}


def typical_article_rows(
    X: np.ndarray, p_noise: np.ndarray, doc: np.ndarray, threshold: float
) -> np.ndarray:
    """Per paragraph, the median input row of its page's article paragraphs; on a page with
    none, of its page's less noisy half. Only the page is read, never the batch: a reason must
    not change with the pages scanned beside it (a batch-wide fallback made ``scan(t)`` and
    ``scan_batch([t, other])`` explain the same flag differently)."""
    article = p_noise < min(0.2, threshold)
    ref = np.empty_like(X)
    for d in np.unique(doc).tolist():
        rows = doc == d
        mine = rows & article
        if not mine.any():
            mine = rows & (p_noise <= np.median(p_noise[rows]))
        ref[rows] = np.median(X[mine], axis=0)
    return ref


def group_contributions(
    predict, X: np.ndarray, rows: np.ndarray, ref: np.ndarray
) -> dict[str, np.ndarray]:
    """Score drop for ``rows`` when each group takes the typical article values."""
    if len(rows) == 0:
        return {}
    base = predict(X[rows])
    out = {}
    for group, cols in feature_groups().items():
        Xg = X[rows].copy()
        Xg[:, cols] = ref[rows][:, cols]
        out[group] = base - predict(Xg)
    return out


def describe(contributions: dict[str, np.ndarray], r: int, top: int = 3) -> str:
    """'junk around it +0.41, its own words +0.22' for row ``r`` of the contributions."""
    ranked = sorted(((float(v[r]), g) for g, v in contributions.items()), reverse=True)
    named = [f"{g} +{v:.2f}" for v, g in ranked[:top] if v >= MIN_CONTRIBUTION]
    return ", ".join(named)
