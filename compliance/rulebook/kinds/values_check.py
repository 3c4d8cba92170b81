"""kind: value — a field must (not) hold certain values: 附单据张数 ≥ 1, 用印文件名称 not 空白, materials provided,
参与人员 not an empty table.

params:
  fields: the fields held to it
  not_empty: true — each must hold something: a text not blank, a table at least one row
             (a training record lists its participants); an empty one is `field-missing`
  at_least / equals: a lowest value, or the one value allowed
  not_containing: words that may not appear anywhere in the value
  placeholders: words that stand for no real content (空白, 略, 见附件, N/A, /); a value made of
                nothing but these, `filler` words, punctuation and invisible characters is refused,
                while a real name that merely contains one (无锡分公司租赁合同) is not
  filler: generic words that name no particular thing (纸张, 合同): 空白合同 is as empty as 空白
  names_document: true — the value names a document to be sealed or signed; blank paper or a blank
                  form is none, whatever is around it (A4白纸一张, 空白纸张2张, 合同及空白授权委托书:
                  placeholders.blank_document), and neither is a stand-in for a name (/, 无, 见附件)
"""
from __future__ import annotations

from ...model.approval_text import compact_visible
from ...model.fields import TABLE
from ...model.placeholders import blank_document, no_value
from ...model.textnorm import label_key, shows_nothing
from .base import Context, Rule, blank

KIND = "value"
PARAMS = {"type": "object", "additionalProperties": False, "required": ["fields"],
          "properties": {"fields": {"type": "array", "items": {"type": "string", "x-names": "field"}, "minItems": 1},
                         "not_empty": {"const": True}, "at_least": {"type": "number"}, "equals": {},
                         "not_containing": {"type": "array", "items": {"type": "string"}},
                         "placeholders": {"type": "array", "items": {"type": "string"}},
                         "filler": {"type": "array", "items": {"type": "string"}},
                         "names_document": {"const": True}}}


def _placeholder(value: str, placeholders: list[str], filler: list[str]) -> str | None:
    """The placeholder `value` amounts to, or None when it says something real."""
    rest = label_key(compact_visible(value))
    rest = "".join(ch for ch in rest if ch.isalnum())  # /, —, ______ and the like are no content
    if not rest:
        return value
    found = None
    for word in sorted(placeholders, key=len, reverse=True):  # 见附件 before 附件
        key = "".join(ch for ch in label_key(word) if ch.isalnum())
        if key and key in rest:
            rest, found = rest.replace(key, ""), found or word
    for word in sorted(filler, key=len, reverse=True):
        rest = rest.replace(label_key(word), "")
    return found if found is not None and not rest else None


def _nothing_written(value) -> bool:
    return value is None or value in ([], {}) or shows_nothing(str(value))


def _stand_in(ctx: Context, rule: Rule, path: str, label: str, value):
    """field-invalid for a value that stands in for content (`placeholders`) or for a document
    that is blank paper or a blank form (`names_document`)."""
    params = rule.params
    if _nothing_written(value) or not ("placeholders" in params or params.get("names_document")):
        return  # nothing written (not_empty or the schema says so), or no stand-ins to judge
    placeholder = _placeholder(str(value), params["placeholders"], params.get("filler", [])) if "placeholders" in params else None
    if placeholder is None and no_value(value):  # what the list does not spell: 待补, ——, 见附件
        placeholder = str(value)
    if placeholder is not None:
        yield ctx.finding(rule, "field-invalid", path, f"{label}「{value}」只是占位（“{placeholder}”），不是实际内容",
                          f"{path} '{value}' is a placeholder ('{placeholder}'), not real content")
    elif params.get("names_document") and blank_document(str(value)):
        yield ctx.finding(rule, "field-invalid", path, f"{label}「{value}」是空白纸张或空白表单，不是实际文件",
                          f"{path} '{value}' is blank paper or a blank form, not a document")


def check(ctx: Context, rule: Rule):
    params = rule.params
    for path in params["fields"]:
        value = ctx.value(path)
        label = ctx.label(path)
        # A stand-in (/, 无, 待补) is empty, unless this rule names stand-ins: then it is invalid.
        judges_stand_ins = "placeholders" in params or params.get("names_document")
        if params.get("not_empty") and (_nothing_written(value) or (blank(value) and not judges_stand_ins)):
            field = ctx.tree.find_path(path)
            if field is not None and field.shape == TABLE:
                yield ctx.finding(rule, "field-missing", path, f"{label}一行也没有填写", f"{path} has no rows")
            else:
                yield ctx.finding(rule, "field-missing", path, f"{label}未填写", f"{path} is empty")
            continue
        if "equals" in params and value != params["equals"]:
            shown = {True: "是", False: "否", None: "未填"}.get(value, value) if isinstance(value, (bool, type(None))) else value
            want = {True: "是", False: "否"}.get(params["equals"], params["equals"])
            yield ctx.finding(rule, "field-invalid", path, f"{label}应为“{want}”，实为“{shown}”",
                              f"{path} must be {params['equals']!r}, found {value!r}")
        if "at_least" in params and value is not None and value < params["at_least"]:
            yield ctx.finding(rule, "field-invalid", path, f"{label}不得少于 {params['at_least']}",
                              f"{path} must be at least {params['at_least']}")
        yield from _stand_in(ctx, rule, path, label, value)
        if "not_containing" in params and not blank(value):
            words = [w for w in params["not_containing"] if label_key(w) in label_key(str(value))]
            if words or not label_key(str(value)):
                yield ctx.finding(rule, "field-invalid", path, f"{label}「{value}」不是有效内容（含“{words[0] if words else value}”）",
                                  f"{path} '{value}' is not acceptable (contains '{words[0] if words else value}')")
