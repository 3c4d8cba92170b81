"""Converting documents with LibreOffice headless (docx → pdf, and re-saving docx)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ToolMissingError, UsageError

_CANDIDATES = ("soffice", "libreoffice")
DEFAULT_TIMEOUT = 180


def find_soffice() -> str:
    configured = os.environ.get("COMPLIANCE_SOFFICE")
    if configured:
        if shutil.which(configured):
            return configured
    else:
        for name in _CANDIDATES:
            found = shutil.which(name)
            if found:
                return found
    raise ToolMissingError(
        "未找到 LibreOffice（soffice），无法生成 PDF。Debian/Ubuntu 可运行：apt-get install libreoffice-writer-nogui",
        "LibreOffice (soffice) was not found, so no PDF can be made. "
        "On Debian/Ubuntu: apt-get install libreoffice-writer-nogui",
    )


def convert(sources: list[Path], target: str, outdir: Path, timeout: int = DEFAULT_TIMEOUT) -> list[Path]:
    """Convert files in one LibreOffice run; returns the converted paths in the order given.

    A private profile folder lets several conversions run at once without LibreOffice's
    single-instance lock making one of them fail.
    """
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="compliance-lo-") as profile:
        command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                   "--convert-to", target, "--outdir", str(outdir), *map(str, sources)]
        try:
            completed = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise UsageError(f"LibreOffice 转换超时（{timeout} 秒）", f"LibreOffice conversion timed out ({timeout} s)") from None
    extension = target.split(":")[0]
    results = [outdir / f"{source.stem}.{extension}" for source in sources]
    missing = [str(r) for r in results if not r.is_file()]
    if missing:
        detail = (completed.stderr or completed.stdout).decode("utf-8", "replace").strip()[-500:]
        raise UsageError(f"LibreOffice 未能转换：{', '.join(missing)}（{detail}）",
                         f"LibreOffice did not convert: {', '.join(missing)} ({detail})")
    return results
