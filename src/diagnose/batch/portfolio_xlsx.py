"""The portfolio as an xlsx workbook: the same tables as the HTML page, one sheet each, with frozen
headers and filters, the problem matrix coloured as a heat map.

It lives in batch/ rather than output/ so that openpyxl stays in one package (the template, the
reader and this writer); the words come from output/portfolio.py's ``tables()`` like the page's.
Written in openpyxl's write-only mode, row by row. Text is stored as text, never as a formula,
and characters a workbook cannot hold (control characters) are dropped.
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..kb.knowledge import KnowledgeBase
from ..output.portfolio import MARKS, tables
from .template import save_atomically

_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
# the heat map is conditional formatting on the matrix: it follows the marks when a user sorts or edits
_MARK_STYLES = {MARKS["observed"]: ("C0392B", "FFFFFF"), MARKS["probable"]: ("F3C27B", "5A3A00")}
_WIDTHS = {"summary": [8, 30, 24, 36, 36, 60, 30], "shared": [34, 9, 12, 80], "actors": [28, 40, 9, 80],
           "errors": [30, 14, 7, 24, 70]}
_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})


def _cell(sheet, value, **style):
    """A value as written: plain values go as they are (fast); styled ones and text that starts with
    "=" (which openpyxl would write as a formula) become cells of their own."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value) or None    # an empty cell is not written at all
        if value is None or (not style and not value.startswith("=")):
            return value
    elif not style:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"      # text stays text
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def write(kb: KnowledgeBase, portfolio, path: Path, lang: str) -> None:
    wb = Workbook(write_only=True)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for table in tables(kb, portfolio, lang):
        sheet = wb.create_sheet(table.title.translate(_BAD_SHEET_CHARS)[:31])
        widths = _WIDTHS.get(table.key) or [8, 30] + [5] * (len(table.headers) - 2)
        for n, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(n)].width = width
        sheet.freeze_panes = f"{get_column_letter(table.frozen_columns + 1)}2"
        if table.key == "matrix":
            sheet.row_dimensions[1].height = 160
            header_align = Alignment(text_rotation=90, vertical="bottom", horizontal="center")
        else:
            header_align = wrap
        sheet.append([_cell(sheet, h, font=bold, fill=_HEADER_FILL, alignment=header_align) for h in table.headers])
        for i, row in enumerate(table.rows):
            cells = [_cell(sheet, value) for value in row]
            link = table.links[i] if table.links else None
            if link:                               # the cluster's name opens its report
                cells[1] = _cell(sheet, row[1], hyperlink=link)
            sheet.append(cells)
        last = f"{get_column_letter(len(table.headers))}{len(table.rows) + 1}"
        sheet.auto_filter.ref = f"A1:{last}"
        if table.key == "matrix" and len(table.headers) > 2:
            for mark, (fill, font) in _MARK_STYLES.items():
                sheet.conditional_formatting.add(f"C2:{last}", CellIsRule(
                    operator="equal", formula=[f'"{mark}"'], font=Font(color=font),
                    fill=PatternFill(start_color=fill, end_color=fill, fill_type="solid")))
    save_atomically(wb, path)
