"""kind: seal_unrequested — a sealed document that no approved seal-use request of the batch
covers; and, with a seal register in the batch, a covered use that the register does not hold.

A request covers a document when its document name equals the document's title (its first
non-empty line) or its file name without extension, after folding script, width and spacing. A
request whose approval is missing or refused covers nothing.

params: request_form (seal-use) and request_field (its document name); register_form
(seal-register) and register_column (`uses[].document`).
"""
from __future__ import annotations

from pathlib import PurePath

from ..facts import approved, text_key
from ..model import finding

KIND = "seal_unrequested"
PARAMS = {"type": "object", "additionalProperties": False,
          "required": ["request_form", "request_field", "register_form", "register_column"],
          "properties": {"request_form": {"type": "string", "x-names": "form"},
                         "request_field": {"type": "string", "x-names": "field", "x-form": "request_form"},
                         "register_form": {"type": "string", "x-names": "form"},
                         "register_column": {"type": "string", "x-names": "field", "x-form": "register_form"}}}

REQUEST, REGISTER, SEALED = "request", "register", "sealed"


def facts(rule, result, context):
    params = rule.params
    data = result.data if isinstance(result.data, dict) else {}
    if result.form == params["request_form"]:
        return (REQUEST, text_key(data.get(params["request_field"]))) if approved(result) else None
    if result.form == params["register_form"]:
        table, _, column = params["register_column"].partition("[].")
        names = frozenset(text_key(row.get(column)) for row in data.get(table) or () if isinstance(row, dict))
        return REGISTER, names - {""}
    if result.sealed:
        return SEALED, frozenset(key for key in (text_key(result.title), text_key(PurePath(result.path).stem)) if key)
    return None


def check(rule, gathered, context):
    requested, registered, sealed, registers = set(), set(), [], False
    for path, (what, value) in gathered:
        if what == REQUEST:
            requested.add(value)
        elif what == REGISTER:
            registers = True
            registered |= value
        else:
            sealed.append((path, value))
    for path, names in sealed:
        covered = names & requested
        if not covered:
            yield finding(rule, "seal-unrequested", [path], "文件盖有印章，但本批中没有经批准的印章使用申请表与之对应",
                          "the document bears a seal, but no approved seal-use request in the batch covers it")
        elif registers and not covered & registered:
            yield finding(rule, "seal-unregistered", [path], "用印已经批准，但印章使用登记簿中没有这次用印的记录",
                          "the seal use was approved, but the seal register has no row for it")
