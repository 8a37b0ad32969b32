"""Term progress: the course as it stood on a day, and what is still ungraded or missing.

Mid-term, :func:`course_as_of` cuts a course back to the class days up to a date, so
that :func:`gradelib.score_course` gives a sensible ``current`` score (days not held
yet do not count as absences, lectures not given yet ask for no question).
:func:`outstanding_work` lists what the GSI still has to grade or collect, one row per
thing, and :func:`progress_summary` counts them per kind.
"""

from __future__ import annotations

import dataclasses
import datetime
from types import MappingProxyType

import numpy as np
import pandas as pd

from gradelib.load.course import Course
from gradelib.load.crosscheck import attendance_dates
from gradelib.load.rubrics import DATED_SHEETS
from gradelib.policy.model import LECTURE_ROLES, ROLE_VERBS, RUBRIC_SHEETS
from gradelib.score.participation import attendance_record, question_record
from gradelib.score.wording import as_text, day_text, joined_per

#: The kinds of outstanding work, in the order they are listed and counted.
KINDS: tuple[str, ...] = (
    "rubric row not filled",
    "no rubric row",
    "summary not submitted",
    "no question",
    "attendance not taken",
)
COLUMNS = ("kind", "sheet", "group", "date", "uniqname", "detail")
PROJECT_SHEETS = tuple(sheet for sheet in RUBRIC_SHEETS if sheet not in DATED_SHEETS)


def _day(as_of: datetime.date) -> pd.Timestamp:
    """The calendar day ``as_of`` as the schedule stores days (naive midnight)."""
    return pd.Timestamp(as_of.year, as_of.month, as_of.day)


def end_of_day(course: Course, as_of: datetime.date) -> pd.Timestamp:
    """The end of ``as_of`` in the course time zone (the next local midnight), in UTC.

    The day's own length counts: 2024-11-03 in Detroit has 25 hours and ends at
    2024-11-04 05:00 UTC.
    """
    midnight = _day(as_of) + pd.Timedelta(days=1)
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
    day, end = _day(as_of), end_of_day(course, as_of)
    rubrics = dict(course.rubrics)
    for sheet in set(DATED_SHEETS) & set(rubrics):
        rubric = rubrics[sheet]
        rubrics[sheet] = dataclasses.replace(
            rubric, scores=_up_to(rubric.scores, day), ungraded=_up_to(rubric.ungraded, day)
        )
    return dataclasses.replace(
        course,
        schedule=_up_to(course.schedule, day),
        attendance=_up_to(course.attendance, day),
        questions=_up_to(course.questions, day, end),
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
    held = days.loc[days <= _day(today)]
    chosen = held.max() if len(held) else course.schedule["date"].max()
    return pd.Timestamp(chosen).date()


def _up_to(frame: pd.DataFrame, day: pd.Timestamp, end: pd.Timestamp | None = None) -> pd.DataFrame:
    """Rows dated up to ``day`` or undated, and stamped before ``end`` if it is given."""
    keep = (frame["date"] <= day) | frame["date"].isna()
    if end is not None:
        keep &= frame["timestamp"] < end
    return frame.loc[keep].reset_index(drop=True)


def outstanding_work(
    course: Course, as_of: datetime.date, *, include_project: bool = False
) -> pd.DataFrame:
    """What is still ungraded or missing at the end of ``as_of``, one row per thing.

    - ``rubric row not filled``: a rubric row of a lecture up to ``as_of`` with no
      criterion filled in (one per row, so a second grader's blank row is listed too);
    - ``no rubric row``: a lecture up to ``as_of`` whose presenter (or summarizer) group
      has no row in the ``presentation`` (or ``summary``) sheet;
    - ``summary not submitted``: a summary graded for such a lecture but with no
      ``submitted`` time, so its lateness cannot be checked;
    - ``no question``: a student with no question at all (on time or late) for a paper
      lecture up to ``as_of`` that is not their own group's and not excused;
    - ``attendance not taken``: a class day up to ``as_of`` with no row at all in the
      attendance log (until it is entered everyone counts absent).

    Parameters
    ----------
    course : Course
        A course from :func:`gradelib.load_course`; it is not changed.
    as_of : datetime.date
        The last day that counts (see :func:`course_as_of`).
    include_project : bool
        Also list the project sheets (``proposal``, ``final_report``,
        ``midterm_presentation``, ``poster``): every group without a row, and every blank
        row. Off by default: project items carry no date, so whether they are due by
        ``as_of`` is the GSI's call.

    Returns
    -------
    pandas.DataFrame
        ``kind`` (one of :data:`KINDS`), ``sheet`` (rubric kinds), ``group``, ``date``
        (the lecture or class day, NaT for project items), ``uniqname`` (``no question``
        only) and ``detail`` (plain words), sorted by date, kind (in the order of
        :data:`KINDS`), group and uniqname.
    """
    then = course_as_of(course, as_of)
    parts = [_rubric_gaps(then, sheet, then.schedule) for sheet in DATED_SHEETS]
    if include_project:
        parts += [_rubric_gaps(then, sheet, None) for sheet in PROJECT_SHEETS]
    parts += [_summaries_without_time(then), _questions_not_in(then), _attendance_not_taken(then)]
    frame = pd.concat([_shaped(part) for part in parts], ignore_index=True)
    order = frame["kind"].map({kind: rank for rank, kind in enumerate(KINDS)})
    frame = (
        frame.assign(_kind=order)
        .sort_values(["date", "_kind", "group", "uniqname"], kind="stable", na_position="last")
        .drop(columns="_kind")
    )
    return frame.reset_index(drop=True)


def progress_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts per kind of an :func:`outstanding_work` frame.

    Returns
    -------
    pandas.DataFrame
        ``kind`` (every one of :data:`KINDS`, in that order) and ``count`` (0 where none).
    """
    counts = frame["kind"].value_counts().reindex(list(KINDS), fill_value=0)
    return pd.DataFrame({"kind": list(KINDS), "count": counts.to_numpy(dtype="int64")})


def _shaped(part: pd.DataFrame) -> pd.DataFrame:
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
        what = _text("group ", items["group"], f" {verb} on ", day_text(items["date"]))
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
    detail = _text(
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
    detail = _text(
        "summary of group ", items["group"], " for ", day_text(items["date"]),
        ": no submitted time (summary sheet row ", items["rows"],
        "); enter when it came in, or it cannot be checked for lateness",
    )  # fmt: skip
    return items.assign(kind="summary not submitted", sheet="summary", detail=detail)


def _questions_not_in(course: Course) -> pd.DataFrame:
    """Students with no question at all for a paper lecture they are asked about."""
    asked = question_record(course, attendance_record(course))
    missing = asked.loc[~asked["on_time"] & ~asked["late"], ["uniqname", "date"]]
    presenters = course.schedule.loc[course.schedule["presenter"].notna(), ["date", "presenter"]]
    missing = missing.merge(presenters, on="date", how="left").merge(
        course.groups[["uniqname", "group"]], on="uniqname", how="left"
    )
    detail = _text(
        "no question for the lecture of ", day_text(missing["date"]),
        " (group ", as_text(missing["presenter"]), " presents)",
    )  # fmt: skip
    return missing.assign(kind="no question", detail=detail)


def _attendance_not_taken(course: Course) -> pd.DataFrame:
    """Class days with no row at all in the attendance log."""
    days = course.schedule.loc[course.schedule["date"].isin(attendance_dates(course.schedule))]
    days = days.loc[~days["date"].isin(course.attendance["date"])]
    detail = _text(
        "the attendance log has no row for ", day_text(days["date"]), " (",
        as_text(days["kind"]), "); until it is entered every student counts absent",
    )  # fmt: skip
    return pd.DataFrame({"kind": "attendance not taken", "date": days["date"], "detail": detail})


def _text(*parts: pd.Series | np.ndarray | str) -> pd.Series:
    """Text columns and constants joined element by element (a vectorized f-string)."""
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + part
    return joined
