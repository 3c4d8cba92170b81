"""An image file (a scan or a photo of a form) as a PDF of one page per frame.

The checker reads PDFs: wrapping the pixels, losslessly, lets an image go through the same
reading, seal finding and page numbering as a scanned PDF. The page size comes from the image's
resolution; an image that states none (a phone photo) is taken to be an A4 page.
"""
from __future__ import annotations

import io
import zlib

from ..errors import UnreadableDocument

MAX_FRAMES = 100  # pages of one multi-page TIFF
MAX_FRAME_PIXELS = 60_000_000  # an A3 page at 400 dpi
A4_LONG_SIDE_INCHES = 11.69


def _dpi(image, pixels_long_side: int) -> float:
    stated = image.info.get("dpi")
    try:
        dpi = float(stated[0]) if isinstance(stated, tuple) else float(stated or 0)
    except (TypeError, ValueError):
        dpi = 0.0
    if 50 <= dpi <= 1200:
        return dpi
    return max(50.0, pixels_long_side / A4_LONG_SIDE_INCHES)


def _to_grey(image):
    """16-bit or float grey (some scanners write it) scaled into 8 bits."""
    import numpy as np
    from PIL import Image

    values = np.asarray(image, dtype=np.float64)
    low, high = float(values.min()), float(values.max())
    scaled = (values - low) * (255.0 / (high - low)) if high > low else np.zeros_like(values)
    return Image.fromarray(scaled.astype(np.uint8), "L")


def _frames(where: str, data: bytes):
    from PIL import Image, ImageOps, ImageSequence

    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = MAX_FRAME_PIXELS  # a larger frame raises DecompressionBombError
    try:
        image = Image.open(io.BytesIO(data))
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            if number > MAX_FRAMES:
                raise UnreadableDocument(f"{where}：页数超过 {MAX_FRAMES}", f"{where}: more than {MAX_FRAMES} pages")
            dpi = _dpi(frame, max(frame.size))
            upright = ImageOps.exif_transpose(frame)  # a photo taken sideways says so in its EXIF
            if upright.mode in ("RGBA", "LA", "P", "PA"):
                flat = Image.new("RGB", upright.size, (255, 255, 255))
                converted = upright.convert("RGBA")
                flat.paste(converted, mask=converted.getchannel("A"))
                upright = flat
            elif upright.mode in ("1", "I", "I;16", "I;16B", "I;16L", "F"):
                upright = upright.convert("L") if upright.mode == "1" else _to_grey(upright)
            elif upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            yield upright, dpi
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def image_as_pdf(data: bytes, where: str) -> bytes:
    """An image file's frames (its bytes, read and bounded) as the pages of a PDF; UnreadableDocument
    if it is not a readable image."""
    from PIL import Image, UnidentifiedImageError
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject, StreamObject

    writer = PdfWriter()
    try:
        for frame, dpi in _frames(where, data):
            width_pt, height_pt = frame.width * 72 / dpi, frame.height * 72 / dpi
            page = writer.add_blank_page(width_pt, height_pt)
            picture = StreamObject()
            picture._data = zlib.compress(frame.tobytes(), 1)
            picture.update({
                NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                NameObject("/Width"): NumberObject(frame.width), NameObject("/Height"): NumberObject(frame.height),
                NameObject("/ColorSpace"): NameObject("/DeviceRGB" if frame.mode == "RGB" else "/DeviceGray"),
                NameObject("/BitsPerComponent"): NumberObject(8), NameObject("/Filter"): NameObject("/FlateDecode"),
            })
            drawing = DecodedStreamObject()
            drawing.set_data(f"q {width_pt:.4f} 0 0 {height_pt:.4f} 0 0 cm /Scan Do Q".encode())
            page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
                {NameObject("/Scan"): writer._add_object(picture)})})
            page[NameObject("/Contents")] = writer._add_object(drawing)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError) as error:
        raise UnreadableDocument(f"{where}：无法读取图像（{error}）", f"{where}: the image cannot be read ({error})") from None
    if not writer.pages:
        raise UnreadableDocument(f"{where}：图像没有内容", f"{where}: the image holds no picture")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
