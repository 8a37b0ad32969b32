"""A public API that reads like the command line (issue 15).

- each ``gradelib`` command calls the one public function :mod:`gradelib`'s docstring
  pairs it with, and every command is in that table;
- the commands are thin: parse, call, print;
- every public function has a NumPy docstring (Parameters naming every parameter,
  Returns, Examples that run: ``pytest --doctest-modules gradelib`` runs them) and type
  annotations;
- ``import gradelib`` stays light: the export, the statements and the workbook writers
  (openpyxl) load when first used.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable

import pytest

import gradelib
from gradelib.cli import build_parser

#: A row of the table in gradelib's docstring: ````gradelib check DIR``  :func:`check_course````.
ROW = re.compile(r"^``gradelib ([\w-]+)[^`]*``\s+:func:`(\w+)`", re.MULTILINE)
MAX_COMMAND_LINES = 20
PUBLIC_FUNCTIONS = sorted(
    name for name in gradelib.__all__ if inspect.isfunction(getattr(gradelib, name))
)


def commands() -> dict[str, Callable[[argparse.Namespace], int]]:
    """Each subcommand of the ``gradelib`` parser and the function it runs."""
    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {name: sub.get_default("run") for name, sub in subparsers.choices.items()}


def called_public_functions(function: Callable) -> set[str]:
    """The ``gradelib.<name>(...)`` calls in a function's source."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    return {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "gradelib"
    }


def test_every_command_is_in_the_table_of_gradelib() -> None:
    table = dict(ROW.findall(gradelib.__doc__))
    assert set(table) == set(commands())
    assert set(table.values()) <= set(gradelib.__all__)


@pytest.mark.parametrize("command", sorted(commands()))
def test_the_command_calls_its_public_function(command: str) -> None:
    function = dict(ROW.findall(gradelib.__doc__))[command]
    run = commands()[command]
    calls = called_public_functions(run)
    if "_load" in inspect.getsource(run):
        calls |= called_public_functions(sys.modules[run.__module__]._load)
    assert function in calls, f"'gradelib {command}' does not call gradelib.{function}"
    assert calls <= set(gradelib.__all__)


@pytest.mark.parametrize("command", sorted(commands()))
def test_the_command_is_thin(command: str) -> None:
    run = commands()[command]
    body = ast.parse(textwrap.dedent(inspect.getsource(run))).body[0].body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    lines = body[-1].end_lineno - body[0].lineno + 1
    assert lines <= MAX_COMMAND_LINES, f"'gradelib {command}' has {lines} lines of code"


def docstring_sections(doc: str) -> dict[str, str]:
    """NumPy docstring sections: title -> text under its dashes."""
    doc = inspect.cleandoc(doc)
    parts = re.split(r"^(\w[\w ]*)\n-{3,}\n", doc, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("name", PUBLIC_FUNCTIONS)
def test_the_public_function_is_documented_with_an_example(name: str) -> None:
    function = getattr(gradelib, name)
    sections = docstring_sections(function.__doc__ or "")
    parameters = [p for p in inspect.signature(function).parameters if p != "self"]
    if parameters:
        described = " ".join(re.findall(r"^(\w[\w, ]*) :", sections.get("Parameters", ""), re.M))
        assert all(p in described.replace(",", " ").split() for p in parameters), name
    assert "Returns" in sections, name
    assert ">>>" in sections.get("Examples", ""), f"{name} has no example"


@pytest.mark.parametrize("name", PUBLIC_FUNCTIONS)
def test_the_public_function_is_typed(name: str) -> None:
    signature = inspect.signature(getattr(gradelib, name))
    untyped = [p for p, v in signature.parameters.items() if v.annotation is v.empty]
    assert untyped == [], name
    assert signature.return_annotation is not signature.empty, name


def test_every_public_name_resolves() -> None:
    for name in gradelib.__all__:
        assert getattr(gradelib, name) is not None, name
    assert set(gradelib.__all__) <= set(dir(gradelib))
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        _ = gradelib.no_such_name


def test_the_workbook_writers_are_the_functions_of_their_rooms() -> None:
    from gradelib.sample import write_sample_course
    from gradelib.show.rubric_template import write_rubric_template

    assert gradelib.write_rubric_template is write_rubric_template
    assert gradelib.write_sample_course is write_sample_course
    from gradelib import write_sample_course as imported

    assert imported is write_sample_course


def test_import_gradelib_loads_reading_and_scoring_only() -> None:
    code = (
        "import sys, gradelib; print(sorted({m.split('.')[0] if m.split('.')[0] != 'gradelib' "
        "else '.'.join(m.split('.')[:2]) for m in sys.modules}))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(ast.literal_eval(run.stdout))
    later = {"openpyxl", "gradelib.export", "gradelib.show", "gradelib.sample", "gradelib.cli"}
    assert loaded & later == set()
    assert {"gradelib.load", "gradelib.score", "gradelib.policy"} <= loaded
