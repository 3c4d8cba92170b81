"""Small pictures of the pages findings are on, for the HTML report, with the seals marked.

Pages are drawn with pdfium: a PDF as it is, a scan through the same lossless PDF wrapping the
checker reads it with, a .docx after LibreOffice lays it out (all of a report's .docx in one
LibreOffice run). Documents are as untrusted here as when they were checked, so each is drawn in
its own worker under the same time and memory limits; one that cannot be drawn just has no
picture. Pictures are JPEG, bounded in pixels and bytes, so a report of a thousand files stays
small enough to mail.
"""
from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

MAX_SIDE = 760  # pixels along the long side: enough to see a seal and a row, enlarged on click
QUALITY = 62
MAX_BYTES = 150_000
MAX_PAGES_PER_FILE = 20  # a report shows the pages with findings; a long file shows its first ones


@dataclass(frozen=True)
class Thumbnail:
    jpeg: bytes
    width: int
    height: int
    marks: tuple[tuple[float, float, float, float], ...] = ()  # seals, as fractions of the page (left, top, right, bottom)


def wanted_pages(results) -> dict[str, list[int]]:
    """Each file's pages that a finding names."""
    pages: dict[str, set[int]] = {}
    for result in results:
        for finding in result.findings:
            if finding.page:
                pages.setdefault(result.path, set()).add(finding.page)
    return {path: sorted(found)[:MAX_PAGES_PER_FILE] for path, found in pages.items()}


def page_thumbnails(results, *, jobs: int = 1, timeout: float = 60.0, memory_bytes: int | None = None,
                    password: str | None = None) -> dict[tuple[str, int], Thumbnail]:
    from ..safety.isolation import Failure, run_isolated

    wanted = wanted_pages(results)
    if not wanted:
        return {}
    pictures: dict[tuple[str, int], Thumbnail] = {}
    with tempfile.TemporaryDirectory(prefix="compliance-thumbs-") as work:
        drawable = _laid_out(wanted, Path(work))
        tasks = [(path, str(source), tuple(wanted[path]), password) for path, source in drawable.items()]
        with run_isolated(tasks, _draw, jobs=jobs, timeout=timeout, memory_bytes=memory_bytes) as outcomes:
            for _index, (path, _source, _pages, _password), outcome in outcomes:
                if not isinstance(outcome, Failure):
                    pictures.update(((path, page), picture) for page, picture in outcome.items())
    return pictures


def _laid_out(wanted: dict[str, list[int]], work: Path) -> dict[str, Path]:
    """What pdfium can draw for each file: itself, or the PDF LibreOffice makes of a .docx."""
    from ..errors import UsageError
    from ..libreoffice import convert

    drawable = {path: Path(path) for path in wanted if Path(path).suffix.lower() != ".docx"}
    documents = [path for path in wanted if Path(path).suffix.lower() == ".docx"]
    copies = []
    for index, document in enumerate(documents):  # numbered copies: two documents may share a name
        copy = work / f"{index}.docx"
        copy.write_bytes(Path(document).read_bytes())
        copies.append(copy)
    if not copies:
        return drawable
    try:
        converted = convert(copies, "pdf", work)  # one LibreOffice run for them all
    except UsageError:  # one refused, or LibreOffice absent: try each alone, keep what converts
        converted = []
        for copy in copies:
            try:
                converted += convert([copy], "pdf", work)
            except UsageError:
                converted.append(work / "missing.pdf")
    for document, pdf in zip(documents, converted):
        if pdf.is_file():
            drawable[document] = pdf
    return drawable


def _draw(task) -> dict[int, Thumbnail]:
    """Every wanted page of one file, drawn small, with its seals marked (in a worker)."""
    import pypdfium2

    from ..safety.sniff import IMAGE, sniff

    _path, source, pages, password = task
    source_path = Path(source)
    if sniff(source_path) == IMAGE:
        from ..pages.image_pdf import image_as_pdf

        document = pypdfium2.PdfDocument(image_as_pdf(source_path.read_bytes(), source_path.name))
    else:
        document = pypdfium2.PdfDocument(str(source_path), password=password)
    seals = _seal_boxes(source_path, password)
    drawn = {}
    for number in pages:
        if not 1 <= number <= len(document):
            continue
        page = document[number - 1]
        width, height = page.get_size()
        scale = MAX_SIDE / max(width, height)
        image = page.render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil().convert("RGB")
        jpeg = _jpeg(image)
        marks = tuple((x0 / width, 1 - y1 / height, x1 / width, 1 - y0 / height) for x0, y0, x1, y1 in seals.get(number, ()))
        drawn[number] = Thumbnail(jpeg, image.width, image.height, marks)
    return drawn


def _jpeg(image) -> bytes:
    quality = QUALITY
    while True:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=True)
        if buffer.tell() <= MAX_BYTES or quality <= 25:
            return buffer.getvalue()
        quality -= 12


def _seal_boxes(source: Path, password: str | None) -> dict[int, list[tuple[float, float, float, float]]]:
    from ..errors import ComplianceError
    from ..seals import find_stamps

    boxes: dict[int, list[tuple[float, float, float, float]]] = {}
    try:
        stamps = find_stamps(source, password=password)
    except (ComplianceError, OSError, ValueError):
        return boxes
    for stamp in stamps:
        boxes.setdefault(stamp.page, []).append(stamp.bbox)
    return boxes
