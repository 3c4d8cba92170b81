"""`compliance new`: fill a form from data (or the built-in sample) and write .docx / PDF, or
an Excel workbook (.xlsx) where offices keep the form, as with registers."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import UsageError
from .exit_codes import EXIT_FINDINGS
from .options import config_option, root_option, workspace_and_config


@click.command("new")
@click.argument("form_id", metavar="FORM")
@click.option("--data", "data_path", metavar="FILE",
              help="YAML/JSON data, '-' for stdin, or a CSV/Excel sheet for a batch / 数据文件")
@click.option("--sample", is_flag=True, help="Use the form's built-in sample data / 使用内置示例数据")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output .docx, or .xlsx for a workbook (default: FORM.docx) / 输出文件")
@click.option("--out-dir", type=click.Path(path_type=Path),
              help="Output folder for a batch, made if missing / 批量输出目录（不存在则创建）")
@click.option("--name", "name_pattern", default="{form}-{row}", show_default=True,
              help="Batch file names: {form}, {row} or any field label/key, e.g. '{报销人}-{row}'")
@click.option("--script", type=click.Choice(["simplified", "traditional"]), default="simplified",
              show_default=True, help="Script of labels and data / 简体或繁体")
@click.option("--pdf", is_flag=True, help="Also write a PDF through LibreOffice / 同时生成 PDF")
@click.option("--force", is_flag=True, help="Overwrite existing files / 覆盖已有文件")
@click.option("--encoding", help="Text encoding of a CSV sheet (default: UTF-8 or GB18030, detected)")
@root_option
@config_option
def command(form_id, data_path, sample, output, out_dir, name_pattern, script, pdf, force, encoding, root, config_path):
    """Fill FORM with data and write a Word document. 按数据生成表单。

    \b
    compliance new reimbursement --sample -o 报销单.docx
    compliance new reimbursement --data 报销.yaml -o 报销单.docx --pdf
    compliance new reimbursement --data 报销.csv --out-dir 输出/
    compliance new seal-register --data 登记.yaml -o 登记簿.xlsx
    """
    from ..generation import data_input
    from ..generation import pipeline as generate
    from ..safety.atomic_write import refuse_unsafe_destination

    workspace, config = workspace_and_config(root, config_path)
    settings = config.settings
    form = workspace.form(form_id)
    if sample == bool(data_path):
        raise UsageError("请指定 --data FILE 或 --sample 之一", "give exactly one of --data FILE or --sample")
    source = str(form.sample_data_path()) if sample else data_path

    if data_input.is_sheet(source):
        if output is not None or out_dir is None:
            raise UsageError("表格批量生成请用 --out-dir DIR（不用 -o）", "a CSV/Excel batch needs --out-dir DIR (not -o)")
        rows = data_input.load_sheet(source, encoding)
        generate.make_out_dir(out_dir)  # after the sheet is read: a sheet that cannot be read makes nothing
        result = generate.generate_batch(form, rows, out_dir, name_pattern=name_pattern, script=script,
                                         overwrite=force, pdf=pdf, config=config, source=source)
        for path in result.written:
            click.echo(f"已生成 / written: {path}")
        for _row, error in result.failures:
            click.echo(f"错误：{error.message_zh}\nerror: {error.message_en}", err=True)
        click.echo(f"共 {len(rows)} 行：成功 {len(rows) - len(result.failures)}，失败 {len(result.failures)} / "
                   f"{len(rows)} rows: {len(rows) - len(result.failures)} written, {len(result.failures)} failed",
                   err=True)
        if result.failures:
            raise SystemExit(EXIT_FINDINGS)
        return

    if out_dir is not None:
        raise UsageError("--out-dir 只用于 CSV/Excel 批量生成；单个表单请用 -o",
                         "--out-dir is for CSV/Excel batches; use -o for one form")
    output = output or Path(f"{form.id}.docx")
    refuse_unsafe_destination(output)  # before the name is judged: /dev/null is refused as a device
    workbook = output.suffix.lower() == ".xlsx"
    if output.suffix.lower() != ".docx" and not workbook:
        raise UsageError(f"输出文件应以 .docx 或 .xlsx 结尾：{output}", f"the output file should end in .docx or .xlsx: {output}")
    if workbook and pdf:
        raise UsageError("--pdf 只用于 .docx 输出", "--pdf is for .docx output only")
    where = "标准输入 / stdin" if source == "-" else source
    data = generate.prepare(form, data_input.load_record(source), where, settings)
    if workbook:
        from ..generation.xlsx_form import build_workbook

        for path in generate.write_documents([(output, build_workbook(form, data, script))], overwrite=force, pdf=False):
            click.echo(f"已生成 / written: {path}")
        return
    document = generate.build_document(form, data, script, config)
    for path in generate.write_documents([(output, document)], overwrite=force, pdf=pdf):
        click.echo(f"已生成 / written: {path}")
