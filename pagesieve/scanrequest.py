"""The ``POST /v1/scan`` request contract: limits, parsing and validation into plain values.

Kept apart from the web framework so the contract can be tested and reused without a server:
anything a client can get wrong becomes a :class:`RequestError` carrying a 4xx status and a
message that says what to fix, never an exception the server would turn into a 500.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from pagesieve import json_values
from pagesieve.readers import kind_name

#: Default limits of the service (see ``detect.py serve --help``).
DEFAULT_MAX_BODY_BYTES = 16 << 20
DEFAULT_MAX_DOCUMENTS = 256
DEFAULT_MAX_CHARS = 2_000_000
DEFAULT_TIMEOUT = 30.0
DEFAULT_BODY_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class Limits:
    """What one request may carry, how long its body may take to arrive and its detection to run."""

    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_documents: int = DEFAULT_MAX_DOCUMENTS
    max_chars: int = DEFAULT_MAX_CHARS
    timeout: float = DEFAULT_TIMEOUT
    #: a client that stops sending mid-body held its connection and buffers for good
    body_timeout: float = DEFAULT_BODY_TIMEOUT

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class RequestDoc:
    """One document of a request; ``id`` is echoed back as given (the position when absent).

    Other fields of a request's document (a crawler's ``url``, say) are ignored, not refused."""

    id: Any
    text: str


@dataclass(frozen=True, slots=True)
class ScanRequest:
    documents: list[RequestDoc]
    clean: bool = False
    explain: bool = False
    drop_above: float | None = None  #: as ``scan --drop-docs-above``

    @property
    def chars(self) -> int:
        return sum(len(d.text) for d in self.documents)


class RequestError(Exception):
    """A request the service refuses: ``status`` is the HTTP status, ``kind`` a metric label."""

    def __init__(self, status: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.message = message


_ALLOWED_KEYS = {"documents", "clean", "explain", "drop_above"}


def parse_scan_request(body: bytes, limits: Limits) -> ScanRequest:
    """Parse and validate a request body; raises :class:`RequestError` on anything wrong."""
    if len(body) > limits.max_body_bytes:
        raise body_too_large(limits)
    if not body.strip():
        raise RequestError(400, "bad_json", "empty body: expected a JSON object")
    try:
        obj = json_values.loads(
            body.decode("utf-8-sig")
        )  # bytes to json.loads would also take UTF-16
    except UnicodeDecodeError as exc:
        raise RequestError(400, "bad_json", f"body is not valid UTF-8 (byte {exc.start})") from None
    except ValueError as exc:
        raise RequestError(400, "bad_json", f"body is not valid JSON: {exc}") from None
    except RecursionError:
        raise RequestError(400, "bad_json", "body is not valid JSON: nested too deeply") from None
    if not isinstance(obj, dict):
        raise RequestError(422, "invalid", f"body is {kind_name(obj)}, expected a JSON object")
    unknown = sorted(set(obj) - _ALLOWED_KEYS)
    if unknown:
        raise RequestError(
            422,
            "invalid",
            f"unknown field(s) {unknown}; allowed: documents, clean, explain, drop_above",
        )
    flags = {}
    for key in ("clean", "explain"):
        value = obj.get(key, False)
        if not isinstance(value, bool):
            raise RequestError(
                422, "invalid", f"'{key}' is {kind_name(value)}, expected true or false"
            )
        flags[key] = value
    drop_above = obj.get("drop_above")
    if drop_above is not None:
        if isinstance(drop_above, bool) or not isinstance(drop_above, (int, float)):
            raise RequestError(
                422,
                "invalid",
                f"'drop_above' is {kind_name(drop_above)}, expected a number in [0, 1]",
            )
        if not 0.0 <= drop_above <= 1.0:
            raise RequestError(422, "invalid", f"'drop_above' is {drop_above}, expected [0, 1]")
        flags["drop_above"] = float(drop_above)
    if "documents" not in obj:
        raise RequestError(422, "invalid", "missing 'documents': expected an array of {id, text}")
    docs = obj["documents"]
    if not isinstance(docs, list):
        raise RequestError(422, "invalid", f"'documents' is {kind_name(docs)}, expected an array")
    if len(docs) > limits.max_documents:
        raise RequestError(
            413,
            "too_many_documents",
            f"{len(docs)} documents in one request; the limit is {limits.max_documents}",
        )
    return ScanRequest([_document(i, d, limits) for i, d in enumerate(docs)], **flags)


def _document(i: int, doc: Any, limits: Limits) -> RequestDoc:
    where = f"documents[{i}]"
    if not isinstance(doc, dict):
        raise RequestError(422, "invalid", f"{where} is {kind_name(doc)}, expected an object")
    doc_id = doc.get("id")
    if doc_id is None:  # null is no id, as ``detect.py scan`` reads it: the position
        doc_id = i
    if isinstance(doc_id, float) and not math.isfinite(doc_id):
        # NaN, Infinity, 1e999 (read as inf): answered as null, the row matched no document
        raise RequestError(422, "invalid", f"{where}.id is not a finite number")
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int, float)):
        raise RequestError(
            422, "invalid", f"{where}.id is {kind_name(doc_id)}, expected a string or number"
        )
    if "text" not in doc:
        raise RequestError(422, "invalid", f"{where} has no 'text'")
    text = doc["text"]
    if not isinstance(text, str):
        raise RequestError(422, "invalid", f"{where}.text is {kind_name(text)}, expected a string")
    if len(text) > limits.max_chars:
        raise RequestError(
            413,
            "document_too_large",
            f"{where}.text has {len(text)} characters; the limit is {limits.max_chars}",
        )
    return RequestDoc(doc_id, text)


def body_too_large(limits: Limits) -> RequestError:
    return RequestError(
        413, "body_too_large", f"request body exceeds the limit of {limits.max_body_bytes} bytes"
    )
