"""The inputs of a term plan besides the preference form: the roster, the policy's time
zone and email domain, and the dated schedule of paper lectures (``lectures.csv``).

``lectures`` (issue 17) is a new table of the course folder, read like ``schedule``:
``date``, ``kind`` (``lecture``, ``presentations``, ``no-lecture``), ``topic`` and
``paper``. A *paper lecture* is a ``lecture`` row with a ``paper`` (syllabus, *Student
Lectures*: one group presents each such class).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from gradelib.canvas.gradebook import read_canvas_export, roster_frame
from gradelib.errors import ProblemLog
from gradelib.files import ROSTER_FILE
from gradelib.policy.read import PolicyFile, default_policy, read_policy
from gradelib.sheets.fields import Field, calendar_date, one_of, parse_fields, text
from gradelib.sheets.tables import ROW, RawTable, raw_table, read_csv_cells, read_workbook_cells

KINDS = ("lecture", "presentations", "no-lecture")
LECTURE_FIELDS = (
    Field("date", calendar_date, "a date like 2024-09-17"),
    Field("kind", one_of(*KINDS), "one of " + ", ".join(KINDS)),
    Field("topic", text, "text", required=False, blank_ok=True),
    Field("paper", text, "a paper's title", required=False, blank_ok=True),
)
#: The default name of the lecture schedule in the course folder.
LECTURES_FILE = "lectures.csv"


@dataclass(frozen=True)
class Setting:
    """What a plan is made in: the course's time zone, email domain and students.

    Attributes
    ----------
    zone : ZoneInfo
        The course time zone (``policy.toml``), for form time stamps without a zone.
    domain : str
        The course email domain (``[course] email_domain``).
    roster : frozenset of str
        The enrolled students' uniqnames (``roster.csv``); empty when unreadable.
    """

    zone: ZoneInfo
    domain: str
    roster: frozenset[str]


def read_setting(folder: Path, log: ProblemLog) -> Setting:
    """The course's time zone, email domain and roster, problems logged (README, *The
    course folder*: ``policy.toml`` and ``roster.csv`` as ``gradelib check`` reads them)."""
    found = read_policy(folder, log) if folder.is_dir() else None
    declared = found or PolicyFile(default_policy())
    roster: frozenset[str] = frozenset()
    if (folder / ROSTER_FILE).is_file():
        export = read_canvas_export(folder / ROSTER_FILE, log)
        if export is not None:
            roster = frozenset(roster_frame(export)["uniqname"].str.lower())
    else:
        log.error(ROSTER_FILE, f"missing in {folder}: export the Canvas gradebook as roster.csv")
    return Setting(declared.policy.zone, declared.email_domain, roster)


def read_file_table(path: Path, log: ProblemLog) -> RawTable | None:
    """Any one table file (``.csv``, or the first sheet of ``.xlsx``) as raw cells.

    Raises nothing: a missing or unreadable file is logged and ``None`` returned.
    """
    if not path.is_file():
        log.error(path.name, f"missing: no file at {path}")
        return None
    if path.suffix.lower() == ".xlsx":
        book = read_workbook_cells(path, log)
        if book is None or not book.sheets:
            return None
        return book.table(path.name, next(iter(book.sheets)), log)
    grid = read_csv_cells(path, log, windows_1252=True)
    return None if grid is None else raw_table(path.name, None, grid, log)


def paper_key(title: object) -> str:
    """How papers are matched: case-insensitive, runs of spaces as one, ends ignored."""
    return " ".join(str(title).split()).casefold()


def read_lectures(path: Path, log: ProblemLog) -> pd.DataFrame | None:
    """The dated schedule of lectures.

    Parameters
    ----------
    path : Path
        ``lectures.csv`` (or ``.xlsx``): ``date``, ``kind``, ``topic``, ``paper``.
    log : ProblemLog
        Receives bad cells, a date given twice (error), a paper on a row that is not a
        ``lecture`` (warning: ignored) and a paper given twice (warning).

    Returns
    -------
    pandas.DataFrame or None
        ``date`` (datetime64[ns], a day), ``kind``, ``topic``, ``paper`` (str; ``""`` where
        none), ``row`` (int), sorted by date; ``None`` when unreadable.
    """
    table = read_file_table(path, log)
    frame = None if table is None else parse_fields(table, LECTURE_FIELDS, log)
    if table is None or frame is None:
        return None
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    for column in ("topic", "paper"):
        frame[column] = frame[column].fillna("").astype(str)
    twice = frame[frame.duplicated("date", keep="first")]
    for row, day in twice[[ROW, "date"]].itertuples(index=False):
        log.error(table.file, f"{day:%Y-%m-%d} is given twice; one row per class date", row=row)
    stray = frame[(frame["paper"] != "") & (frame["kind"] != "lecture")]
    for row, kind in stray[[ROW, "kind"]].itertuples(index=False):
        log.warning(
            table.file, f"a paper on a {kind} day is ignored (only lectures have papers)",
            row=row, column=table.headers.get("paper", "paper"),
        )  # fmt: skip
    frame.loc[frame["kind"] != "lecture", "paper"] = ""
    keys = frame["paper"].map(paper_key)
    again = frame[(frame["paper"] != "") & keys.duplicated(keep="first")]
    for row, paper in again[[ROW, "paper"]].itertuples(index=False):
        log.warning(
            table.file, f"the paper {paper!r} is on an earlier date too; a preference for "
            "it counts for both lectures", row=row, column=table.headers.get("paper", "paper"),
        )  # fmt: skip
    return frame.sort_values("date", kind="stable").reset_index(drop=True)
