"""`compliance diff`: the placeholders and labels a template change adds, removes or renames."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import UsageError
from .exit_codes import EXIT_FINDINGS, EXIT_OK
from .options import config_option, root_option, workspace_and_config

if TYPE_CHECKING:  # the workspace module loads the form model: not at `compliance --help`
    from ..model.workspace import Workspace


def _template(argument: str, workspace: Workspace) -> Path:
    """A .docx named by its path, or a form of the workspace named by its id."""
    path = Path(argument)
    if path.is_file():
        return path
    if argument in workspace.forms:
        return workspace.form(argument).template_path
    raise UsageError(f"既不是文件，也不是表单编号：{argument}", f"neither a file nor a form id: {argument}")


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format / 输出格式")
@root_option
@config_option
def command(old, new, output_format, root, config_path):
    """Compare two templates: fields (placeholders) and labels changed. 比较两版模板。

    \b
    OLD and NEW are .docx files or form ids of the workspace:
    compliance diff 旧.docx reimbursement --root 表单/   # an edited copy against the workspace's
    Exit 0: same placeholders and labels; 1: differences.
    """
    from ..lint.template_diff import REPORTERS, diff_templates

    workspace, _config = workspace_and_config(root, config_path)
    old_path, new_path = _template(old, workspace), _template(new, workspace)
    changes = diff_templates(old_path, new_path)
    click.echo(REPORTERS[output_format](old_path, new_path, changes))
    raise SystemExit(EXIT_FINDINGS if changes else EXIT_OK)
