"""``gradelib canvas-check`` takes every file Canvas's own importer takes, read as Canvas reads it.

The rules are those of canvas-lms ``lib/gradebook_importer.rb``: the header test
(``row_has_student_headers?``, ``update_column_count``), the separator guess
(``identify_delimiter``), the ``decimal_comma_to_period`` converter, the skipped total
columns (``NON_ASSIGNMENT_COLUMN_HEADERS``) and read-only columns (``readonly_assignment?``).
The two shared cases are copied in tests/fixtures/cases/; every expected message below is
written out in full.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pandas as pd
import pytest
from builder import gradelib_in_process

from gradelib.canvas.canvas_csv import canvas_delimiter, canvas_numbers, read_canvas_rows
from gradelib.canvas.check import check_import_file
from gradelib.canvas.columns import canvas_layout
from gradelib.errors import ProblemLog

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "fixtures" / "cases"
READ_ONLY_TOTALS = CASES / "canvas-check-readonly-totals" / "gradebook.csv"
SEMICOLON = CASES / "canvas-check-semicolon" / "import.csv"
SAMPLE_ROSTER = ROOT / "data" / "sample" / "roster.csv"
HEX_LOGIN = "3f786850e387550fdab836ed7e6dc881de23001b"  # 40 hex digits, as Canvas hashes it


def write(tmp_path: Path, lines: list[str], name: str = "import.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def messages(path: Path) -> list[str]:
    return [str(p) for p in check_import_file(path)]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """``gradelib ARGS`` in this process (``gradelib.cli.main``); tests/test_canvas_check.py
    runs ``canvas-check`` as a real process."""
    return gradelib_in_process(*args)


# ---------------------------------------------------------------- Canvas's own files


@pytest.mark.parametrize(
    "path", [READ_ONLY_TOTALS, SAMPLE_ROSTER], ids=["readonly-totals", "sample-roster"]
)
def test_canvas_export_reimported_unchanged_is_accepted(path: Path) -> None:
    """Totals marked (read only) are skipped by Canvas: not even a note; the sample roster
    (Canvas's layout, its totals and its test student) likewise."""
    assert messages(path) == []
    result = run("canvas-check", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s), 0 warning(s)" in result.stdout
    assert f"{path}: Canvas will accept this file." in result.stdout


def test_european_file_is_read_with_semicolons_and_decimal_commas() -> None:
    text = SEMICOLON.read_text(encoding="utf-8")
    assert canvas_delimiter(text) == ";"
    rows, delimiter = read_canvas_rows(SEMICOLON, ProblemLog())
    assert delimiter == ";"
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Lab 01 (150834)"]
    assert rows[2][0] == "Rivera, Noor"
    # Canvas reads the points possible 10,00 as 10.00 and Noor's 9,5 as 9.5.
    assert canvas_numbers(pd.Series([rows[1][5], rows[2][5]])).tolist() == ["10.00", "9.5"]
    assert messages(SEMICOLON) == []
    result = run("canvas-check", str(SEMICOLON))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not valid CSV" not in result.stdout


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("9,5", "9.5"), ("10,00", "10.00"), ("1.234,5", "1234.5"), ("1,234.00", "1234.00"),
        ("1,234", "1.234"), ("-2,5", "-2.5"), ("85,5%", "85.5%"), ("13.", "13"), (",5", ".5"),
        ("13.50", "13.50"), ("EX", "EX"), ("", ""), ("10001", "10001"), ("A-", "A-"),
    ],
)  # fmt: skip
def test_numbers_as_canvas_reads_them(cell: str, read: str) -> None:
    """decimal_comma_to_period: the last ',' or '.' is the decimal point, others dropped."""
    assert canvas_numbers(pd.Series([cell])).tolist() == [read]


@pytest.mark.parametrize(
    ("lines", "separator"),
    [
        (["a;b;c", "1;2;3", "4;5;6"], ";"),
        (["a,b,c", "1,2,3"], ","),
        (['"x;y",b', "1,2"], ","),
        (["a;b;c", "1;2", "4;5;6"], ","),  # ';' counts disagree: Canvas falls back to ','
        (['"Rivera, Noor";1;2', "a;b;c"], ";"),  # not valid CSV with ',': counts 0 for ','
    ],
)
def test_separator_is_guessed_as_canvas_does(lines: list[str], separator: str) -> None:
    assert canvas_delimiter("\n".join(lines) + "\n") == separator


def test_semicolons_canvas_does_not_detect_are_named(tmp_path: Path) -> None:
    """Three first lines with different ';' counts: Canvas reads ','; the one message says so."""
    path = write(
        tmp_path,
        [
            "Student;ID;SIS Login ID;Section;Lab 01 (150834)",
            "    Points Possible;;;;10,00;",
            '"Rivera, Noor";10001;noorr;DSC 10 - A01;9,5',
        ],
    )
    assert messages(path) == [
        "error: import.csv, row 1: Canvas's importer would stop at this file: the fields "
        "are separated by ';', which Canvas's importer does not see here (it reads ';' only "
        "when the first three lines have as many fields); save the file as CSV with ',' "
        "between fields"
    ]


def test_tab_separated_file_is_one_message(tmp_path: Path) -> None:
    path = write(tmp_path, ["Student\tID\tSection\tLab (1)", *["Ann\t1\tS\t2"] * 40])
    assert messages(path) == [
        "error: import.csv, row 1: Canvas's importer answers 'Invalid header row': the fields "
        "are separated by tabs, which Canvas's importer does not see here; save the file as "
        "CSV with ',' between fields"
    ]


# ---------------------------------------------------------------- identity layouts


def test_split_name_export_is_accepted(tmp_path: Path) -> None:
    """LastName/FirstName (the course shows names split), its test student included."""
    path = write(
        tmp_path,
        [
            "LastName,FirstName,ID,SIS User ID,SIS Login ID,Section,Lab 01 (150834),Current Score",
            "    Points Possible,,,,,,10.00,(read only)",
            "Rivera,Noor,10001,A16000000,noorr,DSC 10 - A01,9.00,90.00",
            f"Student,Test,10099,,{HEX_LOGIN},DSC 10 - A01,,",
        ],
    )
    assert messages(path) == []
    layout = canvas_layout(path.read_text(encoding="utf-8").splitlines()[0].split(","))
    assert layout.identity == (
        "LastName", "FirstName", "ID", "SIS User ID", "SIS Login ID", "Section",
    )  # fmt: skip
    assert layout.split_names and layout.user_id == "ID"


@pytest.mark.parametrize(
    "header",
    [
        "Student,ID,Section",
        "Student,ID,SIS Login ID,Section",
        "LastName,FirstName,ID,SIS Login ID,Section",
        "LastName,FirstName,ID,SIS User ID,SIS Login ID,Integration ID,Root Account,Section",
    ],
)
def test_every_layout_canvas_exports_is_accepted(header: str) -> None:
    layout = canvas_layout([*header.split(","), "Lab 01 (150834)"])
    assert layout.problem is None
    assert layout.identity == tuple(header.split(","))


def test_student_login_section_only_is_accepted_with_one_note(tmp_path: Path) -> None:
    """Canvas reads column 2 as its user ID; with logins there it finds students by name."""
    path = write(
        tmp_path,
        [
            "Student,SIS Login ID,Section,Lab 01 (150834)",
            "    Points Possible,,,10.00",
            '"Rivera, Noor",noorr,DSC 10 - A01,9.00',
            '"Lee, Sam",samlee,DSC 10 - A01,8.50',
        ],
    )
    assert messages(path) == [
        "warning: import.csv, row 1, column SIS Login ID: Canvas's importer takes column 2 "
        "('SIS Login ID') for its own user ID, the 'ID' column of its export, so it finds each "
        "student by the name in Student; keep Canvas's ID column after the name to find them "
        "by ID"
    ]
    result = run("canvas-check", str(path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_found_by_name_two_students_of_one_name_is_an_error(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            "Student,SIS Login ID,Section,Lab 01 (150834)",
            '"Lee, Sam",samlee,DSC 10 - A01,9.00',
            '"Lee, Sam",slee,DSC 10 - A02,8.50',
        ],
    )
    assert messages(path)[1:] == [
        "error: import.csv, row 3: the name 'Lee, Sam' is already on row 2; list each student once"
    ]


# ---------------------------------------------------------------- one cause, one message


def test_a_whole_column_of_bad_cells_is_one_message(tmp_path: Path) -> None:
    rows = [f'"Doe{i:02}, Jane",{1000 + i},jdoe{i:02},S,{i % 10} pts' for i in range(30)]
    path = write(tmp_path, ["Student,ID,SIS Login ID,Section,Lab (1)", *rows])
    assert messages(path) == [
        "error: import.csv, row 2, column Lab (1): '0 pts' is not a number (at most four "
        "decimals), 'EX' or blank (the same on rows 3, 4, 5, 6, 7 and 24 more)"
    ]


def test_rows_of_one_wrong_width_are_one_message(tmp_path: Path) -> None:
    rows = [f'"Doe{i}, Jane",{1000 + i},jdoe{i},S' for i in range(4)]
    path = write(tmp_path, ["Student,ID,SIS Login ID,Section,Lab (1)", *rows])
    assert messages(path) == [
        "error: import.csv, row 2: this row has 4 cells but the header has 5; Canvas requires "
        "every row to be as wide as the header (the same on rows 3, 4 and 5)"
    ]


def test_thousands_comma_in_a_comma_file_is_named(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        ["Student,ID,SIS Login ID,Section,Lab (1)", '"Doe, Jane",1001,jdoe,S,"1,000"'],
    )
    assert messages(path) == [
        "warning: import.csv, row 2, column Lab (1): Canvas reads '1,000' as 1.000 (its last "
        "',' or '.' is the decimal point); write 1000 if that is meant"
    ]
