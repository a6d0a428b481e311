"""From spreadsheet rows and profile files to profiles, one cluster at a time, bad rows reported.

A cluster sheet has one or more header rows (the template writes the questions' text, then their
ids), found among its first rows; every later row with content is one cluster. A row becomes a
profile through the profile's own validation (``kb.profile.validate_profile``) once its cells
have been read as answers (``columns.to_answer``). A row that cannot be read is a ``BadRow``
naming the file, sheet, row and column and the reason, in the user's language; the other rows
go on. Rows before the header (a title) are not clusters; empty rows are skipped.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from ..inputs.loading import InputError
from ..kb.knowledge import KnowledgeBase
from ..kb.profile import Profile, load_profile, validate_profile
from ..output.i18n import error_detail, error_reason
from ..output.portfolio_strings import WORDS, s
from . import columns as cols
from .columns import shown
from .sheets import (CSV_SUFFIXES, ERROR, FORMULA, WORKBOOK_SUFFIXES, Cell, Row, Sheet, column_letter, csv_sheet,
                     workbook_sheets)

HEADER_SEARCH_ROWS = 5
PROFILE_SUFFIXES = (".yaml", ".yml", ".json")
# The template's own sheets that hold no clusters, by name in either language.
TEMPLATE_SHEETS = {WORDS[key][lang] for key in ("sheet_instructions", "sheet_questions", "sheet_lists")
                    for lang in ("zh", "en")}


@dataclass(frozen=True)
class Place:
    """Where a cluster came from: a file, and for spreadsheets the sheet and row."""
    source: str
    sheet: Optional[str] = None
    row: Optional[int] = None

    def describe(self, lang: str) -> str:
        if self.row is None:
            return s("where_sheet_only", lang, source=self.source, sheet=shown(self.sheet)) if self.sheet else self.source
        if self.sheet is None:
            return s("where_file", lang, source=self.source, row=self.row)
        return s("where_sheet", lang, source=self.source, sheet=shown(self.sheet), row=self.row)


@dataclass(frozen=True)
class Problem:
    """One reason a row could not be read: the column (letter and header) when one is to blame."""
    place: Place
    reason: str
    column: Optional[str] = None
    header: Optional[str] = None

    def line(self, lang: str) -> str:
        where = self.place.describe(lang)
        if self.column:
            sep = "，" if lang == "zh" else ", "
            where += sep + (s("where_column", lang, column=self.column, header=shown(self.header)) if self.header
                            else s("where_column_only", lang, column=self.column))
        colon = "：" if lang == "zh" else ": "
        return " ".join(f"{where}{colon}{self.reason}".split())


@dataclass
class ClusterRow:
    place: Place
    profile: Profile


@dataclass
class BadRow:
    place: Place
    problems: list[Problem]


@dataclass(frozen=True)
class _Column:
    id: Optional[str]          # None: not a question (unknown header, or no header)
    letter: str
    header: Optional[str]
    duplicate_of: Optional[str] = None


class RowReader:
    """Reads the rows of one sheet once its header block is known."""

    def __init__(self, kb: KnowledgeBase, lang: str, choices: dict):
        self.kb, self.lang, self.choices = kb, lang, choices

    def header_of(self, row: Row, index: dict[str, str]) -> Optional[dict[int, _Column]]:
        texts = {c.column: c.value for c in row.cells}
        known = {col: index.get(cols.fold(v)) for col, v in texts.items() if isinstance(v, str)}
        hits = sum(1 for v in known.values() if v)
        if hits == 0 or hits * 2 < len(texts):
            return None
        return {col: _Column(known.get(col), column_letter(col), str(texts[col])) for col in texts}

    def cluster(self, row: Row, place: Place, header: dict[int, _Column]) -> Union[ClusterRow, BadRow]:
        """One data row as a profile, or every reason it cannot be one."""
        problems, data = [], {}
        if row.merged:
            problems.append(Problem(place, s("bad_merged", self.lang, range=", ".join(row.merged))))
        for cell in row.cells:
            column = header.get(cell.column)
            try:
                data[column.id] = self._value(cell, column)
            except cols.CellError as exc:
                # a question's column is named by its id, other columns by their header text
                label = (column.id or column.header) if column else None
                problems.append(Problem(place, exc.reason, cell.letter, label))
        if cols.NAME not in data and not problems:
            name_letter = next((c.letter for c in header.values() if c.id == cols.NAME), None)
            problems.append(Problem(place, s("bad_no_name", self.lang), name_letter, s("col_name", self.lang)))
        if problems:
            return BadRow(place, problems)
        try:
            return ClusterRow(place, validate_profile(self.kb, data, path=place.source))
        except InputError as exc:   # the profile's own rules have the last word
            return BadRow(place, [Problem(place, error_reason(exc, self.lang))])

    def _value(self, cell: Cell, column: Optional[_Column]):
        """The cell's value for its column (an answer, a name or notes); raises CellError."""
        lang = self.lang
        if column is None:
            raise cols.CellError(s("bad_no_header", lang))
        if column.duplicate_of:
            raise cols.CellError(s("bad_duplicate_column", lang, other=column.duplicate_of))
        if column.id is None:
            raise cols.CellError(s("bad_unknown_column", lang))
        if cell.kind == FORMULA:
            raise cols.CellError(s("bad_formula", lang, value=shown(cell.value)))
        if cell.kind == ERROR:
            raise cols.CellError(s("bad_error_value", lang, value=shown(cell.value)))
        if column.id not in (cols.NAME, cols.NOTES):
            return cols.to_answer(self.kb.questions[column.id], cell.value, lang, self.choices.get(column.id))
        value = cell.value
        if isinstance(value, bool):
            raise cols.CellError(s("bad_text", lang))
        if isinstance(value, float) and value.is_integer():
            value = int(value)     # a numeric code typed as a name
        text = str(value)
        if column.id == cols.NAME and len(text) > cols.NAME_MAX:
            raise cols.CellError(s("bad_name_length", lang, max=cols.NAME_MAX))
        return text


def header_block(reader: RowReader, rows: Iterator[Row], index: dict[str, str]) -> tuple[Optional[dict], list[Row]]:
    """The merged header of the first run of header rows, and the rows read past it (data)."""
    seen: list[Row] = []
    header: Optional[dict[int, _Column]] = None
    for row in rows:
        found = reader.header_of(row, index)
        if header is None:
            if found is None:
                seen.append(row)
                if len(seen) >= HEADER_SEARCH_ROWS:
                    return None, seen
                continue
            header = found
        elif found is None:
            return _mark_duplicates(header), [row]
        else:   # a second header row (the ids under the texts): it names the columns
            header = {**header, **{c: col for c, col in found.items() if col.id or c not in header}}
    return (_mark_duplicates(header) if header else None), ([] if header else seen)


def _mark_duplicates(header: dict[int, _Column]) -> dict[int, _Column]:
    first: dict[str, str] = {}
    out = {}
    for col in sorted(header):
        column = header[col]
        if column.id and column.id in first:
            column = _Column(column.id, column.letter, column.header, duplicate_of=first[column.id])
        elif column.id:
            first[column.id] = column.letter
        out[col] = column
    return out


def _sheet_clusters(reader: RowReader, sheet: Sheet, index: dict) -> Iterator[Union[ClusterRow, BadRow]]:
    source = str(sheet.source)
    header, pending = header_block(reader, sheet.rows, index)
    if header is None:
        if pending:
            place = Place(source, sheet.name)
            reason = s("bad_sheet_header" if sheet.name is not None else "bad_csv_header", reader.lang,
                       rows=HEADER_SEARCH_ROWS)
            yield BadRow(place, [Problem(place, reason)])
        return
    for row in _chain(pending, sheet.rows):
        yield reader.cluster(row, Place(source, sheet.name, row.number), header)


def _chain(first: list[Row], rest: Iterator[Row]) -> Iterator[Row]:
    yield from first
    yield from rest


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """The files to read, in order: folders give their profile files, sorted by name.

    Raises InputError (exit 2, before any work) for a missing path or a kind of file not read here."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in PROFILE_SUFFIXES))
            continue
        suffix = path.suffix.lower()
        if not path.exists() and not (suffix == "" and "/" not in str(raw)):
            raise InputError(path, "", "no_such_file_or_folder")
        if suffix in (".xls", ".ods", ".et"):
            raise InputError(path, "", "sheet_format_not_read", suffix=suffix)
        if path.exists() and suffix not in WORKBOOK_SUFFIXES + CSV_SUFFIXES + PROFILE_SUFFIXES:
            raise InputError(path, "", "not_a_batch_input")
        out.append(path)
    return out


def read(kb: KnowledgeBase, files: list[Path], lang: str) -> Iterator[Union[ClusterRow, BadRow]]:
    """Every cluster of the inputs, in order, as a ClusterRow or a BadRow."""
    reader = RowReader(kb, lang, cols.choice_indexes(kb))
    index = cols.header_index(kb)
    for path in files:
        suffix = path.suffix.lower()
        if suffix in WORKBOOK_SUFFIXES:
            for sheet in workbook_sheets(path):
                if sheet.name not in TEMPLATE_SHEETS:
                    yield from _sheet_clusters(reader, sheet, index)
        elif suffix in CSV_SUFFIXES:
            yield from _sheet_clusters(reader, csv_sheet(path), index)
        else:   # a profile or case file, or a bundled case's id
            place = Place(str(path))
            try:
                yield ClusterRow(place, load_profile(kb, path))
            except InputError as exc:
                yield BadRow(place, [Problem(place, error_detail(exc, reader.lang))])


def size_hint(files: list[Path]) -> Optional[int]:
    """About how many clusters the inputs hold (for the progress bar's total and ETA)."""
    total = 0
    for path in files:
        suffix = path.suffix.lower()
        if suffix in WORKBOOK_SUFFIXES:
            total += sum(max((sheet.size_hint or 0) - 2, 0) for sheet in workbook_sheets(path, rows=False)
                         if sheet.name not in TEMPLATE_SHEETS)
        elif suffix in CSV_SUFFIXES:
            total += max(csv_sheet(path).size_hint - 2, 0)
        else:
            total += 1
    return total or None
