"""Pages neither English nor Chinese get their scores raised (``pagesieve.unread_pages``)."""

from __future__ import annotations

import numpy as np
import pytest

from pagesieve.segment import segment_paragraph_lists
from pagesieve.unread_pages import (
    HANGUL_SHIFT,
    KANA_SHIFT,
    OTHER_ALPHABET_SHIFT,
    UNREAD_PAGE_SHIFT,
    raise_scores,
)

ENGLISH = [
    "Council approves new cycle lanes along the harbour road",
    "The city council voted on Tuesday to build two separate cycle lanes along the harbour "
    "road, and work is due to start in the spring.",
    "It is the first such project in the district, the mayor said after the vote.",
]
GERMAN = [
    "Stadtrat beschließt neue Radwege entlang der Hafenstraße",
    "Der Stadtrat hat am Dienstagabend mit großer Mehrheit beschlossen, entlang der Hafenstraße "
    "zwei getrennte Radwege anzulegen. Die Bauarbeiten sollen im Frühjahr beginnen.",
    "Es ist das erste Vorhaben dieser Art im Bezirk, sagte der Bürgermeister nach der Abstimmung.",
]
RUSSIAN = [
    "Городской совет утвердил строительство новых велодорожек",
    "Во вторник городской совет большинством голосов одобрил проект двух велодорожек вдоль "
    "набережной. Работы начнутся весной следующего года.",
]
GREEK = [
    "Το δημοτικό συμβούλιο ενέκρινε νέους ποδηλατόδρομους",
    "Το δημοτικό συμβούλιο αποφάσισε την Τρίτη την κατασκευή δύο ποδηλατόδρομων κατά μήκος "
    "του λιμανιού. Οι εργασίες θα ξεκινήσουν την άνοιξη.",
]
CHINESE = [
    "市政府昨天召开新闻发布会，介绍今年城市道路建设的进展情况和下一步工作安排。",
    "据介绍，今年全市计划新建和改造道路一百二十公里，目前已经完成七十公里。",
]


JAPANESE = [
    "市議会、港湾道路の自転車専用レーン整備を可決",
    "市議会は火曜日、港湾道路沿いに自転車専用レーンを二本整備する計画を賛成多数で可決した。"
    "工事は来年春に始まる予定だ。",
]
KOREAN = [
    "시의회, 항만도로 자전거 전용차로 조성안 가결",
    "시의회는 화요일 항만도로를 따라 자전거 전용차로 두 개를 만드는 계획을 찬성 다수로 "
    "가결했다. 공사는 내년 봄에 시작될 예정이다.",
]


def test_japanese_and_korean_pages_get_the_phrases_not_the_raise(detector):
    """Their raises failed the blind test pages (``data/ja_ko_pages/test.jsonl``: 3.0% of the
    article lines flagged against 0.5%), so none by default."""
    scores = detector.score_segments(segment_paragraph_lists([CHINESE, JAPANESE, KOREAN, ENGLISH]))
    first_rows = scores.seg.doc_ptr[:-1]
    assert scores.foreign[first_rows].tolist() == [False, True, True, False]
    assert not scores.raised.any()


def test_pages_neither_english_nor_chinese_are_raised(detector):
    scores = detector.score_segments(
        segment_paragraph_lists([ENGLISH, GERMAN, RUSSIAN, GREEK, CHINESE])
    )
    first_rows = scores.seg.doc_ptr[:-1]
    assert scores.raised[first_rows].tolist() == [
        0.0,
        UNREAD_PAGE_SHIFT,
        UNREAD_PAGE_SHIFT,
        OTHER_ALPHABET_SHIFT,  # an alphabet other than Latin and Cyrillic: a raise of its own
        0.0,  # read as the model learnt
    ]
    assert 0 < OTHER_ALPHABET_SHIFT != UNREAD_PAGE_SHIFT


def test_the_comment_context_is_read_on_pages_in_latin_and_cyrillic_letters(detector):
    seg = segment_paragraph_lists([ENGLISH, GERMAN, RUSSIAN, GREEK, CHINESE, JAPANESE])
    read = detector.model.featurize(seg).languages.comment_rows
    assert read[seg.doc_ptr[:-1]].tolist() == [True, True, True, False, False, False]


def test_an_english_page_scores_as_the_model_reads_it(detector):
    seg = segment_paragraph_lists([ENGLISH, GERMAN])
    shifted = detector.score_segments(seg).p_noise
    detector.unread_shift = 0.0
    try:
        own = detector.score_segments(seg).p_noise
    finally:
        detector.unread_shift = UNREAD_PAGE_SHIFT
    english = seg.doc == 0
    assert np.array_equal(shifted[english], own[english])
    logit = np.log(own[~english] / (1 - own[~english]))
    shifted_logit = np.log(shifted[~english] / (1 - shifted[~english]))
    np.testing.assert_allclose(shifted_logit - logit, UNREAD_PAGE_SHIFT, rtol=0, atol=1e-4)


def test_raise_scores_moves_only_the_rows_given():
    p = np.array([0.1, 0.5, 0.9], dtype=np.float32)
    out = raise_scores(p, np.array([False, True, True]), np.log(3.0))
    assert out[0] == p[0] and p[1] == 0.5  # the input is left as it was
    assert out[1] == pytest.approx(0.75) and out[2] == pytest.approx(27 / 28)
    assert raise_scores(p, np.zeros(3, bool), 1.0) is p


def test_the_explanation_says_the_score_was_raised(detector):
    text = "\n".join([*GERMAN, "Impressum | Datenschutz | AGB | Kontakt | Mediadaten"])
    flags = detector.scan_batch([text], explain=True)[0]
    assert flags and all("neither English nor Chinese" in f.reason for f in flags)


@pytest.mark.parametrize(("name", "pages"), [("calibration", 48), ("shift", 48), ("test", 40)])
def test_the_pages_in_other_languages_are_labeled_line_by_line(name, pages):
    from labeled_sets import read_written_set

    from pagesieve.written_pages import UNREAD_TEST_PAGES

    read_written_set(UNREAD_TEST_PAGES.parent / f"{name}.jsonl", pages)


@pytest.mark.parametrize("name", ["shift", "test"])
def test_the_pages_in_other_alphabets_are_labeled_line_by_line(name):
    from labeled_sets import read_written_set

    from pagesieve.written_pages import OTHER_ALPHABETS_TEST_PAGES

    pages = read_written_set(OTHER_ALPHABETS_TEST_PAGES.parent / f"{name}.jsonl", 24)
    assert sorted({p.lang for p in pages}) == ["ar", "el", "fa", "he", "hi", "th"]


def test_pages_in_other_alphabets_are_raised_by_their_own_shift(detector):
    seg = segment_paragraph_lists([GERMAN, GREEK, ENGLISH])
    detector.unread_shift, detector.alphabet_shift = 0.5, 1.5
    try:
        raised = detector.score_segments(seg).raised
    finally:
        detector.unread_shift = UNREAD_PAGE_SHIFT
        detector.alphabet_shift = OTHER_ALPHABET_SHIFT
    assert [set(raised[seg.doc == d].tolist()) for d in range(3)] == [{0.5}, {1.5}, {0.0}]


def test_japanese_and_korean_pages_are_raised_by_a_shift_of_their_own_when_set(detector):
    seg = segment_paragraph_lists([JAPANESE, KOREAN, CHINESE, GERMAN])
    detector.kana_shift, detector.hangul_shift = 0.7, 1.9
    try:
        scores = detector.score_segments(seg)
    finally:
        detector.kana_shift, detector.hangul_shift = KANA_SHIFT, HANGUL_SHIFT
    raised = [set(scores.raised[seg.doc == d].tolist()) for d in range(4)]
    assert raised == [{0.7}, {1.9}, {0.0}, {UNREAD_PAGE_SHIFT}]
    assert scores.foreign[seg.doc_ptr[:-1]].tolist() == [True, True, False, True]


def test_vietnamese_and_indonesian_pages_are_raised_as_other_latin_pages_are(detector):
    vietnamese = [
        "Hội đồng thành phố thông qua dự án làn xe đạp dọc đường cảng",
        "Hôm thứ Ba, hội đồng thành phố đã biểu quyết xây dựng hai làn xe đạp riêng dọc theo "
        "đường cảng, công trình dự kiến khởi công vào mùa xuân.",
    ]
    indonesian = [
        "Dewan kota setujui jalur sepeda di sepanjang jalan pelabuhan",
        "Dewan kota pada hari Selasa memutuskan membangun dua jalur sepeda terpisah di sepanjang "
        "jalan pelabuhan, dan pekerjaan akan dimulai pada musim semi.",
    ]
    scores = detector.score_segments(segment_paragraph_lists([vietnamese, indonesian]))
    assert scores.raised[scores.seg.doc_ptr[:-1]].tolist() == [UNREAD_PAGE_SHIFT] * 2


@pytest.mark.parametrize("name", ["shift", "test"])
@pytest.mark.parametrize(
    ("folder", "langs"),
    [("ja_ko_pages", ["ja", "ko"]), ("vi_id_pages", ["id", "vi"]), ("bn_ta_pages", ["bn", "ta"])],
)
def test_session_63s_pages_are_labeled_line_by_line(folder, langs, name):
    from labeled_sets import read_written_set

    from pagesieve.written_pages import DATA

    pages = read_written_set(DATA / folder / f"{name}.jsonl", 32)
    assert sorted({p.lang for p in pages}) == langs


BENGALI = [
    "পৌরসভা বন্দরের রাস্তায় দুটি সাইকেল লেন তৈরির অনুমোদন দিল",
    "মঙ্গলবার পৌরসভার সভায় বন্দরের রাস্তা ধরে দুটি আলাদা সাইকেল লেন তৈরির প্রস্তাব পাস হয়েছে। বসন্তে কাজ শুরু হওয়ার কথা।",
]
HINDI = [
    "नगर परिषद ने बंदरगाह सड़क पर साइकिल लेन को मंजूरी दी",
    "मंगलवार को नगर परिषद ने बंदरगाह सड़क के किनारे दो अलग साइकिल लेन बनाने का प्रस्ताव पारित "
    "किया। काम वसंत में शुरू होगा।",
]


def test_a_script_can_be_raised_by_a_shift_of_its_own(detector):
    """``Detector.script_shifts`` (none differs from the shared raise by default: the Bengali
    one chosen on the read pages failed the rule registered for its blind pages)."""
    seg = segment_paragraph_lists([BENGALI, HINDI, GERMAN])
    first_rows = seg.doc_ptr[:-1]
    assert detector.score_segments(seg).raised[first_rows].tolist() == [
        OTHER_ALPHABET_SHIFT,
        OTHER_ALPHABET_SHIFT,
        UNREAD_PAGE_SHIFT,
    ]
    shipped = detector.script_shifts
    detector.script_shifts = {**shipped, "bengali": 1.52}
    try:
        raised = detector.score_segments(seg).raised
    finally:
        detector.script_shifts = shipped
    assert raised[first_rows].tolist() == [1.52, OTHER_ALPHABET_SHIFT, UNREAD_PAGE_SHIFT]
