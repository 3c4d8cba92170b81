"""Rule files (rules/<form>.yaml): validated once at load, loudly, then frozen.

Unknown keys, unknown check kinds, bad parameters and duplicate ids are errors naming the file
and the rule; a broken rule file stops the run (exit 2) rather than checking less than it says.
"""
from __future__ import annotations

from pathlib import Path

from .checks import KINDS
from .checks.base import Rule
from .errors import ComplianceError, ConfigError
from .findings import SEVERITIES

RULE_FILE_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["form", "rules"],
    "properties": {
        "form": {"type": "string"},
        "description": {"type": "string"},
        "rules": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "kind", "clause", "message"],
            "properties": {
                "id": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9.\-]*$"},
                "kind": {"type": "string"},
                "severity": {"enum": list(SEVERITIES)},
                "clause": {"type": "string", "minLength": 3},
                "code": {"type": "string", "pattern": r"^[a-z][a-z\-]*$"},
                "message": {"type": "object", "additionalProperties": False, "required": ["zh", "en"],
                            "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}},
                "params": {"type": "object"},
            },
        }},
    },
}


def _fail(path: Path, zh: str, en: str) -> ConfigError:
    return ConfigError(f"规则文件 {path}：{zh}", f"rule file {path}: {en}")


def _validate(instance, schema, path: Path, where: str) -> None:
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(instance), key=lambda e: list(e.path))
    if errors:
        error = errors[0]
        location = where + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        raise _fail(path, f"{location} 不符合规则格式：{error.message}", f"{location} is invalid: {error.message}")


def _rename_roles(params: dict, renames: dict[str, str]) -> dict:
    if not renames:
        return params
    renamed = dict(params)
    for key in ("chain", "roles"):
        if key in renamed:
            renamed[key] = [renames.get(role, role) for role in renamed[key]]
    if "extra_when" in renamed:
        renamed["extra_when"] = [dict(c, roles=[renames.get(r, r) for r in c["roles"]]) for c in renamed["extra_when"]]
    return renamed


def load_rules(path: Path, overrides: dict[str, dict] | None = None,
               renames: dict[str, str] | None = None) -> tuple[Rule, ...]:
    from .safety.data_limits import load_yaml_safely

    try:
        document = load_yaml_safely(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError) as error:
        raise _fail(path, f"无法读取（{error}）", f"cannot be read ({error})") from error
    except ComplianceError as error:  # a YAML syntax error, reported with its position
        raise ConfigError(error.message_zh, error.message_en) from None
    _validate(document, RULE_FILE_SCHEMA, path, "")
    rules, seen = [], set()
    for number, entry in enumerate(document["rules"]):
        where = f"rules[{number}] ({entry['id']})"
        if entry["id"] in seen:
            raise _fail(path, f"规则编号重复：{entry['id']}", f"duplicate rule id: {entry['id']}")
        seen.add(entry["id"])
        module = KINDS.get(entry["kind"])
        if module is None:
            known = ", ".join(sorted(KINDS))
            raise _fail(path, f"{where} 未知的检查类型 {entry['kind']}（可用：{known}）",
                        f"{where} has unknown kind '{entry['kind']}' (known: {known})")
        params = dict(entry.get("params", {}))
        params.update((overrides or {}).get(entry["id"], {}))
        params = _rename_roles(params, renames or {})
        _validate(params, module.PARAMS, path, f"{where}.params")
        rules.append(Rule(
            id=entry["id"], kind=entry["kind"], severity=entry.get("severity", "error"),
            clause=entry["clause"], message_zh=entry["message"]["zh"], message_en=entry["message"]["en"],
            params=params, code=entry.get("code"),
        ))
    return tuple(rules)


def approval_roles(rules: tuple[Rule, ...]) -> tuple[str, ...]:
    """Every role any rule names: the reader uses them to recognise approval rows."""
    roles: list[str] = []
    for rule in rules:
        params = rule.params
        roles += params.get("chain", []) + params.get("roles", [])
        for condition in params.get("extra_when", ()):
            roles += condition["roles"]
    return tuple(dict.fromkeys(roles))


def field_paths(rules: tuple[Rule, ...]) -> list[tuple[str, str]]:
    """(rule id, field path) for every field a rule names, for the template gate."""
    names = ("field", "person", "figure", "words", "earlier", "later", "table", "score", "grade")
    found = []
    for rule in rules:
        params = rule.params
        for name in names:
            if isinstance(params.get(name), str):
                found.append((rule.id, params[name]))
        for name in ("against", "require", "fields"):
            found += [(rule.id, p) for p in params.get(name, ())]
        for condition in [*params.get("extra_when", ()), *([params["or_when"]] if "or_when" in params else [])]:
            found.append((rule.id, condition["field"]))
    return found
