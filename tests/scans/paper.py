"""Paper forms for the scan tests: a form printed with its handwritten parts left blank, then
filled in by hand (tests/scans/hand.py) and scanned (make_scan.py); and its digital twin, the
same data typed, which the scan must be judged the same as.

Which parts people write by hand is the form's: the signatures and dates of its approvals, or
of its signature table, or the reviewer and the employee's confirmation on a performance sheet.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from click.testing import CliRunner
from locations import BUILTIN

from compliance.cli import main
from scans.cells import approval_cells, cell_right_of
from scans.make_scan import HandFill, written_date

FORMS = ("reimbursement", "seal-use", "project-intake", "acceptance-report", "performance-review")


def sample(form: str) -> dict:
    return yaml.safe_load((BUILTIN / "samples" / form / "valid.yaml").read_text(encoding="utf-8"))


@dataclass
class Paper:
    blank_pdf: Path  # printed with the handwritten parts empty
    typed_pdf: Path  # the digital twin: everything typed
    fills: list  # (box, HandFill): what the hand writes, where


def _print(data: dict, form: str, target: Path, script: str) -> Path:
    source = target.with_suffix(".json")
    source.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    made = CliRunner().invoke(main, ["new", form, "--data", str(source), "-o", str(target), "--pdf", "--script", script,
                                     "--force"])
    assert made.exit_code == 0, made.output
    return target.with_suffix(".pdf")


def _hand_parts(form: str, data: dict) -> list[tuple[tuple, str, str]]:
    """(path in the data, kind of cell, text a person writes) for each handwritten part."""
    parts: list[tuple[tuple, str, str]] = []
    if form == "performance-review":
        confirmation = data["employee_confirmation"]
        return [(("reviewer",), "考核人", data["reviewer"]),
                (("employee_confirmation", "name"), "姓名", confirmation["name"]),
                (("employee_confirmation", "date"), "日期", written_date(str(confirmation["date"]), 1))]
    if form == "acceptance-report":
        for index, who in enumerate(("client_rep", "company_rep")):
            row = data["signatures"][who]
            parts += [(("signatures", who, "name"), f"row{index}.signer", row["name"]),
                      (("signatures", who, "date"), f"row{index}.date", written_date(str(row["date"]), index))]
        return parts
    for index, row in enumerate(data["approvals"]):
        if row.get("approver"):
            parts.append((("approvals", index, "approver"), f"row{index}.signer", row["approver"]))
        if row.get("date"):
            parts.append((("approvals", index, "date"), f"row{index}.date", written_date(str(row["date"]), index)))
    return parts


def _set(data: dict, path: tuple, value) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def paper(form: str, folder: Path, data: dict | None = None, script: str = "simplified",
          scribbled: tuple[str, ...] = ()) -> Paper:
    """The form's paper for `data` (the sample by default). Cells named in `scribbled` (for
    example "row0.signer") get an illegible signature instead of legible writing."""
    folder.mkdir(parents=True, exist_ok=True)
    data = copy.deepcopy(data if data is not None else sample(form))
    typed = _print(data, form, folder / "typed.docx", script)
    parts = _hand_parts(form, data)
    blank = copy.deepcopy(data)
    for path, _cell, _text in parts:
        _set(blank, path, "")
    blank_pdf = _print(blank, form, folder / "blank.docx", script)
    rows = list(approval_cells(blank_pdf).values()) if form != "performance-review" else []
    fills = []
    for _path, cell, text in parts:
        if cell.startswith("row"):
            row, column = cell[3:].split(".")
            box = rows[int(row)][column]
        else:
            box = cell_right_of(blank_pdf, cell)
        fills.append((box, HandFill(scribble=True) if cell in scribbled else HandFill(text=text)))
    return Paper(blank_pdf, typed, fills)
