"""The roster reader takes the layouts Canvas exports and knows the test student exactly.

Layouts: ``Student`` or ``LastName``/``FirstName`` (a course showing names split), with or
without ``SIS User ID``, and a file whose only identity columns are ``Student``,
``SIS Login ID``, ``Section``. The test student is the row Canvas writes for it
(canvas-lms ``Course#student_view_student``: name "Test Student", sortable name
"Student, Test", no SIS User ID, a login that is the 40-hex-digit HMAC-SHA1 of
``Test Student_<id>``); a row that differs in any of these is a student like any other.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builder import ROSTER, run_cli, write_course

import gradelib
from gradelib.canvas.gradebook import read_canvas_export, roster_frame
from gradelib.errors import ProblemLog

HEX_LOGIN = "3f786850e387550fdab836ed7e6dc881de23001b"
SECTION = "CSE 585 001 FA 2024"


def read(tmp_path: Path, lines: list[str]) -> tuple[object, list[str]]:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8"))
    log = ProblemLog()
    return read_canvas_export(path, log), [str(p) for p in log.problems]


def split_roster() -> list[list[str]]:
    """The builder's roster as a course showing names split exports it."""
    header = ["LastName", "FirstName", *ROSTER[0][1:]]
    rows = [header, ["    Points Possible", "", *ROSTER[1][1:]]]
    for row in ROSTER[2:]:
        last, first = row[0].split(", ")
        rows.append([last, first, *row[1:]])
    return rows


def test_split_name_export_reads_as_last_first(tmp_path: Path) -> None:
    export, problems = read(
        tmp_path,
        [
            "LastName,FirstName,ID,SIS User ID,SIS Login ID,Section,Lab 01 (150834)",
            "    Points Possible,,,,,,10.00",
            f"Rivera,Noor,10001,A16000000,noorr,{SECTION},9.00",
            f'O\'Neil,"Kim Lee",10002,A16000001,kimo,{SECTION},',
            f"Student,Test,10099,,{HEX_LOGIN},{SECTION},",
        ],
    )
    assert problems == []
    assert export.identity == (
        "LastName", "FirstName", "ID", "SIS User ID", "SIS Login ID", "Section",
    )  # fmt: skip
    assert roster_frame(export).to_dict("records") == [
        {"uniqname": "noorr", "name": "Rivera, Noor", "section": SECTION, "row": 3},
        {"uniqname": "kimo", "name": "O'Neil, Kim Lee", "section": SECTION, "row": 4},
    ]
    assert [a.canvas_id for a in export.assignments] == ["150834"]


def test_student_login_section_only_reads(tmp_path: Path) -> None:
    export, problems = read(
        tmp_path,
        [
            "Student,SIS Login ID,Section,Lab 01 (150834)",
            "    Points Possible,,,10.00",
            f'"Rivera, Noor",noorr,{SECTION},9.00',
            f'"Student, Test",,{SECTION},',
        ],
    )
    assert problems == []
    assert export.identity == ("Student", "SIS Login ID", "Section")
    assert roster_frame(export).to_dict("records") == [
        {"uniqname": "noorr", "name": "Rivera, Noor", "section": SECTION, "row": 3}
    ]


def test_split_export_without_login_names_the_missing_column(tmp_path: Path) -> None:
    _, problems = read(tmp_path, ["LastName,FirstName,ID,Section,Lab (1)", "Rivera,Noor,1,S,9"])
    assert problems == [
        "error: roster.csv, row 1: missing column(s) SIS Login ID: this does not look like a "
        "Canvas gradebook export (export it with SIS columns: Grades > Export > Export Entire "
        "Gradebook, as a user who can see SIS data)"
    ]


def test_export_without_names_is_not_sent_looking_for_sis_columns(tmp_path: Path) -> None:
    _, problems = read(tmp_path, ["Name,ID,SIS Login ID,Section,Lab (1)", "Noor,1,noorr,S,9"])
    assert problems == [
        "error: roster.csv, row 1: missing column Student (or LastName and FirstName): this "
        "does not look like a Canvas gradebook export"
    ]


@pytest.mark.parametrize(
    ("name", "sis_user", "login"),
    [
        ('"Student, Test"', "", ""),
        ('"Student, Test"', "", HEX_LOGIN),
        ("Test Student", "", ""),
        ("Test Student", "", HEX_LOGIN),
        (' "Student, Test" ', "", ""),
    ],
    ids=["sortable-blank", "sortable-hash", "name-blank", "name-hash", "spaces"],
)
def test_test_student_in_the_spellings_canvas_wrote(
    tmp_path: Path, name: str, sis_user: str, login: str
) -> None:
    export, problems = read(
        tmp_path,
        [
            "Student,ID,SIS User ID,SIS Login ID,Section",
            f'"Rivera, Noor",10001,A16000000,noorr,{SECTION}',
            f"{name.strip()},10099,{sis_user},{login},{SECTION}",
        ],
    )
    assert problems == []
    assert list(export.students["uniqname"]) == ["noorr"]


@pytest.mark.parametrize(
    ("row", "uniqname"),
    [
        (f'"Student, Test",10099,00410099,tstudent,{SECTION}', "tstudent"),
        (f"Test Student,10099,,testuser1,{SECTION}", "testuser1"),
        (f'"Student, Tess",10099,,{HEX_LOGIN},{SECTION}', HEX_LOGIN),
    ],
    ids=["has-sis-id", "other-login", "other-name"],
)
def test_near_test_student_is_a_student(tmp_path: Path, row: str, uniqname: str) -> None:
    """An identity matches exactly or not at all."""
    export, problems = read(
        tmp_path,
        [
            "Student,ID,SIS User ID,SIS Login ID,Section",
            f'"Rivera, Noor",10001,A16000000,noorr,{SECTION}',
            row,
        ],
    )
    assert problems == []
    assert list(export.students["uniqname"]) == ["noorr", uniqname]


def test_european_roster_reads(tmp_path: Path) -> None:
    export, problems = read(
        tmp_path,
        [
            "Student;ID;SIS User ID;SIS Login ID;Section;Lab 01 (150834)",
            "    Points Possible;;;;;10,00",
            f'"Rivera, Noor";10001;A16000000;noorr;{SECTION};9,5',
        ],
    )
    assert problems == []
    assert list(export.students["uniqname"]) == ["noorr"]
    assert export.points_possible[-1] == "10,00"


@pytest.mark.slow
def test_course_with_split_name_roster_grades_and_exports(tmp_path: Path) -> None:
    """The whole course reads a split-name roster; the export keeps its layout and passes
    canvas-check."""
    folder = write_course(tmp_path / "course", roster=split_roster())
    course = gradelib.load_course(folder)
    assert list(course.roster["name"])[:2] == ["Adams, Alice", "Brown, Bob"]
    assert "1099" not in set(course.canvas.students["ID"])
    status, out, err = run_cli("export", folder, "--out", tmp_path / "import.csv")
    assert status == 0, out + err
    header = (tmp_path / "import.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("LastName,FirstName,ID,SIS User ID,SIS Login ID,Section,")


def test_logins_that_are_not_uniqnames_are_one_message(tmp_path: Path) -> None:
    """A whole column of e-mail addresses is one cause: one error naming its rows."""
    rows = [f'"Doe{i}, Jane",{1000 + i},{i:08},jdoe{i}@umich.edu,{SECTION}' for i in range(8)]
    export, problems = read(tmp_path, ["Student,ID,SIS User ID,SIS Login ID,Section", *rows])
    assert problems == [
        "error: roster.csv, row 2, column SIS Login ID: 'jdoe0@umich.edu' is not a uniqname: "
        "expected the uniqname of Doe0, Jane in SIS Login ID (the same on rows 3, 4, 5, 6, 7 "
        "and 2 more)"
    ]
    assert export.students.empty


def test_columns_named_like_the_added_ones_do_not_mislead_the_reader(tmp_path: Path) -> None:
    """Custom columns titled row, name, uniqname: the reader's own columns replace them."""
    export, problems = read(
        tmp_path,
        [
            "Student,ID,SIS User ID,SIS Login ID,Section,row,name,uniqname",
            f'"Rivera, Noor",10001,A16000000,noorr,{SECTION},7,x,y',
        ],
    )
    assert problems == []
    assert roster_frame(export).to_dict("records") == [
        {"uniqname": "noorr", "name": "Rivera, Noor", "section": SECTION, "row": 2}
    ]
