"""Schemas: valid JSON Schema (Draft 2020-12), a Chinese title on every property, nothing required
that is not there.

The title is the label printed on the form and the one the checker reads the filled form by, so a
property without a Chinese title is a field no clerk can find on paper.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..model.workspace import SCHEMA_SUFFIX, FormSpec
from .problem import SCHEMA_INVALID, SCHEMA_TITLE_MISSING, LintProblem

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def form_id_of(path: Path) -> str:
    return path.name[: -len(SCHEMA_SUFFIX)]


def schema_paths(root: Path) -> list[Path]:
    return sorted((root / "schemas").glob(f"*{SCHEMA_SUFFIX}"))


def _invalid(path: Path, where: str | None, zh: str, en: str) -> LintProblem:
    return LintProblem(str(path), where, SCHEMA_INVALID, f"表单结构无效：{zh}", f"invalid schema: {en}")


def _read(path: Path) -> tuple[dict | None, list[LintProblem]]:
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return None, [_invalid(path, None, f"无法读取（{error}）", f"cannot be read ({error})")]
    except json.JSONDecodeError as error:
        where = f"第 {error.lineno} 行第 {error.colno} 列"
        return None, [_invalid(path, None, f"不是有效的 JSON（{where}：{error.msg}）",
                               f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})")]
    if not isinstance(schema, dict):
        return None, [_invalid(path, None, "顶层应为对象", "the top level must be an object")]
    return schema, []


def _meta_problems(path: Path, schema: dict) -> list[LintProblem]:
    import jsonschema

    meta = jsonschema.Draft202012Validator(jsonschema.Draft202012Validator.META_SCHEMA)
    problems = []
    for error in sorted(meta.iter_errors(schema), key=lambda e: [str(p) for p in e.absolute_path]):
        where = "/".join(str(p) for p in error.absolute_path) or None
        problems.append(_invalid(path, where, f"不符合 JSON Schema 2020-12 元模式（{error.message}）",
                                 f"does not match the JSON Schema 2020-12 meta-schema ({error.message})"))
    return problems


def _walk(schema: dict, prefix: str = ""):
    """(path, property schema, parent schema) for every property at every depth; table rows as `key[]`."""
    properties = schema.get("properties")
    if not isinstance(properties, dict):
        return
    for key, sub in properties.items():
        path = f"{prefix}{key}"
        yield path, sub, schema
        if not isinstance(sub, dict):
            continue
        if sub.get("type") == "array" and isinstance(sub.get("items"), dict):
            yield from _walk(sub["items"], f"{path}[].")
        else:
            yield from _walk(sub, f"{path}.")


def _shape_problems(path: Path, schema: dict, form_id: str) -> list[LintProblem]:
    problems = []
    if not isinstance(schema.get("properties"), dict) or not schema["properties"]:
        problems.append(_invalid(path, "properties", "缺少 properties（表单的字段）", "has no properties (the form's fields)"))
    declared = schema.get("x-form-id")
    if declared is not None and declared != form_id:
        problems.append(_invalid(path, "x-form-id", f"x-form-id 为 {declared}，与文件名 {form_id} 不符",
                                 f"x-form-id is {declared} but the file is named {form_id}"))
    containers = [("", schema)] + [(p + ("[]" if s.get("type") == "array" else ""),
                                    s.get("items", {}) if s.get("type") == "array" else s)
                                   for p, s, _ in _walk(schema) if isinstance(s, dict)]
    for prefix, container in containers:
        if not isinstance(container, dict):
            continue
        known = container.get("properties") or {}
        for key in container.get("required") or ():
            if key not in known:
                where = f"{prefix}.{key}" if prefix else key
                problems.append(_invalid(path, where, f"required 列出的字段 {key} 不在 properties 中（字段被删除了？）",
                                         f"required lists {key}, which is not among the properties (a dropped field?)"))
    return problems


def _special_problems(path: Path, schema: dict) -> list[LintProblem]:
    """What the schema declares special must exist: computations (x-derive) by a known name,
    reading fields the form has, and at most one approval table (x-approvals), an array."""
    from ..rulebook.computations import COMPUTATIONS

    problems = []
    properties = schema.get("properties") or {}
    for key, spec in properties.items():
        derive = spec.get("x-derive") if isinstance(spec, dict) else None
        for name, argument in (derive or {}).items() if isinstance(derive, dict) else ():
            computation = COMPUTATIONS.get(name)
            if computation is None:
                known = "、".join(sorted(COMPUTATIONS))
                problems.append(_invalid(path, key, f"x-derive 的计算 {name} 未知（可用：{known}）",
                                         f"x-derive names unknown computation {name} (known: {', '.join(sorted(COMPUTATIONS))})"))
                continue
            try:
                missing = [field for field in computation.inputs(argument) if field not in properties]
            except (TypeError, ValueError, IndexError):
                missing = [repr(argument)]
            for field in missing:
                problems.append(_invalid(path, key, f"x-derive 的 {name} 读取的字段 {field} 不存在",
                                         f"x-derive {name} reads field {field}, which the form does not have"))
    marked = [key for key, spec in properties.items() if isinstance(spec, dict) and "x-approvals" in spec]
    for key in marked:
        if properties[key].get("type") != "array" or properties[key].get("x-approvals") is not True:
            problems.append(_invalid(path, key, "x-approvals 只能标在表格（array）上，值为 true",
                                     "x-approvals marks a table (an array) and must be true"))
    if len(marked) > 1:
        problems.append(_invalid(path, marked[1], f"只能有一个审批表（x-approvals），现有：{'、'.join(marked)}",
                                 f"one approval table (x-approvals) at most; found {', '.join(marked)}"))
    return problems


def _title_problems(path: Path, schema: dict) -> list[LintProblem]:
    problems = []
    title = schema.get("title")
    if not (isinstance(title, str) and _CJK.search(title)):
        problems.append(LintProblem(str(path), "title", SCHEMA_TITLE_MISSING, "表单没有中文标题（title）",
                                    "the form has no Chinese title"))
    for where, sub, _ in _walk(schema):
        title = sub.get("title") if isinstance(sub, dict) else None
        if not (isinstance(title, str) and _CJK.search(title)):
            shown = f"“{title}”" if isinstance(title, str) else "（无）"
            problems.append(LintProblem(
                str(path), where, SCHEMA_TITLE_MISSING,
                f"字段 {where} 没有中文标题 title（现为 {shown}）：表上印不出标签，检查时也找不到它",
                f"field {where} has no Chinese title (now {title!r}): no printed label, and the checker cannot find it"))
    return problems


def load_forms(root: Path) -> tuple[dict[str, FormSpec], list[LintProblem]]:
    """The forms whose schema is usable for the other checks, and every schema problem."""
    forms: dict[str, FormSpec] = {}
    problems: list[LintProblem] = []
    for path in schema_paths(root):
        form_id = form_id_of(path)
        schema, found = _read(path)
        if schema is not None:
            found = _meta_problems(path, schema) or (_shape_problems(path, schema, form_id)
                                                     + _special_problems(path, schema))
        problems += found
        if schema is None:
            continue
        problems += _title_problems(path, schema)
        if not found:  # a broken schema would only make every later check fail in its own way
            forms[form_id] = FormSpec(form_id, path, root, schema)
    return forms, problems
