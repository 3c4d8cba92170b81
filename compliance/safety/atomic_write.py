"""Writing output files so that a failure never leaves a half-written or clobbered file.

An output is an ordinary file: it is made beside its destination under a temporary name, with the
permissions any program would give it under the user's umask, and moved into place in one step.
A destination that is not an ordinary file (a FIFO, a device, a folder, a symbolic link) is never
replaced, not even with --force: running as root, replacing /dev/null or following a link planted
in a shared folder would do damage far beyond the form being written.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ..errors import OutputExistsError, OutputRefusedError, UsageError

_KINDS = (
    (stat.S_ISLNK, "符号链接", "a symbolic link"),
    (stat.S_ISDIR, "目录", "a folder"),
    (stat.S_ISFIFO, "命名管道（FIFO）", "a FIFO (named pipe)"),
    (stat.S_ISCHR, "字符设备", "a character device"),
    (stat.S_ISBLK, "块设备", "a block device"),
    (stat.S_ISSOCK, "套接字", "a socket"),
)


def refuse_unsafe_destination(path: Path) -> bool:
    """Whether something is already at `path`; refuse it unless it is an ordinary file."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISREG(mode):
        return True
    kind_zh, kind_en = next(((zh, en) for test, zh, en in _KINDS if test(mode)), ("特殊文件", "a special file"))
    raise OutputRefusedError(
        f"输出路径 {path} 是{kind_zh}，不是普通文件：拒绝写入（--force 也不会替换它）",
        f"output path {path} is {kind_en}, not an ordinary file: refused (--force does not replace it)",
    )


def check_writable(path: Path, overwrite: bool) -> None:
    if refuse_unsafe_destination(path) and not overwrite:
        raise OutputExistsError(str(path))
    if not path.parent.is_dir():
        raise UsageError(f"输出目录不存在：{path.parent}", f"output folder does not exist: {path.parent}")


def _unwritable_folder(folder: Path, error: OSError) -> UsageError:
    reason = error.strerror or type(error).__name__
    return UsageError(f"无法在输出目录中写入文件：{folder}（{reason}）",
                      f"cannot write a file in the output folder {folder} ({reason})")


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere the only way to read it is to set it; put it straight back
    os.umask(mask)
    return mask


def place(source: Path, destination: Path, overwrite: bool) -> None:
    """Move a finished file into place in one step; without overwrite, refuse a file that appeared."""
    refuse_unsafe_destination(destination)  # again: something may have been put there since the first look
    if overwrite:
        os.replace(source, destination)
        return
    try:
        os.link(source, destination)  # fails if destination exists, unlike rename
    except FileExistsError:
        raise OutputExistsError(str(destination)) from None
    except OSError:  # a file system without hard links: fall back, after a last check
        if os.path.lexists(destination):
            raise OutputExistsError(str(destination)) from None
        os.replace(source, destination)
        return
    os.unlink(source)


def write_atomically(path: Path, data: bytes, overwrite: bool) -> None:
    check_writable(path, overwrite)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise _unwritable_folder(path.parent, error) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), 0o666 & ~_umask())  # mkstemp makes 0600; an output is an ordinary file
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        place(Path(temporary), path, overwrite)
    except OSError as error:
        raise _unwritable_folder(path.parent, error) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
