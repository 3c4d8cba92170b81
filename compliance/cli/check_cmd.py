"""`compliance check`: read submitted forms, apply the regulations, report."""
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


@click.command("check")
@checking_options
def command(paths, output_format, output, fail_on, quiet, verbose, form_id, jobs, timeout, password, password_file,
            force, as_of, scheduler, root, config_path):
    """Check filled forms (.docx .pdf .xlsx, scans, .json .yaml; folders recursively). 检查表单。"""
    said = voice(quiet, verbose)
    run = prepare(paths, form_id, jobs, timeout, password, password_file, as_of, scheduler, root, config_path)
    tell_start(run, said)
    results = with_progress(run, "检查 / checking", lambda progress: _checked(run, progress), said)
    tell_read(results, said)
    shape = report_options(run, fail_on, said)
    if output_format == "html":
        from ..reports.html_report import render

        report = render(results, pictures_for(results, run), options=shape)
    else:
        from ..reports import REPORTERS

        report = REPORTERS[output_format](results, shape)
    from ..reports import summary

    finish(report, output, force, fail_on, [f.severity for r in results for f in r.findings], said, summary(results))


def _checked(run, progress):
    """Here, in limited worker processes; or on the Dask cluster at `--scheduler`."""
    if run.scheduler:
        from ..cluster.remote import check_paths_remote

        return check_paths_remote(run.paths, run.workspace, run.options, run.scheduler, progress)
    from ..checking.pipeline import check_paths

    return check_paths(run.paths, run.workspace, run.options, progress)
