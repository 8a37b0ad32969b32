"""Blank cells of a grid read from a file: missing (``None``, NaN, NaT) or text of only
spaces, found once per column (for a column of text alone, once per distinct text)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

__all__ = ["Column", "data_codes", "filled_columns"]


class Column(NamedTuple):
    """One column of a grid as :func:`filled_columns` finds it."""

    values: np.ndarray
    filled: np.ndarray
    codes: tuple[np.ndarray, np.ndarray] | None


def filled_columns(grid: pd.DataFrame, coded: bool) -> dict[object, Column]:
    """Each column of ``grid`` with a cell that is not blank: its cells (``None`` for each
    blank one), a mask of the cells that are not blank and, with ``coded``, for a column
    of text alone that repeats its texts (:func:`_repeats`), each cell's code and the
    distinct texts (``None`` for blank ones)."""
    columns: dict[object, Column] = {}
    for label in grid.columns:
        values = grid[label].to_numpy(dtype=object)
        codes = None
        if coded and _repeats(values):
            codes, distinct = pd.factorize(values)
            distinct = np.asarray(distinct, dtype=object)
            blank_distinct = _blank_texts(distinct)
            blank = blank_distinct[codes]
            distinct[blank_distinct] = None
            codes = (codes, distinct)
        else:
            blank = _blanks(values)
        if blank.all():
            continue
        if blank.any():
            values = values.copy()
            values[blank] = None
        columns[label] = Column(values, ~blank, codes)
    return columns


#: Cells of a long column looked at to tell whether it repeats its texts.
_SAMPLE = 50_000


def _repeats(values: np.ndarray) -> bool:
    """Whether ``values`` is text alone and worth coding: a short column, or a long one
    whose cells (:data:`_SAMPLE` of them, evenly spread) repeat at least one in ten. A
    column of near-unique texts (time stamps, IDs) is cheaper read cell by cell."""
    if pd.api.types.infer_dtype(values, skipna=False) != "string":
        return False
    if len(values) <= _SAMPLE:
        return True
    sample = values[:: len(values) // _SAMPLE]
    return len(pd.unique(sample)) <= 0.9 * len(sample)


def data_codes(
    codes: np.ndarray, texts: np.ndarray, filled: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """A column's codes and distinct texts for its data rows kept (``filled`` ones, the
    header row left out): only the texts of those rows, in order of first appearance."""
    codes = codes[1:] if filled.all() else codes[1:][filled]
    used = np.bincount(codes, minlength=len(texts)) > 0
    if used.all():
        return codes, texts
    renumbered = np.cumsum(used) - 1
    return renumbered[codes], texts[used]


#: Whether each of an array of strings is all spaces (and not empty).
_ALL_SPACES = np.frompyfunc(str.isspace, 1, 1)
#: What :func:`pandas.api.types.infer_dtype` calls a column of cells none of which is text.
_NO_TEXT = ("floating", "integer", "mixed-integer-float", "boolean", "empty", "decimal")
_NO_TEXT += ("datetime", "datetime64", "date", "time", "timedelta", "timedelta64")


def _blanks(values: np.ndarray) -> np.ndarray:
    """Which cells of a column are blank: missing (``None``, NaN, NaT) or text of only
    spaces. A column of text alone (a CSV file's) needs no check for missing values."""
    if pd.api.types.infer_dtype(values, skipna=False) == "string":
        return _blank_texts(values)
    blank = pd.isna(values)
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind == "string":
        text = ~blank
        blank[text] = _blank_texts(values[text])
    elif kind not in _NO_TEXT:
        blank |= np.fromiter(
            (isinstance(v, str) and not v.strip() for v in values), dtype=bool, count=len(values)
        )
    return blank


def _blank_texts(texts: np.ndarray) -> np.ndarray:
    """Which of an array of strings are empty or all spaces."""
    return (texts == "") | _ALL_SPACES(texts).astype(bool)
