"""A worker's checker: a fresh interpreter, started once per Dask worker and fed files over a pipe.

A Dask worker's process may not start the limited child processes a check runs each file in
(Dask makes it a daemon), and starting an interpreter per file would cost more than the check.
This server may fork; it checks each file exactly as a local run does (`check_paths`, one file,
its own limited process) and ends when its pipe closes, with the worker that started it. Frames
are those of the OCR server: only this package writes them.
"""
from __future__ import annotations

import sys
from pathlib import Path


def _warm() -> None:
    """Check the built-in sample once here, so that every file's forked process starts with the
    readers imported and the rules loaded (a cold fork spends most of half a second on them)."""
    import tempfile

    from ..checking.pipeline import CheckOptions, check_file
    from ..generation.data_input import load_record
    from ..generation.pipeline import build_document, prepare
    from ..model.workspace import Workspace

    workspace = Workspace()
    form = workspace.form("reimbursement")
    data = prepare(form, load_record(str(form.sample_data_path())), "sample")
    with tempfile.TemporaryDirectory(prefix="compliance-warm-") as folder:
        sample = Path(folder) / "sample.docx"
        sample.write_bytes(build_document(form, data))
        check_file(sample, workspace, CheckOptions(isolate=False))


def _loaded(root: str | None, config):
    """The workspace with every form's rules loaded under `config`, so that the process forked
    for each file inherits them instead of reading every rule file again."""
    from ..model.workspace import Workspace
    from ..rulebook import rules_for

    workspace = Workspace(Path(root) if root else None, config=config)
    for form in workspace.forms.values():
        rules_for(form, config)
    return workspace


def serve() -> None:
    from ..checking.pipeline import check_paths
    from ..reading.scan.ocr_server import read_frame, write_frame

    incoming, outgoing = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames may reach the pipe
    try:
        _warm()
    except Exception:  # a slower first file, not a broken server
        pass
    workspaces: dict = {}
    while True:
        try:
            local, root, options = read_frame(incoming)
        except EOFError:
            return
        try:
            # Each frame brings a new but equal configuration: known by what it says, the
            # workspace and its rules are loaded once here, before the fork, for every file.
            key = (root, options.config)
            if key not in workspaces:
                workspaces.clear()
                workspaces[key] = _loaded(root, options.config)
            (result,) = check_paths([Path(local)], workspaces[key], options)
            write_frame(outgoing, ("ok", result))
        except Exception as error:  # reported to the worker, which names the file
            write_frame(outgoing, ("error", f"{type(error).__name__}: {error}"))


if __name__ == "__main__":
    serve()
