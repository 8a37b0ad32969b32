"""A tiny hand-made course folder for tests, small enough to work every number out by hand.

Six students in three groups (g3 is a group of one), four attendance dates of which
three are paper lectures, one grader per item unless a test adds one. Tests copy
``base_tables()``, change what they need and call ``write_course``.

Class days (America/Detroit, class 10:30–12:00):

====== ============= ========= ========== ========
date   kind          presenter summarizer reviewer
====== ============= ========= ========== ========
09-03  lecture       g1        g2         g3
09-05  lecture       g2        g3         g1
09-10  no-lecture
09-12  lecture       g3        g1         g2
10-22  presentations
====== ============= ========= ========== ========
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

import openpyxl

STUDENTS = ["alice", "bob", "carol", "dave", "erin", "frank"]

ROSTER = [
    ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Paper Presentation (88240)"],
    ["    Points Possible", "", "", "", "", "15.00"],
    ["Adams, Alice", "1001", "00001001", "alice", "CSE 585 001 FA 2024", ""],
    ["Brown, Bob", "1002", "00001002", "bob", "CSE 585 001 FA 2024", ""],
    ["Clark, Carol", "1003", "00001003", "carol", "CSE 585 001 FA 2024", ""],
    ["Diaz, Dave", "1004", "00001004", "dave", "CSE 585 001 FA 2024", ""],
    ["Evans, Erin", "1005", "00001005", "erin", "CSE 585 001 FA 2024", ""],
    ["Fox, Frank", "1006", "00001006", "frank", "CSE 585 001 FA 2024", ""],
    ["Student, Test", "1099", "", "", "CSE 585 001 FA 2024", ""],
]

BASE_TABLES: dict[str, list[list[object]]] = {
    "groups": [
        ["group", "uniqname"],
        ["g1", "alice"], ["g1", "bob"], ["g1", "carol"],
        ["g2", "dave"], ["g2", "erin"],
        ["g3", "frank"],
    ],
    "schedule": [
        ["date", "kind", "topic", "presenter", "summarizer", "reviewer"],
        ["2024-09-03", "lecture", "GenAI Basics", "g1", "g2", "g3"],
        ["2024-09-05", "lecture", "GenAI Basics", "g2", "g3", "g1"],
        ["2024-09-10", "no-lecture", "Work on Projects", "", "", ""],
        ["2024-09-12", "lecture", "Pre-Training", "g3", "g1", "g2"],
        ["2024-10-22", "presentations", "Mid-Semester Presentations", "", "", ""],
    ],
    # Everyone present everywhere (sign-ins without status).
    "attendance": [["date", "uniqname", "status"]]
    + [[day, name, ""] for day in ("2024-09-03", "2024-09-05", "2024-09-12", "2024-10-22")
       for name in STUDENTS],
    # Every student asks an on-time question for every lecture they do not present.
    "questions": [["timestamp", "uniqname", "date"]]
    + [[f"{day} 09:00:00", name, day]
       for day, presenters in (("2024-09-03", "g1"), ("2024-09-05", "g2"), ("2024-09-12", "g3"))
       for name, group in (("alice", "g1"), ("bob", "g1"), ("carol", "g1"), ("dave", "g2"),
                           ("erin", "g2"), ("frank", "g3"))
       if group != presenters],
    "piazza": [["name", "email", "contributions"]]
    + [[name.title(), f"{name}@umich.edu", 5] for name in STUDENTS],
}  # fmt: skip

# Each rubric: header, max row, score rows. Scores chosen so item scores are round.
BASE_RUBRICS: dict[str, list[list[object]]] = {
    "presentation": [
        ["group", "date", "grader", "submitted", "content", "delivery"],
        ["max", None, None, None, 10, 10],
        ["g1", dt.date(2024, 9, 3), "insujang", dt.datetime(2024, 9, 1, 9, 0), 9, 9],   # 90
        ["g2", dt.date(2024, 9, 5), "insujang", dt.datetime(2024, 9, 3, 9, 0), 8, 8],   # 80
        ["g3", dt.date(2024, 9, 12), "insujang", dt.datetime(2024, 9, 10, 9, 0), 7, 7],  # 70
    ],
    "summary": [
        ["group", "date", "grader", "submitted", "quality"],
        ["max", None, None, None, 20],
        ["g2", dt.date(2024, 9, 3), "insujang", dt.datetime(2024, 9, 3, 20, 0), 17],  # 85
        ["g3", dt.date(2024, 9, 5), "insujang", dt.datetime(2024, 9, 5, 20, 0), 15],  # 75
        ["g1", dt.date(2024, 9, 12), "insujang", dt.datetime(2024, 9, 12, 20, 0), 19],  # 95
    ],
    "proposal": [
        ["group", "grader", "score"],
        ["max", None, 10],
        ["g1", "insujang", 8], ["g2", "insujang", 10], ["g3", "insujang", 6],  # 80 100 60
    ],
    "final_report": [
        ["group", "grader", "score"],
        ["max", None, 100],
        ["g1", "insujang", 92], ["g2", "insujang", 88], ["g3", "insujang", 60],
    ],
    "midterm_presentation": [
        ["group", "grader", "score"],
        ["max", None, 20],
        ["g1", "insujang", 18], ["g2", "insujang", 16], ["g3", "insujang", 12],  # 90 80 60
    ],
    "poster": [
        ["group", "grader", "score"],
        ["max", None, 20],
        ["g1", "insujang", 20], ["g2", "insujang", 18], ["g3", "insujang", 14],  # 100 90 70
    ],
}  # fmt: skip


def base_tables() -> dict[str, list[list[object]]]:
    """A fresh copy of the base course's plain tables."""
    return copy.deepcopy(BASE_TABLES)


def base_rubrics() -> dict[str, list[list[object]]]:
    """A fresh copy of the base course's rubric sheets."""
    return copy.deepcopy(BASE_RUBRICS)


def write_csv(
    path: Path, rows: list[list[object]], *, bom: bool = False, crlf: bool = False
) -> None:
    """Write rows as CSV (``None`` as a blank cell)."""
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n" if crlf else "\n")
        writer.writerows([["" if cell is None else cell for cell in row] for row in rows])


def make_workbook(sheets: dict[str, list[list[object]]]) -> openpyxl.Workbook:
    """A workbook with one sheet per entry (``None`` as an empty cell), not yet saved."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    return book


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    """Write sheets of rows to a workbook (``None`` as an empty cell)."""
    make_workbook(sheets).save(path)


def write_course(
    folder: Path,
    tables: dict[str, list[list[object]]] | None = None,
    rubrics: dict[str, list[list[object]]] | None = None,
    *,
    policy: str | None = None,
    overrides: list[list[object]] | None = None,
    roster: list[list[object]] | None = None,
) -> Path:
    """Write a course folder (the base course unless parts are given) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "roster.csv", roster if roster is not None else ROSTER, bom=True, crlf=True)
    for name, rows in (tables if tables is not None else base_tables()).items():
        write_csv(folder / f"{name}.csv", rows)
    write_xlsx(folder / "rubrics.xlsx", rubrics if rubrics is not None else base_rubrics())
    if policy is not None:
        (folder / "policy.toml").write_text(policy, encoding="utf-8")
    if overrides is not None:
        write_csv(
            folder / "overrides.csv", [["uniqname", "component", "value", "reason"], *overrides]
        )
    return folder


def fingerprint(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by relative path (to prove nothing changed)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def gradelib_check(folder: Path, *, timeout: float) -> tuple[int, str]:
    """Run ``gradelib check FOLDER`` as a user would: exit status and stdout + stderr.

    Asserts that no traceback is printed and that no file of the folder was changed,
    added or removed.
    """
    before = fingerprint(folder)
    result = subprocess.run(
        [sys.executable, "-m", "gradelib", "check", str(folder)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert fingerprint(folder) == before, "gradelib check changed the course folder"
    return result.returncode, output
