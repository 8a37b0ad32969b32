"""``gradelib canvas-check``: does an import file follow the rules Canvas's importer needs?

It checks any file, ours or hand-edited: the encoding and line endings, the CSV
structure (every row the header's width), the identity block, headers Canvas would
silently drop, the ``Points Possible`` row, each score cell (a plain number with at most
four decimals, ``EX`` or blank), the test student, and students listed twice. Each problem
names its row and column and says what Canvas would do.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from gradelib.canvas.columns import (
    IDENTITY,
    OVERRIDE_SCORE,
    identity_block,
    identity_problem,
    ignored_by_canvas,
    parse_assignment,
)
from gradelib.errors import Problem, ProblemLog
from gradelib.load.roster import TEST_STUDENT, unwrap_formula_text

PLAIN_NUMBER = re.compile(r"-?\d+(\.\d{1,2})?")
#: A score cell: at most four decimals (``gradelib export`` writes a third or fourth only
#: where no cent total makes Canvas's total our current score).
SCORE_NUMBER = re.compile(r"-?\d+(\.\d{1,4})?")
#: A cell of a row Canvas skips (gradebook_importer.rb: blank, "Muted", "Manual Posting").
SKIPPED_ROW = re.compile(r"\s*(Muted|Manual Posting.*)?\s*", re.IGNORECASE)
STUDENT_KEYS = ("ID", "SIS User ID", "SIS Login ID", "Integration ID")


def check_import_file(path: str | Path) -> list[Problem]:
    """Every problem of a Canvas import file (empty when Canvas will take it as it is).

    Parameters
    ----------
    path : str or Path
        The CSV file.

    Returns
    -------
    list of Problem
        Errors (Canvas would refuse the file, or silently do something else than meant)
        and warnings.
    """
    path = Path(path)
    log = ProblemLog()
    rows = _read_rows(path, log)
    if rows is None:
        return log.problems
    name = path.name
    header = rows[0]
    identity = identity_block(tuple(header))
    _check_header(name, header, identity, log)
    ignored = {c for c in header[len(identity) :] if _ignored(c)}
    seen: dict[tuple[str, str], int] = {}
    students = 0
    for number, row in enumerate(rows[1:], start=2):
        if _skipped_by_canvas(row):
            continue
        points = "points possible" in row[0].strip().lower()
        students += not points
        if len(row) != len(header):
            log.error(
                name,
                f"this row has {len(row)} cells but the header has {len(header)}; Canvas "
                "requires every row to be as wide as the header",
                row=number,
            )
        elif points:
            _check_points(name, header, identity, row, number, ignored, log)
        else:
            _check_student_row(name, header, identity, row, number, seen, ignored, log)
    if not students:
        log.warning(name, "the file has no student rows; importing it changes nothing")
    return log.problems


def _ignored(column: str) -> bool:
    """Whether Canvas drops a score column (its totals and overrides, but Override Score)."""
    return bool(ignored_by_canvas(column)) and column.strip() != OVERRIDE_SCORE


def _skipped_by_canvas(row: list[str]) -> bool:
    """Rows Canvas's importer passes over: blank ones and Manual Posting / Muted rows."""
    return all(SKIPPED_ROW.fullmatch(cell) for cell in row)


def _read_rows(path: Path, log: ProblemLog) -> list[list[str]] | None:
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
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        log.error(name, f"not valid CSV: {exc}")
        return None
    if not rows or not any(cell.strip() for cell in rows[0]):
        log.error(name, "the file is empty; expected a header row and student rows")
        return None
    return rows


def _check_header(name: str, header: list[str], identity: tuple[str, ...], log: ProblemLog) -> None:
    if not identity or identity[0] != "Student":
        log.error(name, "the first column must be 'Student', as in Canvas's export", row=1)
    elif not any(key in identity for key in STUDENT_KEYS):
        log.error(
            name,
            "no column Canvas can find students by: keep ID, SIS User ID or SIS Login ID",
            row=1,
        )
    elif problem := identity_problem(identity):
        log.error(name, problem, row=1)
    counts: dict[str, int] = {}
    for position, column in enumerate(header):
        counts[column] = counts.get(column, 0) + 1
        if counts[column] == 2:
            log.error(name, "this header appears twice", row=1, column=column)
        if position >= len(identity):
            reserved = ignored_by_canvas(column)
            if column.strip() in {n for n in IDENTITY}:
                log.error(
                    name,
                    "an identity column after the score columns; keep the identity block first",
                    row=1,
                    column=column,
                )
            elif _ignored(column):
                log.error(
                    name,
                    f"Canvas silently ignores a column whose header contains '{reserved}'; "
                    "rename it",
                    row=1,
                    column=column,
                )
            elif not column.strip():
                log.error(name, f"column {position + 1} has no header", row=1)


def _check_points(
    name: str,
    header: list[str],
    identity: tuple[str, ...],
    row: list[str],
    number: int,
    ignored: set[str],
    log: ProblemLog,
) -> None:
    for column, cell in zip(header[len(identity) :], row[len(identity) :], strict=True):
        value = cell.strip()
        if column in ignored or not value or value == "(read only)":
            continue
        if not PLAIN_NUMBER.fullmatch(value):
            log.error(
                name,
                f"points possible {cell!r} is not a plain number like 15.00",
                row=number,
                column=column,
            )


def _check_student_row(
    name: str,
    header: list[str],
    identity: tuple[str, ...],
    row: list[str],
    number: int,
    seen: dict[tuple[str, str], int],
    ignored: set[str],
    log: ProblemLog,
) -> None:
    cells = dict(zip(header, row, strict=True))
    if unwrap_formula_text(cells.get("Student", "")).strip() == TEST_STUDENT:
        log.error(name, "the Canvas test student should be left out", row=number)
        return
    keys = [(key, cells[key].strip()) for key in STUDENT_KEYS if cells.get(key, "").strip()]
    if not keys:
        log.error(
            name, "no ID, SIS User ID or SIS Login ID: Canvas cannot find this student", row=number
        )
    for key in keys:
        if key in seen:
            log.error(
                name,
                f"{key[0]} {key[1]} is already on row {seen[key]}; list each student once",
                row=number,
                column=key[0],
            )
        else:
            seen[key] = number
    for column in header[len(identity) :]:
        value = cells[column].strip()
        if column in ignored or not value or value.upper() == "EX":
            continue
        if not SCORE_NUMBER.fullmatch(value):
            expected = "is not a plain number with '.' decimals (at most four), 'EX' or blank"
            if parse_assignment(column):
                log.error(name, f"{cells[column]!r} {expected}", row=number, column=column)
            else:
                log.warning(
                    name,
                    f"{cells[column]!r} {expected}: fine only if '{column}' is a custom "
                    "column (like Notes) in Canvas, otherwise Canvas refuses it",
                    row=number,
                    column=column,
                )
        elif value.startswith("-"):
            log.warning(name, f"negative score {value}", row=number, column=column)
