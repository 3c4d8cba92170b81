"""Typed values that differ from what the form's QR code says was printed: `content-altered`."""
from __future__ import annotations

from ..integrity.fingerprint import Identity, altered_paths
from ..model.findings import Finding
from ..model.workspace import FormSpec

CONTENT_ALTERED = "content-altered"


def altered_findings(file: str, form: FormSpec, data: dict, codes: list[Identity], page_of,
                     explained: bool) -> list[Finding]:
    """`explained`: other findings already account for values that could not be read."""
    own = [code for code in codes if code.form_id == form.id]
    if not own:
        return []
    code = own[0]
    changed, unread = altered_paths(code, form.fields, data)
    findings = [Finding(file, page_of(path), path, CONTENT_ALTERED, "error",
                        f"{form.fields.title_of_path(path)}：与表单二维码（编号 {code.serial}）记录的打印内容不符，打印后被改动",
                        f"{form.fields.title_of_path(path)}: differs from what the form's QR code (serial {code.serial}) "
                        "says was printed; it was changed after printing")
                for path in changed]
    if unread and not changed and not explained:
        findings.append(Finding(file, None, None, CONTENT_ALTERED, "error",
                                f"表单二维码（编号 {code.serial}）记录的 {unread} 项打印内容在文件中找不到：被删除或涂改",
                                f"{unread} printed value(s) recorded by the form's QR code (serial {code.serial}) "
                                "are not in the file: removed or overwritten"))
    return findings
