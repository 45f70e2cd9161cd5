"""Peers run through the same evaluator: C4's line rules and jusText, as whole-line flaggers.

Both are ``BatchScanner``s: they flag every line (paragraph) the peer would drop, with exact
``str`` offsets, so ``pagesieve.evaluate`` scores them exactly as it scores the detector.

- ``C4LineRules`` mirrors datatrove's ``C4QualityFilter`` in line mode (its defaults, English
  sentence splitter): a line is flagged when the filter would drop it, and every line is flagged
  when the filter drops the whole page (lorem ipsum, a curly bracket, under 5 sentences). The
  mirror is checked against datatrove's own filter in ``tests/test_baselines.py`` and on every
  page by ``bench/baselines.py``.
- ``JusTextBaseline`` wraps each line in an (escaped) ``<p>`` and runs jusText with its default
  settings; lines jusText calls boilerplate, or does not return at all, are flagged. jusText
  needs a stoplist: the page language's own when jusText has one, else English (Chinese and
  Japanese have none, so their pages are judged with the English stoplist).

Needs the ``baselines`` extra (``pip install -e '.[baselines]'``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from pagesieve.types import Flag

BASELINES: tuple[str, ...] = ("c4", "justext")

# --- C4 line rules (datatrove's C4QualityFilter, split_paragraph=True, defaults) ------------

C4_MIN_WORDS_PER_LINE = 3
C4_MIN_SENTENCES = 5
C4_MAX_WORD_LENGTH = 1000


def _datatrove_c4():
    """datatrove's own constants, so the mirror follows the installed version's word lists."""
    try:
        from datatrove.pipeline.filters import c4_filters
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            f"the C4 baseline needs datatrove ({exc}); pip install -e '.[baselines]'"
        ) from exc
    return c4_filters


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line as ``str.splitlines()`` cuts them (what datatrove iterates)."""
    spans = []
    pos = 0
    for piece in text.splitlines(keepends=True):
        body = piece.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        # splitlines() ends a line at exactly one break ("\r\n" counts as one)
        spans.append((pos, pos + len(body)))
        pos += len(piece)
    return spans


class C4LineRules:
    """C4's line rules as datatrove's ``C4QualityFilter`` (line mode) applies them.

    Why a mirror instead of diffing datatrove's output: the filter rewrites the lines it keeps
    (strips them, removes ``[1]``/``[edit]`` citations), so kept text cannot be mapped back to
    input lines reliably when lines repeat. The mirror records the decision per line instead.
    """

    label = "other"

    def __init__(self) -> None:
        c4 = _datatrove_c4()
        from datatrove.utils.text import split_into_sentences

        self._citation = c4.CITATION_REGEX
        self._end_punct = tuple(c4.END_PUNCTUATION)
        self._ellipsis = c4.ELLIPSIS
        self._policy = tuple(c4.POLICY_SUBSTRINGS)
        self._sentences = split_into_sentences  # English, as the filter's default language

    def judge(self, text: str) -> tuple[list[tuple[int, int, str]], str, str]:
        """The filter's decisions on ``text``, in datatrove's terms (for flags and cross-checks).

        Returns (start, end, reason dropped or "") per line judged, in order (a lorem ipsum or
        curly-bracket line ends the page, as in datatrove), the page-level drop reason or "",
        and the text datatrove's filter would keep ("" when the page is dropped).
        """
        decisions: list[tuple[int, int, str]] = []
        kept: list[str] = []
        num_sentences = 0
        page_reason = ""
        for a, b in _line_spans(text):
            line = text[a:b].strip()
            words = line.split()
            if any(len(w) > C4_MAX_WORD_LENGTH for w in words):
                decisions.append((a, b, "too_long_word"))
                continue
            line = self._citation.sub("", line)
            if not line.endswith(self._end_punct) or line.endswith(self._ellipsis):
                decisions.append((a, b, "no_terminal_punc"))
                continue
            if len(words) < C4_MIN_WORDS_PER_LINE:
                decisions.append((a, b, "too_few_words"))
                continue
            low = line.lower()
            if "lorem ipsum" in low:
                page_reason = "lorem_ipsum"
                break
            if "javascript" in low:
                decisions.append((a, b, "javascript"))
                continue
            if "{" in line:
                page_reason = "curly_bracket"
                break
            if any(p in low for p in self._policy):
                decisions.append((a, b, "policy"))
                continue
            num_sentences += len(self._sentences(line))
            kept.append(line)
            decisions.append((a, b, ""))
        if not page_reason and num_sentences < C4_MIN_SENTENCES:
            page_reason = "too_few_sentences"
        if page_reason:
            return decisions, page_reason, ""
        return decisions, "", "\n".join(kept).strip()

    def scan(self, text: str, explain: bool = False) -> list[Flag]:
        decisions, page_reason, _ = self.judge(text)
        if page_reason:  # the filter drops the page: every line goes
            decisions = [(a, b, page_reason) for a, b in _line_spans(text)]
        prefix = "C4 page rule: " if page_reason else "C4 line rule: "
        return [
            Flag(a, b, self.label, 1.0, reason=prefix + why if explain else "")
            for a, b, why in decisions
            if why and b > a
        ]

    def scan_batch(self, texts: list[str], explain: bool = False) -> list[list[Flag]]:
        return [self.scan(t, explain) for t in texts]


def c4_matches_datatrove(text: str, mirror: C4LineRules, datatrove_filter) -> bool:
    """Whether the mirror keeps exactly what datatrove's ``C4QualityFilter`` keeps on ``text``.

    Same page verdict (and reason when dropped), and the same kept text when the page is kept.
    """
    from datatrove.data import Document

    doc = Document(text=text, id="check")
    verdict = datatrove_filter.filter(doc)
    _, page_reason, kept = mirror.judge(text)
    if verdict is True:
        return not page_reason and kept == doc.text
    return page_reason == verdict[1]


# --- jusText ---------------------------------------------------------------------------------

#: ISO 639-1 code -> jusText stoplist name, for the languages jusText ships a stoplist for.
JUSTEXT_STOPLISTS: dict[str, str] = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "an": "Aragonese", "hy": "Armenian",
    "ast": "Asturian", "az": "Azerbaijani", "eu": "Basque", "be": "Belarusian", "bn": "Bengali",
    "bs": "Bosnian", "br": "Breton", "bg": "Bulgarian", "ca": "Catalan", "ceb": "Cebuano",
    "cv": "Chuvash", "hr": "Croatian", "cs": "Czech", "da": "Danish", "nl": "Dutch",
    "en": "English", "eo": "Esperanto", "et": "Estonian", "fi": "Finnish", "fr": "French",
    "gl": "Galician", "ka": "Georgian", "de": "German", "el": "Greek", "gu": "Gujarati",
    "ht": "Haitian", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "is": "Icelandic",
    "io": "Ido", "ig": "Igbo", "id": "Indonesian", "ga": "Irish", "it": "Italian",
    "jv": "Javanese", "kn": "Kannada", "kk": "Kazakh", "ko": "Korean", "ku": "Kurdish",
    "ky": "Kyrgyz", "la": "Latin", "lv": "Latvian", "lt": "Lithuanian", "lb": "Luxembourgish",
    "mk": "Macedonian", "ms": "Malay", "ml": "Malayalam", "mt": "Maltese", "mr": "Marathi",
    "ne": "Nepali", "nb": "Norwegian_Bokmal", "no": "Norwegian_Bokmal",
    "nn": "Norwegian_Nynorsk", "oc": "Occitan", "fa": "Persian", "pl": "Polish",
    "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian", "ru": "Russian", "sr": "Serbian",
    "sh": "Serbo_Croatian", "sk": "Slovak", "sl": "Slovenian", "es": "Spanish",
    "su": "Sundanese", "sw": "Swahili", "sv": "Swedish", "tl": "Tagalog", "ta": "Tamil",
    "te": "Telugu", "tr": "Turkish", "tk": "Turkmen", "uk": "Ukrainian", "ur": "Urdu",
    "uz": "Uzbek", "vi": "Vietnamese", "vo": "Volapuk", "wa": "Walloon", "cy": "Welsh",
    "fy": "West_Frisian", "yo": "Yoruba",
}  # fmt: skip
JUSTEXT_FALLBACK = "English"

# characters lxml cannot hold (XML 1.0): they become spaces before parsing
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_WS = re.compile(r"\s+")


def justext_stoplist_name(lang: str | None) -> str:
    """The jusText stoplist for an ISO 639-1 code (``zh-Hant`` -> ``zh``), else English."""
    code = (lang or "").split("-")[0].lower()
    return JUSTEXT_STOPLISTS.get(code, JUSTEXT_FALLBACK)


@lru_cache(maxsize=16)
def _stoplist(name: str) -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist(name))


def _norm(s: str) -> str:
    return _WS.sub(" ", _NOT_XML.sub(" ", s)).strip()


class JusTextBaseline:
    """jusText's paragraph classifier, default settings, one ``<p>`` per input line.

    ``language`` fixes the stoplist (a jusText name such as "English"); ``scan_batch`` also takes
    per-text ISO codes (``langs``), which win over it.
    """

    label = "boilerplate"

    def __init__(self, language: str = JUSTEXT_FALLBACK) -> None:
        try:
            import justext  # noqa: F401
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError(
                f"the jusText baseline needs justext ({exc}); pip install -e '.[baselines]'"
            ) from exc
        self.language = language

    def scan(self, text: str, explain: bool = False, stoplist: str | None = None) -> list[Flag]:
        import justext

        spans = _line_spans(text)
        normed = [_norm(text[a:b]) for a, b in spans]
        keep = [False] * len(spans)
        why = ["not returned by jusText"] * len(spans)
        body = "".join(f"<p>{html.escape(n, quote=False)}</p>\n" for n in normed if n)
        if body:
            paragraphs = justext.justext(
                f"<html><body>\n{body}</body></html>", _stoplist(stoplist or self.language)
            )
            # jusText yields one paragraph per non-blank <p>, in order; match by text anyway
            order = [i for i, n in enumerate(normed) if n]
            j = 0
            for par in paragraphs:
                ptext = _norm(par.text)
                k = j
                while k < len(order) and normed[order[k]] != ptext:
                    k += 1
                if k == len(order):  # not found: leave it unmatched, keep the cursor
                    continue
                i = order[k]
                keep[i] = not par.is_boilerplate
                why[i] = f"jusText {par.class_type} (context-free {par.cf_class})"
                j = k + 1
        return [
            Flag(a, b, self.label, 1.0, reason=why[i] if explain else "")
            for i, (a, b) in enumerate(spans)
            if not keep[i] and b > a
        ]

    def scan_batch(
        self, texts: list[str], explain: bool = False, langs: Sequence[str] | None = None
    ) -> list[list[Flag]]:
        names = (
            [justext_stoplist_name(lang) for lang in langs]
            if langs is not None
            else [self.language] * len(texts)
        )
        return [self.scan(t, explain, name) for t, name in zip(texts, names, strict=True)]


def make_baseline(name: str) -> C4LineRules | JusTextBaseline:
    """A baseline by its CLI name (``c4`` or ``justext``)."""
    if name == "c4":
        return C4LineRules()
    if name == "justext":
        return JusTextBaseline()
    raise ValueError(f"unknown baseline {name!r}; choose from {', '.join(BASELINES)}")


def page_scanner(baseline, pages: Sequence) -> Callable[[list[str]], list[list[Flag]]]:
    """``scan_batch`` for ``evaluate(pages, ...)`` that hands jusText each page's language.

    ``evaluate`` passes the pages' texts in order, batch by batch; this walks ``pages`` alongside
    and checks that the texts match, so a language can never be paired with the wrong page.
    """
    if not isinstance(baseline, JusTextBaseline):
        return lambda texts: baseline.scan_batch(texts)
    cursor = iter(pages)

    def scan(texts: list[str]) -> list[list[Flag]]:
        langs = []
        for t in texts:
            page = next(cursor)
            if page.scanned_text != t:  # what ``evaluate`` hands over
                raise RuntimeError(f"page {page.id}: texts out of order")
            langs.append(page.lang)
        return baseline.scan_batch(texts, langs=langs)

    return scan
