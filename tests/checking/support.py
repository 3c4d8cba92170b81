"""Running `compliance` in-process and reading its JSON report."""
from __future__ import annotations

import json

from click.testing import CliRunner
from locations import BUILTIN, CORPUS, REPO, needs_shared  # noqa: F401  (re-exported for the tests)

from compliance.cli import main

SAMPLES = BUILTIN / "samples"
FORM_IDS = sorted(p.name[: -len(".schema.json")] for p in (BUILTIN / "schemas").glob("*.schema.json"))


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)
    assert "Traceback" not in result.output
    assert "internal error" not in result.output, result.output
    return result


def check_json(*paths, extra=()) -> tuple[int, dict]:
    result = run("check", *paths, "--format", "json", *extra)
    return result.exit_code, json.loads(result.stdout)


def found(report: dict, index: int = 0) -> list[tuple[str, str | None]]:
    return sorted((f["rule"], f["field"]) for f in report["files"][index]["findings"])
