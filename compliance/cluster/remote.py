"""Send each file's bytes to a Dask cluster and gather results as a local run gives them.

Nothing is lost: Dask moves the task of a worker that dies to another worker; a file whose
tasks kill worker after worker (Dask's `allowed-failures`) is reported as `file-unreadable` with
the reason, so every file is reported exactly once. A bounded number of files is in flight, so the
client's memory does not grow with the number of files.
"""
from __future__ import annotations

import dataclasses
import importlib
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from ..checking.pipeline import CheckOptions, FileResult, collect_paths
from ..errors import UnreadableDocument, UsageError
from ..model.findings import FILE_UNREADABLE, Finding
from ..model.workspace import Workspace

MAX_FILE_BYTES = 256 * 1024 * 1024  # the largest document any reader accepts
IN_FLIGHT_PER_WORKER = 4
CONNECT_SECONDS = 10


_server: tuple[int, subprocess.Popen] | None = None
_server_lock = threading.Lock()


def _started_server() -> subprocess.Popen:
    global _server
    if _server is None or _server[0] != os.getpid() or _server[1].poll() is not None:
        process = subprocess.Popen([sys.executable, "-m", "compliance.cluster.check_server"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, close_fds=True)
        _server = (os.getpid(), process)
    return _server[1]


def check_remote_bytes(name: str, data: bytes, root: str | None, options: CheckOptions) -> FileResult:
    """On a worker: the file's bytes under its own name in a private folder, checked by this
    worker's checker server (check_server.py) in a limited process of its own, as `check` does
    locally; reported under the client's path."""
    from ..reading.scan.ocr_server import read_frame, write_frame

    with tempfile.TemporaryDirectory(prefix="compliance-remote-") as folder:
        local = Path(folder) / (Path(name).name or "document")
        local.write_bytes(data)
        with _server_lock:  # one file at a time through the pipe; the server forks for each
            server = _started_server()
            try:
                write_frame(server.stdin, (str(local), root, dataclasses.replace(options, jobs=1)))
                status, reply = read_frame(server.stdout)
            except (EOFError, BrokenPipeError, OSError) as error:
                server.kill()
                return _unreadable(name, f"工作节点上的检查进程意外终止：{error}", f"the checker on the worker ended unexpectedly: {error}")
    if status != "ok":
        return _unreadable(name, f"工作节点上的检查失败：{reply}", f"the check failed on the worker: {reply}")
    renamed = tuple(dataclasses.replace(f, file=name) for f in reply.findings)
    return dataclasses.replace(reply, path=name, findings=renamed)


def dask():
    """Dask's `distributed`, which only `--scheduler` needs: an extra, not the base install.

    The one place it is imported, by name at run time, so that neither `import compliance` nor
    `compliance --help` needs it; without it, a usage error says how to install it."""
    try:
        return importlib.import_module("distributed")
    except ModuleNotFoundError as error:
        if error.name != "distributed":
            raise  # Dask is there but broken: an incomplete installation, as the CLI says
        raise UsageError("--scheduler 需要 Dask，但未安装。请安装：pip install 'compliance[distributed]'",
                         "--scheduler needs Dask, which is not installed: pip install 'compliance[distributed]'") from None


def _client(address: str):
    Client = dask().Client
    try:
        return Client(address, timeout=f"{CONNECT_SECONDS}s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise UsageError(f"无法连接 Dask 调度器 {address}：{error}",
                         f"cannot reach the Dask scheduler at {address}: {error}") from None


def _unreadable(path: str, zh: str, en: str) -> FileResult:
    return FileResult(path, None, (Finding(path, None, None, FILE_UNREADABLE, "error", zh, en),))


def _read(path: Path) -> bytes:
    from ..safety.data_limits import open_bounded

    with open_bounded(path, MAX_FILE_BYTES, UnreadableDocument) as stream:
        return stream.read()


def check_paths_remote(paths: list[Path], workspace: Workspace, options: CheckOptions, address: str,
                       progress=None, keep=None) -> list[FileResult]:
    """As `check_paths`, on the cluster at `address`: every file exactly once, in path order."""
    as_completed = dask().as_completed
    files = collect_paths(paths)
    root = str(workspace.root) if workspace.root is not None else None
    results: dict[int, FileResult] = {}
    client = _client(address)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = max(2, IN_FLIGHT_PER_WORKER * workers)
        pending = iter(enumerate(files))
        first: list = []
        running = None
        owner: dict[str, int] = {}

        def submit_next() -> bool:
            for index, path in pending:
                try:
                    data = _read(path)
                except (UnreadableDocument, OSError) as error:
                    zh, en = (error.message_zh, error.message_en) if isinstance(error, UnreadableDocument) else (
                        f"无法读取：{error}", f"cannot be read: {error}")
                    _done(index, _unreadable(str(path), zh, en))
                    continue
                future = client.submit(check_remote_bytes, str(path), data, root, options, pure=False,
                                       key=f"compliance-check-{index}-{id(files)}")
                owner[future.key] = index
                if running is None:
                    first.append(future)
                else:
                    running.add(future)
                return True
            return False

        def _done(index: int, result: FileResult) -> None:
            results[index] = keep(result) if keep is not None else result
            if progress is not None:
                progress()

        for _ in range(window):
            if not submit_next():
                break
        if not first:
            return [results[i] for i in range(len(files))]
        running = as_completed(first, loop=client.loop)
        for future in running:
            index = owner.pop(future.key)
            try:
                result = future.result()
            except Exception as error:  # a worker died each time it held this file, or the task failed
                name = type(error).__name__
                result = _unreadable(str(files[index]), f"集群中检查失败（{name}：{error}）",
                                     f"checking failed on the cluster ({name}: {error})")
            future.release()
            _done(index, result)
            submit_next()
    finally:
        client.close()
    return [results[i] for i in range(len(files))]
