"""`gradelib rubric-template`: a pre-filled rubrics.xlsx, checked on the tiny course.

The tiny course (tests/builder.py) has groups g1 (alice, bob, carol), g2 (dave, erin) and
g3 (frank), and three paper lectures:

====== ========= ==========
date   presenter summarizer
====== ========= ==========
09-03  g1        g2
09-05  g2        g3
09-12  g3        g1
====== ========= ==========

So the template has three rows on every sheet: presentation g1/09-03, g2/09-05,
g3/09-12; summary g2/09-03, g3/09-05, g1/09-12; the project sheets g1, g2, g3. The
criteria are the default policy's (the sample course's rubrics), written out by hand below.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import stat
import subprocess
from pathlib import Path

import openpyxl
import pytest
from builder import base_tables, write_course, write_csv

import gradelib
from gradelib.errors import CourseError, ExportError, GradelibError, ProblemLog
from gradelib.policy.read import policy_from_text
from gradelib.show.rubric_template import template_rows, write_rubric_template

#: Sheet -> (header, row 2), worked out by hand from the default policy.
EXPECTED = {
    "presentation": (
        ["group", "date", "grader", "submitted",
         "background", "approach", "technical_depth", "critique", "delivery"],
        ["max", None, None, None, 10, 10, 10, 10, 10],
    ),
    "summary": (
        ["group", "date", "grader", "submitted",
         "problem", "related_work", "solution", "limitations", "future_work"],
        ["max", None, None, None, 4, 4, 4, 4, 4],
    ),
    "proposal": (
        ["group", "grader", "submitted", "problem", "related_work", "plan", "feasibility"],
        ["max", None, None, 5, 5, 5, 5],
    ),
    "final_report": (
        ["group", "grader", "submitted", "motivation", "design", "evaluation", "writing"],
        ["max", None, None, 10, 15, 15, 10],
    ),
    "midterm_presentation": (
        ["group", "grader", "submitted", "progress", "clarity", "qa"],
        ["max", None, None, 10, 5, 5],
    ),
    "poster": (
        ["group", "grader", "submitted", "content", "design", "qa"],
        ["max", None, None, 10, 5, 5],
    ),
}  # fmt: skip
SEP3, SEP5, SEP12 = dt.datetime(2024, 9, 3), dt.datetime(2024, 9, 5), dt.datetime(2024, 9, 12)
#: Sheet -> the (group, date) of rows 3, 4, 5.
ROWS = {
    "presentation": [("g1", SEP3), ("g2", SEP5), ("g3", SEP12)],
    "summary": [("g2", SEP3), ("g3", SEP5), ("g1", SEP12)],
    **{
        sheet: [("g1", None), ("g2", None), ("g3", None)]
        for sheet in ("proposal", "final_report", "midterm_presentation", "poster")
    },
}
#: Share of each maximum that the filled template gives each group.
SHARE = {"g1": 1.0, "g2": 0.5, "g3": 0.0}


def course_without_rubrics(folder: Path, **parts) -> Path:
    """The tiny course with no rubrics.xlsx yet."""
    write_course(folder, **parts)
    (folder / "rubrics.xlsx").unlink()
    return folder


def only_groups_and_schedule(folder: Path) -> Path:
    """A folder with nothing but the groups and the schedule."""
    folder.mkdir()
    tables = base_tables()
    write_csv(folder / "groups.csv", tables["groups"])
    write_csv(folder / "schedule.csv", tables["schedule"])
    return folder


def fill(path: Path) -> None:
    """Grade every row: grader insujang, each criterion SHARE of its maximum, and a
    submission time well within each deadline on the presentation and summary sheets."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        header = [cell.value for cell in sheet[1]]
        maxima = [cell.value for cell in sheet[2]]
        for row in sheet.iter_rows(min_row=3):
            share = SHARE[row[0].value]
            for cell, column, top in zip(row, header, maxima, strict=True):
                if column == "grader":
                    cell.value = "insujang"
                elif column == "submitted" and "date" in header:
                    day = row[header.index("date")].value
                    hours = -48 if sheet.title == "presentation" else 20
                    cell.value = day + dt.timedelta(hours=hours)
                elif isinstance(top, int | float):
                    cell.value = top * share
    book.save(path)


# --- the rows, worked out by hand ------------------------------------------------------


def test_template_rows_of_the_tiny_course(tmp_path: Path) -> None:
    course = gradelib.load_course(write_course(tmp_path / "course"))
    rows = template_rows(course.groups, course.schedule, course.policy)
    assert list(rows) == list(EXPECTED)
    for sheet, frame in rows.items():
        assert list(frame.columns) == EXPECTED[sheet][0], sheet
        assert frame["group"].tolist() == [group for group, _ in ROWS[sheet]], sheet
        if "date" in frame:
            assert frame["date"].tolist() == [day for _, day in ROWS[sheet]], sheet
        blank = frame.drop(columns=["group", "date"], errors="ignore")
        assert blank.isna().all().all(), sheet


def test_the_workbook_has_six_sheets_with_header_maxima_and_rows(tmp_path: Path) -> None:
    folder = course_without_rubrics(tmp_path / "course")
    path = write_rubric_template(folder)
    assert path == folder / "rubrics.xlsx"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(EXPECTED)
    for sheet in book.worksheets:
        header, maxima = EXPECTED[sheet.title]
        cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert cells[0] == header, sheet.title
        assert cells[1] == maxima, sheet.title
        assert len(cells) == 2 + 3, sheet.title
        for values, (group, day) in zip(cells[2:], ROWS[sheet.title], strict=True):
            expected = [group, day] if day else [group]
            assert values == expected + [None] * (len(header) - len(expected)), sheet.title
    assert not list(folder.glob(".rubrics.xlsx.*")), "no temporary file is left behind"


def test_score_cells_are_limited_to_0_to_max(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_rubric_template(course_without_rubrics(tmp_path / "c")))
    for sheet in book.worksheets:
        header, maxima = EXPECTED[sheet.title]
        checks = {str(check.sqref): check for check in sheet.data_validations.dataValidation}
        criteria = [i for i, top in enumerate(maxima) if top is not None and top != "max"]
        assert len(checks) == len(criteria), sheet.title
        for index in criteria:
            letter = "ABCDEFGHI"[index]
            # Rows 3-5 hold the items; 100 spare rows below take a second grader's rows.
            check = checks[f"{letter}3:{letter}105"]
            assert (check.type, check.operator) == ("decimal", "between")
            assert (check.formula1, check.formula2) == ("0", str(maxima[index]))
            assert check.allow_blank and check.showErrorMessage and check.errorStyle == "stop"
            assert check.errorTitle == "Score out of range"
            assert f"from 0 to {maxima[index]} for {header[index]}" in check.error


def test_frozen_header_formats_and_widths(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_rubric_template(course_without_rubrics(tmp_path / "c")))
    for sheet in book.worksheets:
        header = EXPECTED[sheet.title][0]
        assert sheet.freeze_panes == "A3", sheet.title
        assert sheet["A1"].font.b and sheet["A2"].font.b
        for index, column in enumerate(header):
            letter = "ABCDEFGHI"[index]
            width = sheet.column_dimensions[letter].width
            assert width >= len(column) + 2, (sheet.title, column)
            if column == "submitted":
                assert width >= len("2024-09-18 09:00")
                for row in (3, 4, 5):
                    assert sheet[f"{letter}{row}"].number_format == "yyyy-mm-dd hh:mm"
            if column == "date":
                for row in (3, 4, 5):
                    assert sheet[f"{letter}{row}"].number_format == "yyyy-mm-dd"


def test_only_groups_and_schedule_are_needed(tmp_path: Path) -> None:
    folder = only_groups_and_schedule(tmp_path / "new")
    path = write_rubric_template(folder)
    assert openpyxl.load_workbook(path).sheetnames == list(EXPECTED)


# --- never over an existing file, bad inputs -------------------------------------------


def test_an_existing_rubrics_workbook_is_never_replaced(tmp_path: Path) -> None:
    folder = write_course(tmp_path / "course")  # with its graded rubrics.xlsx
    before = (folder / "rubrics.xlsx").read_bytes()
    with pytest.raises(ExportError, match="already exists") as caught:
        write_rubric_template(folder)
    assert isinstance(caught.value, GradelibError)
    assert (folder / "rubrics.xlsx").read_bytes() == before
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")]
    other = write_rubric_template(folder, out=tmp_path / "blank.xlsx")
    assert other == tmp_path / "blank.xlsx"
    with pytest.raises(ExportError):
        write_rubric_template(folder, out=other)


def test_bad_groups_and_policy_are_all_reported(tmp_path: Path) -> None:
    folder = only_groups_and_schedule(tmp_path / "bad")
    groups = base_tables()["groups"]
    groups[2] = ["", "bob"]  # row 3: no group
    write_csv(folder / "groups.csv", groups)
    (folder / "policy.toml").write_text("[rubrics.poster]\ncontent = -10\n", encoding="utf-8")
    with pytest.raises(CourseError) as caught:
        write_rubric_template(folder)
    shown = [str(p) for p in caught.value.problems]
    assert any(s.startswith("error: groups.csv, row 3, column group:") for s in shown), shown
    assert any(
        s.startswith("error: policy.toml, line 2, column content: [rubrics.poster] content")
        for s in shown
    ), shown
    assert "groups.csv, row 3" in str(caught.value)
    assert not (folder / "rubrics.xlsx").exists()


def test_a_schedule_naming_an_unknown_group_is_an_error(tmp_path: Path) -> None:
    folder = only_groups_and_schedule(tmp_path / "bad")
    schedule = base_tables()["schedule"]
    schedule[1][3] = "g9"  # row 2: presenter
    write_csv(folder / "schedule.csv", schedule)
    with pytest.raises(CourseError) as caught:
        write_rubric_template(folder)
    assert "schedule.csv, row 2, column presenter: group 'g9' is not in groups" in str(caught.value)


def test_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(CourseError, match="no such course folder"):
        write_rubric_template(tmp_path / "nowhere")


# --- filled in, it loads ---------------------------------------------------------------


@pytest.mark.slow
def test_the_unfilled_template_loads_with_every_row_ungraded(tmp_path: Path) -> None:
    folder = course_without_rubrics(tmp_path / "course")
    write_rubric_template(folder)
    course = gradelib.load_course(folder)
    assert not [w for w in course.warnings if w.file == "rubrics.xlsx"]
    for sheet, rubric in course.rubrics.items():
        assert rubric.scores.empty, sheet
        assert rubric.ungraded["group"].tolist() == [g for g, _ in ROWS[sheet]], sheet
        assert rubric.ungraded["row"].tolist() == [3, 4, 5], sheet


@pytest.mark.slow
def test_the_filled_template_loads_with_the_hand_computed_scores(tmp_path: Path) -> None:
    folder = course_without_rubrics(tmp_path / "course")
    fill(write_rubric_template(folder))
    course = gradelib.load_course(folder)
    for sheet, rubric in course.rubrics.items():
        header, maxima = EXPECTED[sheet]
        assert dict(rubric.maxima) == {
            name: top for name, top in zip(header, maxima, strict=True) if name != "group" and top
        }, sheet
        scores = dict(zip(rubric.scores["group"], rubric.scores["score"], strict=True))
        assert scores == {"g1": 100.0, "g2": 50.0, "g3": 0.0}, sheet
        assert rubric.ungraded.empty, sheet
    grades = gradelib.compute_grades(course).set_index("uniqname")
    # Everyone is at 100 in participation; the rubric components are 100, 50 and 0.
    # dave: .15·50 + .15·50 + .10·100 + .40·50 + .20·50 = 55.
    assert grades["final"].to_dict() == pytest.approx(
        {"alice": 100, "bob": 100, "carol": 100, "dave": 55, "erin": 55, "frank": 10}
    )


# --- LibreOffice opens it without a repair ---------------------------------------------


@pytest.mark.slow
def test_libreoffice_opens_the_template_without_repair(tmp_path: Path) -> None:
    office = shutil.which("libreoffice")
    if office is None:
        if os.environ.get("CI"):
            pytest.fail("libreoffice is not installed, and CI must check the template with it")
        pytest.skip("libreoffice is not installed")
    path = write_rubric_template(only_groups_and_schedule(tmp_path / "course"))
    out = tmp_path / "csv"
    result = subprocess.run(
        [
            office,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for word in ("repair", "corrupt", "error"):
        assert word not in result.stderr.lower(), result.stderr
    with (out / "rubrics.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, maxima = EXPECTED["presentation"]
    assert rows[0] == header
    assert rows[1] == ["" if top is None else str(top) for top in maxima]
    assert rows[2][:2] == ["g1", "2024-09-03"]


# --- [rubrics.<sheet>] in policy.toml --------------------------------------------------


def test_a_policy_section_replaces_one_sheets_criteria(tmp_path: Path) -> None:
    text = '[rubrics.poster]\nideas = 6\n"Visual design" = 4.5\n'
    policy = policy_from_text(text, ProblemLog())
    assert policy is not None
    assert dict(policy.rubric_criteria["poster"]) == {"ideas": 6.0, "Visual design": 4.5}
    assert list(policy.rubric_criteria["final_report"]) == EXPECTED["final_report"][0][3:]
    with pytest.raises(TypeError):
        policy.rubric_criteria["poster"]["ideas"] = 7  # type: ignore[index]
    folder = only_groups_and_schedule(tmp_path / "course")
    (folder / "policy.toml").write_text(text, encoding="utf-8")
    sheet = openpyxl.load_workbook(write_rubric_template(folder))["poster"]
    assert [c.value for c in sheet[1]] == ["group", "grader", "submitted", "ideas", "Visual design"]
    assert [c.value for c in sheet[2]] == ["max", None, None, 6, 4.5]
    assert sheet.data_validations.dataValidation[1].formula2 == "4.5"


def test_the_default_policy_has_the_sample_criteria() -> None:
    policy = gradelib.default_policy()
    for sheet, (header, maxima) in EXPECTED.items():
        criteria = {n: t for n, t in zip(header, maxima, strict=True) if n != "group" and t}
        assert dict(policy.rubric_criteria[sheet]) == criteria, sheet


BAD_POLICY = """\
[weights]
presentation = 15

[rubrics.proposal]
problem = 5

[rubrics.summary]
problem = -1
"related work" = "four"
grader = 2
clarity = true
Clarity = 2

[rubrics.poster]

[rubrics.posters]
ideas = 5
"""


def test_bad_rubric_sections_are_errors_with_their_lines() -> None:
    log = ProblemLog()
    assert policy_from_text(BAD_POLICY, log) is None
    shown = [str(p) for p in log.problems]
    expected = [
        "error: policy.toml, line 16: unknown rubric sheet [rubrics.posters]; the sheets are: "
        "presentation, summary, proposal, final_report, midterm_presentation, poster",
        # problem is on line 5 too (in [rubrics.proposal]), but the bad one is on line 8.
        "error: policy.toml, line 8, column problem: [rubrics.summary] problem must be its "
        "maximum points, a number above 0, not -1",
        "error: policy.toml, line 9, column related work: [rubrics.summary] related work must "
        "be its maximum points, a number above 0, not 'four'",
        "error: policy.toml, line 10, column grader: [rubrics.summary] grader cannot name a "
        "criterion",
        "error: policy.toml, line 11, column clarity: [rubrics.summary] clarity must be its "
        "maximum points, a number above 0, not True",
        "error: policy.toml, line 12, column Clarity: [rubrics.summary] Clarity is the same "
        "column as 'clarity'",
        "error: policy.toml, line 14: [rubrics.poster] names no criterion",
    ]
    for text in expected:
        assert any(s.startswith(text) for s in shown), (text, shown)
    assert len(shown) == len(expected), shown


def test_a_rubrics_entry_that_is_not_a_section(tmp_path: Path) -> None:
    folder = write_course(tmp_path / "course", policy="[rubrics]\nposter = 20\n")
    course, problems = gradelib.check_course(folder)
    assert course is None
    assert [str(p) for p in problems if p.file == "policy.toml"] == [
        "error: policy.toml, line 2, column poster: 'poster' in [rubrics] must be a section "
        "[rubrics.poster] of criterion = maximum points"
    ]
