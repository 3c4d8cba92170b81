"""Write compliance/builtin/templates/<form-id>.docx, the docxtpl templates of the five standard forms.

Once staff edit a template in Word, the .docx is the source; this script records how the
templates were first made, so they can be rebuilt the same way. Printed labels are taken from
the schema titles rather than typed here, so a label can never drift from the field it names:
the reader that checks filled forms finds fields by those very labels.

Run from anywhere:  python tools/build_templates.py [form-id ...]
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from compliance.scaffold.docx_template import set_fonts  # the same fonts as office workspaces

ROOT = Path(__file__).resolve().parent.parent / "compliance" / "builtin"
SCHEMA_DIR = ROOT / "schemas"
TEMPLATE_DIR = ROOT / "templates"

# Fonts come from set_fonts: Times New Roman and 宋体 (Word users in China have 宋体; LibreOffice
# substitutes a Noto CJK font for it).
BODY_PT = 10.5  # 五号, the usual size for Chinese office forms
TITLE_PT = 18  # 小二
LABEL_FILL = "F2F2F2"

# A4 with 2 cm margins leaves 17 cm; every table's columns add up to exactly this.
PAGE_W_CM, PAGE_H_CM, MARGIN_CM = 21.0, 29.7, 2.0
BODY_W_CM = PAGE_W_CM - 2 * MARGIN_CM
# Registers with many columns are printed across the page, as offices keep them: 25.7 cm of body.
LANDSCAPE = frozenset({"complaint-register"})
LANDSCAPE_BODY_W_CM = PAGE_H_CM - 2 * MARGIN_CM

ROW_CM = 0.8
MULTILINE_CM = 2.2  # writing space when a form is filled by hand
SIGN_ROW_CM = 1.3  # room for a handwritten signature

# label | value | label | value; labels fit six characters (计划开始日期, 用印文件名称).
FIELD_GRID = (2.8, 5.7, 2.8, 5.7)
# As FIELD_GRID, but the first value column is split so that a name/date group row
# (员工确认 | 姓名 | … | 日期 | …) lines its 日期 label up with the labels above it.
GROUP_GRID = (2.8, 2.2, 3.5, 2.8, 5.7)
APPROVAL_WIDTHS = (3.0, 2.6, 7.8, 3.6)


# --- layout: which fields go where ------------------------------------------------------------


@dataclass(frozen=True)
class Fields:
    """A label/value table. Each row is a key (label + value across the rest of the row, or a
    group row for an object) or a pair of keys (two label/value pairs side by side)."""

    rows: tuple[str | tuple[str, str], ...]
    grid: tuple[float, ...] = FIELD_GRID


@dataclass(frozen=True)
class Loop:
    """An array field: caption row, header row, one docxtpl-looped row."""

    key: str
    widths: tuple[float, ...]
    row_cm: float = ROW_CM


@dataclass(frozen=True)
class Matrix:
    """An object of objects (签字): one row per child object, one column per shared field."""

    key: str
    widths: tuple[float, ...]
    row_cm: float = SIGN_ROW_CM


LAYOUTS: dict[str, tuple[Fields | Loop | Matrix, ...]] = {
    "project-intake": (
        Fields(
            (
                "project_name",
                "client_name",
                ("department", "applicant"),
                ("application_date", "contract_amount"),
                ("planned_start", "planned_finish"),
                "requirements",
                "client_qualification",
                "legality_assessment",
                "feasibility_assessment",
                "capability_fit",
                ("expected_revenue", "expected_cost"),
                "risk_level",
                "risk_measures",
            )
        ),
        Loop("approvals", APPROVAL_WIDTHS, SIGN_ROW_CM),
    ),
    "acceptance-report": (
        Fields(
            (
                "project_name",
                ("contract_no", "acceptance_date"),
                "client_name",
                "completion",
                "materials",
                "conclusion",
                "rectification",
            )
        ),
        Matrix("signatures", (3.0, 8.0, 6.0)),
    ),
    "reimbursement": (
        Fields((("claimant", "department"), "claim_date", "purpose")),
        Loop("items", (3.6, 2.4, 6.0, 2.8, 2.2)),
        Fields((("total_amount", "attachments"), "amount_in_words")),
        Loop("approvals", APPROVAL_WIDTHS, SIGN_ROW_CM),
    ),
    "seal-use": (
        Fields(
            (
                ("applicant", "department"),
                ("application_date", "seal_type"),
                "document_name",
                ("copies", "use_date"),
                "purpose",
            )
        ),
        Loop("approvals", APPROVAL_WIDTHS, SIGN_ROW_CM),
        Fields((("keeper", "return_date"),)),
    ),
    "contract-approval": (
        Fields(
            (
                "contract_name",
                ("contract_no", "amount"),
                "counterparty",
                ("term_start", "term_end"),
                ("department", "drafter"),
                "important",
            )
        ),
        Loop("approvals", APPROVAL_WIDTHS, SIGN_ROW_CM),
        Fields(("signing_date",)),
    ),
    "archive-access": (
        Fields(
            (
                ("applicant", "department"),
                ("application_date", "archive_no"),
                "archive_name",
                "purpose",
                "access_mode",
                ("access_date", "return_date"),
                ("copy_requested", "take_out"),
            )
        ),
        Loop("approvals", APPROVAL_WIDTHS, SIGN_ROW_CM),
        Fields(("actual_date",)),
    ),
    "performance-review": (
        Fields((("employee", "department"), ("position", "period"))),
        Loop("indicators", (2.2, 6.6, 1.6, 2.2, 2.2, 2.2)),
        Fields(
            (
                ("overall_score", "grade"),
                "improvement_plan",
                "reviewer",
                "employee_confirmation",
            ),
            grid=GROUP_GRID,
        ),
    ),
    "training-record": (
        Fields(
            (
                "content",
                ("department", "trainer"),
                ("training_date", "duration_hours"),
                "place",
            )
        ),
        Loop("participants", (4.5, 6.5, 6.0), SIGN_ROW_CM),
        Fields(("evaluation", "recorder")),
    ),
    "seal-register": (
        Fields((("seal_name", "keeper"), "period")),
        # 用印日期 | 印章 | 用印文件 | 份数 | 使用人 | 申请单编号 | 归还日期 | 保管人确认: each title on one
        # line, a date (2026年10月21日) on two.
        Loop("uses", (2.4, 2.3, 2.5, 1.2, 1.6, 2.3, 2.4, 2.3), SIGN_ROW_CM),
    ),
    "complaint-register": (
        # Eleven columns on a landscape page: every title on one line (a title broken over two
        # lines is two fragments on a scan), dates on two.
        Loop("complaints", (2.4, 2.6, 2.0, 2.6, 2.4, 2.0, 2.4, 2.4, 2.5, 2.4, 2.0), SIGN_ROW_CM),
    ),
}


# --- document-wide formatting -----------------------------------------------------------------


def _child(parent, tag: str, successors: tuple[str, ...] = ()):
    """The parent's `tag` child, created if absent. Word rejects a file whose property
    elements are out of schema order, so a new one goes before any of its `successors`."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        later = [e for e in parent if any(e.tag == qn(s) for s in successors)]
        if later:
            later[0].addprevious(found)
        else:
            parent.append(found)
    return found


def _set_defaults(doc) -> None:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        _child(rpr, tag).set(qn("w:val"), str(int(BODY_PT * 2)))
    # Chinese line breaking (no 。 at a line start) follows the East Asian language.
    _child(rpr, "w:lang").set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")

    # Every style that names fonts must name ours, or a staff member applying, say, a heading
    # style in Word would get a Latin-only theme font for Chinese text.
    set_fonts(doc.styles["Normal"].element.get_or_add_rPr())
    for style in doc.styles:
        rpr = style.element.rPr
        if rpr is not None and rpr.rFonts is not None:
            set_fonts(rpr)


def _set_page(doc, landscape: bool = False) -> None:
    from docx.enum.section import WD_ORIENT

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(PAGE_W_CM), Cm(PAGE_H_CM)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(PAGE_H_CM), Cm(PAGE_W_CM)
    section.left_margin = section.right_margin = Cm(MARGIN_CM)
    section.top_margin = section.bottom_margin = Cm(MARGIN_CM)


def _add_title(doc, title: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(12)
    run = paragraph.add_run(title)
    run.bold = True
    run.font.size = Pt(TITLE_PT)


def _add_gap(doc) -> None:
    """A thin paragraph between tables: Word merges tables that touch."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.line_spacing = Pt(6)


# --- tables -----------------------------------------------------------------------------------

TBL_BORDERS_SUCCESSORS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
SHD_SUCCESSORS = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


@dataclass(frozen=True)
class Cell:
    text: str = ""
    span: int = 1
    label: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT
    top: bool = False  # multi-line text starts at the top of its writing space


def _label(text: str, span: int = 1) -> Cell:
    return Cell(text, span, label=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _value(text: str, span: int = 1, *, align=WD_ALIGN_PARAGRAPH.LEFT, top=False) -> Cell:
    return Cell(text, span, align=align, top=top)


def _placeholder(path: str) -> str:
    return "{{ %s }}" % path


def _new_table(doc, widths: tuple[float, ...]):
    body = sum(widths)
    assert min(abs(body - BODY_W_CM), abs(body - LANDSCAPE_BODY_W_CM)) < 0.01, f"columns add up to {body} cm"
    table = doc.add_table(rows=0, cols=len(widths))
    tbl_pr = table._tbl.tblPr
    # Fixed layout with explicit widths: Word and LibreOffice then agree on column sizes
    # instead of autofitting to the placeholder text.
    table.autofit = False
    width = _child(tbl_pr, "w:tblW")  # python-docx always writes one
    width.set(qn("w:w"), str(Cm(body).twips))
    width.set(qn("w:type"), "dxa")
    for grid_col, cm in zip(table._tbl.tblGrid.gridCol_lst, widths):
        grid_col.w = Cm(cm)
    # Borders are set on the table itself, not via a table style LibreOffice may not know.
    borders = _child(tbl_pr, "w:tblBorders", TBL_BORDERS_SUCCESSORS)
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = _child(borders, f"w:{edge}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), "8" if edge in ("top", "left", "bottom", "right") else "4")
        border.set(qn("w:space"), "0")
        border.set(qn("w:color"), "000000")
    # A little air above and below text, so multi-line values do not touch the border.
    margins = _child(tbl_pr, "w:tblCellMar", ("w:tblLook",))
    for edge, twips in (("top", 45), ("left", 108), ("bottom", 45), ("right", 108)):
        margin = _child(margins, f"w:{edge}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
    return table


def _add_row(table, widths, cells: list[Cell], height_cm: float, *, repeat: bool = False):
    assert sum(c.span for c in cells) == len(widths), [c.text for c in cells]
    tr = table._tbl.add_tr()
    row = table.rows[-1]
    row.height, row.height_rule = Cm(height_cm), WD_ROW_HEIGHT_RULE.AT_LEAST
    tr_pr = tr.get_or_add_trPr()
    _child(tr_pr, "w:cantSplit")  # a signature or a paragraph of text is never cut in two
    if repeat:
        _child(tr_pr, "w:tblHeader")  # caption and header repeat if a long table breaks
    start = 0
    for spec in cells:
        tc = tr.add_tc()
        tc.width = Cm(sum(widths[start : start + spec.span]))
        if spec.span > 1:
            tc.grid_span = spec.span
        start += spec.span
        _fill(_Cell(tc, table), spec)
    return row


def _fill(cell, spec: Cell) -> None:
    cell.vertical_alignment = (
        WD_CELL_VERTICAL_ALIGNMENT.TOP if spec.top else WD_CELL_VERTICAL_ALIGNMENT.CENTER
    )
    paragraph = cell.paragraphs[0]
    if spec.align != WD_ALIGN_PARAGRAPH.LEFT:
        paragraph.alignment = spec.align
    if spec.text:
        run = paragraph.add_run(spec.text)
        if spec.label:
            run.bold = True
    if spec.label:
        shading = _child(cell._tc.get_or_add_tcPr(), "w:shd", SHD_SUCCESSORS)
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), LABEL_FILL)


def _column_align(schema: dict) -> WD_ALIGN_PARAGRAPH:
    if schema.get("x-kind") == "amount":
        return WD_ALIGN_PARAGRAPH.RIGHT
    if schema.get("type") in ("number", "integer") or schema.get("format") == "date":
        return WD_ALIGN_PARAGRAPH.CENTER
    return WD_ALIGN_PARAGRAPH.LEFT


# --- sections ---------------------------------------------------------------------------------


def _field_rows(props: dict, key: str | tuple[str, str], grid) -> tuple[list[Cell], float]:
    """One label/value row; see `Fields`."""
    if isinstance(key, tuple):
        left, right = key
        # The right-hand pair sits in the last two columns; the left value takes the rest.
        return [
            _label(props[left]["title"]),
            _value(_placeholder(left), span=len(grid) - 3),
            _label(props[right]["title"]),
            _value(_placeholder(right)),
        ], ROW_CM

    schema = props[key]
    rest = len(grid) - 1
    if schema.get("type") != "object":
        multiline = bool(schema.get("x-multiline"))
        value = _value(_placeholder(key), span=rest, top=multiline)
        return [_label(schema["title"]), value], MULTILINE_CM if multiline else ROW_CM

    children = schema["properties"]
    if all(child.get("type") == "boolean" for child in children.values()):
        # Tick boxes: the generator supplies ☑/☐ in front of each printed option.
        boxes = "\u3000".join(
            f"{_placeholder(f'{key}.{name}')} {child['title']}" for name, child in children.items()
        )
        return [_label(schema["title"]), _value(boxes, span=rest)], ROW_CM

    # A group of scalars: sub-label / value pairs after the group title.
    assert 2 * len(children) == rest, f"{key}: grid has no room for {len(children)} sub-fields"
    cells = [_label(schema["title"])]
    for name, child in children.items():
        cells += [_label(child["title"]), _value(_placeholder(f"{key}.{name}"))]
    return cells, ROW_CM


def _add_fields(doc, props: dict, section: Fields) -> None:
    table = _new_table(doc, section.grid)
    for key in section.rows:
        cells, height = _field_rows(props, key, section.grid)
        _add_row(table, section.grid, cells, height)


def _add_loop(doc, props: dict, section: Loop) -> None:
    schema = props[section.key]
    columns = schema["items"]["properties"]
    widths = section.widths
    assert len(columns) == len(widths), f"{section.key}: {len(columns)} columns"
    span_all = len(widths)

    table = _new_table(doc, widths)
    _add_row(table, widths, [_label(schema["title"], span_all)], ROW_CM, repeat=True)
    _add_row(table, widths, [_label(c["title"]) for c in columns.values()], ROW_CM, repeat=True)
    # docxtpl replaces each {%tr %} row by its tag, so only the row between them repeats.
    _add_row(table, widths, [_value("{%%tr for row in %s %%}" % section.key, span_all)], ROW_CM)
    data = [
        _value(_placeholder(f"row.{name}"), align=_column_align(column))
        for name, column in columns.items()
    ]
    _add_row(table, widths, data, section.row_cm)
    _add_row(table, widths, [_value("{%tr endfor %}", span_all)], ROW_CM)


def _add_matrix(doc, props: dict, section: Matrix) -> None:
    schema = props[section.key]
    groups = schema["properties"]
    shared = next(iter(groups.values()))["properties"]
    widths = section.widths
    table = _new_table(doc, widths)
    header = [_label(schema["title"])] + [_label(f["title"]) for f in shared.values()]
    _add_row(table, widths, header, ROW_CM)
    for group_key, group in groups.items():
        cells = [_label(group["title"])]
        cells += [
            _value(_placeholder(f"{section.key}.{group_key}.{name}"), align=_column_align(f))
            for name, f in shared.items()
        ]
        _add_row(table, widths, cells, section.row_cm)


SECTION_BUILDERS = {Fields: _add_fields, Loop: _add_loop, Matrix: _add_matrix}


def _placed_keys(layout) -> list[str]:
    keys: list[str] = []
    for section in layout:
        if isinstance(section, Fields):
            for row in section.rows:
                keys.extend(row if isinstance(row, tuple) else (row,))
        else:
            keys.append(section.key)
    return keys


def _check_coverage(form_id: str, schema: dict, layout) -> None:
    """Each field printed exactly once: a missing one could not be filled, a doubled one
    would be read back twice."""
    placed = _placed_keys(layout)
    expected = list(schema["properties"])
    doubled = {k for k in placed if placed.count(k) > 1}
    missing, unknown = set(expected) - set(placed), set(placed) - set(expected)
    if doubled or missing or unknown:
        raise SystemExit(f"{form_id}: doubled {doubled}, missing {missing}, unknown {unknown}")


# --- entry point ------------------------------------------------------------------------------


def build(form_id: str) -> Path:
    schema = json.loads((SCHEMA_DIR / f"{form_id}.schema.json").read_text(encoding="utf-8"))
    layout = LAYOUTS[form_id]
    _check_coverage(form_id, schema, layout)

    doc = Document()
    _set_defaults(doc)
    _set_page(doc, landscape=form_id in LANDSCAPE)
    doc.core_properties.title = schema["title"]
    doc.core_properties.author = "compliance"
    doc.core_properties.last_modified_by = "compliance"
    doc.core_properties.comments = ""

    _add_title(doc, schema["title"])
    props = schema["properties"]
    for index, section in enumerate(layout):
        if index:
            _add_gap(doc)
        SECTION_BUILDERS[type(section)](doc, props, section)

    TEMPLATE_DIR.mkdir(exist_ok=True)
    out = TEMPLATE_DIR / f"{form_id}.docx"
    doc.save(out)
    return out


def main(argv: list[str]) -> None:
    unknown = [form_id for form_id in argv if form_id not in LAYOUTS]
    if unknown:
        raise SystemExit(f"usage: python tools/build_templates.py [{' | '.join(LAYOUTS)} ...]\n"
                         f"unknown form: {', '.join(unknown)}")
    for form_id in argv or LAYOUTS:
        print(build(form_id).relative_to(ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])
