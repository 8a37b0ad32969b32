"""Turning raw cells into typed columns, reporting every cell that does not fit.

A table's layout is a tuple of :class:`Field` objects. :func:`parse_fields` checks the
header against them (missing required columns are errors), converts each column with
its kind's parser and reports each bad cell with file, sheet, row and column. Rows with a
bad cell are left out of the typed frame (the error already stops grading), so that the
cross-checks that follow see only well-formed rows.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.load.tables import ROW, RawTable

#: A parser maps one raw cell (never ``None``) to a value, or raises ValueError.
Parser = Callable[[object], object]
#: A column parser maps an array of raw cells (none ``None``) to a Series of values of the
#: same length and a mask of the cells it converted.
ColumnParser = Callable[[np.ndarray], tuple[pd.Series, np.ndarray]]

UNIQNAME = re.compile(r"[a-z0-9][a-z0-9._-]*")
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%d.%m.%Y",
)
#: Day 0 of Excel's (1900) date serial numbers, and the serials read as dates in a date
#: column of a workbook: 36526 (2000-01-01) to 73050 (2099-12-31).
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_EXCEL_SERIALS = (36526, 73050)
_TIMESTAMP_FORMATS = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%Y/%m/%d %H:%M:%S")


@dataclass(frozen=True)
class Field:
    """One column of a table layout.

    Attributes
    ----------
    name : str
        Header name (matched case-insensitively).
    parse : Parser
        Converts a non-blank cell, raising ``ValueError`` when it does not fit.
    expected : str
        What a good cell looks like, for messages (``"a date like 2024-09-17"``).
    required : bool
        Whether the column must be in the header.
    blank_ok : bool
        Whether a cell may be blank (blank cells become missing values).
    parse_column : ColumnParser or None
        Converts many cells at once where it can (the rest go to ``parse``); it must agree
        with ``parse`` on every cell it converts.
    """

    name: str
    parse: Parser
    expected: str
    required: bool = True
    blank_ok: bool = False
    parse_column: ColumnParser | None = None


def text(value: object) -> str:
    """A text cell; whole numbers from a spreadsheet lose their ``.0`` (``3.0`` -> ``"3"``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def uniqname(value: object) -> str:
    """A uniqname: lower-cased, surrounding spaces removed; letters, digits, ``. _ -``."""
    name = text(value).lower()
    if not UNIQNAME.fullmatch(name):
        raise ValueError(name)
    return name


def number(value: object) -> float:
    """A finite number (text numbers such as ``"7.5"`` are accepted)."""
    if isinstance(value, bool | datetime | date):
        raise ValueError(value)
    result = float(str(value).strip()) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
    if not np.isfinite(result):
        raise ValueError(value)
    return result


def count(value: object) -> int:
    """A whole number zero or more."""
    result = number(value)
    if result < 0 or not result.is_integer():
        raise ValueError(value)
    return int(result)


def calendar_date(value: object) -> pd.Timestamp:
    """A calendar date.

    Accepts a date cell; a whole number from a workbook cell formatted as a number rather
    than a date, read as Excel's date serial when it falls in 2000..2099 (``45552`` is
    2024-09-17); or text ``2024-09-17``, ``9/17/2024``, ``9/17/24``, ``Sep 17, 2024``,
    ``September 17, 2024``, ``17 Sep 2024`` or ``17.09.2024`` (as a German Excel writes
    it). A CSV cell is always text, so a number in a CSV file is never a date.
    """
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        serial = float(value)
        if serial.is_integer() and _EXCEL_SERIALS[0] <= serial <= _EXCEL_SERIALS[1]:
            return _EXCEL_EPOCH + pd.Timedelta(days=int(serial))
        raise ValueError(value)
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            raise ValueError(value)
        return pd.Timestamp(value.date())
    if isinstance(value, date):
        return pd.Timestamp(value)
    if isinstance(value, str):
        for fmt in _DATE_FORMATS:
            try:
                return pd.Timestamp(datetime.strptime(value.strip(), fmt).date())
            except ValueError:
                continue
    raise ValueError(value)


def one_of(*choices: str) -> Parser:
    """A parser that accepts one of ``choices`` (case-insensitive) and returns it lower-cased."""

    def parse(value: object) -> str:
        word = text(value).lower()
        if word not in choices:
            raise ValueError(value)
        return word

    return parse


def timestamp_in(zone: ZoneInfo) -> Parser:
    """A parser of moments in time, returned in UTC.

    Accepts date-time cells and ISO 8601 text (``2024-11-03 10:59``,
    ``2024-11-03T15:59:00Z``, ``2024-11-03T10:59:00-05:00``) and the US form Google
    Forms writes (``11/3/2024 10:59:00``). A value without an offset is a wall-clock time
    in ``zone``; daylight saving time is applied as it was on that date (in the repeated
    hour of the November change, the first, daylight-time reading is taken).
    """

    def parse(value: object) -> pd.Timestamp:
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, str):
            moment = _parse_moment_text(value.strip())
        else:
            raise ValueError(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
        return pd.Timestamp(moment).tz_convert("UTC")

    return parse


def timestamps_in(zone: ZoneInfo) -> ColumnParser:
    """The column form of :func:`timestamp_in`: converts text cells written exactly
    ``YYYY-MM-DD HH:MM:SS`` at once, and leaves every other cell (other layouts, date-time
    cells, wall-clock times that do not exist when the clocks go forward) to the cell
    parser. The repeated hour of the November change is read as daylight time, as
    :func:`timestamp_in` reads it.
    """

    def parse_column(raw: np.ndarray) -> tuple[pd.Series, np.ndarray]:
        if pd.api.types.infer_dtype(raw, skipna=False) != "string":
            return pd.Series(pd.NaT, index=range(len(raw))), np.zeros(len(raw), dtype=bool)
        texts = pd.Series(raw, dtype=object)
        moments = pd.to_datetime(texts, format="%Y-%m-%d %H:%M:%S", errors="coerce")
        local = moments.dt.tz_localize(
            zone, ambiguous=np.ones(len(moments), dtype=bool), nonexistent="NaT"
        )
        utc = local.dt.tz_convert("UTC")
        return utc, utc.notna().to_numpy()

    return parse_column


def _parse_moment_text(raw: str) -> datetime:
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
    except ValueError:
        pass
    for fmt in _TIMESTAMP_FORMATS:
        try:
            return datetime.strptime(raw, fmt)
        except ValueError:
            continue
    raise ValueError(raw)


def describe(value: object) -> str:
    """A cell as a person would read it in a message."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


def missing_columns(table: RawTable, fields: Iterable[Field], log: ProblemLog) -> bool:
    """Log each required column absent from the header; ``True`` when any is."""
    absent = [f.name for f in fields if f.required and f.name not in table.headers]
    for name in absent:
        found = ", ".join(table.headers.values()) or "none"
        log.error(
            table.file,
            f"missing column '{name}' (the header has: {found})",
            sheet=table.sheet,
            row=1,
        )
    return bool(absent)


def parse_fields(
    table: RawTable, fields: tuple[Field, ...], log: ProblemLog
) -> pd.DataFrame | None:
    """Convert a raw table into typed columns.

    Each distinct cell value of a column is parsed once (a long table repeats few values:
    a few dozen dates and a class list of uniqnames in a million attendance rows), and a
    field's ``parse_column`` converts the common forms of a column at once. The answer is
    the same as parsing every cell with the field's ``parse``.

    Parameters
    ----------
    table : RawTable
        The raw cells (blank cells are ``None``, as :func:`~gradelib.load.tables.raw_table`
        leaves them).
    fields : tuple of Field
        The expected columns. Optional columns absent from the file come out all missing.
        Columns not named here are left out.
    log : ProblemLog
        Receives a problem for each missing column and each bad cell.

    Returns
    -------
    pandas.DataFrame or None
        One column per field plus ``row``; rows with a bad cell dropped. ``None`` when a
        required column is missing.
    """
    if missing_columns(table, fields, log):
        return None
    cells = table.cells
    rows = cells[ROW].to_numpy()
    out = pd.DataFrame({ROW: rows})
    good = np.ones(len(cells), dtype=bool)
    for field in fields:
        if field.name not in cells.columns:
            out[field.name] = None
            continue
        raw = cells[field.name].to_numpy(dtype=object)
        blank = pd.isna(raw)
        values, refused = _parse_column(raw, ~blank, field)
        if not field.blank_ok:
            for position in np.flatnonzero(blank).tolist():
                where = table.where(int(rows[position]), field.name)
                log.error(table.file, f"blank; expected {field.expected}", **where)
            good &= ~blank
        for position in np.flatnonzero(refused).tolist():
            where = table.where(int(rows[position]), field.name)
            log.error(table.file, f"{describe(raw[position])} is not {field.expected}", **where)
        good &= ~refused
        out[field.name] = values
    return out.loc[good].reset_index(drop=True)


def _parse_column(
    raw: np.ndarray, present: np.ndarray, field: Field
) -> tuple[pd.Series, np.ndarray]:
    """Parse the ``present`` cells of one column.

    Returns the values (missing where blank or refused) and a mask of refused cells.
    """
    values = pd.Series(np.full(len(raw), None, dtype=object))
    refused = np.zeros(len(raw), dtype=bool)
    todo = np.flatnonzero(present)
    if field.parse_column is not None and len(todo):
        converted, done = field.parse_column(raw[todo])
        values = _spread_values(converted, todo, len(raw))
        rest = todo[~done]
        if len(rest):
            parsed, ok = _parse_distinct(raw[rest], field.parse)
            refused[rest] = ~ok
            values = _filled(values, rest, parsed.to_numpy(dtype=object))
        return values, refused
    if len(todo) == len(raw):
        parsed, ok = _parse_distinct(raw, field.parse)
        return parsed, ~ok
    if len(todo):
        parsed, ok = _parse_distinct(raw[todo], field.parse)
        values.iloc[todo] = parsed.to_numpy(dtype=object)
        refused[todo] = ~ok
    return values, refused


def _spread_values(converted: pd.Series, positions: np.ndarray, length: int) -> pd.Series:
    """``converted`` placed at ``positions`` of a column of ``length`` missing values."""
    if len(positions) == length:
        return converted.set_axis(pd.RangeIndex(length))
    spread = converted.iloc[:0].reindex(pd.RangeIndex(length))
    spread.iloc[positions] = converted.to_numpy()
    return spread


def _filled(values: pd.Series, positions: np.ndarray, parsed: np.ndarray) -> pd.Series:
    """``values`` with ``parsed`` at ``positions``, keeping its type when they fit in it."""
    try:
        typed = values.copy()
        typed.iloc[positions] = parsed
    except (TypeError, ValueError):
        mixed = values.astype(object)
        mixed.iloc[positions] = parsed
        return mixed
    return typed


def _parse_distinct(raw: np.ndarray, parse: Parser) -> tuple[pd.Series, np.ndarray]:
    """``parse`` applied to each distinct (type, value) of ``raw`` once.

    Returns the parsed values (missing where refused; a ``datetime64`` column when every
    answer is a date) and a mask of accepted cells. Values of different types are kept
    apart (``1``, ``1.0`` and ``True`` are equal in Python but not to a parser).
    """
    parsed = np.full(len(raw), None, dtype=object)
    ok = np.zeros(len(raw), dtype=bool)
    kinds = pd.Series(raw, dtype=object).map(type).to_numpy()
    for kind in dict.fromkeys(kinds.tolist()):
        positions = np.flatnonzero(kinds == kind)
        codes, distinct = pd.factorize(raw[positions])
        answers = np.full(len(distinct), None, dtype=object)
        accepted = np.zeros(len(distinct), dtype=bool)
        for index, value in enumerate(np.asarray(distinct, dtype=object).tolist()):
            try:
                answers[index] = parse(value)
            except (ValueError, TypeError, OverflowError):
                continue
            accepted[index] = True
        if len(positions) == len(raw) and _all_dates(answers[accepted]):
            return pd.Series(pd.DatetimeIndex(answers).take(codes)), accepted[codes]
        parsed[positions] = answers[codes]
        ok[positions] = accepted[codes]
    return pd.Series(parsed, dtype=object), ok


def _all_dates(answers: np.ndarray) -> bool:
    """Whether there are answers and all are time-zone-free :class:`pandas.Timestamp`."""
    return len(answers) > 0 and all(
        isinstance(answer, pd.Timestamp) and answer.tzinfo is None for answer in answers
    )
