"""`--data -`: one record on standard input, as JSON or YAML, in a real process."""
from __future__ import annotations

import json

import pytest
from gen_support import doc_text, reimbursement_data, run_process

pytestmark = pytest.mark.slow  # each test starts a new Python process to feed it standard input


def _yaml(data) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True)


@pytest.mark.parametrize("encode", [
    pytest.param(lambda d: json.dumps(d, ensure_ascii=False), id="json"),
    pytest.param(lambda d: json.dumps(d), id="json-ascii-escapes"),
    pytest.param(_yaml, id="yaml"),
])
def test_data_from_stdin(tmp_path, encode):
    completed = run_process(["new", "reimbursement", "--data", "-", "-o", "out.docx"],
                            input=encode(reimbursement_data()).encode("utf-8"), cwd=tmp_path)
    assert completed.returncode == 0, completed.out
    assert "Traceback" not in completed.out
    text = doc_text(tmp_path / "out.docx")
    for value in ("张伟", "市场部", "赴上海拜访客户", "1,005.00", "壹仟零伍元整"):
        assert value in text, value


def test_invalid_data_from_stdin_names_stdin(tmp_path):
    completed = run_process(["new", "reimbursement", "--data", "-", "-o", "out.docx"],
                            input=json.dumps({"报销人": "张伟"}, ensure_ascii=False).encode("utf-8"), cwd=tmp_path)
    assert completed.returncode == 1, completed.out
    assert "Traceback" not in completed.out
    assert "错误：" in completed.out and "error:" in completed.out
    assert "部门 (department)" in completed.out
    assert not (tmp_path / "out.docx").exists()


def test_invalid_data_from_stdin_is_reported_as_stdin(tmp_path):
    completed = run_process(["new", "reimbursement", "--data", "-", "-o", "out.docx"],
                            input=json.dumps({"报销人": "张伟"}, ensure_ascii=False).encode("utf-8"), cwd=tmp_path)
    # Regression: invalid stdin data was once reported as '错误：-：数据有 N 处问题'.
    assert completed.returncode == 1, completed.out
    assert "标准输入 / stdin：数据有" in completed.out and "stdin: the data has" in completed.out
