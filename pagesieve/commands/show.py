"""``detect.py show FILE``: a page in the terminal with its flagged regions coloured and labelled."""

from __future__ import annotations

import os
import sys
from collections import Counter
from typing import TYPE_CHECKING

import click

from pagesieve.commands.options import (
    comment_threads_option,
    field_spec,
    id_field_option,
    keep_labels_option,
    load_detector,
    members_option,
    model_option,
    text_field_option,
    threshold_option,
)
from pagesieve.highlight import pieces, sorted_flags
from pagesieve.terminal import safe_line, safe_text, write_out

if TYPE_CHECKING:  # pagesieve.pages imports numpy: keep `detect.py --help` light
    from pagesieve.pages import ScannedPage

#: Terminal colour per label (click.style names).
COLORS = {
    "ad": "red",
    "placeholder": "magenta",
    "link_notice": "yellow",
    "keyword_injection": "bright_red",
    "navigation": "blue",
    "boilerplate": "bright_black",
    "comment": "green",
    "other": "cyan",
}


def render_page(page: ScannedPage, color: bool) -> str:
    """The page's text with each flagged region marked, then one line per flag (with reason).

    With ``color`` a region is drawn in its label's colour followed by a ``[n label score]``
    tag; without, it is bracketed as ``[[text]]<n label score>`` so it survives a pipe."""
    flags = sorted_flags(page.flags)
    counts = Counter(f.label for f in flags)
    summary = ", ".join(f"{label} {n}" for label, n in counts.most_common())
    plural = "" if len(flags) == 1 else "s"
    from pagesieve.pages import id_text

    head = (
        f"── {safe_line(id_text(page.id))} · {len(page.text):,} chars · {len(flags)} flag{plural}"
    )
    head += f" ({summary})" if summary else ""
    lines = [click.style(head, bold=True) if color else head]
    if page.error is not None:
        lines.append(f"error: {safe_line(page.error)}")
        return "\n".join(lines) + "\n"
    body: list[str] = []
    from pagesieve.segment import newline_text  # numpy: keep `detect.py --help` light

    # every line break the detector reads (a lone \r, U+2028, U+2029) shown as one
    shown = newline_text(page.text)
    for piece in pieces(page.text, flags):
        chunk = safe_text(shown[piece.start : piece.end].replace("\r\n", "\n"))
        if piece.flag is None:
            body.append(chunk)
            continue
        f = flags[piece.flag]
        tag = f"{piece.flag + 1} {f.label} {f.score:.2f}"
        fg = COLORS.get(f.label, "cyan")
        if color:
            body.append(click.style(chunk, fg=fg, underline=True))
            body.append(click.style(f"[{tag}]", fg="white", bg=fg, bold=True))
        else:
            body.append(f"[[{chunk}]]<{tag}>")
    lines.append("".join(body))
    for i, f in enumerate(flags):
        line = f"  {i + 1:>3}. {f.label:<17} {f.score:.4f}  {f.start}-{f.end}"
        if f.reason:
            line += f"  {safe_line(f.reason)}"
        lines.append(click.style(line, fg=COLORS.get(f.label, "cyan")) if color else line)
    return "\n".join(lines) + "\n"


def _colour_terminal() -> bool:
    """Colour by default on a terminal that wants it: not with ``NO_COLOR`` set (no-color.org)
    nor on a ``TERM=dumb`` one, and not when stdout is no terminal (or closed)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout is not None and sys.stdout.isatty()


@click.command("show")
@click.argument("file")
@click.option(
    "--id",
    "doc_id",
    default=None,
    help="Show the first page with this id (the file is read up to it, not past it).",
)
@click.option(
    "-n",
    "count",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Show the first N pages (without --id).",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the output [default: only when stdout is a terminal, NO_COLOR is unset and "
    "TERM is not dumb].",
)
@text_field_option
@id_field_option
@model_option
@threshold_option
@members_option
@keep_labels_option
@comment_threads_option
@click.pass_context
def show_command(
    ctx: click.Context,
    file: str,
    doc_id: str | None,
    count: int,
    color: bool | None,
    text_field: str,
    id_field: str,
    model_path: str | None,
    threshold: float | None,
    members: int | None,
    keep_labels: tuple[str, ...],
    comment_threads: bool,
) -> None:
    """Print pages of FILE (any format `detect.py scan` reads) with their flags marked."""
    from pagesieve.pages import InputError, id_text, iter_docs, scan_pages

    fields = field_spec(ctx, text_field, id_field)

    def unreadable(d) -> None:
        """A record that cannot be shown is said on stderr with its place, as scan says it."""
        where = safe_line(d.source or file)
        click.echo(f"pagesieve show: {where}: {safe_line(d.doc.error)}", err=True)

    chosen = []
    skipped = []  #: unreadable records met
    try:
        docs = iter_docs([file], fields)
        for d in docs:
            wanted = doc_id is None or (
                d.doc.id is not None and doc_id in (id_text(d.doc.id), str(d.doc.id))
            )
            if d.doc.error is not None:
                if doc_id is None or wanted:
                    unreadable(d)
                skipped.append(d)
                if wanted and doc_id is not None:
                    ctx.exit(1)  # the page asked for is the unreadable one
                continue
            if wanted:
                chosen.append(d)
                if doc_id is not None or len(chosen) == count:
                    break
    except InputError as exc:
        raise click.ClickException(str(exc)) from None
    if doc_id is not None and not chosen:
        why = f"no page with id {safe_line(repr(doc_id))} in {safe_line(file)}"
        if skipped:  # a cut-off file: the page may be in what could not be read
            first = skipped[0]
            why += (
                f" ({len(skipped)} record{'s' if len(skipped) > 1 else ''} could not be read;"
                f" {safe_line(first.source or file)}: {safe_line(first.doc.error)})"
            )
        raise click.ClickException(why)
    if not chosen:  # said, not an empty screen and a success
        what = "no readable document" if skipped else "no document"
        raise click.ClickException(f"{safe_line(file)}: {what} in it")
    use_color = color if color is not None else _colour_terminal()
    detector = load_detector(model_path, threshold, members, keep_labels, comment_threads)
    for n, page in enumerate(scan_pages(detector, chosen)):
        if n:
            write_out("")
        write_out(render_page(page, use_color), nl=False, color=use_color)
