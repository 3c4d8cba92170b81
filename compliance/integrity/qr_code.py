"""The QR code itself: drawn for a generated form, found again in whatever comes back.

Drawn with segno (pure Python). Found with OpenCV's detector, already installed for scans: in a
.docx's pictures, a PDF's images, and a scanned page's pixels.
"""
from __future__ import annotations

import io

import numpy as np

from .fingerprint import Identity

MAX_DECODE_PIXELS = 25_000_000  # a picture larger than this is a photo, not our code


def qr_png(identity: Identity) -> bytes:
    import segno

    code = segno.make(identity.encode(), error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="png", scale=6, border=2)
    return out.getvalue()


def _decoded(detector, pixels: np.ndarray) -> list[Identity]:
    import cv2

    try:
        ok, texts, _points, _straight = detector.detectAndDecodeMulti(pixels)
    except cv2.error:
        return []
    found = [Identity.decode(text or "") for text in (texts if ok else ())]
    return [identity for identity in found if identity is not None]


def identities_in(pixels: np.ndarray) -> list[Identity]:
    """Our codes in an image (grey or BGR). A scan's code is blurred, noisy and resampled: the
    page as it is, then thresholded to black and white, then the ArUco-based detector, which
    finds the corner marks differently."""
    import cv2

    if pixels.size == 0 or pixels.shape[0] * pixels.shape[1] > MAX_DECODE_PIXELS:
        return []
    grey = cv2.cvtColor(pixels, cv2.COLOR_BGR2GRAY) if pixels.ndim == 3 else pixels
    found = _decoded(cv2.QRCodeDetector(), grey)
    if not found:
        _threshold, black_white = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        found = _decoded(cv2.QRCodeDetector(), black_white)
    if not found and hasattr(cv2, "QRCodeDetectorAruco"):
        found = _decoded(cv2.QRCodeDetectorAruco(), grey)
    return found


def identities_in_picture(data: bytes) -> list[Identity]:
    """Our codes in an encoded picture (PNG, JPEG, …) from a document; nothing if it is not one."""
    import cv2

    if not data:
        return []
    buffer = np.frombuffer(data, np.uint8)
    try:
        pixels = cv2.imdecode(buffer, cv2.IMREAD_GRAYSCALE)
    except cv2.error:
        return []
    return identities_in(pixels) if pixels is not None else []
