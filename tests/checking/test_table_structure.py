"""A table ends where its structure ends, not at a word: an expense line whose 摘要 reads 事由 or
whose 费用类别 reads 部门 is still a line, and the lines after it are still read."""
from __future__ import annotations

import copy
import json

import pytest
import yaml
from locations import first_quick

from .support import SAMPLES, check_json, run

VALID = yaml.safe_load((SAMPLES / "reimbursement" / "valid.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("column, word", [("summary", "事由"), ("summary", "报销人"), ("category", "部门"),
                                          ("summary", "合计金额"), ("summary", "審批")])
@pytest.mark.parametrize("script", first_quick(["simplified", "traditional"]))
def test_a_label_word_inside_a_line_does_not_end_the_table(tmp_path, column, word, script):
    data = copy.deepcopy(VALID)
    data["items"][1][column] = word
    source = tmp_path / "data.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    printed = tmp_path / "slip.docx"
    assert run("new", "reimbursement", "--data", source, "-o", printed, "--script", script).exit_code == 0
    code, report = check_json(printed)
    assert (code, report["files"][0]["findings"]) == (0, [])
    items = json.loads(run("extract", printed).stdout)["data"]["items"]
    assert len(items) == len(VALID["items"])
