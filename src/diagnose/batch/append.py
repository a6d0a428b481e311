"""Add one profile to a workbook as a new row: the questionnaire's "add to workbook".

The row goes under the last row of the first cluster sheet, each answer in its question's column,
written as the template's drop-down writes it (in the given language). A workbook that does not
exist yet is created from the template first. The workbook is saved through a temporary file and
a rename, so an interrupted save leaves the old workbook whole.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ..inputs.loading import InputError
from ..kb.knowledge import KnowledgeBase
from ..kb.profile import Profile
from . import columns as cols
from . import template
from .rows import TEMPLATE_SHEETS, header_block, RowReader
from .sheets import xlsx_rows


def add_to_workbook(kb: KnowledgeBase, profile: Profile, path: Path, lang: str) -> int:
    """Append ``profile`` to the workbook at ``path`` (created if missing); returns the new row's number."""
    path = Path(path)
    if not path.exists():
        template.write_workbook(kb, path, lang)
    try:
        workbook = load_workbook(path)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(path, "", "not_a_workbook", kind=exc.__class__.__name__) from None
    reader, index = RowReader(kb, lang, {}), cols.header_index(kb)
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible" or sheet.title in TEMPLATE_SHEETS:
            continue
        header, _ = header_block(reader, xlsx_rows(sheet, []), index)
        if header:
            break
    else:
        raise InputError(path, "", "no_cluster_sheet")
    row = 1 + max((n for n, values in enumerate(sheet.iter_rows(values_only=True), start=1)
                   if any(v not in (None, "") for v in values)), default=0)
    values = {cols.NAME: profile.name, cols.NOTES: profile.notes}
    for qid, answer in profile.known().items():
        values[qid] = cols.to_cell(kb.questions[qid], answer, lang)
    for column, spec in header.items():
        value = values.get(spec.id) if spec.id and not spec.duplicate_of else None
        if value is not None:
            cell = sheet.cell(row=row, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"      # a name that starts with "=" stays a name
    template.save_atomically(workbook, path)
    return row
