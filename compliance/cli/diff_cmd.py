"""`compliance diff`: the placeholders and labels a template change adds, removes or renames."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import EXIT_FINDINGS, EXIT_OK


@click.command("diff")
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format / 输出格式")
def command(old, new, output_format):
    """Compare two templates: fields (placeholders) and labels changed. 比较两版模板。

    Exit 0: same placeholders and labels; 1: differences.
    """
    from ..template_diff import REPORTERS, diff_templates

    changes = diff_templates(old, new)
    click.echo(REPORTERS[output_format](old, new, changes))
    raise SystemExit(EXIT_FINDINGS if changes else EXIT_OK)
