"""kind: seal_blank_page — a page that holds a seal and nothing else (001 §七(四)3:
严禁在空白纸张上加盖印章). Runs on every laid-out document, a known form or not.

params: none. Pages come from the seal pass (compliance/seals), which also judges blankness.
"""
from __future__ import annotations

from .base import Context, Rule

KIND = "seal_blank_page"
READS_DOCUMENT = True  # fires only on a laid-out document with its pages, never on submitted data
PARAMS: dict = {"type": "object", "additionalProperties": False, "properties": {}}

_KIND_ZH = {"image": "印章图片", "annotation": "电子印章批注", "scan": "扫描件中的印章"}


def check(ctx: Context, rule: Rule):
    for report in ctx.seal_pages:
        if not report.stamps or not report.blank:
            continue
        kinds = "、".join(sorted({_KIND_ZH.get(s.kind, s.kind) for s in report.stamps}))
        kinds_en = ", ".join(sorted({s.kind for s in report.stamps}))
        yield ctx.finding(rule, "stamp-on-blank-page", None,
                          f"第 {report.page} 页除印章（{kinds}）外没有其他内容",
                          f"page {report.page} holds nothing but a seal ({kinds_en})", page=report.page)
