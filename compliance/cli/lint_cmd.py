"""`compliance lint`: the template gate over a forms workspace (templates, schemas, rules, samples)."""
from __future__ import annotations

from pathlib import Path

import click

from .exit_codes import EXIT_FINDINGS, EXIT_OK
from .options import config_option, root_option


@click.command("lint")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="Report format; github prints workflow annotations / 报告格式")
@click.option("--regulations", type=click.Path(path_type=Path), default=None,
              help="Folder of regulation texts (000_*.txt …): every cited clause must exist there / 制度文本目录")
@root_option
@config_option
def command(output_format, regulations, root, config_path):
    """Check templates, schemas, rules and samples fit together. 检查模板、结构、规则与示例。

    \b
    compliance lint                       # the built-in forms
    compliance lint --root 表单/ --format github
    compliance lint --config compliance.toml  # also: the settings fit the rules they change
    compliance lint --regulations 制度/       # also: every cited clause exists
    Exit 0: no problems; 1: problems; 2: no such workspace.
    """
    from ..lint import lint_workspace
    from ..lint.report import REPORTERS
    from ..model.config import load_config

    # The workspace is read as every command reads it: --root, else `root` in the settings; but
    # lint checks that one workspace alone (the built-in forms when neither names one).
    config = load_config(config_path)
    report = lint_workspace(root if root is not None else config.root, config, regulations)
    click.echo(REPORTERS[output_format](report))
    raise SystemExit(EXIT_OK if report.clean else EXIT_FINDINGS)
