"""Errors that reach a user. Every one carries its message in Chinese and in English.

The CLI prints `message_zh` and `message_en` and chooses the exit code from the kind of error
(compliance.cli.exit_codes); the library never prints and knows nothing of exit codes. Anything
that is not a ComplianceError reaching the CLI is a bug in this package.
"""
from __future__ import annotations


class ComplianceError(Exception):
    """A problem the user can act on, described in both languages."""

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


class OutputExistsError(UsageError):
    """Refusing to overwrite an existing file without --force."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"输出文件已存在：{path}（如需覆盖，请加 --force）",
            f"output file already exists: {path} (use --force to overwrite)",
        )


class OutputRefusedError(ComplianceError):
    """The output path is not an ordinary file (a device, FIFO, folder or link): never replaced."""


class InternalError(ComplianceError):
    """A fault of this installation or this package (a module missing, say), not of any document."""


class UnreadableDocument(ComplianceError):
    """A submitted document cannot be read; the checker turns this into a file-unreadable finding."""


class ToolMissingError(ComplianceError):
    """An external program (LibreOffice) that the request needs is not installed."""
