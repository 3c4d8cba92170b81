"""The `compliance` command: a thin click shell over the library, one module per command.

Only this package imports click. Heavy libraries are imported inside commands so that
`compliance --help` starts fast.
"""
from __future__ import annotations

import os
import select
import shlex
import sys
import traceback

import click

from .. import __version__
from ..errors import ComplianceError
from .exit_codes import EXIT_BROKEN_PIPE, EXIT_INTERNAL, EXIT_USAGE, exit_code_for

DEBUG_ENV = "COMPLIANCE_DEBUG"  # set to 1: a bug also prints its traceback


class _Group(click.Group):
    """Turns ComplianceError into a bilingual message on stderr and the error's exit code, a bug
    (any other exception) into a request to report it (exit 3), and a closed stdout into silence."""

    def make_context(self, info_name, args, parent=None, **extra):
        argv = ["compliance", *args]  # as typed, before parsing consumes it: the command of a bug report
        ctx = super().make_context(info_name, list(args), parent=parent, **extra)
        ctx.meta["compliance.argv"] = argv
        return ctx

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ComplianceError as error:
            click.echo(f"错误：{error.message_zh}\nerror: {error.message_en}", err=True)
            sys.exit(exit_code_for(error))
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise  # click's own usage errors: its message and exit code 2
        except BrokenPipeError:
            if not _stdout_gone():
                raise  # another pipe (a worker's, a server's): a bug, reported below
            _silence_stdout()
            sys.exit(EXIT_BROKEN_PIPE)
        except ImportError as error:
            # The installation is incomplete: no document is to blame (not 1), and no other command
            # would work either (not 2). Exit 3 like a bug, but the remedy is to reinstall.
            _debug_traceback()
            click.echo(f"安装不完整（请重新安装 compliance）：{type(error).__name__}: {error}\n"
                       f"incomplete installation (reinstall compliance): {type(error).__name__}: {error}", err=True)
            sys.exit(EXIT_INTERNAL)
        except KeyboardInterrupt:
            click.echo("已中断 / interrupted", err=True)
            sys.exit(130)
        except Exception as error:  # a bug in this package: say so plainly, without a traceback
            _debug_traceback()
            click.echo(_bug_report(error, ctx.meta.get("compliance.argv", ["compliance"])), err=True)
            sys.exit(EXIT_INTERNAL)


def _bug_report(error: Exception, argv: list[str]) -> str:
    """What the user should send: the error, the command (it names the files) and the version."""
    detail = f"{type(error).__name__}: {error}"[:500]
    command = shlex.join(argv)
    return (f"内部错误（程序缺陷，并非您的文件或命令有误）：{detail}\n"
            f"请报告此问题，并附上所涉及的文件、命令（{command}）和版本（compliance {__version__}）；"
            f"设置 {DEBUG_ENV}=1 可显示详细信息。\n"
            f"internal error (please report it; a bug in compliance, not in your files or command): {detail}\n"
            f"Please report it with the file(s) involved, the command ({command}) and the version "
            f"(compliance {__version__}); set {DEBUG_ENV}=1 to see the traceback.")


def _debug_traceback() -> None:
    """The traceback, for whoever debugs: only when asked, since users cannot act on it."""
    if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
        traceback.print_exc(file=sys.stderr)


def _stdout_gone() -> bool:
    """Whether stdout is a pipe or socket whose reader has gone (a broken pipe elsewhere is a bug)."""
    try:
        poller = select.poll()
        poller.register(sys.__stdout__.fileno(), select.POLLOUT)  # type: ignore[union-attr]
        return any(events & (select.POLLERR | select.POLLHUP) for _fd, events in poller.poll(0))
    except (AttributeError, OSError, ValueError):  # no real stdout (a test runner's): trust the error
        return True


def _silence_stdout() -> None:
    """Point stdout at /dev/null, as the Python documentation advises: Python flushes stdout at exit,
    and that flush into the broken pipe would print an error and change the exit status."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):  # not a real file: nothing will flush into a pipe
        pass


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
