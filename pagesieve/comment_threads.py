"""Readers' comment threads on Chinese pages, found by their rhythm.

A Chinese comment body reads as prose and the paragraph model keeps most of them: on the
written Chinese pages left out of training (``data/zh_pages/train_b``) it catches 0.28 of their
comment lines at its threshold. Training on synthetic Chinese comment sections cost English
comments and Chinese article lines alike (``bench/README.md``, session 46). What a thread has
that an article has not is its rhythm: a name-and-time line before each comment
(``发表于 2016-4-22 07:15``, ``阿凯　2019年3月18日 09:12``), a row of buttons after it
(``回复 支持 反对``), a count over it (``5 則留言``). Where a Chinese page holds at least three
such time lines close together and also a thread's count over them or two rows of buttons,
the lines from the first mark to the last are the thread. A forum's numbered floors
(``2楼　老胡开车　发表于 2024-1-9 09:17：…``, ``#3　…``, ``5# …``, the reply often on the header's
line) are time lines that need neither: three floors are a thread (session 47). Japanese and
Korean pages (a tenth of their characters kana or Hangul) are read the same way, with their own
buttons and counts (``返信 通報``, ``답글 신고``, ``コメント（86）``, ``댓글 24개``, a form's
heading ``コメントを書く``; session 63).

Threads on the other pages (``Jane Doe says:`` / ``March 3, 2019 at 4:12 pm`` / … / ``Reply``
under ``7 Responses``; ``Ελένη – 4 Μαρτίου 2021 στις 19:02`` and ``Απάντηση`` under ``3 σχόλια``
since session 61) are found the same way: on the pages in other languages than English by
default (since session 64: their labeled pages all call comments noise), on English ones only
when asked for (``Detector.comment_threads``, ``--drop-comment-threads``), since the labeled
pages disagree on whether a blog's comments belong. Dragnet and l3s-gn1 call them noise,
CleanEval article, and on ``pages/dev`` the rule adds 503 of the first's noise lines and 248 of
CleanEval's article lines (``bench/README.md``, session 60).

What is never taken: a page of neither script's thread; times without a date (a transcript's
``[10:02]``), dates without a time (a timeline, a table of broadcasts); a live blog's stamped
updates (no count, no buttons); and the stretch between two marks that holds the page's
longest run of prose (a forum's first post is its article, between its own header and
buttons). A thread without a count over it starts at its second time line: its first post
may be the page's own.
"""

from __future__ import annotations

import re

import numpy as np

from pagesieve.batch_text import join_paragraphs, lower_in_place
from pagesieve.patterns import literal_starts
from pagesieve.segment import Segments
from pagesieve.unread_pages import CJK_SHARE

#: a date with a time of day, as comment threads stamp a comment
_STAMP = (
    r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}[日.]?|\d{1,2}[-/月]\d{1,2}日?)[ \t　]*"
    r"(?:[(（]?[星周][期]?[一二三四五六日天][)）]?[ \t　]*)?"
    r"(?:上午|下午)?\d{1,2}:\d{2}(?::\d{2})?"
)
#: a name-and-time line: the stamp, with at most a name, a floor or a verb around it
TIME_LINE = re.compile(rf"^(?=[^\n]{{0,80}}$)[^\n]{{0,45}}?{_STAMP}[^\n]{{0,30}}$", re.M)
#: a forum floor's header, its reply often on the same line (``2楼　老胡开车　发表于 2024-1-9
#: 09:17：谢谢兄弟…``, ``#3　小強媽媽　2024-9-3 23:05：…``, ``5# 阳光小屋 发表于 2020-9-13``):
#: the floor's number, a blank, then the stamp ending the header (at the line's end or before
#: the reply's colon). Not a building's floors or a plant's units (``2楼　女装区　2024-5-1 10:00
#: 开放``, ``2#机组　首次并网　…``), a pull request (``#1688　修复…　2024-2-21 16:40合并``) nor a
#: sentence (``2楼的网友在2014-6-3 22:31回复说``), which 44 pages written to trip it showed
FLOOR_LINE = re.compile(
    r"^[ \t　]*(?:\d{1,5}[ \t　]*楼|#\d{1,5}|\d{1,5}#|沙发|板凳|地板)[ \t　]+"
    rf"[^\n]{{0,40}}?{_STAMP}[ \t　]*(?:[：:]|$)",
    re.M,
)
#: a row of a comment's buttons (``回复 支持(3) 反对(0)``, ``引用 投诉 支持 (1)``, ``赞 回复``)
BUTTONS_LINE = re.compile(
    r"^[ \t]*(?:(?:回复|回覆|支持|反对|反對|引用|举报|檢舉|投诉|赞|讚|踩|顶|分享|删除|只看该作者"
    r"|使用道具|评分|收起|展开"
    # Japanese and Korean (``返信 通報``, ``답글 신고``, ``추천 3 비추천 0``)
    r"|返信する|返信|通報する|通報|違反報告|いいね|ナイス|参考になった|共感した"
    r"|답글쓰기|답글|신고|비추천|추천|공감|삭제|수정|좋아요)[ \t|｜·]*(?:[(（]?\d+[)）]?)?[ \t|｜·]*){2,8}$",
    re.M,
)
#: a thread's count or heading (``评论（128）``, ``5 則留言``, ``已有12条评论``, ``网友评论``)
COUNT_LINE = re.compile(
    r"^[ \t]*(?:(?:已有|共)?[ \t]*\d[\d,]*[ \t]*(?:条|則|则|位网友|人)?[ \t]*(?:评论|評論|留言|回复|回應|跟帖)"
    r"|(?:网友|網友|读者|讀者|全部|热门|熱門|最新|精彩)?(?:评论|評論|留言|回应|回應|跟帖)(?:区|區)?"
    r"[ \t]*(?:[(（][ \t]*\d[\d,]*[ \t]*[)）]|\d[\d,]*)?"
    # Japanese and Korean (``コメント（86）``, ``3件のコメント``, ``レス数：3``, ``댓글 24개``,
    # ``전체 댓글 12``, ``개의 댓글``)
    r"|コメントを(?:書く|残す|投稿する|する)|댓글[ \t]*(?:쓰기|달기|작성)"
    r"|(?:\d[\d,]*[ \t]*件の)?(?:みんなの|読者の)?コメント(?:一覧)?"
    r"(?:[ \t]*[(（][ \t]*\d[\d,]*[ \t]*[)）]|[ \t]*\d[\d,]*[ \t]*件?)?"
    r"|(?:レス数|回答数|回答|返信)[ \t]*[:：]?[ \t]*\d[\d,]*[ \t]*件?"
    r"|(?:전체|베스트|best)?[ \t]*댓글[ \t]*(?:[(\[][ \t]*\d[\d,]*[ \t]*[)\]]|\d[\d,]*[ \t]*개?)?"
    r"|(?:\d[\d,]*[ \t]*)?개의[ \t]*댓글|답변[ \t]*\d[\d,]*[ \t]*개?)[ \t:：]*$",
    re.M,
)
# Threads in Latin or Cyrillic letters (session 60): ``Jane Doe says:`` / ``March 3, 2019 at
# 4:12 pm`` / … / ``Reply``; ``by randfish on November 9, 2010 at 8:23 am. Reply #``; ``Name •
# 3 years ago``; ``Marty G. — June 12, 2024 at 6:14 am: About time…``; under ``45 comments``,
# ``13 thoughts on “…”``, ``Leave a Reply``, ``Kommentare (12)``
_MONTH = (
    r"(?:jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|f[ée]vr(?:ier)?|m[äa]r(?:ch|z|s)?|apr(?:il)?"
    r"|avr(?:il)?|may|mai|june?|juni|juin|july?|juli|juil(?:let)?|aug(?:ust)?|ao[ûu]t"
    r"|sep(?:t(?:ember|embre)?)?|o[ck]t(?:ober|obre)?|nov(?:ember|embre)?|de[cz](?:ember|embre)?"
    r"|d[ée]c(?:embre)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre"
    r"|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre"
    r"|dicembre|januari|februari|maart|augustus|oktober|december)\.?"
)
_LATIN_DATE = (
    rf"(?:(?:[a-z]{{2,9}}\.?,?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+'?\d{{2,4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+|of\s+)?{_MONTH},?(?:\s+(?:de\s+)?\d{{4}})?)"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2}))"
)
_LATIN_CLOCK = (
    r"(?:@\s*)?(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?|\d{1,2}\s?[ap]\.?m\b\.?"
    r"|\d{1,2}[.h]\d{2}\s*(?:uhr|h)\b|\d{1,2}h\d{2})"
    r"(?:\s*(?:[ecmp][sd]t|gmt|utc|bst|cest|cet|et|pt)\b)?"
)
_LATIN_AGO = (
    r"(?:\d{1,3}|an?|one)\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?"
    r"|[smhdwy])\s+ago|vor\s+\d{1,3}\s+\w+|il\s+y\s+a\s+\d{1,3}\s+\w+|hace\s+\d{1,3}\s+\w+"
    r"|\d{1,3}\s+\w+\s+fa|\d{1,3}\s+\w+\s+geleden|\d{1,3}\s+\w+\s+назад"
)
#: a date with its month in a word of any alphabet (``3 Νοεμβρίου 2014``, ``6 במרץ 2012``, ``14
#: มกราคม 2559``, ``12 अक्टूबर 2015``), which a thread's stamp gives with a time of day
_ANY_DATE = r"\d{1,2}\.?\s+\S{2,15}?\.?,?\s+\d{4}"
_LATIN_STAMP = (
    rf"(?:{_LATIN_DATE}[\s,·|@•–—-]*(?:at|um|à|a\s+las|alle|om|às|в|,)?\s*{_LATIN_CLOCK}"
    rf"|{_ANY_DATE}[\s,·|@•–—-]*(?:\S{{1,8}}\s+)?{_LATIN_CLOCK}"
    rf"|{_LATIN_CLOCK}[\s,·|•–—-]*(?:on\s+)?{_LATIN_DATE}|{_LATIN_AGO})"
)
#: where a Latin page's stamps can be: a time of day (``14:05``, ``9am``, ``14.05 Uhr``,
#: ``14h05``) or a number of units ago (``3 years ago``, ``vor 2 Stunden``, ``2 ore fa``); one
#: pass of a pattern that starts at a digit, which the engine finds fast
LATIN_CLOCK = re.compile(
    r"\d(?::\d\d|[.h]\d\d ?(?:[uU]hr|h)\b| ?[aApP]\.?[mM]\b|(?<=[Vv]or \d)|(?<=[Hh]ace \d)"
    r"|(?<=[Ii]l y a \d)| ?[^\W\d]+ (?:ago|fa|geleden|назад)\b)|\dh\d\d"
)
#: ... or ``a year ago``, or WordPress's ``says:`` (found with ``str.find``)
_LATIN_AGO_WORDS = (
    "ago",
    "says:",
    "sagt:",
    "dice:",
    "dit :",
    "dit:",
    "crit :",
    "crit:",
    "scrive:",
    "diz:",
    "zegt:",
    "napisał",
    "пишет:",
    "говорит:",
)
#: a name-and-time line: the stamp, with a name, a number, ``Posted by`` or ``| Reply`` around it
#: (not a sentence: nothing after it that ends as one), or WordPress's ``Jane Doe says:``
LATIN_TIME_LINE = re.compile(
    rf"[^\n]{{0,60}}?(?<![\w:]){_LATIN_STAMP}(?![\w:])(?![^\n]{{0,45}}[a-z][.!?]$)[^\n]{{0,45}}$"
    r"|[^\n]{1,60}?[ \t](?:says|sagt|dice|dit|a écrit|scrive|diz|zegt|napisał(?:\(a\))?"
    r"|пишет|говорит)[ \t]?:$",
    re.I,
)
#: one comment on one line: a short name, a dash or a bar, the stamp, a colon, the text
LATIN_ONE_LINE_COMMENT = re.compile(
    rf"[ \t]*(?:\d{{1,4}}[.)]?[ \t]+)?[^\n:!?]{{1,40}}?[ \t]*[—–|-][ \t]*{_LATIN_STAMP}[ \t]*:[ \t]+\S",
    re.I,
)
_LATIN_BUTTON = (
    r"(?:reply(?:\s+(?:#|↓|to\s+this\s+comment))?|log\s+in\s+to\s+reply|respond|report(?:\s+(?:abuse"
    r"|comment|this(?:\s+post)?))?|quote|permalink|flag|like|unlike|recommend|share|delete|edit"
    r"|upvote|downvote|vote\s+(?:up|down)|antworten|melden|zitieren|répondre|signaler|citer"
    r"|responder|denunciar|citar|rispondi|segnala|cita|reageer|beantwoorden|odpowiedz|zgłoś"
    r"|ответить|пожаловаться|цитировать|απάντηση|απάντησε|αναφορά|رد|الرد|إبلاغ|הגב|השב|דווח"
    r"|जवाब दें|उत्तर दें|پاسخ|گزارش|ตอบกลับ|รายงาน|[▲▼↑↓+−-])"
)
#: the words of which a row of buttons holds one (lower case): the pattern asks for one, and
#: the rows are looked for where ``str.find`` finds one
_LATIN_BUTTON_WORDS = (
    "repl",
    "respond",
    "report",
    "quote",
    "permalink",
    "flag",
    "antwort",
    "melden",
    "répondre",
    "signaler",
    "responder",
    "denunciar",
    "rispondi",
    "segnala",
    "reageer",
    "beantwoord",
    "odpowiedz",
    "ответить",
    "απάντησ",
    "رد",
    "הגב",
    "השב",
    "जवाब",
    "پاسخ",
    "ตอบกลับ",
)
#: a row of a comment's buttons, one of which answers, reports, quotes or links the comment (a
#: row of ``Like`` and ``Share`` alone is a post's or a live blog's)
LATIN_BUTTONS_LINE = re.compile(
    rf"^[ \t]*(?=[^\n]*(?:{'|'.join(_LATIN_BUTTON_WORDS)}))"
    rf"(?:{_LATIN_BUTTON}[ \t]*(?:\(\d+\)|\d+)?[ \t|·•›»#]*){{1,6}}$",
    re.I | re.M,
)
_LATIN_THREAD_WORD = (
    r"(?:comments?|responses?|replies|thoughts|reactions|kommentare?|commentaires?|comentarios?"
    r"|commenti|reacties|comentários|komentarz[ey]?|комментари[йяеи]*|отзыв[ыов]*|σχόλια|σχόλιο"
    r"|تعليقات|تعليقا|تعليق|التعليقات|תגובות|תגובה|टिप्पणियाँ|टिप्पणियां|टिप्पणी|نظرات|نظر|دیدگاه"
    r"|ความคิดเห็น)"
)
#: a thread's count or heading (``45 comments``, ``13 thoughts on “…”``, ``Comments (13)``,
#: ``Leave a Reply``, ``Kommentare``)
LATIN_COUNT_LINE = re.compile(
    rf"^[ \t]*(?:(?:one|\d[\d,.]*)[ \t]+{_LATIN_THREAD_WORD}(?:[ \t]+(?:on|to|so far|zu|sur|en|a|на)\b"
    rf"[^\n]{{0,100}})?|(?:total|reader|readers'?|user|latest|all|show|view)?[ \t]*"
    rf"{_LATIN_THREAD_WORD}[ \t]*(?:\([ \t]*\d[\d,]*[ \t]*\)|\d[\d,]*)?|leave[ \t]+a[ \t]+(?:reply|comment)"
    r"|post[ \t]+a[ \t]+comment|add[ \t]+(?:a|your)[ \t]+comment|join[ \t]+the[ \t]+(?:discussion"
    r"|conversation)|comments[ \t]+are[ \t]+closed|discussion(?:[ \t]*\(\d+\))?)[ \t:.]*$",
    re.I | re.M,
)
#: a Latin thread's marks are on lines this long at most (a count may name the article), a row of
#: buttons on lines this long
_LATIN_MARK_CHARS, _LATIN_BUTTONS_CHARS = 140, 80
#: words of which a count holds one (lower case)
_LATIN_COUNT_WORDS = (
    "comment",
    "respons",
    "replies",
    "thought",
    "reaction",
    "komment",
    "coment",
    "reacties",
    "komentarz",
    "коммент",
    "отзыв",
    "σχόλι",
    "تعليق",
    "תגוב",
    "टिप्पण",
    "نظر",
    "دیدگاه",
    "ความคิดเห็น",
    "discussion",
    "conversation",
    "leave a",
    "post a",
    "add ",
)

#: marks of one thread are at most this many lines apart
THREAD_GAP = 10
#: the fewest name-and-time lines of a thread, and of button rows when no count is over it
THREAD_TIMES, THREAD_BUTTONS = 3, 2
#: a count heads the thread when it is at most this many lines over its first mark
COUNT_ABOVE = 3
#: a line this long is never a mark (a comment's stamp is on a short line)
_MARK_CHARS = 80
#: a page is Chinese when this share of its characters are CJK
_CHINESE_PAGE = 0.5

_TIME, _BUTTONS, _COUNT, _FLOOR = 1, 2, 3, 4


def comment_thread_rows(
    seg: Segments,
    frac_cjk: np.ndarray,
    flagged: np.ndarray,
    latin: bool | np.ndarray = False,
    frac_kana_hangul: np.ndarray | None = None,
) -> np.ndarray:
    """Rows of ``seg`` (not ``flagged`` already) inside a comment thread of a Chinese page, or
    of a Japanese or Korean one (``frac_kana_hangul``: kana or Hangul ``unread_pages.CJK_SHARE``
    of its characters, as that module tells such a page; its threads are read with the Chinese
    ones' stamps, and their own buttons and counts), and with ``latin`` of any other page too
    (``True``; or a mask of the rows to read so), by the marks of a thread in Latin, Cyrillic or
    other letters (``LATIN_TIME_LINE`` and the rest)."""
    lengths = seg.ends - seg.starts
    chars = np.maximum(np.bincount(seg.doc, lengths, minlength=seg.n_docs), 1)
    cjk = np.bincount(seg.doc, frac_cjk * lengths, minlength=seg.n_docs)
    chinese = cjk >= _CHINESE_PAGE * chars
    if frac_kana_hangul is not None:
        kana = np.bincount(seg.doc, frac_kana_hangul * lengths, minlength=seg.n_docs)
        chinese |= kana >= CJK_SHARE * chars
    chinese = chinese[seg.doc]
    mark = np.zeros(len(seg), dtype=np.int8)
    _mark_chinese(seg, np.flatnonzero(chinese), lengths, mark)
    if latin is True:
        _mark_latin(seg, np.flatnonzero(~chinese), lengths, mark)
    elif latin is not False:
        _mark_latin(seg, np.flatnonzero(~chinese & latin), lengths, mark)
    times = np.bincount(seg.doc, (mark == _TIME) | (mark == _FLOOR), minlength=seg.n_docs)
    found: list[np.ndarray] = []
    for d in np.flatnonzero(times >= THREAD_TIMES).tolist():
        a, b = int(seg.doc_ptr[d]), int(seg.doc_ptr[d + 1])
        found.extend(_threads(mark[a:b], lengths[a:b], a))
    if not found:
        return np.zeros(0, dtype=np.int64)
    hit = np.unique(np.concatenate(found))
    return hit[~flagged[hit]]


def _mark_rows(
    seg: Segments, rows: np.ndarray, pattern: re.Pattern[str], kind: int, mark: np.ndarray
) -> None:
    """Mark with ``kind`` the ``rows`` that ``pattern`` (anchored at a line's start) matches."""
    if not len(rows):
        return
    joined, starts = join_paragraphs([seg.paragraphs[i] for i in rows.tolist()])
    at = [m.start() for m in pattern.finditer(joined)]
    if at:
        mark[rows[np.searchsorted(starts, at, "right") - 1]] = kind


def _mark_chinese(seg: Segments, rows: np.ndarray, lengths: np.ndarray, mark: np.ndarray) -> None:
    if len(rows) < THREAD_TIMES:
        return
    # a floor's header may carry its reply: every line is read for one
    _mark_rows(seg, rows, FLOOR_LINE, _FLOOR, mark)
    short = rows[(lengths[rows] <= _MARK_CHARS) & (mark[rows] == 0)]
    for pattern, kind in ((COUNT_LINE, _COUNT), (BUTTONS_LINE, _BUTTONS), (TIME_LINE, _TIME)):
        _mark_rows(seg, short, pattern, kind, mark)


def _mark_latin(seg: Segments, rows: np.ndarray, lengths: np.ndarray, mark: np.ndarray) -> None:
    """Marks of a thread on a page that is not Chinese (Latin and Cyrillic letters first, and
    the stamps, counts and buttons of Greek, Arabic, Hebrew, Hindi, Persian and Thai threads
    since session 61). Time lines are looked for only in the lines that hold a time of day or a
    time ago (``LATIN_CLOCK``, one pass over the batch, and ``str.find``), counts and buttons
    only on the pages with the stamps of a thread, in lines
    that hold one of their words lower-cased (a case-blind alternation of words ran at some
    15 MB/s). A one-line comment (name, stamp, colon, its text) counts as a time line: it needs
    a count or buttons, as a live blog's entries written so would not have them."""
    if len(rows) < THREAD_TIMES:
        return
    joined, starts = join_paragraphs([seg.paragraphs[i] for i in rows.tolist()])
    at = [m.start() for m in LATIN_CLOCK.finditer(joined)]
    at += [pos for word in _LATIN_AGO_WORDS for pos in literal_starts(joined, word)]
    for i in np.unique(rows[np.searchsorted(starts, at, "right") - 1]).tolist():
        text = seg.paragraphs[i]
        if (lengths[i] <= _LATIN_MARK_CHARS and LATIN_TIME_LINE.match(text)) or (
            LATIN_ONE_LINE_COMMENT.match(text)
        ):
            mark[i] = _TIME
    stamped = np.bincount(seg.doc[rows], mark[rows] == _TIME, minlength=seg.n_docs)
    short = rows[
        (stamped[seg.doc[rows]] >= THREAD_TIMES)
        & (lengths[rows] <= _LATIN_MARK_CHARS)
        & (mark[rows] == 0)
    ]
    if not len(short):
        return
    low, short_starts = join_paragraphs([seg.paragraphs[i] for i in short.tolist()])
    low = lower_in_place(low)
    for pattern, kind, words, longest in (
        (LATIN_COUNT_LINE, _COUNT, _LATIN_COUNT_WORDS, _LATIN_MARK_CHARS),
        (LATIN_BUTTONS_LINE, _BUTTONS, _LATIN_BUTTON_WORDS, _LATIN_BUTTONS_CHARS),
    ):
        at = [pos for word in words for pos in literal_starts(low, word)]
        found = np.unique(short[np.searchsorted(short_starts, at, "right") - 1])
        for i in found[lengths[found] <= longest].tolist():
            if mark[i] == 0 and pattern.match(seg.paragraphs[i]):
                mark[i] = kind


def _threads(mark: np.ndarray, lengths: np.ndarray, first_row: int) -> list[np.ndarray]:
    """One page's threads: runs of marks at most ``THREAD_GAP`` lines apart."""
    at = np.flatnonzero(mark != 0)
    out = []
    cut = np.flatnonzero(np.diff(at) > THREAD_GAP) + 1
    for run in np.split(at, cut):
        kinds = mark[run]
        stamped = (kinds == _TIME) | (kinds == _FLOOR)
        if stamped.sum() < THREAD_TIMES:
            continue
        # a count among the run's first marks heads the thread (a post's own time line may
        # stand over it), else one just over the run
        counts = run[: COUNT_ABOVE + 1][kinds[: COUNT_ABOVE + 1] == _COUNT]
        count = int(counts[0]) if len(counts) else _count_above(mark, int(run[0]))
        floors = (kinds == _FLOOR).sum() >= THREAD_TIMES  # numbered floors need no count
        if count < 0 and (kinds == _BUTTONS).sum() < THREAD_BUTTONS and not floors:
            continue
        # without a count over it, the first post may be the page's own (a forum thread's
        # opening post is its article): the thread starts at the second time line
        start = int(run[stamped][1]) if count < 0 else count
        end = int(run[-1]) + 1
        if mark[run[-1]] in (_TIME, _FLOOR):
            # the last comment's body follows its stamp: as many lines as the thread's others
            end = min(len(mark), end + int(np.median(np.diff(run))) - 1)
        span = np.arange(start, end)
        span = _without_longest_stretch(span, run, lengths)
        out.append(span + first_row)
    return out


def _count_above(mark: np.ndarray, row: int) -> int:
    """The row of a count at most ``COUNT_ABOVE`` lines over ``row`` (-1 when none; a page's
    first line is its title, never a thread's count)."""
    for r in range(row - 1, max(row - 1 - COUNT_ABOVE, 0), -1):
        if mark[r] == _COUNT:
            return r
    return -1


def _without_longest_stretch(span: np.ndarray, run: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``span`` without the stretch between two marks that holds the page's longest line, when
    that line is inside the span: a forum's first post is the page's article."""
    longest = int(np.argmax(lengths))
    if not (span[0] <= longest < span[-1] + 1):
        return span
    before = run[run <= longest]
    after = run[run > longest]
    lo = int(before[-1]) + 1 if len(before) else int(span[0])
    hi = int(after[0]) if len(after) else int(span[-1]) + 1
    return span[(span < lo) | (span >= hi)]
