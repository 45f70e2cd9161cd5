"""The scikit-learn classes pagesieve's models are made of, imported without the modules that
scikit-learn imports eagerly but a scan never uses.

``import sklearn`` runs ``import scipy.stats`` and ``import pandas`` (``sklearn.utils.fixes``),
and a few modules bind a function or object of ``scipy.stats`` at import time (``rankdata``), for
helpers that neither model calls at predict time: about a third of ``detect.py scan``'s start-up
(1 s of 3.3 s here), in every process. Inside :func:`deferred`, those imports get stand-ins that
import the real module on first use, so code that does use them works unchanged, only later. The
stand-ins leave ``sys.modules`` when the block ends: whoever imports ``pandas`` or ``scipy.stats``
afterwards gets the real module, and libraries that look for an imported pandas (narwhals, on
every ``predict``) do not find one.

``importlib.util.LazyLoader`` would not do: Python 3.11's import statement reads ``__spec__`` of a
module already in ``sys.modules``, which makes a LazyLoader module load at once.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.machinery import ModuleSpec

#: Modules deferred, each with the functions and objects that scikit-learn's modules take from
#: it at import time (``from scipy.stats import rankdata``); any other attribute imports it.
DEFERRED: dict[str, frozenset[str]] = {
    "scipy.stats": frozenset(
        {
            "bernoulli",
            "chi2",
            "expon",
            "gmean",
            "norm",
            "randint",
            "rankdata",
            "spearmanr",
            "uniform",
        }
    ),
    "pandas": frozenset(),
}


_LOADING = threading.RLock()


class DeferredModule(types.ModuleType):
    """Stands in for a module until one of its attributes is asked for, then imports it."""

    def __init__(self, spec: ModuleSpec, functions: frozenset[str] = frozenset()) -> None:
        super().__init__(spec.name)
        # what the import statement reads (``__path__`` to import a submodule, or to take names
        # from a package) must not trigger the import
        self.__spec__ = spec
        self.__file__ = spec.origin
        if spec.submodule_search_locations is not None:
            self.__path__ = spec.submodule_search_locations
        self._functions = functions

    def __getattr__(self, attr: str):
        # reached only for what the stand-in lacks, i.e. everything before it is loaded
        if attr == "__path__":  # asked by ``from M import x``: a package has it set already
            raise AttributeError(attr)
        if attr in self._functions and sys.modules.get(self.__name__) is self:
            return DeferredAttribute(self, attr)
        return getattr(self.load(), attr)

    def load(self) -> types.ModuleType:
        """The real module, imported now if it was not yet."""
        name = self.__name__
        with _LOADING:  # a second thread must not take a module another one is still running
            real = sys.modules.get(name)
            if real is None or real is self:
                sys.modules.pop(name, None)
                real = importlib.import_module(name)  # also sets the parent package's attribute
                # whoever holds the stand-in (``import pandas as pd`` ran before) now finds the
                # real attributes directly; any added later still come through __getattr__
                self.__dict__.update(real.__dict__)
        return real


class DeferredAttribute:
    """A function or object of a deferred module, taken by ``from M import name`` at import
    time: the module is imported on its first call or attribute access."""

    def __init__(self, module: DeferredModule, name: str) -> None:
        self._module = module
        self._name = name

    def _target(self):
        return getattr(self._module.load(), self._name)

    def __call__(self, *args, **kwargs):
        return self._target()(*args, **kwargs)

    def __getattr__(self, attr: str):
        return getattr(self._target(), attr)

    def __repr__(self) -> str:
        return f"<deferred {self._module.__name__}.{self._name}>"


@contextmanager
def deferred(modules: dict[str, frozenset[str]] = DEFERRED) -> Iterator[list[str]]:
    """Within the block, importing one of ``modules`` that is installed and not imported yet
    gives a stand-in; yields the names deferred. The stand-ins leave ``sys.modules`` at exit."""
    stand_ins = {}
    for name, functions in modules.items():
        spec = None if name in sys.modules else _spec(name)
        if spec is not None:
            stand_ins[name] = sys.modules[name] = DeferredModule(spec, functions)
    try:
        yield list(stand_ins)
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def _spec(name: str) -> ModuleSpec | None:
    """``name``'s spec if it is installed, found without running it (its parent package is
    imported: scipy's ``__init__`` is light, and scikit-learn imports it anyway)."""
    try:
        return importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None


# ``pagesieve.model`` imports these first, before anything else of pagesieve imports scikit-learn
with deferred():
    from sklearn import get_config
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.linear_model import LogisticRegression, SGDClassifier

__all__ = [
    "HistGradientBoostingClassifier",
    "HashingVectorizer",
    "LogisticRegression",
    "SGDClassifier",
    "deferred",
    "get_config",
]
