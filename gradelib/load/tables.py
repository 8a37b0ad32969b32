"""Finding and reading the tables of a course folder (CSV or XLSX) as raw cells.

A table is read as it stands: no type conversion, so that the checks in
:mod:`gradelib.load.fields` can say exactly which cell is wrong. Header names are
matched case-insensitively with surrounding spaces ignored, and each data row keeps the
row number a spreadsheet program shows (the header is row 1).
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.load.workbook_guard import unsafe_workbook
from gradelib.load.workbook_quirks import workbook_quirks

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


def read_csv_cells(
    path: Path, log: ProblemLog, *, windows_1252: bool = False
) -> pd.DataFrame | None:
    """All cells of a CSV file as text, one frame row per record (no header handling).

    The file is UTF-8, with or without the BOM Excel's "CSV UTF-8" writes. With
    ``windows_1252`` a file that is not UTF-8 is read as Windows-1252 (what Excel's plain
    "CSV" writes on Windows), with a warning naming the first line that needed it. Cells
    are separated by commas, or by semicolons when the first line has semicolons and no
    comma (a European Excel). A row longer than the header is reported (its extra cells
    would be lost) unless the extra cells are empty. Returns ``None`` after logging an
    error when the file cannot be read as CSV at all.
    """
    text = _decode_csv(path, log, windows_1252=windows_1252)
    if text is None:
        return None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    if (fast := _read_plain_csv(text, delimiter)) is not None:
        return fast
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
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


def _read_plain_csv(text: str, delimiter: str) -> pd.DataFrame | None:
    """:func:`read_csv_cells`'s answer for a file without quotes in which no row is longer
    than the header, read by pandas' C parser; ``None`` for any other file.

    Without quote characters a CSV file cannot be malformed, and pandas refuses a row
    longer than the first, so what it reads is what the ``csv`` module would read.
    """
    if '"' in text or not text.replace(delimiter, "").strip():
        return None
    try:
        grid = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=object,
            na_filter=False,
            skip_blank_lines=False,
            quoting=csv.QUOTE_NONE,
            engine="c",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return None
    return grid.fillna("")


def _decode_csv(path: Path, log: ProblemLog, *, windows_1252: bool) -> str | None:
    """The text of a CSV file (see :func:`read_csv_cells`), or ``None`` after an error."""
    data = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        end = data.find(b"\n", exc.start)
        shown = data[start : end if end >= 0 else len(data)].rstrip(b"\r")
    if windows_1252 and b"\0" not in data:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            log.warning(
                path.name,
                f"read as Windows-1252, not UTF-8: line {line} reads "
                f"{shown.decode('cp1252')!r}; if a name looks wrong, save the file as "
                "'CSV UTF-8'",
            )
            return text
    log.error(
        path.name,
        "the file is not UTF-8 text; save it as 'CSV UTF-8' "
        f"(line {line} is the first that is not: "
        f"{shown.decode('utf-8', errors='replace')!r})",
    )
    return None


def read_workbook_cells(path: Path, log: ProblemLog) -> dict[str, pd.DataFrame] | None:
    """Every sheet of an XLSX workbook as raw cells, row 0 being the sheet's row 1.

    Returns ``None`` after logging an error when the file is not a readable workbook.
    """
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
    return {name: frame for name, frame in sheets.items() if name not in hidden}


def raw_table(file: str, sheet: str | None, grid: pd.DataFrame, log: ProblemLog) -> RawTable | None:
    """Split a grid of cells into header and data rows.

    The first row is the header. Blank header cells over empty columns are dropped;
    a blank header over data, and a header named twice, are errors.
    """
    where = {"sheet": sheet}
    grid = pd.DataFrame(
        {key: _none_for_blanks(grid[key].to_numpy(dtype=object)) for key in grid.columns},
        index=grid.index,
        columns=grid.columns,
    )
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
            merged = " (if header cells are merged, unmerge them)" if sheet is not None else ""
            log.error(
                file,
                f"this column has data but no header name; name it in row 1{merged}",
                row=1,
                column=column_letter(int(grid.columns[position])),
                **where,
            )
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


def column_letter(position: int) -> str:
    """A column's letter as a spreadsheet program shows it: 0 -> ``A``, 26 -> ``AA``."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


#: Whether each of an array of strings is all spaces (and not empty).
_ALL_SPACES = np.frompyfunc(str.isspace, 1, 1)


def _none_for_blanks(values: np.ndarray) -> np.ndarray:
    """A copy of a column of cells with ``None`` for each blank one (missing, NaN, NaT, or
    text of only spaces)."""
    blank = pd.isna(values)
    if pd.api.types.infer_dtype(values, skipna=True) == "string":
        text = ~blank
        cells = values[text]
        blank[text] = (cells == "") | _ALL_SPACES(cells).astype(bool)
    else:
        blank |= np.fromiter(
            (isinstance(v, str) and not v.strip() for v in values), dtype=bool, count=len(values)
        )
    cleaned = values.copy()
    cleaned[blank] = None
    return cleaned


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
    sheets = read_workbook_cells(path, log)
    if sheets is None:
        return None
    if not sheets:
        log.error(path.name, "the workbook has no sheets")
        return None
    name, grid = next(iter(sheets.items()))
    return raw_table(path.name, name, grid, log)
