"""`compliance lint`: the template gate over a forms workspace (templates, schemas, rules, samples)."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import EXIT_FINDINGS, EXIT_OK


@click.command("lint")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Workspace to lint (default: the built-in forms) / 要检查的表单工作区")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="Report format; github prints workflow annotations / 报告格式")
def command(root, output_format):
    """Check templates, schemas, rules and samples fit together. 检查模板、结构、规则与示例。

    \b
    compliance lint                       # the built-in forms
    compliance lint --root 表单/ --format github
    Exit 0: no problems; 1: problems; 2: no such workspace.
    """
    from ..lint import lint_workspace
    from ..lint.report import REPORTERS

    report = lint_workspace(root)
    click.echo(REPORTERS[output_format](report))
    raise SystemExit(EXIT_OK if report.clean else EXIT_FINDINGS)
