"""Where the tests find things: the repository, its built-in forms and the shared corpus.

Everything is found from this file's place in the checkout, never by an absolute path, so the
suite runs from any clone on any machine. The shared folder (real documents from public projects)
sits beside the repository as `../shared`; COMPLIANCE_SHARED names another place for it.
"""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUILTIN = REPO / "compliance" / "builtin"
SHARED = Path(os.environ.get("COMPLIANCE_SHARED") or REPO.parent / "shared")
CORPUS = SHARED / "corpus"
CORPUS_ABSENT = (f"the shared corpus is not at {CORPUS}: put the shared folder beside the repository "
                 f"(../shared) or set COMPLIANCE_SHARED to it")


def first_quick(values):
    """Parameters of which only the first runs in the quick suite; the rest are marked slow."""
    import pytest

    def slow(value):
        arguments = value if isinstance(value, tuple) else (value,)  # a tuple fills several names
        return pytest.param(*arguments, marks=pytest.mark.slow)

    return [value if index == 0 else slow(value) for index, value in enumerate(values)]
