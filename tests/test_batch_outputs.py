"""The portfolio's outputs (issue 14): urgency, the xlsx and HTML forms (in Chromium), progress,
and adding a profile to a workbook from the questionnaire."""
import asyncio
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

import browser
from batch_helpers import fill, read_all
from diagnose.batch import portfolio as pf
from diagnose.batch import template
from diagnose.batch.append import add_to_workbook
from diagnose.batch.progress import Reporter
from diagnose.cli import main
from diagnose.inference.bulk import diagnose_many
from diagnose.kb.profile import Profile, load_profile

ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def case_profiles(kb, case_paths):
    return [load_profile(kb, p) for p in case_paths]


# ------------------------------------------------------------------ the portfolio

def test_urgency_puts_life_and_health_first(kb):
    def profile(name, **answers):
        return Profile(name=name, answers={q: answers.get(q, "unknown") for q in kb.questions})
    quiet = profile("quiet")
    prices = profile("prices", same_products_concentrated=True, price_war_reported=True)
    fire = profile("fire", household_workshops=True, major_fire_reported=True)
    entries = [pf.summarise(kb, d, i, p.name, "x")
               for i, (p, d) in enumerate(zip([quiet, prices, fire], diagnose_many(kb, [quiet, prices, fire])), start=1)]
    portfolio = pf.assemble(kb, entries, [])
    assert [c.name for c in portfolio.clusters] == ["fire", "prices", "quiet"]
    assert portfolio.clusters[0].problems[0].priority_class == 1
    assert portfolio.clusters[-1].problems == [] and portfolio.clusters[-1].rank == 3


def test_summary_keeps_observed_and_probable_problems_and_recommended_remedies(kb):
    """Possible problems and considered or in-place remedies stay out of the portfolio's counts."""
    from types import SimpleNamespace as NS
    problems = [NS(id="fire_risk", status="risk", evidence="possible", certainty=0.4),
                NS(id="over_competition", status="risk", evidence="probable", certainty=0.6),
                NS(id="occupational_disease", status="observed", certainty=0.9)]       # no evidence field: observed
    remedies = [NS(id="fire_safety_governance", status="considered", actor="unspecified", priority=1),
                NS(id="peer_price_coordination", status="in_place", actor="association", priority=3),
                NS(id="occupational_protection", status="recommended", actor="unspecified", priority=2)]
    d = NS(problems=problems, remedies=remedies, governance_type=NS(id=None))
    entry = pf.summarise(kb, d, 1, "x", "x.xlsx")
    assert [(p.id, p.evidence) for p in entry.problems] == [("occupational_disease", "observed"),
                                                           ("over_competition", "probable")]
    assert [r.id for r in entry.remedies] == ["occupational_protection"]


def test_progress_bar_shows_on_a_real_terminal(kb, case_paths, tmp_path):
    """stderr a pseudo-terminal: the bar with its count appears; stdout stays clean."""
    import pty
    import sys
    folder = tmp_path / "in"
    folder.mkdir()
    for case in case_paths[:3]:
        shutil.copy(case, folder / case.name)
    master, slave = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "diagnose", "batch", str(folder), "--format", "json"],
                          stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL, timeout=120,
                          env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    text = shown.decode("utf-8", "replace")
    assert done.returncode == 0 and "Assessing clusters" in text and "3/3" in text
    assert done.stdout.decode().lstrip().startswith("{")


def test_xlsx_portfolio_has_frozen_headers_filters_and_inert_text(kb, case_profiles, tmp_path):
    path, out = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    template.write(kb, path, "zh")
    hostile = Profile(name="=HYPERLINK(\"http://x\")\x07", answers=dict(case_profiles[0].answers))
    fill(kb, path, case_profiles[:4] + [Profile(name=hostile.name.strip("\x07"), answers=hostile.answers)], "zh")
    assert main(["batch", str(path), "-o", str(out), "--lang", "zh", "--quiet"]) == 0
    wb = load_workbook(out)
    assert [ws.title for ws in wb.worksheets] == ["汇总", "问题矩阵", "共有问题", "各主体的措施", "错误行"]
    summary, matrix = wb.worksheets[0], wb.worksheets[1]
    assert summary.freeze_panes == "C2" and summary.auto_filter.ref == "A1:G6"
    assert matrix.auto_filter.ref.startswith("A1:")
    names = [summary.cell(row=r, column=2) for r in range(2, 7)]
    formula = next(c for c in names if c.value.startswith("="))
    assert formula.data_type == "s"
    marks = {c.value for row in matrix.iter_rows(min_row=2, min_col=3) for c in row if c.value}
    assert marks and marks <= {"●", "○"}
    heat = {rule.formula[0]: (str(area.sqref), rule.dxf.fill.fgColor.rgb)
            for area in matrix.conditional_formatting for rule in area.rules}
    last = f"{matrix.cell(row=1, column=matrix.max_column).column_letter}{matrix.max_row}"
    assert heat == {'"●"': (f"C2:{last}", "00C0392B"), '"○"': (f"C2:{last}", "00F3C27B")}


def test_html_portfolio_is_self_contained_and_opens_in_chromium(kb, case_profiles, tmp_path):
    path, page = tmp_path / "in.xlsx", tmp_path / "portfolio.html"
    template.write(kb, path, "en")
    hostile = '<img src=x onerror="alert(1)"></script>'
    fill(kb, path, case_profiles + [Profile(name=hostile, answers=dict(case_profiles[0].answers))], "en")
    assert main(["batch", str(path), "-o", str(page), "--reports", str(tmp_path / "reports"), "--quiet"]) == 0
    html = page.read_text(encoding="utf-8")
    assert hostile not in html and "&lt;img src=x onerror=" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.I)
    assert not re.search(r"https?://|@import|url\(", html)
    links = {unquote(ln) for ln in re.findall(r'href="(reports/[^"]+\.html)"', html)}
    assert len(links) == len(case_profiles) + 1 and all((tmp_path / ln).exists() for ln in links)
    chromium = browser.chromium()   # skips only for a developer who is not root (.ci/run installs it)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "portfolio.png"
    shot.unlink(missing_ok=True)
    base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            f"--user-data-dir={tmp_path / 'chromium'}"]
    subprocess.run(base + ["--window-size=1400,1000", f"--screenshot={shot}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 20_000
    dom = subprocess.run(base + ["--dump-dom", page.as_uri()], check=True, capture_output=True, text=True,
                         timeout=120).stdout
    assert dom.count("<tr>") >= 2 * (len(case_profiles) + 1) and "alert(1)" not in dom.replace("&quot;", '"').split("</h1>")[0]


# ------------------------------------------------------------------ progress, add to workbook

class _Terminal:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass

    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal_and_never_with_quiet():
    terminal = _Terminal()
    with Reporter("Assessing", 3, stream=terminal) as bar:
        for _ in range(3):
            bar.advance()
        bar.message("[bold]a bad row[/bold]")
    assert "3/3" in terminal.text and "[bold]a bad row[/bold]" in terminal.text
    quiet = _Terminal()
    with Reporter("Assessing", 3, stream=quiet, quiet=True) as bar:
        bar.advance()
        bar.message("a bad row")
    assert quiet.text == "a bad row\n"


def test_add_to_workbook_appends_rows_that_batch_reads_back(kb, case_profiles, tmp_path):
    path = tmp_path / "clusters.xlsx"
    assert add_to_workbook(kb, case_profiles[0], path, "zh") == 3
    assert add_to_workbook(kb, case_profiles[1], path, "en") == 4
    good, bad = read_all(kb, [path])
    assert bad == [] and [g.profile.answers for g in good] == [p.answers for p in case_profiles[:2]]
    assert len(load_workbook(path).worksheets[0].data_validations.dataValidation) == len(kb.questions)


def test_questionnaire_export_adds_the_profile_to_the_workbook(kb, case_paths, tmp_path):
    from diagnose.tui import autosave
    from diagnose.tui.app import make_app
    profile = load_profile(kb, [p for p in case_paths if p.stem == "K-16-1990"][0])
    autosave.save_profile(profile, tmp_path / "p.yaml")

    async def run():
        app = make_app(tmp_path / "p.yaml", "en", kb=kb)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("r")
            await pilot.pause()
            await pilot.press("x", "down", "down", "down", "enter")
            await pilot.pause()
    asyncio.run(run())
    good, bad = read_all(kb, [tmp_path / "clusters.xlsx"])
    assert bad == [] and [g.profile.answers for g in good] == [profile.answers]
