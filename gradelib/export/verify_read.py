"""Reading a Canvas gradebook export downloaded after an import, every column kept.

:func:`gradelib.canvas.gradebook.read_canvas_export` reads the roster; verifying an import
needs more of the file: the read-only totals Canvas computed (``Current Score``,
``Unposted Current Score``, ``Final Score``, ``Current Grade``, ``Final Grade``,
``Override Score`` / ``Override Grade`` where the course allows final grade override,
and each assignment group's ``<Group> Current Score``) and the ``Manual Posting`` row
(first cell blank, ``Manual Posting`` under each assignment whose scores wait to be
posted). This module reads all of it with Python's ``csv`` module, every cell as text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from gradelib.canvas.columns import Assignment, parse_assignment
from gradelib.canvas.gradebook import TEST_STUDENT, unwrap_formula_text
from gradelib.errors import GradelibError

_DECIMAL_COMMA = re.compile(r"^(-?\d+),(\d+)$")
#: The words of the row Canvas writes above ``Points Possible`` for hidden scores.
HIDDEN_WORDS = ("manual posting", "muted")
NOT_AN_EXPORT = (
    "this does not look like a Canvas gradebook export: download it from Canvas after "
    "the import (Grades › Export › Export Entire Gradebook, as a user who can see SIS data)"
)


class VerifyError(GradelibError):
    """A Canvas export cannot be read for verification (the message says why)."""


@dataclass(frozen=True)
class Gradebook:
    """A Canvas gradebook export as Canvas wrote it, every cell text.

    Attributes
    ----------
    path : Path
        The file read.
    header : tuple of str
        The header as exported (BOM removed).
    possible : Mapping[str, str]
        Header -> its ``Points Possible`` cell (``"(read only)"`` for totals).
    hidden : frozenset of str
        Assignment headers marked ``Manual Posting`` (or ``Muted``): their new scores
        stay hidden from students until posted.
    students : pandas.DataFrame
        Indexed by uniqname (SIS Login ID, lower-cased): every column of the export as
        text, plus ``name`` (``Last, First``). The test student is left out.
    unidentified : tuple of str
        Names of student rows without a SIS Login ID (they cannot be matched).
    """

    path: Path
    header: tuple[str, ...]
    possible: Mapping[str, str]
    hidden: frozenset[str]
    students: pd.DataFrame
    unidentified: tuple[str, ...] = ()

    def column(self, name: str) -> str | None:
        """The header spelled ``name`` (ignoring case and surrounding spaces), if any."""
        wanted = name.strip().lower()
        return next((h for h in self.header if h.strip().lower() == wanted), None)

    @property
    def assignments(self) -> tuple[Assignment, ...]:
        """The assignment columns (``Title (12345)``) with a number of points possible."""
        found = (parse_assignment(h) for h in self.header)
        return tuple(a for a in found if a is not None and _is_number(self.possible[a.header]))


def _is_number(text: str) -> bool:
    """Whether a cell is a number (a ``Points Possible`` cell of an assignment)."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def _records(path: Path) -> list[list[str]]:
    """The CSV records of ``path``, or a :class:`VerifyError` saying why not."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise VerifyError(f"{path}: no such file") from None
    except OSError as exc:
        raise VerifyError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise VerifyError(
            f"{path}: not UTF-8 text; {NOT_AN_EXPORT} (do not open and save it in a "
            "spreadsheet first)"
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise VerifyError(f"{path}: not a readable CSV file ({exc}); {NOT_AN_EXPORT}") from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise VerifyError(f"{path}: the file is empty; {NOT_AN_EXPORT}")
    if delimiter == ";":  # a locale with decimal commas: 13,50 is 13.50
        records = [[_DECIMAL_COMMA.sub(r"\1.\2", cell) for cell in row] for row in records]
    return records


def _hidden_row(cells: list[str]) -> bool:
    """A row Canvas writes above Points Possible: first cell blank, ``Manual Posting``."""
    return not cells[0].strip() and any(
        cell.strip().lower().startswith(HIDDEN_WORDS) for cell in cells[1:]
    )


def _name(record: dict[str, str], by_name: dict[str, str], split: bool) -> str:
    """A student's ``Last, First`` (Canvas writes ``="..."`` around a risky name)."""
    if split:
        last, first = (
            unwrap_formula_text(record[by_name[k]]).strip() for k in ("lastname", "firstname")
        )
        return f"{last}, {first}"
    return unwrap_formula_text(record[by_name["student"]]).strip()


def _records_of(path: Path, header: list[str], rows: list[list[str]]) -> list[dict[str, str]]:
    """The non-blank rows as header -> cell, or a :class:`VerifyError` for a row whose
    width is not the header's."""
    records = []
    for number, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise VerifyError(
                f"{path}, row {number}: {len(cells)} cells under a header of {len(header)}; "
                "download the export from Canvas again"
            )
        records.append(dict(zip(header, cells, strict=True)))
    return records


def read_gradebook(path: Path) -> Gradebook:
    """Read a Canvas gradebook export (downloaded after the import).

    Parameters
    ----------
    path : Path
        The CSV as Canvas exports it (UTF-8, with or without BOM; ``;``-separated with
        decimal commas where the user's locale asks for it; names in ``Student``, or in
        ``LastName`` and ``FirstName``).

    Returns
    -------
    Gradebook

    Raises
    ------
    VerifyError
        When the file is missing, unreadable, not UTF-8 CSV, lacks the ``Student`` (or
        ``LastName`` / ``FirstName``) or ``SIS Login ID`` column or the ``Points
        Possible`` row, or has a row wider or narrower than its header.
    """
    path = Path(path)
    header, *rows = _records(path)
    header = [cell.strip() for cell in header]
    by_name = {name.strip().lower(): name for name in header}
    split = "student" not in by_name and {"lastname", "firstname"} <= set(by_name)
    needed = ("LastName", "FirstName", "SIS Login ID") if split else ("Student", "SIS Login ID")
    absent = [name for name in needed if name.lower() not in by_name]
    if absent:
        raise VerifyError(f"{path}: no {' or '.join(absent)} column; {NOT_AN_EXPORT}")
    possible, hidden, students, unidentified = {}, set(), [], []
    for record in _records_of(path, header, rows):
        cells = list(record.values())
        if _hidden_row(cells):
            hidden |= {h for h, cell in record.items() if cell.strip()}
        elif cells[0].strip().lower() == "points possible":
            possible = {h: cell.strip() for h, cell in record.items()}
        elif (name := _name(record, by_name, split)) != TEST_STUDENT:
            login = record[by_name["sis login id"]].strip().lower()
            if login:
                students.append({**record, "name": name, "uniqname": login})
            else:
                unidentified.append(name)
    if not possible:
        raise VerifyError(f"{path}: no Points Possible row; download the export again")
    frame = pd.DataFrame(students, columns=[*header, "name", "uniqname"], dtype=object)
    frame = frame.drop_duplicates("uniqname").set_index("uniqname")
    return Gradebook(
        path=path,
        header=tuple(header),
        possible={h: possible.get(h, "") for h in header},
        hidden=frozenset(hidden),
        students=frame,
        unidentified=tuple(unidentified),
    )
