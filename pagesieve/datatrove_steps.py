"""pagesieve as datatrove pipeline steps: annotate documents with flags, then clean or drop them.

``PagesieveAnnotator`` writes the flags into ``doc.metadata`` (JSON-serialisable: offsets into
the text as it was when scanned); ``PagesieveFilter`` removes the flagged regions from
``doc.text`` exactly as ``detect.py scan --clean`` does, and drops pages whose flagged
character fraction is above ``max_flagged_fraction``. ``keep_labels`` (``--keep-label``) are
never flagged; a misspelt one fails when the step is built, not in a worker. Both scan
``batch_size`` documents per detector call (batches are several times faster than one by one),
and each worker process loads the model once::

    LocalPipelineExecutor(pipeline=[
        JsonlReader("in/"),
        PagesieveAnnotator(),
        PagesieveFilter(max_flagged_fraction=0.5),
        JsonlWriter("out/"),
    ]).run()
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.utils.batching import batched

from pagesieve.types import BatchScanner, Flag, flagged_fraction
from pagesieve.writers import clean_and_verdict

DEFAULT_BATCH_SIZE = 64

_DETECTORS: dict[tuple[str | None, float | None, tuple[str, ...], bool], BatchScanner] = {}


def _detector(
    model: str | Path | None,
    threshold: float | None,
    keep_labels: tuple[str, ...] = (),
    comment_threads: bool = False,
) -> BatchScanner:
    """One detector per process and (model, threshold, kept labels, comment-thread rule):
    loaded on first use, not pickled."""
    key = (str(model) if model else None, threshold, keep_labels, comment_threads)
    if key not in _DETECTORS:
        from pagesieve.detector import Detector

        _DETECTORS[key] = Detector.load(
            model, threshold, keep_labels=keep_labels, comment_threads=comment_threads
        )
    return _DETECTORS[key]


class _Scanning:
    """Shared settings and the batched scan of both steps."""

    def _setup(
        self, model, threshold, batch_size, key_prefix, keep_labels, comment_threads, explain=False
    ) -> None:
        from pagesieve.detector import (
            check_comment_rule,
            check_count,
            check_threshold,
            kept_labels,
        )

        self.model = str(model) if model else None
        # checked now: a misspelt label or a threshold of 2 would otherwise fail every worker,
        # after the reading
        check_threshold(threshold)
        self.threshold = threshold
        self.keep_labels = tuple(sorted(kept_labels(keep_labels)))
        check_comment_rule(self.keep_labels, comment_threads)
        self.comment_threads = bool(comment_threads)
        self.batch_size = check_count("batch_size", batch_size)
        self.explain = explain
        self.flags_key = f"{key_prefix}_flags"
        self.fraction_key = f"{key_prefix}_flagged_fraction"
        self.error_key = f"{key_prefix}_error"
        self.cleaned_key = f"{key_prefix}_cleaned"

    def annotate(self, docs: list[Document]) -> None:
        """Scan ``docs`` in one detector call and store flags (or an error) in their metadata."""
        from pagesieve.worker import detect_texts  # batch scan, one by one on failure

        results = detect_texts(
            _detector(self.model, self.threshold, self.keep_labels, self.comment_threads),
            [d.text for d in docs],
            self.explain,
        )
        for doc, flags in zip(docs, results, strict=True):
            if doc.metadata is None:
                doc.metadata = {}
            if doc.text is None:  # no text is not an empty page (Spark's step says the same)
                flags = "text is null"
            if isinstance(flags, str):
                # what an earlier scan of another text left is not this text's
                for key in (self.flags_key, self.fraction_key, self.cleaned_key):
                    doc.metadata.pop(key, None)
                doc.metadata[self.error_key] = flags
                self.stat_update("pagesieve_errors")  # type: ignore[attr-defined]
                continue
            doc.metadata[self.flags_key] = [f.to_json(self.explain) for f in flags]
            doc.metadata.pop(self.cleaned_key, None)
            doc.metadata.pop(self.error_key, None)
            doc.metadata[self.fraction_key] = round(flagged_fraction(doc.text, flags), 4)
            if flags:
                self.stat_update("pagesieve_flagged")  # type: ignore[attr-defined]

    def flags_of(self, doc: Document) -> list[Flag] | None:
        """The flags of the document's text as it is: none once a filter cleaned it. The kept
        labels are left out here too, for an annotator run without them."""
        metadata = doc.metadata or {}
        raw = metadata.get(self.flags_key)
        if raw is None or metadata.get(self.cleaned_key) or not isinstance(doc.text, str):
            return None
        if not _flag_list(raw, len(doc.text)):
            return None  # not an annotator's flags of this text: scanned afresh
        return [
            Flag(f["start"], f["end"], f["label"], f["score"])
            for f in raw
            if f["label"] not in self.keep_labels
        ]


def _flag_list(raw: object, n: int) -> bool:
    """Whether ``raw`` is a list of flags (as ``Flag.to_json`` writes them) inside a text of
    ``n`` characters: metadata from elsewhere (another tool, another text) is not trusted."""
    return isinstance(raw, list) and all(
        isinstance(f, dict)
        and type(f.get("start")) is int
        and type(f.get("end")) is int
        and 0 <= f["start"] <= f["end"] <= n
        and isinstance(f.get("label"), str)
        and isinstance(f.get("score"), (int, float))
        and 0 <= f["score"] <= 1
        for f in raw
    )


class PagesieveAnnotator(_Scanning, PipelineStep):
    """Adds ``pagesieve_flags`` (the JSONL flags) and ``pagesieve_flagged_fraction`` to each
    document's metadata; a document the detector fails on gets ``pagesieve_error`` instead."""

    name = "🧹 pagesieve"
    type = "🏷 - ANNOTATOR"

    def __init__(
        self,
        model: str | Path | None = None,
        threshold: float | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        explain: bool = False,
        key_prefix: str = "pagesieve",
        keep_labels: Iterable[str] = (),
        comment_threads: bool = False,
    ) -> None:
        super().__init__()
        self._setup(model, threshold, batch_size, key_prefix, keep_labels, comment_threads, explain)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        for batch in batched(data, self.batch_size):
            with self.track_time("batch"):
                self.annotate(batch)
            for doc in batch:
                self.stat_update("documents")
                yield doc


class PagesieveFilter(_Scanning, PipelineStep):
    """Removes flagged regions from ``doc.text`` (as ``scan --clean``) and drops a page whose
    flagged fraction (non-blank characters, as ``scan --drop-docs-above``) is above
    ``max_flagged_fraction`` (None: never drop).

    Uses the annotator's metadata when present and scans the other documents itself, so it
    also works alone (its ``keep_labels`` leave those labels out of the annotator's flags too;
    its ``comment_threads`` applies to the pages it scans itself: give both steps the same).
    A document it cleans keeps its flags (offsets into the text before) and gets
    ``pagesieve_cleaned``: a second filter scans the cleaned text afresh rather than cut it with
    those offsets. A document the detector fails on is kept unchanged (and counted).
    Dropped pages go to ``exclusion_writer`` (if given) with their original text, as with
    datatrove's filters. (Not a ``BaseFilter``: importing datatrove's filters package needs
    its ``processing`` extra.)
    """

    name = "🧹 pagesieve"
    type = "🔻 - FILTER"

    def __init__(
        self,
        max_flagged_fraction: float | None = None,
        model: str | Path | None = None,
        threshold: float | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        key_prefix: str = "pagesieve",
        exclusion_writer: DiskWriter | None = None,
        keep_labels: Iterable[str] = (),
        comment_threads: bool = False,
    ) -> None:
        super().__init__()
        self._setup(model, threshold, batch_size, key_prefix, keep_labels, comment_threads)
        if max_flagged_fraction is not None and not (
            isinstance(max_flagged_fraction, (int, float)) and 0.0 <= max_flagged_fraction <= 1.0
        ):
            raise ValueError(
                f"max_flagged_fraction must be None or from 0 to 1, not {max_flagged_fraction!r}"
            )
        self.max_flagged_fraction = max_flagged_fraction
        self.exclusion_writer = exclusion_writer

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        excluded = self.exclusion_writer or contextlib.nullcontext()
        with excluded as writer:
            for batch in batched(data, self.batch_size):
                with self.track_time("batch"):
                    results = self.filter_batch(batch)
                for doc, result in zip(batch, results, strict=True):
                    self.stat_update("total")
                    if result is True:
                        self.stat_update("forwarded")
                        if isinstance(doc.text, str):  # a text that is not one is kept as it is
                            self.update_doc_stats(doc)
                        yield doc
                        continue
                    _, reason = result
                    self.stat_update("dropped", f"dropped_{reason}")
                    if writer is not None:
                        doc.metadata["filter_reason"] = reason
                        writer.write(doc, rank)

    def filter_batch(self, batch: list[Document]) -> list[bool | tuple[bool, str]]:
        """Keep (True, text cleaned in place) or drop ((False, reason)) each document."""
        missing = [d for d in batch if self.flags_of(d) is None]
        missing = [d for d in missing if self.error_key not in (d.metadata or {})]
        if missing:
            self.annotate(missing)
        results: list[bool | tuple[bool, str]] = []
        for doc in batch:
            flags = self.flags_of(doc)
            if flags is None:  # the detector failed on it: keep it as it is
                results.append(True)
                continue
            clean, page = clean_and_verdict(doc.text, flags, True, self.max_flagged_fraction)
            if page is not None and page[1]:
                results.append((False, "pagesieve_flagged_fraction"))
                continue
            doc.text = clean
            # the flags' offsets are into the text as it was: a later filter (another stage, a
            # rerun with another max_flagged_fraction) cut article text with them
            doc.metadata[self.cleaned_key] = True
            results.append(True)
        return results
