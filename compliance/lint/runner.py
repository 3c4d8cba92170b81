"""Run every check over one forms workspace and gather the problems, sorted."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ComplianceError, UsageError
from ..model.config import DEFAULT_CONFIG, Config
from ..model.workspace import FormSpec, Workspace, builtin_root
from . import citations, rules, samples, schemas, templates
from .problem import CONFIG_INVALID, FILE_ORPHAN, RULE_INVALID, RULE_UNKNOWN_FIELD, LintProblem
from .regulation_text import read_regulations


@dataclass(frozen=True)
class LintReport:
    root: str
    forms: tuple[str, ...]  # every form id with a schema file, usable or not
    problems: tuple[LintProblem, ...]

    @property
    def clean(self) -> bool:
        return not self.problems


class _LoadedWorkspace(Workspace):
    """The forms the gate loaded itself: one broken schema must not stop every sample check."""

    def __init__(self, forms: dict[str, FormSpec]) -> None:
        super().__init__(None, include_builtin=False)
        self._loaded = dict(sorted(forms.items()))

    @property
    def forms(self) -> dict[str, FormSpec]:
        return self._loaded


def _shown_root(root: Path) -> Path:
    """Paths in problems relative to the working folder when they can be: CI annotations need it."""
    try:
        return root.resolve().relative_to(Path.cwd().resolve()) if root.is_absolute() else root
    except ValueError:
        return root


def _orphans(root: Path, form_ids: set[str]) -> list[LintProblem]:
    """Templates, rule files and sample folders of no form: usually a form renamed on one side only."""
    candidates = [(p, p.stem) for p in sorted((root / "templates").glob("*.docx"))]
    candidates += [(p, p.stem) for p in sorted((root / "rules").glob("*.y*ml"))]
    folder = root / "samples"
    candidates += [(p, p.name) for p in sorted(folder.iterdir()) if p.is_dir()] if folder.is_dir() else []
    return [LintProblem(str(path), None, FILE_ORPHAN,
                        f"没有对应的表单结构 schemas/{form_id}.schema.json（表单改名了？）",
                        f"no schema schemas/{form_id}.schema.json belongs to it (a renamed form?)")
            for path, form_id in candidates if form_id not in form_ids and not form_id.startswith(".")]


def _checking_forms(root: Path, own: dict[str, FormSpec]) -> dict[str, FormSpec]:
    """What `compliance check --root` would know: the built-in forms, overridden by this folder's."""
    forms: dict[str, FormSpec] = {}
    if root.resolve() != builtin_root().resolve():
        try:
            forms.update(Workspace(None).forms)
        except ComplianceError:
            pass  # a broken built-in schema is the built-in gate's business, not this folder's
    forms.update(own)
    return forms


def _config_problems(config: Config, forms: dict[str, FormSpec]) -> list[LintProblem]:
    """The company settings must fit the rules they change: a known rule id, and parameters the
    rule's kind accepts once the overrides and role names are applied."""
    from ..errors import ConfigError
    from ..rulebook import load_rules

    where = str(config.path)
    problems, known = [], set()
    for form in forms.values():
        if not form.rules_path.is_file():
            continue
        try:
            rules = load_rules(form.rules_path, config.overrides(), dict(config.roles), form.approval_table,
                               settings_file=config.path)
        except ConfigError as error:
            problems.append(LintProblem(where, None, CONFIG_INVALID, error.message_zh, error.message_en))
            continue
        known |= {rule.id for rule in rules}
    known |= {rule.id for rule in _batch_rules_or_none(config) or ()}
    if problems:  # with a rule file that did not load, the known ids are incomplete
        return problems
    for rule_id in config.overrides():
        if rule_id not in known:
            problems.append(LintProblem(where, f'rules."{rule_id}"', CONFIG_INVALID,
                                        f"[rules.\"{rule_id}\"] 不是此工作区中已知的规则编号",
                                        f"[rules.\"{rule_id}\"] names no rule of this workspace"))
    return problems


def _role_problems(config: Config, workspace: Workspace) -> list[LintProblem]:
    """Each role [roles] renames must be one some rule names, in the forms `check` would know."""
    from ..rulebook import document_rules, roles_error, rules_for, unrenamed_roles

    if not config.roles:
        return []
    loaded = tuple(rule for form in workspace.forms.values() for rule in rules_for(form, config))
    loaded += document_rules(config)
    return [LintProblem(str(config.path), f"roles.{role}", CONFIG_INVALID, error.message_zh, error.message_en)
            for role in unrenamed_roles(loaded, config) for error in [roles_error(config, role, loaded)]]


def _batch_rules_or_none(config: Config):
    from ..audit.rules import batch_rules
    from ..errors import ConfigError

    try:
        return batch_rules(config)
    except ConfigError:
        return None


def _batch_rule_problems(root: Path, regulations: dict[str, frozenset[str]] | None) -> list[LintProblem]:
    """The batch rules of `audit` (the built-in workspace's batch-rules.yaml)."""
    from ..audit.kinds import BATCH_KINDS
    from ..errors import ConfigError
    from ..rulebook import BATCH_RULES_FILE, load_rules

    path = root / BATCH_RULES_FILE
    if not path.is_file():
        return []
    try:
        loaded = load_rules(path, kinds=BATCH_KINDS)
    except ConfigError as error:
        return [LintProblem(str(path), None, RULE_INVALID, error.message_zh, error.message_en)]
    return citations.check(path, loaded, regulations) if regulations is not None else []


def _batch_rule_names(config: Config, workspace: Workspace) -> list[LintProblem]:
    """Every form, field and rule a batch rule names must exist in the forms `audit` would
    check: a misspelt field would switch the rule off without a word. A name that comes from
    compliance.toml is blamed on it, one from the rule file on the file."""
    from ..audit.rules import batch_rules, unknown_names
    from ..errors import ConfigError
    from ..rulebook import BATCH_RULES_FILE

    try:
        loaded = batch_rules(config)
    except ConfigError as error:
        where = str(config.path) if config.path is not None else str(builtin_root() / BATCH_RULES_FILE)
        return [LintProblem(where, None, CONFIG_INVALID if config.path is not None else RULE_INVALID,
                            error.message_zh, error.message_en)]
    overrides = config.overrides()
    problems = []
    for rule_id, name, zh, en in unknown_names(loaded, workspace, config):
        from_config = config.path is not None and rule_id in overrides
        where = str(config.path) if from_config else str(builtin_root() / BATCH_RULES_FILE)
        problems.append(LintProblem(where, name, CONFIG_INVALID if from_config else RULE_UNKNOWN_FIELD, zh, en))
    return problems


def _document_rule_problems(root: Path, regulations: dict[str, frozenset[str]] | None) -> list[LintProblem]:
    """The rules every document is held to (the built-in workspace's document-rules.yaml)."""
    from ..errors import ConfigError
    from ..rulebook import DOCUMENT_RULES_FILE, load_rules
    from .problem import RULE_INVALID

    path = root / DOCUMENT_RULES_FILE
    if not path.is_file():
        return []
    try:
        loaded = load_rules(path)
    except ConfigError as error:
        return [LintProblem(str(path), None, RULE_INVALID, error.message_zh, error.message_en)]
    return citations.check(path, loaded, regulations) if regulations is not None else []


def lint_workspace(root: Path | None = None, config: Config = DEFAULT_CONFIG,
                   regulations: Path | None = None) -> LintReport:
    """Lint the forms in `root` (templates/, schemas/, rules/, samples/); the built-in ones if None.

    With a configuration, its rule overrides and role names are checked against the rules too;
    samples are always checked against the rules as their files say, which is what they document.
    With a folder of regulation texts, every clause a rule cites must be found there.
    """
    from ..rulebook import forget_rules

    root = _shown_root(Path(root) if root is not None else builtin_root())
    if not root.is_dir():
        raise UsageError(f"工作区目录不存在：{root}", f"workspace folder does not exist: {root}")
    if not (root / "schemas").is_dir():
        raise UsageError(f"{root} 不是表单工作区（没有 schemas/ 目录）",
                         f"{root} is not a forms workspace (it has no schemas/ folder)")
    forget_rules()  # rule files are read afresh: they may have changed in this process
    clauses = read_regulations(regulations) if regulations is not None else None
    form_ids = {schemas.form_id_of(p) for p in schemas.schema_paths(root)}
    forms, problems = schemas.load_forms(root)
    problems += _orphans(root, form_ids)
    workspace = _LoadedWorkspace(_checking_forms(root, forms))
    config_problems = _config_problems(config, forms) if config.path is not None else []
    if config.path is not None and not config_problems:
        config_problems = _role_problems(config, workspace)
    problems += config_problems
    problems += _document_rule_problems(root, clauses)
    problems += _batch_rule_problems(root, clauses)
    if not config_problems:  # settings that do not fit the rules are reported once, above
        problems += _batch_rule_names(config, workspace)
    for form in forms.values():
        form_rules, found = rules.check(form)
        problems += found
        if form_rules is not None and clauses is not None:
            problems += citations.check(form.rules_path, form_rules, clauses)
        template_problems = templates.check(form)
        problems += template_problems
        # Samples go through the template and the rules: with either broken they would only
        # repeat, less clearly, what is reported above.
        if form_rules is not None and not template_problems:
            problems += samples.check(form, workspace)
    return LintReport(str(root), tuple(sorted(form_ids)), tuple(sorted(problems, key=LintProblem.sort_key)))
