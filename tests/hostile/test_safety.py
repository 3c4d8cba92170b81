"""Hostile inputs: every file ends in a result or a specific, bilingual refusal, in bounded time and
memory, without leaking a local file, and every file of a batch is reported exactly once."""
from __future__ import annotations

import faulthandler
import io
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from locations import CORPUS as SHARED_CORPUS
from locations import needs_shared

from compliance.errors import ComplianceError, InputError, UnreadableDocument
from compliance.safety.data_limits import find_xml_illegal_chars, load_yaml_safely, read_bounded
from compliance.safety.docx_package import DocxPackage, ZipLimits
from compliance.safety.isolation import WALL_FACTOR, Failure, run_all, run_isolated
from compliance.safety.pdf_open import open_image, open_pdf, page_text, safe_pdf_call
from compliance.safety.xml import parse_xml

OK, REFUSED, ANY = "<ok>", "<refused>", "<ok-or-refused>"
GB = 1 << 30

# file -> OK (must be read), REFUSED (any reason), ANY, or a keyword the English reason must contain.
EXPECTED = {
    "good.docx": OK, "good_minimal.docx": OK,
    "empty.docx": "empty", "truncated.docx": "truncated", "random.docx": "not a zip",
    "pdf_named.docx": "PDF file named .docx", "ole_encrypted.docx": "password-protected",
    "zip_bomb.docx": "zip bomb", "overlap_bomb.docx": "overlaps another entry",
    "lying_header.docx": "header lies", "encrypted_entry.docx": "encrypted",
    "garbage_directory.docx": "central directory", "too_many_entries.docx": "too many zip entries",
    "bzip2_method.docx": "compression method", "duplicate_names.docx": "same name",
    "xxe.docx": "DOCTYPE", "xxe_utf16.docx": "DOCTYPE", "xxe_far.docx": "DOCTYPE",
    "xxe_content_types.docx": "DOCTYPE", "billion_laughs.docx": "DOCTYPE",
    "deep_xml.docx": "nested more than", "huge_png.docx": "image too large", "large_png.docx": "image too large",
    "oversize.docx": "too large", "fifo.docx": "not a regular file",
    "good.pdf": OK, "empty.pdf": "empty", "truncated.pdf": ANY, "random.pdf": "not a PDF",
    "docx_named.pdf": "zip file", "cyclic_pages.pdf": "cyclic", "cyclic_pages_pair.pdf": "cyclic",
    "deep_array.pdf": REFUSED, "deep_dict.pdf": ANY, "deep_array_content.pdf": "nested too deeply",
    "whitespace_bomb.pdf": "content stream too large", "flate_bomb.pdf": "safety limit",
    "encrypted.pdf": "--password", "huge_image.pdf": "safety limit", "length_lie.pdf": "safety limit",
    "self_reference.pdf": REFUSED, "xmp_xxe.pdf": REFUSED, "bad_xref.pdf": ANY, "oversize.pdf": "too large",
    "good.yaml": OK, "billion_laughs.yaml": "billion laughs", "recursive.yaml": "refers to itself",
    "deep.yaml": "nested more than", "control_chars.yaml": OK, "oversize.yaml": "too large",
}
SHARED_GOOD = ["docx-python-docx/having-images.docx", "docx-docxtpl/header_footer_tpl_utf8.docx",
               "pdf/003-pdflatex-image_pdflatex-image.pdf", "pdf/011-google-doc-document_google-doc-document.pdf"]


@dataclass(frozen=True)
class Outcome:
    """What the worker sends back: small and picklable."""

    status: str  # "ok" or "refused"
    message_zh: str
    message_en: str
    elapsed: float
    text: str  # what was read, so a leaked secret would show up here


def read_everything(path: Path) -> str:
    """What the checker does with a file, at its most demanding: every part, page, image."""
    if path.suffix == ".docx":
        texts = []
        with DocxPackage(path) as package:
            for name in package.names():
                if name.endswith((".xml", ".rels")):
                    texts.append("".join(package.xml(name).itertext()))
                elif name.endswith((".png", ".jpeg", ".jpg", ".gif", ".bmp")):
                    open_image(package.read(name), f"{path.name}:{name}")
        return " ".join(texts)
    if path.suffix == ".pdf":
        reader = open_pdf(path)
        texts = [page_text(page, f"{path.name} p{number}") for number, page in enumerate(reader.pages, 1)]
        safe_pdf_call(lambda: [image.image and image.image.size for page in reader.pages for image in page.images], path.name)
        title = safe_pdf_call(lambda: reader.xmp_metadata and reader.xmp_metadata.dc_title, path.name)
        return " ".join(texts) + repr(title)
    data = load_yaml_safely(read_bounded(path).decode("utf-8"), path.name)
    return repr(data)


def check_file(path: Path) -> Outcome:
    start = time.monotonic()
    try:
        text = read_everything(path)
    except ComplianceError as error:
        return Outcome("refused", error.message_zh, error.message_en, time.monotonic() - start, "")
    return Outcome("ok", "", "", time.monotonic() - start, text[:2000])


needs_corpus = needs_shared(SHARED_CORPUS)


@pytest.fixture(scope="module")
def batch(hostile_corpus):
    """The whole corpus plus a few real files, through the isolated pool, as a batch would run."""
    real = [SHARED_CORPUS / name for name in SHARED_GOOD] if SHARED_CORPUS.is_dir() else []
    tasks = sorted(hostile_corpus.files.values()) + real
    start = time.monotonic()
    results = list(run_isolated(tasks, check_file, jobs=2, timeout=10, memory_bytes=GB))
    return tasks, results, time.monotonic() - start


def test_expectations_cover_the_corpus(hostile_corpus):
    assert set(EXPECTED) == set(hostile_corpus.files)


def test_batch_reports_every_file_exactly_once(batch):
    tasks, results, elapsed = batch
    assert sorted(index for index, _task, _outcome in results) == list(range(len(tasks)))
    assert [task for _index, task, _ in sorted(results, key=lambda r: r[0])] == tasks
    assert elapsed < 60
    assert _children_of(os.getpid()) == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file(name, batch):
    _tasks, results, _elapsed = batch
    outcome = next(outcome for _index, task, outcome in results if task.name == name)
    assert not isinstance(outcome, Failure), f"{name}: {outcome}"
    assert outcome.elapsed < 10
    expected = EXPECTED[name]
    if expected == OK:
        assert outcome.status == "ok", outcome.message_en
    elif expected != ANY:
        assert outcome.status == "refused", f"{name} was read: {outcome.text[:200]}"
        if expected != REFUSED:
            assert expected.lower() in outcome.message_en.lower(), outcome.message_en
    if outcome.status == "refused":
        assert name in outcome.message_en and name in outcome.message_zh
        assert outcome.message_zh != outcome.message_en


@needs_corpus
@pytest.mark.parametrize("name", SHARED_GOOD)
def test_real_files_are_read(name, batch):
    _tasks, results, _ = batch
    outcome = next(outcome for _index, task, outcome in results if task == SHARED_CORPUS / name)
    assert isinstance(outcome, Outcome) and outcome.status == "ok", outcome


def test_secret_never_leaks(hostile_corpus, batch):
    _tasks, results, _ = batch
    assert hostile_corpus.secret_token not in repr(results)
    good = next(outcome for _index, task, outcome in results if task.name == "good.docx")
    assert "报销申请单" in good.text  # the text check above would have seen a resolved entity


def test_encrypted_pdf_with_password(hostile_corpus):
    path = hostile_corpus.files["encrypted.pdf"]
    with pytest.raises(UnreadableDocument, match="wrong password"):
        open_pdf(path, password="not-it")
    reader = open_pdf(path, password=hostile_corpus.pdf_password)
    assert "Hello hostile world" in page_text(reader.pages[0], path.name)


def test_docx_limits_are_configurable(hostile_corpus):
    path = hostile_corpus.files["good.docx"]
    with DocxPackage(path) as package:
        assert package.has("word/document.xml") and not package.has("nope.xml")
        with pytest.raises(UnreadableDocument, match="missing part"):
            package.read("nope.xml")
    with pytest.raises(UnreadableDocument, match="too many zip entries"):
        DocxPackage(path, ZipLimits(max_entries=3))


def test_parse_xml_refuses_doctype_and_reads_plain_xml():
    assert parse_xml(b"<a><b>x</b></a>", "t.xml").findtext("b") == "x"
    for data in (b'<!DOCTYPE a SYSTEM "http://example.com/a.dtd"><a/>', "<!doctype a><a/>".encode("utf-16-le"),
                 b"<?xml version='1.0'?>\n<!-- c -->\n<!ENTITY x 'y'><a/>"):
        with pytest.raises(UnreadableDocument, match="DOCTYPE"):
            parse_xml(data, "t.xml")
    with pytest.raises(UnreadableDocument, match="not well-formed"):
        parse_xml(b"<a>", "t.xml")


def test_yaml_limits(hostile_corpus):
    start = time.monotonic()
    with pytest.raises(InputError, match="billion laughs"):
        load_yaml_safely(hostile_corpus.files["billion_laughs.yaml"].read_text(), "b.yaml")
    assert time.monotonic() - start < 1
    assert load_yaml_safely("base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n", "m.yaml") == {"base": {"x": 1}, "use": {"x": 1, "y": 2}}
    with pytest.raises(InputError, match="too large"):
        read_bounded(hostile_corpus.files["oversize.yaml"])
    with pytest.raises(InputError, match="not valid YAML"):
        load_yaml_safely("a: [1, 2", "bad.yaml")


def test_xml_illegal_chars_are_reported_with_their_path(hostile_corpus):
    data = load_yaml_safely(hostile_corpus.files["control_chars.yaml"].read_text(), "c.yaml")
    assert find_xml_illegal_chars(data) == [("items[1].summary", "\x01"), ("items[1].summary", "\x0b")]
    nested = {"a": [{"b": "ok\t\n"}, {"c": ["x", "y\x00\x00z\ufffe"]}], "k\x02": "v"}
    assert find_xml_illegal_chars(nested) == [("a[1].c[1]", "\x00"), ("a[1].c[1]", "\ufffe"), ("'k\\x02'", "\x02")]


# ---- isolation itself ----

def _children_of(pid: int) -> list[int]:
    """Child processes, but not this process's own OCR server (started when an earlier test read a
    scan in this process, and kept for the next one): it is no worker of the pool."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                command = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"compliance.reading.scan.ocr_server" not in command:
                found.append(int(entry))
    return found


def misbehave(task: str) -> object:
    if task == "sleep":
        time.sleep(3600)
    if task == "exit":
        os._exit(3)
    if task == "segfault":
        faulthandler.disable()  # pytest's faulthandler would print the worker's stack: noise
        os.kill(os.getpid(), signal.SIGSEGV)
    if task == "oom-killed":
        os.kill(os.getpid(), signal.SIGKILL)
    if task == "alloc-4gb":
        return len(bytearray(4 * GB))
    if task == "grow":
        hoard = []
        while True:
            hoard.append(bytearray(64 << 20))  # calloc'd: address space grows at once, pages untouched
    if task == "child-spins":  # the work is done by a process it started, as OCR is by the OCR server
        subprocess.run([sys.executable, "-c", "while True: pass"], check=False)
    if task == "unreadable":
        raise UnreadableDocument("读不了", "cannot read")
    if task == "bug":
        raise KeyError("bug")
    return (task, os.getpid())


def test_isolation_turns_each_misbehaviour_into_its_own_failure():
    bad = ["exit", "segfault", "oom-killed", "alloc-4gb", "grow", "unreadable", "bug"]
    tasks = [f"ok{i}" for i in range(20)] + bad
    results = run_all(tasks, misbehave, jobs=2, timeout=30, memory_bytes=GB)
    outcome = dict(results)
    assert len(results) == len(tasks)
    kinds = {task: outcome[task].kind for task in bad}
    assert kinds == {"exit": "crashed", "segfault": "crashed", "oom-killed": "memory", "alloc-4gb": "memory",
                     "grow": "memory", "unreadable": "unreadable", "bug": "error"}
    assert "SIGSEGV" in outcome["segfault"].reason_en and outcome["unreadable"].reason_en == "cannot read"
    assert all(outcome[f"ok{i}"][0] == f"ok{i}" for i in range(20))
    assert _children_of(os.getpid()) == []


@pytest.mark.slow  # waits out a real timeout
def test_a_hanging_task_times_out_while_the_others_complete():
    # Sleeping costs no processor time: the clock's backstop, WALL_FACTOR times the limit, ends it.
    start = time.monotonic()
    results = run_all(["ok1", "sleep", "ok2", "ok3", "ok4"], misbehave, jobs=2, timeout=1)
    assert time.monotonic() - start < 3 * WALL_FACTOR
    assert [outcome.kind if isinstance(outcome, Failure) else outcome[0] for _task, outcome in results] == [
        "ok1", "timeout", "ok2", "ok3", "ok4"]
    assert "stalled" in results[1][1].reason_en and "--timeout" in results[1][1].reason_en
    assert _children_of(os.getpid()) == []


@pytest.mark.slow  # computes until the limit
def test_a_task_is_timed_by_the_processor_time_of_what_it_started_too():
    (_task, outcome), = run_all(["child-spins"], misbehave, timeout=2)
    assert outcome.kind == "timeout" and "2 s of processor time" in outcome.reason_en
    assert _children_of(os.getpid()) == []


def test_workers_are_reused_and_results_unique():
    results = list(run_isolated(range(200), lambda n: (n * n, os.getpid()), jobs=2, timeout=5))
    assert sorted(index for index, _task, _outcome in results) == list(range(200))
    assert all(outcome[0] == task * task for _index, task, outcome in results)
    assert len({outcome[1] for _index, _task, outcome in results}) <= 2
    assert _children_of(os.getpid()) == []


def test_workers_are_recycled_after_max_tasks():
    results = run_all(range(10), lambda _n: os.getpid(), jobs=1, timeout=5, max_tasks_per_worker=3)
    assert len({pid for _task, pid in results}) == 4


def spawn_and_hang(pid_file: Path) -> None:
    child = subprocess.Popen(["sleep", "3600"])
    pid_file.write_text(str(child.pid))
    time.sleep(3600)


@pytest.mark.slow  # waits out a real timeout
def test_timeout_also_kills_what_the_task_started(tmp_path):
    pid_file = tmp_path / "grandchild.pid"
    (_task, outcome), = run_all([pid_file], spawn_and_hang, timeout=1)
    assert outcome.kind == "timeout"
    grandchild = int(pid_file.read_text())
    for _ in range(50):  # the orphan is reaped by init shortly after the kill
        try:
            state = Path(f"/proc/{grandchild}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            break
        if state == "Z":
            break
        time.sleep(0.05)
    else:
        pytest.fail("the task's child process survived the timeout")


def test_jobs_1_still_isolates_and_in_process_mode_does_not():
    (_, _, isolated), = run_isolated(["x"], lambda _t: os.getpid(), jobs=1, timeout=5)
    assert isolated != os.getpid()
    (_, _, inline), = run_isolated(["x"], lambda _t: os.getpid(), isolate=False)
    assert inline == os.getpid()
    assert run_all(["a", "unreadable"], misbehave, isolate=False)[1][1].kind == "unreadable"


def test_an_exception_in_the_loop_kills_and_reaps_the_workers():
    with pytest.raises(KeyboardInterrupt), run_isolated(["ok", "sleep", "sleep"], misbehave, jobs=3, timeout=60) as results:
        for _index, _task, _outcome in results:
            raise KeyboardInterrupt  # as if Ctrl-C arrived while the caller handled a result
    assert _children_of(os.getpid()) == []


def test_ctrl_c_while_waiting_kills_and_reaps_the_workers():
    # A shell starts background jobs with SIGINT ignored; install Python's handler to be sure.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            list(run_isolated(["sleep", "sleep"], misbehave, jobs=2, timeout=60))
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    assert _children_of(os.getpid()) == []


# ---- mutated real files: nothing but UnreadableDocument ----

def _mutations(size: int):
    position = st.one_of(st.integers(0, size - 1), st.integers(max(0, size - 600), size - 1))  # tail: zip directory, xref
    return st.tuples(st.lists(st.tuples(position, st.integers(0, 255)), min_size=1, max_size=6),
                     st.one_of(st.none(), st.integers(0, size)))


def _mutate(data: bytes, mutation) -> bytes:
    changes, cut = mutation
    buffer = bytearray(data)
    for position, value in changes:
        buffer[position] = value
    return bytes(buffer[:cut] if cut is not None else buffer)


def _corpus_bytes(name: str) -> bytes:
    """A real file to mutate; a stand-in of one byte when the corpus is absent (the test skips)."""
    path = SHARED_CORPUS / name
    return path.read_bytes() if path.is_file() else b"\0"


DOCX_SAMPLE = _corpus_bytes("docx-python-docx/doc-default.docx")
PDF_SAMPLE = _corpus_bytes("pdf/002-trivial-libre-office-writer_002-trivial-libre-office-writer.pdf")
FUZZ = settings(derandomize=True, database=None, max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.slow  # fuzzing: 150 examples each
@needs_corpus
@FUZZ
@given(mutation=_mutations(len(DOCX_SAMPLE)))
def test_mutated_docx_only_raises_unreadable(mutation, tmp_path_factory):
    path = tmp_path_factory.getbasetemp() / "fuzz.docx"
    path.write_bytes(_mutate(DOCX_SAMPLE, mutation))
    try:
        with DocxPackage(path) as package:
            package.xml("word/document.xml")
    except UnreadableDocument:
        pass


DOCUMENT_XML = zipfile.ZipFile(io.BytesIO(DOCX_SAMPLE)).read("word/document.xml") if len(DOCX_SAMPLE) > 1 else b"\0"


@pytest.mark.slow  # fuzzing: 150 examples each
@needs_corpus
@FUZZ
@given(mutation=_mutations(len(DOCUMENT_XML)))
def test_mutated_document_xml_only_raises_unreadable(mutation, tmp_path_factory):
    # The same, with the zip intact: the mutations reach the XML parser instead of the CRC check.
    path = tmp_path_factory.getbasetemp() / "fuzz_xml.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", _mutate(DOCUMENT_XML, mutation))
    try:
        with DocxPackage(path) as package:
            package.xml("word/document.xml")
    except UnreadableDocument:
        pass


@pytest.mark.slow  # fuzzing: 150 examples each
@needs_corpus
@FUZZ
@given(mutation=_mutations(len(PDF_SAMPLE)))
def test_mutated_pdf_only_raises_unreadable(mutation, tmp_path_factory):
    path = tmp_path_factory.getbasetemp() / "fuzz.pdf"
    path.write_bytes(_mutate(PDF_SAMPLE, mutation))
    try:
        reader = open_pdf(path)
        for number, page in enumerate(safe_pdf_call(lambda: list(reader.pages), path.name), 1):
            page_text(page, f"{path.name} p{number}")
    except UnreadableDocument:
        pass
