"""`compliance init`: a new office forms workspace with one example form to copy from."""
from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from . import leave_request
from .docx_template import build


def files() -> dict[str, bytes]:
    """Relative path → content of every file of a new workspace."""
    form = leave_request
    found = {
        "README.md": form.README.encode("utf-8"),
        f"schemas/{form.FORM_ID}.schema.json": form.SCHEMA_JSON.encode("utf-8"),
        f"rules/{form.FORM_ID}.yaml": form.RULES.encode("utf-8"),
        f"samples/{form.FORM_ID}/valid.yaml": form.VALID.encode("utf-8"),
        f"templates/{form.FORM_ID}.docx": build(form.SCHEMA, form.LAYOUT, form.TABLE),
    }
    for name, make in form.INVALID.items():
        text = make()
        found[f"samples/{form.FORM_ID}/invalid/{name}"] = text.encode("utf-8")
    return found


def init_workspace(folder: Path, force: bool = False) -> list[Path]:
    """Write a workspace into `folder`; a non-empty folder only with `force` (files of the same
    name are then replaced, others left alone)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} 已存在且不是目录", f"{folder} exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise UsageError(f"目录 {folder} 不为空（如需写入，请加 --force）",
                         f"folder {folder} is not empty (use --force to write into it)")
    written = []
    for name, content in files().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written
