"""Print a form's serial number and QR code in its first page's header.

The header keeps them out of the form's own table, on the first page only (a later page, blank
or not, carries nothing the seal rules could take for content), and top right, where a
reviewer's eye and a scanner's detector both look first. It is added to the filled template
before it is saved, so printing a form is not slowed by a second save.
"""
from __future__ import annotations

import io

from .fingerprint import Identity
from .qr_code import qr_png

QR_WIDTH_MM = 22  # big enough for 150 dpi scans, small enough for the header


def add_identity(document, identity: Identity) -> None:
    """`document`: a python-docx Document (the label is put into Traditional with the rest)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.first_page_header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0] if len(header.paragraphs) == 1 and not header.paragraphs[0].text else header.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    label = paragraph.add_run(f"编号：{identity.serial}  ")
    label.font.size = Pt(9)
    paragraph.add_run().add_picture(io.BytesIO(qr_png(identity)), width=Mm(QR_WIDTH_MM))
