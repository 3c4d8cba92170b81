"""`compliance extract`: the form and data read from one document, as JSON."""
from __future__ import annotations

import json
from pathlib import Path

import click

from .options import config_option, root_option, workspace_and_config


@click.command("extract")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--form", "form_id", help="Read the file as this form / 指定表单类型")
@click.option("--password", help="Password for an encrypted PDF")
@root_option
@config_option
def command(path, form_id, password, root, config_path):
    """Print {"form": ID or null, "data": {...}} for one document. 提取表单数据。"""
    from ..checking.pipeline import CheckOptions, extract_file
    from ..errors import UnreadableDocument
    from .exit_codes import EXIT_FINDINGS

    workspace, config = workspace_and_config(root, config_path)
    try:
        extraction = extract_file(path, workspace, CheckOptions(form=form_id, password=password, config=config))
    except UnreadableDocument as error:
        click.echo(f"错误：{error.message_zh}\nerror: {error.message_en}", err=True)
        raise SystemExit(EXIT_FINDINGS) from None
    form = extraction.form
    click.echo(json.dumps({"form": form.id if form else None, "data": extraction.data}, ensure_ascii=False, indent=2))
