"""``gradelib verify-canvas`` and the export panel's verify step, on exports built as
Canvas writes them (:func:`test_verify_canvas_helpers.canvas_export`)."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
from builder import run_cli, write_course
from test_verify_canvas_helpers import AGREE, SURVEY_COLUMN, canvas_export, imported, totals

import gradelib
from gradelib.export.verify_canvas import verify_canvas
from gradelib.export.verify_read import VerifyError
from gradelib.notebook.session import Session

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "verify"
# The survey case of test_verify_canvas: Course Survey (1 point) scored for alice and
# dave; alice (92.35 + 1) / 101 = 92.43, dave 89.15 / 101 = 88.27.
SURVEY = {
    **AGREE,
    "alice": {**totals("92.43", "A-"), "Course Survey (88231)": "1.00"},
    "dave": {**totals("88.27", "B+"), "Course Survey (88231)": "1.00"},
}


@pytest.fixture
def course_folder(tmp_path: Path) -> Path:
    return write_course(tmp_path / "course")


def test_cli_exits_0_when_every_student_agrees(course_folder: Path, tmp_path: Path) -> None:
    _, file = imported(course_folder)
    path = canvas_export(tmp_path / "after.csv", file, AGREE)
    status, out, err = run_cli("verify-canvas", course_folder, path)
    assert (status, err) == (0, "")
    assert "6 student(s) compared" in out and "Canvas agrees for all 6 student(s)" in out


def test_cli_exits_1_and_prints_one_line_per_cause(course_folder: Path, tmp_path: Path) -> None:
    _, file = imported(course_folder)
    path = canvas_export(tmp_path / "after.csv", file, SURVEY, before=SURVEY_COLUMN)
    status, out, _ = run_cli("verify-canvas", course_folder, path)
    assert status == 1
    (line,) = [line for line in out.splitlines() if line.startswith("- ")]
    assert line.startswith("- Other assignments count (2 students: alice, dave)")


def test_cli_prints_the_scheme_when_letters_differ(course_folder: Path, tmp_path: Path) -> None:
    # Canvas's scheme has A- from 92.5: alice's 92.35 reads B+ there (A- in policy.toml).
    _, file = imported(course_folder)
    canvas = {**AGREE, **{u: totals("92.35", "B+") for u in ("alice", "bob", "carol")}}
    status, out, _ = run_cli("verify-canvas", course_folder, canvas_export(
        tmp_path / "after.csv", file, canvas))  # fmt: skip
    assert status == 1
    assert "- Letters at other cut-offs (3 students: alice, bob, carol)" in out
    assert "a grading scheme with other cut-offs" in out
    assert "  A-  from 90.00 %" in out


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.csv", None, "no such file"),
        ("binary.csv", b"\x89PNG\r\n\x1a\n\xff\xfe", "not UTF-8 text"),
        ("empty.csv", b"", "the file is empty"),
        ("grades.csv", b"uniqname,final\nalice,92.35\n", "no Student or SIS Login ID column"),
        ("ragged.csv", b'Student,ID,SIS Login ID,Section\n"A, B",1\n', "row 2: 2 cells"),
        ("roster.csv", b'Student,ID,SIS Login ID,Section\n"A, B",1,alice,S\n', "Points Possible"),
    ],
)
def test_cli_unreadable_export_is_a_clear_message(
    course_folder: Path, tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    status, out, err = run_cli("verify-canvas", course_folder, path)
    assert status == 1 and out == ""
    assert err.startswith(f"gradelib: {path}") and expected in err
    assert "Traceback" not in err


def test_cli_in_a_real_process_never_shows_a_traceback(course_folder: Path) -> None:
    folder = course_folder
    result = subprocess.run(
        [sys.executable, "-m", "gradelib", "verify-canvas", str(folder), str(folder)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "cannot be read" in result.stderr and "Traceback" not in result.stderr


def test_semicolon_export_with_decimal_commas_reads_the_same(tmp_path: Path) -> None:
    # A Canvas user with a decimal-comma locale gets ';'-separated fields and 92,35.
    course, file = imported(write_course(tmp_path / "course"))
    path = canvas_export(tmp_path / "after.csv", file, AGREE)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [[re.sub(r"^(\d+)\.(\d+)$", r"\1,\2", c) for c in row] for row in csv.reader(handle)]
    assert rows[2][5:7] == ["13,50", "14,25"]  # alice's presentation and summary
    with (tmp_path / "comma.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    result = verify_canvas(course, tmp_path / "comma.csv")
    assert result.ok, result.lines()


def test_verify_error_is_raised_from_python(course_folder: Path) -> None:
    with pytest.raises(VerifyError, match="no such file"):
        verify_canvas(gradelib.load_course(course_folder), course_folder / "nope.csv")


def test_export_panel_verifies_the_downloaded_export(course_folder: Path, tmp_path: Path) -> None:
    from gradelib.notebook import ExportPanel

    course, file = imported(course_folder)
    canvas_export(course_folder / "after.csv", file, SURVEY,
                  before=SURVEY_COLUMN)  # fmt: skip
    panel = ExportPanel(Session(course.folder))
    assert panel.verify in panel.children
    panel.verify.path.value = "after.csv"  # found in the course folder
    panel.verify.button.click()
    shown = panel.verify.result.value
    assert 'data-ok="false"' in shown
    assert (
        "<td>Other assignments count</td>" in shown and "<td>2 students: alice, dave</td>" in shown
    )
    assert panel.verify.verification is not None
    assert panel.verify.verification.disagreeing == ("alice", "dave")


def test_export_panel_verify_step_agrees_and_reports_bad_paths(
    course_folder: Path, tmp_path: Path
) -> None:
    from gradelib.notebook import ExportPanel

    course, file = imported(course_folder)
    path = canvas_export(tmp_path / "after.csv", file, AGREE)
    panel = ExportPanel(Session(course.folder))
    panel.verify.verify()
    assert "Give the path" in panel.verify.result.value
    panel.verify.path.value = str(tmp_path / "nope.csv")
    panel.verify.verify()
    assert "no such file" in panel.verify.result.value and panel.verify.verification is None
    panel.verify.path.value = str(path)
    panel.verify.verify()
    assert 'data-ok="true"' in panel.verify.result.value
    assert "all 6 student(s)" in panel.verify.result.value
