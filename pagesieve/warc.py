"""WARC and WET input: conversion records as they are, HTML responses rendered one block per line.

The rendering follows how the training pages were made (``shared/corpora/pages``): every
block element and ``<br>`` starts a line, table cells get their own line, whitespace is
collapsed and empty lines are dropped; no list bullets, alt texts or link targets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fastwarc.warc import ArchiveIterator, WarcRecordType

from pagesieve import streams
from pagesieve.readers import ERROR, HTML, TEXT, Doc, FieldSpec, RawItem, _checked

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_WANTED = WarcRecordType.response | WarcRecordType.resource | WarcRecordType.conversion


def iter_warc(stream: Any, fields: FieldSpec, compression: str) -> Iterator[RawItem]:
    """Yield WET text and WARC HTML records; ``pos`` is the record's offset in the
    decompressed stream. A truncated record or a damaged stream becomes an ``ERROR`` item.

    A record whose WARC header cannot be parsed (garbage between records, a bad version line)
    is one error, and reading goes on at the next ``WARC/1.x`` line: the records after it are
    intact. So it does after a damaged gzip member, which the stream skips
    (:class:`pagesieve.streams.GzipMemberSkipped`): the record it cut is an error, and so is
    each skipped member. A last record cut inside its header, which fastwarc passes over without
    a word, is found by the header line it left behind."""
    src = WarcWindow(stream)
    html_cap = 4 * fields.max_chars  # HTML bytes; the rendered text is checked in the worker
    state = _Pass()
    while True:
        resume_at: int | None = None
        try:
            # every record type passes through here, so that the last record read is known
            records = ArchiveIterator(src, parse_http=True, auto_decode="all", stream_detect=False)
            for rec in records:
                pos = rec.stream_pos
                # a member skipped before this record: lost records between, or one ran over it
                for at, why in src.take_splices(pos + 1):
                    yield _skipped_member(at, why)
                    if at < pos:
                        resume_at = at
                if resume_at is not None:
                    break
                state.last_start, state.last_end, state.last_item = pos, None, False
                if src.header_cut(pos):  # fastwarc hands out what it read of it
                    why = _truncated(src, compression, "cut in its header")
                    state.reported |= src.error is not None
                    state.last_item = True
                    yield (ERROR, pos, (src.uri_after(pos), why), 0)
                    continue
                item = (
                    _record_item(rec, html_cap, src, compression)
                    if rec.record_type & _WANTED
                    else _untyped(rec)
                )
                end = src.record_end(pos, rec.headers.get("Content-Length"))
                inside = src.take_splices(src.end + 1 if end is None else end)
                if inside:  # a member skipped inside this record: its block holds another's bytes
                    src.put_back(inside[1:])  # later ones are met again after the rewind
                    doc_id = item[2][0] if item is not None else src.uri_after(pos)
                    why = f"damaged gzip member in this record: {inside[0][1]}"
                    yield (ERROR, pos, (doc_id, why), 0)
                    resume_at = inside[0][0]
                    break
                bad = src.bad_length(pos, rec.headers.get("Content-Length"), end)
                if bad is not None:  # the block as declared is not this record's: an error
                    why, resume_at = bad
                    doc_id = item[2][0] if item is not None else src.uri_after(pos)
                    state.reported_at = max(state.reported_at, pos)
                    yield (ERROR, pos, (doc_id, why), 0)
                    break
                state.last_failed = item is not None and item[0] == ERROR
                state.last_item = item is not None
                if item is not None:
                    # an error record once the stream failed already names that failure
                    state.reported |= item[0] == ERROR and src.error is not None
                    yield item
                state.last_end = end
                if item is not None and item[0] == ERROR and item[2][1].startswith(_UNDECODABLE):
                    # fastwarc would decode the rest of the body to skip it, and fail on it as
                    # if the next record were damaged: read on from this record's end instead
                    resume_at = end if end is not None else pos + 1
                    break
        except BaseException as exc:  # fastwarc also raises pyo3 PanicException (a BaseException)
            if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
                raise
            cut = src.take_splices(src.end + 1)
            if cut:  # fastwarc stumbled on where a damaged member was skipped
                for at, why in cut:
                    state.reported_at = max(state.reported_at, at)
                    yield _skipped_member(at, why)
                resume_at = max(cut[0][0], state.last_start + 1)
            elif src.error is not None:  # the stream itself failed: reported below
                break
            else:
                bad = state.reported_at = state.damage_from()
                yield (ERROR, bad, (None, f"unreadable WARC record at offset {bad}: {exc}"), 0)
                resume_at = state.search_from()
        if resume_at is None:
            break
        nxt = src.next_header(resume_at, anywhere=True)  # garbage need not end in a newline
        if nxt is None:
            state.last_end = None
            break
        src.rewind(nxt)
        state.restarted(nxt)
    for at, why in src.take_splices(src.end + 1):
        yield _skipped_member(at, why)
    if src.error is not None:
        if not state.reported:
            yield (ERROR, src.tell(), (None, _describe(src.error, compression)), 0)
        return
    if state.last_end is not None:
        if state.last_end > src.end and not state.last_failed:  # its block stops short
            uri = src.uri_after(state.last_start)
            yield (ERROR, state.last_start, (uri, "truncated WARC record"), 0)
            return
        cut = src.next_header(state.last_end)
        if cut is not None:
            why = _truncated(src, compression, "cut in its header")
            yield (ERROR, cut, (src.uri_after(cut), why), 0)


def _skipped_member(at: int, why: str) -> RawItem:
    return (ERROR, at, (None, f"damaged gzip member skipped: {why}"), 0)


def _truncated(src: WarcWindow, compression: str, detail: str = "") -> str:
    """The reason for a truncated record, with the stream's own failure when there is one."""
    if src.error is not None:
        detail = _describe(src.error, compression)
    return f"truncated WARC record ({detail})" if detail else "truncated WARC record"


class _Pass:
    """Where reading stands: the last record's start and end, and where it last resumed."""

    def __init__(self) -> None:
        self.last_start = -1
        self.last_end: int | None = 0
        self.resumed_at = -1
        self.reported = False
        self.last_failed = False  #: the last record read became an error record
        self.last_item = False  #: the last record read gave an item (a page or an error)
        self.reported_at = -1  #: the offset of the last error record about damage

    def damage_from(self) -> int:
        """Where the damage that stopped fastwarc begins, at the earliest, for its error record:
        past the last record read whole, or at the start of the one it failed on when that one
        gave nothing (fastwarc hands out a record whose header it misread, then fails on the
        bytes after it), and past the last error reported, so that one offset has one error."""
        if self.last_end is not None:
            pos = self.last_end
        else:
            pos = self.last_start + (1 if self.last_item else 0)
        return max(pos, self.reported_at + 1, 0)

    def search_from(self) -> int:
        """Where to look for the next header: inside the last record read (cut short, its
        Content-Length ran over the start of the next, intact one), and always past the last
        resumption, so that a header that fails twice cannot hold reading in place."""
        return max(self.last_start + 1, self.resumed_at + 1, 0)

    def restarted(self, at: int) -> None:
        self.resumed_at = at
        # nothing read yet past ``at``: damage found now starts there
        self.last_start, self.last_end, self.last_item = at - 1, None, True


#: no WARC-Type line (fastwarc's record type 0, printed as 'unknown'), or an unknown one
_UNTYPED = frozenset({int(WarcRecordType.no_type), int(WarcRecordType.unknown)})


def _untyped(rec: Any) -> RawItem | None:
    """An error for a record with a target URI but no WARC-Type that fastwarc knows (a damaged
    or missing ``WARC-Type`` line): it may have been a page, and would vanish without a word.
    Records of the other types (requests, metadata, warcinfo, …) are passed over."""
    if int(rec.record_type) not in _UNTYPED:
        return None
    uri = rec.headers.get("WARC-Target-URI")
    if not uri:
        return None
    kind = rec.headers.get("WARC-Type")
    why = (
        "WARC record with no WARC-Type"
        if kind is None
        else f"WARC record of unknown type {kind[:40]!r}"
    )
    return (ERROR, rec.stream_pos, (uri, why), 0)


#: the error of a record whose HTTP body cannot be decoded (bad chunking, bad gzip or brotli)
_UNDECODABLE = "undecodable HTTP body"


def _record_item(rec: Any, html_cap: int, src: WarcWindow, compression: str) -> RawItem | None:
    """The raw item of one wanted record, or None for a record that is not a page."""
    pos = rec.stream_pos
    headers = rec.headers
    uri = headers.get("WARC-Target-URI")
    rec_id = rec.record_id
    doc_id = uri or rec_id
    head = b""  # the block's first bytes, when they were looked at before deciding
    if rec.record_type == WarcRecordType.conversion:
        html = False
        ctype = None
    else:
        ctype = rec.http_content_type if rec.is_http else headers.get("Content-Type")
        if rec.record_type == WarcRecordType.response and not rec.is_http:
            # fastwarc parses HTTP only under "Content-Type: application/http": with that line
            # damaged, a page was passed over as a non-HTML response, without a word
            head = rec.reader.read(5) if rec.reader is not None else b""
            if head == b"HTTP/":
                said = f"Content-Type {ctype[:60]!r}" if ctype is not None else "no Content-Type"
                why = f"damaged WARC header: an HTTP response with {said}, not application/http"
                return (ERROR, pos, (doc_id, why), 0)
        if rec.is_http:
            status = _status(rec.http_headers)
            if status is None or not 200 <= status < 300:
                return None
        if ctype is not None and ctype.split(";")[0].strip().lower() not in _HTML_TYPES:
            return None
        html = True
    expected = rec.content_length
    try:
        body = head + (rec.reader.read(html_cap + 1 - len(head)) if rec.reader is not None else b"")
    except Exception as exc:  # a body that cannot be decoded (bad chunking, bad brotli)
        return (ERROR, pos, (doc_id, f"{_UNDECODABLE}: {exc}"), 0)
    if len(body) > html_cap:
        msg = f"document too large (record over {html_cap} bytes)"
        return (ERROR, pos, (doc_id, msg), len(body))
    if "Content-Length" not in headers or (len(body) < expected and not _encoded(rec)):
        return (ERROR, pos, (doc_id, _truncated(src, compression)), len(body))
    if html:
        if ctype is None and body.lstrip()[:1] != b"<":
            return None
        charset = rec.http_charset if rec.is_http else None
        return (HTML, pos, (doc_id, rec_id, headers.get("WARC-Date"), body, charset), len(body))
    text = body.decode("utf-8", "replace")
    extra = {"warc_record_id": rec_id, "warc_date": headers.get("WARC-Date")}
    return (TEXT, pos, (doc_id, text, extra), len(body))


_HEADER_LINE = re.compile(rb"(?:^|\n)(WARC/1\.[01]\r?\n)")
_HEADER_AT = re.compile(rb"WARC/1\.[01]\r?\n")
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_URI_LINE = re.compile(rb"\nWARC-Target-URI: *([^\r\n]*)")


#: how far past the bytes read a record's declared end is looked for
_LOOK_AHEAD = 1 << 20


class WarcWindow(streams.SafeStream):
    """:class:`pagesieve.streams.SafeStream` that keeps the bytes read in a window, so that
    reading can go back to a record header fastwarc read past (after damage) and the bytes
    after the last record can be looked at. Memory stays bounded: bytes more than ``WINDOW``
    behind the reader are let go (never bytes not yet handed out)."""

    WINDOW = 8 << 20

    def __init__(self, fh: Any) -> None:
        super().__init__(fh)
        self._buf = bytearray()
        self._base = 0  # stream offset of _buf[0]
        self._splices: list[tuple[int, str]] = []  # (offset, why): damaged members skipped

    def take_splices(self, before: int) -> list[tuple[int, str]]:
        """The skipped members at offsets before ``before``, no longer pending."""
        taken = [x for x in self._splices if x[0] < before]
        self._splices = [x for x in self._splices if x[0] >= before]
        return taken

    def put_back(self, splices: list[tuple[int, str]]) -> None:
        self._splices = sorted(splices + self._splices)

    @property
    def end(self) -> int:
        """Offset just past the bytes read so far (the stream's length, once at its end)."""
        return self._base + len(self._buf)

    def read(self, n: int = -1) -> bytes:
        if self._pos >= self.end:  # streaming on: the new bytes as they come
            data = self._fetch(n if n and n > 0 else 1 << 16)
            self._pos += len(data)
            return data
        want = n if n and n > 0 else self.end - self._pos  # replaying after a rewind
        at = self._pos - self._base
        out = bytes(self._buf[at : at + want])
        self._pos += len(out)
        return out

    def _fetch(self, n: int) -> bytes:
        """Read up to ``n`` more bytes of the stream into the window (b"" at its end)."""
        if self.error is not None:
            return b""
        while True:
            try:
                data = self._fh.read1(n)
                break
            except streams.GzipMemberSkipped as exc:  # reading goes on after it
                self._splices.append((exc.at, str(exc)))
            except streams.STREAM_ERRORS as exc:
                self.error = exc
                return b""
        self._buf += data
        behind = min(self._pos, self.end) - self._base - self.WINDOW
        if behind > self.WINDOW:  # let go in big steps: each costs a copy of the window
            del self._buf[:behind]
            self._base += behind
        return data

    def rewind(self, pos: int) -> None:
        self._pos = max(pos, self._base)

    def next_header(self, start: int, anywhere: bool = False) -> int | None:
        """Offset of the first ``WARC/1.x`` header line at or after ``start``, reading on
        through the stream if need be, or None. ``anywhere``: not only at a line's start (after
        damage, a header may follow garbage directly)."""
        pattern = _HEADER_AT if anywhere else _HEADER_LINE
        start = max(start, self._base)
        while self.end - start < 10 and self._fetch(1 << 16):
            pass
        if _HEADER_AT.match(self._buf, start - self._base):
            return start  # right at ``start`` (where a skipped member ended), whatever is before
        while True:
            start = max(start, self._base)
            for m in pattern.finditer(self._buf, max(start - self._base - 1, 0)):
                if self._base + m.start(m.lastindex or 0) >= start:
                    return self._base + m.start(m.lastindex or 0)
            start = max(start, self.end - 12)  # next time, only the new bytes (and a line's worth)
            # nothing before ``start`` is read again (a caller rewinds to what is found), so the
            # window may let it go: a long run of garbage is not held in memory
            self._pos = max(self._pos, start)
            if not self._fetch(1 << 16):
                return None

    def _header_end(self, start: int) -> int | None:
        m = _HEADER_END.search(self._buf, start - self._base)
        return None if m is None else self._base + m.end()

    def record_end(self, start: int, content_length: str | None) -> int | None:
        """Offset just past a record's block (the blank lines after it skipped, as far as
        they were read), if its header is still in the window. ``content_length``: the WARC
        header's, not fastwarc's ``content_length``, which leaves out the HTTP header."""
        if start < self._base or content_length is None or not content_length.strip().isdigit():
            return None
        head_end = self._header_end(start)
        if head_end is None:
            return None
        end = head_end - self._base + int(content_length)
        while end < len(self._buf) and self._buf[end] in b"\r\n":
            end += 1
        return self._base + end

    def bad_length(
        self, start: int, content_length: str | None, end: int | None
    ) -> tuple[str, int] | None:
        """Why the record at ``start`` has a Content-Length that cannot be its block's, and
        where to look for the next header; None when it may be. A length that is no byte count
        (``abc``, ``-1``) leaves the block undefined; one that runs over the next record's
        header (a WARC header line and a ``WARC-`` field inside the block as declared) swallows
        that record. A length that stops short is the format's own word (the bytes after it are
        reported as damage where reading resumes)."""
        if content_length is None or start < self._base:
            return None
        head_end = self._header_end(start)
        if head_end is None:
            return None
        value = content_length.strip()
        if not value.isdigit():
            return f"bad WARC Content-Length {value[:20]!r}: not a byte count", head_end
        if end is None:
            return None
        stop = min(end, self.end) - self._base
        for m in _HEADER_LINE.finditer(self._buf, head_end - self._base, stop):
            at = m.start(1)
            if self._buf.startswith(b"WARC-", m.end(1)) and at + self._base > head_end:
                if self._ends_at_a_header(start, content_length):
                    return None  # a page that shows a WARC header, its length right
                why = f"WARC Content-Length {value} runs over the next record's header"
                return why, self._base + at
        return None

    def _ends_at_a_header(self, start: int, content_length: str) -> bool:
        """Whether the block as declared ends where a record header starts, or at the
        stream's end (reading on a little if need be: at most ``_LOOK_AHEAD`` bytes)."""
        end = self.record_end(start, content_length)
        while end is not None and self.end < end + 16 and end - self.end < _LOOK_AHEAD:
            if not self._fetch(1 << 16):
                break
            end = self.record_end(start, content_length)
        if end is None:
            return False
        if end >= self.end:
            return end == self.end
        return _HEADER_AT.match(self._buf, end - self._base) is not None

    def header_cut(self, start: int) -> bool:
        """Whether the header of the record at ``start`` never ends: the stream stopped in it.
        fastwarc has read the whole of a header it parsed, so the window holds its end unless
        the stream ended first."""
        if start < self._base or self._header_end(start) is not None:
            return False
        while self._fetch(1 << 16):
            if self._header_end(start) is not None:
                return False
        return True

    def uri_after(self, pos: int) -> str | None:
        """The ``WARC-Target-URI`` of a header cut off at ``pos``, if it got that far."""
        m = _URI_LINE.search(self._buf, max(pos - self._base, 0))
        return m.group(1).decode("utf-8", "replace").strip() or None if m else None


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
