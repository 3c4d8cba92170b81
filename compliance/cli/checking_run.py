"""What `check` and `audit` share: their options, how those become a run, and how a report is
written and judged. The two commands differ only in what they run and how they report it."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .exit_codes import EXIT_FINDINGS, EXIT_OK
from .options import config_option, root_option, workspace_and_config

if TYPE_CHECKING:
    from ..checking.pipeline import CheckOptions
    from ..model.workspace import Workspace

_OPTIONS = (
    click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path)),
    click.option("--format", "output_format", type=click.Choice(["text", "json", "junit", "html"]), default="text",
                 show_default=True, help="Report format; html is one self-contained page with page pictures / 报告格式"),
    click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report to a file"),
    click.option("--fail-on", type=click.Choice(["info", "warning", "error"]), default="error", show_default=True,
                 help="Lowest severity that makes the exit code 1"),
    click.option("--form", "form_id", help="Treat every file as this form / 指定表单类型"),
    click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Files checked in parallel"),
    click.option("--timeout", type=click.FloatRange(1, 3600), default=30.0, show_default=True, help="Seconds per file"),
    click.option("--password", help="Password for encrypted PDFs / PDF 密码"),
    click.option("--password-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                 help="File whose first line is the PDF password (keeps it out of the shell history)"),
    click.option("--force", is_flag=True, help="Overwrite the -o report file"),
    click.option("--as-of", "as_of", metavar="DATE",
                 help="The day of the check (default today): no approval may be dated after it / 检查日期"),
    click.option("--scheduler", envvar="COMPLIANCE_SCHEDULER", metavar="tcp://HOST:PORT",
                 help="Check on this Dask scheduler's workers / 在 Dask 集群上检查"),
    root_option,
    config_option,
)


def checking_options(command):
    """Every option of `check`, for `check` and `audit` alike."""
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


@dataclass(frozen=True)
class Run:
    paths: list[Path]
    workspace: Workspace
    options: CheckOptions
    scheduler: str | None
    total: int


def prepare(paths, form_id, jobs, timeout, password, password_file, as_of, scheduler, root, config_path) -> Run:
    from ..checking.pipeline import CheckOptions, collect_paths

    if password_file is not None:
        password = password_file.read_text(encoding="utf-8").splitlines()[0] if password_file.stat().st_size else ""
    workspace, config = workspace_and_config(root, config_path)
    if form_id:
        workspace.form(form_id)
    options = CheckOptions(form=form_id, password=password, timeout=timeout, jobs=jobs, config=config,
                           as_of=_day(as_of))
    return Run(list(paths), workspace, options, scheduler, len(collect_paths(list(paths))))


def with_progress(run: Run, label: str, work):
    """`work(progress)`, with a progress bar on a terminal when there is more than one file."""
    if sys.stderr.isatty() and run.total > 1:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task(label, total=run.total)
            return work(lambda: bar.advance(task))
    return work(None)


def pictures_for(results, run: Run) -> dict:
    """The page pictures of the HTML report, drawn under the run's own limits."""
    from ..reports.thumbnails import page_thumbnails

    options = run.options
    return page_thumbnails(results, jobs=options.jobs, timeout=options.timeout, memory_bytes=options.memory_bytes,
                           password=options.password)


def finish(report: str, output, force: bool, fail_on: str, severities) -> None:
    """Write the report (atomically to -o, or to stdout) and exit 1 when a severity reaches --fail-on."""
    from ..model.findings import severity_rank
    from ..safety.atomic_write import write_atomically

    if output is not None:
        write_atomically(output, (report + "\n").encode("utf-8"), overwrite=force)
    else:
        click.echo(report)
    threshold = severity_rank(fail_on)
    raise SystemExit(EXIT_FINDINGS if any(severity_rank(s) >= threshold for s in severities) else EXIT_OK)


def _day(text: str | None):
    """--as-of as a date, in any of the ways dates are written on forms."""
    if text is None:
        return None
    from ..errors import UsageError
    from ..model.dates import parse_date

    day = parse_date(text)
    if day is None:
        raise UsageError(f"--as-of 不是日期：{text}", f"--as-of is not a date: {text}")
    return day
