"""Shared fixtures: the shipped detector (loaded once) and the corpora, when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "model" / "pagesieve.joblib"
SHARED = Path(os.environ.get("PAGESIEVE_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def detector():
    if not MODEL.exists():
        pytest.skip("model/pagesieve.joblib is missing: run `python train.py` first")
    from pagesieve.detector import Detector

    return Detector.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "examples" / "examples.jsonl").exists():
        pytest.skip(f"needs the shared corpora beside the project ({SHARED} not found)")
    return SHARED
