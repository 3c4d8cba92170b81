"""Build a corpus of hostile files (and a few good ones) into a folder, in a few seconds.

Nothing here is committed as binary: the test suite builds the corpus once per session in a tmp
folder. Usable by hand too:  python tests/hostile/build_corpus.py /tmp/hostile
Malformations pypdf/zipfile refuse to write are written byte by byte (`pdf_bytes`, `zip_bytes`).
"""
from __future__ import annotations

import io
import os
import random
import struct
import sys
import uuid
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 b'<Default Extension="xml" ContentType="application/xml"/>'
                 b'<Default Extension="png" ContentType="image/png"/>'
                 b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def document_xml(text: bytes = b"hello", doctype: bytes = b"", prolog: bytes = b"") -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?>' + prolog + doctype
            + b"<w:document " + W + b"><w:body><w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p></w:body></w:document>")


# ---- zip, by hand: sizes, flags and offsets exactly as given (zipfile would correct them) ----

@dataclass
class ZipEntry:
    name: str
    payload: bytes  # bytes as stored (already deflated when method is 8)
    size: int  # declared inflated size
    crc: int
    method: int = 8
    flags: int = 0
    offset: int | None = None  # point the central record at another entry's local header
    write_local: bool = True


def deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def entry(name: str, data: bytes, **kw: object) -> ZipEntry:
    return ZipEntry(name, deflate(data), len(data), zlib.crc32(data), **kw)  # type: ignore[arg-type]


def zip_bytes(entries: list[ZipEntry], central: bytes | None = None) -> bytes:
    out = bytearray()
    for item in entries:
        if not item.write_local:
            continue
        item.offset = len(out) if item.offset is None else item.offset
        name = item.name.encode()
        out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, item.flags, item.method, 0, 0x21,
                           item.crc, len(item.payload), item.size, len(name), 0) + name + item.payload
    cd_offset = len(out)
    if central is None:
        records = bytearray()
        for item in entries:
            name = item.name.encode()
            records += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, item.flags, item.method, 0, 0x21,
                                   item.crc, len(item.payload), item.size, len(name), 0, 0, 0, 0, 0, item.offset or 0) + name
        central = bytes(records)
    out += central
    out += struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), cd_offset, 0)
    return bytes(out)


def docx_with(document: bytes, extra: dict[str, bytes] | None = None, **zip_kw: object) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", extra.pop("[Content_Types].xml", CONTENT_TYPES) if extra else CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buffer.getvalue()


def zeros_deflated(total: int, chunk: int = 1 << 20) -> tuple[bytes, int]:
    """Raw deflate of `total` zero bytes in O(total / 1000) time: after a full flush, every 1 MB
    block of zeros compresses to the same bytes, so one block is repeated instead of compressed."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = b"\0" * chunk
    first = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    payload = first + block * (total // chunk - 1) + packer.flush()
    crc = 0
    for _ in range(total // chunk):
        crc = zlib.crc32(zeros, crc)
    return payload, crc


# ---- images and PDFs ----

def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares width x height RGB pixels but carries almost no data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def small_png() -> bytes:
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_stream(data: bytes, extra: bytes = b"", compressed: bytes | None = None) -> bytes:
    body = zlib.compress(data, 9) if compressed is None else compressed
    return b"<< /Length %d /Filter /FlateDecode%s >>\nstream\n" % (len(body), extra) + body + b"\nendstream"


def pdf_bytes(objects: dict[int, bytes], root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF with a correct xref table for whatever (possibly absurd) objects it is given."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 00000 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer, xref)
    return bytes(out)


def one_page_pdf(content: bytes, page_extra: bytes = b"", extra: dict[int, bytes] | None = None,
                 pages: bytes = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>") -> bytes:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: pages,
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> "
           b"/XObject << /Im1 6 0 R >> >> /Contents 5 0 R" + page_extra + b" >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        5: content,
        6: pdf_stream(b"\xc8\x1e\x1e" * 16, b" /Type /XObject /Subtype /Image /Width 4 /Height 4"
                      b" /ColorSpace /DeviceRGB /BitsPerComponent 8"),
    }
    objects.update(extra or {})
    return pdf_bytes(objects)


TEXT = b"BT /F1 12 Tf 72 720 Td (Hello hostile world) Tj ET q 40 0 0 40 72 600 cm /Im1 Do Q"


def encrypted_pdf(password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(one_page_pdf(pdf_stream(TEXT)))))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def good_docx() -> bytes:
    import docx  # python-docx
    document = docx.Document()
    document.add_heading("报销申请单", 1)
    document.add_paragraph("申请人：张三  金额：1200 元")
    document.add_picture(io.BytesIO(small_png()))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---- the corpus ----

@dataclass
class Corpus:
    root: Path
    secret_token: str
    files: dict[str, Path] = field(default_factory=dict)
    pdf_password: str = "s3cret-pw"  # opens encrypted.pdf


PASSWORD = Corpus.pdf_password


def build_corpus(folder: Path) -> Corpus:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20240601)
    token = f"SECRET-{uuid.uuid4().hex}"
    secret = folder / "secret.txt"
    secret.write_text(token + "\n", encoding="utf-8")
    corpus = Corpus(folder, token)

    def put(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)
        corpus.files[name] = folder / name

    def sparse(name: str, size: int) -> None:  # big on paper, nothing on disk
        with open(folder / name, "wb") as handle:
            handle.truncate(size)
        corpus.files[name] = folder / name

    good = good_docx()
    good_pdf = one_page_pdf(pdf_stream(TEXT))
    uri = secret.resolve().as_uri().encode()
    xxe = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "' + uri + b'">]>'
    laughs = b"<!DOCTYPE w:document [<!ENTITY lol0 \"lol\">" + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10)) + b"]>"

    # .docx
    put("good.docx", good)
    put("good_minimal.docx", docx_with(document_xml()))
    put("empty.docx", b"")
    put("truncated.docx", good[: len(good) // 2])
    put("random.docx", b"\x17" + rng.randbytes(64 * 1024))
    put("pdf_named.docx", good_pdf)
    put("ole_encrypted.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(4096))
    bomb, bomb_crc = zeros_deflated(1 << 30)  # 1 GiB of zeros in ~1 MB
    put("zip_bomb.docx", zip_bytes([entry("[Content_Types].xml", CONTENT_TYPES),
                                    ZipEntry("word/document.xml", bomb, 1 << 30, bomb_crc)]))
    kernel = b"\0" * (900 * 1024)  # each entry alone looks harmless; 200 of them share the bytes
    shared = ZipEntry("word/document.xml", deflate(kernel), len(kernel), zlib.crc32(kernel))
    put("overlap_bomb.docx", zip_bytes([shared] + [
        ZipEntry(f"word/part{i}.xml", shared.payload, len(kernel), shared.crc, offset=0, write_local=False)
        for i in range(200)]))
    big_xml = document_xml(b"A" * (50 << 20))
    put("lying_header.docx", zip_bytes([entry("[Content_Types].xml", CONTENT_TYPES),
                                        ZipEntry("word/document.xml", deflate(big_xml), 2000, zlib.crc32(big_xml[:2000]))]))
    put("encrypted_entry.docx", zip_bytes([entry("[Content_Types].xml", CONTENT_TYPES),
                                           entry("word/document.xml", document_xml(), flags=0x1)]))
    locals_only = zip_bytes([entry("[Content_Types].xml", CONTENT_TYPES), entry("word/document.xml", document_xml())])
    (cd_at,) = struct.unpack("<I", locals_only[-6:-2])  # the central directory offset, from the EOCD
    garbage = rng.randbytes(len(locals_only) - cd_at - 22)
    put("garbage_directory.docx", locals_only[:cd_at] + garbage + locals_only[-22:])
    put("too_many_entries.docx", zip_bytes([entry("word/document.xml", document_xml())]
                                           + [entry(f"customXml/item{i}.xml", b"") for i in range(3000)]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as zf:
        zf.writestr("word/document.xml", document_xml())
    put("bzip2_method.docx", buffer.getvalue())
    put("duplicate_names.docx", zip_bytes([entry("word/document.xml", document_xml()),
                                           entry("word/document.xml", document_xml(b"other"))]))
    put("xxe.docx", docx_with(document_xml(b"&xxe;", xxe)))
    put("xxe_utf16.docx", docx_with(document_xml(b"&xxe;", xxe).decode().replace('"UTF-8"', '"UTF-16"').encode("utf-16")))
    put("xxe_far.docx", docx_with(document_xml(b"&xxe;", xxe, b"<!--" + b"x" * 100_000 + b"-->")))
    put("xxe_content_types.docx", docx_with(document_xml(), {
        "[Content_Types].xml": CONTENT_TYPES.replace(b"<Types", xxe.replace(b"w:document", b"Types") + b"<Types", 1)}))
    put("billion_laughs.docx", docx_with(document_xml(b"&lol9;", laughs)))
    depth = 20_000  # deeper than libxml2's 256, small enough (240 KB) not to trip the ratio check
    put("deep_xml.docx", docx_with(b"<w:document " + W + b">" + b"<w:p>" * depth + b"</w:p>" * depth + b"</w:document>"))
    put("huge_png.docx", docx_with(document_xml(), {"word/media/image1.png": png_header_only(50_000, 50_000)}))
    # 110 Mpx: above our bound, below Pillow's own hard limit (2x), where Pillow only warns
    put("large_png.docx", docx_with(document_xml(), {"word/media/image1.png": png_header_only(11_000, 10_000)}))
    sparse("oversize.docx", 300 * 1024 * 1024)
    os.mkfifo(folder / "fifo.docx")
    corpus.files["fifo.docx"] = folder / "fifo.docx"

    # .pdf
    put("good.pdf", good_pdf)
    put("empty.pdf", b"")
    put("truncated.pdf", good_pdf[: len(good_pdf) // 2])
    put("random.pdf", b"\x17" + rng.randbytes(64 * 1024))
    put("docx_named.pdf", good)
    put("cyclic_pages.pdf", one_page_pdf(pdf_stream(TEXT), pages=b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"))
    put("cyclic_pages_pair.pdf", one_page_pdf(pdf_stream(TEXT), pages=b"<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 >>",
                                              extra={7: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"}))
    put("deep_array.pdf", one_page_pdf(pdf_stream(TEXT), page_extra=b" /Deep " + b"[" * 100_000 + b"]" * 100_000))
    put("deep_dict.pdf", one_page_pdf(pdf_stream(TEXT), page_extra=b" /Deep " + b"<< /A " * 100_000 + b">>" * 100_000))
    put("deep_array_content.pdf", one_page_pdf(pdf_stream(b"BT " + b"[" * 100_000 + b" ET")))
    put("whitespace_bomb.pdf", one_page_pdf(pdf_stream(TEXT + b" " * (40 << 20))))
    put("flate_bomb.pdf", one_page_pdf(pdf_stream(b"", compressed=zlib.compress(b"")[:2] + bomb)))
    put("encrypted.pdf", encrypted_pdf(PASSWORD))
    put("huge_image.pdf", one_page_pdf(pdf_stream(TEXT), extra={6: pdf_stream(
        b"\0" * 1024, b" /Type /XObject /Subtype /Image /Width 50000 /Height 50000 /ColorSpace /DeviceRGB /BitsPerComponent 8")}))
    put("length_lie.pdf", one_page_pdf(b"<< /Length 999999999999 >>\nstream\nBT ET\nendstream"))
    put("self_reference.pdf", one_page_pdf(b"5 0 R"))
    xmp = (b'<?xml version="1.0"?>' + xxe.replace(b"w:document", b"x:xmpmeta") + b'<x:xmpmeta xmlns:x="adobe:ns:meta/">'
           b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
           b"<dc:title><rdf:Alt><rdf:li>&xxe;</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>")
    xmp_pdf = one_page_pdf(pdf_stream(TEXT), extra={7: b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(xmp)
                                                    + xmp + b"\nendstream"})
    put("xmp_xxe.pdf", xmp_pdf.replace(b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Catalog /Pages 2 0 R /Metadata 7 0 R>>"))
    put("bad_xref.pdf", good_pdf.replace(b"startxref\n", b"startxref\n9").replace(b"xref\n0 ", b"xref\n9 "))
    sparse("oversize.pdf", 150 * 1024 * 1024)

    # generator data files
    put("good.yaml", "items:\n  - summary: 差旅费\n    amount: 1200\n".encode())
    put("billion_laughs.yaml", b"a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + b"".join(
        b"%c: &%c [%s]\n" % (98 + i, 98 + i, b", ".join([b"*%c" % (97 + i)] * 9)) for i in range(9)))
    put("recursive.yaml", b"a: &a [1, *a]\n")
    put("deep.yaml", b"[" * 100_000 + b"]" * 100_000)
    put("control_chars.yaml", b'items:\n  - summary: ok\n  - summary: "bad\\x01value\\x0b"\n')
    sparse("oversize.yaml", 11 * 1024 * 1024)
    return corpus


if __name__ == "__main__":
    built = build_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus"))
    for label, where in sorted(built.files.items()):
        print(f"{where.stat().st_size if where.is_file() else 0:>12}  {label}")
