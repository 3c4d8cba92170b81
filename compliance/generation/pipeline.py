"""The clerk's path: data → validated, derived data → filled .docx (and PDF), written atomically."""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, OutputRefusedError, UsageError
from ..model.canonical import FIELD_INVALID, DataProblem, canonicalise
from ..model.config import DEFAULT_CONFIG, Config
from ..model.settings import DEFAULT_SETTINGS, Settings
from ..model.validation import validate
from ..model.workspace import FormSpec
from ..safety.atomic_write import check_writable, write_atomically
from .derive import derive
from .fill import SIMPLIFIED, convert_script, display_context, fill_template


class InvalidData(InputError):
    """The data breaks the form's schema; every problem is listed, none is left for later."""

    def __init__(self, where: str, problems: list[DataProblem]) -> None:
        lines = "\n".join(f"  - {p.line()}" for p in problems)
        super().__init__(f"{where}：数据有 {len(problems)} 处问题\n{lines}",
                         f"{where}: the data has {len(problems)} problem(s), listed above")
        self.problems = problems


def _illegal_characters(tree, data: dict) -> list[DataProblem]:
    """Run on canonical data, so each problem names the schema path and the printed label."""
    from ..safety.data_limits import find_xml_illegal_chars

    return [
        DataProblem(path, tree.title_of_path(path), FIELD_INVALID,
                    f"含有文档无法保存的控制字符 U+{ord(char):04X}",
                    f"contains control character U+{ord(char):04X}, which a document cannot hold")
        for path, char in find_xml_illegal_chars(data)
    ]


def _new_problems(known: list[DataProblem], found: list[DataProblem], form: FormSpec) -> list[DataProblem]:
    """Schema problems not already explained: a value refused as invalid is not also 'missing',
    nor is a derived field that could not be worked out from a refused value. What is written by
    hand (x-handwritten) may be missing: the form is printed to be signed."""
    reported = {p.path for p in known}
    derived = {f.key for f in form.fields.fields if "x-derive" in f.schema}
    return [p for p in found
            if not (p.code == "field-missing" and (p.path in reported or (known and p.path in derived)
                                                   or form.fields.written_by_hand(p.path)))]


def prepare(form: FormSpec, raw, where: str, settings: Settings = DEFAULT_SETTINGS) -> dict:
    """Canonical, derived, valid data, or InvalidData naming every problem."""
    data, problems = canonicalise(form.fields, raw)
    problems += _illegal_characters(form.fields, data)
    data, found = derive(form.fields, data, settings)
    problems += found
    problems += _new_problems(problems, validate(form.schema, form.fields, data), form)
    if problems:
        raise InvalidData(where, problems)
    return data


def approval_chain(form: FormSpec, data: dict, config: Config = DEFAULT_CONFIG) -> list[str]:
    """The roles that must approve this form, in order: exactly those `check` will demand of the
    same data under the same configuration, because both ask the rule kinds."""
    from ..rulebook import required_roles, rules_for
    from ..rulebook.kinds.base import value_at

    return required_roles(rules_for(form, config), lambda path: value_at(data, path))


def _with_signing_rows(form: FormSpec, data: dict, config: Config) -> dict:
    """A form printed before anyone approved it gets one empty row per required role, so the
    approvers have a place to sign by hand. The data itself stays as given."""
    table = form.approval_table
    if table is None or data.get(table):
        return data
    roles = approval_chain(form, data, config)
    return {**data, table: [{"role": role} for role in roles]} if roles else data


def build_document(form: FormSpec, data: dict, script: str = SIMPLIFIED, config: Config = DEFAULT_CONFIG) -> bytes:
    if not form.template_path.is_file():
        raise UsageError(f"表单 {form.id} 缺少模板：{form.template_path}",
                         f"form {form.id} has no template: {form.template_path}")
    from ..integrity.fingerprint import identity
    from ..integrity.stamp_docx import add_identity
    from ..integrity.version import template_version

    printed = _with_signing_rows(form, data, config)
    # The code fingerprints exactly what is printed: the signing rows' roles too.
    code = identity(form.id, template_version(form), form.fields, printed)
    filled = fill_template(form.template_path, display_context(form.fields, printed), lambda doc: add_identity(doc, code))
    return convert_script(filled, script)


def _pdf_path(docx: Path) -> Path:
    return docx.with_suffix(".pdf")


def write_documents(documents: list[tuple[Path, bytes]], *, overwrite: bool, pdf: bool) -> list[Path]:
    """Write .docx files (and their PDFs) all-or-nothing per file: temp first, then into place."""
    for path, _ in documents:
        check_writable(path, overwrite)
        if pdf:
            check_writable(_pdf_path(path), overwrite)
    if not pdf:
        for path, data in documents:
            write_atomically(path, data, overwrite)
        return [path for path, _ in documents]
    with tempfile.TemporaryDirectory(prefix="compliance-new-") as work:
        staged = []
        for index, (path, data) in enumerate(documents):
            folder = Path(work) / str(index)  # one folder each: two outputs may share a name stem
            folder.mkdir()
            staged_docx = folder / path.name
            staged_docx.write_bytes(data)
            staged.append(staged_docx)
        pdfs = _convert_many(staged)
        written = []
        for (path, _), staged_docx, staged_pdf in zip(documents, staged, pdfs):
            for source, destination in ((staged_pdf, _pdf_path(path)), (staged_docx, path)):
                write_atomically(destination, source.read_bytes(), overwrite)
                written.append(destination)
        return written


def _convert_many(staged: list[Path]) -> list[Path]:
    """One LibreOffice start for a whole batch: starting it costs seconds, a page costs little."""
    from ..libreoffice import convert

    with tempfile.TemporaryDirectory(prefix="compliance-pdf-") as flat:
        links = []
        for index, docx in enumerate(staged):
            link = Path(flat) / f"{index:06d}.docx"
            shutil.copyfile(docx, link)
            links.append(link)
        converted = convert(links, "pdf", Path(flat))
        results = []
        for docx, pdf in zip(staged, converted):
            target = docx.with_suffix(".pdf")
            shutil.move(pdf, target)
            results.append(target)
        return results


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    failures: list[tuple[int, InputError]] = field(default_factory=list)


_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def output_name(pattern: str, form: FormSpec, row: int, data: dict) -> str:
    """`{form}-{row}` or any field key or label: `{报销人}-{claim_date}` → `张伟-2026-11-03`."""
    def substitute(match: re.Match) -> str:
        name = match.group(1)
        if name == "form":
            return form.id
        if name == "row":
            return str(row)
        target = form.fields.resolve(name)
        value = data.get(target.key) if target else None
        return "" if value is None or isinstance(value, (list, dict)) else str(value)

    name = _UNSAFE_NAME.sub("_", re.sub(r"\{([^{}]+)\}", substitute, pattern)).strip(" .") or f"{form.id}-{row}"
    return name if name.lower().endswith(".docx") else f"{name}.docx"


def generate_batch(form: FormSpec, rows, out_dir: Path, *, name_pattern: str, script: str,
                   overwrite: bool, pdf: bool, config: Config = DEFAULT_CONFIG) -> BatchResult:
    """One document per sheet row; a bad row is reported and the good rows are still written."""
    result = BatchResult()
    documents: list[tuple[Path, bytes]] = []
    taken: set[Path] = set()
    for row in rows:
        where = f"第 {row.number} 行 / row {row.number}"
        if row.error is not None:
            result.failures.append((row.number, row.error))
            continue
        try:
            data = prepare(form, row.raw, where, config.settings)
            path = out_dir / output_name(name_pattern, form, row.number, data)
            if path in taken:
                raise InputError(f"{where}：输出文件名与前面的行重复：{path.name}",
                                 f"{where}: output name repeats an earlier row's: {path.name}")
            check_writable(path, overwrite)
            if pdf:
                check_writable(_pdf_path(path), overwrite)
            documents.append((path, build_document(form, data, script, config)))
            taken.add(path)
        except InputError as error:
            result.failures.append((row.number, error))
        except (UsageError, OutputRefusedError) as error:  # an existing or unsafe output path: this row only
            result.failures.append((row.number, InputError(f"{where}：{error.message_zh}", f"{where}: {error.message_en}")))
    if documents:
        result.written = write_documents(documents, overwrite=overwrite, pdf=pdf)
    return result
