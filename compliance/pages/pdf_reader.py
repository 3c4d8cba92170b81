"""The one place this package opens a PDF, and the guard every pass over its pages runs under.

Both go through the project's hardened helper (compliance.safety.pdf_open): bounded file size,
pinned pypdf limits, decryption with the given or an empty password, and any failure a hostile
file provokes turned into UnreadableDocument.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def open_pdf(path: Path, password: str | None = None) -> Any:
    """A PdfReader with its page tree walked, decrypted if needed; UnreadableDocument otherwise.

    An image file (a scan, a photo) opens as the PDF of its pages, so every reader sees pages."""
    from ..safety.pdf_open import HEAD_BYTES, is_image, open_pdf_bytes, read_file, refuse_mismatch
    from ..safety.sniff import IMAGE

    path = Path(path)
    data = read_file(path)
    if is_image(path, data[:HEAD_BYTES]):
        from .image_pdf import image_as_pdf

        refuse_mismatch(path, data[:HEAD_BYTES], IMAGE)
        return open_pdf_bytes(image_as_pdf(data, path.name), path.name)
    from ..safety.pdf_open import open_pdf as hardened_open

    return hardened_open(path, password)


def guarded(fn: Callable[[], T], path: Path) -> T:
    """Run a pass over an opened PDF under the same limits; an escaping error makes it unreadable.

    The analysis skips broken objects itself; this is the net for what it cannot foresee
    (RecursionError in a deep structure, a limit pypdf enforces mid-way).
    """
    from ..safety.pdf_open import safe_pdf_call

    return safe_pdf_call(fn, Path(path).name)


def content_too_large(page: Any) -> bool:
    """True if the page's drawing commands exceed the project's bound (tokenising would be slow)."""
    from ..errors import UnreadableDocument
    from ..safety.pdf_open import check_page_content

    try:
        check_page_content(page, "")
    except UnreadableDocument:
        return True
    except Exception:
        return False
    return False
