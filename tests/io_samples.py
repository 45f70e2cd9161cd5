"""Builders for small input files of every format, and a reader for scan output (tests only)."""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import zstandard
from fastwarc.warc import WarcRecord, WarcRecordType


def docs(n: int, prefix: str = "d") -> list[dict]:
    """Records whose ids encode their position; every third one carries an ad line."""
    out = []
    for i in range(n):
        lines = [f"Article {prefix}{i} first paragraph.", f"Second paragraph of {i}."]
        if i % 3 == 0:
            lines.insert(1, "BUY NOW and save 50%")
        out.append({"id": f"{prefix}{i}", "text": "\n".join(lines), "url": f"http://ex.com/{i}"})
    return out


def jsonl_bytes(records: Iterable[dict | bytes | str]) -> bytes:
    parts = []
    for r in records:
        if isinstance(r, bytes):
            parts.append(r if r.endswith(b"\n") else r + b"\n")
        elif isinstance(r, str):
            parts.append(r.encode() + b"\n")
        else:
            parts.append(json.dumps(r, ensure_ascii=False).encode() + b"\n")
    return b"".join(parts)


def write_jsonl(path: str | os.PathLike, records: Iterable[dict | bytes | str]) -> str:
    """Plain, .gz or .zst by extension."""
    data = jsonl_bytes(records)
    path = str(path)
    if path.endswith(".gz"):
        data = gzip.compress(data)
    elif path.endswith(".zst"):
        data = zstandard.ZstdCompressor().compress(data)
    with open(path, "wb") as fh:
        fh.write(data)
    return path


def write_parquet(path: str | os.PathLike, records: list[dict], row_group_size: int = 4) -> str:
    pq.write_table(pa.Table.from_pylist(records), str(path), row_group_size=row_group_size)
    return str(path)


def _record(rtype: WarcRecordType, uri: str, payload: bytes, content_type: str) -> bytes:
    rec = WarcRecord()
    rec.init_headers(record_type=rtype)
    rec.headers["WARC-Target-URI"] = uri
    rec.headers["Content-Type"] = content_type
    rec.set_bytes_content(payload)
    buf = io.BytesIO()
    rec.write(buf)
    return buf.getvalue()


def warcinfo() -> bytes:
    return _record(WarcRecordType.warcinfo, "", b"software: tests\r\n", "application/warc-fields")


def wet_record(uri: str, text: str) -> bytes:
    return _record(WarcRecordType.conversion, uri, text.encode("utf-8"), "text/plain")


def http_response(
    uri: str, html: str, content_type: str = "text/html; charset=utf-8", status: int = 200
) -> bytes:
    body = html.encode("utf-8")
    http = (
        f"HTTP/1.1 {status} OK\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    return raw_http_response(uri, http)


def raw_http_response(uri: str, http: bytes) -> bytes:
    """A response record around HTTP bytes as given (status line, headers, body)."""
    return _record(WarcRecordType.response, uri, http, "application/http; msgtype=response")


def write_warc(path: str | os.PathLike, records: list[bytes]) -> str:
    """One gzip member per record, like Common Crawl (``.gz``), or plain."""
    path = str(path)
    with open(path, "wb") as fh:
        for r in records:
            fh.write(gzip.compress(r) if path.endswith(".gz") else r)
    return path


def read_jsonl(path: str | os.PathLike) -> list[dict]:
    data = Path(path).read_bytes()
    if str(path).endswith(".gz"):
        data = gzip.decompress(data)
    elif str(path).endswith(".zst"):
        data = zstandard.ZstdDecompressor().decompressobj().decompress(data)
    return [json.loads(line) for line in data.splitlines()]


def read_output(path: str | os.PathLike) -> list[dict]:
    if str(path).endswith(".parquet"):
        return pq.read_table(str(path)).to_pylist()
    return read_jsonl(path)
