"""Build PDFs for the seal test set: hand-written content streams, /Stamp annotations, scans.

The hand-made PDFs exercise what office tools rarely produce but other tools do: inline images,
seals nested in form XObjects (even a form that draws itself), CMYK JPEG, indexed colour, soft
masks, a rotated page. Scans are real renderings (pdfium) of the LibreOffice PDFs, skewed,
noised and JPEG-compressed, one picture per page.
"""
from __future__ import annotations

import io
import math
import random
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    EncodedStreamObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

PT_PER_MM = 72 / 25.4
A4 = (595.28, 841.89)


def _stream(writer: PdfWriter, entries: dict, data: bytes, *, encoded: bool = True):
    stream = EncodedStreamObject() if encoded else DecodedStreamObject()
    for key, value in entries.items():
        stream[NameObject(key)] = value
    if encoded:
        stream._data = data
    else:
        stream.set_data(data)
    return writer._add_object(stream)


def image_xobject(writer: PdfWriter, img: Image.Image, *, encoding: str = "flate", smask: bool = True):
    """An image XObject: encoding "flate" (RGB), "jpeg" (RGB on white), "cmyk-jpeg", "indexed"."""
    rgba = img.convert("RGBA")
    entries = {"/Type": NameObject("/XObject"), "/Subtype": NameObject("/Image"),
               "/Width": NumberObject(img.width), "/Height": NumberObject(img.height),
               "/BitsPerComponent": NumberObject(8)}
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    white.alpha_composite(rgba)
    flat = white.convert("RGB")
    if encoding == "flate":
        entries["/ColorSpace"] = NameObject("/DeviceRGB")
        entries["/Filter"] = NameObject("/FlateDecode")
        data = zlib.compress(rgba.convert("RGB").tobytes())
    elif encoding == "jpeg":
        entries["/ColorSpace"] = NameObject("/DeviceRGB")
        entries["/Filter"] = NameObject("/DCTDecode")
        buf = io.BytesIO()
        flat.save(buf, "JPEG", quality=85)
        data = buf.getvalue()
        smask = False
    elif encoding == "cmyk-jpeg":
        entries["/ColorSpace"] = NameObject("/DeviceCMYK")
        entries["/Filter"] = NameObject("/DCTDecode")
        buf = io.BytesIO()
        flat.convert("CMYK").save(buf, "JPEG", quality=85)
        data = buf.getvalue()
        # Pillow writes Adobe-style inverted CMYK; PDF readers expect the inversion in /Decode.
        entries["/Decode"] = ArrayObject([FloatObject(v) for v in (1, 0) * 4])
        smask = False
    elif encoding == "indexed":
        pal = flat.quantize(colors=64)
        palette = bytes(pal.getpalette()[: 64 * 3])
        entries["/ColorSpace"] = ArrayObject([NameObject("/Indexed"), NameObject("/DeviceRGB"),
                                              NumberObject(63), _bytes_string(palette)])
        entries["/Filter"] = NameObject("/FlateDecode")
        data = zlib.compress(pal.tobytes())
        smask = False
    else:
        raise ValueError(encoding)
    if smask:
        alpha = rgba.getchannel("A")
        entries["/SMask"] = _stream(writer, {
            "/Type": NameObject("/XObject"), "/Subtype": NameObject("/Image"),
            "/Width": NumberObject(img.width), "/Height": NumberObject(img.height),
            "/BitsPerComponent": NumberObject(8), "/ColorSpace": NameObject("/DeviceGray"),
            "/Filter": NameObject("/FlateDecode")}, zlib.compress(alpha.tobytes()))
    return _stream(writer, entries, data)


def _bytes_string(data: bytes):
    from pypdf.generic import ByteStringObject

    return ByteStringObject(data)


def _font(writer: PdfWriter):
    return writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))


def text_ops(lines: list[tuple[float, float, str]], size: float = 11) -> bytes:
    out = []
    for x, y, text in lines:
        safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        out.append(f"BT /F1 {size} Tf {x:.1f} {y:.1f} Td ({safe}) Tj ET")
    return "\n".join(out).encode("latin-1")


ENGLISH = [
    "This agreement is made between the Buyer and the Supplier named below.",
    "The Supplier shall deliver the goods within fifteen working days of signature.",
    "Payment of ninety-five percent is due within thirty days of acceptance.",
    "The warranty period is twelve months from the date of acceptance.",
    "Either party in breach shall pay liquidated damages of five percent.",
]


def body_text(rng: random.Random, top: float = 760, lines: int = 18) -> list[tuple[float, float, str]]:
    return [(72, top - 16 * i, rng.choice(ENGLISH)) for i in range(lines)]


def page_with(writer: PdfWriter, content: bytes, xobjects: dict, *, rotate: int = 0, size=A4):
    page = writer.add_blank_page(*size)
    resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): _font(writer)})})
    if xobjects:
        resources[NameObject("/XObject")] = DictionaryObject({NameObject(k): v for k, v in xobjects.items()})
    page[NameObject("/Resources")] = resources
    page[NameObject("/Contents")] = _stream(writer, {}, content, encoded=False)
    if rotate:
        page[NameObject("/Rotate")] = NumberObject(rotate)
    return page


def place(name: str, x_mm: float, y_mm: float, w_mm: float, h_mm: float, angle: float = 0.0) -> bytes:
    """Draw XObject `name` w×h mm with its lower-left corner at (x, y) mm, turned by angle degrees."""
    w, h = w_mm * PT_PER_MM, h_mm * PT_PER_MM
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return (f"q {w * c:.3f} {w * s:.3f} {-h * s:.3f} {h * c:.3f} {x_mm * PT_PER_MM:.2f} "
            f"{y_mm * PT_PER_MM:.2f} cm /{name} Do Q\n").encode()


def form_xobject(writer: PdfWriter, content: bytes, xobjects: dict, bbox=(0, 0, 1, 1), matrix=None):
    entries = {"/Type": NameObject("/XObject"), "/Subtype": NameObject("/Form"),
               "/BBox": ArrayObject([FloatObject(v) for v in bbox]),
               "/Resources": DictionaryObject({NameObject("/XObject"): DictionaryObject(
                   {NameObject(k): v for k, v in xobjects.items()})})}
    if matrix:
        entries["/Matrix"] = ArrayObject([FloatObject(v) for v in matrix])
    return _stream(writer, entries, content, encoded=False)


def inline_image_ops(img: Image.Image, x_mm: float, y_mm: float, w_mm: float, h_mm: float) -> bytes:
    """A seal as an inline image (BI ... ID ... EI), Flate-compressed RGB flattened on white."""
    white = Image.new("RGBA", img.size, (255, 255, 255, 255))
    white.alpha_composite(img.convert("RGBA"))
    rgb = white.convert("RGB")
    data = zlib.compress(rgb.tobytes())
    head = (f"q {w_mm * PT_PER_MM:.2f} 0 0 {h_mm * PT_PER_MM:.2f} {x_mm * PT_PER_MM:.2f} {y_mm * PT_PER_MM:.2f} cm\n"
            f"BI /W {rgb.width} /H {rgb.height} /BPC 8 /CS /RGB /F /Fl ID ").encode()
    return head + data + b"\nEI Q\n"


def stamp_annotation(writer: PdfWriter, rect: tuple[float, float, float, float], *,
                     seal: Image.Image | None = None, hidden: bool = False) -> DictionaryObject:
    """A /Stamp annotation; its appearance is a seal picture or a red ring drawn with paths."""
    x0, y0, x1, y1 = rect
    w, h = x1 - x0, y1 - y0
    if seal is not None:
        image = image_xobject(writer, seal)
        content = f"q {w:.2f} 0 0 {h:.2f} 0 0 cm /Im0 Do Q".encode()
        appearance = form_xobject(writer, content, {"/Im0": image}, bbox=(0, 0, w, h))
    else:
        k = 0.5523
        r = min(w, h) / 2 - 2
        cx, cy = w / 2, h / 2
        path = (f"{cx + r:.2f} {cy:.2f} m {cx + r:.2f} {cy + k * r:.2f} {cx + k * r:.2f} {cy + r:.2f} {cx:.2f} {cy + r:.2f} c "
                f"{cx - k * r:.2f} {cy + r:.2f} {cx - r:.2f} {cy + k * r:.2f} {cx - r:.2f} {cy:.2f} c "
                f"{cx - r:.2f} {cy - k * r:.2f} {cx - k * r:.2f} {cy - r:.2f} {cx:.2f} {cy - r:.2f} c "
                f"{cx + k * r:.2f} {cy - r:.2f} {cx + r:.2f} {cy - k * r:.2f} {cx + r:.2f} {cy:.2f} c S")
        content = f"q 0.85 0.1 0.12 RG 3 w {path} Q".encode()
        appearance = form_xobject(writer, content, {}, bbox=(0, 0, w, h))
    return DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Stamp"),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect]),
        NameObject("/F"): NumberObject(4 | (2 if hidden else 0)),
        NameObject("/Contents"): TextStringObject("e-seal"),
        NameObject("/AP"): DictionaryObject({NameObject("/N"): appearance}),
    })


def widget_annotation(writer: PdfWriter, rect: tuple[float, float, float, float], *,
                      seal: Image.Image | None = None, text: str | None = None) -> DictionaryObject:
    """A form-field widget: a signature field showing a seal picture (how e-signature platforms
    apply seals), or a text field showing its filled-in value."""
    x0, y0, x1, y1 = rect
    w, h = x1 - x0, y1 - y0
    if seal is not None:
        image = image_xobject(writer, seal)
        appearance = form_xobject(writer, f"q {w:.2f} 0 0 {h:.2f} 0 0 cm /Im0 Do Q".encode(),
                                  {"/Im0": image}, bbox=(0, 0, w, h))
        field = {NameObject("/FT"): NameObject("/Sig"), NameObject("/T"): TextStringObject("Signature1")}
    else:
        appearance = form_xobject(writer, f"/Tx BMC q BT /F1 10 Tf 2 {h / 3:.1f} Td ({text}) Tj ET Q EMC".encode(),
                                  {}, bbox=(0, 0, w, h))
        appearance.get_object()["/Resources"][NameObject("/Font")] = DictionaryObject({NameObject("/F1"): _font(writer)})
        field = {NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("Name"),
                 NameObject("/V"): TextStringObject(text or "")}
    return DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect]), NameObject("/F"): NumberObject(4),
        NameObject("/AP"): DictionaryObject({NameObject("/N"): appearance}), **field,
    })


def add_annotation(writer: PdfWriter, page_index: int, annotation: DictionaryObject) -> None:
    page = writer.pages[page_index]
    annots = page.get("/Annots")
    ref = writer._add_object(annotation)
    if annots is None:
        page[NameObject("/Annots")] = ArrayObject([ref])
    else:
        annots.get_object().append(ref)


def add_stamp_annotation(writer: PdfWriter, page_index: int, rect, **kwargs) -> None:
    add_annotation(writer, page_index, stamp_annotation(writer, rect, **kwargs))


# -- scans -----------------------------------------------------------------------------------------


def render_pages(pdf: Path, dpi: int) -> list[Image.Image]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return [document[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(document))]
    finally:
        document.close()


def degrade(img: Image.Image, rng: random.Random, dpi: int, *, angle: float, noise: float,
            paper: int = 250, dust: int = 0, border: bool = False) -> Image.Image:
    """What a scanner does to a page: a little skew, paper tone, sensor noise, dust, an edge shadow."""
    # Toner is never perfectly black, paper never perfectly white: one lookup table does both.
    lut = [int((255 - (255 - v) * 0.97) * paper / 255) for v in range(256)]
    img = img.point(lut * 3)
    if angle:
        img = img.rotate(angle, resample=Image.BILINEAR, expand=False, fillcolor=(paper, paper, paper))
    if border:
        draw = ImageDraw.Draw(img)
        edge = max(3, dpi // 25)
        draw.rectangle((0, 0, img.width, edge), fill=(40, 40, 40))
    img = img.filter(ImageFilter.GaussianBlur(0.4 * dpi / 150))
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    arr = np.asarray(img, dtype=np.float32)
    grain = nrng.standard_normal((img.height, img.width, 1), dtype=np.float32) * noise
    tint = nrng.standard_normal((img.height // 4 + 1, img.width // 4 + 1, 3), dtype=np.float32) * (noise * 0.4)
    arr += grain
    arr += np.repeat(np.repeat(tint, 4, axis=0), 4, axis=1)[: img.height, : img.width]
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if dust:
        draw = ImageDraw.Draw(img)
        for _ in range(dust):  # specks up to half a millimetre across
            x, y = rng.randrange(img.width), rng.randrange(img.height)
            r = rng.uniform(0.5, 3.0) * dpi / 300
            g = rng.randrange(30, 120)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(g, g, g))
        for _ in range(dust // 15):  # a hair or paper fibre, 2-4 mm long
            x, y = rng.randrange(img.width), rng.randrange(img.height)
            length = rng.uniform(2, 4) * dpi / 25.4
            a = rng.uniform(0, math.pi)
            g = rng.randrange(70, 140)
            draw.line((x, y, x + length * math.cos(a), y + length * math.sin(a)), fill=(g, g, g),
                      width=max(1, round(0.1 * dpi / 25.4)))
    return img


def scan_pdf(source: Path, target: Path, rng: random.Random, *, dpi: int, angle: float, noise: float,
             quality: int, paper: int = 250, dust: int = 0, border: bool = False) -> int:
    """Render every page, degrade it and save the pictures as a PDF, one JPEG per page."""
    pages = [degrade(img, rng, dpi, angle=angle, noise=noise, paper=paper, dust=dust, border=border)
             for img in render_pages(source, dpi)]
    buffers = []
    for page in pages:  # JPEG round-trip first so the chosen quality, not Pillow's default, applies
        buf = io.BytesIO()
        page.save(buf, "JPEG", quality=quality)
        buf.seek(0)
        buffers.append(Image.open(buf))
    buffers[0].save(target, "PDF", resolution=dpi, save_all=True, append_images=buffers[1:], quality=quality)
    return len(pages)


def page_count(pdf: Path) -> int:
    return len(PdfReader(str(pdf)).pages)
