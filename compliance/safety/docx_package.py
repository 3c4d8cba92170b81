"""Open a .docx (a zip of XML parts) with every size checked before anything is inflated.

Order of checks, cheapest first: file type and size on disk, the zip's end-of-central-directory
record (entry count and directory size, before zipfile builds an object per entry), then each
entry's declared sizes, ratio, encryption and placement. Parts are then inflated by our own
bounded loop rather than zipfile's reader, so a header that understates a part's size cannot make
us inflate more than the declared size (plus one chunk).
"""
from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from ..errors import UnreadableDocument
from .data_limits import open_bounded
from .sniff import DOCX, HEAD_BYTES, refuse_mismatch
from .xml import parse_xml


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 2000  # Word writes 10-50 parts; a template with many images a few hundred
    max_part_bytes: int = 64 * 1024 * 1024  # one part inflated (document.xml of a 500-page report is ~20 MB)
    max_total_bytes: int = 256 * 1024 * 1024  # all parts together, inflated
    max_ratio: float = 200.0  # inflated / compressed; XML text rarely passes 30, zeros reach 1000
    ratio_min_bytes: int = 1024 * 1024  # small parts compress wildly (a run of spaces); judge ratio above this
    max_file_bytes: int = 200 * 1024 * 1024  # the .docx on disk (photos of stamps make docx files big)


DEFAULT_LIMITS = ZipLimits()

_CHUNK = 256 * 1024
_MAX_CD_RECORD = 1024  # average bytes per central-directory record we accept (Word's are ~80)


def _unreadable(path: Path, zh: str, en: str) -> UnreadableDocument:
    return UnreadableDocument(f"{path.name}：{zh}", f"{path.name}: {en}")


def _show(name: str) -> str:
    """A part name fit for a message: names come from the file, so no control chars, bounded length."""
    if len(name) <= 120 and name.isprintable():
        return name
    clean = "".join(ch if ch.isprintable() else "?" for ch in name)
    return clean if len(clean) <= 120 else clean[:117] + "..."


def _check_directory(path: Path, fh: BinaryIO, size: int, limits: ZipLimits) -> None:
    """Read the end-of-central-directory record and bound the directory before zipfile reads it."""
    tail_len = min(size, 22 + 65535)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    pos = tail.rfind(b"PK\x05\x06")
    if pos < 0 or len(tail) - pos < 22:
        raise _unreadable(path, "找不到 zip 中央目录：文件已截断或已损坏",
                          "no zip central directory found: the file is truncated or damaged")
    entries, cd_size = struct.unpack("<HI", tail[pos + 10 : pos + 16])
    if (entries == 0xFFFF or cd_size == 0xFFFFFFFF) and pos >= 20 and tail[pos - 20 : pos - 16] == b"PK\x06\x07":
        # ZIP64 (some .NET writers emit it even for small files): the real numbers are elsewhere.
        (record_at,) = struct.unpack("<Q", tail[pos - 12 : pos - 4])
        fh.seek(min(record_at, size))
        record = fh.read(56)
        if len(record) == 56 and record[:4] == b"PK\x06\x06":
            entries, cd_size = struct.unpack("<QQ", record[32:48])
    if entries > limits.max_entries:
        raise _unreadable(path, f"zip 条目过多（{entries} 个，上限 {limits.max_entries}）",
                          f"too many zip entries ({entries}, limit {limits.max_entries})")
    if cd_size > limits.max_entries * _MAX_CD_RECORD:
        raise _unreadable(path, f"zip 中央目录异常庞大（{cd_size} 字节）",
                          f"the zip central directory is implausibly large ({cd_size} bytes)")


class DocxPackage:
    """Parts of a .docx, listed after the zip passed every check, each read with a bounded read."""

    def __init__(self, path: Path, limits: ZipLimits = DEFAULT_LIMITS, main_part: str = "word/document.xml") -> None:
        # main_part: the part that makes the package what it claims to be (xl/workbook.xml for .xlsx)
        self.path = Path(path)
        self.limits = limits
        self.main_part = main_part
        self._fh = open_bounded(self.path, limits.max_file_bytes, UnreadableDocument)
        try:
            self._open()
        except BaseException:
            self._fh.close()
            raise

    def _open(self) -> None:
        path, limits, fh = self.path, self.limits, self._fh
        size = fh.seek(0, 2)
        if size == 0:
            raise _unreadable(path, "文件为空", "the file is empty")
        fh.seek(0)
        refuse_mismatch(path, fh.read(HEAD_BYTES), DOCX)
        _check_directory(path, fh, size, limits)
        try:
            self._zip = zipfile.ZipFile(fh)
        except Exception as error:  # garbage directories raise BadZipFile, struct.error, ValueError...
            raise _unreadable(path, "zip 中央目录已损坏（文件截断或不是有效的 .docx）",
                              f"the zip central directory is damaged (truncated or not a valid .docx): {error}") from error
        infos = self._zip.infolist()
        if len(infos) > limits.max_entries:
            raise _unreadable(path, f"zip 条目过多（{len(infos)} 个）", f"too many zip entries ({len(infos)})")
        names = [info.filename for info in infos]
        if len(set(names)) != len(names):
            # Two parts with one name: different readers would see different documents.
            raise _unreadable(path, "zip 中有重名条目", "the zip holds two entries with the same name")
        total = 0
        for info in infos:
            self._check_entry(info)
            total += info.file_size
        if total > limits.max_total_bytes:
            raise _unreadable(path, f"解压后总大小 {total} 字节超出上限 {limits.max_total_bytes}（疑似压缩炸弹）",
                              f"total inflated size {total} bytes exceeds the limit of {limits.max_total_bytes} (zip bomb?)")
        self._check_overlap(infos, size)
        self._names = {info.filename: info for info in infos}
        if self.main_part not in self._names:
            kind_zh, kind_en = ("Word 文档", "a Word document") if self.main_part.startswith("word/") else ("Excel 工作簿", "an Excel workbook")
            raise _unreadable(path, f"缺少 {self.main_part}，不是{kind_zh}", f"no {self.main_part}: not {kind_en}")

    def _check_entry(self, info: zipfile.ZipInfo) -> None:
        path, limits, name = self.path, self.limits, _show(info.filename)
        if info.flag_bits & 0x1:
            raise _unreadable(path, f"部件 {name} 已加密（zip 加密），无法读取",
                              f"part {name} is encrypted (zip encryption); cannot be read")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _unreadable(path, f"部件 {name} 使用了 Word 不会使用的压缩方式（{info.compress_type}）",
                              f"part {name} uses a compression method Word never writes ({info.compress_type})")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_min_bytes and ratio > limits.max_ratio:
            raise _unreadable(path, f"部件 {name} 压缩比异常（{ratio:.0f}:1，疑似压缩炸弹）",
                              f"part {name} has a suspicious compression ratio ({ratio:.0f}:1, zip bomb?)")
        if info.file_size > limits.max_part_bytes or info.compress_size > limits.max_part_bytes:
            raise _unreadable(path, f"部件 {name} 过大（{info.file_size} 字节，上限 {limits.max_part_bytes}）",
                              f"part {name} is too large ({info.file_size} bytes, limit {limits.max_part_bytes})")

    def _check_overlap(self, infos: list[zipfile.ZipInfo], size: int) -> None:
        """Entries sharing compressed bytes are the trick of "overlapping" zip bombs; Word never does it."""
        spans = sorted((info.header_offset, info.header_offset + info.compress_size, info.filename) for info in infos)
        for (_start, end, name), following in zip(spans, spans[1:] + [(size, size, "")]):
            if end > following[0] or end > size:
                raise _unreadable(self.path, f"zip 条目 {_show(name)} 与其他条目重叠或超出文件末尾（疑似压缩炸弹）",
                                  f"zip entry {_show(name)} overlaps another entry or runs past the end of the file (zip bomb?)")

    def names(self) -> list[str]:
        return list(self._names)

    def has(self, name: str) -> bool:
        return name in self._names

    def size(self, name: str) -> int:
        """The part's declared inflated size (bounded when the package was opened)."""
        info = self._names.get(name)
        return info.file_size if info is not None else 0

    def read(self, name: str) -> bytes:
        """Read one part, inflating no more than its declared size (which the limits bound)."""
        info = self._names.get(name)
        if info is None:
            raise _unreadable(self.path, f"缺少部件 {_show(name)}", f"missing part {_show(name)}")
        try:
            data = self._inflate(info)
        except (OSError, zlib.error, struct.error) as error:
            raise _unreadable(self.path, f"部件 {_show(name)} 已损坏", f"part {_show(name)} is corrupt ({error})") from error
        if zlib.crc32(data) != info.CRC:
            raise _unreadable(self.path, f"部件 {_show(name)} 已损坏（CRC 校验失败）", f"part {_show(name)} is corrupt (CRC mismatch)")
        return data

    def stored_digest(self, name: str) -> bytes:
        """A digest of the part as stored (method, sizes, compressed bytes), without inflating it.

        Equal stored bytes inflate to equal parts, so what was worked out from one part holds for
        every copy: an office's documents share their template's 350 kB styles part. (The zip's
        own CRC is no key: a forger can give any content the CRC of the office's part.)"""
        import hashlib

        info = self._names.get(name)
        if info is None:
            raise _unreadable(self.path, f"缺少部件 {_show(name)}", f"missing part {_show(name)}")
        start = self._data_offset(info)
        self._fh.seek(start)
        stored = self._fh.read(info.compress_size)
        if len(stored) != info.compress_size:
            raise _unreadable(self.path, f"部件 {_show(name)} 被截断", f"part {_show(name)} is truncated")
        digest = hashlib.blake2b(digest_size=16)
        digest.update(struct.pack("<HQQ", info.compress_type, info.file_size, info.compress_size))
        digest.update(stored)
        return digest.digest()

    def _data_offset(self, info: zipfile.ZipInfo) -> int:
        fh, name = self._fh, _show(info.filename)
        fh.seek(info.header_offset)
        header = fh.read(30)
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise _unreadable(self.path, f"部件 {name} 的本地文件头已损坏", f"part {name} has a damaged local header")
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        return info.header_offset + 30 + name_len + extra_len

    def _inflate(self, info: zipfile.ZipInfo) -> bytes:
        fh, name = self._fh, _show(info.filename)
        fh.seek(self._data_offset(info))
        cap = info.file_size  # already bounded by max_part_bytes
        inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        pieces: list[bytes] = []
        produced, left = 0, info.compress_size
        pending = b""
        while True:
            if not pending and left > 0:
                pending = fh.read(min(_CHUNK, left))
                if not pending:
                    raise _unreadable(self.path, f"部件 {name} 被截断", f"part {name} is truncated")
                left -= len(pending)
            if inflater is None:
                piece, pending = pending, b""
            else:
                # max_length bounds the output of this step; what is not consumed comes back next turn.
                piece = inflater.decompress(pending, cap + 1 - produced)
                pending = inflater.unconsumed_tail
            produced += len(piece)
            if produced > cap:
                raise _unreadable(self.path, f"部件 {name} 解压后超过其声明的大小（{cap} 字节），文件头不实",
                                  f"part {name} inflates to more than its declared {cap} bytes (the zip header lies)")
            pieces.append(piece)
            if (inflater is not None and inflater.eof) or (left == 0 and not pending and not piece):
                break
        if (inflater is not None and not inflater.eof) or produced != cap:
            raise _unreadable(self.path, f"部件 {name} 被截断或与声明大小不符", f"part {name} is truncated or differs from its declared size")
        return b"".join(pieces)

    def xml(self, name: str) -> etree._Element:
        return parse_xml(self.read(name), f"{self.path.name}:{_show(name)}")

    def close(self) -> None:
        zf = getattr(self, "_zip", None)
        if zf is not None:
            zf.close()
        self._fh.close()

    def __enter__(self) -> DocxPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
