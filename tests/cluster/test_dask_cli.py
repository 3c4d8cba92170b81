"""Checks on a real Dask cluster: a scheduler and two workers started here on 127.0.0.1 (never
another address). A distributed run reports what a local run reports; a worker killed by its
PID in the middle of a run loses no file; an unreachable scheduler is a usage error naming it."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from checking.support import run
from locations import BUILTIN

pytest.importorskip("distributed", reason="pip install 'compliance[distributed]'")
pytestmark = pytest.mark.slow  # a cluster takes seconds to start
AS_OF = "2026-12-01"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _dask(*arguments: str) -> subprocess.Popen:
    module = "distributed.cli.dask_scheduler" if arguments[0] == "scheduler" else "distributed.cli.dask_worker"
    return subprocess.Popen([sys.executable, "-m", module, *arguments[1:]], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


class Cluster:
    def __init__(self, workers: int, nanny: bool) -> None:
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        port = self.address.rsplit(":", 1)[1]
        self.processes = [_dask("scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard")]
        self.workers = [_dask("worker", self.address, "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard",
                              *(() if nanny else ("--no-nanny",))) for _ in range(workers)]
        self.processes += self.workers
        self.wait_for(workers)

    def client(self):
        from distributed import Client

        return Client(self.address, timeout="30s", set_as_default=False)

    def wait_for(self, workers: int) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with self.client() as client:
                    if len(client.scheduler_info()["workers"]) >= workers:
                        return
            except OSError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"the cluster at {self.address} did not get {workers} workers")

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def cluster():
    started = Cluster(workers=2, nanny=True)
    yield started
    started.close()


def _sample(form: str, name: str = "valid") -> dict:
    document = yaml.safe_load((BUILTIN / "samples" / form / f"{name}.yaml").read_text(encoding="utf-8"))
    return document.get("data", document)


@pytest.fixture(scope="module")
def inbox(tmp_path_factory, soffice):
    folder = tmp_path_factory.mktemp("inbox")
    for name, form, sample, extra in [("clean", "reimbursement", "valid", ()),
                                      ("unsigned", "reimbursement", "invalid/approval-missing", ("--pdf",)),
                                      ("blank-document", "seal-use", "invalid/blank-document", ()),
                                      ("register", "seal-register", "valid", ())]:
        source = folder / f"{name}.yaml"
        source.write_text(yaml.safe_dump(_sample(form, sample), allow_unicode=True), encoding="utf-8")
        suffix = ".xlsx" if form == "seal-register" else ".docx"
        assert run("new", form, "--data", source, "-o", folder / f"{name}{suffix}", *extra).exit_code == 0
        source.unlink()
    (folder / "submitted.json").write_text(json.dumps({"form": "seal-use", "data": _sample("seal-use")},
                                                      ensure_ascii=False), encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage")
    return folder


def _json(*arguments) -> tuple[int, dict]:
    """The exit code and the JSON report, without when the report was made (runs differ in that alone)."""
    result = run(*arguments, "--format", "json", "--as-of", AS_OF)
    report = json.loads(result.stdout)
    assert report.pop("report")["as_of"] == AS_OF
    return result.exit_code, report


def test_a_distributed_check_reports_what_a_local_check_reports(cluster, inbox):
    local = _json("check", inbox)
    remote = _json("check", inbox, "--scheduler", cluster.address)
    assert remote == local
    assert local[0] == 1 and {Path(e["path"]).name for e in local[1]["files"]} == {
        "clean.docx", "unsigned.pdf", "unsigned.docx", "blank-document.docx", "register.xlsx", "submitted.json", "broken.pdf"}


def test_a_distributed_audit_reports_what_a_local_audit_reports(cluster, inbox, monkeypatch):
    local = _json("audit", inbox)
    monkeypatch.setenv("COMPLIANCE_SCHEDULER", cluster.address)  # the variable names it as --scheduler does
    remote = _json("audit", inbox)
    assert remote == local


def test_an_unreachable_scheduler_is_a_usage_error_naming_it(inbox):
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = run("check", inbox / "clean.docx", "--scheduler", address)
    assert result.exit_code == 2
    assert address in result.stderr and "cannot reach the Dask scheduler" in result.stderr


def test_a_worker_killed_mid_run_loses_no_file(tmp_path, inbox):
    """Twelve slow files (scans, read by OCR) and two workers; one worker is killed by its PID
    while it holds a file. Every file is still reported once, as a local run reports it."""
    from scans.make_scan import make_scan

    folder = tmp_path / "scans"
    folder.mkdir()
    pdf = inbox / "unsigned.pdf"
    for index in range(6):
        make_scan(pdf, folder / f"scan-{index}.png", fills=[], seal=None, noise=0.1, seed=index)
    for index in range(6):
        (folder / f"clean-{index}.docx").write_bytes((inbox / "clean.docx").read_bytes())
    crashing = Cluster(workers=2, nanny=False)
    try:
        command = [sys.executable, "-m", "compliance", "check", str(folder), "--scheduler", crashing.address,
                   "--format", "json", "--as-of", AS_OF, "--timeout", "120"]
        remote = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        victim = crashing.workers[0]
        with crashing.client() as client:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                busy = [address for address, tasks in client.processing().items() if tasks]
                if len(busy) == 2:
                    break
                time.sleep(0.2)
            assert len(busy) == 2, "both workers should be busy before one is killed"
        os.kill(victim.pid, signal.SIGKILL)
        out, err = remote.communicate(timeout=600)
        assert remote.returncode in (0, 1), err.decode()
        reported = json.loads(out)
        reported.pop("report")
    finally:
        crashing.close()
    local = _json("check", folder)[1]
    assert sorted(e["path"] for e in reported["files"]) == sorted(e["path"] for e in local["files"])
    assert reported == local
