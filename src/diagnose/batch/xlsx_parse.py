"""The cells of one sheet of a read-only workbook, parsed by openpyxl's own sheet parser, faster.

openpyxl writes text as inline strings (``<c t="inlineStr"><is><t>..</t></is></c>``), and its parser
reads each one through its generic rich-text model: half of the time it takes to read a workbook
openpyxl wrote (the template, filled by a script). ``_Parser`` hands it the same text as a plain
string cell instead, which it reads like any other; everything else (shared strings, numbers,
dates, booleans, formulas, errors) stays openpyxl's. Rows come as openpyxl's parser gives them
(row number, cells as dicts), without the padding to a full rectangle of cell objects that
``iter_rows`` adds. Private parts of openpyxl are used here and only here (pinned to 3.1 in
pyproject.toml); tests/test_batch.py reads workbooks saved by openpyxl and by LibreOffice.
"""
from __future__ import annotations

from typing import Iterator
from xml.etree.ElementTree import SubElement

from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

_INLINE, _TEXT, _RUN, _VALUE = (f"{{{SHEET_MAIN_NS}}}{tag}" for tag in ("is", "t", "r", "v"))


class _Parser(WorkSheetParser):
    def parse_cell(self, element):
        if element.get("t") == "inlineStr":
            inline = element.find(_INLINE)
            if inline is not None:
                # the plain text and the text of each formatted run, as openpyxl's Text.content joins them
                text = (inline.findtext(_TEXT) or "") + "".join(run.findtext(_TEXT) or "" for run in inline.findall(_RUN))
                element.remove(inline)
                element.set("t", "str")
                SubElement(element, _VALUE).text = text
        return super().parse_cell(element)


def parsed_rows(sheet) -> Iterator[tuple[int, list[dict]]]:
    """(row number, [{'column', 'value', 'data_type', ...}, ...]) for each row the sheet's XML holds."""
    book = sheet.parent
    with sheet._get_source() as source:
        parser = _Parser(source, sheet._shared_strings, data_only=book.data_only, epoch=book.epoch,
                         date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        yield from parser.parse()
