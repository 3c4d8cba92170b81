"""What a template change does to the form: placeholders and labels added, removed or renamed.

For the person reviewing a change to templates/: Word shows a changed .docx as a binary blob.
Each cell of a table and each paragraph outside tables is a place; what a place holds is its
placeholders (`{{ claimant }}`, `{%tr for row in items %}`) and its label (the fixed text left
when the placeholders are taken out). Texts found in both versions are unchanged wherever they
moved; what is left is removed or added, and a removed and an added one in the same place are
a rename.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import UnreadableDocument, UsageError

PLACEHOLDER, LABEL = "placeholder", "label"
ADDED, REMOVED, RENAMED = "added", "removed", "renamed"

_TAG = re.compile(r"\{([{%#])(.*?)([}%#])\}", re.DOTALL)
_PREFIX = re.compile(r"^(tr|tc|p|r)\s+(.*)$", re.DOTALL)


@dataclass(frozen=True)
class Item:
    kind: str  # placeholder or label
    text: str
    place: tuple[float, ...]  # (table, row, column) or (paragraph,)

    def where(self) -> tuple[str, str]:
        if len(self.place) == 3:
            t, r, c = self.place
            return f"表{t} 第{r}行 第{c}列", f"table {t}, row {r}, column {c}"
        return f"第{self.place[0]}段", f"paragraph {self.place[0]}"


@dataclass(frozen=True)
class Change:
    kind: str
    change: str  # added, removed, renamed
    old: str | None
    new: str | None
    where_zh: str
    where_en: str
    place: tuple[float, ...]  # (table, row, column) or (paragraph,), in the old file for removals and renames

    def as_dict(self) -> dict:
        found = asdict(self)
        found["place"] = list(self.place)
        return found


def _normalise(match: re.Match) -> str | None:
    opening, inner = match.group(1), " ".join(match.group(2).split())
    if opening == "#":
        return None  # a comment prints nothing and names no field
    close = "}}" if opening == "{" else "%}"
    prefixed = _PREFIX.match(inner)
    if prefixed:  # docxtpl's {%tr …%}, {{r …}}: the prefix sticks to the brace
        return f"{{{opening}{prefixed.group(1)} {prefixed.group(2)} {close}"
    return f"{{{opening} {inner} {close}"


def _items_of(text: str, place: tuple[float, ...]) -> list[Item]:
    items = [Item(PLACEHOLDER, tag, place) for tag in (_normalise(m) for m in _TAG.finditer(text)) if tag]
    label = " ".join(_TAG.sub(" ", text).split())
    if label:
        items.append(Item(LABEL, label, place))
    return items


def read_items(path: Path) -> list[Item]:
    from ..reading.docx_text import read_docx
    from ..reading.model import Paragraph

    try:
        document = read_docx(path)
    except UnreadableDocument as error:
        raise UsageError(error.message_zh, error.message_en) from None
    items: list[Item] = []
    tables = paragraphs = 0
    for block in document.blocks:
        if isinstance(block, Paragraph):
            paragraphs += 1
            items += _items_of(block.text, (paragraphs,))
            continue
        tables += 1
        for row_number, row in enumerate(block.rows, 1):
            for cell in row.cells:
                items += _items_of(cell.text, (tables, row_number, cell.column + 1))
    return items


def _unmatched(items: list[Item], others: list[Item]) -> list[Item]:
    """Items with no counterpart among `others`: same text in the same place first, then the same
    text anywhere (moved, not changed)."""
    exact = Counter((i.kind, i.text, i.place) for i in others)
    left = []
    for item in items:
        key = (item.kind, item.text, item.place)
        if exact[key]:
            exact[key] -= 1
        else:
            left.append(item)
    anywhere = Counter((kind, text) for (kind, text, _), n in exact.items() for _ in range(n))
    rest = []
    for item in left:
        if anywhere[(item.kind, item.text)]:
            anywhere[(item.kind, item.text)] -= 1
        else:
            rest.append(item)
    return rest


def diff_items(old: list[Item], new: list[Item]) -> list[Change]:
    removed, added = _unmatched(old, new), _unmatched(new, old)
    changes: list[Change] = []
    for item in removed:
        partner = next((a for a in added if a.kind == item.kind and a.place == item.place), None)
        if partner is not None:
            added.remove(partner)
            changes.append(Change(item.kind, RENAMED, item.text, partner.text, *item.where(), item.place))
        else:
            changes.append(Change(item.kind, REMOVED, item.text, None, *item.where(), item.place))
    changes += [Change(a.kind, ADDED, None, a.text, *a.where(), a.place) for a in added]
    order = {PLACEHOLDER: 0, LABEL: 1}
    # Paragraphs (one number) before tables (three), each in reading order.
    return sorted(changes, key=lambda c: (order[c.kind], len(c.place), c.place, c.change))


def diff_templates(old: Path, new: Path) -> list[Change]:
    return diff_items(read_items(Path(old)), read_items(Path(new)))


# --- reports -------------------------------------------------------------------------------------

_WORDS = {ADDED: ("新增", "added"), REMOVED: ("删除", "removed"), RENAMED: ("改名", "renamed")}
_KINDS = {PLACEHOLDER: ("占位符（字段）", "placeholders (fields)"), LABEL: ("标签", "labels")}


def render_text(old: Path, new: Path, changes: list[Change]) -> str:
    lines = [f"{old} → {new}"]
    for kind, (zh, en) in _KINDS.items():
        mine = [c for c in changes if c.kind == kind]
        if not mine:
            continue
        lines.append(f"{zh} / {en}:")
        for c in mine:
            word_zh, word_en = _WORDS[c.change]
            text = {ADDED: c.new, REMOVED: c.old, RENAMED: f"{c.old} → {c.new}"}[c.change]
            lines.append(f"  {word_zh}/{word_en:<8} {c.where_zh} / {c.where_en}: {text}")
    if changes:
        lines.append(f"{len(changes)} 处改动 / {len(changes)} change(s)")
    else:
        lines.append("占位符与标签没有改动 / placeholders and labels unchanged")
    return "\n".join(lines)


def render_json(old: Path, new: Path, changes: list[Change]) -> str:
    counts = Counter(c.change for c in changes)
    return json.dumps({"old": str(old), "new": str(new), "changes": [c.as_dict() for c in changes],
                       "summary": {k: counts.get(k, 0) for k in (ADDED, REMOVED, RENAMED)}},
                      ensure_ascii=False, indent=2)


REPORTERS = {"text": render_text, "json": render_json}
