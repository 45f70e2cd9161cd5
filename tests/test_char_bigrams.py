"""Seam statistics: a phrase spliced into a sentence leaves weak seams around a strong join."""

from __future__ import annotations

import numpy as np

from pagesieve.char_bigrams import CharBigrams, symbols

# clean prose the statistics are counted on: "因而" and "明确" are common words here, and the
# characters of 金沙娱乐 occur too, but never next to 因 or 而
_PROSE = [
    "研究人员因而提出了明确的方法，并且因而得到了明确的结论。",
    "这个问题因而变得明确，方法也因而更加明确可靠。",
    "实验结果因而十分明确，因而可以推广到其他系统。",
    "黄金和沙子的娱乐价值不同，快乐的人们在河边淘金。",
] * 20


def _fitted() -> CharBigrams:
    return CharBigrams().fit(_PROSE)


def test_a_spliced_phrase_has_weak_seams_and_a_strong_join() -> None:
    text = "结果因金沙娱乐而明确"
    start = text.index("金")
    end = text.index("而")
    left, right, join = _fitted().seams(text, start, end)
    assert join > left + 3 and join > right + 3


def test_a_word_in_its_own_sentence_has_no_splice_signature() -> None:
    text = "研究人员因而提出了明确的方法"
    start = text.index("因")
    left, right, join = _fitted().seams(text, start, start + 2)  # "因而": a word of the prose
    assert join < left or join < right


def test_seams_at_the_edge_of_the_text_are_zero() -> None:
    left, right, join = _fitted().seams("金沙娱乐而明确", 0, 4)
    assert left == 0.0 and join == 0.0 and right != 0.0


def test_letters_and_digits_fold_into_one_symbol_each() -> None:
    got = symbols(np.array([ord(c) for c in "aZ09金"]))
    assert got.tolist() == [ord("a"), ord("a"), ord("0"), ord("0"), ord("金")]


def test_seams_many_matches_seams_one_by_one() -> None:
    bigrams = _fitted()
    texts = ["结果因金沙娱乐而明确", "研究人员因而提出了明确的方法", "ab"]
    starts, ends = np.array([3, 4, 0]), np.array([7, 6, 2])
    many = bigrams.seams_many(texts, starts, ends)
    for row, (t, a, b) in zip(many, zip(texts, starts.tolist(), ends.tolist())):
        assert np.allclose(row, bigrams.seams(t, a, b))


def test_pair_log_counts_are_the_counts_of_the_clean_text():
    bigrams = CharBigrams().fit(["中国" * 100, "香港"])
    counts = bigrams.pair_log_counts("中国香港")  # 中国, 国香, 香港
    assert abs(counts[0] - np.log2(101)) < 0.05
    assert counts[1] == 0
    assert abs(counts[2] - 1.0) < 0.05
    assert len(bigrams.pair_log_counts("中")) == 0
