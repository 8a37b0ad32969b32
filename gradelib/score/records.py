"""The attendance and question records, built once as grids of small codes.

A record is a students × dates table: attendance has one cell per student and attendance
date (present, absent or excused, overrides applied); questions has one cell per student
and paper lecture they are asked about (P), saying whether an on-time question came.
Both are built here as :class:`Grid` objects (NumPy arrays filled by whole-array
look-ups, no per-student Python) and shared: participation scores count their cells
(:mod:`gradelib.score.participation`), notes word them (:mod:`gradelib.score.notes`) and
:class:`~gradelib.score.grades.GradeReport` shows them as frames
(:func:`attendance_frame`, :func:`question_frame`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from gradelib.load.course import Course
from gradelib.load.crosscheck import attendance_dates
from gradelib.score.items import local_moment

ATTENDANCE_DAY = "attendance:"

#: Attendance statuses, by code: a grid cell holds the position.
STATUSES = np.array(["present", "absent", "excused"], dtype=object)
PRESENT, ABSENT, EXCUSED = 0, 1, 2
#: Question codes: no question came, only a late one, an on-time one.
NO_QUESTION, LATE, ON_TIME = 0, 1, 2


@dataclass(frozen=True)
class Grid:
    """A record as a students × dates table of codes.

    Attributes
    ----------
    who : numpy.ndarray
        Uniqnames (object), one per row.
    dates : numpy.ndarray
        datetime64 dates, one per column.
    codes : numpy.ndarray
        int8, rows × columns: ``PRESENT``, ``ABSENT``, ``EXCUSED`` (attendance) or
        ``NO_QUESTION``, ``LATE``, ``ON_TIME`` (questions).
    kept : numpy.ndarray
        bool, rows × columns: the cells in the record (every cell for attendance; the
        paper lectures P of each student for questions).
    reasons : pandas.DataFrame
        The overrides that decided a cell: ``row``, ``column``, ``reason``, in record
        order (empty for questions).
    """

    who: np.ndarray
    dates: np.ndarray
    codes: np.ndarray
    kept: np.ndarray
    reasons: pd.DataFrame

    def cells(self, code: int) -> tuple[np.ndarray, np.ndarray]:
        """Rows and columns of the kept cells holding ``code``, in record order."""
        return np.nonzero(self.kept & (self.codes == code))

    def count(self, code: int | None = None) -> np.ndarray:
        """Per row, the kept cells holding ``code`` (all kept cells when None)."""
        kept = self.kept if code is None else self.kept & (self.codes == code)
        return kept.sum(axis=1)


@dataclass(frozen=True)
class Records:
    """The two records of a course, built once (:func:`course_records`)."""

    attendance: Grid
    questions: Grid


def positions(index: np.ndarray | pd.Series, values: np.ndarray | pd.Series) -> np.ndarray:
    """Where each value first appears in ``index`` (-1 where it does not).

    Dates match as dates, anything else as Python objects (uniqnames, statuses). The
    distinct values are looked up once and mapped back (a log repeats each uniqname).
    """
    if pd.api.types.is_datetime64_any_dtype(index):
        labels, (codes, distinct) = pd.DatetimeIndex(index), pd.factorize(pd.Series(values))
    else:
        labels = pd.Index(np.asarray(index, dtype=object), dtype=object)
        codes, distinct = pd.factorize(np.asarray(values, dtype=object))
        distinct = pd.Index(distinct, dtype=object)
    first = np.flatnonzero(~labels.duplicated())
    found = labels[first].get_indexer(distinct)
    where = np.full(len(found) + 1, -1)  # the last place answers a missing value (code -1)
    hit = found >= 0
    where[:-1][hit] = first[found[hit]]
    return where[codes]


def attendance_grid(course: Course) -> Grid:
    """Each student's status on each attendance date (sorted), overrides applied.

    A date with no row for a student is an absence; an ``attendance:<date>`` override
    sets the cell (excused, present when its value is 100 or more, else absent).
    """
    days = attendance_dates(course.schedule).sort_values().to_numpy()
    who = course.roster["uniqname"].to_numpy(dtype=object)
    codes = np.full((len(who), len(days)), ABSENT, dtype=np.int8)
    logged = course.attendance
    row, column = positions(who, logged["uniqname"]), positions(days, logged["date"])
    status = positions(STATUSES, logged["status"])
    status = np.where(status >= 0, status, ABSENT)
    found = (row >= 0) & (column >= 0)
    codes[row[found], column[found]] = status[found]

    overrides = course.overrides
    on_days = overrides.loc[overrides["component"].str.startswith(ATTENDANCE_DAY)]
    dates = pd.to_datetime(on_days["component"].str.slice(len(ATTENDANCE_DAY)))
    row, column = positions(who, on_days["uniqname"]), positions(days, dates)
    forced = np.where(
        on_days["excused"], EXCUSED, np.where(on_days["value"] >= 100, PRESENT, ABSENT)
    )
    found = (row >= 0) & (column >= 0)
    codes[row[found], column[found]] = forced[found]
    reasons = pd.DataFrame(
        {"row": row[found], "column": column[found], "reason": on_days["reason"].array[found]}
    )
    reasons = reasons.sort_values(["row", "column"], kind="stable", ignore_index=True)
    return Grid(who, days, codes, np.ones(codes.shape, dtype=bool), reasons)


def question_grid(course: Course, attendance: Grid) -> Grid:
    """Each group member's paper lectures P and whether an on-time question came for each.

    P is every paper lecture but the student's own group's and the days they are
    excused from. A question is on time before class starts on its lecture's day.
    """
    schedule = course.schedule
    papers = schedule.loc[schedule["presenter"].notna()]
    members = course.groups
    who = members["uniqname"].to_numpy(dtype=object)
    days = papers["date"].to_numpy()
    own = members["group"].to_numpy(dtype=object)[:, None] == papers["presenter"].to_numpy(
        dtype=object
    )
    # Excused days, looked up in the attendance grid (a padding row and column: -1).
    excused = np.pad(attendance.codes == EXCUSED, ((0, 1), (0, 1)))
    rows, columns = positions(attendance.who, who), positions(attendance.dates, days)
    kept = ~own & ~excused[np.ix_(rows, columns)]

    row, column, _stamps, on_time = question_cells(course, who, papers["date"])
    codes = np.full(kept.shape, NO_QUESTION, dtype=np.int8)
    codes[row, column] = LATE
    codes[row[on_time], column[on_time]] = ON_TIME
    return Grid(who, days, codes, kept, pd.DataFrame(columns=["row", "column", "reason"]))


def question_cells(
    course: Course, who: np.ndarray, days: pd.Series
) -> tuple[np.ndarray, np.ndarray, pd.DatetimeIndex, np.ndarray]:
    """Each logged question of a student of ``who`` for a lecture of ``days`` (the paper
    lectures, in schedule order): its row, column, time stamp, and whether it came
    before its lecture's class start (on time)."""
    questions = course.questions
    row, column = positions(who, questions["uniqname"]), positions(days, questions["date"])
    found = (row >= 0) & (column >= 0)
    row, column = row[found], column[found]
    policy = course.policy
    starts = pd.DatetimeIndex(local_moment(days, policy.class_start, policy))
    stamps = pd.DatetimeIndex(questions["timestamp"])[found]
    return row, column, stamps, stamps < starts[column]


def course_records(course: Course) -> Records:
    """The attendance and question records of a course."""
    attendance = attendance_grid(course)
    return Records(attendance, question_grid(course, attendance))


def attendance_frame(grid: Grid) -> pd.DataFrame:
    """The attendance record as a frame, one row per student and date (student-major).

    Returns
    -------
    pandas.DataFrame
        ``uniqname``, ``date``, ``status`` (present, absent, excused), ``reason`` (the
        override's reason where one decided the status, else missing).
    """
    students, days = grid.codes.shape
    reason = pd.Series(pd.NA, index=pd.RangeIndex(students * days), dtype="string")
    flat = grid.reasons["row"].to_numpy(dtype=int) * days + grid.reasons["column"].to_numpy(
        dtype=int
    )
    reason.iloc[flat] = grid.reasons["reason"].to_numpy(dtype=object)
    return pd.DataFrame(
        {
            "uniqname": pd.Series(np.repeat(grid.who, days), dtype=object),
            "date": np.tile(grid.dates, students),
            "status": pd.array(STATUSES[grid.codes.ravel()], dtype="string"),
            "reason": reason.array,
        }
    )


def question_frame(grid: Grid) -> pd.DataFrame:
    """The question record as a frame, one row per student and paper lecture in P.

    Returns
    -------
    pandas.DataFrame
        ``uniqname``, ``date``, ``on_time`` (bool), ``late`` (only a late question came).
    """
    rows, columns = np.nonzero(grid.kept)
    codes = grid.codes[rows, columns]
    return pd.DataFrame(
        {
            "uniqname": pd.Series(grid.who[rows], dtype=object),
            "date": grid.dates[columns],
            "on_time": codes == ON_TIME,
            "late": codes == LATE,
        }
    )
