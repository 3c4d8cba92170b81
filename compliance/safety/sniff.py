"""What a file really is, from its first bytes: one answer, and one wording, for every reader.

A file whose name lies about its type (a Word file named .pdf) is refused with a reason rather
than read: an attachment that hides what it is deserves a reviewer's eye, and the message says
how to fix it.
"""
from __future__ import annotations

import stat
from pathlib import Path

from ..errors import UnreadableDocument

PDF, DOCX, DATA, IMAGE, XLSX = "pdf", "docx", "data", "image", "xlsx"
DATA_SUFFIXES = (".json", ".yaml", ".yml")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
HEAD_BYTES = 1024  # a PDF header may follow some junk; the specification allows 1024 bytes of it

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def content_kind(head: bytes) -> str | None:
    """PDF, DOCX (a zip) or IMAGE (PNG, JPEG, TIFF) by the first bytes; None for anything else."""
    if head.startswith(b"PK"):
        return DOCX
    if head.startswith(_IMAGE_MAGIC):
        return IMAGE
    if b"%PDF-" in head[:HEAD_BYTES]:
        return PDF
    return None


def _refuse(path: Path, zh: str, en: str) -> UnreadableDocument:
    return UnreadableDocument(f"{path.name}：{zh}", f"{path.name}: {en}")


def refuse_mismatch(path: Path, head: bytes, expected: str) -> None:
    """Raise the reason a file that should be `expected` (PDF, DOCX or IMAGE) is not; return if it is."""
    actual = content_kind(head)
    if actual == expected or (expected == XLSX and actual == DOCX):  # both are zip packages
        return
    if not head:
        raise _refuse(path, "文件为空", "the file is empty")
    if actual == PDF:
        raise _refuse(path, "这是一个 PDF 文件，却以 .docx 命名；请改为 .pdf 后缀后重新提交",
                      "this is a PDF file named .docx; rename it to .pdf and submit it again")
    if actual == DOCX:
        raise _refuse(path, f"这是 zip 文件（可能是 .docx），却以 {path.suffix} 命名；请改为 .docx 后缀后重新提交",
                      f"this is a zip file (a .docx?) named {path.suffix}; rename it to .docx and submit it again")
    if actual == IMAGE:
        raise _refuse(path, f"这是一个图像文件，却以 {path.suffix} 命名；请按图像格式改名（.png、.jpg 或 .tif）",
                      f"this is an image file named {path.suffix}; rename it for its format (.png, .jpg or .tif)")
    if head.startswith(_OLE_MAGIC):
        raise _refuse(path, "这是 OLE 复合文件：设有打开密码的 Word 文档或旧版 .doc；请去掉密码并另存为 .docx",
                      "this is an OLE compound file: a password-protected Word document or a legacy .doc; "
                      "remove the password and save it as .docx")
    if head.startswith(b"{\\rtf"):
        raise _refuse(path, "这是 RTF 文件，却以 .docx 命名；请另存为 .docx", "this is an RTF file named .docx; save it as .docx")
    if expected == PDF:
        raise _refuse(path, "不是 PDF 文件（缺少 %PDF 文件头）", "not a PDF file (no %PDF header)")
    if expected == XLSX:
        raise _refuse(path, "不是 .xlsx 文件（不是 zip 格式）", "not an .xlsx file (not a zip archive)")
    if expected == IMAGE:
        raise _refuse(path, "不是 PNG、JPEG 或 TIFF 图像", "not a PNG, JPEG or TIFF image")
    raise _refuse(path, "不是 .docx 文件（不是 zip 格式）", "not a .docx file (not a zip archive)")


def sniff(path: Path) -> str:
    """PDF, DOCX, IMAGE or DATA (YAML/JSON submitted as data) for a file about to be read.

    The name says what the file should be; its first bytes must agree. A FIFO, device or folder
    is refused before it is opened (opening a FIFO would wait for a writer forever).
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise _refuse(path, f"无法读取文件（{error.strerror or error}）", f"cannot read the file ({error.strerror or error})") from None
    if not stat.S_ISREG(mode):
        raise _refuse(path, "不是普通文件（设备、管道或目录），已拒绝读取",
                      "not a regular file (device, pipe or directory); refused")
    suffix = path.suffix.lower()
    if suffix in DATA_SUFFIXES:
        return DATA
    try:
        with open(path, "rb") as stream:
            head = stream.read(HEAD_BYTES)
    except OSError as error:
        raise _refuse(path, f"无法读取文件（{error.strerror or error}）", f"cannot read the file ({error.strerror or error})") from None
    expected = {".pdf": PDF, ".docx": DOCX, ".xlsx": XLSX, **dict.fromkeys(IMAGE_SUFFIXES, IMAGE)}.get(suffix) or content_kind(head)
    if expected is None:
        raise _refuse(path, "不支持的文件类型（支持 .pdf、.docx、.xlsx 与扫描图像 .png、.jpg、.tif）",
                      "unsupported file type (.pdf, .docx, .xlsx and scanned images .png, .jpg, .tif are read)")
    refuse_mismatch(path, head, expected)
    return expected
