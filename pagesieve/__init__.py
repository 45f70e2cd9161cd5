"""pagesieve: flag the parts of crawled pages that do not belong to their article."""

from pagesieve.types import LABELS, Flag, FlagColumns, flagged_fraction, remove_flagged

__all__ = ["LABELS", "Detector", "Flag", "FlagColumns", "flagged_fraction", "remove_flagged"]


def __getattr__(name: str):
    # The detector pulls in scikit-learn; load it only when asked for.
    if name == "Detector":
        from pagesieve.detector import Detector

        return Detector
    raise AttributeError(name)
