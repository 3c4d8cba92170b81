"""Which .docx text a reader of the printed page cannot see: hidden runs (w:vanish), white or
near-white text, and text under 3 pt. Such text is not content — not a value, not something
beside a seal — and its presence is itself worth a reviewer's eye (`hidden-text`).

A run's look comes from the document defaults, its paragraph's style, its character style and
its own properties, each over the one before, as Word applies them; styles inherit through
w:basedOn. A forger may hide text in any of these places.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..safety.docx_package import DocxPackage

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RPR, _VANISH, _SPEC_VANISH = f"{{{W}}}rPr", f"{{{W}}}vanish", f"{{{W}}}specVanish"
_COLOR, _SZ, _SHD, _VAL, _FILL = f"{{{W}}}color", f"{{{W}}}sz", f"{{{W}}}shd", f"{{{W}}}val", f"{{{W}}}fill"
_STYLE, _STYLE_ID, _BASED_ON, _TYPE = f"{{{W}}}style", f"{{{W}}}styleId", f"{{{W}}}basedOn", f"{{{W}}}type"
_R_STYLE, _P_STYLE, _PPR = f"{{{W}}}rStyle", f"{{{W}}}pStyle", f"{{{W}}}pPr"
_OFF = {"0", "false", "off"}
SMALLEST_VISIBLE_HALF_POINTS = 6  # 3 pt
_NEAR_WHITE = 0xF0  # every channel at least this light reads as paper
_MAX_STYLE_DEPTH = 20  # basedOn chains longer than this (or looping) stop there


def _light(colour: str | None) -> bool:
    if not colour or len(colour) != 6:
        return False
    try:
        return all(int(colour[i:i + 2], 16) >= _NEAR_WHITE for i in (0, 2, 4))
    except ValueError:
        return False


@dataclass(frozen=True)
class Look:
    """The run properties that decide whether text shows; None where this layer says nothing."""

    vanish: bool | None = None
    colour: str | None = None
    size: int | None = None
    shading: str | None = None

    def over(self, base: Look) -> Look:
        return Look(*(getattr(self, f.name) if getattr(self, f.name) is not None else getattr(base, f.name)
                      for f in fields(self)))

    @property
    def hidden(self) -> bool:
        if self.vanish:
            return True
        on_dark = self.shading is not None and self.shading != "auto" and not _light(self.shading)
        if _light(self.colour) and not on_dark:
            return True
        return self.size is not None and self.size < SMALLEST_VISIBLE_HALF_POINTS


def look_of(properties: Any) -> Look:
    """The look a w:rPr element states."""
    if properties is None:
        return Look()
    vanish = None
    for tag in (_VANISH, _SPEC_VANISH):
        mark = properties.find(tag)
        if mark is not None:
            vanish = bool(vanish) or mark.get(_VAL, "true").lower() not in _OFF
    colour = properties.find(_COLOR)
    shading = properties.find(_SHD)
    size = properties.find(_SZ)
    try:
        points = int(size.get(_VAL)) if size is not None and size.get(_VAL) is not None else None
    except ValueError:
        points = None
    return Look(vanish, colour.get(_VAL) if colour is not None else None, points,
                shading.get(_FILL) if shading is not None else None)


class StyleLooks:
    """The looks the document's styles give, resolved through w:basedOn."""

    def __init__(self, styles_root: Any = None) -> None:
        self.defaults = Look()
        self.character: dict[str, Look] = {}
        self.paragraph: dict[str, Look] = {}
        self.default_paragraph = Look()
        if styles_root is None:
            return
        defaults = styles_root.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{_RPR}")
        self.defaults = look_of(defaults)
        declared = {}
        for style in styles_root.iter(_STYLE):
            style_id = style.get(_STYLE_ID)
            if style_id:
                based = style.find(_BASED_ON)
                declared[style_id] = (style.get(_TYPE), look_of(style.find(_RPR)),
                                      based.get(_VAL) if based is not None else None,
                                      style.get(f"{{{W}}}default") in ("1", "true"))
        for style_id, (kind, _look, _based, default) in declared.items():
            resolved = self._resolve(style_id, declared)
            if kind == "character":
                self.character[style_id] = resolved
            elif kind == "paragraph":
                self.paragraph[style_id] = resolved
                if default:
                    self.default_paragraph = resolved

    @staticmethod
    def _resolve(style_id: str, declared: dict) -> Look:
        look, current = Look(), style_id
        seen: set[str] = set()
        while current in declared and current not in seen and len(seen) < _MAX_STYLE_DEPTH:
            seen.add(current)
            _kind, own, based, _default = declared[current]
            look = look.over(own)  # what a nearer style says wins over what it is based on
            current = based
        return look

    @property
    def may_hide(self) -> bool:
        """Whether any style or the defaults could hide text: if not, direct formatting decides."""
        looks = [self.defaults, *self.character.values(), *self.paragraph.values()]
        return any(look.vanish or _light(look.colour) or (look.size is not None and look.size < SMALLEST_VISIBLE_HALF_POINTS)
                   for look in looks)

    def of_run(self, run: Any) -> Look:
        own = run.find(_RPR)
        look = look_of(own)
        character = own.find(_R_STYLE) if own is not None else None
        if character is not None:
            look = look.over(self.character.get(character.get(_VAL) or "", Look()))
        paragraph = run.getparent()
        while paragraph is not None and paragraph.tag != f"{{{W}}}p":
            paragraph = paragraph.getparent()
        style = None
        if paragraph is not None:
            properties = paragraph.find(_PPR)
            mark = properties.find(_P_STYLE) if properties is not None else None
            style = mark.get(_VAL) if mark is not None else None
        look = look.over(self.paragraph.get(style, self.default_paragraph) if style else self.default_paragraph)
        return look.over(self.defaults)


NO_STYLES = StyleLooks()


def run_is_hidden(run: Any, styles: StyleLooks = NO_STYLES) -> bool:
    """Whether a w:r's text is invisible on the printed page."""
    if styles is NO_STYLES:
        return look_of(run.find(_RPR)).hidden
    return styles.of_run(run).hidden


# Anything in a styles part that could hide text: a vanish mark, a paper-light or theme-background
# colour, a size under 3 pt, or a character reference that could spell one. Most styles parts
# have none of these, and parsing one (often 350 kB of latent styles) would cost more than the
# rest of the reading.
_STYLES_MAY_HIDE = re.compile(
    rb"anish|&#|themeColor\s*=\s*[\"'](?:background|light|bg|lt)"
    rb"|val\s*=\s*[\"'](?:[Ff][0-9A-Fa-f]){3}[\"']|sz\s[^>]*?val\s*=\s*[\"'][0-5][\"']")


def document_styles(package: DocxPackage) -> StyleLooks:
    """The looks the document's styles give its runs (no styles part: Word's plain defaults)."""
    name = "word/styles.xml"
    if not package.has(name):
        return NO_STYLES
    # An office's documents share their template's styles part: judge and resolve each one once,
    # known by a digest of its stored bytes, so that a copy seen before is not even inflated.
    digest = package.stored_digest(name)
    looks = _RESOLVED_STYLES.get(digest)
    if looks is None:
        data = package.read(name)
        looks = StyleLooks(package.xml(name)) if _STYLES_MAY_HIDE.search(data) else NO_STYLES
        if len(_RESOLVED_STYLES) >= 32:
            _RESOLVED_STYLES.pop(next(iter(_RESOLVED_STYLES)))
        _RESOLVED_STYLES[digest] = looks
    return looks


_RESOLVED_STYLES: dict[bytes, StyleLooks] = {}
