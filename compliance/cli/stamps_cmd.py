"""`compliance stamps`: list the seals (印章) found in .pdf and .docx files."""
from __future__ import annotations

import json
import logging
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..errors import EXIT_FINDINGS, EXIT_OK, ComplianceError

_KIND_ZH = {"image": "图片", "annotation": "批注", "scan": "扫描"}


@click.command("stamps")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format / 输出格式")
@click.option("--render", is_flag=True, default=False,
              help="Lay .docx out with LibreOffice for exact pages / 用 LibreOffice 排版 .docx 以得到准确页码")
@click.option("--password", default=None, metavar="PW",
              help="Password of encrypted PDFs / 加密 PDF 的密码")
def command(files: tuple[Path, ...], output_format: str, render: bool, password: str | None) -> None:
    """List the seals in each FILE with page, position (PDF points) and kind. 列出文件中的印章。

    \b
    Position is x0,y0,x1,y1 in points from the page's bottom-left corner.
    位置为以页面左下角为原点的坐标（单位：磅）。
    """
    from ..seals import find_stamps  # heavy imports stay out of `compliance --help`

    results: list[dict[str, Any]] = []
    exit_code = EXIT_OK
    for path in files:
        try:
            with _quiet():
                stamps = find_stamps(path, render=render, password=password)
        except ComplianceError as error:
            _report_unreadable(path, error.message_zh, error.message_en)
            exit_code = max(exit_code, error.exit_code)
            results.append({"path": str(path), "stamps": [], "error": {"zh": error.message_zh, "en": error.message_en}})
            continue
        except ImportError:
            raise  # an incomplete installation, not a bad file: one message for the whole run
        except Exception as error:
            _report_unreadable(path, f"读取时发生内部错误（{type(error).__name__}）",
                               f"internal error while reading ({type(error).__name__}: {error})")
            exit_code = max(exit_code, EXIT_FINDINGS)
            results.append({"path": str(path), "stamps": [], "error": {"zh": "内部错误", "en": "internal error"}})
            continue
        results.append({"path": str(path), "stamps": [
            {"page": s.page, "bbox": [round(v, 1) for v in s.bbox], "kind": s.kind,
             "confidence": round(s.confidence, 3), "exact": s.exact} for s in stamps]})
    if output_format == "json":
        click.echo(json.dumps({"files": results}, ensure_ascii=False, indent=2))
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
    # Library messages start with the file's name; here the path as given replaces it.
    zh = zh.removeprefix(f"{path.name}：")
    en = en.removeprefix(f"{path.name}: ")
    click.echo(f"错误：无法读取 {path}：{zh}\nerror: cannot read {path}: {en}", err=True)


def _print_text(results: list[dict]) -> None:
    for entry in results:
        if "error" in entry:
            continue
        stamps = entry["stamps"]
        click.echo(f"{entry['path']}：{len(stamps)} 个印章 / {len(stamps)} seal(s)")
        if not stamps:
            continue
        click.echo(f"  {'页 page':<8}  {'位置 position (x0, y0, x1, y1 pt)':<36}  类型 kind")
        for s in stamps:
            box = ", ".join(f"{v:.1f}" for v in s["bbox"])
            approx = "" if s["exact"] else "  (估计 / estimated)"
            click.echo(f"  {s['page']:<8}  {box:<36}  {_KIND_ZH.get(s['kind'], s['kind'])} / {s['kind']}{approx}")
