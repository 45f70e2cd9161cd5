"""``detect.py report IN... -o report.html``: an HTML page for auditing what the filter removes."""

from __future__ import annotations

import os

import click

from pagesieve.commands.options import (
    field_spec,
    id_field_option,
    load_detector,
    model_option,
    text_field_option,
    threshold_option,
)


@click.command("report")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o", "--output", default="report.html", show_default=True, help="HTML file to write."
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
) -> None:
    """Scan INPUTS (any format `detect.py scan` reads) with reasons and write an HTML report."""
    from pagesieve.pages import InputError, iter_docs, scan_pages
    from pagesieve.report import build_report, render_html

    fields = field_spec(ctx, text_field, id_field)
    detector = load_detector(model_path, threshold)
    try:
        pages = scan_pages(detector, iter_docs(inputs, fields), batch_size=batch_size)
        data = build_report(
            pages,
            sample_size=sample_size,
            seed=seed,
            sample_from=sample_from,
            threshold=detector.threshold,
        )
    except InputError as exc:
        raise click.ClickException(str(exc)) from None
    html = render_html(data, title=title, inputs=inputs)
    tmp = output + ".partial"
    try:
        os.makedirs(os.path.dirname(output) or ".", exist_ok=True)
        with open(tmp, "w", encoding="utf-8", errors="replace") as fh:
            fh.write(html)
        os.replace(tmp, output)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc}") from None
    click.echo(
        f"report: {data.pages:,} pages ({data.pages_flagged:,} flagged, {data.errors:,} errors), "
        f"{len(data.sample)} shown -> {output}",
        err=True,
    )
