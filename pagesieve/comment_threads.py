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
line) are time lines that need neither: three floors are a thread (session 47).

What is never taken: a page that is not Chinese; times without a date (a transcript's
``[10:02]``), dates without a time (a timeline, a table of broadcasts); a live blog's stamped
updates (no count, no buttons); and the stretch between two marks that holds the page's
longest run of prose (a forum's first post is its article, between its own header and
buttons). A thread without a count over it starts at its second time line: its first post
may be the page's own.
"""

from __future__ import annotations

import re

import numpy as np

from pagesieve.batch_text import join_paragraphs
from pagesieve.segment import Segments

#: a date with a time of day, as comment threads stamp a comment
_STAMP = (
    r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[-/月]\d{1,2}日?)[ \t　]*"
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
    r"|使用道具|评分|收起|展开)[ \t|｜·]*(?:[(（]?\d+[)）]?)?[ \t|｜·]*){2,8}$",
    re.M,
)
#: a thread's count or heading (``评论（128）``, ``5 則留言``, ``已有12条评论``, ``网友评论``)
COUNT_LINE = re.compile(
    r"^[ \t]*(?:(?:已有|共)?[ \t]*\d[\d,]*[ \t]*(?:条|則|则|位网友|人)?[ \t]*(?:评论|評論|留言|回复|回應|跟帖)"
    r"|(?:网友|網友|读者|讀者|全部|热门|熱門|最新|精彩)?(?:评论|評論|留言|回应|回應|跟帖)(?:区|區)?"
    r"[ \t]*(?:[(（][ \t]*\d[\d,]*[ \t]*[)）]|\d[\d,]*)?)[ \t:：]*$",
    re.M,
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


def comment_thread_rows(seg: Segments, frac_cjk: np.ndarray, flagged: np.ndarray) -> np.ndarray:
    """Rows of ``seg`` (not ``flagged`` already) inside a comment thread of a Chinese page."""
    lengths = seg.ends - seg.starts
    chars = np.bincount(seg.doc, lengths, minlength=seg.n_docs)
    cjk = np.bincount(seg.doc, frac_cjk * lengths, minlength=seg.n_docs)
    chinese = cjk >= _CHINESE_PAGE * np.maximum(chars, 1)
    on_chinese = np.flatnonzero(chinese[seg.doc])
    if len(on_chinese) < THREAD_TIMES:
        return on_chinese[:0]
    mark = np.zeros(len(seg), dtype=np.int8)
    # a floor's header may carry its reply: every line is read for one
    joined, starts = join_paragraphs([seg.paragraphs[i] for i in on_chinese.tolist()])
    at = [m.start() for m in FLOOR_LINE.finditer(joined)]
    if at:
        mark[on_chinese[np.searchsorted(starts, at, "right") - 1]] = _FLOOR
    rows = on_chinese[(lengths[on_chinese] <= _MARK_CHARS) & (mark[on_chinese] == 0)]
    joined, starts = join_paragraphs([seg.paragraphs[i] for i in rows.tolist()])
    for pattern, kind in ((COUNT_LINE, _COUNT), (BUTTONS_LINE, _BUTTONS), (TIME_LINE, _TIME)):
        at = [m.start() for m in pattern.finditer(joined)]
        if at:
            mark[rows[np.searchsorted(starts, at, "right") - 1]] = kind
    times = np.bincount(seg.doc, (mark == _TIME) | (mark == _FLOOR), minlength=seg.n_docs)
    found: list[np.ndarray] = []
    for d in np.flatnonzero(times >= THREAD_TIMES).tolist():
        a, b = int(seg.doc_ptr[d]), int(seg.doc_ptr[d + 1])
        found.extend(_threads(mark[a:b], lengths[a:b], a))
    if not found:
        return rows[:0]
    hit = np.unique(np.concatenate(found))
    return hit[~flagged[hit]]


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
