"""The layouts of the course folder's plain tables, and their typed frames.

Each ``load_*`` function reads one table with :func:`~gradelib.sheets.tables.read_table`,
converts it with :func:`~gradelib.sheets.fields.parse_fields` and returns the table read,
for the messages of later checks (its cells dropped once parsed:
:meth:`~gradelib.sheets.tables.RawTable.without_cells`), with a frame whose columns and
types its docstring lists. Problems go to the log; a table that cannot be used at all
comes back as ``None``.
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.policy.model import COMPONENTS
from gradelib.sheets.fields import Field, parse_fields
from gradelib.sheets.identity import student_in, students_in, with_students
from gradelib.sheets.moments import report_day_stamps, timestamp_in, timestamps_in
from gradelib.sheets.parsers import (
    calendar_date,
    count,
    number,
    one_of,
    percentage,
    text,
    uniqname,
    uniqnames,
)
from gradelib.sheets.tables import ROW, RawTable, read_table
from gradelib.timing import staged

KINDS = ("lecture", "presentations", "no-lecture")
STATUSES = ("present", "absent", "excused")
DATE = "a date like 2024-09-17"
UNIQNAME_WORDS = "a uniqname (letters and digits)"
MOMENT = "a date and time like 2024-09-17 09:15"

GROUP_FIELDS = (
    Field("group", text, "a group id"),
    Field("uniqname", uniqname, UNIQNAME_WORDS, parse_column=uniqnames),
)
SCHEDULE_FIELDS = (
    Field("date", calendar_date, DATE),
    Field("kind", one_of(*KINDS), "one of " + ", ".join(KINDS)),
    Field("topic", text, "text", required=False, blank_ok=True),
    Field("presenter", text, "a group id", required=False, blank_ok=True),
    Field("summarizer", text, "a group id", required=False, blank_ok=True),
    Field("reviewer", text, "a group id", required=False, blank_ok=True),
)


def _typed_dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    return frame


def _filled(column: pd.Series, value: str) -> np.ndarray:
    """``column``'s values with ``value`` where missing, one object for all of them
    (pandas' ``fillna`` makes a copy of a text for each cell it fills)."""
    values = column.to_numpy(dtype=object, copy=True)
    values[pd.isna(values)] = value
    return values


def _text_columns(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        frame[column] = frame[column].astype("string")
    return frame


def _load(
    folder: Path, stem: str, fields: tuple[Field, ...], log: ProblemLog, *, required: bool = True
) -> tuple[RawTable, pd.DataFrame] | None:
    table = read_table(folder, stem, log, required=required)
    if table is None:
        return None
    frame = parse_fields(table, fields, log)
    return None if frame is None else (table.without_cells(), frame)


@staged("groups")
def load_groups(folder: Path, log: ProblemLog) -> tuple[RawTable, pd.DataFrame] | None:
    """``groups``: ``group`` (string), ``uniqname`` (string), ``row`` (int)."""
    loaded = _load(folder, "groups", GROUP_FIELDS, log)
    if loaded:
        _text_columns(loaded[1], "group", "uniqname")
    return loaded


@staged("schedule")
def load_schedule(folder: Path, log: ProblemLog) -> tuple[RawTable, pd.DataFrame] | None:
    """``schedule``: ``date`` (datetime64, a day), ``kind`` (lecture, presentations,
    no-lecture), ``topic``, ``presenter``, ``summarizer``, ``reviewer`` (string group ids,
    missing where none), ``row``."""
    loaded = _load(folder, "schedule", SCHEDULE_FIELDS, log)
    if loaded:
        frame = _typed_dates(loaded[1], "date")
        _text_columns(frame, "kind", "topic", "presenter", "summarizer", "reviewer")
        frame["topic"] = frame["topic"].fillna("")
    return loaded


def _student_words(domain: str) -> str:
    return f"a uniqname (letters and digits) or uniqname@{domain}"


def _with_students(
    folder: Path, stem: str, domain: str, log: ProblemLog
) -> tuple[RawTable, bool] | None:
    """Table ``stem`` with its ``uniqname`` column filled from a course-domain email column
    where needed (see :mod:`gradelib.sheets.identity`); ``None`` when unreadable. The flag
    says whether it has a student column at all (when not, ``uniqname`` is reported
    missing by :func:`~gradelib.sheets.fields.parse_fields`)."""
    table = read_table(folder, stem, log)
    if table is None:
        return None
    found = with_students(table, domain, log)
    return (found, True) if found is not None else (table, False)


@staged("attendance")
def load_attendance(
    folder: Path, zone: ZoneInfo, domain: str, log: ProblemLog
) -> tuple[RawTable, pd.DataFrame] | None:
    """``attendance``: ``date`` (datetime64), ``uniqname``, ``status`` (present, absent,
    excused; a blank status is a sign-in, i.e. present), ``row``.

    A sign-in log exported from Google Forms, with a ``timestamp`` and no ``date``
    column, is read too: each sign-in's date is its time stamp's day in the course time
    zone. The student may be named by an email column (see :mod:`gradelib.sheets.identity`).
    """
    loaded = _with_students(folder, "attendance", domain, log)
    if loaded is None:
        return None
    table = loaded[0]
    signed = "date" not in table.headers and "timestamp" in table.headers
    day = (
        Field("timestamp", timestamp_in(zone), MOMENT, parse_column=timestamps_in(zone))
        if signed
        else Field("date", calendar_date, DATE)
    )
    fields = (
        day,
        Field(
            "uniqname",
            student_in(domain),
            _student_words(domain),
            parse_column=students_in(domain),
        ),
        Field("status", one_of(*STATUSES), "one of " + ", ".join(STATUSES), False, True),
    )
    frame = parse_fields(table, fields, log)
    if frame is None:
        return None
    if signed:
        local = pd.to_datetime(frame.pop("timestamp"), utc=True).dt.tz_convert(zone)
        frame.insert(1, "date", local.dt.tz_localize(None).dt.normalize())
    frame = _typed_dates(frame, "date")
    frame["status"] = _filled(frame["status"], "present")
    _text_columns(frame, "uniqname", "status")
    return table.without_cells(), frame


@staged("questions")
def load_questions(
    folder: Path, zone: ZoneInfo, domain: str, log: ProblemLog
) -> tuple[RawTable, pd.DataFrame] | None:
    """``questions``: ``timestamp`` (datetime64 in UTC), ``uniqname``, ``date`` (the
    lecture the question is for), ``row``. Time stamps as Google Forms writes them are
    read (:mod:`gradelib.sheets.moments`); a time stamp that is a day without a time is read
    as the start of that day, with a warning."""
    loaded = _with_students(folder, "questions", domain, log)
    if loaded is None:
        return None
    table = loaded[0]
    fields = (
        Field("timestamp", timestamp_in(zone), MOMENT, parse_column=timestamps_in(zone)),
        Field(
            "uniqname",
            student_in(domain),
            _student_words(domain),
            parse_column=students_in(domain),
        ),
        Field("date", calendar_date, DATE),
    )
    frame = parse_fields(table, fields, log)
    if frame is None:
        return None
    frame = _typed_dates(frame, "date")
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True)
    _text_columns(frame, "uniqname")
    report_day_stamps(table, frame, "timestamp", zone, log)
    return table.without_cells(), frame


@staged("piazza")
def load_piazza(folder: Path, domain: str, log: ProblemLog) -> tuple[RawTable, pd.DataFrame] | None:
    """``piazza``: ``uniqname``, ``contributions`` (int), ``row``. The student is found by
    a ``uniqname`` column or else the ``email`` column (``uniqname@<domain>``); a row whose
    address is at another domain identifies nobody and is left out with a warning."""
    loaded = _with_students(folder, "piazza", domain, log)
    if loaded is None:
        return None
    table, known = loaded
    if not known:
        found = ", ".join(table.headers.values())
        log.error(
            table.file,
            f"missing column 'email' (or 'uniqname') to find each student; the header has: {found}",
            sheet=table.sheet,
            row=1,
        )
        return None
    fields = (
        Field(
            "uniqname",
            student_in(domain),
            f"an email like uniqname@{domain} or a uniqname",
            parse_column=students_in(domain),
        ),
        Field("contributions", count, "a whole number of contributions"),
    )
    frame = parse_fields(table, fields, log)
    if frame is None:
        return None
    _text_columns(frame, "uniqname")
    frame["contributions"] = frame["contributions"].astype("int64")
    return table.without_cells(), frame


def override_target(value: object) -> str:
    """An override's ``component``: a component key, ``final``, or ``attendance:DATE``."""
    word = text(value).lower().replace(" ", "")
    if word in COMPONENTS or word == "final":
        return word
    if word.startswith("attendance:"):
        day = calendar_date(word.split(":", 1)[1])
        return f"attendance:{day:%Y-%m-%d}"
    raise ValueError(value)


def override_value(value: object) -> float | str:
    """An override's ``value``: a percentage 0..100 or ``excused``.

    A number is the percentage (``95``); so is a percent cell (``0.95`` shown ``95%``)
    and text ``95%``.
    """
    if isinstance(value, str) and value.strip().lower() == "excused":
        return "excused"
    shown = percentage(value)
    amount = shown if shown is not None else number(value)
    if not 0 <= amount <= 100:
        raise ValueError(value)
    return amount


@staged("overrides")
def load_overrides(folder: Path, log: ProblemLog) -> tuple[RawTable, pd.DataFrame] | None:
    """``overrides`` (optional file): ``uniqname``, ``component`` (a component key,
    ``final`` or ``attendance:YYYY-MM-DD``), ``value`` (float, missing when excused),
    ``excused`` (bool), ``reason``, ``row``."""
    targets = ", ".join([*COMPONENTS, "final", "attendance:YYYY-MM-DD"])
    fields = (
        Field("uniqname", uniqname, UNIQNAME_WORDS),
        Field("component", override_target, f"one of {targets}"),
        Field("value", override_value, "a percentage from 0 to 100, or 'excused'"),
        Field("reason", text, "the reason for the override (it is shown to the student)"),
    )
    loaded = _load(folder, "overrides", fields, log, required=False)
    if loaded:
        frame = loaded[1]
        frame["excused"] = frame["value"].eq("excused").astype(bool)
        frame["value"] = pd.to_numeric(frame["value"].where(~frame["excused"]), errors="coerce")
        _text_columns(frame, "uniqname", "component", "reason")
    return loaded


def empty_overrides() -> pd.DataFrame:
    """The overrides frame of a course folder without an overrides file."""
    return pd.DataFrame(
        {
            ROW: pd.Series(dtype="int64"),
            "uniqname": pd.Series(dtype="string"),
            "component": pd.Series(dtype="string"),
            "value": pd.Series(dtype="float64"),
            "reason": pd.Series(dtype="string"),
            "excused": pd.Series(dtype="bool"),
        }
    )
