"""The peers (C4 line rules, jusText) flag what they would drop, with exact whole-line offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("datatrove")
pytest.importorskip("justext")

from datatrove.pipeline.filters import C4QualityFilter  # noqa: E402

from pagesieve.baselines import (  # noqa: E402
    C4LineRules,
    JusTextBaseline,
    c4_matches_datatrove,
    justext_stoplist_name,
    page_scanner,
)
from pagesieve.cli import main  # noqa: E402
from pagesieve.corpus import LabeledPage, read_labeled  # noqa: E402
from pagesieve.evaluate import evaluate  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"

NAV_LINES = [
    "Home",
    "News",
    "Sport",
    "Contact Us",
    "Council approves new cycle lanes on the harbour road",
    "The city council voted on Tuesday to build two kilometres of protected cycle lanes along "
    "the harbour road, a project that residents have asked for since the last resurfacing of the "
    "street in 2019. Work is due to start in the spring and should take about four months.",
    "Officials said the lanes would be separated from traffic by a low kerb and that the parking "
    "spaces lost on the west side would be replaced by a new car park behind the market hall. "
    "Shop owners had worried that the works would keep customers away during the summer season.",
    '"We listened to everyone who wrote to us," the mayor said after the vote. "The plan we '
    'approved today is not the one we started with, and it is better for that."',
    "This site uses cookies to improve your experience.",
    "Please enable Javascript to watch this video.",
    "Share on Twitter",
    "Related: Harbour market to open on Sundays",
    "Copyright 2024 Harbour Gazette. All rights reserved.",
]
NAV_PAGE = "\n".join(NAV_LINES)
PROSE_PAGE = "\n".join(
    NAV_LINES[5:8]
    + [
        "The first section, between the ferry terminal and the old lighthouse, will open in June. "
        "The rest of the route is expected to follow by the end of the summer, weather permitting."
    ]
)


def flagged_lines(text: str, flags) -> list[str]:
    """The text each flag covers, after checking it is exactly one whole line."""
    lines = text.split("\n")
    out = []
    for f in flags:
        piece = text[f.start : f.end]
        assert piece in lines, f"flag {f} is not a whole line: {piece!r}"
        assert f.start == 0 or text[f.start - 1] == "\n"
        assert f.end == len(text) or text[f.end] == "\n"
        assert f.score == 1.0
        out.append(piece)
    return out


# --- C4 -------------------------------------------------------------------------------------


def test_c4_flags_navigation_policy_and_javascript_lines_and_keeps_prose():
    flags = C4LineRules().scan(NAV_PAGE, explain=True)
    got = dict(zip(flagged_lines(NAV_PAGE, flags), (f.reason for f in flags)))
    assert got == {
        "Home": "C4 line rule: no_terminal_punc",
        "News": "C4 line rule: no_terminal_punc",
        "Sport": "C4 line rule: no_terminal_punc",
        "Contact Us": "C4 line rule: no_terminal_punc",
        NAV_LINES[4]: "C4 line rule: no_terminal_punc",  # the headline: C4 drops it too
        "This site uses cookies to improve your experience.": "C4 line rule: policy",
        "Please enable Javascript to watch this video.": "C4 line rule: javascript",
        "Share on Twitter": "C4 line rule: no_terminal_punc",
        "Related: Harbour market to open on Sundays": "C4 line rule: no_terminal_punc",
    }
    # a copyright line that ends in a full stop and has 3+ words passes C4's rules
    assert NAV_LINES[-1] not in got


def test_c4_flags_nothing_on_clean_prose():
    assert C4LineRules().scan(PROSE_PAGE) == []


def test_c4_page_rules_flag_every_line():
    c4 = C4LineRules()
    short = "One sentence here is fine.\nMenu"
    assert flagged_lines(short, c4.scan(short)) == ["One sentence here is fine.", "Menu"]
    assert {f.reason for f in c4.scan(short, explain=True)} == {"C4 page rule: too_few_sentences"}
    curly = PROSE_PAGE + "\nThe template said {title} here, oddly enough."
    flags = c4.scan(curly, explain=True)
    assert len(flags) == len(curly.split("\n"))
    assert {f.reason for f in flags} == {"C4 page rule: curly_bracket"}
    # a curly bracket on a line already dropped (no terminal punctuation) does not drop the page
    assert flagged_lines(PROSE_PAGE + "\n{menu}", c4.scan(PROSE_PAGE + "\n{menu}")) == ["{menu}"]


class _Recording(C4QualityFilter):
    """datatrove's filter, recording its own per-line decision (the stat it counts per line)."""

    def __init__(self) -> None:
        super().__init__(split_paragraph=True)
        self.decisions: list[str] = []

    def stat_update(self, *labels, value: int = 1, unit: str | None = None) -> None:
        self.decisions += [x for x in labels if x.startswith("line-") and x != "line-total"]


def _datatrove_lines(text: str) -> tuple[list[str], object]:
    from datatrove.data import Document

    filt = _Recording()
    verdict = filt.filter(Document(text=text, id="t"))
    return filt.decisions, verdict


EDGE_PAGES = [
    NAV_PAGE,
    PROSE_PAGE,
    PROSE_PAGE + "\nLorem ipsum dolor sit amet, consectetur adipiscing elit.",
    PROSE_PAGE + "\r\nA line after a Windows break ends here.\u2028And one after U+2028 ends.",
    PROSE_PAGE + "\nIt was cited twice in the report.[1][citation needed]",
    PROSE_PAGE + "\nAnd then the story trailed off...\n   Padded line with three words.   ",
    PROSE_PAGE + "\nRead our privacy policy before you comment.\n" + "x" * 1001 + " too long.",
]


def test_c4_mirror_agrees_with_datatrove_line_by_line():
    pages = [json.loads(line)["text"] for line in (SAMPLES / "pages.jsonl").open()]
    assert len(pages) >= 10
    mirror = C4LineRules()
    names = {"": "line-kept", "too_long_word": "line-filter-too_long_word"}
    for text in pages + EDGE_PAGES:
        decisions, page_reason, _ = mirror.judge(text)
        ours = [names.get(why, f"line-filter-{why}") for _, _, why in decisions]
        if page_reason in ("lorem_ipsum", "curly_bracket"):
            ours.append(f"page:{page_reason}")
        theirs, verdict = _datatrove_lines(text)
        if verdict is not True and verdict[1] in ("lorem_ipsum", "curly_bracket"):
            theirs.append(f"page:{verdict[1]}")
        assert ours == theirs, text[:60]
        assert c4_matches_datatrove(text, mirror, C4QualityFilter())
    # the samples exercise kept pages, dropped lines and dropped pages alike
    verdicts = [mirror.judge(t)[1] for t in pages + EDGE_PAGES]
    assert "" in verdicts and "too_few_sentences" in verdicts and "lorem_ipsum" in verdicts


# --- jusText --------------------------------------------------------------------------------


def test_justext_flags_navigation_and_keeps_prose():
    flags = JusTextBaseline().scan(NAV_PAGE, explain=True)
    got = flagged_lines(NAV_PAGE, flags)
    # everything but the three long, stopword-rich paragraphs is boilerplate to jusText
    assert got == NAV_LINES[:5] + NAV_LINES[8:]
    assert all(f.reason.startswith("jusText bad") for f in flags)
    assert JusTextBaseline().scan(PROSE_PAGE) == []


def test_justext_maps_paragraphs_back_to_lines_robustly():
    prose = NAV_LINES[5]
    lines = [
        "Home",
        "  <b>Menu</b> &amp;   more\t",  # markup-looking text and odd whitespace, escaped
        prose,
        "Home",  # a repeated line: short between good paragraphs, so jusText keeps it
        "",  # an empty line
        "bad\x00control\x1fchars here",  # characters lxml refuses
        prose.replace(" ", "  "),  # the same prose with doubled spaces
        "Home",  # the repeated line again, now in a trailing menu: boilerplate
        "Contact Us",
        "Share on Twitter",
    ]
    text = "\n".join(lines)
    flags = JusTextBaseline().scan(text, explain=True)
    assert flagged_lines(text, flags) == [
        "Home",
        lines[1],
        "Home",
        "Contact Us",
        "Share on Twitter",
    ]
    # the right "Home" each time: the first and the one in the trailing menu
    assert [f.start for f in flags if text[f.start : f.end] == "Home"] == [
        0,
        len("\n".join(lines[:7])) + 1,
    ]
    # every flagged line was matched to a jusText paragraph (none fell through the mapping)
    assert all(f.reason.startswith("jusText bad") for f in flags)


def test_justext_uses_the_page_language_stoplist():
    assert justext_stoplist_name("de") == "German"
    assert justext_stoplist_name("en") == "English"
    assert justext_stoplist_name("zh") == justext_stoplist_name("zh-Hant") == "English"
    de = (
        "Der Stadtrat hat am Dienstag beschlossen, entlang der Hafenstraße zwei Kilometer "
        "geschützte Radwege zu bauen, die sich die Anwohner seit der letzten Sanierung der "
        "Straße gewünscht haben. Die Arbeiten sollen im Frühjahr beginnen und etwa vier Monate "
        "dauern, wie die Verwaltung mitteilte."
    )
    page = LabeledPage("p", "s", "de", [de], [0], ["article"])
    jt = JusTextBaseline()
    assert jt.scan(de) != []  # English stopwords: too few in German prose
    assert page_scanner(jt, [page])([de]) == [[]]  # German stoplist: kept
    assert jt.scan_batch([de], langs=["de"]) == [[]]


def test_page_scanner_refuses_texts_out_of_order():
    a = LabeledPage("a", "s", "en", ["one"], [0], ["article"])
    b = LabeledPage("b", "s", "en", ["two"], [0], ["article"])
    scan = page_scanner(JusTextBaseline(), [a, b])
    with pytest.raises(RuntimeError, match="out of order"):
        scan(["two"])


# --- through the evaluator and the CLI -------------------------------------------------------


def test_eval_cli_scores_a_baseline_exactly_as_the_evaluator(tmp_path):
    labeled = SAMPLES / "pages.labeled.jsonl"
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        main, ["eval", str(labeled), "--baseline", "c4", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "baseline c4" in result.output and "recall by kind" in result.output
    report = json.loads(out.read_text())[str(labeled)]
    pages = list(read_labeled(labeled))
    expected = evaluate(pages, C4LineRules().scan_batch).to_dict()
    assert report == json.loads(json.dumps(expected))
    # C4 drops the short navigation lines, and the Chinese sample pages whole
    assert report["recall_by_kind"]["navigation"]["recall"] > 0.9
    assert report["by_lang"]["zh"]["article_flagged"] == 1.0
    assert report["by_lang"]["en"]["article_flagged"] < 0.5


def test_eval_cli_baseline_excludes_model_and_threshold():
    labeled = str(SAMPLES / "pages.labeled.jsonl")
    for extra in (["--threshold", "0.5"], ["--model", labeled]):
        result = CliRunner().invoke(main, ["eval", labeled, "--baseline", "justext", *extra])
        assert result.exit_code == 2
        assert "cannot be combined" in result.output


def test_page_scanner_pairs_a_page_whose_paragraph_holds_a_line_break():
    """``evaluate`` hands over the paragraphs as given (``scanned_text``): a paragraph holding
    a line break was called out of order, and the run stopped."""
    page = LabeledPage(
        "a", "s", "en", ["one two", "three"], [0, 1], ["article", "boilerplate"],
        raw_paragraphs=["one\ntwo", "three"],
    )  # fmt: skip
    report = evaluate([page], page_scanner(JusTextBaseline(), [page]))
    assert report.pages == 1
