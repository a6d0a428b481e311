"""No test depends on wall-clock timing (issue 12, items 14 and 15).

A test waits for events (a file appearing, a line printed, a screen showing a text), polling with a
generous deadline; it never sleeps a fixed time and then acts, which fails on a loaded machine. And the
end-to-end tests that start processes or a terminal are marked ``slow``, so `-m "not slow"` is quick.
"""
import ast
from pathlib import Path

TESTS = Path(__file__).parent


def _sleeps_outside_a_polling_loop(tree: ast.AST) -> list[int]:
    """Lines of time.sleep / asyncio.sleep / pilot.pause(delay) calls that no `while` loop encloses."""
    found = []

    def visit(node, in_while):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            fixed_wait = name == "sleep" or (name == "pause" and (node.args or node.keywords))
            if fixed_wait and not in_while:
                found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, in_while or isinstance(node, ast.While))
    visit(tree, False)
    return found


def test_no_test_sleeps_a_fixed_time_before_acting():
    offenders = {path.name: lines for path in sorted(TESTS.glob("*.py"))
                 if (lines := _sleeps_outside_a_polling_loop(ast.parse(path.read_text(encoding="utf-8"))))}
    assert not offenders, f"fixed sleeps (wait for an event instead): {offenders}"


def test_the_checker_finds_a_fixed_sleep():
    assert _sleeps_outside_a_polling_loop(ast.parse("import time\nfor d in (0.05,):\n    time.sleep(d)\n")) == [3]
    assert _sleeps_outside_a_polling_loop(ast.parse("async def f(p):\n    await p.pause(0.5)\n")) == [2]
    assert _sleeps_outside_a_polling_loop(ast.parse("while not done():\n    time.sleep(0.2)\n")) == []


def _marked_slow(path: Path, test_name: str) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_marks = [n for n in tree.body if isinstance(n, ast.Assign)
                    and any(getattr(t, "id", "") == "pytestmark" for t in n.targets)]
    if any("slow" in ast.unparse(n.value) for n in module_marks):
        return True
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == test_name:
            return any("slow" in ast.unparse(d) for d in node.decorator_list)
    raise AssertionError(f"{path.name} has no test {test_name}")


def test_the_end_to_end_tests_are_marked_slow():
    """The tests that start several processes or a real terminal, the suite's slowest."""
    for file, test in [("test_terminal.py", "test_opens_answers_and_quits_cleanly"),
                       ("test_properties.py", "test_determinism_across_hash_seeds_for_a_sample_of_bundled_cases"),
                       ("test_properties.py", "test_random_profiles_identical_across_seeds"),
                       ("test_cli.py", "test_output_is_identical_under_any_hash_seed"),
                       ("test_tui.py", "test_a_kill_during_saves_never_leaves_a_half_written_profile"),
                       ("test_tui.py", "test_killed_mid_questionnaire_resumes_with_every_answer"),
                       ("test_bad_inputs.py", "test_special_files_are_refused_at_once")]:
        assert _marked_slow(TESTS / file, test), f"{file}::{test} is not marked slow"
    pyproject = (TESTS.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"slow:' in pyproject, "register the slow marker in pyproject.toml"
