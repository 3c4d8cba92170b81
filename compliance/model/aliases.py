"""An office's own words for titles and labels, from compliance.toml:

    [aliases.titles]
    reimbursement = ["差旅报销审批单"]
    [aliases.labels.reimbursement]
    department = ["科室", "报销科室"]           # a field by key, or a dotted path: items.amount

They are added to the forms' schemas as if written there (x-title-aliases, x-aliases), so the
same recognition and reading use them. A form or field they name that does not exist is an error
naming it: a typo must not silently do nothing.
"""
from __future__ import annotations

import copy
import json

from ..errors import ConfigError


def parse_aliases(path, table) -> str:
    """The [aliases] table checked, as JSON text (so a Config stays hashable)."""
    def refuse(key: str, zh: str, en: str) -> ConfigError:
        return ConfigError(f"配置文件 {path}：{key} {zh}", f"config file {path}: {key} {en}")

    if not isinstance(table, dict):
        raise refuse("[aliases]", "只能有 titles 与 labels", "may hold only titles and labels")
    for key in sorted(set(table) - {"titles", "labels"}):  # name the typo: [aliases.title]
        raise refuse(f"[aliases].{key}", "是未知的键（只能有 titles 与 labels）", "is not a known key (only titles and labels)")
    titles = table.get("titles", {})
    if not isinstance(titles, dict) or not all(_words(v) for v in titles.values()):
        raise refuse("[aliases.titles]", "应为“表单编号 = [别名, …]”", "must map a form id to a list of titles")
    labels = table.get("labels", {})
    if not isinstance(labels, dict) or not all(isinstance(v, dict) and all(_words(w) for w in v.values())
                                               for v in labels.values()):
        raise refuse("[aliases.labels]", "应为“[aliases.labels.表单编号]”表，每项“字段 = [别名, …]”",
                     "must hold [aliases.labels.<form>] tables mapping a field to a list of labels")
    return json.dumps({"titles": titles, "labels": labels}, ensure_ascii=False, sort_keys=True)


def _words(value) -> bool:
    return isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value)


def _property(schema: dict, path: str) -> dict | None:
    node = schema
    for key in path.split("."):
        properties = node.get("properties") or (node.get("items") or {}).get("properties") or {}
        if key not in properties:
            return None
        node = properties[key]
    return node


def with_aliases(form_id: str, schema: dict, aliases_json: str, config_path) -> dict:
    """The schema with the office's aliases for this form added."""
    aliases = json.loads(aliases_json)
    titles = aliases["titles"].get(form_id, [])
    labels = aliases["labels"].get(form_id, {})
    if not titles and not labels:
        return schema
    schema = copy.deepcopy(schema)
    schema["x-title-aliases"] = [*schema.get("x-title-aliases", []), *titles]
    for field_path, words in labels.items():
        spec = _property(schema, field_path)
        if spec is None:
            raise ConfigError(f"配置文件 {config_path}：[aliases.labels.{form_id}] 中的 {field_path} 不是该表单的字段",
                              f"config file {config_path}: {field_path} in [aliases.labels.{form_id}] is not a field of the form")
        spec["x-aliases"] = [*spec.get("x-aliases", []), *words]
    return schema


def unknown_forms(aliases_json: str, known: set[str]) -> list[str]:
    aliases = json.loads(aliases_json)
    return sorted((set(aliases["titles"]) | set(aliases["labels"])) - known)
