"""The HTML report, opened in a real browser (Debian's chromium driven by Playwright): one file
that fetches nothing, whose findings and every count are the JSON report's, that says when it was
made, by which version and as of which day, that lists files with errors first, then warnings,
then the clean ones, whose pictures load with the seals marked, whose filters change what is
shown, and that shows names that are not UTF-8 escaped. A screenshot is saved; with
COMPLIANCE_SCREENSHOT=path it is also written there (the README's picture is made this way)."""
from __future__ import annotations

import copy
import json
import os
import random
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from checking.support import run
from locations import BUILTIN
from seals.docx_build import add_inline_picture, add_text, new_document, page_break
from seals.office_cases import random_seal

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")
AS_OF = "2026-12-01"


def _sample(form: str, name: str = "valid") -> dict:
    document = yaml.safe_load((BUILTIN / "samples" / form / f"{name}.yaml").read_text(encoding="utf-8"))
    return document.get("data", document)


def _printed(folder: Path, name: str, form: str, data: dict, *extra) -> Path:
    source = folder / f"{name}.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run("new", form, "--data", source, "-o", folder / f"{name}.docx", *extra)
    assert result.exit_code == 0, result.output
    source.unlink()
    return folder / f"{name}.docx"


def _stamped_blank_page(folder: Path) -> Path:
    """A letter whose second page holds nothing but a seal (stamp-on-blank-page, page 2)."""
    document = new_document()
    add_text(document, random.Random(3), 3, title="关于园区运营服务的函")
    page_break(document)
    seal, width = random_seal(random.Random(5), shape="round", colour="seal-red")
    add_inline_picture(document, seal, width)
    path = folder / "letter.docx"
    document.save(path)
    return path


@pytest.fixture(scope="module")
def batch(tmp_path_factory, soffice):
    folder = tmp_path_factory.mktemp("inbox")
    clean = _printed(folder, "clean", "reimbursement", _sample("reimbursement"))
    unsigned = _printed(folder, "unsigned", "reimbursement", _sample("reimbursement", "invalid/approval-missing"), "--pdf")
    unsigned.unlink()  # the PDF is the submission
    rejected = copy.deepcopy(_sample("seal-use"))
    rejected["approvals"][1]["opinion"] = "不同意，用印事由不清"
    _printed(folder, "seal-request", "seal-use", rejected)
    _stamped_blank_page(folder)
    # Data that is no known form: form-unknown, a warning and nothing else.
    (folder / "note.json").write_text(json.dumps({"收件人": "张三"}, ensure_ascii=False), encoding="utf-8")
    return folder, clean


@pytest.fixture(scope="module")
def reports(batch, tmp_path_factory):
    folder, _clean = batch
    out = tmp_path_factory.mktemp("reports")
    page = out / "report.html"
    made = run("check", folder, "--format", "html", "-o", page, "--as-of", AS_OF)
    assert made.exit_code == 1, made.output
    listed = run("check", folder, "--format", "json", "--as-of", AS_OF)
    return page, json.loads(listed.stdout)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


def _open(browser, path: Path, width: int = 1366, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height})
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, requests, problems


def test_the_report_is_one_file_that_fetches_nothing_and_runs_clean(browser, reports):
    path, _listed = reports
    page, requests, problems = _open(browser, path)
    assert requests == [path.resolve().as_uri()]
    assert problems == []
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    page.close()


def test_counts_and_findings_are_the_json_reports(browser, reports):
    path, listed = reports
    page, _requests, _problems = _open(browser, path)
    assert listed["summary"]["findings"] > 0
    for key, count in listed["summary"].items():  # every count of the JSON summary, the findings too
        assert page.locator(f'[data-count="{key}"] b').inner_text() == str(count), key
    for entry in listed["files"]:
        section = page.locator(f'section.file[data-path="{entry["path"]}"]')
        shown = section.locator("li.finding")
        assert Counter(shown.nth(i).get_attribute("data-rule") for i in range(shown.count())) == \
            Counter(f["rule"] for f in entry["findings"])
        paged = [f for f in entry["findings"] if f["page"]]
        assert section.locator("li.finding[data-page]").count() == len(paged)
        for finding in paged:  # every finding with a page has that page's picture beside it
            assert section.locator(f'figure[data-page="{finding["page"]}"] img').count() == 1
    page.close()


def _rank(section) -> int:
    errors, warnings, infos = (int(section.get_attribute(f"data-{key}")) for key in ("errors", "warnings", "infos"))
    return 0 if errors else 1 if warnings else 2 if infos else 3


def test_files_with_errors_come_first_then_warnings_then_clean(browser, reports):
    path, listed = reports
    page, _requests, _problems = _open(browser, path)
    sections = page.locator("section.file:not(.batch)")
    ranks = [_rank(sections.nth(i)) for i in range(sections.count())]
    assert ranks == sorted(ranks) and {0, 1, 3} <= set(ranks), ranks
    assert sections.count() == len(listed["files"])
    first_clean = ranks.index(3)
    clean = [e["path"] for e in listed["files"] if not e["findings"]]
    assert [sections.nth(i).get_attribute("data-path") for i in range(first_clean, len(ranks))] == clean
    page.close()


def test_the_page_says_when_it_was_made_by_which_version_and_as_of_which_day(browser, reports):
    path, listed = reports
    page, _requests, _problems = _open(browser, path)
    about = page.locator("header p.about")
    assert about.is_visible()
    assert about.get_attribute("data-as-of") == listed["report"]["as_of"] == AS_OF
    assert about.get_attribute("data-version") == listed["report"]["version"]
    assert about.get_attribute("data-made").startswith(listed["report"]["made"][:10])
    assert AS_OF in about.inner_text() and listed["report"]["version"] in about.inner_text()
    page.close()


def test_names_that_are_not_utf8_are_shown_escaped_with_their_gbk_reading(browser, tmp_path):
    inbox = os.fsencode(tmp_path / "inbox")
    os.makedirs(inbox + b"/" + "五月".encode("gbk"))
    shutil.copy(BUILTIN / "samples" / "reimbursement" / "invalid" / "amount-capital-mismatch.yaml",
                 inbox + b"/" + "五月".encode("gbk") + b"/" + "报销单".encode("gbk") + b".yaml")
    with open(inbox + b"/" + "损坏".encode("gbk") + b".docx", "wb") as broken:
        broken.write(b"PK\x03\x04 not a zip")  # unreadable: its message quotes its name
    target = tmp_path / "report.html"
    made = run("check", os.fsdecode(inbox), "--format", "html", "-o", target, "--as-of", AS_OF, "--jobs", "2")
    assert made.exit_code == 1, made.output
    listed = json.loads(run("check", os.fsdecode(inbox), "--format", "json", "--as-of", AS_OF).stdout)
    page, requests, problems = _open(browser, target)
    assert requests == [target.resolve().as_uri()] and problems == []
    shown = page.eval_on_selector_all("section.file", "sections => sections.map(s => s.dataset.path)")
    assert sorted(shown) == sorted(entry["path"] for entry in listed["files"])
    headings = page.locator("section.file h2").all_inner_texts()
    assert any("\\xb1\\xa8\\xcf\\xfa\\xb5\\xa5.yaml" in h and "五月/报销单.yaml" in h for h in headings), headings
    assert any("\\xcb\\xf0\\xbb\\xb5.docx" in h and "损坏.docx" in h for h in headings), headings
    assert page.locator('li.finding[data-rule="file-unreadable"] .zh').inner_text().count("\\x") >= 4
    page.close()


def test_pictures_load_small_and_the_seal_is_marked(browser, reports):
    path, listed = reports
    page, _requests, _problems = _open(browser, path)
    images = page.locator("figure img")
    assert images.count() >= 2
    assert all(images.nth(i).evaluate("img => img.complete && img.naturalWidth > 100") for i in range(images.count()))
    assert all(len(images.nth(i).get_attribute("src")) < 220_000 for i in range(images.count()))
    letter = next(e for e in listed["files"] if e["path"].endswith("letter.docx"))
    assert ("stamp-on-blank-page", 2) in {(f["rule"], f["page"]) for f in letter["findings"]}
    marks = page.locator(f'section.file[data-path="{letter["path"]}"] figure[data-page="2"] .mark')
    assert marks.count() == 1
    box = marks.first.bounding_box()
    assert box is not None and box["width"] > 10 and box["height"] > 10
    figure = page.locator("figure").first
    figure.click()
    assert "big" in figure.get_attribute("class")
    page.close()


def test_filters_change_what_is_shown(browser, reports):
    path, listed = reports
    page, _requests, _problems = _open(browser, path)
    findings = page.locator("li.finding")
    errors = page.locator('li.finding[data-severity="error"]')
    assert errors.count() > 0 and all(errors.nth(i).is_visible() for i in range(errors.count()))
    page.locator('input[data-severity="error"]').uncheck()
    assert not any(errors.nth(i).is_visible() for i in range(errors.count()))
    page.locator('input[data-severity="error"]').check()
    page.select_option("#code", "approval-missing")
    visible = [findings.nth(i).get_attribute("data-rule") for i in range(findings.count()) if findings.nth(i).is_visible()]
    assert visible and set(visible) == {"approval-missing"}
    page.select_option("#code", "")
    clean = next(e["path"] for e in listed["files"] if not e["findings"])
    assert page.locator(f'section.file[data-path="{clean}"]').is_visible()
    page.locator("#only-errors").check()
    assert not page.locator(f'section.file[data-path="{clean}"]').is_visible()
    page.screenshot(path=str(path.with_name("report.png")))
    target = os.environ.get("COMPLIANCE_SCREENSHOT")
    page.locator("#only-errors").uncheck()
    if target:
        page.screenshot(path=target)
    page.close()


def test_it_prints_on_a4_and_reads_on_a_narrow_screen(browser, reports):
    path, _listed = reports
    page, _requests, problems = _open(browser, path, width=820, height=1000)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and problems == []
    page.close()


def test_audit_writes_the_batch_findings_into_the_page(browser, tmp_path):
    slips = []
    for index, day in enumerate(("2026-05-11", "2026-05-15")):
        data = _sample("reimbursement")
        data["items"] = [{"date": day, "category": "会务费", "summary": "场地租赁", "amount": 30000, "receipts": 1}]
        for derived in ("total_amount", "amount_in_words", "attachments"):
            data.pop(derived, None)
        data["claim_date"] = "2026-05-18"
        slips.append(_printed(tmp_path, f"slip-{index}", "reimbursement", data))
    target = tmp_path / "audit.html"
    made = run("audit", *slips, "--format", "html", "-o", target, "--as-of", AS_OF)
    assert made.exit_code == 1, made.output
    page, requests, problems = _open(browser, target)
    assert requests == [target.resolve().as_uri()] and problems == []
    assert page.locator('section.batch li.finding[data-rule="threshold-split"]').count() == 1
    listed = json.loads(run("audit", *slips, "--format", "json", "--as-of", AS_OF).stdout)
    assert listed["summary"]["batch"] == listed["summary"]["batch_error"] == 1
    for key, count in listed["summary"].items():  # the batch counts too
        assert page.locator(f'[data-count="{key}"] b').inner_text() == str(count), key
    page.close()
