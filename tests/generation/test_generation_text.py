"""Data reaches the document as literal text: markup and template syntax are not interpreted; newlines break lines."""
from __future__ import annotations

import zipfile

import pytest
import yaml
from gen_support import doc_text, reimbursement_data, run, sample_path, write_json
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_markup_and_template_syntax_appear_literally(tmp_path, script):
    lines = [{"日期": "2026-05-10", "费用类别": "</w:t>&amp;<w:br/>", "摘要": "{%p if x %}{{ x|e }}",
              "金额": "10.05", "单据张数": 1}]
    data = reimbursement_data(报销人="A&B<公司>", 部门="{{ 7*7 }}", 报销事由="{% if true %}X{% endif %} 与 {{7*7}}",
                              费用明细=lines)
    out = tmp_path / "out.docx"
    result = run(["new", "reimbursement", "--data", write_json(tmp_path / "d.json", data), "-o", out,
                  "--script", script])
    assert result.exit_code == 0, result.output
    text = doc_text(out)
    shown = _in_script(script)
    literals = ("A&B<公司>", "{{ 7*7 }}", "{% if true %}X{% endif %} 与 {{7*7}}", "</w:t>&amp;<w:br/>",
                "{%p if x %}{{ x|e }}")
    for literal in map(shown, literals):
        assert literal in text, literal
    assert "49" not in text
    assert "&lt;" not in text and "&amp;B" not in text  # escaped once, not twice


def _in_script(script):
    from compliance.model.textnorm import to_traditional

    return to_traditional if script == "traditional" else (lambda text: text)


def _paragraph_holding(docx_path, marker):
    with zipfile.ZipFile(docx_path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    for paragraph in root.iter(f"{W}p"):
        if marker in "".join(t.text or "" for t in paragraph.iter(f"{W}t")):
            return paragraph, root
    raise AssertionError(f"{marker} not in the document")


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_multiline_text_renders_as_line_breaks(tmp_path, script):
    data = yaml.safe_load(sample_path("project-intake").read_text(encoding="utf-8"))
    data["requirements"] = "第一行：现状调研\n第二行：流程梳理\n第三行：路线图"
    out = tmp_path / "out.docx"
    result = run(["new", "project-intake", "--data", write_json(tmp_path / "d.json", data), "-o", out,
                  "--script", script])
    assert result.exit_code == 0, result.output
    paragraph, root = _paragraph_holding(out, "第一行")
    pieces = [t.text for t in paragraph.iter(f"{W}t") if t.text]
    expected = [_in_script(script)(line) for line in ("第一行：现状调研", "第二行：流程梳理", "第三行：路线图")]
    assert [p for p in pieces if "行" in p] == expected
    assert len(list(paragraph.iter(f"{W}br"))) == 2
    all_text = [t.text or "" for t in root.iter(f"{W}t")]
    assert not any("\n" in t or "\\n" in t for t in all_text)
    assert "\n".join(expected) in doc_text(out)
