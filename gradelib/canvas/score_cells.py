"""The score cells of an import file as Canvas reads them (``gradelib canvas-check``).

A file of many students holds few distinct score cells (``13.50`` on hundreds of rows), so
the cells of every score column are told apart once (:func:`cell_kinds`: each distinct
text stripped, read as Canvas reads numbers, and classified) and each column's problems
are found from the codes of its cells (:func:`check_scores`, :func:`check_thousands`):
each kind of problem once per column, naming its first row and the other rows it was
found on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gradelib.canvas.canvas_csv import also_on, canvas_numbers
from gradelib.canvas.columns import parse_assignment
from gradelib.errors import ProblemLog
from gradelib.sheets.rounding import score_text

PLAIN_NUMBER = re.compile(r"-?\d+(\.\d{1,2})?")
#: A score cell: at most four decimals (``gradelib export`` writes a third or fourth only
#: where no cent total makes Canvas's total our current score).
SCORE_NUMBER = re.compile(r"-?(\d+(\.\d{1,4})?|\.\d{1,4})")
#: A percentage, which Canvas reads as that share of the points possible.
PERCENT = re.compile(r"-?\d+(\.\d+)?%")
#: In a comma-separated file, a cell that looks like a thousand but that Canvas reads as a
#: decimal (``1,234`` is 1.234).
THOUSANDS = re.compile(r"-?\d{1,3},\d{3}")


@dataclass(frozen=True)
class CellKinds:
    """The distinct cells of some score columns, each classified once.

    Attributes
    ----------
    codes : numpy.ndarray
        Per row and column, the position of its cell among the distinct ones.
    rows : pandas.Index
        The row numbers (the header is row 1).
    raw : numpy.ndarray
        Each distinct cell, stripped.
    value : numpy.ndarray
        Each distinct cell as Canvas reads it (:func:`canvas_numbers` of ``raw``).
    flags : Mapping[str, numpy.ndarray]
        Per distinct cell, bool: ``bad`` (not a number with at most four decimals,
        ``EX`` or blank), ``percent``, ``negative``, ``thousands``.
    """

    codes: np.ndarray
    rows: pd.Index
    raw: np.ndarray
    value: np.ndarray
    flags: dict[str, np.ndarray]

    def found(self, kind: str, column: int) -> tuple[list[int], int]:
        """The rows of column ``column`` (its position in ``codes``) whose cell is of
        ``kind``, and the distinct cell of the first of them (-1 when none is)."""
        codes = self.codes[:, column]
        hit = self.flags[kind][codes]
        if not hit.any():
            return [], -1
        return list(self.rows[hit]), int(codes[hit][0])


def cell_kinds(cells: pd.DataFrame) -> CellKinds:
    """Classify the distinct cells of a frame of score cells (rows: the row numbers).

    Parameters
    ----------
    cells : pandas.DataFrame
        Text cells, one column per score column.

    Returns
    -------
    CellKinds
    """
    codes, uniques = pd.factorize(cells.to_numpy(dtype=object).ravel())
    raw = pd.Series(uniques, dtype="str").str.strip()
    values = canvas_numbers(raw)
    number = values.str.fullmatch(SCORE_NUMBER.pattern)
    percent = values.str.fullmatch(PERCENT.pattern)
    blank_or_excused = (values == "") | (values.str.upper() == "EX")
    flags = {
        "bad": ~(number | percent | blank_or_excused),
        "percent": percent,
        "negative": number & values.str.startswith("-"),
        "thousands": raw.str.fullmatch(THOUSANDS.pattern),
    }
    return CellKinds(
        codes=codes.reshape(cells.shape),
        rows=cells.index,
        raw=raw.to_numpy(dtype=object),
        value=values.to_numpy(dtype=object),
        flags={kind: flag.to_numpy(dtype=bool) for kind, flag in flags.items()},
    )


def check_scores(
    name: str, column: str, kinds: CellKinds, at: int, possible: str, log: ProblemLog
) -> None:
    """One column's score cells (column ``at`` of ``kinds``) as Canvas reads them, each
    kind of problem once."""
    rows, first = kinds.found("bad", at)
    if rows:
        text = f"{kinds.raw[first]!r} is not a number (at most four decimals), 'EX' or blank"
        if parse_assignment(column):
            log.error(name, f"{text}{also_on(rows)}", row=int(rows[0]), column=column)
        else:
            log.warning(
                name,
                f"{text}: fine only if '{column}' is a custom column (like Notes) in Canvas, "
                f"otherwise Canvas refuses it{also_on(rows)}",
                row=int(rows[0]),
                column=column,
            )
    rows, first = kinds.found("percent", at)
    if rows:
        share = kinds.value[first].rstrip("%")
        of = ""
        if PLAIN_NUMBER.fullmatch(possible):
            of = f" ({score_text(float(share) * float(possible) / 100)} of {possible})"
        log.warning(
            name,
            f"Canvas reads {kinds.raw[first]!r} as {share} % of the points possible{of}; write "
            f"the points to be sure{also_on(rows)}",
            row=int(rows[0]),
            column=column,
        )
    rows, first = kinds.found("negative", at)
    if rows:
        log.warning(
            name,
            f"negative score {kinds.value[first]}{also_on(rows)}",
            row=int(rows[0]),
            column=column,
        )


def check_thousands(name: str, column: str, kinds: CellKinds, at: int, log: ProblemLog) -> None:
    """In a comma-separated file ``1,234`` looks like a thousand, but Canvas reads 1.234."""
    rows, first = kinds.found("thousands", at)
    if rows:
        text = kinds.raw[first]
        log.warning(
            name,
            f"Canvas reads {text!r} as {text.replace(',', '.')} (its last ',' or '.' is the "
            f"decimal point); write {text.replace(',', '')} if that is meant{also_on(rows)}",
            row=int(rows[0]),
            column=column,
        )
