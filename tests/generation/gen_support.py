"""Helpers shared by the generation tests (imported by the test modules of this folder)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import traceback
from pathlib import Path

from click.testing import CliRunner
from locations import BUILTIN

# The built-in forms: their ids are public contract (issue 14 added the last five).
FORMS = ("acceptance-report", "performance-review", "project-intake", "reimbursement", "seal-use",
         "archive-access", "complaint-register", "contract-approval", "seal-register", "training-record")

# One value from each form's built-in sample that must show in the generated document.
SAMPLE_VALUES = {
    "acceptance-report": ["华东区域门店数字化运营咨询项目", "ZX-2026-0317", "杭州禾丰连锁超市有限公司", "郑海峰",
                          "陈思远", "2026年9月8日", "合格"],
    "performance-review": ["林嘉怡", "咨询业务一部", "高级咨询顾问", "项目交付按期完成率", "王建国", "86.7", "良好"],
    "project-intake": ["华东区域门店数字化运营咨询项目", "杭州禾丰连锁超市有限公司", "陈思远", "386,000.00",
                       "2026年3月9日", "李卫东"],
    "reimbursement": ["周晓琳", "市场部", "2026年5月18日", "杭州—深圳往返高铁二等座", "1,386.00", "4,780.50",
                      "肆仟柒佰捌拾元伍角整", "赵明辉"],
    "seal-use": ["刘雨桐", "咨询业务二部", "浙江云栖物流股份有限公司仓储管理咨询项目投标文件", "公章", "吴静怡",
                 "2026年6月4日"],
    "archive-access": ["王嘉怡", "财务部", "HT-2025-037", "2025年度客户服务合同档案（第三卷）", "借阅", "2026年3月18日",
                       "钱丽娟"],
    "complaint-register": ["杭州禾丰食品有限公司", "王经理 13958012468", "咨询业务二部", "2026年9月21日",
                           "报告已交付，客户确认接收", "宁波港联仓储有限公司"],
    "contract-approval": ["临平智慧园区运营管理咨询服务合同", "HT-ZX-2026-0418", "杭州临平新城开发建设有限公司",
                          "680,000.00", "2027年6月30日", "孙晓雯", "2026年6月15日"],
    "seal-register": ["公章、合同专用章", "吴静怡", "2026年第四季度", "杭州禾丰食品有限公司供应链诊断咨询服务合同",
                      "2026-093", "2026年10月22日"],
    "training-record": ["公司三楼第一会议室", "孙立群", "行政人事部", "2026年4月16日", "林嘉怡", "咨询业务二部"],
}


def schema(form_id: str) -> dict:
    return json.loads((BUILTIN / "schemas" / f"{form_id}.schema.json").read_text(encoding="utf-8"))


def schema_titles(form_id: str) -> list[str]:
    """Every property title of the form's schema, top-level and nested (table columns, groups)."""
    titles: list[str] = []

    def walk(node: dict) -> None:
        for sub in node.get("properties", {}).values():
            if "title" in sub:
                titles.append(sub["title"])
            if sub.get("type") == "array":
                walk(sub.get("items", {}))
            elif sub.get("type") == "object":
                walk(sub)

    walk(schema(form_id))
    return list(dict.fromkeys(titles))


def sample_path(form_id: str, name: str = "valid.yaml") -> Path:
    return BUILTIN / "samples" / form_id / name


def doc_text(path: Path) -> str:
    """All paragraph and table-cell text of a .docx (nested tables, headers and footers included)."""
    import docx

    document = docx.Document(str(path))
    parts: list[str] = []

    def tables(items) -> None:
        for table in items:
            for row in table.rows:
                for cell in row.cells:
                    parts.append(cell.text)
                    tables(cell.tables)

    parts.extend(p.text for p in document.paragraphs)
    tables(document.tables)
    for section in document.sections:
        for part in (section.header, section.footer):
            parts.extend(p.text for p in part.paragraphs)
            tables(part.tables)
    return "\n".join(parts)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def run(args, input=None, check_crash: bool = True):
    """Invoke `compliance` in-process; fail on any Python exception other than SystemExit."""
    from compliance.cli import main

    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    if check_crash:
        assert_no_crash(result)
    return result


def assert_no_crash(result) -> None:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError("compliance crashed:\n" + "".join(traceback.format_exception(*result.exc_info))
                             + "\noutput:\n" + result.output)
    assert "Traceback" not in result.output, result.output
    # The CLI turns an unexpected exception into this message (exit 2): still a bug in the package.
    assert "internal error (please report it)" not in result.output, result.output


def run_process(args, *, input: bytes | None = None, cwd: Path, env=None, executable: str | None = None,
                timeout: int = 120) -> subprocess.CompletedProcess:
    """`python -m compliance ...` in a real process; stdout/stderr decoded as UTF-8."""
    completed = subprocess.run([executable or sys.executable, "-m", "compliance", *map(str, args)],
                               input=input, capture_output=True, cwd=cwd, env=env, timeout=timeout)
    completed.out = completed.stdout.decode("utf-8", "replace") + completed.stderr.decode("utf-8", "replace")
    return completed


def assert_bilingual(output: str) -> None:
    """Every error the CLI prints carries a Chinese line (错误：) and an English line (error:)."""
    assert "错误：" in output, output
    assert "error:" in output, output


def reimbursement_data(**overrides) -> dict:
    """A small valid reimbursement record keyed by Simplified printed labels (total and capital derived)."""
    data = {
        "报销人": "张伟",
        "部门": "市场部",
        "报销日期": "2026-05-11",
        "报销事由": "赴上海拜访客户",
        "费用明细": [
            {"日期": "2026-05-10", "费用类别": "交通费", "摘要": "高铁", "金额": "1000", "单据张数": 2},
            {"日期": "2026-05-10", "费用类别": "餐费", "摘要": "工作餐", "金额": "5", "单据张数": 1},
        ],
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
