"""``gradelib canvas-check``: will Canvas's importer take an import file, and read it as meant?

The file is read as canvas-lms's ``lib/gradebook_importer.rb`` reads it
(:mod:`gradelib.canvas.canvas_csv`): ``;`` or ``,`` between fields, a number with a decimal comma
read as Canvas reads it (``9,5`` is 9.5), the rows Canvas skips skipped, its identity layouts
(:func:`gradelib.canvas.columns.canvas_layout`: ``Student`` or ``LastName`` and ``FirstName``,
``ID``, SIS columns, ``Section``), its totals and the columns marked read-only left aside. Then
come the checks: the header, every row the header's width, the ``Points Possible`` row, each score
cell (a number with at most four decimals, ``EX`` or blank), students listed twice, students Canvas
could only find by name. A problem that repeats (one kind in one column, rows of one wrong width)
is one message naming its first row and the other rows it was found on.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from gradelib.canvas.canvas_csv import (
    also_on,
    canvas_numbers,
    read_canvas_rows,
    separator_hint,
)
from gradelib.canvas.columns import (
    IDENTITY,
    Layout,
    canvas_layout,
    dropped_by_canvas,
    read_only,
)
from gradelib.canvas.score_cells import (
    PLAIN_NUMBER,
    cell_kinds,
    check_scores,
    check_thousands,
)
from gradelib.errors import Problem, ProblemLog

#: A cell of a row Canvas skips (gradebook_importer.rb: blank, "Muted", "Manual Posting").
SKIPPED_ROW = re.compile(r"\s*(Muted|Manual Posting.*)?\s*", re.IGNORECASE)
#: The columns Canvas finds a student by (besides the name).
STUDENT_KEYS = ("ID", "SIS User ID", "SIS Login ID", "Integration ID")


def check_import_file(path: str | Path) -> list[Problem]:
    r"""Every problem of a Canvas import file (empty when Canvas will take it as it is).

    Parameters
    ----------
    path : str or Path
        The CSV file (``gradelib canvas-check FILE``).

    Returns
    -------
    list of Problem
        Errors (Canvas would refuse the file, or silently do something else than meant)
        and warnings, each with its row (the header is row 1) and column.

    Examples
    --------
    >>> import tempfile; folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name, "import.csv")
    >>> _ = path.write_text('Student,ID,Section,Poster\n"Becker, Karan",1,,9,5\n')  # 9,5: 9.5
    >>> print(*check_import_file(path))
    error: import.csv, row 2: this row has 5 cells but the header has 4; Canvas requires ...
    """
    path = Path(path)
    log = ProblemLog()
    read = read_canvas_rows(path, log)
    if read is not None:
        check_records(path.name, *read, log)
    return log.problems


def check_records(name: str, records: list[list[str]], delimiter: str, log: ProblemLog) -> None:
    """:func:`check_import_file` of a file already read (:func:`read_canvas_rows`).

    Parameters
    ----------
    name : str
        The file's name, for the messages.
    records : list of list of str
        Every record as Canvas's importer splits it, the header first.
    delimiter : str
        The separator it was split on.
    log : ProblemLog
        Receives every problem.
    """
    header = records[0]
    layout = canvas_layout(header)
    _check_header(name, header, layout, log)
    if len(header) == 1:  # not split into fields: one cause, already reported
        return
    grid, widths = _grid(records[1:], len(header))
    kept = ~_skipped(grid)
    points = kept & grid[0].str.contains("Points Possible", regex=False)
    wrong = kept & (widths != len(header))
    for cells, rows in widths[wrong].groupby(widths[wrong], sort=False):
        log.error(
            name,
            f"this row has {cells} cells but the header has {len(header)}; Canvas requires "
            f"every row to be as wide as the header{also_on(list(rows.index))}",
            row=int(rows.index[0]),
        )
    columns = list(range(len(header)))
    students = grid.loc[kept & ~points & ~wrong, columns]
    points_rows = grid.loc[points & ~wrong, columns]
    possible = points_rows.iloc[0] if len(points_rows) else pd.Series([""] * len(header))
    scored = _score_columns(name, header, layout, possible.tolist(), log)
    for number, row in points_rows.iterrows():
        _check_points(name, header, scored, row, int(number), log)
    _check_students(name, header, layout, students, log)
    possible = canvas_numbers(possible.str.strip())
    kinds = cell_kinds(students[scored])
    for at, position in enumerate(scored):
        check_scores(name, header[position], kinds, at, possible[position], log)
        if delimiter == ",":
            check_thousands(name, header[position], kinds, at, log)
    if not int((kept & ~points).sum()):
        log.warning(name, "the file has no student rows; importing it changes nothing")


def _grid(records: list[list[str]], width: int) -> tuple[pd.DataFrame, pd.Series]:
    """The records after the header as one frame of text padded to the widest record and
    indexed by row number (the header is row 1), and each record's width."""
    widths = np.fromiter(map(len, records), dtype=int, count=len(records))
    widest = max(width, int(widths.max(initial=0)))
    index = pd.RangeIndex(2, len(records) + 2)
    if (widths == widest).all():
        grid = pd.DataFrame(records or None, index=index, columns=range(widest), dtype=object)
    else:
        padded = [record + [""] * (widest - len(record)) for record in records]
        grid = pd.DataFrame(padded or None, index=index, columns=range(widest), dtype=object)
    return grid.fillna("").astype(str), pd.Series(widths, index=index)


def _skipped(grid: pd.DataFrame) -> pd.Series:
    """The rows Canvas skips: every cell blank, ``Muted`` or ``Manual Posting`` (a column
    is looked into only on the rows whose cells before it all are)."""
    rows = grid.index
    for column in grid.columns:
        cells = grid.loc[rows, column]
        rows = cells.index[cells.str.fullmatch(SKIPPED_ROW.pattern, flags=re.I)]
    return pd.Series(grid.index.isin(rows), index=grid.index)


def _check_header(name: str, header: list[str], layout: Layout, log: ProblemLog) -> None:
    if layout.problem is not None:
        why = separator_hint(header) or layout.problem
        log.error(name, f"Canvas's importer answers 'Invalid header row': {why}", row=1)
    elif layout.user_id.strip() != "ID":
        by = "LastName and FirstName" if layout.split_names else "Student"
        log.warning(
            name,
            f"Canvas's importer takes column {header.index(layout.user_id) + 1} "
            f"('{layout.user_id}') for its own user ID, the 'ID' column of its export, so it "
            f"finds each student by the name in {by}; keep Canvas's ID column after the name "
            "to find them by ID",
            row=1,
            column=layout.user_id,
        )
    seen: set[str] = set()
    for position, column in enumerate(header):
        if column in seen:
            log.error(name, "this header appears twice", row=1, column=column)
        seen.add(column)
        if position < len(layout.identity):
            continue
        if column.strip() in IDENTITY:
            log.error(
                name,
                "an identity column after the score columns; keep the identity block first",
                row=1,
                column=column,
            )
        elif not column.strip():
            log.error(name, f"column {position + 1} has no header", row=1)


def _score_columns(
    name: str, header: list[str], layout: Layout, possible: list[str], log: ProblemLog
) -> list[int]:
    """Positions of the columns Canvas imports: after the identity block, neither one of
    its totals nor marked read-only in the Points Possible row (Canvas skips those: its own
    export's totals silently, a total not marked read-only with a warning)."""
    scored = []
    for position in range(len(layout.identity), len(header)):
        column = header[position]
        reserved = dropped_by_canvas(column)
        if reserved and not read_only(possible[position]):
            log.warning(
                name,
                f"Canvas's importer skips a column whose header contains '{reserved}' (one of "
                "its totals): its cells are not imported; rename the column if they should be",
                row=1,
                column=column,
            )
        elif column.strip() and not reserved and not read_only(possible[position]):
            scored.append(position)
    return scored


def _check_points(
    name: str, header: list[str], scored: list[int], row: pd.Series, number: int, log: ProblemLog
) -> None:
    values = canvas_numbers(row.loc[scored].str.strip())
    bad = (values != "") & ~values.str.fullmatch(PLAIN_NUMBER.pattern)
    for position in values.index[bad]:
        log.error(
            name,
            f"points possible {row[position]!r} is not a plain number like 15.00",
            row=number,
            column=header[position],
        )


def _check_students(
    name: str, header: list[str], layout: Layout, students: pd.DataFrame, log: ProblemLog
) -> None:
    """Students listed twice (once per key column), and students Canvas finds by name only."""
    if layout.problem is not None:
        return
    keys = [p for p, column in enumerate(layout.identity) if column.strip() in STUDENT_KEYS]
    by_name = layout.user_id.strip() != "ID"
    if by_name and header.index(layout.user_id) not in keys:
        keys.insert(0, header.index(layout.user_id))
    names = students[0].str.strip()
    if layout.split_names:
        names = names + ", " + students[1].str.strip()
    nothing = pd.Series(True, index=students.index)
    for position in keys:
        values = students[position].str.strip()
        _check_twice(name, header[position], values, log)
        nothing &= values == ""
    if by_name:
        _check_twice(name, None, names, log)
    if nothing.any():
        rows = list(students.index[nothing])
        log.warning(
            name,
            "no ID, SIS User ID or SIS Login ID: Canvas can find this student only by the "
            f"name {names[rows[0]]!r}{also_on(rows)}",
            row=int(rows[0]),
        )


def _check_twice(name: str, column: str | None, values: pd.Series, log: ProblemLog) -> None:
    """One error for the rows repeating an earlier row's value in a column (``column`` None:
    the name)."""
    twice = values.duplicated(keep="first") & (values != "")
    if not twice.any():
        return
    filled = values.loc[values != ""]
    twice = twice.loc[filled.index]
    first_row = pd.Series(filled.index[~twice], index=filled.loc[~twice].to_numpy())
    rows = list(filled.index[twice])
    value = filled[rows[0]]
    what = f"{column} {value}" if column else f"the name {value!r}"
    log.error(
        name,
        f"{what} is already on row {first_row[value]}; list each student once{also_on(rows)}",
        row=int(rows[0]),
        column=column,
    )
