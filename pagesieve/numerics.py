"""A fixed numerical environment for training, so that a seed gives the same model on any
x86-64 machine.

Training is chaotic: a last-bit difference in one feature moves the SGD's weights, then the trees'
splits, then every figure (``bench/README.md``, ``seed_spread.py``). Three things can differ
between machines with the same code and the same libraries:

* scikit-learn's gradient boosting sums the gradients in as many parts as it has threads, one per
  core by default;
* OpenBLAS picks its kernels by the CPU (``Haswell``, ``SkylakeX``, ``Zen``…) and splits its
  products between its threads;
* numpy picks SIMD kernels by the CPU too (AVX2, AVX-512 or the x86-64-v2 baseline), whose float
  results may differ in the last bits.

Measured here (``bench/train_reproducibility.py``), one thread instead of two and another OpenBLAS
kernel each gave another model; numpy without its AVX2 kernels gave the same one (AVX-512 was not
there to try). ``train.py`` runs with all three pinned: numpy's baseline kernels only, one OpenBLAS
kernel that every x86-64 CPU numpy supports can run, on one thread, and a fixed thread count for
scikit-learn; Python's string hashing too, so that nothing that iterates a set of strings can
differ. Scans are not pinned: their scores may differ in the last bits between machines, and a
scan needs the fast kernels.
"""

from __future__ import annotations

import os
import platform
import sys

#: threads for scikit-learn's OpenMP loops while training (their sums are split by thread count)
TRAINING_THREADS = 2

#: numpy's dispatched targets above the x86-64-v2 baseline (numpy 2.x names; unknown or
#: unsupported ones are ignored by numpy)
_NUMPY_ABOVE_BASELINE = "X86_V3 X86_V4 AVX512_ICL AVX512_SPR"
#: an OpenBLAS kernel every CPU with the x86-64-v2 baseline runs
_OPENBLAS_CORE = "Nehalem"


def pinned_environment() -> dict[str, str]:
    """The variables that fix training's arithmetic on this kind of machine (none off x86-64:
    there the model is reproducible only on the same kind of CPU)."""
    env = {
        "PYTHONHASHSEED": "0",
        "OMP_NUM_THREADS": str(TRAINING_THREADS),
        # OpenBLAS's few products in training are small: one thread splits nothing
        "OPENBLAS_NUM_THREADS": "1",
    }
    if platform.machine().lower() in {"x86_64", "amd64"}:
        env["NPY_DISABLE_CPU_FEATURES"] = _NUMPY_ABOVE_BASELINE
        env["OPENBLAS_CORETYPE"] = _OPENBLAS_CORE
    return env


def is_pinned() -> bool:
    return all(os.environ.get(k) == v for k, v in pinned_environment().items())


def run_pinned() -> None:
    """Restart this process with the pinned environment unless it already has it.

    numpy and OpenBLAS read their variables when they load and Python reads its hash seed when it
    starts, so setting them in a running process is too late: the process is replaced by the same
    command with them set (``PAGESIEVE_UNPINNED=1`` skips this, to compare with the machine's own
    arithmetic)."""
    if is_pinned() or os.environ.get("PAGESIEVE_UNPINNED") == "1" or os.name != "posix":
        return  # (elsewhere exec starts a second process and lets the first one end)
    env = {**os.environ, **pinned_environment()}
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable, *sys.orig_argv[1:]], env)


def describe() -> dict[str, str]:
    """What a model card records about the arithmetic that fitted the model."""
    import numpy as np
    import scipy
    import sklearn
    from threadpoolctl import threadpool_info

    blas = sorted(
        {i.get("architecture") or "?" for i in threadpool_info() if i["user_api"] == "blas"}
    )
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
        "blas": "/".join(blas),
        "threads": os.environ.get("OMP_NUM_THREADS", "all cores"),
        "pinned": "yes" if is_pinned() else "no",
    }
