"""The written import file read back once (``check_written``): the same problems and the
same totals as checking it (``check_import_file``) and reading it as a gradebook
(``canvas_totals``) one after the other, for the file as written and for files that reading
cannot share (another separator, a row of another width) or that cannot be read back."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import gradelib
from gradelib.canvas.check import check_import_file
from gradelib.export.override import expected_totals
from gradelib.export.read_back import check_written
from gradelib.export.to_canvas import export_to_canvas
from gradelib.export.verify import canvas_totals, total_mismatches

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory):
    """The sample's export: (course, report, result, the file's lines)."""
    course = gradelib.load_course(SAMPLE)
    report = gradelib.score_course(course)
    out = tmp_path_factory.mktemp("read_back") / "import.csv"
    result = export_to_canvas(course, out, report=report)
    return course, report, result, out.read_text(encoding="utf-8").splitlines()


def read_twice(path: Path, report, result) -> tuple[list, list[str]]:
    """What an export found before the file was read once: check, then read again."""
    overrides = "Override Score" in result.file.header
    try:
        canvas = canvas_totals(path)
    except ValueError as exc:
        return check_import_file(path), [str(exc)]
    order = pd.Index(result.file.uniqnames)
    names = report.grades.set_index("uniqname")["name"]
    ours = expected_totals(report, order, overrides)
    return check_import_file(path), total_mismatches(canvas, ours, names)


def semicolons(lines: list[str]) -> list[str]:
    return [line.replace(",", ";") for line in lines]


def short_row(lines: list[str]) -> list[str]:
    return [*lines[:5], lines[5].rsplit(",", 1)[0], *lines[6:]]


def not_a_number(lines: list[str]) -> list[str]:
    return [*lines[:3], lines[3].rsplit(",", 1)[0] + ",abc", *lines[4:]]


def no_points_row(lines: list[str]) -> list[str]:
    return [lines[0], *lines[2:]]


def student_left_out(lines: list[str]) -> list[str]:
    return [*lines[:4], *lines[5:]]


def changed_total(lines: list[str]) -> list[str]:
    return [*lines[:6], lines[6].rsplit(",", 1)[0] + ",0.00", *lines[7:]]


@pytest.mark.parametrize(
    "change",
    [
        None,
        semicolons,
        short_row,
        not_a_number,
        no_points_row,
        student_left_out,
        changed_total,
    ],
)
def test_one_reading_finds_what_two_did(written, tmp_path: Path, change) -> None:
    course, report, result, lines = written
    path = tmp_path / "import.csv"
    path.write_text("".join(f"{line}\n" for line in (change(lines) if change else lines)))
    problems, mismatches = check_written(
        path, result.file, report, course.policy, "Override Score" in result.file.header
    )
    assert (problems, mismatches) == read_twice(path, report, result)
    if change is None:
        assert (problems, mismatches) == ([], [])
    if change in (short_row, student_left_out, changed_total, not_a_number, no_points_row):
        assert mismatches
