"""Labeled pages moved into other alphabets: how the model reads languages the corpora lack.

The labeled pages are English and Chinese. A copy of a dev page with its letters mapped one for
one onto Cyrillic, Greek, Arabic, Hebrew, Devanagari or Armenian keeps its labels, its layout
and its offsets, and its words become words the model does not know, as a real foreign page's
are: scored like the original, it tells whether the model judges such a page by shape and
context or by its script (``train.py``'s model card, ``bench/operating_points.py``).
"""

from __future__ import annotations

from dataclasses import replace
from string import ascii_lowercase, ascii_uppercase

import numpy as np

from pagesieve.corpus import LabeledPage

#: 26 lower-case and 26 upper-case letters per alphabet (the same for alphabets without case)
ALPHABETS: dict[str, tuple[str, str]] = {
    "cyrillic": ("абвгдежзийклмнопрстуфхцчшщ", "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩ"),
    "greek": ("αβγδεζηθικλμνξοπρστυφχψωάέ", "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈ"),
    "arabic": ("ابتثجحخدذرزسشصضطظعغفقكلمنه",) * 2,
    "hebrew": ("אבגדהוזחטיכלמנסעפצקרשתםןףך",) * 2,
    "devanagari": ("अआइईउऊएऐओऔकखगघचछजझटठडढणतथद",) * 2,
    "armenian": ("աբգդեզէըթժիլխծկհձղճմյնշոչպ", "ԱԲԳԴԵԶԷԸԹԺԻԼԽԾԿՀՁՂՃՄՅՆՇՈՉՊ"),
}
_TABLES = {
    name: str.maketrans(ascii_lowercase + ascii_uppercase, lower + upper)
    for name, (lower, upper) in ALPHABETS.items()
}


def in_other_alphabet(page: LabeledPage, alphabet: str) -> LabeledPage:
    """A copy of ``page`` in ``alphabet``, its basic Latin letters replaced one for one (the
    same lengths, so labels and span offsets hold)."""
    return _translated(page, alphabet, _TABLES[alphabet], alphabet)


def _translated(page: LabeledPage, alphabet: str, table: dict[int, int], tag: str) -> LabeledPage:
    """``page`` with its letters mapped by ``table`` into ``alphabet``, its id led by ``tag``."""
    return replace(
        page,
        id=f"{tag}/{page.id}",
        lang=f"{page.lang}-{alphabet}",
        paragraphs=[p.translate(table) for p in page.paragraphs],
    )


def dev_in_other_alphabets(pages: list[LabeledPage]) -> list[LabeledPage]:
    """Every English page of ``pages`` in one alphabet, taking the alphabets in turn."""
    names = list(ALPHABETS)
    english = [p for p in pages if p.lang == "en"]
    return [in_other_alphabet(p, names[i % len(names)]) for i, p in enumerate(english)]


def in_shuffled_alphabet(page: LabeledPage, rng: np.random.Generator) -> LabeledPage:
    """A copy of ``page`` in an alphabet drawn at random, its letters assigned in a random order:
    a page whose words the model cannot know, and never those of :func:`dev_in_other_alphabets`
    (a training copy in that mapping would teach the evaluation pages' words)."""
    name = list(ALPHABETS)[int(rng.integers(len(ALPHABETS)))]
    lower, upper = ALPHABETS[name]
    order = rng.permutation(len(lower))
    table = str.maketrans(
        ascii_lowercase + ascii_uppercase,
        "".join(lower[i] for i in order) + "".join(upper[i] for i in order),
    )
    return _translated(page, name, table, f"{SHUFFLED_PREFIX}{name}")


#: id prefix of the copies made by :func:`in_shuffled_alphabet`
SHUFFLED_PREFIX = "shuffled-"
