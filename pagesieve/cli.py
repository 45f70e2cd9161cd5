"""The ``detect.py`` / ``pagesieve`` command group; each command lives in ``pagesieve.commands``."""

from __future__ import annotations

import contextlib
import sys

import click

from pagesieve.commands.eval import eval_command
from pagesieve.commands.report import report_command
from pagesieve.commands.scan import scan_command
from pagesieve.commands.serve import serve_command
from pagesieve.commands.show import show_command
from pagesieve.commands.spark import spark_command
from pagesieve.terminal import end_for_gone_reader, stdout_reader_gone


class _Commands(click.Group):
    """The command group; Ctrl-C ends any command as it ends ``scan``: said, exit 130 (click
    said "Aborted!" and exited 1, a failure's status). A reader of stdout that leaves
    (``| head``) ends it quietly, as it ends ``cat``: it printed "Broken pipe" and exit 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo(f"pagesieve {ctx.invoked_subcommand or ''}: interrupted".strip(), err=True)
            ctx.exit(130)
        except (click.ClickException, OSError):
            if stdout_reader_gone():
                end_for_gone_reader()
            raise


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pagesieve")
def main() -> None:
    """pagesieve: flag the parts of crawled pages that do not belong to their article."""
    # a terminal or a pipe that cannot encode a character (PYTHONIOENCODING=latin-1) shows it
    # escaped: `show` failed on its header's box-drawing line, on an English page
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


main.add_command(scan_command)
main.add_command(eval_command)
main.add_command(spark_command)
main.add_command(serve_command)
main.add_command(report_command)
main.add_command(show_command)
