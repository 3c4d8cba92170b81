"""Writing output files so that a failure never leaves a half-written or clobbered file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputExistsError, UsageError


def check_writable(path: Path, overwrite: bool) -> None:
    if path.exists() and not overwrite:
        raise OutputExistsError(str(path))
    if path.is_dir():
        raise UsageError(f"输出路径是一个目录：{path}", f"output path is a folder: {path}")
    if not path.parent.is_dir():
        raise UsageError(f"输出目录不存在：{path.parent}", f"output folder does not exist: {path.parent}")


def place(source: Path, destination: Path, overwrite: bool) -> None:
    """Move a finished file into place in one step; without overwrite, refuse a file that appeared."""
    if overwrite:
        os.replace(source, destination)
        return
    try:
        os.link(source, destination)  # fails if destination exists, unlike rename
    except FileExistsError:
        raise OutputExistsError(str(destination)) from None
    except OSError:  # a file system without hard links: fall back, after a last check
        if destination.exists():
            raise OutputExistsError(str(destination)) from None
        os.replace(source, destination)
        return
    os.unlink(source)


def write_atomically(path: Path, data: bytes, overwrite: bool) -> None:
    check_writable(path, overwrite)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        place(Path(temporary), path, overwrite)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
