"""The OCR engine: RapidOCR with the PP-OCR Chinese models its wheel ships (nothing is fetched).

One engine per process, made on first use: loading the models takes a moment and most checks
never need it. Only decoded pixels are ever passed in, never a path or URL from a document.
"""
from __future__ import annotations

import logging
import os
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


def read_lines(image: np.ndarray) -> list[TextLine]:
    """Every text line on a page image (H×W×3, BGR, uint8)."""
    result = engine()(image)
    if result.boxes is None or result.txts is None or result.scores is None:
        return []
    lines = []
    for box, text, score in zip(result.boxes, result.txts, result.scores):
        if text and text.strip():
            lines.append(TextLine(tuple((float(x), float(y)) for x, y in box), text.strip(), float(score)))
    return lines
