"""``detect.py eval``: score the detector on labeled pages in the corpus schema."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import click

from pagesieve.commands.options import (
    check_writable,
    comment_threads_option,
    keep_labels_option,
    load_detector,
    members_option,
    model_option,
    threshold_option,
)
from pagesieve.terminal import safe_line, write_out


def _table(rows: list[tuple[str, dict]]) -> str:
    head = f"{'set':<34} {'paras':>8} {'prec':>6} {'recall':>6} {'F1':>6} {'art.fl':>6} {'c.rec':>6} {'c.art':>6}"
    out = [head, "-" * len(head)]
    for name, s in rows:
        name = _printable(name)
        noise, flagged = s["noise_paragraphs"], s["flagged_paragraphs"]
        article = s["paragraphs"] - noise
        # a figure with nothing to count is undefined, not 0 (a clean set has no recall)
        figures = [
            (s["precision"], flagged),
            (s["recall"], noise),
            (s["f1"], noise),
            (s["article_flagged"], article),
            (s["char_recall"], noise),
            (s["char_article_flagged"], article),
        ]
        cells = " ".join(f"{v:>6.3f}" if n else f"{'-':>6}" for v, n in figures)
        out.append(f"{name[:34]:<34} {s['paragraphs']:>8,} {cells}")
    return "\n".join(out)


def _printable(text: object) -> str:
    """A name from a labeled file (a source, a language, a kind) as a terminal can show it:
    escape sequences, line breaks and lone surrogates escaped (``terminal.safe_line``)."""
    return safe_line(str(text))


_MAX_SHOWN = 10  #: skipped records named on stderr; all of them are in --json's report


@click.command("eval")
@click.argument(
    "labeled", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@model_option
@threshold_option
@members_option
@keep_labels_option
@comment_threads_option
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the full report as JSON (`-`: on stdout, the table on stderr).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=64,
    show_default=True,
    help="Pages scanned at once.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 1) when a record was skipped, not only when a file held no page.",
)
@click.option(
    "--baseline",
    type=click.Choice(["c4", "justext"]),
    default=None,
    help="Score a peer instead of the model: C4's line rules (datatrove's C4QualityFilter) or "
    "jusText (each page's language stoplist, else English). Needs the 'baselines' extra.",
)
def eval_command(
    labeled: tuple[Path, ...],
    model_path: Path | None,
    threshold: float | None,
    members: int | None,
    keep_labels: tuple[str, ...],
    comment_threads: bool,
    json_out: Path | None,
    batch_size: int,
    strict: bool,
    baseline: str | None,
) -> None:
    """Score the detector on LABELED .jsonl[.gz] files (paragraphs, labels, kinds, optional spans).

    A paragraph counts as flagged when at least half of its characters are flagged; the positive
    class is "does not belong". Reports precision/recall/F1, the share of article paragraphs
    flagged, character-weighted versions, per source, language and kind, and spans caught.
    """
    from pagesieve.corpus import read_labeled
    from pagesieve.evaluate import evaluate

    if baseline and (
        model_path or threshold is not None or members is not None or keep_labels or comment_threads
    ):
        raise click.UsageError(
            "--baseline cannot be combined with --model, --threshold, --members, --keep-label "
            "or --drop-comment-threads"
        )
    if baseline:
        from pagesieve.baselines import make_baseline, page_scanner

        try:
            peer = make_baseline(baseline)
        except ImportError as exc:
            raise click.ClickException(str(exc)) from exc
        detector = None
    else:
        detector = load_detector(model_path, threshold, members, keep_labels, comment_threads)
    # ``--json -``: the report as JSON on stdout, the table on stderr (not a file named "-")
    to_stdout = json_out is not None and str(json_out) == "-"
    say = partial(click.echo, err=True) if to_stdout else write_out
    if json_out is not None and not to_stdout and json_out.exists():
        for path in labeled:
            if path.exists() and json_out.samefile(path):  # scan and report refuse it too
                raise click.UsageError(f"--json {json_out} is also an input: it would be lost")
    if json_out is not None and not to_stdout:
        try:  # as `scan -o` and `report -o` do, before the pages are scored
            json_out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise click.UsageError(f"--json {_printable(json_out)}: {exc.strerror or exc}") from exc
        check_writable(str(json_out), "--json")
    reports = {}
    unread: list[str] = []
    skipped = 0
    for path in labeled:
        problems: list[str] = []
        pages = list(read_labeled(path, problems))
        for message in problems[:_MAX_SHOWN]:
            click.echo(f"pagesieve eval: skipped {_printable(message)}", err=True)
        if len(problems) > _MAX_SHOWN:
            click.echo(f"pagesieve eval: ... {len(problems) - _MAX_SHOWN} more", err=True)
        skipped += len(problems)
        if not pages:  # the other files are still scored, and the run fails at the end
            unread.append(f"{_printable(path)}: no page in the labeled corpus schema")
            click.echo(f"pagesieve eval: {unread[-1]}", err=True)
            continue
        repeated = _repeated_ids(pages)
        if repeated:  # each is scored: a file joined twice counts its pages twice
            click.echo(
                f"pagesieve eval: {_printable(path)}: {repeated} page(s) repeat an earlier "
                "page's id (each scored)",
                err=True,
            )
        scan = page_scanner(peer, pages) if baseline else detector.scan_batch
        r = evaluate(pages, scan, batch_size=batch_size).to_dict()
        if problems:  # records left out, named (a clean file's report is as before)
            r["skipped"] = problems
        reports[str(path)] = r
        rows = [(f"{path.name} (all)", r["overall"])]
        rows += [(f"  source {k}", v) for k, v in r["by_source"].items()]
        rows += [(f"  lang {k}", v) for k, v in r["by_lang"].items()]
        say(_table(rows))
        kinds = ", ".join(
            f"{_printable(k)} {v['recall']:.3f} ({v['paragraphs']})"
            for k, v in r["recall_by_kind"].items()
        )
        say(f"recall by kind: {kinds or '- (no noise paragraph)'}")
        s = r["spans"]
        if s["total"]:
            say(
                f"spans caught: {s['caught']}/{s['total']} ({s['rate']:.3f}); rest of those lines flagged {s['rest_of_line_flagged']:.3f}"
            )
            if len(s.get("by_lang", {})) > 1:
                say(
                    "spans caught by language: "
                    + ", ".join(
                        f"{_printable(k)} {v['caught']}/{v['total']} ({v['rate']:.3f})"
                        for k, v in s["by_lang"].items()
                    )
                )
        if problems:
            say(f"skipped: {len(problems)} (records not in the schema, unreadable data: on stderr)")
        say(f"baseline {baseline}\n" if baseline else f"threshold {detector.threshold:.3f}\n")
    if json_out and reports and to_stdout:
        write_out(json.dumps(reports, indent=1))
    elif json_out and reports:
        try:
            json_out.write_text(json.dumps(reports, indent=1), encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"--json {json_out}: {exc.strerror or exc}") from exc
    if unread:  # each said above, where it was found
        raise click.ClickException(
            f"{len(unread)} of {len(labeled)} labeled file(s) held no page in the corpus schema"
        )
    if strict and skipped:
        raise click.ClickException(f"--strict: {skipped} record(s) skipped (said above)")


def _repeated_ids(pages: list) -> int:
    """Pages whose id an earlier page of the same file has."""
    ids = [page.id for page in pages]
    return len(ids) - len(set(ids))
