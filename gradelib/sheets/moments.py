"""Moments in time (question time stamps, ``submitted``, sign-ins), read into UTC.

Accepted: date-time cells; ISO 8601 text (``2024-11-03 10:59``, ``2024-11-03T15:59:00Z``,
``2024-11-03T10:59:00-05:00``); the two forms Google Forms writes: the Sheets form
``11/3/2024 10:59:00`` (in the spreadsheet's, i.e. the course's, time zone) and the
"Download responses (.csv)" form ``2024/11/03 10:59:00 AM EST``, whose zone is a name
(``EST``, ``EDT``, ``UTC``, or one the course time zone uses) or an offset (``GMT-4``,
``GMT-04:00``). A time without a zone is a wall-clock time in the course time zone, with
daylight saving time as it was on that date: in the repeated hour of the November change
the first (daylight-time) reading is taken, unless a zone name says which.

A day without a time of day (a date cell, or text such as ``2024-09-18``) is read as the
start of that day; :func:`day_only` finds such cells so that the loaders can report them.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.sheets.parsers import ColumnParser, Parser, calendar_date
from gradelib.sheets.shown import is_day
from gradelib.sheets.tables import CELL_ROW, ROW, RawTable

_NAIVE_FORMATS = (
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %I:%M:%S %p",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
)
#: Layouts of moments converted a column at a time (then Google Forms' download below).
_LAYOUTS = ("%Y-%m-%d %H:%M:%S", "%m/%d/%Y %H:%M:%S")
#: Google Forms' downloaded CSV: ``2024/09/17 10:29:57 AM EDT`` (or ``GMT-4``).
_GOOGLE_CSV = re.compile(
    r"^\s*(\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}:\d{2}(?: [AaPp][Mm])?)(?:\s+([A-Za-z][\w+:-]*))?\s*$"
)
_GMT_OFFSET = re.compile(r"(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE)
#: Zone names with one fixed offset, in hours (North America, where the course is).
_ZONE_NAMES = {
    "UTC": 0, "GMT": 0, "Z": 0,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
    "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
}  # fmt: skip


def zone_offset(token: str, day: date, zone: ZoneInfo) -> timedelta:
    """The UTC offset a zone token stands for on ``day``; ``ValueError`` when unknown.

    A name the course time zone uses in ``day``'s year (``EST``/``EDT`` for Detroit,
    ``CET``/``CEST`` for Berlin) wins over the fixed North American names.
    """
    if match := _GMT_OFFSET.fullmatch(token):
        sign = 1 if match[1] == "+" else -1
        hours, minutes = int(match[2]), int(match[3] or 0)
        if hours > 14 or minutes >= 60:
            raise ValueError(token)
        return sign * timedelta(hours=hours, minutes=minutes)
    name = token.upper()
    local = _local_names(zone, day.year)
    if name in local:
        return local[name]
    if name in _ZONE_NAMES:
        return timedelta(hours=_ZONE_NAMES[name])
    raise ValueError(token)


@lru_cache(maxsize=64)
def _local_names(zone: ZoneInfo, year: int) -> dict[str, timedelta]:
    """The zone names ``zone`` uses in ``year`` (January and July), with their offsets."""
    names: dict[str, timedelta] = {}
    for month in (1, 7):
        moment = datetime(year, month, 15, 12, tzinfo=zone)
        name, offset = moment.tzname(), moment.utcoffset()
        if name and offset is not None and name[0].isalpha():
            names[name.upper()] = offset
    return names


def timestamp_in(zone: ZoneInfo) -> Parser:
    """A parser of moments in time, returned in UTC (see the module docstring)."""

    def parse(value: object) -> pd.Timestamp:
        if isinstance(value, datetime):
            moment = value
        elif is_day(value):
            moment = datetime.combine(value, datetime.min.time())  # type: ignore[arg-type]
        elif isinstance(value, str):
            moment = _parse_moment_text(value.strip(), zone)
        else:
            raise ValueError(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
        return pd.Timestamp(moment).tz_convert("UTC")

    return parse


def _parse_moment_text(raw: str, zone: ZoneInfo) -> datetime:
    if match := _GOOGLE_CSV.fullmatch(raw):
        naive = _strptime(match[1], _NAIVE_FORMATS)
        if match[2] is None:
            return naive
        offset = zone_offset(match[2], naive.date(), zone)
        return naive.replace(tzinfo=timezone(offset))
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
    except ValueError:
        pass
    try:
        return _strptime(raw, _NAIVE_FORMATS)
    except ValueError:
        day = calendar_date(raw)  # a day without a time: the caller reports it
        return datetime.combine(day.date(), datetime.min.time())


def _strptime(raw: str, formats: tuple[str, ...]) -> datetime:
    for fmt in formats:
        try:
            return datetime.strptime(raw, fmt)
        except ValueError:
            continue
    raise ValueError(raw)


def timestamps_in(zone: ZoneInfo) -> ColumnParser:
    """The column form of :func:`timestamp_in`: converts at once a column of text cells
    written ``YYYY-MM-DD HH:MM:SS``, in Google Sheets' ``M/D/YYYY H:MM:SS`` or in Google
    Forms' ``YYYY/MM/DD H:MM:SS AM`` with or without a zone, or a column of date-time
    cells without a zone (a workbook's), and leaves every other cell (other layouts, days,
    wall-clock times that do not exist when the clocks go forward) to the cell parser.
    It agrees with :func:`timestamp_in` on every cell it converts.
    """

    def parse_column(raw: np.ndarray) -> tuple[pd.Series, np.ndarray]:
        utc = np.full(len(raw), np.datetime64("NaT"), dtype="datetime64[ns]")
        kind = pd.api.types.infer_dtype(raw, skipna=False)
        if kind == "string":
            _convert_texts(pd.Series(raw, dtype=object), utc, zone)
        elif kind == "datetime":
            _convert_moments(raw, utc, zone)
        moments = pd.Series(pd.DatetimeIndex(utc).tz_localize("UTC"))
        return moments, ~np.isnat(utc)

    return parse_column


def _convert_texts(texts: pd.Series, utc: np.ndarray, zone: ZoneInfo) -> None:
    """Fill ``utc`` (naive UTC, ``NaT`` where not converted) from text cells: first the
    cells in the first layout as written (most, needing no stripping), then the rest with
    surrounding spaces removed."""
    moments = pd.to_datetime(texts, format=_LAYOUTS[0], errors="coerce")
    utc[:] = _localized(moments, zone)
    rest = np.flatnonzero(np.isnat(utc))
    if len(rest):
        stripped = texts.iloc[rest].str.strip().reset_index(drop=True)
        found = np.full(len(rest), np.datetime64("NaT"), dtype="datetime64[ns]")
        _convert_stripped(stripped, found, zone)
        utc[rest] = found


def _convert_stripped(texts: pd.Series, utc: np.ndarray, zone: ZoneInfo) -> None:
    """Fill ``utc`` from stripped text cells in the layouts that :func:`timestamps_in`
    converts at once, trying each layout only on the cells left."""
    for fmt in _LAYOUTS:
        todo = np.isnat(utc)
        if not todo.any():
            return
        moments = pd.to_datetime(texts[todo], format=fmt, errors="coerce")
        utc[todo] = _localized(moments, zone)
    todo = np.flatnonzero(np.isnat(utc))
    if not len(todo):
        return
    parts = texts.iloc[todo].str.extract(_GOOGLE_CSV)
    naive = pd.to_datetime(parts[0], format="%Y/%m/%d %I:%M:%S %p", errors="coerce")
    plain = (naive.notna() & parts[1].isna()).to_numpy()
    zoned = (naive.notna() & parts[1].notna()).to_numpy()
    utc[todo[plain]] = _localized(naive[plain], zone)
    utc[todo[zoned]] = _with_tokens(naive[zoned], parts.loc[zoned, 1], zone)


def _convert_moments(raw: np.ndarray, utc: np.ndarray, zone: ZoneInfo) -> None:
    """Fill ``utc`` (naive UTC) from date-time cells, all without a zone: wall-clock times
    in ``zone``. Cells with a zone, or out of range, are left to the cell parser."""
    try:
        moments = pd.Series(pd.to_datetime(raw))
        if moments.dt.tz is None:
            utc[:] = _localized(moments, zone)
    except (ValueError, TypeError, OverflowError):
        return


def _localized(moments: pd.Series, zone: ZoneInfo) -> np.ndarray:
    """Naive wall-clock times in ``zone`` -> naive UTC; NaT where the time does not exist."""
    local = moments.astype("datetime64[ns]").dt.tz_localize(
        zone, ambiguous=np.ones(len(moments), dtype=bool), nonexistent="NaT"
    )
    return local.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")


def _with_tokens(naive: pd.Series, tokens: pd.Series, zone: ZoneInfo) -> np.ndarray:
    """Naive times with a zone token each -> naive UTC; NaT where a token is unknown."""
    offsets = pd.Series(pd.NaT, index=naive.index, dtype="timedelta64[ns]")
    keys = pd.DataFrame({"token": tokens, "year": naive.dt.year})
    for (token, year), rows in keys.groupby(["token", "year"]).groups.items():
        try:
            offsets[rows] = zone_offset(str(token), date(int(year), 7, 1), zone)
        except ValueError:
            continue
    moments = naive.astype("datetime64[ns]") - offsets
    return moments.to_numpy(dtype="datetime64[ns]")


def day_only(raw: np.ndarray) -> np.ndarray:
    """Which cells of a column are a day without a time of day: a date cell, or text a
    calendar date is written in. Only text without a ``:`` can be one; those are checked
    once per distinct value."""
    cells = pd.Series(raw, dtype=object)
    kind = pd.api.types.infer_dtype(raw, skipna=True)
    if cells.empty or kind in ("datetime", "datetime64", "integer", "floating", "empty"):
        return np.zeros(len(cells), dtype=bool)
    if kind == "string":
        text, flags = np.ones(len(cells), dtype=bool), np.zeros(len(cells), dtype=bool)
    else:
        kinds = cells.map(type)
        text = kinds.isin([str]).to_numpy()
        flags = kinds.isin([date]).to_numpy().copy()
    candidates = text.copy()
    if text.any():
        texts = cells[text].tolist()
        candidates[text] = [isinstance(value, str) and ":" not in value for value in texts]
    if candidates.any():
        codes, distinct = pd.factorize(cells[candidates])
        answers = np.array([_is_day_text(value) for value in distinct.tolist()], dtype=bool)
        flags[candidates] = answers[codes]
    return flags


def _is_day_text(value: str) -> bool:
    try:
        calendar_date(value)
    except ValueError:
        return False
    return True


def report_day_stamps(
    table: RawTable, frame: pd.DataFrame, column: str, zone: ZoneInfo, log: ProblemLog
) -> np.ndarray:
    """Warn for each cell of a column of moments that is a day without a time; returns
    the mask, row for row with ``frame`` (the parsed rows of ``table``)."""
    if column not in table.cells or frame.empty:
        return np.zeros(len(frame), dtype=bool)
    cells = table.cells.loc[table.cells[CELL_ROW].isin(frame[ROW]), [column, CELL_ROW]]
    present = cells[column].notna().to_numpy()
    flags = np.zeros(len(cells), dtype=bool)
    flags[present] = day_only(cells[column].to_numpy(dtype=object)[present])
    rows = set(cells.loc[flags, CELL_ROW].tolist())
    mask = frame[ROW].isin(rows)
    for row, moment in frame.loc[mask, [ROW, column]].itertuples(index=False):
        day = f"{moment.tz_convert(zone):%Y-%m-%d}"
        log.warning(
            table.file,
            f"{day} is a day without a time; read as the start of the day (00:00, "
            f"{zone.key}), the benefit of the doubt: give the time (like {day} 09:00) "
            "where lateness depends on it",
            **table.where(int(row), column),
        )
    return mask.to_numpy()
