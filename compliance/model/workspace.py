"""Where forms come from: the built-in workspace, optionally overlaid by an office's own folder.

A workspace is a folder with templates/<id>.docx, schemas/<id>.schema.json, rules/<id>.yaml and
samples/<id>/. Forms in an office workspace override built-in forms with the same id.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..errors import ConfigError, UsageError
from .fields import FieldTree, build_fields

SCHEMA_SUFFIX = ".schema.json"


def builtin_root() -> Path:
    """The forms that ship with the package: one copy, read alike from a checkout and a wheel."""
    return Path(__file__).resolve().parent.parent / "builtin"


@dataclass(frozen=True)
class FormSpec:
    id: str
    schema_path: Path
    root: Path
    schema: dict

    @property
    def name(self) -> str:
        return self.schema.get("title", self.id)

    @property
    def title_aliases(self) -> tuple[str, ...]:
        return tuple(self.schema.get("x-title-aliases", ()))

    @property
    def template_path(self) -> Path:
        return self.root / "templates" / f"{self.id}.docx"

    @property
    def rules_path(self) -> Path:
        return self.root / "rules" / f"{self.id}.yaml"

    @property
    def samples_dir(self) -> Path:
        return self.root / "samples" / self.id

    @cached_property
    def title_keys(self) -> frozenset[str]:
        """The comparable forms of the form's title and its other names, for recognition."""
        from .textnorm import label_key

        return frozenset(label_key(t) for t in (self.name, *self.title_aliases))

    @cached_property
    def approval_table(self) -> str | None:
        """The key of the table marked `"x-approvals": true`: where approvers sign, and the table
        approval rules read unless a rule names another."""
        properties = self.schema.get("properties", {})
        return next((key for key, spec in properties.items()
                     if isinstance(spec, dict) and spec.get("x-approvals") is True), None)

    @cached_property
    def fields(self) -> FieldTree:
        return FieldTree(build_fields(self.schema))

    def field_count(self) -> int:
        return sum(1 for _ in self.fields.walk())

    def sample_data_path(self) -> Path:
        for name in ("valid.yaml", "valid.yml", "valid.json"):
            candidate = self.samples_dir / name
            if candidate.is_file():
                return candidate
        raise UsageError(
            f"表单 {self.id} 没有内置示例数据（{self.samples_dir}/valid.yaml）",
            f"form {self.id} has no built-in sample data ({self.samples_dir}/valid.yaml)",
        )


def _load_schema(path: Path) -> dict:
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(
            f"无法读取表单结构文件 {path}：{error}", f"cannot read schema file {path}: {error}"
        ) from error
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
        raise ConfigError(
            f"表单结构文件 {path} 缺少 properties 对象", f"schema file {path} has no properties object"
        )
    return schema


def _forms_in(root: Path) -> dict[str, FormSpec]:
    forms: dict[str, FormSpec] = {}
    schema_dir = root / "schemas"
    if not schema_dir.is_dir():
        return forms
    for path in sorted(schema_dir.glob(f"*{SCHEMA_SUFFIX}")):
        form_id = path.name[: -len(SCHEMA_SUFFIX)]
        forms[form_id] = FormSpec(form_id, path, root, _load_schema(path))
    return forms


class Workspace:
    """The forms available to a command: built-in ones, then those of `root`, which override."""

    def __init__(self, root: Path | None = None, include_builtin: bool = True, config=None) -> None:
        if root is not None and not Path(root).is_dir():
            raise UsageError(f"工作区目录不存在：{root}", f"workspace folder does not exist: {root}")
        self.root = Path(root) if root is not None else None
        self.include_builtin = include_builtin
        self.config = config  # its [aliases] are added to the forms' own

    @cached_property
    def forms(self) -> dict[str, FormSpec]:
        forms: dict[str, FormSpec] = {}
        if self.include_builtin:
            forms.update(_forms_in(builtin_root()))
        if self.root is not None:
            forms.update(_forms_in(self.root))
        if self.config is not None:
            forms = self._with_office_aliases(forms)
        return dict(sorted(forms.items()))

    def _with_office_aliases(self, forms: dict[str, FormSpec]) -> dict[str, FormSpec]:
        from .aliases import unknown_forms, with_aliases

        config = self.config
        unknown = unknown_forms(config.aliases, set(forms))
        if unknown:
            raise ConfigError(f"配置文件 {config.path}：[aliases] 中的表单 {unknown[0]} 不存在",
                              f"config file {config.path}: form {unknown[0]} in [aliases] does not exist")
        return {form_id: FormSpec(spec.id, spec.schema_path, spec.root,
                                  with_aliases(form_id, spec.schema, config.aliases, config.path))
                for form_id, spec in forms.items()}

    def form(self, form_id: str) -> FormSpec:
        try:
            return self.forms[form_id]
        except KeyError:
            known = ", ".join(self.forms)
            raise UsageError(
                f"未知表单：{form_id}（可用：{known}）", f"unknown form: {form_id} (known: {known})"
            ) from None
