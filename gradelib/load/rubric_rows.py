"""Rubric rows that say something is pending: blank rows beside scored ones.

- A row whose criteria are all blank is not graded yet. When another row of the same item
  (group, and lecture date on dated sheets) is scored, the item is scored from the graders
  who scored it, and the blank row is a warning naming it: a second grader still to score.
- A ``submitted`` cell that gives a day without a time of day is read as the start of that
  day in the course time zone (the benefit of the doubt), with a warning naming it
  (:func:`gradelib.sheets.moments.report_day_stamps`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.load.selection import selected
from gradelib.sheets.parsers import calendar_date, text
from gradelib.sheets.tables import CELL_ROW, ROW


def ungraded_rows(cells: pd.DataFrame) -> pd.DataFrame:
    """The rows present but not graded yet: ``group``, ``date``, ``grader``, ``row``."""

    def column(name: str, convert) -> list:
        if name not in cells:
            return [None] * len(cells)
        return [None if v is None else convert(v) for v in cells[name]]

    return pd.DataFrame(
        {
            "group": pd.Series(column("group", text), dtype="string"),
            "date": pd.Series(column("date", _date_or_none), dtype="datetime64[ns]"),
            "grader": pd.Series(column("grader", text), dtype="string").fillna(""),
            ROW: pd.Series(cells[CELL_ROW].to_numpy(), dtype="int64"),
        }
    )


def _date_or_none(value: object) -> pd.Timestamp | None:
    try:
        return None if value is None else calendar_date(value)
    except ValueError:
        return None


def pending_grader_rows(
    ungraded: pd.DataFrame,
    scores: pd.DataFrame,
    *,
    dated: bool,
    file: str,
    sheet: str | None,
    log: ProblemLog,
) -> np.ndarray:
    """Which blank rows belong to an item another row scores; each is a warning.

    Returns a bool mask over ``ungraded``.
    """
    keys = ["group", "date"] if dated else ["group"]
    if ungraded.empty or scores.empty:
        return np.zeros(len(ungraded), dtype=bool)
    who = scores["grader"].where(scores["grader"] != "", "an unnamed grader")
    scorers = (
        scores.assign(_who=who)
        .groupby(keys, dropna=False)["_who"]
        .agg(lambda names: " and ".join(dict.fromkeys(names)))
        .rename("_scorers")
        .reset_index()
    )
    matched = ungraded.merge(scorers, on=keys, how="left")
    pending = matched["_scorers"].notna().to_numpy()
    for row, grader, scorers_text in selected(matched, pending, [ROW, "grader", "_scorers"]):
        blank = f"{grader}'s row" if grader else "this row (no grader named)"
        log.warning(
            file,
            f"{blank} is still blank while {scorers_text} scored the same item: the item is "
            f"scored from {scorers_text} alone until it is filled in (delete the row if "
            "nobody else grades it)",
            sheet=sheet,
            row=int(row),
            column="grader" if grader else None,
        )
    return pending
