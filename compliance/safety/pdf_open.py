"""Open untrusted PDFs (and decode untrusted images) with explicit limits; every failure is bilingual.

pypdf (>= 6) keeps its resource limits in `pypdf.Configuration`, held in a context variable. We
pin every limit that matters here instead of trusting defaults that may change between releases,
and apply them around each call through `safe_pdf_call`, which also turns whatever pypdf, zlib or
Pillow raise on a hostile file (RecursionError, MemoryError, LimitReachedError, KeyError, ...)
into one UnreadableDocument with a reason.
"""
from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PIL import Image
from pypdf import Configuration, PageObject, PasswordType, PdfReader, apply_configuration, overwrite_configuration
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

from ..errors import UnreadableDocument
from .data_limits import read_bounded
from .sniff import HEAD_BYTES, IMAGE, IMAGE_SUFFIXES, PDF, content_kind, refuse_mismatch

T = TypeVar("T")

MAX_PDF_BYTES = 100 * 1024 * 1024  # the file on disk; scanned multi-page forms are a few MB
MAX_DECODED_STREAM = 100 * 1024 * 1024  # one decoded stream: an A4 page scanned at 600 dpi in colour
MAX_CONTENT_STREAM = 16 * 1024 * 1024  # a page's drawing commands; real form pages are well under 1 MB
MAX_IMAGE_PIXELS = 100_000_000  # an A3 page at 600 dpi is 70 Mpx; each pixel costs 3-4 bytes, several copies

PDF_CONFIGURATION = Configuration(
    maximum_declared_stream_length=MAX_DECODED_STREAM,
    array_based_stream_maximum_output_length=MAX_DECODED_STREAM,
    array_maximum_element_count=100_000,
    dictionary_maximum_element_count=100_000,
    jbig2_maximum_output_length=MAX_DECODED_STREAM,
    lzw_maximum_output_length=MAX_DECODED_STREAM,
    run_length_maximum_output_length=MAX_DECODED_STREAM,
    zlib_maximum_output_length=MAX_DECODED_STREAM,
    zlib_maximum_recovery_input_length=5_000_000,
    brotli_maximum_output_length=MAX_DECODED_STREAM,
    image_maximum_buffer_size=MAX_DECODED_STREAM,
    stream_filters_maximum_length=8,  # real files chain at most 2 filters
    stream_decoding_work_maximum_length=3 * MAX_DECODED_STREAM,
    # pypdf tokenises ~350,000 tokens a second; a dense text page has ~20,000. 500,000 keeps one
    # page under ~2 s, far inside the per-file timeout, without refusing any real form.
    stream_parsing_work_maximum_count=500_000,
    xmp_maximum_input_length=5_000_000,
    xmp_maximum_element_count=100_000,
    outline_maximum_entries=10_000,
    outline_maximum_depth=50,
    page_tree_maximum_entries=100_000,
    page_tree_maximum_depth=50,  # balanced trees of millions of pages are ~6 deep
    page_tree_maximum_page_entries=2_000_000,
    form_fields_maximum_entries=20_000,
    form_fields_maximum_depth=50,
    named_destinations_maximum_entries=100_000,
    named_destinations_maximum_depth=50,
    xform_maximum_invocations_per_extraction=2_000,
    xfa_decoding_work_maximum_length=MAX_DECODED_STREAM,
    jbig2dec_binary=None,  # never run an external decoder on untrusted data
    disable_legacy_handling=True,  # we set Configuration, not the deprecated module constants
)

def configure_pypdf() -> Configuration:
    """Make PDF_CONFIGURATION the pypdf configuration of the calling context (thread/task)."""
    return overwrite_configuration(PDF_CONFIGURATION)


def configure_pillow(max_pixels: int = MAX_IMAGE_PIXELS) -> None:
    """Bound image sizes: above max_pixels Pillow refuses instead of only warning.

    Pillow warns (DecompressionBombWarning) above MAX_IMAGE_PIXELS and raises only above twice
    that; turning the warning into an error makes the bound exact. Process-wide and idempotent.
    """
    Image.MAX_IMAGE_PIXELS = max_pixels
    # Looked up each time rather than remembered: catch_warnings() blocks (pytest wraps every test
    # in one) restore the filter list on exit and would silently drop ours.
    if not any(f[0] == "error" and f[2] is Image.DecompressionBombWarning for f in warnings.filters):
        warnings.filterwarnings("error", category=Image.DecompressionBombWarning)


def _clip(text: str) -> str:
    """Exception text comes from the file: keep it printable and short."""
    clean = "".join(ch if ch.isprintable() else " " for ch in text)
    return clean if len(clean) <= 200 else clean[:197] + "..."


def _encrypted(where: str) -> UnreadableDocument:
    return UnreadableDocument(
        f"{where}：PDF 已加密（设有打开密码）；请用 --password 或 --password-file 提供密码",
        f"{where}: the PDF is encrypted (password-protected); open it with --password or --password-file",
    )


def pdf_error(error: BaseException, where: str) -> UnreadableDocument:
    """The UnreadableDocument that describes `error` raised while reading `where`."""
    if isinstance(error, UnreadableDocument):
        return error
    if isinstance(error, FileNotDecryptedError):
        return _encrypted(where)
    if isinstance(error, RecursionError):
        return UnreadableDocument(f"{where}：结构嵌套过深或存在循环引用", f"{where}: structure nested too deeply or cyclic")
    if isinstance(error, MemoryError):
        from .isolation import memory_exceeded  # which limit, and the option that raises it

        zh, en = memory_exceeded()
        return UnreadableDocument(f"{where}：{zh}", f"{where}: {en}")
    if isinstance(error, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
        return UnreadableDocument(f"{where}：图像尺寸过大（疑似解压炸弹）", f"{where}: image too large (decompression bomb?): {_clip(str(error))}")
    if isinstance(error, LimitReachedError):
        return UnreadableDocument(f"{where}：超出安全限制：{_clip(str(error))}", f"{where}: exceeds a safety limit: {_clip(str(error))}")
    if isinstance(error, DependencyError):
        return UnreadableDocument(f"{where}：需要未安装的解码组件：{_clip(str(error))}", f"{where}: needs a decoder that is not installed: {_clip(str(error))}")
    detail = _clip(f"{type(error).__name__}: {error}")
    return UnreadableDocument(f"{where}：PDF 已损坏或格式无效（{detail}）", f"{where}: damaged or invalid PDF ({detail})")


def safe_pdf_call(fn: Callable[[], T], where: str) -> T:
    """Run `fn` (any pypdf/Pillow work) under our limits; any failure becomes UnreadableDocument.

    KeyboardInterrupt and SystemExit pass through: they are the user's, not the file's.
    """
    configure_pillow()  # idempotent; pypdf hands images to Pillow
    try:
        with apply_configuration(PDF_CONFIGURATION):
            return fn()
    # Exception covers RecursionError, MemoryError, zlib.error, KeyError...: the whole point is that
    # nothing a hostile file provokes escapes as anything but UnreadableDocument.
    except Exception as error:
        raise pdf_error(error, where) from error


def open_pdf(path: Path, password: str | None = None, *, max_bytes: int = MAX_PDF_BYTES) -> PdfReader:
    """Open a PDF for reading: size-bounded, decrypted if possible, page tree already walked.

    An encrypted PDF without a (right) password is reported as such; a file that is not a PDF
    (a .docx named .pdf, for example) is named for what it is. The reader's `stream` holds the
    PDF's bytes. (An image file, a scan, is opened as the PDF of its pages one layer up, by
    `compliance.pages.pdf_reader.open_pdf`.)
    """
    path = Path(path)
    data = read_file(path, max_bytes)
    refuse_mismatch(path, data[:HEAD_BYTES], PDF)
    return open_pdf_bytes(data, path.name, password)


def read_file(path: Path, max_bytes: int = MAX_PDF_BYTES) -> bytes:
    """A document's bytes, bounded; an empty file is unreadable."""
    data = read_bounded(path, max_bytes, UnreadableDocument)
    if not data:
        raise UnreadableDocument(f"{path.name}：文件为空", f"{path.name}: the file is empty")
    return data


def is_image(path: Path, head: bytes) -> bool:
    """A scan or photo: named as an image, or an image under a name that does not say PDF."""
    return path.suffix.lower() in IMAGE_SUFFIXES or (content_kind(head) == IMAGE and path.suffix.lower() != ".pdf")


def open_pdf_bytes(data: bytes, where: str, password: str | None = None) -> PdfReader:
    """A PdfReader over PDF bytes already read and bounded; see open_pdf."""
    configure_pypdf()
    configure_pillow()

    def _open() -> PdfReader:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            if password is not None and reader.decrypt(password) != PasswordType.NOT_DECRYPTED:
                pass
            elif reader.decrypt("") != PasswordType.NOT_DECRYPTED:
                pass  # only an owner password (restrictions on printing/editing): readable as is
            elif password is None:
                raise _encrypted(where)
            else:
                raise UnreadableDocument(f"{where}：PDF 密码错误", f"{where}: wrong password for this encrypted PDF")
        len(reader.pages)  # walk the page tree now, so a cyclic or bogus tree fails here, once
        return reader

    return safe_pdf_call(_open, where)


def check_page_content(page: PageObject, where: str) -> None:
    """Refuse a page whose drawing commands exceed MAX_CONTENT_STREAM, before pypdf tokenises them.

    pypdf tokenises content streams in Python (~10 MB/s): without this bound a small file whose
    content stream inflates to 100 MB of whitespace costs ten seconds per page. Call it (inside
    safe_pdf_call) before extract_text or a text visitor; inflating to measure is fast (zlib).
    """
    contents = page.get_contents()
    size = len(contents.get_data()) if contents is not None else 0
    if size > MAX_CONTENT_STREAM:
        raise UnreadableDocument(
            f"{where}：页面内容流过大（{size} 字节，上限 {MAX_CONTENT_STREAM}）",
            f"{where}: page content stream too large ({size} bytes, limit {MAX_CONTENT_STREAM})",
        )


def page_text(page: PageObject, where: str) -> str:
    """Text of one page, under every limit; any failure is an UnreadableDocument naming `where`."""

    def _extract() -> str:
        check_page_content(page, where)
        return page.extract_text()

    return safe_pdf_call(_extract, where)


def open_image(data: bytes, where: str) -> Image.Image:
    """Open and fully decode an untrusted image (a stamp in a .docx, say) under the pixel bound."""
    configure_pillow()

    def _load() -> Image.Image:
        image = Image.open(io.BytesIO(data))
        image.load()
        return image

    return safe_pdf_call(_load, where)
