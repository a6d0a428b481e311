"""Spreadsheets as streams of rows: xlsx workbooks (openpyxl, read-only) and CSV files.

Nothing is held but the row being read, so memory does not grow with the number of rows; the
files are opened for reading only and never written. A cell comes with what the reader needs to
judge it: its value, whether it holds a formula or an error value (formulas are never evaluated:
the formula itself is what a reader reports), and the merged ranges that cover its row.
"""
from __future__ import annotations

import codecs
import csv
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from ..inputs.loading import InputError
from .xlsx_parse import parsed_rows

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
FORMULA, ERROR, VALUE = "formula", "error", "value"


@dataclass
class Cell:
    column: int            # 1-based
    value: Any             # a non-empty value: str (trimmed), int, float, bool, date...
    kind: str = VALUE      # VALUE, FORMULA or ERROR

    @property
    def letter(self) -> str:
        return column_letter(self.column)


def column_letter(column: int) -> str:
    """A, B, ... Z, AA, ...: how a spreadsheet names a column (CSV files too)."""
    return get_column_letter(column)


@dataclass
class Row:
    number: int                       # the row number the spreadsheet shows
    cells: list[Cell]                 # its non-empty cells, left to right
    merged: list[str] = field(default_factory=list)   # merged ranges that touch this row ("B5:C5")


@dataclass
class Sheet:
    source: Path
    name: Optional[str]               # None for a CSV file
    rows: Iterator[Row]               # every row with content, in order (empty rows are skipped)
    size_hint: Optional[int] = None   # the number of rows the file declares, for progress


def _cell_value(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _merged_ranges(sheet) -> list[tuple[int, int, str]]:
    """(first row, last row, "A1:B2") of each merged range, found by scanning the sheet's XML.

    The merge list comes after the cells in the file, so a streaming reader learns of it only at
    the end; a first pass over the (compressed) XML with a regular expression is cheap."""
    pattern = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')
    found, tail = [], b""
    with sheet._get_source() as source:   # openpyxl's own stream of the sheet's XML (read-only mode)
        while chunk := source.read(1 << 16):
            data = tail + chunk
            last_end = 0
            for match in pattern.finditer(data):
                found.append(match.group(1).decode())
                last_end = match.end()
            tail = data[max(last_end, len(data) - 512):]
    out = []
    for ref in dict.fromkeys(found):
        _, min_row, _, max_row = range_boundaries(ref)
        out.append((min_row, max_row, ref))
    return out


def _row(number: int, cells: Iterator[tuple[int, Any, str]], merged: list[tuple[int, int, str]]) -> Optional[Row]:
    """A row from its (column, value, openpyxl data type) cells; None if empty and not merged."""
    found = []
    for column, raw, data_type in cells:
        value = _cell_value(raw)
        if value is not None:
            found.append(Cell(column, value, FORMULA if data_type == "f" else ERROR if data_type == "e" else VALUE))
    touching = [ref for first, last, ref in merged if first <= number <= last]
    return Row(number, found, touching) if found or touching else None


def xlsx_rows(sheet, merged: list[tuple[int, int, str]]) -> Iterator[Row]:
    """The rows of any worksheet (an editable one too), through openpyxl's ``iter_rows``."""
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        row = _row(number, ((c.column, c.value, c.data_type) for c in cells if c.value is not None), merged)
        if row:
            yield row


def streamed_rows(sheet, merged: list[tuple[int, int, str]]) -> Iterator[Row]:
    """The rows of a read-only worksheet, straight from its parser (xlsx_parse.py): the same rows as
    ``xlsx_rows``, in less time."""
    previous = 0
    for number, cells in parsed_rows(sheet):
        if number <= previous:
            continue   # a row written twice or out of order: openpyxl's reader skips it too
        # rows the file leaves out are empty, but a merged range may still cover them
        covered = {n for first, last, _ in merged for n in range(max(first, previous + 1), min(last, number - 1) + 1)}
        for missing in sorted(covered):
            yield _row(missing, iter(()), merged)
        previous = number
        row = _row(number, ((c["column"], c["value"], c["data_type"]) for c in cells), merged)
        if row:
            yield row


def open_workbook(path: Path):
    """Open a workbook for streaming, or raise InputError with the reason in one line."""
    try:
        # read_only streams the sheets; data_only=False keeps formulas visible as formulas
        return load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(path, "", "not_a_workbook_save", kind=exc.__class__.__name__) from None


def workbook_sheets(path: Path, rows: bool = True) -> Iterator[Sheet]:
    """The visible sheets of a workbook; with ``rows=False`` only their names and declared sizes."""
    workbook = open_workbook(path)
    try:
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible" or not hasattr(sheet, "iter_rows"):
                continue   # hidden sheets (the template's lists) and chart sheets hold no clusters
            size_hint = sheet.max_row
            if not rows:
                yield Sheet(path, sheet.title, iter(()), size_hint)
                continue
            merged = _merged_ranges(sheet)
            yield Sheet(path, sheet.title, streamed_rows(sheet, merged), size_hint)   # every row there is
    finally:
        workbook.close()


def _csv_encoding(path: Path) -> str:
    """UTF-8 (with or without a BOM), else GB18030 (what Chinese Excel and WPS save as "CSV")."""
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as f:
                while chunk := f.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    raise InputError(path, "", "csv_encoding")


def _count_lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def csv_sheet(path: Path) -> Sheet:
    if not path.is_file():
        raise InputError(path, "", "no_such_file")
    encoding = _csv_encoding(path)

    def rows() -> Iterator[Row]:
        with path.open(encoding=encoding, newline="") as f:
            sample = f.read(8192)
            f.seek(0)
            try:
                dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
            except csv.Error:
                dialect = csv.excel
            # a record's number is the row number a spreadsheet shows (a quoted cell may span lines)
            for number, record in enumerate(csv.reader(f, dialect), start=1):
                cells = [Cell(i, v) for i, v in enumerate((_cell_value(x) for x in record), start=1) if v is not None]
                if cells:
                    yield Row(number, cells)
    return Sheet(path, None, rows(), _count_lines(path))
