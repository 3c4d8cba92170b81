"""`compliance init`: scaffold an office forms workspace with one example form."""
from __future__ import annotations

from pathlib import Path

import click


@click.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Write into a non-empty folder / 写入非空目录")
def command(folder, force):
    """Create a forms workspace in FOLDER (templates/, schemas/, rules/, samples/). 新建表单工作区。

    \b
    compliance init 表单
    compliance lint --root 表单
    compliance new leave-request --root 表单 --sample -o 请假单.docx
    """
    from ..scaffold import init_workspace

    for path in init_workspace(folder, force):
        click.echo(f"已生成 / written: {path}")
    click.echo(f"下一步 / next: compliance lint --root {folder}")
