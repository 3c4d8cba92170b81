"""The version is written once and what names it agrees: the pre-commit example in docs/ci.md
pins the tag of this version (releases are tagged v<version>), and CHANGELOG.md says what it
changed."""
from __future__ import annotations

import re

from locations import REPO

import compliance


def test_the_pre_commit_example_pins_this_release():
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    pins = re.findall(r"^\s*rev:\s*(\S+)", text, flags=re.MULTILINE)
    assert pins == [f"v{compliance.__version__}"]


def test_the_changelog_has_a_section_for_this_version():
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", text, flags=re.MULTILINE)
    assert versions and versions[0] == compliance.__version__, versions  # the newest section is this version


def test_pyproject_takes_the_version_from_the_package():
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "compliance.__version__"}
