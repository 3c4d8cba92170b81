"""`compliance audit`: check a batch of files, then apply the rules that only a batch can break."""
from __future__ import annotations

import click

from .checking_run import (
    checking_options,
    finish,
    pictures_for,
    prepare,
    report_options,
    tell_read,
    tell_start,
    voice,
    with_progress,
)


@click.command("audit")
@checking_options
def command(paths, output_format, output, fail_on, quiet, verbose, form_id, jobs, timeout, password, password_file,
            force, as_of, scheduler, root, config_path):
    """Check a month of paperwork at once, then across it. 批量审核。

    \b
    compliance audit 五月/                          # split claims, repeated receipts, seals without a request
    compliance audit 五月/ --format json -o audit.json --jobs 2
    Exit 0: no errors; 1: an error in a file or across files; 2: usage error.
    """
    from ..audit.runner import audit_paths
    from ..reports.audit_report import AUDIT_REPORTERS, summary

    said = voice(quiet, verbose)
    run = prepare(paths, form_id, jobs, timeout, password, password_file, as_of, scheduler, root, config_path)
    tell_start(run, said)
    audited = with_progress(run, "审核 / auditing",
                            lambda progress: audit_paths(run.paths, run.workspace, run.options, progress, run.scheduler),
                            said)
    tell_read(audited.files, said)
    shape = report_options(run, fail_on, said)
    if output_format == "html":
        from ..reports.html_report import render

        report = render(audited.files, pictures_for(audited.files, run), audited.batch, summary(audited), shape)
    else:
        report = AUDIT_REPORTERS[output_format](audited, shape)
    severities = [f.severity for r in audited.files for f in r.findings] + [f.severity for f in audited.batch]
    finish(report, output, force, fail_on, severities, said, summary(audited))
