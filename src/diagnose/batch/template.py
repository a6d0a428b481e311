"""The fill-in template: one row per cluster, one column per question, in Chinese or English.

The workbook has four sheets: the clusters (row 1 the questions, row 2 their ids, a drop-down in
every answer cell), instructions, every question explained (help text, paragraph, quote), and a
hidden sheet holding the drop-downs' lists (a list in a sheet has no 255-character limit and its
labels may hold commas). The drop-downs warn rather than refuse, so an answer typed in the other
language (which ``diagnose batch`` reads too) can still be entered. A CSV template has the two
header rows only; it is written in UTF-8 with a byte-order mark, so Excel and WPS open it as UTF-8.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ..kb.knowledge import KnowledgeBase
from ..output.portfolio_strings import s
from . import columns as cols

TEMPLATE_ROWS = 5000          # rows given drop-downs (more rows may be added: they are read all the same)
FIRST_DATA_ROW = 3
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_ID_FONT = Font(color="808080", italic=True, size=8)


def save_atomically(workbook: Workbook, path: Path) -> None:
    """Save next to the target, then rename over it: a failure never leaves half a workbook."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or Path("."))
    os.close(fd)
    try:
        workbook.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _lists_sheet(wb: Workbook, kb: KnowledgeBase, lang: str) -> dict[str, str]:
    """The hidden sheet of drop-down lists; returns question id (or "yes_no") -> range formula."""
    sheet = wb.create_sheet(s("sheet_lists", lang))
    sheet.sheet_state = "hidden"
    lists = {"yes_no": cols.answer_words(lang)}
    for q in kb.questions.values():
        if q.kind == "one_of":
            lists[q.id] = cols.choice_labels(q, lang)
    ranges = {}
    for n, (key, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(n)
        sheet.cell(row=1, column=n, value=key)
        for i, value in enumerate(values, start=2):
            sheet.cell(row=i, column=n, value=value)
        ranges[key] = f"{quote_sheetname(sheet.title)}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _validation(q, ranges: dict[str, str], lang: str) -> DataValidation:
    if q.kind == "number":
        dv = DataValidation(type="decimal", operator="between", formula1=f"{q.min:g}", formula2=f"{q.max:g}")
    else:
        dv = DataValidation(type="list", formula1=ranges["yes_no" if q.kind == "yes_no" else q.id])
    dv.allow_blank = True
    dv.errorStyle = "warning"       # warn, do not refuse: the other language's words are read too
    dv.showErrorMessage = dv.showInputMessage = True
    dv.errorTitle, dv.error = s("not_in_list", lang), cols.allowed_text(q, lang)
    dv.promptTitle, dv.prompt = s("pick_answer", lang)[:32], cols.allowed_text(q, lang)[:255]
    return dv


def _clusters_sheet(wb: Workbook, kb: KnowledgeBase, lang: str, ranges: dict[str, str]) -> None:
    sheet = wb.active
    sheet.title = s("sheet_clusters", lang)
    for n, column in enumerate(cols.columns(kb), start=1):
        letter = get_column_letter(n)
        head = sheet.cell(row=1, column=n, value=column.header(kb, lang))
        head.font, head.fill = Font(bold=True), _HEADER_FILL
        head.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=2, column=n, value=column.id).font = _ID_FONT
        sheet.column_dimensions[letter].width = 30 if column.question is None else 22
        if column.question is not None:
            dv = _validation(column.question, ranges, lang)
            dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{TEMPLATE_ROWS}")
            sheet.add_data_validation(dv)
    sheet.row_dimensions[1].height = 120
    sheet.freeze_panes = f"B{FIRST_DATA_ROW}"


def _instructions_sheet(wb: Workbook, lang: str) -> None:
    sheet = wb.create_sheet(s("sheet_instructions", lang))
    sheet.column_dimensions["A"].width = 120
    for n, line in enumerate(s("instructions", lang).split("\n"), start=1):
        cell = sheet.cell(row=n, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True)
        if n == 1:
            cell.font = Font(bold=True, size=14)


def _questions_sheet(wb: Workbook, kb: KnowledgeBase, lang: str) -> None:
    sheet = wb.create_sheet(s("sheet_questions", lang))
    heads = ["q_column", "q_id", "q_section", "q_text", "q_answers", "q_help", "q_paragraph", "q_quote", "q_incident"]
    widths = [7, 30, 22, 50, 30, 60, 9, 40, 10]
    for n, (key, width) in enumerate(zip(heads, widths), start=1):
        cell = sheet.cell(row=1, column=n, value=s(key, lang))
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        sheet.column_dimensions[get_column_letter(n)].width = width
    sections = {sec.id: sec.title(lang) for sec in kb.sections}
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, (n, column) in enumerate(((n, c) for n, c in enumerate(cols.columns(kb), start=1) if c.question), start=2):
        q = column.question
        values = [get_column_letter(n), q.id, sections.get(q.section, q.section), q.text(lang), cols.allowed_text(q, lang),
                  q.help(lang), q.cite.paragraph, q.cite.quote, s("yes", lang) if q.incident else ""]
        for i, value in enumerate(values, start=1):
            sheet.cell(row=row, column=i, value=value).alignment = wrap
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(heads))}{sheet.max_row}"


def write_workbook(kb: KnowledgeBase, path: Path, lang: str) -> None:
    wb = Workbook()
    ranges = _lists_sheet(wb, kb, lang)
    _clusters_sheet(wb, kb, lang, ranges)
    _instructions_sheet(wb, lang)
    _questions_sheet(wb, kb, lang)
    wb.move_sheet(s("sheet_lists", lang), offset=3)   # the hidden lists last
    save_atomically(wb, path)


def csv_text(kb: KnowledgeBase, lang: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header(kb, lang) for c in cols.columns(kb)])
    writer.writerow([c.id for c in cols.columns(kb)])
    return "\ufeff" + out.getvalue()


def write(kb: KnowledgeBase, path: Path, lang: str, fmt: str | None = None) -> None:
    """Write the template as xlsx or csv (by ``fmt``, else by the file's suffix)."""
    fmt = fmt or ("csv" if Path(path).suffix.lower() == ".csv" else "xlsx")
    if fmt == "csv":
        Path(path).write_text(csv_text(kb, lang), encoding="utf-8", newline="")
    else:
        write_workbook(kb, Path(path), lang)
