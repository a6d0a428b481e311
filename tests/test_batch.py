"""The portfolio's inputs (issue 14): the template, reading workbooks/CSV/profiles as streams, bad rows.

Fixtures are generated here: the template is written, then filled with openpyxl as a user's
spreadsheet program would (the drop-down's words), never copied from a stored file.
"""
import csv
import json
import re
import shutil
import subprocess
import tracemalloc
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from batch_helpers import digest, fill, read_all
from diagnose.batch import columns as cols
from diagnose.batch import portfolio as pf
from diagnose.batch import rows, template
from diagnose.cli import main
from diagnose.inference.bulk import diagnose_many
from diagnose.inference.diagnosis import diagnose
from diagnose.kb.profile import Profile, load_profile
from diagnose.output.render import to_json


def as_json(d) -> str:
    return to_json(d)


@pytest.fixture(scope="module")
def case_profiles(kb, case_paths):
    return [load_profile(kb, p) for p in case_paths]


@pytest.fixture(scope="module")
def filled_zh(kb, case_profiles, tmp_path_factory):
    path = tmp_path_factory.mktemp("filled") / "clusters.xlsx"
    template.write(kb, path, "zh")
    fill(kb, path, case_profiles, "zh")
    return path


# ------------------------------------------------------------------ the template

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_has_headers_ids_dropdowns_and_explanations(kb, tmp_path, lang):
    path = tmp_path / "t.xlsx"
    assert main(["template", "-o", str(path), "--lang", lang]) == 0
    wb = load_workbook(path)
    names = [ws.title for ws in wb.worksheets]
    assert names[0] == ("集群" if lang == "zh" else "Clusters")
    sheet, lists = wb.worksheets[0], wb.worksheets[-1]
    assert lists.sheet_state == "hidden"
    questions = list(kb.questions.values())
    assert [c.value for c in sheet[2]] == ["name"] + [q.id for q in questions] + ["notes"]
    assert sheet.cell(row=1, column=2).value == questions[0].text(lang)
    assert sheet.freeze_panes == "B3"
    validations = sheet.data_validations.dataValidation
    assert len(validations) == len(questions)
    yes_no = next(v for v in validations if "B3" in str(v.sqref))
    ref = yes_no.formula1.split("!")[1].replace("$", "")
    listed = [c.value for row in lists[ref] for c in row]
    assert listed == (["是", "否", "不详"] if lang == "zh" else ["yes", "no", "unknown"])
    explained = wb.worksheets[2]
    assert explained.max_row == len(questions) + 1
    assert {explained.cell(row=r, column=7).value for r in range(2, explained.max_row + 1)} <= set(kb.paragraphs)


def test_csv_template_has_the_two_header_rows(kb, tmp_path):
    path = tmp_path / "t.csv"
    assert main(["template", "-o", str(path), "--lang", "zh"]) == 0
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    header, ids = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert ids == ["name"] + list(kb.questions) + ["notes"] and header[0] == "集群名称"
    assert read_all(kb, [path]) == ([], [])


# ------------------------------------------------------------------ round trip: every bundled case

def test_every_case_filled_in_the_template_diagnoses_as_assess(kb, case_profiles, filled_zh):
    good, bad = read_all(kb, [filled_zh], "zh")
    assert bad == [] and len(good) == len(case_profiles)
    assert [g.place.row for g in good] == list(range(3, 3 + len(case_profiles)))
    for row, profile in zip(good, case_profiles):
        assert row.profile.answers == profile.answers and row.profile.name == profile.name
    batch = list(diagnose_many(kb, [g.profile for g in good]))
    for d, profile in zip(batch, case_profiles):
        assert as_json(d) == as_json(diagnose(kb, profile)), profile.name


def test_batch_cli_writes_profiles_that_assess_reads_back(kb, case_paths, filled_zh, tmp_path, capsys):
    before = digest(filled_zh)
    out, profiles = tmp_path / "portfolio.json", tmp_path / "profiles"
    assert main(["batch", str(filled_zh), "-o", str(out), "--profiles", str(profiles), "--quiet"]) == 0
    assert digest(filled_zh) == before                       # nothing in the input changed
    written = sorted(profiles.glob("*.yaml"))
    assert len(written) == len(case_paths)
    for path, case in zip(written, case_paths):
        assert main(["assess", str(path), "--format", "json"]) == 0
        from_row = json.loads(capsys.readouterr().out)
        assert main(["assess", str(case), "--format", "json"]) == 0
        assert from_row == json.loads(capsys.readouterr().out), case.stem
    portfolio = pf.Portfolio.model_validate_json(out.read_text(encoding="utf-8"))
    by_index = {c.index: c for c in portfolio.clusters}
    for index, case in enumerate(case_paths, start=1):
        profile = load_profile(kb, case)
        expected = pf.summarise(kb, diagnose(kb, profile), index, profile.name, str(filled_zh), "集群", index + 2)
        assert by_index[index].model_dump(exclude={"rank"}) == expected.model_dump(exclude={"rank"})


def test_answers_in_the_other_language_and_choice_ids_read_the_same(kb, case_profiles, tmp_path):
    """An English template filled with Chinese words, choice ids and synonyms gives the same profiles."""
    path = tmp_path / "mixed.xlsx"
    template.write(kb, path, "en")
    column = fill(kb, path, case_profiles, "zh")       # Chinese words in an English workbook
    wb = load_workbook(path)
    sheet = wb.worksheets[0]
    for r, p in enumerate(case_profiles, start=3):
        for qid, value in p.known().items():
            q = kb.questions[qid]
            if q.kind == "one_of":
                sheet.cell(row=r, column=column[qid], value=f"  {value.upper()} ")   # the id, loosely typed
            elif q.kind == "yes_no" and r % 2:
                sheet.cell(row=r, column=column[qid], value=value)                   # Excel's TRUE / FALSE
            elif q.kind == "number":
                sheet.cell(row=r, column=column[qid], value=f"{value:,}")           # "1,260" as text
    wb.save(path)
    good, bad = read_all(kb, [path])
    assert bad == []
    assert [g.profile.answers for g in good] == [p.answers for p in case_profiles]


# ------------------------------------------------------------------ bad rows

def _bad_workbook(kb, path: Path, profiles: list[Profile]) -> dict[int, str]:
    """A template with good rows and one bad row of each kind; returns bad row -> what is wrong."""
    template.write(kb, path, "en")
    column = fill(kb, path, profiles, "en")
    wb = load_workbook(path)
    sheet = wb.worksheets[0]
    extra = sheet.max_column + 1
    sheet.cell(row=1, column=extra, value="Does the cluster have a mascot?")      # an unknown column
    q = column["household_workshops"]
    bad = {}

    def row(n: int, what: str, **cells):
        sheet.cell(row=n, column=column["name"], value=f"bad {what}")
        for col, value in cells.items():
            sheet.cell(row=n, column=column.get(col, extra), value=value)
        bad[n] = what
    row(20, "value", household_workshops="perhaps")
    row(21, "column", mascot="yes")
    row(22, "formula", household_workshops="=IF(1,\"yes\",\"no\")")
    row(23, "error", household_workshops="#N/A")
    row(24, "number", firm_count="many")
    row(25, "merged", household_workshops="yes")
    sheet.merge_cells(start_row=25, start_column=q, end_row=25, end_column=q + 1)
    sheet.cell(row=26, column=q, value="no")                                    # no name
    bad[26] = "name"
    # rows 27-29 stay empty; a good row follows them
    sheet.cell(row=30, column=column["name"], value="<b>after the gap</b> =cmd|' /C calc'!A0")
    sheet.cell(row=30, column=q, value="是")
    wb.save(path)
    return bad


def test_bad_rows_are_reported_with_sheet_row_column_and_the_rest_run(kb, case_profiles, tmp_path, cli):
    path, out = tmp_path / "bad.xlsx", tmp_path / "p.json"
    bad = _bad_workbook(kb, path, case_profiles[:5])
    before = digest(path)
    result = cli("batch", path, "-o", out)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ": sheet Clusters, row " in ln]
    assert {int(re.search(r"row (\d+)", ln).group(1)) for ln in lines} == set(bad)
    by_row = {int(re.search(r"row (\d+)", ln).group(1)): ln for ln in lines}
    assert "column " in by_row[20] and "'perhaps' is not an allowed answer" in by_row[20]
    assert "not a question of the questionnaire" in by_row[21]
    assert "is a formula (=IF(" in by_row[22]
    assert "error value (#N/A)" in by_row[23]
    assert "'many' is not a number" in by_row[24] and "(firm_count)" in by_row[24]
    assert "are merged" in by_row[25] and "cluster name is empty" in by_row[26]
    assert "7 rows had errors" in result.stderr
    assert digest(path) == before
    portfolio = pf.Portfolio.model_validate_json(out.read_text(encoding="utf-8"))
    assert len(portfolio.clusters) == 6                     # five cases and the row after the gap
    assert {(e.sheet, e.row) for e in portfolio.errors} == {("Clusters", n) for n in bad}


def test_a_50000_row_sheet_reports_its_bad_row_and_runs_the_rest(kb, tmp_path, cli):
    """Formatted but empty rows down to 50,000 (as whole-column formatting leaves), a few clusters among them."""
    from openpyxl.styles import PatternFill
    path = tmp_path / "big.xlsx"
    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("Towns")
    sheet.append(["name", "household_workshops", "major_fire_reported"])
    fill_ = PatternFill("solid", fgColor="FFFFCC")
    for n in range(2, 50_002):
        if n % 10_000 == 0:
            sheet.append([f"town {n}", "yes", "yes"])
        elif n == 49_999:
            sheet.append([f"town {n}", "sometimes"])
        else:
            sheet.append([_styled(sheet, fill_) for _ in range(3)])
    wb.save(path)
    result = cli("batch", path, "-o", tmp_path / "p.json", "--quiet")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"{path}: sheet Towns, row 49999, column B (household_workshops): 'sometimes' is not an allowed answer; "
        "allowed: yes | no | unknown"]
    portfolio = pf.Portfolio.model_validate_json((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert sorted(c.row for c in portfolio.clusters) == [10_000, 20_000, 30_000, 40_000, 50_000]
    assert all(p.id == "fire_risk" for c in portfolio.clusters for p in c.problems[:1])


def _styled(sheet, fill):
    from openpyxl.cell import WriteOnlyCell
    cell = WriteOnlyCell(sheet, value=None)
    cell.fill = fill
    return cell


def test_reading_is_a_stream_memory_does_not_grow_with_rows(kb, tmp_path):
    def sheet_of(n: int) -> Path:
        path = tmp_path / f"rows-{n}.xlsx"
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("C")
        ws.append(["name", "household_workshops", "same_products_concentrated", "firm_count"])
        for i in range(n):
            ws.append([f"cluster {i}", "yes" if i % 2 else "否", "unknown", i % 900 + 1])
        wb.save(path)
        return path

    def peak(path: Path) -> tuple[int, int]:
        tracemalloc.start()
        count = sum(1 for item in rows.read(kb, [path], "en") if isinstance(item, rows.ClusterRow))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return count, peak
    small, large = peak(sheet_of(2_000)), peak(sheet_of(12_000))
    assert small[0] == 2_000 and large[0] == 12_000
    # openpyxl's parser keeps each cleared row element (~100 bytes) attached to the sheet element until
    # the sheet ends; nothing else grows: far below a row's own content, let alone a portfolio entry
    per_row = (large[1] - small[1]) / 10_000
    assert per_row < 200, (small, large)


def test_csv_in_utf8_or_gb18030_with_bad_rows(kb, case_profiles, tmp_path, cli):
    headers = ["name"] + list(kb.questions)
    lines = [headers]
    for p in case_profiles[:3]:
        lines.append([p.name] + [cols.to_cell(kb.questions[q], p.answers[q], "zh") or "" for q in kb.questions])
    lines.append(["line\nbreak", "perhaps"])
    lines.append(["terminal", "\x1b]0;pwned\x07\x1b[31m"])            # escape sequences in a cell
    for encoding in ("utf-8-sig", "gb18030"):
        path = tmp_path / f"c-{encoding}.csv"
        with path.open("w", encoding=encoding, newline="") as f:
            csv.writer(f, delimiter=";").writerows(lines)
        good, bad = read_all(kb, [path], "en")
        assert [g.profile.answers for g in good] == [p.answers for p in case_profiles[:3]]
        assert [b.place.row for b in bad] == [5, 6]
        assert bad[0].problems[0].line("en").startswith(f"{path}: row 5, column B (dominant_lead_firm): 'perhaps'")
        shown = bad[1].problems[0].line("en")
        assert "\x1b" not in shown and "\x07" not in shown and "?]0;pwned??[31m" in shown


def test_folder_of_profiles_with_a_broken_one(kb, case_paths, tmp_path, cli):
    folder = tmp_path / "profiles"
    folder.mkdir()
    for case in case_paths[:3]:
        shutil.copy(case, folder / case.name)
    (folder / "broken.yaml").write_text("name: x\nhousehold_workshops: perhaps\n", encoding="utf-8")
    result = cli("batch", folder, "--format", "json")
    assert result.returncode == 1
    assert "broken.yaml" in result.stderr and "household_workshops" in result.stderr
    assert len(json.loads(result.stdout)["clusters"]) == 3


def test_unreadable_inputs_and_overwriting_an_input_are_refused(kb, filled_zh, tmp_path, cli):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a zip", encoding="utf-8")
    for args in ([fake], [tmp_path / "missing.xlsx"], [filled_zh, "-o", filled_zh], [tmp_path / "old.xls"],
                 ["K-19", "--profiles", fake / "under-a-file"], ["K-19", "-o", tmp_path / "no" / "such" / "p.html"]):
        result = cli("batch", *args)
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_a_sheet_saved_by_libreoffice_reads_the_same(kb, case_profiles, filled_zh, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui to run this test")
    profile_dir = f"file://{tmp_path}/lo-profile"
    for target, source in (("ods", filled_zh), ("xlsx", tmp_path / "clusters.ods")):
        subprocess.run([soffice, f"-env:UserInstallation={profile_dir}", "--headless", "--convert-to", target,
                        "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    saved = tmp_path / "clusters.xlsx"
    assert saved.exists() and saved.read_bytes() != filled_zh.read_bytes()
    good, bad = read_all(kb, [saved], "zh")
    assert bad == [] and [g.profile.answers for g in good] == [p.answers for p in case_profiles]


def test_a_sheet_without_a_header_of_questions_is_reported_not_dropped(kb, tmp_path):
    path = tmp_path / "two-sheets.xlsx"
    wb = Workbook()
    wb.active.title = "Notes"
    for i in range(7):
        wb.active.append([f"meeting {i}", "to do"])
    clusters = wb.create_sheet("Towns")
    clusters.append(["name", "household_workshops"])
    clusters.append(["Liushi", "是"])
    wb.save(path)
    good, bad = read_all(kb, [path])
    assert [g.profile.name for g in good] == ["Liushi"]
    assert [p.line("en") for b in bad for p in b.problems] == [
        f"{path}: sheet Notes: no header row of questions in the first 5 rows; the sheet was skipped"]


def _drop_rows_from_the_file(path: Path, member: str, numbers) -> None:
    import re
    import zipfile
    with zipfile.ZipFile(path) as source:
        items = {info.filename: source.read(info) for info in source.infolist()}
    xml = items[member].decode()
    for n in numbers:
        xml, count = re.subn(rf'<row r="{n}"[^>]*?(/>|>.*?</row>)', "", xml, flags=re.S)
        assert count == 1, n
    items[member] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in items.items():
            target.writestr(name, data)


def test_rows_streamed_from_the_parser_are_the_rows_openpyxl_gives(kb, case_profiles, tmp_path):
    """sheets.streamed_rows (openpyxl's parser, inline strings read as plain text) against iter_rows:
    formulas, errors, numbers, merged cells, a gap, and a merged range over rows the file leaves out."""
    from openpyxl import load_workbook as load

    from diagnose.batch import sheets
    path = tmp_path / "bad.xlsx"
    _bad_workbook(kb, path, case_profiles[:12])
    wb = load(path)
    wb.worksheets[0].merge_cells("C40:D42")          # rows with no cells at all
    wb.worksheets[0].cell(row=44, column=2, value=3.5)
    wb.save(path)
    _drop_rows_from_the_file(path, "xl/worksheets/sheet1.xml", (41, 42))   # as other writers may leave them out
    book = load(path, read_only=True)
    sheet = book.worksheets[0]
    merged = sheets._merged_ranges(sheet)
    streamed = list(sheets.streamed_rows(sheet, merged))
    sheet.reset_dimensions()
    assert streamed == list(sheets.xlsx_rows(sheet, merged))
    kinds = {c.kind for r in streamed for c in r.cells}
    assert {sheets.FORMULA, sheets.ERROR, sheets.VALUE} <= kinds
    assert [r.number for r in streamed if r.merged and not r.cells] == [40, 41, 42]
    book.close()
