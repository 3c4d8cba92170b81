"""--pdf through LibreOffice, and a clear refusal when LibreOffice is not installed."""
from __future__ import annotations

import os
import subprocess

import pytest
from gen_support import FORMS, SAMPLE_VALUES, run, run_process, schema, schema_titles, squeeze


@pytest.mark.parametrize("form_id", FORMS)
def test_sample_pdf_has_every_printed_label(tmp_path, soffice, form_id):
    out = tmp_path / "out.docx"
    result = run(["new", form_id, "--sample", "-o", out, "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "out.pdf"
    assert out.is_file() and pdf.is_file()
    assert pdf.read_bytes().startswith(b"%PDF")
    text = squeeze(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                                  check=True, timeout=60).stdout.decode("utf-8"))
    labels = [schema(form_id)["title"], *schema_titles(form_id)]
    missing = [label for label in labels if squeeze(label) not in text]
    assert not missing, f"labels missing from the PDF: {missing}"
    assert squeeze(SAMPLE_VALUES[form_id][0]) in text
    assert not list(tmp_path.glob(".*.part")), "temporary files left behind"


def test_pdf_without_libreoffice_is_a_usage_error_and_writes_nothing(tmp_path):
    # The interpreter is run by its own path (a venv's python moved or linked elsewhere would lose
    # the venv); PATH holds only an empty folder, so no soffice can be found on it.
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "COMPLIANCE_SOFFICE"}
    env["PATH"] = str(empty_bin)
    completed = run_process(["new", "reimbursement", "--sample", "-o", "x.docx", "--pdf"], cwd=tmp_path, env=env,
                            timeout=60)
    assert completed.returncode == 2, completed.out
    assert "Traceback" not in completed.out
    assert "LibreOffice" in completed.out
    assert "未找到 LibreOffice" in completed.out  # Chinese
    assert "was not found" in completed.out  # English
    assert not (tmp_path / "x.docx").exists()
    assert not (tmp_path / "x.pdf").exists()
