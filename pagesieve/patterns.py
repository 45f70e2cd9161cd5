"""Regular expressions for the surface patterns that noise leaves in page text.

They feed counts into the shape features (the model decides what they mean) and name the
pattern behind a flag in ``--explain`` output.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache

import numpy as np

from pagesieve.batch_text import lower_in_place

#: Unrendered template syntax of common CMSs and template engines.
TEMPLATE_PATTERNS: dict[str, re.Pattern[str]] = {
    "dedecms_tag": re.compile(
        r"\{/?dede:[^}\n]{0,200}\}|\{[a-z_]+(?::[a-z_.]+)?\s+[a-z_]+=['\"][^}\n]{0,120}/?\}", re.I
    ),
    "field_tag": re.compile(r"\[(?:field|list|var|page):[^\]\n]{1,160}/?\]", re.I),
    "php_var": re.compile(
        r"\{\$[A-Za-z_][^}\n]{0,120}\}|\$\{[A-Za-z_][^}\n]{0,120}\}|\$!\{[^}\n]{1,120}\}"
    ),
    "empire_var": re.compile(r"\[!--[^\]\n]{1,80}--\]"),
    "percent_var": re.compile(r"%%[A-Za-z_][A-Za-z0-9_.]{0,60}%%"),
    "mustache": re.compile(r"\{\{\{?\s*[#/^>!]?\s*[A-Za-z_@][^{}\n]{0,120}\}\}\}?"),
    "jinja_block": re.compile(r"\{%-?\s*[a-z]+\b[^%\n]{0,160}-?%\}"),
    "erb": re.compile(r"<%=?[^%\n]{1,160}%>"),
    "modx": re.compile(r"\[\[[*!$+~%]?[A-Za-z_][^\]\n]{0,120}\]\]"),
    "loop_tag": re.compile(
        r"\{/?(?:loop|if|else|foreach|section|pc:[a-z]+)\b[^}\n]{0,160}\}", re.I
    ),
    "dunder_var": re.compile(r"__[A-Z][A-Z0-9_]{1,40}__(?![A-Za-z0-9])"),
    "simple_brace": re.compile(r"\{[a-z][a-z0-9]*_[a-z0-9_]+\}"),
    "hash_brace": re.compile(r"#\{[A-Za-z_][^}\n]{0,80}\}"),
    "dollar_dollar": re.compile(r"\$\$[A-Za-z_][A-Za-z0-9_]{0,40}\$\$"),
}

#: Every syntax above starts with one of these characters; the lookahead lets the engine skip the
#: other positions without trying fourteen alternatives at each (twice as fast, same matches).
_TEMPLATE_FIRST = r"[{\[%<_#$]"
TEMPLATE_ANY = re.compile(
    f"(?={_TEMPLATE_FIRST})(?:"
    + "|".join(f"(?:{p.pattern})" for p in TEMPLATE_PATTERNS.values())
    + ")",
    re.I,
)
#: The characters of ``_TEMPLATE_FIRST``.
_TEMPLATE_FIRST_CHARS = "{[%<_#$"

#: Template engines' expressions by their shape (see ``CMS_PATTERNS``), case-sensitive
ENGINE_PATTERNS: dict[str, re.Pattern[str]] = {
    # double braces holding an expression: a helper or a partial (``{{#each posts}}``, ``{{>
    # header}}``, ``{{@site.title}}``, ``{{! note }}``, ``{{ .Title }}``), a name with a filter,
    # a call or a path (``{{ title|upper }}``, ``{{ escape(x) }}``, ``{{ user?.name }}``), a
    # constant (``{{ SITENAME }}``); not ``{{ Michelle }}`` (a wiki's hug) nor ``{{1, 2}}``
    "engine_expr": re.compile(
        r"\{\{[-~]? ?(?:[#/^>&!%<*:$@]|\.{1,2}/?|[a-z_][\w?]*[ .(|}:\-]|[A-Z][A-Z0-9_]+[ }]"
        r"|[A-Z]\w*\()[^{}\n]{0,100}?\}\}"
    ),
    # a block or a comment (``{% for tag in post.tags %}``, ``{# note #}``), an ASP, ERB or EJS
    # tag (``<%= page.title %>``, ``<%# Eval("Name") %>``), a server include
    "block_tag": re.compile(
        r"\{%-? ?[A-Za-z_][^%\n]{0,120}?-?%\}|\{#[^#{}\n]{1,80}#\}|<%[=#:$@-]?[^%\n]{1,120}%>"
        r"|<!--#include[^>\n]{1,80}-->"
    ),
    "interpolation": re.compile(
        r"\$!?\{[A-Za-z_][\w.]*(?:\([^(){}\n]{0,40}\))?\}|#\{[A-Za-z_][\w.]*\}"
    ),
    # Smarty's and PHP engines' variables, loops and comments (``{$post->title}``, ``{foreach
    # $items as $item}``, ``{/foreach}``, ``{* note *}``)
    "brace_var": re.compile(
        r"\{\$[a-z_]\w*(?:(?:\.|->)[A-Za-z_]\w*)*(?:\|[a-z][^{}\n]{0,40})?\}"
        r"|\{/?(?:foreach|loop|if|else|elseif|section|volist|template|lang|ifset)\b[^{}\n]{0,80}\}"
        r"|\{\*[^{}\n]{0,80}\*\}"
    ),
    # Razor (``@Model.Title``, ``@Html.Raw(Model.Body)``, ``@foreach (``): not an address's
    # ``@AOL.COM``
    "razor": re.compile(
        r"(?<![A-Za-z0-9_.])(?:@[A-Z][a-z]+[A-Za-z0-9_]*(?:\.[A-Z][a-z][A-Za-z0-9_]*"
        r"(?:\([^()\n]{0,80}\))?)+|@[A-Z][a-z]+[A-Za-z0-9_]*\([^()\n]{0,80}\)"
        r"|@(?:foreach|if|for|using|section) ?\(|@\*[^*\n]{0,60}\*@)"
    ),
    "namespaced_tag": re.compile(
        r"<\$?/?[A-Za-z]{1,10}:[A-Za-z][\w:.-]*"
        r"(?: +[a-z_-]+=(?:\"[^\"\n]{0,60}\"|'[^'\n]{0,60}'))* ?\$?/?>"
    ),
    "directive_tag": re.compile(r"<[#@]/?[a-z]+\b[^<>\n]{0,80}>|\[[#@]/?[a-z]+\b[^\[\]\n]{0,80}\]"),
    # a token with its namespace (``[node:title]``, ``[User:FirstName]``, ``{exp:channel:entries}``,
    # ``{block:Photo}``): not LaTeX's ``\ref{sec:intro}`` nor a wiki's ``[[File:…]]``
    "colon_token": re.compile(
        r"(?<!\[)\[[A-Za-z][\w-]*:[A-Za-z][\w:.-]*\](?!\])"
        r"|(?<![\\A-Za-z0-9_$#{])\{[a-z][\w-]*:[A-Za-z][\w:.-]*(?: [^{}\n]{0,80})?\}"
    ),
    # a merge field or a plugin's variable between percent signs or pipes (``%SITE_NAME%``,
    # ``%postname%``, ``%Store.Name%``, ``*|FNAME|*``): not ``%C3%A9`` nor ``LIKE '%x%'``
    "merge_field": re.compile(
        r"(?<![%A-Za-z0-9_'\"])%[A-Za-z][A-Za-z_.]{2,40}%(?![%A-Za-z0-9_'\"\\/])"
        r"|(?<![%A-Za-z0-9_'\"])%[A-Z][A-Z0-9]*_[A-Z0-9_]+%(?![%A-Za-z0-9_'\"\\/])"
        r"|\*\|[A-Z][A-Z0-9_:]*\|\*"
    ),
    "dotted_var": re.compile(
        r"(?<![A-Za-z0-9_$#{=])\{[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+\}(?!\})"
        r"|(?<![A-Za-z0-9_$])\$!?[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*(?![A-Za-z0-9_])\$?"
    ),
}
#: a line that reads as code: its template expressions are the code's (``console.log(`${x}`)``,
#: ``<TodoItem key={todo.id} />``, ``<h1>{{ title }}</h1>``)
CODE_LINE = re.compile(
    r"[;{]\s*$|`|=>|</?[a-z][a-z0-9]*[ >/]|\b(?:console|function|return|var|let|const|def|echo"
    r"|print|import)\b|\w\(\)|\$\(|\$ "
)

#: The syntaxes of CMSs that no article writes outside a tutorial about that CMS: inside prose
#: that belongs, each is flagged alone (``span_rules.cms_token_flags``). Stricter than the features'
#: ``TEMPLATE_PATTERNS`` (which the shipped model was fitted with, and which stay as they are):
#: case-sensitive, the CMS's own names only. Left out: ``{% %}``, ``${x}`` (code in programming
#: articles), ``%%x%%`` but an SEO plugin's names (batch files, printf, SQL patterns, mailing
#: tools' merge fields), ``{word attr="…"}`` that does not close itself (Smarty, Quarto),
#: ``[List: …]`` and ``[Page: 12]`` (editors' brackets), BBCode. In: a template engine's
#: variable (``{$title}``, ``{{ author.name }}``, ``{{DATE}}``, ``[CHILD_NAME]``), a variable's
#: name in lower case or capitals and underscores only; a PHP tag; spun text (``{a|b|c}``); and
#: since session 47 an SEO plugin's ``%%title%%`` and a brace tag that closes itself
#: (``{typename type="name"/}``): two bylines of the written pages hold the one as a labeled
#: span, and no article line of the labeled pages holds either. A page that shows them as its
#: examples names the CMS or its syntax (``CMS_NAMES``: templates, variables, PHP or spintax, or
#: ``$name`` elsewhere, for an engine's variables).
CMS_PATTERNS: dict[str, re.Pattern[str]] = {
    "dedecms_tag": re.compile(r"\{/?dede:[a-z_][^}\n]{0,200}\}"),
    "field_tag": re.compile(r"\[(?:field|list|var|page):[a-z_][\w.]*(?: [^\]\n]{0,160})?/?\]"),
    # EmpireCMS's variables are names (``[!--newstext--]``, ``[!--class.menu--]``): not a
    # bracketed remark (``[!-- hidden note --]``)
    "empire_var": re.compile(r"\[!--[a-z_][\w.]{0,60}--\]"),
    "empire_loop": re.compile(r"\[/?e:loop(?:=\{[^\]\n]{0,120}\})?\]"),
    # WordPress's own shortcodes and the commonest plugins', with quoted attributes, and their
    # closing tags (a bare ``[Video]`` opens article titles)
    "wp_shortcode": re.compile(
        r"\[(?:gallery|caption|embed|audio|video|playlist|contact-form-7|wpforms|vc_[a-z_]+|"
        r"et_pb_[a-z_]+)(?: [a-z_-]+=(?:\"[^\"\n]{0,80}\"|'[^'\n]{0,80}'))+ ?/?\]"
        r"|\[/(?:caption|embed|audio|video|vc_[a-z_]+|et_pb_[a-z_]+)\]"
    ),
    "template_var": re.compile(r"\{\$[a-z_][a-z0-9_]{0,30}(?:\.[a-z_][a-z0-9_]{0,30})?\}"),
    # ``{{ author.display_name }}``, ``{{DATE_PUBLISHED}}`` (not ``{{ Michelle }}``, a wiki's)
    "mustache_var": re.compile(
        r"\{\{ ?(?:[a-z_][a-z0-9_]{0,30}(?:\.[a-z_][a-z0-9_]{0,30}){0,3}|[A-Z][A-Z0-9]*_[A-Z0-9_]+)"
        r" ?\}\}"
    ),
    "php_tag": re.compile(r"<\?(?:php|=)[ \t][^\n?]{1,80}\?>"),
    "caps_var": re.compile(r"\[[A-Z][A-Z0-9]*_[A-Z0-9_]+\]"),  # ``[CHILD_NAME]``
    # spun text left unspun: three choices or more (``{Birdwatching|Birding|Bird spotting}``)
    "spintax": re.compile(r"\{[A-Za-z][^{}|\n]{0,30}(?:\|[A-Za-z][^{}|\n]{0,30}){2,}\}"),
    # an SEO plugin's snippet variables, by their names (``%%title%%``, ``%%primary_category%%``,
    # ``%%cf_price%%``): not a batch file's loop variable (``%%i``), an escaped SQL pattern
    # (``LIKE '%%python%%'``) or another tool's merge fields (``%%emailaddr%%``)
    "seo_var": re.compile(
        r"(?<![%\w])%%(?:title|sitename|sitedesc|sep|excerpt(?:_only)?|tag|category(?:_description)?"
        r"|primary_category|tag_description|term_description|term_title|searchphrase|date|modified"
        r"|name|user_description|page(?:total|number)?|caption|focuskw|currentyear|currentmonth"
        r"|currentday|currentdate|parent_title|pt_single|pt_plural|author_(?:first|last)_name"
        r"|post_(?:year|month|day)|permalink|(?:cf|ct|ct_desc)_[a-z0-9_]{1,30})%%(?![%\w])"
    ),
    # a tag closed in the brace, with quoted attributes (``{typename type="name"/}``): not
    # Smarty's ``{include file="x.tpl"}``, which does not close itself
    "closed_tag": re.compile(
        r"\{[a-z_][a-z0-9_]{0,30}(?: [a-z_]{1,20}=(?:\"[^\"\n]{0,80}\"|'[^'\n]{0,80}'))+ ?/\}"
    ),
    # Since session 50, template engines' expressions by their shape, whichever the engine: the
    # list above names the CMSs the training bank holds, and a crawl holds others (a helper or a
    # filter in double braces, ``{{ title|upper }}``, ``{{@site.title}}``, ``{{#each posts}}``;
    # an interpolation, ``${article.author}``, ``$!{news.source}``, ``#{page.name}``; a
    # namespaced tag, ``<txp:title />``, ``<$mt:EntryTitle$>``; a directive, ``<#if user??>``; a
    # token, ``[node:title]``, ``{exp:channel:entries}``; ``%SITE_NAME%``, ``{post.title}``,
    # ``$article.author``). None of them is in an article line of the labeled pages or in the
    # 17,578 clean Chinese articles; they are code in programming articles, so a line that reads
    # as code (``CODE_LINE``) or a page that names a language or an engine keeps them
    **ENGINE_PATTERNS,
}
#: A page that names the CMS whose syntax it shows (outside the tokens) is about that CMS: a
#: tutorial, whose examples are its article (``span_rules.cms_token_flags`` leaves them)
CMS_NAMES: dict[str, re.Pattern[str]] = {
    "dedecms": re.compile(r"(?i:dedecms|织梦|模板标签|标签调用|调用标签)"),
    "empirecms": re.compile(r"(?i:empire ?cms|帝国cms|帝国网站管理|模板变量|灵动标签)"),
    "wordpress": re.compile(r"(?i:shortcode|短代码)"),
    "seo": re.compile(
        r"(?i:yoast|rank ?math|seopress|all in one seo|seo plugins?|snippet variables?"
        r"|\bvariables?\b|placeholders?|title templates?|模板|变量|片段)"
    ),
    # a tag closed in its brace is also ThinkPHP's and other engines' syntax
    "closed": re.compile(r"(?i:dedecms|织梦|thinkphp|template engines?|模板|标签)"),
    "template": re.compile(
        r"(?i:smarty|template|\bvariables\b|\bphp\b|placeholder|spintax|模板|变量)|\$[A-Za-z_]"
    ),
    # an engine's expressions in prose are an article about the engine, or about code
    # words of one sense only, whole: ``script``, ``react``, ``code`` and ``programme`` read a
    # third of the dev pages as about code (manuscripts, reactions, zip codes)
    "engine": re.compile(
        r"(?i:\b(?:templates?|variables?|placeholders?|syntax|shortcodes?|mail ?merges?|merge (?:tags?|fields?|codes?)"
        r"|interpolation|source code|code (?:snippets?|examples?|blocks?|samples?)|programming"
        r"|javascript|typescript|php|jsx?|xml|bash|powershell|python|perl|smarty|thinkphp"
        r"|dedecms|wordpress|yoast|django|jsp|shopify|mailchimp|razor|github|laravel|erb|ejs"
        r"|asp\.net|asp|hubspot|ampscript|salesforce|umbraco|sitecore|kentico|magento|joomla"
        r"|modx|typo3|statamic|nunjucks|eleventy|hexo|vue(?:\.js|js)?|angularjs|react\.?js"
        r"|jinja2?|twig|freemarker|thymeleaf|textpattern|drupal|ruby on rails|handlebars|mustache"
        r"|angular)\b"
        r"|织梦|模板|变量|编程|源代码|代码示例)"
    ),
}
CMS_OF_KIND = {
    "dedecms_tag": "dedecms",
    "field_tag": "dedecms",
    "empire_var": "empirecms",
    "empire_loop": "empirecms",
    "wp_shortcode": "wordpress",
    "template_var": "template",
    "mustache_var": "template",
    "php_tag": "template",
    "caps_var": "template",
    "spintax": "template",
    "seo_var": "seo",
    "closed_tag": "closed",
    **{kind: "engine" for kind in ENGINE_PATTERNS},
}
#: one named group a kind: a match's ``lastgroup`` names its kind
CMS_TOKEN = re.compile("|".join(f"(?P<{k}>{p.pattern})" for k, p in CMS_PATTERNS.items()))

#: A tags or topics line: a blog's or a newsroom's label, then a short list and no sentence end
#: (``Tags: Mercury, MESSENGER, NASA``, ``Filed under: Unions``, ``Topics Xiaomi``,
#: ``标签：CBA 辽宁本钢``). Its words are the page's own, so neither its text nor the page's
#: vocabulary tells the model it is not article. After the label comes a colon (or ``»``, ``→``,
#: ``|``) and a list (:func:`plausible_tag_list` checks its items); or, after a plural label
#: without one, capitalised items (``Posted in Middle East, Politics | 3 Comments``): a heading
#: that starts with the same word reads on in lower case (``Topics covered``, ``Tagged eels
#: being released…``) or is a singular compound (``Tag Types``, ``Label Checklist``). A Chinese
#: label always takes its colon (``标签编码`` and ``相关专题报道`` are headings). Not
#: ``Category:`` (film and directory listings write it inside their entries) nor ``Keywords:`` /
#: ``关键词`` (a paper's abstract carries them). One line at a time, as searched over joined
#: lines (``re.M``).
_TAG_LABEL_EN = r"(?i:tags?|tagged(?: with)?|topics?|filed under|posted in|labels|related topics)"
#: without a colon only these: ``Tag Types``, ``Topic Structure``, ``Label Checklist`` are headings
_TAG_LABEL_BARE = r"(?:Tags|TAGS|Topics|TOPICS|Tagged|Filed [Uu]nder|Posted in|Related [Tt]opics)"
_TAG_LABEL_ZH = r"(?:TAG|tag)?标签|热门标签|相关标签|相关专题|本文关键词|本文标签|標籤|相關標籤|相關專題|本文關鍵詞"
_TAG_WORD = r"[A-Z0-9][\w'&.+-]*"
#: one to four capitalised words: an item of a list without its colon
_TAG_ITEM = rf"{_TAG_WORD}(?:[ \t]+{_TAG_WORD}){{0,3}}"
#: what a blog theme writes after the categories: ``| 7 Comments``, ``No Comments »``
_TAG_COMMENTS = r"(?:[ \t]*\|?[ \t]*(?:\d+|No|Leave a) [Cc]omments?(?: Off)?[ \t]*[»|]?)?"
#: then the tags, as a WordPress theme writes them after its categories, in any case
#: (``Posted in Baking Notes | Tagged sourdough, starter, bread``)
_TAG_TAGGED = r"(?:[ \t]*\|[ \t]*Tagged[ \t]+[\w#][^\n|]{0,200})?"
TAG_LINE = re.compile(
    r"^[ \t]*(?:(?:"
    rf"(?:{_TAG_LABEL_EN}\b|{_TAG_LABEL_ZH})[ \t]*[:：»→|][ \t]*"
    r"(?P<items>[\w#\u4e00-\u9fff][^\n]{0,279})"
    # (not one word in ``-ed`` alone: ``Topics Covered`` is a heading)
    rf"|{_TAG_LABEL_BARE}[ \t]+(?![A-Za-z]+ed[ \t]*$)"
    rf"{_TAG_ITEM}(?:[ \t]*[,|·][ \t]*{_TAG_ITEM}){{0,5}}{_TAG_TAGGED}{_TAG_COMMENTS}"
    r"|This post was posted in [^\n]{1,250}"
    r")(?<![!?。！？])(?<!(?<!permalink)\.)"
    # WordPress's post meta sentences, whose categories and tags are the page's own words:
    # ``This entry was posted in <categories>. Bookmark the permalink.``, ``This entry was
    # posted on <date> at <time> and is filed under <categories>. You can follow any responses
    # to this entry through the RSS 2.0 feed.``, ``This entry was written by <author>, posted
    # on …``. No article opens a line so (train 31 of 32 such lines are noise, dev 8 of 9)
    r"|This entry was (?:posted|written|filed) (?:in|on|by|under) [^\n]{1,400}"
    r")[ \t]*$",
    re.M,
)
#: A blog theme's post meta line, pieces between ``|``: one a categories or tags field, one a
#: comments, print or mail link (``View/Add Comments (6) | Category: Antarctica``, ``August 2nd,
#: 2012 | Tags: … | Category: Uncategorized | 38 comments``). Neither piece alone is enough:
#: ``Date: … | Category: Tips | Author: …`` is a byline. Train 51 such lines, all noise; dev 6
_META_FIELD = re.compile(
    r"^[ \t]*(?i:tags?|tagged|categor(?:y|ies)|filed under|posted in|labels?|topics?)\b"
    r"[ \t]*[:»]?[ \t]*\S"
)
_META_LINK = re.compile(
    r"^[ \t]*(?i:\(?\d+\)? ?comments?|comments? ?\(\d+\)|no comments|leave a (?:comment|reply)"
    r"|view/add comments(?: \(\d+\))?|add (?:a )?comment|comments?|print(?: news| this)?"
    r"|e-?mail(?: news| this)?|mail news|permalink|trackback|\d+ responses?)[ \t]*»?[ \t]*$"
)


def post_meta_line(line: str) -> bool:
    """Is ``line`` a post meta line (``_META_FIELD`` and ``_META_LINK`` pieces between ``|``)?"""
    pieces = [piece for piece in line.split("|") if piece.strip()]
    return (
        len(pieces) >= 2
        and any(_META_FIELD.match(piece) for piece in pieces)
        and any(_META_LINK.match(piece) for piece in pieces)
    )


#: A run of Han characters each followed by one Latin letter (``义y诊z现x场c``, ``临L沂Y商S城C``):
#: pinyin initials put in to defeat de-duplication, as whole syllables are (``烟(yan)台``). Three
#: pairs at least; none in the 17,578 clean Chinese articles or the labeled pages.
PINYIN_INITIALS = re.compile(r"(?:[\u4e00-\u9fff][A-Za-z](?![A-Za-z])){3,}")

# The betting brands of Chinese gambling spam (2018-2024), a lexicon as spam filters keep one:
# the span model learns the gambling words around a brand and reads the seams, and a brand it
# never saw before a word as common as 体育 scores low (开云体育, 乐鱼体育, 必威体育: 0.001-0.17
# on pages written for the project in session 34).
#: a casino operator's name: in the news of Macau's resorts too (银河娱乐, 永利澳门, 金沙中国), so
#: spam only before a betting word
_CASINO_NAMES = (
    "澳门新葡京|新葡京|葡京|澳门银河|银河|永利|澳门金沙|金沙|太阳城|澳门威尼斯人|威尼斯人|美高梅|新濠"
    "|皇冠|申博"
)
#: a betting brand that is also an ordinary word or part of one (打开云盘, 快乐鱼, 热爱游戏,
#: 音乐动画, 半岛, 星空): spam only before a betting word
_BETTING_BRANDS = (
    "开云|乐鱼|必威|爱游戏|乐动|博鱼|半岛|星空|天博|欧宝|雷火|明升|亚博|伟德|优德|立博|利记|沙巴"
    "|贝博|宝博|凯发|尊龙|杏彩|千亿|酷游|鸿博|云顶|新利|易胜博|威廉希尔|乐天堂|博天堂|大发|米乐|万博"
    "|九游"
)
#: a betting brand wherever it stands (``华体会`` not after ``中``: checked where it is found)
_BETTING_NAMES = "九游会|华体会|金博宝|金年会|米乐m6"
_LATIN_BETTING = (
    "bet365|365bet|365-bet|betway|188bet|12bet|1xbet|dafabet|manbetx|vwin|18luck|sbobet|w88"
    "|kaiyun|leyu|ayx|hth|ldsports|bbin"
)
#: letters that name a betting brand only before a betting word (``ag真人``, ``pg电子``, ``ky棋牌``)
_LATIN_BETTING_SHORT = "bob|ob|od|ky|pg|mg|ag|im|mk|m6|b"
_BETTING_WORD = (
    "体育|真人|电子|棋牌|电竞|彩票|app|APP|官网|官方网站|官方|线路检测|线路|注册|登录入口|登录|入口"
    "|在线投注|投注|平台|网址|开户|下载|手机版|网页版"
)
_BETTING_JOIN = r"[ ·\-_]?(?:[(（]中国[)）])?[ ·\-_]?"
_BETTING_TAIL = (
    rf"(?:{_BETTING_JOIN}(?:{_BETTING_WORD}|娱乐城|娱乐场|娱乐|国际|集团|会|在线"
    # the brand in Latin letters before a betting word (``-JINNIANHUI登录入口``)
    rf"|[A-Za-z][A-Za-z0-9]{{1,19}}(?={_BETTING_WORD})"
    r"|\.(?:com|net|cc|vip|app|top)))"
)
_FIRSTS = "".join(
    sorted({w[0] for w in f"{_CASINO_NAMES}|{_BETTING_BRANDS}|{_BETTING_NAMES}".split("|")})
)
#: A betting brand in Han characters and the betting words after it (``开云体育(中国)官方网站``,
#: ``金年会体育官网``, ``乐鱼体育leyu官网``). The lookahead lets the engine skip every
#: position no name starts at (0.14 s for the 5.2 M characters of the clean Chinese articles,
#: against 0.5 s without it).
GAMBLING_BRAND = re.compile(
    rf"(?=[{_FIRSTS}])(?:(?:{_BETTING_NAMES}){_BETTING_TAIL}*"
    rf"|(?:{_BETTING_BRANDS})(?i:{_LATIN_BETTING})?(?:{_BETTING_JOIN}(?:{_BETTING_WORD}))"
    rf"{_BETTING_TAIL}*"
    rf"|(?:{_CASINO_NAMES})(?:{_BETTING_JOIN}(?:{_BETTING_WORD})){_BETTING_TAIL}*)"
)
#: the betting words a short Latin name stands before (``ag真人``, ``pg电子``)
_SHORT_BETTING_WORDS = ("体育", "真人", "电子", "棋牌", "电竞", "彩票")
#: ... and in Latin letters (``bet365体育在线``, ``ag真人官方网站``, ``ldsports.com``), tried only
#: where one of ``_LATIN_KEYS`` starts or a short name stands before a betting word
LATIN_GAMBLING_BRAND = re.compile(
    rf"(?i:(?:www\.)?(?:{_LATIN_BETTING})(?![a-z])(?:{_BETTING_BRANDS}|{_BETTING_NAMES})?"
    rf"{_BETTING_TAIL}*"
    rf"|(?:{_LATIN_BETTING_SHORT})(?:{_BETTING_BRANDS}|{_BETTING_NAMES})?"
    rf"(?:{'|'.join(_SHORT_BETTING_WORDS)}){_BETTING_TAIL}*)"
)
_LATIN_KEYS = (
    "bet", "365", "188", "12b", "1x", "18l", "vwin", "w88", "kaiyun", "leyu", "ayx", "hth",
    "ldsports", "bbin", "www.",
)  # fmt: skip
_SHORT_BEFORE = re.compile(rf"(?:{_LATIN_BETTING_SHORT})$")


#: a betting site's offer (``注册即送88元``, ``首存``, ``返水``, ``彩金``): a line that holds it and a
#: brand is an ad in its whole
BETTING_PROMO = re.compile(
    r"注册(?:即)?送|首存|返水|彩金|送\d+元|存款|提款|出款|优惠活动|老品牌|信誉"
)
#: a line with this many brands is a list of them (``金年会官网_金年会app下载_金年会注册``)
BRAND_LIST = 3


#: letters and digits right before a Han brand, not inside a longer run or a host name
_GLUED_NAME = re.compile(r"(?<![A-Za-z0-9.])[A-Za-z0-9]{2,12}\Z")


def gambling_brands(text: str) -> list[tuple[int, int]]:
    """Where betting brands stand in ``text`` (Simplified characters), left to right, overlaps
    merged: none in the 21,111 paragraphs of the clean Chinese articles, the Chinese news in the
    ordinary senses of gambling words (``data/patterns/gambling_news``) or ``zh/pages``."""
    found = [m.span() for m in GAMBLING_BRAND.finditer(text)]
    low = lower_in_place(text)
    starts = {p for key in _LATIN_KEYS for p in literal_starts(low, key)}
    for word in _SHORT_BETTING_WORDS:
        for p in literal_starts(text, word):
            if m := _SHORT_BEFORE.search(low, max(0, p - 3), p):
                starts.add(m.start())
    for p in sorted(starts):
        before = low[p - 1] if p else " "
        if before == "." or (before.isascii() and before.isalnum()):
            continue  # inside a word or a host name (``alphabet365``)
        if m := LATIN_GAMBLING_BRAND.match(text, p):
            found.append(m.span())
    out: list[tuple[int, int]] = []
    for a, b in sorted(found):
        if text.startswith("华体会", a) and a and text[a - 1] == "中":
            continue  # 中华体会…
        if glued := _GLUED_NAME.search(text, max(0, a - 12), a):
            a = glued.start()  # the Latin name glued before a Han brand (``HG9288皇冠线路``)
        if out and a <= out[-1][1]:  # touching: one brand (``w88.com优德体育``)
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


#: A related story's link put between two sentences of a paragraph and glued to the one before
#: (``…remained high.SEE ALSO: <headline>Governor Aldous said…``, or at the paragraph's end): its
#: label in capitals right after a sentence's end, or one of a few in Title Case (``…the city
#: said. Related: <headline>`` ending the paragraph; not ``See also:``, which an article's
#: paragraph ends with). A link that opens the paragraph is the span model's (``glued_link``).
#: None in the labeled pages of the corpora.
_INLINE_LINK_LABELS = (
    "SEE ALSO", "READ MORE", "ALSO READ", "READ ALSO", "RELATED", "MUST READ", "DON'T MISS",
    "RECOMMENDED", "MORE", "WATCH", "Read more", "Also read", "Read also", "Related", "Watch",
)  # fmt: skip
_NAMES_WHAT = ("RELATED", "Related")
#: the label at one of those starts, its colon and the blanks after it (``RELATED`` may name
#: what it links to: ``RELATED STORY``)
_INLINE_LINK_LABEL = re.compile(
    rf"(?:{'|'.join(label for label in _INLINE_LINK_LABELS if label not in _NAMES_WHAT)}"
    r"|RELATED(?: STORY| ARTICLE| CONTENT)?|Related(?: story| article| content)?)[ \t]*:[ \t]*"
)
_SENTENCE_BEFORE = frozenset(".!?")
_CLOSER = frozenset('"”’)')
#: where the next sentence is glued on: a lower-case letter, a digit or a closing mark, then a
#: capital and a lower-case letter (``yearGovernor``)
_GLUED_SENTENCE = re.compile(r"(?<=[a-z0-9?!'\"”’)])(?=[A-Z][a-z])")
_INLINE_HEADLINE = (8, 150)
#: a sentence's end inside what follows the label; a question or exclamation there, then the
#: capital that opens the next sentence, ends the headline
_SENTENCE_END = re.compile(r"[.!?][ \t]")
#: a character that is no blank (``str.split`` and ``\\S`` read blanks alike)
NONBLANK = re.compile(r"\S")
_ASKS_THEN_SENTENCE = re.compile(r"[?!][ \t]+[A-Z\"“‘]")


def inline_related_links(text: str) -> list[tuple[int, int]]:
    """Where such links stand in ``text`` (lines joined by line breaks), label and headline, left
    to right: the headline ends where the next sentence is glued on, or at the line's end when
    what is left holds no sentence's end."""
    out: list[tuple[int, int]] = []
    low, high = _INLINE_HEADLINE
    # each label's line end by bisection, and no copy of the rest of its line: one long line of
    # many labels was read to its end for each of them
    breaks = line_breaks(text)
    for at in sorted({p for label in _INLINE_LINK_LABELS for p in literal_starts(text, label)}):
        before = at - 1 if at and text[at - 1] not in " \t" else at - 2
        if before >= 0 and text[before] in _CLOSER:
            before -= 1
        if before < 0 or text[before] not in _SENTENCE_BEFORE or at - before > 3:
            continue
        if out and at < out[-1][1]:
            continue
        m = _INLINE_LINK_LABEL.match(text, at)
        if not m:
            continue
        line_end = line_around(breaks, m.end())[1]
        glued = _GLUED_SENTENCE.search(text, m.end() + low, min(line_end, m.end() + high + 1))
        if glued:
            end = glued.start()
        else:
            far = m.end() + high + 1
            tail = None  # the rest of the line, blanks after it aside, when no longer than that
            if line_end <= far or not NONBLANK.search(text, far, line_end):
                tail = text[m.end() : min(line_end, far)].rstrip()
            if tail is None:  # a rest longer than a headline: only a stop within reach can do
                end = line_end
                stop = _SENTENCE_END.search(text, m.end(), min(line_end, m.end() + high))
            else:
                end = m.end() + len(tail) if tail else len(text[: m.end()].rstrip())
                stop = _SENTENCE_END.search(text, m.end(), max(m.end(), end))
            asks = stop and _ASKS_THEN_SENTENCE.match(text, stop.start(), max(m.end(), end))
            if asks and low <= stop.end() - m.end() <= high:
                end = stop.start() + 1  # a headline that asks or exclaims, a sentence
            elif tail is None or not low <= end - m.end() <= high or stop:
                continue
        out.append((at, end))
    return out


#: The terms of a B2B supplier's ad (``MOQ 500 pcs``, ``lead time 15-20 days``, ``OEM/ODM
#: welcome``, ``CE, RoHS certified``, ``Co.,Ltd``): two different ones in a line make it an ad
#: (``b2b_ad_line``); none of the corpora's labeled pages holds a line with two
B2B_TERM = re.compile(
    r"(?i:\b(?:moq|minimum order(?: quantity)?|oem|odm|fob|lead time|sample time|payment terms"
    r"|t/t|co\.,? ?ltd|factory price|wholesale|customi[sz]ed (?:logo|size|colou?r)"
    r"|welcome to (?:contact|inquire|send)|ce,? rohs|iso ?9001)\b)"
)


#: a piece of each term as it is written (an acronym in capitals; a phrase's first letter left
#: out, which a sentence may capitalise): ``str.find`` finds the lines worth the pattern
_B2B_KEYS = (
    "MOQ", "OEM", "ODM", "FOB", "T/T", "Ltd", "LTD", "ISO", "RoHS", "ROHS", "inimum order",
    "ead time", "ample time", "ayment terms", "actory price", "holesale", "ustomi", "elcome to",
)  # fmt: skip


#: A shop's affiliate disclosure, in the page's voice (``We may earn a commission when you buy
#: through links on our site.``, ``This post may contain affiliate links.``, ``As an Amazon
#: Associate I earn from qualifying purchases.``): none in the corpora's pages (too old), 21 lines
#: of the written pages, all noise. An article about affiliate marketing says who earns
#: (``Bloggers may earn a commission…``), not ``we``.
AFFILIATE_DISCLOSURE = re.compile(
    r"(?i:\b(?:we|i)[ \t]+(?:may|might|could|can|sometimes)[ \t]+(?:earn|receive|get|make)[ \t]+"
    r"(?:an?[ \t]+)?(?:(?:small|affiliate|modest)[ \t]+)*(?:commissions?|compensation)\b"
    r"|\b(?:may|might|could|can)[ \t]+earn[ \t]+(?:an?[ \t]+)?(?:(?:small|affiliate)[ \t]+)*"
    r"commissions?[ \t]+(?:from|on|through|when)\b[^\n]{0,40}\blinks?\b"
    r"|\b(?:contains?|includes?|uses?|are|is)[ \t]+(?:some[ \t]+)?affiliate[ \t]+links\b"
    r"|\bassociate,?[ \t]+(?:we|i)[ \t]+earn[ \t]+from[ \t]+qualifying[ \t]+purchases)"
)
#: A market ticker alone (``S&P 500 5,221.42 +0.61%``, ``Sensex 78,412.56 ▲ 612.30 (0.79%)``): a
#: name of up to four words, a price with decimals, then a change by an arrow or a signed
#: percentage; 16 lines of the written pages, all noise, none in the corpora
TICKER_LINE = re.compile(
    r"^[ \t]*[A-Z][\w&/.()'-]*(?:[ \t]+[\w&/.()'-]+){0,3}[ \t]+(?:[$₹£€]|US\$|R)?\d[\d,]*\.\d+"
    r"[ \t]*(?:[▲▼][ \t]*[\d,.]+%?|[+\-−]\d[\d,]*\.?\d*%)(?:[ \t]*\(?[+\-−]?\d[\d.]*%\)?)?[ \t]*$"
)
#: A section and its subsection (``Reviews › Coffee grinders``; ``›`` is no sentence's mark): 44
#: lines of the labeled pages, all noise (a path of three or more is ``FURNITURE_LINE``'s)
SECTION_PATH = re.compile(
    r"^[ \t]*[^\W\d_][^\n›»>|<=.!?:]{0,40}[ \t]›[ \t]+[^\W\d_#][^\n›»>|<=.!?]{0,60}[ \t]*$"
)
#: A wiki's note under a short article (``This article about a bridge in Ohio is a stub. You can
#: help Wikipedia by expanding it.``)
WIKI_STUB = re.compile(
    r"^[^\n]{0,120} is a stub\. [Yy]ou can help [^\n]{1,40} by expanding it\.[ \t]*$"
)


#: The terms of a Korean site's legal imprint, the line a news site or a shop closes its pages
#: with (``서울특별시 중구 … | 대표전화 02-… | 등록번호 서울 아 03512 | 발행·편집인 박정호``), as
#: ``ICP备`` closes a Chinese one
_KO_IMPRINT_KEYS = (
    "등록번호", "등록일", "발행인", "편집인", "청소년보호책임자", "사업자등록번호", "통신판매업",
    "대표전화", "개인정보관리책임자", "개인정보보호책임자", "발행일자", "제호",
)  # fmt: skip
KO_IMPRINT_TERM = re.compile("|".join(_KO_IMPRINT_KEYS))


def ko_imprint_line(line: str) -> bool:
    """A line that holds two different terms of a Korean site's imprint and does not end as a
    sentence does (an article on press law names them in its sentences)."""
    return (
        not line.rstrip().endswith(_KO_SENTENCE_ENDS)
        and len({m.group() for m in KO_IMPRINT_TERM.finditer(line)}) >= 2
    )


_KO_SENTENCE_ENDS = (".", "다", "요", "?", "!", "。")


def b2b_ad_line(line: str) -> bool:
    """A line that holds two different terms of a supplier's ad."""
    return len({m.group().casefold() for m in B2B_TERM.finditer(line)}) >= 2


#: Line rules read only on the lines that hold one of their keys (``str.find`` passes over the
#: batch's lines joined): keys, the line's test, furniture kind. A supplier's ad line, tried at
#: every line, took 0.8 s over the 9 MB of short lines a scan of ``pages/train`` and ``dev``
#: reads, its ``str.find`` passes 0.1 s; the ticker and the path, tried at every line in
#: ``FURNITURE_LINE``, a third of its time.
KEYED_LINES: tuple[tuple[tuple[str, ...], Callable[[str], object], str], ...] = (
    (_B2B_KEYS, b2b_ad_line, "ad"),
    (("ommission", "ffiliate", "ualifying purchases", "ompensation"), AFFILIATE_DISCLOSURE.search,
     "boilerplate"),
    (("%", "▲", "▼"), TICKER_LINE.search, "boilerplate"),
    (("›",), SECTION_PATH.search, "navigation"),
    ((" is a stub.",), WIKI_STUB.search, "boilerplate"),
    (_KO_IMPRINT_KEYS, ko_imprint_line, "boilerplate"),
)  # fmt: skip


#: the letters a batch must hold for a ``KEYED_LINES`` test to be tried at all: a Korean
#: imprint's twelve keys are not looked for over a batch without a Hangul syllable
KEYED_LINE_SCRIPTS: dict[Callable[[str], object], re.Pattern[str]] = {
    ko_imprint_line: re.compile("[\uac00-\ud7a3]"),
}


def keyed_starts(text: str, keys: tuple[str, ...]) -> list[int]:
    """Where one of ``keys`` stands in ``text``: the lines worth a ``KEYED_LINES`` test."""
    return sorted({p for key in keys for p in literal_starts(text, key)})


_HAN = re.compile(r"[\u4e00-\u9fff]")
#: An SEO keyword list in lower case (``boiler repair london, blocked drain croydon, plumber
#: sutton, …``, ``payday loans, cash advance, title loans, …``): five items or more between
#: commas, the first in lower case, most of them of two words or more and all in lower case, with
#: at most one word that carries a sentence (``of``, ``the``, ``and``…) and no sentence's end. A
#: list an article writes names things (``Natural Sciences, lab-based biology, …``) or runs in
#: a sentence; of the corpora's labeled lines it matches 3, all noise.
KEYWORD_LIST_ITEMS, _KEYWORD_LIST_WORDS = 5, 6
_LIST_FUNCTION_WORDS = frozenset(
    (
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
        "from", "is", "are", "was", "were", "be", "it", "this", "that", "as", "his", "her",
        "their", "our", "your", "my", "we", "you", "i", "he", "she", "they", "not",
    )
)  # fmt: skip


#: A maker's product list, in Title Case (``Ball Valve,Stainless Steel Ball Valve,Flanged Ball
#: Valve,Gate Valve,Check Valve``): five different items or more between commas, of at most five
#: words each, three in five ending in the same noun (a plural's ``s`` aside). An article's list
#: names different things (``Paris, Berlin, Madrid``). Of the corpora's and the project's labeled
#: lines it matches 16, all noise and all flagged by the model already (session 42): it is for the
#: lists the model reads in the context of an article and keeps (0.72 under a marathon report).
_PRODUCT_HEAD_SHARE, _PRODUCT_ITEM_WORDS = 0.6, 5
_HEAD_NOUN = re.compile(r"[^\W\d_]{3,}")


def _product_list(items: list[str]) -> bool:
    if len({item.lower() for item in items}) < len(items):
        return False
    heads: dict[str, int] = {}
    for item in items:
        words = item.split()
        if len(words) > _PRODUCT_ITEM_WORDS:
            return False
        head = words[-1].lower().removesuffix("s")
        if _HEAD_NOUN.fullmatch(head):
            heads[head] = heads.get(head, 0) + 1
    return max(heads.values(), default=0) >= _PRODUCT_HEAD_SHARE * len(items)


def keyword_list_line(line: str) -> bool:
    """Is ``line`` a keyword list of SEO spam, or a maker's product list?"""
    text = line.strip()
    if text[-1:] in ".!?:" or ":" in text[:30] or ";" in text or _HAN.search(text):
        return False
    items = [item.strip() for item in text.split(",")]
    if len(items) < KEYWORD_LIST_ITEMS or not all(items):
        return False
    if not items[0][:1].islower():
        return _product_list(items)
    words = [w for item in items for w in item.lower().split()]
    if any(len(item.split()) > _KEYWORD_LIST_WORDS for item in items):
        return False
    if sum(w in _LIST_FUNCTION_WORDS for w in words) > 1:
        return False
    lower = sum(item == item.lower() and any(c.isalpha() for c in item) for item in items)
    several = sum(len(item.split()) >= 2 for item in items)
    return lower >= 0.7 * len(items) and several >= 0.6 * len(items)


#: A consumer ad's terms, by kind (``Get 20% off your first order with code LONGTABLE.``,
#: ``🎰 LuckySpin Casino: 200% Welcome Bonus + 100 Free Spins! 18+ T&Cs apply.``). Stage 1 knows
#: the makers' ads of the examples well and reads these as menus: the model keeps them mid-article
#: (0.3 to 0.85). Only a call to action, a code, an age or terms note, an emoji and a label
#: (``Sponsored:``) are a marketer's; a price or a discount is in plenty of articles too, and so
#: is a contact (which is no kind: counted as one, it flagged an article's ``learn more at
#: <url>``). Each kind but the call to action is tried only on a line that holds one of its keys
#: (lower case): the lines read are many (42,000 of a scan of ``pages/train`` and ``dev``), the
#: patterns slow to try at every position.
_CONSUMER_AD_KEYED: dict[str, tuple[tuple[str, ...], re.Pattern[str]]] = {
    "code": (
        ("code",),
        re.compile(r"\b(?i:use|with|promo|coupon|discount|voucher) (?i:code):? ?[A-Z0-9]{4,}\b"),
    ),
    "age_terms": (
        ("18+", "21+", "t&c", "terms apply", "responsibly"),
        re.compile(r"(?i:\b(?:18|21)\+|\bT&Cs? apply\b|\bterms apply\b|\b(?:play|gamble) responsibly\b)"),
    ),
    "price": (
        ("$", "£", "€", "¥", "₹", "usd", "eur"),
        re.compile(r"(?i:(?:[$£€¥₹]|US\$|USD ?|EUR ?)\d[\d,]*(?:\.\d\d)?)"),
    ),
    "discount": (
        ("%", "save", "$", "£", "€", "half price", "free", "bonus", "credit", "approval", "fees",
         "money", "guaranteed", "limited"),
        re.compile(
            r"(?i:\b(?:\d{1,3}% off|up to \d{1,3}%|save (?:up to )?(?:[$£€]?\d[\d,.]*|\d{1,3}%)"
            r"|(?:was|reg\.?|rrp) [$£€]\d[\d,.]*|half price|free (?:shipping|delivery|trial|quote"
            r"|spins?|bet|consultation|estimate|gift)|welcome bonus|no credit checks?"
            r"|instant approval|bad credit|no (?:hidden )?fees|money[- ]back|best price guaranteed"
            r"|limited time|\d+ (?:days|months) free|try (?:it )?(?:\d+ days )?free)(?!\w))"
        ),
    ),
    # a marketer's label over the offer (``Sponsored: …``, ``Deal alert: …``), or its host's
    # thanks (``This episode is sponsored by …``)
    "label": (
        ("sponsor", "advert", "promot", "paid", "partner", "deal", "top pick", "top offer",
         "special offer", "limited", "brought to you"),
        re.compile(
            r"(?i:^\W{0,3}(?:sponsored(?: by [^:\n]{1,40})?|advertisement|advert|promoted"
            r"|promotion|paid (?:post|partnership|content)|partner (?:offer|content)"
            r"|featured (?:partner )?offer|deal (?:alert|of the day)|(?:our )?top (?:pick|offer)"
            r"|hot deal|special offer|limited(?:-time)? offer|today.s deal)[ \t]*[:·—–|-][ \t]"
            r"|\bthis (?:episode|issue|newsletter|post|video|show) is (?:sponsored|brought to you) by"
            r"\b|\bthanks to (?:our|today.s) sponsors?\b)"
        ),
    ),
}  # fmt: skip
_CONSUMER_AD_KEYS = tuple(sorted({key for keys, _ in _CONSUMER_AD_KEYED.values() for key in keys}))
#: an emoji that opens the line
_CONSUMER_AD_EMOJI = re.compile(r"\W{0,3}[🎰🚀🔥⭐✅💰🎁💥👉📞☎🔋]")
#: a call to action at the line's end, or before where to act (``Apply now at …``), or an arrow
_CALL_TO_ACTION = re.compile(
    r"(?i:\b(?:buy|shop|order|book|apply|call|sign up|register|join|enrol|enroll|download"
    r"|claim|subscribe|get (?:deal|offer|started|rates|a quote|your quote)|view deal|see deal"
    r"|check (?:latest |today.s )?price|start now|open account|claim offer|get it|play now"
    r"|bet now|install now|try (?:it )?(?:now|free|today))(?: (?:now|today|here|online))?\b"
    r" ?[!.→›»➜▸>]*\s*(?:$|→|›|»|➜|▸|\bat\b|\bon\b|:)|[→›»➜▸]\s*$)"
)  # fmt: skip
_MARKETERS_TERMS = frozenset(("call_to_action", "code", "age_terms", "emoji", "label"))


def consumer_ad_terms(line: str) -> set[str]:
    """The kinds of a consumer ad's terms ``line`` holds (a call to action only looked for
    when another kind is there: alone it makes no ad)."""
    low = line.lower()
    emoji = _CONSUMER_AD_EMOJI.match(line) is not None
    if not emoji and not any(key in low for key in _CONSUMER_AD_KEYS):
        return set()
    kinds = {
        kind
        for kind, (keys, term) in _CONSUMER_AD_KEYED.items()
        if any(key in low for key in keys) and term.search(line)
    }
    if emoji:
        kinds.add("emoji")
    if kinds and _CALL_TO_ACTION.search(line):
        kinds.add("call_to_action")
    return kinds


def consumer_ad_line(line: str) -> bool:
    """Does ``line`` hold two kinds of a consumer ad's terms, one of them a marketer's (a call
    to action, a code, an age or terms note, an emoji up front, a label such as ``Sponsored:``)?"""
    kinds = consumer_ad_terms(line)
    return len(kinds) >= 2 and not kinds.isdisjoint(_MARKETERS_TERMS)


#: A row of a Chinese article's table, one per line as an extractor renders it (``品牌 | 暖栖``,
#: ``额定功率 | 58W``, ``房型 | 面積 | 床型``): two or three cells between `` | ``, the first a short
#: name in Han characters; no contact in it (an appended ad lists ``电话 | …``). Three such rows in a
#: row are a table (``table_run``): in the Chinese pages written for the project all 87
#: such rows are article, and the model flagged 41 of them as menus; the corpora's labeled pages
#: hold none (their English ones, ``Advertise | AdChoices`` and a calendar's ``Tuesday | Sept 3``,
#: have no Han key).
_TABLE_CELL_SEP = re.compile(r" [|｜] ")
_TABLE_KEY = re.compile(r"[\u4e00-\u9fff][^\d|｜]{0,7}")
_TABLE_CONTACT = re.compile(r"(?i:https?:|www\.|@|qq|微信|电话|手机|热线|\d{7})")
TABLE_RUN_ROWS = 3


def table_row_cells(line: str) -> int:
    """How many cells ``line`` has as a row of a Chinese article's table (0: it is not one)."""
    text = line.strip()
    cells = _TABLE_CELL_SEP.split(text)
    if not 2 <= len(cells) <= 3 or any(not c.strip() or len(c) > 40 for c in cells):
        return 0
    if not _TABLE_KEY.fullmatch(cells[0].strip()) or _TABLE_CONTACT.search(text):
        return 0
    return len(cells)


def table_run(lines: list[str], row: int, lo: int, hi: int) -> range:
    """The rows of the table ``lines[row]`` is a row of: the consecutive lines around it, within
    ``lines[lo:hi]`` (its page), with as many cells (``table_row_cells``); empty when it is no
    table row or the run is shorter than ``TABLE_RUN_ROWS``."""
    cells = table_row_cells(lines[row])
    if not cells:
        return range(0)
    start, end = row, row + 1
    while start > lo and table_row_cells(lines[start - 1]) == cells:
        start -= 1
    while end < hi and table_row_cells(lines[end]) == cells:
        end += 1
    return range(start, end) if end - start >= TABLE_RUN_ROWS else range(0)


#: The terms of a notice that trades links (``we accept link exchanges with sites of DA 30+``,
#: ``guest posts and sponsored articles``, ``接受PR>=1、BR>=1``, ``出售…外链``): two different
#: ones in a line make it a ``link_notice`` (``link_trade_terms``). In the corpora's labeled
#: pages and the clean Chinese articles only SEO articles hold such lines, and they talk about
#: link trade in their prose too (the detector checks for that).
LINK_TRADE_TERM = re.compile(
    r"(?i:\b(?:link[- ]?exchanges?|exchanges? (?:of )?links|links? exchange|link[- ]?swaps?"
    r"|reciprocal links?|guest[- ]?post(?:s|ing)?|sponsored (?:posts?|articles?|content"
    r"|placements?|links?|reviews?)|back[- ]?links?|do-?follow|no-?follow|anchor texts?"
    r"|link insertions?|niche edits?|text links?|link[- ]?building|link partners?|pbn"
    r"|d[ar] ?(?:[>≥]=? ?)?\d{1,2}\+?|pa ?(?:[>≥]=? ?)?\d{1,2}\+?|pr ?(?:[>≥]=? ?)?\d\+?"
    r"|domain (?:authority|rating)|page ?rank|write for us|advertise (?:with us|here)"
    r"|banner exchange|paid links?|links? for sale|buy(?:ing)? links?)\b)"
    r"|友情链接|友链|交换链接|链接交换|互换链接|换链|PR值|PR ?[>≥]|BR ?[>≥]|外链|反链"
    # weight and indexing are everyday words: only a site's (``百度权重``, ``权重≥2``, ``收录正常``)
    r"|(?:百度|爱站|移动|站长)权重|权重 ?[>≥]|(?:百度|历史|谷歌)收录|收录(?:正常|良好|稳定)"
    r"|锚文本|出售链接|买卖链接|链接位|软文"
)
#: the tokens of those terms (``link``, ``exchange``, ``guest``, ``da``, ``链``, ``权``…): a
#: line with fewer than two of them holds no notice (``ParagraphFeatures.word_counts``, counted
#: from the vocabulary ids the paragraph model looks up anyway)
LINK_TRADE_TRIGGERS = (
    "link", "links", "exchange", "exchanges", "swap", "swaps", "reciprocal", "guest", "sponsored",
    "backlink", "backlinks", "dofollow", "nofollow", "follow", "anchor", "insertion",
    "insertions", "niche", "edit", "edits", "text", "building", "partner", "partners", "pbn",
    "da", "dr", "pa", "pr", "authority", "rating", "pagerank", "rank", "write", "advertise",
    "banner", "paid", "sale", "buy", "buying", "post", "posts", "posting", "链", "权", "收", "软",
    "值", "锚",
)  # fmt: skip


def link_trade_terms(line: str) -> set[str]:
    """The different terms of link trade in ``line``, a plural and its singular counted once,
    and a metric once whatever its number (``PA 28`` and ``PA 8`` are two roads, not two
    terms)."""
    terms = {
        re.sub(r"[\s\-]+|s$", "", m.group().casefold()) for m in LINK_TRADE_TERM.finditer(line)
    }
    return {_METRIC.sub(r"\1", t) for t in terms}


#: a link metric with its number, as ``link_trade_terms`` writes it (``pa28``, ``da>=30+``)
_METRIC = re.compile(r"^(d[ar]|pa|pr)[>≥=]*\d+\+?$")


#: what a banner's sentence of cookies goes on to say (``… to improve your experience``,
#: ``… you agree to their use``): an article's sentence on a site's cookies says none of it
_CONSENT_CUES = (
    r"experience|personali[sz]|analy[sz]|advertis|traffic|consent|privacy|preferences|device"
    r"|cookie|agree|accept|continu"
)
#: a banner's sentence in the site's voice, opening its line: in English with one of
#: ``_CONSENT_CUES`` after it (``We use cookies to improve your experience``, ``Cookie notice: we
#: use cookies …``, ``By using this site, you agree to our use of cookies``, ``Cookies help us
#: deliver our services``), or as the sites of other languages word it (``Wir verwenden
#: Cookies``, ``Ce site utilise des cookies``, ``Korzystamy z plików cookies``)
_CONSENT_SENTENCE = (
    r"(?:cookie (?:notice|policy|consent|banner)[ \t]*[:：–—-][ \t]*)?(?:(?:we and our (?:\d[\d,]* )?"
    r"(?:partners|vendors)|we use cookies|(?:this|our) (?:web)?site uses cookies)"
    rf"(?=[^\n]{{0,400}}?(?:{_CONSENT_CUES}))"
    r"|cookies help us (?:deliver|provide|improve)\b"
    r"|by clicking [^\n,]{1,40}, you (?:agree|consent)[^\n]{0,80}?cookies"
    r"|by (?:using|continuing to (?:use|browse|visit)|browsing|staying on) (?:this|our) "
    r"(?:web)?(?:site|services?)[^\n]{0,60}?you (?:agree|consent|accept)[^\n]{0,60}?cookies"
    r"|wir verwenden cookies|wir nutzen cookies|diese (?:web)?seite (?:verwendet|nutzt) cookies"
    r"|diese website (?:verwendet|nutzt) cookies|nous utilisons des cookies"
    r"|ce site (?:web )?utilise des cookies|avec votre accord, nos partenaires et nous"
    r"|(?:utilizamos|usamos) cookies|este sitio (?:web )?(?:utiliza|usa) cookies"
    r"|(?:noi e terze parti selezionate )?utilizziamo (?:i )?cookie|questo sito (?:web )?"
    r"(?:utilizza|usa) (?:i )?cookie|este s[ií]t(?:e|io) utiliza cookies"
    r"|(?:wij|we) (?:en onze partners )?gebruiken cookies|deze (?:web)?site gebruikt cookies"
    r"|(?:korzystamy z|używamy) (?:plików )?cookies|ta strona (?:korzysta z|używa) "
    r"(?:ciasteczek|plików cookies|cookies)|мы используем (?:файлы )?cookie"
    r"|(?:этот|наш) сайт использует (?:файлы )?cookie|χρησιμοποιούμε cookies"
    r"|ο ιστότοπος χρησιμοποιεί cookies|(?:kami|situs ini|website ini) menggunakan cookie"
    r"|(?:chúng tôi|trang web|website)(?: này)? sử dụng cookie)"
)
#: A cookie or consent banner, as a crawl renders it: its heading, its buttons, or its sentence of
#: partners, cookies and choices, which often runs past the line rules' 300 characters, and which
#: a page may open with (a page's first line is its title to the other rules but the
#: furniture's). Every such line of the labeled pages is noise (``pages/train`` 2 of 2,
#: ``modern_news`` calibration 3 of 3) but a cookie policy's own (``line_rules._page_on_cookies``).
CONSENT_NOTICE = re.compile(
    r"[ \t]*(?i:(?:we value|we care about|we respect) your privacy[ \t]*[.!]?[ \t]*$"
    r"|your privacy (?:is important to us|choices)[ \t]*[.!]?[ \t]*$"
    r"|(?:(?:accept|reject|allow) (?:all )?cookies|cookie (?:settings|preferences)"
    r"|manage cookies|manage cookie (?:settings|preferences))[ \t]*$"
    rf"|{_CONSENT_SENTENCE}[^\n]{{0,1000}}$)"
)
#: the longest line read as such a banner
CONSENT_LINE_CHARS = 1000
#: pieces of its openings for ``str.find``
_CONSENT_KEYS = ("rivacy", "artners", "endors", "ookie", "iastecz", "accord, nos")


def consent_notice_starts(text: str) -> list[int]:
    """Where a piece of a consent banner's opening stands in ``text``."""
    return keyed_starts(text, _CONSENT_KEYS)


#: The heading of a list of links to other stories (``Related Stories``, ``You might also like``,
#: ``More from <a section or a site>``, ``相关报道``): the items under it are headlines, often on
#: the page's own topic, so the model, which reads them against the page's vocabulary, keeps
#: some. Headings such as ``Most popular``, ``Top stories``, ``Latest news`` or ``Read more``
#: head the article itself on some pages (a front page, a list of sources) and are left out: on
#: ``pages/train`` the unflagged lines under them are article as often as not; so are
#: ``Recent posts``, ``Trending now`` and a sponsored widget's ``Around the web`` (tried in
#: session 31: 51 noise lines against 30 article lines added on ``pages/dev`` and ``train``).
RELATED_HEADING = re.compile(
    r"^[ \t]*(?=[RrYyMmAaWw相精猜])(?:(?i:related (?:stories|story|articles?|posts?|links|news|content"
    r"|coverage|videos?)"
    r"|you (?:may|might) also like|more stories|more from [^\n.!?:：]{1,30}"
    r"|read next|what to read next|more on this (?:story|topic)|also from this source)"
    r"|相关报道|相关链接|相关新闻|相关文章|相关阅读|相关推荐|精彩推荐|猜你喜欢"
    r"|相關報道|相關報導|相關鏈接|相關連結|相關新聞|相關文章|相關閱讀|相關推薦|精彩推薦|猜你喜歡)"
    r"[ \t]*[:：»›>]*[ \t]*$",
    re.M,
)
#: the headings of a site's widget lists (``Most read``, ``Top stories``, ``Recent posts``,
#: ``Related pages``): a related list's heading only below the article, since a sidebar that
#: comes first in a page's text opens with them too and its items run into the headline (on
#: ``pages/dev``, 29 article lines taken when read anywhere). Not before a colon: an article's
#: lead-in to its own list (``More games news:``), as ``RELATED_RUN_END`` reads a colon
LATE_RELATED_HEADING = re.compile(
    r"^[ \t]*(?:(?=[RrYyMmTtPpLlEe])(?i:related (?:pages|guides|reading|topics|resources|recipes"
    r"|products)|you (?:may|might) also enjoy|you may also be interested in"
    r"|more (?:[\w&'’-]+ ){0,2}(?:news|stories|articles|guides|reviews|posts|recipes|essays"
    r"|interviews)|most (?:read|popular|viewed|shared|commented)|trending(?: now| stories| news)?"
    r"|popular (?:posts|stories|articles)|recent posts|recommended (?:for you|reading|stories)"
    r"|top stories|latest (?:news|stories|posts)|editor'?’?s'? picks)[ \t]*[»›>]*"
    # and Chinese widgets' (``推荐阅读``, ``热门排行``, ``往期回顾``), a colon after them or not
    r"|(?:推荐阅读|延伸阅读|热门推荐|热门文章|相关问题|热点推荐|热门阅读|大家都在看|为你推荐"
    r"|你可能感兴趣|热点排行|热门排行|阅读排行|相关资讯|相关内容|更多阅读|更多新闻|往期回顾"
    r"|往期推荐|推薦閱讀|延伸閱讀|熱門推薦|熱門文章|相關問題|熱點推薦|熱門閱讀|為你推薦"
    r"|你可能感興趣|熱點排行|熱門排行|閱讀排行|相關資訊|相關內容|更多閱讀|更多新聞|往期回顧)"
    r"[ \t]*[:：]?)[ \t]*$",
    re.M,
)
#: what ends a list's run of items: a line that ends as a sentence does (a closing quote or
#: bracket after its stop too), or with a colon (an article's lead-in to its own list). Not ``?``:
#: headlines end so
RELATED_RUN_END = re.compile(r"(?:[.。！!；;][”\"’'」』)）]*|[:：])[ \t]*$")


#: Chinese page widgets, a line of nothing else (``分享到：``, ``【字体：大 中 小】``, ``【纠错】【打印】
#: 【关闭窗口】``): at least one of the first words, any of the rest
_ZH_WIDGET_STRONG = (
    r"分享到|分享|打印此页|打印本页|打印|关闭窗口|关闭本页|关闭|举报|收藏本文|收藏|纠错|放大字体|缩小字体"
    r"|扫一扫|复制链接|字体|字号|QQ空间|朋友圈|新浪微博|腾讯微博|返回顶部"
)
_ZH_WIDGET_WEAK = r"微信|微博|QQ好友|QQ|豆瓣|人人网|默认|大|中|小|放大|缩小|点赞|转发|A-|A\+|\||｜"
#: (the ideographic space parts them as a space does: ``【打印】\u3000【关闭】``)
_ZH_WIDGET_TOKEN = (
    r"[【\[（(]?[ \t\u3000]*(?:{})[ \t\u3000]*[:：]?[ \t\u3000]*[】\]）)]?[ \t\u3000]*"
)
_ZH_WIDGETS = (
    f"(?:{_ZH_WIDGET_TOKEN.format(_ZH_WIDGET_WEAK)}){{0,12}}"
    f"{_ZH_WIDGET_TOKEN.format(_ZH_WIDGET_STRONG)}"
    f"(?:{_ZH_WIDGET_TOKEN.format(_ZH_WIDGET_STRONG + '|' + _ZH_WIDGET_WEAK)}){{0,12}}"
)
#: a share bar's words: at least one share site (``_SHARE_SITE``) and another word of the bar,
#: each with the separator after it
_SHARE_SEP = r"[ \t]*[|·•/,:]?[ \t]*"
_SHARE_SITE = (
    r"(?:share(?: this)?|shares|tweet|pin(?: it)?|facebook|twitter|whatsapp|linkedin|pinterest"
    rf"|reddit|submit to reddit|flipboard|google\+|google plus|digg|stumbleupon)(?!\w){_SHARE_SEP}"
)
_SHARE_OTHER = (
    r"(?:messenger|e-?mail|print|save|more|comments?|sms|copy link|gift article|like|\+1"
    # a count (``1,042``), read one way only (split at its commas, a long row of numbers made
    # the search backtrack)
    r"|\d+(?:[,.]\d+)*k?(?![,.]?\d))(?!\w)"
    rf"{_SHARE_SEP}"
)
#: One item of a share bar written one item a line (``Facebook``, ``X``, ``Email``, ``Print``,
#: ``Copy link``): alone a line like ``Facebook`` may head an article's section, but two such
#: lines together are a bar (``share_bar_rows``)
SHARE_ITEM_LINE = re.compile(
    r"^[ \t]*(?i:facebook|twitter|x|e-?mail|print|pin|pin it|pinterest|linkedin|whatsapp|reddit"
    r"|tumblr|flipboard|pocket|copy|copy link|save|share|tweet|like|messenger|telegram|sms|mail"
    r"|google\+|digg|stumbleupon|delicious|threads|bluesky|mastodon|gift|gift article|listen"
    r"|comments?)[ \t]*$",
    re.M,
)
#: the longest such line
SHARE_ITEM_CHARS = 16
#: A line that is one piece of page furniture and nothing else, by its kind (the named group):
#: an advertisement's marker, a comment count or link, a share, print or related-posts link, a
#: link to the previous or the next post (``Next »``, ``Previous post: <its title>``, ``上一篇：…``),
#: a share bar, the account links, a breadcrumb, a media player's clock. Nearly always noise
#: wherever it stands (``pages/dev`` 3,356 of the 3,371 lines of at most 300 characters it and
#: ``KEYED_LINES`` match, ``train`` 19,203 of 19,356), while the model, reading its neighbours,
#: keeps some of them in the middle of a page. Also a newspaper's note on its print edition, a
#: Chinese breadcrumb, a line of Chinese widgets and a view counter alone; and of today's pages a
#: poll, a paywall, a newsroom's appeal, a scores bar, a live blog's key events, a player's and
#: a gallery's widgets (session 39: each form counted first on every labeled page, and the forms
#: together measured on pages written blind, ``bench/README.md``).
FURNITURE_LINE = re.compile(
    r"^[ \t]*(?i:(?P<ad>advertisements?|sponsored|skip advertisement|ad feedback|sponsor message"
    r"|ads?|report this ad|ads by google|ad ?choices|close ad"
    r"|(?:story|article) continues(?: (?:below|after)(?: (?:this )?(?:advertisement|ad))?)?"
    r"|advertisement[ \t]*[·•|-][ \t]*scroll to continue(?: with content)?"
    r"|scroll to continue with content|continue reading (?:the main story|below)"
    # a shop's button beside a product in a review (``View Deal``, ``Check price on ShopMart``)
    r"|view deal|check (?:today.s )?price(?: (?:on|at) [^\n]{1,40})?|send flowers"
    # a price at a shop beside a reviewed product (``$249 at Amazon``)
    r"|(?-i:(?:[Cc]heck price:?[ \t]*)?(?:[$£€]|US\$)\d[\d,]*(?:\.\d\d)?[ \t]+at[ \t]+[A-Z][\w'&.-]*"
    r"(?:[ \t]+[A-Z][\w'&.-]*){0,3}))"
    r"|(?P<comment>\d[\d,]*(?:\.\d+)?k? (?:comments?|responses?|answers?|replies)[ \t]*:?"
    r"|comments?[ \t]*\(\d[\d,]*\)|no comments|leave a comment|comments?|reply|report abuse"
    r"|leave a reply|cancel reply|(?:post|add|write) a comment"
    r"|(?:show|load|view|see) (?:all )?(?:\d[\d,]* )?more (?:comments|replies)|comments are closed\.?"
    r"|comments?[ \t]+\d[\d,]*|(?:view|show|hide|read|see) (?:all )?(?:\d[\d,]* )?comments"
    # WordPress's header of the comments: ``3 thoughts on “<the post's title>”``
    r"|\d+ (?:thoughts?|responses?|replies|comments?) (?:on|to) [“\"‘][^\n]{1,200}[”\"’])"
    r"|(?P<navigation>tweet|share this:?|share|pin it|pinterest|pocket|pin it for later!?"
    r"|share on (?:facebook|twitter|pinterest|linkedin|whatsapp|reddit|x|e-?mail|flipboard|tumblr)"
    r"|share all sharing options for:[^\n]{0,200}|add to (?:your )?saved stories"
    r"|save (?:this )?(?:story|article) for later|after newsletter promotion|sign up here\.?"
    r"|click here to get the [^\n]{1,40} app|popular on [\w.]{1,30}"
    r"|print|email|e-?mail this|back to top\W*|permalink|related|related (?:posts?|articles?):?"
    r"|you may also like:?|read more\W*|continue reading\W*|click here|subscribe|follow us:?"
    r"|like this:?|loading\.\.\.|like this:?[ \t]*like[ \t]*loading\.\.\.|top of page"
    # a share bar (``Share Tweet Email``, ``Facebook Twitter Pin 12``): a share site among them
    rf"|(?:{_SHARE_OTHER}){{1,9}}+{_SHARE_SITE}(?:{_SHARE_SITE}|{_SHARE_OTHER}){{0,8}}+"
    rf"|{_SHARE_SITE}(?:{_SHARE_SITE}|{_SHARE_OTHER}){{1,9}}+"
    # the account links (``Sign In``, ``Subscribe Log In``, ``Sign in Create free account``)
    r"|(?:(?:sign[ -]?in|sign[ -]?up|log[ -]?in|log[ -]?out|sign out|register|subscribe(?: now)?"
    r"|my account|create (?:an? )?(?:free )?account|newsletters?|e-?paper|today.s paper)"
    r"[ \t]*[|·•/,]?[ \t]*){1,6}"
    # a breadcrumb (``Home > News > Politics``, ``News › City News › <the headline>``), not a
    # how-to's path in a sentence (``Open Settings > Privacy > Location and turn it off.``, ``In
    # Settings > Location, …``, ``If a > b and b > c…``) nor an app's menus from their root
    # (``iPhone: Settings > Privacy``, ``File > Save As``), which no site's crumbs start from,
    # nor a path in quotes or a sentence that ends (``打开“设置 > 隐私 > 权限管理器”，可以…。``)
    r"|(?!(?:go to|open|click|tap|select|choose|navigate|head to|visit|press|in|under|if|when"
    r"|from|then)\b)(?![^\W\d_][\w -]{0,20}:[ \t]+(?:settings|preferences)\b)"
    r"(?!(?:settings|preferences|system (?:settings|preferences)|control panel|file|edit|view"
    r"|format|insert)[ \t]*[›»>])(?:[^\W\d_][^\n›»>|<=“「『\"]{0,40}+(?<=[ \t])[›»>][ \t]+){2,}"
    r"[^\W\d_][^\n›»>]{0,119}(?<![.!?。！？])(?<![.!?。！？][\"”’')」』])"
    # a related or most-read list on one line (``Most read: <headline> · <headline>``): none in
    # the corpora's pages, 32 lines of the written pages, all noise
    r"|(?:most (?:read|popular|viewed|shared)|related(?: [\w-]+){0,2}|also (?:in|on) [^\n:]{1,30}"
    r"|more (?:from|in|on) [^\n:]{1,30}|trending(?: now)?|popular(?: now)?"
    r"|recommended(?: for you)?|you (?:may|might) also like|read next|top stories"
    r"|latest(?: news)?|see also)[ \t]*:[ \t]*[^\n·•|]{3,120}?(?:[ \t]+[·•|][ \t]+[^\n·•|]{3,120}?){1,9}"
    # a breadcrumb from the home page with slashes (``Home / Reviews / Power Banks``)
    r"|home(?:[ \t]*/[ \t]*[^\W\d_][^\n/|<>]{0,40}?){1,6}(?<![.!?])"
    # a media player's clock (``0:00 / 1:48``)
    r"|\d{1,2}:\d\d(?::\d\d)?[ \t]*/[ \t]*\d{1,2}:\d\d(?::\d\d)?"
    r"|share (?:full |this )?(?:article|story|post|page):?|gift (?:this )?article|copy link"
    # the home link alone, a wiki's edit links, a photo's enlarge link, a page's mail and print
    # links (``Email to a friendPrinter friendly``), a blog's ``« <previous> | Main | <next> »``
    r"|home|\[?[ \t]*edit(?: source| this page)?[ \t]*\]?"
    # a site's search box and its menu's buttons (``Search``: 846 noise lines of the labeled
    # pages against 2 article lines; ``Close`` 260 against 2; ``Main menu`` 40 against none)
    r"|search(?: this (?:site|blog))?(?: for)?:?|close|main (?:menu|navigation)|site navigation"
    r"|toggle navigation|jump to (?:main )?(?:navigation|content)|(?:open|close) (?:the )?menu"
    r"|enlarge this image|click (?:here )?to enlarge(?: (?:the )?(?:image|photo|picture))?"
    r"|click (?:on )?(?:the )?(?:image|photo|picture) to enlarge|skip to next paragraph"
    r"|(?:e-?mail (?:this )?(?:article |story |page )?to a friend|printer[- ]friendly"
    r"(?: version| page| format)?|print(?:er)? version)(?:[ \t]*[|·•]?[ \t]*(?:e-?mail (?:this )?"
    r"(?:article |story |page )?to a friend|printer[- ]friendly(?: version| page| format)?"
    r"|print(?:er)? version|print(?: this)?))*"
    r"|«[^\n«»]{3,150}\|[ \t]*main[ \t]*\|[^\n«»]{3,150}»"
    # a podcast's or a video's buttons, a newspaper's and a guest book's links
    r"|listen on (?:apple podcasts|spotify|google podcasts|amazon music|youtube(?: music)?"
    r"|pocket casts|overcast|stitcher)|play episode|download (?:the )?mp3|watch (?:the )?trailer"
    r"|forward (?:this )?to a friend|add to (?:my )?watchlist|submit a letter to the editor"
    r"|(?:like this (?:post|recipe|article)\?[ \t]*)?pin (?:it|this)(?: for later)?!"
    r"|sign (?:the )?guest ?book|add to calendar|get directions|share obituary"
    # a story's mail and print links, a photo gallery's counter and links, a news agency's
    # licensing link and standards note
    r"|e-?mail this (?:story|article|page|post)|print this (?:page|story|article|post)"
    r"|share on (?:bluesky|threads|mastodon|telegram)|item \d+ of \d+|(?:next|previous) (?:image|photo|slide)"
    r"|purchase licensing rights|our standards:[^\n]{0,80}"
    # a story's save, gift and read buttons, a player's widgets, a government site's banner
    r"|read (?:the )?full story|save this (?:story|article)|add to (?:my )?reading list"
    r"|gift (?:unlocked )?article|jump to:|listen(?: live| now)?[ \t]*[·•|][ \t]*\d{1,2}:\d\d"
    r"|now playing:[^\n]{1,80}|closed captions|autoplay is (?:on|off)"
    r"|an official website of the [^\n]{1,60}|here'?s how you know"
    # a donation button (a link word: an article's heading ``Donate``, the next line about it,
    # stays the article's)
    r"|donate(?: now| today| here)?[ \t]*!?"
    r"|link copied!?|toggle caption|share via e-?mail|jump to recipe|print recipe|pin recipe"
    r"|skip to (?:main )?content|skip to (?:main )?navigation|\d+[ -]min(?:ute)?s?[ -]read"
    r"|listen to (?:this )?(?:article|story)(?:[ \t]*[·•|-]?[ \t]*\d+(?::\d\d)? min(?:ute)?s?)?"
    r"(?:[ \t]*[·•|]?[ \t]*learn more)?|listen[ \t]*\([ \t]*\d+(?::\d\d)? min(?:ute)?s?[ \t]*\)"
    # a site's footer links, one a line (``Terms of Use``, ``Privacy Policy``, ``About Us``)
    r"|terms of (?:use|service)|terms (?:and|&) conditions|privacy (?:policy|notice|statement)"
    r"|cookies? (?:policy|notice|settings|preferences)|about us|contact us|contact|about|help|faq"
    r"|accessibility(?: statement)?|site ?map|careers|jobs|advertise(?: with us)?|rss|masthead"
    # a link to another story inside the article (``READ MORE: <headline>``), or to a topic;
    # not one glued to the paragraph's own sentence (``MUST READ: <headline>The council…``), a
    # spliced phrase that the span model cuts out: a headline holds no sentence's end, no Han
    # character and no word run into the next (``leadThe``; ``YouTube`` is lost with them)
    r"|(?:read more|read next|read also|also read|must read|don'?t miss|further reading)"
    r"[ \t]*(?:[:：|»›]|\.\.\.|…|[ \t][-–—])[ \t]*"
    r"(?:(?!(?-i:[a-z]{2}[A-Z][a-z]|[a-z][“\"‘(][A-Z])|[.!?][ \t]|[\u4e00-\u9fff])[^\n]){8,120}(?<![.;。；！？])"
    r"|read more (?:about|on|from) [^\n.!?]{2,60}"
    # WordPress's share buttons one a line, a text-size widget, a comment thread's order
    r"|click to (?:share|e-?mail|print|tweet|pin)[^\n]{0,60}"
    r"|(?:(?:very |extra )?(?:larger?|smaller?|normal|default|medium) (?:text|font)(?: size)?"
    r"|(?:text|font) size|(?:increase|decrease) (?:text|font) size)"
    r"|sort by[ \t]*:?[ \t]*(?:newest|oldest|best|top|popular|most recent|most popular|latest)"
    r"(?: first)?|bookmark|save for later|save article|add to favou?rites"
    r"|join the (?:conversation|discussion|debate)"
    # a live blog's and a nonprofit newsroom's buttons
    r"|republish (?:this|our) (?:story|article)s?|show latest updates|auto-?update:?[ \t]*(?:on|off)"
    r"|show key events only"
    # a live blog's list of its key events (``36m ago Premier: 'Do not leave your shelter'``)
    r"|\d{1,2}[ \t]?(?:m|mins?|h|hrs?)[ \t]+ago\b(?![ \t]+by\b)[^\n]{3,150}"
    # a menu on one line, four items or more between bars or dots (``Football | Cricket | Rugby |
    # F1 | More``), each item one to three words with a capital
    r"|(?-i:(?:[A-Z][\w&'’.-]*(?: [A-Z&][\w&'’.-]*){0,2}[ \t]*[|·•][ \t]*){3,12}"
    r"[A-Z][\w&'’.-]*(?: [A-Z&][\w&'’.-]*){0,2})"
    # links to the previous and the next post side by side (``« Previous Next »``)
    r"|[«‹←⇐<]*[ \t]*(?:previous|prev|older)(?: (?:post|page|article|entry|entries|story))?"
    r"[ \t]*[|/·•]?[ \t]*(?:next|newer)(?: (?:post|page|article|entry|entries|story))?"
    r"[ \t]*[»›→⇒>]*"
    # a link to the previous or the next post by its title (``« Seed potatoes: chitting or
    # not?``, ``The broad beans are up! »``; not a byline's ``Posted by … | 3 Comments »``)
    r"|«[ \t]*[^\n«»]{3,80}+|(?!(?:posted|published|by)\b)[^\n«»]{4,81}+(?<=[ \t])»"
    # or with an arrow (``← Back to all recipes``, ``Herbstfarben am Trifels →``), a letter in
    # it (not a diagram's ``←────┐``)
    r"|(?=[^\n]{0,120}$)(?=[^\n]*?[^\W\d_])(?:←[ \t]*[^\n←→]{3,118}+|[^\n←→]{3,118}+→)"
    # a link to the previous or the next post, with its title or not
    r"|[«‹←]*[ \t]*(?:previous|prev|next|older|newer)"
    r"(?: (?:post|article|story|entry|entries|page|chapter)s?)?[ \t]*"
    # (not a game's or a show's next date: ``Next: Michigan at Minnesota, 3:30 p.m. Saturday``)
    r"(?:[:»›→|](?![^\n]*\b\d{1,2}:\d\d\b)[^\n]{0,200}(?<![.!?]))?)"
    # a newspaper's note on its print edition (``A version of this article appears in print on…``)
    # (``… appeared in the October 02, 2019 edition of …``, ``This story appeared in the March 2018
    # issue of the magazine.``)
    r"|(?P<boilerplate>a version of this (?:article|story|review) appear(?:s|ed) in [^\n]{0,300}"
    # a page's poll, its reading time, its paywall, a newsroom's appeal, a recipe's prompt:
    # ``Was this page helpful? Yes · No``, ``Reading time: 4 minutes``, ``Subscribe from £1``,
    # ``This article is available to subscribers only.``, ``Support independent journalism.
    # Donate today.``, ``Did you make this recipe? Tag @… on Instagram!``
    r"|(?:was|is|did you find) (?:this|the) (?:[\w-]+ ){0,3}?(?:helpful|useful)\??"
    r"(?:[ \t]*[|/·•]?[ \t]*(?:yes|no)(?:[ \t]*\(\d+\))?){0,2}"
    r"|(?:(?:estimated )?reading time|read time|estimated)[ \t]*:?[ \t]*\d+[ \t]*min(?:ute)?s?"
    r"(?:[ \t]+read)?"
    r"|(?:subscribe|sign up|join)(?: now| today)? (?:from|for(?: just| only)?) (?:[$£€₹]|us\$)\d"
    r"[^\n]{0,60}"
    r"|(?:this )?(?:article|story|content) is (?:only )?(?:available|exclusive|reserved) (?:only )?"
    r"(?:to|for) (?:paying )?(?:subscribers|members)(?: only)?[^\n]{0,80}"
    r"|(?:please )?support (?:independent|local|nonprofit|our|quality|public[- ]interest)[^\n]{0,40}?"
    r"(?:journalism|reporting|newsroom)[.!]?(?:[ \t]+(?:donate|become a (?:member|subscriber)"
    r"|subscribe|give|join)[^\n.!]{0,40}[.!]?)?"
    # a scores bar (``FT ARS 2-1 TOT``, ``Final: BOS 118 MIA 104``), a wiki's tagline and its
    # page's address, a widget's notes
    r"|(?-i:(?:FT|HT|AET|Final|F/OT|Q[1-4](?:[ \t]+\d{1,2}:\d\d)?)[ \t]*:?[ \t]+[A-Z][\w.'&-]*"
    r"(?: [A-Z][\w.'&-]*){0,2}[ \t]+\d{1,3}(?:[ \t]*[-–][ \t]*\d{1,3}[ \t]+[A-Z][\w.'&-]*"
    r"(?: [A-Z][\w.'&-]*){0,2}|[ \t]+[A-Z][\w.'&-]*(?: [A-Z][\w.'&-]*){0,2}[ \t]+\d{1,3}))"
    r"|retrieved from[ \t]+[\"“]?https?://[^\n]+|from [\w .'-]{1,40}, the free encyclopedia"
    r"|from [\w .'-]{1,40}wiki|thanks for your feedback!?"
    r"|this page was last (?:edited|modified|updated) on [^\n]{1,80}"
    r"|(?-i:[A-Z][\w.'&-]*(?: [A-Z][\w.'&-]*){0,2}[ \t]+\d{1,2}[ \t]*[-–][ \t]*\d{1,2}[ \t]+[A-Z][\w.'&-]*"
    r"(?: [A-Z][\w.'&-]*){0,2}[ \t]+(?:FT|HT|AET))"
    r"|(?:please )?(?:turn on|enable) javascript[^\n]{0,80}"
    r"|(?:did you (?:make|try) this(?: recipe)?|tried this recipe|made this recipe)\?"
    r"[^\n]{0,120}?(?:tag|share|mention|hashtag|rate|leave)[^\n]{0,120}"
    # a messenger contact alone (``WhatsApp / WeChat: +86 138 …``, ``Skype: <name>``): an
    # author's or a supplier's, never the article's (11 lines of the labeled pages, all noise)
    r"|(?:whats ?app|wechat|skype|telegram|viber)(?:[ \t]*/[ \t]*(?:whats ?app|wechat|skype"
    r"|telegram|viber))*[ \t]*(?:id)?[ \t]*[:：][ \t]*(?:\+?\d[\d \t().-]{5,20}\d|[\w.@+-]{3,40})"
    r"(?:[ \t·•|,]+(?:e-?mail|tel|phone|mob(?:ile)?)[ \t]*[:：][ \t]*[\w.@+()-][\w.@+() -]{2,40})*"
    r"|(?:this (?:article|story|review) )?appear(?:s|ed) in the [^\n]{0,80}(?:edition|issue)[^\n]{0,150}"
    # a cookie banner's heading and buttons, a newsletter's box
    r"|we value your privacy|we care about your privacy|your privacy is important to us"
    r"|your privacy choices|(?:manage|customi[sz]e) (?:your )?(?:cookies?|preferences|consent"
    r"|privacy settings|cookie settings)|accept (?:all(?: cookies)?|cookies)"
    r"|reject (?:all(?: cookies)?|cookies)|allow all(?: cookies)?|i accept|show purposes"
    rf"|{_CONSENT_SENTENCE}[^\n]{{0,300}}"
    r"|(?:sign up|subscribe|register)(?: now| today| here)? (?:for|to) (?:our|the) [^\n.!]{0,60}"
    r"(?:newsletters?\b[^\n.!]{0,80}|e-?mails?|updates|alerts|digest|briefing)[.!]?"
    r"|download (?:the|our) [^\n]{1,40} app[^\n]{0,80}"
    r"|you(?:'ve| have) read \d+ of (?:your )?\d+ free (?:articles|stories)[^\n]{0,80}"
    r"|(?:get|receive) (?:the|our) [^\n.!]{0,50}(?:newsletter|e-?mails?|updates|alerts"
    r"|(?:delivered|sent) to your inbox|in your inbox)[.!]?|get the latest [^\n.!]{0,60}"
    r"(?:inbox|newsletter)[.!]?"
    r"|by (?:signing up|subscribing|submitting (?:your (?:information|e-?mail|details)|this form)"
    r"|clicking [^\n,]{1,40}|registering|entering your e-?mail)[^\n,]{0,20}, you (?:agree|consent"
    r"|acknowledge|accept)[^\n]{0,250})"
    # a forum's or a comment thread's reply header: ``〖name〗回复: 《<the post's title>》``, a
    # post's header with its ``只看该作者`` link, ``<date> 楼主``
    # (the Chinese furniture opens with a Han character, a bracket, a digit, QQ, A- or |: only
    # tried there)
    r"|(?=[\u4e00-\u9fff【\[（(〖\dQA|«‹])(?:"
    r"(?P<comment_zh>(?:〖[^〗\n]{1,20}〗)?[ \t]*回复[ \t]*[:：][ \t]*《[^》\n]{1,80}》"
    r"|[^\n]{0,80}只看该作者[^\n]{0,40}"
    r"|\d{4}-\d{1,2}-\d{1,2}[ \t]+\d{1,2}:\d\d(?::\d\d)?[ \t]+楼主"
    # a comment count (``4 条评论``, ``评论区（2,341）``, ``留言 86``)
    r"|\d[\d,]*[ \t]*条(?:评论|留言|回复)|(?:评论区?|留言)[ \t]*[（(]\d[\d,]*[)）]"
    r"|(?:留言|评论)[ \t]*\d+)"
    r"|(?P<navigation_zh>(?:上一篇|下一篇|上一条|下一条|上一个|下一个|上一则|下一则)[:：][^\n]{0,200}"
    r"(?<![。！？])"
    r"|上一页|下一页|返回顶部|返回列表|返回首页|图片加载中\.{0,3}|展开全部[ \t]*▾?"
    # a forum's links to the threads before and after (``« 上一主题 | 下一主题 »``)
    r"|[«‹]?[ \t]*(?:上一主题|下一主题)(?:[ \t]*[|｜]?[ \t]*(?:上一主题|下一主题))?[ \t]*[»›]?"
    # a thread's counters and buttons (``查看：8721 | 回复：14``, ``回复 支持 反对``), a date widget
    r"|(?:(?:查看|回复|点击|阅读|浏览|评论)(?:数|次数|量)?[ \t]*[:：][ \t]*\d+[ \t]*次?[ \t]*[|｜/]?"
    r"[ \t]*){2,4}"
    r"|(?:(?:回复|支持|反对|举报|引用|评分|使用道具|顶|踩)[ \t]*(?:\(\d+\))?[ \t]*){2,8}"
    r"|今天是[ \t]*[:：]?[ \t]*\d{4}年\d{1,2}月\d{1,2}日[ \t]*(?:星期|周)[一二三四五六日天]"
    # a breadcrumb (``当前位置：首页 > 新闻中心``), a line of widgets, a view counter alone
    r"|(?:当前位置|您的位置|您现在的位置|你的位置|你现在的位置|所在位置|现在位置|當前位置|目前位置)"
    r"[ \t]*[:：][^\n]{0,150}(?<![。！？])"
    rf"|{_ZH_WIDGETS}"
    r"|(?:浏览次数|浏览量|阅读量|阅读数|点击数|点击量|访问量|瀏覽次數|点击|阅读|點閱次數|点阅次数"
    r"|點擊|閱讀)[ \t]*[:：][ \t]*\d[\d,]*[ \t]*次?)"
    # a site's disclaimer
    r"|(?P<boilerplate_zh>(?:免责声明|版权声明)[ \t]*[:：][^\n]{0,300})"
    r"))[ \t]*$",
    re.M,
)
#: what a list of tags does not hold: a tab or a second ``field:`` (a record, a tool's output),
#: a sentence that ends and goes on (``Oil on canvas, 1888. Bequest of…``)
_NOT_A_TAG_LIST = re.compile(r"\t|\b\w+: |[a-z0-9\])]\. ")
_TAG_SEPARATORS = re.compile(r"[,，、،;；|/·]| {2,}")
#: words of a Chinese clause, not of a tag (``标签：附加到对象上的键值对``, ``标签：1 表示好评``)
_ZH_CLAUSE = re.compile(r"[的了是将被把]|用于|表示|可以|要求|没有|例如|需要|根据|无法")
_TAG_ITEM_WORDS, _TAG_ITEM_HAN = 4, 12


def plausible_tag_list(items: str) -> bool:
    """Is the text after a tags label a list of tags, not a field's value or a sentence? Each
    item short (at most four words, or twelve Han characters) and no clause among them."""
    if _NOT_A_TAG_LIST.search(items) or _ZH_CLAUSE.search(items):
        return False
    for item in _TAG_SEPARATORS.split(items):
        han = sum("\u4e00" <= ch <= "\u9fff" for ch in item)
        if han > _TAG_ITEM_HAN * (1 + item.count(" ")) or (
            not han and len(item.split()) > _TAG_ITEM_WORDS
        ):
            return False
    return True


#: where a CMS token can start: ``str.find`` finds these, the pattern is tried there only
_CMS_TOKEN_FIRST = ("{", "[", "<", "%", "$", "#", "@", "*|")


def template_starts(text: str) -> list[int]:
    """Where ``TEMPLATE_ANY.finditer(text)`` finds its matches, many times faster.

    The engine still tries the lookahead at every position of the text; here ``str.find`` finds
    the few positions where a match can start (one fast search per first character: the engine
    scans for a character class at about 50 MB/s), and the full pattern is tried only there, in
    order, each try starting past the end of the previous match as ``finditer`` does (no
    template match is empty).
    """
    firsts = sorted(pos for char in _TEMPLATE_FIRST_CHARS for pos in literal_starts(text, char))
    return [m.start() for m in matches_at(TEMPLATE_ANY, text, firsts)]


def literal_starts(text: str, literal: str) -> list[int]:
    """Where ``re.finditer(re.escape(literal), text)`` finds its matches (not overlapping, left
    to right), found with ``str.find``: a fast search, where the regex engine tries every
    position in turn."""
    found: list[int] = []
    find, step = text.find, len(literal)
    pos = find(literal) if step else -1
    while pos >= 0:
        found.append(pos)
        pos = find(literal, pos + step)
    return found


def line_breaks(text: str) -> list[int]:
    """Where ``text``'s lines end, between -1 and ``len(text)``: :func:`line_around` reads a
    position's line from them by bisection (searching to a line's ends from each position made
    one long line of many hits quadratic)."""
    return [-1, *literal_starts(text, "\n"), len(text)]


def line_around(breaks: list[int], at: int) -> tuple[int, int]:
    """The start and end of the line that holds position ``at`` (``breaks``: :func:`line_breaks`
    of the text)."""
    i = bisect.bisect_left(breaks, at)
    return breaks[i - 1] + 1, breaks[i]


def cms_token_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of each CMS token in ``text`` (``CMS_PATTERNS``), left to right."""
    firsts = sorted({pos for lit in _CMS_TOKEN_FIRST for pos in literal_starts(text, lit)})
    return [(m.start(), m.end(), m.lastgroup or "") for m in matches_at(CMS_TOKEN, text, firsts)]


_REGEX_SPECIAL = frozenset(".^$*+?{}[]\\|()")


@cache
def plain_literal(pattern: re.Pattern[str]) -> str | None:
    """The string ``pattern`` matches if it matches only that one (``www\\.``: ``www.``), without
    ignoring case; else None."""
    if pattern.flags & re.IGNORECASE:
        return None
    out, chars = [], iter(pattern.pattern)
    for ch in chars:
        if ch == "\\":
            ch = next(chars, "")
            if not ch or ch.isalnum() or ch.isspace():  # \d, \b, \1...: not a plain character
                return None
        elif ch in _REGEX_SPECIAL:
            return None
        out.append(ch)
    return "".join(out) or None


def matches_at(
    pattern: re.Pattern[str], text: str, candidates: Iterable[int]
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, trying ``pattern`` only at ``candidates``:
    increasing positions that include every one where ``pattern`` matches.

    Each try starts past the end of the previous match, as ``finditer`` does (the patterns given
    here never match the empty string).
    """
    resume = 0
    match = pattern.match
    for pos in candidates:
        if pos < resume:
            continue
        m = match(text, pos)
        if m:
            yield m
            resume = m.end()


#: A regex with a literal start, which the engine finds with a tight scan, and the offset from
#: where it matches to where the pattern it stands for can (see :func:`seeded_matches`).
Seed = tuple[re.Pattern[str], int]


def seeded_matches(
    pattern: re.Pattern[str], text: str, seeds: Iterable[Seed]
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, trying ``pattern`` only where a seed matches
    (and at 0): for patterns that start with a character class or alternatives, which the engine
    tries at every position (three to ten times slower on a batch of pages).

    Together the seeds must match wherever ``pattern`` can start a match, and a seed's match
    must never contain a later position where the same seed matches (its ``finditer`` would
    skip it).
    """
    found = {0}
    for seed, offset in seeds:
        literal = plain_literal(seed)
        if literal is None:
            found.update(m.start() + offset for m in seed.finditer(text))
        else:
            found.update(pos + offset for pos in literal_starts(text, literal))
    return matches_at(pattern, text, sorted(found))


def matches_in_runs(
    pattern: re.Pattern[str], text: str, starts: np.ndarray, ends: np.ndarray, which: np.ndarray
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)`` for a pattern whose matches stay inside one of
    the paragraphs ``text[starts[i]:ends[i]]`` and start only in those where ``which`` holds.

    Only the runs of such paragraphs are scanned, each with one ``finditer`` bounded by ``pos``
    and ``endpos`` (for a Chinese pattern, none on a page without Han characters).
    """
    edges = np.flatnonzero(np.diff(np.asarray(which, dtype=np.int8), prepend=0, append=0))
    first, last = edges[0::2], edges[1::2] - 1  # the paragraphs that open and close each run
    finditer = pattern.finditer
    for a, b in zip(starts[first].tolist(), ends[last].tolist()):
        yield from finditer(text, a, b)


_SEE_ALSO_WORDS = (
    r"(?:see also|read more|related|also read|read also|recommended|more|watch|listen|"
    r"相关阅读|延伸阅读|推荐阅读)\s*[:：]"
)

#: Other surface cues, each counted per paragraph. They run on the lower-cased batch string, with
#: ``re.M`` so that ``^``/``$`` are paragraph edges; most start with a literal so the scan is fast.
CUE_PATTERNS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.M)
    for name, pattern in {
        "url": r"https?://|www\.|\.(?:com|net|org|cn|info|biz|co|io|top|xyz|vip|cc)\b",
        "email": r"@[\w-]+\.[a-z]{2,}",
        "company": r",\s*ltd\b|有限公司|有限责任公司",
        "legal": r"©|\(c\)\s*\d{4}|copyright|all rights reserved|版权|icp[备证]|公网安备|免责声明",
        "comparison": r"[>≥]=?\s*\d",
        "see_also": "^" + _SEE_ALSO_WORDS,
        "count_paren": r"\(\d+\)$",
        "pinyin_paren": r"[\u4e00-\u9fff]\([a-z]{1,6}\)",
        "mojibake": r"â€|ã[\x80-\xbf]|â[\x80-\xbf ]|ï»¿|â„¢",
        "cjk_brand_suffix": (
            r"[\u4e00-\u9fff](?:娱乐城?|贵宾会|线路|官网|棋牌|真人|彩票|体育app|平台注册|博彩|赌场)"
        ),
    }.items()
}


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex (``a|b(?:c|d)`` gives ``a`` and ``b(?:c|d)``)."""
    parts, depth, current, chars = [], 0, [], iter(pattern)
    for ch in chars:
        if ch == "\\":
            current += [ch, next(chars, "")]
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _literals(*literals: str) -> tuple[Seed, ...]:
    return tuple((re.compile(re.escape(literal)), 0) for literal in literals)


#: Seeds (see :func:`seeded_matches`) for the cue patterns that the engine scans slowly. Plain
#: strings where they can be (``str.find`` finds them: a literal prefix of a pattern's matches that
#: cannot overlap itself, such as ``http`` for ``https?://``, or a whole alternative), regexes
#: where a prefix would be too common (``.`` for the domain endings, ``,`` for ``, ltd``).
_CUE_SEEDS: dict[str, tuple[Seed, ...]] = {
    "url": (
        *_literals("http", "www."),
        (re.compile(alternatives(CUE_PATTERNS["url"].pattern)[2]), 0),
    ),
    "company": tuple(
        (re.compile(alt, re.M), 0) for alt in alternatives(CUE_PATTERNS["company"].pattern)
    ),
    "legal": _literals(
        "©", "(c)", "copyright", "all rights reserved", "版权", "icp", "公网安备", "免责声明"
    ),
    "mojibake": _literals("â", "ã", "ï»¿"),
    "comparison": _literals(">", "≥"),
    # a paragraph start after the first: the newline before it (position 0 is always tried)
    "see_also": ((re.compile("\n" + _SEE_ALSO_WORDS, re.M), 1),),
}


def cue_starts(name: str, text: str) -> list[int]:
    """Where ``CUE_PATTERNS[name].finditer(text)`` finds its matches (from seeds if it has)."""
    pattern = CUE_PATTERNS[name]
    seeds = _CUE_SEEDS.get(name)
    found = pattern.finditer(text) if seeds is None else seeded_matches(pattern, text, seeds)
    return [m.start() for m in found]
