"""The QR code itself: drawn for a generated form, found again in whatever comes back.

Drawn with segno. Found with zxing-cpp (a C++ reader, quick enough for every picture of every
document) in a .docx's pictures, a PDF's images and a scanned page's pixels; on a scan OpenCV's
detectors are tried as well.
"""
from __future__ import annotations

import io

import numpy as np

from .fingerprint import Identity

MAX_DECODE_PIXELS = 25_000_000  # a picture larger than this is a photo, not our code


_MODULE_PIXELS, _QUIET_MODULES = 6, 2


def qr_png(identity: Identity) -> bytes:
    """The code as a black-and-white PNG: segno makes the matrix, Pillow writes it (segno's own
    PNG writer is pure Python and slower than the rest of printing a form)."""
    import segno
    from PIL import Image

    # A fixed mask: choosing the best of eight costs ten times the rest, and any mask reads.
    code = segno.make(identity.encode(), error="m", micro=False, mask=0)
    modules = np.array([[0 if dark else 255 for dark in row] for row in code.matrix], dtype=np.uint8)
    modules = np.pad(modules, _QUIET_MODULES, constant_values=255)
    pixels = np.kron(modules, np.ones((_MODULE_PIXELS, _MODULE_PIXELS), dtype=np.uint8))
    out = io.BytesIO()
    Image.fromarray(pixels, "L").convert("1").save(out, format="PNG", optimize=False)
    return out.getvalue()


def identities_in(pixels: np.ndarray, thorough: bool = False) -> list[Identity]:
    """Our codes in an image (grey or BGR), found by zxing-cpp. `thorough` (a scan, where a code
    is blurred, noisy and resampled) also tries OpenCV's two detectors on the page as it is and
    thresholded to black and white."""
    import zxingcpp

    if pixels.size == 0 or pixels.shape[0] * pixels.shape[1] > MAX_DECODE_PIXELS:
        return []
    grey = pixels if pixels.ndim == 2 else pixels.mean(axis=2).astype(np.uint8)
    found = [Identity.decode(result.text) for result in zxingcpp.read_barcodes(
        np.ascontiguousarray(grey), formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))]
    identities = [identity for identity in found if identity is not None]
    return identities or (_with_opencv(grey) if thorough else [])


def _with_opencv(grey: np.ndarray) -> list[Identity]:
    import cv2

    def decoded(detector, image) -> list[Identity]:
        try:
            ok, texts, _points, _straight = detector.detectAndDecodeMulti(image)
        except cv2.error:
            return []
        found = [Identity.decode(text or "") for text in (texts if ok else ())]
        return [identity for identity in found if identity is not None]

    _threshold, black_white = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    found = decoded(cv2.QRCodeDetector(), grey) or decoded(cv2.QRCodeDetector(), black_white)
    if not found and hasattr(cv2, "QRCodeDetectorAruco"):
        found = decoded(cv2.QRCodeDetectorAruco(), grey)
    return found


def identities_in_picture(data: bytes) -> list[Identity]:
    """Our codes in an encoded picture (PNG, JPEG, …) from a document; nothing if it is not one."""
    from PIL import Image

    if not data:
        return []
    try:
        with Image.open(io.BytesIO(data)) as picture:
            if picture.width * picture.height > MAX_DECODE_PIXELS:
                return []
            pixels = np.asarray(picture.convert("L"))
    except (OSError, ValueError, Image.DecompressionBombError):
        return []
    return identities_in(pixels)
