"""The OCR engine in a process of its own, started fresh (not forked) and fed pages over a pipe.

onnxruntime cannot be forked: once a process has run it, a child forked from that process hangs
on its first inference, whatever it loads. The checker forks a worker per file, and a program
that uses this package may itself have read a scan before it checks a folder. So no process that
might fork ever runs the engine: each one that needs OCR starts this server (a new interpreter),
once, and sends it pages. The server ends when its pipe closes, with the process that started it.

Frames on the pipes: an 8-byte length, then a pickle. Only the process that started the server
writes to it, and only this module writes the replies: ("ok", lines), ("memory", None) when the
page needed more memory than the limit, ("error", detail).

Started by a limited worker, the server inherits the worker's address-space cap, which is the
worker's baseline plus the file's budget. A fresh interpreter with onnxruntime, OpenCV and the
models maps its own 0.6-1 GB before the first page (more with more cores), so that cap left it
a few MB, or none: pages failed with MemoryError depending on the machine. The server lifts it,
loads the models, and caps itself at its own baseline plus the same budget.
"""
from __future__ import annotations

import os
import pickle
import resource
import struct
import sys

_LENGTH = struct.Struct(">Q")


def write_frame(stream, value) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)))
    stream.write(data)
    stream.flush()


def read_frame(stream):
    header = stream.read(_LENGTH.size)
    if len(header) < _LENGTH.size:
        raise EOFError
    (size,) = _LENGTH.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def _own_memory_limit() -> None:
    """Load the models under no inherited cap, then cap this server at its baseline plus the budget."""
    from ...safety.isolation import MEMORY_ENV, limit_memory
    from .ocr_engine import load_models

    budget = os.environ.get(MEMORY_ENV, "")
    if budget.isdigit():
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))  # raising the soft limit up to the hard one is allowed
    try:
        load_models()
    except Exception:  # reported, with its reason, when the first page asks for it
        pass
    if budget.isdigit():
        limit_memory(int(budget))


def serve() -> None:
    from .ocr_engine import read_lines_here

    incoming, outgoing = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames may reach the pipe
    _own_memory_limit()
    while True:
        try:
            image = read_frame(incoming)
        except EOFError:
            return
        reply: tuple[str, object]
        try:
            reply = ("ok", [(line.corners, line.text, line.confidence) for line in read_lines_here(image)])
        except MemoryError:
            reply = ("memory", None)
        except Exception as error:  # reported to the caller, which names the page
            reply = ("error", f"{type(error).__name__}: {error}")
        write_frame(outgoing, reply)


if __name__ == "__main__":
    serve()
