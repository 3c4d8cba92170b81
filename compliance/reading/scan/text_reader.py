"""Find and read the text lines of a page with the PP-OCR models that RapidOCR's wheel ships.

The models are run here directly on onnxruntime. RapidOCR's own pipeline costs most of a second
to import (its configuration is loaded through OmegaConf), which every cold `check` of a scan
paid; what it does around the two models is short and is done below: DB post-processing for
detection (threshold, contours, score, expand), a perspective crop per line, and CTC decoding
for recognition. Only the model files are taken from the package, found without importing it.
"""
from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from ...errors import InternalError

# Detection is most of the cost: pages are shrunk to this longest side first. At 200 dpi an A4
# page becomes about 137 dpi, where 10.5 pt text is still 20 pixels high.
MAX_SIDE = 1600
MIN_SCORE = 0.5  # below this a reading is noise, not text

# Detection (DB): a pixel is text above PIXEL_THRESHOLD; a region is kept when its mean is above
# REGION_THRESHOLD, and grown by EXPAND × area / perimeter on each side, as the model was trained.
PIXEL_THRESHOLD = 0.3
REGION_THRESHOLD = 0.5
EXPAND = 1.6
MAX_REGIONS = 1000
MIN_REGION_SIDE = 3

# Recognition: lines are scaled to the model's height and read one at a time. RapidOCR reads six
# at once, padded to the widest and to at least 320 pixels (four times a two-character label);
# alone, a line is read in a third less time, and its reading no longer depends on which other
# lines of the page happened to share its batch.
LINE_HEIGHT = 48
NARROWEST_LINE = 96
BATCH = 1


@dataclass(frozen=True)
class TextLine:
    """One line OCR read: its four corners in image pixels (clockwise from top-left)."""

    corners: tuple[tuple[float, float], ...]
    text: str
    confidence: float


def _model_folder() -> Path:
    spec = importlib.util.find_spec("rapidocr")  # locates the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise InternalError("OCR 模型未安装（rapidocr）", "the OCR models are not installed (rapidocr)")
    return Path(next(iter(spec.submodule_search_locations))) / "models"


def _model(folder: Path, task: str) -> Path:
    found = sorted(folder.glob(f"*_{task}_*.onnx"))
    if not found:
        raise InternalError(f"OCR 模型缺失：{folder} 中没有 {task} 模型", f"OCR model missing: no {task} model in {folder}")
    return found[-1]


class TextReader:
    """The detection and recognition models, loaded once per process."""

    def __init__(self, threads: int) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.enable_cpu_mem_arena = True
        options.log_severity_level = 3
        # Threads that wait for work sleep rather than spin: spinning took a quarter more processor
        # time for the same pages, time taken from the other workers' cores and counted against
        # the file's --timeout (safety/isolation.py), for no shorter wait.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        folder = _model_folder()
        self._detector = onnxruntime.InferenceSession(str(_model(folder, "det")), options,
                                                      providers=["CPUExecutionProvider"])
        self._recogniser = onnxruntime.InferenceSession(str(_model(folder, "rec")), options,
                                                        providers=["CPUExecutionProvider"])
        alphabet = self._recogniser.get_modelmeta().custom_metadata_map.get("character")
        if not alphabet:
            raise InternalError("OCR 识别模型缺少字符表", "the OCR recognition model has no character list")
        # CTC: index 0 is the blank; the model's list follows, then a space.
        self._characters = ["", *alphabet.splitlines(), " "]

    def __call__(self, image: np.ndarray) -> list[TextLine]:
        """Every text line of a page image (H×W×3, BGR, uint8), in the image's own pixels."""
        page, scale = _within(image, MAX_SIDE)
        regions = self._detect(page)
        if not regions:
            return []
        readings = self._recognise([_cut(page, corners) for corners in regions])
        lines = []
        for corners, (text, confidence) in zip(regions, readings):
            text = text.strip()
            if text and confidence >= MIN_SCORE:
                lines.append(TextLine(tuple((float(x / scale), float(y / scale)) for x, y in corners), text, confidence))
        return lines

    def _detect(self, page: np.ndarray) -> list[np.ndarray]:
        height, width = page.shape[:2]
        fed_height, fed_width = max(32, round(height / 32) * 32), max(32, round(width / 32) * 32)
        fed = cv2.resize(page, (fed_width, fed_height))
        tensor = ((fed.astype(np.float32) / 255.0 - 0.5) / 0.5).transpose(2, 0, 1)[np.newaxis]
        probability = self._detector.run(None, {self._detector.get_inputs()[0].name: tensor})[0][0, 0]
        mask = cv2.dilate((probability > PIXEL_THRESHOLD).astype(np.uint8), np.ones((2, 2), np.uint8))
        contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
        to_page = np.array([width / fed_width, height / fed_height], dtype=np.float32)
        regions = []
        for contour in contours[:MAX_REGIONS]:
            centre, (side_a, side_b), angle = cv2.minAreaRect(contour)
            if min(side_a, side_b) < MIN_REGION_SIDE:
                continue
            if _mean_inside(probability, cv2.boxPoints((centre, (side_a, side_b), angle))) < REGION_THRESHOLD:
                continue
            grow = side_a * side_b * EXPAND / (2 * (side_a + side_b))
            grown = (side_a + 2 * grow, side_b + 2 * grow)
            if min(grown) < MIN_REGION_SIDE + 2:
                continue
            corners = _clockwise(cv2.boxPoints((centre, grown, angle))) * to_page
            corners[:, 0] = corners[:, 0].clip(0, width - 1)
            corners[:, 1] = corners[:, 1].clip(0, height - 1)
            regions.append(corners.astype(np.float32))
        regions.sort(key=lambda corners: (round(float(corners[0][1]) / 10), float(corners[0][0])))
        return regions

    def _recognise(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        readings: list[tuple[str, float]] = [("", 0.0)] * len(crops)
        ratios = [crop.shape[1] / crop.shape[0] for crop in crops]
        order = sorted(range(len(crops)), key=ratios.__getitem__)
        name = self._recogniser.get_inputs()[0].name
        for start in range(0, len(order), BATCH):
            batch = order[start:start + BATCH]
            widest = max(NARROWEST_LINE / LINE_HEIGHT, *(ratios[index] for index in batch))
            padded_width = int(LINE_HEIGHT * widest)
            tensor = np.zeros((len(batch), 3, LINE_HEIGHT, padded_width), dtype=np.float32)
            for slot, index in enumerate(batch):
                width = min(padded_width, math.ceil(LINE_HEIGHT * ratios[index]))
                line = cv2.resize(crops[index], (width, LINE_HEIGHT)).astype(np.float32)
                tensor[slot, :, :, :width] = ((line / 255.0 - 0.5) / 0.5).transpose(2, 0, 1)
            scores = self._recogniser.run(None, {name: tensor})[0]
            for slot, index in enumerate(batch):
                readings[index] = self._decode(scores[slot])
        return readings

    def _decode(self, scores: np.ndarray) -> tuple[str, float]:
        """CTC: the best class per step, repeats merged, blanks dropped."""
        best = scores.argmax(axis=1)
        kept = np.ones(len(best), dtype=bool)
        kept[1:] = best[1:] != best[:-1]
        kept &= best != 0
        if not kept.any():
            return "", 0.0
        text = "".join(self._characters[index] if index < len(self._characters) else "" for index in best[kept])
        return text, float(scores.max(axis=1)[kept].mean())


def _within(image: np.ndarray, side: int) -> tuple[np.ndarray, float]:
    height, width = image.shape[:2]
    scale = min(1.0, side / max(height, width))
    if scale == 1.0:
        return image, 1.0
    return cv2.resize(image, (int(width * scale), int(height * scale))), scale


def _clockwise(points: np.ndarray) -> np.ndarray:
    """Four corners ordered top-left, top-right, bottom-right, bottom-left."""
    by_x = points[np.argsort(points[:, 0], kind="stable")]
    left = by_x[:2][np.argsort(by_x[:2, 1], kind="stable")]
    right = by_x[2:][np.argsort(by_x[2:, 1], kind="stable")]
    return np.array([left[0], right[0], right[1], left[1]], dtype=np.float32)


def _mean_inside(probability: np.ndarray, corners: np.ndarray) -> float:
    height, width = probability.shape
    x0, y0 = (int(max(0, min(np.floor(corners[:, axis].min()), limit - 1))) for axis, limit in ((0, width), (1, height)))
    x1, y1 = (int(max(0, min(np.ceil(corners[:, axis].max()), limit - 1))) for axis, limit in ((0, width), (1, height)))
    mask = np.zeros((y1 - y0 + 1, x1 - x0 + 1), dtype=np.uint8)
    cv2.fillPoly(mask, [(corners - [x0, y0]).astype(np.int32)], 1)
    return float(cv2.mean(probability[y0:y1 + 1, x0:x1 + 1], mask)[0])


def _cut(page: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """The line straightened out of the page; a tall narrow cut is a vertical line, turned."""
    width = int(max(np.linalg.norm(corners[0] - corners[1]), np.linalg.norm(corners[2] - corners[3])))
    height = int(max(np.linalg.norm(corners[0] - corners[3]), np.linalg.norm(corners[1] - corners[2])))
    width, height = max(width, 1), max(height, 1)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    cut = cv2.warpPerspective(page, cv2.getPerspectiveTransform(corners, target), (width, height),
                              borderMode=cv2.BORDER_REPLICATE, flags=cv2.INTER_CUBIC)
    return np.rot90(cut) if height / width >= 1.5 else cut
