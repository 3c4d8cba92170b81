"""Values that say nothing, and document names that name no document, judged by what they mean.

A clerk who has nothing to write, or a forger who wants a field to look filled, writes a mark or a
word that stands in for a value: `/`, `——`, 无, 待补, 略, 见附件, N/A. These are of a few kinds —
strokes, words of absence, of deferral, of omission, of reference elsewhere, template fill-ins —
and each kind is a pattern here, not a list of spellings.

A document to be sealed may be named with words around the blank paper it really is: 「A4白纸一张」,
「空白纸张2张」, 「房屋租赁合同及空白授权委托书」. Each item of such a name is read as a phrase —
size, count, the word blank, a kind of paper or document — and one blank item is enough; a name
in which blank only qualifies something else (空白区域设计方案) is a real document.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .textnorm import nfkc, strip_invisible, to_simplified

# Symbols that only draw a line where a value would go: dashes, slashes, rules, tildes.
_STROKE_WORDS = ("DASH", "HYPHEN", "LINE", "BAR", "SOLIDUS", "SLASH", "TILDE", "BOX DRAWINGS", "MINUS", "WAVE",
                 "ELLIPSIS", "STROKE")


def _stroke(char: str) -> bool:
    category = unicodedata.category(char)
    if category.startswith(("P", "Z", "C")) or char.isspace():
        return True
    name = unicodedata.name(char, "")
    return category.startswith("S") and any(word in name for word in _STROKE_WORDS)


_ABSENT = (r"(?:暂|并|均|目前|尚|现)?(?:无|没有|空|空白|不详|未知|不适用|未填|未填写|缺|空缺|免填|不填|无需填写|不必填写)"
           r"(?:内容|数据|信息|记录|此项)?")
_DEFERRED = (r"(?:待|后|另|稍后|以后|随后|日后|择日|暂缓)(?:再)?"
             r"(?:补|填|定|签|核|议|审|确认|补充|补填|填写|提供|完善|录入|上传|更新|签字|补签|补录|核实|商|议定)(?:中|写|入)?")
_OMITTED = r"(?:从|省)?略"
_ELSEWHERE = (r"(?:详|请|参)?(?:见|阅|参见|参看|参阅)(?:附件|附表|附页|背面|后页|下页|另页|清单|原件|说明|备注|上表|下表|附录)\d*"
              r"|另附|附后|后附")
_FILL_IN = r"n/?a|none|null|nil|tbd|tba|pending|unknown|void|blank|empty|x{2,}|某+|○+|〇+|\*+"
_NO_VALUE = re.compile(f"^(?:{_ABSENT}|{_DEFERRED}|{_OMITTED}|{_ELSEWHERE}|{_FILL_IN})$")


def _compact(text: str) -> str:
    """Simplified, NFKC, lower-case, without invisible marks, spacing, punctuation or symbols."""
    simplified = strip_invisible(nfkc(to_simplified(text))).lower()
    return "".join(char for char in simplified if unicodedata.category(char)[0] in "LN")


@lru_cache(maxsize=8192)
def _says_nothing(text: str) -> bool:
    visible = strip_invisible(nfkc(text))
    if all(_stroke(char) for char in visible):
        return True  # nothing, or only /, —, ______, ……
    return bool(_NO_VALUE.match(_compact(text)))


def no_value(value: object) -> bool:
    """Whether `value` is text that stands in for a value without being one (see the module)."""
    return isinstance(value, str) and _says_nothing(value)


# -- document names ----------------------------------------------------------------------------
_SEPARATOR = re.compile(r"以及|及其|连同|及|和|与|暨|并|[、,，;；+&/\n]")
_COUNT = r"(?:\d+|[一二两三四五六七八九十百几数若干多]+)(?:张|份|页|本|册|套|件|沓|叠|包|令|个|式|联)"
_SIZE = r"(?:[ab]\d|\d+开|大|小|普通|打印|复印|白色)"
_BLANK = r"(?:空白|空|白|未填写?|未打印|无内容|没有内容|未盖章)的?"
_DOCUMENT = (r"(?:纸张|纸|白纸|页面|页|表格|表单|表|单据|单|合同|协议|文件|文本|材料|授权委托书|授权书|委托书|介绍信|证明书|证明|函"
             r"|信笺|信纸|稿纸|信封|支票|收据|发票|凭证|票据|模板|范本|格式合同|格式|承诺书|声明书|声明|申请表|申请书|报告|信|卷)")
# Paper itself: a sheet of it names no document, blank or not (A4纸一张).
_PAPER = r"(?:纸张|纸|白纸|信纸|稿纸|打印纸|复印纸|信笺|页|空页)"
_BLANK_ITEM = re.compile(
    rf"^(?:共)?(?:{_COUNT})?{_SIZE}*(?:{_COUNT})?"
    rf"(?:{_BLANK}{_SIZE}*{_DOCUMENT}+|{_DOCUMENT}+{_BLANK}|空白|{_PAPER})"
    rf"(?:共?{_COUNT})?$")
_BLANK_ENGLISH = re.compile(r"\b(?:blank|empty|white)\s+(?:a\d\s+)?(?:paper|sheet|page|form|contract|document)s?\b")


@lru_cache(maxsize=4096)
def blank_document(name: str) -> bool:
    """Whether a document name names blank paper or a blank form, alone or among other items."""
    text = strip_invisible(nfkc(to_simplified(name))).lower()
    if _BLANK_ENGLISH.search(text):
        return True
    without_notes = re.sub(r"[（(【\[][^）)】\]]*[)）】\]]", "", text)  # 空白合同（终稿） is still blank
    items = _SEPARATOR.split(text) + _SEPARATOR.split(without_notes)
    return any(_BLANK_ITEM.match(_compact(item)) for item in items if _compact(item))
