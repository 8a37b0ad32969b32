"""Reading the roster: the gradebook CSV that Canvas exports (``roster.csv``).

Canvas's exporter writes a UTF-8 BOM, the identity columns (``Student``, or ``LastName``
and ``FirstName`` when the course shows names split; ``ID``, ``SIS User ID``,
``SIS Login ID``, optionally ``Integration ID`` and ``Root Account``, then ``Section``),
custom and assignment columns, and read-only totals. Before the students may come a
``Manual Posting`` or ``Muted`` row (first cell blank), a blank row, and the
``    Points Possible`` row. A name may be written ``="..."`` so that a spreadsheet does
not run it as a formula. The test student comes last and is not a student. Every cell is
read as text so that SIS IDs keep leading zeros.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from gradelib.canvas.canvas_csv import also_on
from gradelib.canvas.columns import (
    Assignment,
    identity_block,
    identity_problem,
    parse_assignment,
)
from gradelib.errors import ProblemLog
from gradelib.sheets.csv_cells import read_csv_cells
from gradelib.sheets.fields import UNIQNAME
from gradelib.sheets.tables import ROW

TEST_STUDENT = "Student, Test"
#: The test student's names as Canvas writes them: its sortable name (the ``Student``
#: column; ``LastName`` "Student" and ``FirstName`` "Test" when names are split, read
#: here as "Student, Test") and its display name, "Test Student".
TEST_STUDENT_NAMES = (TEST_STUDENT, "Test Student")
#: The login Canvas gives the test student (``Course#student_view_student``): the
#: hexadecimal HMAC-SHA1 of ``"Test Student_<user id>"``, 40 lower-case hex digits. It has
#: no SIS User ID.
TEST_STUDENT_LOGIN = re.compile(r"[0-9a-f]{40}")
IDENTITY_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
_PREAMBLE_WORDS = {"manual posting", "muted"}
_SIS_HINT = (
    "this does not look like a Canvas gradebook export (export it with SIS columns: Grades "
    "> Export > Export Entire Gradebook, as a user who can see SIS data)"
)


@dataclass(frozen=True)
class CanvasExport:
    """The Canvas gradebook export as read, every cell text.

    Attributes
    ----------
    header : tuple of str
        The header exactly as exported (BOM removed).
    points_possible : tuple of str or None
        The ``Points Possible`` row's cells, when present.
    students : pandas.DataFrame
        One row per student (test student and preamble rows left out), every column of
        the export as text exactly as exported (names still ``="..."``-wrapped), with
        the header's spelling; plus ``uniqname``, ``name`` (unwrapped; ``Last, First``
        from split name columns) and ``row`` (the CSV record number, which is the line
        number unless a cell holds a line break), which replace a column of the export
        so named.
    """

    header: tuple[str, ...]
    points_possible: tuple[str, ...] | None
    students: pd.DataFrame

    @property
    def identity(self) -> tuple[str, ...]:
        """The identity columns (``Student`` … ``Section``) as the export spells them."""
        return identity_block(self.header)

    @property
    def assignments(self) -> tuple[Assignment, ...]:
        """The assignment columns (``Title (12345)``), in the export's order."""
        found = (parse_assignment(h) for h in self.header[len(self.identity) :])
        return tuple(a for a in found if a is not None)


def unwrap_formula_text(value: str) -> str:
    """Undo Canvas's ``="..."`` protection of a name: ``="=Lee, Sam"`` -> ``=Lee, Sam``."""
    if value.startswith('="') and value.endswith('"') and len(value) >= 3:
        return value[2:-1].replace('""', '"')
    return value


def unwrap_formula_texts(values: pd.Series) -> pd.Series:
    """:func:`unwrap_formula_text` of a whole column of text."""
    starts = values.str.startswith('="').astype(bool)  # the few cells looked into further
    some = values.loc[starts]
    some = some.loc[(some.str.endswith('"') & (some.str.len() >= 3)).astype(bool)]
    unwrapped = values.copy()
    unwrapped.loc[some.index] = some.str.slice(2, -1).str.replace('""', '"', regex=False)
    return unwrapped


def read_canvas_export(path: Path, log: ProblemLog) -> CanvasExport | None:
    """Read a Canvas gradebook export.

    Parameters
    ----------
    path : Path
        The CSV file (``roster.csv`` in a course folder).
    log : ProblemLog
        Receives every problem: missing identity columns, students without a SIS
        Login ID, the same uniqname twice.

    Returns
    -------
    CanvasExport or None
        ``None`` when the file cannot be used at all.
    """
    grid = read_csv_cells(path, log)
    return None if grid is None else canvas_export_of(path.name, grid, log)


def canvas_export_of(file: str, grid: pd.DataFrame, log: ProblemLog) -> CanvasExport | None:
    """:func:`read_canvas_export` of a file already read: every cell as text, one row per
    record, the header first (:func:`gradelib.sheets.csv_cells.read_csv_cells`).

    Parameters
    ----------
    file : str
        The file's name, for the messages.
    grid : pandas.DataFrame
        The cells, as wide as the header.
    log : ProblemLog
        Receives every problem (as :func:`read_canvas_export`).

    Returns
    -------
    CanvasExport or None
        ``None`` when the file cannot be used at all.
    """
    header = tuple(str(cell) for cell in grid.iloc[0])
    twice = sorted({name for name in header if header.count(name) > 1})
    if twice:
        log.error(file, f"the header names {', '.join(map(repr, twice))} twice", row=1)
        return None
    columns = _identity_columns(file, header, log)
    if columns is None:
        return None
    if problem := identity_problem(identity_block(header)):
        log.warning(file, f"{problem}; export the gradebook from Canvas again", row=1)
    rows = grid.iloc[1:].copy()
    rows.columns = list(header)
    names = _names(rows, columns).str.strip()
    login = rows[columns["sis login id"]].str.strip()
    skipped = _non_student_rows(rows, header)
    points = skipped.pop("points")
    test = _test_student(rows, names, login, columns)
    keep = ~(skipped["preamble"] | skipped["empty"] | points | test)
    # The added columns come last: a header cell of the same name cannot mislead the above.
    students = rows.loc[keep].copy()
    students["name"] = names.loc[keep]
    students["uniqname"] = login.loc[keep].str.lower()
    students[ROW] = students.index + 1
    points_row = rows.loc[points]
    points_possible = tuple(points_row.iloc[0][list(header)]) if len(points_row) else None
    return CanvasExport(
        header=header,
        points_possible=points_possible,
        students=_valid_logins(file, students, columns["sis login id"], log),
    )


def _identity_columns(file: str, header: tuple[str, ...], log: ProblemLog) -> dict | None:
    """Lower-case identity name -> the header's spelling (``None`` after an error when the
    names or the SIS Login ID are missing)."""
    by_name = {name.strip().lower(): name for name in header}
    split = "lastname" in by_name and "firstname" in by_name
    absent = [] if "student" in by_name or split else ["Student"]
    if "sis login id" not in by_name:
        absent.append("SIS Login ID")
    if absent == ["Student"]:
        log.error(
            file,
            "missing column Student (or LastName and FirstName): this does not look like a "
            "Canvas gradebook export",
            row=1,
        )
    elif absent:
        log.error(file, f"missing column(s) {', '.join(absent)}: {_SIS_HINT}", row=1)
    if absent:
        return None
    keys = ("student", "lastname", "firstname", "sis user id", "sis login id", "section")
    return {key: by_name.get(key) for key in keys}


def _names(rows: pd.DataFrame, columns: dict) -> pd.Series:
    """Each row's name, unwrapped: the ``Student`` cell, or ``Last, First`` when split."""
    if columns["student"] is not None:
        return unwrap_formula_texts(rows[columns["student"]])
    last = unwrap_formula_texts(rows[columns["lastname"]]).str.strip()
    first = unwrap_formula_texts(rows[columns["firstname"]]).str.strip()
    joined = np.where(first == "", last, last + ", " + first)
    return pd.Series(joined, index=rows.index, dtype=object)


def _non_student_rows(rows: pd.DataFrame, header: tuple[str, ...]) -> dict[str, pd.Series]:
    """Masks of the rows that are not students: ``preamble`` (Manual Posting, Muted),
    ``empty`` and ``points`` (Points Possible)."""
    first = rows[header[0]].str.strip()
    # Preamble rows and empty rows start with a blank cell; only those are looked into.
    rest = rows.loc[first == "", list(header[1:])].apply(lambda col: col.str.strip().str.lower())
    return {
        "preamble": rest.isin(_PREAMBLE_WORDS).any(axis=1).reindex(rows.index, fill_value=False),
        "empty": (rest == "").all(axis=1).reindex(rows.index, fill_value=False),
        "points": first.str.lower() == "points possible",
    }


def _test_student(
    rows: pd.DataFrame, names: pd.Series, login: pd.Series, columns: dict
) -> pd.Series:
    """The Canvas test student's row: exactly one of its names (``names`` stripped), no SIS
    User ID, and a blank login (``login`` stripped) or the hashed one Canvas gives it."""
    named = names.isin(TEST_STUDENT_NAMES)
    login = login.loc[named]  # only the rows of its names are looked into further
    test = (login == "") | login.str.fullmatch(TEST_STUDENT_LOGIN.pattern).astype(bool)
    if columns["sis user id"] is not None:
        test &= rows.loc[named, columns["sis user id"]].str.strip() == ""
    return pd.Series(rows.index.isin(test.index[test]), index=rows.index)


def _valid_logins(
    file: str, students: pd.DataFrame, login_col: str, log: ProblemLog
) -> pd.DataFrame:
    """The students with a well-formed uniqname, each once (an error for every other)."""
    bad = ~students["uniqname"].str.fullmatch(UNIQNAME.pattern)
    blank = students["uniqname"] == ""
    for kind in (bad & blank, bad & ~blank):  # one message per kind, naming its rows
        if not kind.any():
            continue
        rows = [int(row) for row in students.loc[kind, ROW]]
        name, login = students.loc[kind, ["name", "uniqname"]].iloc[0]
        what = "blank" if not login else f"{login!r} is not a uniqname"
        log.error(
            file,
            f"{what}: expected the uniqname of {name or 'this student'} in SIS Login ID"
            f"{also_on(rows)}",
            row=rows[0],
            column=login_col,
        )
    students = students.loc[~bad]
    twice = students["uniqname"].duplicated(keep="first")
    first_row = students.drop_duplicates("uniqname").set_index("uniqname")[ROW]
    for row, login in students.loc[twice, [ROW, "uniqname"]].itertuples(index=False):
        log.error(
            file,
            f"uniqname {login!r} is already on row {first_row[login]}; list each student once",
            row=int(row),
            column=login_col,
        )
    return students.loc[~twice].reset_index(drop=True)


def roster_frame(export: CanvasExport) -> pd.DataFrame:
    """The enrolled students: ``uniqname``, ``name`` (``Last, First``), ``section``, ``row``.

    Columns the export lacks (``Section``) come out blank.
    """
    by_name = {name.strip().lower(): name for name in export.header}
    students = export.students
    section = by_name.get("section")
    return pd.DataFrame(
        {
            "uniqname": students["uniqname"].astype(str),
            "name": students["name"].astype(str),
            "section": students[section].astype(str) if section else "",
            ROW: students[ROW].astype(int),
        }
    )
