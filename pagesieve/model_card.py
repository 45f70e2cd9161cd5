"""Writes ``model/MODEL.md`` from the training metadata and the held-out figures."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pagesieve.artifact import DEFAULT_MODEL, MODEL_DIR
from pagesieve.unread_pages import OTHER_ALPHABET_SHIFT, UNREAD_PAGE_SHIFT
from pagesieve.written_pages import WRITTEN_TEST_SETS

PEERS: tuple[tuple[str, str], ...] = (("c4", "C4 line rules"), ("justext", "jusText"))


def _row(name: str, s: dict) -> str:
    return (
        f"| {name} | {s['paragraphs']:,} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
        f"{s['article_flagged']:.3f} | {s['char_recall']:.3f} | {s['char_article_flagged']:.3f} |"
    )


_HEAD = (
    "| set | paragraphs | precision | recall | F1 | article flagged | char recall | char article flagged |\n"
    "|---|---|---|---|---|---|---|---|"
)


def numerics_line(numerics: dict | None) -> str:
    """How the model was fitted, so that a retrain can be compared with it (``pagesieve.numerics``)."""
    if not numerics:
        return (
            "Fitted before `train.py` pinned its arithmetic (`pagesieve/numerics.py`): a retrain"
            " gives another draw of the same code."
        )
    libs = ", ".join(
        f"{k} {numerics[k]}" for k in ("numpy", "scipy", "scikit-learn") if k in numerics
    )
    blas, threads = numerics.get("blas", "?"), numerics.get("threads", "?")
    how = (
        f"numpy's baseline kernels, OpenBLAS's {blas} kernel on one thread and {threads} threads"
        " for scikit-learn, whatever the machine"
        if numerics.get("pinned") == "yes"
        else f"the machine's own kernels (OpenBLAS {blas}) and threads ({threads}), not pinned"
    )
    return (
        f"Fitted on {numerics.get('machine', '?')} with Python {numerics.get('python', '?')}, {libs};"
        f" {how} (`pagesieve/numerics.py`)."
    )


def load_baselines(out: Path) -> dict | None:
    """``model/baselines.json`` (written by ``bench/baselines.py``), or None when absent."""
    path = Path(out) / "baselines.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _trio(s: dict | None) -> str:
    if not s:
        return "– | – | –"
    return f"{s['f1']:.3f} | {s['recall']:.3f} | {s['article_flagged']:.3f}"


_TRIO_HEAD = (
    "| {what} | paragraphs | pagesieve F1 | recall | article flagged | C4 F1 | recall | "
    "article flagged | jusText F1 | recall | article flagged |\n|---|---|---|---|---|---|---|---|---|---|---|"
)


def peer_section(results: dict, baselines: dict) -> list[str]:
    """ "Peers through the same evaluator": pagesieve beside C4's line rules and jusText."""
    v = baselines.get("versions", {})
    lines = [
        "## Peers through the same evaluator",
        "",
        "The same pages, the same scoring (`pagesieve.evaluate`), and whole-line flags for the",
        "peers (`pagesieve/baselines.py`; `python detect.py eval --baseline c4|justext FILE`",
        "scores them on any labeled file):",
        "",
        f"- **C4 line rules**: datatrove {v.get('datatrove', '?')} `C4QualityFilter` in line mode with",
        "  its defaults (terminal punctuation, at least 3 words, no `javascript`, no policy phrases,",
        "  words under 1,000 characters); when the filter drops the whole page (under 5 sentences,",
        "  lorem ipsum, a curly bracket) every line is flagged. The mirror agrees with datatrove's",
        "  own filter on "
        + (
            f"{c['pages'] - c['disagree']:,} of {c['pages']:,} pages."
            if (c := baselines.get("c4_mirror_vs_datatrove"))
            else "the sample pages (tests)."
        ),
        f"- **jusText** {v.get('justext', '?')}: default settings, each line an escaped `<p>`; lines",
        "  it classifies as boilerplate are flagged. Stoplist: the page's language when jusText has",
        "  one, else English (it has none for Chinese or Japanese).",
        "",
        "Rebuilt by `python bench/baselines.py` (writes `model/baselines.json`), then",
        "`python train.py --eval-only`.",
        "",
        _HEAD,
    ]
    for key, name in (
        ("dev", "pages/dev"),
        ("zh_dev", "zh/pages (Chinese dev)"),
        ("modern_news_test", "English news pages of today's sites"),
    ):
        if key not in results:
            continue
        lines.append(_row(f"**{name}**: pagesieve", results[key]["overall"]))
        for peer, label in PEERS:
            if key in baselines.get(peer, {}):
                lines.append(_row(f"{name}: {label}", baselines[peer][key]["overall"]))
    lines += [
        "",
        "On the Chinese pages both peers flag nearly everything: Chinese lines end in `。`, which",
        "C4's rule does not count as terminal punctuation, so most pages fall under 5 sentences",
        "and are dropped whole; jusText finds no English stopwords in Chinese text and calls",
        "every paragraph boilerplate.",
        "",
        "### Peers by source (dev)",
        "",
        _TRIO_HEAD.format(what="source"),
    ]

    def peer(name: str, key: str, group: str, k: str) -> dict | None:
        return baselines.get(name, {}).get(key, {}).get(group, {}).get(k)

    for src, s in results.get("dev", {}).get("by_source", {}).items():
        lines.append(
            f"| {src} | {s['paragraphs']:,} | {_trio(s)} | {_trio(peer('c4', 'dev', 'by_source', src))} | "
            f"{_trio(peer('justext', 'dev', 'by_source', src))} |"
        )
    lines += [
        "",
        "Per source on all of its pages, beside the leave-one-source-out models: [`LOSO.md`](LOSO.md).",
        "",
        "### Peers: recall by kind",
        "",
        "| set | kind | paragraphs | pagesieve | C4 | jusText |",
        "|---|---|---|---|---|---|",
    ]
    for key in ("dev", "zh_dev"):
        for kind, s in results.get(key, {}).get("recall_by_kind", {}).items():
            cells = []
            for name, _ in PEERS:
                p = peer(name, key, "recall_by_kind", kind)
                cells.append(f"{p['recall']:.3f}" if p else "–")
            lines.append(
                f"| {key} | {kind} | {s['paragraphs']:,} | {s['recall']:.3f} | {' | '.join(cells)} |"
            )
    lines += ["", "### Peers by language", "", _TRIO_HEAD.format(what="set: language")]
    for key in ("dev", "zh_dev"):
        for lang, s in results.get(key, {}).get("by_lang", {}).items():
            lines.append(
                f"| {key}: {lang} | {s['paragraphs']:,} | {_trio(s)} | "
                f"{_trio(peer('c4', key, 'by_lang', lang))} | "
                f"{_trio(peer('justext', key, 'by_lang', lang))} |"
            )
    return lines + [""]


def loso_peer_section(loso: dict, baselines: dict) -> list[str]:
    """LOSO.md's peer table: each source's LOSO model beside C4 and jusText on the same pages."""
    lines = [
        "",
        "## Peers on the same pages",
        "",
        "C4's line rules and jusText (`pagesieve/baselines.py`, see MODEL.md) need no training;",
        "they are scored on exactly the pages each left-out model was scored on, through the same",
        "evaluator. Rebuilt by `python bench/baselines.py`.",
        "",
        _TRIO_HEAD.format(what="source").replace("pagesieve F1", "pagesieve (LOSO) F1"),
    ]
    for src, r in loso.items():
        c4 = baselines.get("c4", {}).get("loso", {}).get(src)
        jt = baselines.get("justext", {}).get("loso", {}).get(src)
        lines.append(f"| {src} | {r['paragraphs']:,} | {_trio(r)} | {_trio(c4)} | {_trio(jt)} |")
    return lines


def _span_threshold_line(meta: dict) -> str:
    groups = meta.get("span_thresholds")
    if not groups:
        return (
            f"- span threshold **{meta['span_threshold']:.3f}**: the 99th percentile of the span"
            " score of"
        )
    named = ", ".join(f"{g} {t:.3f}" for g, t in groups.items())
    return (
        f"- span thresholds **{named}** (Latin-script kinds; Chinese gambling-word, bracket and"
        " pinyin kinds; search queries): per group, the 99th percentile of the span score of"
        " that group's"
    )


#: what the card says of a span group's threshold, for the groups a model has
_SPAN_GROUP_NOTES = {
    "query": (
        "  The search queries' group (`query`: runs of commerce's and spam's words in",
        "  English sentences, at several extents) also stays above every candidate on the",
        "  article lines of the written English training pages, which the span model never",
        "  reads (the calibration pages hold too few of them, all scored low).",
    ),
    "cjk_clause": (
        "  The Chinese candidates that start a clause (`cjk_clause`, read by a model of",
        "  their own) take the 99.8th percentile of theirs: a clause of an article opens",
        "  with its own words, gambling words too in news about lotteries or sport.",
    ),
    "cjk_trade": (
        "  Names of the form `X国际` (`cjk_trade`: a gambling site's name without a betting",
        "  word, put where an organisation's name stood) take the 99.8th percentile of theirs,",
        "  and the other groups' percentiles leave them out: `国际` is as common in news as",
        "  any word.",
    ),
}


def _span_group_notes(meta: dict) -> list[str]:
    """The notes of ``_SPAN_GROUP_NOTES`` on the span groups the model has thresholds for."""
    groups = meta.get("span_thresholds") or {}
    return [line for group, lines in _SPAN_GROUP_NOTES.items() if group in groups for line in lines]


def artifact_line(path: Path, size_mb: float, digest: str) -> str:
    """The card names its own artifact: a model trained with ``--out`` elsewhere is not the
    shipped ``model/pagesieve.joblib``, whose name every card carried before."""
    path = Path(os.path.abspath(path))
    try:
        shown = path.relative_to(MODEL_DIR.parent).as_posix()
    except ValueError:
        shown = str(path)
    return f"Artifact: `{shown}` ({size_mb:.1f} MB), sha256 `{digest}`."


def render(
    meta: dict,
    results: dict,
    digest: str,
    size_mb: float,
    command: str,
    baselines: dict | None = None,
    artifact: Path = DEFAULT_MODEL,
) -> str:
    from pagesieve.synth import topical_news_pages
    from pagesieve.training import QUERY_SPLICE_PAGES, TOPICAL_BODY_COPIES, TOPICAL_TITLE_SPLICES

    lines = [
        "# pagesieve model card",
        "",
        artifact_line(artifact, size_mb, digest),
        f"Rebuilt by `{command}` (seed {meta['seed']}"
        + (
            f", {meta['fit_seconds']:.0f} s of fitting on a 2-core machine)."
            if "fit_seconds" in meta
            else ")."
        )
        + (
            f" Span model refit by `python train.py --spans-only` ({meta['span_fit_seconds']:.0f} s)."
            if "span_fit_seconds" in meta
            else ""
        )
        + (
            " Paragraph thresholds chosen again by `python train.py --thresholds-only`"
            f" ({meta['recalibration_seconds']:.0f} s)."
            if "recalibration_seconds" in meta
            else ""
        ),
        "",
        numerics_line(meta.get("numerics")),
        "",
        "## What it is",
        "",
        "A paragraph model in two stages plus a span model:",
        "",
        "1. a linear model (SGD, log loss) over token ids and hashed token pairs (Han/kana characters",
        "   are tokens, so Chinese gets character bigrams) and shape features, giving each paragraph",
        "   a class distribution on its own text;",
        "2. gradient-boosted trees over shape, stage-1 probabilities and page context: neighbours'",
        "   scores at ±1..3, windowed means, position, the article mass before and after, distance to",
        "   long article paragraphs, similarity to the page's vocabulary (all of it, and only beyond",
        "   the three neighbours on each side, which an injected block cannot vouch for), script",
        "   mismatch, duplicates, and on pages in Latin or Cyrillic letters a comment section: the",
        "   highest stage-1 comment score above the paragraph and the mean over five on each side",
        "   (comments are prose that reads as article on its own, and open a section that runs to",
        "   the page's end; missing on Chinese pages and other alphabets, where it cost them);",
        *(
            [
                f"   Stages 1 and 2 are an ensemble of {meta['members']} such models, each fitted on its own",
                "   draw of synthetic training pages (the real pages are the same) with one vocabulary;",
                "   a paragraph's score is their mean log-odds (`pagesieve/ensemble.py`): a retrain's",
                "   figures move with the draw, and the mean of several draws moves less and ranks better;",
            ]
            if meta.get("members", 1) > 1
            else []
        ),
        "3. a span model (logistic regression over character n-grams, words and page-fit features)",
        "   over candidate phrases found by patterns inside paragraphs that belong (comma splices,",
        "   glued related links, Chinese gambling words and brand names, pinyin insertions, runs",
        "   of search-query words at every extent, with a model and threshold of their own); the",
        "   Chinese kinds have a model and a threshold of their own: gradient-boosted trees over",
        "   the linear score, the dense features and the seams, which tell how well the characters",
        "   on each side of the candidate go together and the two outer neighbours with each other",
        "   (character-pair statistics of clean Chinese articles that no training or calibration",
        "   page holds; a splice leaves two weak seams around a strong join). The trees learn from",
        "   linear scores of folds split by phrase, so they learn what to trust for a phrase the",
        "   linear model never saw. A Chinese headline glued to the next sentence has no junction",
        "   that case shows: every end after its label is a candidate, read as the label and the",
        "   headline's last characters (not the headline's words, which would teach the training",
        "   headlines), and the trees pick the end where the seam is weak. The two characters on",
        "   each side of a Chinese candidate are words of their own: a gambling word in its ordinary",
        "   sense comes with its collocations (福利|彩票, 景区|官网, 出海|捕鱼).",
        "",
        "A paragraph is flagged when its stage-2 score reaches the threshold; its label is the most",
        "likely non-article class of stage 1. At scan time, paragraphs with mojibake (UTF-8 read",
        "as Windows-1252: `â€™`, `Â©`) are repaired with ftfy before their features are computed;",
        "fitting keeps the synthetic mojibake of the training pages as it is, so the model also",
        "copes with what the repair misses (the dev pages served with the wrong charset below).",
        "Where the repair undoes one whole wrong decode, spliced phrases are looked for in the",
        "repaired paragraph too, and flagged on the damaged characters that hold them: a Chinese",
        "page served with the wrong charset has no Han character left to find a brand by.",
        "The rules that flag whole lines read such paragraphs repaired too (a forum's floors, a",
        "list of related stories).",
        "Rules stand beside the model, each with a score of its own: a CMS's unrendered",
        "syntax inside prose that belongs (`{dede:…}`, `[field:…/]`, `[!--…--]`, `[e:loop]`,",
        "WordPress shortcodes, and template engines' expressions by their shape: `{{ title|upper",
        "}}`, `{% for … %}`, `<%= … %>`, `${…}`, `{$post->title}`, `@Model.Title`, `<txp:title />`,",
        "`[node:title]`, `*|FNAME|*`; not on a line of code nor on a page that names a language or",
        "an engine) is flagged alone as `placeholder` (0.99); a line that opens with a",
        "tags label (`Tags:`, `Filed under`, `标签`, `本文关键词`…) then a short list, or a",
        "blog's post meta line, is `navigation` (0.92); a line that is one piece of furniture",
        "alone (`Tweet`, `3 Comments`, `Story continues below advertisement`, `7 min read`,",
        "`Back to top`, `当前位置：…`, `分享到：`, and of today's news sites `Reject All`,",
        "`Sign up for our … newsletter`, `READ MORE: <headline>`, `Terms of Use`; a menu on one",
        "line, `News | Health | Schools | Events`, unless the next line holds as many bars (a",
        "table's header); a related list on one line, `Most read: <headline> · <headline>`; a",
        "breadcrumb, `Home / Reviews / Power Banks`; a messenger contact alone, `WhatsApp: +86 …`;",
        "an item of a share bar written one item a line, `Facebook` over `X` and `Email`;",
        "a supplier's ad line with two trade terms, `MOQ 500 pcs, lead time 15 days`; a page's",
        "poll, paywall or appeal, `Was this page helpful?`, `Subscribe from £1`; a market ticker,",
        "`S&P 500 5,221.42 +0.61%`; a shop's affiliate disclosure, `We may earn a commission…`)",
        "is flagged by its kind (0.98), each line read repaired and in Simplified characters",
        "(on a page in another language also a furniture word the model cannot read beside",
        "another furniture line, `공유하기` over `인쇄`, unless a sentence around it explains the",
        "word; a footer's bar of links half of whose names the tables know; a site's copyright",
        "line by its sign and a year or a company, `© 2025 X Corp.`, unless an article on",
        "copyright quotes it; a line of three hashtags alone; a Korean site's imprint line,",
        "`… | 대표전화 … | 등록번호 …`); a",
        "related-stories",
        "heading (`Related Stories`, `相关新闻`) and the short lines under it are `navigation` (0.93);",
        "a betting brand of Chinese gambling spam and the betting words after it (`开云体育(中国)官方网站`,",
        "`bet365体育在线`, `ag真人官方网站`: a lexicon of 86 names, `patterns.gambling_brands`) is",
        "a `keyword_injection` span (0.97), in place of the span model's flags it overlaps; a line",
        "of three brands or more, or of a brand and its offer (`注册即送88元`), is flagged whole;",
        "the names that a Chinese page's flagged lines of gambling spam advertise (words only",
        "betting spam uses, `彩金`, `线路检测`, a brand of the lexicon, or a site's name before its",
        "app and its entrance, `沐星体育app下载-沐星体育官方入口`), with the bare names that its brand",
        "lists give on such a page (`友情链接：凯旋门娱乐 | 必发汇 | 德胜坊`), are `keyword_injection`",
        "spans (0.9) where the page's kept prose uses them again (`…，德胜坊街道将对…`), unless",
        "clean prose uses them as words (`福利`, `中国`) or the page uses them more than six times,",
        "its own subject (`pagesieve/advertised_names.py`); a Chinese line the model keeps that",
        "is such spam with an offer or a host name in it (`盛世鑫国际 ssx3366.com 新会员注册送彩金`),",
        "short, no sentence ended in it, no list number or quotation marks (a police notice",
        "quoting the sites), is an `ad` (0.9) whole, and names its brands too, as is a line of",
        "a spam lottery's results or tips (`第20241102-088期：1-5名定位胆 冠军 02 05 07…`); a line of",
        "keywords that lists two betting sites or more (`关键词：事业单位招聘,青石县,金沃坊娱乐,`",
        "`万盛汇官网`) is `navigation` (0.9) (`pagesieve/betting_lines.py`);",
        "a related story's link glued between two sentences (`…remained high.SEE ALSO: <headline>`)",
        "is a `navigation` span (0.95); and up to three lines right over an ad flagged as such, a",
        "product line and a maker's blurb, are `ad` (0.9) when they share two of the ad's words",
        "and three times as many as they share with the rest of the page (`pagesieve/ad_leads.py`):",
        "the model, which has seen no ad line that long, reads a blurb as prose; a Latin line",
        "stage 1 reads as an ad (0.9) and the model gives 0.4 or more is an `ad` (0.9) when at",
        "most a fifth of its words are on the page's other kept lines (`foreign_ad_lines`); a",
        "Latin line with a consumer ad's terms, a call to action, a code or a terms note beside",
        "a price or a discount (`Get 20% off your first order with code LONGTABLE.`), is an `ad`",
        "(0.9) when the model gives it 0.3 and at most half its words are on the page's other",
        "kept lines (`consumer_ad_lines`): stage 1 reads such an ad as a menu; and on a Chinese",
        "page, a readers' thread found by its rhythm (three name-and-time lines or more, close",
        "together, under a count such as `5 則留言` or between rows of `回复 支持 反对`) is",
        "`comment` (0.9) from its count or its second time line to its last comment",
        "(`pagesieve/comment_threads.py`): its comments read as prose (on a page in Latin or",
        "other letters the same rule, with that script's marks, runs on pages in other languages",
        "than English, and on English ones only with `--drop-comment-threads`: CleanEval's gold",
        "keeps blogs' comments); and three or more",
        "lines close together that each end in a date, with its year or with a time of day",
        "(`…(11/10 13:08)`, `【老周】05-11 16:58 138字 [140/0]`, `2006.12.17 - 2006.12.23`),",
        "are `navigation` (0.9), a list's items: a forum's index of replies, related headlines",
        "with their times, a blog's archive (`pagesieve/dated_lists.py`), never a date after a",
        "field's colon (`截止日期：2024年11月28日`), a list a sentence introduces (`…如下：`) or",
        "an item the model gives under 0.1 (an article's aftershocks, fixtures, changelog).",
        "The scores are the rules'",
        "precision on the labeled pages, and a `--threshold` above a rule's score turns it off.",
        "One rule takes flags away: a table an extractor writes one cell a line (`2008` /",
        "`Midnight Harbor` / `Ruth Aldane` / `Short film`), which the model reads as a menu, is",
        "kept when its cells' kinds (years, counts, money, dates, scores, text) come back with",
        "its width, two columns or more hold numbers, and it follows the article's prose, its",
        "header at most four short lines below it and under no ad marker or share bar, or the",
        "table before it (a box score's second team; `pagesieve/cell_tables.py`, chosen on six",
        "blind audits, `data/en_web/audit_tables_*`: article lines flagged 37.0% → 22.9%,",
        "40.5% → 29.3%, 5.1% → 4.2%, 19.7% → 16.1%, 35.7% → 32.8% and 8.7% → 2.4%; 34 of the",
        "widgets' noise lines kept over audits b to f, e read after it was scored).",
        "The furniture and related-stories rules also know the fixed phrases of pages in 28 more",
        "languages (`pagesieve/furniture_words.py`: `Anzeige`, `Lire la suite`, `Комментарии (3)`,",
        "`Lesen Sie auch: …`, bars of such links), looked up as whole lines on pages whose tokens",
        "are under 5% English function words and not Chinese; a phrase alone other",
        "than an ad's marker only where the model already gives the line 0.4 or more, since an",
        "article's own heading (`Impressum` over a paragraph on imprint law) reads the same.",
        "A page's first line is its title to the line rules, but for the furniture's: a crawl's",
        "text opens with `Skip to main content` or a menu as often (over the labeled pages, the",
        "first lines those rules take are noise 694 times and article twice), unless a sentence",
        "under it takes up each of its words; a cookie banner's sentence in the site's voice is",
        "flagged there too, but not on a page with two more sentences about cookies (a site's",
        "cookie policy).",
        "On a page neither English nor Chinese (English function words under 3% of its tokens,",
        "Han, kana and Hangul under 10% of its characters, its letters Latin or Cyrillic) the",
        "model knows few words and scores timidly: every paragraph score there is raised by",
        f"{UNREAD_PAGE_SHIFT:.2f} in log-odds (`pagesieve/unread_pages.py`), the largest raise that",
        "flags at most 1.6% of the article lines of 48 pages written for the purpose in eight",
        "languages and never fitted on (`data/unread_pages/shift.jsonl`, `bench/unread_pages.py`;",
        "English pages written the same way lose 1.4-2.1% at the operating point); a page in",
        "Greek, Arabic, Hebrew, Devanagari, Thai or another alphabet (a tenth of its characters)",
        f"by {OTHER_ALPHABET_SHIFT:.2f}, chosen the same way on 24 pages in six such languages",
        "(`data/other_alphabets/shift.jsonl`, `bench/unread_pages.py --alphabets`). Japanese and",
        "Korean pages (a tenth of their characters kana or Hangul) are not raised: chosen the same",
        "way (`data/ja_ko_pages/shift.jsonl`, `--kana`, `--hangul`), their raises flagged 3.0% of",
        "the article lines of their blind test pages, and they get the furniture words of their",
        "language and the Chinese pages' comment threads instead. Their test pages are scored",
        "below.",
        "Lines in Traditional Chinese characters are read in their Simplified forms wherever",
        "features are computed (OpenCC's table, one character for one, so offsets stay): the",
        "words, cues and span patterns learned in one script serve the other",
        "(`bench/traditional.py`).",
        "The letters of alphabets the corpora lack (Greek, Cyrillic, Armenian, Hebrew, Arabic,",
        "Devanagari…) are read as Latin letters by the shape features (upper or lower case, lower",
        "where the alphabet has none), and their sentence ends (`।`, `؟`) as sentence ends. Read",
        "by script, such lines looked like the language menus of the English pages: on the dev",
        "pages with their letters mapped onto those alphabets (`pagesieve/scripts.py`, the row",
        "below) the model of that day flagged 36.1% of the article paragraphs; read as Latin, 6.2%.",
        "The context model's trees are stored as scikit-learn fitted them and exported for ONNX",
        "Runtime, which scores them at scan time (`pagesieve/compiled_trees.py`): the same",
        "thresholds and leaf values in double precision, so every row takes the same path, 4-7",
        "times as fast as scikit-learn's predictor. Each export carries rows scored by",
        "scikit-learn; where the runtime does not reproduce them, scikit-learn scores the trees.",
        "",
        "## Data",
        "",
        f"- {meta['training_pages']:,} training pages, {meta['training_paragraphs']:,} paragraphs: real pages",
        "  from `corpora/pages/train` (minus a 10% calibration slice), the same pages and their article",
        "  paragraphs alone with injections from `data/patterns/train`, and Chinese articles from",
        "  `corpora/zh/articles` (minus a 10% held-out slice) wrapped in Chinese page furniture.",
        "  15% of the Chinese pages hold an infobox, table or agenda built from the article's own",
        "  phrases, dates and numbers (labeled article), and 15% one built from another article's",
        "  (labeled noise): the same shape on both sides, so the page's vocabulary decides",
        "  (`pagesieve/article_tables.py`).",
        *(
            [
                f"- The context model reads {meta['alphabet_copies']:.0%} of the English pages"
                " (real, injected, article-only)",
                "  a second time in another alphabet, each page's letters assigned in a random order",
                "  (`train.py --alphabet-copies`, `pagesieve/scripts.py`): words it cannot know, so",
                "  that it judges such a page by its shape and context. Stage 1 and the vocabulary",
                "  are fitted without them, and no copy takes the fixed letters of the dev pages in",
                "  other alphabets below.",
            ]
            if meta.get("alphabet_copies")
            else []
        ),
        f"- The span model also reads {len(topical_news_pages('train'))} Chinese news items the"
        " project wrote in the ordinary senses",
        "  of gambling words (lotteries, Macau's resorts, police work against gambling, 旅游线路,",
        f"  官网, 捕鱼) as clean text, once whole and {TOPICAL_BODY_COPIES} more times without"
        " their titles",
        f"  (`data/patterns/gambling_news/train.txt`), and {TOPICAL_TITLE_SPLICES} times with a"
        " keyword phrase spliced into",
        "  the title (the training pages' own splices go into paragraphs of over 40 characters).",
        *(
            [
                f"- The Chinese span model also reads {meta['zh_clause_splices']:,} copies of"
                " Chinese training pages with a",
                "  keyword phrase put at the start of a clause (after `，`, `、`, `；`, `：` or a"
                " sentence's end):",
                "  the training pages' own splices go after a Han character, never after a comma.",
            ]
            if meta.get("zh_clause_splices")
            else []
        ),
        *(
            [
                f"- The search queries' span model reads {QUERY_SPLICE_PAGES:,} copies of English"
                " training pages with a",
                "  query of `data/patterns/train/spam_query_en.txt` (or a keyword phrase) put into"
                " an article",
                "  sentence with blanks on both sides, after a comma or a sentence's end, or in"
                " brackets; mostly",
                "  in lower case, as typed.",
            ]
            if "query" in (meta.get("span_thresholds") or {})
            else []
        ),
        *(
            [
                "- "
                + f"{sum(meta['written_pages'].values())} labeled pages the project wrote"
                + " (`data/`, `pagesieve/written_pages.py`), each line weighing"
                + f" {meta['written_weight']:g} in the fit:",
                "  today's news and web pages, English articles copied by spam sites, Chinese pages",
                "  with gambling spam and ordinary Chinese pages, pages in eight other languages: "
                + ", ".join(f"`{f}` {n}" for f, n in meta["written_pages"].items())
                + "."
                + "".join(
                    f" The lines of `{f}` weigh {meta['written_weight'] * share:g}."
                    for f, share in (meta.get("written_set_share") or {}).items()
                ),
                "  Their test halves and holdouts are only scored (below).",
            ]
            if meta.get("written_pages")
            else []
        ),
        "- Class counts: " + ", ".join(f"{k} {v:,}" for k, v in meta["class_counts"].items()) + ".",
        "- Never trained on: `pages/dev`, `zh/pages` (the Chinese dev set), the held-out template bank",
        "  `data/patterns/heldout`, the held-out topical news (`data/patterns/gambling_news/heldout.txt`),",
        "  the examples.",
        "",
        "## Thresholds",
        "",
        f"- paragraph threshold **{meta['threshold']:.3f}**: chosen on the calibration slice so that at",
        "  most 8% of its article paragraphs are flagged, each page weighing at most 30 article",
        "  paragraphs (`OPERATING_ARTICLE_FLAGGED` in `pagesieve/training.py`), "
        + (
            f"over {meta['calibration_draws']} draws of its synthetic pages pooled\n"
            "  (`CALIBRATION_DRAWS`: one draw alone put the threshold anywhere from 0.84 to 0.90,\n"
            "  pools of 8 within 0.01; `bench/calibration_draws.py`)."
            if meta.get("calibration_draws", 1) > 1
            else "on one draw of its synthetic pages."
        ),
        "  `--threshold` moves it: higher keeps more text, lower catches more.",
        *(
            [
                "- the first members alone (`detect.py scan --members K`, faster), by the same rule: "
                + ", ".join(
                    f"{k} member{'s' if int(k) > 1 else ''} **{t:.3f}**"
                    for k, t in meta["member_thresholds"].items()
                )
                + "."
            ]
            if meta.get("member_thresholds")
            else []
        ),
        _span_threshold_line(meta),
        "  candidates in clean calibration article text (at least 0.5); candidates that touch a",
        "  splice (part of one, or one with its neighbours) are not clean text and are left out.",
        *_span_group_notes(meta),
        "",
        "## Held-out figures",
        "",
        "Measured through the `detect.py scan` flags; a paragraph counts as flagged when at least half",
        "of its characters are (a flagged splice in an article paragraph included: on the examples,",
        "the line half of which is its glued link counts as an article paragraph flagged). Positive",
        "class = does not belong. Character-weighted figures count a splice's characters as noise.",
        "",
        _HEAD,
    ]
    if "dev" in results:
        lines.append(_row("**pages/dev**", results["dev"]["overall"]))
        for src, s in results["dev"]["by_source"].items():
            lines.append(_row(f"dev: {src}", s))
    if "dev_misdecoded" in results:
        lines.append(
            _row("pages/dev served with the wrong charset", results["dev_misdecoded"]["overall"])
        )
    if "dev_other_alphabets" in results:
        lines.append(
            _row(
                "pages/dev in other alphabets (letters mapped)",
                results["dev_other_alphabets"]["overall"],
            )
        )
    if "zh_dev" in results:
        lines.append(_row("**zh/pages (Chinese dev)**", results["zh_dev"]["overall"]))
    for key, _, name in WRITTEN_TEST_SETS:
        if key in results:
            lines.append(_row(name, results[key]["overall"]))
    if "examples" in results:
        lines.append(_row("**examples**", results["examples"]["overall"]))
    for fam, r in results.get("heldout_synthetic", {}).items():
        lines.append(_row(f"held-out templates: {fam}", r["overall"]))
    if "heldout_zh_misdecoded" in results:
        lines.append(
            _row(
                "held-out templates, Chinese pages served with the wrong charset",
                results["heldout_zh_misdecoded"]["overall"],
            )
        )
    lines += [
        "",
        "### Recall by kind",
        "",
        "| set | kind | paragraphs | recall |",
        "|---|---|---|---|",
    ]
    for name in ("dev", "zh_dev", "examples"):
        for kind, v in results.get(name, {}).get("recall_by_kind", {}).items():
            lines.append(f"| {name} | {kind} | {v['paragraphs']:,} | {v['recall']:.3f} |")
    for fam, r in results.get("heldout_synthetic", {}).items():
        for kind, v in r["recall_by_kind"].items():
            lines.append(f"| held-out {fam} | {kind} | {v['paragraphs']:,} | {v['recall']:.3f} |")
    lines += ["", "### By language (dev)", "", _HEAD]
    for lang, s in results.get("dev", {}).get("by_lang", {}).items():
        lines.append(_row(lang, s))
    for key, what in (
        ("unread_test", "pages in other languages, `data/unread_pages/test.jsonl`"),
        ("other_alphabets_test", "pages in other alphabets, `data/other_alphabets/test.jsonl`"),
        ("ja_ko_test", "Japanese and Korean pages, `data/ja_ko_pages/test.jsonl`"),
        ("ja_ko_test2", "Japanese and Korean pages, `data/ja_ko_pages/test2.jsonl`"),
        ("es_fr_test", "Spanish and French pages, `data/es_fr_pages/test.jsonl`"),
        ("tr_th_test", "Turkish and Thai pages, `data/tr_th_pages/test.jsonl`"),
        ("vi_id_test", "Vietnamese and Indonesian pages, `data/vi_id_pages/test.jsonl`"),
        ("bn_ta_test", "Bengali and Tamil pages, `data/bn_ta_pages/test.jsonl`"),
    ):
        if key in results:
            lines += ["", f"### By language ({what})", "", _HEAD]
            for lang, s in results[key].get("by_lang", {}).items():
                lines.append(_row(lang, s))
    lines += [
        "",
        "### Spliced phrases",
        "",
        "| set | spans | caught | caught in English | caught in Chinese | rest of those lines flagged |",
        "|---|---|---|---|---|---|",
    ]
    for name, r in [
        ("examples", results.get("examples")),
        *((f"held-out {f}", r) for f, r in results.get("heldout_synthetic", {}).items()),
        ("held-out Chinese, wrong charset", results.get("heldout_zh_misdecoded")),
        # the written sets that hold spliced phrases (those without are left out below)
        *((name, results.get(key)) for key, _, name in WRITTEN_TEST_SETS),
    ]:
        if r and r["spans"]["total"]:
            s = r["spans"]
            by_lang = s.get("by_lang", {})
            per = [
                f"{by_lang[k]['rate']:.3f} ({by_lang[k]['total']})" if k in by_lang else "–"
                for k in ("en", "zh")
            ]
            lines.append(
                f"| {name} | {s['total']} | {s['rate']:.3f} | {per[0]} | {per[1]} "
                f"| {s['rest_of_line_flagged']:.3f} |"
            )
    if baselines:
        lines += [""] + peer_section(results, baselines)[:-1]
    lines += _calibration(results.get("calibration", {}), meta.get("threshold"))
    lines += [
        "",
        "## Leave-one-source-out",
        "",
        "See [`LOSO.md`](LOSO.md) (`python train.py --loso --out model`): one model per real source,",
        "trained without it and scored on all of its pages.",
        "",
    ]
    return "\n".join(lines)


def _calibration(cal: dict, threshold: float | None) -> list[str]:
    """Reliability of the score per source: does one threshold mean the same everywhere?"""
    if not cal:
        return []
    lines = [
        "",
        "## What a score means",
        "",
        "A paragraph's score is the context model's probability that it does not belong. Expected",
        "calibration error (ECE: the paragraph-weighted gap between mean score and observed share",
        "of junk, in score bins 0–.2–.5–.8–.9–1) and precision at the shipped threshold"
        + (f" ({threshold:.3f})" if threshold is not None else "")
        + ", per held-out source:",
        "",
        "| set | paragraphs | ECE | precision at threshold |",
        "|---|---|---|---|",
    ]
    for name, r in cal.items():
        views = [(name, r["overall"])] + [(f"{name} / {s}", v) for s, v in r["by_source"].items()]
        for label, v in views:
            prec = v["precision_at_threshold"]
            prec_s = f"{prec:.3f}" if prec is not None else "-"
            lines.append(f"| {label} | {v['paragraphs']:,} | {v['ece']:.3f} | {prec_s} |")
    curve = cal.get("dev", {}).get("operating_curve")
    if curve:
        lines += [
            "",
            "Choosing `--threshold` (dev paragraphs by their score; spliced-phrase spans aside):",
            "",
            "| threshold | recall | article flagged |",
            "|---|---|---|",
        ]
        for r in curve:
            mark = " (shipped)" if r["shipped"] else ""
            lines.append(
                f"| {r['threshold']:.3f}{mark} | {r['recall']:.3f} | {r['article_flagged']:.3f} |"
            )
    dev = cal.get("dev", {}).get("overall")
    if dev:
        lines += ["", "Reliability on dev (all sources):", ""]
        lines += [
            "| score bin | paragraphs | mean score | observed share of junk |",
            "|---|---|---|---|",
        ]
        for b in dev["bins"]:
            lo, hi = b["range"]
            lines.append(
                f"| {lo:.1f}–{hi:.1f} | {b['paragraphs']:,} | {b['mean_score']:.3f} | {b['observed_noise']:.3f} |"
            )
    lines += [
        "",
        "An isotonic recalibration fitted on the calibration slice was tried and dropped: it made the",
        "dev ECE worse (0.047 against 0.007), since the raw score of the trees is already close to a",
        "probability on the training sources. Between sources the spread is wider (see the table):",
        "a source-blind map cannot remove it, and the tool never knows a page's source;",
        "`--threshold` moves the operating point where a crawl needs it.",
    ]
    return lines


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
