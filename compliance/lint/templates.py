"""Templates: Jinja that parses, placeholders that are fields, every required field shown.

The template is read the way the renderer reads it: docxtpl's own `patch_xml` turns the Word XML
of the body, each header and footer and the footnotes into Jinja source (merging runs, turning
`{%tr %}` rows into loops), and our sandboxed environment parses it. Before patching, each
paragraph is marked with its place (table, row, column or paragraph number) so that a problem
can be found again in Word; docxtpl starts every paragraph on a new line, so a Jinja line number
leads to its mark.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import UnreadableDocument
from ..model.field_paths import resolve
from ..model.fields import Field, FieldTree
from ..model.workspace import FormSpec
from .problem import TEMPLATE_MISSING, TEMPLATE_MISSING_FIELD, TEMPLATE_SYNTAX, TEMPLATE_UNKNOWN_FIELD, LintProblem

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MARK = "compliance-at"  # a plain attribute: harmless in the copy we parse, never saved
_MARK_RE = re.compile(_MARK + r'="([^"]*)"')
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _place(mark: str | None, zh: str, en: str) -> tuple[str, str]:
    """A paragraph's place as Word shows it: `正文 表2 第4行 第1列` / `body, table 2, row 4, column 1`."""
    if not mark:
        return zh, en
    kind, *numbers = mark.split(".")
    if kind == "t":
        t, r, c = numbers
        return f"{zh} 表{t} 第{r}行 第{c}列", f"{en}, table {t}, row {r}, column {c}"
    return f"{zh} 第{numbers[0]}段", f"{en}, paragraph {numbers[0]}"


@dataclass(frozen=True)
class Part:
    name: str  # word/document.xml, word/header1.xml, …
    zh: str
    en: str
    lines: tuple[str, ...]  # the Jinja source docxtpl would render, one paragraph per line
    unclosed: tuple[tuple[str, str], ...] = ()  # (place mark, text) of tags not closed in their paragraph

    @property
    def source(self) -> str:
        return "\n".join(self.lines)

    def _line(self, lineno: int | None) -> str:
        return self.lines[lineno - 1] if lineno and 0 < lineno <= len(self.lines) else ""

    def where(self, lineno: int | None) -> tuple[str, str]:
        match = _MARK_RE.search(self._line(lineno))
        return _place(match.group(1) if match else None, self.zh, self.en)

    def text(self, lineno: int | None, limit: int = 60) -> str:
        return _clip(html.unescape(re.sub(r"<[^>]+>", "", self._line(lineno))).strip(), limit)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Use:
    written: str  # as in the template: row.amount
    path: str  # as in the schema: items[].amount
    lineno: int


# --- reading the parts ---------------------------------------------------------------------------


def _mark_places(root) -> None:
    """Set the place attribute on every paragraph: table/row/column, or body paragraph number."""
    tables = {tbl: number for number, tbl in enumerate(root.iter(f"{_W}tbl"), 1)}
    paragraph = 0
    for p in root.iter(f"{_W}p"):
        cell = next((a for a in p.iterancestors(f"{_W}tc")), None)
        if cell is None:
            paragraph += 1
            p.set(_MARK, f"p.{paragraph}")
            continue
        row = cell.getparent()
        table = next(row.iterancestors(f"{_W}tbl"))
        rows = [r for r in table.iterchildren(f"{_W}tr")]
        cells = [c for c in row.iterchildren(f"{_W}tc")]
        row_no = rows.index(row) + 1 if row in rows else 0
        p.set(_MARK, f"t.{tables[table]}.{row_no}.{cells.index(cell) + 1 if cell in cells else 0}")


_TAG = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _unbalanced(text: str) -> str | None:
    """The piece of a paragraph's text where a tag is opened and not closed, or closed and never
    opened. docxtpl would read on into the next paragraphs up to some later `}}`, and can then
    swallow whole rows without a syntax error: `{{ purpose }` once ate the approvals table."""
    expected, start = None, 0
    for match in _TAG.finditer(text):
        token = match.group()
        if token in _CLOSER:
            if expected:
                return text[start:match.start()]
            expected, start = _CLOSER[token], match.start()
        elif token == expected:
            expected = None
        elif expected is None:
            return text[max(0, match.start() - 20):match.end()]
    return text[start:] if expected else None


def _unclosed_tags(root) -> tuple[tuple[str, str], ...]:
    found = []
    for p in root.iter(f"{_W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{_W}t"))
        piece = _unbalanced(text)
        if piece is not None:
            found.append((p.get(_MARK), _clip(piece.strip())))
    return tuple(found)


def _part(template, name: str, zh: str, en: str, root) -> Part:
    _mark_places(root)
    xml = template.patch_xml(template.xml_to_string(root))
    # As docxtpl's render_xml_part does: every paragraph on a line of its own.
    return Part(name, zh, en, tuple(re.sub(r"<w:p([ >])", r"\n<w:p\1", xml).split("\n")), _unclosed_tags(root))


def read_parts(path: Path) -> list[Part]:
    """Every part docxtpl renders, as the Jinja source it would render. UnreadableDocument if the
    file is not a Word document."""
    import zipfile
    from copy import deepcopy

    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml import parse_xml
    from docxtpl import DocxTemplate
    from lxml import etree

    from ..safety.docx_package import DocxPackage

    DocxPackage(path).close()  # size, zip-bomb and type checks first, with a reason a person can act on
    template = DocxTemplate(str(path))
    try:
        template.init_docx()
        parts = [_part(template, "word/document.xml", "正文", "body", deepcopy(template.docx._element.body))]
        for uri, zh, en in ((template.HEADER_URI, "页眉", "header"), (template.FOOTER_URI, "页脚", "footer")):
            for _key, part in template.get_headers_footers(uri):
                name = str(part.partname).lstrip("/")
                parts.append(_part(template, name, f"{zh} {name}", f"{en} {name}", parse_xml(part.blob)))
        for part in template.docx.part.package.parts:
            if part.content_type == _FOOTNOTES:
                name = str(part.partname).lstrip("/")
                parts.append(_part(template, name, "脚注", "footnotes", parse_xml(part.blob)))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise UnreadableDocument(f"{path.name}：不是可读的 Word 文档（{error}）",
                                 f"{path.name}: not a readable Word document ({error})") from None
    return parts


# --- what the Jinja uses -------------------------------------------------------------------------

_SKIP = object()  # a loop-local or Jinja global: not data
_NOT_A_PATH = object()  # an expression to look into (a call, a filter, arithmetic)


def _path(node, scope: dict[str, str | None], globals_: set[str]):
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        if node.name in scope:
            target = scope[node.name]
            return (node.name, target) if target is not None else _SKIP
        return _SKIP if node.name in globals_ else (node.name, node.name)
    if isinstance(node, nodes.Getattr):
        base = _path(node.node, scope, globals_)
        return base if not isinstance(base, tuple) else (f"{base[0]}.{node.attr}", f"{base[1]}.{node.attr}")
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        base = _path(node.node, scope, globals_)
        value = node.arg.value
        if not isinstance(base, tuple):
            return base
        if isinstance(value, str):
            return f"{base[0]}.{value}", f"{base[1]}.{value}"
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{base[0]}[{value}]", f"{base[1]}[]"
    return _NOT_A_PATH


def _targets(node) -> list[str]:
    from jinja2 import nodes

    return [n.name for n in node.find_all(nodes.Name)] if not isinstance(node, nodes.Name) else [node.name]


def collect_uses(ast, globals_: set[str]) -> list[Use]:
    """Every data path the template reads; loop variables resolved to rows of their table:
    `{% for row in items %}{{ row.amount }}` reads `items` and `items[].amount`."""
    from jinja2 import nodes

    uses: list[Use] = []

    def visit(node, scope: dict[str, str | None]) -> None:
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            found = _path(node, scope, globals_)
            if isinstance(found, tuple):
                uses.append(Use(found[0], found[1], node.lineno))
                return
            if found is _SKIP:
                return
        if isinstance(node, nodes.For):
            visit(node.iter, scope)
            iterated = _path(node.iter, scope, globals_)
            inner = dict(scope, loop=None)
            if isinstance(node.target, nodes.Name) and isinstance(iterated, tuple):
                inner[node.target.name] = f"{iterated[1]}[]"
            else:
                inner.update((name, None) for name in _targets(node.target))
            for child in ([node.test] if node.test else []) + list(node.body):
                visit(child, inner)
            for child in node.else_:
                visit(child, scope)
            return
        if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            for child in ([node.node] if isinstance(node, nodes.Assign) else list(node.body)):
                visit(child, scope)
            scope.update((name, None) for name in _targets(node.target))  # `set` makes a local
            return
        if isinstance(node, nodes.With):
            for value in node.values:
                visit(value, scope)
            inner = dict(scope)
            for target in node.targets:
                inner.update((name, None) for name in _targets(target))
            for child in node.body:
                visit(child, inner)
            return
        if isinstance(node, (nodes.Macro, nodes.CallBlock)):
            inner = dict(scope, caller=None, varargs=None, kwargs=None)
            inner.update((arg.name, None) for arg in node.args)
            for child in node.body:
                visit(child, inner)
            return
        for child in node.iter_child_nodes():
            visit(child, scope)

    visit(ast, {})
    return uses


# --- the checks ----------------------------------------------------------------------------------


def _shown(path: str, used: set[str]) -> bool:
    return any(u == path or u.startswith((f"{path}.", f"{path}[]")) for u in used)


def _missing(fields: tuple[Field, ...], used: set[str]) -> list[Field]:
    """Required fields nowhere in the template; inside a table or group only if that is shown."""
    missing: list[Field] = []
    for f in fields:
        if not _shown(f.path, used):
            if f.required:
                missing.append(f)
            continue
        missing += _missing(f.children, used)
    return missing


def _schema_problems(form: FormSpec, file: str, parts_uses: list[tuple[Part, list[Use]]]) -> list[LintProblem]:
    tree: FieldTree = form.fields
    problems: list[LintProblem] = []
    reported: set[str] = set()
    for part, uses in parts_uses:
        for use in uses:
            if use.path in reported or resolve(tree, use.path) is not None:
                continue
            reported.add(use.path)
            where_zh, where_en = part.where(use.lineno)
            meaning_zh = f"（即 {use.path}）" if use.written != use.path else " "
            meaning_en = f" (that is {use.path})" if use.written != use.path else ""
            problems.append(LintProblem(
                file, use.path, TEMPLATE_UNKNOWN_FIELD,
                f"{where_zh}：占位符 {{{{ {use.written} }}}}{meaning_zh}不是表单结构 {form.schema_path.name} 中的字段",
                f"{where_en}: placeholder {{{{ {use.written} }}}}{meaning_en} is not a field of {form.schema_path.name}"))
    used = {use.path for _, uses in parts_uses for use in uses}
    for f in _missing(tree.fields, used):
        problems.append(LintProblem(
            file, f.path, TEMPLATE_MISSING_FIELD,
            f"必填字段“{f.title}”（{f.path}）没有出现在模板中：生成的表单上不会有它",
            f"required field {f.path} ({f.title}) appears nowhere in the template: generated forms would not show it"))
    return problems


def check(form: FormSpec) -> list[LintProblem]:
    from jinja2 import TemplateSyntaxError

    from ..generation.fill import _jinja_environment

    path = form.template_path
    file = str(path)
    if not path.is_file():
        return [LintProblem(file, None, TEMPLATE_MISSING, f"表单 {form.id} 缺少模板 {path.name}",
                            f"form {form.id} has no template {path.name}")]
    try:
        parts = read_parts(path)
    except UnreadableDocument as error:
        return [LintProblem(file, None, TEMPLATE_SYNTAX, error.message_zh, error.message_en)]
    environment = _jinja_environment()
    globals_ = set(environment.globals)
    problems: list[LintProblem] = []
    parsed: list[tuple[Part, list[Use]]] = []
    for part in parts:
        if part.unclosed:
            for mark, text in part.unclosed:
                where_zh, where_en = _place(mark, part.zh, part.en)
                problems.append(LintProblem(
                    file, text, TEMPLATE_SYNTAX,
                    f"{where_zh}：“{text}”中的 {{{{ }}}} 或 {{% %}} 没有在本段内配对（少了括号？）",
                    f"{where_en}: a {{{{ }}}} or {{% %}} in '{text}' is not closed within its paragraph (a missing brace?)"))
            continue
        try:
            ast = environment.parse(part.source)
            environment.compile(ast)  # unknown filters and tests fail here, not at parse
        except TemplateSyntaxError as error:
            if error.message and error.message.startswith("Unexpected end of template"):
                # Jinja points at the last line; the unclosed block is named in the message.
                where_zh, where_en, text = f"{part.zh} 末尾", f"{part.en}, at its end", ""
            else:
                where_zh, where_en = part.where(error.lineno)
                text = part.text(error.lineno)
            problems.append(LintProblem(
                file, text or None, TEMPLATE_SYNTAX,
                f"{where_zh}：模板语法错误" + (f"，在“{text}”处" if text else "") + f"：{error.message}",
                f"{where_en}: template syntax error" + (f" at '{text}'" if text else "") + f": {error.message}"))
            continue
        parsed.append((part, collect_uses(ast, globals_)))
    if problems:  # a part that does not parse hides its placeholders: judge the fields once it does
        return problems
    return _schema_problems(form, file, parsed)
