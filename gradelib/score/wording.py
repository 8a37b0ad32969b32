"""Small helpers that turn columns into the words of notes (safe on empty columns)."""

from __future__ import annotations

import pandas as pd

from gradelib.sheets.rounding import score_texts


def two_decimals(values: pd.Series) -> pd.Series:
    """Scores as text, by the one rule (:func:`gradelib.sheets.rounding.score_texts`)."""
    return score_texts(values)


def as_text(values: pd.Series) -> pd.Series:
    """Any column as text (counts, names), ready to be joined with ``+``."""
    return values.astype(str).astype("string")


def day_text(days: pd.Series) -> pd.Series:
    """Dates as ``2024-09-17``."""
    return days.dt.strftime("%Y-%m-%d").astype("string")


def joined_per(values: pd.Series, keys: object, separator: str = ", ") -> pd.Series:
    """``values`` joined with ``separator`` within each group of ``keys``, in row order.

    The same as ``values.groupby(keys).agg(separator.join)``, done as one grouped sum of
    ``value + separator`` (a compiled loop, not a Python call per group), then the last
    separator cut off.

    Parameters
    ----------
    values : pandas.Series
        Text values.
    keys : object
        What to group by, as :meth:`pandas.Series.groupby` takes it; groups come out in
        the order of their first row, and missing keys form their own group.
    separator : str
        Put between the values of a group.
    """
    summed = (values.astype("string") + separator).groupby(keys, sort=False, dropna=False).sum()
    return summed.str[: -len(separator)] if separator else summed
