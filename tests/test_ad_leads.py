"""The lines over an injected ad that share its words and not the article's."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from pagesieve.ad_leads import (
    ARTICLE_WORDS,
    ad_block_leads,
    consumer_ad_lines,
    content_words,
    foreign_ad_lines,
)
from pagesieve.segment import segment_batch

MARATHON = [
    "City Marathon Draws Record Field of Runners",
    "More than 18,000 runners crossed the finish line on Sunday, the largest field in the race's "
    "forty-year history, organisers said.",
    "The course wound through six neighbourhoods before finishing along the riverfront, where "
    "crowds lined the barriers for nearly two kilometres.",
    "Local runner Amira Haddad won the women's race in 2 hours 31 minutes, cutting four minutes "
    "from her personal best despite a strong headwind on the bridge.",
    "Race director Paul Mensah said volunteers handed out 90,000 cups of drinks and that medical "
    "tents treated fewer runners than in previous years thanks to the cool weather.",
    "Next year's race will move to an earlier start time so that runners finish before the "
    "midday heat, Mensah added.",
]
VALVE_ARTICLE = [
    "Why Ball Valves Fail in Cold Pipelines",
    "Engineers at the regional gas network traced last winter's leaks to stainless steel ball "
    "valves whose seals hardened in the frost, a report published on Monday found.",
    "The flanged valves had been installed in 2015 and passed every pressure test since, but the "
    "seals were rated only to minus ten degrees, the report said.",
    "Replacing the 400 valves will cost about two million euros; the network will also fit gate "
    "valves and check valves with heated housings on the most exposed stretches.",
    "Ningbo Kaida Valve, which made most of the failed ball valves, said it started making them in "
    "1992 and that its newer stainless steel models are tested to minus forty degrees.",
]
BLURB = (
    "Ningbo Kaida Valve started making ball valves in 1992, our stainless steel ball valve range "
    "covers DN15 to DN600. Every valve is pressure tested before it leaves the factory, with long "
    "service life, tight sealing and easy maintenance."
)
AD = [
    "Industrial Ball Valves",
    BLURB,
    "Ball Valve,Stainless Steel Ball Valve,Flanged Ball Valve,Gate Valve,Check Valve",
    "Ningbo Kaida Ball Valve Co.,Ltd , https://www.kaidavalve.example",
]


def _leads(lines: list[str], ad_rows: list[int]) -> list[int]:
    seg = segment_batch(["\n".join(lines)])
    ad = np.zeros(len(seg), dtype=bool)
    ad[ad_rows] = True
    return ad_block_leads(seg, ad.copy(), ad).tolist()


def test_content_words_leave_out_the_commonest_and_read_han_pairs():
    assert content_words("They were used with stainless steel valves") == {
        "stainless",
        "steel",
        "valves",
    }
    assert content_words("镍镉电池") == {"镍镉", "镉电", "电池"}


def test_the_lines_over_an_ad_that_share_its_words_are_the_ads():
    page = MARATHON + AD
    n = len(MARATHON)
    # the keyword list, the blurb and the product line, read upwards from the ad's last line
    assert _leads(page, [n + 3]) == [n, n + 1, n + 2]
    # and no further: the article's last paragraph shares none of the ad's words
    assert _leads(MARATHON + AD[1:], [n + 2]) == [n, n + 1]


def test_an_article_on_the_ads_topic_keeps_its_lines():
    page = VALVE_ARTICLE + AD[2:]
    n = len(VALVE_ARTICLE)
    assert _leads(page, [n + 1]) == []
    assert _leads(page, [n, n + 1]) == []


def test_reading_stops_at_a_line_that_is_not_the_ads():
    # "Next year's race…" shares no word with the ad: the blurb over it is never reached
    page = MARATHON[:-1] + [BLURB, MARATHON[-1]] + AD[2:]
    assert _leads(page, [len(page) - 1]) == [len(page) - 2]


def test_a_table_row_and_a_page_with_too_little_article_are_left_alone():
    row = "Material | Stainless steel ball valve body"
    page = MARATHON + [row] + AD[2:]
    assert _leads(page, [len(page) - 1]) == []
    short = MARATHON[:2] + AD
    words = set().union(*map(content_words, MARATHON[:2]))
    assert len(words) < ARTICLE_WORDS
    assert _leads(short, [len(short) - 1]) == []


def test_the_detector_flags_them_as_ad_and_a_higher_threshold_turns_the_rule_off(detector):
    from pagesieve.line_rules import AD_LEAD_SCORE, FURNITURE_LINE_SCORE

    text = "\n".join(MARATHON + AD)
    ruled = [text.index(AD[0]), text.index(BLURB)]
    threshold = detector.threshold
    try:
        flags = detector.scan_batch([text], explain=True)[0]
        got = {f.start: f for f in flags}
        for start in ruled:
            assert got[start].label == "ad" and got[start].score == pytest.approx(AD_LEAD_SCORE)
            assert "ad_block_lead" in got[start].reason
        # the product list, read whole by the keyword-list rule, then the company line
        product_list = got[text.index(AD[2])]
        assert product_list.label == "ad" and product_list.score == FURNITURE_LINE_SCORE
        assert product_list.end == product_list.start + len(AD[2])
        assert got[text.index(AD[3])].label == "ad"
        assert not any(f.start < ruled[0] for f in flags)  # the article
        detector.threshold = AD_LEAD_SCORE + 0.01
        assert not {f.start for f in detector.scan(text)} & set(ruled)
    finally:
        detector.threshold = threshold


def test_a_makers_product_list_is_a_keyword_list():
    from pagesieve.patterns import keyword_list_line

    assert keyword_list_line(AD[2])
    assert keyword_list_line("Red Wine, White Wine, Sparkling Wine, Rosé Wines, Dessert Wine")
    for line in (
        "Paris, Berlin, Madrid, Rome, Vienna",  # different things
        "Ball Valve, Gate Valve, Check Valve, Globe Valve, Ball Valve",  # one item twice
        "Ball Valve, Gate Valve, Check Valve, Pipe Fittings, Flanges, Gaskets",  # no common noun
        "Ball Valves, Gate Valves, Check Valves, Globe Valves and the pumps of every kind we make",
        "We make Ball Valves, Gate Valves, Check Valves, Globe Valves, Butterfly Valves.",
    ):
        assert not keyword_list_line(line), line


def test_the_detector_keeps_an_articles_last_paragraph_over_an_ad_on_its_topic(detector):
    text = "\n".join(VALVE_ARTICLE + AD[2:])
    last = text.index(VALVE_ARTICLE[-1])
    assert not any(f.start <= last < f.end for f in detector.scan(text))


def _foreign(lines: list[str], row: int, p_ad: float = 0.95, p_noise: float = 0.6) -> list[int]:
    seg = segment_batch(["\n".join(lines)])
    scores = np.zeros(len(seg))
    p_ads, p_noises = scores.copy(), scores.copy()
    p_ads[row], p_noises[row] = p_ad, p_noise
    return foreign_ad_lines(seg, np.zeros(len(seg), dtype=bool), p_ads, p_noises).tolist()


def test_an_ad_line_in_words_the_page_does_not_use_is_read_as_an_ad():
    page = MARATHON + [BLURB] + MARATHON[1:]
    n = len(MARATHON)
    assert _foreign(page, n) == [n]
    # the model's own doubt is needed: stage 1 sure of an ad, the context leaning to noise
    assert _foreign(page, n, p_ad=0.8) == _foreign(page, n, p_noise=0.3) == []


def test_an_ad_line_on_the_pages_topic_or_in_chinese_is_left_to_the_model():
    # an article's line about a maker, its words used by the article's other paragraphs
    page = VALVE_ARTICLE + MARATHON + VALVE_ARTICLE[1:4]
    assert _foreign(page, len(VALVE_ARTICLE) - 1) == []
    late = VALVE_ARTICLE[:-1] + MARATHON + VALVE_ARTICLE[-1:]
    assert _foreign(late, len(late) - 1) == []
    chinese = "宁波凯达阀门有限公司专业生产不锈钢球阀、闸阀和止回阀，产品远销六十个国家。"
    assert _foreign(MARATHON + [chinese] + MARATHON[1:], len(MARATHON)) == []
    # the lines around it are not the page's words: an ad's own lines may stand there
    near = MARATHON + [AD[0], BLURB, AD[2]] + MARATHON[1:]
    assert _foreign(near, len(MARATHON) + 1) == [len(MARATHON) + 1]
    assert _foreign(MARATHON[:2] + [BLURB], 2) == []  # too little page to judge by


LOAN_AD = "Short on cash? Borrow up to $3,000 by tonight, no credit checks. Apply now at lendquick.example"
DEALS_ARTICLE = [
    "The Best Kettle Deals This Week",
    "Electric kettles are cheaper than usual this week, and our reviewer picked the three "
    "kettles worth buying at their sale prices.",
    "The Brevane Glass Kettle is down to $39 from $59, 34% off, at Kitchenly, the lowest price "
    "we have seen for this kettle. Buy it now at Kitchenly: it sells out every sale.",
    "The Tessa Steel Kettle costs $25 at BrewMart with free shipping, and its dial keeps the "
    "water at a set temperature for thirty minutes.",
    "Our reviewer filled each kettle a hundred times; the glass kettle boiled a litre fastest, "
    "the steel kettle was the quietest.",
]


def test_a_consumer_ads_line_holds_two_kinds_of_its_terms_one_a_marketers():
    from pagesieve.patterns import consumer_ad_line

    for line in (
        LOAN_AD,
        "Get 25% off your first box with code GREENS25 — fresh vegetables every week",
        "🔥 Spin & Win: 150 free spins for new players! 18+ T&Cs apply.",
        "Meal kits from $4.99 a serving. Order now →",
        "Sponsored: Save 25% on your first box of single-origin coffee beans.",  # a label
        "This episode is sponsored by Quillpad. Try it free for 30 days at quillpad.example.",
    ):
        assert consumer_ad_line(line), line
    for line in (
        "The Tessa Steel Kettle costs $25 at BrewMart with free shipping.",  # no marketer's term
        "Call 020 7946 0321 for details, the organisers said.",  # a contact is not a term
        "Tickets cost $15 and go on sale on Friday.",
        "For more information, visit the library's website or call the front desk.",
        "Special Offer: the story of a shop that sold one book a week for forty years",
        "The museum was sponsored by the bank, which paid $2 million for its new wing.",
    ):
        assert not consumer_ad_line(line), line


def _consumer(lines: list[str], p_noise: float = 0.5) -> list[int]:
    seg = segment_batch(["\n".join(lines)])
    return consumer_ad_lines(seg, np.zeros(len(seg), dtype=bool), np.full(len(seg), p_noise))


def test_a_consumer_ad_in_words_the_page_does_not_use_is_read_as_an_ad():
    n = len(MARATHON)
    page = MARATHON + [LOAN_AD] + MARATHON[1:]
    assert _consumer(page).tolist() == [n]
    assert _consumer(page, p_noise=0.2).tolist() == []  # the model's doubt is needed
    # a deals page's own offer shares the page's words
    assert _consumer(DEALS_ARTICLE + MARATHON[1:], p_noise=0.6).tolist() == []
    chinese = "限时优惠：新用户首单立减50元，使用优惠码 SAVE50 ，立即购买 →"
    assert _consumer(MARATHON + [chinese] + MARATHON[1:]).tolist() == []


def test_the_detector_flags_a_consumer_ad_and_keeps_a_deals_article(detector):
    from pagesieve.line_rules import AD_LEAD_SCORE

    text = "\n".join(MARATHON[:3] + [LOAN_AD] + MARATHON[3:])
    start = text.index(LOAN_AD)
    got = {f.start: f for f in detector.scan_batch([text], explain=True)[0]}
    assert got[start].label == "ad" and got[start].end == start + len(LOAN_AD)
    assert "consumer_ad_line" in got[start].reason
    assert not any(f.start < start for f in got.values())  # the article
    deals = "\n".join(DEALS_ARTICLE)
    assert detector.scan(deals) == []
    over_the_rule = replace(detector, threshold=AD_LEAD_SCORE + 0.01)
    assert start not in {f.start for f in over_the_rule.scan(text)}


def test_a_pages_kept_words_counted_once_are_what_reading_the_page_for_each_line_gave():
    """Each candidate line read the whole page's words again: a page of 200 copies of an ad
    page took 0.85 s for 0.42 MB. The page's words are now counted once; the verdicts are the
    same as reading the page for each line (the kept words but the line's neighbours)."""
    from pagesieve.ad_leads import _KeptWords, content_words
    from pagesieve.segment import segment_batch

    lines = [f"article line {k} about harbour ferries and tides" for k in range(12)]
    lines[5] = "Nickel Cadmium Battery Supplier, wholesale batteries"
    seg = segment_batch(["\n".join(lines)])
    flagged = np.zeros(len(seg), dtype=bool)
    flagged[3] = True
    words = {r: content_words(seg.paragraphs[r]) for r in range(len(seg))}
    kept = _KeptWords(seg, flagged, 0, words.__getitem__)
    for row in range(len(seg)):
        near = range(row - 3, row + 4)
        vocabulary = kept.without(near)
        expected = set().union(
            *(words[r] for r in range(len(seg)) if not flagged[r] and r not in near)
        )
        assert len(vocabulary) == len(expected)
        assert vocabulary.shared(words[5] | {"ferries", "nowhere"}) == (
            (words[5] | {"ferries", "nowhere"}) & expected
        )
