"""`compliance audit`: check a batch of files, then apply the rules that only a batch can break."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .check_cmd import _day
from .exit_codes import EXIT_FINDINGS, EXIT_OK
from .options import config_option, root_option, workspace_and_config


@click.command("audit")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "junit", "html"]), default="text",
              show_default=True, help="Report format / 报告格式")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report to a file")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error"]), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1")
@click.option("--form", "form_id", help="Treat every file as this form / 指定表单类型")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Files checked in parallel")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=30.0, show_default=True, help="Seconds per file")
@click.option("--password", help="Password for encrypted PDFs / PDF 密码")
@click.option("--password-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File whose first line is the PDF password")
@click.option("--force", is_flag=True, help="Overwrite the -o report file")
@click.option("--as-of", "as_of", metavar="DATE", help="The day of the check (default today) / 检查日期")
@click.option("--scheduler", envvar="COMPLIANCE_SCHEDULER", metavar="tcp://HOST:PORT",
              help="Check on this Dask scheduler's workers (pip install 'compliance[distributed]') / 在 Dask 集群上检查")
@root_option
@config_option
def command(paths, output_format, output, fail_on, form_id, jobs, timeout, password, password_file, force, as_of,
            scheduler, root, config_path):
    """Check a month of paperwork at once, then across it. 批量审核。

    \b
    compliance audit 五月/                          # split claims, repeated receipts, seals without a request
    compliance audit 五月/ --format json -o audit.json --jobs 2
    Exit 0: no errors; 1: an error in a file or across files; 2: usage error.
    """
    from ..audit.runner import audit_paths
    from ..checking.pipeline import CheckOptions, collect_paths
    from ..model.findings import severity_rank
    from ..reports.audit_report import AUDIT_REPORTERS
    from ..safety.atomic_write import write_atomically

    if password_file is not None:
        password = password_file.read_text(encoding="utf-8").splitlines()[0] if password_file.stat().st_size else ""
    workspace, config = workspace_and_config(root, config_path)
    if form_id:
        workspace.form(form_id)
    options = CheckOptions(form=form_id, password=password, timeout=timeout, jobs=jobs, config=config,
                           as_of=_day(as_of))
    total = len(collect_paths(list(paths)))
    if sys.stderr.isatty() and total > 1:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("审核 / auditing", total=total)
            report = audit_paths(list(paths), workspace, options, lambda: bar.advance(task), scheduler)
    else:
        report = audit_paths(list(paths), workspace, options, scheduler=scheduler)
    if output_format == "html":
        from ..reports.audit_report import summary
        from ..reports.html_report import render as render_html
        from ..reports.thumbnails import page_thumbnails

        pictures = page_thumbnails(report.files, jobs=jobs, timeout=timeout, memory_bytes=options.memory_bytes,
                                   password=password)
        text = render_html(report.files, pictures, report.batch, summary(report))
    else:
        text = AUDIT_REPORTERS[output_format](report)
    if output is not None:
        write_atomically(output, (text + "\n").encode("utf-8"), overwrite=force)
    else:
        click.echo(text)
    threshold = severity_rank(fail_on)
    failing = any(severity_rank(f.severity) >= threshold for r in report.files for f in r.findings)
    failing |= any(severity_rank(f.severity) >= threshold for f in report.batch)
    raise SystemExit(EXIT_FINDINGS if failing else EXIT_OK)
