"""Which form is this? By its title — its exact words, else what it means — and by how many of a
form's labels it carries; with how sure that is, and which forms came closest when none fits."""
from __future__ import annotations

from dataclasses import dataclass

from ..model.workspace import FormSpec
from .model import Document, Paragraph, Table
from .title_match import meaning_share, split_title

MIN_LABEL_SHARE = 0.6
SURE_TITLE = 0.6  # a title saying this much of what a form is for names it
HINT_TITLE = 0.3  # a title saying less names it only with the labels to agree
HINT_LABELS = 0.3
TITLE_ZONE = 12  # a title sits at the top: the first text holders
_TITLE_ROWS = 3  # of a page read by position: a header line or two may stand above the title


@dataclass(frozen=True)
class Recognition:
    form: FormSpec | None
    by: str  # "title", "title-meaning", "labels" (or, set by the caller, "code" and "option")
    confidence: float
    closest: tuple[tuple[str, float], ...] = ()  # (form id, score), best first, when none was sure


def _label_share(form: FormSpec, keys: set[str]) -> float:
    top = list(form.fields.fields)
    return sum(1 for f in top if f.label_keys & keys) / len(top) if top else 0.0


def recognition(document: Document, forms: dict[str, FormSpec]) -> Recognition:
    from ..model.textnorm import label_key

    holders = list(document.all_texts())
    keys = {h.key for h in holders if h.key} | {label_key(name) for name in document.form_fields}
    titles = [h.text for h in holders[:TITLE_ZONE] if h.text and split_title(h.text)[1] is not None]
    for holder in holders[:TITLE_ZONE]:
        for form in forms.values():
            if holder.key in form.title_keys:
                return Recognition(form, "title", 1.0)
    scores = []
    for form in forms.values():
        names = (form.name, *form.title_aliases)
        title = max((meaning_share(printed, name) for printed in titles for name in names), default=0.0)
        scores.append((title, _label_share(form, keys), form))
    best_title = max(scores, key=lambda s: (s[0], s[1]))
    title, labels, form = best_title
    if title >= SURE_TITLE or (title >= HINT_TITLE and labels >= HINT_LABELS):
        return Recognition(form, "title-meaning", round(max(title, labels), 2))
    by_labels = max(scores, key=lambda s: s[1])
    if by_labels[1] >= MIN_LABEL_SHARE:
        return Recognition(by_labels[2], "labels", round(by_labels[1], 2))
    closest = sorted(((f.id, round(max(by_title, share), 2)) for by_title, share, f in scores if max(by_title, share) > 0),
                     key=lambda c: -c[1])
    return Recognition(None, "", 0.0, tuple(closest[:3]))


def recognise(document: Document, forms: dict[str, FormSpec]) -> FormSpec | None:
    return recognition(document, forms).form


def looks_like_a_form(document: Document) -> bool:
    """A title naming a kind of paper (…表, …单, …报告) above label and value cells."""
    holders = list(document.all_texts())
    titled = any(split_title(h.text)[1] is not None for h in holders[:TITLE_ZONE] if h.text and len(h.text) <= 30)
    rows = sum(1 for block in document.blocks if isinstance(block, Table) for row in block.rows if len(row.cells) >= 2)
    return titled and rows >= 3


def _title_candidates(block: Paragraph | Table) -> set[str]:
    """Where a title can stand: a paragraph, or the first rows of a table (a PDF page is read as
    one table of positioned lines, its title among the first of them, under a header line such
    as the serial number)."""
    if isinstance(block, Paragraph):
        return {block.key} if block.key else set()
    first = [row for row in block.rows if any(cell.key for cell in row.cells)][:_TITLE_ROWS]
    return {cell.key for row in first for cell in row.cells if cell.key}


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
