"""The package's shape: one-way imports (import-linter), no import cycle, light imports, short modules."""
import subprocess
import sys
from pathlib import Path

import grimp

SRC = Path(__file__).resolve().parents[1] / "src" / "diagnose"
ROOT = SRC.parents[1]


def _modules_after(statement: str) -> set[str]:
    """The top-level modules loaded by a fresh interpreter after one import statement."""
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return {name.split(".")[0] for name in out.split()}


def test_the_import_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    r = subprocess.run([str(lint_imports)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout[-2000:]


def test_no_import_cycle_inside_the_package():
    graph = grimp.build_graph("diagnose")
    state: dict[str, int] = {}   # 1 visiting, 2 done
    cycles = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if state.get(imported) == 1:
                cycles.append(path[path.index(imported):] + [imported] if imported in path else [module, imported])
            elif imported not in state:
                visit(imported, path + [imported])
        state[module] = 2

    for module in sorted(graph.modules):
        if module not in state:
            visit(module, [module])
    assert not cycles, cycles[:3]


def test_inference_loads_neither_the_ui_nor_the_templates():
    loaded = _modules_after("import diagnose.inference.diagnosis, diagnose.inference.scenarios, diagnose.validation.scorecard")
    assert not loaded & {"textual", "jinja2"}


def test_the_command_line_parser_loads_no_engine_and_no_templates():
    loaded = _modules_after("import diagnose.cli; diagnose.cli.build_parser()")
    assert not loaded & {"experta", "jinja2", "textual", "pydantic"}


def test_no_module_is_over_400_lines():
    long = {str(p.relative_to(SRC)): n for p in SRC.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long
