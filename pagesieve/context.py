"""Context features: where a paragraph sits in its document and what surrounds it.

A first-pass score per paragraph is smoothed over its neighbours (a heading between two article
paragraphs is article, in the spirit of jusText's context step), compared with the rest of the
document's vocabulary and script, and placed relative to the document's article mass. Every
feature is computed on flat arrays with per-document bounds, never per paragraph in Python.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from pagesieve.segment import Segments

NEIGHBOUR_OFFSETS = (-3, -2, -1, 1, 2, 3)
WINDOWS = (2, 5, 15)
#: neighbours on each side whose words ``vocab_similarity_beyond`` leaves out
BLOCK_REACH = 3

CONTEXT_NAMES: tuple[str, ...] = (
    *(f"p_noise_{k:+d}" for k in NEIGHBOUR_OFFSETS),
    *(f"log_chars_{k:+d}" for k in (-2, -1, 1, 2)),
    *(f"p_noise_win{w}" for w in WINDOWS),
    *(f"p_noise_cw_win{w}" for w in WINDOWS),
    "doc_log_paragraphs",
    "doc_log_chars",
    "doc_mean_p_noise",
    "doc_cw_mean_p_noise",
    "rel_index",
    "rel_char_pos",
    "article_mass_before",
    "article_mass_after",
    "article_mass_min",
    "log_dist_long_before",
    "log_dist_long_after",
    "vocab_similarity",
    "vocab_similarity_win2",
    "vocab_similarity_vs_doc",
    "vocab_similarity_beyond",
    "log_chars_win3",
    "script_mismatch",
    "log_duplicates",
    "char_share",
    "length_rank",
    "p_comment_max_before",
    "p_comment_win5",
)


class DocIndex:
    """Per-paragraph document bounds, for shifts and windows that stop at document edges.

    Sums over a document's paragraphs are prefix sums that start at the document's first
    paragraph, never a prefix of the whole batch: a batch-wide prefix rounds a page's sums by the
    pages before it, and a page's features would depend on the pages it is scanned with.
    """

    def __init__(self, seg: Segments) -> None:
        self.doc = seg.doc.astype(np.int64)
        self.lo = seg.doc_ptr[:-1][self.doc]
        self.hi = seg.doc_ptr[1:][self.doc]
        self.n = len(self.doc)
        self.pos = np.arange(self.n, dtype=np.int64)
        self.doc_ptr = seg.doc_ptr
        self._sums = _DocumentPrefixSums(self.pos - self.lo, self.hi - self.lo)
        self._windows: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}

    def shift(self, values: np.ndarray, k: int, fill: float) -> np.ndarray:
        j = self.pos + k
        ok = (j >= self.lo) & (j < self.hi)
        out = np.full(self.n, fill, dtype=np.float32)
        out[ok] = values[j[ok]]
        return out

    def sums(self, values: np.ndarray) -> DocumentSums:
        """Each document's own prefix sums of ``values``, read as windows, document totals and
        sums before a paragraph (one pass for every read of the same values)."""
        return DocumentSums(self, self._sums.fill(values))

    def window_cells(self, before: int, after: int) -> tuple[np.ndarray, np.ndarray]:
        """Cells of the prefix sums through the last and before the first paragraph of each
        paragraph's window (cached: every batch reads the same few windows)."""
        if (before, after) not in self._windows:
            offset = self.pos - self.lo
            last = self.hi - self.lo - 1
            self._windows[before, after] = (
                self._sums.through + (np.minimum(offset + after, last) - offset),
                self._sums.before - (offset - np.maximum(offset - before, 0)),
            )
        return self._windows[before, after]


class DocumentSums:
    """Prefix sums of one array of per-paragraph values, each starting at its document."""

    def __init__(self, idx: DocIndex, grid: np.ndarray) -> None:
        self._idx = idx
        self._grid = grid

    def window(self, before: int, after: int) -> np.ndarray:
        """Per paragraph, the sum from ``before`` paragraphs before it to ``after`` after it,
        within its document."""
        through, before_first = self._idx.window_cells(before, after)
        return self._grid[through] - self._grid[before_first]

    def doc(self) -> np.ndarray:
        """Per paragraph, the sum over its whole document."""
        return self._grid[self._idx._sums.doc_end]

    def before(self) -> np.ndarray:
        """Per paragraph, the sum over the paragraphs before it in its document (exclusive)."""
        return self._grid[self._idx._sums.before]


class _DocumentPrefixSums:
    """Documents laid out as the rows of padded matrices, one per power-of-two length, each row
    led by a zero: one ``cumsum`` along the rows gives every document its own prefix sums
    (the padding wastes at most half of a matrix). ``through``, ``before`` and ``doc_end`` index a
    paragraph's sum through itself, before itself and over its whole document."""

    def __init__(self, offset: np.ndarray, length: np.ndarray) -> None:
        width = np.ones(len(offset), dtype=np.int64)
        long = length > 1
        width[long] = np.left_shift(1, np.ceil(np.log2(length[long])).astype(np.int64))
        self.through = np.empty(len(offset), dtype=np.int64)
        self.blocks: list[tuple[int, int, int]] = []
        base = 0
        for w in np.unique(width).tolist():
            members = np.flatnonzero(width == w)
            # a document's paragraphs are consecutive: its row is the number of documents of
            # this width that start before it
            row = np.cumsum(offset[members] == 0) - 1
            rows = int(row[-1]) + 1
            self.through[members] = base + row * (w + 1) + offset[members] + 1
            self.blocks.append((base, rows, w + 1))
            base += rows * (w + 1)
        self.size = base
        self.before = self.through - 1
        self.doc_end = self.through + (length - 1 - offset)

    def fill(self, values: np.ndarray) -> np.ndarray:
        grid = np.zeros(self.size, dtype=np.float64)
        grid[self.through] = values
        for base, rows, width in self.blocks:
            block = grid[base : base + rows * width].reshape(rows, width)
            np.cumsum(block, axis=1, out=block)
        return grid


def _max_before(idx: DocIndex, values: np.ndarray) -> np.ndarray:
    """Per paragraph, the largest of ``values`` (in [0, 1]) over the paragraphs before it in its
    document (0 for a document's first). One running maximum over the batch: each value is
    keyed by its document above its float32 bits (which order as the values do, for values of
    0 or more), so no document reads past its own start and no value is rounded."""
    bits = np.clip(values, 0.0, 1.0).astype(np.float32).view(np.uint32).astype(np.uint64)
    running = np.maximum.accumulate((idx.doc.astype(np.uint64) << np.uint64(32)) | bits)
    low = (running & np.uint64(0xFFFFFFFF)).astype(np.uint32).view(np.float32)
    out = np.zeros(idx.n)
    later = idx.pos > idx.lo
    out[later] = low[idx.pos[later] - 1]
    return out


def _distance_to_marked(idx: DocIndex, marked: np.ndarray, forward: bool) -> np.ndarray:
    """Paragraphs to the nearest marked paragraph before (or after) each one, same document."""
    n = idx.n
    big = 10_000.0
    if forward:
        # nearest marked at position > i
        nxt = np.full(n + 1, np.iinfo(np.int64).max // 2, dtype=np.int64)
        where = np.where(marked, idx.pos, np.iinfo(np.int64).max // 2)
        nxt[:n] = np.minimum.accumulate(where[::-1])[::-1]
        cand = nxt[1:]  # strictly after
        d = (cand - idx.pos).astype(np.float64)
        d[cand >= idx.hi] = big
    else:
        where = np.where(marked, idx.pos, -1)
        prev = np.maximum.accumulate(where)
        cand = np.empty(n, dtype=np.int64)
        cand[0] = -1
        cand[1:] = prev[:-1]
        d = (idx.pos - cand).astype(np.float64)
        d[cand < idx.lo] = big
    return d


class PageContext:
    """Everything about a batch's pages that does not depend on the scores, computed once.

    ``features(p_noise)`` is then cheap enough to run once per stage.
    """

    def __init__(
        self,
        seg: Segments,
        chars: np.ndarray,
        cjk_frac: np.ndarray,
        text_matrix: sp.csr_matrix,
        comment_rows: np.ndarray | None = None,
    ) -> None:
        """``comment_rows`` marks the paragraphs whose comment scores the comment features read
        (all when not given); on the others those features are missing (NaN), and the trees
        route them as they learned to on such pages, not as on a page without comments."""
        self.idx = idx = DocIndex(seg)
        self.comment_rows = (
            np.ones(idx.n, dtype=bool) if comment_rows is None else np.asarray(comment_rows, bool)
        )
        self.chars = chars
        self.cjk_frac = cjk_frac
        n = idx.n
        log_chars = np.log1p(chars)
        n_par = idx.hi - idx.lo
        char_sums, counts = idx.sums(chars), idx.sums(np.ones(n))
        self.doc_chars = char_sums.doc()
        self.window_counts = {w: counts.window(w, w) for w in WINDOWS}
        self.window_chars = {w: np.maximum(char_sums.window(w, w), 1) for w in WINDOWS}
        self.static = {
            **{f"log_chars_{k:+d}": idx.shift(log_chars, k, -1.0) for k in (-2, -1, 1, 2)},
            "doc_log_paragraphs": np.log1p(n_par),
            "doc_log_chars": np.log1p(self.doc_chars),
            "rel_index": (idx.pos - idx.lo) / np.maximum(n_par - 1, 1),
            "rel_char_pos": char_sums.before() / np.maximum(self.doc_chars, 1),
            "log_duplicates": np.log(_duplicate_counts(seg)) if n else np.zeros(0),
            "char_share": chars / np.maximum(self.doc_chars, 1),
            "log_chars_win3": idx.sums(log_chars).window(3, 3) / counts.window(3, 3),
            "length_rank": _length_rank(idx, chars) if n else np.zeros(0),
        }
        # (document, feature) keys of the text matrix, for the vocabulary similarity. In column
        # order the non-zeros are sorted by (feature, row), and so by (feature, document): a key
        # starts wherever the feature or the document changes, with no sort of the keys (a
        # ``np.unique`` of them was 5% of a scan). The sums still run in the matrix's own order
        # (a row's terms as stored), so each comes out as it did: ``order`` maps column order
        # back to it, by converting a matrix of positions (a counting sort, no comparisons).
        text_matrix = sp.csr_matrix(text_matrix)
        positions = sp.csr_matrix(
            (np.arange(text_matrix.nnz, dtype=np.float64), text_matrix.indices, text_matrix.indptr),
            shape=text_matrix.shape,
        ).tocsc()
        order = positions.data.astype(np.int64)
        col_rows = positions.indices.astype(np.int64)
        col = np.repeat(np.arange(positions.shape[1]), np.diff(positions.indptr))
        col_doc = idx.doc[col_rows]
        starts = np.ones(len(col), dtype=bool)
        starts[1:] = (col[1:] != col[:-1]) | (col_doc[1:] != col_doc[:-1])
        self.inverse = np.empty(len(col), dtype=np.int64)
        self.inverse[order] = np.cumsum(starts) - 1
        self.key_doc = col_doc[starts]
        self.n_keys = int(starts.sum())
        self.rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(text_matrix.indptr))
        self.vals = text_matrix.data.astype(np.float64)
        self.x_norm2 = np.bincount(self.rows, weights=self.vals**2, minlength=n)
        self.near_a, self.near_b, self.near_dot = _near_pairs(
            col_rows, col_doc, col, text_matrix.data[order], BLOCK_REACH
        )

    def features(self, p_noise: np.ndarray, p_comment: np.ndarray | None = None) -> np.ndarray:
        """A ``(n_paragraphs, len(CONTEXT_NAMES))`` float32 matrix for these first-pass scores.

        ``p_comment`` is stage 1's probability of a reader's comment (zeros when not given): a
        comment section, once open, holds prose that reads as article on its own."""
        idx, chars = self.idx, self.chars
        if p_comment is None:
            p_comment = np.zeros(idx.n)
        p_comment = np.where(self.comment_rows, p_comment, 0.0)
        p_noise = p_noise.astype(np.float64)
        cols = dict(self.static)
        for k in NEIGHBOUR_OFFSETS:
            cols[f"p_noise_{k:+d}"] = idx.shift(p_noise, k, -1.0)
        noise, noise_chars = idx.sums(p_noise), idx.sums(p_noise * chars)
        for w in WINDOWS:
            cols[f"p_noise_win{w}"] = noise.window(w, w) / self.window_counts[w]
            cols[f"p_noise_cw_win{w}"] = noise_chars.window(w, w) / self.window_chars[w]
        n_par = idx.hi - idx.lo
        cols["doc_mean_p_noise"] = noise.doc() / np.maximum(n_par, 1)
        cols["doc_cw_mean_p_noise"] = noise_chars.doc() / np.maximum(self.doc_chars, 1)
        article_mass = (1.0 - p_noise) * chars
        mass = idx.sums(article_mass)
        total_mass = np.maximum(mass.doc(), 1.0)
        before = mass.before() / total_mass
        after = np.clip(1.0 - before - article_mass / total_mass, 0.0, 1.0)
        cols["article_mass_before"] = before
        cols["article_mass_after"] = after
        cols["article_mass_min"] = np.minimum(before, after)
        long_article = (chars >= 80) & (p_noise < 0.5)
        cols["log_dist_long_before"] = np.log1p(
            _distance_to_marked(idx, long_article, forward=False)
        )
        cols["log_dist_long_after"] = np.log1p(_distance_to_marked(idx, long_article, forward=True))
        sim, beyond = self._vocab_similarity(article_mass)
        cols["vocab_similarity"] = sim
        cols["vocab_similarity_win2"] = idx.sums(sim).window(2, 2) / self.window_counts[2]
        cols["vocab_similarity_vs_doc"] = sim - idx.sums(sim * chars).doc() / np.maximum(
            self.doc_chars, 1
        )
        cols["vocab_similarity_beyond"] = beyond
        doc_cjk = idx.sums(self.cjk_frac * article_mass).doc() / total_mass
        cols["script_mismatch"] = np.abs(self.cjk_frac - doc_cjk)
        unread = ~self.comment_rows
        cols["p_comment_max_before"] = np.where(unread, np.nan, _max_before(idx, p_comment))
        cols["p_comment_win5"] = np.where(
            unread, np.nan, idx.sums(p_comment).window(5, 5) / self.window_counts[5]
        )
        out = np.empty((idx.n, len(CONTEXT_NAMES)), dtype=np.float32)
        for j, name in enumerate(CONTEXT_NAMES):
            out[:, j] = cols[name]
        return out

    def _vocab_similarity(self, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Cosine between a paragraph and its document's article-weighted vocabulary, itself left
        out; and the part of it that comes from beyond the paragraph's ``BLOCK_REACH`` neighbours.

        The second tells an injected block from the article: a five-line battery ad shares its
        words with itself, not with the phone article around it.
        Document centroids are never materialised per paragraph: each non-zero of the text matrix
        is keyed by (document, feature); centroid entries are grouped sums over those keys, and each
        paragraph's dot product is gathered back through the same keys.
        """
        idx = self.idx
        if idx.n == 0:
            return np.zeros(0), np.zeros(0)
        w = weight
        centroid = np.bincount(
            self.inverse, weights=w[self.rows] * self.vals, minlength=self.n_keys
        )
        n_docs = len(idx.doc_ptr) - 1
        c_norm2 = np.bincount(self.key_doc, weights=centroid**2, minlength=n_docs)
        xc = np.bincount(self.rows, weights=self.vals * centroid[self.inverse], minlength=idx.n)
        dot = xc - w * self.x_norm2
        rest_norm2 = np.maximum(c_norm2[idx.doc] - 2 * w * xc + w * w * self.x_norm2, 0.0)
        denom = np.sqrt(rest_norm2 * self.x_norm2)
        a, b, ab = self.near_a, self.near_b, self.near_dot
        near = np.bincount(a, weights=ab * w[b], minlength=idx.n)
        near += np.bincount(b, weights=ab * w[a], minlength=idx.n)
        safe = np.maximum(denom, 1e-12)
        ok = denom > 1e-12
        return np.where(ok, dot / safe, 0.0), np.where(ok, (dot - near) / safe, 0.0)


def _near_pairs(
    rows: np.ndarray, doc: np.ndarray, col: np.ndarray, data: np.ndarray, reach: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of paragraphs at most ``reach`` apart in one document that share a feature:
    rows ``a < b`` and the product of their values, once per shared feature.

    The non-zeros come in column order (``rows``, their ``doc`` and ``col``): the non-zeros of one
    feature are sorted by row, so a pair is at most ``reach`` places apart there too (one non-zero
    per row and feature).
    """
    a, b, ab = [], [], []
    for k in range(1, reach + 1):
        near = (col[k:] == col[:-k]) & (rows[k:] - rows[:-k] <= reach) & (doc[k:] == doc[:-k])
        a.append(rows[:-k][near])
        b.append(rows[k:][near])
        ab.append((data[:-k] * data[k:])[near].astype(np.float64))
    return np.concatenate(a), np.concatenate(b), np.concatenate(ab)


def _duplicate_counts(seg: Segments) -> np.ndarray:
    """How often each paragraph's exact text occurs in its own document."""
    keys = np.fromiter(map(hash, seg.paragraphs), dtype=np.int64, count=len(seg)).view(np.uint64)
    # hash() reads a string's storage bytes: "no" (two Latin-1 bytes) and "潮" (one UCS-2
    # character, the same two bytes) hash alike. Two such strings always differ in length.
    keys ^= (seg.ends - seg.starts).astype(np.uint64) * _LENGTH_MIX
    return group_sizes(seg.doc.astype(np.int64), keys.view(np.int64)).astype(np.float64)


_LENGTH_MIX = np.uint64(0x9E3779B97F4A7C15)


def group_sizes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For each ``i``, how many ``j`` have ``(a[j], b[j]) == (a[i], b[i])``.

    One ``lexsort`` of the two columns: ``np.unique(..., axis=0)`` sorts the rows as raw bytes,
    five times slower.
    """
    order = np.lexsort((b, a))
    sa, sb = a[order], b[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (sa[1:] != sa[:-1]) | (sb[1:] != sb[:-1])
    group = np.cumsum(new) - 1
    sizes = np.empty(len(order), dtype=np.int64)
    sizes[order] = np.bincount(group)[group]
    return sizes


def _length_rank(idx: DocIndex, chars: np.ndarray) -> np.ndarray:
    """Rank of the paragraph's length within its document, 0 = shortest, 1 = longest."""
    order = np.lexsort((chars, idx.doc))
    rank = np.empty(idx.n, dtype=np.float64)
    rank[order] = np.arange(idx.n) - idx.lo[order]
    return rank / np.maximum(idx.hi - idx.lo - 1, 1)
