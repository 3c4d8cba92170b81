"""Check every file as `check` does, keep each file's facts for the batch rules, judge the batch."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..checking.pipeline import CheckOptions, FileResult, check_paths
from ..errors import ConfigError
from ..model.findings import Finding
from ..model.workspace import Workspace
from .kinds import BATCH_KINDS
from .rules import AuditContext, batch_rules, unknown_names


@dataclass(frozen=True)
class AuditReport:
    files: list[FileResult]
    batch: list[Finding]


def audit_paths(paths: list[Path], workspace: Workspace, options: CheckOptions, progress=None,
                scheduler: str | None = None) -> AuditReport:
    """Check every file (here, or on the Dask cluster at `scheduler`), then the batch rules, which
    run here on the facts each file's result gives."""
    rules = batch_rules(options.config)
    context = AuditContext(workspace, options.config)
    unknown = unknown_names(rules, workspace, options.config)
    if unknown:  # a rule naming what is not there would read nothing: stop before any file is read
        where = f"（{options.config.path}）" if options.config.path is not None else ""
        raise ConfigError("；".join(zh for _rule, _name, zh, _en in unknown) + where,
                          "; ".join(en for _rule, _name, _zh, en in unknown) + (f" ({options.config.path})" if where else ""))
    gathered: dict[str, list] = {rule.id: [] for rule in rules}

    def keep(result: FileResult) -> FileResult:
        for rule in rules:
            fact = BATCH_KINDS[rule.kind].facts(rule, result, context)
            if fact is not None:
                gathered[rule.id].append((result.path, fact))
        return dataclasses.replace(result, data=None)  # the facts are kept; the document's data is not

    if scheduler:
        from ..cluster.remote import check_paths_remote

        results = check_paths_remote(paths, workspace, options, scheduler, progress, keep)
    else:
        results = check_paths(paths, workspace, options, progress, keep)
    batch = [found for rule in rules for found in BATCH_KINDS[rule.kind].check(rule, gathered[rule.id], context)]
    return AuditReport(results, sorted(batch, key=lambda f: (f.rule, f.files)))
