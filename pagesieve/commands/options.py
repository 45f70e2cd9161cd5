"""Options every command that runs the detector shares, declared once."""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any

import click

from pagesieve.readers import FieldSpec
from pagesieve.types import LABELS

if TYPE_CHECKING:
    from pagesieve.detector import Detector

model_option = click.option(
    "--model",
    "model_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Model file [default: the shipped model].",
)


def write_file(output: str, data: bytes) -> None:
    """``data`` written as ``scan -o`` writes a file (``writers.JsonlWriter``): ``-`` is stdout,
    a link is written through to its file, a pipe or a device directly, a file whole or not at
    all (a temporary file renamed into place, so another name of it, a hard link to an input,
    is never emptied)."""
    from pagesieve.writers import JsonlWriter

    try:
        writer = JsonlWriter(output)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc}") from None
    try:
        writer.write([data])
        writer.commit()
    except OSError as exc:
        writer.abort()
        raise click.ClickException(f"cannot write {output}: {exc}") from None


def check_writable(path: str, option: str) -> None:
    """Refuse, before an hour of scanning, a report file that cannot be written (``/proc/x``,
    a read-only place, a directory): opened for appending, so nothing in it is lost, and removed
    again if this made it."""
    existed = os.path.lexists(path)
    if existed and not os.path.isfile(path):  # a device or a pipe: opening one may wait
        return
    try:
        with open(path, "a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise click.UsageError(f"{option} {path}: {exc.strerror or exc}") from None
    if not existed:
        with contextlib.suppress(OSError):
            os.unlink(path)


def usable_cores() -> int:
    """The cores this process may run on (a container's or ``taskset``'s share, not the
    machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def worker_count(requested: int | None, option: str, command: str) -> int:
    """``requested`` worker processes (all usable cores when None), at most one per core: each
    loads its own model (a few hundred MB), and the work is CPU-bound, so more only costs memory
    (``-j 1000`` forked 1,000 models on two cores and ran the machine out of memory)."""
    cores = usable_cores()
    if requested is None:
        return cores
    if requested > cores:
        click.echo(
            f"pagesieve {command}: {option} {requested}: {cores} usable core(s); running {cores}",
            err=True,
        )
        return cores
    return requested


class Share(click.FloatRange):
    """A number in its range, [0, 1] for a share; ``nan`` passes ``FloatRange`` (every
    comparison with it is false) and then flags nothing, or everything, without a word (as a
    weight, it started a training)."""

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if number is not None and number != number:
            self.fail(f"nan is not a number in [{self.min:g}, {self.max:g}]", param, ctx)
        return number


threshold_option = click.option(
    "--threshold",
    type=Share(0.0, 1.0),
    default=None,
    help="Paragraph score threshold [default: the model's operating point]. The line rules "
    "flag at scores of their own, an ad's lines in words the page does not use, consumer "
    "ads, the lines over an ad that share its words, readers' comment threads and lists whose "
    "items end in a date 0.9, tags lines 0.92, related-stories lists 0.93, link-trade notices "
    "0.95, furniture lines 0.98 and a CMS's template syntax in prose 0.99: a threshold above "
    "a rule's score turns that rule off. Spliced phrases keep the span model's own threshold.",
)
members_option = click.option(
    "--members",
    type=click.IntRange(1, 9),
    default=None,
    help="Score with the first N members of the model's ensemble only, at the threshold "
    "calibrated for them: faster, less accurate [default: all of them].",
)

keep_labels_option = click.option(
    "--keep-label",
    "keep_labels",
    multiple=True,
    type=click.Choice(LABELS),
    help="Never flag this label (repeatable): --keep-label comment for crawls whose article "
    "includes readers' comments, as CleanEval's does [default: flag every label].",
)

comment_threads_option = click.option(
    "--drop-comment-threads",
    "comment_threads",
    is_flag=True,
    help="Also flag every line of a readers' comment thread on an English page, found by its "
    "rhythm (name-and-time lines, Reply buttons, a count over them), for crawls whose article "
    "never includes comments, as dragnet's and l3s-gn1's do not [default: the model's own "
    "comment flags there, and the rule on pages in every other language].",
)

text_field_option = click.option(
    "--text-field",
    default="text",
    show_default=True,
    help="Field holding the text (if not given, the FineWeb, Dolma and C4 fields are tried too).",
)
id_field_option = click.option(
    "--id-field",
    default="id",
    show_default=True,
    help="Field holding the document id (falls back to id, url, doc_id, document_id, then FILE:LINE).",
)
clean_option = click.option(
    "--clean", is_flag=True, help='Add "text" with the flagged regions removed.'
)
only_flagged_option = click.option(
    "--only-flagged", is_flag=True, help="Write only documents with at least one flag (and errors)."
)
explain_option = click.option("--explain", is_flag=True, help="Add each flag's reason.")
drop_docs_above_option = click.option(
    "--drop-docs-above",
    type=Share(0.0, 1.0),
    default=None,
    metavar="F",
    help='Mark pages whose flagged share of (non-blank) characters exceeds F as "dropped": '
    'true (mostly spam); adds "flagged_fraction", and --clean gives them an empty text.',
)


def field_spec(ctx: click.Context, text_field: str, id_field: str, **kwargs: Any) -> FieldSpec:
    """The readers' field names; a ``--text-field`` given on the command line is the only one."""
    explicit = ctx.get_parameter_source("text_field") != click.core.ParameterSource.DEFAULT
    return FieldSpec(
        text_field=text_field, id_field=id_field, text_field_explicit=explicit, **kwargs
    )


def check_comment_options(keep_labels: tuple[str, ...], comment_threads: bool) -> None:
    """``--keep-label comment`` and ``--drop-comment-threads`` together: a usage error, said in
    the options' names (``scan`` and ``spark`` say it before any input is read)."""
    from pagesieve.detector import check_comment_rule

    try:
        check_comment_rule(keep_labels, comment_threads)
    except ValueError:
        raise click.UsageError(
            "--drop-comment-threads flags readers' comments and --keep-label comment keeps "
            "them: give one of the two"
        ) from None


def load_detector(
    model_path: str | None,
    threshold: float | None,
    members: int | None = None,
    keep_labels: tuple[str, ...] = (),
    comment_threads: bool = False,
) -> Detector:
    """The detector, or one clear line and no traceback: a member count the model has no
    threshold for, or comments both kept and flagged, is a usage error; a missing, tampered or
    foreign model file cannot be loaded."""
    from pagesieve.detector import Detector, MembersError

    check_comment_options(keep_labels, comment_threads)
    try:
        return Detector.load(
            model_path, threshold, members, keep_labels, comment_threads=comment_threads
        )
    except MembersError as exc:
        raise click.UsageError(str(exc)) from None
    except Exception as exc:
        raise click.ClickException(f"cannot load the model: {type(exc).__name__}: {exc}") from None
