"""Which .docx text a reader of the printed page cannot see: hidden runs (w:vanish), white or
near-white text, and text under 3 pt. Such text is not content — not a value, not something
beside a seal — and its presence is itself worth a reviewer's eye (`hidden-text`).

Judged from the run's own properties (direct formatting), which is where a forger puts them.
"""
from __future__ import annotations

from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RPR, _VANISH, _SPEC_VANISH = f"{{{W}}}rPr", f"{{{W}}}vanish", f"{{{W}}}specVanish"
_COLOR, _SZ, _SHD, _VAL, _FILL = f"{{{W}}}color", f"{{{W}}}sz", f"{{{W}}}shd", f"{{{W}}}val", f"{{{W}}}fill"
_OFF = {"0", "false", "off"}
SMALLEST_VISIBLE_HALF_POINTS = 6  # 3 pt
_NEAR_WHITE = 0xF0  # every channel at least this light reads as paper


def _light(colour: str | None) -> bool:
    if not colour or len(colour) != 6:
        return False
    try:
        return all(int(colour[i:i + 2], 16) >= _NEAR_WHITE for i in (0, 2, 4))
    except ValueError:
        return False


def run_is_hidden(run: Any) -> bool:
    """Whether a w:r's text is invisible on the printed page."""
    properties = run.find(_RPR)
    if properties is None:
        return False
    for tag in (_VANISH, _SPEC_VANISH):
        mark = properties.find(tag)
        if mark is not None and mark.get(_VAL, "true").lower() not in _OFF:
            return True
    colour = properties.find(_COLOR)
    shading = properties.find(_SHD)
    on_dark = shading is not None and not _light(shading.get(_FILL)) and (shading.get(_FILL) or "auto") != "auto"
    if colour is not None and _light(colour.get(_VAL)) and not on_dark:
        return True
    size = properties.find(_SZ)
    if size is not None:
        try:
            return int(size.get(_VAL, "24")) < SMALLEST_VISIBLE_HALF_POINTS
        except ValueError:
            return False
    return False
