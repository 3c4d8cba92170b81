"""What `check` and `audit` share: their options, how those become a run, and how a report is
written and judged. The two commands differ only in what they run and how they report it."""
from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .exit_codes import EXIT_FINDINGS, EXIT_OK
from .options import config_option, memory_limit, memory_limit_option, root_option, workspace_and_config

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
    click.option("-q", "--quiet", is_flag=True,
                 help="Only findings: no progress or closing line; text lists only files with findings / 只报告问题"),
    click.option("-v", "--verbose", is_flag=True,
                 help="Also tell on stderr how each file was read and recognised, and its time / 详细过程"),
    click.option("--form", "form_id", help="Treat every file as this form / 指定表单类型"),
    click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Files checked in parallel"),
    click.option("--timeout", type=click.FloatRange(1, 3600), default=30.0, show_default=True,
                 help="Processor seconds per file, OCR included (a busy machine's waiting is not counted) / 每个文件的处理时限"),
    memory_limit_option,
    click.option("--password", help="Password for encrypted PDFs / PDF 密码"),
    click.option("--password-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                 help="File whose first line is the PDF password (keeps it out of the shell history)"),
    click.option("--force", is_flag=True, help="Overwrite the -o report file"),
    click.option("--as-of", "as_of", metavar="DATE",
                 help="The day of the check (default today): no approval may be dated after it / 检查日期"),
    click.option("--scheduler", envvar="COMPLIANCE_SCHEDULER", metavar="tcp://HOST:PORT",
                 help="Check on this Dask scheduler's workers; needs pip install 'compliance[distributed]' / 在 Dask 集群上检查"),
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
    from ..checking.pipeline import MEMORY_PER_FILE, CheckOptions, collect_paths

    if scheduler:  # without Dask, say how to install it before anything is read
        from ..cluster.remote import dask

        dask()
    if password_file is not None:
        password = password_file.read_text(encoding="utf-8").splitlines()[0] if password_file.stat().st_size else ""
    workspace, config = workspace_and_config(root, config_path)
    if form_id:
        workspace.form(form_id)
    options = CheckOptions(form=form_id, password=password, timeout=timeout, jobs=jobs, config=config,
                           as_of=_day(as_of), memory_bytes=memory_limit(MEMORY_PER_FILE))
    if options.as_of is None:  # one day for the whole run and its report, even past midnight or on a cluster
        options = dataclasses.replace(options, as_of=dt.date.today())
    return Run(list(paths), workspace, options, scheduler, len(collect_paths(list(paths))))


@dataclass(frozen=True)
class Voice:
    """What is said on stderr beside the report: progress and, when the report goes to a file, a
    closing line (nothing with --quiet); with --verbose also how each file was read."""

    quiet: bool = False
    verbose: bool = False

    def say(self, text: str) -> None:
        if not self.quiet:
            _tell(text)

    def detail(self, text: str) -> None:
        if self.verbose:
            _tell(text)


def _tell(text: str) -> None:
    from ..reports.names import escaped  # a raw byte of a file name, as the reports show it

    click.echo(escaped(text), err=True)


def voice(quiet: bool, verbose: bool) -> Voice:
    if quiet and verbose:
        raise click.UsageError("--quiet 与 --verbose 不能同时使用 / --quiet and --verbose cannot be used together")
    return Voice(quiet, verbose)


def report_options(run: Run, fail_on: str, said: Voice):
    """When the report is made, by which version, as of which day, and how it is shaped."""
    from ..reports.about import About, ReportOptions

    return ReportOptions(About.now(run.options.as_of), fail_on, said.quiet, said.verbose)


def tell_start(run: Run, said: Voice) -> None:
    options = run.options
    zh, en = (f"Dask {run.scheduler}",) * 2 if run.scheduler else (f"{options.jobs} 个进程", f"{options.jobs} process(es)")
    said.detail(f"检查 {run.total} 个文件，检查日期 {options.as_of}，{zh}，每个文件限时 {options.timeout:g} 秒 / "
                f"checking {run.total} file(s) as of {options.as_of} on {en}, {options.timeout:g} s per file")


def tell_read(results, said: Voice) -> None:
    """--verbose: for each file, what was read, how its form was recognised, and how long it took."""
    for result in results:
        said.detail(_read_line(result))


def _read_line(result) -> str:
    from ..reports.names import labelled

    facts = [result.kind or "?"]
    if result.pages is not None:
        facts.append(f"{result.pages} 页/page(s)")
    if result.size is not None:
        facts.append(f"{result.size:,} 字节/bytes")
    facts.append(f"{result.seconds:.2f} s" if result.seconds is not None else "- s")
    unreadable = next((f for f in result.findings if f.rule == "file-unreadable"), None)
    if unreadable is not None:
        told = f"无法读取 / unreadable: {unreadable.message_en}"
    elif result.form is None:
        told = "未识别表单 / no form recognised"
    else:
        how = result.recognised_by or "data"
        sure = f" {result.confidence:.0%}" if result.confidence is not None else ""
        told = f"识别为 / recognised as {result.form} by {how}{sure}"
    return f"读取 / read {labelled(result.path)}: {', '.join(facts)}; {told}"


def with_progress(run: Run, label: str, work, said: Voice | None = None):
    """`work(progress)`, with a progress bar on a terminal when there is more than one file."""
    if sys.stderr.isatty() and run.total > 1 and not (said is not None and said.quiet):
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


def finish(report: str, output, force: bool, fail_on: str, severities, said: Voice | None = None,
           counts: dict | None = None) -> None:
    """Write the report (atomically to -o, or to stdout) and exit 1 when a severity reaches --fail-on.
    A report written to a file is followed by one line on stderr saying where and what it found."""
    from ..model.findings import severity_rank
    from ..safety.atomic_write import write_atomically

    if output is not None:
        write_atomically(output, (report + "\n").encode("utf-8"), overwrite=force)
        if said is not None and counts is not None:
            from ..reports.names import labelled
            from ..reports.text_report import summary_line

            said.say(f"已写入 / written: {labelled(str(output))} — {summary_line(counts)}")
    elif report:  # --quiet with nothing found says nothing
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
