"""XML parsing for untrusted documents: no entities, no DTD, no network, no silent repair.

Office parts (OOXML) never need a DOCTYPE. A DOCTYPE in a submitted part is only there to declare
entities (an external file such as file:///etc/passwd, or a "billion laughs" expansion), so a
part carrying one is refused outright; that is both safe and free of false alarms.
"""
from __future__ import annotations

import codecs
import re

from lxml import etree

from ..errors import UnreadableDocument

# How far into a part the quick DOCTYPE scan looks. The prolog (XML declaration, comments, PIs)
# is normally a few hundred bytes; a DOCTYPE pushed further back by a huge comment is still caught
# after parsing by the docinfo check below, so this only has to be cheap, not complete.
_SCAN_BYTES = 64 * 1024

# libxml2 refuses nesting deeper than this unless XML_PARSE_HUGE (huge_tree) is on. We keep
# huge_tree off, so the bound is libxml2's own; the number is here only to explain the message.
MAX_XML_DEPTH = 256

_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _parser() -> etree.XMLParser:
    # A fresh parser per call: lxml parser objects must not be shared between threads, and
    # building one costs microseconds.
    return etree.XMLParser(
        resolve_entities=False,  # never substitute entities (no XXE, no expansion)
        no_network=True,  # never fetch anything over the network
        load_dtd=False,  # never read an external DTD
        dtd_validation=False,
        huge_tree=False,  # keeps libxml2's depth (256) and text-node (10 MB) limits on
        recover=False,  # a broken part is reported, not silently repaired
        remove_blank_text=False,
    )


def _head_text(data: bytes) -> bytes:
    """The first bytes of a part, re-encoded as UTF-8 when the part is UTF-16/32.

    OPC allows UTF-16 parts; without this, `<!DOCTYPE` spelled in UTF-16 would slip past a byte scan.
    """
    head = data[:_SCAN_BYTES]
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="replace").encode("utf-8")
    if head[:2] == b"<\x00":
        return head.decode("utf-16-le", errors="replace").encode("utf-8")
    if head[:2] == b"\x00<":
        return head.decode("utf-16-be", errors="replace").encode("utf-8")
    return head


def _refuse_doctype(where: str) -> UnreadableDocument:
    return UnreadableDocument(
        f"{where} 含有 DOCTYPE/实体声明（可能用于读取本机文件或实体膨胀攻击），已拒绝读取",
        f"{where} declares a DOCTYPE or entities (used to read local files or for entity "
        "expansion attacks); refused",
    )


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Parse one XML part of an untrusted document and return its root element.

    `where` names the file and the part (e.g. "form.docx:word/document.xml") for messages.
    Raises UnreadableDocument for a DOCTYPE, malformed XML or nesting beyond libxml2's limit.
    """
    if _DECLARATION.search(_head_text(data)):
        raise _refuse_doctype(where)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        text = str(error)
        if "Excessive depth" in text:
            raise UnreadableDocument(
                f"{where} 的 XML 嵌套超过 {MAX_XML_DEPTH} 层，已拒绝读取",
                f"{where} is nested more than {MAX_XML_DEPTH} levels deep; refused",
            ) from error
        if "amplification" in text or "entity reference loop" in text:
            raise _refuse_doctype(where) from error
        raise UnreadableDocument(
            f"{where} 不是有效的 XML：{text[:200]}", f"{where} is not well-formed XML: {text[:200]}"
        ) from error
    except (etree.LxmlError, ValueError) as error:
        raise UnreadableDocument(
            f"{where} 无法解析为 XML：{error}", f"{where} cannot be parsed as XML: {error}"
        ) from error
    if root is None:  # lxml returns None for some empty inputs instead of raising
        raise UnreadableDocument(f"{where} 为空", f"{where} is empty")
    # Backstop for a DOCTYPE hidden beyond the quick scan: parsing it was harmless (no entity
    # was resolved, no DTD loaded), but the part is still refused, for one consistent rule.
    if root.getroottree().docinfo.doctype:
        raise _refuse_doctype(where)
    return root
