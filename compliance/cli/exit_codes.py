"""The command line's exit codes, chosen here from the kind of error: the library raises errors
that say what went wrong, and only the shell around it decides what number that is."""
from __future__ import annotations

from ..errors import ComplianceError, InputError, OutputRefusedError, UnreadableDocument

EXIT_OK = 0
EXIT_FINDINGS = 1  # the input was read and is wrong: invalid data, findings at or above --fail-on
EXIT_USAGE = 2  # the request itself is wrong: no such file, bad option, broken rule file

# The input is at fault, not the request: bad data, an unreadable document, an output path that
# is a device or a link. Every other ComplianceError is a usage error.
_INPUT_ERRORS = (InputError, UnreadableDocument, OutputRefusedError)


def exit_code_for(error: ComplianceError) -> int:
    return EXIT_FINDINGS if isinstance(error, _INPUT_ERRORS) else EXIT_USAGE
