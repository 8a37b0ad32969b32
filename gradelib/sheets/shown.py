"""Reading workbook cells as the spreadsheet program shows them.

calamine gives each cell's stored value; a person reads the cell through its number
format. :func:`read_as_shown` applies the formats :mod:`gradelib.sheets.cell_formats`
found to the data rows of one sheet:

- a number in a percent format becomes a :class:`Percent` (``0.6`` shown ``60%``), which
  only the columns that take a percentage accept (a rubric criterion: that share of its
  maximum; an override value: that percentage); every other column reports it;
- a date-time at midnight in a date format (no time of day shown) becomes a
  :class:`datetime.date`, so that a column of moments can tell "a day" from "00:00";
- a number whose format hides some of its digits (``7.5`` shown ``8`` by ``0``, ``0.605``
  shown ``61%``) keeps its stored value, the one Excel's own formulas compute with, and is
  reported as a warning naming the cell and both numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

import numpy as np
import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.sheets.cell_formats import Format
from gradelib.sheets.rounding import round_half_up


@dataclass(frozen=True)
class Percent:
    """A number shown as a percentage: the cell holds ``value``, it shows ``100 × value``.

    Attributes
    ----------
    value : float
        The number stored in the cell (``0.6``).
    decimals : int
        Digits the format shows after the decimal point.

    Examples
    --------
    >>> str(Percent(0.6, 0)), Percent(0.6, 0).percent
    ('60%', 60.0)
    """

    value: float
    decimals: int = 0

    @property
    def percent(self) -> float:
        """The percentage (``60.0`` for ``0.6``), without the binary noise of ``× 100``."""
        return float(round_half_up(float(self.value) * 100, 9).iloc[0])

    def __str__(self) -> str:
        return f"{_plain(self.percent)}%"


def _plain(number: float) -> str:
    """A number as a person writes it: ``60``, ``60.5``."""
    text = f"{number:.10f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def shown_numbers(values: np.ndarray, fmt: Format) -> np.ndarray:
    """The numbers a format shows for ``values`` (percent formats: the percentages).

    Fixed decimals are rounded half-up on the decimal value, as a spreadsheet shows them
    (:func:`~gradelib.sheets.rounding.round_half_up`: 0.605 in ``0%`` shows 61%).
    """
    if fmt.kind == "scientific":
        return np.array([float(f"{value:.{fmt.decimals}e}") for value in values.tolist()])
    if fmt.kind == "fraction":
        top = max(fmt.denominator, 1)
        return np.array([float(Fraction(v).limit_denominator(top)) for v in values.tolist()])
    return round_half_up(values * fmt.scale, fmt.decimals).to_numpy()


def read_as_shown(
    data: pd.DataFrame,
    cells: tuple[np.ndarray, np.ndarray, list[Format]],
    columns: dict[int, tuple[object, str]],
    where: dict,
    log: ProblemLog,
) -> pd.DataFrame:
    """``data`` with each formatted cell read as it is shown (see the module docstring).

    Parameters
    ----------
    data : pandas.DataFrame
        Data rows of a sheet: index = grid row (0 = the sheet's row 1).
    cells : tuple
        Grid rows, grid columns and formats of the sheet's formatted cells.
    columns : dict
        Grid column -> (the label of that column in ``data``, its header as written).
    where : dict
        ``file`` and ``sheet``, for warnings.
    log : ProblemLog
        Receives a warning for each number whose format hides some of its digits.
    """
    rows, grid_columns, formats = cells
    inside = np.isin(rows, data.index.to_numpy()) & np.isin(grid_columns, list(columns))
    if not inside.any():
        return data
    data = data.copy()
    table = pd.DataFrame(
        {"row": rows[inside], "column": grid_columns[inside]},
    ).assign(fmt=[f for f, keep in zip(formats, inside.tolist(), strict=True) if keep])
    for (column, fmt), group in table.groupby(["column", "fmt"], sort=False):
        label, header = columns[int(column)]
        values = data.loc[group["row"].to_numpy(), label]
        data.loc[values.index, label] = _as_shown(values, fmt, header, where, log)
    return data


def _as_shown(
    values: pd.Series, fmt: Format, header: str, where: dict, log: ProblemLog
) -> pd.Series:
    """One column's cells of one format, read as shown (warnings for hidden digits)."""
    kinds = values.map(type)
    if fmt.kind == "date":
        moments = values[kinds == datetime]
        midnight = moments.map(lambda moment: moment.time() == datetime.min.time())
        out = values.copy()
        days = moments[midnight.astype(bool)]
        out.loc[days.index] = days.map(datetime.date)
        return out
    numbers = values[kinds.isin([int, float])].astype(float)
    if numbers.empty:
        return values
    distinct = pd.unique(numbers.to_numpy())
    shown = dict(zip(distinct.tolist(), shown_numbers(distinct, fmt).tolist(), strict=True))
    exact = numbers * fmt.scale
    hidden = ~np.isclose(numbers.map(shown).to_numpy(), exact.to_numpy(), rtol=1e-12, atol=1e-9)
    for row, value in numbers[hidden].items():
        held, seen = _texts(value, shown[value], fmt)
        log.warning(
            where["file"],
            f"the cell shows {seen} (number format '{fmt.code}') but holds {held}; read as "
            f"{held}, the value Excel computes with (show more digits, or type {seen})",
            sheet=where["sheet"],
            row=int(row) + 1,
            column=header,
        )
    if fmt.kind != "percent":
        return values
    out = values.copy()
    out.loc[numbers.index] = numbers.map(lambda value: Percent(value, fmt.decimals))
    return out


def _texts(value: float, shown: float, fmt: Format) -> tuple[str, str]:
    """The held and the shown number as a person reads them."""
    if fmt.kind == "percent":
        return str(Percent(value)), f"{_plain(shown)}%"
    if fmt.kind == "fraction":
        fraction = Fraction(shown).limit_denominator(max(fmt.denominator, 1))
        return _plain(value), str(fraction)
    return _plain(value), _plain(shown)


def is_day(value: object) -> bool:
    """Whether a cell is a day without a time: a :class:`datetime.date` that is not a
    :class:`datetime.datetime`."""
    return isinstance(value, date) and not isinstance(value, datetime)
