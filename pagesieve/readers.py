"""Input side of ``scan``: expand paths, sniff formats and stream raw records out of each file.

Readers run in the main process and do as little as possible: they split a file into raw
items (a JSONL line's bytes, a Parquet row, a WARC record's HTML) and leave the parsing to
the workers (:func:`decode`). Damage never raises out of a reader: it becomes an ``ERROR``
item in place, and the reader stops only when the rest of the file cannot be read.
"""

from __future__ import annotations

import errno
import glob
import io
import json
import math
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from pagesieve import json_values, streams

# Kinds of raw items (small ints: they travel to the workers once per record).
JSON = 0  #: payload: one JSONL line (bytes); pos: line number
ROW = 1  #: payload: dict from a Parquet row; pos: row number
HTML = 2  #: payload: (uri, record_id, date, body bytes, charset); pos: byte offset
TEXT = 3  #: payload: (id, text, extra fields or None); pos: line or byte offset
ERROR = 4  #: payload: (id or None, message); pos: line or byte offset

#: (kind, pos, payload, nbytes): what a reader yields; ``nbytes`` feeds the MB counters.
RawItem = tuple[int, int, Any, int]

#: Extensions that mark a data file when walking a directory (after a compression suffix).
DATA_EXTENSIONS = (".jsonl", ".json", ".ndjson", ".parquet", ".warc", ".wet", ".arc", ".txt")
_COMPRESSION_EXTENSIONS = (".gz", ".gzip", ".zst", ".zstd")
#: Text-field names tried in order when ``--text-field`` is left at its default.
TEXT_FALLBACKS = ("text", "content", "raw_content")
#: Id-field names tried after ``--id-field`` (FineWeb/Dolma: ``id``; C4: ``url``).
ID_FALLBACKS = ("id", "url", "doc_id", "document_id")
#: The output's own keys: a record's fields of these names are kept under ``"record"`` with
#: ``--keep-fields`` (they were dropped without a word, and a record's own ``"dropped": true``
#: read as the scan's verdict).
RESERVED_KEYS = frozenset(
    {"id", "flags", "text", "error", "source", "dropped", "flagged_fraction", "record"}
)
#: Longest document scanned by default (a 10 MB page still fits); longer ones become errors.
DEFAULT_MAX_CHARS = 16_000_000


class Doc(NamedTuple):
    """One decoded record: ``error`` is set (and ``text`` None) when it cannot be scanned."""

    id: Any
    text: str | None
    extra: dict | None
    error: str | None


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """How to find a record's text and id, and what to keep; shared by readers and workers."""

    text_field: str = "text"
    id_field: str = "id"
    text_field_explicit: bool = False
    keep_fields: bool = False
    max_chars: int = DEFAULT_MAX_CHARS

    @property
    def text_fields(self) -> tuple[str, ...]:
        if self.text_field_explicit:
            return (self.text_field,)
        return (self.text_field, *(f for f in TEXT_FALLBACKS if f != self.text_field))

    @property
    def id_fields(self) -> tuple[str, ...]:
        return (self.id_field, *(f for f in ID_FALLBACKS if f != self.id_field))

    @property
    def max_line_bytes(self) -> int:
        """A JSONL line longer than this cannot hold a document within ``max_chars``."""
        return 6 * self.max_chars + (1 << 20)  # a \\uXXXX escape is 6 bytes per char


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input shard: ``path`` to open (``-`` = stdin), ``rel`` names its output shard."""

    path: str
    rel: str

    @property
    def display(self) -> str:
        return "<stdin>" if self.path == "-" else self.path


# --------------------------------------------------------------------------- input expansion


def _is_data_file(name: str) -> bool:
    lower = name.lower()
    for ext in _COMPRESSION_EXTENSIONS:
        if lower.endswith(ext):
            lower = lower[: -len(ext)]
            break
    return lower.endswith(DATA_EXTENSIONS)


def _inside(path: str, exclude: str | None) -> bool:
    """Whether ``path`` is the output directory ``exclude`` or lies under it."""
    if exclude is None:
        return False
    real = os.path.realpath(path)
    return real == exclude or real.startswith(exclude.rstrip(os.sep) + os.sep)


def _walk(root: str, exclude: str | None, problems: list[str]) -> list[str]:
    """Data files under ``root``, symlinks followed, each directory entered once: a link back
    up the tree (``sub/up -> ..``) would otherwise read every file again, once per lap. A
    directory that cannot be listed, and a FIFO, socket or device named like a data file (a
    FIFO would hold the scan forever), are each a problem, not a silence."""
    found: list[str] = []
    if _inside(root, exclude):
        return found
    seen = {os.path.realpath(root)}
    exclude_parent = os.path.dirname(exclude) if exclude else None

    def unlisted(exc: OSError) -> None:
        problems.append(f"{exc.filename}: cannot list directory ({exc.strerror or exc})")

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=unlisted):
        if exclude_parent is not None and os.path.realpath(dirpath) == exclude_parent:
            filenames = [f for f in filenames if os.path.join(exclude_parent, f) != exclude]
        keep = []
        for d in sorted(dirnames):
            real = os.path.realpath(os.path.join(dirpath, d))
            if d.startswith(".") or real in seen or _inside(real, exclude):
                continue
            seen.add(real)
            keep.append(d)
        dirnames[:] = keep
        for f in sorted(filenames):
            if f.startswith(".") or not _is_data_file(f):
                continue
            path = os.path.join(dirpath, f)
            if os.path.exists(path) and not os.path.isfile(path):
                problems.append(f"{path}: not a regular file (a FIFO, socket or device), skipped")
                continue
            found.append(path)  # a dangling link stays: reading it says so in its place
    return found


def expand_inputs(
    specs: list[str] | tuple[str, ...], exclude: str | None = None
) -> tuple[list[InputFile], list[str]]:
    """Files, directories (recursive, data extensions only), globs and ``-``, in a stable order.

    Returns the inputs and one message per path that matched nothing. ``rel`` is the path
    relative to the directory or glob root it was found under (the file name for plain files),
    so ``-o DIR/`` can mirror the input layout. ``exclude`` (the output directory or file)
    keeps a run's own output, inside an input directory or met by a glob, from being scanned
    by the next run.
    """
    exclude = os.path.realpath(exclude) if exclude else None
    inputs: list[InputFile] = []
    problems: list[str] = []
    for spec in specs:
        if spec == "-":
            inputs.append(InputFile("-", "stdin"))
        elif os.path.isdir(spec):
            before = len(problems)
            files = _walk(spec, exclude, problems)
            if not files and len(problems) > before:
                pass  # what kept its files from being read is said already
            elif not files and _inside(spec, exclude):
                problems.append(
                    f"{spec}: lies inside the output directory, which a scan never reads"
                )
            elif not files:
                problems.append(f"{spec}: directory holds no data files")
            inputs.extend(InputFile(f, _inside_name(os.path.relpath(f, spec), f)) for f in files)
        elif os.path.exists(spec):
            inputs.append(InputFile(spec, os.path.basename(spec)))
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            base = _glob_root(spec)
            hits = 0
            for m in matches:
                if os.path.isdir(m):
                    files = _walk(m, exclude, problems)
                    inputs.extend(
                        InputFile(f, _inside_name(os.path.relpath(f, base), f)) for f in files
                    )
                    hits += len(files)
                elif not _inside(m, exclude):  # a glob over DIR/* meets DIR/out/ too
                    inputs.append(InputFile(m, _inside_name(os.path.relpath(m, base), m)))
                    hits += 1
            if not hits and matches and all(_inside(m, exclude) for m in matches):
                problems.append(
                    f"{spec}: matches only what lies inside the output directory, which a "
                    "scan never reads"
                )
            elif not hits:
                problems.append(f"{spec}: no file matches this pattern")
        else:
            problems.append(f"{spec}: {absent_reason(spec)}")
    return inputs, problems


def absent_reason(path: str) -> str:
    """Why a path names nothing to read. A link that loops or leads nowhere is said as such:
    "no such file or directory" sent users looking for a file that is there, as a link."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a loop of symbolic links"
        if os.path.islink(path):
            return f"a symbolic link to {os.readlink(path)}, which does not exist"
    return "no such file or directory"


def _glob_root(pattern: str) -> str:
    """The directory a glob's matches are named from: its parts before the first wildcard
    (``/`` for ``/data*/x.jsonl``, whose matches would be named ``../…`` from ``.``)."""
    parts = pattern.split(os.sep)
    root: list[str] = []
    for p in parts[:-1]:
        if glob.has_magic(p):
            break
        root.append(p)
    if root == [""]:
        return os.sep
    return os.sep.join(root) or "."


def _inside_name(rel: str, path: str) -> str:
    """``rel`` as a name that stays inside ``-o DIR/``: no ``..`` part and not absolute (a glob
    through ``..`` names its matches so), else the file's own name."""
    parts = [p for p in os.path.normpath(rel).split(os.sep) if p not in ("", ".", "..")]
    return os.path.join(*parts) if parts else os.path.basename(path)


# --------------------------------------------------------------------------- format sniffing


def _strip_compression(name: str) -> str:
    lower = name.lower()
    for ext in _COMPRESSION_EXTENSIONS:
        if lower.endswith(ext):
            return lower[: -len(ext)]
    return lower


_JSONL_EXTENSIONS = (".jsonl", ".json", ".ndjson")
_KNOWN_EXTENSIONS = (*_JSONL_EXTENSIONS, ".warc", ".wet", ".arc", ".txt", ".parquet")


def sniff_format(name: str, head: bytes) -> str | None:
    """``jsonl``, ``parquet``, ``warc``, ``txt``, or None for binary junk.

    ``head`` is the start of the (decompressed) content. Content that is plainly binary
    wins over any extension, so a junk file named ``x.jsonl`` is one error, not a million.
    """
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"WARC/"):
        return "warc"
    base = _strip_compression(name)
    # without a telling name (stdin, no extension), the lines tell
    by_lines = not base.endswith(_KNOWN_EXTENSIONS) and (
        _mostly_json_lines(head) or _record_starts(head)
    )
    if _looks_binary(head) and not (
        (base.endswith(_JSONL_EXTENSIONS) and _a_json_line(head)) or by_lines
    ):
        return None  # a JSONL file whose first line is damaged still has its records after it
    if base.endswith(_JSONL_EXTENSIONS):
        return "jsonl"
    if base.endswith((".warc", ".wet", ".arc")):
        return "warc"
    if base.endswith(".txt"):
        return "txt"
    if base.endswith(".parquet"):
        return "parquet"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") or by_lines:
        return "jsonl"
    return "txt"


def _whole_lines(head: bytes) -> list[bytes]:
    """The lines of ``head`` without the last one when the sniff cut it (a pipe's first read
    may stop anywhere); a head of one line is that line."""
    lines = head.split(b"\n")
    return lines[:-1] if len(lines) > 1 and not head.endswith(b"\n") else lines


def _mostly_json_lines(head: bytes) -> bool:
    """Whether content without a telling name (stdin, a file without an extension) is JSONL
    by its lines: at least half of the whole lines in ``head`` are JSON and one is an object.
    Its first line may be damaged (a NUL, ``[1]``) and its records are still read one by one;
    a text that quotes a JSON object on one of its lines is still a text."""
    lines = [line for line in _whole_lines(head) if line.strip()]
    if lines:
        lines[0] = lines[0].removeprefix(b"\xef\xbb\xbf")
    parsed = objects = records = 0
    for line in lines:
        try:
            value = json_values.loads(line)
        except ValueError:
            continue
        parsed += 1
        if isinstance(value, dict):
            objects += 1
            records += any(isinstance(value.get(f), str) for f in TEXT_FALLBACKS)
    # two records with a text field are records, however many lines around them are damaged
    return objects > 0 and (2 * parsed >= len(lines) or records >= 2)


def _record_starts(head: bytes) -> bool:
    """Whether every whole line of ``head`` opens as a JSONL record does (``{"``), damaged or
    not: each is then an error in its place, not the file one error (binary junk seldom opens
    a line so, let alone every line)."""
    lines = _whole_lines(head.removeprefix(b"\xef\xbb\xbf"))
    lines = [line.strip() for line in lines if line.strip()]
    return bool(lines) and all(line.startswith(b'{"') for line in lines)


def _a_json_line(head: bytes) -> bool:
    """Whether a whole line in ``head`` is a JSON object: a JSONL file whose first line is
    damaged (NULs, another encoding), however long that line, or whose later lines are; random
    bytes hold a newline and a brace somewhere in 64 KB, a JSON object line hardly ever."""
    first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    try:
        if first.startswith(b"{") and isinstance(json_values.loads(first), dict):
            return True
    except ValueError:
        pass
    at = head.find(b"\n{")
    while at >= 0:
        end = head.find(b"\n", at + 1)
        if end < 0:
            # a record longer than the sniff: its start, and text, not junk, after it
            rest = head[at + 1 :]
            return rest.startswith(b'{"') and not _looks_binary(rest)
        try:
            if isinstance(json_values.loads(head[at + 1 : end]), dict):
                return True
        except ValueError:
            pass
        at = head.find(b"\n{", end)
    return False


def _looks_binary(head: bytes) -> bool:
    """NUL bytes, or over 10% of the head undecodable or control characters. A few bad
    bytes are not enough: a JSONL file with one broken line is still a JSONL file."""
    if b"\x00" in head:
        return True
    text = head.decode("utf-8", "replace")
    bad = sum(1 for c in text if c == "\ufffd" or (c < " " and c not in "\t\r\n\f"))
    return bad > 1 + len(text) // 10


# --------------------------------------------------------------------------- readers


def iter_raw(inp: InputFile, fields: FieldSpec) -> Iterator[RawItem]:
    """Stream one input's raw items; every problem becomes an ``ERROR`` item in place."""
    try:
        raw = _stdin() if inp.path == "-" else open(inp.path, "rb", buffering=_SNIFF)  # noqa: SIM115
    except OSError as exc:
        yield (ERROR, 0, (None, f"cannot open: {exc.strerror or exc}"), 0)
        return
    try:
        yield from _iter_opened(inp, raw, fields)
    finally:
        if inp.path != "-":
            raw.close()


#: What the format is judged by (a JSONL file's damaged first line may be long).
_SNIFF = 1 << 16


def _stdin() -> Any:
    """stdin with a buffer as large as the sniff (``sys.stdin.buffer`` holds 8 KB: a record
    longer than that after a damaged first line left no whole line to judge the format by)."""
    try:
        return open(sys.stdin.fileno(), "rb", buffering=_SNIFF, closefd=False)  # noqa: SIM115
    except (AttributeError, OSError, ValueError):  # a stdin replaced by a test or an embedder
        return sys.stdin.buffer


def _says_gzip(path: str) -> bool:
    return path.lower().endswith((".gz", ".gzip"))


def _iter_opened(inp: InputFile, raw: Any, fields: FieldSpec) -> Iterator[RawItem]:
    compression = ""
    skipped: list[str] = []  # damaged gzip members before the first readable byte
    try:
        buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)
        head = streams.peek_head(buffered)
        compression = streams.compression_of(head)
        if not compression and _says_gzip(inp.path) and _looks_binary(head):
            compression = "gz"  # a damaged first member: the reader goes on at the next one
        stream = streams.decompressed(buffered, compression)
        while True:
            try:
                inner = (stream if compression else buffered).peek(_SNIFF)[:_SNIFF]
                break
            except streams.GzipMemberSkipped as exc:  # the next member may be sound
                skipped.append(f"damaged gzip member skipped: {exc}")
    except streams.STREAM_ERRORS as exc:
        yield (ERROR, 0, (None, _stream_error(exc, compression)), 0)
        return
    for message in skipped:
        yield (ERROR, 0, (None, message), 0)
    if inp.path == "-" and not inner:
        return  # nothing on stdin: no document (an empty file named on the line is one)
    fmt = sniff_format(inp.path, inner)
    if fmt is None and inner.startswith((b"\xff\xfe", b"\xfe\xff")):
        why = "UTF-16 text (a byte-order mark says so); pagesieve reads UTF-8: convert it first"
        yield (ERROR, 0, (None, why), 0)
        return
    if fmt is None:
        kind = "compressed binary data" if compression else "binary data"
        yield (
            ERROR,
            0,
            (None, f"unrecognized file format ({kind}, not JSONL/WARC/Parquet/text)"),
            0,
        )
        return
    if fmt == "jsonl":
        yield from _iter_jsonl(stream, fields, compression)
    elif fmt == "warc":
        from pagesieve.warc import iter_warc

        yield from iter_warc(stream, fields, compression)
    elif fmt == "txt":
        yield from _iter_txt(inp, stream, fields, compression)
    elif compression or inp.path == "-":
        yield (ERROR, 0, (None, "Parquet must be an uncompressed, seekable file"), 0)
    else:
        yield from _iter_parquet(inp.path, fields)


def _stream_error(exc: BaseException, compression: str) -> str:
    what = {"gz": "gzip", "zst": "zstd"}.get(compression, "")
    if isinstance(exc, EOFError):
        return f"truncated {what} stream: {exc}".replace("  ", " ")
    if isinstance(exc, (FileNotFoundError, PermissionError, IsADirectoryError)):
        return f"cannot read: {exc.strerror}"
    return f"corrupt {what} stream: {exc}".replace("  ", " ")


def _iter_jsonl(stream: Any, fields: FieldSpec, compression: str) -> Iterator[RawItem]:
    limit = fields.max_line_bytes
    readline = stream.readline
    lineno = 0
    try:
        while True:
            try:
                line = readline(limit)
            except streams.GzipMemberSkipped as exc:  # the stream goes on at the next member
                lineno += 1
                yield (ERROR, lineno, (None, f"damaged gzip member skipped: {exc}"), 0)
                continue
            if not line:
                return
            lineno += 1
            if len(line) >= limit and not line.endswith(b"\n"):
                size = len(line) + _skip_rest_of_line(stream, limit)
                msg = f"document too large ({size} bytes > limit for {fields.max_chars} chars)"
                yield (ERROR, lineno, (None, msg), size)
                continue
            if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue  # blank lines separate nothing; they are not records
            yield from _records_in_line(line, lineno)
    except streams.STREAM_ERRORS as exc:
        yield (ERROR, lineno + 1, (None, _stream_error(exc, compression)), 0)


#: a carriage return not followed by a line feed: where records end in a file written with old
#: Mac line ends (a JSON text holds a raw CR only as blank space between its tokens)
_LONE_CR = re.compile(rb"\r(?!\n)")


def _records_in_line(line: bytes, lineno: int) -> Iterator[RawItem]:
    """The records of one line: the line itself, or, when it is no JSON as a whole and lone
    carriage returns part it into several non-blank pieces, each piece (one error record for
    the whole line lost every record of such a file). The pieces keep the line's number."""
    end = len(line) - (2 if line.endswith(b"\r\n") else 1 if line.endswith(b"\n") else 0)
    if line.find(b"\r", 0, end) < 0:  # memchr: the usual line costs no more
        yield (JSON, lineno, line, len(line))
        return
    pieces = [piece for piece in _LONE_CR.split(line[:end]) if piece.strip()]
    if len(pieces) > 1:
        try:
            json_values.loads(line)
        except (ValueError, RecursionError):
            for piece in pieces:
                yield (JSON, lineno, piece, len(piece))
            return
    yield (JSON, lineno, line, len(line))


def _skip_rest_of_line(stream: Any, limit: int) -> int:
    skipped = 0
    while True:
        part = stream.readline(limit)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped


def _iter_txt(
    inp: InputFile, stream: Any, fields: FieldSpec, compression: str
) -> Iterator[RawItem]:
    cap = 4 * fields.max_chars  # a UTF-8 char is at most 4 bytes
    try:
        data = stream.read(cap + 1)
    except streams.STREAM_ERRORS as exc:
        yield (ERROR, 1, (inp.display, _stream_error(exc, compression)), 0)
        return
    if len(data) > cap:
        msg = f"document too large (more than {cap} bytes > limit of {fields.max_chars} chars)"
        yield (ERROR, 1, (inp.display, msg), len(data))
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield (ERROR, 1, (inp.display, f"invalid UTF-8 at byte {exc.start} of the file"), len(data))
        return
    if text.startswith("\ufeff"):
        text = text[1:]
    yield (TEXT, 1, (inp.display, text, None), len(data))


def _iter_parquet(path: str, fields: FieldSpec) -> Iterator[RawItem]:
    import pyarrow.parquet as pq

    rowno = 0
    try:
        pf = pq.ParquetFile(path)
        names = pf.schema_arrow.names
        group_rows = [pf.metadata.row_group(g).num_rows for g in range(pf.num_row_groups)]
    except Exception as exc:  # pyarrow raises ArrowInvalid/OSError/... for damaged files
        yield (ERROR, 1, (None, f"unreadable Parquet: {_one_line(exc)}"), 0)
        return
    if fields.keep_fields:
        columns = None
    else:
        wanted = {*fields.text_fields, *fields.id_fields}
        columns = [n for n in names if n in wanted]
    text_cols = [f for f in fields.text_fields if f in names]
    # row group by row group: a damaged one costs its own rows (each an error record in its
    # place, as the footer says how many there are), never the intact groups after it
    for group, n_rows in enumerate(group_rows):
        end = rowno + n_rows
        try:
            for batch in pf.iter_batches(batch_size=512, row_groups=[group], columns=columns):
                sizes = _text_sizes(batch, text_cols[0]) if text_cols else None
                for i, row in enumerate(batch.to_pylist()):
                    rowno += 1
                    yield (ROW, rowno, row, sizes[i] if sizes else 0)
        except Exception as exc:
            reason = f"unreadable Parquet row group {group}: {_one_line(exc)}"
            while rowno < end:
                rowno += 1
                yield (ERROR, rowno, (None, reason), 0)
        rowno = end


def _one_line(exc: BaseException) -> str:
    """An exception's message on one line of printable characters (pyarrow's span several)."""
    return " ".join("".join(c if c.isprintable() else " " for c in str(exc)).split())


def _text_sizes(batch: Any, column: str) -> list[int]:
    import pyarrow.compute as pc

    col = batch.column(column)
    try:
        return pc.fill_null(pc.binary_length(col), 0).to_pylist()
    except Exception:  # not a string column: the records become errors anyway
        return [0] * len(col)


# --------------------------------------------------------------------------- decoding (workers)


def decode(item: RawItem, source: str, fields: FieldSpec) -> Doc:
    """Turn a raw item into a :class:`Doc`; runs in the workers. ``source`` names the file."""
    kind, pos, payload, _ = item
    if kind == JSON:
        try:
            obj = json_values.loads(payload)
        except UnicodeDecodeError as exc:
            return Doc(
                _guess_id(payload, fields),
                None,
                None,
                f"invalid UTF-8 at byte {exc.start} of the line",
            )
        except ValueError as exc:
            return Doc(_id_in_broken_line(payload, fields), None, None, f"not valid JSON: {exc}")
        except RecursionError:
            return Doc(None, None, None, "not valid JSON: nested too deeply")
        if not isinstance(obj, dict):
            return Doc(None, None, None, f"JSON value is {kind_name(obj)}, not an object")
        return _from_mapping(obj, pos, source, fields)
    if kind == ROW:
        return _from_mapping(payload, pos, source, fields)
    if kind == HTML:
        from pagesieve.warc import html_doc

        return html_doc(payload, fields)
    if kind == TEXT:
        doc_id, text, extra = payload
        return _checked(doc_id, text, extra, fields)
    doc_id, message = payload
    return Doc(doc_id, None, None, message)


def kind_name(value: Any) -> str:
    """What a JSON value is, in the words of an error message ("an array", "null"...)."""
    return {
        list: "an array",
        dict: "an object",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "a boolean",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _guess_id(line: bytes, fields: FieldSpec) -> Any:
    """Best-effort id for a line with bad UTF-8, so the error record can still be matched."""
    try:
        obj = json_values.loads(line.decode("utf-8", "replace"))
    except ValueError:
        return None
    if isinstance(obj, dict):
        for key in fields.id_fields:
            if obj.get(key) is not None:
                return obj[key]
    return None


#: an id field's value as a JSON string or integer, in a line that is not JSON as a whole
_ID_VALUE = r'"{key}"[ \t]*:[ \t]*("(?:[^"\\\n]|\\.){{0,200}}"|-?\d{{1,30}}(?![\d.eE]))'


def _id_in_broken_line(line: bytes, fields: FieldSpec) -> Any:
    """The id of a line that is not valid JSON, where it can be read all the same (a record
    cut short, a stray control character in its text), so that its error record can be matched:
    the first id field whose key occurs once in the line with a string or an integer after it."""
    text = line.decode("utf-8", "replace")
    for key in fields.id_fields:
        found = re.findall(_ID_VALUE.format(key=re.escape(json.dumps(key)[1:-1])), text)
        if len(found) == 1 and text.count(json.dumps(key)) == 1:
            try:
                return json_values.loads(found[0])
            except ValueError:
                return None
    return None


def _from_mapping(obj: dict, pos: int, source: str, fields: FieldSpec) -> Doc:
    doc_id = None
    id_key = None
    for key in fields.id_fields:
        value = obj.get(key)
        # a non-finite number would go out as null (writers.strict_dumps): name the line instead
        if value is not None and not (isinstance(value, float) and not math.isfinite(value)):
            doc_id, id_key = value, key
            break
    if doc_id is None:
        doc_id = f"{source}:{pos}"
    text_key = None
    for key in fields.text_fields:
        if key in obj and obj[key] is not None:
            text_key = key
            break
    if text_key is None:
        present = [key for key in fields.text_fields if key in obj]
        if present:
            return Doc(doc_id, None, None, f"field {present[0]!r} is null")
        return Doc(doc_id, None, None, f"record has no {fields.text_field!r} field")
    text = obj[text_key]
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            return Doc(doc_id, None, None, f"invalid UTF-8 at byte {exc.start} of {text_key!r}")
    if not isinstance(text, str):
        return Doc(doc_id, None, None, f"field {text_key!r} is {kind_name(text)}, not a string")
    extra = None
    if fields.keep_fields:  # every field but the text and the one the id was taken from
        extra, own = {}, {}
        for k, v in obj.items():
            if k != text_key and k != id_key:
                (own if k in RESERVED_KEYS else extra)[k] = v
        if own:
            extra["record"] = own
    return _checked(doc_id, text, extra, fields)


def _checked(doc_id: Any, text: str, extra: dict | None, fields: FieldSpec) -> Doc:
    if len(text) > fields.max_chars:
        msg = f"document too large ({len(text)} chars > limit {fields.max_chars})"
        return Doc(doc_id, None, None, msg)
    return Doc(doc_id, text, extra if fields.keep_fields else None, None)
