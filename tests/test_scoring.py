"""Scoring rules, each checked against numbers worked out by hand on the tiny course.

The base course (tests/builder.py), all graded, everyone present, every question on time,
5 Piazza contributions each:

======== ===== ======= ===== ============= =========== ==========
student  group present summ. project rep.  proj. talks final
======== ===== ======= ===== ============= =========== ==========
alice    g1    90      95    .25·80+.75·92 (90+100)/2  92.35
                             = 89          = 95
dave     g2    80      85    .25·100+.75·88 (80+90)/2  88.15
                             = 91          = 85
frank    g3    70      75    .25·60+.75·60 (60+70)/2   68.75
                             = 60          = 65
======== ===== ======= ===== ============= =========== ==========

e.g. alice: .15·90 + .15·95 + .10·100 + .40·89 + .20·95 = 92.35.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from builder import base_rubrics, base_tables, write_course

import gradelib
from gradelib.score.grades import round_half_up

#: Each test grades a course end to end; ``make quick`` keeps those marked ``quick``.
pytestmark = pytest.mark.slow

DAYS = ("2024-09-03", "2024-09-05", "2024-09-12", "2024-10-22")


def grades_of(folder: Path, **parts) -> pd.DataFrame:
    """Write a course from parts and return its grades indexed by uniqname."""
    course = gradelib.load_course(write_course(folder, **parts))
    return gradelib.compute_grades(course).set_index("uniqname")


def without_attendance(tables: dict, name: str, days: tuple[str, ...]) -> dict:
    """Drop a student's sign-ins on some days (no row means absent)."""
    tables["attendance"] = [r for r in tables["attendance"] if not (r[1] == name and r[0] in days)]
    return tables


def dropped(rows: list[list], name: str, day: str, *, date_at: int) -> list[list]:
    """Rows without the given student's row for the given day."""
    return [r for r in rows if not (r[1] == name and r[date_at] == day)]


# --- the base course -------------------------------------------------------------------


@pytest.mark.quick
def test_base_course_final_scores(tmp_path: Path) -> None:
    grades = grades_of(tmp_path)
    assert list(grades.index) == ["alice", "bob", "carol", "dave", "erin", "frank"]
    assert grades.loc["alice", "project_report"] == pytest.approx(89.0)
    assert grades.loc["dave", "project_presentations"] == pytest.approx(85.0)
    assert grades["final"].to_dict() == {
        "alice": 92.35, "bob": 92.35, "carol": 92.35,
        "dave": 88.15, "erin": 88.15, "frank": 68.75,
    }  # fmt: skip
    assert grades["letter"].to_dict() == {
        "alice": "A-", "bob": "A-", "carol": "A-", "dave": "B+", "erin": "B+", "frank": "D+",
    }  # fmt: skip
    assert (grades["current"] == grades["final"]).all()


def test_canvas_test_student_is_not_graded(tmp_path: Path) -> None:
    grades = grades_of(tmp_path)
    assert "Student, Test" not in set(grades["name"])
    assert len(grades) == 6


def test_group_of_one_gets_its_own_group_scores(tmp_path: Path) -> None:
    grades = grades_of(tmp_path)
    frank = grades.loc["frank"]
    assert (frank["presentation"], frank["summary"]) == (70.0, 75.0)
    assert frank["project_report"] == pytest.approx(60.0)
    assert frank["project_presentations"] == pytest.approx(65.0)
    assert frank["final"] == 68.75


# --- attendance ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("absent_days", "attendance", "participation"),
    [
        ((), 100.0, 100.0),  # H = 4, A = 0
        (DAYS[:2], 100.0, 100.0),  # A = 2: (4 - 2 + 2) / 4 = 1, the allowance covers it
        (DAYS[:3], 75.0, 87.5),  # A = 3: (4 - 3 + 2) / 4 = 0.75; .5·75 + 25 + 25
        (DAYS, 50.0, 75.0),  # A = 4: (4 - 4 + 2) / 4 = 0.5; .5·50 + 25 + 25
    ],
    ids=["absent-0", "absent-2", "absent-3", "absent-all"],
)
def test_attendance_with_allowance(
    tmp_path: Path, absent_days: tuple[str, ...], attendance: float, participation: float
) -> None:
    # erin's questions do not depend on attendance: she keeps asking on time.
    tables = without_attendance(base_tables(), "erin", absent_days)
    course = gradelib.load_course(write_course(tmp_path, tables))
    report = gradelib.score_course(course)
    assert report.parts.loc["erin", "absences"] == len(absent_days)
    assert report.parts.loc["erin", "attendance"] == pytest.approx(attendance)
    assert report.grades.set_index("uniqname").loc["erin", "participation"] == pytest.approx(
        participation
    )


def test_explicit_absent_status_counts_as_absence(tmp_path: Path) -> None:
    tables = without_attendance(base_tables(), "erin", DAYS)
    tables["attendance"] += [[d, "erin", "absent"] for d in DAYS[:3]]
    grades = grades_of(tmp_path, tables=tables)
    assert grades.loc["erin", "participation"] == pytest.approx(87.5 - 12.5)  # 50 attendance


def test_excused_day_leaves_the_count(tmp_path: Path) -> None:
    # Absent on all four days, one of them excused in the log: H = 3, A = 3.
    tables = without_attendance(base_tables(), "erin", DAYS)
    tables["attendance"].append(["2024-09-05", "erin", "excused"])
    grades = grades_of(tmp_path, tables=tables)
    attendance = 100 * 2 / 3  # (3 - 3 + 2) / 3
    assert grades.loc["erin", "participation"] == pytest.approx(0.5 * attendance + 25 + 25)
    assert "excused on 2024-09-05" in grades.loc["erin", "notes"]


def test_attendance_override_excuses_with_reason(tmp_path: Path) -> None:
    tables = without_attendance(base_tables(), "erin", DAYS[:3])  # A = 3 of H = 4
    overrides = [["erin", "attendance:2024-09-03", "excused", "Medical note"]]
    grades = grades_of(tmp_path, tables=tables, overrides=overrides)
    # H = 3, A = 2: (3 - 2 + 2) / 3 > 1 -> 100.
    assert grades.loc["erin", "participation"] == pytest.approx(100.0)
    assert "2024-09-03 (Medical note)" in grades.loc["erin", "notes"]


# --- questions -------------------------------------------------------------------------


def test_late_question_does_not_count(tmp_path: Path) -> None:
    tables = base_tables()
    for row in tables["questions"]:
        if row[1] == "alice" and row[2] == "2024-09-05":
            row[0] = "2024-09-05 10:31:00"  # class starts 10:30
    grades = grades_of(tmp_path, tables=tables)
    # alice's P = {09-05, 09-12} (g1 presents 09-03): 1 of 2 on time -> 50.
    assert grades.loc["alice", "participation"] == pytest.approx(50 + 0.25 * 50 + 25)
    assert "late: 2024-09-05" in grades.loc["alice", "notes"]


@pytest.mark.parametrize(
    ("timestamp", "on_time"),
    [
        ("2024-09-05 10:29:59", True),
        ("2024-09-05 10:30:00", False),  # "before class start": 10:30 itself is late
        ("2024-09-05T14:29:00Z", True),  # 10:29 EDT (UTC-4)
        ("2024-09-05T14:31:00+00:00", False),  # 10:31 EDT
        ("2024-09-05T09:29:00-05:00", True),  # 10:29 EDT written in another offset
        ("9/5/2024 10:15:00", True),  # Google Forms style
    ],
)
def test_question_deadline_is_class_start_in_course_time(
    tmp_path: Path, timestamp: str, on_time: bool
) -> None:
    tables = base_tables()
    for row in tables["questions"]:
        if row[1] == "alice" and row[2] == "2024-09-05":
            row[0] = timestamp
    grades = grades_of(tmp_path, tables=tables)
    questions = 100.0 if on_time else 50.0
    assert grades.loc["alice", "participation"] == pytest.approx(50 + 0.25 * questions + 25)


def test_question_deadline_after_daylight_saving_ends(tmp_path: Path) -> None:
    # Move the 09-12 lecture to Tue 2024-11-05 (EST, UTC-5): class starts 15:30 UTC.
    tables, rubrics = move_lecture(base_tables(), base_rubrics(), "2024-09-12", "2024-11-05")
    for row in tables["questions"]:
        if row[2] == "2024-11-05" and row[1] == "alice":
            row[0] = "2024-11-05T15:29:00Z"  # 10:29 EST: on time (14:30 UTC would be EDT)
        elif row[2] == "2024-11-05" and row[1] == "bob":
            row[0] = "2024-11-05 10:31:00"  # naive, read as 10:31 EST: late
    grades = grades_of(tmp_path, tables=tables, rubrics=rubrics)
    assert grades.loc["alice", "participation"] == pytest.approx(100.0)
    assert grades.loc["bob", "participation"] == pytest.approx(50 + 0.25 * 50 + 25)


def test_own_group_lecture_and_excused_day_leave_the_question_count(tmp_path: Path) -> None:
    tables = base_tables()
    # alice is excused on 09-05 and asked nothing for it: her P shrinks to {09-12}.
    tables["questions"] = dropped(tables["questions"], "alice", "2024-09-05", date_at=2)
    tables["attendance"] = dropped(tables["attendance"], "alice", "2024-09-05", date_at=0)
    tables["attendance"].append(["2024-09-05", "alice", "excused"])
    grades = grades_of(tmp_path, tables=tables)
    assert grades.loc["alice", "participation"] == pytest.approx(100.0)


def test_two_questions_for_one_lecture_count_once(tmp_path: Path) -> None:
    tables = base_tables()
    tables["questions"] = dropped(tables["questions"], "dave", "2024-09-12", date_at=2)
    tables["questions"].append(["2024-09-03 08:00:00", "dave", "2024-09-03"])  # a second one
    grades = grades_of(tmp_path, tables=tables)
    # dave's P = {09-03, 09-12}: 1 of 2.
    assert grades.loc["dave", "participation"] == pytest.approx(50 + 12.5 + 25)


# --- Piazza ----------------------------------------------------------------------------


def test_piazza_below_target_and_missing(tmp_path: Path) -> None:
    tables = base_tables()
    tables["piazza"] = [r for r in tables["piazza"] if r[1] != "bob@umich.edu"]
    for row in tables["piazza"]:
        if row[1] == "alice@umich.edu":
            row[2] = 2
        if row[1] == "carol@umich.edu":
            row[2] = 40
    grades = grades_of(tmp_path, tables=tables)
    assert grades.loc["alice", "participation"] == pytest.approx(50 + 25 + 0.25 * 40)
    assert grades.loc["bob", "participation"] == pytest.approx(75.0)
    assert grades.loc["carol", "participation"] == pytest.approx(100.0)  # capped at 5
    assert "not in the Piazza export" in grades.loc["bob", "notes"]


# --- rubric items ----------------------------------------------------------------------


def test_two_graders_are_averaged(tmp_path: Path) -> None:
    rubrics = base_rubrics()
    rubrics["presentation"].append(["g1", dt.date(2024, 9, 3), "mosharaf", None, 10, 10])
    grades = grades_of(tmp_path, rubrics=rubrics)
    assert grades.loc["alice", "presentation"] == pytest.approx(95.0)  # (90 + 100) / 2
    assert grades.loc["alice", "final"] == 93.10  # 92.35 + .15·5


def move_lecture(tables: dict, rubrics: dict, old: str, new: str) -> tuple[dict, dict]:
    """Move a lecture to another date in every table and sheet."""
    when = dt.date.fromisoformat(new)
    for rows in tables.values():
        for row in rows:
            for i, cell in enumerate(row):
                if cell == old:
                    row[i] = new
                elif isinstance(cell, str) and cell.startswith(old):
                    row[i] = new + cell[len(old) :]
    for rows in rubrics.values():
        for row in rows:
            if len(row) > 1 and row[1] == dt.date.fromisoformat(old):
                row[1] = when
    return tables, rubrics


@pytest.mark.parametrize(
    ("submitted", "late"),
    [
        (dt.datetime(2024, 11, 3, 10, 59), False),  # deadline 11:00 EST, minus one minute
        (dt.datetime(2024, 11, 3, 11, 1), True),  # plus one minute
        (dt.datetime(2024, 11, 3, 11, 0), False),  # exactly at the deadline
    ],
    ids=["deadline-minus-1min", "deadline-plus-1min", "at-deadline"],
)
def test_summary_deadline_across_daylight_saving_change(
    tmp_path: Path, submitted: dt.datetime, late: bool
) -> None:
    # The 09-12 lecture (g1 summarizes) moves to Sat 2024-11-02: class ends 12:00 EDT =
    # 16:00 UTC; 24 elapsed hours later is 2024-11-03 16:00 UTC = 11:00 EST, because the
    # clocks fall back at 2:00 on Nov 3. (Noon by the wall clock would be 25 hours.)
    tables, rubrics = move_lecture(base_tables(), base_rubrics(), "2024-09-12", "2024-11-02")
    for row in rubrics["summary"]:
        if row[0] == "g1":
            row[3] = submitted
    grades = grades_of(tmp_path, tables=tables, rubrics=rubrics)
    summary = 0.0 if late else 95.0
    assert grades.loc["alice", "summary"] == pytest.approx(summary)
    assert grades.loc["alice", "final"] == pytest.approx(92.35 - 0.15 * (95 - summary))
    assert ("not counted" in grades.loc["alice", "notes"]) is late


def test_summary_deadline_with_explicit_offset(tmp_path: Path) -> None:
    # g2 summarizes 09-03 (EDT): due 2024-09-04 12:00 EDT = 16:00 UTC.
    rubrics = base_rubrics()
    rubrics["summary"][2][3] = "2024-09-04T16:01:00Z"
    grades = grades_of(tmp_path, rubrics=rubrics)
    assert grades.loc["dave", "summary"] == 0.0
    assert grades.loc["dave", "final"] == pytest.approx(88.15 - 0.15 * 85)


def test_late_slides_are_flagged_not_penalized(tmp_path: Path) -> None:
    rubrics = base_rubrics()
    rubrics["presentation"][2][3] = dt.datetime(2024, 9, 2, 10, 31)  # due 09-02 10:30
    grades = grades_of(tmp_path, rubrics=rubrics)
    assert grades.loc["alice", "presentation"] == 90.0
    assert "flagged, not penalized" in grades.loc["alice", "notes"]


def test_ungraded_item_final_versus_current(tmp_path: Path) -> None:
    rubrics = base_rubrics()
    rubrics["poster"] = [r for r in rubrics["poster"] if r[0] != "g2"]
    grades = grades_of(tmp_path, rubrics=rubrics)
    dave = grades.loc["dave"]
    # The mid-term presentation (80) is graded, the poster is not: the component is
    # partial. Current basis: 80 (the graded part alone); final basis: .5·80 + .5·0 = 40.
    assert dave["project_presentations"] == 80.0
    assert dave["project_presentations_status"] == "partial"
    # final: .15·80 + .15·85 + .10·100 + .40·91 + .20·40 = 12 + 12.75 + 10 + 36.4 + 8
    assert dave["final"] == 79.15
    # current (Canvas's): every component has a graded item, so all weights count:
    # 12 + 12.75 + 10 + 36.4 + .20·80 = 87.15
    assert dave["current"] == 87.15
    assert dave["letter"] == "C+"  # from the final
    assert "poster is not graded yet" in dave["notes"]


def test_blank_rubric_row_is_an_ungraded_item(tmp_path: Path) -> None:
    rubrics = base_rubrics()
    rubrics["poster"][3] = ["g2", "insujang", None]
    grades = grades_of(tmp_path, rubrics=rubrics)
    assert grades.loc["dave", "final"] == 79.15  # as above: the poster counts 0


# --- overrides and the final -----------------------------------------------------------


def test_override_replaces_a_component_with_its_reason(tmp_path: Path) -> None:
    overrides = [["alice", "presentation", "95", "Regraded after appeal"]]
    grades = grades_of(tmp_path, overrides=overrides)
    assert grades.loc["alice", "presentation"] == 95.0
    assert grades.loc["alice", "final"] == 93.10
    assert grades.loc["alice", "letter"] == "A"
    assert (
        "Paper Presentation set to 95.00 (computed 90.00): Regraded after appeal"
        in (grades.loc["alice", "notes"])
    )
    assert grades.loc["bob", "presentation"] == 90.0  # only alice


def test_excused_component_renormalizes_the_weights(tmp_path: Path) -> None:
    overrides = [["dave", "summary", "excused", "Joined late"]]
    grades = grades_of(tmp_path, overrides=overrides)
    # (15·80 + 10·100 + 40·91 + 20·85) / 85 = 7540 / 85 = 88.70588...
    assert grades.loc["dave", "final"] == 88.71
    assert grades.loc["dave", "current"] == 88.71


def test_final_override(tmp_path: Path) -> None:
    overrides = [["frank", "final", "73", "Incomplete resolved"]]
    grades = grades_of(tmp_path, overrides=overrides)
    assert (grades.loc["frank", "final"], grades.loc["frank", "letter"]) == (73.0, "C")
    assert "final set to 73.00: Incomplete resolved" in grades.loc["frank", "notes"]


def every_component(value: str) -> list[list[str]]:
    keys = ["presentation", "summary", "participation", "project_report", "project_presentations"]
    return [["alice", key, value, "test"] for key in keys]


@pytest.mark.parametrize(
    ("value", "final", "letter"),
    [
        ("93", 93.00, "A"),  # exactly at the cut-off: inclusive
        ("92.995", 93.00, "A"),  # rounds half up to 93.00, not 92.99
        ("92.994", 92.99, "A-"),
        ("89.995", 90.00, "A-"),
        ("59.99", 59.99, "E"),
    ],
)
def test_letter_cutoffs_on_the_rounded_final(
    tmp_path: Path, value: str, final: float, letter: str
) -> None:

    grades = grades_of(tmp_path, overrides=every_component(value))
    assert (grades.loc["alice", "final"], grades.loc["alice", "letter"]) == (final, letter)


@pytest.mark.quick
def test_round_half_up_is_decimal() -> None:
    values = pd.Series([92.995, 92.994999, 0.125, 100.0, 86.665])
    assert round_half_up(values).tolist() == [93.00, 92.99, 0.13, 100.00, 86.67]


def test_policy_weights_change_the_final(tmp_path: Path) -> None:
    policy = (
        "[weights]\npresentation = 20\nsummary = 10\nparticipation = 10\n"
        "project_report = 40\nproject_presentations = 20\n"
    )
    grades = grades_of(tmp_path, policy=policy)
    # alice: .20·90 + .10·95 + .10·100 + .40·89 + .20·95 = 92.10
    assert grades.loc["alice", "final"] == 92.10


def test_policy_letters_replace_the_defaults(tmp_path: Path) -> None:
    policy = '[letters]\n"A" = 92\n"B" = 80\n"C" = 60\n'
    grades = grades_of(tmp_path, policy=policy)
    assert grades["letter"].to_dict() == {
        "alice": "A", "bob": "A", "carol": "A", "dave": "B", "erin": "B", "frank": "C",
    }  # fmt: skip
