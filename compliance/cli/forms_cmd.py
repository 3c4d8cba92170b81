"""`compliance forms`: the form types this workspace can generate and check."""
from __future__ import annotations

import json
from typing import Any

import click

from .options import config_option, root_option, workspace_and_config


@click.command("forms")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format / 输出格式")
@root_option
@config_option
def command(output_format: str, root, config_path) -> None:
    """List every form id with its Chinese name and field count. 列出所有表单。"""
    workspace, _config = workspace_and_config(root, config_path)
    rows: list[dict[str, Any]] = [
        {"id": spec.id, "name": spec.name, "fields": spec.field_count()}
        for spec in workspace.forms.values()
    ]
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(r["id"]) for r in rows), default=0)
    for r in rows:
        click.echo(f"{r['id']:<{width}}  {r['name']}  ({r['fields']} 个字段 / fields)")
