"""Which form is this? By its title first, then by how many of a form's labels it carries."""
from __future__ import annotations

from ..model.workspace import FormSpec
from .model import Document, Paragraph, Table

MIN_LABEL_SHARE = 0.6


def recognise(document: Document, forms: dict[str, FormSpec]) -> FormSpec | None:
    from ..model.textnorm import label_key

    holders = list(document.all_texts())
    keys = {h.key for h in holders if h.key} | {label_key(name) for name in document.form_fields}
    for holder in holders[:12]:  # a title sits at the top
        for form in forms.values():
            if holder.key in form.title_keys:
                return form
    best, best_share = None, 0.0
    for form in forms.values():
        top = [f for f in form.fields.fields]
        found = sum(1 for f in top if f.label_keys & keys)
        share = found / len(top) if top else 0
        if share > best_share:
            best, best_share = form, share
    return best if best_share >= MIN_LABEL_SHARE else None


def _title_candidates(block: Paragraph | Table) -> set[str]:
    """Where a title can stand: a paragraph, or the first row of a table (a PDF page is read as
    one table of positioned lines, its title the first of them)."""
    if isinstance(block, Paragraph):
        return {block.key} if block.key else set()
    first = next((row for row in block.rows if any(cell.key for cell in row.cells)), None)
    return {cell.key for cell in first.cells if cell.key} if first is not None else set()


def split_forms(document: Document, forms: dict[str, FormSpec]) -> list[tuple[FormSpec, Document]]:
    """The forms one document holds, each with its own part of the document, when it holds two or
    more (two slips printed into one file); otherwise an empty list.

    A form starts at a paragraph that is a form's title; what comes before the first title belongs
    to the first form. Each part keeps its blocks' pages, so findings name the page they are on.
    """
    starts: list[tuple[int, FormSpec]] = []
    for index, block in enumerate(document.blocks):
        keys = _title_candidates(block)
        form = next((f for f in forms.values() if keys & f.title_keys), None)
        if form is not None:
            starts.append((index, form))
    if len(starts) < 2:
        return []
    parts = []
    for number, (index, form) in enumerate(starts):
        first = 0 if number == 0 else index
        last = starts[number + 1][0] if number + 1 < len(starts) else len(document.blocks)
        blocks = document.blocks[first:last]
        pages = [page for block in blocks for page in _pages_of(block)]
        parts.append((form, Document(blocks, max(pages) if pages else document.pages,
                                     hidden=tuple(h for h in document.hidden if min(pages, default=0) <= h[0] <= max(pages, default=0)))))
    return parts


def _pages_of(block: Paragraph | Table) -> list[int]:
    if isinstance(block, Paragraph):
        return [block.page]
    return [block.page] + [cell.page for row in block.rows for cell in row.cells]
