"""Ship the top-level forms workspace inside the package on a regular (non-editable) install.

templates/, schemas/, rules/ and samples/ live at the top of the repository so that offices can
read and edit them; a wheel needs them inside the package, so the build copies them to
compliance/_builtin/. An editable install reads them from the repository directly.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

WORKSPACE_FOLDERS = ("templates", "schemas", "rules", "samples")


class BuildWithWorkspace(build_py):
    def run(self) -> None:
        super().run()
        root = Path(__file__).parent
        target = Path(self.build_lib) / "compliance" / "_builtin"
        for folder in WORKSPACE_FOLDERS:
            destination = target / folder
            if destination.exists():
                shutil.rmtree(destination)
            shutil.copytree(root / folder, destination)


setup(cmdclass={"build_py": BuildWithWorkspace})
