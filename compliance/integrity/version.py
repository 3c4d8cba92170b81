"""A template's version: what its QR code names, so a reviewer can tell which edition was printed."""
from __future__ import annotations

import hashlib
import json

from ..model.workspace import FormSpec


def template_version(form: FormSpec) -> str:
    digest = hashlib.sha256(form.template_path.read_bytes())
    digest.update(json.dumps(form.schema, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()[:8]
