"""pagesieve: flag the parts of crawled pages that do not belong to their article."""

from pagesieve.types import LABELS, Flag

__all__ = ["LABELS", "Detector", "Flag"]


def __getattr__(name: str):
    # The detector pulls in scikit-learn; load it only when asked for.
    if name == "Detector":
        from pagesieve.detector import Detector

        return Detector
    raise AttributeError(name)
