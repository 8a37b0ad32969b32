"""Every student's rows of the graded result, found once for the whole class.

A statement needs one student's rows of many report tables (grades, components, parts,
attendance, questions, notes, overrides, the group's items) and the course schedule.
Filtering each table for each student costs time growing with the class size, for
every student: writing a class's statements would take time growing with its square.
:class:`ClassRecords` reads each table once (its columns as lists, each student's row
positions from one ``groupby``) and hands out one student's rows as plain dicts.

Nothing here computes a score: the values are the report's, as they are.
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd

from gradelib.load.course import Course
from gradelib.policy.model import COMPONENTS, LECTURE_ROLES
from gradelib.score.combine import Components
from gradelib.score.grades import GradeReport
from gradelib.sheets.rounding import round_half_up
from gradelib.show.explain._html import ROLE_WORDS, _missing, _weekday_day
from gradelib.show.rendered import Known


class _Dates:
    """A date column, read by position: each distinct date is made a ``Timestamp`` once,
    when first read (making every one of them at once costs more than the rest)."""

    def __init__(self, column: pd.Series) -> None:
        codes, self.uniques = pd.factorize(column)
        self.codes = codes.tolist()
        self.boxes: dict[int, Any] = {-1: pd.NaT}  # code -1: a missing date

    def __getitem__(self, i: int) -> Any:
        return self._box(self.codes[i])

    def take(self, at: list[int]) -> list[Any]:
        """The dates at positions ``at``, in that order."""
        boxes, codes = self.boxes, self.codes
        return [boxes[code] if code in boxes else self._box(code) for code in _taken(codes, at)]

    def _box(self, code: int) -> Any:
        box = self.boxes.get(code)
        if box is None:
            box = self.boxes[code] = self.uniques[code]
        return box


def _taken(values: list[Any], at: list[int]) -> list[Any]:
    """``values`` at positions ``at``, in that order (one C-level gather)."""
    if len(at) == 1:
        return [values[at[0]]]
    return list(itemgetter(*at)(values)) if at else []


def _take(column: list[Any] | _Dates, at: list[int]) -> list[Any]:
    """A column's values (:func:`_listed`) at positions ``at``."""
    return column.take(at) if type(column) is _Dates else _taken(column, at)


def _listed(column: pd.Series) -> list[Any] | _Dates:
    """The values of ``column`` by position, as ``column.tolist()`` has them."""
    return _Dates(column) if column.dtype.kind == "M" else column.tolist()


class Rows:
    """The rows of a frame by key, read one key at a time as dicts.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    by : str or list of str
        The key column(s); rows with a missing key belong to no key.
    """

    def __init__(self, frame: pd.DataFrame, by: str | list[str]) -> None:
        self.names = [str(column) for column in frame.columns]
        self.columns = [_listed(frame[column]) for column in frame.columns]
        groups = frame.groupby(by, sort=False, observed=True)
        self.positions: dict[Hashable, Any] = groups.indices if len(frame) else {}

    def of(self, key: Hashable) -> list[dict[str, Any]]:
        """The rows with ``key`` (a tuple for several key columns), in the frame's order."""
        where = self.positions.get(key)
        if where is None:
            return []
        at = where.tolist()
        values = zip(*[_take(column, at) for column in self.columns], strict=True)
        names = self.names
        return [dict(zip(names, row, strict=True)) for row in values]

    def columns_of(self, key: Hashable) -> dict[str, list[Any]]:
        """The rows with ``key`` as columns: column name -> its values in those rows, in
        the frame's order (no dict per row)."""
        where = self.positions.get(key)
        at = [] if where is None else where.tolist()
        columns = zip(self.names, self.columns, strict=True)
        return {name: _take(column, at) for name, column in columns}


class Table:
    """A frame indexed by uniqname, read one row at a time as a dict (``.loc[key]``).

    Parameters
    ----------
    frame : pandas.DataFrame
        The table, one row per student.
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self.names = [str(column) for column in frame.columns]
        self.columns = [_listed(frame[column]) for column in frame.columns]
        self.at = {key: i for i, key in enumerate(frame.index.tolist())}

    def row(self, key: Hashable) -> dict[str, Any]:
        """The row of ``key`` (``KeyError`` when there is none)."""
        i = self.at[key]
        return {name: column[i] for name, column in zip(self.names, self.columns, strict=True)}


class Day:
    """A class day of the schedule, as the explanations read it.

    Attributes
    ----------
    date : pandas.Timestamp
        The day.
    topic : object
        Its topic (``<NA>`` when none).
    weekday, topic_text : str
        The day as a table shows it (``Tue 2024-09-03``), and its topic ("" when none).
    roles : dict
        Schedule column (``presenter``, ``summarizer``, ``reviewer``) -> the group with
        that role (``str``), or ``None``.
    doing : dict
        Group -> what it does that day, its roles' words in the columns' order
        (``presents, reviews``); a group with no role is not in it.
    """

    def __init__(self, row: dict[str, Any]) -> None:
        self.date = row["date"]
        self.topic = row["topic"]
        self.weekday = _weekday_day(self.date)
        self.topic_text = "" if _missing(self.topic) else str(self.topic)
        self.roles = {
            column: None if _missing(row[column]) else str(row[column])
            for column in ("presenter", "summarizer", "reviewer")
        }
        #: Group -> what it does that day (``presents, reviews``), for the groups with a role.
        self.doing: dict[str, str] = {}
        for column, group in self.roles.items():
            if group is not None:
                done = self.doing.get(group)
                self.doing[group] = (
                    ROLE_WORDS[column] if done is None else f"{done}, {ROLE_WORDS[column]}"
                )


class ClassRecords:
    """A course and its graded result, read once, one student's rows at a time.

    Parameters
    ----------
    course : Course
        The course (schedule, overrides, groups, policy).
    report : GradeReport
        :func:`gradelib.score_course` of that course.
    """

    def __init__(self, course: Course, report: GradeReport) -> None:
        self.course, self.report, self.policy = course, report, course.policy
        grades = report.grades
        self.uniqnames = grades["uniqname"].tolist()
        self.position: dict[object, int] = {}
        for i, key in enumerate(self.uniqnames):
            self.position.setdefault(key, i)
        self.grades = {
            column: grades[column].tolist()
            for column in ("uniqname", "name", "group", "final", "current", "letter")
        }
        self.components = {
            name: Table(getattr(report.components, name).reindex(columns=list(COMPONENTS)))
            for name in ("current", "final", "status", "weight", "points")
        }
        rounded = _rounded(report.components)
        #: Each student's points as shown (each rounded) added up, by row of the points.
        self.shown_points = np.where(np.isnan(rounded), 0.0, rounded).sum(axis=1)
        self.counted_weight = Table(report.components.counted_weight.to_frame("weight"))
        self.current_weight = Table(report.components.current_weight.to_frame("weight"))
        self.computed = Table(report.computed)
        self.parts = Table(report.parts)
        overrides = report.final_override
        #: Uniqname -> the final set by an override (missing when none).
        self.final_override = dict(zip(overrides.index.tolist(), overrides.tolist(), strict=True))
        self.overrides = Rows(course.overrides, "uniqname")
        self.attendance = Rows(report.attendance, "uniqname")
        self.questions = Rows(report.questions, "uniqname")
        self.notes = Rows(report.notes, "uniqname")
        self.items = Rows(report.items, ["sheet", "group"])
        self.group_of = dict(
            zip(course.group_of.index.tolist(), course.group_of.tolist(), strict=True)
        )
        self.weights = {k: float(self.policy.weights[k]) for k in COMPONENTS}
        schedule = course.schedule
        self.days = [Day(row) for row in schedule.to_dict("records")]
        lectures = schedule.loc[schedule["kind"] != "no-lecture"]
        self.lecture_days = [Day(row) for row in lectures.to_dict("records")]
        self.slots = _slots(self.days)
        #: HTML pieces made so far, to be reused (gradelib.show.rendered).
        self.rendered: Known = {}
        #: Other things made once per class and reused (e.g. a group's class days).
        self.memo: dict[tuple[Any, ...], Any] = {}
        self._rows: tuple[object, dict[str, dict[str, list[Any]]]] = (None, {})
        self._items: dict[tuple[str, str | None], list[dict[str, Any]]] = {}

    def known(self, key: str) -> bool:
        """Whether ``key`` is a uniqname of the grades."""
        return key in self.position

    def row(self, key: str) -> dict[str, Any]:
        """The student's row of the grades frame (``uniqname``, ``name``, ``group``,
        ``final``, ``current``, ``letter``)."""
        i = self.position[key]
        return {column: values[i] for column, values in self.grades.items()}

    def rows_of(self, key: str) -> dict[str, dict[str, list[Any]]]:
        """The student's rows of ``attendance``, ``questions`` and ``notes``, each table
        as its columns (:meth:`Rows.columns_of`), kept for the last student asked (a
        statement's breakdown and days read the same)."""
        if self._rows[0] != key:
            rows = {name: getattr(self, name).columns_of(key) for name in _PER_STUDENT}
            self._rows = (key, rows)
        return self._rows[1]

    def group_items(self, sheet: str, group: str | None) -> list[dict[str, Any]]:
        """The graded items of ``group`` on ``sheet``, in the items' order (found once for
        all members of the group)."""
        key = (sheet, group)
        rows = self._items.get(key)
        if rows is None:
            rows = self._items[key] = self.items.of(key)
        return rows

    def points_shown(self, key: str) -> float:
        """The points toward the final as shown (each rounded), added up."""
        return float(self.shown_points[self.components["points"].at[key]])


#: The tables read per student by :meth:`ClassRecords.rows_of`.
_PER_STUDENT = ("attendance", "questions", "notes")


def _rounded(components: Components) -> np.ndarray:
    """Each student's points toward the final rounded for display, one row each (in the
    order of the points frame, columns in ``COMPONENTS`` order)."""
    points = components.points.reindex(columns=list(COMPONENTS))
    flat = points.astype("Float64").to_numpy(dtype=float, na_value=np.nan).ravel()
    return round_half_up(flat).to_numpy().reshape(points.shape)


def _slots(days: list[Day]) -> dict[str, dict[str, list[pd.Timestamp]]]:
    """Component -> group -> the dates of the schedule where the group has its role."""
    slots: dict[str, dict[str, list[pd.Timestamp]]] = {}
    for component, role in LECTURE_ROLES.items():
        by_group = slots.setdefault(component, {})
        for day in days:
            group = day.roles[role]
            if group is not None:
                by_group.setdefault(group, []).append(day.date)
    return slots


_LAST: list[tuple[weakref.ref, weakref.ref, ClassRecords]] = []


def class_records(course: Course, report: GradeReport) -> ClassRecords:
    """The :class:`ClassRecords` of a course and its report, kept for the last pair asked.

    The notebook explains one student after another from the same graded result; the
    class's tables are read once for all of them (a new result is read anew).
    """
    if _LAST:
        known_course, known_report, records = _LAST[0]
        if known_course() is course and known_report() is report:
            return records
    records = ClassRecords(course, report)
    _LAST[:] = [(weakref.ref(course), weakref.ref(report), records)]
    return records
