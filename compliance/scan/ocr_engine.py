"""The OCR engine: RapidOCR with the PP-OCR Chinese models its wheel ships (nothing is fetched).

It runs in a server process of its own (ocr_server.py: onnxruntime does not survive fork), made
on first use in each process that needs it: loading the models takes a moment and most checks
never need OCR. Only decoded pixels are ever passed in, never a path or URL from a document.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from dataclasses import dataclass

import numpy as np

from ..errors import InternalError

# Detection is most of the cost: pages are shrunk to this longest side first. At 200 dpi an A4
# page becomes about 137 dpi, where 10.5 pt text is still 20 pixels high.
MAX_SIDE = 1600
MIN_SCORE = 0.5  # below this a reading is noise, not text


@dataclass(frozen=True)
class TextLine:
    """One line OCR read: its four corners in image pixels (clockwise from top-left)."""

    corners: tuple[tuple[float, float], ...]
    text: str
    confidence: float


_engine = None
_engine_pid = 0  # the process that made it: a forked worker makes its own
_lock = threading.Lock()


def _threads() -> int:
    # Inside `check --jobs N` each worker is its own process: give each a fair share of the cores.
    return max(1, min(4, (os.cpu_count() or 1) // max(1, int(os.environ.get("COMPLIANCE_WORKERS", "1")))))


def engine():
    global _engine, _engine_pid
    with _lock:
        # onnxruntime's thread pool does not survive fork: an engine inherited from the parent
        # would wait forever for threads that are not there.
        if _engine is None or _engine_pid != os.getpid():
            try:
                from rapidocr import RapidOCR
            except ImportError as error:  # a broken install, not a bad document
                raise InternalError(f"OCR 引擎无法载入：{error}", f"the OCR engine cannot be loaded: {error}") from None
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
            _engine = RapidOCR(params={
                "Global.log_level": "error",
                "Global.use_cls": False,  # upside-down pages are turned whole, before reading
                "Global.max_side_len": MAX_SIDE,
                "Global.text_score": MIN_SCORE,
                "EngineConfig.onnxruntime.intra_op_num_threads": _threads(),
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            })
            _engine_pid = os.getpid()
        return _engine


_server: tuple[int, subprocess.Popen] | None = None


def _started_server() -> subprocess.Popen:
    global _server
    if _server is None or _server[0] != os.getpid() or _server[1].poll() is not None:
        # A server inherited through fork belongs to the parent: this process starts its own.
        process = subprocess.Popen([sys.executable, "-m", "compliance.scan.ocr_server"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, close_fds=True)
        _server = (os.getpid(), process)
    return _server[1]


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
    if status != "ok":
        raise InternalError(f"OCR 失败：{reply}", f"OCR failed: {reply}")
    return [TextLine(tuple(map(tuple, corners)), text, confidence) for corners, text, confidence in reply]


def read_lines_here(image: np.ndarray) -> list[TextLine]:
    """read_lines in this very process: only the OCR server calls it."""
    result = engine()(image)
    if result.boxes is None or result.txts is None or result.scores is None:
        return []
    lines = []
    for box, text, score in zip(result.boxes, result.txts, result.scores):
        if text and text.strip():
            lines.append(TextLine(tuple((float(x), float(y)) for x, y in box), text.strip(), float(score)))
    return lines
