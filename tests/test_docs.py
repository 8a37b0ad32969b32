"""Docs in step (issue 15): README.md names only what exists, and names every command.

The truth comes from the code, never from a hand list: the commands and their options from
the argument parser of :mod:`gradelib.cli`, modules and files from the file system, dotted
names by importing them. README fails when it names

- a module or file path (``gradelib/...``, ``tests/...``, ``notebooks/...``, ...) that does
  not exist, or a dotted name (``gradelib.x.y``) that does not import;
- a ``gradelib`` command that does not exist;
- an option no command has (in a code span of options such as ``--out FILE``), or an
  option the command it is written with does not have (``gradelib grade DIR --as-of
  2024-10-15``, or any code span of options in that command's row of a table);

and when it leaves out a command, an option of a command (in the command's table row) or
a room of the package. Code spans of other programs (``make test``, ``pytest
--doctest-modules gradelib``) are left alone.
"""

from __future__ import annotations

import argparse
import importlib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from gradelib.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
SPAN = re.compile(r"`([^`]+)`")
COMMAND = re.compile(r"(?<![\w./-])gradelib +([A-Za-z][\w-]*)")
OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
PATH = re.compile(r"(?<![\w./-])((?:gradelib|tests|notebooks|benchmarks|data|\.ci)/[\w./*-]*)")
DOTTED = re.compile(r"(?<![\w./-])(gradelib(?:\.[A-Za-z_]\w*)+)")
TABLE_ROW = re.compile(r"^\| `gradelib ([\w-]+)[^`]*` \|.*$", re.MULTILINE)


@dataclass(frozen=True)
class Truth:
    """What exists: each command with its options, and the repository on disk."""

    commands: dict[str, set[str]]
    root: Path


def parser_truth(parser: argparse.ArgumentParser, root: Path = ROOT) -> Truth:
    """Every subcommand of ``parser`` and the option strings it takes (``-h`` too)."""
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    commands = {
        name: {option for action in sub._actions for option in action.option_strings}
        for name, sub in subparsers.choices.items()
    }
    return Truth(commands, root)


def markdown_code(text: str) -> tuple[list[str], str]:
    """The snippets of code (each inline span; each line of a fenced block) and the prose
    with the fenced blocks taken out."""
    snippets = [line for _, block in FENCE.findall(text) for line in block.splitlines()]
    prose = FENCE.sub("", text)
    snippets += [" ".join(span.split()) for span in SPAN.findall(prose)]
    return snippets, prose


def path_exists(path: str, root: Path) -> bool:
    """Whether a repository path (a glob such as ``tests/test_canvas_*.py`` allowed) exists."""
    return any(root.glob(path.rstrip("/"))) if "*" in path else (root / path).exists()


def dotted_exists(name: str) -> bool:
    """Whether ``gradelib.x.y`` imports: the longest module prefix, then attributes."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


def snippet_findings(snippet: str, truth: Truth) -> list[str]:
    """What a code snippet names that does not exist: commands, and options checked
    against the command written before them (or against every command, in a span that
    is options only, such as ``--out FILE``)."""
    found = []
    matches = list(COMMAND.finditer(snippet))
    ends = [match.start() for match in matches[1:]] + [len(snippet)]
    for match, end in zip(matches, ends, strict=False):  # no match: no end either
        name = match.group(1)
        if name not in truth.commands:
            found.append(f"no command 'gradelib {name}' (in `{snippet}`)")
            continue
        rest = snippet[match.end() : end]
        found += [
            f"'gradelib {name}' has no option {option} (in `{snippet}`)"
            for option in OPTION.findall(rest)
            if option not in truth.commands[name]
        ]
    if not matches and snippet.startswith("-"):
        every = set().union(*truth.commands.values())
        found += [
            f"no command has {option} (in `{snippet}`)"
            for option in OPTION.findall(snippet)
            if option not in every
        ]
    return found


def table_rows(prose: str) -> dict[str, list[str]]:
    """Command -> the rows of README's tables that start with it (```gradelib x ...```)."""
    rows: dict[str, list[str]] = {}
    for row in TABLE_ROW.finditer(prose):
        rows.setdefault(row.group(1), []).append(row.group(0))
    return rows


def row_options(rows: list[str]) -> set[str]:
    """The options written in code spans of options only (```--out FILE```) in ``rows``."""
    spans = [span for row in rows for span in SPAN.findall(row) if span.startswith("-")]
    return {option for span in spans for option in OPTION.findall(span)}


def readme_findings(text: str, truth: Truth) -> list[str]:
    """Everything ``text`` names that does not exist (empty when it is in step)."""
    snippets, prose = markdown_code(text)
    found = [f for snippet in snippets for f in snippet_findings(snippet, truth)]
    for name, rows in table_rows(prose).items():
        options = truth.commands.get(name, set())
        found += [
            f"'gradelib {name}' has no option {option} (in its table row)"
            for option in sorted(row_options(rows) - options)
        ]
    paths = [path.rstrip(".,:;") for path in PATH.findall(text)]
    found += [f"no file {path}" for path in paths if not path_exists(path, truth.root)]
    names = DOTTED.findall(text)
    return found + [f"{name} does not import" for name in names if not dotted_exists(name)]


def readme_missing(text: str, truth: Truth) -> list[str]:
    """The commands, options (in the command's table rows) and rooms ``text`` leaves out."""
    snippets, prose = markdown_code(text)
    named = {m.group(1) for snippet in snippets for m in COMMAND.finditer(snippet)}
    missing = [f"command 'gradelib {name}'" for name in truth.commands if name not in named]
    rows = table_rows(prose)
    for name, options in truth.commands.items():
        written = row_options(rows.get(name, []))
        missing += [
            f"option {option} of 'gradelib {name}' (in its table row)"
            for option in sorted(options - {"-h", "--help"} - written)
        ]
    rooms = sorted(p.parent.name for p in (truth.root / "gradelib").glob("*/__init__.py"))
    missing += [f"room gradelib/{room}/" for room in rooms if f"`gradelib/{room}/`" not in text]
    return missing


TRUTH = parser_truth(build_parser())


def test_readme_names_nothing_that_does_not_exist() -> None:
    assert readme_findings(README, TRUTH) == []


def test_readme_names_every_command_option_and_room() -> None:
    assert readme_missing(README, TRUTH) == []


def test_the_truth_comes_from_the_parser_and_the_disk() -> None:
    assert {"check", "grade", "export", "verify-canvas", "sample"} <= set(TRUTH.commands)
    assert {"--csv", "--notes", "--as-of"} <= TRUTH.commands["grade"]
    assert "--csv" not in TRUTH.commands["export"]


GOOD = """
Run `gradelib grade DIR --notes --as-of 2024-10-15`; `--out FILE` writes elsewhere.

| command | what |
| --- | --- |
| `gradelib export DIR` | writes; `--overwrite` to replace |

`gradelib/score/grades.py` (`gradelib.score.grades.score_course`), `tests/test_cli.py`,
`tests/test_canvas_*.py`, `make test`, `pytest --doctest-modules gradelib`.

```sh
gradelib check data/sample
```
"""


def test_the_checker_passes_a_text_in_step() -> None:
    assert readme_findings(GOOD, TRUTH) == []


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("`gradelib frobnicate DIR`", "no command 'gradelib frobnicate'"),
        ("```sh\ngradelib frobnicate data/sample\n```", "no command 'gradelib frobnicate'"),
        ("`gradelib grade DIR --frob`", "'gradelib grade' has no option --frob"),
        ("`gradelib export DIR --csv`", "'gradelib export' has no option --csv"),
        ("`--frob N`", "no command has --frob"),
        ("| `gradelib export DIR` | `--csv` prints |", "'gradelib export' has no option --csv"),
        ("see `gradelib/nowhere.py`", "no file gradelib/nowhere.py"),
        ("see gradelib/score/nowhere/.", "no file gradelib/score/nowhere/"),
        ("`tests/test_no_such_*.py`", "no file tests/test_no_such_*.py"),
        ("`gradelib.score.nowhere`", "gradelib.score.nowhere does not import"),
        ("`gradelib.score.grades.nothing(course)`", "gradelib.score.grades.nothing does not"),
        ("`gradelib.no_such_function(course)`", "gradelib.no_such_function does not import"),
    ],
)
def test_the_checker_catches_what_does_not_exist(text: str, finding: str) -> None:
    assert [f for f in readme_findings(GOOD + text, TRUTH) if f.startswith(finding)], text


def test_the_checker_catches_a_command_left_out() -> None:
    text = README.replace("gradelib canvas-check", "gradelib canvas-chek")
    assert "command 'gradelib canvas-check'" in readme_missing(text, TRUTH)
    assert "no command 'gradelib canvas-chek' (in `gradelib canvas-chek FILE`)" in (
        readme_findings(text, TRUTH)
    )


def test_the_checker_catches_an_option_or_room_left_out() -> None:
    text = README.replace("`--seed S`", "the seed").replace("`gradelib/sample/`", "the sample")
    missing = readme_missing(text, TRUTH)
    assert "option --seed of 'gradelib sample' (in its table row)" in missing
    assert "room gradelib/sample/" in missing
