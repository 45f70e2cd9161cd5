"""scikit-learn is imported without scipy.stats and pandas, which load on first use instead."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pagesieve.sklearn_imports import DeferredAttribute, DeferredModule, deferred

ROOT = Path(__file__).resolve().parent.parent


def test_a_stand_in_loads_on_first_use_and_leaves_sys_modules(monkeypatch) -> None:
    monkeypatch.delitem(sys.modules, "json.decoder", raising=False)
    monkeypatch.delattr(sys.modules["json"], "decoder", raising=False)
    with deferred({"json.decoder": frozenset({"JSONDecoder"})}) as names:
        assert names == ["json.decoder"]
        stand_in = sys.modules["json.decoder"]
        assert isinstance(stand_in, DeferredModule)
        from json.decoder import JSONDecoder  # taken by name: deferred too

        assert isinstance(JSONDecoder, DeferredAttribute)
        assert sys.modules["json.decoder"] is stand_in
    assert "json.decoder" not in sys.modules  # never used: whoever imports it next gets it
    assert JSONDecoder().decode("[1]") == [1]  # loads the real module
    real = sys.modules["json.decoder"]
    assert not isinstance(real, DeferredModule)
    assert stand_in.scanstring is real.scanstring


def test_modules_imported_already_are_left_alone() -> None:
    with deferred({"json": frozenset(), "no_such_module_here": frozenset()}) as names:
        assert names == []
        assert not isinstance(sys.modules["json"], DeferredModule)


def _run(code: str) -> str:
    """``code``'s output in a fresh interpreter (what a new scan process imports)."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_a_scan_imports_neither_scipy_stats_nor_pandas() -> None:
    code = (
        "import json, sys\n"
        "from pagesieve.detector import Detector\n"
        "d = Detector.load()\n"
        "flags = d.scan('Norvik will sell phones in Germany this year.\\n{dede:field.title/}',"
        " explain=True)\n"
        "print(json.dumps([bool(flags), 'scipy.stats' in sys.modules, 'pandas' in sys.modules]))\n"
    )
    assert json.loads(_run(code).splitlines()[-1]) == [True, False, False]


def test_the_deferred_modules_still_work_after_a_scan() -> None:
    code = (
        "import pagesieve.model, scipy.stats, pandas\n"
        "print(scipy.stats.rankdata([3, 1, 2]).tolist(), pandas.DataFrame({'a': [1]}).shape)\n"
        "from sklearn.metrics._ranking import rankdata\n"
        "print(rankdata([2, 1]).tolist())\n"
    )
    assert _run(code).split("\n")[:2] == ["[3.0, 1.0, 2.0] (1, 1)", "[2.0, 1.0]"]
