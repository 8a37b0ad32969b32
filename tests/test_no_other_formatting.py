"""One rounding and formatting path (issue 12): no other float formatting of scores.

SPEC: "Every number shown anywhere (tables, CSV, notes, statements, notebook panels, the
Canvas file) is rounded by one rule, half-up to two decimals". The rule lives in
``gradelib/sheets/rounding.py`` (``round_half_up``, ``score_text``, ``score_texts``,
``letters_for``). This test reads the code of every other module of the package
(comments and docstrings left out) and fails on another way to round or format a
number: ``.2f`` format specs (``:.2f``, ``.2f}``, ``"%.2f"``), pandas' ``float_format``,
``Decimal(...)``, ``.quantize(...)`` and ``round(...)`` (built-in, NumPy or pandas).

A line that matches but does not round or format a score goes on :data:`ALLOWED`, with the
reason; entries are matched on the file and the line's text (not its number), so an edited
line has to be looked at again.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "gradelib"
THE_RULE = "gradelib/sheets/rounding.py"

#: What another rounding or formatting path looks like.
PATTERNS = {
    "format spec .2f": re.compile(r"\.2f"),
    "float_format": re.compile(r"\bfloat_format\b"),
    "Decimal(": re.compile(r"\bDecimal\("),
    ".quantize(": re.compile(r"\.quantize\("),
    "round(": re.compile(r"\bround\("),  # round(, np.round(, .round(; not round_half_up(
}

#: (file, the line's text stripped) -> why it does not round or format a score.
ALLOWED: dict[tuple[str, str], str] = {
    # The planner keeps a solved stage's best value as a bound for the next: the solver's
    # objective is a whole number of rank points held in a float, not a score.
    ("gradelib/plan/model.py", "model.add(objective <= round(solver.objective_value))"): (
        "the solver's integer objective, not a score"
    ),
    # cutoffs.py counts finals already rounded by round_half_up (two decimals) in integer
    # hundredths; the round() only removes binary noise (0.3 * 100 = 30.000000000000004).
    # No number is shown through these; the text goes through score_text.
    (
        "gradelib/score/cutoffs.py",
        "return round(float(value) * _HUNDRED)",
    ): "a gap or reach the GSI typed, as integer hundredths (not shown)",
    (
        "gradelib/score/cutoffs.py",
        "return int(np.ceil(round(float(cutoff) * _HUNDRED, 6)))",
    ): "a cut-off as integer hundredths for counting finals (not shown)",
    (
        "gradelib/score/cutoffs.py",
        "allowed = clear if lower is None else clear[clear > round(lower[1] * _HUNDRED, 6)]",
    ): "compares integer hundredths with the next cut-off (not shown)",
    (
        "gradelib/score/cutoffs.py",
        "points = np.sort(np.round(rounded.to_numpy() * _HUNDRED).astype(np.int64))",
    ): "finals already rounded by round_half_up, as integer hundredths (not shown)",
    # The synthetic sample course: counts of students and items, and the sample Canvas
    # export's own (input) totals, computed exactly and shown through score_text.
    (
        "gradelib/sample/rubrics.py",
        "twice = set(rng.permutation(len(items))[: round(len(items) * DOUBLE_GRADED)].tolist())",
    ): "a count of double-graded items, not a score",
    (
        "gradelib/sample/attendance.py",
        "over = max(1, round(OVER_ALLOWANCE * n))",
    ): "a count of students, not a score",
    (
        "gradelib/sample/canvas.py",
        "earned = sum((v for v, _ in graded), Decimal(0))",
    ): "exact sum of the sample Canvas export's input scores; shown through score_text",
    (
        "gradelib/sample/canvas.py",
        "g: Decimal(int(25 + 5 * rng.random()) * 5) / 10 for g in sorted(set(group_of.values()))",
    ): "draws a sample input score in half points (exact), not a shown value",
    (
        "gradelib/sample/canvas.py",
        "survey = Decimal(1) if surveyed else None",
    ): "the sample export's 1-point survey (input data), not a shown value",
}


def _docstring_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                lines.update(range(body[0].lineno, (body[0].end_lineno or body[0].lineno) + 1))
    return lines


def formatting_hits(source: str, path: str = "<snippet>") -> list[tuple[int, str, str]]:
    """Every line of ``source`` that rounds or formats a number another way.

    Comments and docstrings are left out; lines on :data:`ALLOWED` for ``path`` too.

    Returns
    -------
    list of (line number, pattern name, line text)
    """
    skip = _docstring_lines(ast.parse(source))
    comment_at: dict[int, int] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comment_at[token.start[0]] = token.start[1]
    hits = []
    for number, line in enumerate(source.splitlines(), start=1):
        if number in skip:
            continue
        code = line[: comment_at[number]] if number in comment_at else line
        if (path, line.strip()) in ALLOWED:
            continue
        for name, pattern in PATTERNS.items():
            if pattern.search(code):
                hits.append((number, name, line.strip()))
                break
    return hits


def package_files() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE.parent).as_posix() != THE_RULE
    )


def test_no_other_rounding_or_formatting_of_scores_in_the_package() -> None:
    found = []
    for path in package_files():
        name = path.relative_to(PACKAGE.parent).as_posix()
        for number, pattern, line in formatting_hits(path.read_text("utf-8"), name):
            found.append(f"{name}:{number}: {pattern}: {line}")
    assert not found, (
        "scores must be rounded and turned into text by gradelib/sheets/rounding.py only "
        "(round_half_up, score_text, score_texts); move these there or call it, or, if a "
        "line does not round or format a score, add it to ALLOWED with the reason:\n  "
        + "\n  ".join(found)
    )


def test_every_allowed_line_still_exists() -> None:
    """An allow-list entry whose line is gone is stale: remove it."""
    texts = {
        path.relative_to(PACKAGE.parent).as_posix(): {
            line.strip() for line in path.read_text("utf-8").splitlines()
        }
        for path in package_files()
    }
    stale = [key for key in ALLOWED if key[1] not in texts.get(key[0], set())]
    assert not stale, stale


# --- the checker itself can fail ----------------------------------------------------


@pytest.mark.parametrize(
    ("snippet", "pattern"),
    [
        ('text = f"{x:.2f}"\n', "format spec .2f"),
        ('text = f"{x:6.2f} points"\n', "format spec .2f"),
        ('text = "{:.2f}".format(x)\n', "format spec .2f"),
        ('text = "%.2f" % x\n', "format spec .2f"),
        ('text = format(x, ".2f")\n', "format spec .2f"),
        ('frame.to_csv(out, float_format="%.3f")\n', "float_format"),
        ("from decimal import Decimal\nd = Decimal(repr(x))\n", "Decimal("),
        ("d = value.quantize(cent)\n", ".quantize("),
        ("y = round(x, 2)\n", "round("),
        ("y = np.round(x * 100) / 100\n", "round("),
        ("y = series.round(2)\n", "round("),
    ],
)
def test_the_checker_finds_other_formatting(snippet: str, pattern: str) -> None:
    hits = formatting_hits(snippet)
    assert [name for _, name, _ in hits] == [pattern], hits


def test_the_checker_leaves_comments_docstrings_and_the_rule_alone() -> None:
    snippet = (
        '"""Module docstring: f"{x:.2f}" and round(x, 2) are what not to do."""\n'
        "\n"
        "def shown(x):\n"
        '    """Like ``f"{x:.2f}"`` but half-up."""\n'
        "    return score_text(x)  # never f'{x:.2f}' or round(x, 2)\n"
        "\n"
        "y = round_half_up(values)\n"
    )
    assert formatting_hits(snippet) == []


def test_the_checker_fails_on_the_old_terminal_table() -> None:
    # gradelib/report.py before issue 12: the terminal table's own format, which showed
    # 86.125 as 86.12 while the statement showed 86.13.
    old = 'shown[column] = shown[column].map(lambda v: "-" if pd.isna(v) else f"{v:.2f}")\n'
    assert formatting_hits(old, "gradelib/report.py") == [(1, "format spec .2f", old.strip())]
