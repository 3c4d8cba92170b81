"""The clerk's path: data → validated, derived data → filled .docx (and PDF), written atomically."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, OutputRefusedError, UsageError
from ..model.canonical import FIELD_INVALID, DataProblem, canonicalise
from ..model.config import DEFAULT_CONFIG, Config
from ..model.settings import DEFAULT_SETTINGS, Settings
from ..model.textnorm import label_key
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
            if not (p.code == "field-missing" and (_explained(p.path, reported) or (known and p.path in derived)
                                                   or form.fields.written_by_hand(p.path)))]


def _explained(path: str, reported: set[str]) -> bool:
    """A table missing because each of its rows was refused (`items[0]`) is explained by them."""
    return any(other == path or other.startswith((f"{path}.", f"{path}[")) for other in reported)


def _top_level(problems: list[DataProblem]) -> frozenset[str]:
    """The top-level fields a problem is in: `items[0].amount` → `items`."""
    return frozenset(re.split(r"[.\[]", p.path, maxsplit=1)[0] for p in problems if p.path)


def prepare(form: FormSpec, raw, where: str, settings: Settings = DEFAULT_SETTINGS) -> dict:
    """Canonical, derived, valid data, or InvalidData naming every problem."""
    data, problems = canonicalise(form.fields, raw)
    problems += _illegal_characters(form.fields, data)
    data, found = derive(form.fields, data, settings, _top_level(problems))
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


def with_signing_rows(form: FormSpec, data: dict, config: Config) -> dict:
    """A form printed before everyone approved it gets an empty row for each required role its
    approval table lacks, so that the approvers have a place to sign by hand. The rows given stay
    as given; each missing role goes before the first given row of a later role in the chain (at
    the end when there is none), so that the rows keep the order `check` demands."""
    table = form.approval_table
    if table is None:
        return data
    roles = approval_chain(form, data, config)
    given = [row for row in data.get(table) or () if isinstance(row, dict)]
    present = {label_key(str(row["role"])) for row in given if row.get("role")}
    missing = [role for role in roles if label_key(role) not in present]
    if not missing:
        return data
    return {**data, table: _in_chain_order(given, missing, roles)}


def _in_chain_order(given: list[dict], missing: list[str], roles: list[str]) -> list[dict]:
    rank = {label_key(role): number for number, role in enumerate(roles)}
    rows = list(given)
    for role in missing:
        later = next((index for index, row in enumerate(rows)
                      if rank.get(label_key(str(row.get("role") or "")), -1) > rank[label_key(role)]), len(rows))
        rows.insert(later, {"role": role})
    return rows


def build_document(form: FormSpec, data: dict, script: str = SIMPLIFIED, config: Config = DEFAULT_CONFIG) -> bytes:
    if not form.template_path.is_file():
        raise UsageError(f"表单 {form.id} 缺少模板：{form.template_path}",
                         f"form {form.id} has no template: {form.template_path}")
    from ..integrity.fingerprint import identity
    from ..integrity.stamp_docx import add_identity
    from ..integrity.version import template_version

    printed = with_signing_rows(form, data, config)
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


def make_out_dir(folder: Path) -> None:
    """A batch's output folder, made with its parents when missing (as `-o` needs none made); a
    file or anything else in its place is refused, never replaced."""
    if folder.is_dir():
        return
    if os.path.lexists(folder):
        raise UsageError(f"输出目录 {folder} 已存在，但不是目录", f"output folder {folder} exists and is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a parent that is a file, no permission, a read-only disk
        reason = error.strerror or type(error).__name__
        raise UsageError(f"无法创建输出目录 {folder}（{reason}）", f"cannot create the output folder {folder} ({reason})") from None


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
                   overwrite: bool, pdf: bool, config: Config = DEFAULT_CONFIG, source: str = "") -> BatchResult:
    """One document per sheet row; a bad row is reported and the good rows are still written.
    `source`, the sheet's name, starts each row's messages."""
    result = BatchResult()
    documents: list[tuple[Path, bytes]] = []
    taken: set[Path] = set()
    for row in rows:
        where = f"{source + ' ' if source else ''}第 {row.number} 行 / row {row.number}"
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
