"""The token vectorizer survives pickling, in the compact format and in the older one."""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys

import numpy as np

from pagesieve.tokens import TOKEN_RE, TokenVectorizer, VocabTable, string_hashes, tokenize

TEXT = "phones sell well in berlin\nphones and batteries\n小米手机在欧洲销售\nberlin berlin 2024"


def _fitted() -> TokenVectorizer:
    return TokenVectorizer(min_count=1, pair_buckets=2**10).fit(TEXT, 4)


def test_pickle_round_trip_keeps_vocabulary_and_rows() -> None:
    vec = _fitted()
    again = pickle.loads(pickle.dumps(vec))
    assert again.vocab_ == vec.vocab_
    assert (again.transform(TEXT, 4) != vec.transform(TEXT, 4)).nnz == 0


def test_vocabulary_is_pickled_as_one_string() -> None:
    state = _fitted().__getstate__()
    assert "vocab_" not in state and isinstance(state["vocab_tokens"], str)


def test_older_state_with_a_vocabulary_dict_still_loads() -> None:
    vec = _fitted()
    old = {k: v for k, v in vec.__dict__.items() if k != "_vocab_table"}
    restored = TokenVectorizer.__new__(TokenVectorizer)
    restored.__setstate__(old)
    assert restored.vocab_ == vec.vocab_
    assert (restored.transform(TEXT, 4) != vec.transform(TEXT, 4)).nnz == 0


def test_empty_vocabulary_round_trips() -> None:
    assert pickle.loads(pickle.dumps(TokenVectorizer())).vocab_ == {}


def test_tokenize_is_findall() -> None:
    """The numpy tokenizer splits exactly where the regex does, whatever the characters."""
    rng = random.Random(2)
    alphabet = (
        "ab Zé ß ĳ ﬁ x_y 09 ٣ ² ½ 中文 かな ㄱ 한 \n \t \x00 | » › © @ # { } [ ] < > % $ € £ ¥ : ："
        " / · • & = . , ' - \u0301 \u200b \ud800 𝐀 𡺉 😀 Ⅻ ǅ"
    )
    texts = ["", "\n", "a", "中", "𡺉x", "\x00", "".join(map(chr, range(0x10000)))]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300))) for _ in range(300)]
    texts.append(TEXT)
    for text in texts:
        assert tokenize(text) == TOKEN_RE.findall(text)


def test_token_hashes_are_the_tokens_hashes() -> None:
    """Each token's hash is :func:`string_hashes` of its text, before and after pickling."""
    vec = _fitted()
    text = TEXT + "\nunseen words 77 berlin\n小米 ok"
    matrix, _, hashes, _ = vec.transform_with_tokens(text, 6)
    assert (matrix != vec.transform(text, 6)).nnz == 0
    tokens = TOKEN_RE.findall(text)
    assert hashes.tolist() == string_hashes(tokens).tolist()
    again = pickle.loads(pickle.dumps(vec)).transform_with_tokens(text, 6)[2]
    assert again.tolist() == hashes.tolist()


def test_string_hashes_tell_apart_what_python_hash_does_not() -> None:
    """``hash()`` reads a string's storage bytes: ``no`` (two Latin-1 bytes 6E 6F) and ``潮``
    (U+6F6E, the same two bytes) hash alike, and page-word counts merged such pairs."""
    assert hash("no") == hash("潮") and hash("of") == hash("景")
    words = ["no", "潮", "of", "景", "n", "o", "on", "𡺉", "\n", "no"]
    h = string_hashes(words).tolist()
    assert len(set(h[:-1])) == len(words) - 1 and h[-1] == h[0]


def test_string_hashes_are_the_same_in_every_process() -> None:
    """Python salts ``hash()`` per process; these hashes depend on the text alone."""
    code = "from pagesieve.tokens import string_hashes; print(string_hashes(['berlin', '小米']))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1


def test_vocabulary_table_finds_every_entry_and_nothing_else() -> None:
    """Keys sharing their home slot are found past each other; others are not found."""
    rng = np.random.default_rng(0)
    keys = rng.integers(-(2**63), 2**63 - 1, size=3000, dtype=np.int64)
    keys[:200] = (keys[:200] & 0xFFFF) | (5 << 50)  # two hundred keys with one home slot
    keys = np.unique(keys)
    table = VocabTable(keys, list(range(len(keys))))
    assert table.lookup(keys).tolist() == list(range(len(keys)))
    others = np.setdiff1d(rng.integers(-(2**63), 2**63 - 1, size=3000, dtype=np.int64), keys)
    assert (table.lookup(others) == -2).all()
    assert VocabTable(keys[:0], []).lookup(keys).tolist() == [-2] * len(keys)


def test_every_token_gets_its_vocabulary_column() -> None:
    """Each paragraph's word columns are those of its ``TOKEN_RE`` tokens (single Han, kana and
    symbol characters included), unknown numbers (``str.isdigit``: ``①`` too) and other unknown
    tokens in their two columns, and every token's hash is :func:`string_hashes` of it."""
    vec = TokenVectorizer(min_count=1, pair_buckets=2**10).fit(
        "小米 手机 ok 2024 | » 𡺉 かな x_y\nberlin phones ² ٣ 〇", 2
    )
    rng = random.Random(5)
    alphabet = (
        "小米手机欧洲 かなカ ok berlin x_y 2024 09 ² ٣ ½ 〇 ① | » © @ : ： 𡺉 😀 \x00 ß é \u200b"
    )
    paragraphs = [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(300)
    ]
    paragraphs += ["²", "小", "𡺉", "😀", "", "① ½ 〇"]
    text = "\n".join(paragraphs)
    matrix, _, hashes, _ = vec.transform_with_tokens(text, len(paragraphs))
    size = len(vec.vocab_)
    for i, paragraph in enumerate(paragraphs):
        expected = {
            vec.vocab_.get(t, size + 1 if t.isdigit() else size)
            for t in TOKEN_RE.findall(paragraph)
        }
        row = matrix.indices[matrix.indptr[i] : matrix.indptr[i + 1]]
        assert {int(c) for c in row if c < size + 2} == expected, paragraph
    assert hashes.tolist() == string_hashes(TOKEN_RE.findall(text)).tolist()


def test_a_token_longer_than_the_kept_powers_hashes_the_same_every_time() -> None:
    """Binary junk read as text can make one token of a million letters: it is hashed like any
    other, and the powers kept between calls stay bounded."""
    from pagesieve import tokens

    junk = "q" * (tokens._KEEP_POWERS * 3)
    first = string_hashes([junk, "ok"])
    assert string_hashes(["ok", junk]).tolist() == first[::-1].tolist()
    assert string_hashes([junk[:-1]])[0] != first[0]
    assert len(tokens._POWERS) <= tokens._KEEP_POWERS


def test_count_words_finds_words_the_vocabulary_lacks():
    """A rule's word that the training pages held too rarely has the unknown words' id: it is
    counted by its hash, and another unknown word is not."""
    from pagesieve.tokens import TokenVectorizer

    vec = TokenVectorizer(min_count=1).fit("the casino and the loan\nthe loan", 2)
    assert "keygen" not in vec.vocab_
    lowered = "a casino keygen\nno such words here\nkeygen keygen zolpidem"
    _, rows, hashes, ids = vec.transform_with_tokens(lowered, 3)
    words = ("casino", "keygen")
    assert vec.count_words(ids, hashes, rows, 3, words).tolist() == [2, 0, 2]
