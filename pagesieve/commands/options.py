"""Options every command that runs the detector shares, declared once."""

from __future__ import annotations

import click

model_option = click.option(
    "--model",
    "model_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Model file [default: the shipped model].",
)
threshold_option = click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Paragraph score threshold [default: the model's operating point].",
)
