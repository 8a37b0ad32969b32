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
    """

    name: str
    parse: Parser
    expected: str
    required: bool = True
    blank_ok: bool = False


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


def is_blank(value: object) -> bool:
    """Whether a raw cell is empty (``None``, NaN, NaT or only spaces)."""
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float):
        return value != value  # NaN
    return isinstance(value, str) and not value.strip()


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

    Parameters
    ----------
    table : RawTable
        The raw cells.
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
    out = pd.DataFrame({ROW: cells[ROW].to_numpy()})
    good = np.ones(len(cells), dtype=bool)
    for field in fields:
        if field.name not in cells.columns:
            out[field.name] = None
            continue
        parse = _remembering(field.parse)
        values: list[object] = []
        for position, raw in enumerate(cells[field.name].tolist()):
            if is_blank(raw):
                if not field.blank_ok:
                    log.error(
                        table.file,
                        f"blank; expected {field.expected}",
                        **table.where(int(cells[ROW].iat[position]), field.name),
                    )
                    good[position] = False
                values.append(None)
                continue
            try:
                values.append(parse(raw))
            except (ValueError, TypeError, OverflowError):
                log.error(
                    table.file,
                    f"{describe(raw)} is not {field.expected}",
                    **table.where(int(cells[ROW].iat[position]), field.name),
                )
                good[position] = False
                values.append(None)
        out[field.name] = pd.Series(values, dtype=object)
    return out.loc[good].reset_index(drop=True)


#: What :func:`_remembering` keeps for a cell value its parser refused.
_REFUSED = object()
_REMEMBERED = 10_000


def _remembering(parse: Parser) -> Parser:
    """``parse``, remembering its answer for each distinct cell value (and type).

    A long table repeats few values (a few dozen dates and uniqnames in a million
    attendance rows), so each is parsed once. Parsers are pure and their values immutable.
    At most :data:`_REMEMBERED` values are kept (a column of distinct time stamps gains
    nothing from it).
    """
    seen: dict[tuple[type, object], object] = {}

    def remembered(raw: object) -> object:
        key = (type(raw), raw)
        try:
            hash(key)
        except TypeError:  # an unhashable cell: parse it every time
            return parse(raw)
        if key not in seen and len(seen) >= _REMEMBERED:
            return parse(raw)
        if key not in seen:
            try:
                seen[key] = parse(raw)
            except (ValueError, TypeError, OverflowError):
                seen[key] = _REFUSED
        answer = seen[key]
        if answer is _REFUSED:
            raise ValueError(raw)
        return answer

    return remembered
