"""Participation: attendance with the absence allowance, on-time questions, Piazza.

- attendance: with H the attendance dates a student is not excused from and A their
  absences among them, ``100 × min(1, (H − A + allowance) / H)`` (100 when H is 0);
- questions: over the paper lectures P the student is asked about (not their own group's,
  not excused days), ``100 × (lectures with an on-time question) / |P|`` (100 when P is
  empty);
- Piazza: ``100 × min(1, contributions / target)``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from gradelib.load.course import Course
from gradelib.policy.model import Policy
from gradelib.score.records import (
    ABSENT,
    EXCUSED,
    ON_TIME,
    Grid,
    Records,
    attendance_frame,
    attendance_grid,
    course_records,
    positions,
    question_frame,
    question_grid,
)
from gradelib.timing import staged


def attendance_record(course: Course) -> pd.DataFrame:
    """Each student's status on each attendance date, overrides applied.

    Returns
    -------
    pandas.DataFrame
        ``uniqname``, ``date``, ``status`` (present, absent, excused), ``reason`` (the
        override's reason where one decided the status, else missing).
    """
    return attendance_frame(attendance_grid(course))


def question_record(course: Course) -> pd.DataFrame:
    """Each student's paper lectures P and whether an on-time question came for each.

    Returns
    -------
    pandas.DataFrame
        ``uniqname``, ``date``, ``on_time`` (bool), ``late`` (only a late question came).
    """
    return question_frame(question_grid(course, attendance_grid(course)))


def attendance_scores(grid: Grid, policy: Policy, students: pd.Index) -> pd.DataFrame:
    """Per student: ``held`` (H), ``absences`` (A), ``excused_days`` and ``attendance``.

    ``grid`` is the attendance grid, one row per student of ``students`` in that order.
    With no attendance date yet (before the first class) H is 0 and attendance is 100.
    """
    excused = grid.count(EXCUSED)
    counts = pd.DataFrame(
        {"held": grid.count() - excused, "absences": grid.count(ABSENT), "excused_days": excused},
        index=students,
    ).astype(int)
    counts["attendance"] = attendance_percent(
        counts["held"], counts["absences"], policy.absence_allowance
    )
    return counts


def attendance_percent(held: pd.Series, absences: pd.Series, allowance: int) -> pd.Series:
    """``100 × min(1, (H − A + allowance) / H)``, and 100 where H is 0 (all excused)."""
    held, absences = held.astype(float), absences.astype(float)
    ratio = (held - absences + allowance) / held.where(held > 0)
    return (100.0 * ratio.clip(upper=1.0)).fillna(100.0)


def weighted_participation(parts: pd.DataFrame, shares: Mapping[str, float]) -> pd.Series:
    """Participation from its parts (columns ``attendance``, ``questions``, ``piazza``)."""
    return sum(parts[part] * share for part, share in shares.items()) / 100.0


def question_scores(grid: Grid, students: pd.Index) -> pd.DataFrame:
    """Per student: ``asked`` (|P|), ``answered`` (on time) and ``questions`` (score).

    ``grid`` is the question grid; a student with no row in it is asked about nothing.
    """
    where = positions(students, grid.who)
    found = where >= 0

    def per_student(counts: np.ndarray) -> pd.Series:
        total = np.bincount(where[found], weights=counts[found], minlength=len(students))
        return pd.Series(total.astype(int), index=students)

    asked, answered = per_student(grid.count()), per_student(grid.count(ON_TIME))
    score = (100.0 * answered / asked.where(asked > 0)).fillna(100.0)
    return pd.DataFrame({"asked": asked, "answered": answered, "questions": score})


def piazza_scores(course: Course, students: pd.Index) -> pd.DataFrame:
    """Per student: ``contributions`` (0 when not in the export), ``in_piazza``, ``piazza``."""
    found = course.piazza.set_index("uniqname")["contributions"]
    contributions = found.reindex(students)
    listed = contributions.notna()
    contributions = contributions.fillna(0).astype(int)
    score = 100.0 * (contributions / course.policy.piazza_target).clip(upper=1.0)
    return pd.DataFrame({"contributions": contributions, "in_piazza": listed, "piazza": score})


@staged("participation")
def participation_scores(course: Course) -> tuple[pd.DataFrame, Records]:
    """Participation and its parts for every student.

    Returns
    -------
    scores : pandas.DataFrame
        Indexed by uniqname: ``attendance``, ``questions``, ``piazza``, ``participation``
        and the counts behind them.
    records : Records
        The attendance and question records they count, for notes and the report
        (:func:`gradelib.score.records.course_records`).
    """
    students = pd.Index(course.roster["uniqname"], name="uniqname")
    records = course_records(course)
    return counted_participation(course, records, students), records


def counted_participation(
    course: Course, records: Records, students: pd.Index, piazza: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Participation and its parts counted from ``records`` (the scores of
    :func:`participation_scores`).

    ``piazza`` is :func:`piazza_scores` when already worked out (it carries no date, so a
    course as of any day shares it).
    """
    scores = pd.concat(
        [
            attendance_scores(records.attendance, course.policy, students),
            question_scores(records.questions, students),
            piazza_scores(course, students) if piazza is None else piazza,
        ],
        axis=1,
    )
    scores["participation"] = weighted_participation(scores, course.policy.participation)
    return scores
