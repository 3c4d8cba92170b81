"""kind: hidden_text — text on a page that a reader of the paper cannot see (hidden runs, white
or near-white text, text under 3 pt). It was not read as content; that someone put it there is
reported with its page, because a form has no honest use for it.

params: none.
"""
from __future__ import annotations

from .base import Context, Rule

KIND = "hidden_text"
READS_DOCUMENT = True  # fires only on a laid-out document, never on submitted data
PARAMS: dict = {"type": "object", "additionalProperties": False, "properties": {}}


def check(ctx: Context, rule: Rule):
    for page, sample in ctx.hidden_text:
        zh, en = ctx.page_name(page)
        yield ctx.finding(rule, "hidden-text", None, f"{zh}有看不见的文字（如“{sample}”），未作为内容读取",
                          f"{en} holds text that cannot be seen on paper (such as '{sample}'); it was not read", page=page)
