"""Where the tests find things: the repository, its built-in forms and the shared folder.

Everything is found from this file's place in the checkout, never by an absolute path, so the
suite runs from any clone on any machine. The shared folder (the regulation texts under `seeds/`,
real documents from public projects under `corpus/`) is not in the repository: it sits beside it
as `../shared`, or COMPLIANCE_SHARED names another place for it. A plain clone has none, so every
test that needs a part of it asks for it one of two ways: the `seeds_dir` and `corpus_dir`
fixtures (tests/conftest.py), or the `needs_shared(part)` mark where the part is needed while
collecting. Either way the test is marked `shared` (`pytest -m shared` runs just these) and,
without the part, skipped with a reason that says how to provide it; it never fails for that.
"""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUILTIN = REPO / "compliance" / "builtin"
SHARED = Path(os.environ.get("COMPLIANCE_SHARED") or REPO.parent / "shared").resolve()
CORPUS = SHARED / "corpus"  # real .pdf and .docx files from public projects
SEEDS = SHARED / "seeds"  # the regulation texts that rules cite (`compliance lint --regulations`)


def shared_absent(part: Path) -> str:
    """Why a test that needs `part` of the shared folder is skipped, and how to provide it."""
    return (f"needs the shared folder's {part.name}/, not found at {part}: put the shared folder beside the "
            f"repository as ../shared, or set COMPLIANCE_SHARED to where it is")


CORPUS_ABSENT = shared_absent(CORPUS)


def shared_or_skip(part: Path) -> Path:
    """`part` of the shared folder; the calling test is skipped, saying why, when it is absent."""
    import pytest

    if not part.is_dir():
        pytest.skip(shared_absent(part))
    return part


def needs_shared(part: Path):
    """The mark of a test that needs `part` of the shared folder: tests/conftest.py skips it,
    saying how to provide the part, where the part is absent."""
    import pytest

    return pytest.mark.shared(part)


def first_quick(values):
    """Parameters of which only the first runs in the quick suite; the rest are marked slow."""
    import pytest

    def slow(value):
        arguments = value if isinstance(value, tuple) else (value,)  # a tuple fills several names
        return pytest.param(*arguments, marks=pytest.mark.slow)

    return [value if index == 0 else slow(value) for index, value in enumerate(values)]
