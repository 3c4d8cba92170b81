"""The fingerprint of a form's typed values, as its QR code carries it.

Every value the generator typed (not what is written by hand: signatures, their dates and
opinions) gets a short tag: a hash of its path and its value in a loose comparable form, so that
the same form read back from a .docx, a PDF or a scan gives the same tags. A value whose tag is
not among the form's was changed after printing: a total whited out and rewritten.

The hash is public, so a forger who knows it can print a new code; the code catches paper that
was altered by hand or by an editor, not a new forgery printed whole.
"""
from __future__ import annotations

import base64
import hashlib
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..model.fields import FieldTree
from ..model.handwriting import Unread
from ..model.textnorm import to_simplified

MAGIC = "CPL1"
TAG_BYTES = 2
# Characters OCR confuses with one another, and the dash 一 that is also a character: the same on
# both sides of the comparison, so a misread dash or letter-for-digit does not look like a change.
_LOOSE = str.maketrans({"o": "0", "l": "1", "i": "1", "z": "2", "s": "5", "b": "8", "一": None})


def loose(value: object) -> str:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return format(Decimal(str(value)).normalize(), "f")  # 4780.50, 4780.5 and 4,780.50 are one amount
    return _loose_text(str(value))


@lru_cache(maxsize=16384)
def _loose_text(value: str) -> str:  # a batch of one form repeats its departments, roles and categories
    text = to_simplified(unicodedata.normalize("NFKC", value)).lower()
    kept = "".join(ch for ch in text if not unicodedata.category(ch).startswith(("P", "S", "Z", "C")))
    return kept.translate(_LOOSE)


def typed_values(tree: FieldTree, data: dict, prefix: str = "") -> list[tuple[str, str]]:
    """(path, loose value) of every typed value, in path order."""
    found: list[tuple[str, str]] = []

    def walk(value, path: str) -> None:
        if path and tree.written_by_hand(path):
            return
        if isinstance(value, dict):
            for key in sorted(value):
                walk(value[key], f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}[{index}]")
        elif value is not None and not isinstance(value, Unread) and str(value).strip():
            found.append((path, loose(value)))

    walk(data, prefix)
    return sorted(found)


def tag(path: str, value: str) -> bytes:
    return hashlib.blake2b(f"{path}={value}".encode(), digest_size=TAG_BYTES).digest()


@dataclass(frozen=True)
class Identity:
    """What a form's QR code says: which form, which template, its serial and value tags."""

    form_id: str
    version: str
    serial: str
    count: int
    tags: frozenset[bytes]

    def encode(self) -> str:
        """Upper-case letters, digits and / - only: the QR code's compact alphanumeric mode."""
        packed = base64.b32encode(b"".join(sorted(self.tags))).decode().rstrip("=")
        return "/".join((MAGIC, self.form_id.upper(), self.version.upper(), self.serial.upper(), str(self.count), packed))

    @staticmethod
    def decode(text: str) -> Identity | None:
        parts = text.strip().split("/")
        if len(parts) != 6 or parts[0] != MAGIC or not parts[4].isdigit():
            return None
        try:
            raw = base64.b32decode(parts[5] + "=" * (-len(parts[5]) % 8))
        except ValueError:
            return None
        tags = frozenset(raw[i:i + TAG_BYTES] for i in range(0, len(raw) - TAG_BYTES + 1, TAG_BYTES))
        return Identity(parts[1].lower(), parts[2].lower(), parts[3], int(parts[4]), tags)


def serial_prefix(form_id: str) -> str:
    words = [w for w in form_id.split("-") if w]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else form_id[:2].upper()


def identity(form_id: str, version: str, tree: FieldTree, data: dict) -> Identity:
    values = typed_values(tree, data)
    digest = hashlib.sha256("\n".join(f"{p}={v}" for p, v in values).encode()).hexdigest()
    serial = f"{serial_prefix(form_id)}-{digest[:10].upper()}"
    return Identity(form_id, version, serial, len(values), frozenset(tag(p, v) for p, v in values))


def altered_paths(known: Identity, tree: FieldTree, data: dict) -> tuple[list[str], int]:
    """Typed values read back whose tags the form's code does not hold, and how many of the
    printed values were not read back at all."""
    values = typed_values(tree, data)
    changed = [path for path, value in values if tag(path, value) not in known.tags]
    return changed, max(0, known.count - (len(values) - len(changed)))
