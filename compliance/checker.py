"""The reviewer's path: find files, read each (isolated), recognise the form, apply its rules."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .checks import KINDS
from .checks.base import Context
from .config import DEFAULT_CONFIG, Config
from .errors import InternalError, UnreadableDocument, UsageError
from .findings import FILE_UNREADABLE, FORM_UNKNOWN, Finding
from .records import canonicalise
from .rulebook import approval_roles, check_overrides, rules_for
from .workspace import FormSpec, Workspace

STAMP_ON_UNFILLED_FORM = "stamp-on-unfilled-form"

DOCUMENT_SUFFIXES = (".docx", ".pdf", ".json", ".yaml", ".yml")
MEMORY_PER_FILE = 1024 * 1024 * 1024  # above what a worker inherits; a scanned A3 page needs a few hundred MB


@dataclass(frozen=True)
class CheckOptions:
    form: str | None = None
    password: str | None = None
    timeout: float = 30.0
    memory_bytes: int | None = MEMORY_PER_FILE
    jobs: int = 1
    isolate: bool = True
    config: Config = DEFAULT_CONFIG


@dataclass(frozen=True)
class FileResult:
    path: str
    form: str | None
    findings: tuple[Finding, ...] = ()
    data: dict | None = field(default=None, compare=False)


def collect_paths(paths: list[Path]) -> list[Path]:
    """Files named, and documents found below folders named; a missing path is a usage error."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            # Not only regular files: a FIFO or device named .docx is reported, not skipped.
            found += sorted(p for p in path.rglob("*") if not p.is_dir() and p.suffix.lower() in DOCUMENT_SUFFIXES)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise UsageError(f"路径不存在：{path}", f"no such file or folder: {path}")
    return list(dict.fromkeys(found))


def _sniff(path: Path) -> str:
    """The reader for a file: by its name, after checking that the content agrees.

    A file whose name lies about its type (a Word file named .pdf) is refused with a reason
    rather than read: an attachment that hides what it is deserves a reviewer's eye.
    """
    suffix = path.suffix.lower()
    if suffix in (".json", ".yaml", ".yml"):
        return "data"
    with open(path, "rb") as stream:
        head = stream.read(8)
    actual = "pdf" if head.startswith(b"%PDF") else "docx" if head.startswith(b"PK") else None
    expected = "pdf" if suffix == ".pdf" else "docx"
    if actual is not None and actual != expected:
        real = {"pdf": "PDF", "docx": "Word (.docx/zip)"}[actual]
        raise UnreadableDocument(f"{path.name}：实际是 {real} 文件，与扩展名不符",
                                 f"{path.name}: this is a {real} file named {suffix}; rename it to read it")
    return expected


def _read(path: Path, options: CheckOptions, forms: dict[str, FormSpec]):
    """(document, submitted data, form named in the data, seal source) for one file.

    The seal source is what the seal analysis needs: the opened PdfReader (opening and
    decrypting a PDF once serves both passes), True for a .docx that links a picture, else None.
    """
    kind = _sniff(path)
    if kind == "data":
        from .datainput import load_record
        from .errors import InputError

        try:
            record = load_record(str(path))
        except InputError as error:
            raise UnreadableDocument(error.message_zh, error.message_en) from None
        form_id = record.get("form") if isinstance(record.get("form"), str) else None
        data = record.get("data", record) if form_id else record
        return None, data, form_id, None
    from .reading.normalise import normalise_document

    if kind == "pdf":
        from .reading.pdf_text import read_pdf
        from .safety.pdf_open import open_pdf

        reader = open_pdf(path, options.password)
        return normalise_document(read_pdf(path, options.password, reader)), None, None, reader
    from .reading.docx_text import read_docx_and_pictures

    document, pictures = read_docx_and_pictures(path)
    return normalise_document(document), None, None, (True if pictures else None)


def _unreadable(path: str, error: UnreadableDocument) -> FileResult:
    return FileResult(path, None, (Finding(path, None, None, FILE_UNREADABLE, "error",
                                           error.message_zh, error.message_en),))


def extract_file(path: Path, workspace: Workspace, options: CheckOptions) -> tuple[FormSpec | None, dict, dict, list]:
    """(form, data, pages, problems) read from one file."""
    form, data, pages, problems, _seal_source = _extract(path, workspace, options)
    return form, data, pages, problems


def _extract(path: Path, workspace: Workspace, options: CheckOptions):
    from .reading.extract import extract
    from .reading.recognise import recognise

    document, submitted, named_form, seal_source = _read(path, options, workspace.forms)
    form_id = options.form or named_form
    form = workspace.form(form_id) if form_id else None
    if document is not None:
        form = form or recognise(document, workspace.forms)
        if form is None:
            return None, {}, {}, [], seal_source
        extraction = extract(form.fields, document, approval_roles(rules_for(form, options.config)))
        data, problems = canonicalise(form.fields, extraction.raw)
        return form, data, extraction.pages, problems, seal_source
    if form is None:
        from .reading.model import Document, Paragraph
        from .reading.recognise import recognise as by_labels

        pseudo = Document([Paragraph(str(k)) for k in submitted]) if isinstance(submitted, dict) else Document()
        from .reading.normalise import normalise_document

        form = by_labels(normalise_document(pseudo), workspace.forms)
        if form is None:
            return None, {}, {}, [], None
    data, problems = canonicalise(form.fields, submitted)
    return form, data, {}, problems, None


def _seal_pages(path: Path, options: CheckOptions, seal_source):
    """Seals and blank stamped pages: for every document, whether or not it is a known form."""
    if seal_source is None:
        return []
    if seal_source is not True:  # the PdfReader the text was read with
        from .seals.pdf_analyze import analyze_reader
        from .seals.pdf_open import guarded

        return guarded(lambda: analyze_reader(seal_source, want_blank=True), path)
    from .seals import analyze

    return analyze(path, password=options.password)


def _stamped_unfilled(name: str, seal_pages, findings: list[Finding]) -> list[Finding]:
    """001 §七(印章管理)3 also forbids sealing a form whose required fields are still empty."""
    stamped = [report.page for report in seal_pages if report.stamps]
    empty = sorted({f.field for f in findings if f.rule == "field-missing" and f.field})
    if not stamped or not empty:
        return []
    fields = "、".join(empty)
    return [Finding(name, stamped[0], None, STAMP_ON_UNFILLED_FORM, "error",
                    f"表单已盖章，但必填项仍为空：{fields}（严禁在空白纸张或合同上加盖印章，001 §七(印章管理)3）",
                    f"the form is sealed while required fields are empty: {', '.join(empty)} "
                    f"(never seal a blank sheet or contract; 001 §七(印章管理)3)",
                    rule_id="seal.no-unfilled-form", clause="001 §七(印章管理)3")]


def check_file(path: Path, workspace: Workspace, options: CheckOptions) -> FileResult:
    name = str(path)
    if not path.is_file():  # opening a FIFO would wait for a writer forever
        return _unreadable(name, UnreadableDocument(f"{path.name}：不是普通文件", f"{path.name}: not a regular file"))
    try:
        form, data, pages, problems, seal_source = _extract(path, workspace, options)
        seal_pages = _seal_pages(path, options, seal_source)
    except UnreadableDocument as error:
        return _unreadable(name, error)
    except (OSError, RecursionError, MemoryError) as error:
        return _unreadable(name, UnreadableDocument(f"无法读取：{error}", f"cannot be read: {error}"))
    from .seals.rule import blank_page_findings

    seal_findings = blank_page_findings(name, seal_pages)
    if form is None:
        unknown = Finding(name, None, None, FORM_UNKNOWN, "warning", "未能识别表单类型（可用 --form 指定）",
                          "no known form recognised (use --form to name one)")
        return FileResult(name, None, tuple(sorted([unknown, *seal_findings], key=Finding.sort_key)))
    context = Context(name, form.id, form.fields, form.schema, data, pages, options.config.settings)
    findings = [Finding(name, context.page_of(p.path), p.path, p.code, "error",
                        f"{p.label}：{p.message_zh}", f"{p.label}: {p.message_en}") for p in problems]
    unreadable_values = {p.path for p in problems}
    for rule in rules_for(form, options.config):
        for finding in KINDS[rule.kind].check(context, rule):
            # A value already refused as unreadable is not also reported as missing.
            if not (finding.rule == "field-missing" and finding.field in unreadable_values):
                findings.append(finding)
    findings += seal_findings + _stamped_unfilled(name, seal_pages, findings)
    return FileResult(name, form.id, tuple(sorted(findings, key=Finding.sort_key)), data)


def check_paths(paths: list[Path], workspace: Workspace, options: CheckOptions, progress=None) -> list[FileResult]:
    """Every file exactly once, in path order; a file that hangs or crashes fails alone."""
    from .safety.isolation import Failure, run_isolated

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
            results[index] = outcome
            if progress is not None:
                progress()
    return [results[i] for i in range(len(files))]
