"""Reading a CSV file of a course folder as raw text cells (no header handling).

Used by :mod:`gradelib.sheets.tables` for the tables and by :mod:`gradelib.canvas.gradebook` for
Canvas's export: UTF-8 with or without Excel's BOM (or Windows-1252 with a warning, where
allowed), comma- or semicolon-separated, quoted or not.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.timing import staged


@staged("reading files")
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
    data = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    text = _decode_csv(path, data, log, windows_1252=windows_1252)
    if text is None:
        return None
    first_line = text[: text.find("\n")] if "\n" in text else text
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    if '"' in text or not text.replace(delimiter, "").strip():
        return _read_records(text, delimiter, path.name, log)
    # The C parser reads the text's UTF-8 bytes (a Windows-1252 file's too); the text (a
    # copy of the file) need not stay alongside the cells read.
    data = text.encode("utf-8")
    del text
    if (fast := _read_plain_csv(data, delimiter)) is not None:
        return fast
    return _read_records(data.decode("utf-8"), delimiter, path.name, log)


def _read_records(text: str, delimiter: str, name: str, log: ProblemLog) -> pd.DataFrame | None:
    """:func:`read_csv_cells`'s answer read by the ``csv`` module (for any file)."""
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        log.error(name, f"not a valid CSV file: {exc}")
        return None
    if not records or not any(cell.strip() for row in records for cell in row):
        log.error(name, "the file is empty; expected a header row and data rows")
        return None
    width = len(records[0])
    for number, record in enumerate(records[1:], start=2):
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            log.error(
                name,
                f"this row has {len(record)} cells but the header has {width}; "
                "remove the extra cells or add a header for them",
                row=number,
            )
    if any(len(record) != width for record in records):
        records = [(record + [""] * width)[:width] for record in records]
    return pd.DataFrame(records, dtype=object)


def _read_plain_csv(data: bytes, delimiter: str) -> pd.DataFrame | None:
    """:func:`read_csv_cells`'s answer for a file (its UTF-8 bytes) without quotes in which
    no row is longer than the header, read by pandas' C parser; ``None`` for any other file.

    Without quote characters a CSV file cannot be malformed, and pandas refuses a row
    longer than the first, so what it reads is what the ``csv`` module would read.
    """
    try:
        grid = pd.read_csv(
            io.BytesIO(data),
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
    # Only a row shorter than the header can have a missing cell, and then its last one.
    return grid.fillna("") if grid.iloc[:, -1].isna().any() else grid


def _decode_csv(path: Path, data: bytes, log: ProblemLog, *, windows_1252: bool) -> str | None:
    """The text of CSV file ``path``'s ``data`` (see :func:`read_csv_cells`), or ``None``
    after an error."""
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
