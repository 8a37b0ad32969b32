"""Rubric item scores: graders averaged, late summaries not counted, late slides flagged.

An item is one graded piece of work of one group: a presented lecture, a summarized
lecture, the proposal, the final report, the mid-semester presentation, the poster. Its
score is 100 × (sum of criteria) / (sum of maxima), averaged over its graders.
"""

from __future__ import annotations

from datetime import time

import pandas as pd

from gradelib.load.course import Course
from gradelib.policy.model import Policy
from gradelib.score.wording import joined_per, two_decimals
from gradelib.timing import staged


def local_moment(days: pd.Series, clock: time, policy: Policy) -> pd.Series:
    """``clock`` on each day, in the course time zone, as UTC timestamps.

    Daylight saving time is that of each day (10:30 is 14:30 UTC in October, 15:30 UTC
    in November in Detroit).
    """
    wall = days + pd.Timedelta(hours=clock.hour, minutes=clock.minute)
    return wall.dt.tz_localize(
        policy.zone, ambiguous=True, nonexistent="shift_forward"
    ).dt.tz_convert("UTC")


def summary_deadlines(days: pd.Series, policy: Policy) -> pd.Series:
    """When the summary of each lecture day is due: class end plus the allowed elapsed hours.

    Hours are real elapsed time: across the November change a 24-hour window after a
    12:00 EDT class end closes at 11:00 EST the next day.
    """
    return local_moment(days, policy.class_end, policy) + pd.Timedelta(
        hours=policy.summary_hours_after_class
    )


def slides_deadlines(days: pd.Series, policy: Policy) -> pd.Series:
    """When slides for each lecture day are due: class start minus the required hours."""
    return local_moment(days, policy.class_start, policy) - pd.Timedelta(
        hours=policy.slides_hours_before_class
    )


@staged("items")
def item_scores(course: Course) -> pd.DataFrame:
    """One row per graded item of every rubric sheet.

    Returns
    -------
    pandas.DataFrame
        ``sheet``, ``group``, ``date`` (NaT for undated items), ``raw_score`` (graders'
        mean), ``score`` (after the late rule: 0 for a late summary), ``graders``
        (count), ``grader_scores`` (text such as ``"insujang 86.00, mosharaf 90.00"``),
        ``submitted`` (UTC, NaT when not recorded), ``deadline`` (UTC, for summaries and
        slides), ``late`` (a summary after its deadline) and ``flagged`` (slides after
        theirs).
    """
    frames = []
    for sheet, rubric in course.rubrics.items():
        scores = rubric.scores.assign(sheet=sheet)
        if sheet not in ("presentation", "summary"):
            scores = scores.assign(date=pd.NaT).astype({"date": "datetime64[ns]"})
        frames.append(scores[["sheet", "group", "date", "grader", "submitted", "score"]])
    rows = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["sheet", "group", "date", "grader", "submitted", "score"])
    )
    rows = rows.sort_values(["sheet", "group", "date", "grader"], kind="stable")
    rows["shown"] = (
        rows["grader"].where(rows["grader"] != "", "grader") + " " + two_decimals(rows["score"])
    )
    keys = ["sheet", "group", "date"]
    items = (
        rows.groupby(keys, dropna=False, sort=True)
        .agg(
            raw_score=("score", "mean"),
            graders=("score", "size"),
            submitted=("submitted", "max"),
        )
        .reset_index()
    )
    # Rows are sorted by the keys, so the groups of joined_per come in the same order.
    shown = joined_per(rows["shown"], [rows[key] for key in keys])
    items.insert(items.columns.get_loc("graders") + 1, "grader_scores", shown.to_numpy())
    items["grader_scores"] = items["grader_scores"].astype("string")
    policy = course.policy
    is_summary = items["sheet"] == "summary"
    is_slides = items["sheet"] == "presentation"
    deadline = pd.Series(pd.NaT, index=items.index, dtype="datetime64[ns, UTC]")
    deadline[is_summary] = summary_deadlines(items.loc[is_summary, "date"], policy)
    deadline[is_slides] = slides_deadlines(items.loc[is_slides, "date"], policy)
    items["deadline"] = deadline
    after = items["submitted"].notna() & (items["submitted"] > items["deadline"])
    items["late"] = is_summary & after
    items["flagged"] = is_slides & after
    items["score"] = items["raw_score"].where(~items["late"], 0.0)
    return items


def local_text(moments: pd.Series, policy: Policy) -> pd.Series:
    """UTC timestamps as course-local text, e.g. ``"2024-11-04 11:01 EST"``."""
    return moments.dt.tz_convert(policy.zone).dt.strftime("%Y-%m-%d %H:%M %Z")
