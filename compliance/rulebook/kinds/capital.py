"""kind: capital — the capital-numeral amount (大写金额) says the same as the figure."""
from __future__ import annotations

from ...model.amounts import format_capital, format_figure, parse_capital, to_fen
from .base import Context, Rule, blank

KIND = "capital"
PARAMS = {"type": "object", "additionalProperties": False, "required": ["figure", "words"],
          "properties": {"figure": {"type": "string", "x-names": "field"}, "words": {"type": "string", "x-names": "field"}}}


def check(ctx: Context, rule: Rule):
    figure, words = ctx.value(rule.params["figure"]), ctx.value(rule.params["words"])
    if figure is None or blank(words):
        return
    where = rule.params["words"]
    value = parse_capital(str(words))
    if value is None:
        yield ctx.finding(rule, "amount-capital-mismatch", where,
                          f"「{words}」不是规范的大写金额（应为 {format_capital(figure)}）",
                          f"'{words}' is not a capital-numeral amount (expected {format_capital(figure)})")
    elif value != to_fen(figure):
        yield ctx.finding(rule, "amount-capital-mismatch", where,
                          f"大写「{words}」（{format_figure(value)}）与小写 {format_figure(figure)} 不符",
                          f"capital amount '{words}' ({format_figure(value)}) differs from the figure {format_figure(figure)}")
