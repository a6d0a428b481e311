"""Every error a user can meet is in the user's language (issue 11, item 7: a Chinese screen is Chinese).

An InputError is a code and params; its words are in src/diagnose/output/words/errors.json. These tests
check that every code raised has words in both languages, that the Chinese words are Chinese, that the
questionnaire shows each of its error paths in Chinese on a Chinese screen, and that the command line
speaks the --lang it was given (English, as before, when none is given).
"""
import ast
import asyncio
import json
import re
from pathlib import Path

import pytest
from test_questionnaire import SMALL, Settled, latin_words, screen_text

from diagnose.inputs import loading
from diagnose.inputs.errors import InputError, Where, catalogue
from diagnose.output.i18n import error_message
from diagnose.tui.app import make_app

SRC = Path(__file__).resolve().parent.parent / "src" / "diagnose"
# calls that take an error code, and the position of the code among their arguments
CODE_ARGUMENT = {"InputError": 2, "SaveError": 2, "_Refused": 1, "_RefusedJSON": 0, "_refused": 0}


def _raised_codes() -> set[str]:
    """Every error code the sources raise: literal codes of the calls above, the codes kept in tables
    (file kinds, pydantic's types, the server's errno reasons) and the unknown-id variants."""
    codes = set(loading.PYDANTIC_CODES.values()) | {code for _, code in loading._KINDS} | {"not_regular_file"}
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                at = CODE_ARGUMENT.get(name)
                if at is not None and len(node.args) > at and isinstance(node.args[at], ast.Constant):
                    codes.add(node.args[at].value)
        if path.name == "address.py":   # the server's reasons for a port it cannot bind, by errno
            codes |= set(re.findall(r'errno\.\w+: "(\w+)"', path.read_text(encoding="utf-8"))) | {"cannot_listen"}
    return codes | {f"unknown_{what}_{hint}" for what in ("remedy", "conclusion") for hint in ("close", "some")}


def test_every_error_code_has_words_in_both_languages():
    codes = _raised_codes()
    assert len(codes) > 60                              # the scan finds the codes (it cannot pass by finding none)
    words = catalogue()
    missing = sorted(c for c in codes if c not in words or not words[c].get("zh") or not words[c].get("en"))
    assert not missing, missing


def test_the_words_file_is_one_code_per_line_with_both_languages():
    path = SRC / "output" / "words" / "errors.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert all(set(entry) == {"zh", "en"} for entry in data.values())
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip().startswith('"')]
    assert len(lines) == len(data)


def _latin_left(text: str) -> set[str]:
    """Latin words of a Chinese template once what is not prose is taken out: placeholders, quoted commands
    and values ('diagnose list remedies'), options (--format), file kinds (.xlsx) and pip's package name."""
    text = re.sub(r"\{\w+\}|'[^']*'|--[\w-]+|-o\b|\.\w+\b|pip install|textual-serve", " ", text)
    return {w for w in re.findall(r"[A-Za-z][A-Za-z0-9_\-]*", text)
            if not re.fullmatch(r"[A-Z]{2,5}|UTF-8|GB18030|Excel|FILE", w)}   # YAML, JSON, CSV, IP, MB, UTF-8


def test_chinese_words_of_every_error_are_chinese():
    english = {code: _latin_left(entry["zh"]) for code, entry in catalogue().items()}
    assert not {code: words for code, words in english.items() if words}


def test_a_chinese_error_names_the_place_in_chinese_and_keeps_the_english_line():
    error = InputError("p.yaml", Where(3, "firm_count"), "out_of_range", value="0", min="1", max="100000")
    assert error.message == "p.yaml: line 3, field firm_count: 0 is out of range; allowed: 1 to 100000, or unknown"
    assert error_message(error, "en") == error.message
    assert error_message(error, "zh") == "p.yaml：第 3 行，字段 firm_count：0 超出范围；可填 1 到 100000，或未知"


def test_system_errors_are_worded_by_errno_and_unknown_ones_neutrally():
    import errno
    full = InputError("r.md", "", "cannot_write", errno=errno.ENOSPC, detail="No space left on device")
    odd = InputError("r.md", "", "cannot_write", errno=errno.EXDEV, detail="Invalid cross-device link")
    assert full.message == "r.md: cannot write: No space left on device"
    assert error_message(full, "zh") == "r.md：无法写入：磁盘空间不足"
    assert "Invalid" not in error_message(odd, "zh") and str(errno.EXDEV) in error_message(odd, "zh")


PROFILES = {   # bad profile files and the code each must be refused with
    "not_a_choice.yaml": ("name: x\nchain_structure: sideways\n", "not_a_choice"),
    "out_of_range.yaml": ("name: x\nfirm_count: 0\n", "out_of_range"),
    "unknown_field.yaml": ("name: x\nno_such_question: yes\n", "unknown_field"),
    "too_long.yaml": ("name: " + "x" * 300 + "\n", "text_too_long"),
    "empty_name.yaml": ("name: ''\n", "text_too_short"),
    "malformed.yaml": ("name: [unclosed\n", "malformed_yaml"),
    "a_list.yaml": ("- name\n", "top_is_list"),
    "tagged.yaml": ("name: !!binary aGVsbG8=\n", "tag_not_allowed"),
    "bad_date.yaml": ("name: x\nnotes: 2020-13-45\n", "not_a_date"),
    "duplicate.yaml": ("name: x\nname: y\n", "duplicate_key_yaml"),
    "several.yaml": ("name: x\nfirm_count: -1\nhousehold_workshops: perhaps\n", "not_yes_no"),
    "binary.yaml": ("name: \x00\n", "binary_file"),
    "bad.json": ('{"name": "x", "name": "y"}', "duplicate_key"),
    "broken.json": ('{"name": ', "malformed_json"),
}


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_every_refused_profile_has_a_chinese_line(kb, tmp_path, name):
    from diagnose.kb.profile import load_profile
    text, code = PROFILES[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_profile(kb, path)
    assert info.value.code == code
    zh = error_message(info.value, "zh")
    assert "\n" not in zh and re.search(r"[\u4e00-\u9fff]", zh)
    assert not foreign_words(zh.replace(str(path), " "), kb), zh


def test_a_chinese_file_may_answer_unknown_in_chinese(kb, tmp_path):
    from diagnose.kb.profile import load_profile
    path = tmp_path / "p.yaml"
    path.write_text("name: x\nfirm_count: 未知\nhousehold_workshops: 是\n", encoding="utf-8")
    profile = load_profile(kb, path)
    assert profile.answers["firm_count"] == "unknown" and profile.answers["household_workshops"] is True


def foreign_words(text: str, kb) -> set[str]:
    """The "zh screen free of English" checker (test_questionnaire.latin_words), given what an error line
    echoes of the user's own file: its values, quoted ('sideways'), the field they were under (字段 name),
    and the names of text encodings (UTF-8)."""
    text = re.sub(r"'[^']*'|字段 [^：，\s]+|UTF-8|GB18030", " ", text)
    return latin_words(text, kb)


# ---- the questionnaire in Chinese: each error path it has

def _run(app, steps, size=SMALL):
    async def go():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            return await steps(Settled(pilot), app)
    return asyncio.run(go())


def _shown(app) -> str:
    """What the user sees: the notifications' words and the screen (toasts included)."""
    return "\n".join([n.message for n in app._notifications] + [screen_text(app)])


def _assert_chinese(text: str, kb, tmp_path, *needles: str):
    text = text.replace(str(tmp_path), " ")
    # a long path wraps on screen ("taken." / "yaml"): the words of paths the user typed are data
    typed = set(re.findall(r"[A-Za-z]+", " ".join(str(p) for p in [tmp_path, *tmp_path.iterdir()])))
    foreign = foreign_words(text, kb) - typed
    assert not foreign, (foreign, text.splitlines())
    for needle in needles:
        assert needle in text, (needle, text)


def test_opening_a_bad_profile_says_why_in_chinese(kb, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nchain_structure: sideways\n", encoding="utf-8")

    async def steps(pilot, app):
        await pilot.press("o")
        await pilot.pause()
        await pilot.press(*str(bad), "enter")
        await pilot.pause()
        return _shown(app)
    _assert_chinese(_run(make_app(tmp_path / "p.yaml", "zh", kb=kb), steps), kb, tmp_path, "不是可选项", "第 2 行")


def test_resuming_a_corrupt_autosave_says_why_in_chinese(kb, tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("name: [unclosed\n", encoding="utf-8")

    async def steps(pilot, app):
        await pilot.press("r")
        await pilot.pause()
        return _shown(app)
    _assert_chinese(_run(make_app(profile, "zh", kb=kb), steps), kb, tmp_path, "YAML 格式有误")


def test_a_report_that_cannot_be_written_says_why_in_chinese(kb, tmp_path):
    (tmp_path / "p-diagnosis.md").mkdir()          # the report's place is taken by a folder (root can write anywhere)

    async def steps(pilot, app):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        return _shown(app)
    _assert_chinese(_run(make_app(tmp_path / "p.yaml", "zh", kb=kb), steps), kb, tmp_path, "无法写入：这是一个文件夹")


def test_a_workbook_that_cannot_be_read_says_why_in_chinese(kb, tmp_path):
    (tmp_path / "clusters.xlsx").write_bytes(b"not a zip file")

    async def steps(pilot, app):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        return _shown(app)
    _assert_chinese(_run(make_app(tmp_path / "p.yaml", "zh", kb=kb), steps), kb, tmp_path, "工作簿")


def test_a_save_refused_because_the_file_changed_says_why_in_chinese(kb, tmp_path):
    profile = tmp_path / "p.yaml"

    async def steps(pilot, app):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("1")                       # an answer: saved
        await pilot.pause()
        profile.write_text("name: changed elsewhere\n", encoding="utf-8")
        await pilot.press("1")                       # the next save finds another version on disk
        await pilot.pause()
        return _shown(app), app.session.save_problem
    shown, problem = _run(make_app(profile, "zh", kb=kb), steps)
    _assert_chinese(shown, kb, tmp_path, "被另一个问卷或程序改动过")
    assert "没有覆盖" in problem


def test_a_profile_open_in_another_questionnaire_says_so_in_chinese(kb, tmp_path):
    from diagnose.tui.autosave import ProfileStore
    profile = tmp_path / "p.yaml"
    holder = ProfileStore(profile)
    assert holder.claim() is None

    async def steps(pilot, app):
        return _shown(app)
    try:
        _assert_chinese(_run(make_app(profile, "zh", kb=kb), steps), kb, tmp_path, "已在另一个问卷程序中打开")
    finally:
        holder.release()


def test_saving_a_copy_over_an_existing_file_says_why_in_chinese(kb, tmp_path):
    from diagnose.tui.autosave import ProfileStore
    profile, existing = tmp_path / "p.yaml", tmp_path / "taken.yaml"
    existing.write_text("precious\n", encoding="utf-8")
    holder = ProfileStore(profile)
    assert holder.claim() is None                    # saves to the profile fail: quitting asks where to save

    async def steps(pilot, app):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        box = app.screen.query_one("#save-as")
        box.value = str(existing)
        await pilot.press("enter")
        await pilot.pause()
        return str(app.screen.query_one("#unsaved-error").render()), screen_text(app)
    try:
        error, text = _run(make_app(profile, "zh", kb=kb), steps)
    finally:
        holder.release()
    _assert_chinese(error + "\n" + text, kb, tmp_path, "文件已存在")
    assert existing.read_text() == "precious\n"


def test_a_number_out_of_range_is_refused_in_chinese(kb, tmp_path):
    async def steps(pilot, app):
        await pilot.press("n")
        await pilot.pause()
        app.screen.go("firm_count")
        await pilot.pause()
        await pilot.press(*"999999999", "enter")
        await pilot.pause()
        return _shown(app)
    _assert_chinese(_run(make_app(tmp_path / "p.yaml", "zh", kb=kb), steps), kb, tmp_path, "范围")


def test_the_command_palette_is_chinese(kb, tmp_path):
    async def steps(pilot, app):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        return type(app.screen).__name__, screen_text(app)
    screen, text = _run(make_app(tmp_path / "p.yaml", "zh", kb=kb), steps, (120, 40))
    assert screen == "CommandPalette"
    _assert_chinese(text, kb, tmp_path, "搜索命令")


# ---- the command line: --lang zh speaks Chinese, no --lang speaks English as it always has

@pytest.mark.parametrize("args, english, chinese", [
    (["assess", "missing.yaml"], "missing.yaml: no such file", "missing.yaml：没有这个文件"),
    (["whatif", "K-16-1990", "--adopt", "industry_assocation"],
     "K-16-1990: --adopt: 'industry_assocation' is not a remedy id; did you mean", "不是措施的编号；是否想输入"),
])
def test_command_line_errors_follow_lang(cli, args, english, chinese):
    plain, en, zh = cli(*args), cli(*args, "--lang", "en"), cli(*args, "--lang", "zh")
    assert plain.returncode == en.returncode == zh.returncode == 2
    assert plain.stderr == en.stderr and plain.stderr.startswith(english)
    assert chinese in zh.stderr and zh.stderr.count("\n") == 1 and "Traceback" not in zh.stderr


def test_command_line_chinese_error_of_a_bad_profile(cli, kb, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("name: x\nfirm_count: lots\n", encoding="utf-8")
    r = cli("assess", path, "--lang", "zh")
    assert r.returncode == 2 and r.stdout == ""
    line = r.stderr.strip()
    assert line.startswith(f"{path}：第 2 行，字段 firm_count：'lots' 不是数字"), line
    assert not foreign_words(line.replace(str(path), " "), kb), line


@pytest.mark.parametrize("args, chinese", [
    (["assess", "--lang", "zh"], "缺少必需的参数：profile"),
    (["assess", "x.yaml", "--lang", "zh", "--bogus"], "无法识别的参数：--bogus"),
    (["whatif", "K-16-1990", "--lang", "zh", "--adopt"], "参数 --adopt 后面需要一个值"),
    (["serve", "--lang", "zh", "--port", "abc"], "参数 --port 的值 'abc' 无效"),
    (["frob", "--lang", "zh"], "'frob' 不是可用的命令"),
])
def test_usage_errors_follow_lang_too(cli, args, chinese):
    zh, en = cli(*args), cli(*[a if a != "zh" else "en" for a in args])
    assert zh.returncode == en.returncode == 2
    assert chinese in zh.stderr and zh.stderr.count("\n") == 1
    assert "argument" in en.stderr or "arguments" in en.stderr   # argparse's own English line, as before


def test_a_long_echo_says_its_length_in_chinese(kb, tmp_path):
    from diagnose.kb.profile import load_profile
    path = tmp_path / "p.yaml"
    path.write_text("name: x\nchain_structure: " + "y" * 500 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_profile(kb, path)
    assert "(500 characters)" in info.value.message
    zh = error_message(info.value, "zh")
    assert "（共 500 个字符）" in zh and "characters" not in zh


def test_an_internal_error_is_one_chinese_line_with_lang_zh(monkeypatch, tmp_path, capsys):
    from diagnose.cli import main
    monkeypatch.setattr("diagnose.cli.list.run", lambda args: 1 / 0)     # a bug, as a user would meet it
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert main(["list", "problems", "--lang", "zh"]) == 3
    line = capsys.readouterr().err.strip()
    assert line.startswith("diagnose：内部错误（ZeroDivisionError）；详情见 ") and "\n" not in line
    assert main(["list", "problems"]) == 3
    assert "internal error (ZeroDivisionError); details in " in capsys.readouterr().err


def test_a_bad_profile_in_a_chinese_batch_is_reported_in_chinese(kb, tmp_path):
    from diagnose.batch import rows
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nfirm_count: lots\n", encoding="utf-8")
    [row] = list(rows.read(kb, [bad], "zh"))
    line = row.problems[0].line("zh")
    assert "第 2 行，字段 firm_count：'lots' 不是数字" in line, line
    assert not foreign_words(line.replace(str(bad), " "), kb), line
    [row] = list(rows.read(kb, [bad], "en"))
    assert "line 2, field firm_count: 'lots' is not a number" in row.problems[0].line("en")
