"""The `compliance` command: a thin click shell over the library, one module per command.

Only this package imports click. Heavy libraries are imported inside commands so that
`compliance --help` starts fast.
"""
from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import ComplianceError
from .exit_codes import EXIT_USAGE, exit_code_for


class _Group(click.Group):
    """Turns ComplianceError into a bilingual message on stderr and the error's exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ComplianceError as error:
            click.echo(f"错误：{error.message_zh}\nerror: {error.message_en}", err=True)
            sys.exit(exit_code_for(error))
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise  # click's own usage errors: its message and exit code 2
        except ImportError as error:  # the installation is incomplete: no document is to blame
            click.echo(f"安装不完整（请重新安装 compliance）：{type(error).__name__}: {error}\n"
                       f"incomplete installation (reinstall compliance): {type(error).__name__}: {error}", err=True)
            sys.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            click.echo("已中断 / interrupted", err=True)
            sys.exit(130)
        except Exception as error:  # a bug in this package: say so plainly, without a traceback
            click.echo(f"内部错误（请报告此问题）：{type(error).__name__}: {error}\n"
                       f"internal error (please report it): {type(error).__name__}: {error}", err=True)
            sys.exit(EXIT_USAGE)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="compliance")
def main() -> None:
    """Generate standard forms from management regulations and check filled forms.

    \b
    依据管理制度生成标准表单，并检查已填写、签字、盖章的表单。
    """


def _register() -> None:
    from . import audit_cmd, check_cmd, diff_cmd, extract_cmd, forms_cmd, init_cmd, lint_cmd, new_cmd, stamps_cmd

    for module in (forms_cmd, new_cmd, check_cmd, audit_cmd, extract_cmd, stamps_cmd, lint_cmd, init_cmd, diff_cmd):
        main.add_command(module.command)


_register()

__all__ = ["EXIT_USAGE", "main"]
