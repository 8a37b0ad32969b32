"""Points whose Canvas total is our current score, to the cent (points mode).

Canvas's total of a student is the points of the non-blank, non-``EX`` cells over those
columns' points possible, × 100, rounded half-up to two decimals. Each component's points
are its current value × its weight / 100; rounded one by one they need not add up to a
total Canvas rounds to our ``current`` (an excused component leaves 85 points possible,
and 76.50 of 85 reads 90.00 where our 89.994 reads 89.99). So, for each student:

1. the total: among whole-cent totals whose Canvas percent rounds to our current, the one
   nearest the exact points. When fewer than 100 points are possible, a cent total cannot
   always land on a given two-decimal percent (out of 85 the reachable percents are
   k / 85); only then the total is in thousandths of a point, then ten-thousandths
   (:data:`DECIMALS`), the fewest decimals that can;
2. the cells: that total apportioned by largest remainder, so that each cell is within one
   unit (a cent, or the finer unit) of its exact points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from gradelib.sheets.rounding import round_half_up, score_text, score_texts

#: Decimals a student's points may have, fewest first: cents, then finer only if needed.
DECIMALS = (2, 3, 4)
#: Points possible are handled in units of 10**-4 points (exact integers from here on).
POSSIBLE_UNIT = 10_000
#: Binary noise taken off a scaled value before it is cut to a whole unit (1349.99999...).
NOISE = 1e-6


def whole(values: np.ndarray | float) -> np.ndarray:
    """Values as the nearest whole numbers (int64), by the one rounding rule."""
    return round_half_up(np.asarray(values, dtype=float), decimals=0).to_numpy().astype(np.int64)


def units_text(units: int, decimals: int) -> str:
    """Points counted in units of ``10**-decimals`` as Canvas reads them.

    Two decimals always; a third or fourth only when it is not zero.

    >>> units_text(7649, 2), units_text(5595, 3), units_text(13500, 3), units_text(0, 4)
    ('76.49', '5.595', '13.50', '0.00')
    """
    integer, fraction = divmod(units, 10**decimals)
    if fraction % 10 ** (decimals - 2) == 0:
        return score_text(units / 10**decimals)
    return f"{integer}.{fraction:0{decimals}d}".rstrip("0")


def totals(
    exact: np.ndarray, possible: np.ndarray, cents: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each student's total points nearest ``exact`` that Canvas reads as ``cents``.

    Parameters
    ----------
    exact : numpy.ndarray
        The exact points of each student's counted cells.
    possible : numpy.ndarray
        Their points possible, in whole units of 10**-4 points (85 points: 850000).
    cents : numpy.ndarray
        Our current score in cents of a percent (8999 for 89.99).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Each total in units of ``10**-decimals``, and ``decimals``: 2 unless no cent total
        reads as ``cents`` (then 3, else 4).

    Raises
    ------
    ValueError
        When no total with up to four decimals does (less than one point possible).
    """
    exact = np.asarray(exact, dtype=float)
    possible = np.asarray(possible, dtype=np.int64)
    cents = np.asarray(cents, dtype=np.int64)
    units = np.zeros(len(exact), dtype=np.int64)
    decimals = np.zeros(len(exact), dtype=np.int64)
    for places in DECIMALS:
        # Canvas reads T units as cents when (2c-1)/2 <= T/10**places/possible*10**4 <
        # (2c+1)/2, that is (2c-1)*possible*10**places <= 2*T*10**4*POSSIBLE_UNIT < ...
        scale, denominator = 10**places, 2 * 10_000 * POSSIBLE_UNIT
        smallest = -((-(2 * cents - 1) * possible * scale) // denominator)
        largest = -((-(2 * cents + 1) * possible * scale) // denominator) - 1
        nearest = whole(exact * scale)
        found = (decimals == 0) & (smallest <= largest)
        units = np.where(found, np.clip(nearest, smallest, largest), units)
        decimals = np.where(found, places, decimals)
    if (decimals == 0).any():
        raise ValueError(f"no total of up to {DECIMALS[-1]} decimals reads as our current")
    return units, decimals


def total_units(exact: float, possible: float, cents: int) -> tuple[int, int]:
    """One student's total: (units, decimals) nearest ``exact`` that Canvas reads as
    ``cents`` (see :func:`totals`; ``possible`` in points).

    Examples
    --------
    Out of 85 points, 76.4952 points are 89.994 %: 76.50 would read 90.00, so 76.49.

    >>> total_units(76.4952381, 85, 8999)
    (7649, 2)

    Out of 85 points, no cent total reads 80.03 % (68.02 is 80.0235, 68.03 is 80.0353):

    >>> total_units(68.0264, 85, 8003)
    (68026, 3)
    """
    units, decimals = totals(
        np.array([exact]), whole([float(possible) * POSSIBLE_UNIT]), np.array([cents])
    )
    return int(units[0]), int(decimals[0])


def apportion(
    exact: np.ndarray, counted: np.ndarray, total: np.ndarray, decimals: np.ndarray
) -> np.ndarray:
    """Split each row's ``total`` over its counted cells by largest remainder.

    Every counted cell gets its exact value rounded down (in units of
    ``10**-decimals`` of its row); the units still missing go one each to the cells with
    the largest remainders (the first cell on a tie), so that each cell is within one unit
    of its exact value.

    Parameters
    ----------
    exact : numpy.ndarray
        Exact points per student (rows) and cell (columns).
    counted : numpy.ndarray
        bool, the same shape: the cells that count.
    total : numpy.ndarray
        Each row's total, in units of ``10**-decimals``.
    decimals : numpy.ndarray
        Each row's decimals.

    Returns
    -------
    numpy.ndarray
        int64 units, 0 where a cell does not count.
    """
    scaled = np.where(counted, exact * 10.0 ** decimals[:, None], 0.0)
    floors = np.floor(scaled + NOISE).astype(np.int64)
    cells = counted.sum(axis=1)
    whole, extra = np.divmod(total - floors.sum(axis=1), np.maximum(cells, 1))
    remainders = np.where(counted, scaled - floors, -np.inf)
    order = np.argsort(-remainders, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.broadcast_to(np.arange(order.shape[1]), order.shape), 1)
    return np.where(counted, floors + whole[:, None] + (ranks < extra[:, None]), 0)


def largest_remainder(exact: Sequence[float], total: int, decimals: int) -> list[int]:
    """One row of :func:`apportion`.

    >>> largest_remainder([100 / 3, 100 / 3, 100 / 3], 10_000, 2)
    [3334, 3333, 3333]
    """
    row = np.array([exact], dtype=float)
    units = apportion(row, np.ones_like(row, dtype=bool), np.array([total]), np.array([decimals]))
    return [int(u) for u in units[0]]


def apportioned_cells(
    current: pd.DataFrame, counted: pd.DataFrame, weights: Mapping[str, float], target: pd.Series
) -> pd.DataFrame:
    """Each counted component in points (out of its weight), as the import file's text.

    Parameters
    ----------
    current : pandas.DataFrame
        Percent per student (rows) and component (columns).
    counted : pandas.DataFrame
        The same shape, True where the cell counts in Canvas's total (graded, not excused).
    weights : Mapping[str, float]
        Component -> weight, its points possible.
    target : pandas.Series
        Our current score per student, rounded to two decimals (NaN when nothing counts).

    Returns
    -------
    pandas.DataFrame
        Text per cell: the points, ``""`` where the cell does not count.

    Examples
    --------
    dave's summary is excused (shared case ``excused-cutoff``); his current is 89.99:

    >>> current = pd.DataFrame([[90.0, None, 47 / 0.84, 98.5, 90.0]], columns=list("abcde"))
    >>> weights = {"a": 15, "b": 15, "c": 10, "d": 40, "e": 20}
    >>> cells = apportioned_cells(current, current.notna(), weights, pd.Series([89.99]))
    >>> cells.iloc[0].tolist()
    ['13.50', '', '5.59', '39.40', '18.00']
    """
    keys = list(current.columns)
    values = current.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    mask = counted.to_numpy(dtype=bool) & ~np.isnan(values)
    weight = np.array([float(weights[key]) for key in keys])
    exact = np.where(mask, values * weight / 100, 0.0)
    cells = np.full(values.shape, "", dtype=object)
    rows = mask.any(axis=1)
    if not rows.any():
        return pd.DataFrame(cells, index=current.index, columns=keys)
    possible = (mask * whole(weight * POSSIBLE_UNIT)).sum(axis=1)
    goal = target.reindex(current.index).to_numpy(dtype=float, na_value=np.nan)
    fallback = exact.sum(axis=1) / np.maximum(possible, 1) * POSSIBLE_UNIT * 100
    goal = np.where(np.isnan(goal), fallback, goal)  # nothing to match: its own cents
    cents = whole(goal * 100)
    total, decimals = totals(exact[rows].sum(axis=1), possible[rows], cents[rows])
    units = np.zeros(values.shape, dtype=np.int64)
    units[rows] = apportion(exact[rows], mask[rows], total, decimals)
    places = np.full(len(values), 2)
    places[rows] = decimals
    scale = 10 ** (places[:, None] - 2)
    text = score_texts(pd.Series((units // scale).ravel() / 100), missing="").to_numpy(dtype=object)
    cells = np.where(mask, text.reshape(values.shape), "")
    finer = mask & (units % scale != 0)
    if finer.any():  # each distinct (units, decimals) written once, as 10 * units + decimals
        codes, distinct = pd.factorize(units[finer] * 10 + places[np.nonzero(finer)[0]])
        texts = [units_text(int(key // 10), int(key % 10)) for key in distinct]
        cells[finer] = np.array(texts, dtype=object)[codes]
    return pd.DataFrame(cells, index=current.index, columns=keys)
