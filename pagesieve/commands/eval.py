"""``detect.py eval``: score the detector on labeled pages (placeholder until the evaluator lands)."""

from __future__ import annotations

import click


@click.command("eval")
@click.argument("labeled", nargs=-1, required=True)
def eval_command(labeled: tuple[str, ...]) -> None:
    """Score the detector on LABELED files in the corpus schema."""
    raise click.ClickException("not implemented yet")
