"""compliance.toml: an office's own thresholds, role names and grade bands.

    root = "forms"                                   # an office workspace (like --root)
    [rules."reimbursement.collective-decision"]      # any rule's params, by rule id
    at_least = 100000
    [roles]                                          # a role renamed in every rule
    "公司领导" = "总经理"
    [grades]                                         # lowest score of each grade
    "优秀" = 95
    [aliases.titles]                                 # an office's own titles and labels
    reimbursement = ["差旅报销审批单"]
    [aliases.labels.reimbursement]
    department = ["科室"]
    [score_weights]
    manager = 0.5
    peer = 0.3
    self = 0.2

A key the file does not know is an error naming it: a typo must not silently keep a default.
"""
from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from .aliases import parse_aliases
from .settings import DEFAULT_SETTINGS, ScoreWeights, Settings

FILE_NAME = "compliance.toml"
_TOP_KEYS = {"root", "rules", "roles", "grades", "score_weights", "aliases"}


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    root: Path | None = None
    rule_params: str = "{}"  # JSON of {rule id: {param: value}}, kept as text so Config hashes
    roles: tuple[tuple[str, str], ...] = ()
    settings: Settings = field(default_factory=lambda: DEFAULT_SETTINGS)
    aliases: str = '{"labels": {}, "titles": {}}'  # JSON: the office's title and label aliases

    def overrides(self) -> dict[str, dict]:
        return json.loads(self.rule_params)


DEFAULT_CONFIG = Config()  # no compliance.toml: the rules as their files say


def _error(path: Path, key: str, zh: str, en: str) -> ConfigError:
    return ConfigError(f"配置文件 {path}：{key} {zh}", f"config file {path}: {key} {en}")


def _load_toml(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"无法读取配置文件 {path}：{error}", f"cannot read config file {path}: {error}") from None


def _is_number(value) -> bool:
    """A finite number: TOML's true is no score, and a band at nan would never be reached."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _shown(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _table(path: Path, key: str, table) -> dict:
    if not isinstance(table, dict):
        raise _error(path, key, f"应为表（[{key.strip('[]')}]），而不是 {_shown(table)}",
                     f"must be a table ([{key.strip('[]')}]), not {_shown(table)}")
    return table


def _grades(path: Path, table) -> tuple[tuple[float, str], ...]:
    for grade, lowest in _table(path, "[grades]", table).items():
        if not _is_number(lowest):
            raise _error(path, f"[grades].{grade}", f"应为最低分（数值），而不是 {_shown(lowest)}",
                         f"must be the grade's lowest score (a number), not {_shown(lowest)}")
    return tuple(sorted(((float(v), k) for k, v in table.items()), reverse=True))


def _weights(path: Path, table) -> ScoreWeights:
    known = {"manager", "peer", "self"}
    unknown = set(_table(path, "[score_weights]", table)) - known
    if unknown:
        raise _error(path, f"[score_weights].{sorted(unknown)[0]}", "是未知的键（可用 manager、peer、self）",
                     "is not a known key (manager, peer, self)")
    for key, weight in table.items():
        if not _is_number(weight) or weight < 0:
            raise _error(path, f"[score_weights].{key}", f"应为不小于 0 的数值，而不是 {_shown(weight)}",
                         f"must be a number of at least 0, not {_shown(weight)}")
    base = ScoreWeights()
    return ScoreWeights(float(table.get("manager", base.manager)), float(table.get("peer", base.peer)),
                        float(table.get("self", base.self_)))


def _roles(path: Path, table) -> dict:
    for role, renamed in _table(path, "[roles]", table).items():
        if not isinstance(renamed, str) or not renamed.strip():
            raise _error(path, f"[roles].{role}", f"应为新的角色名称（文字），而不是 {_shown(renamed)}",
                         f"must be the role's new name (text), not {_shown(renamed)}")
    return table


def _rule_overrides(path: Path, table) -> dict:
    for rule_id, params in _table(path, "[rules]", table).items():
        if not isinstance(params, dict):
            raise _error(path, f'[rules."{rule_id}"]', f"应为该规则参数的表，而不是 {_shown(params)}",
                         f"must be a table of the rule's parameters, not {_shown(params)}")
    return table


def _root(path: Path, root) -> Path | None:
    if root is None:
        return None
    if not isinstance(root, str) or not root.strip():
        raise _error(path, "root", f"应为工作区目录的路径（文字），而不是 {_shown(root)}",
                     f"must be the path of a workspace folder (text), not {_shown(root)}")
    return path.parent / root


def load_config(path: Path | None, search: bool = True) -> Config:
    """The named file, else compliance.toml in the working folder, else defaults."""
    if path is None:
        candidate = Path.cwd() / FILE_NAME
        if not (search and candidate.is_file()):
            return Config()
        path = candidate
    elif not path.is_file():
        raise ConfigError(f"配置文件不存在：{path}", f"config file not found: {path}")
    document = _load_toml(path)
    for key in document:
        if key not in _TOP_KEYS:
            raise _error(path, key, f"是未知的键（可用：{'、'.join(sorted(_TOP_KEYS))}）",
                         f"is not a known key (known: {', '.join(sorted(_TOP_KEYS))})")
    rules = _rule_overrides(path, document.get("rules", {}))
    roles = _roles(path, document.get("roles", {}))
    settings = DEFAULT_SETTINGS
    if "grades" in document:
        settings = Settings(_grades(path, document["grades"]), settings.score_weights)
    if "score_weights" in document:
        settings = Settings(settings.grade_bands, _weights(path, document["score_weights"]))
    root = _root(path, document.get("root"))
    aliases = parse_aliases(path, document["aliases"]) if "aliases" in document else Config.aliases
    return Config(path=path, root=root,
                  rule_params=json.dumps(rules, ensure_ascii=False, sort_keys=True),
                  roles=tuple(sorted(roles.items())), settings=settings, aliases=aliases)
