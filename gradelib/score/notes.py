"""Plain-word notes that explain participation (absences, excused days, questions,
Piazza), and the rubric rows still pending (:func:`pending_rubric_notes`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from gradelib.load.course import Course
from gradelib.load.rubrics import DATED_SHEETS
from gradelib.score.records import ABSENT, EXCUSED, LATE, NO_QUESTION, STATUSES, Grid, Records
from gradelib.score.wording import as_text, day_text, joined_per, joined_runs, two_decimals
from gradelib.timing import staged

NOTE_COLUMNS = ["uniqname", "component", "note"]


def _dates(grid: Grid, code: int, details: pd.Series | None = None) -> pd.Series:
    """Per student with a cell holding ``code``: its dates as ``"2024-09-03, 2024-10-08"``
    (each followed by its ``details``, one per such cell, when given).

    Indexed by uniqname; only the students concerned are worded.
    """
    rows, columns = grid.cells(code)
    texts = _day_texts(grid)[columns]
    if details is not None:
        texts = texts + details.to_numpy(dtype=object)
    owners, joined = joined_runs(texts, rows)
    return pd.Series(joined, index=grid.who[owners], dtype="string")


def _day_texts(grid: Grid) -> np.ndarray:
    """Each column's date as ``2024-09-03`` (str objects): worded once per date."""
    return pd.Series(grid.dates).dt.strftime("%Y-%m-%d").to_numpy(dtype=object)


@staged("participation notes")
def participation_notes(course: Course, scores: pd.DataFrame, records: Records) -> pd.DataFrame:
    """Notes for the participation component.

    Parameters
    ----------
    course : Course
        The course (for the policy).
    scores : pandas.DataFrame
        :func:`~gradelib.score.participation.participation_scores`' scores.
    records : Records
        The attendance and question records they were counted from.

    Returns
    -------
    pandas.DataFrame
        ``uniqname``, ``component``, ``note``: the participation notes (component
        ``participation``), then :func:`pending_rubric_notes` (under their rubric
        component), which the grades need beside them and which need only the course.
    """
    policy = course.policy
    notes = _attendance_notes(course, scores, records.attendance)

    short = scores.loc[scores["answered"] < scores["asked"]]
    late = _dates(records.questions, LATE).reindex(short.index)
    none = _dates(records.questions, NO_QUESTION).reindex(short.index)
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


def _attendance_notes(course: Course, scores: pd.DataFrame, grid: Grid) -> list:
    """Absences, excused days and attendance overrides, each a Series indexed by uniqname."""
    policy = course.policy
    notes = []
    absent = scores.loc[scores["absences"] > 0]
    notes.append(
        "absent on "
        + as_text(absent["absences"])
        + " of "
        + as_text(absent["held"])
        + f" class days (allowance {policy.absence_allowance}): "
        + _dates(grid, ABSENT).reindex(absent.index)
        + " (attendance "
        + two_decimals(absent["attendance"])
        + ")"
    )
    reasons = grid.reasons.loc[grid.reasons["reason"].notna()]
    row, column = reasons["row"].to_numpy(dtype=int), reasons["column"].to_numpy(dtype=int)
    width = len(grid.dates)
    reason = pd.Series(reasons["reason"].to_numpy(dtype=object), index=row * width + column)
    rows, columns = grid.cells(EXCUSED)
    why = reason.reindex(rows * width + columns).fillna("marked excused in the attendance log")
    notes.append("excused on " + _dates(grid, EXCUSED, " (" + why.astype("string") + ")"))
    status = grid.codes[row, column]
    set_to = status != EXCUSED
    text = (
        "attendance on "
        + _day_texts(grid)[column[set_to]]
        + " set to "
        + STATUSES[status[set_to]]
        + ": "
        + reason.to_numpy(dtype=object)[set_to]
    )
    notes.append(pd.Series(text, index=grid.who[row[set_to]], dtype="string"))
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
