"""Finding and reading the tables of a course folder (CSV or XLSX) as raw cells.

A table is read as it stands: no type conversion, so that the checks in
:mod:`gradelib.load.fields` can say exactly which cell is wrong. Header names are
matched case-insensitively with surrounding spaces ignored, and each data row keeps the
row number a spreadsheet program shows (the header is row 1).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from gradelib.errors import ProblemLog

#: Name of the column that holds each row's spreadsheet row number.
ROW = "row"


@dataclass(frozen=True)
class RawTable:
    """One sheet of raw cells.

    Attributes
    ----------
    file : str
        File name relative to the course folder.
    sheet : str or None
        Sheet name for workbooks, ``None`` for CSV files.
    cells : pandas.DataFrame
        Columns named by the normalized header (lower case, stripped); values as read
        (``str`` from CSV; ``str``, numbers or datetimes from XLSX; missing is ``None``);
        plus the column ``row`` with the spreadsheet row number. Wholly empty rows are
        dropped.
    headers : dict of str to str
        Normalized header name -> the header as written in the file.
    """

    file: str
    sheet: str | None
    cells: pd.DataFrame
    headers: dict[str, str]

    def where(self, row: int | None = None, column: str | None = None) -> dict:
        """Keyword arguments that locate a cell, for :class:`~gradelib.errors.ProblemLog`."""
        return {
            "sheet": self.sheet,
            "row": row,
            "column": self.headers.get(column, column) if column else None,
        }


def normalize_header(name: object) -> str:
    """Header cell -> the name it is matched by (lower case, surrounding spaces removed)."""
    if name is None or (isinstance(name, float) and pd.isna(name)):
        return ""
    return " ".join(str(name).split()).lower()


def find_table(folder: Path, stem: str, log: ProblemLog, *, required: bool) -> Path | None:
    """The file holding table ``stem``: ``stem.csv`` or ``stem.xlsx``, never both.

    Returns ``None`` (after logging an error when ``required``) when there is none.
    """
    candidates = [folder / f"{stem}{ext}" for ext in (".csv", ".xlsx")]
    present = [path for path in candidates if path.is_file()]
    if len(present) > 1:
        log.error(
            present[0].name,
            f"both {present[0].name} and {present[1].name} exist; keep only one of them",
        )
        return None
    if not present:
        if required:
            log.error(f"{stem}.csv", f"missing: the course folder needs {stem}.csv or {stem}.xlsx")
        return None
    return present[0]


def read_csv_cells(path: Path, log: ProblemLog) -> pd.DataFrame | None:
    """All cells of a CSV file as text, one frame row per record (no header handling).

    A row longer than the header is reported (its extra cells would be lost) unless the
    extra cells are empty. Returns ``None`` after logging an error when the file cannot
    be read as CSV at all.
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            records = list(csv.reader(handle, strict=True))
    except UnicodeDecodeError:
        log.error(path.name, "the file is not UTF-8 text; save it as 'CSV UTF-8'")
        return None
    except csv.Error as exc:
        log.error(path.name, f"not a valid CSV file: {exc}")
        return None
    if not records or not any(cell.strip() for row in records for cell in row):
        log.error(path.name, "the file is empty; expected a header row and data rows")
        return None
    width = len(records[0])
    for number, record in enumerate(records[1:], start=2):
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            log.error(
                path.name,
                f"this row has {len(record)} cells but the header has {width}; "
                "remove the extra cells or add a header for them",
                row=number,
            )
    rows = [(record + [""] * width)[:width] for record in records]
    return pd.DataFrame(rows, dtype=object)


def read_workbook_cells(path: Path, log: ProblemLog) -> dict[str, pd.DataFrame] | None:
    """Every sheet of an XLSX workbook as raw cells, row 0 being the sheet's row 1.

    Returns ``None`` after logging an error when the file is not a readable workbook.
    """
    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=object, engine="calamine")
    except Exception as exc:  # calamine raises several types for damaged files
        log.error(path.name, f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})")
        return None
    return {name: frame for name, frame in sheets.items()}


def raw_table(file: str, sheet: str | None, grid: pd.DataFrame, log: ProblemLog) -> RawTable | None:
    """Split a grid of cells into header and data rows.

    The first row is the header. Blank header cells over empty columns are dropped;
    a blank header over data, and a header named twice, are errors.
    """
    where = {"sheet": sheet}
    grid = grid.astype(object).map(_blank_to_none)
    grid = grid.astype(object).where(grid.notna(), None)
    grid = grid.dropna(how="all", axis=1) if len(grid.columns) else grid
    if grid.empty or grid.dropna(how="all").empty:
        log.error(file, "the table is empty; expected a header row and data rows", **where)
        return None
    header = [normalize_header(cell) for cell in grid.iloc[0]]
    data = grid.iloc[1:].copy()
    data.columns = range(len(header))
    data[ROW] = data.index + 1
    data = data.dropna(how="all", subset=list(range(len(header))))
    problems = False
    seen: dict[str, int] = {}
    for position, name in enumerate(header):
        if not name:
            log.error(file, f"column {position + 1} has data but no header name", row=1, **where)
            problems = True
        elif name in seen:
            log.error(file, f"the header names '{name}' twice", row=1, column=name, **where)
            problems = True
        seen[name] = position
    if problems:
        return None
    data.columns = [*header, ROW]
    headers = {name: str(grid.iloc[0, i]).strip() for i, name in enumerate(header)}
    return RawTable(file, sheet, data.reset_index(drop=True), headers)


def _blank_to_none(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, float) and pd.isna(value):
        return None
    if value is pd.NaT:
        return None
    return value


def read_table(
    folder: Path, stem: str, log: ProblemLog, *, required: bool = True
) -> RawTable | None:
    """Find and read table ``stem`` of a course folder (CSV, or the first sheet of XLSX).

    Parameters
    ----------
    folder : Path
        The course folder.
    stem : str
        Table name without extension, e.g. ``"groups"``.
    log : ProblemLog
        Receives problems (missing file, unreadable file, bad header).
    required : bool
        Whether a missing file is an error.
    """
    path = find_table(folder, stem, log, required=required)
    if path is None:
        return None
    if path.suffix == ".csv":
        grid = read_csv_cells(path, log)
        return None if grid is None else raw_table(path.name, None, grid, log)
    sheets = read_workbook_cells(path, log)
    if sheets is None:
        return None
    if not sheets:
        log.error(path.name, "the workbook has no sheets")
        return None
    name, grid = next(iter(sheets.items()))
    return raw_table(path.name, name, grid, log)
