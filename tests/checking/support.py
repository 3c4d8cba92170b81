"""Running `compliance` in-process and reading its JSON report."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from compliance.cli import main

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
CORPUS = REPO.parent / "shared" / "corpus"
FORM_IDS = sorted(p.name[: -len(".schema.json")] for p in (REPO / "schemas").glob("*.schema.json"))


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
