"""Pages in languages the model learnt little of: the score shift that ``unread_pages`` adds.

Scores the pages of ``data/unread_pages`` (written for the project: 48 pages in eight
languages written to choose the shift, 40 test pages in twelve, 40 articles whose headings are
furniture words) with the shipped detector, rules included, for each shift in log-odds from 0
up, and picks the largest whose article lines flagged on the shift pages stay at or under
``--article-budget`` (default 1.6%: what the operating point flags of English pages written
the same way, three audits of 120 pages at 1.4%, 1.7% and 2.1%). The test pages are reported
beside it and choose nothing. The 48 calibration pages that chose it until session 36 are
training pages now (``pagesieve.written_pages``): a model scores its own training pages
boldly, so a shift chosen on them would be too small.

    python bench/unread_pages.py [--model FILE] [--article-budget 0.016] [--step 0.04]
    python bench/unread_pages.py --alphabets     # OTHER_ALPHABET_SHIFT, on data/other_alphabets
    python bench/unread_pages.py --kana          # KANA_SHIFT, on data/ja_ko_pages (Japanese)
    python bench/unread_pages.py --hangul        # HANGUL_SHIFT, on data/ja_ko_pages (Korean)
    python bench/unread_pages.py --script bengali  # SCRIPT_SHIFTS, on data/bn_ta_pages
"""

from __future__ import annotations

import argparse

import numpy as np

from pagesieve import Detector
from pagesieve.corpus import read_labeled
from pagesieve.evaluate import evaluate
from pagesieve.unread_pages import (
    HANGUL_SHIFT,
    KANA_SHIFT,
    OTHER_ALPHABET_SHIFT,
    SCRIPT_SHIFTS,
    UNREAD_PAGE_SHIFT,
)
from pagesieve.written_pages import UNREAD_TEST_PAGES

DATA = UNREAD_TEST_PAGES.parent
#: per setting: the pages' folder, its sets (the first chooses), the detector's attribute, the
#: constant that ships, by name and value, and the pages' language (None: all of them)
SETTINGS = {
    "latin": (
        DATA,
        ("shift", "test", "article_only"),
        "unread_shift",
        "UNREAD_PAGE_SHIFT",
        UNREAD_PAGE_SHIFT,
        None,
    ),
    "alphabets": (
        DATA.parent / "other_alphabets",
        ("shift", "test"),
        "alphabet_shift",
        "OTHER_ALPHABET_SHIFT",
        OTHER_ALPHABET_SHIFT,
        None,
    ),
    "kana": (
        DATA.parent / "ja_ko_pages",
        ("shift", "test"),
        "kana_shift",
        "KANA_SHIFT",
        KANA_SHIFT,
        "ja",
    ),
    "hangul": (
        DATA.parent / "ja_ko_pages",
        ("shift", "test"),
        "hangul_shift",
        "HANGUL_SHIFT",
        HANGUL_SHIFT,
        "ko",
    ),
    # a script's own raise among the other alphabets (``SCRIPT_SHIFTS``, ``--script NAME``)
    **{
        name: (
            DATA.parent / "bn_ta_pages",
            ("shift", "test"),
            "script_shifts",
            f"SCRIPT_SHIFTS[{name!r}]",
            SCRIPT_SHIFTS[name],
            lang,
        )
        for name, lang in (("bengali", "bn"), ("tamil", "ta"))
    },
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--model", default=None, help="model file [default: the shipped model]")
    ap.add_argument(
        "--alphabets",
        action="store_true",
        help="choose OTHER_ALPHABET_SHIFT on data/other_alphabets (pages in Greek, Arabic, "
        "Hebrew, Hindi, Persian and Thai) instead of UNREAD_PAGE_SHIFT",
    )
    ap.add_argument(
        "--kana", action="store_true", help="choose KANA_SHIFT on data/ja_ko_pages' Japanese pages"
    )
    ap.add_argument(
        "--hangul",
        action="store_true",
        help="choose HANGUL_SHIFT on data/ja_ko_pages' Korean pages",
    )
    ap.add_argument(
        "--script",
        choices=sorted(SCRIPT_SHIFTS),
        help="choose a script's own raise (SCRIPT_SHIFTS) on data/bn_ta_pages' pages in it",
    )
    ap.add_argument(
        "--choosing-only",
        action="store_true",
        help="score only the pages that choose (leave the test pages unread while choosing)",
    )
    ap.add_argument("--article-budget", type=float, default=0.016)
    ap.add_argument("--step", type=float, default=0.04)
    ap.add_argument("--max-shift", type=float, default=3.0)
    args = ap.parse_args()
    setting = args.script or next(
        (name for name in ("alphabets", "kana", "hangul") if getattr(args, name)), "latin"
    )
    folder, sets, attribute, constant, shipped, lang = SETTINGS[setting]
    if args.choosing_only:
        sets = sets[:1]
    detector = Detector.load(args.model) if args.model else Detector.load()
    pages = {
        name: [p for p in read_labeled(folder / f"{name}.jsonl") if lang in (None, p.lang)]
        for name in sets
    }
    shifts = np.round(np.arange(0, args.max_shift + 1e-9, args.step), 4)
    heads = " | ".join(f"{n} recall | {n} article" for n in sets)
    print(f"| shift | {heads} |")
    print("|---" * (1 + 2 * len(sets)) + "|")
    chosen = 0.0
    for shift in shifts:
        current = getattr(detector, attribute)
        # a table of raises by script takes the setting's own
        value = {**current, setting: float(shift)} if isinstance(current, dict) else float(shift)
        setattr(detector, attribute, value)
        row = {}
        for name in sets:
            summary = evaluate(pages[name], detector.scan_batch).overall.summary()
            row[name] = (summary["recall"], summary["article_flagged"])
        if row[sets[0]][1] <= args.article_budget:
            chosen = float(shift)
        cells = " | ".join(f"{row[n][0]:.3f} | {row[n][1]:.4f}" for n in sets)
        print(f"| {shift:.2f} | {cells} |")
    print(
        f"\nlargest shift with the {sets[0]} pages' article flagged <= {args.article_budget:.3f}: "
        f"{chosen:.2f} (shipped {constant}: {shipped})"
    )


if __name__ == "__main__":
    main()
