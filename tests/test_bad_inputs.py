"""``gradelib check`` on bad course folders: each names the file, row and column, never crashes.

Every case is the tiny base course of tests/builder.py with ONE thing changed. The check
runs ``gradelib check`` in this process (``gradelib.cli.main``, what the console script
calls; a process each would cost ~1–2 s of start-up per case), and must

1. exit 1 without a traceback,
2. print the exact location worked out by hand plus a few words of the message,
3. leave every file of the course folder byte-identical.

Two tests run the real entry points as a GSI would, as processes: the ``gradelib`` console
script on the base course and ``python -m gradelib`` on a bad folder.

Row numbers are the ones a spreadsheet program shows: the header is row 1, so the k-th
data row is row k + 1. In ``roster.csv`` row 2 is "Points Possible" and the students
(alice, bob, carol, dave, erin, frank) are rows 3–8. In a rubric sheet row 2 is the ``max``
row and the scores start at row 3. Base rows used below:

- groups: alice 2, bob 3, carol 4, dave 5, erin 6, frank 7 (g1 = alice, bob, carol;
  g2 = dave, erin; g3 = frank);
- schedule: 09-03 row 2, 09-05 row 3, 09-10 (no-lecture) row 4, 09-12 row 5, 10-22 row 6;
- attendance: six students per date in the order above, 09-03 at rows 2–7 … 10-22 at
  rows 20–25;
- questions: 09-03 rows 2–4 (dave, erin, frank), 09-05 rows 5–8, 09-12 rows 9–13;
- piazza: alice 2 … frank 7; rubric sheets: g1, g2, g3 at rows 3, 4, 5 (summary: g2, g3,
  g1, for the lectures of 09-03, 09-05, 09-12).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from builder import (
    ROSTER,
    base_rubrics,
    base_tables,
    fingerprint,
    gradelib_check,
    gradelib_process,
    write_course,
    write_xlsx,
)

Rows = list[list[object]]
Edit = Callable[[Rows], None]
Build = Callable[[Path], None]


# --- edits of one table (a list of rows, the header first) ---------------------------------


def set_cell(row: int, column: str, value: object) -> Edit:
    """Put ``value`` in spreadsheet row ``row`` (header = 1) under header ``column``."""

    def edit(rows: Rows) -> None:
        rows[row - 1][rows[0].index(column)] = value

    return edit


def add_row(*cells: object) -> Edit:
    """Append a data row."""
    return lambda rows: rows.append(list(cells))


def drop_row(row: int) -> Edit:
    """Delete spreadsheet row ``row`` (later rows move up)."""
    return lambda rows: rows.pop(row - 1)


def drop_column(column: str) -> Edit:
    """Delete a column from every row."""

    def edit(rows: Rows) -> None:
        position = rows[0].index(column)
        for row in rows:
            del row[position]

    return edit


def keep_header_only(rows: Rows) -> None:
    del rows[1:]


# --- course folders: the base course with one change ---------------------------------------


def table(name: str, edit: Edit) -> Build:
    """The base course with table ``name`` (``groups``, ``schedule``, ...) edited."""

    def build(folder: Path) -> None:
        tables = base_tables()
        edit(tables[name])
        write_course(folder, tables)

    return build


def sheet(name: str, edit: Edit | None) -> Build:
    """The base course with rubric sheet ``name`` edited (``None``: the sheet removed)."""

    def build(folder: Path) -> None:
        rubrics = base_rubrics()
        if edit is None:
            del rubrics[name]
        else:
            edit(rubrics[name])
        write_course(folder, rubrics=rubrics)

    return build


def roster(edit: Edit) -> Build:
    """The base course with the Canvas roster export edited."""

    def build(folder: Path) -> None:
        rows = copy.deepcopy(ROSTER)
        edit(rows)
        write_course(folder, roster=rows)

    return build


def policy(text: str) -> Build:
    """The base course with this ``policy.toml``."""
    return lambda folder: write_course(folder, policy=text)


def override(*cells: object) -> Build:
    """The base course with an ``overrides.csv`` of one row (row 2)."""
    return lambda folder: write_course(folder, overrides=[list(cells)])


def base_then(change: Callable[[Path], None]) -> Build:
    """The base course, then ``change`` applied to its folder."""

    def build(folder: Path) -> None:
        write_course(folder)
        change(folder)

    return build


def remove(name: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).unlink()


def empty_file(name: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_bytes(b"")


def add_groups_xlsx(folder: Path) -> None:
    write_xlsx(folder / "groups.xlsx", {"groups": base_tables()["groups"]})


def roster_in_cp1252(folder: Path) -> None:
    """Save the roster as Excel's plain "CSV" does on Windows, with a student named Zoë."""
    rows = copy.deepcopy(ROSTER)
    rows[4][0] = "Clark, Zoë"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    (folder / "roster.csv").write_bytes(buffer.getvalue().encode("cp1252"))


def attendance_as_xlsx(edit: Edit) -> Build:
    """The base course with the attendance log as ``attendance.xlsx`` (sheet ``log``), edited."""

    def build(folder: Path) -> None:
        tables = base_tables()
        rows = tables.pop("attendance")
        edit(rows)
        write_course(folder, tables)
        write_xlsx(folder / "attendance.xlsx", {"log": rows})

    return build


# --- the cases -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One bad course folder and what ``gradelib check`` must say about it."""

    id: str
    build: Build
    expected: tuple[str, ...]
    bug: str | None = None  # a known package bug: the case is a strict xfail


D = dt.date
CASES = [
    # groups
    Case(
        # A uniqname not on the roster is a student who dropped: a warning (SPEC; see
        # tests/test_dropped_students.py). A cell that is no uniqname at all is an error.
        "groups-not-a-uniqname",
        table("groups", add_row("g3", "Zed Q")),
        ("groups.csv, row 8, column uniqname: 'Zed Q' is not a uniqname",),
    ),
    Case(
        "groups-student-in-two-groups",
        table("groups", add_row("g3", "alice")),
        ("groups.csv, row 8, column uniqname", "alice is in group g1 and again in group g3"),
    ),
    Case(
        "roster-student-in-no-group",
        roster(lambda rows: rows.insert(8, ["Green, Gina", "1007", "00001007", "gina", "", ""])),
        ("groups.csv: gina (roster.csv row 9) is in no group",),
    ),
    Case(
        "groups-missing-column",
        table("groups", set_cell(1, "uniqname", "student")),
        ("groups.csv, row 1: missing column 'uniqname' (the header has: group, student)",),
    ),
    Case(
        "groups-empty-file",
        base_then(empty_file("groups.csv")),
        ("groups.csv: the file is empty",),
    ),
    Case(
        # Only a header: nobody is in a group, so every roster student is reported.
        "groups-header-only",
        table("groups", keep_header_only),
        (
            "groups.csv: alice (roster.csv row 3) is in no group",
            "groups.csv: frank (roster.csv row 8) is in no group",
        ),
    ),
    Case(
        "groups-csv-and-xlsx",
        base_then(add_groups_xlsx),
        ("groups.csv: both groups.csv and groups.xlsx exist; keep only one",),
    ),
    Case(
        "groups-row-with-extra-cell",
        table("groups", lambda rows: rows[3].append("late join")),
        ("groups.csv, row 4: this row has 3 cells but the header has 2",),
    ),
    # schedule
    Case(
        "schedule-bad-date",
        table("schedule", set_cell(4, "date", "2024-13-10")),
        ("schedule.csv, row 4, column date: '2024-13-10' is not a date like 2024-09-17",),
    ),
    Case(
        "schedule-duplicate-date",
        table("schedule", set_cell(4, "date", "2024-09-05")),
        ("schedule.csv, row 4, column date: date 2024-09-05 appears twice",),
    ),
    Case(
        "schedule-unknown-kind",
        table("schedule", set_cell(4, "kind", "holiday")),
        ("schedule.csv, row 4, column kind: 'holiday' is not one of lecture,",),
    ),
    Case(
        "schedule-summarizer-is-presenter",
        table("schedule", set_cell(2, "summarizer", "g1")),
        ("schedule.csv, row 2, column summarizer: group g1 both presents and summarizes",),
    ),
    Case(
        "schedule-unknown-group",
        table("schedule", set_cell(2, "reviewer", "g7")),
        ("schedule.csv, row 2, column reviewer: group 'g7' is not in groups",),
    ),
    Case(
        "schedule-presenter-on-no-lecture-date",
        table("schedule", set_cell(4, "presenter", "g2")),
        ("schedule.csv, row 4, column presenter: a presenter on a 'no-lecture' date",),
    ),
    # attendance
    Case(
        "attendance-bad-date",
        table("attendance", set_cell(5, "date", "Sept 3")),
        ("attendance.csv, row 5, column date: 'Sept 3' is not a date like 2024-09-17",),
    ),
    Case(
        "attendance-on-no-lecture-date",
        table("attendance", add_row("2024-09-10", "alice", "")),
        ("attendance.csv, row 26, column date: 2024-09-10 is not a class date",),
    ),
    Case(
        "attendance-date-not-in-schedule",
        table("attendance", add_row("2024-09-04", "bob", "")),
        ("attendance.csv, row 26, column date: 2024-09-04 is not a class date",),
    ),
    Case(
        "attendance-bad-status",
        table("attendance", set_cell(2, "status", "late")),
        ("attendance.csv, row 2, column status: 'late' is not one of present, absent, excused",),
    ),
    Case(
        "attendance-two-statuses-same-day",
        table("attendance", add_row("2024-09-03", "alice", "absent")),
        ("attendance.csv, row 26, column status: alice has two different statuses on 2024-09-03",),
    ),
    Case(
        "attendance-xlsx-bad-date",
        attendance_as_xlsx(set_cell(5, "date", "9/31/2024")),
        ("attendance.xlsx, sheet log, row 5, column date: '9/31/2024' is not a date",),
    ),
    # questions
    Case(
        "questions-bad-timestamp",
        table("questions", set_cell(2, "timestamp", "yesterday 9am")),
        ("questions.csv, row 2, column timestamp: 'yesterday 9am' is not a date and time",),
    ),
    Case(
        "questions-missing-file",
        base_then(remove("questions.csv")),
        ("questions.csv: missing: the course folder needs questions.csv or questions.xlsx",),
    ),
    # piazza
    Case(
        "piazza-missing-contributions",
        table("piazza", set_cell(1, "contributions", "posts")),
        ("piazza.csv, row 1: missing column 'contributions'",),
    ),
    Case(
        "piazza-no-email-or-uniqname-column",
        table("piazza", set_cell(1, "email", "contact")),
        ("piazza.csv, row 1: missing column 'email' (or 'uniqname')",),
    ),
    Case(
        "piazza-negative-contributions",
        table("piazza", set_cell(2, "contributions", -1)),
        ("piazza.csv, row 2, column contributions: '-1' is not a whole number",),
    ),
    Case(
        "piazza-fractional-contributions",
        table("piazza", set_cell(3, "contributions", 2.5)),
        ("piazza.csv, row 3, column contributions: '2.5' is not a whole number",),
    ),
    # rubrics.xlsx
    Case(
        "rubric-score-above-max",
        sheet("presentation", set_cell(3, "content", 11)),
        ("rubrics.xlsx, sheet presentation, row 3, column content: 11 is not a score from 0",),
    ),
    Case(
        "rubric-negative-score",
        sheet("proposal", set_cell(4, "score", -1)),
        ("rubrics.xlsx, sheet proposal, row 4, column score: -1 is not a score from 0 to 10",),
    ),
    Case(
        "rubric-text-score",
        sheet("poster", set_cell(5, "score", "twelve")),
        ("rubrics.xlsx, sheet poster, row 5, column score: 'twelve' is not a score from 0 to 20",),
    ),
    Case(
        "rubric-blank-score-in-graded-row",
        sheet("presentation", set_cell(4, "delivery", None)),
        ("rubrics.xlsx, sheet presentation, row 4, column delivery: blank; expected a score",),
    ),
    Case(
        "rubric-duplicate-row",
        sheet("presentation", add_row("g1", D(2024, 9, 3), "insujang", None, 8, 8)),
        ("rubrics.xlsx, sheet presentation, row 6: a second row for group g1 by insujang",),
    ),
    Case(
        "rubric-group-not-scheduled-presenter",
        sheet("presentation", add_row("g3", D(2024, 9, 3), "insujang", None, 5, 5)),
        (
            "rubrics.xlsx, sheet presentation, row 6, column date: "
            "group g3 is not the scheduled presenter on 2024-09-03",
        ),
    ),
    Case(
        "rubric-unknown-group",
        sheet("proposal", add_row("g9", "insujang", 5)),
        ("rubrics.xlsx, sheet proposal, row 6, column group: group 'g9' is not in groups",),
    ),
    Case(
        "rubric-max-row-missing",
        sheet("summary", drop_row(2)),
        ("rubrics.xlsx, sheet summary, row 2, column group: row 2 must start with 'max'",),
    ),
    Case(
        "rubric-max-zero",
        sheet("midterm_presentation", set_cell(2, "score", 0)),
        (
            "rubrics.xlsx, sheet midterm_presentation, row 2, column score: "
            "maximum points 0; expected a number above 0",
        ),
    ),
    Case(
        "rubric-max-is-a-time",
        sheet("poster", set_cell(2, "score", dt.time(10, 0))),
        ("rubrics.xlsx, sheet poster, row 2, column score: maximum points 10:00:00; expected",),
    ),
    Case(
        "rubric-summary-date-text",
        sheet("summary", set_cell(4, "date", "TBD")),
        ("rubrics.xlsx, sheet summary, row 4, column date: 'TBD' is not a date",),
    ),
    Case(
        "rubric-missing-sheet",
        sheet("poster", None),
        ("rubrics.xlsx: missing sheet 'poster'",),
    ),
    Case(
        "rubrics-xlsx-missing",
        base_then(remove("rubrics.xlsx")),
        ("rubrics.xlsx: missing: the course folder needs rubrics.xlsx",),
    ),
    # policy.toml
    Case(
        "policy-weights-sum-99",
        policy("[weights]\npresentation = 14\n"),
        ("policy.toml, line 1: [weights] must add up to 100", "= 99"),
    ),
    Case(
        "policy-unknown-key",
        policy("[weights]\npresentaton = 15\n"),
        ("policy.toml, line 2, column presentaton: unknown key 'presentaton' in [weights]",),
    ),
    Case(
        "policy-unknown-section",
        policy("[grading]\nlate_penalty = 10\n"),
        ("policy.toml, line 1: unknown section [grading]",),
    ),
    Case(
        "policy-non-numeric-weight",
        policy('[weights]\nsummary = "15%"\n'),
        ("policy.toml, line 2, column summary: [weights] summary must be a number, not '15%'",),
    ),
    Case(
        "policy-bad-time-zone",
        policy('[course]\ntime_zone = "Ann Arbor"\n'),
        ("policy.toml, line 2, column time_zone: [course] time_zone 'Ann Arbor' is not a known",),
    ),
    Case(
        "policy-not-toml",
        policy("[weights\n"),
        ("policy.toml, line 1: not valid TOML",),
    ),
    Case(
        "policy-empty-letters-section",
        policy("[letters]\n"),
        ("policy.toml, line 1: [letters] names no cut-off",),
    ),
    # overrides.csv (its one row is row 2)
    Case(
        "override-unknown-student",
        override("zed", "final", "90", "regrade"),
        ("overrides.csv, row 2, column uniqname: uniqname 'zed' is not on the roster",),
    ),
    Case(
        "override-bad-component",
        override("alice", "participaton", "90", "regrade"),
        ("overrides.csv, row 2, column component: 'participaton' is not one of presentation",),
    ),
    Case(
        "override-value-120",
        override("alice", "final", "120", "regrade"),
        ("overrides.csv, row 2, column value: '120' is not a percentage from 0 to 100",),
    ),
    Case(
        "override-without-reason",
        override("alice", "final", "90", ""),
        ("overrides.csv, row 2, column reason: blank; expected the reason",),
    ),
    Case(
        "override-final-excused",
        override("alice", "final", "excused", "medical leave"),
        ("overrides.csv, row 2, column value: the final cannot be excused",),
    ),
    Case(
        "override-attendance-on-no-lecture-date",
        override("alice", "attendance:2024-09-10", "excused", "flu"),
        ("overrides.csv, row 2, column component: 2024-09-10 is not a class date",),
    ),
    Case(
        "override-attendance-value-50",
        override("alice", "attendance:2024-09-03", "50", "late"),
        ("overrides.csv, row 2, column value: an attendance override is 'excused', 100",),
    ),
    # roster.csv (Points Possible is row 2; alice … frank are rows 3–8)
    Case(
        "roster-without-sis-login-id",
        roster(drop_column("SIS Login ID")),
        ("roster.csv, row 1: missing column(s) SIS Login ID",),
    ),
    Case(
        "roster-blank-sis-login-id",
        roster(set_cell(5, "SIS Login ID", "")),
        (
            "roster.csv, row 5, column SIS Login ID: blank: "
            "expected the uniqname of Clark, Carol in SIS Login ID",
        ),
    ),
    Case(
        "roster-same-uniqname-twice",
        roster(set_cell(4, "SIS Login ID", "ALICE")),
        ("roster.csv, row 4, column SIS Login ID: uniqname 'alice' is already on row 3",),
    ),
    Case(
        "roster-not-utf8",
        base_then(roster_in_cp1252),
        ("roster.csv: the file is not UTF-8 text; save it as 'CSV UTF-8'",),
    ),
]


# --- running gradelib check ------------------------------------------------------------


#: The cases ``make quick`` keeps (a table as a workbook, the overrides, the roster; the
#: three-errors test below covers a CSV table, a rubric sheet and the policy); ``make test``
#: runs them all.
QUICK = {"attendance-xlsx-bad-date", "override-value-120", "roster-not-utf8"}


def params(cases: list[Case]) -> list:
    return [
        pytest.param(
            case,
            id=case.id,
            marks=[
                *([pytest.mark.xfail(strict=True, reason=case.bug)] if case.bug else []),
                *([] if case.id in QUICK else [pytest.mark.slow]),
            ],
        )
        for case in cases
    ]


# --- the tests -------------------------------------------------------------------------


def test_base_course_passes_with_a_warning_for_the_group_of_one(tmp_path: Path) -> None:
    folder = write_course(tmp_path / "course")
    status, output = gradelib_check(folder)
    assert status == 0, output
    assert "0 error(s), 1 warning(s)" in output
    assert "warning: groups.csv: group g3 has 1 member(s)" in output


@pytest.mark.parametrize("case", params(CASES))
def test_bad_folder_is_reported_with_its_location(case: Case, tmp_path: Path) -> None:
    folder = tmp_path / "course"
    case.build(folder)
    status, output = gradelib_check(folder)
    for text in case.expected:
        assert text in output, f"expected {text!r} in:\n{output}"
    assert status == 1, output


def test_three_errors_in_three_files_are_all_reported_in_one_run(tmp_path: Path) -> None:
    tables, rubrics = base_tables(), base_rubrics()
    set_cell(2, "uniqname", "alcie")(tables["groups"])  # a typo: alice is in no group
    set_cell(3, "content", 11)(rubrics["presentation"])
    folder = write_course(
        tmp_path / "course", tables, rubrics, policy="[weights]\npresentation = 14\n"
    )
    status, output = gradelib_check(folder)
    assert status == 1, output
    assert "groups.csv: alice (roster.csv row 3) is in no group" in output
    assert "rubrics.xlsx, sheet presentation, row 3, column content: 11 is not a score" in output
    assert "policy.toml, line 1: [weights] must add up to 100" in output
    assert "3 error(s)" in output


@pytest.mark.slow
def test_the_console_script_checks_the_base_course(tmp_path: Path) -> None:
    """The installed ``gradelib`` command, in its own process: exit 0 and the warning."""
    folder = write_course(tmp_path / "course")
    before = fingerprint(folder)
    result = gradelib_process("check", folder, script=True)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "0 error(s), 1 warning(s)" in output
    assert "warning: groups.csv: group g3 has 1 member(s)" in output
    assert fingerprint(folder) == before


@pytest.mark.slow
@pytest.mark.parametrize("case", params([c for c in CASES if c.id == "rubric-text-score"]))
def test_python_m_gradelib_reports_a_bad_folder(case: Case, tmp_path: Path) -> None:
    """``python -m gradelib check``, in its own process: exit 1, the location, no traceback,
    nothing written, and the same output as in this process."""
    folder = tmp_path / "course"
    case.build(folder)
    before = fingerprint(folder)
    result = gradelib_process("check", folder)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    for text in case.expected:
        assert text in output, f"expected {text!r} in:\n{output}"
    assert fingerprint(folder) == before
    assert (result.returncode, output) == gradelib_check(folder)


def test_cases_have_unique_ids() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))
    assert set(ids) >= QUICK
    assert len(CASES) >= 30
