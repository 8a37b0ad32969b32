"""Issue 14, Google Forms: question submissions and sign-ins in both forms it writes.

- The Sheets form (the responses spreadsheet, or its CSV download): ``9/17/2024
  10:29:57``, a wall-clock time in the spreadsheet's time zone, i.e. the course's.
- The "Download responses (.csv)" form: ``2024/09/17 10:29:57 AM EDT``, with a zone name
  or an offset ``GMT-4``.

Hand-worked moments (America/Detroit: EDT = UTC-4 until 2024-11-03 02:00, then EST =
UTC-5; EST until 2024-03-10 02:00, then EDT):

=============================== ===================== ====================================
cell                            UTC                   why
=============================== ===================== ====================================
9/17/2024 10:29:57              2024-09-17 14:29:57   EDT
2024/09/17 10:29:57 AM EDT      2024-09-17 14:29:57   the name says EDT
2024/09/17 10:29:57 AM GMT-4    2024-09-17 14:29:57   the offset
2024/09/17 2:29:57 PM GMT       2024-09-17 14:29:57   GMT is UTC
11/3/2024 1:30:00               2024-11-03 05:30:00   repeated hour: the first (EDT) reading
2024/11/03 1:30:00 AM EDT       2024-11-03 05:30:00   the name picks the first
2024/11/03 1:30:00 AM EST       2024-11-03 06:30:00   ... or the second
2024/11/03 1:30:00 AM GMT-5     2024-11-03 06:30:00   the offset picks the second
11/5/2024 10:29:57              2024-11-05 15:29:57   EST, after the change
2024/11/05 10:29:57 AM EST      2024-11-05 15:29:57
2024/03/10 3:30:00 AM EDT       2024-03-10 07:30:00   just after the clocks went forward
3/10/2024 1:59:59               2024-03-10 06:59:59   EST, just before
=============================== ===================== ====================================
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from builder import base_tables, write_course

import gradelib
from gradelib.load.course import check_course
from gradelib.sheets.moments import timestamp_in, timestamps_in

DETROIT = ZoneInfo("America/Detroit")
MOMENTS = {
    "9/17/2024 10:29:57": "2024-09-17 14:29:57",
    "2024/09/17 10:29:57 AM EDT": "2024-09-17 14:29:57",
    "2024/09/17 10:29:57 AM GMT-4": "2024-09-17 14:29:57",
    "2024/09/17 10:29:57 AM GMT-04:00": "2024-09-17 14:29:57",
    "2024/09/17 2:29:57 PM GMT": "2024-09-17 14:29:57",
    "2024/09/17 10:29:57 AM": "2024-09-17 14:29:57",
    "11/3/2024 1:30:00": "2024-11-03 05:30:00",
    "2024/11/03 1:30:00 AM EDT": "2024-11-03 05:30:00",
    "2024/11/03 1:30:00 AM EST": "2024-11-03 06:30:00",
    "2024/11/03 1:30:00 AM GMT-5": "2024-11-03 06:30:00",
    "11/5/2024 10:29:57": "2024-11-05 15:29:57",
    "2024/11/05 10:29:57 AM EST": "2024-11-05 15:29:57",
    "2024/03/10 3:30:00 AM EDT": "2024-03-10 07:30:00",
    "3/10/2024 1:59:59": "2024-03-10 06:59:59",
}


@pytest.mark.parametrize("cell", list(MOMENTS))
def test_each_google_forms_time_stamp_is_the_hand_worked_moment(cell: str) -> None:
    one = timestamp_in(DETROIT)(cell)
    assert f"{one:%Y-%m-%d %H:%M:%S}" == MOMENTS[cell]
    assert str(one.tz) == "UTC"


def test_the_column_reader_agrees_with_the_cell_reader() -> None:
    cells = np.array(list(MOMENTS), dtype=object)
    values, done = timestamps_in(DETROIT)(cells)
    assert done.all()
    assert [f"{moment:%Y-%m-%d %H:%M:%S}" for moment in values] == list(MOMENTS.values())


def test_an_unknown_zone_name_is_reported(tmp_path: Path) -> None:
    tables = base_tables()
    tables["questions"][1][0] = "2024/09/03 9:00:00 AM XST"
    course, problems = check_course(write_course(tmp_path / "course", tables))
    assert course is None
    assert [str(p) for p in problems if p.severity == "error"] == [
        "error: questions.csv, row 2, column timestamp: '2024/09/03 9:00:00 AM XST' is not a "
        "date and time like 2024-09-17 09:15"
    ]


def _google_csv(stamp: object) -> str:
    """``2024-09-03 09:00:00`` (Ann Arbor) as Google Forms' CSV download writes it."""
    day, clock = str(stamp).split()
    hour = int(clock[:2])
    return f"{day.replace('-', '/')} {hour % 12 or 12}{clock[2:]} {'AM' if hour < 12 else 'PM'} EDT"


def _sheets(stamp: object) -> str:
    """``2024-09-03 09:00:00`` as Google Sheets writes it: ``9/3/2024 9:00:00``."""
    day, clock = str(stamp).split()
    year, month, date = (int(part) for part in day.split("-"))
    return f"{month}/{date}/{year} {int(clock[:2])}{clock[2:]}"


@pytest.mark.slow
@pytest.mark.parametrize("form", [_google_csv, _sheets], ids=["download-csv", "sheets"])
def test_questions_in_either_form_grade_as_the_base_course(form, tmp_path: Path) -> None:
    tables = base_tables()
    _, *rows = tables["questions"]
    tables["questions"] = [["Timestamp", "Uniqname", "date"]] + [
        [form(stamp), name, day] for stamp, name, day in rows
    ]
    course, problems = check_course(write_course(tmp_path / "course", tables))
    assert course is not None, [str(p) for p in problems]
    assert {f"{t:%H:%M}" for t in course.questions["timestamp"]} == {"13:00"}  # 09:00 EDT
    grades = gradelib.compute_grades(course)
    assert grades["final"].astype(float).tolist() == [92.35, 92.35, 92.35, 88.15, 88.15, 68.75]


@pytest.mark.slow
@pytest.mark.parametrize("form", [_google_csv, _sheets], ids=["download-csv", "sheets"])
def test_google_forms_sign_ins_are_an_attendance_log(form, tmp_path: Path) -> None:
    """A sign-in form's export: ``Timestamp``, ``Email Address``; no ``date`` column."""
    tables = base_tables()
    _, *rows = tables["attendance"]
    tables["attendance"] = [["Timestamp", "Email Address"]] + [
        [form(f"{day} 10:{25 + position % 5:02d}:00"), f"{name}@umich.edu"]
        for position, (day, name, _) in enumerate(rows)
    ]
    course, problems = check_course(write_course(tmp_path / "course", tables))
    assert course is not None, [str(p) for p in problems]
    assert sorted({f"{d:%Y-%m-%d}" for d in course.attendance["date"]}) == [
        "2024-09-03", "2024-09-05", "2024-09-12", "2024-10-22",
    ]  # fmt: skip
    assert len(course.attendance) == 24
    grades = gradelib.compute_grades(course)
    assert grades["final"].astype(float).tolist() == [92.35, 92.35, 92.35, 88.15, 88.15, 68.75]


@pytest.mark.slow
def test_a_late_evening_sign_in_keeps_its_local_day(tmp_path: Path) -> None:
    """23:30 EDT on 09-03 is 03:30 UTC on 09-04: the class day is the local one."""
    tables = base_tables()
    tables["attendance"] = [
        ["Timestamp", "uniqname"],
        ["2024/09/03 11:30:00 PM EDT", "alice"],
        ["9/3/2024 23:30:00", "bob"],
    ]
    course, problems = check_course(write_course(tmp_path / "course", tables))
    assert course is not None, [str(p) for p in problems]
    assert [f"{d:%Y-%m-%d}" for d in course.attendance["date"]] == ["2024-09-03"] * 2


@pytest.mark.slow
def test_a_question_stamped_with_a_day_only_is_read_as_its_start_and_reported(
    tmp_path: Path,
) -> None:
    """``9/3/2024`` (no time) is 2024-09-03 00:00 EDT = 04:00 UTC: on time, with a warning."""
    tables = base_tables()
    tables["questions"][1][0] = "9/3/2024"
    course, problems = check_course(write_course(tmp_path / "course", tables))
    assert course is not None, [str(p) for p in problems]
    assert [str(p) for p in problems if p.file == "questions.csv"] == [
        "warning: questions.csv, row 2, column timestamp: 2024-09-03 is a day without a time; "
        "read as the start of the day (00:00, America/Detroit), the benefit of the doubt: "
        "give the time (like 2024-09-03 09:00) where lateness depends on it"
    ]
    assert f"{course.questions['timestamp'].iloc[0]:%Y-%m-%d %H:%M}" == "2024-09-03 04:00"
