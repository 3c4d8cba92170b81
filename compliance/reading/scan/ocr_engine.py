"""The OCR engine: the PP-OCR Chinese models of RapidOCR's wheel (nothing is fetched), read by
text_reader.py.

It runs in a server process of its own (ocr_server.py: onnxruntime does not survive fork), made
on first use in each process that needs it: loading the models takes a moment and most checks
never need OCR. Only decoded pixels are ever passed in, never a path or URL from a document.
"""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np

from ...errors import InternalError
from .text_reader import TextLine, TextReader

__all__ = ["TextLine", "read_lines", "start"]

_reader: TextReader | None = None


def _threads() -> int:
    # Inside `check --jobs N` each worker is its own process: give each a fair share of the cores
    # this process may run on (a container's or taskset's share, not the whole machine's). More
    # threads than cores only wait for each other, and each maps stacks and arenas of its own.
    return max(1, min(4, _cores() // max(1, int(os.environ.get("COMPLIANCE_WORKERS", "1")))))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


_server: tuple[int, subprocess.Popen] | None = None


def _started_server() -> subprocess.Popen:
    global _server
    if _server is None or _server[0] != os.getpid() or _server[1].poll() is not None:
        # A server inherited through fork belongs to the parent: this process starts its own.
        process = subprocess.Popen([sys.executable, "-m", "compliance.reading.scan.ocr_server"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, close_fds=True, env=_server_env())
        _server = (os.getpid(), process)
    return _server[1]


def _server_env() -> dict[str, str]:
    # glibc gives each thread that allocates a malloc arena of its own, reserving 64 MB of address
    # space apiece; onnxruntime allocates its tensors from its own arena, so two glibc arenas serve
    # the server as well and keep it about 250 MB (4 threads: 640 MB) further from its memory limit.
    return {**os.environ, "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2")}


def start() -> None:
    """Start this process's OCR server now, so that it loads its models while the page is being
    decoded and drawn: a scan is certain to need it."""
    _started_server()


def read_lines(image: np.ndarray) -> list[TextLine]:
    """Every text line on a page image (H×W×3, BGR, uint8), read by this process's OCR server."""
    from .ocr_server import read_frame, write_frame

    server = _started_server()
    try:
        write_frame(server.stdin, np.ascontiguousarray(image))
        status, reply = read_frame(server.stdout)
    except (EOFError, BrokenPipeError, OSError) as error:
        server.kill()
        raise InternalError(f"OCR 进程意外终止：{error}", f"the OCR process ended unexpectedly: {error}") from None
    if status == "memory":  # the server's memory limit: the file's budget (ocr_server.py), so the file's failure
        server.kill()  # a server that ran out of memory may hold it still: the next page gets a fresh one
        server.wait()
        raise MemoryError("OCR")
    if status != "ok":
        raise InternalError(f"OCR 失败：{reply}", f"OCR failed: {reply}")
    return [TextLine(tuple(map(tuple, corners)), text, confidence) for corners, text, confidence in reply]


def read_lines_here(image: np.ndarray) -> list[TextLine]:
    """read_lines in this very process: only the OCR server calls it."""
    return load_models()(image)


def load_models() -> TextReader:
    """This process's reader, its models loaded on first use: only the OCR server calls it."""
    global _reader
    if _reader is None:
        _reader = TextReader(_threads())
    return _reader
