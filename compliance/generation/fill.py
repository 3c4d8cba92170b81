"""Fill a docxtpl template with display strings, safely, and optionally in Traditional script."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..model.fields import GROUP, MATRIX, TABLE, Field, FieldTree
from ..model.textnorm import to_traditional
from ..model.values import display

SIMPLIFIED, TRADITIONAL = "simplified", "traditional"
_TEXT_PARTS = ("word/document.xml", "word/header", "word/footer", "word/footnotes.xml")
_W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def _display_value(field: Field, value):
    if field.shape == TABLE:
        return [_display_mapping(field.children, row) for row in value or ()]
    if field.shape in (GROUP, MATRIX):
        return _display_mapping(field.children, value or {})
    return display(field, value)


def _display_mapping(fields: tuple[Field, ...], data: dict) -> dict:
    return {f.key: _display_value(f, data.get(f.key)) for f in fields}


def display_context(tree: FieldTree, data: dict) -> dict:
    """Every field of the form as printed text; absent fields print empty, never as 'None'."""
    return _display_mapping(tree.fields, data)


def _jinja_environment():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # Sandboxed and autoescaping: data such as `A&B<公司>` must reach the XML as text, and a
    # template edited by someone else must not reach Python internals. StrictUndefined: a
    # placeholder the context lacks is an error, not a silently blank line on an official form.
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def fill_template(template_path: Path, context: dict, finish=None) -> bytes:
    """The filled template's bytes; `finish(document)`, if given, adds to the python-docx document
    before it is saved (the serial and QR code)."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(template_path))
    template.render(context, jinja_env=_jinja_environment())
    if finish is not None:
        finish(template.docx)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def _convert_part(xml: bytes) -> bytes:
    from lxml import etree

    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    nodes = [node for node in root.iter(_W_T) if node.text and not node.text.isascii()]
    if nodes:
        joined = "\n".join((node.text or "").replace("\n", " ") for node in nodes)
        converted = to_traditional(joined).split("\n")
        for node, text in zip(nodes, converted):
            node.text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def convert_script(docx: bytes, script: str) -> bytes:
    """Every visible text of the document, labels and data alike, in the requested script."""
    if script == SIMPLIFIED:
        return docx
    source = zipfile.ZipFile(io.BytesIO(docx))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith(_TEXT_PARTS) and info.filename.endswith(".xml"):
                data = _convert_part(data)
            target.writestr(info, data)
    return output.getvalue()
