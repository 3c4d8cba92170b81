"""kind: claim_duplicate — the same expense line (date, category, amount, description, after
normalisation of script, width and spacing) claimed on two or more slips.

params: form (reimbursement); table (items); columns: the columns that together identify a line.
"""
from __future__ import annotations

from ..facts import fen, text_key
from ..model import finding

KIND = "claim_duplicate"
PARAMS = {"type": "object", "additionalProperties": False, "required": ["form", "table", "columns"],
          "properties": {"form": {"type": "string", "x-names": "form"},
                         "table": {"type": "string", "x-names": "table", "x-form": "form"},
                         "columns": {"type": "array", "minItems": 1,
                                     "items": {"type": "string", "x-names": "column", "x-table": "table", "x-form": "form"}}}}


def _key(value) -> str:
    amount = fen(value) if isinstance(value, (int, float)) else None
    return str(amount) if amount is not None else text_key(value)


def facts(rule, result, context):
    if result.form != rule.params["form"] or not isinstance(result.data, dict):
        return None
    lines = set()
    for row in result.data.get(rule.params["table"]) or ():
        if isinstance(row, dict):
            key = tuple(_key(row.get(column)) for column in rule.params["columns"])
            if any(key):
                lines.add(key)
    return frozenset(lines) or None


def check(rule, gathered, context):
    claimed: dict[tuple, list[str]] = {}
    for path, lines in gathered:
        for line in lines:
            claimed.setdefault(line, []).append(path)
    for line, paths in sorted(claimed.items()):
        if len(set(paths)) >= 2:
            shown = " / ".join(part for part in line if part)
            yield finding(rule, "claim-duplicate", set(paths), f"同一费用（{shown}）在 {len(set(paths))} 张报销单上重复报销",
                          f"the same expense ({shown}) is claimed on {len(set(paths))} slips")
