"""What people expect of `check` and `audit` as command-line tools, through the command line:

- a file whose name is not UTF-8 (GBK, from a zip made on Windows) is checked, and every format
  shows its name faithfully — `\\xNN` for each raw byte, with what it reads as in GBK — as valid
  UTF-8 text, JSON, XML and HTML, on stdout and in -o, alone and in the worker pool;
- JUnit fails a file only for findings at or above --fail-on: warnings are a note;
- every report states when it was made, by which version, and as of which day it judged;
- --quiet says only the findings, --verbose also how each file was read; not both.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from checking.support import SAMPLES, run
from locations import REPO

import compliance

AS_OF = "2026-12-01"
BAD = SAMPLES / "reimbursement" / "invalid" / "amount-capital-mismatch.yaml"  # one error
FORMATS = ("text", "json", "junit", "html")


def _gbk(text: str) -> bytes:
    return text.encode("gbk")


def _escaped(raw: bytes) -> str:
    """How the reports show a name: each part that is not UTF-8 byte by byte, non-ASCII as \\xNN."""
    parts = []
    for part in raw.split(b"/"):
        try:
            parts.append(part.decode("utf-8"))
        except UnicodeDecodeError:
            parts.append("".join(chr(byte) if byte < 0x80 else f"\\x{byte:02x}" for byte in part))
    return "/".join(parts)


def _unescaped(shown: str) -> bytes:
    """The bytes of a name as the reports show it (`\\\\` is a backslash, `\\xNN` a byte)."""
    out, index = bytearray(), 0
    while index < len(shown):
        if shown.startswith("\\\\", index):
            out += b"\\"
            index += 2
        elif shown.startswith("\\x", index):
            out.append(int(shown[index + 2 : index + 4], 16))
            index += 4
        else:
            out += shown[index].encode("utf-8")
            index += 1
    return bytes(out)


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    """A slip printed by `compliance new` from its sample: clean."""
    slip = tmp_path_factory.mktemp("good") / "slip.docx"
    assert run("new", "reimbursement", "--sample", "-o", slip).exit_code == 0
    return slip


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    """A folder as unzipped from a Windows archive: 报销单.docx (clean) and, in a folder 五月, 损坏.docx
    (broken: its message quotes its name) and 用印.yaml (an error), every name in GBK."""
    folder = tmp_path_factory.mktemp("inbox")
    made = folder / "made.docx"
    assert run("new", "reimbursement", "--sample", "-o", made).exit_code == 0
    root = os.fsencode(folder)
    os.rename(os.fsencode(made), root + b"/" + _gbk("报销单") + b".docx")
    nested = root + b"/" + _gbk("五月")
    os.mkdir(nested)
    with open(nested + b"/" + _gbk("损坏") + b".docx", "wb") as broken:
        broken.write(b"PK\x03\x04 not a zip")
    with open(nested + b"/" + _gbk("用印") + b".yaml", "wb") as data:
        data.write(BAD.read_bytes())
    return folder


def _names(inbox: Path) -> dict[str, bytes]:
    """Each file's name as the reports show it → its bytes on disk."""
    root = os.fsencode(inbox)
    raw = [root + b"/" + _gbk("报销单") + b".docx", root + b"/" + _gbk("五月") + b"/" + _gbk("损坏") + b".docx",
           root + b"/" + _gbk("五月") + b"/" + _gbk("用印") + b".yaml"]
    return {_escaped(name): name for name in raw}


def _text(report: str, inbox: Path) -> None:
    for shown in _names(inbox):
        assert shown in report
    assert "报销单.docx" in report and "五月/损坏.docx" in report  # what the name says, read as GBK
    assert "file-unreadable" in report and "amount-capital-mismatch" in report


def _json(report: str, inbox: Path) -> None:
    files = json.loads(report)["files"]
    names = _names(inbox)
    assert {entry["path"] for entry in files} == set(names)
    for entry in files:
        raw = bytes.fromhex(entry["path_bytes"])
        assert raw == names[entry["path"]] == _unescaped(entry["path"])
        assert os.path.exists(raw)  # the file can be found again from the report
    assert {entry["path_gbk"].rsplit("/", 2)[-1] for entry in files} == {"报销单.docx", "损坏.docx", "用印.yaml"}
    broken = next(entry for entry in files if entry["path_gbk"].endswith("损坏.docx"))
    assert [f["rule"] for f in broken["findings"]] == ["file-unreadable"]


def _junit(report: str, inbox: Path) -> None:
    root = ET.fromstring(report.encode("utf-8"))
    cases = {case.get("name"): case for case in root.iter("testcase") if case.get("classname") != "batch"}
    assert set(cases) == set(_names(inbox))
    for name, case in cases.items():
        properties = {p.get("name"): p.get("value") for p in case.iter("property")}
        assert bytes.fromhex(properties["path_bytes"]) == _names(inbox)[name]


def _html(report: str, inbox: Path) -> None:
    assert report.startswith("<!DOCTYPE html>") and report.rstrip().endswith("</html>")
    paths = {html.unescape(path) for path in re.findall(r'<section class="file" data-path="([^"]*)"', report)}
    assert paths == set(_names(inbox))
    assert "报销单.docx" in report


CHECKS = {"text": _text, "json": _json, "junit": _junit, "html": _html}


@pytest.mark.parametrize("command", ["check", "audit"])
@pytest.mark.parametrize("output_format", FORMATS)
def test_a_name_that_is_not_utf8_is_checked_and_shown_faithfully(inbox, tmp_path, command, output_format):
    shown = run(command, inbox, "--format", output_format, "--as-of", AS_OF)
    target = tmp_path / f"report.{output_format}"
    written = run(command, inbox, "--format", output_format, "--as-of", AS_OF, "--jobs", "2", "-o", target)
    assert (shown.exit_code, written.exit_code) == (1, 1), shown.output + written.output
    for report in (shown.stdout_bytes.decode("utf-8"), target.read_bytes().decode("utf-8")):  # strict UTF-8
        CHECKS[output_format](report, inbox)


def test_a_real_process_writes_utf8_for_a_gbk_folder_named_on_the_command_line(inbox):
    """Outside the test runner: arguments and stdout as bytes, the folder itself named in GBK."""
    folder = os.fsencode(inbox) + b"/" + _gbk("五月")
    for output_format in ("text", "json"):
        done = subprocess.run([sys.executable, "-m", "compliance", "check", folder, "--format", output_format,
                               "--as-of", AS_OF, "--jobs", "2"], capture_output=True, cwd=REPO, timeout=300)
        assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
        out = done.stdout.decode("utf-8")  # strict: not one raw byte on stdout
        if output_format == "json":
            out = "\n".join(entry["path"] for entry in json.loads(out)["files"])
        assert _escaped(folder + b"/" + _gbk("用印") + b".yaml") in out
        assert b"internal error" not in done.stderr


def _letter(folder: Path) -> Path:
    """Data that is no known form: form-unknown, a warning and nothing else."""
    letter = folder / "letter.json"
    letter.write_text(json.dumps({"收件人": "张三"}, ensure_ascii=False), encoding="utf-8")
    return letter


def test_junit_fails_a_file_only_at_or_above_fail_on(tmp_path, good):
    letter = _letter(tmp_path)
    result = run("check", BAD, letter, good, "--format", "junit", "--as-of", AS_OF)
    assert result.exit_code == 1
    suite = ET.fromstring(result.stdout)
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert [f.get("type") for f in cases[str(BAD)].findall("failure")] == ["amount-capital-mismatch"]
    assert cases[str(letter)].find("failure") is None  # a warning is not a failure
    assert "form-unknown" in cases[str(letter)].findtext("system-out")
    assert cases[str(good)].find("failure") is None and cases[str(good)].find("system-out") is None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("findings")) == ("3", "1", "0", "2")

    strict = ET.fromstring(run("check", BAD, letter, good, "--format", "junit", "--as-of", AS_OF,
                               "--fail-on", "warning").stdout)
    cases = {case.get("name"): case for case in strict.iter("testcase")}
    assert [f.get("type") for f in cases[str(letter)].findall("failure")] == ["form-unknown"]
    assert cases[str(letter)].find("system-out") is None
    assert (strict.get("tests"), strict.get("failures")) == ("3", "2")
    assert {p.get("name"): p.get("value") for p in strict.find("properties")}["fail_on"] == "warning"


def test_audit_junit_counts_add_up(tmp_path, good):
    letter = _letter(tmp_path)
    root = ET.fromstring(run("audit", BAD, letter, good, "--format", "junit", "--as-of", AS_OF).stdout)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["compliance", "compliance-batch"]
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for case in cases if case.find("failure") is not None)
    # Three files (one failing), and the five expense lines the two slips share (claim-duplicate).
    assert root.get("tests") == str(sum(int(s.get("tests")) for s in suites)) == "8"
    assert root.get("failures") == str(sum(int(s.get("failures")) for s in suites)) == "6"


def _about(output_format: str, report: str) -> dict:
    """(made, version, as_of) as the report states them."""
    if output_format == "text":
        made, version, as_of = re.search(r"compliance (\S+) · 生成于 / made (\S+) · 检查日期 / as of (\S+)",
                                         report.splitlines()[0]).group(2, 1, 3)
        return {"made": made, "version": version, "as_of": as_of}
    if output_format == "json":
        return json.loads(report)["report"]
    if output_format == "junit":
        suite = ET.fromstring(report)
        suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
        values = {p.get("name"): p.get("value") for p in suite.find("properties")}
        assert suite.get("timestamp") == values["made"]
        return {key: values[key] for key in ("made", "version", "as_of")}
    about = re.search(r'<p class="about" data-made="([^"]*)" data-version="([^"]*)" data-as-of="([^"]*)"', report)
    return dict(zip(("made", "version", "as_of"), about.groups(), strict=True))


@pytest.mark.parametrize("command", ["check", "audit"])
def test_every_report_says_when_it_was_made_by_which_version_and_as_of_which_day(command, good):
    before = dt.datetime.now().astimezone().replace(microsecond=0)
    for output_format in FORMATS:
        for as_of, day in (((), dt.date.today().isoformat()), (("--as-of", "2026年12月1日"), AS_OF)):
            result = run(command, BAD, good, "--format", output_format, *as_of)
            about = _about(output_format, result.stdout)
            made = dt.datetime.fromisoformat(about["made"])
            assert made.tzinfo is not None, about  # a time with its zone
            assert before <= made <= dt.datetime.now().astimezone()
            assert (about["version"], about["as_of"]) == (compliance.__version__, day), (output_format, about)


def test_the_json_report_keeps_its_keys_and_adds_one():
    report = json.loads(run("check", BAD, "--format", "json").stdout)
    assert list(report) == ["report", "files", "summary"]
    assert set(report["report"]) == {"made", "version", "as_of"}
    audited = json.loads(run("audit", BAD, "--format", "json").stdout)
    assert list(audited) == ["report", "files", "batch", "summary"]


@pytest.mark.parametrize("command", ["check", "audit"])
def test_quiet_says_only_the_findings(tmp_path, command, good):
    result = run(command, BAD, good, "--quiet", "--as-of", AS_OF)
    assert result.exit_code == 1 and result.stderr == ""
    assert str(BAD) in result.stdout and "amount-capital-mismatch" in result.stdout
    assert not any(line.startswith(str(good)) for line in result.stdout.splitlines())  # a clean file is not listed
    assert "compliance " + compliance.__version__ not in result.stdout and "files," not in result.stdout
    nothing = run(command, good, "-q", "--as-of", AS_OF)
    assert (nothing.exit_code, nothing.stdout, nothing.stderr) == (0, "", "")
    written = run(command, BAD, "--quiet", "--format", "json", "-o", tmp_path / "r.json", "--as-of", AS_OF)
    assert (written.exit_code, written.stdout, written.stderr) == (1, "", "")
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["summary"]["files"] == 1
    told = run(command, BAD, "--format", "json", "-o", tmp_path / "told.json", "--as-of", AS_OF)
    assert "told.json" in told.stderr and "1 files" in told.stderr  # without --quiet: where, and what was found


@pytest.mark.parametrize("command", ["check", "audit"])
def test_quiet_and_verbose_together_are_a_usage_error(command):
    result = run(command, BAD, "--quiet", "--verbose")
    assert result.exit_code == 2
    assert "--quiet" in result.stderr and "--verbose" in result.stderr


@pytest.mark.parametrize("command", ["check", "audit"])
def test_verbose_tells_how_each_file_was_read_on_stderr_and_in_json(tmp_path, command):
    slip = tmp_path / "slip.docx"
    assert run("new", "reimbursement", "--sample", "-o", slip).exit_code == 0
    plain = run(command, slip, BAD, "--as-of", AS_OF)
    told = run(command, slip, BAD, "--as-of", AS_OF, "--verbose")
    assert told.exit_code == plain.exit_code == 1
    # The report stays the report: only the line saying when it was made differs.
    assert told.stdout.splitlines()[1:] == plain.stdout.splitlines()[1:]
    lines = told.stderr.splitlines()
    assert "checking 2 file(s) as of 2026-12-01" in lines[0]
    read = {path: next(line for line in lines if f"read {path}:" in line) for path in (str(slip), str(BAD))}
    assert "docx" in read[str(slip)] and "recognised as reimbursement by code 100%" in read[str(slip)]
    assert "data" in read[str(BAD)] and "recognised as reimbursement" in read[str(BAD)]
    assert all(re.search(r"\d+\.\d\d s", line) for line in read.values())
    files = json.loads(run(command, slip, BAD, "--as-of", AS_OF, "-v", "--format", "json").stdout)["files"]
    assert files[0]["read"]["kind"] == "docx" and files[0]["read"]["pages"] == 1
    assert files[0]["read"]["bytes"] == slip.stat().st_size and files[0]["read"]["seconds"] >= 0
    assert files[0]["recognised"] == {"by": "code", "confidence": 1.0}
    assert "read" not in json.loads(run(command, slip, "--as-of", AS_OF, "--format", "json").stdout)["files"][0]
    page = run(command, slip, BAD, "--as-of", AS_OF, "-v", "--format", "html").stdout
    assert page.count('<p class="read">') == 2 and "识别 / recognised: code 100%" in page
    assert '<p class="read">' not in run(command, slip, "--as-of", AS_OF, "--format", "html").stdout
