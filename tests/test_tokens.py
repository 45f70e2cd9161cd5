"""The token vectorizer survives pickling, in the compact format and in the older one."""

from __future__ import annotations

import pickle
import random

from pagesieve.tokens import TOKEN_RE, TokenVectorizer, tokenize

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
    old = {k: v for k, v in vec.__dict__.items() if k != "_lookup"}
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
    """Known tokens take their vocabulary entry's hash, unknown ones are hashed: the same."""
    vec = _fitted()
    text = TEXT + "\nunseen words 77 berlin\n小米 ok"
    matrix, tokens, _, hashes = vec.transform_with_tokens(text, 6)
    assert (matrix != vec.transform(text, 6)).nnz == 0
    assert hashes.tolist() == [hash(t) for t in tokens]
    assert pickle.loads(pickle.dumps(vec)).transform_with_tokens(text, 6)[3].tolist() == [
        hash(t) for t in tokens
    ]


def test_every_token_gets_its_vocabulary_column() -> None:
    """Each paragraph's word columns are those of its ``TOKEN_RE`` tokens (single Han, kana and
    symbol characters included), unknown numbers (``str.isdigit``: ``①`` too) and other unknown
    tokens in their two columns, and every token's hash is its ``hash()``."""
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
    matrix, _, _, hashes = vec.transform_with_tokens(text, len(paragraphs))
    size = len(vec.vocab_)
    for i, paragraph in enumerate(paragraphs):
        expected = {
            vec.vocab_.get(t, size + 1 if t.isdigit() else size)
            for t in TOKEN_RE.findall(paragraph)
        }
        row = matrix.indices[matrix.indptr[i] : matrix.indptr[i + 1]]
        assert {int(c) for c in row if c < size + 2} == expected, paragraph
    assert hashes.tolist() == [hash(t) for t in TOKEN_RE.findall(text)]
