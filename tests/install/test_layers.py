"""The packages of `compliance` form layers: each imports only from layers below it or its own,
counting imports made inside functions (they run as surely as the others, only later), and
docs/architecture.md names every package there is.

An import that runs up the layers is how the cycles of the past crept in: OCR reaching into the
seal finder for a PDF walker, the rulebook into `audit` for its rule ids."""
from __future__ import annotations

import ast
import re

from locations import REPO

PACKAGE = REPO / "compliance"

# Bottom to top. A package may import its own layer's other packages only where no cycle forms
# (the second test holds that).
LAYERS = (
    {"errors", "__init__"},
    {"model"},
    {"safety", "libreoffice"},
    {"pages"},
    {"seals", "integrity"},
    {"reading"},
    {"rulebook"},
    {"generation", "scaffold"},
    {"checking"},
    {"cluster"},
    {"audit"},
    {"reports"},
    {"lint"},
    {"api", "cli", "__main__"},
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _type_checking_only(node: ast.AST, parents: dict) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.dump(node.test):
            return True
    return False


def _imports() -> list[tuple[str, str, str]]:
    """(importing file, its package, imported package) for every import within compliance."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(REPO).with_suffix("")
        parts = list(relative.parts)
        is_package = parts[-1] == "__init__"
        module = ".".join(parts[:-1] if is_package else parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = module.split(".") if is_package else module.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                targets = [target] if node.module else [f"{target}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            if _type_checking_only(node, parents):
                continue  # annotations only: nothing runs
            for target in targets:
                if target == "compliance" or target.startswith("compliance."):
                    found.append((str(relative), _package_of(module), _package_of(target)))
    return found


def test_every_package_has_a_layer():
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists() and p.name != "builtin"}
    packages |= {p.stem for p in PACKAGE.glob("*.py")}
    assert packages - set(RANK) == set()


def test_no_import_runs_up_the_layers():
    upward = sorted({f"{where}: {source} → {target}" for where, source, target in _imports()
                     if source != target and RANK.get(target, 0) > RANK.get(source, 0)})
    assert upward == []


def test_no_cycle_between_packages():
    edges: dict[str, set[str]] = {}
    for _where, source, target in _imports():
        if source != target:
            edges.setdefault(source, set()).add(target)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(step == goal or (step not in seen and reaches(step, goal, seen | {step}))
                   for step in edges.get(start, ()))

    assert sorted(package for package in edges if reaches(package, package, {package})) == []


def test_the_architecture_document_names_every_package():
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    unnamed = [name for name in packages if name != "builtin" and not re.search(rf"\b{name}/", text)]
    assert unnamed == []
