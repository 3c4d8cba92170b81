"""The library's front door: check, extract, build and lint, as the commands do.

Each function takes the same two settings every command takes: `root`, an office workspace whose
forms override the built-in ones, and `config`, a compliance.toml (a path, or a loaded Config).
Nothing here prints; problems with the request raise ComplianceError (bilingual), and problems
with a document are findings.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import lint
from .checking.pipeline import CheckOptions, Extraction, FileResult, check_paths, extract_file
from .generation.fill import SIMPLIFIED
from .lint import LintReport
from .model.config import DEFAULT_CONFIG, Config, load_config
from .model.workspace import Workspace
from .rulebook import check_overrides

__all__ = ["build_document", "check_files", "extract_form", "lint_workspace"]


def _settings(root: str | Path | None, config: Config | str | Path | None) -> tuple[Workspace, Config]:
    loaded = config if isinstance(config, Config) else (
        load_config(Path(config)) if config is not None else DEFAULT_CONFIG)
    workspace = Workspace(Path(root) if root is not None else loaded.root, config=loaded)
    check_overrides(workspace, loaded)
    return workspace, loaded


def check_files(paths: Iterable[str | Path], *, root: str | Path | None = None, config: Config | str | Path | None = None,
          form: str | None = None, password: str | None = None, jobs: int = 1, timeout: float = 30.0) -> list[FileResult]:
    """Every file (folders searched recursively) checked against its form's rules, in path order;
    each file is read in its own worker under the time limit, as `compliance check` does."""
    workspace, loaded = _settings(root, config)
    options = CheckOptions(form=form, password=password, timeout=timeout, jobs=jobs, config=loaded)
    return check_paths([Path(p) for p in paths], workspace, options)


def extract_form(path: str | Path, *, root: str | Path | None = None, config: Config | str | Path | None = None,
            form: str | None = None, password: str | None = None) -> Extraction:
    """The form one document is and the values read from it (in this process: trusted files only)."""
    workspace, loaded = _settings(root, config)
    return extract_file(Path(path), workspace, CheckOptions(form=form, password=password, config=loaded))


def build_document(form: str, data: Any, *, root: str | Path | None = None, config: Config | str | Path | None = None,
             script: str = SIMPLIFIED) -> bytes:
    """A filled .docx of `form` from data keyed by schema keys or printed labels (either script);
    InvalidData lists every problem of the data at once."""
    from .generation import pipeline as generate

    workspace, loaded = _settings(root, config)
    spec = workspace.form(form)
    return generate.build_document(spec, generate.prepare(spec, data, "data", loaded.settings), script, loaded)


def lint_workspace(root: str | Path | None = None, *, config: Config | str | Path | None = None) -> LintReport:
    """The template gate over a workspace (the built-in forms when `root` is None)."""
    loaded = config if isinstance(config, Config) else load_config(Path(config)) if config is not None else DEFAULT_CONFIG
    return lint.lint_workspace(Path(root) if root is not None else loaded.root, loaded)
