"""`compliance forms` and `python -m compliance --help`."""
from __future__ import annotations

import json
import re

from gen_support import FORMS, run, run_process, schema


def test_forms_text_lists_every_form_with_chinese_name_and_field_count():
    result = run(["forms"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == len(FORMS)
    for form_id in FORMS:
        line = next((line for line in lines if line.split()[0] == form_id), None)
        assert line is not None, f"{form_id} missing from:\n{result.output}"
        assert schema(form_id)["title"] in line
        count = re.search(r"\((\d+) 个字段 / fields\)", line)
        assert count and int(count.group(1)) > 0, line


def test_forms_json_lists_five_ids_with_chinese_names_and_field_counts():
    result = run(["forms", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert sorted(row["id"] for row in rows) == sorted(FORMS)
    for row in rows:
        assert row["name"] == schema(row["id"])["title"]
        assert re.search(r"[\u4e00-\u9fff]", row["name"]), row
        assert isinstance(row["fields"], int) and row["fields"] > 0, row


def test_python_dash_m_help_lists_the_commands(tmp_path):
    completed = run_process(["--help"], cwd=tmp_path, timeout=60)
    assert completed.returncode == 0, completed.out
    assert "Traceback" not in completed.out
    commands = completed.stdout.decode("utf-8").split("Commands:", 1)
    assert len(commands) == 2, completed.out
    listed = {line.split()[0] for line in commands[1].splitlines() if line.strip()}
    assert {"forms", "new"} <= listed, completed.out
