"""Registers live in Excel and grow long: each register round-trips through .xlsx with its row
faults named by sheet row, and a register printed over several PDF pages is read whole.

The oracle for "which row" is the workbook itself (openpyxl finds the entry's cell), and for
"which page" the PDF's own text (pdftotext), never our reader."""
from __future__ import annotations

import copy
import datetime as dt
import shutil
import subprocess

import openpyxl
import pytest
import yaml

from .support import SAMPLES, check_json, run

AS_OF = "2026-12-01"
REGISTERS = ("seal-register", "complaint-register")


def _sample(form: str, name: str = "valid") -> dict:
    document = yaml.safe_load((SAMPLES / form / f"{name}.yaml").read_text(encoding="utf-8"))
    return document.get("data", document) if name != "valid" else document


def _expected(form: str, name: str) -> list[tuple[str, str]]:
    document = yaml.safe_load((SAMPLES / form / "invalid" / f"{name}.yaml").read_text(encoding="utf-8"))
    return sorted((f["rule"], f["field"]) for f in document["expected_findings"])


def _write(tmp_path, form: str, data: dict, suffix: str = ".xlsx", *extra):
    source = tmp_path / f"{form}-data.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    target = tmp_path / f"{form}{suffix}"
    result = run("new", form, "--data", source, "-o", target, "--force", *extra)
    assert result.exit_code == 0, result.output
    return target


@pytest.mark.parametrize("form", REGISTERS)
@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_a_register_round_trips_through_excel(tmp_path, form, script):
    path = _write(tmp_path, form, _sample(form), ".xlsx", "--script", script)
    code, report = check_json(path, extra=("--as-of", AS_OF))
    assert code == 0, report["files"][0]["findings"]
    assert report["files"][0]["form"] == form


@pytest.mark.parametrize("form, name", [
    ("seal-register", "not-returned"), ("seal-register", "return-unconfirmed"), ("seal-register", "returned-late"),
    ("complaint-register", "overdue"), ("complaint-register", "closed-late"), ("complaint-register", "outcome-not-closed"),
])
def test_an_invalid_register_in_excel_gives_its_findings_at_the_sheet_row(tmp_path, form, name):
    data = _sample(form, f"invalid/{name}")
    path = _write(tmp_path, form, data)
    code, report = check_json(path, extra=("--as-of", AS_OF))
    assert code == 1
    findings = report["files"][0]["findings"]
    assert sorted((f["rule"], f["field"]) for f in findings) == _expected(form, name)
    sheet = openpyxl.load_workbook(path).active
    table = "uses" if form == "seal-register" else "complaints"
    for finding in findings:
        index = int(finding["field"].split("[", 1)[1].split("]", 1)[0])
        entry = data[table][index]
        marker = entry["document"] if table == "uses" else entry["content"]  # unique to its row
        row = next(cells[0].row for cells in sheet.iter_rows() if any(c.value == marker for c in cells))
        assert (finding["sheet"], finding["row"]) == (sheet.title, row)


def _long_seal_register(rows: int) -> dict:
    data = copy.deepcopy(_sample("seal-register"))
    template = data["uses"][0]
    data["uses"] = []
    for number in range(rows):
        used = dt.date(2026, 7, 1) + dt.timedelta(days=2 * number)
        data["uses"].append({**template, "date": used.isoformat(), "returned_at": (used + dt.timedelta(days=1)).isoformat(),
                             "document": f"第{number + 1}号合作协议", "request_no": f"YY-2026-{number + 1:03d}"})
    return data


def test_a_register_printed_over_several_pages_is_read_whole(tmp_path, soffice):
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    data = _long_seal_register(40)
    late = data["uses"][36]
    late["returned_at"] = (dt.date.fromisoformat(late["date"]) + dt.timedelta(days=9)).isoformat()
    _write(tmp_path, "seal-register", data, ".docx", "--pdf")
    pdf = tmp_path / "seal-register.pdf"
    pages = int(next(line.split()[-1] for line in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                                   check=True).stdout.splitlines() if line.startswith("Pages")))
    assert pages >= 2
    where = [page for page in range(1, pages + 1)
             if "第37号" in subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                                           capture_output=True, text=True, check=True).stdout.replace(" ", "")]
    code, report = check_json(pdf, extra=("--as-of", AS_OF))
    assert code == 1
    (finding,) = report["files"][0]["findings"]  # every row read: nothing printed is missing
    assert (finding["rule"], finding["field"], finding["page"]) == ("date-order", "uses[36].returned_at", where[0])
