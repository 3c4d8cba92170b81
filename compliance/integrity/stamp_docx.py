"""Print a form's serial number and QR code in its first page's header.

The header keeps them out of the form's own table, on the first page only (a later page, blank
or not, carries nothing the seal rules could take for content), and top right, where a
reviewer's eye and a scanner's detector both look first.
"""
from __future__ import annotations

import io

from .fingerprint import Identity
from .qr_code import qr_png

QR_WIDTH_MM = 22  # big enough for 150 dpi scans, small enough for the header


def with_identity(docx: bytes, identity: Identity, traditional: bool) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = Document(io.BytesIO(docx))
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.first_page_header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    label = paragraph.add_run(f"{'編號' if traditional else '编号'}：{identity.serial}  ")
    label.font.size = Pt(9)
    paragraph.add_run().add_picture(io.BytesIO(qr_png(identity)), width=Mm(QR_WIDTH_MM))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
