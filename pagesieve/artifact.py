"""Saving and loading the model file, with its sha256 checked before anything is unpickled.

A joblib file is code: loading one runs whatever it contains. The digest is written beside the
artifact at training time and compared with the file's bytes before ``joblib.load`` is called.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
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
    digest = file_sha256(tmp)
    tmp_digest = digest_path(path).with_name(digest_path(path).name + ".tmp")
    tmp_digest.write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    # both files are complete before either replaces the old one: a kill between the two renames
    # (not during the hashing and writing, as before) is all that can leave them apart
    tmp.replace(path)
    tmp_digest.replace(digest_path(path))
    return digest


def recorded_sha256(path: Path) -> str:
    """The digest in ``path``'s ``.sha256`` file (as ``sha256sum`` writes it), or why not."""
    dp = digest_path(path)
    if not dp.is_file():
        raise ModelIntegrityError(
            f"no sha256 recorded for {path} (expected {dp}); refusing to load it"
        )
    try:
        text = dp.read_text(encoding="utf-8-sig")  # a byte-order mark is not part of the digest
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelIntegrityError(f"cannot read {dp}: {exc}; refusing to load {path}") from None
    words = text.split()
    digest = words[0].lower() if words else ""
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ModelIntegrityError(f"{dp} holds no sha256 digest; refusing to load {path}")
    return digest


def verified_sha256(path: Path, use: str = "load") -> str:
    """The recorded digest, once the file's bytes are checked against it, without unpickling
    (a model refused before a job or a scan starts, not in its workers)."""
    digest = recorded_sha256(path)
    if file_sha256(path) != digest:
        raise ModelIntegrityError(
            f"{path} does not match its recorded sha256; refusing to {use} it"
        )
    return digest


def load_artifact(path: Path, expected_sha256: str | None = None) -> Any:
    """Unpickle ``path`` only if its bytes hash to the recorded (or given) sha256.

    The bytes are read once, hashed, and unpickled from memory: hashing the file and then
    loading it by name again let another file be unpickled in between (a named pipe fed the
    model, then a pickle of its own; a symlink switched). Only a regular file is read."""
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise FileNotFoundError(f"model file not found: {path}") from None
    if not stat.S_ISREG(st.st_mode):
        raise ModelIntegrityError(f"{path} is not a regular file; refusing to load it")
    if expected_sha256 is None:
        expected_sha256 = recorded_sha256(path)
    with open(path, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped since the check above
            raise ModelIntegrityError(f"{path} is not a regular file; refusing to load it")
        data = fh.read()
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected_sha256.lower():
        raise ModelIntegrityError(
            f"{path} does not match its recorded sha256 (expected {expected_sha256}, got {actual}); refusing to load it"
        )
    try:
        return joblib.load(io.BytesIO(data))
    except Exception as exc:  # a file damaged before its sha256 was written: said, by name
        raise ModelIntegrityError(
            f"{path} matches its recorded sha256 but is not a readable model "
            f"({type(exc).__name__}: {exc}); it was damaged before its sha256 was recorded"
        ) from exc
