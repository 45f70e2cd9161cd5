"""The direct JSONL encoding of a scanned document's row equals json's, byte for byte."""

from __future__ import annotations

import json
import math
import random

import numpy as np
import pytest

from pagesieve.types import LABELS, Flag, FlagColumns
from pagesieve.writers import (
    encode_jsonl,
    encode_ok_jsonl,
    flag_json,
    flag_json_items,
    ok_encoder_for,
    ok_row,
    score_json,
)

_REASONS = ["", 'score 0.97; "quoted" \\ back', "混合 text \u2028 \x00 \ud800 tab\t", "é" * 3]


def _flags(rng: random.Random, n: int) -> list[Flag]:
    out = []
    for _ in range(n):
        start = rng.randrange(0, 10**7)
        score = rng.choice([rng.random(), 1.0, 0.0, 0.5, 1e-9, 0.99995, 0.12345])
        out.append(
            Flag(
                start,
                start + rng.randrange(0, 5000),
                rng.choice(LABELS),
                score,
                rng.choice(_REASONS),
            )
        )
    return out


@pytest.mark.parametrize("seed", range(40))
def test_equals_json_of_the_row(seed: int) -> None:
    rng = random.Random(seed)
    flags = _flags(rng, rng.choice([0, 1, 3, 50]))
    doc_id = rng.choice(["doc-1", 17, None, 'ü"id\ud800', {"a": [1, 2]}, 3.5])
    text = rng.choice([None, "", 'clean text\nwith "quotes" and 中文 \ud800'])
    extra = rng.choice([None, {}, {"url": "http://x", "n": 3, "when": b"bytes", "dropped": 1}])
    page = rng.choice([None, (0.123456, False), (1.0, True)])
    for explain in (False, True):
        args = (doc_id, flags, explain, text, extra, page)
        assert encode_ok_jsonl(*args) == encode_jsonl(ok_row(*args))


def test_numbers_json_cannot_write_directly_take_its_own_path() -> None:
    flags = [
        Flag(np.int64(3), 5, "ad", 0.5),
        Flag(1, 2, "ad", np.float32(0.25)),
        Flag(1, 2, "ad", float("nan")),
        Flag(1, 2, "other", float("inf")),
        Flag(True, 2, "ad", 0.5),
    ]
    for f in flags:
        args = ("d", [f], True, None, None, None)
        assert encode_ok_jsonl(*args) == encode_jsonl(ok_row(*args))


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def test_non_finite_numbers_go_out_as_null() -> None:
    """Python reads NaN and Infinity in input records, but strict parsers reject them."""
    extra = {"w": float("nan"), "l": [1.5, float("-inf")], "d": {"x": float("inf")}}
    args = (float("inf"), [Flag(0, 2, "ad", 0.5)], False, None, extra, None)
    line = encode_jsonl(ok_row(*args))
    assert line == encode_ok_jsonl(*args)
    assert json.loads(line, parse_constant=_no_constants) == {
        "id": None,
        "flags": [{"start": 0, "end": 2, "label": "ad", "score": 0.5}],
        "w": None,
        "l": [1.5, None],
        "d": {"x": None},
    }
    fields = ok_encoder_for("parquet")(*args)["fields"]
    assert json.loads(fields, parse_constant=_no_constants)["l"] == [1.5, None]


def test_parquet_rows_are_built_as_before() -> None:
    args = ("d", [Flag(1, 2, "ad", 0.5)], False, "t", None, None)
    assert ok_encoder_for("parquet")(*args)["flags"] == [
        {"start": 1, "end": 2, "label": "ad", "score": 0.5}
    ]


def test_score_json_is_json_of_the_rounded_score() -> None:
    rng = random.Random(3)
    values = [rng.random() for _ in range(200_000)] + [0.0, -0.0, 1.0, 5e-5, 0.99995, 1e-300]
    for k in range(20_001):  # every rounding boundary and a step either side
        v = k / 20_000
        values += [v, math.nextafter(v, 0.0), math.nextafter(v, 1.0)]
    for v in values:
        if 0 <= v <= 1:
            assert score_json(v) == json.dumps(round(v, 4)), v


def test_flags_formatted_as_columns_equal_flag_by_flag() -> None:
    rng = random.Random(5)
    halves = [(2 * k + 1) / 20_000 for k in range(0, 10_000, 97)]  # 0.00005, ...: a half each
    scores = halves + [math.nextafter(v, d) for v in halves for d in (0.0, 1.0)]
    scores += [rng.random() for _ in range(5000)] + [0.0, -0.0, 1.0, 0.99995, 1e-300]
    scores += [float(np.float32(rng.random())) for _ in range(5000)]
    scores += [float("nan"), float("inf"), -0.5, 1.5]  # json writes these its own way
    docs = []
    while scores:
        n = rng.choice([0, 0, 1, 3, 40])
        docs.append(
            [
                Flag(i * 10, i * 10 + rng.randrange(1, 9), rng.choice(LABELS), scores.pop())
                for i in range(min(n, len(scores)))
            ]
        )
    items = flag_json_items(FlagColumns.from_lists(docs))
    assert items == [",".join(flag_json(f) for f in doc) for doc in docs]
    assert sum(1 for doc in items if not doc) > 10  # documents without flags are in place


def test_parquet_rows_hold_no_lone_surrogates() -> None:
    # JSON input may hold them; UTF-8 (Parquet's strings) may not: one U+FFFD for each, so the
    # cleaned text keeps its length, and a valid pair stays one character
    flags = [Flag(0, 1, "ad", 0.9, reason="quoted \ud800"), Flag(1, 2, "ad", 0.9)]
    row = ok_encoder_for("parquet")("\udc00", flags, True, "a\ud800b\U0001f600", {"m": "\ud801"})
    assert (row["id"], row["text"]) == ("\ufffd", "a\ufffdb\U0001f600")
    assert json.loads(row["fields"]) == {"m": "\ufffd"}
    assert row["flags"][0]["reason"] == "quoted \ufffd" and "reason" not in row["flags"][1]
    for value in (row["id"], row["text"], row["fields"], row["flags"][0]["reason"]):
        value.encode("utf-8")


def test_parquet_ids_that_are_not_strings_are_json() -> None:
    assert [ok_encoder_for("parquet")(i, [], False, None, None)["id"] for i in (7, True, [1])] == [
        "7",
        "true",
        "[1]",
    ]


def test_a_records_own_fields_never_replace_the_verdict() -> None:
    extra = {"flagged_fraction": 0.0, "dropped": False, "lang": "en"}
    row = ok_row("d", [], False, None, extra, page=(0.61, True))
    assert (row["flagged_fraction"], row["dropped"], row["lang"]) == (0.61, True, "en")
    line = json.loads(ok_encoder_for("jsonl")("d", [], False, None, extra, (0.61, True)))
    assert (line["flagged_fraction"], line["dropped"]) == (0.61, True)
    parquet = ok_encoder_for("parquet")("d", [], False, None, extra, (0.61, True))
    assert (parquet["flagged_fraction"], parquet["dropped"]) == (0.61, True)
    # without --drop-docs-above they are the record's own fields, kept like any other
    kept = ok_encoder_for("parquet")("d", [], False, None, extra)
    assert json.loads(kept["fields"]) == extra and "dropped" not in kept
