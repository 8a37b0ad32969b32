"""The course as it stood on a day: the schedule and records cut back to that day.

Mid-term, :func:`course_as_of` cuts a course back to the class days up to a date, so
that :func:`gradelib.score_course` gives a sensible ``current`` score (days not held
yet do not count as absences, lectures not given yet ask for no question).
:func:`default_as_of` picks the day a panel starts at, and :func:`before_first_class`
says when no class has been held yet (then nothing is earned: no participation score and
no letter mean anything).
"""

from __future__ import annotations

import dataclasses
import datetime
from types import MappingProxyType

import pandas as pd

from gradelib.load.course import Course
from gradelib.load.crosscheck import attendance_dates
from gradelib.load.rubrics import DATED_SHEETS


def calendar_day(as_of: datetime.date) -> pd.Timestamp:
    """The calendar day ``as_of`` as the schedule stores days (naive midnight)."""
    return pd.Timestamp(as_of.year, as_of.month, as_of.day)


def end_of_day(course: Course, as_of: datetime.date) -> pd.Timestamp:
    """The end of ``as_of`` in the course time zone (the next local midnight), in UTC.

    The day's own length counts: 2024-11-03 in Detroit has 25 hours and ends at
    2024-11-04 05:00 UTC.
    """
    midnight = calendar_day(as_of) + pd.Timedelta(days=1)
    local = midnight.tz_localize(course.policy.zone, ambiguous=True, nonexistent="shift_forward")
    return local.tz_convert("UTC")


def course_as_of(course: Course, as_of: datetime.date) -> Course:
    """The course as it stood at the end of ``as_of`` (a day in the course time zone).

    Schedule rows after ``as_of`` are dropped (so attendance is taken, and questions
    asked, only on class days up to it), as are attendance rows for later dates,
    questions for later lectures or submitted after the end of the day, and rubric rows
    of ``presentation`` and ``summary`` for later lectures. Undated project items stay as
    they are (one not graded yet is already left out of ``current``); Piazza counts,
    overrides and ``submitted`` times are kept as they are, for they carry no date a
    replay could go by.

    Parameters
    ----------
    course : Course
        A course from :func:`gradelib.load_course`; it is not changed.
    as_of : datetime.date
        The last day that counts.

    Returns
    -------
    Course
        A copy with the later rows left out.

    Examples
    --------
    >>> import gradelib
    >>> course = gradelib.load_course("data/sample")
    >>> then = course_as_of(course, datetime.date(2024, 10, 15))
    >>> len(course.schedule), len(then.schedule)
    (30, 15)
    >>> gradelib.compute_grades(then).loc[0, ["uniqname", "current", "letter"]].to_dict()
    {'uniqname': 'karanb', 'current': 85.38, 'letter': 'B'}
    """
    day, end = calendar_day(as_of), end_of_day(course, as_of)
    rubrics = dict(course.rubrics)
    for sheet in set(DATED_SHEETS) & set(rubrics):
        rubric = rubrics[sheet]
        rubrics[sheet] = dataclasses.replace(
            rubric, scores=rows_up_to(rubric.scores, day), ungraded=rows_up_to(rubric.ungraded, day)
        )
    return dataclasses.replace(
        course,
        schedule=rows_up_to(course.schedule, day),
        attendance=rows_up_to(course.attendance, day),
        questions=rows_up_to(course.questions, day, end),
        rubrics=MappingProxyType(rubrics),
    )


def default_as_of(course: Course, today: datetime.date) -> datetime.date:
    """The last class day on or before ``today``; the last schedule date when there is none.

    Parameters
    ----------
    course : Course
        The course whose schedule is read.
    today : datetime.date
        Today in the course time zone.
    """
    days = attendance_dates(course.schedule)
    held = days.loc[days <= calendar_day(today)]
    chosen = held.max() if len(held) else course.schedule["date"].max()
    return pd.Timestamp(chosen).date()


def rows_up_to(
    frame: pd.DataFrame, day: pd.Timestamp, end: pd.Timestamp | None = None
) -> pd.DataFrame:
    """Rows dated up to ``day`` or undated, and stamped before ``end`` if it is given."""
    keep = (frame["date"] <= day) | frame["date"].isna()
    if end is not None:
        keep &= frame["timestamp"] < end
    return frame.loc[keep].reset_index(drop=True)


def first_class_day(course: Course) -> datetime.date | None:
    """The first day attendance is taken (SPEC "schedule": every date whose kind is not
    ``no-lecture``); ``None`` when the schedule has none."""
    days = attendance_dates(course.schedule)
    return pd.Timestamp(days.min()).date() if len(days) else None


def before_first_class(course: Course, as_of: datetime.date) -> bool:
    """Whether ``as_of`` is before the first class day (nothing held, nothing earned yet).

    A course as of such a day has no class day, no lecture and no dated rubric row: its
    participation would read 100 (the attendance formula over no day) and every student
    would get a letter from ungraded items, so panels say "before the first class"
    instead of showing scores.
    """
    first = first_class_day(course)
    return first is None or as_of < first
