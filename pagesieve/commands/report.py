"""``detect.py report IN... -o report.html``: an HTML page for auditing what the filter removes."""

from __future__ import annotations

import os

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
    write_file,
)
from pagesieve.terminal import safe_line


@click.command("report")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    default="report.html",
    show_default=True,
    help="HTML file to write (- for stdout).",
)
@click.option(
    "--sample",
    "sample_size",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="Pages shown with their flagged regions highlighted.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the page sample.")
@click.option(
    "--sample-from",
    type=click.Choice(["flagged", "all"]),
    default="flagged",
    show_default=True,
    help="Draw the sample from the pages with a flag, or from all pages.",
)
@click.option("--title", default="pagesieve report", show_default=True)
@text_field_option
@id_field_option
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=64, show_default=True, hidden=True
)
@model_option
@threshold_option
@members_option
@keep_labels_option
@comment_threads_option
@click.pass_context
def report_command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    output: str,
    sample_size: int,
    seed: int,
    sample_from: str,
    title: str,
    text_field: str,
    id_field: str,
    batch_size: int,
    model_path: str | None,
    threshold: float | None,
    members: int | None,
    keep_labels: tuple[str, ...],
    comment_threads: bool,
) -> None:
    """Scan INPUTS (any format `detect.py scan` reads) with reasons and write an HTML report."""
    from pagesieve.pages import InputError, iter_docs, scan_pages
    from pagesieve.report import build_report, render_html

    fields = field_spec(ctx, text_field, id_field)
    _check_output(inputs, output)
    detector = load_detector(model_path, threshold, members, keep_labels, comment_threads)

    def note(message: str) -> None:
        # a file's name and a record's error come from the data: escaped (``terminal``)
        click.echo(f"pagesieve report: {safe_line(message)}", err=True)

    def told(pages):
        """Each record that cannot be scanned is said on stderr, as scan says it."""
        for page in pages:
            if page.error is not None:
                note(f"{page.source}: {page.error}" if page.source else page.error)
            yield page

    try:
        pages = scan_pages(detector, iter_docs(inputs, fields, note), batch_size=batch_size)
        data = build_report(
            told(pages),
            sample_size=sample_size,
            seed=seed,
            sample_from=sample_from,
            threshold=detector.threshold,
        )
    except InputError as exc:
        raise click.ClickException(str(exc)) from None
    if data.errors and not data.pages:  # an earlier report at -o stays as it was
        note(f"nothing could be read from the inputs; {output} is left as it was")
        ctx.exit(2)
    html = render_html(data, title=title, inputs=inputs)
    write_file(output, html.encode("utf-8", errors="replace"))
    click.echo(
        f"report: {data.pages + data.errors:,} records: {data.pages:,} pages "
        f"({data.pages_flagged:,} flagged) and {data.errors:,} errors, "
        f"{len(data.sample)} shown -> {output}",
        err=True,
    )


def _check_output(inputs: tuple[str, ...], output: str) -> None:
    """Before the scan, not after it: an output that is one of the inputs (it would be
    overwritten with HTML), a directory, or a place that cannot be written."""
    from pagesieve.runner import ScanError, _refuse_output_among_inputs

    try:
        _refuse_output_among_inputs(inputs, output)
    except ScanError as exc:
        raise click.ClickException(str(exc)) from None
    if output == "-":
        return
    if os.path.isdir(output):
        raise click.ClickException(f"{output}: is a directory; -o names the HTML file to write")
    try:
        os.makedirs(os.path.dirname(output) or ".", exist_ok=True)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc}") from None
