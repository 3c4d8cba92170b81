from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .support import BUILTIN, WORKSPACE_FOLDERS


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A copy of the repository's workspace, copied once per module; tests copy forms out of it."""
    target = tmp_path_factory.mktemp("pristine")
    for folder in WORKSPACE_FOLDERS:
        shutil.copytree(BUILTIN / folder, target / folder)
    return target
