"""`compliance new <form> --sample`: labels and sample values in the document, both scripts."""
from __future__ import annotations

import pytest
from gen_support import FORMS, SAMPLE_VALUES, doc_text, run, sample_path, schema, schema_titles


@pytest.mark.parametrize("form_id", FORMS)
def test_sample_docx_has_every_label_and_sample_value(tmp_path, form_id):
    out = tmp_path / "out.docx"
    result = run(["new", form_id, "--sample", "-o", out])
    assert result.exit_code == 0, result.output
    assert out.is_file()
    assert "written" in result.output and "已生成" in result.output
    text = doc_text(out)
    assert schema(form_id)["title"] in text
    missing = [title for title in schema_titles(form_id) if title not in text]
    assert not missing, f"labels missing from the document: {missing}"
    absent_values = [value for value in SAMPLE_VALUES[form_id] if value not in text]
    assert not absent_values, f"sample values missing from the document: {absent_values}"
    assert "None" not in text  # an absent optional field prints empty, not 'None'


def test_sample_default_output_path_is_form_id_in_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(["new", "seal-use", "--sample"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "seal-use.docx").is_file()
    assert "刘雨桐" in doc_text(tmp_path / "seal-use.docx")


@pytest.mark.parametrize("form_id", FORMS)
def test_script_traditional_converts_labels_and_data(tmp_path, form_id):
    from compliance.model.textnorm import to_traditional

    out = tmp_path / "out.docx"
    result = run(["new", form_id, "--sample", "-o", out, "--script", "traditional"])
    assert result.exit_code == 0, result.output
    text = doc_text(out)
    titles = [schema(form_id)["title"], *schema_titles(form_id)]
    missing = [to_traditional(t) for t in titles if to_traditional(t) not in text]
    assert not missing, f"Traditional labels missing: {missing}"
    simplified_only = [t for t in titles if to_traditional(t) != t and t in text]
    assert not simplified_only, f"Simplified labels left in a Traditional document: {simplified_only}"


def test_script_traditional_reimbursement_known_strings(tmp_path):
    out = tmp_path / "out.docx"
    result = run(["new", "reimbursement", "--sample", "-o", out, "--script", "traditional"])
    assert result.exit_code == 0, result.output
    text = doc_text(out)
    for expected in ("費用報銷單", "報銷人", "費用明細", "報銷事由", "合計金額", "大寫金額",
                     "周曉琳", "市場部", "杭州—深圳往返高鐵二等座", "4,780.50", "2026年5月18日"):
        assert expected in text, expected
    for simplified in ("报销人", "费用明细", "周晓琳", "市场部", "报销事由"):
        assert simplified not in text, simplified


@pytest.mark.parametrize("form_id", FORMS)
def test_traditional_label_data_gives_same_document_as_simplified_keys(tmp_path, form_id):
    traditional = sample_path(form_id, "valid-traditional-labels.yaml")
    assert traditional.is_file()
    a, b = tmp_path / "keys.docx", tmp_path / "traditional-labels.docx"
    first = run(["new", form_id, "--data", sample_path(form_id), "-o", a])
    second = run(["new", form_id, "--data", traditional, "-o", b])
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert doc_text(b) == doc_text(a)
