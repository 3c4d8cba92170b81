"""`compliance stamps` takes folders as `check` does (searched recursively, the same documents,
data left out since it holds no seal) and reads seals pictured on the sheets of .xlsx workbooks,
saying the sheet and the cell each is anchored at."""
from __future__ import annotations

import io
import json
import random

from checking.support import run
from openpyxl import Workbook, load_workbook
from openpyxl.drawing.image import Image as SheetImage
from PIL import Image

from .docx_build import add_inline_picture, add_text, new_document
from .office_cases import random_seal

PX_PER_INCH = 96  # openpyxl sizes pictures in pixels at 96 dpi


def _picture(image: Image.Image, width_mm: float) -> SheetImage:
    data = io.BytesIO()
    image.save(data, "PNG")
    data.seek(0)
    picture = SheetImage(data)
    picture.width = picture.height = width_mm / 25.4 * PX_PER_INCH
    return picture


def _seal() -> tuple[Image.Image, float]:
    return random_seal(random.Random(5), shape="round", colour="seal-red")


def _sealed_letter(path) -> None:
    document = new_document()
    add_text(document, random.Random(3), 2, title="关于园区运营服务的函")
    add_inline_picture(document, *_seal())
    document.save(path)


def test_a_folder_is_searched_like_check_searches_it_and_workbooks_are_read(tmp_path):
    inbox = tmp_path / "收件箱"
    (inbox / "五月").mkdir(parents=True)
    _sealed_letter(inbox / "五月" / "函.docx")
    register = inbox / "登记簿.xlsx"
    assert run("new", "seal-register", "--sample", "-o", register).exit_code == 0
    workbook = load_workbook(register)
    sheet_name = workbook.worksheets[0].title
    workbook.worksheets[0].add_image(_picture(*_seal()), "E5")
    workbook.save(register)
    (inbox / "submitted.json").write_text(json.dumps({"form": "seal-use", "data": {}}), encoding="utf-8")  # data: no seal
    (inbox / "notes.txt").write_text("not a document", encoding="utf-8")  # not a document: not looked at

    result = run("stamps", inbox, "--format", "json")
    assert result.exit_code == 0, result.output
    files = {entry["path"]: entry["stamps"] for entry in json.loads(result.stdout)["files"]}
    checked = [entry["path"] for entry in json.loads(run("check", inbox, "--format", "json").stdout)["files"]]
    assert list(files) == [path for path in checked if not path.endswith(".json")]  # check's files, less data
    assert list(files) == [str(inbox / "五月" / "函.docx"), str(register)]
    assert [stamp["page"] for stamp in files[str(inbox / "五月" / "函.docx")]] == [1]
    (stamp,) = files[str(register)]
    assert (stamp["page"], stamp["sheet"], stamp["cell"], stamp["kind"], stamp["exact"]) == (1, sheet_name, "E5", "image", False)

    text = run("stamps", inbox)
    assert text.exit_code == 0 and "rename" not in text.output
    assert f"{sheet_name}!E5" in text.stdout and "1 个印章 / 1 seal(s)" in text.stdout


def test_a_seal_on_a_sheet_is_placed_at_its_cell_and_other_pictures_are_no_seals(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "用印"
    seal, width_mm = _seal()
    sheet.add_image(_picture(seal, width_mm), "E5")
    workbook.create_sheet("附件").add_image(_picture(Image.new("RGB", (400, 400), (20, 20, 20)), 40), "B2")
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    result = run("stamps", path, "--format", "json")
    assert result.exit_code == 0, result.output
    (stamp,) = json.loads(result.stdout)["files"][0]["stamps"]  # the black square on 附件 is no seal
    assert (stamp["page"], stamp["sheet"], stamp["cell"]) == (1, "用印", "E5")
    # Default columns are 48 pt wide and rows 15 pt high: E5's corner is at (192, 60) from A1's.
    x0, y0, x1, y1 = stamp["bbox"]
    size = width_mm * 72 / 25.4
    assert 192 <= x0 < x1 <= 192 + size + 1 and 60 <= y0 < y1 <= 60 + size + 1
    assert x1 - x0 > size / 2


def test_a_missing_path_is_still_reported_with_the_rest(tmp_path):
    letter = tmp_path / "函.docx"
    _sealed_letter(letter)
    result = run("stamps", tmp_path / "missing.pdf", tmp_path, "--format", "json")
    assert result.exit_code == 1
    files = json.loads(result.stdout)["files"]
    assert [entry["path"] for entry in files] == [str(tmp_path / "missing.pdf"), str(letter)]
    assert "error" in files[0] and len(files[1]["stamps"]) == 1
