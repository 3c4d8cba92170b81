"""kind: schema — the form's required fields are present and every value is well-formed.

A required field that holds only a stand-in for a value — `/`, ——, 无, 待补, 略, 见附件, N/A
(placeholders.no_value), or its own label written again — is as empty as one left blank: it is
`field-missing`, in a plain field, a group (the acceptance report's signatures) and every row of
a table alike (a register's columns, a sign-in sheet). A field that holds a person's name
(`"x-kind": "person"`) must hold a name a person has: 周A琳 is `field-invalid`
(approval_text.name_problem).
"""
from __future__ import annotations

from collections.abc import Iterator

from ...model.approval_text import name_problem
from ...model.fields import SCALAR, TABLE, Field
from ...model.placeholders import no_value
from ...model.textnorm import label_key
from ...model.validation import validate
from .base import Context, Rule

KIND = "schema"
PARAMS = {"type": "object", "additionalProperties": False, "properties": {}}
PERSON = "person"  # the x-kind of a field that holds a person's name


def check(ctx: Context, rule: Rule):
    for problem in validate(ctx.schema, ctx.tree, ctx.data):
        yield ctx.finding(rule, problem.code, problem.path or None,
                          f"{problem.label}：{problem.message_zh}", f"{problem.label}: {problem.message_en}")
    for path, field, value in _scalars(ctx.tree.fields, ctx.data, ""):
        if not isinstance(value, str):
            continue
        label = ctx.tree.title_of_path(path)
        if field.required and _stands_in(field, value):
            yield ctx.finding(rule, "field-missing", path, f"{label}：「{value}」只是占位，等于未填写",
                              f"{label}: '{value}' only stands in for a value; the field is empty")
        elif field.value_type == PERSON and not no_value(value) and name_problem(value) is not None:
            zh, en = name_problem(value) or ("", "")
            yield ctx.finding(rule, "field-invalid", path, f"{label}：{zh}", f"{label}: {en}")


def _stands_in(field: Field, value: str) -> bool:
    return no_value(value) or label_key(value) in {label_key(label) for label in field.labels}


def _scalars(fields: tuple[Field, ...], data: object, prefix: str) -> Iterator[tuple[str, Field, object]]:
    """(path, field, value) of every scalar the data holds, at every depth: in groups and in every
    row of every table."""
    if not isinstance(data, dict):
        return
    for field in fields:
        if field.key not in data:
            continue
        path = f"{prefix}.{field.key}" if prefix else field.key
        value = data[field.key]
        if field.shape == SCALAR:
            yield path, field, value
        elif field.shape == TABLE and isinstance(value, list):
            for index, row in enumerate(value):
                yield from _scalars(field.children, row, f"{path}[{index}]")
        else:
            yield from _scalars(field.children, value, path)
