"""Where a .docx section break starts a new page: one rule for reading values and for seals.

A section's properties (w:sectPr) sit in the last paragraph of the section, and the body's own
w:sectPr describes the last section. The w:type of a section says how *that* section starts, so
the break after section N starts a new page unless section N+1 is `continuous` (or
`nextColumn`). Without rendering, this is all that is known of the layout.
"""
from __future__ import annotations

from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PPR, _SECT_PR, _TYPE, _VAL = f"{{{W}}}pPr", f"{{{W}}}sectPr", f"{{{W}}}type", f"{{{W}}}val"
NO_NEW_PAGE = frozenset({"continuous", "nextColumn"})


def sections(body: Any) -> list[Any]:
    """Every section's w:sectPr in body order, the body's own last (None if it has none)."""
    # Iterating one tag runs in C; few documents have more than a handful of sections.
    found = [s for s in body.iter(_SECT_PR) if (parent := s.getparent()) is not None and parent.tag == _PPR]
    return found + [body.find(_SECT_PR)]


def break_after_starts_page(all_sections: list[Any], index: int) -> bool:
    """Whether the break that ends section `index` (0-based) puts what follows on a new page."""
    following = all_sections[min(index + 1, len(all_sections) - 1)]
    kind = following.find(_TYPE) if following is not None else None
    return kind is None or kind.get(_VAL, "nextPage") not in NO_NEW_PAGE
