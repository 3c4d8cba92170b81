"""Generate the labelled seal test set: every page is labelled "blank with a seal" or not.

    python tests/seals/make_seal_set.py OUTDIR     # writes the set and OUTDIR/manifest.json

Families of pages (the file name says which):
  office-*.pdf   Word documents built with python-docx, laid out by LibreOffice headless (one call)
  office-*.docx  the same documents read directly (pages split at explicit breaks)
  scan-*.pdf     those PDFs rendered by pdfium at 100-300 dpi, skewed, noised, JPEG-compressed
  annot-*.pdf    /Stamp annotations added with pypdf (on an empty page, a text page, a header page)
  hand-*.pdf     hand-written content streams: inline images, nested and cyclic forms, CMYK JPEG,
                 indexed colour, soft masks, a rotated page
Labels come from how each page was built, never from running the detector.
"""
from __future__ import annotations

import json
import random
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import pdf_build  # type: ignore
    from office_cases import ACCEPTANCE, OFFICE_CASES, SCANNED, acceptance_docs, random_seal  # type: ignore
    from seal_art import red_logo  # type: ignore
else:
    from . import pdf_build
    from .office_cases import ACCEPTANCE, OFFICE_CASES, SCANNED, acceptance_docs, random_seal
    from .seal_art import red_logo


@dataclass(frozen=True)
class LabelledPage:
    file: str
    page: int
    blank_with_seal: bool
    seals: int  # seals really on the page, for the detection measures
    case: str
    family: str


def build_office(out: Path, rng: random.Random, extra: dict | None = None
                 ) -> tuple[list[LabelledPage], dict[str, list[tuple[bool, int]]]]:
    """The office documents, plus `extra` ones (name → python-docx Document) converted alongside."""
    from compliance.libreoffice import convert

    docs: dict[str, list[tuple[bool, int]]] = {}
    for case, builder, count in OFFICE_CASES:
        for i in range(count):
            doc, labels = builder(random.Random(rng.randrange(1 << 30)))
            name = f"office-{case}-{i}"
            doc.save(out / f"{name}.docx")
            docs[name] = labels
    for name, doc in (extra or {}).items():
        doc.save(out / f"{name}.docx")
    sources = [out / f"{n}.docx" for n in [*docs, *(extra or {})]]
    convert(sources, "pdf", out)  # one LibreOffice run for all of them: start-up costs seconds
    pages: list[LabelledPage] = []
    for name, labels in docs.items():
        pdf = out / f"{name}.pdf"
        count = pdf_build.page_count(pdf)
        if count != len(labels):  # a label is only right if the layout kept the intended pages
            raise RuntimeError(f"{name}: {count} pages laid out, {len(labels)} intended")
        case = name[len("office-"):].rsplit("-", 1)[0]
        for n, (label, seals) in enumerate(labels, 1):
            pages.append(LabelledPage(f"{name}.pdf", n, label, seals, case, "office-pdf"))
            pages.append(LabelledPage(f"{name}.docx", n, label, seals, case, "docx"))
    return pages, docs


def build_scans(out: Path, rng: random.Random, docs: dict[str, list[tuple[bool, int]]]) -> list[LabelledPage]:
    pages = []
    settings = [(100, 80), (150, 60), (150, 45), (200, 70), (300, 85), (200, 40)]
    for n, (case, i) in enumerate(SCANNED):
        source = out / f"office-{case}-{i}.pdf"
        dpi, quality = settings[n % len(settings)]
        if case == "faded-seal-alone":  # the hardest seals at the lowest resolutions
            dpi, quality = (100, 40) if i == 0 else (150, 35)
        angle = 180.0 if n == 5 else rng.uniform(-2.0, 2.0)
        name = f"scan-{case}-{i}.pdf"
        pdf_build.scan_pdf(source, out / name, random.Random(rng.randrange(1 << 30)), dpi=dpi,
                           angle=angle, noise=rng.uniform(3, 10), quality=quality,
                           paper=rng.randrange(236, 256), dust=rng.randrange(0, 40), border=n % 4 == 1)
        for page, (label, seals) in enumerate(docs[f"office-{case}-{i}"], 1):
            pages.append(LabelledPage(name, page, label, seals, case, "scan"))
    return pages


def build_annotations(out: Path, rng: random.Random) -> list[LabelledPage]:
    from pypdf import PdfReader, PdfWriter

    pages = []
    seal, width = random_seal(rng, shape="round")
    rect = (200.0, 400.0, 200.0 + width * pdf_build.PT_PER_MM, 400.0 + width * pdf_build.PT_PER_MM)

    writer = PdfWriter()
    writer.add_blank_page(*pdf_build.A4)
    pdf_build.add_stamp_annotation(writer, 0, rect)
    writer.write(out / "annot-empty-page.pdf")
    pages.append(LabelledPage("annot-empty-page.pdf", 1, True, 1, "stamp-annotation-empty", "annotation"))

    writer = PdfWriter()
    writer.add_blank_page(*pdf_build.A4)
    pdf_build.add_stamp_annotation(writer, 0, rect, seal=seal)
    writer.write(out / "annot-empty-page-image.pdf")
    pages.append(LabelledPage("annot-empty-page-image.pdf", 1, True, 1, "stamp-annotation-empty", "annotation"))

    writer = PdfWriter()
    writer.append(PdfReader(str(out / "office-seal-over-signature-0.pdf")))
    writer.append(PdfReader(str(out / "office-red-title-text-0.pdf")))
    pdf_build.add_stamp_annotation(writer, 1, rect, seal=seal)
    writer.write(out / "annot-text-page.pdf")
    pages += [LabelledPage("annot-text-page.pdf", 1, False, 1, "stamp-annotation-text", "annotation"),
              LabelledPage("annot-text-page.pdf", 2, False, 1, "stamp-annotation-text", "annotation")]

    writer = PdfWriter()
    writer.append(PdfReader(str(out / "office-header-footer-then-empty-0.pdf")))
    pdf_build.add_stamp_annotation(writer, 1, rect, seal=seal)
    writer.write(out / "annot-header-footer-page.pdf")
    pages += [LabelledPage("annot-header-footer-page.pdf", 1, False, 0, "stamp-annotation-furniture", "annotation"),
              LabelledPage("annot-header-footer-page.pdf", 2, True, 1, "stamp-annotation-furniture", "annotation")]

    writer = PdfWriter()
    writer.add_blank_page(*pdf_build.A4)
    pdf_build.add_stamp_annotation(writer, 0, rect, hidden=True)
    writer.write(out / "annot-hidden.pdf")
    pages.append(LabelledPage("annot-hidden.pdf", 1, False, 0, "stamp-annotation-hidden", "annotation"))

    # E-signature platforms apply the seal as a signature field's appearance.
    writer = PdfWriter()
    writer.add_blank_page(*pdf_build.A4)
    pdf_build.add_annotation(writer, 0, pdf_build.widget_annotation(writer, rect, seal=seal))
    pdf_build.page_with(writer, pdf_build.text_ops(pdf_build.body_text(rng)), {})
    pdf_build.add_annotation(writer, 1, pdf_build.widget_annotation(writer, (300.0, 80.0, 300.0 + rect[2] - rect[0], 80.0 + rect[3] - rect[1]), seal=seal))
    writer.write(out / "annot-esign-widget.pdf")
    pages += [LabelledPage("annot-esign-widget.pdf", 1, True, 1, "esign-widget", "annotation"),
              LabelledPage("annot-esign-widget.pdf", 2, False, 1, "esign-widget", "annotation")]

    # A filled-in form field is content, even though the page itself has no text.
    writer = PdfWriter()
    writer.add_blank_page(*pdf_build.A4)
    pdf_build.add_annotation(writer, 0, pdf_build.widget_annotation(writer, (80.0, 600.0, 300.0, 620.0), text="Zhang San 2024-05-20"))
    pdf_build.add_stamp_annotation(writer, 0, rect)
    writer.write(out / "annot-filled-field.pdf")
    pages.append(LabelledPage("annot-filled-field.pdf", 1, False, 1, "filled-field-and-stamp", "annotation"))
    return pages


def build_handmade(out: Path, rng: random.Random) -> list[LabelledPage]:
    from pypdf import PdfWriter

    pb = pdf_build
    pages: list[LabelledPage] = []

    def save(writer: PdfWriter, name: str, labels: list[tuple[bool, int]], case: str) -> None:
        writer.write(out / name)
        pages.extend(LabelledPage(name, n, label, seals, case, "handmade") for n, (label, seals) in enumerate(labels, 1))

    def seal(shape=None):
        img, width = random_seal(rng, shape)
        return img, width, width * img.height / img.width

    # 1. inline image seal on an empty page; then under text
    writer = PdfWriter()
    img, w, h = seal()
    pb.page_with(writer, pb.inline_image_ops(img, 80, 120, w, h), {})
    img, w, h = seal()
    pb.page_with(writer, pb.text_ops(pb.body_text(rng)) + b"\n" + pb.inline_image_ops(img, 90, 150, w, h), {})
    save(writer, "hand-inline.pdf", [(True, 1), (False, 1)], "inline-image")

    # 2. seal inside nested forms, scaled and turned by the forms' matrices
    writer = PdfWriter()
    img, w, h = seal()
    image = pb.image_xobject(writer, img)
    inner = pb.form_xobject(writer, b"q 1 0 0 1 0 0 cm /Im0 Do Q", {"/Im0": image})
    outer = pb.form_xobject(writer, b"/Fx0 Do", {"/Fx0": inner}, matrix=[0.5, 0.5, -0.5, 0.5, 0.5, 0])
    side = max(w, h) * pb.PT_PER_MM
    pb.page_with(writer, f"q {side * 1.414:.1f} 0 0 {side * 1.414:.1f} 150 300 cm /Fm0 Do Q".encode(), {"/Fm0": outer})
    save(writer, "hand-nested-forms.pdf", [(True, 1)], "nested-forms")

    # 3. a form that draws itself (a cycle), holding a seal
    writer = PdfWriter()
    img, w, h = seal()
    image = pb.image_xobject(writer, img)
    form = pb.form_xobject(writer, b"q /Im0 Do Q q 0.5 0 0 0.5 0 0 cm /Fself Do Q", {"/Im0": image})
    form.get_object()["/Resources"]["/XObject"][pb.NameObject("/Fself")] = form
    pb.page_with(writer, pb.place("Fm0", 60, 100, w, h), {"/Fm0": form})
    save(writer, "hand-form-cycle.pdf", [(True, 1)], "form-cycle")

    # 4. CMYK JPEG, indexed colour, plain RGB JPEG: blank pages and a text page
    writer = PdfWriter()
    for encoding in ("cmyk-jpeg", "indexed", "jpeg"):
        img, w, h = seal()
        xobj = pb.image_xobject(writer, img, encoding=encoding)
        pb.page_with(writer, pb.place("Im0", rng.uniform(30, 120), rng.uniform(60, 200), w, h, rng.uniform(-20, 20)), {"/Im0": xobj})
    img, w, h = seal()
    xobj = pb.image_xobject(writer, img, encoding="cmyk-jpeg")
    pb.page_with(writer, pb.text_ops(pb.body_text(rng)) + b"\n" + pb.place("Im0", 100, 60, w, h), {"/Im0": xobj})
    save(writer, "hand-encodings.pdf", [(True, 1), (True, 1), (True, 1), (False, 1)], "image-encodings")

    # 5. soft-masked seal with only a page number in the footer; a grey photo beside a seal;
    #    a page turned by /Rotate; a red logo alone in the header band
    writer = PdfWriter()
    img, w, h = seal()
    xobj = pb.image_xobject(writer, img)
    pb.page_with(writer, pb.text_ops([(290, 40, "- 3 -")]) + b"\n" + pb.place("Im0", 70, 130, w, h), {"/Im0": xobj})
    from PIL import Image

    photo = Image.effect_noise((200, 150), 60).convert("RGB")
    gray = pb.image_xobject(writer, photo.convert("L").convert("RGB"), encoding="jpeg")
    img, w, h = seal()
    xobj = pb.image_xobject(writer, img)
    pb.page_with(writer, pb.place("Ph0", 30, 180, 80, 60) + pb.place("Im0", 120, 80, w, h), {"/Ph0": gray, "/Im0": xobj})
    img, w, h = seal()
    xobj = pb.image_xobject(writer, img)
    pb.page_with(writer, pb.place("Im0", 60, 90, w, h), {"/Im0": xobj}, rotate=90)
    logo = pb.image_xobject(writer, red_logo(20))
    pb.page_with(writer, pb.place("Lg0", 20, 275, 15, 15), {"/Lg0": logo})
    save(writer, "hand-masks-rotation.pdf", [(True, 1), (False, 1), (True, 1), (False, 0)], "masks-photo-rotate-logo")
    return pages


def build_acceptance(out: Path) -> dict[str, Path]:
    """Scans of (a) and (b), and (d) a /Stamp annotation on an empty page; needs the PDFs."""
    from pypdf import PdfWriter

    files = {name: out / f"{name}.pdf" for name in ACCEPTANCE}
    files.update({f"{name}.docx": out / f"{name}.docx" for name in ACCEPTANCE})
    for name in ("accept-a", "accept-b"):
        target = out / f"{name}-scan.pdf"
        pdf_build.scan_pdf(files[name], target, random.Random(9), dpi=150, angle=0.8, noise=6,
                           quality=60, paper=246, dust=15)
        files[f"{name}-scan"] = target
    writer = PdfWriter()
    writer.add_blank_page(*pdf_build.A4)
    pdf_build.add_stamp_annotation(writer, 0, (220.0, 420.0, 340.0, 540.0))
    writer.write(out / "accept-d.pdf")
    files["accept-d"] = out / "accept-d.pdf"
    return files


def build_seal_set(out: Path, seed: int = 20240520) -> tuple[list[LabelledPage], dict[str, Path]]:
    """The labelled pages (also written to out/manifest.json) and the acceptance-case files."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pages, docs = build_office(out, rng, extra=acceptance_docs())
    pages += build_scans(out, rng, docs)
    pages += build_annotations(out, rng)
    pages += build_handmade(out, rng)
    (out / "manifest.json").write_text(json.dumps([asdict(p) for p in pages], ensure_ascii=False, indent=1), "utf-8")
    return pages, build_acceptance(out)


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root))
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("seal-set")
    built, _acceptance = build_seal_set(target)
    print(f"{len(built)} pages, {sum(p.blank_with_seal for p in built)} blank with a seal -> {target}")
