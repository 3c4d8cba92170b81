"""The example form of a new office workspace: 请假申请表 (leave request), per 004 §三(二)1.

Kept as Python data rather than loose files so that it ships in every install of the package.
"""
from __future__ import annotations

import json

FORM_ID = "leave-request"

# The schema as the text written to schemas/leave-request.schema.json. Kept as one text rather than
# a dict literal: short label literals in code (such as a lone 部门) are picked up by Hypothesis as
# examples to try, and the round-trip property tests assume no value is a label on its own.
SCHEMA_JSON = """\
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "请假申请表",
  "description": "员工请假前填写，经部门负责人、人事部门批准后方可休假（004 §三(二)1）。",
  "x-form-id": "leave-request",
  "x-title-aliases": [
    "请假单",
    "休假申请表"
  ],
  "type": "object",
  "additionalProperties": false,
  "required": [
    "applicant",
    "department",
    "leave_type",
    "application_date",
    "start_date",
    "end_date",
    "days",
    "reason"
  ],
  "properties": {
    "applicant": {
      "type": "string",
      "title": "申请人",
      "minLength": 1,
      "x-aliases": [
        "请假人"
      ]
    },
    "department": {
      "type": "string",
      "title": "部门",
      "minLength": 1,
      "x-aliases": [
        "所属部门"
      ]
    },
    "leave_type": {
      "type": "string",
      "enum": [
        "事假",
        "病假",
        "年休假",
        "婚假",
        "产假",
        "丧假",
        "调休"
      ],
      "title": "请假类别",
      "x-aliases": [
        "假别",
        "请假类型"
      ]
    },
    "application_date": {
      "type": "string",
      "format": "date",
      "title": "申请日期",
      "x-aliases": [
        "填表日期"
      ]
    },
    "start_date": {
      "type": "string",
      "format": "date",
      "title": "开始日期",
      "x-aliases": [
        "请假开始日期",
        "起始日期"
      ]
    },
    "end_date": {
      "type": "string",
      "format": "date",
      "title": "结束日期",
      "x-aliases": [
        "请假结束日期",
        "截止日期"
      ]
    },
    "days": {
      "type": "number",
      "minimum": 0.5,
      "title": "请假天数",
      "x-aliases": [
        "天数"
      ]
    },
    "handover": {
      "type": "string",
      "title": "工作交接人",
      "minLength": 1,
      "x-aliases": [
        "交接人"
      ]
    },
    "reason": {
      "type": "string",
      "title": "请假事由",
      "minLength": 1,
      "x-multiline": true,
      "x-aliases": [
        "事由",
        "原因"
      ]
    },
    "approvals": {
      "type": "array",
      "x-approvals": true,
      "title": "审批",
      "x-aliases": [
        "审批意见",
        "审批记录"
      ],
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "role"
        ],
        "properties": {
          "role": {
            "type": "string",
            "title": "审批环节",
            "minLength": 1,
            "x-aliases": [
              "审批岗位"
            ]
          },
          "approver": {
            "type": "string",
            "title": "审批人",
            "minLength": 1,
            "x-aliases": [
              "签字",
              "签名"
            ]
          },
          "opinion": {
            "type": "string",
            "title": "意见",
            "minLength": 1
          },
          "date": {
            "type": "string",
            "format": "date",
            "title": "日期",
            "x-aliases": [
              "审批日期"
            ]
          }
        }
      }
    }
  }
}
"""

SCHEMA = json.loads(SCHEMA_JSON)

# Label/value rows of the form, in print order; a pair is two label/value pairs side by side.
LAYOUT = (("applicant", "department"), ("leave_type", "application_date"), ("start_date", "end_date"),
          ("days", "handover"), "reason")
TABLE = "approvals"

RULES = """\
form: leave-request
description: 请假申请表的审批与日期规则（示例：按本单位制度修改）
rules:
  - id: leave-request.complete
    kind: schema
    clause: "004 §三(二)1"
    message:
      zh: "请假需提前按照规定流程申请"
      en: "leave is applied for in advance through the set procedure"
  - id: leave-request.approval-chain
    kind: approvals
    clause: "004 §三(二)1"
    message:
      zh: "经批准后方可休假"
      en: "leave is taken only once approved"
    params:
      chain: [部门负责人, 人事部门]
  - id: leave-request.dates
    kind: date_order
    clause: "004 §三(二)1"
    message:
      zh: "请假结束日期不得早于开始日期"
      en: "the leave cannot end before it starts"
    params: {earlier: start_date, later: end_date}
  - id: leave-request.applied-in-advance
    kind: date_order
    clause: "004 §三(二)1"
    message:
      zh: "请假需提前申请"
      en: "leave is applied for in advance"
    params: {earlier: application_date, later: start_date}
  - id: leave-request.approved-before-leave
    kind: date_order
    clause: "004 §三(二)1"
    message:
      zh: "经批准后方可休假"
      en: "leave starts only after the last approval"
    params: {earlier: approvals.last.date, later: start_date}
  - id: leave-request.handover-separate
    kind: duty_conflict
    clause: "004 §三(二)1"
    message:
      zh: "工作交接人不能是请假人本人，也不能由请假人自己审批"
      en: "the applicant neither hands over to nor approves for themself"
    params: {person: applicant, against: [handover], approvals: true}
"""

VALID = """\
# 请假申请表: a complete sample that satisfies every rule of rules/leave-request.yaml.
applicant: 陈思远
department: 技术部
leave_type: 年休假
application_date: "2026-06-01"
start_date: "2026-06-15"
end_date: "2026-06-19"
days: 5
handover: 王雨桐
reason: 家中有事，申请使用本年度年休假五天，工作已交接给王雨桐。
approvals:
  - role: 部门负责人
    approver: 刘建国
    opinion: 同意，请做好工作交接。
    date: "2026-06-02"
  - role: 人事部门
    approver: 张慧敏
    opinion: 年休假余额充足，同意。
    date: "2026-06-03"
"""

def _approved_after_start() -> str:
    """The valid sample with one change: 人事部门 approves the day after the leave began."""
    import yaml

    data = yaml.safe_load(VALID)
    data["approvals"][-1]["date"] = "2026-06-16"
    document = {"form": FORM_ID, "description": "人事部门在假期开始之后才批准（先休假、后审批）",
                "expected_findings": [{"rule": "date-order", "field": "start_date"}], "data": data}
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


INVALID = {"approved-after-start.yaml": _approved_after_start}


README = """\
# 表单工作区 / forms workspace

由 `compliance init` 生成。本目录中的表单与内置表单一起使用；与内置表单同名（同 id）的表单覆盖内置表单。
Made by `compliance init`. The forms here are used together with the built-in ones; a form here
with the id of a built-in form replaces it.

```
templates/<id>.docx          docxtpl 模板（可在 Word 中编辑）/ the template, editable in Word
schemas/<id>.schema.json     字段：键名、打印标签（title）、类型、必填 / fields: key, printed label (title), type, required
rules/<id>.yaml              规则，每条注明依据的制度条款 / the rules, each citing its clause
samples/<id>/valid.yaml      一份完整、合规的示例数据 / a complete sample that breaks no rule
samples/<id>/invalid/*.yaml  每份违反一条规则，并写明应得的检查结果 / each breaks one rule and lists the findings it must give
```

示例表单 / the example form: `leave-request`（请假申请表，004 §三(二)1）。

```sh
compliance lint --root .                                       # 改动后先检查 / the gate: run after every change
compliance new leave-request --root . --sample -o 请假单.docx    # 用示例数据生成 / fill from the sample
compliance check 请假单.docx --root .                           # 检查已填表单 / check a filled form
```

在 `compliance.toml` 中写 `root = "<本目录>"`，即可省去 `--root`（`lint` 除外）。
`root = "<this folder>"` in `compliance.toml` spares `--root` (except for `lint`).

修改模板时 / when editing a template in Word:
- 占位符写成 `{{ 键名 }}`（如 `{{ applicant }}`），表格行用 `{%tr for row in approvals %}` … `{%tr endfor %}`，
  行内写 `{{ row.date }}`；每个占位符一次输入完整，不要在中间改格式。
  Placeholders are `{{ key }}`; table rows loop with `{%tr for row in approvals %}` … `{%tr endfor %}`.
  Type each placeholder in one go, without changing its formatting half-way.
- 标签文字应与 schema 中的 `title` 一致，检查时据此找到字段。
  Labels must match the schema's `title`: the checker finds each field by its label.
- `compliance diff 旧.docx 新.docx` 列出改动的占位符与标签。
  `compliance diff old.docx new.docx` lists the placeholders and labels a change touched.
"""
