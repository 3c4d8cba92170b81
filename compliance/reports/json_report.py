"""JSON for machines: every input file exactly once, findings in (page, field, rule) order."""
from __future__ import annotations

import json


def render(results) -> str:
    from . import summary

    files = [{"path": r.path, "form": r.form, **({"forms": list(r.forms)} if r.forms else {}),
              **({"recognised": {"by": r.recognised_by, "confidence": r.confidence}} if r.recognised_by else {}),
              "findings": [f.as_dict() for f in r.findings]} for r in results]
    return json.dumps({"files": files, "summary": summary(results)}, ensure_ascii=False, indent=2)
