"""train.py's pinned arithmetic: the process restarts with the variables set, numpy then runs
its baseline kernels only, and the model card says how a model was fitted."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from pagesieve import numerics
from pagesieve.model_card import numerics_line

ROOT = Path(__file__).resolve().parent.parent

# what a pinned process reports: its variables and the SIMD targets numpy's float loops run
PROBE = """
import json, os, sys
sys.path.insert(0, {root!r})
from pagesieve.numerics import run_pinned
run_pinned()
try:  # numpy 2.0 and newer
    from numpy.lib.introspect import opt_func_info
    targets = sorted({{t["current"] for sigs in opt_func_info(func_name="add|exp|sqrt").values()
                      for t in sigs.values()}})
except ImportError:
    targets = None
keys = ("PYTHONHASHSEED", "OMP_NUM_THREADS", "NPY_DISABLE_CPU_FEATURES", "OPENBLAS_CORETYPE")
print(json.dumps({{"env": {{k: os.environ.get(k) for k in keys}}, "targets": targets,
                   "hash": hash("pagesieve"), "argv": sys.argv[1:]}}))
"""


def _probe(tmp_path: Path, extra_env: dict[str, str]) -> dict:
    script = tmp_path / "probe.py"
    script.write_text(PROBE.format(root=str(ROOT)), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in numerics.pinned_environment()}
    env.pop("PAGESIEVE_UNPINNED", None)
    env.update(extra_env)
    out = subprocess.run(
        [sys.executable, str(script), "--flag", "x y"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_process_restarts_pinned_with_its_arguments(tmp_path):
    # the caller's own settings (one thread, another hash seed) are overridden, arguments kept
    got = _probe(tmp_path, {"OMP_NUM_THREADS": "1", "PYTHONHASHSEED": "123"})
    assert got["env"] == {
        k: numerics.pinned_environment().get(k)
        for k in (
            "PYTHONHASHSEED",
            "OMP_NUM_THREADS",
            "NPY_DISABLE_CPU_FEATURES",
            "OPENBLAS_CORETYPE",
        )
    }
    assert got["argv"] == ["--flag", "x y"]
    again = _probe(tmp_path, {"PYTHONHASHSEED": "7"})
    assert again["hash"] == got["hash"]  # string hashing no longer varies by process


@pytest.mark.skipif(platform.machine().lower() not in {"x86_64", "amd64"}, reason="x86-64 only")
def test_pinned_numpy_runs_baseline_kernels_only(tmp_path):
    got = _probe(tmp_path, {})
    if got["targets"] is None:
        pytest.skip("numpy before 2.0 cannot say which kernels it runs")
    assert got["targets"] and all(t.startswith("baseline") for t in got["targets"])


def test_unpinned_on_request(tmp_path):
    got = _probe(tmp_path, {"PAGESIEVE_UNPINNED": "1", "OMP_NUM_THREADS": "1"})
    assert got["env"]["OMP_NUM_THREADS"] == "1"
    assert got["env"]["PYTHONHASHSEED"] is None


def test_model_card_says_how_the_model_was_fitted():
    pinned = {"machine": "x86_64", "python": "3.11.7", "numpy": "2.4.6", "scikit-learn": "1.9.1"}
    line = numerics_line({**pinned, "pinned": "yes"})
    assert "x86_64" in line and "numpy 2.4.6" in line and "scikit-learn 1.9.1" in line
    assert "baseline kernels" in line and "whatever the machine" in line
    assert "not pinned" in numerics_line({**pinned, "pinned": "no"})
    assert "another draw" in numerics_line(None)


def test_model_card_names_its_own_artifact(tmp_path):
    # a model trained with --out elsewhere was described as the shipped model/pagesieve.joblib
    from pagesieve.artifact import DEFAULT_MODEL
    from pagesieve.model_card import artifact_line

    shipped = artifact_line(DEFAULT_MODEL, 9.84, "ab12")
    assert shipped == "Artifact: `model/pagesieve.joblib` (9.8 MB), sha256 `ab12`."
    elsewhere = artifact_line(tmp_path / "m" / "pagesieve.joblib", 1.0, "cd34")
    assert f"`{tmp_path / 'm' / 'pagesieve.joblib'}`" in elsewhere
