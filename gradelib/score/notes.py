"""Plain-word notes that explain participation (absences, excused days, questions,
Piazza), and the rubric rows still pending (:func:`pending_rubric_notes`)."""

from __future__ import annotations

import pandas as pd

from gradelib.load.course import Course
from gradelib.load.rubrics import DATED_SHEETS
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
        ``uniqname``, ``component``, ``note``: the participation notes (component
        ``participation``), then :func:`pending_rubric_notes` (under their rubric
        component), which the grades need beside them and which need only the course.
    """
    policy = course.policy
    notes = _attendance_notes(course, scores, record)

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
    pending = pending_rubric_notes(course)
    if not series:
        return pending
    joined = pd.concat(series).rename("note").rename_axis("uniqname").reset_index()
    own = joined.assign(component="participation")[NOTE_COLUMNS]
    return pd.concat([own, pending], ignore_index=True) if len(pending) else own


def _attendance_notes(course: Course, scores: pd.DataFrame, record: pd.DataFrame) -> list:
    """Absences, excused days and attendance overrides, each a Series indexed by uniqname."""
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

    return notes


def _component_of(course: Course, sheet: str) -> str:
    """The component a rubric sheet counts toward."""
    if sheet in DATED_SHEETS:
        return sheet
    return "project_report" if sheet in course.policy.project_report else "project_presentations"


def _label(sheet: str, days: pd.Series) -> pd.Series:
    """``summary of 2024-09-05`` for lecture items, ``final report`` for the others."""
    name = sheet.replace("_", " ")
    if sheet in DATED_SHEETS:
        return name + " of " + day_text(days)
    return pd.Series(name, index=days.index, dtype="string")


def pending_rubric_notes(course: Course) -> pd.DataFrame:
    """Notes for rubric items scored while something about them is still pending.

    - An item scored by some graders while another grader's row is still blank: it is
      scored from the graders who scored it (``final report is scored from gsi alone:
      prof's row is still blank``).
    - A ``submitted`` cell that gave a day without a time, read as the start of the day.

    Returns
    -------
    pandas.DataFrame
        ``uniqname``, ``component``, ``note``: one row per member of each group concerned.
    """
    frames = []
    for sheet, rubric in course.rubrics.items():
        keys = ["group", "date"] if sheet in DATED_SHEETS else ["group"]
        blank = rubric.ungraded
        blank = blank.loc[blank["pending"]] if "pending" in blank else blank.iloc[0:0]
        scores = rubric.scores
        if len(blank):
            who = scores["grader"].where(scores["grader"] != "", "a grader")
            scorers = joined_per(who, [scores[k] for k in keys], " and ").rename("scorers")
            found = blank.merge(scorers.reset_index(), on=keys, how="inner")
            waiting = found["grader"].where(found["grader"] != "", "another grader")
            note = (
                _label(sheet, found["date"])
                + " is scored from "
                + found["scorers"]
                + " alone: "
                + waiting
                + "'s row is still blank"
            )
            frames.append(pd.DataFrame({"group": found["group"], "sheet": sheet, "note": note}))
        if "submitted_day_only" in scores:
            day = scores.loc[scores["submitted_day_only"].astype(bool)]
            day = day.drop_duplicates(keys)
            local = day["submitted"].dt.tz_convert(course.policy.zone).dt.tz_localize(None)
            note = (
                _label(sheet, day["date"])
                + " submitted "
                + day_text(local)
                + " with no time of day: read as 00:00, the start of that day"
            )
            frames.append(pd.DataFrame({"group": day["group"], "sheet": sheet, "note": note}))
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return pd.DataFrame(columns=NOTE_COLUMNS)
    notes = pd.concat(frames, ignore_index=True).drop_duplicates()
    notes["component"] = notes["sheet"].map(lambda sheet: _component_of(course, sheet))
    members = course.groups[["group", "uniqname"]]
    return notes.merge(members, on="group", how="inner")[NOTE_COLUMNS]
