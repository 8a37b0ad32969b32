"""Reading ``rubrics.xlsx``: one sheet of rubric scores per graded item type.

Each sheet's row 1 is the header: ``group``, optional ``date`` (the lecture, for
``presentation`` and ``summary``), optional ``grader``, optional ``submitted`` (when the
work came in), then one column per criterion. Row 2 starts with ``max`` and gives each
criterion's maximum points. Later rows are scores, one row per group, item and grader. A
row whose criteria are all blank is an item not graded yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.load.fields import (
    Field,
    calendar_date,
    describe,
    number,
    parse_fields,
    text,
    timestamp_in,
    timestamps_in,
)
from gradelib.load.tables import ROW, RawTable, raw_table, read_workbook_cells
from gradelib.policy import RUBRIC_SHEETS

RUBRICS_FILE = "rubrics.xlsx"
KEY_COLUMNS = ("group", "date", "grader", "submitted")
#: Sheets whose items are lectures, told apart by their date.
DATED_SHEETS = ("presentation", "summary")


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
        given), ``submitted`` (UTC timestamp or NaT), one float column per criterion,
        ``points`` (their sum), ``score`` (100 × points / sum of maxima) and ``row``.
    ungraded : pandas.DataFrame
        Rows present but not graded yet: ``group``, ``date``, ``grader``, ``row``.
    """

    sheet: str
    maxima: Mapping[str, float]
    scores: pd.DataFrame
    ungraded: pd.DataFrame

    @property
    def total(self) -> float:
        """The sum of the criteria maxima."""
        return float(sum(self.maxima.values()))


def load_rubrics(folder: Path, zone: ZoneInfo, log: ProblemLog) -> dict[str, Rubric] | None:
    """Read every sheet of ``rubrics.xlsx``.

    Parameters
    ----------
    folder : Path
        The course folder.
    zone : ZoneInfo
        The course time zone, for ``submitted`` values without an offset.
    log : ProblemLog
        Receives every problem: a missing file or sheet, a missing ``max`` row, a score
        that is not a number or is outside 0..max.

    Returns
    -------
    dict of str to Rubric or None
        Sheet name -> rubric, for the sheets that could be read.
    """
    path = folder / RUBRICS_FILE
    if not path.is_file():
        log.error(RUBRICS_FILE, "missing: the course folder needs rubrics.xlsx")
        return None
    sheets = read_workbook_cells(path, log)
    if sheets is None:
        return None
    by_name = {name.strip().lower(): name for name in sheets}
    rubrics: dict[str, Rubric] = {}
    for sheet in RUBRIC_SHEETS:
        if sheet not in by_name:
            found = ", ".join(sheets) or "none"
            log.error(RUBRICS_FILE, f"missing sheet '{sheet}' (the workbook has: {found})")
            continue
        table = raw_table(RUBRICS_FILE, by_name[sheet], sheets[by_name[sheet]], log)
        if table is not None:
            rubric = _read_sheet(sheet, table, zone, log)
            if rubric is not None:
                rubrics[sheet] = rubric
    for extra in sorted(set(by_name) - set(RUBRIC_SHEETS)):
        log.warning(RUBRICS_FILE, f"sheet '{by_name[extra]}' is not a rubric sheet; ignored")
    return rubrics


def _read_sheet(sheet: str, table: RawTable, zone: ZoneInfo, log: ProblemLog) -> Rubric | None:
    cells = table.cells
    file, where = table.file, {"sheet": table.sheet}
    if "group" not in table.headers:
        log.error(file, "missing column 'group' (column A should be 'group')", row=1, **where)
        return None
    criteria = [name for name in table.headers if name not in KEY_COLUMNS]
    if not criteria:
        log.error(file, "no criterion columns after group/date/grader/submitted", row=1, **where)
        return None
    if cells.empty or text(cells["group"].iat[0] or "").lower() != "max" or cells[ROW].iat[0] != 2:
        log.error(
            file,
            "row 2 must start with 'max' and give each criterion's maximum points",
            row=2,
            column=table.headers["group"],
            **where,
        )
        return None
    maxima = _maxima(table, criteria, log)
    body = RawTable(file, table.sheet, cells.iloc[1:].reset_index(drop=True), table.headers)
    graded_mask = body.cells[criteria].notna().any(axis=1)
    ungraded = body.cells.loc[~graded_mask]
    graded = RawTable(
        file, table.sheet, body.cells.loc[graded_mask].reset_index(drop=True), table.headers
    )
    fields = (
        Field("group", text, "a group id"),
        Field(
            "date",
            calendar_date,
            "a date like 2024-09-17",
            required=sheet in DATED_SHEETS,
            blank_ok=sheet not in DATED_SHEETS,
        ),
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
            Field(name, _score_within(maxima.get(name)), _score_words(maxima.get(name)))
            for name in criteria
        ),
    )
    frame = parse_fields(graded, fields, log)
    if frame is None or maxima is None or len(maxima) != len(criteria):
        return None
    frame["group"] = frame["group"].astype("string")
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["grader"] = frame["grader"].fillna("").astype("string")
    frame["submitted"] = pd.to_datetime(frame["submitted"], utc=True)
    for name in criteria:
        frame[name] = frame[name].astype("float64")
    total = float(sum(maxima.values()))
    frame["points"] = frame[criteria].sum(axis=1) if len(frame) else np.zeros(0)
    frame["score"] = 100.0 * frame["points"] / total
    ungraded_frame = _ungraded(ungraded)
    return Rubric(sheet, MappingProxyType(maxima), frame, ungraded_frame.reset_index(drop=True))


def _ungraded(cells: pd.DataFrame) -> pd.DataFrame:
    """The rows present but not graded yet: ``group``, ``date``, ``grader``, ``row``."""

    def column(name: str, convert) -> list:
        if name not in cells:
            return [None] * len(cells)
        return [None if v is None else convert(v) for v in cells[name]]

    return pd.DataFrame(
        {
            "group": pd.Series(column("group", text), dtype="string"),
            "date": pd.Series(column("date", _date_or_none), dtype="datetime64[ns]"),
            "grader": pd.Series(column("grader", text), dtype="string").fillna(""),
            ROW: pd.Series(cells[ROW].to_numpy(), dtype="int64"),
        }
    )


def _date_or_none(value: object) -> pd.Timestamp | None:
    try:
        return None if value is None else calendar_date(value)
    except ValueError:
        return None


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
    return f"a score from 0 to {maximum:g}" if maximum else "a score"


def _score_within(maximum: float | None):
    def parse(value: object) -> float:
        score = number(value)
        if maximum is not None and not 0 <= score <= maximum:
            raise ValueError(value)
        return score

    return parse
