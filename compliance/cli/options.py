"""Options shared by several commands."""
from __future__ import annotations

import re
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


_MEMORY_KEY = "compliance.memory_bytes"
_UNITS = {"": 1024 ** 2, "M": 1024 ** 2, "MB": 1024 ** 2, "MIB": 1024 ** 2, "G": 1024 ** 3, "GB": 1024 ** 3, "GIB": 1024 ** 3}


def _memory_bytes(ctx: click.Context, _param, value: str | None) -> None:
    """--memory-limit in bytes, kept in the context: a number is MB, or say 1500M, 2G."""
    if value is None:
        return
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", value)
    unit = match.group(2).upper() if match else ""
    if match is None or unit not in _UNITS or not 64 <= float(match.group(1)) * _UNITS[unit] / 1024 ** 2 <= 1024 ** 2:
        raise click.BadParameter(f"应为 64 MB 至 1 TB 之间的大小，如 2048、1500M、2G（得到 {value!r}）\n"
                                 f"expected a size from 64 MB to 1 TB such as 2048 (MB), 1500M or 2G, not {value!r}")
    ctx.meta[_MEMORY_KEY] = int(float(match.group(1)) * _UNITS[unit])


# The value goes to the context, not to the command's parameters: the commands that run files in
# limited workers (check, audit, stamps) take it without each spelling it out; memory_limit() reads it.
memory_limit_option = click.option(
    "--memory-limit", metavar="SIZE", expose_value=False, callback=_memory_bytes,
    help="Memory per file: MB, or 1500M, 2G (default 2G); OCR needs about 1G of it / 每个文件的内存上限",
)


def memory_limit(default: int) -> int:
    """The --memory-limit of the running command, in bytes; `default` when it was not given."""
    context = click.get_current_context(silent=True)
    return context.meta.get(_MEMORY_KEY, default) if context is not None else default
