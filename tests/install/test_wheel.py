"""The wheel carries the built-in forms and works on its own, from a folder outside the checkout.

The forms live once, in compliance/builtin/; a wheel must hold every one of those files byte for
byte, and the package imported from the wheel (not the checkout) must generate, lint and check.
.ci/run repeats this with a fresh virtual environment and the wheel's declared dependencies.
"""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from locations import BUILTIN, REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    completed = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
                               capture_output=True, text=True, timeout=600)
    if completed.returncode != 0:
        pytest.fail(f"pip wheel failed:\n{completed.stdout}\n{completed.stderr}")
    return next(out.glob("compliance-*.whl"))


def test_the_wheel_holds_every_builtin_file_unchanged(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for path in sorted(p for p in BUILTIN.rglob("*") if p.is_file()):
            name = path.relative_to(REPO).as_posix()
            assert name in names, f"{name} is missing from the wheel"
            assert archive.read(name) == path.read_bytes(), f"{name} differs in the wheel"
        assert "compliance/py.typed" in names
        assert not [n for n in names if n.split("/")[0] in ("templates", "schemas", "rules", "samples", "tests")]


def test_the_wheel_generates_lints_and_checks_outside_the_checkout(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    # The dependencies come from this environment; the package itself only from the wheel.
    env = {**os.environ, "PYTHONPATH": str(site)}

    def compliance(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "compliance", *args], cwd=outside, env=env,
                              capture_output=True, text=True, timeout=300)

    where = subprocess.run([sys.executable, "-c", "import compliance; print(compliance.__file__)"], cwd=outside,
                           env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(site), where
    made = compliance("new", "reimbursement", "--sample", "-o", "报销单.docx")
    assert made.returncode == 0, made.stderr
    linted = compliance("lint")
    assert linted.returncode == 0, linted.stdout + linted.stderr
    checked = compliance("check", "报销单.docx", "--format", "json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert '"form": "reimbursement"' in checked.stdout and '"findings": []' in checked.stdout
