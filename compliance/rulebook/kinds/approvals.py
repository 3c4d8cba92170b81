"""kind: approvals — every required role signed by a person and dated, approving without
condition, in chain order, one person to one role, dates never going back.

params:
  chain: roles in the order they must approve
  optional: roles of `chain` this rule does not itself require — `extra_when` or another rule
            (a threshold) does, when its condition holds; a row for one, when present, still
            keeps its place in the chain: row order and dates (法务审核 between 部门负责人 and
            公司领导, required only for an important contract)
  extra_when: roles also required when a field has a value, e.g. 法务审核 for 合同专用章
  table: the approval table (default: the one the form's schema declares with x-approvals)
  not_before: a date field (the application date) no approval may precede
  conditional_severity: how a conditional or pending opinion (拟同意, 同意但须…) is reported

A row counts as signed only when its 审批人 holds a name (not `/`, 无, （签字）, the label itself or
invisible characters) — or, that cell empty, when a name is signed into its opinion (同意。 签字：
李卫东) — and as an approval only when its opinion neither rejects (不能同意, 驳回…, read by the
grammar of model/opinions: `approval-rejected`) nor sets a condition (`approval-conditional`). An
empty opinion with a name and a date approves. No approval may be dated after the day of the
check (`--as-of`). A role cell may add words to the role (财务审核意见, 部门负责人审批, 公司领导签字).

Every signed row is judged, not only the first of each required role: a later row of the same role
that refuses, an optional role's refusal (法务审核 不同意 for a 公章) or a role no rule names leaves
the form unapproved. One person signs for one role of the chain, optional roles included.

Besides `required_roles`, the kind gives `role_order(rule)` (its chain): `rulebook.required_roles`
puts every demanded role the chain names in that order, whichever rule demands it, so that the
signing rows of a blank form come out in the order this kind checks.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ...model.approval_text import CONDITIONAL, REJECTS, opinion_verdict, role_named, signature_name, split_signature
from ...model.findings import SEVERITIES, Finding
from ...model.textnorm import label_key
from .base import Context, Rule, blank, date_of

KIND = "approvals"
PARAMS = {
    "type": "object", "additionalProperties": False, "required": ["chain", "table"],
    "properties": {
        "table": {"type": "string", "x-names": "table", "x-default": "approval-table", "x-columns": ["role", "approver", "date"]},
        "chain": {"type": "array", "items": {"type": "string", "x-names": "role"}, "minItems": 1},
        "optional": {"type": "array", "items": {"type": "string", "x-names": "role"}},
        "extra_when": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["field", "in", "roles"],
            "properties": {"field": {"type": "string", "x-names": "field"}, "in": {"type": "array"},
                           "roles": {"type": "array", "items": {"type": "string", "x-names": "role"}}}}},
        "not_before": {"type": "string", "x-names": "field"},
        "conditional_severity": {"enum": list(SEVERITIES), "default": "error"},
    },
}


def required_roles(rule: Rule, value: Callable[[str], Any]) -> list[str]:
    """The roles this rule demands for a form whose values `value` reads: the chain's (an
    optional one only when `extra_when` asks for it) in chain order, then other extra roles."""
    chain = list(rule.params["chain"])
    optional = {label_key(role) for role in rule.params.get("optional", ())}
    extra = [role for condition in rule.params.get("extra_when", ())
             if value(condition["field"]) in condition["in"] for role in condition["roles"]]
    wanted = {label_key(role) for role in extra}
    in_chain = {label_key(role) for role in chain}
    roles = [role for role in chain if label_key(role) not in optional or label_key(role) in wanted]
    return list(dict.fromkeys(roles + [role for role in extra if label_key(role) not in in_chain]))


def role_order(rule: Rule) -> list[str]:
    """The order the rule's roles sign in, optional ones included: the generator prints signing
    rows in it, whichever rule demands a role (a threshold's 法务审核 goes before 公司领导)."""
    return list(rule.params["chain"])


def rows_by_role(ctx: Context, table: str, roles: Iterable[str]) -> dict[str, tuple[int, dict]]:
    """The first row of each role, by the label key of the role: one of `roles` however its cell
    words it (财务审核, 財務審核, 财务审核意见: approval_text.role_named), any other as written."""
    found: dict[str, tuple[int, dict]] = {}
    wanted = list(roles)
    for index, row in _rows(ctx, table):
        if not row.get("role"):
            continue
        role = role_named(row["role"], wanted) or str(row["role"])
        found.setdefault(label_key(role), (index, row))
    return found


def _rows(ctx: Context, table: str) -> list[tuple[int, dict]]:
    return [(index, row) for index, row in enumerate(ctx.value(table) or ()) if isinstance(row, dict)]


def signer(row: dict) -> str | None:
    """The comparable name of who signed the row; None when it holds no name. A name signed into
    the opinion cell (同意。 签字：李卫东) signs the row when the 审批人 cell is empty."""
    labels = (str(row.get("role") or ""), "审批人", "签字", "签名")
    name = signature_name(row.get("approver"), labels)
    if name is None and blank(row.get("approver")) and isinstance(row.get("opinion"), str):
        written = split_signature(row["opinion"])[1]
        name = signature_name(written, labels) if written else None
    return name


def signed(row: dict) -> bool:
    return signer(row) is not None and not blank(row.get("date"))


# The findings by which a form's approval falls short: a document that has one is not approved,
# whoever asks (`audit` asks this, so that a batch counts as approved exactly what `check` does).
NOT_APPROVED = frozenset({"approval-missing", "approval-rejected", "approval-conditional", "amount-threshold"})


def approves(row: dict) -> bool:
    """Whether one approval row is an approval as `judge` sees it: signed by a name, dated, and
    neither rejecting nor setting a condition."""
    return signed(row) and opinion_verdict(row.get("opinion")) not in (REJECTS, CONDITIONAL)


def judge(ctx: Context, rule: Rule, table: str, index: int, role: str, row: dict, missing_code: str,
          missing_path: str | None = None) -> Iterator[Finding]:
    """Findings for one required role's row: unsigned or undated, rejected, or conditional."""
    if not signed(row):
        yield from unsigned(ctx, rule, table, index, role, row, missing_code, missing_path)
        return
    yield from opinion_findings(ctx, rule, table, index, role, row)


def opinion_findings(ctx: Context, rule: Rule, table: str, index: int, role: str, row: dict) -> Iterator[Finding]:
    """What one signed row's opinion says, if it is no approval: rejected or conditional. A row
    another rule has judged already (the chain's row that a threshold also demands) is not
    reported twice."""
    if ctx.judged.setdefault((table, index), rule.id) != rule.id:
        return
    verdict = opinion_verdict(row.get("opinion"))
    where = f"{table}[{index}].opinion"
    if verdict == REJECTS:
        yield ctx.finding(rule, "approval-rejected", where, f"“{role}”的意见为“{row.get('opinion')}”，不是批准",
                          f"the '{role}' opinion '{row.get('opinion')}' rejects; it is no approval")
    elif verdict == CONDITIONAL:
        yield ctx.finding(rule, "approval-conditional", where,
                          f"“{role}”的意见“{row.get('opinion')}”附有条件或尚未决定，不是批准",
                          f"the '{role}' opinion '{row.get('opinion')}' is conditional or pending; it is no approval yet",
                          severity=rule.params.get("conditional_severity", "error"))


def missing_role(ctx: Context, rule: Rule, table: str, role: str, code: str, zh_why: str = "", en_why: str = ""):
    yield ctx.finding(rule, code, f"{table}", f"缺少“{role}”审批{zh_why}", f"approval by '{role}' is missing{en_why}")


def unsigned(ctx: Context, rule: Rule, table: str, index: int, role: str, row: dict, code: str,
             path: str | None = None):
    lacking = [zh for ok, zh in ((signer(row) is not None, "签字"), (not blank(row.get("date")), "日期")) if not ok]
    lacking_en = [en for ok, en in ((signer(row) is not None, "signature"), (not blank(row.get("date")), "date")) if not ok]
    yield ctx.finding(rule, code, path or f"{table}[{index}]", f"“{role}”审批缺少{'和'.join(lacking)}",
                      f"the '{role}' approval has no {' or '.join(lacking_en)}")


def check(ctx: Context, rule: Rule):
    table = rule.params["table"]
    chain = list(rule.params["chain"])
    required = required_roles(rule, ctx.value)
    found = rows_by_role(ctx, table, chain + required)
    judged: set[int] = set()
    for role in required:
        entry = found.get(label_key(role))
        if entry is None:
            yield from missing_role(ctx, rule, table, role, "approval-missing")
            continue
        judged.add(entry[0])
        yield from judge(ctx, rule, table, entry[0], role, entry[1], "approval-missing")
    yield from _every_other_row(ctx, rule, table, chain + required, judged)
    yield from _one_person_one_role(ctx, rule, table, chain + required)
    present = [found[label_key(role)] for role in chain if label_key(role) in found]
    positions = [index for index, _ in present]
    if positions != sorted(positions):
        order = " → ".join(chain)
        yield ctx.finding(rule, "approval-order", table, f"审批顺序不符，应为 {order}", f"approvals out of order; expected {order}")
    yield from _dates(ctx, rule, table, list(found.values()))


def _every_other_row(ctx: Context, rule: Rule, table: str, roles: list[str], judged: set[int]):
    """Every other signed row is an opinion on the form too, wherever it stands and whether or not
    its role is required: a second 财务审核 row that refuses, or an optional 法务审核 that says
    不同意, leaves the form unapproved."""
    for index, row in _rows(ctx, table):
        if index not in judged and signer(row) is not None:
            role = role_named(row.get("role"), roles) or str(row.get("role") or "")
            yield from opinion_findings(ctx, rule, table, index, role, row)


def _one_person_one_role(ctx: Context, rule: Rule, table: str, roles: list[str]):
    """One person signs for one role of the chain, optional roles included: the second role they
    sign is a duty conflict. (A role outside the chain, such as a collective decision the leader
    also signs, is another rule's to judge.)"""
    holders: dict[str, str] = {}  # signer → the role they signed for
    for index, row in _rows(ctx, table):
        name, role = signer(row), role_named(row.get("role"), roles)
        if name is None or role is None:
            continue
        if name in holders and holders[name] != role:
            yield ctx.finding(rule, "duty-conflict", f"{table}[{index}].approver",
                              f"{_shown_signer(row)}同时担任“{holders[name]}”和“{role}”两个审批环节",
                              f"{_shown_signer(row)} holds two roles of one approval chain: '{holders[name]}' and '{role}'")
        holders.setdefault(name, role)


def _shown_signer(row: dict) -> str:
    approver = row.get("approver")
    return str(approver) if not blank(approver) else str(split_signature(str(row.get("opinion") or ""))[1] or "")


def _dates(ctx: Context, rule: Rule, table: str, rows: list[tuple[int, dict]]):
    """Dates never go back down the chain, never precede the application, never lie ahead."""
    chain = list(rule.params["chain"])
    in_chain = [(index, row) for index, row in rows if role_named(row.get("role"), chain) is not None]
    earliest_path: str = rule.params.get("not_before") or ""
    earliest = date_of(ctx.value(earliest_path)) if earliest_path else None
    previous = None
    for index, row in sorted(rows, key=lambda entry: entry[0]):
        when = date_of(row.get("date"))
        if when is None:
            continue
        where = f"{table}[{index}].date"
        role = row.get("role")
        if earliest is not None and when < earliest:
            yield ctx.finding(rule, "approval-order", where, f"“{role}”的审批日期（{when}）早于{ctx.label(earliest_path)}（{earliest}）",
                              f"the '{role}' approval ({when}) is dated before {earliest_path} ({earliest})")
        if ctx.as_of is not None and when > ctx.as_of:
            yield ctx.finding(rule, "approval-order", where, f"“{role}”的审批日期（{when}）晚于检查日（{ctx.as_of}）",
                              f"the '{role}' approval is dated {when}, after the day of the check ({ctx.as_of})")
        if (index, row) in in_chain:
            if previous is not None and when < previous:
                yield ctx.finding(rule, "approval-order", where, f"“{role}”的审批日期早于前一环节",
                                  f"the '{role}' approval is dated before the previous step")
            previous = when
