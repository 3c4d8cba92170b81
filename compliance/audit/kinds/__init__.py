"""The batch kinds: each keeps a few facts per file and judges them together."""
from __future__ import annotations

from . import claim_duplicate, seal_unrequested, threshold_split

BATCH_KINDS = {module.KIND: module for module in (threshold_split, claim_duplicate, seal_unrequested)}
