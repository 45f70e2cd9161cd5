"""The token vectorizer survives pickling, in the compact format and in the older one."""

from __future__ import annotations

import pickle

from pagesieve.tokens import TokenVectorizer

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
