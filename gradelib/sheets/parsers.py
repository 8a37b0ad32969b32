"""Cell parsers: one raw cell (never blank) to one value, or ``ValueError``.

A cell comes as text (CSV, or a text cell of a workbook), a number, a date or date-time,
a time, a duration, or a :class:`~gradelib.sheets.shown.Percent` (a number a workbook shows
as a percentage). Each parser accepts what a person would read as the value it wants and
refuses the rest; a refused cell is reported by :func:`~gradelib.sheets.fields.parse_fields`
with its location.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd

from gradelib.sheets.shown import Percent

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
_PERCENT_TEXT = re.compile(r"\s*([0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*%\s*")


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


def uniqnames(cells: np.ndarray) -> tuple[pd.Series, np.ndarray]:
    """The column form of :func:`uniqname` (a :data:`ColumnParser`): a column of text
    cells is read one distinct text at a time, without a call per text; every other cell
    (a number from a workbook), and every cell refused, is left to :func:`uniqname`."""
    return texts_read(cells, _uniqnames)


def _uniqnames(words: list[str]) -> list[str | None]:
    """:func:`uniqname` of each of ``words`` (text), ``None`` where refused."""
    names = [word.strip().lower() for word in words]
    return [name if UNIQNAME.fullmatch(name) else None for name in names]


def texts_read(
    cells: np.ndarray, read: Callable[[list[str]], list]
) -> tuple[pd.Series, np.ndarray]:
    """A :data:`ColumnParser` from ``read``, which maps a list of distinct texts to their
    values (``None`` where it leaves a text to the cell parser): it converts a column of
    text cells and leaves any other column to the cell parser."""
    if pd.api.types.infer_dtype(cells, skipna=False) != "string":
        return pd.Series(np.full(len(cells), None, dtype=object)), np.zeros(len(cells), bool)
    codes, distinct = pd.factorize(cells)
    values = np.empty(len(distinct), dtype=object)
    values[:] = read(np.asarray(distinct, dtype=object).tolist())
    return pd.Series(values[codes], dtype=object), pd.notna(values)[codes]


def number(value: object) -> float:
    """A finite number (text numbers such as ``"7.5"`` are accepted).

    Dates, times, durations, booleans and percentages are not numbers here.
    """
    if isinstance(value, bool | datetime | date | time | timedelta | Percent):
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


def percentage(value: object) -> float | None:
    """The percentage a percent cell shows (``Percent(0.6)`` or text ``"60%"`` -> 60.0);
    ``None`` for any other cell."""
    if isinstance(value, Percent):
        return value.percent
    if isinstance(value, str) and (match := _PERCENT_TEXT.fullmatch(value)):
        return float(match[1])
    return None


def score_within(maximum: float | None) -> Parser:
    """A parser of rubric scores from 0 to ``maximum`` points.

    A number is points; a percentage (a percent-formatted cell, or text ``"60%"``) is that
    share of the maximum: ``60%`` of 10 is 6 points.
    """

    def parse(value: object) -> float:
        share = percentage(value)
        if share is not None:
            if maximum is None or not 0 <= share <= 100:
                raise ValueError(value)
            return share / 100 * maximum
        score = number(value)
        if maximum is not None and not 0 <= score <= maximum:
            raise ValueError(value)
        return score

    return parse


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


def describe(value: object) -> str:
    """A cell as a person would read it in a message."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)
