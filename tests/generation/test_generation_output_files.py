"""Output files are ordinary files: the user's umask, and never a device, FIFO, folder or link.

Run as root (as CI is), replacing /dev/null or writing through a planted symbolic link would do
real damage, so each kind of destination is tried through both commands that take -o, with and
without --force.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from gen_support import assert_bilingual, run, run_process


def _umask_run(tmp_path: Path, umask: int) -> int:
    """The mode `compliance new` gives its output in a process started under `umask`."""
    out = tmp_path / f"u{umask:03o}.docx"
    previous = os.umask(umask)
    try:
        completed = run_process(["new", "reimbursement", "--sample", "-o", out], cwd=tmp_path)
    finally:
        os.umask(previous)
    assert completed.returncode == 0, completed.out
    return stat.S_IMODE(out.stat().st_mode)


@pytest.mark.slow  # a new Python process per case
@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_output_permissions_follow_the_umask(tmp_path, umask, mode):
    assert _umask_run(tmp_path, umask) == mode


@pytest.mark.slow  # a new Python process per case
def test_check_report_permissions_follow_the_umask(tmp_path):
    document = tmp_path / "form.docx"
    assert run(["new", "reimbursement", "--sample", "-o", document]).exit_code == 0
    previous = os.umask(0o022)
    try:
        completed = run_process(["check", document, "--format", "json", "-o", tmp_path / "report.json"], cwd=tmp_path)
    finally:
        os.umask(previous)
    assert completed.returncode == 0, completed.out
    assert stat.S_IMODE((tmp_path / "report.json").stat().st_mode) == 0o644


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.docx"
    os.mkfifo(path)
    return path


def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "folder.docx"
    path.mkdir()
    return path


def _link_to_file(tmp_path: Path) -> Path:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    path = tmp_path / "link.docx"
    path.symlink_to(victim)
    return path


def _dangling_link(tmp_path: Path) -> Path:
    path = tmp_path / "dangling.docx"
    path.symlink_to(tmp_path / "nowhere" / "x.docx")
    return path


def _device(_tmp_path: Path) -> Path:
    return Path("/dev/null")


DESTINATIONS = {"fifo": (_fifo, "FIFO"), "folder": (_folder, "folder"), "symlink": (_link_to_file, "symbolic link"),
                "dangling-symlink": (_dangling_link, "symbolic link"), "device": (_device, "device")}


def _snapshot(path: Path) -> tuple:
    info = os.lstat(path)
    return (info.st_mode, info.st_ino, info.st_rdev, os.readlink(path) if path.is_symlink() else None)


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("kind", sorted(DESTINATIONS))
@pytest.mark.parametrize("command", ["new", "check"])
def test_special_destinations_are_refused(tmp_path, command, kind, force):
    make, word = DESTINATIONS[kind]
    destination = make(tmp_path)
    before = _snapshot(destination)
    if command == "new":
        args = ["new", "reimbursement", "--sample", "-o", destination]
    else:
        document = tmp_path / "form.docx"
        assert run(["new", "reimbursement", "--sample", "-o", document]).exit_code == 0
        args = ["check", document, "--format", "json", "-o", destination]
    result = run([*args, *(["--force"] if force else [])])
    assert result.exit_code == 1, result.output
    assert_bilingual(result.output)
    assert word in result.output and str(destination) in result.output
    assert "不是普通文件" in result.output
    assert _snapshot(destination) == before
    if kind == "symlink":
        assert (tmp_path / "victim.txt").read_text(encoding="utf-8") == "precious"
    assert not list(tmp_path.glob(".*.part"))


@contextlib.contextmanager
def _read_only_folder(folder: Path):
    """A folder nobody can write in, not even root: immutable where chattr works, else mode 0555."""
    folder.mkdir()
    immutable = bool(shutil.which("chattr")) and subprocess.run(
        ["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    if not immutable:
        folder.chmod(0o555)
    try:
        probe = folder / "probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("no way to make a folder read-only for this user here")
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


@pytest.mark.parametrize("command", ["new", "check"])
def test_a_read_only_output_folder_is_named_in_a_clear_message(tmp_path, command):
    document = tmp_path / "form.docx"
    assert run(["new", "reimbursement", "--sample", "-o", document]).exit_code == 0
    with _read_only_folder(tmp_path / "locked") as locked:
        if command == "new":
            result = run(["new", "reimbursement", "--sample", "-o", locked / "out.docx"])
        else:
            result = run(["check", document, "--format", "json", "-o", locked / "report.json"])
        assert result.exit_code == 2, result.output
        assert_bilingual(result.output)
        assert str(locked) in result.output
        assert "无法在输出目录中写入文件" in result.output and "cannot write a file in the output folder" in result.output
        assert list(locked.iterdir()) == []
