"""Opening input files as decompressed byte streams that fail loudly when truncated.

Python's ``gzip`` raises ``EOFError`` on a truncated member; ``zstandard``'s stream reader
does not, so zstd input goes through a small reader that checks every frame reaches its end.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO

import zstandard

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"

#: Exceptions that mean "this compressed stream is damaged", caught per input file.
STREAM_ERRORS: tuple[type[BaseException], ...] = (
    EOFError,
    OSError,
    zlib.error,
    zstandard.ZstdError,
)

_READ_SIZE = 1 << 17


class ZstdRawReader(io.RawIOBase):
    """Streaming zstd decompression (multi-frame) that raises ``EOFError`` on a cut-off frame."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self._dctx = zstandard.ZstdDecompressor()
        self._obj = None
        self._buf = b""
        self._pos = 0
        self._done = False
        self._pending: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        while self._pos >= len(self._buf):
            if self._done:
                return 0
            self._buf = self._fill()
            self._pos = 0
        n = min(len(b), len(self._buf) - self._pos)
        b[:n] = self._buf[self._pos : self._pos + n]
        self._pos += n
        return n

    def _fill(self) -> bytes:
        if self._pending is not None:  # raised once the good bytes before it were read
            raise self._pending
        data = self._fh.read(_READ_SIZE)
        if not data:
            if self._obj is not None and not self._obj.eof:
                raise EOFError("zstd stream ended before the end of a frame (truncated file)")
            self._done = True
            return b""
        out = []
        try:
            while data:
                if self._obj is None or self._obj.eof:
                    self._obj = self._dctx.decompressobj()
                out.append(self._obj.decompress(data))
                data = self._obj.unused_data if self._obj.eof else b""
        except zstandard.ZstdError as exc:
            # a damaged frame after good ones: hand out what decompressed, then fail
            if not any(out):
                raise
            self._pending = exc
        return b"".join(out)

    def close(self) -> None:
        try:
            self._fh.close()
        finally:
            super().close()


def compression_of(head: bytes) -> str:
    """``"gz"``, ``"zst"`` or ``""`` by magic bytes: extensions lie, content does not."""
    if head.startswith(GZIP_MAGIC):
        return "gz"
    if head.startswith(ZSTD_MAGIC):
        return "zst"
    return ""


def decompressed(raw: BinaryIO, compression: str) -> io.BufferedIOBase:
    """Wrap an open binary stream so reads return decompressed bytes (buffered, with read1)."""
    if compression == "gz":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if compression == "zst":
        return io.BufferedReader(ZstdRawReader(raw), buffer_size=1 << 20)
    if isinstance(raw, io.BufferedReader):
        return raw
    return io.BufferedReader(raw, buffer_size=1 << 20)  # type: ignore[arg-type]


def peek_head(fh: io.BufferedReader, n: int = 512) -> bytes:
    """The first bytes of a buffered stream without consuming them (works on stdin too)."""
    head = fh.peek(n)
    return head[:n]


class SafeStream:
    """A read()/tell() facade for fastwarc that turns a damaged stream into a clean EOF.

    fastwarc reads in big blocks, so an exception inside one read would lose the complete
    records already decompressed; instead the error is kept in ``error`` and reported by the
    caller after the records before it were handed out.
    """

    def __init__(self, fh: io.BufferedIOBase) -> None:
        self._fh = fh
        self._pos = 0
        self.error: BaseException | None = None

    def tell(self) -> int:
        return self._pos

    def read(self, n: int = -1) -> bytes:
        if self.error is not None:
            return b""
        try:
            data = self._fh.read1(n if n and n > 0 else _READ_SIZE)
        except STREAM_ERRORS as exc:
            self.error = exc
            return b""
        self._pos += len(data)
        return data
