"""JSON Schema validation with our own messages in both languages (never raw jsonschema English)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .canonical import FIELD_INVALID, FIELD_MISSING, DataProblem
from .fields import FieldTree
from .handwriting import Unread


@lru_cache(maxsize=64)
def _validator(schema_json: str):
    import json

    import jsonschema

    schema = json.loads(schema_json)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validator_for(schema: dict):
    import json

    return _validator(json.dumps(schema, sort_keys=True, ensure_ascii=False))


@lru_cache(maxsize=64)
def _fast_validator(schema_json: str):
    import json

    import jsonschema_rs

    return jsonschema_rs.validator_for(json.loads(schema_json), validate_formats=True)


_FAST_BY_SCHEMA: dict[int, tuple[dict, Any]] = {}


def _is_valid(schema: dict, data: dict) -> bool:
    """The compiled validator answers 'valid?' in microseconds; python-jsonschema, which explains
    each error with its path, runs only when the answer is no."""
    import json

    entry = _FAST_BY_SCHEMA.get(id(schema))
    if entry is None or entry[0] is not schema:  # keyed by identity: schemas are loaded once
        entry = (schema, _fast_validator(json.dumps(schema, sort_keys=True, ensure_ascii=False)))
        _FAST_BY_SCHEMA[id(schema)] = entry
    return entry[1].is_valid(data)


def _path_text(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _message(error) -> tuple[str, str, str, str | None]:
    """(code, zh, en, extra path part) for one jsonschema error."""
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "required":
        # jsonschema reports each missing property as its own error; its name is in the message.
        named = re.match(r"^'(.+)' is a required property", error.message)
        missing = named.group(1) if named else ""
        return FIELD_MISSING, "必填项未填写", "required field is missing", missing
    if kind == "enum":
        options = "、".join(map(str, value))
        return FIELD_INVALID, f"「{instance}」不在可选值内（{options}）", f"'{instance}' is not one of: {', '.join(map(str, value))}", None
    if kind == "format":
        return FIELD_INVALID, f"「{instance}」格式不正确（{value}）", f"'{instance}' is not a valid {value}", None
    if kind == "type":
        return FIELD_INVALID, f"类型不正确，应为 {value}", f"wrong type, expected {value}", None
    if kind == "minimum":
        return FIELD_INVALID, f"不能小于 {value}", f"must be at least {value}", None
    if kind == "maximum":
        return FIELD_INVALID, f"不能大于 {value}", f"must be at most {value}", None
    if kind == "minItems":
        return FIELD_MISSING, f"至少需要 {value} 行", f"needs at least {value} row(s)", None
    if kind == "minLength":
        return FIELD_MISSING, "不能为空", "must not be empty", None
    if kind == "additionalProperties":
        return FIELD_INVALID, "含有未知字段", "has unknown fields", None
    return FIELD_INVALID, f"不符合要求（{kind}）", f"does not satisfy '{kind}'", None


def _plain(value, path: tuple, unread: set[tuple]):
    """The data with plain strings for the validators, and the paths of handwriting not read."""
    if isinstance(value, Unread):
        unread.add(path)
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item, (*path, key), unread) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item, (*path, index), unread) for index, item in enumerate(value)]
    return value


def validate(schema: dict, tree: FieldTree, data: dict) -> list[DataProblem]:
    unread: set[tuple] = set()
    data = _plain(data, (), unread)
    if _is_valid(schema, data):
        return []
    problems = []
    for error in validator_for(schema).iter_errors(data):
        if tuple(error.absolute_path) in unread:
            continue  # handwriting not read is reported once, as handwriting-unreadable
        code, zh, en, extra = _message(error)
        parts = list(error.absolute_path) + ([extra] if extra else [])
        path = _path_text(parts)
        problems.append(DataProblem(path, tree.title_of_path(path) if path else "", code, zh, en))
    return sorted(problems, key=lambda p: (p.path, p.code))
