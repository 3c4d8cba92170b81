"""File names as reports show them.

On Linux a file name is bytes. One that is not UTF-8 — a GBK name such as 报销单.docx, unzipped
from an archive made on Windows — reaches Python with each byte it cannot decode as a lone
surrogate (U+DC80..U+DCFF, PEP 383), which no UTF-8 report, XML or HTML can hold. In such a name
each part (between slashes) that is not UTF-8 is shown byte by byte, every byte outside ASCII as
`\\xNN` — a GBK name may hold byte pairs that happen to be UTF-8 (用印 holds d3 a1, "ӡ"), which would
only mislead; control characters are escaped the same way and backslashes doubled, so the shown name
is unambiguous and its bytes can be recovered (`raw_bytes` gives them outright). Names that are
valid, printable UTF-8 are shown as they are.
"""
from __future__ import annotations

import os
import re

_RAW_BYTE = re.compile("[\udc80-\udcff]")
# Raw bytes, and C0 and C1 controls and DEL: a name holding one (a newline from a hostile
# archive) would break a line of the text report, and XML 1.0 cannot hold most of them.
_NEEDS_ESCAPE = re.compile("[\udc80-\udcff\x00-\x1f\x7f-\x9f]")
# What XML 1.0 cannot hold at all, even as a character reference.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _byte(match: re.Match) -> str:
    """A raw byte, or a character's UTF-8 bytes, as `\\xNN` each: an escape always means bytes."""
    return "".join(f"\\x{byte:02x}" for byte in match.group().encode("utf-8", "surrogateescape"))


def is_plain(path: str) -> bool:
    """True for a name that is valid UTF-8 without control characters: shown as it is."""
    return _NEEDS_ESCAPE.search(path) is None


def shown(path: str) -> str:
    """The name to print: itself when plain, else escaped (`\\\\` for `\\`, `\\xNN` for a byte)."""
    if is_plain(path):
        return path
    return "/".join(_shown_part(part) for part in path.split("/"))


def _shown_part(part: str) -> str:
    if _RAW_BYTE.search(part) is None:
        return _NEEDS_ESCAPE.sub(_byte, part.replace("\\", "\\\\"))
    return "".join("\\\\" if byte == 0x5C else chr(byte) if 0x20 <= byte < 0x7F else f"\\x{byte:02x}"
                   for byte in os.fsencode(part))


def raw_bytes(path: str) -> str | None:
    """The name's bytes as hex, for a name that is not shown as it is; None for a plain name."""
    return None if is_plain(path) else os.fsencode(path).hex()


def read_as_gbk(path: str) -> str | None:
    """The name with its undecodable bytes read as GBK (GB 18030), when they read as Chinese: the
    likeliest meaning of a name from a Windows archive, offered beside the faithful one."""
    if _RAW_BYTE.search(path) is None:
        return None
    parts = []
    for part in path.split("/"):
        if _RAW_BYTE.search(part) is not None:  # the whole part: its UTF-8-looking pairs are GBK too
            try:
                part = os.fsencode(part).decode("gb18030")
            except UnicodeDecodeError:
                return None
            if not any("\u4e00" <= char <= "\u9fff" for char in part) or not part.isprintable():
                return None
        parts.append(part)
    return "/".join(parts)


def labelled(path: str) -> str:
    """The shown name, with a note for people when it is escaped: why, and what it says as GBK."""
    name = shown(path)
    if is_plain(path):
        return name
    if _RAW_BYTE.search(path) is None:
        return f"{name}（文件名含控制字符，已转义 / name has control characters, escaped）"
    gbk = read_as_gbk(path)
    if gbk is None:
        return f"{name}（文件名不是 UTF-8 / name is not UTF-8）"
    return f"{name}（文件名不是 UTF-8，按 GBK 读作 {gbk} / name is not UTF-8; as GBK: {gbk}）"


def escaped(text: str) -> str:
    """Any other text (a message quoting a file name) with each raw byte as `\\xNN`."""
    return _RAW_BYTE.sub(_byte, text)


def xml_text(text: str) -> str:
    """Text XML 1.0 can hold: raw bytes and the control characters it forbids as `\\xNN`."""
    return _NOT_XML.sub(_byte, escaped(text))
