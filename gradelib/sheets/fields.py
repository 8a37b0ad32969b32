"""Turning raw cells into typed columns, reporting every cell that does not fit.

A table's layout is a tuple of :class:`Field` objects. :func:`parse_fields` checks the
header against them (missing required columns are errors), converts each column with
its kind's parser and reports each bad cell with file, sheet, row and column. Rows with a
bad cell are left out of the typed frame (the error already stops grading), so that the
cross-checks that follow see only well-formed rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.sheets.moments import timestamp_in, timestamps_in
from gradelib.sheets.parsers import (
    UNIQNAME,
    ColumnParser,
    Parser,
    calendar_date,
    count,
    describe,
    number,
    one_of,
    text,
    uniqname,
)
from gradelib.sheets.tables import CELL_ROW, ROW, RawTable

__all__ = [
    "UNIQNAME",
    "ColumnParser",
    "Field",
    "Parser",
    "calendar_date",
    "count",
    "describe",
    "missing_columns",
    "number",
    "one_of",
    "parse_fields",
    "text",
    "timestamp_in",
    "timestamps_in",
    "uniqname",
]


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
    parse_column : ColumnParser or None
        Converts many cells at once where it can (the rest go to ``parse``); it must agree
        with ``parse`` on every cell it converts.
    """

    name: str
    parse: Parser
    expected: str
    required: bool = True
    blank_ok: bool = False
    parse_column: ColumnParser | None = None


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

    Each distinct cell value of a column is parsed once (a long table repeats few values:
    a few dozen dates and a class list of uniqnames in a million attendance rows), and a
    field's ``parse_column`` converts the common forms of a column at once. The answer is
    the same as parsing every cell with the field's ``parse``.

    Parameters
    ----------
    table : RawTable
        The raw cells (blank cells are ``None``, as :func:`~gradelib.sheets.tables.raw_table`
        leaves them).
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
    rows = cells[CELL_ROW].to_numpy()
    out = pd.DataFrame({ROW: rows})
    good = np.ones(len(cells), dtype=bool)
    for field in fields:
        if field.name not in cells.columns:
            out[field.name] = None
            continue
        values, raw, blank, refused = _parsed(table, field)
        if not field.blank_ok:
            for position in np.flatnonzero(blank).tolist():
                where = table.where(int(rows[position]), field.name)
                log.error(table.file, f"blank; expected {field.expected}", **where)
            good &= ~blank
        for position in np.flatnonzero(refused).tolist():
            where = table.where(int(rows[position]), field.name)
            shown = describe(raw(position))
            log.error(table.file, f"{shown} is not {field.expected}", **where)
        good &= ~refused
        out[field.name] = values
    return out.loc[good].reset_index(drop=True)


def _parsed(
    table: RawTable, field: Field
) -> tuple[pd.Series, Callable[[int], object], np.ndarray, np.ndarray]:
    """One column of ``table`` parsed: the values, each row's cell (by position), and the
    masks of blank and of refused cells. A column with codes
    (:attr:`~gradelib.sheets.tables.RawTable.distinct`) is parsed once per distinct text."""
    if field.name in table.distinct:
        codes, texts = table.distinct[field.name]
        blank = pd.isna(texts)
        values, refused = _parse_column(texts, ~blank, field)
        values = values.take(codes).reset_index(drop=True)
        return values, lambda position: texts[codes[position]], blank[codes], refused[codes]
    raw = table.cells[field.name].to_numpy(dtype=object)
    blank = pd.isna(raw)
    values, refused = _parse_column(raw, ~blank, field)
    return values, raw.__getitem__, blank, refused


def _parse_column(
    raw: np.ndarray, present: np.ndarray, field: Field
) -> tuple[pd.Series, np.ndarray]:
    """Parse the ``present`` cells of one column.

    Returns the values (missing where blank or refused) and a mask of refused cells.
    """
    values = pd.Series(np.full(len(raw), None, dtype=object))
    refused = np.zeros(len(raw), dtype=bool)
    todo = np.flatnonzero(present)
    if field.parse_column is not None and len(todo):
        converted, done = field.parse_column(raw[todo])
        values = _spread_values(converted, todo, len(raw))
        rest = todo[~done]
        if len(rest):
            parsed, ok = _parse_distinct(raw[rest], field.parse)
            refused[rest] = ~ok
            values = _filled(values, rest, parsed.to_numpy(dtype=object))
        return values, refused
    if len(todo) == len(raw):
        parsed, ok = _parse_distinct(raw, field.parse)
        return parsed, ~ok
    if len(todo):
        parsed, ok = _parse_distinct(raw[todo], field.parse)
        values.iloc[todo] = parsed.to_numpy(dtype=object)
        refused[todo] = ~ok
    return values, refused


def _spread_values(converted: pd.Series, positions: np.ndarray, length: int) -> pd.Series:
    """``converted`` placed at ``positions`` of a column of ``length`` missing values."""
    if len(positions) == length:
        return converted.set_axis(pd.RangeIndex(length))
    spread = converted.iloc[:0].reindex(pd.RangeIndex(length))
    spread.iloc[positions] = converted.to_numpy()
    return spread


def _filled(values: pd.Series, positions: np.ndarray, parsed: np.ndarray) -> pd.Series:
    """``values`` with ``parsed`` at ``positions``, keeping its type when they fit in it."""
    try:
        typed = values.copy()
        typed.iloc[positions] = parsed
    except (TypeError, ValueError):
        mixed = values.astype(object)
        mixed.iloc[positions] = parsed
        return mixed
    return typed


def _parse_distinct(raw: np.ndarray, parse: Parser) -> tuple[pd.Series, np.ndarray]:
    """``parse`` applied to each distinct (type, value) of ``raw`` once.

    Returns the parsed values (missing where refused; a ``datetime64`` column when every
    answer is a date) and a mask of accepted cells. Values of different types are kept
    apart (``1``, ``1.0`` and ``True`` are equal in Python but not to a parser).
    """
    parsed = np.full(len(raw), None, dtype=object)
    ok = np.zeros(len(raw), dtype=bool)
    for positions in _by_type(raw):
        cells = raw if len(positions) == len(raw) else raw[positions]
        codes, distinct = pd.factorize(cells)
        answers, accepted = _answers(np.asarray(distinct, dtype=object).tolist(), parse)
        if len(positions) == len(raw) and _all_dates(answers[accepted]):
            return pd.Series(pd.DatetimeIndex(answers).take(codes)), accepted[codes]
        parsed[positions] = answers[codes]
        ok[positions] = accepted[codes]
    return pd.Series(parsed, dtype=object), ok


def _by_type(raw: np.ndarray) -> list[np.ndarray]:
    """The positions of ``raw``'s cells of each type, types in order of first appearance
    (a column of text alone needs no look at each cell's type)."""
    if pd.api.types.infer_dtype(raw, skipna=False) == "string":
        return [np.arange(len(raw))]
    kinds = pd.Series(raw, dtype=object).map(type).to_numpy()
    return [np.flatnonzero(kinds == kind) for kind in dict.fromkeys(kinds.tolist())]


def _answers(distinct: list, parse: Parser) -> tuple[np.ndarray, np.ndarray]:
    """``parse`` of each of ``distinct`` (``None`` where refused) and a mask of the
    accepted ones."""
    answers = np.full(len(distinct), None, dtype=object)
    accepted = np.zeros(len(distinct), dtype=bool)
    for index, value in enumerate(distinct):
        try:
            answers[index] = parse(value)
        except (ValueError, TypeError, OverflowError):
            continue
        accepted[index] = True
    return answers, accepted


def _all_dates(answers: np.ndarray) -> bool:
    """Whether there are answers and all are time-zone-free :class:`pandas.Timestamp`."""
    return len(answers) > 0 and all(
        isinstance(answer, pd.Timestamp) and answer.tzinfo is None for answer in answers
    )
