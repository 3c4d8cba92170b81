"""Options shared by several commands."""
from __future__ import annotations

from pathlib import Path

import click

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Office forms workspace (templates/, schemas/, rules/, samples/) / 表单工作区目录",
)

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Settings file (default: ./compliance.toml if present) / 配置文件",
)


def workspace_and_config(root, config_path):
    """The workspace (--root, else `root` in the config) and the config, both checked."""
    from ..model.config import load_config
    from ..model.workspace import Workspace
    from ..rulebook import check_overrides

    config = load_config(config_path)
    workspace = Workspace(root if root is not None else config.root, config=config)
    check_overrides(workspace, config)
    return workspace, config
