"""Fill a docxtpl template with display strings, safely, and optionally in Traditional script."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import ConfigError
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


def _placeholder(error: Exception) -> str | None:
    """The name jinja2's UndefinedError is about: `'reasn' is undefined`, `… has no attribute 'amout'`."""
    import re

    found = re.search(r"^'([^']+)' is undefined|has no attribute '([^']+)'", str(error))
    return (found.group(1) or found.group(2)) if found else None


def _written_as(template_path: Path, name: str) -> str:
    """The placeholder as the template writes it (`{{ row.dat }}` for `dat`), else the name."""
    import re

    pattern = re.compile(r"\{\{\s*((?:[A-Za-z_]\w*\.)*" + re.escape(name) + r")\s*(?:\||\}\})")
    try:
        with zipfile.ZipFile(template_path) as package:
            for part in package.namelist():
                if part.startswith(_TEXT_PARTS) and part.endswith(".xml"):
                    found = pattern.search(package.read(part).decode("utf-8", "replace"))
                    if found:
                        return f"{{{{ {found.group(1)} }}}}"
    except (OSError, zipfile.BadZipFile):
        pass  # the message still names the placeholder
    return name


def _lint_hint(template_path: Path) -> str:
    """The command that lists every problem of the template's workspace."""
    from ..model.workspace import builtin_root

    root = template_path.parent.parent
    return "compliance lint" if root.resolve() == builtin_root().resolve() else f"compliance lint --root {root}"


def _broken_template(template_path: Path, error: Exception) -> ConfigError:
    """A template the form's data cannot fill is the workspace's fault, not the clerk's: say
    which file and which placeholder, and where to find every other problem."""
    from jinja2 import TemplateSyntaxError, UndefinedError

    hint = _lint_hint(template_path)
    name = _placeholder(error) if isinstance(error, UndefinedError) else None
    if name is not None:
        shown = _written_as(template_path, name)
        return ConfigError(f"模板 {template_path} 含有表单没有的占位符 {shown}；请运行 {hint} 检查模板",
                           f"template {template_path} has a placeholder {shown} that is not a field of the form; "
                           f"run {hint} to check the template")
    kind_zh, kind_en = ("语法错误", "a syntax error") if isinstance(error, TemplateSyntaxError) else ("错误", "an error")
    return ConfigError(f"模板 {template_path} 有{kind_zh}（{error}）；请运行 {hint} 检查模板",
                       f"template {template_path} has {kind_en} ({error}); run {hint} to check the template")


def fill_template(template_path: Path, context: dict, finish=None) -> bytes:
    """The filled template's bytes; `finish(document)`, if given, adds to the python-docx document
    before it is saved (the serial and QR code). A template that cannot be filled is a ConfigError
    naming it."""
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError
    from lxml.etree import LxmlError

    template = DocxTemplate(str(template_path))
    try:
        template.render(context, jinja_env=_jinja_environment())
    except TemplateError as error:  # UndefinedError, TemplateSyntaxError, SecurityError (the sandbox)
        raise _broken_template(template_path, error) from None
    except (PackageNotFoundError, zipfile.BadZipFile, LxmlError, KeyError) as error:  # not a .docx, or a damaged one
        hint = _lint_hint(template_path)
        raise ConfigError(f"模板 {template_path} 不是可读的 Word 文档（{type(error).__name__}：{error}）；请运行 {hint} 检查模板",
                          f"template {template_path} is not a readable Word document ({type(error).__name__}: {error}); "
                          f"run {hint} to check the template") from None
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
