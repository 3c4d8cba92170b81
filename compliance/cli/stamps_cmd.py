"""`compliance stamps`: list the seals (印章) found in .pdf, .docx and .xlsx files and scans."""
from __future__ import annotations

import logging
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from .exit_codes import EXIT_FINDINGS, EXIT_OK
from .options import config_option, memory_limit, memory_limit_option, root_option, workspace_and_config

_KIND_ZH = {"image": "图片", "annotation": "批注", "scan": "扫描"}


@click.command("stamps")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format / 输出格式")
@click.option("--render", is_flag=True, default=False,
              help="Lay .docx out with LibreOffice for exact pages / 用 LibreOffice 排版 .docx 以得到准确页码")
@click.option("--password", default=None, metavar="PW",
              help="Password of encrypted PDFs / 加密 PDF 的密码")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Files read in parallel / 并行数")
@click.option("--timeout", type=click.FloatRange(min=1), default=30.0, show_default=True,
              help="Processor seconds allowed per file / 每个文件的处理时限（秒）")
@memory_limit_option
@root_option
@config_option
def command(paths: tuple[Path, ...], output_format: str, render: bool, password: str | None, jobs: int,
            timeout: float, root: Path | None, config_path: Path | None) -> None:
    """List the seals in each file (folders searched recursively, as by `check`) with page,
    position (PDF points) and kind. 列出文件中的印章（目录递归查找）。

    \b
    Position is x0,y0,x1,y1 in points from the page's bottom-left corner; in a workbook (.xlsx)
    the page is the sheet's number, with its name and the anchor cell, and the position is in
    points from the top-left corner of cell A1.
    位置为以页面左下角为原点的坐标（单位：磅）；工作簿中为工作表序号、名称与锚定单元格，坐标以 A1 左上角为原点。
    Each file is read in its own worker under the time and memory limits `check` uses.
    """
    from ..checking.pipeline import DOCUMENT_SUFFIXES, MEMORY_PER_FILE, collect_paths
    from ..errors import InternalError
    from ..reports.names import shown
    from ..safety.isolation import Failure, run_isolated
    from ..safety.sniff import DATA_SUFFIXES

    workspace_and_config(root, config_path)  # the same settings as every command: a broken one stops here
    if render:
        from ..libreoffice import find_soffice

        find_soffice()  # a missing LibreOffice is the request's problem, not each file's

    def stamps_of(path: Path) -> list[dict[str, Any]]:
        from ..seals import find_stamps  # heavy imports stay out of `compliance --help`

        with _quiet():
            stamps = find_stamps(path, render=render, password=password)
        return [s.as_dict() for s in stamps]

    # The files `check` would read, less data (.json, .yaml), which holds no seal; a path that is
    # not there is reported with the others, as an unreadable file.
    sealed = tuple(suffix for suffix in DOCUMENT_SUFFIXES if suffix not in DATA_SUFFIXES)
    files = collect_paths(list(paths), sealed, keep_missing=True)
    results: list[dict[str, Any]] = [{} for _ in files]
    exit_code = EXIT_OK
    with run_isolated(files, stamps_of, jobs=jobs, timeout=timeout, memory_bytes=memory_limit(MEMORY_PER_FILE)) as outcomes:
        for index, path, outcome in outcomes:
            if isinstance(outcome, Failure) and outcome.kind == "internal":
                raise InternalError(outcome.reason_zh, outcome.reason_en)
            if isinstance(outcome, Failure):
                _report_unreadable(path, outcome.reason_zh, outcome.reason_en)
                exit_code = EXIT_FINDINGS
                results[index] = {"path": shown(str(path)), "stamps": [],
                                  "error": {"zh": outcome.reason_zh, "en": outcome.reason_en}}
            else:
                results[index] = {"path": shown(str(path)), "stamps": outcome}
    if output_format == "json":
        from ..reports.json_report import dumps

        click.echo(dumps({"files": results}))
    else:
        _print_text(results)
    if exit_code:
        sys.exit(exit_code)


@contextmanager
def _quiet():
    """Damaged files make pypdf log warnings and Pillow warn; the user gets our message instead."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _report_unreadable(path: Path, zh: str, en: str) -> None:
    from ..reports.names import escaped, labelled

    # Library messages start with the file's name; here the path as given replaces it.
    zh = zh.removeprefix(f"{path.name}：")
    en = en.removeprefix(f"{path.name}: ")
    name = labelled(str(path))
    click.echo(escaped(f"错误：无法读取 {name}：{zh}\nerror: cannot read {name}: {en}"), err=True)


def _print_text(results: list[dict]) -> None:
    for entry in results:
        if "error" in entry:
            continue
        stamps = entry["stamps"]
        click.echo(f"{entry['path']}：{len(stamps)} 个印章 / {len(stamps)} seal(s)")
        if not stamps:
            continue
        # A workbook has sheets, not pages: its seals say sheet!cell where others say the page.
        place = "工作表!单元格 sheet!cell" if "sheet" in stamps[0] else "页 page"
        wheres = [f"{s['sheet']}!{s['cell']}" if "sheet" in s else str(s["page"]) for s in stamps]
        width = max(8, len(place), *map(len, wheres))
        click.echo(f"  {place:<{width}}  {'位置 position (x0, y0, x1, y1 pt)':<36}  类型 kind")
        for s, where in zip(stamps, wheres):
            box = ", ".join(f"{v:.1f}" for v in s["bbox"])
            approx = "" if s["exact"] else "  (估计 / estimated)"
            click.echo(f"  {where:<{width}}  {box:<36}  {_KIND_ZH.get(s['kind'], s['kind'])} / {s['kind']}{approx}")
