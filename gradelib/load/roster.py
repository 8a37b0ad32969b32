"""Reading the roster: the gradebook CSV that Canvas exports (``roster.csv``).

Canvas's exporter writes a UTF-8 BOM, the identity columns (``Student``, ``ID``,
``SIS User ID``, ``SIS Login ID``, optionally ``Integration ID`` and ``Root Account``,
then ``Section``), custom and assignment columns, and read-only totals. Before the
students may come a ``Manual Posting`` or ``Muted`` row (first cell blank), a blank
row, and the ``    Points Possible`` row. A name may be written ``="..."`` so that a
spreadsheet does not run it as a formula. The test student ``Student, Test`` comes last
and is not a student. Every cell is read as text so that SIS IDs keep leading zeros.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from gradelib.canvas.columns import (
    Assignment,
    identity_block,
    identity_problem,
    parse_assignment,
)
from gradelib.errors import ProblemLog
from gradelib.load.fields import UNIQNAME
from gradelib.load.tables import ROW, read_csv_cells

ROSTER_FILE = "roster.csv"
TEST_STUDENT = "Student, Test"
IDENTITY_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
_PREAMBLE_WORDS = {"manual posting", "muted"}


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
        the header's spelling; plus ``uniqname``, ``name`` (unwrapped) and ``row`` (the
        CSV record number, which is the line number unless a cell holds a line break).
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
    file = path.name
    grid = read_csv_cells(path, log)
    if grid is None:
        return None
    header = tuple(str(cell) for cell in grid.iloc[0])
    twice = sorted({name for name in header if header.count(name) > 1})
    if twice:
        log.error(file, f"the header names {', '.join(map(repr, twice))} twice", row=1)
        return None
    by_name = {name.strip().lower(): position for position, name in enumerate(header)}
    absent = [name for name in ("Student", "SIS Login ID") if name.lower() not in by_name]
    if absent:
        log.error(
            file,
            f"missing column(s) {', '.join(absent)}: this does not look like a Canvas "
            "gradebook export (export it with SIS columns: Grades > Export > Export Entire "
            "Gradebook, as a user who can see SIS data)",
            row=1,
        )
        return None
    if problem := identity_problem(identity_block(header)):
        log.warning(file, f"{problem}; export the gradebook from Canvas again", row=1)
    rows = grid.iloc[1:].copy()
    rows.columns = list(header)
    rows[ROW] = rows.index + 1
    first = rows[header[0]].str.strip()
    blank_first = first == ""
    # Preamble rows and empty rows start with a blank cell; only those are looked into.
    rest = rows.loc[blank_first, list(header[1:])].apply(lambda col: col.str.strip().str.lower())
    preamble = rest.isin(_PREAMBLE_WORDS).any(axis=1).reindex(rows.index, fill_value=False)
    empty = (rest == "").all(axis=1).reindex(rows.index, fill_value=False)
    points = first.str.lower() == "points possible"
    student_col = header[by_name["student"]]
    login_col = header[by_name["sis login id"]]
    names = rows[student_col].map(unwrap_formula_text)
    test_student = names.str.strip() == TEST_STUDENT
    keep = ~(preamble | empty | points | test_student)
    students = rows.loc[keep].copy()
    students["name"] = names.loc[keep].str.strip()
    students["uniqname"] = students[login_col].str.strip().str.lower()
    points_row = rows.loc[points]
    points_possible = tuple(points_row.iloc[0][list(header)]) if len(points_row) else None

    bad = ~students["uniqname"].str.fullmatch(UNIQNAME.pattern)
    for row, name, login in students.loc[bad, [ROW, "name", "uniqname"]].itertuples(index=False):
        what = "blank" if not login else f"{login!r} is not a uniqname"
        log.error(
            file,
            f"{what}: expected the uniqname of {name or 'this student'} in SIS Login ID",
            row=int(row),
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
    return CanvasExport(
        header=header,
        points_possible=points_possible,
        students=students.loc[~twice].reset_index(drop=True),
    )


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
