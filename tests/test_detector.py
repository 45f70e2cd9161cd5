"""The shipped detector on pages whose answer is known."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from rule_checks import flagged_by_a_rule_alone

from pagesieve.artifact import ModelIntegrityError
from pagesieve.context import group_sizes
from pagesieve.corpus import read_labeled
from pagesieve.detector import Detector, ModelCompatibilityError
from pagesieve.patterns import cms_token_spans
from pagesieve.types import LABELS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples" / "pages.labeled.jsonl"

ARTICLE = [
    "The city council voted on Tuesday to extend the riverside bike lanes by another four kilometres, "
    "closing the gap between the old harbour and the university campus.",
    "Supporters said the extension would make commuting safer for the thousands of students who cycle "
    "along the busy road every morning, while some shop owners worried about losing parking spaces.",
    "Construction is expected to begin in the spring and to take about eight months, according to the "
    "city's transport department, which will publish detailed plans next week.",
    "The council also approved a study of new pedestrian crossings near the central station, where "
    "residents have complained for years about long waits at the traffic lights.",
]

PLACEHOLDERS = [
    '(Editor: {typename type="name"/})',
    "来源:{dede:field.source/} 作者:{dede:field.writer/}",
    "[field:title/]",
    "Posted in {$category_name}",
    "[!--newstext--]",
    "Written by %%author%% for %%sitename%%",
    "{{ post.author_name }}",
]


def _page(lines: list[str]) -> str:
    return "\n".join(lines)


def _flagged_lines(text: str, flags) -> set[int]:
    """Indices of the lines at least half covered by flags."""
    out, pos = set(), 0
    for i, line in enumerate(text.split("\n")):
        a, b = pos, pos + len(line)
        pos = b + 1
        covered = sum(max(0, min(b, f.end) - max(a, f.start)) for f in flags)
        if line and covered * 2 >= len(line):
            out.add(i)
    return out


@pytest.mark.parametrize("placeholder", PLACEHOLDERS)
def test_each_placeholder_syntax_is_flagged(detector, placeholder):
    lines = ARTICLE[:2] + [placeholder] + ARTICLE[2:]
    text = _page(lines)
    flags = detector.scan(text)
    hit = [f for f in flags if text[f.start : f.end] == placeholder]
    assert hit, f"placeholder line not flagged: {placeholder!r} -> {flags}"
    assert hit[0].label == "placeholder"
    assert _flagged_lines(text, flags) == {2}


def test_clean_article_is_left_alone(detector):
    text = _page(ARTICLE)
    assert detector.scan(text) == []
    assert detector.clean(text) == text


def test_appended_product_ad_is_flagged_and_cleaned(detector):
    ad = [
        "Stainless Steel Gate Valve",
        "Our company has produced industrial valves since 1998, with pressure ratings from PN16 to PN64 "
        "and sizes DN50-DN1200, exported to more than 40 countries.",
        "Gate Valve,Ball Valve,Check Valve,Butterfly Valve For Water",
        "Wenzhou Example Valve Co.,Ltd , https://www.example-valve.com",
    ]
    text = _page(ARTICLE + ad)
    flags = detector.scan(text)
    got = _flagged_lines(text, flags)
    assert not got & {0, 1, 2, 3}  # the article is untouched
    # the keyword list and the company line; the product name and the prose blurb are a known gap
    # (tracked by test_examples.py::test_every_noise_paragraph_flagged)
    assert {6, 7} <= got
    assert any(f.label == "ad" for f in flags)
    assert detector.clean(text).startswith(_page(ARTICLE))


def test_output_contract_and_offsets_on_multibyte_text(detector):
    lines = [
        "  Café owners in Zürich 👩‍🍳 say the new rules — announced on Monday — will hurt small businesses "
        "that already struggle with rising rents and energy prices.",
        "中文段落：市政府周二宣布，将在明年春季扩建河滨自行车道，预计工程持续八个月。",
        "接受PR>=1、BR>=1,流量相当,内容相关类链接。",
        "\tA second English paragraph with an emoji 🚲 and some more words about the bike lanes and the city.",
    ]
    text = "\r\n".join(lines[:2]) + "\n\n" + "\n".join(lines[2:]) + "\n"
    flags = detector.scan(text)
    for f in flags:
        assert 0 <= f.start < f.end <= len(text)
        assert f.label in LABELS and 0.0 <= f.score <= 1.0
        assert "\n" not in text[f.start : f.end]
    notice = "接受PR>=1、BR>=1,流量相当,内容相关类链接。"
    assert any(text[f.start : f.end] == notice and f.label == "link_notice" for f in flags), flags
    assert json.loads(json.dumps([f.to_json() for f in flags]))  # serialisable as the contract says


def test_batch_gives_the_same_flags_as_one_by_one(detector):
    pages = [p.text for p in read_labeled(SAMPLES)]
    together = detector.scan_batch(pages)
    alone = [detector.scan(t) for t in pages]
    assert together == alone


def test_a_pages_scores_do_not_depend_on_the_pages_scanned_with_it(detector):
    # bit for bit: a BLAS product picks its kernels by its row count, which once moved stage-1
    # sums (and Spark's flags against scan's) by a few float32 units on an AVX-512 machine
    pages = [p.text for p in read_labeled(SAMPLES)]
    together = detector.score_batch(pages)
    alone = [detector.score_batch([t]) for t in pages]
    assert np.array_equal(together.class_proba, np.vstack([a.class_proba for a in alone]))
    assert np.array_equal(together.p_noise, np.concatenate([a.p_noise for a in alone]))


def test_flag_columns_are_the_flags_in_text_order(detector):
    # paragraph flags and span flags (an English keyword splice, a Chinese brand) together
    brand = "太阳城娱乐"
    spliced = "\n".join([ZH_PAGE[0], ZH_PAGE[1].replace("会议强调，", "会议强调，" + brand)])
    pages = [p.text for p in read_labeled(SAMPLES)] + ["", spliced, "\n".join(ARTICLE)]
    columns = detector.scan_batch_columns(pages)
    flags = detector.scan_batch(pages)
    assert columns.lists() == flags
    assert columns.n_docs == len(pages) and columns.doc_ptr[-1] == sum(map(len, flags))
    assert any(f.label == "keyword_injection" for doc in flags for f in doc)
    for doc in flags:
        assert [f.start for f in doc] == sorted(f.start for f in doc)
    counts = {label: sum(f.label == label for doc in flags for f in doc) for label in LABELS}
    assert columns.label_counts() == {k: n for k, n in counts.items() if n}
    assert detector.scan_batch_columns([]).n_docs == 0


def test_empty_and_blank_documents(detector):
    assert detector.scan_batch(["", "   \n\n  ", "one line"])[:2] == [[], []]


def test_sample_pages_meet_their_labels(detector):
    """Nearly every noise line of the bundled samples flagged, article lines kept."""
    pages = list(read_labeled(SAMPLES))
    missed, wrong = [], []
    for page, flags in zip(pages, detector.scan_batch([p.text for p in pages])):
        got = _flagged_lines(page.text, flags)
        for i, (para, lab) in enumerate(zip(page.paragraphs, page.labels)):
            if lab and i not in got:
                missed.append((page.id, para))
            if not lab and i in got:
                wrong.append((page.id, para))
    total_noise = sum(sum(p.labels) for p in pages)
    # the measured operating point on these pages: 42 of 50 noise lines, no article line; the
    # misses are the known gap of ads whose topic is close to the article's (a product name and a
    # company blurb in each battery ad), tag lines, and an affiliate notice and recipe buttons
    assert len(missed) <= 0.16 * total_noise, missed
    assert len(wrong) <= 1, wrong


def test_tampered_model_is_refused(tmp_path):
    src = ROOT / "model" / "pagesieve.joblib"
    if not src.exists():
        pytest.skip("model/pagesieve.joblib is missing: run `python train.py` first")
    copy = tmp_path / "m.joblib"
    shutil.copy(src, copy)
    shutil.copy(src.with_name(src.name + ".sha256"), tmp_path / "m.joblib.sha256")
    assert Detector.load(copy) is not None
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="does not match"):
        Detector.load(copy)
    (tmp_path / "m.joblib.sha256").unlink()
    with pytest.raises(ModelIntegrityError, match="no sha256"):
        Detector.load(copy)


def test_only_the_bytes_hashed_are_unpickled(tmp_path):
    # the file was hashed through one open and unpickled through another: a named pipe fed the
    # model's bytes to the hash, then a pickle of its own to joblib (it ran)
    import hashlib
    import os
    import threading

    import joblib

    from pagesieve.artifact import load_artifact

    good = tmp_path / "good.joblib"
    joblib.dump({"x": 1}, good)
    digest = hashlib.sha256(good.read_bytes()).hexdigest()
    fifo = tmp_path / "fifo.joblib"
    os.mkfifo(fifo)
    (tmp_path / "fifo.joblib.sha256").write_text(f"{digest}  fifo.joblib\n")
    feeder = threading.Thread(target=lambda: fifo.write_bytes(good.read_bytes()), daemon=True)
    feeder.start()  # if the loader opened the pipe, it would read the good bytes: never blocks
    with pytest.raises(ModelIntegrityError, match="not a regular file"):
        load_artifact(fifo)
    with open(fifo, "rb") as fh:  # let the feeder go
        fh.read()
    feeder.join(5)
    (tmp_path / "good.joblib.sha256").write_text(f"\ufeff{digest.upper()}  good.joblib\n")
    assert load_artifact(good) == {"x": 1}  # a BOM and upper case are still the digest


@pytest.mark.parametrize("digest", ["", "   \n", "not-a-digest  m.joblib\n"])
def test_a_sha256_file_without_a_digest_is_refused_in_words(tmp_path, digest):
    import joblib

    from pagesieve.artifact import load_artifact

    joblib.dump({"x": 1}, tmp_path / "m.joblib")
    (tmp_path / "m.joblib.sha256").write_text(digest)
    with pytest.raises(ModelIntegrityError, match="holds no sha256 digest"):
        load_artifact(tmp_path / "m.joblib")


@pytest.mark.parametrize("damage", ["truncated", "flipped", "junk"])
def test_a_damaged_file_whose_sha256_matches_is_refused_in_words(tmp_path, damage):
    # damaged before its sha256 was written: joblib's own EOF, zlib and KeyError came out raw
    import hashlib

    import joblib

    from pagesieve.artifact import load_artifact

    joblib.dump({"x": list(range(1000))}, tmp_path / "m.joblib", compress=3)
    data = bytearray((tmp_path / "m.joblib").read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "flipped":
        data[len(data) // 2] ^= 0xFF
    else:
        data = bytearray(b"\x80\x04junk" * 50)
    (tmp_path / "m.joblib").write_bytes(bytes(data))
    (tmp_path / "m.joblib.sha256").write_text(hashlib.sha256(data).hexdigest())
    with pytest.raises(ModelIntegrityError, match="m.joblib matches its recorded sha256 but"):
        load_artifact(tmp_path / "m.joblib")


def test_a_joblib_file_of_something_else_is_refused_in_words(tmp_path):
    from pagesieve.artifact import save_artifact
    from pagesieve.detector import ModelCompatibilityError

    for thing in ({"x": 1}, [1, 2], "text"):
        save_artifact(thing, tmp_path / "m.joblib")
        with pytest.raises(ModelCompatibilityError, match="not a pagesieve model"):
            Detector.load(tmp_path / "m.joblib")


def test_scan_refuses_a_tampered_model_even_with_nothing_to_scan(tmp_path):
    # the workers load the model with the first records: an empty input said nothing
    src = ROOT / "model" / "pagesieve.joblib"
    if not src.exists():
        pytest.skip("model/pagesieve.joblib is missing: run `python train.py` first")
    from click.testing import CliRunner

    from pagesieve.cli import main

    copy = tmp_path / "m.joblib"
    data = bytearray(src.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    shutil.copy(src.with_name(src.name + ".sha256"), tmp_path / "m.joblib.sha256")
    (tmp_path / "empty.jsonl").write_text("")
    args = ["scan", str(tmp_path / "empty.jsonl"), "--model", str(copy), "-j", "1", "-o", "-"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "does not match its recorded sha256" in result.output


def test_a_model_fitted_by_another_version_is_refused_at_load(monkeypatch):
    if not (ROOT / "model" / "pagesieve.joblib").exists():
        pytest.skip("model/pagesieve.joblib is missing: run `python train.py` first")
    import pagesieve.model
    import pagesieve.spans

    # this code builds one context feature more than the shipped model was fitted on
    real = pagesieve.model.stage_feature_names
    n = len(real(2))
    monkeypatch.setattr(pagesieve.model, "stage_feature_names", lambda s: [*real(s), "new"])
    with pytest.raises(
        ModelCompatibilityError, match=f"context model reads {n} features, this code builds {n + 1}"
    ):
        Detector.load()
    monkeypatch.undo()
    # and one dense span feature more
    monkeypatch.setattr(pagesieve.spans, "N_DENSE", pagesieve.spans.N_DENSE + 1)
    with pytest.raises(ModelCompatibilityError, match="latin span model reads") as caught:
        Detector.load()
    assert "another version of pagesieve" in str(caught.value)
    # ... which train.py --spans-only, about to fit a new span model, loads without it
    refitting = Detector.load(refitting_spans=True)
    assert refitting.spans is None and refitting.model.incompatibilities() == []
    monkeypatch.undo()
    assert Detector.load().model.incompatibilities() == []
    assert Detector.load(refitting_spans=True).spans is not None  # a span model it can read


def test_trees_run_on_one_openmp_thread_unless_asked(detector, monkeypatch):
    from threadpoolctl import ThreadpoolController

    seen = []
    real = detector.model.predict_with_inputs

    def spy(*args, **kwargs):
        info = ThreadpoolController().select(user_api="openmp").info()
        seen.append(max((i["num_threads"] for i in info), default=None))
        return real(*args, **kwargs)

    monkeypatch.setattr(detector.model, "predict_with_inputs", spy)
    detector.scan(ARTICLE[0])
    assert seen == [1]
    outside = ThreadpoolController().select(user_api="openmp").info()
    monkeypatch.setattr(detector, "n_threads", None)
    detector.scan(ARTICLE[0])
    assert seen[1] == max(i["num_threads"] for i in outside)  # the library's own setting


def test_group_sizes_match_unique_rows() -> None:
    rng = np.random.default_rng(0)
    for n in (0, 1, 2, 50, 1000):
        a, b = rng.integers(0, 4, n), rng.integers(-3, 3, n) * (2**62 // 3)
        _, inverse, counts = np.unique(
            np.stack([a, b], axis=1), axis=0, return_inverse=True, return_counts=True
        )
        assert group_sizes(a, b).tolist() == counts[inverse.ravel()].tolist()


ZH_PAGE = [
    "烟台市政府召开专题会议部署春季防火工作",
    "4月12日上午，烟台市政府召开专题会议，研究部署全市春季森林防火工作。会议强调，各级各部门要进一步"
    "提高思想认识，压实工作责任。",
    "市长在会上指出，当前正值森林防火关键期，全市上下要严格落实火源管控措施，加强巡山护林，确保不发生"
    "重大森林火灾。",
    "各区市要加强值班值守，确保信息畅通，一旦发生火情，要第一时间报告、第一时间处置。",
]


def test_a_chinese_splice_is_found_on_a_page_served_with_the_wrong_charset(detector):
    """The damaged page has no Han character left to search: the splice is looked for in the
    repaired text and flagged on the damaged characters that hold it."""
    from pagesieve.synth import misdecode as mangle

    brand = "太阳城娱乐"
    page = "\n".join(ZH_PAGE).replace("会议强调，", "会议强调，" + brand)
    clean_spans = [page[f.start : f.end] for f in detector.scan(page) if f.end - f.start < 20]
    assert clean_spans == [brand]
    damaged = mangle(page)
    flags = detector.scan(damaged)
    assert [damaged[f.start : f.end] for f in flags if f.end - f.start < 40] == [mangle(brand)]
    assert [f.label for f in flags if f.end - f.start < 40] == ["keyword_injection"]


def test_a_chinese_splice_is_flagged_alone(detector):
    """A gambling brand spliced into a sentence is a span; the paragraphs around it stay article.
    The first pass alone may flag one of them, taking the spliced paragraph's look for the page's
    (the single model of session 17 did, on this page; the ensemble does not): whatever it
    flags besides the brand is a whole paragraph other than the spliced one, and the second
    look takes it back."""
    brand = "太阳城娱乐"
    spliced = list(ZH_PAGE)
    spliced[1] = spliced[1].replace("会议强调，", "会议强调，" + brand)
    clean_text, spliced_text = "\n".join(ZH_PAGE), "\n".join(spliced)
    english = "\n".join(ARTICLE)
    flags = detector.scan_batch([english, spliced_text, clean_text])
    assert flags[0] == detector.scan(english)
    assert flags[2] == detector.scan(clean_text) == []
    (flag,) = flags[1]
    assert spliced_text[flag.start : flag.end] == brand
    assert flag.label == "keyword_injection"

    first_pass = Detector(
        model=detector.model,
        spans=detector.spans,
        threshold=detector.threshold,
        span_threshold=detector.span_threshold,
        rescore_spliced=False,
    )
    # without the second look, a whole paragraph other than the spliced one is flagged
    brand_at = spliced_text.index(brand)
    swayed = [f for f in first_pass.scan(spliced_text) if f.start != brand_at]
    assert all(
        spliced_text[f.start : f.end] in spliced and spliced_text[f.start : f.end] != spliced[1]
        for f in swayed
    )


def test_what_is_not_text_is_refused_with_what_to_do(detector):
    with pytest.raises(TypeError, match="bytes, not str: decode it first"):
        detector.scan(b"BUY NOW")
    with pytest.raises(TypeError, match="text: NoneType, not str"):
        detector.clean(None)
    # one str as a batch would be scanned one character a document
    with pytest.raises(TypeError, match="expected a list of str, got str"):
        detector.scan_batch("Article text.")
    with pytest.raises(TypeError, match="expected a list of str, got NoneType"):
        detector.clean_batch(None)
    with pytest.raises(TypeError, match=r"texts\[1\]: int, not str"):
        detector.scan_batch_columns(["fine", 3])
    assert detector.scan_batch(iter(["", "Article text."])) == [[], []]  # any iterable of str
    # an empty str, bytes or None passed as a batch came back as an empty batch
    for empty in (None, "", b""):
        with pytest.raises(TypeError, match="expected a list of str"):
            detector.scan_batch(empty)
    assert detector.scan_batch([]) == [] and detector.clean_batch(()) == []


def test_a_lone_surrogate_beside_a_spliced_brand_is_scanned(detector):
    # the span model's n-grams of the text around a candidate encoded it as strict UTF-8: the
    # page, and every page scanned with it, raised UnicodeEncodeError
    article = "记者从有关部门获悉今年全市新建充电桩三千余个覆盖主要街道"
    text = article + "\n" + article[:10] + "澳门新葡京娱乐场\ud800" + article[10:]
    flags = detector.scan(text)
    assert [(text[f.start : f.end], f.label) for f in flags] == [
        ("澳门新葡京娱乐场", "keyword_injection")
    ]
    assert detector.scan_batch(["Article text.", text])[1] == flags


def test_a_splice_in_chinese_prose_freed_by_the_second_look_is_flagged_once(detector):
    # the prose was searched for splices as flagged whole, then again once the second look
    # freed it: the splice came out twice (and was counted and written twice)
    prose = (
        "茶园负责人告诉记者，今年的收购价格与去年基本持平，延伸阅读：医生提醒：太阳城娱乐"
        "长期熬夜的人要注意这几个信号但由于人工成本上涨，利润空间有所压缩。"
    )
    text = "\n".join(
        [
            "Privacy Policy | Terms of Use | Cookie Policy",
            "There are two USB-C ports and one USB-A port. The main USB-C port delivers up to 65W, "
            "which was enough to charge our test laptop from 10% to 60% in just under an hour. "
            "When we plugged in three devices at once,澳门新葡京娱乐场 the total output dropped to "
            "45W, which is typical for a charger in this class.",
            "Stainless Steel Gate Valve",
            prose,
            "Home | News | Sports | Contact Us | Privacy Policy\u2028{{ post.author_name }}",
            "\t周辺の商店主は慎重な受け止めを見せた。「何年も待っていたが、工事中に客がどうやって店に"
            "来られるのか、誰も説明してくれない」と住民団体の代表は話した。",
            "Hunan Kelong Battery Technology Co.,Ltd , http://www.kelongbattery.com",
            " 🇺🇸\u2029",
        ]
    )
    flags = detector.scan(text)
    spans = [(f.start, f.end) for f in flags]
    assert spans == sorted(set(spans))
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert any(text[f.start : f.end] == "太阳城娱乐" for f in flags)
    counts = detector.scan_batch_columns([text]).label_counts()
    assert sum(counts.values()) == len(flags)


def test_a_line_that_is_only_a_brand_goes_whole(detector):
    # its span started one character in, and clean() left the line "澳". Two sentences, not
    # one twice: a line repeated on a page reads as furniture (session 48's model flags the
    # copy at 0.845, over its threshold of 0.839)
    article = "记者从有关部门获悉今年全市新建充电桩三千余个覆盖主要街道"
    after = "市发改委表示明年还将在老旧小区和公共停车场继续增建充电设施"
    text = "\n".join([article, "澳门新葡京娱乐场", after])
    assert [text[f.start : f.end] for f in detector.scan(text)] == ["澳门新葡京娱乐场"]
    assert detector.clean(text) == article + "\n" + after


def test_junk_or_a_placeholder_line_holding_template_syntax_stays_flagged_whole(detector):
    body = (
        "The company said on Tuesday that sales rose sharply in the third quarter, helped by"
        " strong demand for its new products in Europe and Asia.\n"
    )
    for line in (
        "Buy cheap replica watches online {dede:field.title/} best price free shipping discount"
        " code today only",
        '(Editor: {typename type="name"/})',
    ):
        text = body * 3 + line + "\n" + body * 2
        at = text.index(line)
        flags = [(f.start, f.end, f.label) for f in detector.scan(text)]
        assert flags == [(at, at + len(line), "placeholder")], line


_NEWS = (
    "The company said on Tuesday that sales rose sharply in the third quarter, helped by strong"
    " demand for its new products in Europe and Asia.\n"
)


@pytest.mark.parametrize(
    "token",
    [
        "{dede:field.source/}",
        "[field:writer/]",
        "[!--newstext--]",
        '[caption id="attachment_7" align="alignleft"]',
        "[e:loop={'news',5,1,0}]",
        "%%primary_category%%",
        '{typename type="name"/}',
    ],
)
def test_a_cms_token_inside_article_prose_is_flagged_alone(detector, token):
    # the sentence around it reads as article (rightly), and the token stayed in the text
    line = f"The ministry said {token} that exports rose by four percent in the first half of the year."
    text = _NEWS * 3 + line + "\n" + _NEWS * 2
    at = text.index(token)
    flags = detector.scan_batch([text], explain=True)[0]
    assert [(f.start, f.end, f.label) for f in flags] == [(at, at + len(token), "placeholder")]
    assert flags[0].reason.startswith("unrendered CMS template syntax inside article prose")
    assert line.replace(token, "") in detector.clean(text)


@pytest.mark.parametrize(
    ("token", "naming"),
    [
        (
            "{dede:field.title/}",
            "在织梦 DedeCMS 的文章模板里，用下面的模板标签调用文章标题和正文。",
        ),
        (
            '[gallery ids="12,15,18" size="medium"]',
            "WordPress builds a gallery from a shortcode: type it in the Text tab of the editor.",
        ),
        (
            "%%sitename%%",
            "Yoast SEO builds each page's title from snippet variables that you set once.",
        ),
        (
            '{include file="public/header" /}',
            "ThinkPHP 的模板引擎用下面的标签引入公共头部，写在每个页面的开头。",
        ),
    ],
)
def test_a_tutorial_that_names_the_cms_keeps_its_example_tokens(detector, token, naming):
    """A page about the CMS shows its syntax on purpose; the same token on a page that never
    names it is a leftover. (The model may still flag such a paragraph on its own reading.)"""
    from pagesieve.span_rules import CMS_TOKEN_SCORE

    line = f"For example, {token} shows it where the template needs it, as the manual says."
    tutorial = "\n".join([naming, *ARTICLE[:2], line, *ARTICLE[2:]])
    assert not any(f.score == CMS_TOKEN_SCORE for f in detector.scan(tutorial))
    leftover = "\n".join([*ARTICLE[:2], line, *ARTICLE[2:]])
    flags = detector.scan(leftover)
    # by the rule, or cut out of the line the model flagged for it (session 36's model)
    assert [(leftover[f.start : f.end], f.label) for f in flags] == [(token, "placeholder")]


def test_code_syntax_inside_prose_is_left_to_the_model(detector):
    # {{ }}, {$x} and ${x} are how programming articles write code: no rule flags them
    for token in ("{{ user.name }}", "{$user}", "${name}"):
        line = f"In the template, write {token} wherever the name should appear, and the engine fills it in."
        text = _NEWS * 3 + line + "\n" + _NEWS * 2
        assert detector.scan(text) == [], token


_ZH_ARTICLE = [
    "记者从市园林局获悉，城西湿地公园二期工程经过两年建设，今天上午正式向市民开放，新增水域面积约十二公顷。",
    "二期工程沿用了原有的河道走向，在北岸新建了三公里长的木栈道和两处观鸟平台，并补种了芦苇、菖蒲等本地水生植物。",
    "园林局有关负责人介绍，开园初期每天限流八千人，市民可通过官方小程序提前预约，周一上午闭园维护。",
]
_ENGINE_TOKENS = [
    "{{ site.title|upper }}",
    "{{ post.date | date: '%Y' }}",
    "{{@site.title}}",
    "{{#each posts}}",
    "${article.author}",
    "$!{news.source}",
    "#{page.name}",
    "<txp:title />",
    "<$mt:EntryTitle$>",
    "<#if user??>",
    "[node:title]",
    "{exp:channel:entries}",
    "%SITE_NAME%",
    "{post.title}",
    "$article.author",
    "{% for tag in post.tags %}",
    "{# sidebar off #}",
    "<%= page.title %>",
    "{$post->title}",
    "{/foreach}",
    "{* note *}",
    "@Model.Title",
    '@Html.Partial("_Footer")',
    "[User:FirstName]",
    "{block:Photo}",
    "%postname%",
    "*|FNAME|*",
    "{{ .Title }}",
    "{{> header}}",
    "{{ SITENAME }}",
]


@pytest.mark.parametrize("token", _ENGINE_TOKENS)
def test_an_engines_expression_in_prose_is_flagged_alone_whichever_the_engine(detector, token):
    """Session 50: the engines' expressions by their shape, not only the CMSs the training
    bank names; in English prose and glued to Chinese characters alike."""
    line = f"The ministry said {token} that exports rose by four percent in the first half of the year."
    text = _NEWS * 3 + line + "\n" + _NEWS * 2
    at = text.index(token)
    flags = detector.scan_batch([text], explain=True)[0]
    assert [(f.start, f.end, f.label) for f in flags] == [(at, at + len(token), "placeholder")]
    assert flags[0].reason.endswith(f"matched {cms_token_spans(token)[0][2]}")
    zh = _ZH_ARTICLE[1][:12] + token + _ZH_ARTICLE[1][12:]
    page = "\n".join([_ZH_ARTICLE[0], zh, *_ZH_ARTICLE[2:]])
    at = page.index(token)
    assert [(f.start, f.end, f.label) for f in detector.scan(page)] == [
        (at, at + len(token), "placeholder")
    ]


@pytest.mark.parametrize(
    "line",
    [
        # a line of code: its interpolations are the code's
        "console.log(`${ctx.method} ${ctx.path}`);",
        "<TodoItem key={todo.id} todo={todo} />",
        "<h1>{{ title|upper }}</h1>",
        # prose about code: the page names the language or the engine
        "In Vue, {{ message|capitalize }} shows the message with its first letter in capitals.",
        "Ruby puts the value of a variable into a string with #{user.name} inside double quotes.",
        "The Django tag {% csrf_token %} must appear inside every form sent with POST.",
        "In Razor, @Model.Title writes the page's title.",
        "With a mail merge, %FIRSTNAME% becomes each reader's first name.",
    ],
)
def test_an_engines_expression_in_code_or_prose_about_code_is_left(detector, line):
    from pagesieve.span_rules import CMS_TOKEN_SCORE

    text = _NEWS * 3 + line + "\n" + _NEWS * 2
    assert not any(f.score == CMS_TOKEN_SCORE for f in detector.scan(text))


def test_an_engines_shapes_leave_what_prose_and_markup_write():
    from pagesieve.patterns import cms_token_spans

    for text in (
        "as shown in Figure \\ref{fig:results} and Section \\ref{sec:method}",
        "see [[File:Harbour.jpg|thumb]] and [Update: the council replied on Friday]",
        "SELECT * FROM t WHERE LOCATION LIKE '%BACK_DOOR%';",
        "set %JAVA_HOME%\\bin on the path",
        "It costs $5.99, or $12.50 for two; #1 in the charts, 20% off, 100%% sure",
        "the chat log [00:12] said hello, and {{ Michelle }} sent hugs",
        "a footnote [#] and a hashtag #summer and an e-mail to x@y.com",
        "采用改进的Stober法制备Ag@SiO2复合颗粒，包覆铕的配合物Eu(tta)3phen",
        "write to WEBMASTER@AOL.COM or see caf%C3%A9 in the address bar",
        "{SavourTheSeason} Days 29, 30 & 31: Maple Pecan Pumpkin Pie",
        "the set {x | x > 0} and the pair {{1, 2}, {3, 4}}",
    ):
        assert cms_token_spans(text) == [], text


def test_wordpress_shortcodes_and_empire_loops_are_cms_tokens_not_features():
    # the rule knows them; the paragraph model's features stay those the model was fitted with
    from pagesieve.patterns import TEMPLATE_ANY, cms_token_spans

    for token, kind in (
        ('[gallery id="123"]', "wp_shortcode"),
        ('[caption id="attachment_4521" align="aligncenter" width="800"]', "wp_shortcode"),
        ("[/caption]", "wp_shortcode"),
        ("[e:loop={'news',10,18,0}]", "empire_loop"),
        ("[/e:loop]", "empire_loop"),
        ("{dede:field.title/}", "dedecms_tag"),
        ("[!--class.menu--]", "empire_var"),
        ("[field:pubdate function=\"MyDate('Y-m-d',@me)\"/]", "field_tag"),
        # a page about templates keeps these (``CMS_NAMES["template"]``)
        ("{$title}", "template_var"),
        ("{{ author.display_name }}", "mustache_var"),
        ("{{DATE_PUBLISHED}}", "mustache_var"),
        ("<?php the_author(); ?>", "php_tag"),
        ("[CHILD_NAME]", "caps_var"),
        ("{Birdwatching|Birding|Bird spotting}", "spintax"),
        ("%%title%%", "seo_var"),
        ("%%primary_category%%", "seo_var"),
        ('{typename type="name"/}', "closed_tag"),
    ):
        assert cms_token_spans(f"a {token} b") == [(2, 2 + len(token), kind)]
    assert not TEMPLATE_ANY.search("[e:loop={'news',10,18,0}]")
    # what articles write (found by an audit of the rule): editors' brackets, batch files and
    # printf, Smarty and Quarto, BBCode, code; and no token runs across a line break
    for text in (
        "[Video]",
        "[Video id=3]",
        "[url=http://example.com]",
        "[1]",
        "{{ Michelle }}",
        "{$Price}",
        "[NASA]",
        "{node|short}",
        "{x | x ∈ A or x ∈ B}",
        "for %%i in (*.txt) do echo %%i%%",
        "%%PATH%%",
        "100%%sure%%",
        "WHERE name LIKE '%%python%%'",  # an escaped SQL pattern
        "Dear %%first_name%%, your order %%emailaddr%%",  # another tool's merge fields
        "[Page: 12]",
        "[List: see below]",
        "[var: 0.034]",
        '{include file="header.tpl"}',
        '{python filename="plot.py"}',
        '[quote name="bob" post="12"]',
        '[sc_name id="7"]',
        "[field:title\n/]",
        "[!-- hidden note --]",
        '{dede:field\nname="x"/}',
    ):
        assert cms_token_spans(text) == [], text


def test_a_shortcode_line_amid_the_article_is_flagged(detector):
    line = '[gallery ids="12,13,14" columns="3"]'
    text = _NEWS * 3 + line + "\n" + _NEWS * 3
    at = text.index(line)
    assert [(f.start, f.end, f.label) for f in detector.scan(text)] == [
        (at, at + len(line), "placeholder")
    ]


def test_chinese_prose_flagged_for_a_token_keeps_its_words(detector):
    # words were counted by spaces, so a Chinese sentence never had the 8 words it takes
    import dataclasses

    body = (
        "今年以来，我市坚持以人民为中心的发展思想，扎实推进民生工程建设，城乡居民收入稳步增长。\n"
    )
    token = "{dede:field.source/}"
    line = f"记者从{token}获悉，今年全市中小学将新增学位两万个，新建学校十所。"
    text = body * 3 + line + "\n" + body * 2
    at = text.index(line)
    start = text.index(token)
    assert [(f.start, f.end, f.label) for f in detector.scan(text)] == [
        (start, start + len(token), "placeholder")
    ]
    # the model flagging the line: session 36's model scores it 0.53, so a threshold just under
    # that plays the model that flags it whole, as the shipped one did until then
    p = detector.score_batch([text]).p_noise
    assert p[3] > max(np.delete(p, 3))
    flagging = dataclasses.replace(detector, threshold=float(p[3]) - 1e-3)
    whole = dataclasses.replace(flagging, narrow_templates=False).scan(text)
    assert [(f.start, f.end) for f in whole] == [(at, at + len(line))]
    assert [(f.start, f.end, f.label) for f in flagging.scan(text)] == [
        (start, start + len(token), "placeholder")
    ]


def test_loading_builds_the_traditional_chinese_table():
    # built lazily, with the first Chinese page, a SIGTERM landing in OpenCC's import came out
    # as an ImportError: 1,500 pages failed and the scan ran on to exit 0 (a flaky CLI test)
    import subprocess
    import sys

    code = (
        "from pagesieve.hanzi import fold_table\n"
        "from pagesieve import Detector\n"
        "assert fold_table.cache_info().currsize == 0\n"
        "Detector.load()\n"
        "assert fold_table.cache_info().currsize == 1\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_tags_line_of_the_pages_own_words_is_flagged_by_its_label(detector):
    """The model reads such a line against the page's vocabulary and keeps it; its label tells."""
    from pagesieve.line_rules import TAG_LINE_SCORE

    tags = "Tags: bike lanes, city council, cycling, transport"
    lines = [*ARTICLE[:2], tags, *ARTICLE[2:]]
    text = "\n".join(lines)
    detector.line_rules = False
    try:
        before = detector.scan(text)
    finally:
        detector.line_rules = True
    assert not any(text[f.start : f.end] == tags for f in before)  # the model alone keeps it
    flags = detector.scan_batch([text], explain=True)[0]
    hit = [f for f in flags if text[f.start : f.end] == tags]
    assert len(hit) == 1 and hit[0].label == "navigation" and hit[0].score == TAG_LINE_SCORE
    assert "tag_line" in hit[0].reason
    assert not any(f.start < len("\n".join(ARTICLE[:2])) for f in flags)  # the article stays
    # a sentence about tags, a listing's category and a paper's keywords are not tags lines
    for line in (
        "Tags are printed on every bike that the city lends out.",
        "Category: Drama Director: Michael Caton-Jones",
        "Keywords: urban cycling, transport policy",
        "Topics covered",
        "Labels and packaging",
        "Posted in 1898, the letter took eleven months to reach Seattle",
        "Tagged eels being released into the Sargasso Sea, April 2019",
        "标签编码",
        "相关专题报道",
        "Tag Types",
        "Label: Oil on canvas, 1888. Gift of the Friends of the Museum",
        "tags: map[string]string. Key-value pairs attached to the bucket",
        "Topic: orders\tPartition: 0\tLeader: 1",
        "标签：附加到对象上的键值对，例如 app=nginx",
    ):
        other = "\n".join([*ARTICLE[:2], line, *ARTICLE[2:]])
        assert not any(f.score == TAG_LINE_SCORE for f in detector.scan(other))
    # a threshold above the rule's score turns it off
    strict = Detector(
        model=detector.model, spans=detector.spans, threshold=0.95, meta=detector.meta
    )
    assert not any(text[f.start : f.end] == tags for f in strict.scan(text))


def test_a_tags_line_stays_flagged_beside_a_page_read_again(detector):
    """A Chinese splice has its page scored a second time; a tags line elsewhere in the batch
    keeps its flag, on itself and nowhere else."""
    brand = "太阳城娱乐"
    spliced = "\n".join(ZH_PAGE).replace("会议强调，", "会议强调，" + brand)
    tags = "标签：森林防火 烟台 春季"
    zh_tags = "\n".join([*ZH_PAGE[:2], tags, *ZH_PAGE[2:]])
    en_tags = "\n".join([*ARTICLE[:2], "Filed under: Cycling, City Council", *ARTICLE[2:]])
    texts = [spliced, zh_tags, en_tags]
    flags = detector.scan_batch(texts)
    assert [spliced[f.start : f.end] for f in flags[0] if f.end - f.start < 20] == [brand]
    for text, doc in zip(texts[1:], flags[1:]):
        ruled = [text[f.start : f.end] for f in doc if f.label == "navigation"]
        assert (
            ruled == [tags] if text is zh_tags else ruled == ["Filed under: Cycling, City Council"]
        )
    assert flags == [detector.scan(t) for t in texts]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028", "\u2029"])
def test_every_line_break_ends_a_paragraph(detector, newline):
    """A page whose lines end in a lone ``\r`` or a Unicode separator was one paragraph: the
    placeholder line between two article lines took the whole page with it."""
    lines = [
        "Norvik will sell phones in Germany and France this year, the company said in Berlin.",
        "{dede:field.title/}",
        "Analysts say the timing is difficult because demand for new handsets has slowed.",
    ]
    text = newline.join(lines)
    at = text.index(lines[1])
    assert [(f.start, f.end) for f in detector.scan(text)] == [(at, at + len(lines[1]))]
    assert detector.clean(text) == newline.join([lines[0], lines[2]])


def test_a_threshold_above_the_template_rules_score_turns_it_off():
    from pagesieve.detector import Detector
    from pagesieve.span_rules import CMS_TOKEN_SCORE

    text = _NEWS * 3 + "The price, {dede:field.price/}, was announced on Monday.\n" + _NEWS * 2
    at = text.index("{dede")

    def tokens(threshold: float) -> list:
        flags = Detector.load(threshold=threshold).scan(text)
        return [(f.start, f.score) for f in flags if f.start <= at < f.end]

    assert tokens(CMS_TOKEN_SCORE) == [(at, CMS_TOKEN_SCORE)]
    assert tokens(0.995) == []


def test_the_threshold_help_names_the_line_rules_scores():
    from pagesieve.commands.options import threshold_option
    from pagesieve.line_rules import LINE_RULES

    @threshold_option
    def command(threshold): ...

    for name, _, score, _ in LINE_RULES:
        assert f"{score}" in command.__click_params__[0].help, name


def test_a_damaged_chinese_page_reads_its_own_words_as_the_clean_page_does(detector):
    """A page about a place whose name holds a gambling word (太阳城, Sun City) repeats the name:
    read repaired, its span candidates are weighed against the repaired page's words, not the
    damaged page's (where no Han word recurs and every mention looked spliced in)."""
    from pagesieve.synth import misdecode as mangle

    page = "\n".join(
        [
            "太阳城度假区迎来旅游旺季",
            "位于南非西北省的太阳城是著名的度假胜地，每年吸引大量游客前来观光。太阳城的失落之城酒店"
            "以其独特的建筑风格闻名，酒店周围是人工种植的热带雨林。",
            "太阳城附近的匹兰斯堡国家公园是观赏野生动物的好去处，游客可以在清晨乘车寻找狮子、大象"
            "和犀牛的踪迹。",
            "当地旅游部门介绍，今年前五个月太阳城接待游客人数同比增长百分之十二，酒店入住率保持在"
            "较高水平。",
        ]
    )
    clean = [(f.start, f.end) for f in detector.scan(page) if f.end - f.start < 20]
    damaged = mangle(page)
    moved = [(len(mangle(page[:a])), len(mangle(page[:b]))) for a, b in clean]
    alone = [(f.start, f.end) for f in detector.scan(damaged) if f.end - f.start < 60]
    assert alone == moved
    # beside a page whose repair lower-cases to two characters (İ), the same
    beside = detector.scan_batch([damaged, mangle("Flights to İstanbul resume next week.")])[0]
    assert [(f.start, f.end) for f in beside if f.end - f.start < 60] == moved


def test_a_tags_line_the_second_look_frees_is_flagged_by_the_rule(detector):
    """The first pass flags the tags line beside a spliced paragraph; once the splice is cut out
    and the page read again, its score falls under the threshold: the rule flags it then."""
    import dataclasses

    from pagesieve.line_rules import TAG_LINE_SCORE

    tags = "本文关键词：防火 巡山"
    page = "\n".join([*ZH_PAGE, tags]).replace("加强巡山护林，", "加强巡山护林，太阳城娱乐")
    # session 36's model scores the line 0.99 on the first pass and 0.89 on the second look,
    # over its threshold both times: a threshold just under the first pass (and not over the
    # rule's score, which would turn the rule off) is one the second look falls under
    first = float(detector.score_batch([page]).p_noise[-1])
    assert first >= detector.threshold  # the model's own first pass flags it
    detector = dataclasses.replace(detector, threshold=min(first - 0.001, TAG_LINE_SCORE))
    hit = [f for f in detector.scan(page) if page[f.start : f.end] == tags]
    assert [(f.label, f.score) for f in hit] == [("navigation", TAG_LINE_SCORE)]
    detector.line_rules = False  # switched off, the rule flags nothing, after the second look too
    try:
        assert not any(f.score == TAG_LINE_SCORE for f in detector.scan(page))
    finally:
        detector.line_rules = True


def test_a_blog_themes_post_meta_line_is_a_tags_line(detector):
    from pagesieve.line_rules import TAG_LINE_SCORE

    for meta in (
        "Posted in Cycling, City Council | 3 Comments",
        "This entry was posted in Transport and tagged bikes, council by Ana Ruiz. Bookmark the "
        "permalink.",
    ):
        text = "\n".join([*ARTICLE, meta])
        hit = [f for f in detector.scan(text) if text[f.start : f.end] == meta]
        assert [(f.label, f.score) for f in hit] == [("navigation", TAG_LINE_SCORE)], meta


ZH_ARTICLE = [
    "市政府昨天召开新闻发布会，介绍今年城市道路建设的进展情况和下一步工作安排。",
    "据介绍，今年全市计划新建和改造道路一百二十公里，目前已经完成七十公里。",
    "市交通局负责人表示，将加快推进剩余项目，确保年底前全部完工并投入使用。",
]


@pytest.mark.parametrize(
    ("line", "label", "rule"),
    [
        ("Story continues below advertisement", "ad", "furniture_line"),
        ("SKIP ADVERTISEMENT", "ad", "furniture_line"),
        ("Listen to this article · 4:12 min", "navigation", "furniture_line"),
        ("7 min read", "navigation", "furniture_line"),
        ("Share full article", "navigation", "furniture_line"),
        ("3 thoughts on “Why the council voted for the bike lanes”", "comment", "furniture_line"),
        ("Leave a Reply", "comment", "furniture_line"),
        (
            "A version of this article appears in print on March 3, 2024, Section A, Page 1 of the "
            "New York edition with the headline: Council Extends Bike Lanes.",
            "boilerplate",
            "furniture_line",
        ),
        ("View/Add Comments (6) | Category: City Hall", "navigation", "tag_line"),
        (
            "This entry was posted on Monday, May 31st, 2004 at 8:40 pm and is filed under "
            "Transport. You can follow any responses to this entry through the RSS 2.0 feed.",
            "navigation",
            "tag_line",
        ),
        ("分享到：", "navigation", "furniture_line"),
        ("【字体：大 中 小】", "navigation", "furniture_line"),
        ("【纠错】【打印】【关闭窗口】", "navigation", "furniture_line"),
        ("当前位置：首页 > 新闻中心 > 城市建设", "navigation", "furniture_line"),
        ("浏览次数：3862", "navigation", "furniture_line"),
        ("〖路人甲〗回复: 《全市道路建设进度过半》", "comment", "furniture_line"),
        ("Share Tweet Email", "navigation", "furniture_line"),
        ("Facebook Twitter Pin 12", "navigation", "furniture_line"),
        ("Sign In Subscribe", "navigation", "furniture_line"),
        ("Home > Local News > City Hall", "navigation", "furniture_line"),
        ("0:00 / 1:48", "navigation", "furniture_line"),
        ("Comments (12)", "comment", "furniture_line"),
        ("« Council approves the harbour bridge", "navigation", "furniture_line"),
        (
            "This story appeared in the March 2018 issue of the magazine.",
            "boilerplate",
            "furniture_line",
        ),
        ("Listen (6 min)", "navigation", "furniture_line"),
        ("Listen to this article · 7:48 min Learn more", "navigation", "furniture_line"),
        ("4-minute read", "navigation", "furniture_line"),
        ("Terms of Use", "navigation", "furniture_line"),
        ("Privacy Notice", "navigation", "furniture_line"),
        (
            "READ MORE: Dock Street crash renews calls for safety upgrades",
            "navigation",
            "furniture_line",
        ),
        ("Read more about the budget fight", "navigation", "furniture_line"),
        ("Click to share on Facebook (Opens in new window)", "navigation", "furniture_line"),
        ("Larger text size", "navigation", "furniture_line"),
        ("Sort by: Newest", "navigation", "furniture_line"),
        ("Join the conversation", "navigation", "furniture_line"),
        ("Reject All", "boilerplate", "furniture_line"),
        ("Manage Preferences", "boilerplate", "furniture_line"),
        ("Sign up for our Brain Health newsletter", "boilerplate", "furniture_line"),
        ("Get the latest news sent to your inbox", "boilerplate", "furniture_line"),
        (
            "By signing up, you agree to our Terms of Use and acknowledge that your information "
            "will be used as described in our Privacy Policy.",
            "boilerplate",
            "furniture_line",
        ),
        (
            "Download the Channel 7 Weather app for live radar and alerts on your phone.",
            "boilerplate",
            "furniture_line",
        ),
        ("You've read 2 of your 3 free articles this month.", "boilerplate", "furniture_line"),
        ("Council | Transport | Housing | Schools", "navigation", "furniture_line"),
        ("City Hall · Transport · Housing · Parks", "navigation", "furniture_line"),
        (
            "Custom printed beach towels, MOQ 500 pcs, lead time 15-20 days, OEM/ODM welcome.",
            "ad",
            "furniture_line",
        ),
        ("【打印此页】 【关闭窗口】", "navigation", "furniture_line"),
        ("查看：8721 | 回复：14", "navigation", "furniture_line"),
        ("回复 支持 反对", "navigation", "furniture_line"),
        ("上一个：城市道路改造工程", "navigation", "furniture_line"),
        ("今天是：2022年7月26日 星期二", "navigation", "furniture_line"),
        ("免责声明：本文仅代表作者观点，与本网无关。", "boilerplate", "furniture_line"),
        (
            "Appeared in the June 13, 2024, print edition as 'Council Sees One Cut This Year'.",
            "boilerplate",
            "furniture_line",
        ),
    ],
)
def test_modern_page_furniture_mid_article_is_flagged_by_a_line_rule(detector, line, label, rule):
    """Widgets of today's news pages and blog themes, each a line alone between article
    paragraphs, where the model, reading its neighbours, keeps every one of them."""
    article = ZH_ARTICLE if any("\u4e00" <= ch <= "\u9fff" for ch in line) else ARTICLE
    text = "\n".join([*article[:2], line, *article[2:]])
    hit = flagged_by_a_rule_alone(detector, text, line, rule)
    assert hit.label == label and rule in hit.reason, hit


def test_a_line_of_furniture_alone_is_flagged_by_its_kind(detector):
    from pagesieve.line_rules import FURNITURE_LINE_SCORE

    for line, label in (
        ("Tweet", "navigation"),
        ("3 Comments", "comment"),
        ("Advertisement", "ad"),
        ("Back to top ^", "navigation"),
        ("Previous post: Council approves the harbour bridge", "navigation"),
        ("Search this site:", "navigation"),
        ("Toggle navigation", "navigation"),
        ("Main menu", "navigation"),
    ):
        text = "\n".join([*ARTICLE[:2], line, *ARTICLE[2:]])
        hit = [
            f for f in detector.scan_batch([text], explain=True)[0] if text[f.start : f.end] == line
        ]
        assert len(hit) == 1 and hit[0].label == label, (line, hit)
        # mid-article the model alone keeps each of them: the flag is the rule's
        assert hit[0].score == FURNITURE_LINE_SCORE and "furniture_line" in hit[0].reason
    for line in (
        "Share the road with cyclists, the council said.",
        "Print media covered it too",
        "Next: the council votes on the budget in May.",
        "Read more books, the librarian told the council.",
        "Terms of use for the new lanes are set by the council.",
        "We use cookies less than other councils, the clerk said.",
        "The new plant will make OEM parts for three carmakers, the council said.",
        "Price | Size | Weight",
        # a related link glued to the paragraph's own sentence: the span model's, not a line's
        "Read more: Council approves the harbour bridgeThe vote on the lanes was close.",
    ):
        text = "\n".join([*ARTICLE[:2], line, *ARTICLE[2:]])
        assert not any(f.score == FURNITURE_LINE_SCORE for f in detector.scan(text))
    detector.line_rules = False
    try:
        text = "\n".join([*ARTICLE[:2], "Tweet", *ARTICLE[2:]])
        assert not any(f.score == FURNITURE_LINE_SCORE for f in detector.scan(text))
    finally:
        detector.line_rules = True


RELATED_ITEMS = [
    "Council to vote on harbour bridge cycle path",
    "Students push for more bike parking on campus",
    "Riverside lanes: what the extension means for commuters",
]
ZH_RELATED_ITEMS = [
    "全市道路建设进度过半 年底前全部完工",
    "市交通局：加快推进剩余道路项目",
    "城市道路改造惠及百万市民",
]


@pytest.mark.parametrize(
    ("article", "heading", "items", "closing"),
    [
        (
            ARTICLE,
            "Related Stories",
            RELATED_ITEMS,
            "The council will publish the final route map next month, officials said.",
        ),
        (ZH_ARTICLE, "相关新闻：", ZH_RELATED_ITEMS, "市政府表示，将在下个月公布最终的建设方案。"),
        (
            ARTICLE,
            "More from City Hall",
            RELATED_ITEMS,
            "The council will publish the final route map next month, officials said.",
        ),
    ],
)
def test_a_related_stories_list_on_the_pages_topic_is_flagged_under_its_heading(
    detector, article, heading, items, closing
):
    """Its headlines share the page's words, so the model keeps them; the heading tells. The run
    of items stops at a line that ends as a sentence does."""
    from pagesieve.line_rules import RELATED_LIST_SCORE

    text = "\n".join([*article, heading, *items, closing])
    detector.line_rules = False
    try:
        assert detector.scan(text) == []
    finally:
        detector.line_rules = True
    flags = detector.scan_batch([text], explain=True)[0]
    assert [text[f.start : f.end] for f in flags] == [heading, *items]
    assert all(f.label == "navigation" and f.score == RELATED_LIST_SCORE for f in flags)
    assert all("related_list" in f.reason for f in flags)
    # under a heading of the article's own, nothing is flagged by the rule
    other = "\n".join([*article, "What the plan means", *items, closing])
    assert not any(f.score == RELATED_LIST_SCORE for f in detector.scan(other))
    # the run stops at a sentence: what follows it is not the list's
    stopped = "\n".join([*article, heading, items[0], closing, *items[1:]])
    hit = [
        stopped[f.start : f.end] for f in detector.scan(stopped) if f.score == RELATED_LIST_SCORE
    ]
    assert hit == [heading, items[0]]


@pytest.mark.parametrize(
    "heading", ["Most popular", "Trending now", "Recent Posts", "More City news"]
)
def test_a_widgets_list_below_the_article_is_a_related_list(detector, heading):
    """A site widget's heading (session 62) heads a related list below the article's last
    prose; above it, where a sidebar comes first in a page's text, it does not, so its items do
    not run into the headline; and an article's lead-in ending in a colon is no widget's."""
    from pagesieve.line_rules import RELATED_LIST_SCORE

    def ruled(lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        return [text[f.start : f.end] for f in detector.scan(text) if f.score == RELATED_LIST_SCORE]

    assert ruled([*ARTICLE, heading, *RELATED_ITEMS])[-len(RELATED_ITEMS) :] == RELATED_ITEMS
    headline = "City council extends the riverside bike lanes"
    assert ruled(["Riverton Gazette", heading, *RELATED_ITEMS, headline, *ARTICLE]) == []
    assert ruled([*ARTICLE, heading + ":", *RELATED_ITEMS]) == []


@pytest.mark.parametrize("heading", ["推荐阅读", "热门排行：", "延伸閱讀"])
def test_a_chinese_widgets_list_below_the_article_is_a_related_list(detector, heading):
    """The same for Chinese widgets (session 62), whose prose lines run shorter: a line of 40
    characters the model keeps is the article's, and a colon may follow the heading."""
    from pagesieve.line_rules import RELATED_LIST_SCORE

    def ruled(lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        return [text[f.start : f.end] for f in detector.scan(text) if f.score == RELATED_LIST_SCORE]

    items = [f"· {item}" for item in ZH_RELATED_ITEMS]
    closing = "市交通局负责人表示，剩余的五十公里道路将分三批开工，第一批十二个项目已经完成招标，下个月进场施工。"
    article = [*ZH_ARTICLE, closing]
    assert set(items) <= set(ruled([*article, heading, *items]))
    assert ruled(["江城新闻网", heading, *items, *article]) == []
    # with no line of 40 characters, the page has no prose to be below
    assert ruled([*ZH_ARTICLE, heading, *items]) == []


def test_wordpress_related_posts_take_their_items(detector):
    """WordPress's own heading (session 60): the model keeps the headlines, which share the
    page's words; the heading was already furniture."""
    from pagesieve.line_rules import RELATED_LIST_SCORE

    closing = "The council will publish the final route map next month, officials said."
    text = "\n".join([*ARTICLE, "Related posts:", *RELATED_ITEMS, closing])
    flags = detector.scan_batch([text], explain=True)[0]
    assert [text[f.start : f.end] for f in flags] == ["Related posts:", *RELATED_ITEMS]
    items = flags[1:]
    assert all(f.score == RELATED_LIST_SCORE and "related_list" in f.reason for f in items)


def test_a_related_stories_run_stops_where_the_article_goes_on(detector):
    """A recipe card right under the list starts with the page's title again; a line ending
    with a colon is the article's lead-in; unpunctuated Chinese prose the model keeps is prose."""
    from pagesieve.line_rules import RELATED_LIST_SCORE

    def ruled(lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        return [text[f.start : f.end] for f in detector.scan(text) if f.score == RELATED_LIST_SCORE]

    title = "Easy Lemon Garlic Salmon (One Pan, 20 Minutes)"
    card = ["Easy Lemon Garlic Salmon", "Prep Time 5 minutes", "Servings 4", "Ingredients"]
    page = [title, *ARTICLE, "You might also like", *RELATED_ITEMS, *card, *ARTICLE]
    assert ruled(page) == ["You might also like", *RELATED_ITEMS]
    # the headline need not be the page's first line: a menu can come first
    page = ["Skip to main content", "Recipes", *page]
    assert not set(ruled(page)) & set(card)
    lead_in = (
        "Health officials say the outbreak is concentrated in a few towns. Here's what we know:"
    )
    page = [*ARTICLE, "Related Stories", RELATED_ITEMS[0], lead_in, "How many people are sick?"]
    assert ruled(page) == ["Related Stories", RELATED_ITEMS[0]]
    # a sidebar's list above the article, on a page whose first line is not its title: the
    # headline is the line above the byline
    headline = "City council extends the riverside bike lanes"
    page = ["Riverton Gazette", "Related Stories", *RELATED_ITEMS, headline, "By Nate Collins"]
    text = "\n".join([*page, *ARTICLE])
    flagged = [text[f.start : f.end] for f in detector.scan(text)]
    assert set(RELATED_ITEMS) <= set(flagged) and headline not in flagged
    blog = [
        "新竹尖石 美樹營地賞楓",
        "留言",
        "相關文章",
        "一波波接續性低溫寒流報到 已將新竹尖石鄉後山一帶層層山巒披上嫣紅的彩衣 大家都出門去看楓葉",
        "玉峰道路一路上雲氣山嵐滯留山頭 順路下切蜿蜒道路後不久即抵達來到玉峰國小 旁邊就是營地的入口",
        "美樹美如其名偌大楓香樹早已呈現金黃 泛紅色彩也是愛攝人仕所喜愛造訪之地 每年都有很多人專程前來",
    ]
    # the first prose line, read beside the menu, scores high enough to be taken; the run stops
    # at the next, which the model reads as article
    assert not set(ruled(blog)) & set(blog[4:])


def test_a_link_word_heading_that_the_next_line_explains_is_the_articles_own(detector):
    def flagged(lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        return [text[f.start : f.end] for f in detector.scan(text)]

    guide = [
        *ARTICLE[:2],
        "Print",
        "Prints at the library cost ten cents a page in black and white and fifty cents in colour, "
        "paid at the desk or with your card.",
        *ARTICLE[2:],
    ]
    assert "Print" not in flagged(guide)
    zh = [
        *ZH_ARTICLE[:2],
        "收藏",
        "看到有用的文章或者聊天记录，长按后选择“收藏”，以后在“我”里面的“收藏”就能随时找到。",
        *ZH_ARTICLE[2:],
    ]
    assert "收藏" not in flagged(zh)
    # the same words between article paragraphs that do not go on about them are furniture
    assert "Print" in flagged([*ARTICLE[:2], "Print", *ARTICLE[2:]])
    assert "收藏" in flagged([*ZH_ARTICLE[:2], "收藏", *ZH_ARTICLE[2:]])


def test_a_help_pages_own_tags_and_headings_are_not_furniture(detector):
    """A tags line between two of the article's sentences, or one its text introduces as an
    example, is the article's; so is a link word that heads a sentence about it. The model may
    read the explaining sentence as furniture: the words decide."""
    from pagesieve.line_rules import FURNITURE_LINE_SCORE, TAG_LINE_SCORE

    def ruled(lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        return [
            text[f.start : f.end]
            for f in detector.scan(text)
            if f.score in (TAG_LINE_SCORE, FURNITURE_LINE_SCORE)
        ]

    explained = (
        "Every message can carry several labels, and you can search by any one of them later on."
    )
    labels = "Labels: Work, Family, Receipts"
    assert labels not in ruled([*ARTICLE[:2], explained, labels, explained, *ARTICLE[2:]])
    example = "Add the tags in the box under the editor, separated by commas, for example:"
    tags = "Tags: Italy, Rome, Colosseum"
    assert tags not in ruled([*ARTICLE, example, tags, *ARTICLE])
    # a list a sentence introduces with a colon is the sentence's; one topic is no list
    lead = "Under the new rules, the line under a typical post now reads:"
    assert tags not in ruled([*ARTICLE, lead, tags, *ARTICLE])
    zh_lead = "按照新标准，以下内容必须在包装上清楚标示："
    zh_tags = "标签：品名、配料表、净含量、生产日期、保质期"
    assert zh_tags not in ruled([*ZH_ARTICLE, zh_lead, zh_tags, *ZH_ARTICLE])
    assert zh_tags in ruled([*ZH_ARTICLE, zh_tags, *ZH_ARTICLE])
    print_heading = [
        *ARTICLE[:2],
        "Print",
        "To print an email, open the message, click More at the top right, then Print.",
    ]
    assert "Print" not in ruled(print_heading)
    # between paragraphs about something else, or after the article beside its furniture, a
    # tags line of the page's own words is the page's
    own = "Labels: bike lanes, city council, cycling"
    assert own in ruled([*ARTICLE[:2], own, *ARTICLE[2:]])
    assert own in ruled([*ARTICLE, own, "Share this:", "Tweet"])
    text = "\n".join([*ARTICLE, "Print", "Share this:"])
    assert "Print" in [text[f.start : f.end] for f in detector.scan(text)]


def test_a_help_pages_link_phrase_heading_is_not_furniture(detector):
    """``Sign in`` or ``Related Posts`` heading a sentence about it is a help page's heading, as a
    single link word is, and ``FAQ`` over a question the article's own section; the same phrase
    above unrelated prose is the page's furniture."""
    from pagesieve.line_rules import FURNITURE_LINE_SCORE

    for heading, about in (
        ("Sign in", "To sign in, open the app, tap Account and enter the code we sent you."),
        ("Related Posts", "Related posts appear under each article, chosen by their shared tags."),
        ("FAQ", "Will the ferry keep running while the pier is closed?"),
    ):
        page = "\n".join([*ARTICLE[:2], heading, about, *ARTICLE[2:]])
        assert not any(f.score == FURNITURE_LINE_SCORE for f in detector.scan(page)), heading
        page = "\n".join([*ARTICLE[:2], heading, *ARTICLE[2:]])
        hit = [f for f in detector.scan(page) if page[f.start : f.end] == heading]
        assert [f.score for f in hit] == [FURNITURE_LINE_SCORE], heading


def test_a_brand_the_hijacked_page_repeats_is_flagged_each_time(detector):
    """Hijacked pages splice their brand into the title and the body more than once; its copies
    do not make it the page's topic (a page's own words used twice or more once read so)."""
    brand = "鑫濠娱乐"
    page = "\n".join(
        [
            f"临沂市人民政府办公室关于{brand}做好防汛工作的通知",
            f"各县区人民政府，市政府各部门：为切实做好{brand}全市防汛工作，确保人民群众生命财产安全，"
            "现将有关事项通知如下。",
            "一、提高思想认识。各地各部门要充分认识防汛工作的重要性，切实增强责任感和紧迫感。",
            "二、加强监测预警。气象、水利等部门要密切监视天气变化，及时发布预警信息。",
            "临沂市人民政府办公室 2023年5月20日",
        ]
    )
    at = [i for i in range(len(page)) if page.startswith(brand, i)]
    flags = detector.scan(page)
    for a in at:
        covered = sum(max(0, min(a + len(brand), f.end) - max(a, f.start)) for f in flags)
        assert covered * 2 >= len(brand), (a, flags)
    # the brands, not their lines (session 36's model flags the notice's signature line, its
    # last: a false positive of its own, not a brand's line)
    on_brand_lines = [f for f in flags if f.start < page.index("\n", page.index("\n") + 1)]
    assert all(f.end - f.start <= 2 * len(brand) for f in on_brand_lines)


def test_pinyin_initials_put_after_han_characters_are_flagged_one_letter_each(detector):
    """``义y诊z现x场c``: each letter alone, the sentence kept; Latin letters that Chinese text
    writes of its own (``小米14 Ultra``, ``A股``, ``X光``) are left alone."""
    from pagesieve.span_rules import PINYIN_INITIAL_SCORE

    page = "\n".join(
        [*ZH_PAGE[:2], "各乡镇卫生院积极开展义y诊z现x场c，前来咨询的群众络绎不绝。", *ZH_PAGE[2:]]
    )
    hits = [f for f in detector.scan(page) if f.score == PINYIN_INITIAL_SCORE]
    assert [page[f.start : f.end] for f in hits] == ["y", "z", "x", "c"]
    assert all(f.label == "keyword_injection" for f in hits)
    assert "义诊现场" in detector.clean(page)
    clean = "\n".join([*ZH_PAGE, "小米14 Ultra 发布后，A股相关板块上涨，医院的X光设备也在更新。"])
    assert not any(f.score == PINYIN_INITIAL_SCORE for f in detector.scan(clean))


@pytest.mark.parametrize(
    ("sentence", "brand"),
    [
        ("会议强调，开云体育(中国)官方网站各级各部门要压实工作责任。", "开云体育(中国)官方网站"),
        ("4月12日上午，乐鱼体育烟台市政府召开专题会议。", "乐鱼体育"),
        ("市长在会上指出，bet365体育在线当前正值森林防火关键期。", "bet365体育在线"),
        ("各区市要加强值班值守，ag真人官方网站确保信息畅通。", "ag真人官方网站"),
        ("市長在會上指出，必威體育當前正值森林防火關鍵期。", "必威體育"),
    ],
)
def test_a_betting_brand_spliced_into_chinese_prose_is_flagged_with_its_betting_words(
    detector, sentence, brand
):
    """The lexicon's brands (``patterns.gambling_brands``), which the span model, never having
    seen them, reads as article before a word as common as 体育; Traditional characters too."""
    from pagesieve.span_rules import GAMBLING_BRAND_SCORE

    page = "\n".join([*ZH_PAGE[:2], sentence, *ZH_PAGE[2:]])
    flags = detector.scan_batch([page], explain=True)[0]
    hit = [f for f in flags if page[f.start : f.end] == brand]
    assert len(hit) == 1 and hit[0].label == "keyword_injection", flags
    assert hit[0].score >= GAMBLING_BRAND_SCORE and "betting brand" in hit[0].reason
    assert len(flags) == 1  # the sentence around it is the article's
    assert sentence.replace(brand, "") in detector.clean(page)


def test_ordinary_words_that_hold_a_brand_name_are_not_flagged(detector):
    """打开云盘 holds 开云, 热爱游戏 爱游戏, 中华体会 华体会; a casino operator's name in the news
    of Macau's resorts is no spam; a brand's letters inside a word or a host name are not it."""
    from pagesieve.span_rules import GAMBLING_BRAND_SCORE

    clean = [
        "用户打开云盘后即可查看文件，热爱游戏的学生在快乐鱼塘边交流，深入体会中华体会到的文化。",
        "银河娱乐与永利澳门公布季度业绩，澳门金沙中国的酒店入住率回升。",
        "Google的母公司alphabet365天内的股价表现，以及NBA体育频道的收视率。",
    ]
    page = "\n".join([*ZH_PAGE, *clean])
    assert not any(f.score == GAMBLING_BRAND_SCORE for f in detector.scan(page))
    detector_threshold = detector.threshold
    try:  # a --threshold above the rule's score turns it off
        detector.threshold = 0.99
        spliced = "\n".join([*ZH_PAGE[:2], "4月12日上午，乐鱼体育烟台市政府召开专题会议。"])
        assert not any(f.score == GAMBLING_BRAND_SCORE for f in detector.scan(spliced))
    finally:
        detector.threshold = detector_threshold


def test_a_line_of_brands_or_of_a_brand_and_its_offer_is_flagged_whole(detector):
    """``金年会官网_金年会app下载_金年会注册`` is a list of brands, ``…注册即送88元…`` an ad: the
    whole line, not its brands one by one; one brand in a sentence stays a span."""
    from pagesieve.span_rules import GAMBLING_BRAND_SCORE, gambling_brand_flags

    for line in (
        "金年会官网_金年会app下载_金年会注册",
        "开云体育官方网站入口，注册即送88元，体育、真人、电子一站式服务，全天在线客服。",
    ):
        page = "\n".join([*ZH_PAGE[:2], line, *ZH_PAGE[2:]])
        flags = detector.scan(page)
        assert [page[f.start : f.end] for f in flags] == [line], flags  # by the model or the rule
        # the rule alone, on every line (session 36's model scores the first line 0.973, over
        # the rule's score, so no threshold puts the model's flag out of the way)
        scores = detector.score_batch([page])
        every = np.ones(len(scores.p_noise), dtype=bool)
        hit = [f for _, f in gambling_brand_flags(scores, every, [], False)]
        assert [(page[f.start : f.end], f.score) for f in hit] == [(line, GAMBLING_BRAND_SCORE)]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"threshold": float("nan")},
        {"threshold": -1},
        {"threshold": 1.5},
        {"threshold": True},
        {"members": True},
        {"members": 1.5},
        {"members": 0},
        {"path": ""},
    ],
)
def test_load_refuses_what_the_command_line_refuses(kwargs) -> None:
    """A nan threshold flagged nothing at all, not even a template line, without a word."""
    from pagesieve import Detector

    with pytest.raises(ValueError):
        Detector.load(**kwargs)


def test_a_paragraph_without_its_splices_is_cut_in_one_pass():
    from pagesieve.types import without_spans

    text = "  烟(yan)台(tai)市政府，开云体育召开会议  "
    spans = [(18, 22), (3, 8), (9, 14)]  # in any order
    assert without_spans(text, spans) == "  烟台市政府，召开会议  "
    assert (
        without_spans(text, [(3, 10), (5, 14)]) == "  烟市政府，开云体育召开会议  "
    )  # overlapping
    assert without_spans(text, []) == text
