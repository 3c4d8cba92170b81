"""Bulk normalisation of a read document: one OpenCC call per document, not one per cell."""
from __future__ import annotations

from ..model.textnorm import label_key_presimplified, to_simplified_many
from .model import Document


def normalise_document(document: Document) -> Document:
    holders = list(document.all_texts())
    simplified = to_simplified_many([h.text for h in holders])
    for holder, text in zip(holders, simplified):
        holder.simplified = text
        holder.key = label_key_presimplified(text)
    return document
