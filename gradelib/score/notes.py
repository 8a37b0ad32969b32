"""Plain-word notes that explain participation: absences, excused days, questions, Piazza."""

from __future__ import annotations

import pandas as pd

from gradelib.load.course import Course
from gradelib.score.wording import as_text, day_text, joined_per, two_decimals

NOTE_COLUMNS = ["uniqname", "component", "note"]


def _dates(frame: pd.DataFrame) -> pd.Series:
    """Per student, the frame's dates as ``"2024-09-03, 2024-10-08"``."""
    return joined_per(day_text(frame["date"]), frame["uniqname"])


def participation_notes(
    course: Course, scores: pd.DataFrame, record: pd.DataFrame, asked: pd.DataFrame
) -> pd.DataFrame:
    """Notes for the participation component.

    Parameters
    ----------
    course : Course
        The course (for the policy).
    scores : pandas.DataFrame
        :func:`~gradelib.score.participation.participation_scores`' scores.
    record, asked : pandas.DataFrame
        The attendance and question records.

    Returns
    -------
    pandas.DataFrame
        ``uniqname``, ``component`` (``participation``), ``note``.
    """
    policy = course.policy
    notes = []
    absent_days = _dates(record.loc[record["status"] == "absent"])
    absent = scores.loc[scores["absences"] > 0]
    notes.append(
        "absent on "
        + as_text(absent["absences"])
        + " of "
        + as_text(absent["held"])
        + f" class days (allowance {policy.absence_allowance}): "
        + absent_days.reindex(absent.index)
        + " (attendance "
        + two_decimals(absent["attendance"])
        + ")"
    )
    excused = record.loc[record["status"] == "excused"]
    reason = excused["reason"].fillna("marked excused in the attendance log")
    excused_text = joined_per(day_text(excused["date"]) + " (" + reason + ")", excused["uniqname"])
    notes.append("excused on " + excused_text)
    overridden = record.loc[record["reason"].notna() & (record["status"] != "excused")]
    notes.append(
        (
            "attendance on "
            + day_text(overridden["date"])
            + " set to "
            + overridden["status"]
            + ": "
            + overridden["reason"]
        ).set_axis(overridden["uniqname"])
    )

    missed = asked.loc[~asked["on_time"]]
    short = scores.loc[scores["answered"] < scores["asked"]]
    late = _dates(missed.loc[missed["late"]]).reindex(short.index)
    none = _dates(missed.loc[~missed["late"]]).reindex(short.index)
    text = (
        "on-time questions for "
        + as_text(short["answered"])
        + " of "
        + as_text(short["asked"])
        + " paper lectures"
        + (" — late: " + late).fillna("")
        + (" — none: " + none).fillna("")
    )
    notes.append(text)
    not_listed = scores.loc[~scores["in_piazza"]]
    notes.append(
        pd.Series("not in the Piazza export: counted as 0 contributions", index=not_listed.index)
    )
    few = scores.loc[scores["in_piazza"] & (scores["contributions"] < policy.piazza_target)]
    notes.append(
        as_text(few["contributions"])
        + f" Piazza contributions of the {policy.piazza_target} for full credit"
    )
    series = [n for n in notes if n is not None and len(n)]
    if not series:
        return pd.DataFrame(columns=NOTE_COLUMNS)
    joined = pd.concat(series).rename("note").rename_axis("uniqname").reset_index()
    return joined.assign(component="participation")[NOTE_COLUMNS]
