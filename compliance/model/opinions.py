"""What an approver's opinion decides, read by a small grammar rather than a list of phrases.

A refusal is rarely written as 不同意: it is 不能同意, 无法予以批准, 暂不支持, 碍难照准, 不予报销,
反对, 驳回 — a negation in front of an approving verb, or a verb that refuses by itself. A list of
such phrases is always one phrase short, so the opinion is read as Chinese is built:

    chain   := negator (negator | filler)* head?
    head    := approving verb | refusing word

A chain with an odd number of negations before an approving verb refuses (不能同意, 未予批准); an
even number approves (不能不同意). Before a refusing word the count flips: 不反对, 无异议, 并无不妥
approve. Some negators refuse even with nothing after them (此项不予, 拒).

Two more shapes of Chinese are read the same way. A verb followed by a negated potential
complement cannot be done: 同意不了, 批不下来, 报销不成 refuse. A state negator with an action and a
noun names a thing rather than deciding: 未报销部分 is "the part not yet claimed", and 未报销部分
已核实，同意 approves (a deciding verb keeps deciding: 不同意部分条款 refuses in part, so refuses).

The text is read after normalisation (Simplified script, NFKC width, no spacing, punctuation,
invisible or combining marks), so 不 同 意, 不、同、意 and 不同意 with a joiner (U+034F) inside all
read 不同意.
English opinions (not approved, rejected, no objection) are read by the same chain over words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

REJECT, APPROVE = "reject", "approve"


@dataclass(frozen=True)
class Grammar:
    """The word classes of one language; every entry is a sequence of units (characters or words)."""

    negators: tuple[tuple[str, ...], ...]
    refusing_negators: frozenset[tuple[str, ...]]  # refuse whatever follows: 不予, 拒
    final_negators: frozenset[tuple[str, ...]]  # refuse when nothing follows: 不能, 不可
    fillers: tuple[tuple[str, ...], ...]  # modal and adverb words between a negator and its verb
    verbs: tuple[tuple[str, ...], ...]  # what approving says, and what is approved: 同意, 批准, 可, 报销
    refusals: tuple[tuple[str, ...], ...]  # words that refuse by themselves: 反对, 驳回, 异议
    ignored: tuple[tuple[str, ...], ...] = ()  # words that hold a negator but negate nothing: 是否
    # The verbs of what is decided (报销, 用印), as against deciding (同意): after a state negator
    # (未, 没有) and before a noun they describe a thing (未报销部分) instead of refusing it.
    actions: frozenset[tuple[str, ...]] = frozenset()
    state_negators: frozenset[tuple[str, ...]] = frozenset()
    nouns: tuple[tuple[str, ...], ...] = ()
    # 不 + one of these after a verb: it cannot be done (同意不了, 批不下来).
    complements: tuple[tuple[str, ...], ...] = ()


def _chars(*words: str) -> tuple[tuple[str, ...], ...]:
    """Longest first, so that 不予 is tried before 不 and 批准 before 批."""
    return tuple(sorted((tuple(word) for word in words), key=len, reverse=True))


def _words(*phrases: str) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(phrase.split()) for phrase in phrases), key=len, reverse=True))


CHINESE = Grammar(
    negators=_chars("不", "未", "没", "没有", "无", "无法", "无从", "不能", "不可", "不予", "未予", "不宜", "不便", "不应",
                    "不拟", "难以", "暂不", "暂未", "拒不", "碍难", "未能", "不能够", "拒", "并非", "绝非"),
    refusing_negators=frozenset(_chars("不予", "未予", "拒", "碍难")),
    final_negators=frozenset(_chars("不能", "不可", "无法", "难以", "暂不", "不宜", "不拟", "拒不", "未能", "不能够")),
    fillers=_chars("予以", "给予", "予", "以", "能够", "能", "得", "宜", "便", "再", "太", "大", "完全", "全部", "会", "应当",
                   "应该", "应", "拟", "准备", "打算", "任何", "什么", "一律", "均", "都", "也", "敢", "肯", "愿", "愿意",
                   "获", "获得", "被", "作", "照", "所", "可以", "可", "此", "该", "本", "其", "是", "很", "十分", "非常",
                   "特别", "怎么"),
    # Deciding verbs (同意, 批准, 可, 行, 属实), then what is decided (报销, 用印, 办理).
    verbs=_chars("同意", "批准", "准予", "准许", "允许", "许可", "支持", "通过", "认可", "核准", "签批", "批复", "批", "准",
                 "赞成", "赞同", "认同", "采纳", "接受", "受理", "可以", "可", "行", "妥", "妥当", "属实", "合理", "合规",
                 "合格", "符合", "相符", "符", "必要", "照准", "放行", "确认", "审核", "审批", "审阅", "核实",
                 "报销", "用印", "盖章", "办理", "支付", "付款", "核销", "签发", "签订", "签约", "承接", "立项", "列支",
                 "入账", "借阅", "查阅", "发放", "拨付"),
    refusals=_chars("反对", "驳回", "退回", "退件", "打回", "否决", "否定", "拒绝", "谢绝", "婉拒", "作废", "异议", "有误"),
    ignored=_chars("是否", "能否", "可否", "与否", "不论", "不管", "不仅", "不但", "无论", "无误", "不超过", "不少于",
                   "不低于", "不高于", "不含", "不足", "未经", "无可"),
    actions=frozenset(_chars("报销", "用印", "盖章", "办理", "支付", "付款", "核销", "签发", "签订", "签约", "承接", "立项",
                             "列支", "入账", "借阅", "查阅", "发放", "拨付")),
    state_negators=frozenset(_chars("未", "没", "没有", "暂未")),
    nouns=_chars("部分", "事项", "款项", "金额", "费用", "项目", "内容", "票据", "单据", "发票", "明细", "条目"),
    # Not 得 or 过: 同意，不得超过预算 and 同意，不过须补票 set conditions (不得, 不过 = "but").
    complements=_chars("了", "成", "下来", "下去"),
)

ENGLISH = Grammar(
    negators=_words("not", "no", "never", "cannot", "can't", "cant", "won't", "wont", "don't", "dont", "didn't", "didnt",
                    "isn't", "isnt", "doesn't", "doesnt", "unable to"),
    refusing_negators=frozenset(),
    final_negators=frozenset(_words("cannot", "can't", "cant", "won't", "wont")),
    fillers=_words("be", "been", "is", "are", "was", "being", "to", "we", "i", "do", "does", "can", "will", "yet", "fully",
                   "any", "at all"),
    verbs=_words("approve", "approved", "agree", "agreed", "accept", "accepted", "support", "supported", "pass", "passed",
                 "authorise", "authorised", "authorize", "authorized", "grant", "granted", "allow", "allowed", "permit",
                 "permitted", "endorse", "endorsed", "ok", "okay", "acceptable"),
    refusals=_words("reject", "rejected", "decline", "declined", "deny", "denied", "disapprove", "disapproved", "refuse",
                    "refused", "veto", "vetoed", "disagree", "disagreed", "objection", "objections", "object"),
)


def _longest(units: tuple[str, ...], position: int, classes: dict[str, tuple[tuple[str, ...], ...]]) -> tuple[str, int]:
    """The word class and length of the longest entry of `classes` at `position` (("", 0) if none):
    拒绝 is a refusal rather than the negator 拒, 不超过 a phrase rather than the negator 不. On a
    tie the class named first wins."""
    best, length = "", 0
    for name, entries in classes.items():
        for entry in entries:  # longest first
            if len(entry) > length and units[position:position + len(entry)] == entry:
                best, length = name, len(entry)
                break
    return best, length


def _chain(units: tuple[str, ...], start: int, grammar: Grammar) -> tuple[str | None, int]:
    """Read one negation chain from `start` (a negator): its verdict (REJECT, APPROVE or None when it
    negates nothing that decides) and where reading goes on."""
    classes = {"ignored": grammar.ignored, "refusal": grammar.refusals, "verb": grammar.verbs,
               "negator": grammar.negators, "filler": grammar.fillers}
    negations, position = 0, start
    last: tuple[str, ...] = ()
    while position < len(units):
        kind, length = _longest(units, position, classes)
        word = units[position:position + length]
        if kind == "negator":
            negations, last = negations + 1, word
        elif kind == "refusal":
            return (APPROVE if negations % 2 else REJECT), position + length
        elif kind == "verb":
            end = position + length
            noun_at = end + 1 if units[end:end + 1] == ("的",) else end
            if (negations == 1 and last in grammar.state_negators and word in grammar.actions
                    and _longest(units, noun_at, {"noun": grammar.nouns})[1]):
                return None, end  # 未报销部分: a thing named, nothing decided
            return (REJECT if negations % 2 else APPROVE), end
        elif kind != "filler":
            break
        position += length
    odd = negations % 2 == 1
    # 不予 and 拒 refuse whatever follows; 不能 or 不可 only when nothing does (不能超过 is a limit).
    refused = odd and (last in grammar.refusing_negators or (position == len(units) and last in grammar.final_negators))
    return (REJECT if refused else None), max(position, start + 1)


def _cannot_be_done(units: tuple[str, ...], position: int, grammar: Grammar) -> bool:
    """不 between a deciding verb and a potential complement: 同意不了, 批不下来, 通过不了."""
    if units[position:position + 1] != ("不",) or not _longest(units, position + 1, {"complement": grammar.complements})[1]:
        return False
    return any(units[max(0, position - len(verb)):position] == verb for verb in grammar.verbs)


def verdicts(units: tuple[str, ...], grammar: Grammar) -> list[str]:
    """Every decision the text makes, in order: REJECT or APPROVE for each chain or refusing word."""
    classes = {"ignored": grammar.ignored, "refusal": grammar.refusals, "negator": grammar.negators}
    found: list[str] = []
    position = 0
    while position < len(units):
        kind, length = _longest(units, position, classes)
        if kind == "negator" and _cannot_be_done(units, position, grammar):
            found.append(REJECT)
            position += 2
            continue
        if kind == "negator":
            verdict, position = _chain(units, position, grammar)
            if verdict is not None:
                found.append(verdict)
            continue
        if kind == "refusal":
            found.append(REJECT)
        position += max(length, 1)
    return found


_ENGLISH_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# A whole opinion that is one word of refusal, or a cross mark, refuses: 否, 不, No, ×.
_REFUSING_ALONE = frozenset({"否", "不", "no", "n", "nope", "nein", "ng", "不行", "不批"})
_CROSS_MARKS = frozenset("×✕✖✗✘❌❎☒╳")


def refuses(compact: str, spaced: str, clauses: tuple[str, ...] = ()) -> bool:
    """Whether an opinion refuses anywhere. `compact` is its normalised text without spacing,
    punctuation or symbols (so that 不、同、意 reads 不同意); `clauses` the same text cut at its
    punctuation (a clause that ends in 不可 refuses, though the text goes on: 经审核，不可，请知悉);
    `spaced` the text with punctuation as spacing and symbols kept (English is read by words, and
    a cross mark is a symbol)."""
    marks = "".join(spaced.split())
    if any(text.lower() in _REFUSING_ALONE for text in (compact, *clauses)) or (marks and set(marks) <= _CROSS_MARKS):
        return True
    if any(REJECT in verdicts(tuple(text), CHINESE) for text in (compact, *clauses)):
        return True
    return REJECT in verdicts(tuple(_ENGLISH_WORD.findall(spaced.lower())), ENGLISH)
