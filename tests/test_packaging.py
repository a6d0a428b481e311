"""The installed package carries its knowledge base and cases (pip install ., not only editable)."""
from pathlib import Path

import diagnose
from diagnose.kb import resources


def test_bundled_data_comes_from_the_package_when_installed():
    package = Path(diagnose.__file__).resolve().parent
    rules, cases = resources.rules_dir(), resources.cases_dir()
    assert (rules / "kb.yaml").is_file() and (rules / "source" / "chapter-zh.txt").is_file()
    assert len(list(cases.glob("K-*.yaml"))) >= 45
    from diagnose.output.templates import TEMPLATES
    assert (TEMPLATES / "report.html.j2").is_file()
    if "site-packages" in str(package):            # a real install: nothing may come from the checkout
        assert package in rules.parents and package in cases.parents


def test_data_does_not_depend_on_the_working_directory(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    r = cli("assess", "K-01", "--format", "json", cwd=tmp_path)
    assert r.returncode == 0 and '"market_short_chain"' in r.stdout
