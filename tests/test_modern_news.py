"""The English news pages of today's sites written for the project (``data/modern_news``)."""

from __future__ import annotations

import numpy as np
import pytest
from labeled_sets import flag_row, read_written_set

from pagesieve.corpus import read_labeled
from pagesieve.line_rules import rule_lines
from pagesieve.written_pages import MODERN_NEWS_TEST_PAGES

DATA = MODERN_NEWS_TEST_PAGES.parent
RULES = ("furniture_line", "related_list", "tag_line")


@pytest.mark.parametrize(
    "name, pages",
    [
        ("calibration", 32),
        ("train_a", 40),
        ("test", 32),
        ("holdout", 30),
        ("holdout2", 30),
        ("holdout3", 30),
        ("audit_a", 30),
        ("audit_b", 30),
        ("audit_c", 36),
        ("audit_d", 40),
    ],
)
def test_each_page_is_labeled_line_by_line(name, pages):
    read_written_set(DATA / f"{name}.jsonl", pages)


def _lines_ruled(detector, pages) -> dict[int, int]:
    """How many lines of each label (0 article, 1 noise) the line rules flag on ``pages``."""
    texts = ["\n".join(p.paragraphs) for p in pages]
    ruled = {0: 0, 1: 0}
    for page, flags in zip(pages, detector.scan_batch(texts, explain=True)):
        for flag in flags:
            if any(rule in flag.reason for rule in RULES):
                ruled[page.labels[flag_row(page, flag.start)]] += 1
    return ruled


def test_the_line_rules_flag_furniture_of_the_test_pages_and_no_article_line(detector):
    """Cookie banners, newsletter boxes, ``READ MORE:`` lines, footer links: the rules written
    against the calibration pages flag such lines of pages they never read, and at most one
    line of an article: session 36's model lets through one article line that it flagged before
    and a rule flags now (the test pages are not read, so the line is not known)."""
    pages = list(read_labeled(MODERN_NEWS_TEST_PAGES))
    ruled = _lines_ruled(detector, pages)
    assert ruled[0] <= 1 and ruled[1] >= 40, ruled


@pytest.mark.parametrize(
    "name, noise, article, added", [("audit_c", 390, 2, 60), ("audit_d", 330, 1, 50)]
)
def test_the_line_rules_on_pages_written_blind_to_them(detector, name, noise, article, added):
    """Session 39's audits of the line rules: pages of today's sites written by helpers who saw
    neither the rules nor the project's pages (``data/modern_news/README.md``). The rules flag
    furniture there and nearly no article line (``Home`` over a paragraph about a front page,
    and ``Sign in`` over one about signing in). Read on every line, as if the model had flagged
    none, they take 399 and 342 noise lines; what they add in a scan is what the model leaves
    them (100 and 80 with sessions 39 to 44's model, 98 and 77 with session 45's)."""
    pages = list(read_labeled(DATA / f"{name}.jsonl"))
    scores = detector.score_batch(["\n".join(p.paragraphs) for p in pages])
    labels = np.array([label for p in pages for label in p.labels])
    rows, _ = rule_lines(scores, np.zeros(len(labels), dtype=bool), detector.threshold)
    assert labels[rows].sum() >= noise and (labels[rows] == 0).sum() <= article
    ruled = _lines_ruled(detector, pages)
    assert ruled[0] <= article and ruled[1] >= added, ruled


def test_a_cookie_banner_is_flagged_at_the_top_of_a_page_and_past_300_characters(detector):
    """A crawl often opens with the banner: its heading is the page's first line, which no
    other line rule reads, and its sentence of partners and cookies runs long."""
    from pagesieve.line_rules import FURNITURE_LINE_SCORE

    banner = [
        "We value your privacy",
        "We and our 842 partners store and/or access information on a device, such as unique IDs "
        "in cookies, to process personal data. You may accept or manage your choices by clicking "
        "below, including your right to object where legitimate interest is used, or at any time "
        "in the privacy policy page. These choices will be signalled to our partners and will not "
        "affect browsing data.",
    ]
    article = [
        "Harbour town votes to keep its ferry",
        "Residents of Port Ellis voted on Saturday to keep the town's ferry running for another "
        "five years, after a campaign that split the harbour community.",
        "The council had proposed replacing the service with a bus link over the new bridge.",
    ]
    text = "\n".join(banner + article)
    flagged = [text[f.start : f.end] for f in detector.scan(text) if f.label == "boilerplate"]
    assert flagged == banner
    assert all(
        f.score == FURNITURE_LINE_SCORE
        for f in detector.scan(text)
        if text[f.start : f.end] in banner
    )
    # a paragraph that quotes such a banner further in is the article's
    quoted = "\n".join(
        article
        + [
            "Regulators said the notices confuse readers. One site's banner, which began \"we use "
            'cookies", listed 842 partners; the watchdog said most people click accept without '
            "reading further, and that the choices offered were rarely clear about what each of "
            "those partners did with the data it gathered from visitors to the site over time."
        ]
    )
    assert not any(f.label == "boilerplate" for f in detector.scan(quoted))


_HARBOUR_ARTICLE = [
    "Harbour town votes to keep its ferry",
    "Residents of Port Ellis voted on Saturday to keep the town's ferry running for another "
    "five years, after a campaign that split the harbour community.",
    "The council had proposed replacing the service with a bus link over the new bridge.",
]


@pytest.mark.parametrize(
    "banner",
    [
        "We use cookies to improve your experience, analyse traffic and personalise ads. You can "
        "change your choices at any time.",
        "By using this site, you agree to our use of cookies.",
        "This site uses cookies. By continuing to use this website, you agree to their use.",
        "Cookie notice: we use cookies to improve your experience.",
        "Cookies help us deliver our services. By using our services, you agree to our use of "
        "cookies.",
        "By clicking “Accept All Cookies”, you agree to the storing of cookies on your device.",
        "Accept all cookies",
        "Wir verwenden Cookies, um Inhalte zu personalisieren und Zugriffe zu analysieren.",
        "Ce site utilise des cookies pour mesurer son audience.",
        "Utilizamos cookies propias y de terceros para mejorar nuestros servicios.",
        "Korzystamy z plików cookies. Dalsze korzystanie z serwisu oznacza zgodę.",
        "Мы используем файлы cookie, чтобы сайт работал лучше.",
    ],
)
def test_a_cookie_banners_sentence_opening_a_page_is_flagged(detector, banner):
    """The first line of a page is its title to every other line rule; a banner in the site's
    voice that opens a crawl's text is not (its English sentence with what banners go on to say:
    experience, traffic, agree, accept; or as other languages' sites word it)."""
    from pagesieve.line_rules import FURNITURE_LINE_SCORE

    text = "\n".join([banner, *_HARBOUR_ARTICLE])
    hit = [f for f in detector.scan(text) if f.start == 0]
    assert len(hit) == 1 and hit[0].end == len(banner), hit
    assert hit[0].label == "boilerplate" and hit[0].score >= FURNITURE_LINE_SCORE


@pytest.mark.parametrize(
    "title",
    [
        "Cookies: regulator fines three sites over banners that hid the reject button",
        "We use cookies less than other councils, the clerk said",
        "Cookie policy changes: what readers need to know",
    ],
)
def test_a_title_about_cookies_is_not_a_banner(detector, title):
    text = "\n".join([title, *_HARBOUR_ARTICLE[1:]])
    assert not any(f.start == 0 and f.label == "boilerplate" for f in detector.scan(text))


@pytest.mark.parametrize(
    ("first", "label"),
    [
        ("Skip to main content", "navigation"),
        ("Home | News | Sport | Business", "navigation"),
        ("Sign in", "navigation"),
        ("Advertisement", "ad"),
    ],
)
def test_furniture_opening_a_page_is_flagged(detector, first, label):
    """A crawl's text often opens with a skip link or a menu; the first line is the page's title
    to the other line rules, not to the furniture's."""
    from pagesieve.line_rules import FURNITURE_LINE_SCORE

    text = "\n".join([first, *_HARBOUR_ARTICLE])
    hit = [f for f in detector.scan(text) if f.start == 0]
    assert len(hit) == 1 and hit[0].end == len(first), hit
    assert hit[0].label == label and hit[0].score >= FURNITURE_LINE_SCORE


def test_a_sites_cookie_policy_in_its_own_voice_stays(detector):
    """A cookie policy says what a banner says (``We use cookies to …, if you agree, …``) in
    sentences among others about cookies, under a title a footer's link would read as
    (``Cookie policy``): the page is the article."""
    page = [
        "Cookie policy",
        "Last updated: 1 March 2024",
        "This policy explains how the Riverton Courier uses cookies on its website and how you "
        "can control them.",
        "How we use cookies",
        "We use cookies to keep you signed in and, if you agree, to count visits to our pages.",
        "Strictly necessary cookies are needed for the site to work and cannot be switched off.",
        "You can change your choices at any time from the link at the foot of every page.",
    ]
    text = "\n".join(page)
    flagged = {text[f.start : f.end] for f in detector.scan(text)}
    assert not flagged & {page[0], page[4]}, flagged


def test_a_link_word_titling_a_page_about_it_stays(detector):
    """``Home`` over a sentence on home prices is the page's title, first line or not."""
    text = "\n".join(
        [
            "Home",
            "Home prices in the city rose by a fifth last year, and the council says new homes "
            "are the answer.",
            *_HARBOUR_ARTICLE[1:],
        ]
    )
    assert not any(f.start == 0 for f in detector.scan(text))


def test_a_table_header_in_bars_is_not_a_menu(detector):
    """``Pos | Team | P | W | Pts`` reads as a menu on one line, but the rows under it hold as
    many bars and are no menu: the table's header stays, a menu over a second row of links is
    flagged."""
    from pagesieve.line_rules import FURNITURE_LINE_SCORE

    article = [
        "Rangers go top after a late winner",
        "Rangers went top of the league on Saturday after a stoppage-time winner against the "
        "champions, their seventh win in ten matches this season.",
        "The coach said the squad had earned its place but warned that the run-in was long.",
    ]
    table = ["Pos | Team | P | W | D | L | Pts", "1 | Nairobi Rangers | 10 | 7 | 2 | 1 | 23"]
    menus = [
        "News | Sport | Business | Culture | Opinion",
        "About | Contact | Careers | Privacy | Terms",
    ]
    text = "\n".join([*article[:2], *table, *article[2:], *menus])
    # the rule reads the lines the model keeps: at its own score as the threshold, all of them
    threshold, detector.threshold = detector.threshold, FURNITURE_LINE_SCORE
    try:
        flags = detector.scan(text)
    finally:
        detector.threshold = threshold
    flagged = {text[f.start : f.end] for f in flags if f.score == FURNITURE_LINE_SCORE}
    assert table[0] not in flagged and menus[0] in flagged


def test_an_affiliate_disclosure_in_a_review_is_flagged_and_the_article_kept(detector):
    """The disclosure reads as a sentence of the article, and between its paragraphs the model
    keeps it: the rule flags it as boilerplate, and nothing of the article."""
    from ferry_article import ARTICLE, with_line

    from pagesieve.line_rules import FURNITURE_LINE_SCORE

    line = "We may earn a commission when you buy through links on our site."
    text = with_line(2, line)
    flags = detector.scan(text)
    assert [(text[f.start : f.end], f.label, f.score) for f in flags] == [
        (line, "boilerplate", FURNITURE_LINE_SCORE)
    ]
    assert detector.scan("\n".join(ARTICLE)) == []


def test_a_donate_button_is_flagged_and_a_heading_the_next_line_explains_is_kept(detector):
    """``Donate`` alone is a newsroom's button; as an article's heading, the sentence under it
    takes the word up (a story about fundraising pages), and the line stays."""
    from ferry_article import ARTICLE, with_line

    button = with_line(3, "Donate")
    assert [button[f.start : f.end] for f in detector.scan(button)] == ["Donate"]
    heading = "\n".join(
        [
            *ARTICLE[:3],
            "Donate",
            "For donors, the campaign page comes down to one word: the green Donate button was "
            "clicked 214 times in the first month.",
            *ARTICLE[3:],
        ]
    )
    assert detector.scan(heading) == []


SHARED_STORY = [
    "Ferry timetable changes from Monday",
    "By Ana Ruiz",
    "Facebook",
    "X",
    "Email",
    "The island ferry will leave the harbour twenty minutes earlier on weekdays from Monday, the "
    "operator said, to meet the first train to the city.",
    "Facebook",
    "The operator's page on the network carries the new timetable, and paper copies are at the "
    "terminal.",
]


def test_a_share_bar_written_one_item_a_line_is_a_bar_and_one_name_alone_is_not():
    """``share_bar_rows``: two items of a share bar together are a bar (flagged or not, the
    neighbour counts); one site's name alone heads a paragraph about it."""
    from pagesieve.line_rules import share_bar_rows
    from pagesieve.segment import segment_batch

    seg = segment_batch(["\n".join(SHARED_STORY)])
    searched = np.ones(len(seg), dtype=bool)
    assert share_bar_rows(seg, searched).tolist() == [2, 3, 4]
    searched[3] = False  # flagged already: still an item beside the others
    assert share_bar_rows(seg, searched).tolist() == [2, 4]
    # items on two pages side by side are no bar
    seg = segment_batch(["Story one\nFacebook", "X\nStory two"])
    assert share_bar_rows(seg, np.ones(len(seg), dtype=bool)).tolist() == []


def test_the_detector_flags_a_share_bar_one_item_a_line_and_keeps_the_story(detector):
    text = "\n".join(SHARED_STORY)
    flags = detector.scan(text, explain=True)
    lines = {text[f.start : f.end]: f for f in flags}
    assert {"Facebook", "X", "Email"} <= set(lines)
    assert all(lines[item].label == "navigation" for item in ("Facebook", "X", "Email"))
    starts = np.cumsum([0] + [len(p) + 1 for p in SHARED_STORY[:-1]])
    flagged_rows = {int(np.searchsorted(starts, f.start, "right") - 1) for f in flags}
    assert flagged_rows == {2, 3, 4}  # the headline, byline, story and the heading stay


def test_the_line_rules_on_a_blind_audit_of_page_openings(detector):
    """Session 61's audit of how pages start (``data/en_web/audit_openings.jsonl``: 18 pages that
    open with furniture, 12 with their own title and article lines in furniture's words). Read
    on every line, as if the model had flagged none, the rules take 180 of its noise lines and 8
    article lines (154 and 7 before the session's rules on first lines, cookie banners and
    search boxes)."""
    pages = read_written_set(DATA.parent / "en_web" / "audit_openings.jsonl", 30)
    assert sum(p.labels[0] for p in pages) >= 18  # the pages that open with furniture
    scores = detector.score_batch(["\n".join(p.paragraphs) for p in pages])
    labels = np.array([label for p in pages for label in p.labels])
    rows, _ = rule_lines(scores, np.zeros(len(labels), dtype=bool), detector.threshold)
    assert labels[rows].sum() >= 170 and (labels[rows] == 0).sum() <= 8
