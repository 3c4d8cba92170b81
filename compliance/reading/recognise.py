"""Which form is this? By its title first, then by how many of a form's labels it carries."""
from __future__ import annotations

from ..model.workspace import FormSpec
from .model import Document

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
