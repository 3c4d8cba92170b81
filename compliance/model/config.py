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


def _grades(path: Path, table) -> tuple[tuple[float, str], ...]:
    if not isinstance(table, dict) or not all(isinstance(v, (int, float)) for v in table.values()):
        raise _error(path, "[grades]", "应为“等级 = 最低分”", "must map each grade to its lowest score")
    return tuple(sorted(((float(v), k) for k, v in table.items()), reverse=True))


def _weights(path: Path, table) -> ScoreWeights:
    known = {"manager", "peer", "self"}
    unknown = set(table) - known if isinstance(table, dict) else {"?"}
    if unknown:
        raise _error(path, f"[score_weights].{sorted(unknown)[0]}", "是未知的键（可用 manager、peer、self）",
                     "is not a known key (manager, peer, self)")
    base = ScoreWeights()
    return ScoreWeights(float(table.get("manager", base.manager)), float(table.get("peer", base.peer)),
                        float(table.get("self", base.self_)))


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
    rules = document.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise _error(path, "[rules]", "应为“[rules.\"规则编号\"]”表", "must hold [rules.\"rule-id\"] tables")
    roles = document.get("roles", {})
    if not isinstance(roles, dict) or not all(isinstance(v, str) for v in roles.values()):
        raise _error(path, "[roles]", "应为“原角色 = 新角色”", "must map role names to role names")
    settings = DEFAULT_SETTINGS
    if "grades" in document:
        settings = Settings(_grades(path, document["grades"]), settings.score_weights)
    if "score_weights" in document:
        settings = Settings(settings.grade_bands, _weights(path, document["score_weights"]))
    root = document.get("root")
    aliases = parse_aliases(path, document["aliases"]) if "aliases" in document else Config.aliases
    return Config(path=path, root=(path.parent / root) if isinstance(root, str) else None,
                  rule_params=json.dumps(rules, ensure_ascii=False, sort_keys=True),
                  roles=tuple(sorted(roles.items())), settings=settings, aliases=aliases)
