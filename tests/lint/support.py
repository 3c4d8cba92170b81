"""Running `compliance` in-process, and copies of the forms workspace to break."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from click.testing import CliRunner
from locations import BUILTIN, REPO  # noqa: F401  (re-exported for the tests)

from compliance.cli import main

WORKSPACE_FOLDERS = ("templates", "schemas", "rules", "samples")


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.output
    assert "internal error" not in result.output, result.output
    return result


def copy_form(source: Path, target: Path, form: str) -> Path:
    """One form's template, schema, rules and samples: a workspace that lints in a fraction of a second."""
    for name in (f"templates/{form}.docx", f"schemas/{form}.schema.json", f"rules/{form}.yaml"):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, target / name)
    shutil.copytree(source / "samples" / form, target / "samples" / form)
    return target


def edit_docx(path: Path, old: str, new: str) -> None:
    """Change one text of word/document.xml, as a clerk editing the template in Word would.

    The old text must be there in one piece: our templates keep each placeholder in one run.
    """
    original = path.read_bytes()
    copy = path.with_suffix(".orig")
    copy.write_bytes(original)
    with zipfile.ZipFile(copy) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                assert old.encode() in data, f"{old} is not in one run of {path.name}"
                data = data.replace(old.encode(), new.encode(), 1)
            zout.writestr(item, data)
    copy.unlink()


def problem_lines(output: str) -> list[str]:
    """The first line of each problem in the text report: `file  field  [code]`."""
    return [line for line in output.splitlines() if line.endswith("]") and not line.startswith(" ")]
