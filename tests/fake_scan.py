"""Test helper: ``python tests/fake_scan.py IN... -o OUT [-j N]`` runs the real runner with the
slow fake detector, so a test can kill a scan half-way and restart it."""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from fake_detector import make_slow_fake  # noqa: E402

from pagesieve.runner import ScanOptions, exit_code, run_scan  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("-j", "--jobs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=10)
    args = parser.parse_args()
    options = ScanOptions(jobs=args.jobs, batch_size=args.batch_size, progress=False)
    stats = run_scan(args.inputs, args.output, make_slow_fake, options)
    print(stats.summary(), file=sys.stderr)
    return exit_code(stats, strict=True)


if __name__ == "__main__":
    sys.exit(main())
