"""Our QR codes wherever a document keeps them: a .docx's header pictures, a PDF page's small
square images, the top of a scanned page."""
from __future__ import annotations

from typing import Any

import numpy as np

from .fingerprint import Identity
from .qr_code import identities_in, identities_in_picture

MAX_PICTURE_BYTES = 4 * 1024 * 1024
_HEADER_RELS = "word/_rels/header"


def codes_in_docx(package: Any) -> list[Identity]:
    """Codes in the pictures a header shows (where `compliance new` prints them)."""
    import posixpath
    import re

    found: list[Identity] = []
    for rels in (n for n in package.names() if n.startswith(_HEADER_RELS) and n.endswith(".rels")):
        targets = re.findall(rb'Target="([^"]+\.(?:png|jpe?g))"', package.read(rels), flags=re.IGNORECASE)
        for target in targets:
            name = posixpath.normpath(posixpath.join("word", target.decode("utf-8", "replace")))
            if package.has(name) and package.size(name) <= MAX_PICTURE_BYTES:
                found += identities_in_picture(package.read(name))
    return found


def codes_in_pdf_page(page: Any) -> list[Identity]:
    """Codes among the page's small, square images (a QR picture, not a photo or a scan)."""
    from ..pages.pdf_images import decode_rgb

    found: list[Identity] = []
    try:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        xobjects = resources.get("/XObject") if resources is not None else None
        for _name, ref in (xobjects.get_object().items() if xobjects is not None else ()):
            obj = ref.get_object()
            width, height = int(obj.get("/Width", 0)), int(obj.get("/Height", 0))
            if obj.get("/Subtype") != "/Image" or not (60 <= width <= 1200 and 0.8 <= width / max(1, height) <= 1.25):
                continue
            picture = decode_rgb(obj, (width, height), resources)
            if picture is not None:
                found += identities_in(np.asarray(picture.convert("L")))
    except Exception:  # a damaged image is no code; the rest of the check goes on
        return found
    return found


def codes_on_scanned_page(grey: np.ndarray) -> list[Identity]:
    """Codes anywhere on a page turned upright; a forms' header is tried first and thoroughly."""
    top = grey[: max(1, grey.shape[0] * 3 // 10)]
    return identities_in(top, thorough=True) or identities_in(grey)
