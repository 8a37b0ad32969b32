"""Ways Canvas may have added up a student's total, worked out from its export.

Each reading gives a total in whole cents (percent × 100) per student, to set beside the
total Canvas shows: the points of some assignment columns over their points possible
(the arithmetic of :mod:`gradelib.export.verify`: exact integers, half-up), or assignment
groups weighted, with the weights Canvas's own group totals reveal. Canvas computes from
the scores it stores, and its export shows them to two decimals, so a reading is said
to match when it is within one cent (:data:`TOLERANCE`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gradelib.export.verify import UNIT
from gradelib.export.verify_read import Gradebook
from gradelib.policy.letters import letters_for
from gradelib.sheets.rounding import round_half_up

#: Cents a reading may be off from Canvas's shown total and still match.
TOLERANCE = 1
#: Percent × 100 = cents; a points ratio in units of 10**-4 becomes cents by this factor.
CENTS = 100 * 100
#: Canvas's default grading scheme (lowest percent of each letter; below the last: F).
CANVAS_DEFAULT_SCHEME = (
    ("A", 94.0), ("A-", 90.0), ("B+", 87.0), ("B", 84.0), ("B-", 80.0), ("C+", 77.0),
    ("C", 74.0), ("C-", 70.0), ("D+", 67.0), ("D", 64.0), ("D-", 61.0),
)  # fmt: skip
CANVAS_FAIL = "F"


def numbers(cells: pd.DataFrame) -> pd.DataFrame:
    """Cells as float64: NaN where blank, ``EX``, ``N/A`` or not a plain number."""
    return cells.apply(
        lambda column: pd.to_numeric(column.fillna("").astype(str).str.strip(), errors="coerce")
    ).astype(float)


def cents(texts: pd.Series) -> pd.Series:
    """Percent texts (``"92.35"``) as whole cents (Int64); ``<NA>`` where not a number."""
    values = pd.to_numeric(texts.fillna("").astype(str).str.strip(), errors="coerce")
    whole = np.rint(round_half_up(values.astype(float)).to_numpy() * 100)
    return pd.Series(whole, index=texts.index).astype("Int64")


def points_cents(book: Gradebook, columns: Sequence[str], students: pd.Index) -> pd.Series:
    """Canvas's points reading: scored cells of ``columns`` over their points possible.

    Parameters
    ----------
    book : Gradebook
        The export (its cells and ``Points Possible`` row).
    columns : sequence of str
        Assignment headers with a number of points possible.
    students : pandas.Index
        The uniqnames to read.

    Returns
    -------
    pandas.Series
        Int64 cents by uniqname, ``<NA>`` where no cell of ``columns`` is scored.
    """
    if not columns:
        return pd.Series(pd.NA, index=students, dtype="Int64")
    values = numbers(book.students.loc[students, list(columns)])
    counted = values.notna().to_numpy()
    units = np.rint(values.fillna(0).to_numpy() * UNIT).astype(np.int64)
    possible = np.rint(np.array([float(book.possible[c]) for c in columns]) * UNIT)
    earned = (units * counted).sum(axis=1)
    out_of = (counted * possible.astype(np.int64)).sum(axis=1)
    whole = (2 * earned * CENTS + out_of) // np.maximum(2 * out_of, 1)
    return pd.Series(whole, index=students, dtype="Int64").where(out_of > 0, pd.NA)


@dataclass(frozen=True)
class Groups:
    """Percent per student and assignment group, as Canvas weighs them.

    Attributes
    ----------
    percents : pandas.DataFrame
        float64 percent, one column per group (NaN where the group has no score).
    from_export : bool
        Canvas's own ``<Group> Current Score`` columns; otherwise each assignment
        column stands for a group of its own.
    """

    percents: pd.DataFrame
    from_export: bool


def assignment_groups(
    book: Gradebook, columns: Sequence[str], students: pd.Index, *, unposted: bool
) -> Groups:
    """The assignment groups of the export (``<Group> [Unposted ]Current Score``), or
    each of ``columns`` as a group of its own when the export has no group totals."""
    suffix = " Unposted Current Score" if unposted else " Current Score"
    found = {
        h[: -len(suffix)]: h
        for h in book.header
        if h.endswith(suffix) and h.strip() != suffix.strip() and h[: -len(suffix)].strip()
        and (unposted or not h.endswith(" Unposted Current Score"))
    }  # fmt: skip
    if found:
        percents = numbers(book.students.loc[students, list(found.values())])
        return Groups(percents.set_axis(list(found), axis=1), from_export=True)
    values = numbers(book.students.loc[students, list(columns)])
    possible = np.array([float(book.possible[c]) for c in columns])
    return Groups(values * 100 / np.where(possible > 0, possible, np.nan), from_export=False)


def weighted_cents(percents: pd.DataFrame, weights: np.ndarray) -> pd.Series:
    """Groups weighted (renormalized over the groups scored), in whole cents (Int64)."""
    counted = percents.notna().to_numpy()
    share = (counted * weights).sum(axis=1)
    total = (percents.fillna(0).to_numpy() * weights).sum(axis=1) / np.where(share > 0, share, 1)
    whole = np.rint(round_half_up(pd.Series(total, index=percents.index)).to_numpy() * 100)
    return pd.Series(whole, index=percents.index).astype("Int64").where(share > 0, pd.NA)


def near(a: pd.Series, b: pd.Series, tolerance: int = TOLERANCE) -> pd.Series:
    """Where two cent totals are both missing or within ``tolerance`` cents (bool)."""
    both_missing = a.isna() & b.isna()
    close = (a.astype("Float64") - b.astype("Float64")).abs().le(tolerance).fillna(False)
    return (both_missing | close).astype(bool)


def _fitted(percents: pd.DataFrame, target: pd.Series) -> np.ndarray | None:
    """Group weights (fractions adding to 1) that reproduce ``target``, by least
    squares over the students with every group scored; ``None`` when the students do
    not pin them down (no more distinct rows than groups) or a weight is negative."""
    full = percents.notna().all(axis=1) & target.notna()
    rows = percents.loc[full]
    if len(rows.drop_duplicates()) <= rows.shape[1]:
        return None
    matrix = rows.to_numpy()
    goal = target.loc[full].astype(float).to_numpy() / 100
    weights, _, rank, _ = np.linalg.lstsq(matrix, goal, rcond=None)
    if rank < matrix.shape[1] or (weights < -0.005).any() or weights.sum() <= 0:
        return None
    return np.clip(weights, 0, None) / np.clip(weights, 0, None).sum()


def weighted_reading(
    groups: Groups, target: pd.Series
) -> tuple[dict[str, float], pd.Series] | None:
    """Group weights under which Canvas's total is ``target`` for every student.

    Tries equal weights (each group's percent averaged), then the weights fitted to the
    totals (to whole percents, then to hundredths).

    Parameters
    ----------
    groups : Groups
        :func:`assignment_groups`.
    target : pandas.Series
        Canvas's total in cents (Int64) by uniqname.

    Returns
    -------
    (dict, pandas.Series) or None
        Group -> weight in percent, and the reading in cents; ``None`` when no
        weighting of two or more groups matches every student within :data:`TOLERANCE`.
    """
    percents = groups.percents
    if percents.shape[1] < 2 or target.isna().all():
        return None
    candidates = [np.full(percents.shape[1], 1 / percents.shape[1])]
    fitted = _fitted(percents, target)
    if fitted is not None:
        percent = pd.Series(fitted * 100)
        candidates += [round_half_up(percent, decimals).to_numpy() / 100 for decimals in (0, 2)]
    for weights in candidates:
        if weights.sum() <= 0:
            continue
        reading = weighted_cents(percents, weights)
        if near(reading, target).all():
            shares = weights * 100 / weights.sum()
            return dict(zip(percents.columns, shares.tolist(), strict=True)), reading
    return None


def canvas_default_letters(scores: pd.Series) -> pd.Series:
    """The letters Canvas's default grading scheme gives percent ``scores`` (F below D-)."""
    letters = letters_for(scores.astype(float), CANVAS_DEFAULT_SCHEME)
    return letters.mask(letters.eq("E"), CANVAS_FAIL)
