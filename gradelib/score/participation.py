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
from gradelib.load.crosscheck import attendance_dates
from gradelib.policy.model import Policy
from gradelib.score.items import local_moment

ATTENDANCE_DAY = "attendance:"


def attendance_record(course: Course) -> pd.DataFrame:
    """Each student's status on each attendance date, overrides applied.

    Returns
    -------
    pandas.DataFrame
        ``uniqname``, ``date``, ``status`` (present, absent, excused), ``reason`` (the
        override's reason where one decided the status, else missing).
    """
    days = attendance_dates(course.schedule).sort_values().to_frame()
    roster = course.roster[["uniqname"]]
    # Uniqnames as categories: the joins below then match integer codes, not text.
    who = pd.CategoricalDtype(roster["uniqname"].to_numpy(dtype=object))
    grid = roster.astype({"uniqname": who}).merge(days, how="cross")
    logged = course.attendance[["date", "uniqname", "status"]].astype({"uniqname": who})
    grid = grid.merge(logged, on=["uniqname", "date"], how="left")
    grid["status"] = grid["status"].fillna("absent").astype("string")

    overrides = course.overrides
    days_over = overrides.loc[overrides["component"].str.startswith(ATTENDANCE_DAY)].copy()
    days_over["date"] = pd.to_datetime(
        days_over["component"].str.slice(len(ATTENDANCE_DAY))
    ).astype("datetime64[ns]")
    days_over["forced"] = np.where(
        days_over["excused"], "excused", np.where(days_over["value"] >= 100, "present", "absent")
    )
    forced = days_over[["uniqname", "date", "forced", "reason"]].astype({"uniqname": who})
    grid = grid.merge(forced, on=["uniqname", "date"], how="left")
    grid["status"] = grid["forced"].fillna(grid["status"]).astype("string")
    grid["uniqname"] = grid["uniqname"].astype(object)
    return grid.drop(columns="forced")


def attendance_scores(record: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """Per student: ``held`` (H), ``absences`` (A), ``excused_days`` and ``attendance``."""
    counts = (
        record.assign(
            held=record["status"] != "excused",
            absent=record["status"] == "absent",
            excused=record["status"] == "excused",
        )
        .groupby("uniqname", sort=False)[["held", "absent", "excused"]]
        .sum()
    )
    return pd.DataFrame(
        {
            "held": counts["held"].astype(int),
            "absences": counts["absent"].astype(int),
            "excused_days": counts["excused"].astype(int),
            "attendance": attendance_percent(
                counts["held"], counts["absent"], policy.absence_allowance
            ),
        }
    )


def attendance_percent(held: pd.Series, absences: pd.Series, allowance: int) -> pd.Series:
    """``100 × min(1, (H − A + allowance) / H)``, and 100 where H is 0 (all excused)."""
    held, absences = held.astype(float), absences.astype(float)
    ratio = (held - absences + allowance) / held.where(held > 0)
    return (100.0 * ratio.clip(upper=1.0)).fillna(100.0)


def weighted_participation(parts: pd.DataFrame, shares: Mapping[str, float]) -> pd.Series:
    """Participation from its parts (columns ``attendance``, ``questions``, ``piazza``)."""
    return sum(parts[part] * share for part, share in shares.items()) / 100.0


def question_record(course: Course, record: pd.DataFrame) -> pd.DataFrame:
    """Each student's paper lectures P and whether an on-time question came for each.

    Returns
    -------
    pandas.DataFrame
        ``uniqname``, ``date``, ``on_time`` (bool), ``late`` (only a late question came).
    """
    schedule = course.schedule
    papers = schedule.loc[schedule["presenter"].notna(), ["date", "presenter"]]
    members = course.groups[["uniqname", "group"]]
    # Uniqnames as categories: the joins below then match integer codes, not text.
    who = pd.CategoricalDtype(pd.unique(members["uniqname"].to_numpy(dtype=object)))
    grid = members.astype({"uniqname": who}).merge(papers, how="cross")
    own = grid["group"].to_numpy(dtype=object) == grid["presenter"].to_numpy(dtype=object)
    grid = grid.loc[~own]
    excused = record.loc[record["status"] == "excused", ["uniqname", "date"]]
    excused = excused.astype({"uniqname": who}).assign(_excused=True)
    grid = grid.merge(excused, on=["uniqname", "date"], how="left")
    grid = grid.loc[grid["_excused"].isna(), ["uniqname", "date"]]

    questions = course.questions
    starts = local_moment(questions["date"], course.policy.class_start, course.policy)
    asked = questions.assign(
        on_time=questions["timestamp"] < starts, uniqname=questions["uniqname"].astype(who)
    )
    per_lecture = (
        asked.groupby(["uniqname", "date"], observed=True)["on_time"]
        .any()
        .rename("on_time")
        .reset_index()
    )
    grid = grid.merge(per_lecture, on=["uniqname", "date"], how="left")
    grid["late"] = grid["on_time"].eq(False)
    grid["on_time"] = grid["on_time"].eq(True)
    grid["uniqname"] = grid["uniqname"].astype(object)
    return grid.reset_index(drop=True)


def question_scores(questions: pd.DataFrame, students: pd.Index) -> pd.DataFrame:
    """Per student: ``asked`` (|P|), ``answered`` (on time) and ``questions`` (score)."""
    counts = (
        questions.groupby("uniqname")["on_time"]
        .agg(["size", "sum"])
        .reindex(students, fill_value=0)
    )
    asked, answered = counts["size"].astype(int), counts["sum"].astype(int)
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


def participation_scores(course: Course) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Participation and its parts for every student.

    Returns
    -------
    scores : pandas.DataFrame
        Indexed by uniqname: ``attendance``, ``questions``, ``piazza``, ``participation``
        and the counts behind them.
    attendance : pandas.DataFrame
        The attendance record (:func:`attendance_record`).
    questions : pandas.DataFrame
        The question record (:func:`question_record`).
    """
    students = pd.Index(course.roster["uniqname"], name="uniqname")
    record = attendance_record(course)
    asked = question_record(course, record)
    # With no attendance date yet (before the first class), H = 0: attendance is 100.
    no_days = {"held": 0, "absences": 0, "excused_days": 0, "attendance": 100.0}
    scores = pd.concat(
        [
            attendance_scores(record, course.policy)
            .reindex(students)
            .fillna(no_days)
            .astype({"held": int, "absences": int, "excused_days": int}),
            question_scores(asked, students),
            piazza_scores(course, students),
        ],
        axis=1,
    )
    scores["participation"] = weighted_participation(scores, course.policy.participation)
    return scores, record, asked
