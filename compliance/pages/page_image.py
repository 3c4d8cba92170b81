"""A PDF page as a picture, for pages that have no text to read but their pixels (scans).

pdfium draws the page as a viewer would: every image encoding, masks, /Rotate. The page is
drawn at a reading resolution, never larger than a bounded number of pixels.
"""
from __future__ import annotations

import numpy as np

from ..errors import UnreadableDocument

READING_DPI = 200.0  # what OCR reads best at; higher costs time and gains nothing on forms
MAX_PIXELS = 40_000_000  # an A3 page at 300 dpi; a bigger page is drawn at a lower resolution


class PageRenderer:
    """Draws pages of one PDF (its bytes, as already read and bounded) on demand."""

    def __init__(self, data: bytes, password: str | None, where: str) -> None:
        self.data = data
        self.password = password
        self.where = where
        self._document = None

    def _opened(self):
        if self._document is None:
            import pypdfium2 as pdfium

            try:
                self._document = pdfium.PdfDocument(self.data, password=self.password)
            except Exception as error:  # pdfium's own refusal of a damaged file
                raise UnreadableDocument(f"{self.where}：无法绘制页面（{error}）", f"{self.where}: the pages cannot be drawn ({error})") from None
        return self._document

    def render(self, index: int) -> tuple[np.ndarray, float]:
        """Page `index` (from 0) as H×W×3 BGR pixels on white, and the resolution it was drawn at."""
        document = self._opened()
        try:
            page = document[index]
            width, height = page.get_size()
            dpi = READING_DPI
            if width * height * (dpi / 72) ** 2 > MAX_PIXELS:
                dpi = 72 * (MAX_PIXELS / max(1.0, width * height)) ** 0.5
            bitmap = page.render(scale=dpi / 72, fill_color=(255, 255, 255, 255), may_draw_forms=True)
            pixels = bitmap.to_numpy()
        except Exception as error:
            where = f"{self.where} 第{index + 1}页/page {index + 1}"
            raise UnreadableDocument(f"{where}：无法绘制页面（{error}）", f"{where}: the page cannot be drawn ({error})") from None
        if pixels.ndim == 2:
            pixels = np.repeat(pixels[..., None], 3, axis=2)
        return np.ascontiguousarray(pixels[..., :3]), dpi

    def native(self, page, reader) -> tuple[np.ndarray, float] | None:
        """A page that is one upright picture filling it (what scanners write, and what an image
        file becomes here) as that picture's own pixels and resolution: drawing it again at
        another size would blur a scan's small print and its QR code. None for any other page."""
        from .pdf_images import decode_rgb, image_size
        from .pdf_walk import walk_page

        try:
            if int(page.get("/Rotate", 0) or 0) % 360:
                return None
            walk = walk_page(page, reader)
            if len(walk.placements) != 1 or walk.truncated:
                return None
            placement = walk.placements[0]
            a, b, c, d, _e, _f = placement.ctm
            box = page.mediabox
            page_area = float(box.width) * float(box.height)
            if b or c or a <= 0 or d <= 0 or placement.area_pt2 < 0.9 * page_area:
                return None
            width, height = image_size(placement.stream)
            if width * height > MAX_PIXELS or width < 100 or height < 100:
                return None
            picture = decode_rgb(placement.stream, (width, height), placement.resources)
        except Exception:  # anything odd: draw the page as a viewer would instead
            return None
        if picture is None:
            return None
        rgb = np.asarray(picture.convert("RGB"))
        return np.ascontiguousarray(rgb[..., ::-1]), width * 72.0 / a

    def close(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None
