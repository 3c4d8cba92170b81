"""Unit tests of the seal package's parts: furniture text, page splitting, blobs, image decoding."""
from __future__ import annotations

import io
import zlib
from collections import deque
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from compliance.checking.seal_findings import seal_findings
from compliance.errors import UnreadableDocument
from compliance.pages.pdf_images import MAX_PIXELS, decode_rgb
from compliance.seals import find_stamps
from compliance.seals.blank import TextLine, content_lines, is_page_number
from compliance.seals.docx_pages import split_pages
from compliance.seals.ink import blobs, red_mask, to_array
from compliance.seals.seal_shape import find_seals

from . import pdf_build
from .seal_art import REDS, draw_seal, on_white, red_title_image

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# -- page furniture --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["- 2 -", "第 2 页 共 3 页", "第2页/共3页", "Page 2 of 3", "2/3", "2", "— 12 —", "第二页"])
def test_page_numbers(text):
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["甲方（盖章）：", "同意。", "2024 年 5 月 20 日", "Page two", "第 2 条"])
def test_not_page_numbers(text):
    assert not is_page_number(text)


def test_running_header_is_furniture_only_where_headers_are():
    header = TextLine("华东示例科技有限公司  采购合同", 0.12)
    others = [[TextLine("华东示例科技有限公司  采购合同", 0.12), TextLine("正文", 0.5)]]
    assert content_lines([header], others) == []
    body_copy = TextLine("华东示例科技有限公司  采购合同", 0.5)  # the same words in the body
    assert content_lines([body_copy], others) == [body_copy]
    assert content_lines([TextLine("第 3 页 共 3 页", 0.95)], []) == []
    assert content_lines([TextLine("同意。", 0.3)], []) == [TextLine("同意。", 0.3)]


# -- .docx page splitting --------------------------------------------------------------------------

def _body(xml: str):
    return etree.fromstring(f'<w:document xmlns:w="{W}"><w:body>{xml}</w:body></w:document>'.encode())


def _p(text: str = "", ppr: str = "", run_extra: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r>{run_extra}<w:t>{text}</w:t></w:r></w:p>"


def test_split_at_page_break_and_page_break_before():
    pages = split_pages(_body(
        _p("one") + _p("", run_extra='<w:br w:type="page"/>') + _p("two")
        + _p("three", ppr="<w:pageBreakBefore/>") + _p("still three", ppr='<w:pageBreakBefore w:val="0"/>')))
    assert ["".join(p.text) for p in pages] == ["one", "two", "threestill three"]


def test_page_break_before_on_first_paragraph_adds_no_page():
    pages = split_pages(_body(_p("first", ppr="<w:pageBreakBefore/>") + _p("second")))
    assert len(pages) == 1


def test_section_breaks():
    next_page = _p("a", ppr="<w:sectPr/>") + _p("b") + '<w:sectPr><w:type w:val="nextPage"/></w:sectPr>'
    assert len(split_pages(_body(next_page))) == 2
    # The break after a section is the *next* section's type: continuous means same page.
    continuous = _p("a", ppr="<w:sectPr/>") + _p("b") + '<w:sectPr><w:type w:val="continuous"/></w:sectPr>'
    assert len(split_pages(_body(continuous))) == 1


def test_alternate_content_is_read_once():
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    xml = (f'<w:p><w:r><mc:AlternateContent xmlns:mc="{mc}"><mc:Choice Requires="wps"><w:t>x</w:t></mc:Choice>'
           f'<mc:Fallback><w:t>x</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    assert "".join(split_pages(_body(xml))[0].text) == "x"


# -- connected components --------------------------------------------------------------------------

def _reference_components(mask: np.ndarray) -> set[tuple[int, int, int, int, int]]:
    seen = np.zeros_like(mask)
    found = set()
    h, w = mask.shape
    for r0 in range(h):
        for c0 in range(w):
            if not mask[r0, c0] or seen[r0, c0]:
                continue
            queue, cells = deque([(r0, c0)]), []
            seen[r0, c0] = True
            while queue:
                r, c = queue.popleft()
                cells.append((r, c))
                for dr in (-1, 0, 1):
                    for dc in (-1, 0, 1):
                        rr, cc = r + dr, c + dc
                        if 0 <= rr < h and 0 <= cc < w and mask[rr, cc] and not seen[rr, cc]:
                            seen[rr, cc] = True
                            queue.append((rr, cc))
            rows, cols = [p[0] for p in cells], [p[1] for p in cells]
            found.add((min(rows), min(cols), max(rows) + 1, max(cols) + 1, len(cells)))
    return found


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 14), st.integers(1, 14), st.integers(0, 2**32 - 1), st.floats(0.1, 0.7))
def test_blobs_match_a_flood_fill(h, w, seed, density):
    mask = np.random.default_rng(seed).random((h, w)) < density
    got = {(b.row0, b.col0, b.row1, b.col1, b.cells) for b in blobs(mask)}
    assert got == _reference_components(mask)


# -- seal shape ------------------------------------------------------------------------------------

def _at(img: Image.Image, px_mm: float = 6.0, source_px_mm: float = 10.0) -> np.ndarray:
    img = on_white(img) if img.mode == "RGBA" else img
    size = (round(img.width * px_mm / source_px_mm), round(img.height * px_mm / source_px_mm))
    arr = to_array(img.resize(size, Image.BILINEAR))
    page = np.full((arr.shape[0] + 60, arr.shape[1] + 60, 3), 255, np.uint8)
    page[30:-30, 30:-30] = arr
    return page


@pytest.mark.parametrize("shape, size", [("round", 42), ("oval", 45), ("square", 20)])
@pytest.mark.parametrize("colour", ["vermilion", "crimson", "pink"])
def test_seals_are_found(shape, size, colour):
    (region,) = find_seals(_at(draw_seal(shape, size, REDS[colour], rotation=17, wear=0.5, seed=3)), 6.0)
    assert abs(region.width_mm - size) < 8


def test_red_title_is_not_a_seal():
    assert find_seals(_at(red_title_image("示例市人民政府文件", 15)), 6.0) == []


def test_red_table_border_is_not_a_seal():
    img = Image.new("RGB", (1500, 600), "white")
    from PIL import ImageDraw

    draw = ImageDraw.Draw(img)
    for x in range(0, 1500, 300):
        draw.line((x, 0, x, 599), fill=REDS["seal-red"], width=6)
    for y in range(0, 600, 100):
        draw.line((0, y, 1499, y), fill=REDS["seal-red"], width=6)
    assert find_seals(_at(img), 6.0) == []


# -- PDF images ------------------------------------------------------------------------------------

def _seal_pdf(tmp_path: Path, encoding: str) -> Path:
    writer = PdfWriter()
    seal = draw_seal("round", 40, REDS["seal-red"], seed=5)
    image = pdf_build.image_xobject(writer, seal, encoding=encoding)
    pdf_build.page_with(writer, pdf_build.place("Im0", 60, 120, 40, 40), {"/Im0": image})
    path = tmp_path / f"{encoding}.pdf"
    writer.write(path)
    return path


@pytest.mark.parametrize("encoding", ["flate", "jpeg", "cmyk-jpeg", "indexed"])
def test_image_encodings_decode_to_red(tmp_path, encoding):
    path = _seal_pdf(tmp_path, encoding)
    (stamp,) = find_stamps(path)
    assert stamp.kind == "image"
    assert stamp.bbox == pytest.approx((60 * 72 / 25.4, 120 * 72 / 25.4, 100 * 72 / 25.4, 160 * 72 / 25.4), abs=6)
    assert [f.page for f in seal_findings(path)] == [1]


def test_soft_mask_background_is_paper(tmp_path):
    reader = PdfReader(str(_seal_pdf(tmp_path, "flate")))
    stream = reader.pages[0]["/Resources"]["/XObject"]["/Im0"].get_object()
    img = decode_rgb(stream, (240, 240))
    # The RGB samples of the transparent corner are black; the soft mask makes them paper.
    assert img.getpixel((2, 2)) == (255, 255, 255)
    assert red_mask(to_array(img)).mean() > 0.05


def test_oversized_image_is_refused_without_decoding(tmp_path):
    writer = PdfWriter()
    xobj = pdf_build._stream(writer, {
        "/Type": NameObject("/XObject"), "/Subtype": NameObject("/Image"),
        "/Width": pdf_build.NumberObject(100_000), "/Height": pdf_build.NumberObject(100_000),
        "/BitsPerComponent": pdf_build.NumberObject(8), "/ColorSpace": NameObject("/DeviceRGB"),
        "/Filter": NameObject("/FlateDecode")}, zlib.compress(b"\0" * 1000))
    assert MAX_PIXELS < 100_000 * 100_000
    assert decode_rgb(xobj.get_object(), (100, 100)) is None
    pdf_build.page_with(writer, pdf_build.place("Im0", 20, 20, 100, 100), {"/Im0": xobj})
    path = tmp_path / "huge.pdf"
    writer.write(path)
    assert find_stamps(path) == []


def test_broken_image_stream_is_skipped(tmp_path):
    writer = PdfWriter()
    xobj = pdf_build._stream(writer, {
        "/Type": NameObject("/XObject"), "/Subtype": NameObject("/Image"),
        "/Width": pdf_build.NumberObject(400), "/Height": pdf_build.NumberObject(400),
        "/BitsPerComponent": pdf_build.NumberObject(8), "/ColorSpace": NameObject("/DeviceRGB"),
        "/Filter": NameObject("/DCTDecode")}, b"\xff\xd8 not really a jpeg")
    pdf_build.page_with(writer, pdf_build.place("Im0", 20, 20, 40, 40), {"/Im0": xobj})
    path = tmp_path / "broken-image.pdf"
    writer.write(path)
    assert find_stamps(path) == []


def test_grey_images_are_never_decoded_as_seals(tmp_path):
    writer = PdfWriter()
    seal = on_white(draw_seal("round", 40, REDS["seal-red"], seed=5)).convert("L").convert("RGB")
    buf = io.BytesIO()
    seal.convert("L").save(buf, "JPEG")
    xobj = pdf_build._stream(writer, {
        "/Type": NameObject("/XObject"), "/Subtype": NameObject("/Image"),
        "/Width": pdf_build.NumberObject(seal.width), "/Height": pdf_build.NumberObject(seal.height),
        "/BitsPerComponent": pdf_build.NumberObject(8), "/ColorSpace": NameObject("/DeviceGray"),
        "/Filter": NameObject("/DCTDecode")}, buf.getvalue())
    pdf_build.page_with(writer, pdf_build.place("Im0", 20, 20, 40, 40), {"/Im0": xobj})
    path = tmp_path / "grey.pdf"
    writer.write(path)
    assert find_stamps(path) == []


# -- files that are not documents ------------------------------------------------------------------

def test_unsupported_and_damaged_files(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello", "utf-8")
    with pytest.raises(UnreadableDocument):
        find_stamps(text)
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"not a pdf at all")
    with pytest.raises(UnreadableDocument):
        find_stamps(fake)
    with pytest.raises(UnreadableDocument):
        seal_findings(tmp_path / "missing.docx")


def test_docx_with_doctype_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "entities.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>')
    with pytest.raises(UnreadableDocument):
        find_stamps(path)
