"""English articles copied by spam sites, with injections, written for the project (``data/en_spam``)."""

from __future__ import annotations

import numpy as np
import pytest
from ferry_article import ARTICLE
from ferry_article import with_line as _with_line
from ferry_article import with_paragraph as _with_paragraph
from labeled_sets import flag_row, read_written_set

from pagesieve.ad_leads import consumer_ad_lines
from pagesieve.corpus import read_labeled
from pagesieve.evaluate import evaluate
from pagesieve.segment import segment_paragraph_lists
from pagesieve.written_pages import EN_SPAM_TEST_PAGES

DATA = EN_SPAM_TEST_PAGES.parent


@pytest.mark.parametrize(
    "name, pages",
    [
        ("calibration", 24),
        ("calibration2", 30),
        ("train_a", 40),
        ("train_b", 40),
        ("test", 24),
        ("holdout", 24),
        ("holdout2", 24),
    ],
)
def test_each_page_is_labeled_line_by_line_with_its_spliced_phrases(name, pages):
    pages = read_written_set(DATA / f"{name}.jsonl", pages)
    assert sum(len(p.spans) for p in pages) >= 10


@pytest.mark.parametrize(
    "name, pages, clean, noise, no_ad",
    [
        ("audit_ads_a", 40, 3, 93, 8),
        ("audit_ads_b", 36, 8, 60, 8),
        ("audit_ads_c", 36, 3, 174, 5),
    ],
)
def test_the_ad_audits_are_labeled_line_by_line(name, pages, clean, noise, no_ad):
    """The audits of makers' ads put into copied articles of sessions 40 and 42
    (``data/en_spam/README.md``): written blind, English and Chinese, some pages about companies
    and products without an ad."""
    read = read_written_set(DATA / f"{name}.jsonl", pages, clean)
    assert {p.lang for p in read} == {"en", "zh"}
    assert sum(sum(p.labels) for p in read) == noise
    assert sum(k == "ad" for p in read for k in p.kinds) >= 60
    assert sum("ad" not in p.kinds for p in read) == no_ad


@pytest.mark.parametrize(
    "name, pages, clean, ads",
    [
        ("audit_makers_a_hijacked", 24, 0, 60),
        ("audit_makers_a_lawful", 16, 13, 0),
        ("audit_makers_b_hijacked", 24, 0, 59),
        ("audit_makers_b_lawful", 16, 12, 0),
        ("audit_makers_c_hijacked", 16, 0, 43),
        ("audit_makers_c_lawful", 24, 0, 0),
    ],
)
def test_the_exporter_ad_audits_are_labeled_line_by_line(name, pages, clean, ads):
    """Session 58's three audits (``data/en_spam/README.md``): exporters' ads put into English
    articles, and pages that name makers in their registered form without an ad (their own
    sites among them), each written blind to the code and to the others."""
    read = read_written_set(DATA / f"{name}.jsonl", pages, clean)
    assert {p.lang for p in read} == {"en"}
    assert sum(k == "ad" for p in read for k in p.kinds) == ads


def test_a_makers_own_site_keeps_most_of_its_content(detector):
    """The third audit's lawful half: 18 pages of manufacturers' own sites (about, product,
    contact, FAQ, certificates pages) and 6 pages that name makers. The model reads their
    headings (``About Us``, ``FAQ``) as menus and their contact lines as an ad's; session 58
    measured 22 of their 227 content lines flagged. Pinned so that a change that eats more of
    a maker's own page is seen."""
    pages = list(read_labeled(DATA / "audit_makers_c_lawful.jsonl"))
    counts = evaluate(pages, detector.scan_batch).overall
    assert counts.fp + counts.tn == 227
    assert counts.fp <= 24


def test_the_consumer_ad_audit_is_labeled_line_by_line():
    """Session 43's audit (``data/en_spam/README.md``): consumer ads put into English articles,
    written blind to the code and every page, and pages that talk about prices and offers
    without an ad."""
    read = read_written_set(DATA / "audit_ads_d.jsonl", 40, 6)
    assert {p.lang for p in read} == {"en"}
    assert sum(k == "ad" for p in read for k in p.kinds) == 65
    assert sum("ad" not in p.kinds for p in read) == 12


def test_the_consumer_ad_rule_adds_ads_and_no_article_line(detector):
    """Written after the rule's settings were fixed: what it takes there are ads, and the pages
    about deals, loans and casinos without an ad keep every line. How many lines the rule adds
    in a scan is what the model leaves it (4 with session 43's model, 3 with a model that flags
    a fourth itself), so the rule is also read on every line as if the model had flagged none:
    it then takes 8 or more lines (10 and 11 with those two models), each one an ad."""
    pages = list(read_labeled(DATA / "audit_ads_d.jsonl"))
    seg = segment_paragraph_lists([p.paragraphs for p in pages])
    kinds_of = [k for p in pages for k in p.kinds]
    p_noise = detector.score_segments(seg).p_noise
    taken = consumer_ad_lines(seg, np.zeros(len(seg), dtype=bool), p_noise)
    assert len(taken) >= 8 and {kinds_of[r] for r in taken.tolist()} == {"ad"}, taken
    kinds: list[str] = []
    for page, flags in zip(pages, detector.scan_batch([p.text for p in pages], explain=True)):
        kinds += [
            page.kinds[flag_row(page, f.start)]
            for f in flags
            if "matched consumer_ad_line" in f.reason
        ]
    assert kinds and set(kinds) == {"ad"}, kinds
    no_ad = [p for p in pages if "ad" not in p.kinds]
    report = evaluate(no_ad, detector.scan_batch).to_dict()["overall"]
    assert report["article_flagged"] <= 0.01, report


def test_the_ad_lines_that_the_ad_rules_add_are_the_ads(detector):
    """Session 42's audit, written blind after the rules for an ad's lines were fixed: the rules
    add ad lines (a maker's blurb, a product line) and no article line. How many they add is
    what the model leaves them (5 or more each with session 42's model; a model that flags one
    of those ad lines itself leaves the rule 4), hence the floor of 3."""
    pages = list(read_labeled(DATA / "audit_ads_c.jsonl"))
    added: dict[str, list[str]] = {"ad_block_lead": [], "foreign_ad_line": []}
    for page, flags in zip(pages, detector.scan_batch([p.text for p in pages], explain=True)):
        for rule, kinds in added.items():
            kinds += [
                page.kinds[flag_row(page, f.start)] for f in flags if f"matched {rule}" in f.reason
            ]
    for rule, kinds in added.items():
        assert len(kinds) >= 3 and set(kinds) == {"ad"}, (rule, kinds)


def test_articles_about_companies_and_products_keep_their_lines_beside_an_ad(detector):
    """The English pages of the ad audits: no article line flagged, on the clean pages about
    factories, suppliers and products and on those the ads were put into (the long blurbs
    themselves are a known gap, ``bench/README.md``, session 40)."""
    for name in ("audit_ads_a", "audit_ads_b"):
        pages = [p for p in read_labeled(DATA / f"{name}.jsonl") if p.lang == "en"]
        report = evaluate(pages, detector.scan_batch).to_dict()["overall"]
        assert report["article_flagged"] == 0.0, name
        assert report["precision"] >= 0.95 and report["recall"] >= 0.4, (name, report)


def test_a_related_link_glued_between_two_sentences_is_flagged_alone(detector):
    """The span model looks for glued links where they open a paragraph; one put between two
    sentences, or at the paragraph's end, is the rule's, and the sentences around it stay."""
    from pagesieve.span_rules import INLINE_LINK_SCORE

    body = "The council approved the new cycle lanes on Tuesday after a long debate."
    link = "SEE ALSO: Five ways to cut your commute this winter"
    after = "Work is due to start in the spring, the mayor said."
    for paragraph, expected in (
        (f"{body}{link}{after[:1].upper()}{after[1:]}", link),
        (
            f"{body}READ MORE: Residents split over harbour bridge plan",
            "READ MORE: Residents split over harbour bridge plan",
        ),
        # a headline that asks ends at its question mark, the next sentence after a blank
        (
            f"{body}Read more: Are e-bikes worth the money? {after}",
            "Read more: Are e-bikes worth the money?",
        ),
    ):
        text = "\n".join(["Council backs cycle lanes", paragraph, after])
        hits = [f for f in detector.scan(text) if f.score == INLINE_LINK_SCORE]
        assert [text[f.start : f.end] for f in hits] == [expected], hits
        assert hits[0].label == "navigation"
    # a capital word after a sentence, not a link's label, is prose
    prose = "\n".join(
        ["Council backs cycle lanes", f"{body} MORE: than that, it was popular. {after}"]
    )
    assert not any(f.score == INLINE_LINK_SCORE for f in detector.scan(prose))


def test_a_notice_that_trades_links_is_a_link_notice(detector):
    """Two terms of link trade in a line make it a notice, whatever the page's topic; the model
    read such a notice in a page about ferries as article (0.86 and 0.51 on the calibration
    pages)."""
    from pagesieve.line_rules import LINK_TRADE_SCORE
    from pagesieve.patterns import link_trade_terms

    for notice in (
        "We accept link exchanges with sites of DA 30+ and sell dofollow backlinks. "
        "Email links@example.com",
        "Link exchange: PR3+ sites only. Send your anchor text via the contact page.",
    ):
        text = _with_line(3, notice)
        hits = [f for f in detector.scan(text) if text[f.start : f.end] == notice]
        # by the rule, or by the model (session 36's flags the first as an ad at 0.96: its terms
        # name the family)
        assert [f.label for f in hits] == ["link_notice"], notice
        assert hits[0].score >= min(LINK_TRADE_SCORE, detector.threshold)
    # the Chinese terms count the same (the model flags this one on its own)
    assert link_trade_terms("本站接受友情链接交换，要求权重≥2，收录正常。") == {
        "友情链接",
        "权重≥",
        "收录正常",
    }
    # weights and indexing in prose are not a site's
    assert not link_trade_terms("该模型的权重经过调整，论文已被期刊收录。")
    assert link_trade_terms("Guest posts and guest post ideas") == {"guestpost"}


def test_an_article_about_link_building_keeps_its_lines(detector):
    """An SEO article names the same terms in its prose: a heading or a short line of it that
    names two of them is the article's."""
    from pagesieve.line_rules import LINK_TRADE_SCORE

    page = "\n".join(
        [
            "How guest posting still helps small blogs",
            "Guest posting remains one of the most talked-about link building tactics, even as "
            "search engines have grown wary of paid links.",
            "Most editors now ask for original research, and a single dofollow link in the body is "
            "usually all a guest post earns.",
            "Link exchanges and guest posts: what still works",
            "The safest approach, experts say, is to write for sites your readers already visit, "
            "rather than chasing backlinks from sites with a high DA score.",
        ]
    )
    assert not any(f.score == LINK_TRADE_SCORE for f in detector.scan(page))


def test_a_chinese_article_about_link_exchange_keeps_its_advice(detector):
    """A Chinese SEO article's prose is shorter in characters than an English one's: its
    sentences about 友情链接 make the page one about link trade, so its advice list that names
    two terms a line is the article's; the same list on a page about something else is a
    notice."""
    from pagesieve.line_rules import LINK_TRADE_SCORE

    advice = [
        "不要与被降权的网站交换友情链接，反链质量比数量重要。",
        "不要购买所谓的高权重外链，百度权重只是第三方工具的估算值。",
    ]
    about = (
        "很多站长至今仍然把交换友情链接当作提升排名的主要手段，每天在各种群里找人互换，"
        "但搜索引擎的规则早已不是十年前的样子。"
    )
    intro = "结合几位做了多年网站运营的朋友的经验，我整理了几条建议："
    page = "\n".join(["友情链接还有用吗？", about, intro, *advice])
    assert not any(f.score == LINK_TRADE_SCORE for f in detector.scan(page))
    # the prose is what tells: without it the same lines are notices (by the rule or the model)
    page = "\n".join(["友情链接还有用吗？", intro, *advice])
    flagged = {page[f.start : f.end] for f in detector.scan(page)}
    assert set(advice) <= flagged


def test_a_news_sentence_about_selling_backlinks_is_no_notice(detector):
    """A story's sentence that names two terms of link trade, which the model reads as article
    with near certainty, is no notice; a notice the model half-suspects still is."""
    from pagesieve.line_rules import LINK_TRADE_SCORE

    story = (
        "Auditors found that an outside contractor had been selling backlinks on the district's "
        "domain, slipping guest posts about slot machines into an old archive of newsletters."
    )
    text = _with_line(3, story)
    assert not any(
        f.score == LINK_TRADE_SCORE and text[f.start : f.end] == story for f in detector.scan(text)
    )
    notice = "Link exchange: PR3+ sites only. Send your anchor text via the contact page."
    text = _with_line(3, notice)
    assert [f.label for f in detector.scan(text) if text[f.start : f.end] == notice] == [
        "link_notice"
    ]


def test_a_search_query_spliced_in_lower_case_is_flagged_alone(detector):
    """A query glued into a sentence by its comma, or run into the sentence's next word, is a
    span of its own; a list of the same words in prose, a blank on each side, is not."""
    from pagesieve.span_rules import SPLICED_QUERY_SCORE

    for paragraph, query in (
        (
            "Residents of Port Ellis voted on Saturday to keep the town's ferry running,cheap "
            "ferry tickets online for another five years.",
            "cheap ferry tickets online",
        ),
        (
            "The council had proposed replacing the service with a bus link, payday loans same day "
            "approvalwhich it said would cost less to run.",
            "payday loans same day approval",
        ),
        (
            "Ferries leave Port Ellis every hour, cheap hotels ellisand the crossing takes twenty "
            "minutes.",
            "cheap hotels ellis",
        ),
    ):
        text = _with_paragraph(2, paragraph)
        hits = [f for f in detector.scan(text) if f.score == SPLICED_QUERY_SCORE]
        assert [(text[f.start : f.end], f.label) for f in hits] == [(query, "keyword_injection")]
    prose = _with_paragraph(
        2, "The bank offers savings accounts, payday loans and credit cards, the council said."
    )
    assert not any(f.score == SPLICED_QUERY_SCORE for f in detector.scan(prose))


def test_a_template_variable_in_prose_is_flagged_unless_the_page_shows_templates(detector):
    """``{$title}`` left in a sentence is a CMS's unrendered variable; a tutorial that shows it
    as its example talks of templates and PHP, and keeps it."""
    from pagesieve.span_rules import CMS_TOKEN_SCORE

    text = _with_paragraph(
        2,
        "The council had proposed replacing the service with a bus link {$title} over the bridge.",
    )
    hits = [f for f in detector.scan(text) if f.score == CMS_TOKEN_SCORE]
    assert [(text[f.start : f.end], f.label) for f in hits] == [("{$title}", "placeholder")]
    tutorial = "\n".join(
        [
            "Printing variables in a Smarty template",
            "Smarty replaces each variable in curly braces with the value your PHP code gives it.",
            "So a heading written as {$title} shows whatever title the controller passed in, and "
            "{$author} the author's name.",
            "Assign them with $smarty->assign('title', $title) before you display the template.",
        ]
    )
    assert not any(f.label == "placeholder" for f in detector.scan(tutorial))
    # the other engines' variables, a PHP tag, spun text
    for token in (
        "{{ author.display_name }}",
        "<?php the_author(); ?>",
        "[CHILD_NAME]",
        "{ferry|boat|vessel}",
    ):
        text = _with_paragraph(
            2, f"The council had proposed replacing the {token} service with a bus link."
        )
        hits = [f for f in detector.scan(text) if f.score == CMS_TOKEN_SCORE]
        assert [text[f.start : f.end] for f in hits] == [token]
    jinja = "\n".join(
        [
            "Variables in Jinja templates",
            "Jinja prints a variable written between double braces, so {{ user.name }} becomes "
            "the name your view passes to the template.",
            "Filters change the value first: {{ title }} can be upper-cased with a filter.",
        ]
    )
    assert not any(f.score == CMS_TOKEN_SCORE for f in detector.scan(jinja))


def test_a_spam_query_put_into_a_page_on_another_topic_is_flagged_alone(detector):
    """A query on one of spam's own topics (betting, loans, replicas, ``near me``) after a
    sentence, in brackets, as a Title Case run or glued on: a span of its own (the spam-query
    rule's, or the query span model's, which may leave the brackets out)."""

    for paragraph, query in (
        (
            "The council had proposed replacing the service with a bus link over the new bridge. "
            "Best Online Casino Sites UK",
            "Best Online Casino Sites UK",
        ),
        (
            "The council had proposed replacing the service, sports betting tips today so the "
            "ferry would cost less.",
            "sports betting tips today",
        ),
        (
            "The council had proposed replacing the service (free spins no deposit casino) with "
            "a bus link.",
            "(free spins no deposit casino)",
        ),
        (
            "The council had proposed replacing the service.emergency plumber near me",
            "emergency plumber near me",
        ),
        # a topic word the model's vocabulary lacks: counted by its hash
        (
            "The council had proposed replacing the service.microsoft office 2021 crack keygen "
            "download",
            "microsoft office 2021 crack keygen download",
        ),
    ):
        text = _with_paragraph(2, paragraph)
        line = text.index(paragraph)
        hits = [
            (text[f.start : f.end].strip("()"), f.label)
            for f in detector.scan(text)
            if line <= f.start and f.end <= line + len(paragraph)
        ]
        assert hits == [(query.strip("()"), "keyword_injection")]


def test_a_page_about_the_topic_keeps_its_queries(detector):
    """An article about payday loans names them in its prose: a line of it that reads like a
    query is the article's, and so is a search it quotes or a thing near the writer."""
    from pagesieve.span_rules import SPAM_QUERY_SCORE

    page = "\n".join(
        [
            "Why payday loans cost so much",
            "Payday loans charge fees that add up to an annual rate of several hundred percent, "
            "regulators said on Tuesday.",
            "Borrowers with bad credit often turn to them when banks refuse. Payday loans bad "
            "credit guaranteed approval",
            "Consumer groups want a cap on what lenders can charge.",
        ]
    )
    assert not any(f.score == SPAM_QUERY_SCORE for f in detector.scan(page))
    for paragraph in (
        "A quick search for 'payday loans same day' returned hundreds of lenders, the council said.",
        "The council said it grabbed the first thing near me. The ferry was late again.",
    ):
        text = _with_paragraph(2, paragraph)
        assert not any(f.score == SPAM_QUERY_SCORE for f in detector.scan(text)), paragraph


def test_a_keyword_list_in_lower_case_is_an_ad(detector):
    """An SEO keyword list (five items or more, in lower case, most of two words) is flagged as
    an ad; a list an article writes names things or runs in a sentence."""
    from pagesieve.patterns import keyword_list_line

    keywords = (
        "boiler repair london, blocked drain croydon, plumber sutton, emergency plumber bromley, "
        "bathroom fitters south london"
    )
    assert keyword_list_line(keywords)
    text = _with_line(4, keywords)
    assert [f.label for f in detector.scan(text) if text[f.start : f.end] == keywords] == ["ad"]
    for line in (
        "Natural Sciences, lab-based biology, chemistry, geology, or physics (6 credits)",
        "Stroke – high blood pressure, high blood cholesterol, heart disease, diabetes, smoking",
        "We bought onions, garlic cloves, olive oil, fresh basil and ripe tomatoes.",
        "oriented to touch, taste, sound, sight, hearing, heart",
    ):
        assert not keyword_list_line(line), line


def test_a_related_link_in_title_case_ending_a_paragraph_is_flagged(detector):
    """``Related:`` or ``Read more:`` and a headline after the paragraph's last sentence; not
    ``See also:``, which an article's own paragraph ends with."""
    from pagesieve.span_rules import INLINE_LINK_SCORE

    link = "Related: Why rural counties are rewriting their solar rules"
    text = _with_paragraph(2, f"{ARTICLE[2]} {link}")
    hits = [f for f in detector.scan(text) if f.score == INLINE_LINK_SCORE]
    assert [text[f.start : f.end] for f in hits] == [link]
    own = _with_paragraph(2, f"{ARTICLE[2]} See also: the council's report on ferry costs")
    assert not any(f.score == INLINE_LINK_SCORE for f in detector.scan(own))


def test_a_line_rule_reads_a_page_served_with_the_wrong_charset_repaired(detector):
    """A related list on one line whose dots were decoded as ``Â·`` is the same list."""
    from rule_checks import flagged_by_a_rule_alone

    listed = "Most read: Couch to 5K, week by week · The best running watches for beginners"
    for line in (listed, listed.replace("·", "Â·")):
        text = "\n".join([*ARTICLE, line])
        assert flagged_by_a_rule_alone(detector, text, line).label == "navigation"
