"""Reading a gradebook CSV the way Canvas's importer does (canvas-lms
``lib/gradebook_importer.rb``, ``csv_stream`` and its converters).

- The separator is ``;`` when each of the first three lines splits into the same number of
  ``;``-separated fields, and that number is larger than the same count for ``,`` (a line
  that is not valid CSV with a separator counts 0 for it); otherwise ``,``. A file saved by
  a European spreadsheet is read with ``;``.
- Every field that is a number written with digits, ``,`` and ``.`` (``-?[0-9.,]+%?``) is
  read with its last ``,`` or ``.`` as the decimal point and the others dropped: ``9,5`` is
  9.5, ``1.234,5`` is 1234.5, ``1,234.00`` is 1234.00, and ``1,234`` is 1.234.
"""

from __future__ import annotations

import csv
import gc
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.timing import staged

#: A field Canvas's ``decimal_comma_to_period`` converter rewrites.
CANVAS_NUMBER = re.compile(r"-?[0-9.,]+%?")
#: The separators Canvas's importer tells apart.
SEPARATORS = (";", ",")
#: How many rows a message about a problem found on several rows lists.
LISTED = 5


def canvas_delimiter(text: str) -> str:
    """The field separator Canvas's importer would use for a file's text: ``;`` or ``,``.

    Parameters
    ----------
    text : str
        The whole file, decoded.

    Returns
    -------
    str
        ``";"`` or ``","``.
    """
    lines = _first_lines(text, 3)
    counts = dict.fromkeys(SEPARATORS, 0)
    for separator in SEPARATORS:
        try:
            widths = {
                len(next(csv.reader([line.rstrip("\r\n")], delimiter=separator, strict=True), []))
                for line in lines
            }
        except csv.Error:
            continue
        if len(widths) == 1:
            counts[separator] = widths.pop()
    return ";" if counts[";"] > counts[","] else ","


def _first_lines(text: str, count: int) -> list[str]:
    """``text.splitlines(keepends=True)[:count]``, without splitting the whole text."""
    size = 4096
    while True:
        lines = text[:size].splitlines(keepends=True)
        if len(lines) > count or size >= len(text):  # the first ``count`` lines are whole
            return lines[:count]
        size *= 4


def canvas_numbers(cells: pd.Series) -> pd.Series:
    """Text cells as Canvas's importer reads them: a number's last ``,`` or ``.`` is its
    decimal point, the others are dropped; any other cell is unchanged.

    Examples
    --------
    >>> canvas_numbers(pd.Series(["9,5", "1.234,5", "1,234.00", "13.50", "EX", "9."])).tolist()
    ['9.5', '1234.5', '1234.00', '13.50', 'EX', '9']
    """
    number = cells.str.fullmatch(CANVAS_NUMBER.pattern).fillna(False).astype(bool)
    text = cells.where(number, "")
    text = text.str.replace(r"[,.]+$", "", regex=True)  # Ruby's split drops trailing empties
    text = text.str.replace(r"[,.](?=.*[,.])", "", regex=True)
    text = text.str.replace(",", ".", regex=False)
    return cells.where(~number, text)


@staged("reading files")
def read_canvas_rows(path: Path, log: ProblemLog) -> tuple[list[list[str]], str] | None:
    """Every record of a CSV file as Canvas's importer splits it, and the separator.

    Parameters
    ----------
    path : Path
        The file.
    log : ProblemLog
        Receives why the file cannot be read (not UTF-8, mixed line endings, not CSV,
        empty), and a warning for a byte order mark Canvas's parser may trip over.

    Returns
    -------
    tuple or None
        The records (lists of text cells, the header first) and the separator; ``None``
        when the file cannot be read at all.
    """
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        log.error(name, f"cannot read the file: {exc.strerror}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        log.error(name, f"not UTF-8 text (byte {offset}); save it as 'CSV UTF-8'")
        return None
    if data.startswith(b"\xef\xbb\xbf") and text.startswith('"'):
        log.warning(
            name,
            "a byte order mark before a quoted first header cell can break Canvas's CSV "
            "parser; save without BOM",
            row=1,
        )
    unquoted = re.sub(r'"(?:[^"]|"")*"', "", text)  # line breaks inside cells don't count
    if "\r\n" in unquoted and re.search(r"(?<!\r)\n", unquoted):
        log.error(name, "mixed line endings (both CRLF and LF); use one kind throughout")
    delimiter = canvas_delimiter(text)
    try:
        with collection_paused():
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        first = text.split("\n", 1)[0]
        if delimiter == "," and (hint := separator_hint(first.split(","))):
            log.error(name, f"Canvas's importer would stop at this file: {hint}", row=1)
        else:
            log.error(
                name,
                f"not valid CSV with '{delimiter}' between fields ({exc}); Canvas's importer "
                "stops at it too",
            )
        return None
    if not rows or not any(cell.strip() for cell in rows[0]):
        log.error(name, "the file is empty; expected a header row and student rows")
        return None
    return rows, delimiter


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while a great many lists or tuples are built (a
    file's records, an import file's rows): none is in a cycle, and every pass the
    allocations would trigger looks at each object the process holds (at 100,000 students
    that doubled the time of reading a file)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def separator_hint(header: list[str]) -> str | None:
    """For a header read as one cell: the separator it holds that Canvas did not split on."""
    if len(header) != 1:
        return None
    for separator, called in (("\t", "tabs"), (";", "';'"), ("|", "'|'")):
        if separator in header[0]:
            when = " (it reads ';' only when the first three lines have as many fields)"
            return (
                f"the fields are separated by {called}, which Canvas's importer does not see "
                f"here{when if separator == ';' else ''}; save the file as CSV with ',' "
                "between fields"
            )
    return None


def also_on(rows: list[int]) -> str:
    """The tail of a message about a problem found on several rows: the rows after the
    first (at most :data:`LISTED`, then how many more); empty for one row."""
    others = [str(int(row)) for row in rows[1:]]
    if not others:
        return ""
    if len(others) > LISTED:
        listed = f"{', '.join(others[:LISTED])} and {len(others) - LISTED} more"
    else:
        listed = " and ".join([", ".join(others[:-1]), others[-1]] if len(others) > 1 else others)
    return f" (the same on row{'s' if len(others) > 1 else ''} {listed})"
