"""compliance: standard forms from management regulations, and a checker for filled forms.

    import compliance

    for result in compliance.check_files(["收件箱/"]):
        for finding in result.findings:
            print(finding.file, finding.page, finding.rule, finding.message_en)

The command line (compliance.cli) is a thin shell over this library; nothing here prints.
Names are loaded on first use, so that `import compliance` (and `compliance --help`) stays fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.3.0"  # the one place the version is written (pyproject.toml reads it); releases are tagged v<version>

_EXPORTS = {
    "check_files": "api", "extract_form": "api", "build_document": "api", "lint_workspace": "api",
    "Finding": "model.findings", "FileResult": "checking.pipeline", "Extraction": "checking.pipeline",
    "LintReport": "lint", "LintProblem": "lint", "Config": "model.config", "load_config": "model.config",
    "ComplianceError": "errors", "InvalidData": "generation.pipeline",
}
__all__ = [
    "ComplianceError", "Config", "Extraction", "FileResult", "Finding", "InvalidData", "LintProblem", "LintReport",
    "__version__", "build_document", "check_files", "extract_form", "lint_workspace", "load_config",
]

if TYPE_CHECKING:
    from .api import build_document, check_files, extract_form, lint_workspace
    from .checking.pipeline import Extraction, FileResult
    from .errors import ComplianceError
    from .generation.pipeline import InvalidData
    from .lint import LintProblem, LintReport
    from .model.config import Config, load_config
    from .model.findings import Finding


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'compliance' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
