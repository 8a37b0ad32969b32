"""The gaps of the whole term that a day only filters: rubric rows, summaries, attendance.

Cutting a course back to a day (:func:`gradelib.score.as_of.course_as_of`) changes only
which of these gaps there are, not the gaps themselves: each is dated by its lecture or
class day (a rubric row and the lecture it is for are matched on group and date, a
summary's rows all carry its date, a class day is its own date), and the project sheets
are not cut at all. So :func:`term_gaps` lists them once for the term, and
:func:`gradelib.score.progress.term_progress` keeps those dated up to its day.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from gradelib.load.course import Course
from gradelib.load.crosscheck import attendance_dates
from gradelib.load.rubrics import DATED_SHEETS
from gradelib.policy.model import LECTURE_ROLES, ROLE_VERBS, RUBRIC_SHEETS
from gradelib.score.wording import as_text, day_text, joined_per

#: The columns of every gap frame, in order.
COLUMNS = ("kind", "sheet", "group", "date", "uniqname", "detail")
PROJECT_SHEETS = tuple(sheet for sheet in RUBRIC_SHEETS if sheet not in DATED_SHEETS)


@dataclass(frozen=True)
class TermGaps:
    """The term's gaps that a day only filters (:func:`term_gaps`).

    Attributes
    ----------
    dated : pandas.DataFrame
        The lecture sheets' blank rows and lectures with no row, the summaries with no
        ``submitted`` time, and the class days with no attendance row, in that order.
    project : pandas.DataFrame
        The project sheets' blank rows and groups with no row (undated).

    Both have :data:`COLUMNS`, typed as :func:`shaped` makes them.
    """

    dated: pd.DataFrame
    project: pd.DataFrame

    def as_of(self, day: pd.Timestamp, *, include_project: bool = False) -> list[pd.DataFrame]:
        """The gaps as of the end of ``day`` (rows dated up to it, or undated), with the
        project sheets' when ``include_project``."""
        dated = self.dated
        keep = (dated["date"] <= day) | dated["date"].isna()
        cut = dated if keep.all() else dated.loc[keep].reset_index(drop=True)
        return [cut, self.project] if include_project else [cut]


def term_gaps(course: Course) -> TermGaps:
    """The rubric, summary and attendance gaps of the whole term.

    Parameters
    ----------
    course : Course
        A course from :func:`gradelib.load_course`; it is not changed.

    Returns
    -------
    TermGaps
        The kinds and details as :func:`gradelib.score.progress.term_progress` lists
        them.
    """
    dated = [_rubric_gaps(course, sheet, course.schedule) for sheet in DATED_SHEETS]
    dated += [_summaries_without_time(course), _attendance_not_taken(course)]
    project = [_rubric_gaps(course, sheet, None) for sheet in PROJECT_SHEETS]
    return TermGaps(_joined(dated), _joined(project))


def _joined(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The parts as one frame of :data:`COLUMNS`, in order."""
    return pd.concat([shaped(part) for part in parts], ignore_index=True)


def shaped(part: pd.DataFrame) -> pd.DataFrame:
    """A part with every column of the result, typed (missing columns all NA)."""
    length = len(part)
    columns = {}
    for name in COLUMNS:
        if name == "date":
            values = part["date"] if "date" in part else pd.Series(pd.NaT, index=part.index)
            columns[name] = pd.to_datetime(values).astype("datetime64[ns]").to_numpy()
        else:
            values = part[name] if name in part else pd.Series(pd.NA, index=part.index)
            columns[name] = pd.array(values.to_numpy(dtype=object), dtype="string")
    return pd.DataFrame(columns, index=pd.RangeIndex(length))


def _rubric_gaps(course: Course, sheet: str, schedule: pd.DataFrame | None) -> pd.DataFrame:
    """Blank rows of ``sheet``, and its items with no row at all.

    The items are the scheduled lectures of the sheet's role when ``schedule`` is given,
    else one per group (project sheets).
    """
    rubric = course.rubrics.get(sheet)
    if rubric is None:
        return pd.DataFrame(columns=["kind"])
    graded, blank = rubric.scores, rubric.ungraded
    keys = ["group", "date"] if schedule is not None else ["group"]
    if schedule is not None:
        role = LECTURE_ROLES[sheet]
        verb = ROLE_VERBS[role]
        items = schedule.loc[schedule[role].notna(), ["date", role]].rename(columns={role: "group"})
        items["group"] = items["group"].astype("string")
        what = text_join("group ", items["group"], f" {verb} on ", day_text(items["date"]))
    else:
        items = pd.DataFrame({"group": pd.Series(sorted(course.groups["group"].unique()))})
        items["group"] = items["group"].astype("string")
        what = "group " + items["group"]
    rows = pd.concat([graded[keys], blank[keys]], ignore_index=True).drop_duplicates()
    items = items.assign(detail=what.to_numpy()).merge(
        rows.astype({"group": "string"}).assign(_row=True), on=keys, how="left"
    )
    missing = items.loc[items["_row"].isna()]
    no_row = missing.assign(
        kind="no rubric row",
        sheet=sheet,
        detail=missing["detail"] + f"; the {sheet} sheet has no row for it",
    )

    scored = graded[keys].drop_duplicates().astype({"group": "string"}).assign(_scored=True)
    blank = blank.astype({"group": "string"}).merge(scored, on=keys, how="left")
    by = (" by " + blank["grader"]).where(blank["grader"] != "", "")
    meanwhile = np.where(blank["_scored"].eq(True), "; another grader's scores count meanwhile", "")
    detail = text_join(
        "row ", as_text(blank["row"]), f" of the {sheet} sheet", by, " has no score filled in",
        meanwhile,
    )  # fmt: skip
    not_filled = blank.assign(kind="rubric row not filled", sheet=sheet, detail=detail)
    if schedule is None:
        not_filled = not_filled.drop(columns="date")
    return pd.concat([not_filled, no_row], ignore_index=True)


def _summaries_without_time(course: Course) -> pd.DataFrame:
    """Graded summaries (any grader's rows) of which no row has a ``submitted`` time."""
    rubric = course.rubrics.get("summary")
    if rubric is None or rubric.scores.empty:
        return pd.DataFrame(columns=["kind"])
    rows = rubric.scores.sort_values(["group", "date", "row"], kind="stable")
    items = rows.groupby(["group", "date"], sort=False).agg(submitted=("submitted", "max"))
    items["rows"] = joined_per(as_text(rows["row"]), [rows["group"], rows["date"]]).to_numpy()
    items = items.reset_index().loc[lambda frame: frame["submitted"].isna()]
    detail = text_join(
        "summary of group ", items["group"], " for ", day_text(items["date"]),
        ": no submitted time (summary sheet row ", items["rows"],
        "); enter when it came in, or it cannot be checked for lateness",
    )  # fmt: skip
    return items.assign(kind="summary not submitted", sheet="summary", detail=detail)


def _attendance_not_taken(course: Course) -> pd.DataFrame:
    """Class days with no row at all in the attendance log."""
    days = course.schedule.loc[course.schedule["date"].isin(attendance_dates(course.schedule))]
    days = days.loc[~days["date"].isin(course.attendance["date"])]
    detail = text_join(
        "the attendance log has no row for ", day_text(days["date"]), " (",
        as_text(days["kind"]), "); until it is entered every student counts absent",
    )  # fmt: skip
    return pd.DataFrame({"kind": "attendance not taken", "date": days["date"], "detail": detail})


def text_join(*parts: pd.Series | np.ndarray | str) -> pd.Series:
    """Text columns and constants joined element by element (a vectorized f-string)."""
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + part
    return joined
