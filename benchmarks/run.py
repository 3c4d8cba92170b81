"""Benchmark compliance against the raw libraries it stands on, in one interleaved run.

    python benchmarks/run.py            # full: >= 100 rounds per pair, 1,000-file batches
    python benchmarks/run.py --quick    # a few rounds, a small batch: shows the script still works

Each pair (floor, ours) is timed alternately in the same process so that machine noise hits
both alike; the figures are medians and ratios. Floors:
  F  unzip word/document.xml and parse it with lxml
  P  pypdf: open, text of every page, walk page resources and annotations
  R  bare docxtpl: render the template with the same data and save
  O  bare RapidOCR: read the same 200 dpi page image (engine already loaded)
The scan figures are seconds per A4 page at 200 dpi: warm in one process (against O), in a
batch on one and two jobs (each worker loads the models), and a whole `compliance check` of a
one-page scan from a cold start.
"""
from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import yaml
from lxml import etree

from compliance.checking.pipeline import CheckOptions, check_file, check_paths
from compliance.generation.fill import display_context
from compliance.generation.pipeline import build_document, prepare
from compliance.model.workspace import Workspace

FORM_ID = "reimbursement"
TARGETS = {"check/F": 3.0, "check/P": 1.3, "new/R": 1.2, "help/click": 2.0, "memory 1000/1": 1.5,
           "check(scan)/O": 1.5, "scan s/page jobs=2": 1.0, "check 1-page scan, cold (s)": 4.0, "audit/check": 1.1}


def median_pair(floor, ours, rounds: int) -> tuple[float, float]:
    floor(), ours()  # warm caches, imports and compiled validators
    a, b = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        floor()
        a.append(time.perf_counter() - start)
        start = time.perf_counter()
        ours()
        b.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


def floor_docx(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        etree.fromstring(archive.read("word/document.xml"))


def floor_pdf(path: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(path)
    for page in reader.pages:
        page.extract_text()
        resources = page.get("/Resources")
        if resources is not None:
            xobjects = resources.get_object().get("/XObject")
            if xobjects is not None:
                for name in xobjects.get_object():
                    xobjects.get_object()[name].get_object()
        for annotation in page.get("/Annots") or ():
            annotation.get_object()


def bare_render(template: Path, context: dict) -> None:
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template))
    document.render(context)
    document.save(io.BytesIO())


def cpu_loop(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def machine_speedup(work: int = 3_000_000) -> float:
    """What two processes give on this machine for pure-Python work: the ceiling for --jobs 2."""
    start = time.perf_counter()
    cpu_loop(work), cpu_loop(work)
    serial = time.perf_counter() - start
    with multiprocessing.get_context("fork").Pool(2) as pool:
        start = time.perf_counter()
        pool.map(cpu_loop, [work, work])
        parallel = time.perf_counter() - start
    return serial / parallel


def peak_rss_kib(command: list[str]) -> int:
    """Largest resident set of `command` and its workers, measured from a fresh parent."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
             "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    return int(subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True,
                              check=True).stdout)


def command_median(command: list[str], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def to_pdf(docx: Path, folder: Path) -> Path | None:
    from compliance.errors import ToolMissingError
    from compliance.libreoffice import convert

    try:
        return convert([docx], "pdf", folder)[0]
    except ToolMissingError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="few rounds and a small batch")
    args = parser.parse_args()
    rounds, batch, cli_rounds = (10, 40, 3) if args.quick else (100, 1000, 15)

    workspace = Workspace()
    form = workspace.form(FORM_ID)
    raw = yaml.safe_load(form.sample_data_path().read_text(encoding="utf-8"))
    data = prepare(form, raw, "benchmark")
    options = CheckOptions(isolate=False)
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="compliance-bench-") as work:
        work = Path(work)
        docx = work / "form.docx"
        docx.write_bytes(build_document(form, data))
        pdf = to_pdf(docx, work)

        f, check_f = median_pair(lambda: floor_docx(docx), lambda: check_file(docx, workspace, options), rounds)
        results["F"], results["check(docx)"], results["check/F"] = f, check_f, check_f / f
        if pdf is not None:
            p, check_p = median_pair(lambda: floor_pdf(pdf), lambda: check_file(pdf, workspace, options), rounds)
            results["P"], results["check(pdf)"], results["check/P"] = p, check_p, check_p / p
        context = display_context(form.fields, data)
        target = work / "new.docx"

        def ours_new() -> None:
            from compliance.safety.atomic_write import write_atomically

            write_atomically(target, build_document(form, prepare(form, raw, "benchmark")), overwrite=True)

        r, new = median_pair(lambda: bare_render(form.template_path, context), ours_new, rounds)
        results["R"], results["new"], results["new/R"] = r, new, new / r

        folder = work / "batch"
        folder.mkdir()
        for index in range(batch):
            shutil.copyfile(docx, folder / f"form-{index:04d}.docx")
        for jobs in (1, 2):
            start = time.perf_counter()
            reports = check_paths([folder], workspace, CheckOptions(jobs=jobs))
            elapsed = time.perf_counter() - start
            assert len(reports) == batch and all(not r.findings for r in reports)
            results[f"batch jobs={jobs} docs/s"] = batch / elapsed
        results["jobs=2 speed-up"] = results["batch jobs=2 docs/s"] / results["batch jobs=1 docs/s"]
        results["audit/check"] = measure_audit(folder, workspace, batch)
        measure_cluster(results, folder, workspace, min(batch, 200))
        results["machine 2-process speed-up"] = machine_speedup()
        results["speed-up / machine"] = results["jobs=2 speed-up"] / results["machine 2-process speed-up"]

        cli = [sys.executable, "-m", "compliance", "check", "--jobs", "2", "--format", "json"]
        one, many = peak_rss_kib(cli + [str(docx)]), peak_rss_kib(cli + [str(folder)])
        results["peak RSS 1 file (MiB)"], results[f"peak RSS {batch} files (MiB)"] = one / 1024, many / 1024
        results["memory 1000/1"] = many / one

        if pdf is not None:
            measure_scans(results, pdf, work, workspace, rounds=max(3, rounds // 10), batch=4 if batch < 100 else 12)

    # The entry point of the interpreter running this benchmark (a venv need not be activated).
    beside = Path(sys.executable).parent / "compliance"
    compliance_cli = str(beside) if beside.is_file() else shutil.which("compliance") or "compliance"
    help_time = command_median([compliance_cli, "--help"], cli_rounds)
    click_time = command_median([sys.executable, "-c", "import click"], cli_rounds)
    results["compliance --help (s)"], results["import click (s)"], results["help/click"] = help_time, click_time, help_time / click_time
    report(results, rounds, batch)


def measure_cluster(results: dict, folder: Path, workspace: Workspace, files: int) -> None:
    """Files per second on a local Dask cluster of 1 and 2 worker processes (one thread each),
    against `--jobs 1` and `--jobs 2` in the same run: the cost of sending each file's bytes to a
    worker and its result back."""
    try:
        from distributed import LocalCluster
    except ImportError:  # Dask is the `distributed` extra
        print("Dask not installed (pip install 'compliance[distributed]'): the cluster is not measured", file=sys.stderr)
        return
    from compliance.cluster.remote import check_paths_remote

    subset = folder.parent / "cluster-batch"
    subset.mkdir()
    for path in sorted(folder.iterdir())[:files]:
        shutil.copyfile(path, subset / path.name)
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          host="127.0.0.1") as cluster:
            check_paths_remote([subset], workspace, CheckOptions(), cluster.scheduler_address)  # workers warm up
            start = time.perf_counter()
            reports = check_paths_remote([subset], workspace, CheckOptions(), cluster.scheduler_address)
            elapsed = time.perf_counter() - start
        assert len(reports) == files and all(not r.findings for r in reports)
        results[f"dask {workers} worker(s) docs/s"] = files / elapsed


def measure_audit(folder: Path, workspace: Workspace, batch: int) -> float:
    """`audit` of the batch against `check` of it (two jobs each, alternated, best of two): the
    batch rules' share. The copies are one claimant's identical slips, so every batch rule has
    facts to keep and the duplicate and split rules fire across the whole batch."""
    from compliance.audit.runner import audit_paths

    checks, audits = [], []
    for _round in range(2):
        start = time.perf_counter()
        check_paths([folder], workspace, CheckOptions(jobs=2))
        checks.append(time.perf_counter() - start)
        start = time.perf_counter()
        report = audit_paths([folder], workspace, CheckOptions(jobs=2))
        audits.append(time.perf_counter() - start)
        assert len(report.files) == batch and {f.rule for f in report.batch} == {"claim-duplicate", "threshold-split"}
    return min(audits) / min(checks)


def measure_scans(results: dict, pdf: Path, work: Path, workspace: Workspace, rounds: int, batch: int) -> None:
    """OCR is the slow step: the scan of the same form, read warm, in batches, and cold."""
    import numpy
    import pypdfium2
    from PIL import Image
    from rapidocr import RapidOCR

    from compliance.reading.scan.text_reader import MAX_SIDE, MIN_SCORE

    page = pypdfium2.PdfDocument(str(pdf))[0].render(scale=200 / 72, fill_color=(255, 255, 255, 255)).to_pil()
    scan = work / "scan.png"
    page.convert("RGB").save(scan, dpi=(200, 200))
    pixels = numpy.asarray(Image.open(scan).convert("RGB"))[..., ::-1].copy()
    # The raw library as a user would call it, with our page size and score floor.
    ocr = RapidOCR(params={"Global.log_level": "error", "Global.use_cls": False, "Global.max_side_len": MAX_SIDE,
                           "Global.text_score": MIN_SCORE})
    options = CheckOptions(isolate=False)
    o, check_o = median_pair(lambda: ocr(pixels), lambda: check_file(scan, workspace, options), rounds)
    results["O (s)"], results["check(scan) (s)"], results["check(scan)/O"] = o, check_o, check_o / o
    folder = work / "scans"
    folder.mkdir()
    for index in range(batch):
        shutil.copyfile(scan, folder / f"scan-{index:03d}.png")
    for jobs in (1, 2):
        start = time.perf_counter()
        reports = check_paths([folder], workspace, CheckOptions(jobs=jobs, timeout=120))
        elapsed = time.perf_counter() - start
        assert len(reports) == batch and all(r.form == FORM_ID for r in reports)
        results[f"scan s/page jobs={jobs}"] = elapsed / batch
    results["check 1-page scan, cold (s)"] = command_median([sys.executable, "-m", "compliance", "check", str(scan)], 3)


def report(results: dict, rounds: int, batch: int) -> None:
    print(f"# compliance benchmark — {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
          f"{multiprocessing.cpu_count()} cores, Python {platform.python_version()}, {rounds} rounds, batch {batch}")
    for name, value in results.items():
        target = TARGETS.get(name)
        if name == "speed-up / machine":
            target, verdict = 0.8, "ok" if value >= 0.8 else "MISSED"
        elif target is not None:
            verdict = "ok" if value <= target else "MISSED"
        else:
            verdict = ""
        shown = f"{value * 1000:.2f} ms" if name in ("F", "P", "R", "check(docx)", "check(pdf)", "new") else f"{value:.2f}"
        goal = f"(target {'≥' if name == 'speed-up / machine' else '≤'} {target})" if target else ""
        print(f"{name:<32} {shown:>12}  {goal} {verdict}".rstrip())
    print(json.dumps({k: round(v, 5) for k, v in results.items()}))


if __name__ == "__main__":
    main()
