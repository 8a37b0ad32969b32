"""The house's layout (issue 15): rooms by job, data flowing one way, small modules.

- the import-linter contract in ``pyproject.toml`` holds (a room imports only rooms below
  it in the flow policy -> load -> score -> show / export -> notebook / cli);
- no import cycle between modules, hidden local imports included;
- every room is named in the contract, so a new room cannot slip past it;
- only ``__init__``, ``__main__``, ``cli``, ``errors``, ``files`` and ``timing`` sit at the top
  level;
- no module over 300 lines and no function over 60 (docstrings aside).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "gradelib"
TOP_LEVEL = {"__init__.py", "__main__.py", "cli.py", "errors.py", "files.py", "timing.py"}
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return cycles


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int]]:
    """``(name, lines)`` of each function longer than ``limit`` lines, its docstring aside."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        lines = node.end_lineno - node.lineno + 1
        first = node.body[0]
        docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
        if docstring and isinstance(first.value.value, str):
            lines -= first.end_lineno - first.lineno + 1
        if lines > limit:
            found.append((node.name, lines))
    return found


def test_data_flows_one_way() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 kept, 0 broken" in run.stdout


def test_every_room_is_in_the_contract() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (contract,) = config["contracts"]
    named = {room.strip() for layer in contract["layers"] for room in layer.split("|")}
    rooms = {f"gradelib.{p.parent.name}" for p in PACKAGE.glob("*/__init__.py")}
    rooms |= {f"gradelib.{p.stem}" for p in PACKAGE.glob("*.py") if p.name in TOP_LEVEL}
    rooms -= {"gradelib.__init__", "gradelib.__main__"}
    assert rooms <= named, f"rooms missing from the contract: {sorted(rooms - named)}"


def test_no_import_cycle() -> None:
    cycles = import_cycles(grimp.build_graph("gradelib", include_external_packages=False))
    assert cycles == []


def test_the_cycle_finder_finds_a_hidden_cycle() -> None:
    graph = grimp.ImportGraph()
    for module in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(module)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.a")  # e.g. a local import in a function
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert import_cycles(graph) == [["pkg.a", "pkg.b"]]


def test_only_the_entry_points_sit_at_the_top_level() -> None:
    files = {p.name for p in PACKAGE.iterdir() if p.suffix == ".py"}
    assert files == TOP_LEVEL


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_module_is_small(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES
    assert long_functions(source) == []


def test_the_size_check_counts_code_not_docstrings() -> None:
    docstring = '    """' + "\n".join(["words"] * 80) + '"""\n'
    short = "def f():\n" + docstring + "    return 1\n"
    long = "def g():\n" + "".join(f"    x{i} = {i}\n" for i in range(61))
    assert long_functions(short) == []
    assert long_functions(long) == [("g", 62)]
