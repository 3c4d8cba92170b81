"""Precision and recall of `stamp-on-blank-page` over the generated, labelled seal set.

Each page of the set is labelled, from how it was built, "blank with a seal" or not; the set
has office PDFs (LibreOffice), the same documents as .docx, scans of them, /Stamp annotations
and hand-made PDFs, with hard negatives (red titles, red table borders, a red letterhead logo,
colour photographs with red round things, pages with one short line or a signature and a seal).
"""
from __future__ import annotations

from collections import defaultdict

from compliance.checking.seal_findings import seal_findings
from compliance.seals import find_stamps

from .conftest import record_measure

MIN_PRECISION = 0.98
MIN_RECALL = 0.98


def _measure(pairs: list[tuple[bool, bool]]) -> tuple[int, int, int, int]:
    tp = sum(1 for label, flagged in pairs if label and flagged)
    fp = sum(1 for label, flagged in pairs if not label and flagged)
    fn = sum(1 for label, flagged in pairs if label and not flagged)
    return tp, fp, fn, len(pairs) - tp - fp - fn


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def test_set_is_large_and_hard(seal_set):
    pages = seal_set.pages
    assert len(pages) >= 60
    positives = [p for p in pages if p.blank_with_seal]
    assert len(positives) >= 30
    families = {p.family for p in positives}
    assert families >= {"office-pdf", "docx", "scan", "annotation", "handmade"}
    cases = {p.case for p in pages if not p.blank_with_seal}
    for hard in ("red-title-text", "red-title-picture", "red-table-empty", "logo-header-text-pages",
                 "photo-page", "short-line-and-seal", "signature-page-with-seal", "no-body-text-note"):
        assert hard in cases


def test_blank_page_precision_and_recall(seal_set):
    by_file: dict[str, list] = defaultdict(list)
    for page in seal_set.pages:
        by_file[page.file].append(page)
    pairs_by_family: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    mistakes = []
    for name, pages in by_file.items():
        findings = seal_findings(seal_set.root / name)
        assert all(f.rule == "stamp-on-blank-page" and f.severity == "error" for f in findings)
        flagged = {f.page for f in findings}
        for page in pages:
            hit = page.page in flagged
            pairs_by_family[page.family].append((page.blank_with_seal, hit))
            if hit != page.blank_with_seal:
                mistakes.append(f"{name} p{page.page} ({page.case}): label {page.blank_with_seal}, flagged {hit}")
    every = [pair for pairs in pairs_by_family.values() for pair in pairs]
    lines = []
    for family, pairs in sorted(pairs_by_family.items()) + [("all", every)]:
        tp, fp, fn, tn = _measure(pairs)
        lines.append(f"{family:<11} pages={len(pairs):>3} blank+seal={tp + fn:>3} tp={tp:>3} fp={fp} fn={fn} "
                     f"tn={tn:>3} precision={_ratio(tp, tp + fp):.3f} recall={_ratio(tp, tp + fn):.3f}")
    for line in lines:
        record_measure(line)
    tp, fp, fn, _tn = _measure(every)
    report = "\n".join(lines + mistakes)
    assert _ratio(tp, tp + fp) >= MIN_PRECISION, report
    assert _ratio(tp, tp + fn) >= MIN_RECALL, report


def test_seal_detection_counts(seal_set):
    """find_stamps finds the seals that are there, and nothing else (red titles, logos, photos)."""
    expected: dict[str, dict[int, int]] = defaultdict(dict)
    for page in seal_set.pages:
        expected[page.file][page.page] = page.seals
    tp = fp = fn = 0
    mistakes = []
    for name, pages in expected.items():
        found: dict[int, int] = defaultdict(int)
        for stamp in find_stamps(seal_set.root / name):
            found[stamp.page] += 1
        for number, count in pages.items():
            got = found.get(number, 0)
            tp += min(got, count)
            fp += max(0, got - count)
            fn += max(0, count - got)
            if got != count:
                mistakes.append(f"{name} p{number}: {count} seal(s), found {got}")
    line = (f"seal detection: seals={tp + fn} found={tp + fp} precision={_ratio(tp, tp + fp):.3f} "
            f"recall={_ratio(tp, tp + fn):.3f}")
    record_measure(line)
    assert _ratio(tp, tp + fp) >= 0.97, "\n".join([line, *mistakes])
    assert _ratio(tp, tp + fn) >= 0.97, "\n".join([line, *mistakes])
