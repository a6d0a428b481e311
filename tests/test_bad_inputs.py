"""Every bad input meets exit 2 and one clear line naming the file and the reason; nothing runs from a file.

Most cases run `diagnose` in this process (``main(argv)``, fast); the ones that hung or exhausted memory
before (FIFO, /dev/zero, /dev/urandom) run in a subprocess with a bound, so a regression fails instead
of hanging the suite.
"""
import json
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from diagnose.cli import main
from diagnose.inputs import loading
from diagnose.kb.resources import rules_dir

CASES = {
    "empty": (b"", "file is empty"),
    "whitespace_only": (b"   \n\t\n", "file is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    "not_utf8": ("name: 柳市\n".encode("gb18030"), "not UTF-8"),
    "malformed_yaml": (b"name: [unclosed\nlow_entry_barrier: yes\n", "malformed YAML"),
    "tab_indentation": (b"name: x\n\tlow_entry_barrier: yes\n", "malformed YAML"),
    "unknown_key": (b"name: x\nnumber_of_bosses: 3\n", "unknown field"),
    "wrong_type": (b"name: x\nlow_entry_barrier: 17\n", "allowed: yes, no, unknown"),
    "not_a_choice": (b"name: x\nassociation_origin: aliens\n", "allowed: government_organised"),
    "number_out_of_range": (b"name: x\nfirm_count: -5\n", "out of range"),
    "number_not_a_number": (b"name: x\nfirm_count: many\n", "not a number"),
    "duplicate_key": (b"name: x\nlow_entry_barrier: yes\nlow_entry_barrier: no\n", "duplicate key 'low_entry_barrier'"),
    "list_not_mapping": (b"- name: x\n- low_entry_barrier: yes\n", "expected a mapping"),
    "scalar_not_mapping": (b"just some words\n", "expected a mapping"),
    "deeply_nested": (("name: x\nnotes: " + "[" * 200 + "]" * 200 + "\n").encode(), "nested deeper"),
    "alias_bomb": (("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 12))).encode(), "aliases"),
    "name_wrong_type": (b"name: [1, 2]\n", "field name"),
    # values the safe constructor cannot build (issue 12, item 5): exit 2, not an internal error
    "impossible_date": (b"name: x\nnotes: 2020-13-45\n", "'2020-13-45' looks like a date but is not one"),
    "year_zero": (b"name: x\nnotes: 0000-01-01\n", "looks like a date but is not one"),
    "huge_integer": (b"name: x\nfirm_count: " + b"9" * 5000 + b"\n", "a number of 5000 digits is too long"),
    # no tags at all (item 7), each named as the file spells it
    "int_tag": (b"name: x\nfirm_count: !!int abc\n", "tag '!!int' is not allowed"),
    "float_tag": (b"name: x\nfirm_count: !!float abc\n", "tag '!!float' is not allowed"),
    "binary_tag": (b"name: !!binary aGVsbG8=\n", "tag '!!binary' is not allowed"),
    "str_tag": (b"name: !!str x\n", "tag '!!str' is not allowed"),
    "timestamp_tag": (b"name: !!timestamp x\n", "tag '!!timestamp' is not allowed"),
    "set_tag": (b"name: !!set {a}\n", "tag '!!set' is not allowed"),
    "local_tag": (b"name: !shout x\n", "tag '!shout' is not allowed"),
    "python_tag": (b"name: !!python/object/apply:os.system [ls]\n", "tag '!!python/object/apply:os.system' is not allowed"),
    "tag_on_the_document": (b"--- !!map\nname: x\n", "tag '!!map' is not allowed"),
}


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys):
    """`diagnose ARGS` in this process: exit code and what it printed."""
    def run_main(*args) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return Result(code, out.out, out.err)
    return run_main


def _assert_clean_error(r, path, reason):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert str(path) in lines[0] and reason in lines[0], lines[0]
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert len(lines[0]) < 600, f"{len(lines[0])} characters"          # what a file says is echoed cut
    assert not any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0 for c in lines[0]), repr(lines[0])  # inert in a terminal


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_yaml_profile(run, tmp_path, name):
    content, reason = CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    _assert_clean_error(run("assess", path), path, reason)


@pytest.mark.parametrize("name", ["impossible_date", "huge_integer", "int_tag", "binary_tag"])
def test_bad_values_in_whatif_and_compare(run, tmp_path, name):
    content, reason = CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    _assert_clean_error(run("whatif", path, "--adopt", "production_licensing"), path, reason)
    _assert_clean_error(run("compare", "K-16-1990", path), path, reason)


@pytest.mark.parametrize("value, reason", [
    (b"2020-13-45", "looks like a date but is not one"),
    (b"9" * 5000, "a number of 5000 digits is too long"),
    (b"!!float abc", "tag '!!float' is not allowed"),
])
def test_bad_values_in_rule_files(run, tmp_path, value, reason):
    extra = tmp_path / "extra.yaml"
    extra.write_bytes(b"rules:\n  - id: extra_rule\n    when: " + value + b"\n")
    r = run("rules", "check", "--extra", extra)
    assert r.returncode == 1 and str(extra) in r.stderr and reason in r.stderr, (r.returncode, r.stderr)
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr

    copy = tmp_path / "rules"
    shutil.copytree(rules_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    kb_file = copy / "kb.yaml"
    kb_file.write_bytes(kb_file.read_bytes() + b"\nextra_value: " + value + b"\n")
    r = run("rules", "check", "--rules-dir", copy)
    assert r.returncode in (1, 2) and str(kb_file) in r.stderr and reason in r.stderr, (r.returncode, r.stderr)
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("content, reason", [
    ('{"name": "x", "low_entry_barrier": tru}', "malformed JSON"),
    ('{"name": "x", "name": "y"}', "duplicate key 'name'"),
    ('["name", "x"]', "expected a mapping"),
    ('{"name": "x", "low_entry_barrier": "maybe"}', "allowed: yes, no, unknown"),
    ('{"name": "x", "firm_count": ' + "9" * 5000 + "}", "a number of 5000 digits is too long"),
])
def test_bad_json_profile(run, tmp_path, content, reason):
    path = tmp_path / "p.json"
    path.write_text(content)
    r = run("assess", path)
    _assert_clean_error(r, path, reason)
    assert "set_int_max_str_digits" not in r.stderr            # advice for programmers, not for users


def test_python_tag_does_not_execute(run, tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f'name: !!python/object/apply:os.system ["touch {marker}"]\n')
    _assert_clean_error(run("assess", path), path, "not allowed")
    assert not marker.exists()


def test_a_huge_value_is_echoed_cut(run, tmp_path):
    """A 4 MB answer must not become a 4 MB line on stderr."""
    path = tmp_path / "p.yaml"
    path.write_text("name: x\nassociation_origin: " + "a" * 4_000_000 + "\n")
    r = run("assess", path)
    _assert_clean_error(r, path, "is not allowed")
    assert "(4000000 characters)" in r.stderr


def test_control_characters_in_an_echoed_value_are_shown_not_sent(run, tmp_path):
    key, value = tmp_path / "key.yaml", tmp_path / "value.yaml"
    key.write_text('name: x\n"\\e]0;owned\\a": yes\n')
    value.write_text('name: x\nassociation_origin: "\\e[31mred"\n')
    r = run("assess", key)
    _assert_clean_error(r, key, "unknown field")
    assert "\\x1b]0;owned\\x07" in r.stderr
    r = run("assess", value)
    _assert_clean_error(r, value, "is not allowed")
    assert "\\x1b[31mred" in r.stderr


def test_fifty_megabyte_file_is_refused_by_size(run, tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:
        f.write(b"name: x\nnotes: '")
        f.truncate(50 * 1024 * 1024)
    _assert_clean_error(run("assess", path), path, "the limit is 5 MB")


def test_at_most_limit_plus_one_bytes_are_read_whatever_the_size_says(tmp_path, monkeypatch):
    """st_size can be wrong (a growing file, /proc): the read itself is bounded."""
    path = tmp_path / "p.yaml"
    path.write_bytes(b"name: x\nnotes: '" + b"a" * 5000 + b"'\n")
    real_stat, real_fstat = os.stat, os.fstat
    size_zero = lambda st: os.stat_result((*st[:6], 0, *st[7:]))   # noqa: E731  (a size of 0, like /proc's)
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: size_zero(real_stat(p, *a, **k)))
    monkeypatch.setattr(os, "fstat", lambda fd: size_zero(real_fstat(fd)))
    with pytest.raises(loading.InputError, match="the limit is"):
        loading.read_text(path, max_bytes=1024)


SPECIAL_FILE_RUNS = """
import json, sys
from diagnose.cli import main
for args in json.loads(sys.argv[1]):
    code = main(args)
    print(json.dumps([args, code]), flush=True)
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs FIFOs and /dev")
def test_special_files_are_refused_at_once(tmp_path):
    """A FIFO and /dev/urandom hung forever, /dev/zero ate the memory: regular files only. All nine runs
    in one subprocess with a generous bound, so a regression fails the test rather than hanging the suite."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    kinds = {str(fifo): "named pipe (FIFO)", "/dev/zero": "character device", "/dev/urandom": "character device"}
    runs = [[command, path, *extra] for path in kinds
            for command, *extra in (["assess"], ["whatif", "--adopt", "production_licensing"])]
    runs += [["rules", "check", "--extra", path] for path in kinds]
    r = subprocess.run([sys.executable, "-c", SPECIAL_FILE_RUNS, json.dumps(runs)], capture_output=True, text=True,
                       timeout=180, stdin=subprocess.DEVNULL)
    results = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(results) == len(runs) and all(code in (1, 2) for _, code in results), (r.stdout, r.stderr)
    for path, kind in kinds.items():      # each of the three commands said so, in one line naming the file
        assert sum(line.startswith(f"{path}: is a {kind}") for line in r.stderr.splitlines()) == 3, r.stderr
    assert "Traceback" not in r.stderr


def test_directory_instead_of_file(run, tmp_path):
    _assert_clean_error(run("assess", tmp_path), tmp_path, "is a directory")


def test_missing_file(run, tmp_path):
    path = tmp_path / "nope.yaml"
    _assert_clean_error(run("assess", path), path, "no such file")


def test_errors_name_the_line(run, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("name: x\nlow_entry_barrier: yes\nassociation_origin: aliens\n")
    r = run("assess", path)
    assert "line 3" in r.stderr and "association_origin" in r.stderr


def test_bad_case_file_in_validate(run, tmp_path):
    path = tmp_path / "K-99.yaml"
    path.write_text("id: K-99\nname: {zh: x, en: x}\nsource: {paragraphs: [P3], quote: 不在这里}\n"
                    "profile: {name: x}\nexpect: {absent: [fire_risk]}\n")
    _assert_clean_error(run("validate", path), path, "quote is not verbatim")


def test_case_expectations_must_use_vocabulary(run, tmp_path):
    path = tmp_path / "K-98.yaml"
    path.write_text("id: K-98\nname: {zh: x, en: x}\nsource: {paragraphs: [P3], quote: 市场型产业集群}\n"
                    "profile: {name: x}\nexpect: {problems: [price_collapse], absent: [fire_risk]}\n")
    _assert_clean_error(run("validate", path), path, "'price_collapse' is not a problem or remedy id")


# ---- the internal-error log (item 4): the user's own folder, a new file each time, never a planted symlink
@pytest.fixture
def failing_command(monkeypatch, tmp_path):
    monkeypatch.setattr("diagnose.cli.schema.run", lambda args: 1 / 0)     # a bug, as a user would meet it
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "shared-tmp"))
    (tmp_path / "shared-tmp").mkdir()
    return tmp_path


def _logged_path(err: str) -> Path:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "internal error (ZeroDivisionError)" in lines[0], err
    return Path(lines[0].split("details in ", 1)[1])


def test_internal_error_is_one_line_naming_a_log_in_the_users_own_folder(failing_command, capsys):
    tmp_path = failing_command
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "shared-tmp" / "diagnose-error.log").symlink_to(victim)   # planted by another local user
    assert main(["schema"]) == 3
    first = _logged_path(capsys.readouterr().err)
    assert main(["schema"]) == 3
    second = _logged_path(capsys.readouterr().err)
    assert victim.read_text() == "precious"
    assert first != second and first.parent == second.parent             # a new file for each error
    assert str(first).startswith(str(tmp_path / "state")), first
    for log in (first, second):
        assert not log.is_symlink() and "ZeroDivisionError" in log.read_text()
        assert stat.S_IMODE(log.stat().st_mode) == 0o600 and stat.S_IMODE(log.parent.stat().st_mode) == 0o700


def test_internal_error_log_falls_back_to_a_private_temp_file(failing_command, capsys):
    tmp_path = failing_command
    (tmp_path / "state").write_text("a file where the state folder would be")   # the folder cannot be made
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "shared-tmp" / "diagnose-error.log").symlink_to(victim)
    assert main(["schema"]) == 3
    log = _logged_path(capsys.readouterr().err)
    assert log.parent == tmp_path / "shared-tmp" and log.name != "diagnose-error.log"
    assert victim.read_text() == "precious" and "ZeroDivisionError" in log.read_text()
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_usage_error_is_one_line_and_runs_nothing(run):
    r = run("assess")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and r.stdout == ""


@pytest.mark.slow
def test_a_real_process_shows_one_line_and_no_traceback(cli, tmp_path):
    """One real process for one of the cases above (the rest run in this process): one line on stderr."""
    path = tmp_path / "impossible_date.yaml"
    path.write_bytes(CASES["impossible_date"][0])
    _assert_clean_error(cli("assess", path), path, CASES["impossible_date"][1])
