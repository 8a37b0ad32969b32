"""Reading ``rubrics.xlsx``: one sheet of rubric scores per graded item type.

Each sheet's row 1 is the header: ``group``, optional ``date`` (the lecture, for
``presentation`` and ``summary``), optional ``grader``, optional ``submitted`` (when the
work came in), then one column per criterion (checked against ``policy.toml`` by
:mod:`gradelib.load.rubric_columns`). Row 2 starts with ``max`` and gives each criterion's
maximum points. Later rows are scores, one row per group, item and grader; a cell is read
as the spreadsheet shows it (a percent-formatted ``0.6`` is 60 % of the criterion's
maximum). A row whose criteria are all blank is not graded yet: when another grader's row
of the same item is scored, the item is scored from the graders who scored it, with a
warning naming the blank row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.files import RUBRICS_FILE
from gradelib.load.rubric_columns import check_criteria
from gradelib.load.rubric_rows import pending_grader_rows, ungraded_rows
from gradelib.policy.model import KEY_COLUMNS, LECTURE_ROLES, RUBRIC_SHEETS
from gradelib.sheets.fields import Field, parse_fields
from gradelib.sheets.moments import report_day_stamps, timestamp_in, timestamps_in
from gradelib.sheets.parsers import calendar_date, describe, number, score_within, text
from gradelib.sheets.tables import CELL_ROW, RawTable, read_workbook_cells
from gradelib.timing import staged

#: Sheets whose items are lectures, told apart by their date: the lecture roles' sheets.
DATED_SHEETS: tuple[str, ...] = tuple(LECTURE_ROLES)


@dataclass(frozen=True)
class Rubric:
    """The scores of one rubric sheet.

    Attributes
    ----------
    sheet : str
        The item type, e.g. ``"summary"``.
    maxima : Mapping[str, float]
        Criterion -> maximum points, in the sheet's column order.
    scores : pandas.DataFrame
        One row per graded row of the sheet: ``group`` (string), ``date`` (datetime64,
        NaT where the sheet has no date column), ``grader`` (string, ``""`` when not
        given), ``submitted`` (UTC timestamp or NaT), ``submitted_day_only`` (bool: the
        cell gave a day without a time, read as its start), ``points`` (the sum of the
        criteria), ``score`` (100 × points / sum of maxima) and ``row``.
    ungraded : pandas.DataFrame
        Rows present but not graded yet: ``group``, ``date``, ``grader``, ``row``, and
        ``pending`` (bool: another grader's row of the same item is scored).
    criteria : pandas.DataFrame
        The points of each criterion (one float column per criterion, named as in
        ``maxima``), row for row with ``scores`` (same index). Kept apart from ``scores``
        so that a criterion may carry any name, ``row`` or ``score`` included.
    """

    sheet: str
    maxima: Mapping[str, float]
    scores: pd.DataFrame
    ungraded: pd.DataFrame
    criteria: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def total(self) -> float:
        """The sum of the criteria maxima."""
        return float(sum(self.maxima.values()))


@staged("rubrics")
def load_rubrics(
    folder: Path,
    zone: ZoneInfo,
    log: ProblemLog,
    declared: Mapping[str, Mapping[str, float]] | None = None,
) -> dict[str, Rubric] | None:
    """Read every sheet of ``rubrics.xlsx``.

    Parameters
    ----------
    folder : Path
        The course folder.
    zone : ZoneInfo
        The course time zone, for ``submitted`` values without an offset.
    log : ProblemLog
        Receives every problem: a missing file or sheet, a missing ``max`` row, a column
        that is not a criterion, a score that is not a number or is outside 0..max, a
        blank row beside a scored one, a ``submitted`` day without a time.
    declared : Mapping or None
        Sheet -> its criteria with maxima, for the sheets the course's own
        ``policy.toml`` declares (``[rubrics.<sheet>]``); other sheets take their columns.

    Returns
    -------
    dict of str to Rubric or None
        Sheet name -> rubric, for the sheets that could be read.
    """
    path = folder / RUBRICS_FILE
    if not path.is_file():
        log.error(RUBRICS_FILE, "missing: the course folder needs rubrics.xlsx")
        return None
    book = read_workbook_cells(path, log)
    if book is None:
        return None
    by_name = {name.strip().lower(): name for name in book.sheets}
    rubrics: dict[str, Rubric] = {}
    for sheet in RUBRIC_SHEETS:
        if sheet not in by_name:
            found = ", ".join(book.sheets) or "none"
            log.error(RUBRICS_FILE, f"missing sheet '{sheet}' (the workbook has: {found})")
            continue
        table = book.table(RUBRICS_FILE, by_name[sheet], log)
        if table is not None:
            criteria = (declared or {}).get(sheet)
            rubric = _read_sheet(sheet, table, zone, log, criteria)
            if rubric is not None:
                rubrics[sheet] = rubric
    for extra in sorted(set(by_name) - set(RUBRIC_SHEETS)):
        log.warning(RUBRICS_FILE, f"sheet '{by_name[extra]}' is not a rubric sheet; ignored")
    return rubrics


def _read_sheet(
    sheet: str,
    table: RawTable,
    zone: ZoneInfo,
    log: ProblemLog,
    declared: Mapping[str, float] | None,
) -> Rubric | None:
    cells = table.cells
    file, where = table.file, {"sheet": table.sheet}
    if "group" not in table.headers:
        log.error(file, "missing column 'group' (column A should be 'group')", row=1, **where)
        return None
    columns = [name for name in table.headers if name not in KEY_COLUMNS]
    if not columns:
        log.error(file, "no criterion columns after group/date/grader/submitted", row=1, **where)
        return None
    first = cells["group"].iat[0] if len(cells) else None
    if text(first or "").lower() != "max" or cells[CELL_ROW].iat[0] != 2:
        log.error(
            file,
            "row 2 must start with 'max' and give each criterion's maximum points",
            row=2,
            column=table.headers["group"],
            **where,
        )
        return None
    maxima = _maxima(table, columns, log)
    criteria = check_criteria(sheet, table, columns, maxima, declared, log)
    body = cells.iloc[1:].reset_index(drop=True)
    if not criteria:
        return None
    graded_mask = body[criteria].notna().any(axis=1).to_numpy()
    graded = RawTable(file, table.sheet, body.loc[graded_mask].reset_index(drop=True), {})
    frame, points = _parse_rows(sheet, graded, table.headers, criteria, maxima, zone, log)
    if frame is None or any(name not in maxima for name in criteria):
        return None  # every cell was still checked: one run reports every problem
    frame["points"] = points.sum(axis=1) if len(frame) else np.zeros(0)
    frame["score"] = 100.0 * frame["points"] / float(sum(maxima[c] for c in criteria))
    ungraded = ungraded_rows(body.loc[~graded_mask])
    ungraded["pending"] = pending_grader_rows(
        ungraded, frame, dated=sheet in DATED_SHEETS, file=file, sheet=table.sheet, log=log
    )
    kept = MappingProxyType({name: maxima[name] for name in criteria})
    return Rubric(sheet, kept, frame, ungraded, points.set_axis(list(criteria), axis=1))


def _parse_rows(
    sheet: str,
    graded: RawTable,
    headers: dict[str, str],
    criteria: list[str],
    maxima: Mapping[str, float],
    zone: ZoneInfo,
    log: ProblemLog,
) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    """The graded rows typed: key columns and ``row``, and the criteria's points.

    The criteria are parsed under internal names that no header can take (headers are
    stripped of spaces), so a criterion may be called ``row`` or ``score``.
    """
    internal = {name: f" criterion {position}" for position, name in enumerate(criteria)}
    table = RawTable(
        graded.file,
        graded.sheet,
        graded.cells.rename(columns=internal),
        {**headers, **{internal[name]: headers[name] for name in criteria}},
    )
    dated = sheet in DATED_SHEETS
    fields = (
        Field("group", text, "a group id"),
        Field("date", calendar_date, "a date like 2024-09-17", required=dated, blank_ok=not dated),
        Field("grader", text, "the grader's name", required=False, blank_ok=True),
        Field(
            "submitted",
            timestamp_in(zone),
            "a date and time like 2024-09-18 09:00",
            required=False,
            blank_ok=True,
            parse_column=timestamps_in(zone),
        ),
        *(
            Field(internal[name], score_within(maxima.get(name)), _score_words(maxima.get(name)))
            for name in criteria
        ),
    )
    frame = parse_fields(table, fields, log)
    if frame is None:
        return None, pd.DataFrame()
    points = frame[[internal[name] for name in criteria]].astype("float64")
    frame = frame.drop(columns=list(internal.values()))
    frame["group"] = frame["group"].astype("string")
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["grader"] = frame["grader"].fillna("").astype("string")
    frame["submitted"] = pd.to_datetime(frame["submitted"], utc=True)
    frame["submitted_day_only"] = report_day_stamps(table, frame, "submitted", zone, log)
    return frame, points


def _maxima(table: RawTable, criteria: list[str], log: ProblemLog) -> dict[str, float]:
    row = table.cells.iloc[0]
    maxima: dict[str, float] = {}
    for name in criteria:
        raw = row[name]
        try:
            value = number(raw) if raw is not None else None
        except (ValueError, TypeError):
            value = None
        if value is None or value <= 0:
            shown = "blank" if raw is None else describe(raw)
            log.error(
                table.file,
                f"maximum points {shown}; expected a number above 0",
                **table.where(2, name),
            )
            continue
        maxima[name] = value
    return maxima


def _score_words(maximum: float | None) -> str:
    if maximum is None:
        return "a score (its maximum in row 2 is not usable)"
    return f"a score from 0 to {maximum:g} (or a percentage of it)"
