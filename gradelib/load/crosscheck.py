"""Checks across the tables of a course folder.

Each function looks at already-typed frames and reports into the log: uniqnames the
roster does not know, groups nobody defined, attendance on a day without class, rubric
rows for lectures nobody was scheduled to present, duplicate rows. They never change
the frames.

Who is enrolled (:func:`check_known_students`, :func:`check_groups`,
:func:`enrolled_only`) is in :mod:`gradelib.load.membership`, imported here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.files import RUBRICS_FILE
from gradelib.load.membership import (
    MAX_GROUP,
    MIN_GROUP,
    check_groups,
    check_known_students,
    enrolled_only,
    row_keys,
    student_codes,
)
from gradelib.load.records import ROW
from gradelib.load.roles import check_roles, second_presenters
from gradelib.load.rubrics import DATED_SHEETS, Rubric
from gradelib.load.selection import selected
from gradelib.policy.model import LECTURE_ROLES
from gradelib.sheets.tables import RawTable

__all__ = [
    "MAX_GROUP",
    "MIN_GROUP",
    "attendance_dates",
    "check_attendance",
    "check_groups",
    "check_known_students",
    "check_overrides",
    "check_piazza",
    "check_questions",
    "check_rubrics",
    "check_schedule",
    "enrolled_only",
    "row_keys",
    "student_codes",
]


def _day(value: pd.Timestamp) -> str:
    return f"{value:%Y-%m-%d}"


def attendance_dates(schedule: pd.DataFrame) -> pd.Series:
    """The dates attendance is taken on: every date whose kind is not ``no-lecture``."""
    return schedule.loc[schedule["kind"] != "no-lecture", "date"]


def check_schedule(
    schedule: pd.DataFrame, table: RawTable, groups: pd.DataFrame | None, log: ProblemLog
) -> None:
    """Dates unique, roles only on lectures, role groups known; then the role rules.

    The syllabus's role rules (who presents, summarizes and reviews; issue 17) are
    :func:`gradelib.load.roles.check_roles`. A second paper lecture of another group on
    a date is reported there, instead of as a date that appears twice.
    """
    again = schedule.duplicated("date", keep="first") & ~second_presenters(schedule)
    for row, day in selected(schedule, again, [ROW, "date"]):
        log.error(table.file, f"date {_day(day)} appears twice", **table.where(row, "date"))
    known = groups["group"].unique() if groups is not None else None
    for role in ("presenter", "summarizer", "reviewer"):
        named = schedule.loc[schedule[role].notna()]
        off_lecture = named["kind"] != "lecture"
        for row, kind in selected(named, off_lecture, [ROW, "kind"]):
            log.error(
                table.file,
                f"a {role} on a '{kind}' date; only lectures have a {role}",
                **table.where(row, role),
            )
        if known is not None:
            for row, group in selected(named, ~named[role].isin(known), [ROW, role]):
                log.error(table.file, f"group {group!r} is not in groups", **table.where(row, role))
    orphan = schedule["summarizer"].notna() & schedule["presenter"].isna()
    for row in selected(schedule, orphan, ROW):
        log.error(table.file, "a summarizer but no presenter", **table.where(row, "summarizer"))
    check_roles(schedule, table, groups, log)


def check_attendance(
    attendance: pd.DataFrame,
    table: RawTable,
    schedule: pd.DataFrame | None,
    log: ProblemLog,
    students: np.ndarray | None = None,
) -> np.ndarray:
    """Attendance only on attendance dates; one status per student and date.

    Parameters
    ----------
    attendance : pandas.DataFrame
        The typed attendance.
    table : RawTable
        Where it was read from (for the messages).
    schedule : pandas.DataFrame or None
        The typed schedule; ``None`` when unreadable (the dates are then not checked).
    log : ProblemLog
        Receives an error for each row off the class dates and each second status.
    students : numpy.ndarray or None
        The rows' :func:`~gradelib.load.membership.student_codes`, when already known.

    Returns
    -------
    numpy.ndarray of bool
        The first row of each student and date: what grading keeps of a row entered twice.
    """
    if schedule is not None:
        outside = ~attendance["date"].isin(attendance_dates(schedule))
        for row, day in selected(attendance, outside, [ROW, "date"]):
            log.error(
                table.file,
                f"{_day(day)} is not a class date in the schedule (or is a no-lecture date)",
                **table.where(row, "date"),
            )
    if students is None:
        students = student_codes(attendance["uniqname"], None)
    pair = row_keys(attendance["date"], students)
    repeated = _repeats(row_keys(pair, attendance["status"]))
    clash = np.flatnonzero(~repeated)[_repeats(pair[~repeated])]
    for row, day, name in attendance.iloc[clash][[ROW, "date", "uniqname"]].itertuples(index=False):
        log.error(
            table.file,
            f"{name} has two different statuses on {_day(day)}; keep one row",
            **table.where(row, "status"),
        )
    return ~_repeats(pair)


def _repeats(keys: np.ndarray) -> np.ndarray:
    """Rows whose key an earlier row has (:func:`~gradelib.load.membership.row_keys`)."""
    return pd.Series(keys).duplicated(keep="first").to_numpy()


def check_questions(
    questions: pd.DataFrame, table: RawTable, schedule: pd.DataFrame | None, log: ProblemLog
) -> None:
    """Questions are for paper lectures (a warning otherwise: such rows do not count)."""
    if schedule is None:
        return
    papers = schedule.loc[schedule["presenter"].notna(), "date"]
    stray = ~questions["date"].isin(papers)
    for row, day in selected(questions, stray, [ROW, "date"]):
        log.warning(
            table.file,
            f"{_day(day)} is not a paper lecture in the schedule; this question does not count",
            **table.where(row, "date"),
        )


def check_piazza(
    piazza: pd.DataFrame, table: RawTable, roster: pd.DataFrame, log: ProblemLog
) -> None:
    """Rows of people not on the roster are ignored (warning); a student twice is an error."""
    column = "email" if "email" in table.headers else "uniqname"
    check_known_students(piazza, table, roster, log, unknown="ignored", column=column)
    twice = piazza.duplicated("uniqname", keep="first")
    for row, name in selected(piazza, twice, [ROW, "uniqname"]):
        log.error(table.file, f"{name} appears twice", **table.where(row, column))


def check_rubrics(
    rubrics: dict[str, Rubric],
    schedule: pd.DataFrame | None,
    groups: pd.DataFrame | None,
    log: ProblemLog,
) -> None:
    """Rubric rows name known groups and scheduled lectures; no row twice; one submitted time."""
    known = groups["group"].unique() if groups is not None else None
    for sheet, rubric in rubrics.items():
        scores = rubric.scores
        where = {"sheet": sheet}
        if known is not None:
            for row, group in selected(scores, ~scores["group"].isin(known), [ROW, "group"]):
                log.error(
                    RUBRICS_FILE,
                    f"group {group!r} is not in groups",
                    row=row,
                    column="group",
                    **where,
                )
        keys = ["group", "date", "grader"] if sheet in DATED_SHEETS else ["group", "grader"]
        twice = scores.duplicated(keys, keep="first")
        for row, group, grader in selected(scores, twice, [ROW, "group", "grader"]):
            by = f" by {grader}" if grader else ""
            log.error(
                RUBRICS_FILE,
                f"a second row for group {group}{by} on the same item; keep one",
                row=row,
                **where,
            )
        _check_submitted(sheet, scores, keys[:-1], log)
        if sheet in DATED_SHEETS and schedule is not None:
            _check_rubric_slots(sheet, scores, schedule, log)


def _check_submitted(sheet: str, scores: pd.DataFrame, item: list[str], log: ProblemLog) -> None:
    """The graders' rows of an item (rows equal in ``item``) agree on ``submitted``."""
    stamped = scores.loc[scores["submitted"].notna()]
    items = row_keys(*(stamped[column] for column in item))
    if len(np.unique(row_keys(items, stamped["submitted"]))) == len(np.unique(items)):
        return  # no item has two times (the usual case), found without grouping
    conflict = stamped.groupby(item, dropna=False)["submitted"].transform("nunique") > 1
    for _, rows in stamped.loc[conflict].groupby(item, dropna=False)[ROW]:
        listed = ", ".join(str(r) for r in rows)
        log.error(
            RUBRICS_FILE,
            f"the graders' rows of this item disagree on 'submitted' (rows {listed}); "
            "make them the same",
            row=int(rows.iloc[-1]),
            column="submitted",
            sheet=sheet,
        )


def _check_rubric_slots(
    sheet: str, scores: pd.DataFrame, schedule: pd.DataFrame, log: ProblemLog
) -> None:
    """Each row of a dated sheet is for the group the schedule gives that lecture's role."""
    role = LECTURE_ROLES[sheet]
    slots = schedule.loc[schedule[role].notna(), ["date", role]].rename(columns={role: "group"})
    matched = scores.merge(slots.assign(_slot=True), on=["date", "group"], how="left")
    for row, group, day in selected(matched, matched["_slot"].isna(), [ROW, "group", "date"]):
        log.error(
            RUBRICS_FILE,
            f"group {group} is not the scheduled {role} on {_day(day)}",
            row=row,
            column="date",
            sheet=sheet,
        )


def check_overrides(
    overrides: pd.DataFrame,
    table: RawTable,
    roster: pd.DataFrame,
    schedule: pd.DataFrame | None,
    log: ProblemLog,
) -> None:
    """Overrides name enrolled students, real attendance dates, and each target once."""
    check_known_students(overrides, table, roster, log, unknown="error")
    twice = overrides.duplicated(["uniqname", "component"], keep="first")
    for row, name, target in selected(overrides, twice, [ROW, "uniqname", "component"]):
        log.error(
            table.file,
            f"a second override of {target} for {name}; keep one",
            **table.where(row, "component"),
        )
    final_excused = (overrides["component"] == "final") & overrides["excused"]
    for row in selected(overrides, final_excused, ROW):
        log.error(
            table.file,
            "the final cannot be excused; give a percentage",
            **table.where(row, "value"),
        )
    is_day = overrides["component"].str.startswith("attendance:")
    odd_value = is_day & ~overrides["excused"] & ~overrides["value"].isin([0.0, 100.0])
    for row in selected(overrides, odd_value, ROW):
        log.error(
            table.file,
            "an attendance override is 'excused', 100 (present) or 0 (absent)",
            **table.where(row, "value"),
        )
    if schedule is not None:
        days = {f"attendance:{_day(d)}" for d in attendance_dates(schedule)}
        stray = is_day & ~overrides["component"].isin(days)
        for row, target in selected(overrides, stray, [ROW, "component"]):
            log.error(
                table.file,
                f"{target.split(':', 1)[1]} is not a class date in the schedule",
                **table.where(row, "component"),
            )
