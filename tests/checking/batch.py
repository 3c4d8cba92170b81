"""Many cases checked in one `compliance check` run: each case a submitted data file in one folder.

Tests generated from parts (negators × verbs × spellings) run to hundreds of cases; one run over a
folder checks them all in seconds, and each parametrised test then looks up its own file's
findings. A case is a form's built-in sample with one change; findings are (rule, field) pairs.
"""
from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml

from .support import SAMPLES, check_json

AS_OF = "2026-12-31"  # after every sample's dates: no approval lies ahead of the check
Findings = set[tuple[str, "str | None"]]


@cache
def sample(form: str) -> dict:
    """A form's valid sample, read once (`changed` copies it before changing it)."""
    return yaml.safe_load((SAMPLES / form / "valid.yaml").read_text(encoding="utf-8"))


def changed(form: str, change: Callable[[dict], object]) -> dict:
    """A submission of `form`'s sample with `change` applied to a copy of its data."""
    data = copy.deepcopy(sample(form))
    change(data)
    return {"form": form, "data": data}


def check_all(folder: Path, cases: dict[str, dict]) -> dict[str, Findings]:
    """Write each case as `<n>.json` in `folder`, check the folder once, and give each case's
    findings by its name."""
    folder.mkdir(parents=True, exist_ok=True)
    names = list(cases)
    for number, name in enumerate(names):
        (folder / f"{number:05d}.json").write_text(json.dumps(cases[name], ensure_ascii=False), encoding="utf-8")
    _code, report = check_json(folder, extra=("--as-of", AS_OF))
    found = {}
    for entry in report["files"]:
        found[names[int(Path(entry["path"]).stem)]] = {(f["rule"], f["field"]) for f in entry["findings"]}
    assert len(found) == len(names), "every case is reported"
    return found


def turning(names: list[str], every: int) -> set[str]:
    """A quick-suite share of `names`: one in `every`, turning through them, so that every kind of
    case that repeats with period `every` is met."""
    return {name for index, name in enumerate(names) if index % every == (index // every) % every}


class Batches:
    """Findings of named cases, checked in two runs — the quick cases and the rest — each run only
    when a test first asks for one of its cases (a quick run never pays for the slow cases)."""

    def __init__(self, tmp_path_factory, cases: dict[str, dict], quick: set[str]) -> None:
        self.factory, self.cases, self.quick = tmp_path_factory, cases, quick
        self.found: dict[bool, dict[str, Findings]] = {}

    def __call__(self, name: str) -> Findings:
        quick = name in self.quick
        if quick not in self.found:
            batch = {key: case for key, case in self.cases.items() if (key in self.quick) == quick}
            self.found[quick] = check_all(self.factory.mktemp("batch"), batch)
        return self.found[quick][name]


def params(names: list[str], quick: set[str]) -> list:
    """Test parameters: the quick cases as they are, the rest marked slow."""
    import pytest

    return [name if name in quick else pytest.param(name, marks=pytest.mark.slow) for name in names]
