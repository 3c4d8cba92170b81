"""Rule files (rules/<form>.yaml): validated once at load, loudly, then frozen.

Unknown keys, unknown check kinds, bad parameters and duplicate ids are errors naming the file
and the rule; a broken rule file stops the run (exit 2) rather than checking less than it says.
"""
from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ComplianceError, ConfigError
from ..model.findings import SEVERITIES
from ..model.textnorm import label_key
from .kinds import KINDS
from .kinds.base import Rule
from .kinds.meaning import ROLE, Named, named, renamed, with_defaults

if TYPE_CHECKING:
    from ..model.config import Config
    from ..model.workspace import FormSpec, Workspace

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
                # Parameters whose numbers the company chose (the regulations give none), or
                # compliance.toml tables such as "[grades]" that the rule's numbers come from.
                "company_setting": {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True},
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


_TYPES = {"number": "数值", "integer": "整数", "string": "文字", "array": "列表（[…]）", "object": "表", "boolean": "true 或 false"}


def _setting_error(settings_file: Path | None, rule_id: str, key: str, zh: str, en: str) -> ConfigError:
    """A problem of an override in compliance.toml: blamed on that file and its key, not on the
    rule file the override was merged into."""
    where = settings_file or "compliance.toml"
    return ConfigError(f"配置文件 {where}：[rules.\"{rule_id}\"] {key} {zh}",
                       f"config file {where}: [rules.\"{rule_id}\"] {key} {en}")


def _check_override(settings_file: Path | None, rule_id: str, own: dict, params: dict, schema: dict) -> None:
    """The company's parameters for one rule: keys the kind knows, values of the kinds it takes."""
    import jsonschema

    known = schema.get("properties", {})
    for key in own:
        if key not in known:
            raise _setting_error(settings_file, rule_id, key, f"不是此规则的参数（可用：{'、'.join(known)}）",
                                 f"is not a parameter of this rule (known: {', '.join(known)})")
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(params), key=lambda e: list(e.path))
    if errors:
        error = errors[0]
        key = ".".join(map(str, error.absolute_path)) or ", ".join(own)
        wanted = _TYPES.get(error.validator_value) if error.validator == "type" and isinstance(error.validator_value, str) else None
        zh = f"应为{wanted}，而不是 {error.instance!r}" if wanted else f"的值不符合要求：{error.message}"
        raise _setting_error(settings_file, rule_id, key, zh, f"is invalid: {error.message}")


def load_rules(path: Path, overrides: dict[str, dict] | None = None,
               renames: dict[str, str] | None = None, approval_table: str | None = None,
               kinds: dict | None = None, settings_file: Path | None = None) -> tuple[Rule, ...]:
    """The rules of one file, with the company's overrides and role names applied and each
    kind's defaults filled in (the approval table: the form's own, declared in its schema).
    A fault of an override is blamed on `settings_file` (the compliance.toml it came from)."""
    from ..safety.data_limits import load_yaml_safely

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
        module = (kinds or KINDS).get(entry["kind"])
        if module is None:
            known = ", ".join(sorted(kinds or KINDS))
            raise _fail(path, f"{where} 未知的检查类型 {entry['kind']}（可用：{known}）",
                        f"{where} has unknown kind '{entry['kind']}' (known: {known})")
        own = (overrides or {}).get(entry["id"], {})
        params = _params(module.PARAMS, {**entry.get("params", {})}, renames, approval_table)
        _validate(params, module.PARAMS, path, f"{where}.params")  # the file's own, as it stands
        if own:
            params = _params(module.PARAMS, {**entry.get("params", {}), **own}, renames, approval_table)
            _check_override(settings_file, entry["id"], own, params, module.PARAMS)
        for name, value in _numbers(params):
            if not math.isfinite(value):  # TOML and YAML both spell nan and inf: a threshold of nan never fires
                if name.split(".")[0].split("[")[0] in own:
                    raise _setting_error(settings_file, entry["id"], name, f"不是有限的数值（{value}）",
                                         f"is not a finite number ({value})")
                raise _fail(path, f"{where}.params.{name} 不是有限的数值（{value}）", f"{where}.params.{name} is not a finite number ({value})")
        rules.append(Rule(
            id=entry["id"], kind=entry["kind"], severity=entry.get("severity", "error"),
            clause=entry["clause"], message_zh=entry["message"]["zh"], message_en=entry["message"]["en"],
            params=params, code=entry.get("code"),
            company_setting=_setting_keys(path, where, entry, params),
        ))
    return tuple(rules)


def _params(schema: dict, params: dict, renames: dict[str, str] | None, approval_table: str | None) -> dict:
    """A rule's parameters with the company's role names and the kind's defaults applied."""
    if renames:
        params = renamed(schema, params, ROLE, lambda role: renames.get(role, role))
    return with_defaults(schema, params, approval_table)


SETTING_TABLES = ("[grades]", "[score_weights]")  # compliance.toml tables of company settings


def _setting_keys(path: Path, where: str, entry: dict, params: dict) -> tuple[str, ...]:
    """The compliance.toml key of each company setting a rule declares: a parameter of its own
    (`[rules."id"] at_least`) or a whole table of settings (`[grades]`)."""
    keys, rule_id = [], entry["id"]
    for name in entry.get("company_setting", ()):
        if name in SETTING_TABLES:
            keys.append(name)
        elif name in params:
            keys.append(f'[rules."{rule_id}"] {name}')
        else:
            raise _fail(path, f"{where}.company_setting 中的 {name} 不是此规则的参数",
                        f"{where}.company_setting names {name}, which is not a parameter of this rule")
    return tuple(keys)


_ROLES: dict[int, tuple[tuple[Rule, ...], tuple[str, ...]]] = {}


def _numbers(value: Any, prefix: str = "") -> Iterator[tuple[str, float]]:
    """(path, number) for every float in a parameter value, at any depth."""
    if isinstance(value, float):
        yield prefix, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _numbers(item, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _numbers(item, f"{prefix}[{index}]")


def approval_roles(rules: tuple[Rule, ...]) -> tuple[str, ...]:
    """Every role any rule names: the reader uses them to recognise approval rows.

    Worked out once per loaded rule set (keyed by identity: rule sets are loaded once per file
    and configuration, and equal-looking rules may name different roles under another config).
    """
    cached = _ROLES.get(id(rules))
    if cached is None or cached[0] is not rules:
        roles = [n.value for rule in rules for n in named(KINDS[rule.kind].PARAMS, rule.params) if n.what == ROLE]
        if len(_ROLES) >= _CACHED_RULE_SETS:  # rule sets dropped from the cache above are not kept alive here
            _ROLES.clear()
        cached = _ROLES[id(rules)] = (rules, tuple(dict.fromkeys(roles)))
    return cached[1]


def named_in(rules: tuple[Rule, ...]) -> list[tuple[str, Named]]:
    """(rule id, what it names) for every field, table, column and role of every rule."""
    return [(rule.id, n) for rule in rules for n in named(KINDS[rule.kind].PARAMS, rule.params)]


def required_roles(rules: tuple[Rule, ...], value: Callable[[str], Any]) -> list[str]:
    """The roles the rules demand of one form, in order, asked of each kind that demands roles:
    the generator prints a signing row for each, the checker requires each signed. A role that a
    kind's `role_order(rule)` places (an approval chain) takes its place there, whichever rule
    demands it: the rows keep the order the chain is checked in."""
    roles: list[str] = []
    for rule in rules:
        demand = getattr(KINDS[rule.kind], "required_roles", None)
        if demand is not None:
            roles += demand(rule, value)
    roles = list(dict.fromkeys(roles))
    rank: dict[str, int] = {}
    for rule in rules:
        for role in getattr(KINDS[rule.kind], "role_order", lambda _rule: ())(rule):
            rank.setdefault(role, len(rank))
    placed = iter(sorted((role for role in roles if role in rank), key=rank.__getitem__))
    return [next(placed) if role in rank else role for role in roles]


DOCUMENT_RULES_FILE = "document-rules.yaml"
BATCH_RULES_FILE = "batch-rules.yaml"  # the rules of `audit`, read here only for their ids

# Rule sets by what they are made of: the rule file and the parts of compliance.toml that change
# rules (overrides and role names, kept in the config as plain strings whose hashes Python caches).
# A worker that checks files sent from elsewhere gets a new but equal Config with every file (a
# Dask task unpickles one each time): keyed by content, it still loads each rule file once. The
# cache is bounded: a long-lived worker serving many offices does not grow without end.
_LOADED: OrderedDict[tuple, tuple[Rule, ...]] = OrderedDict()
_CACHED_RULE_SETS = 128


def _rules_key(config: Config) -> tuple:
    return (config.rule_params, config.roles)


def _cached(key: tuple, load: Callable[[], tuple[Rule, ...]]) -> tuple[Rule, ...]:
    rules = _LOADED.get(key)
    if rules is None:
        rules = _LOADED[key] = load()
        while len(_LOADED) > _CACHED_RULE_SETS:
            _LOADED.popitem(last=False)
    else:
        _LOADED.move_to_end(key)
    return rules


def document_rules(config: Config) -> tuple[Rule, ...]:
    """The rules every laid-out document is held to, a known form or not (the seal rules)."""
    from ..model.workspace import builtin_root

    def load() -> tuple[Rule, ...]:
        return load_rules(builtin_root() / DOCUMENT_RULES_FILE, config.overrides(), dict(config.roles),
                          settings_file=config.path)

    return _cached((DOCUMENT_RULES_FILE, None, _rules_key(config)), load)


def rules_for(form: FormSpec, config: Config) -> tuple[Rule, ...]:
    """A form's rules under a configuration, loaded once per (file, configuration content),
    followed by each document rule of a kind the form's own file does not already hold."""

    def load() -> tuple[Rule, ...]:
        path = form.rules_path
        own = (load_rules(path, config.overrides(), dict(config.roles), form.approval_table, settings_file=config.path)
               if path.is_file() else ())
        kinds = {rule.kind for rule in own}
        return own + tuple(rule for rule in document_rules(config) if rule.kind not in kinds)

    return _cached((form.rules_path, form.approval_table, _rules_key(config)), load)


def unrenamed_roles(rules: tuple[Rule, ...], config: Config) -> list[str]:
    """The roles [roles] of compliance.toml renames that no rule names: a misspelt role would keep
    the rules' own name without a word. `rules` are loaded under the config, so a role that was
    renamed shows its new name there."""
    named_now = {label_key(role) for role in approval_roles(rules)}
    return [old for old, new in config.roles if label_key(new) not in named_now]


def roles_error(config: Config, role: str, rules: tuple[Rule, ...]) -> ConfigError:
    renamed_to = {new for _old, new in config.roles}
    known = "、".join(role for role in approval_roles(rules) if role not in renamed_to)
    return ConfigError(f"配置文件 {config.path}：[roles] 中的“{role}”不是任何规则中的审批环节（规则中的环节：{known}）",
                       f"config file {config.path}: [roles] renames '{role}', which no rule names as a role "
                       f"(the rules' roles: {known})")


def check_overrides(workspace: Workspace, config: Config) -> None:
    """Every rule id and role named in compliance.toml must exist: a typo must not keep the default."""
    rules = tuple(rule for form in workspace.forms.values() for rule in rules_for(form, config))
    rules += document_rules(config)
    known = {rule.id for rule in rules} | _batch_rule_ids()
    for rule_id in config.overrides():
        if rule_id not in known:
            raise ConfigError(f"配置文件 {config.path}：[rules.\"{rule_id}\"] 不是已知的规则编号",
                              f"config file {config.path}: [rules.\"{rule_id}\"] names no known rule")
    for role in unrenamed_roles(rules, config):
        raise roles_error(config, role, rules)


def _batch_rule_ids() -> set[str]:
    """The ids of the batch rules, without their kinds (which belong to `audit`, above this
    layer): `audit` itself validates their parameters when it loads them."""
    from ..model.workspace import builtin_root
    from ..safety.data_limits import load_yaml_safely

    path = builtin_root() / BATCH_RULES_FILE
    document = load_yaml_safely(path.read_text(encoding="utf-8"), str(path))
    entries = document.get("rules") if isinstance(document, dict) else None
    return {entry["id"] for entry in entries or () if isinstance(entry, dict) and isinstance(entry.get("id"), str)}


def forget_rules() -> None:
    """Read rule files afresh next time (they may have changed, as in the template gate)."""
    _LOADED.clear()
    _ROLES.clear()
