"""Defects a new user met in the questionnaire at 80x24 in Chinese (issue 11, second trial): each test
drives the questionnaire as they did and fails on the code they used."""
import asyncio
import re

import yaml

from diagnose.inference.diagnosis import diagnose
from diagnose.kb.conditions import UNKNOWN
from diagnose.kb.profile import Profile, load_profile
from diagnose.kb.resources import cases_dir
from diagnose.output import render
from diagnose.tui.app import make_app
from diagnose.tui.screens.why_not import WhyNotScreen

from pilot_helpers import press

SIZE = (80, 24)


def drive(kb, path, script, lang="zh"):
    async def main():
        app = make_app(path, lang, kb=kb)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            return await script(pilot, app)
    return asyncio.run(main())


def test_unknown_answers_are_saved_and_not_asked_again_after_resuming(kb, tmp_path):
    path = tmp_path / "p.yaml"

    async def first_run(pilot, app):
        await press(pilot, "n")
        asked = []
        for _ in range(2):
            asked.append(app.screen.question_id)
            await press(pilot, "0")                        # unknown
        await press(pilot, "1")                            # a known answer too
        await press(pilot, "ctrl+q")
        return asked
    unknowns = drive(kb, path, first_run)
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert all(saved.get(q) == UNKNOWN for q in unknowns), saved
    assert load_profile(kb, path).stated_unknown == frozenset(unknowns)

    async def resumed(pilot, app):
        await press(pilot, "r")
        seen = [app.screen.question_id]
        for _ in range(3):
            await press(pilot, "0")
            seen.append(app.screen.question_id)
        diagnosis = app.session.current()
        await press(pilot, "y")
        assert isinstance(app.screen, WhyNotScreen)
        return seen, diagnosis
    seen, diagnosis = drive(kb, path, resumed)
    assert not set(unknowns) & set(seen)                    # an unknown is an answer: not asked again
    # ... and to the diagnosis it is unknown, as before
    profile = load_profile(kb, path)
    assert diagnosis.to_dict() == diagnose(kb, Profile(name=profile.name, answers=profile.answers)).to_dict()
    assert all(profile.answers[q] == UNKNOWN for q in unknowns)


def test_an_unnamed_profile_is_saved_without_an_english_name(kb, tmp_path):
    path = tmp_path / "p.yaml"

    async def script(pilot, app):
        await press(pilot, "n", "1", "ctrl+q")
    drive(kb, path, script)
    text = path.read_text(encoding="utf-8")
    assert "unnamed" not in text
    report = render.render(kb, diagnose(kb, load_profile(kb, path)), "text", "zh")
    assert "未命名集群" in report and "unnamed" not in report


def test_a_number_question_says_when_the_answer_is_not_a_number_and_stays(kb, tmp_path):
    async def script(pilot, app):
        await press(pilot, "n", "ctrl+g", *"firm_count", "enter")
        assert app.screen.question_id == "firm_count"
        told = []
        for typed in (["四", "百"], ["9"] * 6, []):
            await press(pilot, *typed, "enter")
            told.append((app.screen.question_id, app.session.answers["firm_count"], app._notifications.last().message
                         if hasattr(app._notifications, "last") else list(app._notifications)[-1].message))
            app.screen.query_one("#number").value = ""
        await press(pilot, "0", "enter")                  # only 0 (or u) is unknown, and it moves on
        return told, app.screen.question_id, app.session.stated_unknown
    told, after, stated = drive(kb, tmp_path / "p.yaml", script)
    (q1, a1, m1), (q2, a2, m2), (q3, a3, m3) = told
    assert q1 == q2 == q3 == "firm_count" and a1 == a2 == a3 == UNKNOWN   # nothing recorded, still asked
    assert "四百" in m1 and "不是数字" in m1 and "0 表示未知" in m1
    assert "999999 超出范围" in m2 and "0 表示未知" in m2
    assert "0 表示未知" in m3
    assert after != "firm_count" and "firm_count" in stated


def test_the_review_says_when_an_evidence_level_or_the_first_remedy_changed(kb, tmp_path):
    """K-19-1991's corner cutting answered no instead of yes: the quality crisis goes from observed to
    probable and the first remedy changes; both are changes an official needs to see."""
    async def script(pilot, app):
        await pilot.press("n")
        await pilot.pause()
        app.begin(load_profile(kb, cases_dir() / "K-19-1991.yaml"))
        await pilot.pause()
        await press(pilot, "v")
        before = app.session.reviewed
        await press(pilot, "escape", "ctrl+g", *"corner_cutting_found", "enter")
        assert app.screen.question_id == "corner_cutting_found"
        await press(pilot, "2", "v")
        return before, app.session.reviewed, str(app.screen.query_one("#changes").render())
    before, now, text = drive(kb, tmp_path / "p.yaml", script)
    level = {p.id: p.evidence for p in before.problems}
    moved = [p for p in now.problems if p.id in level and level[p.id] != p.evidence]
    assert moved
    for p in moved:
        names = [kb.info.evidence[e].name("zh") for e in (level[p.id], p.evidence)]
        assert f"{kb.name('problem', p.id, 'zh')}：{names[0]} → {names[1]}" in text, text
    first = [next(r.id for r in d.remedies if r.status == "recommended") for d in (before, now)]
    assert first[0] != first[1]
    assert f"首要措施：{kb.name('remedy', first[0], 'zh')} → {kb.name('remedy', first[1], 'zh')}" in text, text


def screen_rows(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def test_the_year_field_shows_four_digits_with_the_cursor_at_the_end(kb, tmp_path):
    async def script(pilot, app):
        app.screen.query_one("#cluster-year").focus()
        await press(pilot, *"2025")
        return [row for row in screen_rows(app) if "年份" in row]
    rows = drive(kb, tmp_path / "p.yaml", script)
    assert rows and all("2025" in row for row in rows), rows


def test_a_wrapped_choice_or_remedy_keeps_its_number_with_its_first_words(kb, tmp_path):
    """At 80x24 a long Chinese choice wraps; its number must not sit alone on a line."""
    wide = next(q for q in kb.questions.values()
                if q.kind == "one_of" and max(len(c.text("zh")) for c in q.choices) > 20)

    async def script(pilot, app):
        await pilot.press("n")
        await pilot.pause()
        app.begin(load_profile(kb, cases_dir() / "K-19-1991.yaml"))
        await press(pilot, "ctrl+g", *wide.id, "enter")
        assert app.screen.question_id == wide.id
        return screen_rows(app)
    rows = drive(kb, tmp_path / "p.yaml", script)
    cells = [cell.strip() for row in rows for cell in row.split("│")]
    numbered = [c for c in cells if re.match(r"^\d[．.]", c)]
    assert len(numbered) >= len(wide.choices) + 1 + 2     # the choices, unknown, two remedies
    assert not [c for c in cells if re.fullmatch(r"\d[．.]?", c)], rows


def footer_row(app) -> str:
    return screen_rows(app)[-1]


def footer_shows(app) -> set[str]:
    """The key names shown whole in the footer row (80 columns)."""
    from textual.widgets._footer import FooterKey
    return {item.key_display or item.key for item in app.screen.query(FooterKey)
            if item.region.width and item.region.right <= app.size.width}


def test_every_key_a_screen_needs_is_in_its_footer_at_80_columns(kb, tmp_path):
    async def script(pilot, app):
        await press(pilot, "n")
        app.session.answer("three_in_one_premises", True)
        app.screen.render_all()
        seen = {"question": (footer_shows(app), footer_row(app))}
        for key, name in (("y", "why_not"), ("v", "review"), ("h", "how"), ("question_mark", "help")):
            await press(pilot, key)
            seen[name] = (footer_shows(app), footer_row(app))
            await press(pilot, "escape")
        return seen
    for lang in ("zh", "en"):
        seen = drive(kb, tmp_path / f"{lang}.yaml", script, lang)
        keys, row = seen["question"]
        assert {"←", "→", "b", "w", "h", "y", "g", "v", "x", "^q", "?", "F2"} <= keys, row
        for name in ("why_not", "review", "how", "help"):
            assert {"↑", "↓", "esc"} <= seen[name][0], (name, seen[name][1])
        assert {"⏎", "tab"} <= seen["why_not"][0] and "⏎" in seen["review"][0]
        if lang == "zh":
            assert "解释" in row and "选择" in seen["why_not"][1] and "滚动" in seen["how"][1]
