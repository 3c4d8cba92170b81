"""Resolve a field path against a form's fields, the way templates and rules write them.

`signatures.client_rep.name` walks groups; `items[].amount` (templates, after a loop) and
`approvals.last.date` (rules: the last row) reach the columns of a table. A table's columns are
reachable only through a row: `items.amount` names nothing, since `items` is a list.
"""
from __future__ import annotations

from .fields import TABLE, Field, FieldTree


def resolve(tree: FieldTree, path: str) -> Field | None:
    current: tuple[Field, ...] = tree.fields
    found: Field | None = None
    in_row = False
    for segment in path.split("."):
        if segment == "last" and found is not None and found.shape == TABLE and not in_row:
            in_row = True
            continue
        row = segment.endswith("[]")
        key = segment[:-2] if row else segment
        if found is not None and found.shape == TABLE and not in_row:
            return None
        found = next((f for f in current if f.key == key), None)
        if found is None or (row and found.shape != TABLE):
            return None
        in_row = row
        current = found.children
    return found


def is_table(tree: FieldTree, path: str) -> bool:
    found = resolve(tree, path)
    return found is not None and found.shape == TABLE
