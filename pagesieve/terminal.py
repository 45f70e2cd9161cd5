"""Text from the data as a terminal can show it: page text, ids and names are hostile.

Control characters (ANSI and OSC escapes that recolour, retitle or clear a terminal), bidi
controls and overrides, invisible format characters and lone surrogates (legal in JSON, not
writable) are shown as escapes. A one-line field (an id, a source, a language) also has its
line and paragraph separators escaped, so that it cannot forge the lines after it.
"""

from __future__ import annotations

import os
import re
import select
import sys

import click

_UNSAFE = (
    r"\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
    r"\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e007f"
)
_UNSAFE_TEXT = re.compile(f"[{_UNSAFE}]")
_UNSAFE_LINE = re.compile(f"[{_UNSAFE}\\n\\r\\t\\u2028\\u2029]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def safe_text(text: str) -> str:
    """Page text for a terminal: its line breaks and tabs kept."""
    return _UNSAFE_TEXT.sub(_escape, text)


def safe_line(text: str) -> str:
    """A one-line field for a terminal: line breaks and tabs escaped too."""
    return _UNSAFE_LINE.sub(_escape, text)


def write_out(text: str, nl: bool = True, color: bool | None = None) -> None:
    """``click.echo`` to stdout, failing in words: a closed stdout (``>&-``) was written to
    without a word and exit 0, a full disk (``> /dev/full``) was a traceback."""
    if sys.stdout is None:
        raise click.ClickException("cannot write to stdout: it is closed")
    try:
        click.echo(text, nl=nl, color=color)
        sys.stdout.flush()
    except OSError as exc:
        raise click.ClickException(f"cannot write to stdout: {exc.strerror or exc}") from None


def stdout_reader_gone() -> bool:
    """Whether stdout is a pipe whose reader has left (``scan | head -1``): on Linux the
    write end then polls as an error. Only then is a broken pipe the user's own doing."""
    try:
        fd = sys.stdout.fileno()
        poll = select.poll()
        poll.register(fd, 0)
        return any(event & select.POLLERR for _, event in poll.poll(0))
    except (AttributeError, ValueError, OSError):
        return False


def end_for_gone_reader() -> None:
    """End as ``cat`` and ``grep`` end under ``| head``: no message, status 141 (128 + SIGPIPE).
    stdout is pointed at /dev/null first, so that the flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, ValueError, OSError):
        pass
    sys.exit(141)
