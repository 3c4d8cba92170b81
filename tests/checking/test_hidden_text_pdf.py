"""In a PDF too, text nobody can see on paper — render mode 3, white fill, under 3 pt, outside
the page — is no value and is reported as hidden-text with its page."""
from __future__ import annotations

import json

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, DictionaryObject, NameObject

from .support import check_json, run

PAINT = {
    "render-mode-3": "3 Tr 0 g",
    "white": "0 Tr 1 1 1 rg",
    "white-cmyk": "0 Tr 0 0 0 0 k",
    "tiny": "0 Tr 0 g",
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory, soffice):
    folder = tmp_path_factory.mktemp("printed")
    out = folder / "slip.docx"
    assert run("new", "reimbursement", "--sample", "-o", out, "--pdf").exit_code == 0
    return out.with_suffix(".pdf")


def _claimant_position(path) -> tuple[float, float]:
    found = []

    def visit(text, cm, tm, _font, _size):
        if "周晓琳" in text or "周曉琳" in text:
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return found[0]


def _with_hidden_text(source, target, paint: str, size: float = 10.5, outside: bool = False):
    def drawing(x, y):
        where = (x + 40, y) if not outside else (x, -200)
        return f"q BT /FHidden {size} Tf {paint} 1 0 0 1 {where[0]:.2f} {where[1]:.2f} Tm (ZHANGSAN) Tj ET Q"

    return _with_drawing(source, target, drawing)


@pytest.mark.parametrize("case", ["render-mode-3", "white", "white-cmyk", "tiny", "outside-the-page"])
def test_invisible_pdf_text_is_no_value_and_is_reported(printed, tmp_path, case):
    paint = PAINT.get(case, "0 Tr 0 g")
    size = 2 if case == "tiny" else 10.5
    target = _with_hidden_text(printed, tmp_path / f"{case}.pdf", paint, size, outside=case == "outside-the-page")
    assert "ZHANGSAN" not in json.loads(run("extract", target).stdout)["data"]["claimant"]
    code, report = check_json(target)
    assert code == 1
    assert [(f["rule"], f["page"]) for f in report["files"][0]["findings"]] == [("hidden-text", 1)]


def test_visible_pdf_text_added_the_same_way_is_read(printed, tmp_path):
    # The control: the same drawing, visible, is read (here as part of the claimant's line).
    target = _with_hidden_text(printed, tmp_path / "visible.pdf", "0 Tr 0 g")
    _code, report = check_json(target)  # (the claimant now reads 周晓琳 ZHANGSAN: other rules may object)
    assert "hidden-text" not in {f["rule"] for f in report["files"][0]["findings"]}
    assert "ZHANGSAN" in json.dumps(json.loads(run("extract", target).stdout), ensure_ascii=False)


@pytest.fixture(scope="module", params=["simplified", "traditional"])
def printed_in_script(request, tmp_path_factory, soffice):
    folder = tmp_path_factory.mktemp(f"printed-{request.param}")
    out = folder / "slip.docx"
    assert run("new", "reimbursement", "--sample", "-o", out, "--pdf", "--script", request.param).exit_code == 0
    return out.with_suffix(".pdf")


def _with_drawing(source, target, drawing_at):
    """The page with one more drawing after its own; `drawing_at(x, y)` writes it near the claimant."""
    x, y = _claimant_position(source)
    writer = PdfWriter(clone_from=PdfReader(source))
    page = writer.pages[0]
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    resources = page["/Resources"].get_object()
    fonts = resources.get("/Font").get_object()
    fonts[NameObject("/FHidden")] = writer._add_object(font)
    contents = page.get_contents()
    stream = ContentStream(None, writer)
    stream.set_data(contents.get_data() + b"\n" + drawing_at(x, y).encode())
    page[NameObject("/Contents")] = writer._add_object(stream)
    with open(target, "wb") as handle:
        writer.write(handle)
    return target


def _text(x, y):
    return f"BT /FHidden 10.5 Tf 0 g 1 0 0 1 {x + 40:.2f} {y:.2f} Tm (ZHANGSAN) Tj ET"


DRAWINGS = {
    # Clipped to a square far from the text: nothing of it reaches the paper.
    "clipped-away": lambda x, y: f"q 10 10 20 20 re W n {_text(x, y)} Q",
    # Drawn, then painted over by a white box, or a black bar as a redaction would be.
    "whited-out": lambda x, y: f"{_text(x, y)} q 1 g {x + 38:.2f} {y - 3:.2f} 70 16 re f Q",
    "blacked-out": lambda x, y: f"{_text(x, y)} q 0 0 0 rg {x + 38:.2f} {y - 3:.2f} 70 16 re f Q",
    "grey-cmyk-box": lambda x, y: f"{_text(x, y)} q 0 0 0 0.3 k {x + 38:.2f} {y - 3:.2f} 70 16 re f Q",
}


@pytest.mark.parametrize("case", sorted(DRAWINGS))
def test_text_clipped_away_or_painted_over_is_no_value_and_is_reported(printed_in_script, tmp_path, case):
    target = _with_drawing(printed_in_script, tmp_path / f"{case}.pdf", DRAWINGS[case])
    assert "ZHANGSAN" not in json.loads(run("extract", target).stdout)["data"]["claimant"]
    code, report = check_json(target)
    assert code == 1
    assert [(f["rule"], f["page"]) for f in report["files"][0]["findings"]] == [("hidden-text", 1)]


SEEN = {
    # A box painted before the text is its background; a clip that holds the text lets it show.
    "shaded-behind": lambda x, y: f"q 0.9 g {x + 38:.2f} {y - 3:.2f} 70 16 re f Q {_text(x, y)}",
    "clip-around-it": lambda x, y: f"q {x + 30:.2f} {y - 10:.2f} 120 30 re W n {_text(x, y)} Q",
}


@pytest.mark.parametrize("case", sorted(SEEN))
def test_text_that_shows_on_paper_is_read(printed_in_script, tmp_path, case):
    target = _with_drawing(printed_in_script, tmp_path / f"{case}.pdf", SEEN[case])
    _code, report = check_json(target)
    assert "hidden-text" not in {f["rule"] for f in report["files"][0]["findings"]}
    assert "ZHANGSAN" in json.loads(run("extract", target).stdout)["data"]["claimant"]
