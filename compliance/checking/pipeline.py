"""The reviewer's path: find files, read each (isolated), recognise the form, apply its rules."""
from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InternalError, UnreadableDocument, UsageError
from ..model.canonical import DataProblem, canonicalise
from ..model.config import DEFAULT_CONFIG, Config
from ..model.fields import FieldTree
from ..model.findings import FILE_UNREADABLE, FORM_UNKNOWN, Finding
from ..model.workspace import FormSpec, Workspace
from ..reading.model import Document
from ..reading.recognise import Recognition
from ..rulebook import approval_roles, check_overrides, document_rules, rules_for
from ..rulebook.kinds import KINDS
from ..rulebook.kinds.base import Context
from ..safety.sniff import DATA, DOCX, IMAGE_SUFFIXES, XLSX, sniff
from .content_altered import altered_findings
from .ocr_notes import unreadable_page_findings, with_ocr_notes

if TYPE_CHECKING:
    from pypdf import PdfReader


DOCUMENT_SUFFIXES = (".docx", ".pdf", ".xlsx", ".json", ".yaml", ".yml", *IMAGE_SUFFIXES)
# Address space a file may take above what its worker inherits, and the OCR server above its loaded
# models (--memory-limit): a page's OCR takes 0.8-1.1 GB of it, a worker reading a scan under 1 GB.
MEMORY_PER_FILE = 2 * 1024 * 1024 * 1024


@dataclass(frozen=True)
class CheckOptions:
    form: str | None = None
    password: str | None = None
    timeout: float = 30.0
    memory_bytes: int | None = MEMORY_PER_FILE
    jobs: int = 1
    isolate: bool = True
    config: Config = DEFAULT_CONFIG
    as_of: dt.date | None = None  # the day of the check (default: today); nothing may be dated after it


@dataclass(frozen=True)
class FileResult:
    path: str
    form: str | None
    findings: tuple[Finding, ...] = ()
    data: dict | None = field(default=None, compare=False)
    forms: tuple[str, ...] = ()  # every form found in the file, in order, when it holds several
    recognised_by: str = ""  # how the form was told: option, code, title, title-meaning, labels
    confidence: float | None = None  # how sure, when told by the meaning of its title or its labels
    # For the batch rules of `audit`: whether a seal was found, and the document's first line.
    sealed: bool = field(default=False, compare=False)
    title: str = field(default="", compare=False)
    # What was read, for --verbose: the file's kind (as sniffed), its pages (a workbook's sheets)
    # and size, and the seconds its check took in the worker.
    kind: str = field(default="", compare=False)
    pages: int | None = field(default=None, compare=False)
    size: int | None = field(default=None, compare=False)
    seconds: float | None = field(default=None, compare=False)


def collect_paths(paths: list[Path], suffixes: tuple[str, ...] = DOCUMENT_SUFFIXES,
                  keep_missing: bool = False) -> list[Path]:
    """Files named, and documents (by `suffixes`) found below folders named; a missing path is a
    usage error, or, with keep_missing, kept for the caller to report as unreadable."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            # Not only regular files: a FIFO or device named .docx is reported, not skipped.
            found += sorted(p for p in path.rglob("*") if not p.is_dir() and p.suffix.lower() in suffixes)
        elif path.exists() or path.is_symlink() or keep_missing:
            found.append(path)
        else:
            raise UsageError(f"路径不存在：{path}", f"no such file or folder: {path}")
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class ReadFile:
    """What one file gave: a laid-out document, or data submitted as YAML or JSON."""

    document: Document | None = None
    submitted: Any = None
    named_form: str | None = None  # the `form:` key of submitted data
    pdf: PdfReader | None = None  # the reader the text came from: the seal pass reuses it
    docx_pictures: bool = False  # a .docx that shows a picture: the seal pass looks at it
    docx_seal_pages: tuple | None = None  # …and has already, from the same opening
    sheets: tuple[str, ...] = ()  # a workbook's sheet names: its pages are sheet rows (xlsx_text.place)
    kind: str = ""  # what the file is, by its first bytes (safety.sniff)


@dataclass(frozen=True)
class Extraction:
    """The form a file is, and the values read from it, with the page of each."""

    form: FormSpec | None
    data: dict
    pages: dict[str, int]
    problems: list[DataProblem]
    source: ReadFile
    confidence: dict[str, float] = field(default_factory=dict)  # path → OCR confidence
    recognised: Recognition | None = None


def _read(path: Path, options: CheckOptions) -> ReadFile:
    kind = sniff(path)
    if kind == DATA:
        from ..errors import InputError
        from ..generation.data_input import load_record

        try:
            record = load_record(str(path))
        except InputError as error:
            raise UnreadableDocument(error.message_zh, error.message_en) from None
        form_id = record.get("form") if isinstance(record.get("form"), str) else None
        return ReadFile(submitted=record.get("data", record) if form_id else record, named_form=form_id, kind=kind)
    from ..reading.normalise import normalise_document

    if kind == XLSX:
        from ..reading.xlsx_text import read_xlsx

        workbook, sheets = read_xlsx(path)
        return ReadFile(normalise_document(workbook), sheets=sheets, kind=kind)
    if kind != DOCX:  # a PDF, or an image read as the PDF of its pages
        from ..pages.pdf_reader import open_pdf
        from ..reading.pdf_text import read_pdf

        reader = open_pdf(path, options.password)  # opened and decrypted once for text and seals
        return ReadFile(normalise_document(read_pdf(path, options.password, reader)), pdf=reader, kind=kind)
    from ..integrity.find_codes import codes_in_docx
    from ..reading.docx_text import links_an_image, read_docx
    from ..safety.docx_package import DocxPackage

    # Opened and parsed once: the seal pass looks at the pages as they are, before the reader
    # takes what does not show out of the parsed body.
    with DocxPackage(path) as package:
        root = package.xml("word/document.xml")
        seal_pages = None
        pictures = links_an_image(package)
        if pictures:
            from ..seals.docx_analyze import analyze_docx_package

            seal_pages = tuple(analyze_docx_package(package, root, want_blank=True))
        document = read_docx(path, package, root)
        document.codes = tuple((1, code) for code in codes_in_docx(package))  # a header's code is the first page's
    return ReadFile(normalise_document(document), docx_pictures=pictures, kind=kind, docx_seal_pages=seal_pages)


def _unreadable(path: str, error: UnreadableDocument) -> FileResult:
    return FileResult(path, None, (Finding(path, None, None, FILE_UNREADABLE, "error",
                                           error.message_zh, error.message_en),))


def extract_file(path: Path, workspace: Workspace, options: CheckOptions) -> Extraction:
    """The form and the values read from one file (UnreadableDocument when it cannot be read)."""
    from ..reading.extract import extract
    from ..reading.recognise import Recognition, recognise, recognition

    source = _read(path, options)
    form_id = options.form or source.named_form
    form = workspace.form(form_id) if form_id else None
    if source.document is not None:
        # A generated form's QR code names it exactly; then its title and labels.
        coded = next((workspace.form(code.form_id) for _page, code in source.document.codes
                      if code.form_id in workspace.forms), None)
        if form is not None:
            told = Recognition(form, "option", 1.0)
        elif coded is not None:
            told = Recognition(coded, "code", 1.0)
        else:
            told = recognition(source.document, workspace.forms)
        form = told.form
        if form is None:
            return Extraction(None, {}, {}, [], source, recognised=told)
        extraction = extract(form.fields, source.document, approval_roles(rules_for(form, options.config)))
        data, problems = canonicalise(form.fields, extraction.raw)
        return Extraction(form, data, extraction.pages, problems, source, extraction.confidence, told)
    if form is None:
        from ..reading.model import Paragraph
        from ..reading.normalise import normalise_document

        keys = source.submitted if isinstance(source.submitted, dict) else {}
        form = recognise(normalise_document(Document([Paragraph(str(k)) for k in keys])), workspace.forms)
        if form is None:
            return Extraction(None, {}, {}, [], source)
    data, problems = canonicalise(form.fields, source.submitted)
    return Extraction(form, data, {}, problems, source)


def _seal_pages(path: Path, options: CheckOptions, source: ReadFile) -> list:
    """Seals and blank stamped pages: for every document, whether or not it is a known form."""
    if source.pdf is not None:
        from ..pages.pdf_reader import guarded
        from ..seals.pdf_analyze import analyze_reader

        reader = source.pdf
        return guarded(lambda: analyze_reader(reader, want_blank=True), path)
    if source.docx_seal_pages is not None:
        return list(source.docx_seal_pages)
    if source.docx_pictures:
        from ..seals import analyze

        return analyze(path, password=options.password)
    return []


def _form_findings(name: str, form: FormSpec, data: dict, pages: dict, problems: list, options: CheckOptions,
                   seals: tuple, hidden: tuple, today: dt.date, confidence: dict[str, float],
                   codes: list | None = None, sheets: tuple[str, ...] = ()) -> list[Finding]:
    """One form's findings: its data problems, then every rule of the form (seal rules included)."""
    context = Context(name, form.id, form.fields, form.schema, data, pages, options.config.settings, seals, today, hidden,
                      sheets)
    findings = [Finding(name, context.page_of(p.path), p.path, p.code, p.severity,
                        f"{p.label}：{p.message_zh}", f"{p.label}: {p.message_en}") for p in problems]
    unreadable_values = {p.path for p in problems}
    for rule in rules_for(form, options.config):
        for finding in KINDS[rule.kind].check(context, rule):
            # A value already refused as unreadable is not also reported as missing.
            if not (finding.rule == "field-missing" and finding.field in unreadable_values):
                findings.append(finding)
    explained = any(f.rule in ("field-missing", "field-invalid") for f in findings)
    findings += altered_findings(name, form, data, codes or [], context.page_of, explained)
    return with_ocr_notes(findings, confidence)


def _several_forms(name: str, extraction: Extraction, workspace: Workspace, options: CheckOptions, seals: tuple,
                   today: dt.date) -> FileResult | None:
    """Every form of a file that holds several (two slips in one PDF), each checked on its own
    pages: the first must not hide the second. None when the file holds one form or fewer."""
    from ..reading.extract import extract
    from ..reading.recognise import split_forms

    document = extraction.source.document
    if document is None or options.form:
        return None
    parts = split_forms(document, workspace.forms)
    if not parts:
        return None
    findings: list[Finding] = []
    for form, part in parts:
        pages = {holder.page for holder in part.all_texts()} | {block.page for block in part.blocks}
        read = extract(form.fields, part, approval_roles(rules_for(form, options.config)))
        data, problems = canonicalise(form.fields, read.raw)
        own_seals = tuple(report for report in seals if report.page in pages)
        own_codes = [code for page, code in document.codes if page in pages]
        findings += _form_findings(name, form, data, read.pages, problems, options, own_seals, part.hidden, today,
                                   read.confidence, own_codes, extraction.source.sheets)
    findings += unreadable_page_findings(name, document.unreadable_pages)
    if extraction.source.sheets:
        findings = [_in_sheet(f, extraction.source.sheets) for f in findings]
    first = parts[0][0]
    return FileResult(name, first.id, tuple(sorted(findings, key=Finding.sort_key)), None,
                      tuple(form.id for form, _part in parts), sealed=_sealed(seals), title=_first_line(document))


def check_file(path: Path, workspace: Workspace, options: CheckOptions) -> FileResult:
    """One file's result, with what was read and how long it took (for --verbose)."""
    started = time.perf_counter()
    read: list[ReadFile] = []
    result = _check_file(path, workspace, options, read.append)
    try:
        size: int | None = path.stat().st_size
    except OSError:
        size = None
    source = read[0] if read else None
    document = source.document if source is not None else None
    pages = len(source.sheets) if source is not None and source.sheets else (document.pages if document is not None else None)
    return dataclasses.replace(result, kind=source.kind if source is not None else "", pages=pages, size=size,
                               seconds=round(time.perf_counter() - started, 3))


def _check_file(path: Path, workspace: Workspace, options: CheckOptions, seen: Callable[[ReadFile], None]) -> FileResult:
    name = str(path)
    try:
        extraction = extract_file(path, workspace, options)
        seen(extraction.source)
        seal_pages = _seal_pages(path, options, extraction.source)
    except UnreadableDocument as error:
        return _unreadable(name, error)
    # Not MemoryError: the isolation around this names the memory limit and recycles the worker.
    except (OSError, RecursionError) as error:
        return _unreadable(name, UnreadableDocument(f"无法读取：{error}", f"cannot be read: {error}"))
    form, data, pages, problems = extraction.form, extraction.data, extraction.pages, extraction.problems
    seals = tuple(seal_pages)
    document = extraction.source.document
    hidden = document.hidden if document is not None else ()
    today = options.as_of or dt.date.today()
    several = _several_forms(name, extraction, workspace, options, seals, today)
    if several is not None:
        return several
    if form is None:
        context = Context(name, "", FieldTree(()), {}, {}, {}, options.config.settings, seals, today, hidden,
                          extraction.source.sheets)
        findings = [finding for rule in document_rules(options.config) for finding in KINDS[rule.kind].check(context, rule)]
        findings = [_in_sheet(f, extraction.source.sheets) for f in findings] if extraction.source.sheets else findings
        unknown = _unknown_form(name, extraction)
        findings += unreadable_page_findings(name, document.unreadable_pages if document is not None else ())
        return FileResult(name, None, tuple(sorted([unknown, *findings], key=Finding.sort_key)),
                          sealed=_sealed(seals), title=_first_line(document))
    codes = [code for _page, code in document.codes] if document is not None else []
    findings = _form_findings(name, form, data, pages, problems, options, seals, hidden, today, extraction.confidence,
                              codes, extraction.source.sheets)
    findings += unreadable_page_findings(name, document.unreadable_pages if document is not None else ())
    if extraction.source.sheets:
        findings = [_in_sheet(f, extraction.source.sheets) for f in findings]
    elif document is not None and document.pages == 1:  # a one-page form: whatever is missing is missing there
        findings = [f if f.page is not None else dataclasses.replace(f, page=1) for f in findings]
    told = extraction.recognised
    return FileResult(name, form.id, tuple(sorted(findings, key=Finding.sort_key)), data,
                      recognised_by=told.by if told else "", confidence=told.confidence if told else None,
                      sealed=_sealed(seals), title=_first_line(document))


def _sealed(seals) -> bool:
    return any(report.stamps for report in seals)


def _first_line(document) -> str:
    """A document's title as `audit` matches it to a seal request: its first non-empty line."""
    if document is None:
        return ""
    for holder in document.all_texts():
        if holder.text.strip():
            return holder.text.strip().splitlines()[0][:200]
    return ""


def _in_sheet(finding: Finding, sheets: tuple[str, ...]) -> Finding:
    """A workbook has no pages: where a finding has one, it is the sheet row it was read from."""
    from ..reading.xlsx_text import place

    if finding.page is None:
        return finding
    sheet, row = place(finding.page)
    return dataclasses.replace(finding, page=None, sheet=sheets[sheet] if sheet < len(sheets) else None, row=row)


def _unknown_form(name: str, extraction: Extraction) -> Finding:
    """form-unknown; for a file that looks like a form, with the forms that came closest."""
    from ..reading.recognise import looks_like_a_form

    document, told = extraction.source.document, extraction.recognised
    zh, en = "未能识别表单类型（可用 --form 指定）", "no known form recognised (use --form to name one)"
    if document is not None and told is not None and told.closest and looks_like_a_form(document):
        near = "、".join(f"{form_id}（{score:.0%}）" for form_id, score in told.closest)
        zh += f"；看似表单，最接近：{near}"
        en += f"; it looks like a form, closest: {', '.join(f'{form_id} ({score:.0%})' for form_id, score in told.closest)}"
    return Finding(name, None, None, FORM_UNKNOWN, "warning", zh, en)


def check_paths(paths: list[Path], workspace: Workspace, options: CheckOptions, progress=None,
                keep=None) -> list[FileResult]:
    """Every file exactly once, in path order; a file that hangs or crashes fails alone.
    `keep(result)`, if given, sees each result as it arrives and returns what is kept of it."""
    from ..safety.isolation import Failure, run_isolated

    files = collect_paths(paths)
    check_overrides(workspace, options.config)  # loads every rule file: broken rules stop the run
    results: dict[int, FileResult] = {}
    with run_isolated(files, lambda p: check_file(p, workspace, options), jobs=options.jobs,
                      timeout=options.timeout, memory_bytes=options.memory_bytes,
                      isolate=options.isolate) as outcomes:
        for index, path, outcome in outcomes:
            if isinstance(outcome, Failure) and outcome.kind == "internal":
                raise InternalError(f"{outcome.reason_zh}（请重新安装 compliance 或报告此问题）",
                                    f"{outcome.reason_en} (reinstall compliance, or report this)")
            if isinstance(outcome, Failure):
                outcome = _unreadable(str(path), UnreadableDocument(outcome.reason_zh, outcome.reason_en))
            results[index] = keep(outcome) if keep is not None else outcome
            if progress is not None:
                progress()
    return [results[i] for i in range(len(files))]
