"""One HTML file a reviewer can open, mail or archive: when and by what it was made, every count
of the JSON summary, then each file with its findings beside pictures of their pages, the seals
marked — files with errors first, then warnings, then notes, then the clean ones.

Everything is inside the file — style, script and pictures as `data:` URIs — and nothing is
fetched. Every text from a document is escaped; the only script is ours. Findings are elements
with `data-rule`, `data-severity` and `data-page`, which the filters (and tests) use.
"""
from __future__ import annotations

import base64
import html
import json

from .about import ReportOptions
from .names import escaped, labelled, shown
from .thumbnails import Thumbnail

SEVERITY_NAMES = {"error": "错误 / error", "warning": "警告 / warning", "info": "提示 / info"}
# Every count of the JSON summary, in this order; a count not named here is shown by its key.
COUNT_NAMES = {"files": "文件 / files", "findings": "问题 / findings", "clean": "通过 / clean",
               "error": "错误 / errors", "warning": "警告 / warnings", "info": "提示 / info",
               "unreadable": "无法读取 / unreadable", "unknown_form": "未识别 / unknown form",
               "batch": "批量问题 / batch findings", "batch_error": "批量错误 / batch errors",
               "batch_warning": "批量警告 / batch warnings", "batch_info": "批量提示 / batch info"}

STYLE = """
:root { --error: #b3261e; --warning: #8a5a00; --info: #35618a; --line: #d9d9d9; --soft: #f6f6f4; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #1d1d1d; background: #fff; }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line); padding: 12px 24px; }
h1 { font-size: 20px; margin: 0 0 8px; }
.summary { display: flex; flex-wrap: wrap; gap: 8px 20px; margin: 0 0 8px; padding: 0; list-style: none; }
.summary b { font-size: 18px; margin-right: 4px; }
.about, .read { color: #555; font-size: 12px; margin: 0 0 6px; }
.controls { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; }
.controls label { white-space: nowrap; }
main { padding: 12px 24px 40px; max-width: 1280px; }
section.file { border: 1px solid var(--line); border-radius: 6px; margin: 14px 0; padding: 10px 14px; }
section.file h2 { font-size: 15px; margin: 0 0 6px; word-break: break-all; }
.form { color: #555; font-weight: normal; margin-left: 8px; }
.clean { color: #2e6b30; }
.body { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 14px; align-items: start; }
ul.findings { list-style: none; margin: 0; padding: 0; }
li.finding { border-left: 4px solid var(--line); background: var(--soft); margin: 6px 0; padding: 6px 10px; }
li.finding[data-severity="error"] { border-color: var(--error); }
li.finding[data-severity="warning"] { border-color: var(--warning); }
li.finding[data-severity="info"] { border-color: var(--info); }
.code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-weight: bold; }
.sev { font-size: 12px; margin-left: 6px; }
.where, .clause, .setting, .en { color: #555; font-size: 13px; }
.setting { color: #6b4e00; }
.pages { display: flex; flex-wrap: wrap; gap: 10px; max-width: 420px; }
figure { margin: 0; position: relative; cursor: zoom-in; }
figure img { display: block; width: 200px; height: auto; border: 1px solid var(--line); }
figure .mark { position: absolute; border: 2px solid #0a62d0; border-radius: 50%; pointer-events: none; }
figcaption { font-size: 12px; color: #555; text-align: center; }
figure.big { position: fixed; inset: 3vh 3vw; z-index: 9; background: rgba(0, 0, 0, .75); display: flex; flex-direction: column;
  align-items: center; justify-content: center; cursor: zoom-out; }
figure.big .frame { position: relative; }
figure.big img { width: auto; height: 88vh; }
figure.big figcaption { color: #fff; }
.hidden { display: none !important; }
section.batch { border-color: #b9a36a; }
@media print {
  @page { size: A4; margin: 14mm; }
  header { position: static; border: 0; }
  .controls { display: none; }
  main { padding: 0; max-width: none; }
  section.file { break-inside: avoid; }
  figure img { width: 150px; }
}
"""

SCRIPT = """
(function () {
  var findings = Array.prototype.slice.call(document.querySelectorAll('li.finding'));
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.file'));
  var code = document.getElementById('code');
  var onlyErrors = document.getElementById('only-errors');
  function apply() {
    var shown = {};
    document.querySelectorAll('input[data-severity]').forEach(function (box) { shown[box.dataset.severity] = box.checked; });
    findings.forEach(function (item) {
      var visible = shown[item.dataset.severity] && (!code.value || item.dataset.rule === code.value);
      item.classList.toggle('hidden', !visible);
    });
    sections.forEach(function (section) {
      var hasError = section.dataset.errors !== '0';
      var any = section.querySelector('li.finding:not(.hidden)') !== null;
      var filtering = code.value !== '' || Object.keys(shown).some(function (k) { return !shown[k]; });
      section.classList.toggle('hidden', (onlyErrors.checked && !hasError) || (filtering && !any));
    });
  }
  document.querySelectorAll('.controls input, .controls select').forEach(function (control) { control.addEventListener('change', apply); });
  document.querySelectorAll('figure').forEach(function (figure) {
    figure.addEventListener('click', function () { figure.classList.toggle('big'); });
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') { document.querySelectorAll('figure.big').forEach(function (f) { f.classList.remove('big'); }); }
  });
  apply();
})();
"""


def _e(text) -> str:
    return html.escape(escaped(str(text)), quote=True)


def _picture(path: str, page: int, picture: Thumbnail) -> str:
    source = "data:image/jpeg;base64," + base64.b64encode(picture.jpeg).decode("ascii")
    marks = "".join(
        f'<span class="mark" style="left:{x0 * 100:.2f}%;top:{y0 * 100:.2f}%;width:{(x1 - x0) * 100:.2f}%;'
        f'height:{(y1 - y0) * 100:.2f}%"></span>' for x0, y0, x1, y1 in picture.marks)
    return (f'<figure data-page="{page}" title="点击放大 / click to enlarge"><div class="frame">'
            f'<img src="{source}" width="{picture.width}" height="{picture.height}" alt="{_e(path)} 第{page}页 / page {page}">'
            f'{marks}</div><figcaption>第{page}页 / p.{page}</figcaption></figure>')


def _finding(finding) -> str:
    page = f' data-page="{finding.page}"' if finding.page else ""
    where = []
    if finding.page:
        where.append(f"第{finding.page}页 / p.{finding.page}")
    if getattr(finding, "row", None) is not None:
        where.append(f"{finding.sheet} 第{finding.row}行 / row {finding.row}")
    if finding.field:
        where.append(finding.field)
    setting = ""
    if finding.company_setting:
        setting = f'<div class="setting">公司设定 / company setting — compliance.toml {_e("、".join(finding.company_setting))}</div>'
    clause = f'<div class="clause">条款 / clause {_e(finding.clause)}</div>' if finding.clause else ""
    return (f'<li class="finding" data-rule="{_e(finding.rule)}" data-severity="{_e(finding.severity)}"{page}>'
            f'<span class="code">{_e(finding.rule)}</span><span class="sev">{_e(SEVERITY_NAMES.get(finding.severity, finding.severity))}</span>'
            f'{" <span class=where>" + _e(" · ".join(where)) + "</span>" if where else ""}'
            f'<div class="zh">{_e(finding.message_zh)}</div><div class="en">{_e(finding.message_en)}</div>{clause}{setting}</li>')


def _worst(result) -> int:
    """Where a file goes in the page: errors first, then warnings, then notes, then clean files."""
    severities = {f.severity for f in result.findings}
    return next((rank for rank, severity in enumerate(("error", "warning", "info")) if severity in severities), 3)


def _read(result) -> str:
    """--verbose: how the file was read and recognised, and how long its check took."""
    facts = []
    if result.kind:
        facts.append(result.kind)
    if result.pages is not None:
        facts.append(f"{result.pages} 页 / page(s)")
    if result.recognised_by:
        sure = f" {result.confidence:.0%}" if result.confidence is not None else ""
        facts.append(f"识别 / recognised: {result.recognised_by}{sure}")
    if result.seconds is not None:
        facts.append(f"{result.seconds:.2f} s")
    return f'<p class="read">{_e(" · ".join(facts))}</p>' if facts else ""


def _file(result, pictures: dict, verbose: bool = False) -> str:
    counted = {s: sum(1 for f in result.findings if f.severity == s) for s in ("error", "warning", "info")}
    form = f'<span class="form">{_e(result.form)}</span>' if result.form else '<span class="form">?</span>'
    status = "" if result.findings else '<p class="clean">通过 / clean</p>'
    pages = sorted({f.page for f in result.findings if f.page})
    figures = "".join(_picture(shown(result.path), page, pictures[(result.path, page)]) for page in pages
                      if (result.path, page) in pictures)
    items = "".join(_finding(f) for f in result.findings)
    return (f'<section class="file" data-path="{_e(shown(result.path))}" data-errors="{counted["error"]}" '
            f'data-warnings="{counted["warning"]}" data-infos="{counted["info"]}">'
            f'<h2>{_e(labelled(result.path))}{form}</h2>{_read(result) if verbose else ""}{status}'
            f'<div class="body"><ul class="findings">{items}</ul><div class="pages">{figures}</div></div></section>')


def _batch(batch) -> str:
    if not batch:
        return ""
    items = "".join(
        f'<li class="finding" data-rule="{_e(f.rule)}" data-severity="{_e(f.severity)}"><span class="code">{_e(f.rule)}</span>'
        f'<span class="sev">{_e(SEVERITY_NAMES.get(f.severity, f.severity))}</span><div class="zh">{_e(f.message_zh)}</div>'
        f'<div class="en">{_e(f.message_en)}</div>'
        + (f'<div class="clause">条款 / clause {_e(f.clause)}</div>' if f.clause else "")
        + (f'<div class="setting">公司设定 / company setting — compliance.toml {_e("、".join(f.company_setting))}</div>'
           if f.company_setting else "")
        + '<ul class="files">' + "".join(f"<li>{_e(labelled(path))}</li>" for path in f.files) + "</ul></li>" for f in batch)
    errors = sum(1 for f in batch if f.severity == "error")
    return (f'<section class="file batch" data-path="" data-errors="{errors}"><h2>批量规则 / batch rules</h2>'
            f'<ul class="findings">{items}</ul></section>')


def render(results, pictures: dict | None = None, batch=(), summary: dict | None = None,
           options: ReportOptions | None = None) -> str:
    from . import summary as file_summary

    pictures = pictures or {}
    shape = options or ReportOptions()
    counts = summary or file_summary(results)
    codes = sorted({f.rule for r in results for f in r.findings} | {f.rule for f in batch})
    keys = [key for key in COUNT_NAMES if key in counts] + [key for key in counts if key not in COUNT_NAMES]
    summary_items = "".join(f'<li data-count="{_e(key)}"><b>{counts[key]}</b>{_e(COUNT_NAMES.get(key, key))}</li>'
                            for key in keys)
    about = shape.about
    made = (f'<p class="about" data-made="{_e(about.made.isoformat())}" data-version="{_e(about.version)}" '
            f'data-as-of="{_e(about.as_of.isoformat())}">{_e(about.line())}</p>')
    severities = "".join(f'<label><input type="checkbox" data-severity="{s}" checked> {SEVERITY_NAMES[s]}</label>'
                         for s in ("error", "warning", "info"))
    choices = '<option value="">全部代码 / all codes</option>' + "".join(f'<option value="{_e(c)}">{_e(c)}</option>' for c in codes)
    ordered = sorted(results, key=_worst)  # stable: in path order within each group
    body = _batch(batch) + "".join(_file(result, pictures, shape.verbose) for result in ordered)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<title>审核报告 / compliance report</title><style>{STYLE}</style></head><body>"
        f'<header><h1>审核报告 <span class="en">/ compliance report</span></h1>{made}'
        f'<ul class="summary" data-summary="{_e(json.dumps(counts, ensure_ascii=False))}">{summary_items}</ul>'
        f'<div class="controls">{severities}<label>代码 / code <select id="code">{choices}</select></label>'
        '<label><input type="checkbox" id="only-errors"> 只看有错误的文件 / only files with errors</label></div></header>'
        f"<main>{body}</main><script>{SCRIPT}</script></body></html>")
