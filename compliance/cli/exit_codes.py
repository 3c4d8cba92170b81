"""The command line's exit codes, chosen here from the kind of error: the library raises errors
that say what went wrong, and only the shell around it decides what number that is."""
from __future__ import annotations

import signal

from ..errors import ComplianceError, InputError, InternalError, OutputRefusedError, UnreadableDocument

EXIT_OK = 0
EXIT_FINDINGS = 1  # the input was read and is wrong: invalid data, findings at or above --fail-on
EXIT_USAGE = 2  # the request itself is wrong: no such file, bad option, broken rule file
# Neither the input nor the request: a bug in this package, or an installation missing a module.
# A script can tell "fix your files" (1) and "fix your command" (2) from "report this" (3).
EXIT_INTERNAL = 3
# The reader of stdout went away (`compliance forms | head -1`): what a shell reports for a tool
# killed by SIGPIPE, 128 + 13, as `yes | head -1` gives.
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE

# The input is at fault, not the request: bad data, an unreadable document, an output path that
# is a device or a link. Every other ComplianceError (but InternalError) is a usage error.
_INPUT_ERRORS = (InputError, UnreadableDocument, OutputRefusedError)


def exit_code_for(error: ComplianceError) -> int:
    if isinstance(error, InternalError):  # a module missing inside the workers: as an ImportError here
        return EXIT_INTERNAL
    return EXIT_FINDINGS if isinstance(error, _INPUT_ERRORS) else EXIT_USAGE
