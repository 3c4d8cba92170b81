"""Errors that reach a user. Every one carries its message in Chinese and in English.

The CLI prints `message_zh` and `message_en` and exits with the error's exit code; the library
never prints. Anything that is not a ComplianceError reaching the CLI is a bug in this package.
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1  # the input was read and is wrong: invalid data, findings at or above --fail-on
EXIT_USAGE = 2  # the request itself is wrong: no such file, bad option, broken rule file


class ComplianceError(Exception):
    """A problem the user can act on, described in both languages."""

    exit_code = EXIT_USAGE

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en

    def bilingual(self) -> str:
        return f"{self.message_zh}\n{self.message_en}"


class UsageError(ComplianceError):
    """The command was asked for something that cannot be done (missing file, bad option)."""


class ConfigError(ComplianceError):
    """A configuration, schema or rule file is broken."""


class InputError(ComplianceError):
    """User data (YAML, JSON, CSV, Excel) could not be read or is invalid."""

    exit_code = EXIT_FINDINGS


class OutputExistsError(UsageError):
    """Refusing to overwrite an existing file without --force."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"输出文件已存在：{path}（如需覆盖，请加 --force）",
            f"output file already exists: {path} (use --force to overwrite)",
        )


class OutputRefusedError(ComplianceError):
    """The output path is not an ordinary file (a device, FIFO, folder or link): never replaced."""

    exit_code = EXIT_FINDINGS


class InternalError(ComplianceError):
    """A fault of this installation or this package (a module missing, say), not of any document."""


class UnreadableDocument(ComplianceError):
    """A submitted document cannot be read; the checker turns this into a file-unreadable finding."""

    exit_code = EXIT_FINDINGS


class ToolMissingError(ComplianceError):
    """An external program (LibreOffice) that the request needs is not installed."""
