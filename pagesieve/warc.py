"""WARC and WET input: conversion records as they are, HTML responses rendered one block per line.

The rendering follows how the training pages were made (``shared/corpora/pages``): every
block element and ``<br>`` starts a line, table cells get their own line, whitespace is
collapsed and empty lines are dropped; no list bullets, alt texts or link targets.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastwarc.warc import ArchiveIterator, WarcRecordType

from pagesieve import streams
from pagesieve.readers import ERROR, HTML, TEXT, Doc, FieldSpec, RawItem, _checked

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_WANTED = WarcRecordType.response | WarcRecordType.resource | WarcRecordType.conversion


def iter_warc(stream: Any, fields: FieldSpec, compression: str) -> Iterator[RawItem]:
    """Yield WET text and WARC HTML records; ``pos`` is the record's offset in the
    decompressed stream. A truncated record or a damaged stream becomes an ``ERROR`` item."""
    safe = streams.SafeStream(stream)
    html_cap = 4 * fields.max_chars  # HTML bytes; the rendered text is checked in the worker
    last_pos = 0
    reported = False
    seen_record = False
    try:
        records = ArchiveIterator(
            safe, record_types=_WANTED, parse_http=True, auto_decode="all", stream_detect=False
        )
        for rec in records:
            last_pos = pos = rec.stream_pos
            seen_record = True
            headers = rec.headers
            uri = headers.get("WARC-Target-URI")
            rec_id = rec.record_id
            doc_id = uri or rec_id
            if rec.record_type == WarcRecordType.conversion:
                html = False
            else:
                ctype = rec.http_content_type if rec.is_http else headers.get("Content-Type")
                if rec.is_http:
                    status = _status(rec.http_headers)
                    if status is None or not 200 <= status < 300:
                        continue
                if ctype is not None and ctype.split(";")[0].strip().lower() not in _HTML_TYPES:
                    continue
                html = True
            expected = rec.content_length
            try:
                body = rec.reader.read(html_cap + 1) if rec.reader is not None else b""
            except Exception as exc:  # a body that cannot be decoded (bad chunking, bad brotli)
                yield (ERROR, pos, (doc_id, f"undecodable HTTP body: {exc}"), 0)
                continue
            if len(body) > html_cap:
                msg = f"document too large (record over {html_cap} bytes)"
                yield (ERROR, pos, (doc_id, msg), len(body))
                continue
            if "Content-Length" not in headers or (len(body) < expected and not _encoded(rec)):
                why = "truncated WARC record"
                if safe.error is not None:
                    why += f" ({_describe(safe.error, compression)})"
                    reported = True
                yield (ERROR, pos, (doc_id, why), len(body))
                continue
            if html:
                if ctype is None and body.lstrip()[:1] != b"<":
                    continue
                charset = rec.http_charset if rec.is_http else None
                yield (
                    HTML,
                    pos,
                    (doc_id, rec_id, headers.get("WARC-Date"), body, charset),
                    len(body),
                )
            else:
                text = body.decode("utf-8", "replace")
                extra = {"warc_record_id": rec_id, "warc_date": headers.get("WARC-Date")}
                yield (TEXT, pos, (doc_id, text, extra), len(body))
    except BaseException as exc:  # fastwarc also raises pyo3 PanicException (a BaseException)
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        where = f"after the record at offset {last_pos}" if seen_record else "at its start"
        yield (ERROR, last_pos, (None, f"unreadable WARC {where}: {exc}"), 0)
        return
    if safe.error is not None and not reported:
        yield (ERROR, safe.tell(), (None, _describe(safe.error, compression)), 0)


def _status(http_headers: Any) -> int | None:
    """The HTTP status; fastwarc gives None for a response with no header lines at all, so the
    status line is read then (a 200 with no ``Content-Type`` is still a page to sniff)."""
    if http_headers is None:
        return None
    if http_headers.status_code is not None:
        return http_headers.status_code
    parts = (http_headers.status_line or "").split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def _encoded(rec: Any) -> bool:
    """Decoded HTTP bodies can be shorter than the record, so length says nothing there."""
    h = rec.http_headers if rec.is_http else None
    return h is not None and (
        h.get("Content-Encoding") is not None or h.get("Transfer-Encoding") is not None
    )


def _describe(exc: BaseException, compression: str) -> str:
    from pagesieve.readers import _stream_error

    return _stream_error(exc, compression)


def html_to_text(html: str) -> str:
    """Render HTML as one block per line, like the training pages."""
    from resiliparse.extract.html2text import extract_plain_text

    rendered = extract_plain_text(
        html,
        preserve_formatting=True,
        main_content=False,
        list_bullets=False,
        alt_texts=False,
        links=False,
        form_fields=False,
        noscript=False,
    )
    lines = []
    for line in rendered.split("\n"):
        for cell in line.split("\t"):
            cell = " ".join(cell.split())
            if cell:
                lines.append(cell)
    return "\n".join(lines)


def html_doc(payload: tuple, fields: FieldSpec) -> Doc:
    """Decode and render a WARC HTML payload in a worker."""
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    doc_id, rec_id, date, body, charset = payload
    try:
        html = bytes_to_str(body, charset or detect_encoding(body), errors="replace")
        text = html_to_text(html)
    except Exception as exc:
        return Doc(doc_id, None, None, f"cannot render HTML: {exc}")
    extra = {"warc_record_id": rec_id, "warc_date": date} if fields.keep_fields else None
    return _checked(doc_id, text, extra, fields)
