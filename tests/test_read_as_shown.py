"""Issue 14, silent misreads: each shared case read right, with its hand-worked value.

The shared cases (copied from ../shared/cases into tests/fixtures/cases) are small
courses: groups g1 = alice, bob and g2 = carol, dave, one criterion per rubric. With
nothing changed g1's final is 82.00 (B-) and g2's 83.00 (B):

====================== ========= ========= ========= ========= ==========
item (max 10 unless     g1        g2        weight    g1 points g2 points
said)
====================== ========= ========= ========= ========= ==========
presentation           8 -> 80   9 -> 90   15        12.00     13.50
summary                6 -> 60   7 -> 70   15        9.00      10.50
participation          100       100       10        10.00     10.00
project report         .25 × 80  .25 × 100 40        35.00     31.00
                       + .75 × 90 + .75 × 70
                       = 87.5    = 77.5
project presentations  (100+60)/2 (80+100)/2 20      16.00     18.00
                       = 80      = 90
final                                                82.00 B-  83.00 B
====================== ========= ========= ========= ========= ==========
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

import gradelib
from gradelib.errors import CourseError
from gradelib.load.course import check_course
from gradelib.policy.save import save_policy
from gradelib.show.statements import statement_document

CASES = Path(__file__).resolve().parent / "fixtures" / "cases"
BASE = {"alice": (82.0, "B-"), "bob": (82.0, "B-"), "carol": (83.0, "B"), "dave": (83.0, "B")}


def copy_case(name: str, tmp_path: Path) -> Path:
    folder = tmp_path / name
    shutil.copytree(CASES / name, folder)
    for path in folder.iterdir():
        path.chmod(0o644)
    return folder


def finals(folder: Path) -> dict[str, tuple[float, str]]:
    grades = gradelib.compute_grades(gradelib.load_course(folder)).set_index("uniqname")
    return {name: (float(row.final), row.letter) for name, row in grades.iterrows()}


def shown(problems) -> list[str]:
    return [str(problem) for problem in problems]


def visible_text(document: str) -> str:
    text = re.sub(r"<style>.*?</style>", "", document, flags=re.DOTALL)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))


# --- rub-percent-cells: a percent cell is that share of the criterion's maximum ----------


@pytest.mark.slow
def test_percent_cells_in_a_criterion_are_shares_of_its_maximum() -> None:
    course = gradelib.load_course(CASES / "rub-percent-cells")
    poster = course.rubrics["poster"]
    # max 100: 0.6 shown 60 % is 60 points, 1.0 shown 100 % is 100 points.
    assert dict(zip(poster.scores["group"], poster.criteria["score"], strict=True)) == {
        "g1": 60.0,
        "g2": 100.0,
    }
    grades = gradelib.compute_grades(course).set_index("uniqname")
    assert grades.loc["alice", "project_presentations"] == 80.0  # (100 + 60) / 2
    assert grades.loc["carol", "project_presentations"] == 90.0  # (80 + 100) / 2
    assert finals(CASES / "rub-percent-cells") == BASE


@pytest.mark.slow
def test_a_percent_override_cell_holding_095_is_95(tmp_path: Path) -> None:
    folder = copy_case("rub-percent-cells", tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["uniqname", "component", "value", "reason"])
    sheet.append(["alice", "final", 0.95, "regrade"])
    sheet["C2"].number_format = "0%"
    sheet.append(["carol", "project_presentations", "100%", "poster re-graded"])
    book.save(folder / "overrides.xlsx")
    course = gradelib.load_course(folder)
    assert course.overrides["value"].tolist() == [95.0, 100.0]
    # carol: 13.50 + 10.50 + 10.00 + 31.00 + 100 % of 20 = 85.00, a B.
    assert finals(folder) == {**BASE, "alice": (95.0, "A"), "carol": (85.0, "B")}


@pytest.mark.slow
def test_a_percent_formatted_maximum_is_an_error(tmp_path: Path) -> None:
    folder = copy_case("rub-percent-cells", tmp_path)
    book = openpyxl.load_workbook(folder / "rubrics.xlsx")
    book["poster"]["C2"] = 1
    book["poster"]["C2"].number_format = "0%"
    book.save(folder / "rubrics.xlsx")
    course, problems = check_course(folder)
    assert course is None
    assert (
        "error: rubrics.xlsx, sheet poster, row 2, column score: maximum points 100%; "
        "expected a number above 0"
    ) in shown(problems)


# --- rubric-total-column: a column that was never a criterion ----------------------------

TOTAL_SECTION = """[rubrics.final_report]
Total = 50
motivation = 10
design = 15
evaluation = 15
writing = 10"""


@pytest.mark.slow
def test_a_total_column_not_in_the_policy_is_an_error_with_the_section_to_paste() -> None:
    course, problems = check_course(CASES / "rubric-total-column")
    assert course is None
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1, shown(problems)
    error = errors[0]
    assert (error.file, error.sheet, error.row, error.column) == (
        "rubrics.xlsx",
        "final_report",
        1,
        "Total",
    )
    assert error.message.startswith(
        "'Total' is not one of policy.toml's criteria for this sheet ([rubrics.final_report]: "
        "motivation, design, evaluation, writing), so it is never counted"
    )
    assert error.message.endswith("\n" + TOTAL_SECTION)


@pytest.mark.slow
def test_without_a_policy_section_a_column_named_like_a_total_is_an_error(
    tmp_path: Path,
) -> None:
    folder = copy_case("rub-percent-cells", tmp_path)
    book = openpyxl.load_workbook(folder / "rubrics.xlsx")
    sheet = book["proposal"]
    for row, value in ((1, "Total points"), (2, 10), (3, 8), (4, 10)):
        sheet.cell(row=row, column=4, value=value)
    book.save(folder / "rubrics.xlsx")
    course, problems = check_course(folder)
    assert course is None
    assert shown(problems) == [
        "error: rubrics.xlsx, sheet proposal, row 1, column Total points: 'Total points' is "
        "named like a total, and a total is computed from the criteria, never read as one: "
        "delete the column; if it really is a criterion, declare the sheet's columns in "
        'policy.toml:\n[rubrics.proposal]\nc = 10\n"Total points" = 10'
    ]


@pytest.mark.slow
def test_the_pasted_section_makes_the_sheet_load(tmp_path: Path) -> None:
    """The section the message shows is valid TOML that declares the sheet as it is."""
    folder = copy_case("rubric-total-column", tmp_path)
    policy = (folder / "policy.toml").read_text(encoding="utf-8")
    start = policy.index("[rubrics.final_report]")
    end = policy.index("[rubrics.midterm_presentation]")
    (folder / "policy.toml").write_text(
        policy[:start] + TOTAL_SECTION + "\n\n" + policy[end:], encoding="utf-8"
    )
    course, problems = check_course(folder)
    assert course is not None, shown(problems)
    assert list(course.rubrics["final_report"].maxima) == [
        "total",
        "motivation",
        "design",
        "evaluation",
        "writing",
    ]


@pytest.mark.slow
def test_a_maximum_that_differs_from_the_policy_is_an_error(tmp_path: Path) -> None:
    folder = copy_case("rubric-total-column", tmp_path)
    book = openpyxl.load_workbook(folder / "rubrics.xlsx")
    book["poster"]["D2"] = 6  # design: policy.toml says 5
    book.save(folder / "rubrics.xlsx")
    course, problems = check_course(folder)
    assert course is None
    assert any(
        text.startswith(
            "error: rubrics.xlsx, sheet poster, row 2, column design: maximum 6 differs from "
            "policy.toml's [rubrics.poster] design = 5"
        )
        for text in shown(problems)
    ), shown(problems)


@pytest.mark.slow
def test_default_criteria_do_not_bind_a_course_without_sections() -> None:
    """The small cases have no policy.toml: their one criterion 'c' is not the defaults'."""
    course, problems = check_course(CASES / "rub-percent-cells")
    assert course is not None, shown(problems)
    assert dict(course.rubrics["proposal"].maxima) == {"c": 10.0}


# --- rub-pending-grader: a second grader's blank row -----------------------------------

PENDING = "final report is scored from gsi alone: prof's row is still blank"


@pytest.mark.slow
def test_a_blank_second_grader_row_is_a_warning_a_note_and_in_the_statement() -> None:
    course, problems = check_course(CASES / "rub-pending-grader")
    assert course is not None
    warnings = [p for p in problems if p.file == "rubrics.xlsx"]
    assert [(p.severity, p.sheet, p.row, p.column) for p in warnings] == [
        ("warning", "final_report", 4, "grader"),
        ("warning", "final_report", 6, "grader"),
    ]
    assert warnings[0].message.startswith(
        "prof's row is still blank while gsi scored the same item: the item is scored from "
        "gsi alone until it is filled in"
    )
    report = gradelib.score_course(course)
    # The item is gsi's score alone: g1 9/10 = 90, g2 7/10 = 70.
    items = report.items.loc[report.items["sheet"] == "final_report"]
    assert dict(zip(items["group"], items["score"], strict=True)) == {"g1": 90.0, "g2": 70.0}
    notes = report.notes
    for name in ("alice", "bob", "carol", "dave"):
        mine = notes.loc[notes["uniqname"] == name]
        assert mine[["component", "note"]].values.tolist() == [["project_report", PENDING]]
    assert PENDING in visible_text(statement_document(course, report, "carol"))
    assert finals(CASES / "rub-pending-grader") == BASE


@pytest.mark.slow
def test_a_blank_row_with_no_grader_named_is_said_so_not_named_nan(tmp_path: Path) -> None:
    """The grader cell is blank too: the warning says no grader is named (pandas 3 once
    turned the blank into the text 'nan' and the warning read "nan's row")."""
    folder = copy_case("rub-pending-grader", tmp_path)
    book = openpyxl.load_workbook(folder / "rubrics.xlsx")
    book["final_report"]["B4"] = None  # g1's second row: no grader, no score
    book.save(folder / "rubrics.xlsx")
    _, problems = check_course(folder)
    warnings = [p for p in problems if p.file == "rubrics.xlsx"]
    assert [(p.row, p.column) for p in warnings] == [(4, None), (6, "grader")]
    assert warnings[0].message.startswith(
        "this row (no grader named) is still blank while gsi scored the same item"
    )


@pytest.mark.slow
def test_a_submitted_day_without_a_time_is_reported_not_silently_midnight(
    tmp_path: Path,
) -> None:
    folder = copy_case("rub-percent-cells", tmp_path)
    book = openpyxl.load_workbook(folder / "rubrics.xlsx")
    book["summary"]["D4"] = "2024-09-06"  # g1's summary of 09-05: a day, no time
    book.save(folder / "rubrics.xlsx")
    course, problems = check_course(folder)
    assert course is not None, shown(problems)
    assert shown(p for p in problems if p.file == "rubrics.xlsx") == [
        "warning: rubrics.xlsx, sheet summary, row 4, column submitted: 2024-09-06 is a day "
        "without a time; read as the start of the day (00:00, America/Detroit), the benefit "
        "of the doubt: give the time (like 2024-09-06 09:00) where lateness depends on it"
    ]
    # 2024-09-06 00:00 EDT is before the deadline (09-05 12:00 + 24 h): counted, 60.
    report = gradelib.score_course(course)
    note = "summary of 2024-09-05 submitted 2024-09-06 with no time of day: read as 00:00"
    for name in ("alice", "bob"):
        mine = report.notes.loc[report.notes["uniqname"] == name, "note"].tolist()
        assert any(text.startswith(note) for text in mine), mine
    assert finals(folder) == BASE


def test_a_date_formatted_submitted_cell_is_a_day_too(tmp_path: Path) -> None:
    import datetime as dt

    folder = copy_case("rub-percent-cells", tmp_path)
    book = openpyxl.load_workbook(folder / "rubrics.xlsx")
    book["summary"]["D3"] = dt.datetime(2024, 9, 4)
    book["summary"]["D3"].number_format = "yyyy-mm-dd"
    book["summary"]["D4"] = dt.datetime(2024, 9, 6)
    book["summary"]["D4"].number_format = "m/d/yy h:mm"  # midnight, but a time is shown
    book.save(folder / "rubrics.xlsx")
    course, problems = check_course(folder)
    assert course is not None
    flagged = [(p.row, p.column) for p in problems if p.file == "rubrics.xlsx"]
    assert flagged == [(3, "submitted")]
    assert course.rubrics["summary"].scores["submitted_day_only"].tolist() == [True, False]


# --- pol-letters-swapped: cut-offs that do not descend ---------------------------------


def test_swapped_cutoffs_are_an_error_of_check_with_the_line() -> None:
    course, problems = check_course(CASES / "pol-letters-swapped")
    assert course is None
    assert shown(problems) == [
        "error: policy.toml, line 6, column B-: [letters] B- cut-off 83 is not below B 80: "
        "cut-offs must strictly descend from A to D- (a higher letter needs a higher final)"
    ]


def test_save_refuses_cutoffs_that_do_not_descend(tmp_path: Path) -> None:
    folder = copy_case("rub-percent-cells", tmp_path)
    scale = (("A", 93.0), ("A-", 90.0), ("B+", 87.0), ("B", 80.0), ("B-", 83.0))
    with pytest.raises(CourseError, match="B- cut-off 83 is not below B 80"):
        save_policy(folder, letters=scale)
    assert not (folder / "policy.toml").exists()
    equal = (("A", 93.0), ("A-", 93.0))
    with pytest.raises(CourseError, match="A- cut-off 93 is not below A 93"):
        save_policy(folder, letters=equal)
    assert not (folder / "policy.toml").exists()


@pytest.mark.slow
def test_a_saved_what_if_does_not_make_the_default_criteria_binding(tmp_path: Path) -> None:
    """Saving cut-offs creates policy.toml from the defaults with [rubrics.*] commented
    out: the course's one-criterion sheets still load, and the scale is the saved one."""
    folder = copy_case("rub-percent-cells", tmp_path)
    scale = (("A", 93.0), ("A-", 90.0), ("B+", 87.0), ("B", 82.0), ("B-", 80.0))
    save_policy(folder, letters=scale)
    assert "\n# [rubrics.poster]\n" in (folder / "policy.toml").read_text(encoding="utf-8")
    assert finals(folder) == {name: (final, "B") for name, (final, _) in BASE.items()}
