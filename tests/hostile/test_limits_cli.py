"""The per-file limits of `check`, through the command line: a file is stopped for what it costs
(processor time, memory), not for how busy the machine is; and a limit that stops a file says
which limit it was and the option that raises it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw, ImageFont

from compliance.cli import main

pytestmark = pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs Linux CPU affinity")

BUSY = "import sys, time\nend = time.monotonic() + float(sys.argv[1])\nwhile time.monotonic() < end:\n    pass\n"


def _compliance(*args: object, cpu: int | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """`compliance ARGS` in a new process; with `cpu`, it and every process it starts run on that core only."""
    pin = f"import os; os.sched_setaffinity(0, {{{cpu}}}); " if cpu is not None else ""
    script = pin + "import sys; sys.argv[0] = 'compliance'; from compliance.cli import main; main()"
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True, timeout=timeout)


@contextmanager
def _busy(cpu: int, processes: int, seconds: float = 120) -> Iterator[None]:
    """`processes` loops that only compute, on core `cpu`, for at most `seconds` (ended on leaving)."""
    started = [subprocess.Popen([sys.executable, "-c", BUSY, str(seconds)]) for _ in range(processes)]
    try:
        for process in started:
            os.sched_setaffinity(process.pid, {cpu})
        yield
    finally:
        for process in started:
            process.kill()
            process.wait()


def _only(completed: subprocess.CompletedProcess) -> dict:
    assert "Traceback" not in completed.stderr, completed.stderr
    (entry,) = json.loads(completed.stdout)["files"]
    return entry


def _unreadable(entry: dict) -> dict | None:
    return next((f for f in entry["findings"] if f["rule"] == "file-unreadable"), None)


@pytest.fixture(scope="module")
def slip(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("slip") / "报销单.docx"
    assert CliRunner().invoke(main, ["new", "reimbursement", "--sample", "-o", str(target)]).exit_code == 0
    return target


def dense_text_tiff(target: Path, pages: int = 20) -> Path:
    """A CPU bomb that is a valid file: page after page of small text, each read by OCR in seconds."""
    font = ImageFont.load_default(size=30)
    page = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(page)
    for row in range(60):
        draw.text((80, 80 + 36 * row), f"Line {row:02d} of a page that is nothing but text, to be read again and again",
                  font=font, fill=0)
    page.save(target, "TIFF", dpi=(200, 200), compression="tiff_lzw", save_all=True, append_images=[page] * (pages - 1))
    return target


# -- time: processor time, not the clock -----------------------------------------------------------

@pytest.mark.slow  # keeps a core busy for seconds
def test_a_file_waiting_for_a_busy_core_is_not_timed_out(slip):
    cpu = min(os.sched_getaffinity(0))
    limit = 2.0  # the check of a typed slip computes for well under a second
    with _busy(cpu, processes=8):  # the check gets a ninth of its core at most
        started = time.monotonic()
        completed = _compliance("check", slip, "--format", "json", "--timeout", limit, cpu=cpu)
        elapsed = time.monotonic() - started
    entry = _only(completed)
    assert _unreadable(entry) is None, entry["findings"]
    assert (entry["form"], entry["findings"], completed.returncode) == ("reimbursement", [], 0)
    assert elapsed > limit  # the run took longer than the limit on the clock: a clock limit would have stopped it


@pytest.mark.slow  # runs OCR until the limit
def test_a_file_that_computes_too_long_is_still_stopped(slip, tmp_path):
    bomb = dense_text_tiff(tmp_path / "bomb.tif")
    completed = _compliance("check", bomb, slip, "--format", "json", "--timeout", 3)
    bombed, good = json.loads(completed.stdout)["files"]
    finding = _unreadable(bombed)
    assert finding is not None, bombed["findings"]
    # Most of its time is spent in the OCR server, not in its worker: that time is counted too, or
    # the clock's backstop would have stopped it, as stalled, later.
    assert "timed out after 3 s of processor time" in finding["message_en"], finding
    assert "处理器时间超过 3 秒" in finding["message"] and "--timeout" in finding["message"]
    assert (good["form"], good["findings"]) == ("reimbursement", [])
    assert completed.returncode == 1


# -- memory: a budget per file, named when it is exceeded -------------------------------------------

@pytest.fixture(scope="module")
def scans(tmp_path_factory, soffice) -> list[Path]:
    """A JPEG scan of a printed reimbursement slip signed by hand and stamped, and two copies."""
    from scans.make_scan import make_scan
    from scans.paper import paper

    folder = tmp_path_factory.mktemp("scans")
    sheet = paper("reimbursement", folder / "paper")
    made = folder / "inbox" / "报销单.jpg"
    make_scan(sheet.blank_pdf, made, fills=sheet.fills, seal=("round", "seal-red", -14.0), noise=0.2, jpeg_quality=85)
    copies = [made.with_name(f"报销单-{n}.jpg") for n in (2, 3)]
    for copy in copies:
        copy.write_bytes(made.read_bytes())
    return [made, *copies]


@pytest.mark.slow  # OCR
def test_a_scan_is_read_under_a_tight_memory_limit(scans):
    # The OCR server maps 1.3-2 GB: under the worker's cap (its parent's 40 MB plus the budget) it
    # failed with MemoryError; under its own (its loaded models plus the budget) it needs under 1 GB.
    entry = _only(_compliance("check", scans[0], "--jobs", "1", "--format", "json", "--memory-limit", "1200M"))
    assert _unreadable(entry) is None, entry["findings"]
    assert entry["form"] == "reimbursement"


@pytest.mark.slow  # OCR
def test_scans_in_parallel_are_read_under_the_default_limit(scans):
    completed = _compliance("check", scans[0].parent, "--jobs", "2", "--format", "json", "--timeout", 120)
    files = json.loads(completed.stdout)["files"]
    assert len(files) == 3
    assert [_unreadable(entry) for entry in files] == [None] * 3
    assert {entry["form"] for entry in files} == {"reimbursement"}


@pytest.mark.slow  # OCR
def test_a_file_over_the_memory_limit_names_the_limit_and_the_option(scans):
    entry = _only(_compliance("check", scans[0], "--format", "json", "--memory-limit", "300"))
    finding = _unreadable(entry)
    assert finding is not None, entry["findings"]
    assert "memory limit 300 MB" in finding["message_en"] and "--memory-limit" in finding["message_en"]
    assert "内存上限 300 MB" in finding["message"] and "--memory-limit" in finding["message"]


def test_a_memory_limit_is_a_size(slip):
    for size in ("2048", "1500M", "2G", "1.5g", "2GB"):
        assert CliRunner().invoke(main, ["check", str(slip), "--memory-limit", size]).exit_code == 0, size
    for size in ("lots", "2T", "-1", "10"):
        result = CliRunner().invoke(main, ["check", str(slip), "--memory-limit", size])
        assert result.exit_code == 2 and "--memory-limit" in result.stderr, size
