"""Saving and loading the model file, with its sha256 checked before anything is unpickled.

A joblib file is code: loading one runs whatever it contains. The digest is written beside the
artifact at training time and compared with the file's bytes before ``joblib.load`` is called.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import joblib

MODEL_DIR = Path(__file__).resolve().parent.parent / "model"
DEFAULT_MODEL = MODEL_DIR / "pagesieve.joblib"


class ModelIntegrityError(RuntimeError):
    """The model file does not match its recorded sha256 (or the digest is missing)."""


def digest_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def save_artifact(obj: Any, path: Path) -> str:
    """Write ``obj`` with joblib and its digest beside it; returns the digest."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    joblib.dump(obj, tmp, compress=("zlib", 3))
    tmp.replace(path)
    digest = file_sha256(path)
    digest_path(path).write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    return digest


def load_artifact(path: Path, expected_sha256: str | None = None) -> Any:
    """Unpickle ``path`` only if its bytes hash to the recorded (or given) sha256."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"model file not found: {path}")
    if expected_sha256 is None:
        dp = digest_path(path)
        if not dp.exists():
            raise ModelIntegrityError(
                f"no sha256 recorded for {path} (expected {dp}); refusing to load it"
            )
        expected_sha256 = dp.read_text(encoding="utf-8").split()[0].strip().lower()
    actual = file_sha256(path)
    if actual != expected_sha256.lower():
        raise ModelIntegrityError(
            f"{path} does not match its recorded sha256 (expected {expected_sha256}, got {actual}); refusing to load it"
        )
    return joblib.load(path)
