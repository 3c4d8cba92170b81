"""The five papers added after the scan reader (contract approval, archive access, training
record, the seal and complaint registers) are read from scans as the first five are: typed and
printed, or signed by hand, scanned with noise, they are judged as their digital twins. A value
OCR misreads must be reported as misread (tests/scans/reading.py), never silently judged."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from locations import BUILTIN

from compliance.cli import main
from scans.make_scan import make_scan
from scans.paper import paper
from scans.reading import judgements

AS_OF = "2026-12-01"
NEWER = ("archive-access", "complaint-register", "contract-approval", "seal-register", "training-record")


def _check(*paths: Path) -> dict[str, dict]:
    # A generous limit per file: OCR on a loaded machine is slow, and the time is not what is tested.
    result = CliRunner().invoke(main, ["check", "--format", "json", "--as-of", AS_OF, "--jobs", "2", "--timeout", "300",
                                       *map(str, paths)])
    assert "Traceback" not in result.output
    return {Path(entry["path"]).stem: entry for entry in json.loads(result.stdout)["files"]}


def _codes(entry: dict) -> list[tuple[str, str | None]]:
    return sorted((f["rule"], f["field"]) for f in entry["findings"])


def _judged(entry: dict) -> list[tuple[str, str | None]]:
    """(rule, field) of the findings that judge the form: not the values reported as misread."""
    return sorted((f["rule"], f["field"]) for f in judgements(entry["findings"]))


def _printed(folder: Path, form: str, data: dict) -> Path:
    source = folder / f"{form}.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["new", form, "--data", str(source), "-o", str(folder / f"{form}.docx"), "--pdf"])
    assert result.exit_code == 0, result.output
    return folder / f"{form}.pdf"


def test_typed_newer_forms_read_clean_from_their_scans(tmp_path, soffice, ocr):
    scans = []
    for form in NEWER:
        data = yaml.safe_load((BUILTIN / "samples" / form / "valid.yaml").read_text(encoding="utf-8"))
        scan = tmp_path / f"{form}-scan.png"
        make_scan(_printed(tmp_path, form, data), scan, fills=[], seal=None, noise=0.25, angle_deg=0.8, seed=len(form))
        scans.append(scan)
    reports = _check(*scans)
    for form in NEWER:
        entry = reports[f"{form}-scan"]
        assert (entry["form"], judgements(entry["findings"])) == (form, []), entry


@pytest.mark.parametrize("form", ["contract-approval", "archive-access"])
def test_approvals_signed_by_hand_read_as_the_typed_twin(tmp_path, soffice, ocr, form):
    sheet = paper(form, tmp_path / "paper")
    scan = tmp_path / "signed.png"
    make_scan(sheet.blank_pdf, scan, fills=sheet.fills, seal=None, noise=0.2, seed=7)
    reports = _check(scan, sheet.typed_pdf)
    assert reports["signed"]["form"] == form
    assert _judged(reports["signed"]) == _codes(reports["typed"]) == [], reports["signed"]["findings"]


@pytest.mark.parametrize("form, fault", [("seal-register", "return-unconfirmed"), ("complaint-register", "overdue")])
def test_a_register_row_fault_is_found_on_its_scan(tmp_path, soffice, ocr, form, fault):
    sample = yaml.safe_load((BUILTIN / "samples" / form / "invalid" / f"{fault}.yaml").read_text(encoding="utf-8"))
    scan = tmp_path / "scan.png"
    make_scan(_printed(tmp_path, form, sample["data"]), scan, fills=[], seal=None, noise=0.2, seed=5)
    entry = _check(scan)["scan"]
    assert _judged(entry) == sorted((f["rule"], f["field"]) for f in sample["expected_findings"]), entry["findings"]
    assert all(f["page"] == 1 for f in entry["findings"])


CROOKED = {
    # Narrow columns hold no long line of text to measure the tilt by: the table's rules do.
    "complaint-register-grey-tilted": ("complaint-register", dict(grey_paper=True, angle_deg=1.2, seed=3)),
    "complaint-register-tilted-back": ("complaint-register", dict(angle_deg=-2.0, noise=0.3, seed=4)),
    # A speck beside 月 read as a dot (2026年10.月9日) is not a second separator.
    "seal-register-upside-down": ("seal-register", dict(upside_down=True, noise=0.2, seed=11)),
    "seal-register-grey-tilted": ("seal-register", dict(grey_paper=True, angle_deg=-1.5, seed=2)),
}


def test_registers_scanned_crooked_on_grey_paper_or_upside_down_read_clean(tmp_path, soffice, ocr):
    printed = {}
    for form in {form for form, _options in CROOKED.values()}:
        data = yaml.safe_load((BUILTIN / "samples" / form / "valid.yaml").read_text(encoding="utf-8"))
        printed[form] = _printed(tmp_path, form, data)
    scans = []
    for name, (form, options) in CROOKED.items():
        scan = tmp_path / f"{name}.png"
        make_scan(printed[form], scan, fills=[], seal=None, **options)
        scans.append(scan)
    reports = _check(*scans)
    assert {name: (entry["form"], judgements(entry["findings"])) for name, entry in reports.items()} == {
        name: (form, []) for name, (form, _options) in CROOKED.items()}
