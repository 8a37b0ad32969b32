"""What Canvas will show as each student's total, worked out from an import file as read back.

After an export writes its file, :func:`canvas_totals` reads the file again and computes
each student's total the way Canvas's gradebook does: the points of the non-blank,
non-``EX`` score cells over those columns' points possible, × 100, rounded half-up to two
decimals (exact decimal arithmetic), or the ``Override Score`` where the file sets one.
:func:`total_mismatches` names every student for whom that is not our number.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from gradelib.canvas.columns import OVERRIDE_SCORE
from gradelib.canvas.gradebook import CanvasExport, read_canvas_export
from gradelib.errors import ProblemLog
from gradelib.sheets.rounding import round_half_up, score_texts

#: Cells are read in units of 10**-4 (a file has at most four decimals): exact integers.
UNIT = 10_000


def _units(cells: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cells as whole units of 10**-4 (0 where blank or ``EX``), and where they count.

    Each distinct cell is read once (a class holds few distinct scores) and mapped back.
    """
    codes, uniques = pd.factorize(cells.fillna("").astype(str).to_numpy(dtype=object).ravel())
    text = pd.Series(uniques, dtype=object).str.strip()
    counts = ~(text.eq("") | text.str.upper().eq("EX"))
    try:
        numbers = pd.to_numeric(text.where(counts))
    except ValueError:  # the error of a whole column's reading, which names the cell
        _read_by_column(cells)
        raise
    units = round_half_up(numbers.to_numpy(dtype=float) * UNIT, decimals=0)
    units = units.fillna(0).to_numpy().astype(np.int64)[codes].reshape(cells.shape)
    counted = counts.to_numpy(dtype=bool)[codes].reshape(cells.shape)
    return (
        pd.DataFrame(units, index=cells.index, columns=cells.columns),
        pd.DataFrame(counted, index=cells.index, columns=cells.columns),
    )


def _read_by_column(cells: pd.DataFrame) -> pd.DataFrame:
    """The cells' numbers read column by column (raises the ``ValueError`` naming the first
    cell that is not one: what :func:`_units` says about such a file)."""
    text = cells.apply(lambda column: column.fillna("").astype(str).str.strip())
    counted = ~(text.eq("") | text.apply(lambda column: column.str.upper()).eq("EX"))
    return text.where(counted).apply(pd.to_numeric)


def _whole(values: list[float]) -> np.ndarray:
    """Values as whole numbers (int64), by the one rounding rule."""
    return round_half_up(np.array(values, dtype=float), decimals=0).to_numpy().astype(np.int64)


def _half_up(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """``numerator / denominator`` rounded half-up to a whole number, in integers."""
    return (2 * numerator + denominator) // (2 * denominator)


def canvas_totals(path: Path, group_weights: Mapping[str, float] | None = None) -> pd.Series:
    """Each student's total as Canvas will show it once the file is imported.

    Parameters
    ----------
    path : Path
        The import file (as written: plain numbers, ``EX`` or blank).
    group_weights : Mapping[str, float], optional
        Score column -> the weight of its assignment group, when each column is its own
        weighted group (percent mode). Without it every score column is in one group and
        the total is points over points possible (points mode).

    Returns
    -------
    pandas.Series
        Text with two decimals by uniqname (in the file's order); ``""`` where no cell
        counts and no Override Score is set.

    Raises
    ------
    ValueError
        When the file cannot be read back as a Canvas gradebook CSV.
    """
    log = ProblemLog()
    export = read_canvas_export(Path(path), log)
    return export_totals(readable(Path(path).name, export, log), group_weights)


def readable(name: str, export: CanvasExport | None, log: ProblemLog) -> CanvasExport:
    """An import file read back (:func:`gradelib.canvas.gradebook.canvas_export_of`, with
    ``log``), or the ``ValueError`` saying why it cannot be."""
    if export is None or export.points_possible is None or log.has_errors:
        raise ValueError(f"{name} cannot be read back: {log.problems}")
    return export


def export_totals(
    export: CanvasExport, group_weights: Mapping[str, float] | None = None
) -> pd.Series:
    """:func:`canvas_totals` of an import file already read back (:func:`readable`)."""
    possible = dict(zip(export.header, export.points_possible, strict=True))
    columns = [
        c
        for c in export.header[len(export.identity) :]
        if c != OVERRIDE_SCORE and str(possible[c]).strip()
    ]
    students = export.students.set_index("uniqname")
    units, counted = _units(students[columns])
    out_of = _whole([float(possible[c]) * UNIT for c in columns])
    # Canvas's percent in cents, earned / weight, exactly: in points mode the points over
    # the points possible; in percent mode (each column its own group, all out of 100)
    # the group percents weighted by the groups' weights.
    if group_weights:
        share = _whole([float(group_weights[c]) * UNIT for c in columns])
        earned = (units.to_numpy() * share).sum(axis=1) * UNIT
        weight = (counted.to_numpy() * share).sum(axis=1) * out_of.max()
    else:
        earned = units.to_numpy().sum(axis=1) * UNIT
        weight = (counted.to_numpy() * out_of).sum(axis=1)
    cents = np.where(weight > 0, _half_up(earned, np.maximum(weight, 1)), -1)
    totals = pd.Series(np.where(cents >= 0, cents / 100, np.nan), index=students.index)
    if OVERRIDE_SCORE in students.columns:
        override, set_ = _units(students[[OVERRIDE_SCORE]])
        exact = _half_up(override[OVERRIDE_SCORE].to_numpy() * 100, np.full(len(totals), UNIT))
        totals = totals.mask(set_[OVERRIDE_SCORE], exact / 100)
    return score_texts(totals, missing="").rename("canvas_total")


def total_mismatches(canvas: pd.Series, ours: pd.Series, names: pd.Series) -> list[str]:
    """Every student whose Canvas total is not our number, in plain words.

    Parameters
    ----------
    canvas : pandas.Series
        :func:`canvas_totals`.
    ours : pandas.Series
        The text Canvas should show, by uniqname (``""`` where nothing counts yet).
    names : pandas.Series
        Each student's name, by uniqname.

    Returns
    -------
    list of str
        ``"Name (uniqname): Canvas would show 90.00, our current score is 89.99"``, one
        per student who differs or is missing from the file.
    """
    shown = canvas.reindex(ours.index)
    differ = shown.isna().to_numpy() | (shown.astype(str) != ours.astype(str)).to_numpy()
    lines = []  # only the students who differ are looked at one by one
    for uniqname, total, expected in zip(
        ours.index[differ], shown[differ], ours[differ], strict=True
    ):
        if pd.isna(total):
            lines.append(f"{names.get(uniqname, '')} ({uniqname}): not in the file")
        else:
            lines.append(
                f"{names.get(uniqname, '')} ({uniqname}): Canvas would show "
                f"{total or 'no total'}, our current score is {expected or 'none yet'}"
            )
    return lines
