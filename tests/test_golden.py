"""Golden outputs: every report format of two cases in both languages, compared byte for byte.

A change to what users see must be made on purpose: run `pytest tests/test_golden.py --update-golden`,
then read the diff of tests/golden/ before committing it.
"""
from pathlib import Path

import pytest

from diagnose.inference.diagnosis import diagnose
from diagnose.output import render
from diagnose.validation.cases import load_case
from diagnose.kb.resources import cases_dir

GOLDEN = Path(__file__).parent / "golden"
CASES = ["K-16-1990", "K-28"]      # a quality crisis in a market-type town; a polluting tannery cluster
FORMATS = {"text": "txt", "markdown": "md", "json": "json", "html": "html"}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_report_matches_its_golden_file(kb, request, case, lang, fmt):
    d = diagnose(kb, load_case(kb, cases_dir() / f"{case}.yaml").profile)
    produced = render.render(kb, d, fmt, lang)
    if fmt == "text":
        produced = produced if produced.endswith("\n") else produced + "\n"   # as the CLI writes it
    golden = GOLDEN / f"{case}.{lang}.{FORMATS[fmt]}"
    if request.config.getoption("--update-golden"):
        golden.write_text(produced, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == produced, f"{golden.name} changed: rerun with --update-golden if wanted"
