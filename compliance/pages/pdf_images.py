"""Decode PDF image XObjects and inline images into small RGB pictures, defensively and cheaply.

Fast paths cover what seals and scans are made of (JPEG, Flate RGB/CMYK/Gray/Indexed, soft masks);
anything else goes through pypdf's general decoder. Every path refuses images over MAX_PIXELS
before inflating them, and decodes JPEGs at a reduced scale when only a small picture is needed.
"""
from __future__ import annotations

import io
from typing import Any

import numpy as np
from PIL import Image
from pypdf.generic import ArrayObject, DictionaryObject, EncodedStreamObject, NameObject

MAX_PIXELS = 50_000_000  # refuse larger images outright: a seal or a 600 dpi A4 scan is far smaller


def flatten_on_white(img: Image.Image) -> Image.Image:
    """RGB on white paper; alpha (an SMask, a PNG's transparency) decides how much ink there is."""
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        paper.alpha_composite(rgba)
        return paper.convert("RGB")
    if img.mode != "RGB":
        return img.convert("RGB")
    return img


_GRAY = {"/DeviceGray", "/G", "/CalGray"}
_RGB = {"/DeviceRGB", "/RGB", "/CalRGB"}
_CMYK = {"/DeviceCMYK", "/CMYK"}
_INLINE_KEYS = {"/W": "/Width", "/H": "/Height", "/BPC": "/BitsPerComponent", "/CS": "/ColorSpace",
                "/F": "/Filter", "/DP": "/DecodeParms", "/IM": "/ImageMask", "/D": "/Decode",
                "/I": "/Interpolate"}
_INLINE_FILTERS = {"/AHx": "/ASCIIHexDecode", "/A85": "/ASCII85Decode", "/LZW": "/LZWDecode",
                   "/Fl": "/FlateDecode", "/RL": "/RunLengthDecode", "/CCF": "/CCITTFaxDecode",
                   "/DCT": "/DCTDecode"}
_INLINE_SPACES = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/I": "/Indexed"}


def _resolve(obj: Any) -> Any:
    return obj.get_object() if hasattr(obj, "get_object") else obj


def color_kind(space: Any, resources: Any = None, depth: int = 0) -> str:
    """"gray", "rgb", "cmyk", "indexed" or "other" (Lab, Separation... left to pypdf)."""
    space = _resolve(space)
    if depth > 4 or space is None:
        return "other"
    if isinstance(space, (NameObject, str)):
        name = str(space)
        if name in _GRAY:
            return "gray"
        if name in _RGB:
            return "rgb"
        if name in _CMYK:
            return "cmyk"
        named = _resolve(_resolve(resources).get("/ColorSpace")) if resources is not None else None
        if isinstance(named, DictionaryObject) and name in named:
            return color_kind(named[name], resources, depth + 1)
        return "other"
    if isinstance(space, ArrayObject) and space:
        head = str(_resolve(space[0]))
        if head == "/ICCBased" and len(space) > 1:
            n = int(_resolve(space[1]).get("/N", 3))
            return {1: "gray", 3: "rgb", 4: "cmyk"}.get(n, "other")
        if head in ("/Indexed", "/I"):
            return "indexed"
        if len(space) == 1:
            return color_kind(space[0], resources, depth + 1)
        if head in _GRAY or head in _RGB or head in _CMYK:
            return color_kind(space[0], resources, depth + 1)
    return "other"


def filters_of(stream: Any) -> list[str]:
    f = _resolve(stream.get("/Filter"))
    if f is None:
        return []
    if isinstance(f, ArrayObject):
        return [str(_resolve(x)) for x in f]
    return [str(f)]


def image_size(stream: Any) -> tuple[int, int]:
    return int(_resolve(stream.get("/Width", 0))), int(_resolve(stream.get("/Height", 0)))


def may_hold_colour(stream: Any, resources: Any = None) -> bool:
    """Cheap: can this image contain red at all? Stencil masks and grey images cannot."""
    if _resolve(stream.get("/ImageMask", False)):
        return False
    if int(_resolve(stream.get("/BitsPerComponent", 8)) or 8) == 1 and "/ColorSpace" not in stream:
        return False
    if "/JPXDecode" in filters_of(stream) and "/ColorSpace" not in stream:
        return True
    kind = color_kind(stream.get("/ColorSpace"), resources)
    if kind == "indexed":
        space = _resolve(stream.get("/ColorSpace"))
        base = color_kind(space[1], resources) if isinstance(space, ArrayObject) and len(space) > 1 else "other"
        return base != "gray"
    return kind != "gray"


def inline_stream(settings: Any, data: bytes, resources: Any = None) -> EncodedStreamObject:
    """An inline image (BI ... ID ... EI) as an ordinary image stream with full key names."""
    stream = EncodedStreamObject()
    for key, value in dict(settings).items():
        key = _INLINE_KEYS.get(str(key), str(key))
        value = _resolve(value)
        if key == "/Filter":
            if isinstance(value, ArrayObject):
                value = ArrayObject(NameObject(_INLINE_FILTERS.get(str(v), str(v))) for v in value)
            else:
                value = NameObject(_INLINE_FILTERS.get(str(value), str(value)))
        elif key == "/ColorSpace":
            if isinstance(value, NameObject) and str(value) in _INLINE_SPACES:
                value = NameObject(_INLINE_SPACES[str(value)])
            elif isinstance(value, ArrayObject) and value and str(value[0]) in _INLINE_SPACES:
                value = ArrayObject([NameObject(_INLINE_SPACES[str(value[0])]), *value[1:]])
                if len(value) > 1 and str(value[1]) in _INLINE_SPACES:
                    value[1] = NameObject(_INLINE_SPACES[str(value[1])])
            elif isinstance(value, NameObject) and resources is not None:
                named = _resolve(_resolve(resources).get("/ColorSpace"))
                if isinstance(named, DictionaryObject) and str(value) in named:
                    value = named[str(value)]
        stream[NameObject(key)] = value
    stream[NameObject("/Subtype")] = NameObject("/Image")
    stream._data = bytes(data)  # pypdf keeps encoded bytes here; get_data() runs the filters
    return stream


def _jpeg(data: bytes, target: tuple[int, int], mode: str) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    if img.width * img.height > MAX_PIXELS:
        raise ValueError("image too large")
    # draft() makes libjpeg decode at 1/2, 1/4 or 1/8 scale: a 300 dpi scan costs a fraction.
    img.draft(mode if img.mode != "CMYK" else "CMYK", (max(1, target[0]), max(1, target[1])))
    return img.convert(mode)


def _raw(stream: Any, size: tuple[int, int], kind: str, resources: Any) -> Image.Image | None:
    """Unfiltered or Flate-encoded 8-bit samples, turned into an image without pypdf's re-encoding."""
    w, h = size
    data = stream.get_data()
    space = _resolve(stream.get("/ColorSpace"))
    if kind == "gray":
        return Image.frombytes("L", size, bytes(data[: w * h])) if len(data) >= w * h else None
    if kind == "rgb":
        return Image.frombytes("RGB", size, bytes(data[: w * h * 3])) if len(data) >= w * h * 3 else None
    if kind == "cmyk":
        return Image.frombytes("CMYK", size, bytes(data[: w * h * 4])).convert("RGB") if len(data) >= w * h * 4 else None
    if kind == "indexed" and isinstance(space, ArrayObject) and len(space) >= 4 and len(data) >= w * h:
        base = color_kind(space[1], resources)
        lookup = _resolve(space[3])
        table = lookup.get_data() if hasattr(lookup, "get_data") else bytes(getattr(lookup, "original_bytes", lookup))
        channels = {"rgb": 3, "gray": 1, "cmyk": 4}.get(base)
        if channels is None:
            return None
        palette = np.frombuffer(bytes(table), dtype=np.uint8)
        count = len(palette) // channels
        if count == 0:
            return None
        palette = palette[: count * channels].reshape(count, channels)
        index = np.minimum(np.frombuffer(bytes(data[: w * h]), dtype=np.uint8).reshape(h, w), count - 1)
        pixels = palette[index]
        mode = {3: "RGB", 1: "L", 4: "CMYK"}[channels]
        img = Image.fromarray(pixels[..., 0] if channels == 1 else pixels, mode)
        return img.convert("RGB")
    return None


def _decoded(stream: Any, target: tuple[int, int], resources: Any, mode: str) -> Image.Image | None:
    w, h = image_size(stream)
    if w <= 0 or h <= 0 or w * h > MAX_PIXELS:
        return None
    filters = filters_of(stream)
    bits = int(_resolve(stream.get("/BitsPerComponent", 8)) or 8)
    has_decode = "/Decode" in stream
    kind = color_kind(stream.get("/ColorSpace"), resources)
    # CMYK JPEGs are left to pypdf: Pillow undoes Adobe's inverted CMYK by itself, PDF viewers
    # only through /Decode, and the picture must be judged as a viewer shows it.
    if filters and filters[-1] == "/DCTDecode" and not has_decode and kind != "cmyk":
        return _jpeg(stream.get_data(), target, mode)
    if bits == 8 and not has_decode and all(f == "/FlateDecode" for f in filters):
        img = _raw(stream, (w, h), kind, resources)
        if img is not None:
            return img.convert(mode)
    img = stream.decode_as_image()  # pypdf's general path: LZW, CCITT, JPX, low bit depths, Lab...
    if img is None:
        return None
    if img.mode in ("RGBA", "LA") and mode == "L":
        return img.getchannel("A") if img.mode == "RGBA" else img.convert("L")
    return flatten_on_white(img).convert(mode) if mode == "RGB" else img.convert(mode)


def _alpha(stream: Any, size: tuple[int, int], resources: Any) -> Image.Image | None:
    """Soft mask (/SMask) or stencil mask (/Mask stream) as an 8-bit alpha channel, or None."""
    smask = _resolve(stream.get("/SMask"))
    if smask is not None and hasattr(smask, "get_data") and smask is not stream:
        alpha = _decoded(smask, size, resources, "L")
        return alpha.resize(size, Image.Resampling.BILINEAR) if alpha is not None and alpha.size != size else alpha
    mask = _resolve(stream.get("/Mask"))
    if mask is not None and hasattr(mask, "get_data") and mask is not stream:
        mw, mh = image_size(mask)
        if 0 < mw * mh <= MAX_PIXELS:
            data = mask.get_data()
            row = (mw + 7) // 8
            if len(data) >= row * mh:
                bits = np.unpackbits(np.frombuffer(bytes(data[: row * mh]), dtype=np.uint8).reshape(mh, row), axis=1)[:, :mw]
                decode = _resolve(mask.get("/Decode"))
                inverted = isinstance(decode, ArrayObject) and len(decode) == 2 and float(decode[0]) == 1.0
                # Stencil mask: sample 1 marks "masked out" (paper shows through) unless inverted.
                opacity = np.where(bits == (0 if inverted else 1), 0, 255).astype(np.uint8)
                img = Image.fromarray(opacity, "L")
                return img.resize(size, Image.Resampling.BILINEAR) if img.size != size else img
    return None


def decode_rgb(stream: Any, target: tuple[int, int], resources: Any = None) -> Image.Image | None:
    """The image flattened on white paper and resized to `target` pixels, or None if undecodable.

    Raises nothing for a broken image: callers skip it. Alpha is applied before flattening, so a
    transparent PNG seal's background counts as paper, not as whatever colour its RGB holds.
    """
    try:
        img = _decoded(stream, target, resources, "RGB")
        if img is None:
            return None
        alpha = _alpha(stream, img.size, resources)
        if alpha is not None:
            img = img.convert("RGBA")
            img.putalpha(alpha)
            img = flatten_on_white(img)
        tw, th = max(1, target[0]), max(1, target[1])
        if img.size != (tw, th):
            img = img.resize((tw, th), Image.Resampling.BILINEAR, reducing_gap=2.0)
        return img
    except MemoryError:
        return None
    except Exception:
        return None
