"""Every third-party module the package imports belongs to a distribution that pyproject.toml
declares; a module missing at run time stops the run with one message, never a verdict per file.

The scan runs in the environment the package is installed in: each imported top-level module is
mapped to the distribution that provides it through the installed metadata, so a module that is
importable here only because something else pulled it in, or because it was installed by hand,
fails the test just as it would fail a fresh install.
"""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from locations import REPO

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

PACKAGE = REPO / "compliance"


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    return _normalised(re.split(r"[\s<>=!~;\[(]", requirement.strip(), maxsplit=1)[0])


def _declared_runtime() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_requirement_name(r) for r in project["dependencies"]}


def _imported_top_level_modules() -> dict[str, Path]:
    """Absolute imports of the package, each with one file that makes it."""
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                found.setdefault(name.split(".")[0], path)
    return found


def test_every_imported_distribution_is_declared():
    declared = _declared_runtime()
    providers = packages_distributions()
    problems = []
    for module, where in sorted(_imported_top_level_modules().items()):
        if module in sys.stdlib_module_names or module in ("compliance", "__future__"):
            continue
        if module == "tomli" and sys.version_info >= (3, 11):
            continue  # imported only where tomllib is missing; declared for Python < 3.11
        distributions = {_normalised(d) for d in providers.get(module, [])}
        if not distributions:
            problems.append(f"{module} (imported in {where.relative_to(REPO)}) is not installed at all")
        elif not distributions & declared:
            problems.append(f"{module} (imported in {where.relative_to(REPO)}) comes from "
                            f"{', '.join(sorted(distributions))}, which [project] dependencies do not declare")
    assert not problems, "\n".join(problems)


def test_the_scan_finds_imports_made_inside_functions():
    # The oracle above is only as good as the scan: it must find imports nested in functions too.
    modules = _imported_top_level_modules()
    assert {"cn2an", "jsonschema_rs", "docxtpl", "jinja2", "pypdf"} <= set(modules)


@pytest.mark.slow  # new Python processes
def test_a_module_missing_inside_the_workers_is_one_internal_error(tmp_path):
    document = tmp_path / "报销单.docx"
    made = subprocess.run([sys.executable, "-m", "compliance", "new", "reimbursement", "--sample", "-o", str(document)],
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    # OpenCC is first needed to normalise a document's text: only inside a worker.
    without_opencc = "import sys; sys.modules['opencc'] = None; from compliance.cli import main; main()"
    completed = subprocess.run([sys.executable, "-c", without_opencc, "check", str(document), str(tmp_path),
                                "--jobs", "2", "--format", "json"], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 3, completed.stdout + completed.stderr  # the installation's fault: exit 3
    assert completed.stdout == ""  # no report claiming the documents were read
    assert "file-unreadable" not in completed.stderr and "Traceback" not in completed.stderr
    assert completed.stderr.count("opencc") == 2  # one message, in Chinese and in English
    assert "安装不完整" in completed.stderr and "incomplete installation" in completed.stderr
