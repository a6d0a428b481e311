"""Every bad input meets exit 2 and one clear line naming the file and the reason; nothing runs from a file."""
import pytest

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
}


def _assert_clean_error(r, path, reason):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert str(path) in lines[0] and reason in lines[0], lines[0]
    assert "Traceback" not in r.stderr and r.stdout == ""


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_yaml_profile(cli, tmp_path, name):
    content, reason = CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    _assert_clean_error(cli("assess", path), path, reason)


@pytest.mark.parametrize("content, reason", [
    ('{"name": "x", "low_entry_barrier": tru}', "malformed JSON"),
    ('{"name": "x", "name": "y"}', "duplicate key 'name'"),
    ('["name", "x"]', "expected a mapping"),
    ('{"name": "x", "low_entry_barrier": "maybe"}', "allowed: yes, no, unknown"),
])
def test_bad_json_profile(cli, tmp_path, content, reason):
    path = tmp_path / "p.json"
    path.write_text(content)
    _assert_clean_error(cli("assess", path), path, reason)


def test_python_tag_does_not_execute(cli, tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f'name: !!python/object/apply:os.system ["touch {marker}"]\n')
    r = cli("assess", path)
    _assert_clean_error(r, path, "not allowed")
    assert not marker.exists()


def test_fifty_megabyte_file_is_refused_by_size(cli, tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:
        f.write(b"name: x\nnotes: '")
        f.truncate(50 * 1024 * 1024)
    _assert_clean_error(cli("assess", path), path, "the limit is 5 MB")


def test_directory_instead_of_file(cli, tmp_path):
    _assert_clean_error(cli("assess", tmp_path), tmp_path, "is a directory")


def test_missing_file(cli, tmp_path):
    path = tmp_path / "nope.yaml"
    _assert_clean_error(cli("assess", path), path, "no such file")


def test_errors_name_the_line(cli, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("name: x\nlow_entry_barrier: yes\nassociation_origin: aliens\n")
    r = cli("assess", path)
    assert "line 3" in r.stderr and "association_origin" in r.stderr


def test_bad_case_file_in_validate(cli, tmp_path):
    path = tmp_path / "K-99.yaml"
    path.write_text("id: K-99\nname: {zh: x, en: x}\nsource: {paragraphs: [P3], quote: 不在这里}\n"
                    "profile: {name: x}\nexpect: {absent: [fire_risk]}\n")
    _assert_clean_error(cli("validate", path), path, "quote is not verbatim")


def test_case_expectations_must_use_vocabulary(cli, tmp_path):
    path = tmp_path / "K-98.yaml"
    path.write_text("id: K-98\nname: {zh: x, en: x}\nsource: {paragraphs: [P3], quote: 市场型产业集群}\n"
                    "profile: {name: x}\nexpect: {problems: [price_collapse], absent: [fire_risk]}\n")
    _assert_clean_error(cli("validate", path), path, "'price_collapse' is not a problem or remedy id")


def test_internal_error_is_one_line_with_a_log(tmp_path, monkeypatch, capsys):
    """An unexpected exception is reported in one line naming a log file, never as a traceback."""
    from diagnose import cli as cli_module
    from diagnose.cli import schema
    monkeypatch.setattr(schema, "run", lambda args: 1 / 0)
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(tmp_path))
    assert cli_module.main(["schema"]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "internal error" in err[0] and str(tmp_path) in err[0]
    assert "ZeroDivisionError" in (tmp_path / "diagnose-error.log").read_text()
