"""kind: seal_unfilled_form — a form sealed while fields it needs are still empty (001
§七(四)3 forbids sealing a blank sheet or contract; a form with its required fields empty
is one).

params:
  fields: the fields that must be filled before the form may be sealed (default: the schema's
          required fields)
"""
from __future__ import annotations

from .base import Context, Rule, blank

KIND = "seal_unfilled_form"
READS_DOCUMENT = True  # fires only on a laid-out document with its pages, never on submitted data
PARAMS = {"type": "object", "additionalProperties": False,
          "properties": {"fields": {"type": "array", "items": {"type": "string", "x-names": "field"}}}}


def check(ctx: Context, rule: Rule):
    stamped = [report.page for report in ctx.seal_pages if report.stamps]
    if not stamped:
        return
    fields = rule.params.get("fields") or ctx.schema.get("required", ())
    empty = [field for field in fields if blank(ctx.value(field))]
    if not empty:
        return
    yield ctx.finding(rule, "stamp-on-unfilled-form", None,
                      f"表单已盖章，但必填项仍为空：{'、'.join(ctx.label(f) for f in empty)}",
                      f"the form is sealed while required fields are empty: {', '.join(empty)}", page=stamped[0])
