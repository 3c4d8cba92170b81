"""Scanned paper, through the CLI: forms printed by `compliance new`, signed and dated by hand,
stamped and scanned, are judged as their typed twins are.

Each scan is made here (tests/scans/make_scan.py): pdfium renders the printed PDF, handwriting
is multiplied into the signature and date cells, a seal is pressed on, and the scanner's work is
imitated. The oracle is the typed twin's report, or the fault put into the data. OCR may
misread a value now and then: what is compared is the contract in tests/scans/reading.py (read
right, or reported as misread on its field), never a lucky reading.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance.cli import main
from scans.make_scan import make_scan
from scans.paper import FORMS, paper, sample
from scans.reading import exit_code, judged, judgements, read_or_reported

AS_OF = "2026-12-01"
# Pressed below the approval table's right end, over its last line: where the seal of the
# approving office goes (dates under a seal are tested apart).
SEAL = ("round", "seal-red", -14.0)


def _check(*paths: Path) -> tuple[int, list[dict]]:
    # A generous limit per file: OCR on a loaded machine is slow, and the time is not what is tested.
    result = CliRunner().invoke(main, ["check", "--format", "json", "--as-of", AS_OF, "--jobs", "2", "--timeout", "300",
                                       *map(str, paths)])
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout)["files"]


def _codes(report: dict) -> set[tuple[str, str | None]]:
    return {(f["rule"], f["field"]) for f in report["findings"]}


def _seal_below(fills) -> tuple:
    """A seal centred under the last handwritten cell, half over the table's bottom line."""
    x0, y0, x1, _y1 = fills[-1][0]
    return (*SEAL, ((x0 + x1) / 2 - 60, y0 - 40))


@pytest.fixture(scope="module")
def signed_forms(tmp_path_factory, soffice):
    """Every form, in Simplified script, signed by hand and scanned; and its typed twin."""
    folder = tmp_path_factory.mktemp("signed")
    made = {}
    for form in FORMS:
        sheet = paper(form, folder / form)
        scan = folder / f"{form}.png"
        make_scan(sheet.blank_pdf, scan, fills=sheet.fills, seal=_seal_below(sheet.fills), noise=0.2, seed=len(form))
        made[form] = (scan, sheet.typed_pdf)
    return made


@pytest.fixture(scope="module")
def signed_reports(signed_forms) -> tuple[int, list[dict]]:
    """One check of every signed scan and its typed twin."""
    return _check(*[signed_forms[form][0] for form in FORMS], *[signed_forms[form][1] for form in FORMS])


def _report(reports: list[dict], ending: str) -> dict:
    return next(r for r in reports if r["path"].endswith(ending))


def test_every_form_signed_by_hand_reads_as_its_typed_twin(signed_reports):
    code, reports = signed_reports
    for form in FORMS:
        scanned, typed = _report(reports, f"{form}.png"), _report(reports, f"{form}/typed.pdf")
        assert scanned["form"] == form
        assert judged(scanned) == _codes(typed) == set(), (form, scanned["findings"])
    assert code == exit_code(reports)


def test_extract_reads_the_handwritten_names_and_dates(signed_forms, signed_reports):
    result = CliRunner().invoke(main, ["extract", str(signed_forms["reimbursement"][0])])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["data"]
    truth = sample("reimbursement")
    assert len(data["approvals"]) == len(truth["approvals"])
    paths = [f"approvals[{index}].{cell}" for index in range(len(truth["approvals"])) for cell in ("approver", "date")]
    # Each read as written, or reported by `check` of the same scan as misread on its field.
    read_or_reported(data, truth, [*paths, "total_amount"], _report(signed_reports[1], "reimbursement.png")["findings"])


def test_the_seal_on_a_scan_is_listed(signed_forms):
    result = CliRunner().invoke(main, ["stamps", "--format", "json", str(signed_forms["seal-use"][0])])
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)["files"]
    assert [stamp["page"] for stamp in report["stamps"]] == [1]


SCANNERS = {
    "upside-down": dict(upside_down=True),
    "skewed-2-degrees": dict(angle_deg=2.0, noise=0.3),
    "skewed-minus-3-degrees": dict(angle_deg=-3.0, noise=0.2),
    "150-dpi-jpeg": dict(dpi=150, jpeg_quality=75, noise=0.3),
    "300-dpi-tiff": dict(dpi=300, noise=0.15),
    "jpeg-quality-55": dict(jpeg_quality=55, noise=0.3),
    "grey-paper-image-pdf": dict(grey_paper=True, angle_deg=-1.0, noise=0.3),
}
SUFFIX = {"150-dpi-jpeg": ".jpg", "300-dpi-tiff": ".tif", "grey-paper-image-pdf": ".pdf"}


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_scans_from_any_scanner_read_clean(tmp_path, soffice, script):
    sheet = paper("reimbursement", tmp_path / "paper", script=script)
    scans = []
    for name, options in SCANNERS.items():
        target = tmp_path / f"{name}{SUFFIX.get(name, '.png')}"
        make_scan(sheet.blank_pdf, target, fills=sheet.fills, seal=_seal_below(sheet.fills), seed=len(name), **options)
        scans.append(target)
    code, reports = _check(*scans)
    assert {Path(r["path"]).stem: judgements(r["findings"]) for r in reports} == {Path(s).stem: [] for s in scans}
    assert code == exit_code(reports)


def _reimbursement_with(change) -> dict:
    data = sample("reimbursement")
    change(data)
    return data


FAULTS = {
    # A fault printed on the form (typed before signing) is found on the scan as on the typed twin.
    "rejected": (lambda d: d["approvals"][1].update(opinion="不同意，票据不全"), ("approval-rejected", "approvals[1].opinion")),
    "conditional": (lambda d: d["approvals"][2].update(opinion="原则同意，但须补充发票"),
                    ("approval-conditional", "approvals[2].opinion")),
    "claimed-before-spending": (lambda d: d.update(claim_date="2026-05-12"), ("date-order", None)),
    "self-approval": (lambda d: d["approvals"][0].update(approver=d["claimant"]),
                      ("duty-conflict", "approvals[0].approver")),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_fault_on_paper_is_found_on_its_scan(tmp_path, soffice, fault):
    change, expected = FAULTS[fault]
    data = _reimbursement_with(change)
    sheet = paper("reimbursement", tmp_path / "paper", data)
    scan = tmp_path / "scan.png"
    make_scan(sheet.blank_pdf, scan, fills=sheet.fills, seal=_seal_below(sheet.fills), noise=0.2, seed=3)
    _code, (scanned, typed) = _check(scan, sheet.typed_pdf)
    assert expected[0] in {rule for rule, _field in judged(scanned)}, scanned["findings"]
    assert expected[1] is None or expected in judged(scanned)
    assert judged(scanned) == _codes(typed)


def test_an_unsigned_cell_is_approval_missing_and_a_scribble_is_a_signature(tmp_path, soffice):
    sheet = paper("reimbursement", tmp_path / "paper", scribbled=("row0.signer",))
    unsigned = [(box, fill) for box, fill in sheet.fills if fill.text != sample("reimbursement")["approvals"][1]["approver"]]
    scribbled, left_empty = tmp_path / "scribbled.png", tmp_path / "unsigned.png"
    make_scan(sheet.blank_pdf, scribbled, fills=sheet.fills, seal=_seal_below(sheet.fills), noise=0.2, seed=5)
    make_scan(sheet.blank_pdf, left_empty, fills=unsigned, seal=_seal_below(sheet.fills), noise=0.2, seed=5)
    _code, (signed_report, unsigned_report) = _check(scribbled, left_empty)
    assert "approval-missing" not in {rule for rule, _field in judged(signed_report)}, signed_report["findings"]
    assert ("approval-missing", "approvals[1]") in _codes(unsigned_report)


def test_an_unreadable_handwritten_date_is_a_warning_on_its_page(tmp_path, soffice):
    sheet = paper("reimbursement", tmp_path / "paper", scribbled=("row2.date",))
    scan = tmp_path / "scan.png"
    make_scan(sheet.blank_pdf, scan, fills=sheet.fills, seal=_seal_below(sheet.fills), noise=0.2, seed=8)
    code, (report,) = _check(scan)
    warnings = [(f["rule"], f["field"], f["page"], f["severity"]) for f in report["findings"]]
    assert ("handwriting-unreadable", "approvals[2].date", 1, "warning") in warnings, report["findings"]
    assert all(f["severity"] != "error" for f in judgements(report["findings"])), report["findings"]
    assert code == exit_code([report])


def test_a_page_with_ink_but_no_readable_text_is_reported(tmp_path, ocr):
    from PIL import Image, ImageDraw

    drawing = Image.new("RGB", (1654, 2339), "white")
    pen = ImageDraw.Draw(drawing)
    for step in range(0, 1500, 60):  # a sketch: lines and circles, no letters
        pen.ellipse((100 + step // 2, 200 + step, 400 + step // 2, 500 + step), outline="black", width=4)
    target = tmp_path / "sketch.png"
    drawing.save(target, dpi=(200, 200))
    blank = tmp_path / "blank.png"
    Image.new("RGB", (1654, 2339), "white").save(blank, dpi=(200, 200))
    _code, (sketch, empty) = _check(target, blank)
    assert ("page-unreadable", None) in _codes(sketch)
    assert [f["page"] for f in sketch["findings"] if f["rule"] == "page-unreadable"] == [1]
    assert _codes(empty) == {("form-unknown", None)}


def test_findings_on_values_read_by_ocr_say_so(tmp_path, soffice):
    data = _reimbursement_with(lambda d: d["approvals"][1].update(opinion="不同意"))
    sheet = paper("reimbursement", tmp_path / "paper", data)
    scan = tmp_path / "scan.png"
    make_scan(sheet.blank_pdf, scan, fills=sheet.fills, noise=0.1, seed=2)
    result = CliRunner().invoke(main, ["check", "--as-of", AS_OF, "--timeout", "300", str(scan)])
    assert "OCR 识读" in result.output and "read by OCR" in result.output
    _code, (report,) = _check(scan)
    rejected = next(f for f in report["findings"] if f["rule"] == "approval-rejected")
    assert rejected["read_by"] == "ocr" and 0.5 <= rejected["ocr_confidence"] <= 1.0


def test_a_multi_page_tiff_holds_two_slips_checked_apart(tmp_path, soffice):
    first = paper("reimbursement", tmp_path / "first")
    faulty = paper("reimbursement", tmp_path / "second",
                   _reimbursement_with(lambda d: d["approvals"][2].update(opinion="驳回")))
    pages = []
    for index, sheet in enumerate((first, faulty)):
        target = tmp_path / f"page{index}.tif"
        make_scan(sheet.blank_pdf, target, fills=sheet.fills, noise=0.1, seed=index)
        pages.append(target)
    from PIL import Image

    images = [Image.open(page) for page in pages]
    both = tmp_path / "both.tif"
    images[0].save(both, save_all=True, append_images=images[1:], dpi=(200, 200))
    code, (report,) = _check(both)
    assert report["forms"] == ["reimbursement", "reimbursement"]
    assert [(f["rule"], f["page"]) for f in judgements(report["findings"])] == [("approval-rejected", 2)]
    assert code == 1


@pytest.mark.parametrize("case", ["pdf-named-png", "truncated-png", "not-an-image"])
def test_a_file_that_is_not_the_image_it_claims_is_refused_clearly(tmp_path, case):
    target = tmp_path / "scan.png"
    if case == "pdf-named-png":
        target.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    elif case == "truncated-png":
        target.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    else:
        target.write_text("a note, not a scan", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(target)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["rule"] == "file-unreadable" and "scan.png" in finding["message"] and "scan.png" in finding["message_en"]


def test_an_image_too_large_to_be_a_page_is_refused(tmp_path):
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    # A PNG that declares 100,000 × 100,000 pixels: decompressing it would take 30 GB.
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b"")
    target = tmp_path / "huge.png"
    target.write_bytes(bomb)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(target)])
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["rule"] == "file-unreadable" and "huge.png" in finding["message_en"]


def test_a_page_scanned_sideways_is_turned_and_read(signed_forms, tmp_path):
    from PIL import Image

    sideways = tmp_path / "sideways.png"
    with Image.open(signed_forms["reimbursement"][0]) as page:
        page.transpose(Image.Transpose.ROTATE_90).save(sideways, dpi=(200, 200))
    code, (report,) = _check(sideways)
    assert (report["form"], judgements(report["findings"]), code) == ("reimbursement", [], exit_code([report]))
