"""User text is data in every output (issue 12, items 1-3): hostile text in the free-text fields (name,
notes) never becomes HTML, markdown, console markup or a terminal escape, in any format of any command,
nor in the questionnaire's exports and header. JSON keeps the text exactly (JSON escaping is inert).
"""
import asyncio
import json
import re
from pathlib import Path

import pytest
import yaml

from diagnose.cli import main
from diagnose.inputs import untrusted
from diagnose.inference.diagnosis import diagnose
from diagnose.inference.scenarios import compare, whatif
from diagnose.kb.profile import Profile, load_profile
from diagnose.kb.resources import cases_dir
from diagnose.output import render, scenarios, templates
from diagnose.tui.app import make_app

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(2)>',
    "closing_markup": "[/]",
    "rich_markup": "[bold]hi[/] [link=https://evil.example]x[/link]",
    "osc_title": "\x1b]0;owned\x07",
    "ansi_colour": "\x1b[31mred\x1b[0m",
    "carriage_return": "safe\rFAKE LINE",
    "newline_heading": "x\n# Injected heading",
    "md_link": "[click](javascript:alert(3))",
    "md_image": "![i](https://evil.example/t.png)",
    "md_table": "| a | b |",
    "md_emphasis": "**bold** _it_ `code`",
    "html_entity": "&lt;script&gt;",
    "bidi_override": "abc\u202edcba",
    "c1_control": "x\x9b31mred",
    "template": "{{ 7*7 }} {% if 1 %}y{% endif %}",
}
RAW_HTML = re.compile(r"<(script|img)\b", re.I)
LIVE_URL = re.compile(r"(href|src)\s*=\s*[\"']?\s*(https?|javascript):", re.I)
MD_LINK = re.compile(r"(?<!\\)\]\((javascript|https?):")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile_profile(kb, text):
    base = load_profile(kb, cases_dir() / "K-16-1990.yaml")
    return Profile(name=text, notes=text, answers=base.answers)


def assert_inert_markdown(out, text):
    assert not RAW_HTML.search(out), out[:300]
    assert not CONTROL.search(out), repr(out[:300])
    assert not MD_LINK.search(out) and "\n# Injected" not in out


def assert_inert_text(out, text):
    assert not CONTROL.search(out), repr(out[:300])
    assert "\x1b" not in out and "\r" not in out


@pytest.fixture(scope="module")
def hostile_diagnoses(kb):
    return {key: diagnose(kb, hostile_profile(kb, text)) for key, text in HOSTILE.items()}


@pytest.mark.parametrize("key", sorted(HOSTILE))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_formats_keep_hostile_text_inert(kb, hostile_diagnoses, key, lang):
    text, d = HOSTILE[key], hostile_diagnoses[key]
    html = render.render(kb, d, "html", lang)
    assert not RAW_HTML.search(html) and not LIVE_URL.search(html) and not CONTROL.search(html)
    assert_inert_markdown(render.render(kb, d, "markdown", lang), text)
    out = render.render(kb, d, "text", lang)
    assert_inert_text(out, text)
    assert json.loads(render.render(kb, d, "json", lang))["profile"]["name"] == text   # the data itself, exact


def test_the_text_report_shows_markup_and_escapes_as_they_are(kb, hostile_diagnoses):
    out = render.render(kb, hostile_diagnoses["rich_markup"], "text", "en")
    assert "[bold]hi[/]" in out
    assert "\\x1b]0;owned\\x07" in render.render(kb, hostile_diagnoses["osc_title"], "text", "en")
    assert "safe\\x0dFAKE LINE" in render.render(kb, hostile_diagnoses["carriage_return"], "text", "en")
    assert "{{ 7*7 }}" in render.render(kb, hostile_diagnoses["template"], "text", "en")   # data, never a template


@pytest.mark.parametrize("key", sorted(HOSTILE))
def test_markdown_renders_user_text_as_the_same_text(kb, hostile_diagnoses, key):
    """Through a CommonMark renderer, the report's heading is the name, shown as it was typed: no tag,
    link, image, emphasis, code or table cell made from it (control characters shown as escapes)."""
    from markdown_it import MarkdownIt
    tokens = MarkdownIt("commonmark").enable("table").parse(render.render(kb, hostile_diagnoses[key], "markdown", "en"))
    heading = tokens[tokens.index(next(t for t in tokens if t.type == "heading_open")) + 1]
    assert [c.type for c in heading.children] == ["text"], [c.type for c in heading.children]
    assert heading.children[0].content == "Cluster governance diagnosis: " + untrusted.visible(HOSTILE[key])
    assert not any(t.type in ("html_block", "html_inline") for t in tokens)


def test_html_escapes_rather_than_drops(kb, hostile_diagnoses):
    html = render.render(kb, hostile_diagnoses["script"], "html", "en")
    assert "<title>Cluster governance diagnosis: &lt;script&gt;alert(1)&lt;/script&gt;</title>" in html
    assert "<h1>Cluster governance diagnosis: &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html


@pytest.mark.parametrize("key", sorted(HOSTILE))
def test_whatif_and_compare_keep_hostile_text_inert(kb, key):
    text = HOSTILE[key]
    profile = hostile_profile(kb, text)
    result = whatif(kb, profile, ["production_licensing"])
    comparison = compare(kb, profile, hostile_profile(kb, text + "2"))
    for fmt in ("markdown", "text"):
        for out in (scenarios.render_whatif(kb, result, fmt, "en"), scenarios.render_compare(kb, comparison, fmt, "en")):
            (assert_inert_markdown if fmt == "markdown" else assert_inert_text)(out, text)
    assert json.loads(scenarios.render_whatif(kb, result, "json", "en"))["profile"] == text


def test_the_cli_shows_markup_and_osc_inert_and_exits_0(tmp_path, capsys):
    """The issue's must-show: `[/]` and `\\x1b]` in a name, text output, exit 0, shown inert."""
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump({"name": "[/] \x1b]0;owned\x07 [bold]hi[/]", "low_entry_barrier": True}))
    assert main(["assess", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[/] \\x1b]0;owned\\x07 [bold]hi[/]" in out and "\x1b" not in out
    html = tmp_path / "r.html"
    path.write_text(yaml.safe_dump({"name": "<script>alert(1)</script>", "notes": "<img src=x onerror=alert(2)>"}))
    assert main(["assess", str(path), "--format", "html", "-o", str(html)]) == 0
    assert "<script" not in html.read_text() and "<img" not in html.read_text()
    assert main(["assess", str(path), "--format", "markdown"]) == 0
    assert "<script" not in capsys.readouterr().out


def test_every_html_template_is_autoescaped_and_markdown_is_escaped_too():
    """Not only report.html.j2: any template that is not markdown or plain text (a future portfolio.html.j2)."""
    names = [p.name for p in templates.TEMPLATES.iterdir() if p.suffix == ".j2"]
    assert any(".html" in n for n in names)
    for name in names:
        assert templates.autoescaped(name) == (not name.endswith(templates.TEXT_TEMPLATES)), name
    for future in ("portfolio.html.j2", "portfolio.htm.j2", "index.html", "x.svg.j2", "anything.j2"):
        assert templates.autoescaped(future)
    env = templates.environment()
    assert "&lt;b&gt;" in env.from_string("{{ x }}").render(x="<b>")
    assert env.get_template("report.md.j2")   # markdown templates stay markdown (escaped by value, not by HTML)


def test_only_the_templates_module_makes_a_jinja_environment():
    """Every HTML output goes through the one environment that escapes, so none can forget to."""
    src = Path(templates.__file__).parents[1]
    makers = [p for p in src.rglob("*.py") if re.search(r"\bEnvironment\(", p.read_text(encoding="utf-8"))]
    assert makers == [Path(templates.__file__)], makers


def test_the_questionnaire_exports_and_header_keep_hostile_text_inert(kb, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump({"name": "<script>alert(1)</script>[/]\x1b]0;x\x07", "notes": "[bold]n[/]",
                                    "low_entry_barrier": True}, allow_unicode=True))

    async def run():
        app = make_app(path, "en", kb=kb)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("r")
            await pilot.pause()
            return app.sub_title, app.export("html"), app.export("markdown")
    title, html, md = asyncio.run(run())
    assert "\x1b" not in title and "[/]\\x1b]0;x\\x07" in title
    html_text, md_text = html.read_text(encoding="utf-8"), md.read_text(encoding="utf-8")
    assert "<script" not in html_text and "&lt;script&gt;" in html_text
    assert "<script" not in md_text and "\x1b" not in md_text and "\x1b" not in html_text


def test_the_portfolio_html_and_its_reports_keep_hostile_names_inert(tmp_path, capsys):
    """`diagnose batch` over profiles with hostile names: the portfolio and each linked report escape them."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    for n, key in enumerate(("script", "attribute", "osc_title", "md_link")):
        (folder / f"p{n}.yaml").write_text(yaml.safe_dump({"name": HOSTILE[key], "notes": HOSTILE[key],
                                                          "three_in_one_premises": True}, allow_unicode=True))
    out, reports = tmp_path / "portfolio.html", tmp_path / "reports"
    assert main(["batch", str(folder), "-o", str(out), "--reports", str(reports), "--quiet"]) == 0
    pages = [out, *reports.glob("*.html")]
    assert len(pages) == 5
    for page in pages:
        text = page.read_text(encoding="utf-8")
        # (the portfolio has a sorting script of its own: what must not be there is the names' markup)
        assert "<script>alert" not in text and "<img src=x" not in text, page.name
        assert not CONTROL.search(text) and not LIVE_URL.search(text), page.name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out.read_text(encoding="utf-8")


def test_the_portfolio_csv_on_a_terminal_carries_no_escape_sequence(tmp_path, capsys):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "p.yaml").write_text(yaml.safe_dump({"name": "=x" + HOSTILE["osc_title"] + HOSTILE["ansi_colour"]}))
    assert main(["batch", str(folder), "--quiet"]) == 0          # the summary as CSV on stdout
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "'=x\\x1b]0;owned\\x07" in out
