"""Helpers of the portfolio tests: fill a template as a spreadsheet program would, read it back."""
import hashlib
from pathlib import Path

from openpyxl import load_workbook

from diagnose.batch import columns as cols
from diagnose.batch import rows
from diagnose.kb.profile import Profile


def fill(kb, path: Path, profiles: list[Profile], lang: str, start_row: int = 3) -> dict[str, int]:
    """Write profiles into a template's cluster sheet with the drop-down words; returns id -> column."""
    wb = load_workbook(path)
    sheet = wb.worksheets[0]
    column = {c.value: c.column for c in sheet[2]}
    for r, p in enumerate(profiles, start=start_row):
        sheet.cell(row=r, column=column["name"], value=p.name).data_type = "s"   # text, even "=..."
        if p.notes:
            sheet.cell(row=r, column=column["notes"], value=p.notes)
        for qid, value in p.known().items():
            sheet.cell(row=r, column=column[qid], value=cols.to_cell(kb.questions[qid], value, lang))
    wb.save(path)
    return column


def read_all(kb, paths, lang="en"):
    items = list(rows.read(kb, rows.expand(paths), lang))
    good = [i for i in items if isinstance(i, rows.ClusterRow)]
    bad = [i for i in items if isinstance(i, rows.BadRow)]
    return good, bad


def digest(path: Path) -> tuple[str, float]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime
