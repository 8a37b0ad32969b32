"""Small helpers that turn columns into the words of notes (safe on empty columns)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from gradelib.sheets.rounding import score_texts


def two_decimals(values: pd.Series) -> pd.Series:
    """Scores as text, by the one rule (:func:`gradelib.sheets.rounding.score_texts`).

    Each distinct value is formatted once and the texts mapped back (a column of
    percentages holds few distinct values).
    """
    numbers = pd.Series(values, dtype="Float64").to_numpy(dtype=float, na_value=np.nan)
    codes, distinct = pd.factorize(numbers, use_na_sentinel=False)
    texts = score_texts(pd.Series(distinct, dtype=float)).to_numpy(dtype=object)
    return pd.Series(texts[codes], index=values.index, dtype="string")


def as_text(values: pd.Series) -> pd.Series:
    """Any column as text (counts, names), ready to be joined with ``+``."""
    return values.astype(str).astype("string")


def day_text(days: pd.Series) -> pd.Series:
    """Dates as ``2024-09-17``."""
    return days.dt.strftime("%Y-%m-%d").astype("string")


def joined_runs(
    texts: np.ndarray, owners: np.ndarray, separator: str = ", "
) -> tuple[np.ndarray, np.ndarray]:
    """``texts`` joined with ``separator`` within each run of equal ``owners``.

    Parameters
    ----------
    texts : numpy.ndarray
        str objects, one per row.
    owners : numpy.ndarray
        One key per row, equal keys next to each other (as in a record sorted by owner).
    separator : str
        Put between the texts of a run.

    Returns
    -------
    owners : numpy.ndarray
        The owner of each run, in order.
    joined : numpy.ndarray
        str objects: each run's texts joined (one grouped string sum, no Python loop).
    """
    if len(owners) == 0:
        return owners[:0], np.asarray(texts, dtype=object)[:0]
    first = np.ones(len(owners), dtype=bool)
    first[1:] = owners[1:] != owners[:-1]
    texts = np.asarray(texts, dtype=object)
    pieces = np.where(first, texts, separator + texts)
    starts = np.flatnonzero(first)
    return owners[starts], np.add.reduceat(pieces, starts)


def joined_per(values: pd.Series, keys: object, separator: str = ", ") -> pd.Series:
    """``values`` joined with ``separator`` within each group of ``keys``, in row order.

    The same as ``values.groupby(keys).agg(separator.join)`` with missing values
    skipped (a group of missing values only is ``""``), done as one stable sort by group
    and :func:`joined_runs` (no Python call per group).

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
    grouped = values.groupby(keys, sort=False, dropna=False)
    number = grouped.ngroup().to_numpy()
    index = grouped.size().index
    present = values.notna().to_numpy()
    order = np.argsort(number[present], kind="stable")
    owners, joined = joined_runs(
        values.to_numpy(dtype=object)[present][order], number[present][order], separator
    )
    texts = np.full(len(index), "", dtype=object)
    texts[owners] = joined
    return pd.Series(texts, index=index, dtype="string", name=values.name)
