"""Finding and reading the tables of a course folder (CSV or XLSX) as raw cells.

A table is read as it stands: no type conversion, so that the checks in
:mod:`gradelib.sheets.fields` can say exactly which cell is wrong. Header names are
matched case-insensitively with surrounding spaces ignored, and each data row keeps the
row number a spreadsheet program shows (the header is row 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.sheets.blanks import data_codes, filled_columns
from gradelib.sheets.cell_formats import SheetFormats, sheet_formats
from gradelib.sheets.csv_cells import read_csv_cells
from gradelib.sheets.shown import read_as_shown
from gradelib.sheets.xlsx.guard import unsafe_workbook
from gradelib.sheets.xlsx.quirks import workbook_quirks
from gradelib.timing import staged

__all__ = ["CELL_ROW", "ROW", "RawTable", "Workbook", "raw_table", "read_csv_cells", "read_table"]

#: Name of the column of a typed frame that holds each row's spreadsheet row number.
ROW = "row"
#: Name of the column of :attr:`RawTable.cells` that holds the row number. Headers are
#: stripped of surrounding spaces, so no column of a file can take this name: a column a
#: file calls ``row`` stays a column like any other.
CELL_ROW = " row"


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
        (``str`` from CSV; ``str``, numbers, datetimes or what
        :func:`~gradelib.sheets.shown.read_as_shown` makes of a formatted cell from XLSX;
        missing is ``None``); plus the column :data:`CELL_ROW` with the spreadsheet row
        number. Wholly empty rows are dropped (all rows, see :meth:`without_cells`).
    headers : dict of str to str
        Normalized header name -> the header as written in the file.
    distinct : dict of str to (numpy.ndarray, numpy.ndarray)
        For a column of text alone: each row's code and the distinct cells (``None`` for
        blank ones), so that cells are parsed once per distinct text. Empty for a table
        built from another (its columns may differ).
    """

    file: str
    sheet: str | None
    cells: pd.DataFrame
    headers: dict[str, str]
    distinct: dict[str, tuple[np.ndarray, np.ndarray]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def without_cells(self) -> RawTable:
        """This table without rows: its place for messages, once its cells are parsed."""
        return RawTable(self.file, self.sheet, self.cells.iloc[:0].copy(), self.headers)

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


@dataclass(frozen=True)
class Workbook:
    """The visible sheets of a workbook as raw grids, with their cells' number formats.

    Attributes
    ----------
    sheets : dict of str to pandas.DataFrame
        Sheet name -> its cells, row 0 being the sheet's row 1 and column 0 its column A.
    formats : SheetFormats
        Sheet name -> its formatted cells (:func:`~gradelib.sheets.cell_formats.sheet_formats`).
    """

    sheets: dict[str, pd.DataFrame]
    formats: SheetFormats

    def table(self, file: str, sheet: str, log: ProblemLog) -> RawTable | None:
        """One sheet as a :class:`RawTable`, each cell read as it is shown."""
        return raw_table(file, sheet, self.sheets[sheet], log, self.formats.get(sheet))


@staged("reading files")
def read_workbook_cells(path: Path, log: ProblemLog) -> Workbook | None:
    """Every visible sheet of an XLSX workbook as raw cells, with the cells' formats;
    ``None`` after logging an error when the file is not a readable workbook."""
    if (reason := unsafe_workbook(path)) is not None:
        log.error(path.name, reason)
        return None
    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=object, engine="calamine")
    except Exception as exc:  # calamine raises several types for damaged files
        log.error(path.name, f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})")
        return None
    hidden, unsaved = workbook_quirks(path)
    for name in hidden:
        log.warning(path.name, f"sheet '{name}' is hidden; ignored (unhide it to use it)")
    for name, row, column in unsaved:
        grid = sheets.get(name)
        header = grid.iat[0, column] if grid is not None and column < grid.shape[1] else None
        named = isinstance(header, str) and header.strip() and row > 1
        log.error(
            path.name,
            "formula with no saved value: open and save the file in Excel",
            sheet=name,
            row=row,
            column=str(header).strip() if named else column_letter(column),
        )
    visible = {name: frame for name, frame in sheets.items() if name not in hidden}
    return Workbook(visible, sheet_formats(path) if visible else {})


def raw_table(
    file: str,
    sheet: str | None,
    grid: pd.DataFrame,
    log: ProblemLog,
    formats: tuple | None = None,
) -> RawTable | None:
    """Split a grid of cells into header and data rows.

    The first row is the header. Blank header cells over empty columns are dropped; a
    blank header over data, and a header named twice, are errors. With ``formats`` (a
    workbook sheet's formatted cells), each data cell is read as it is shown. Blank cells
    (:func:`~gradelib.sheets.blanks.filled_columns`) become ``None``; each column is checked once.
    """
    columns = filled_columns(grid, coded=formats is None)
    if not columns:
        log.error(file, "the table is empty; expected a header row and data rows", sheet=sheet)
        return None
    labels = list(columns)
    tops = [columns[label][0][0] for label in labels]
    header = [normalize_header(cell) for cell in tops]
    data = pd.DataFrame(
        {position: columns[label][0] for position, label in enumerate(labels)},
        index=grid.index,
        columns=range(len(header)),
        dtype=object,
    ).iloc[1:]
    if formats is not None:
        written = {
            int(label): (position, str(tops[position]).strip())
            for position, label in enumerate(labels)
        }
        data = read_as_shown(data, formats, written, {"file": file, "sheet": sheet}, log)
    data[CELL_ROW] = data.index + 1
    filled = np.logical_or.reduce([columns[label][1][1:] for label in labels])
    data = data if filled.all() else data.loc[filled]
    if _bad_header(file, sheet, header, labels, log):
        return None
    data.columns = [*header, CELL_ROW]
    headers = {name: str(tops[i]).strip() for i, name in enumerate(header)}
    coded = zip(header, (columns[label].codes for label in labels), strict=True)
    distinct = {name: data_codes(*codes, filled) for name, codes in coded if codes is not None}
    return RawTable(file, sheet, data.reset_index(drop=True), headers, distinct)


def _bad_header(
    file: str, sheet: str | None, header: list[str], labels: list, log: ProblemLog
) -> bool:
    """Report blank header names over data and names given twice; ``True`` when any."""
    problems = False
    seen: set[str] = set()
    for position, name in enumerate(header):
        if not name:
            merged = " (if header cells are merged, unmerge them)" if sheet is not None else ""
            log.error(
                file,
                f"this column has data but no header name; name it in row 1{merged}",
                sheet=sheet,
                row=1,
                column=column_letter(int(labels[position])),
            )
            problems = True
        elif name in seen:
            log.error(file, f"the header names '{name}' twice", sheet=sheet, row=1, column=name)
            problems = True
        seen.add(name)
    return problems


def column_letter(position: int) -> str:
    """A column's letter as a spreadsheet program shows it: 0 -> ``A``, 26 -> ``AA``."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


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
        grid = read_csv_cells(path, log, windows_1252=True)
        return None if grid is None else raw_table(path.name, None, grid, log)
    book = read_workbook_cells(path, log)
    if book is None:
        return None
    if not book.sheets:
        log.error(path.name, "the workbook has no sheets")
        return None
    return book.table(path.name, next(iter(book.sheets)), log)
