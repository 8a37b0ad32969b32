"""Reading Canvas gradebook exports (``read_canvas_export``) with every quirk Canvas writes.

The exports are files in tests/fixtures/canvas/, written byte for byte as Canvas's exporter
writes them (UTF-8 BOM, CRLF) unless the fixture is about another variant:

- ``canvas-gradebook-export.csv``: a byte-for-byte copy of shared/examples (synthetic).
- ``full-export.csv``: Manual Posting row, a blank line, the points row, ``Notes``, four
  assignment columns with ids, totals up to ``Override Score``/``Override Grade``, two
  ``="..."`` names (one with ``""`` quotes inside), a two-section student, the test student.
- ``integration-export.csv``: ``Integration ID`` and ``Root Account`` before ``Section``,
  and a ``="..."`` name whose inner quotes Canvas left undoubled.
- ``muted-export.csv``: an older export with a ``Muted`` row and a row of commas.
- ``no-manual-posting.csv``: nothing manually posted, so no Manual Posting row.
- ``lf-no-bom.csv``: LF line endings and no BOM.
- ``no-sis-login.csv``, ``blank-login.csv``, ``duplicate-login.csv``: the bad variants.

Every expected value below is written by hand from the fixture's text, and every ``row`` is
the line number of the student in the file (the header is line 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from gradelib.canvas.gradebook import (
    CanvasExport,
    read_canvas_export,
    roster_frame,
    unwrap_formula_text,
)
from gradelib.errors import ProblemLog, Severity

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "canvas"
BOM = b"\xef\xbb\xbf"
RO = "(read only)"
S1 = "CSE 585 001 FA 2024"
S2 = "CSE 585 002 FA 2024"
IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")


def read(name: str) -> tuple[CanvasExport | None, ProblemLog]:
    log = ProblemLog()
    return read_canvas_export(FIXTURES / name, log), log


@dataclass(frozen=True)
class Expected:
    """What one good fixture must read as."""

    identity: tuple[str, ...]
    assignments: tuple[tuple[str, str, str], ...]  # header, title, canvas id
    points: tuple[str, ...]
    raw_names: tuple[str, ...]  # the Student cells as exported
    names: tuple[str, ...]  # unwrapped
    uniqnames: tuple[str, ...]
    rows: tuple[int, ...]  # line numbers in the file
    canvas_ids: tuple[str, ...]
    sis_user_ids: tuple[str, ...]
    sections: tuple[str, ...]


GOOD = {
    "canvas-gradebook-export.csv": Expected(
        identity=IDENTITY,
        assignments=(
            ("Course Survey (88231)", "Course Survey", "88231"),
            ("Paper Presentation (88240)", "Paper Presentation", "88240"),
        ),
        points=("    Points Possible", "", "", "", "", "", "1.00", "15.00", *[RO] * 12),
        raw_names=("Doe, Jane", "O'Neil, Kim", '="=Lee, Sam"'),
        names=("Doe, Jane", "O'Neil, Kim", "=Lee, Sam"),
        uniqnames=("janedoe", "kimo", "samlee"),
        rows=(4, 5, 6),
        canvas_ids=("101234", "101240", "101251"),
        sis_user_ids=("00412345", "01022334", "00007001"),
        sections=(S1, S1, f"{S1} and {S2}"),
    ),
    "full-export.csv": Expected(
        identity=IDENTITY,
        assignments=(
            ("Course Survey (88231)", "Course Survey", "88231"),
            ("Paper Summary (88241)", "Paper Summary", "88241"),
            ("Paper Presentation (88240)", "Paper Presentation", "88240"),
            ("Final Project (88250)", "Final Project", "88250"),
        ),
        points=(
            "    Points Possible",
            *[""] * 5,
            "1.00",
            "5.00",
            "15.00",
            "40.00",
            *[RO] * 11,
        ),
        raw_names=("Doe, Jane", '="=Lee, Sam"', '="=Park ""KJ"", Kim"', "O'Neil, Kim"),
        names=("Doe, Jane", "=Lee, Sam", '=Park "KJ", Kim', "O'Neil, Kim"),
        uniqnames=("janedoe", "samlee", "kjpark", "kimo"),
        rows=(5, 6, 7, 8),
        canvas_ids=("101234", "101251", "101262", "101240"),
        sis_user_ids=("00412345", "00007001", "00000420", "01022334"),
        sections=(S1, f"{S1} and {S2}", S2, S1),
    ),
    "integration-export.csv": Expected(
        identity=(
            "Student",
            "ID",
            "SIS User ID",
            "SIS Login ID",
            "Integration ID",
            "Root Account",
            "Section",
        ),
        assignments=(
            ("Paper Summary (88241)", "Paper Summary", "88241"),
            ("Paper Presentation (88240)", "Paper Presentation", "88240"),
        ),
        points=("    Points Possible", *[""] * 6, "5.00", "15.00", RO, RO),
        raw_names=("Abbott, Lena", '="=Ng "Bo", Al"', "Zhou, Wei"),
        names=("Abbott, Lena", '=Ng "Bo", Al', "Zhou, Wei"),
        uniqnames=("labbott", "alng", "weizhou"),
        rows=(4, 5, 6),
        canvas_ids=("102001", "102003", "102002"),
        sis_user_ids=("00900001", "00900003", "00900002"),
        sections=(S1, S2, S1),
    ),
    "muted-export.csv": Expected(
        identity=IDENTITY,
        assignments=(
            ("Paper Summary (88241)", "Paper Summary", "88241"),
            ("Quiz (2) (88260)", "Quiz (2)", "88260"),
        ),
        points=("    Points Possible", "", "", "", "", "5.00", "10.00", RO, RO),
        raw_names=("Baker, Tom", "Cruz, Ana"),
        names=("Baker, Tom", "Cruz, Ana"),
        uniqnames=("tbaker", "anacruz"),
        rows=(5, 6),
        canvas_ids=("103001", "103002"),
        sis_user_ids=("00050001", "00050002"),
        sections=(S1, S1),
    ),
    "no-manual-posting.csv": Expected(
        identity=IDENTITY,
        assignments=(("Paper Summary (88241)", "Paper Summary", "88241"),),
        points=("    Points Possible", "", "", "", "", "5.00", RO, RO),
        raw_names=("Diaz, Rosa", "Evans, Lee"),
        names=("Diaz, Rosa", "Evans, Lee"),
        uniqnames=("rdiaz", "leevans"),
        rows=(3, 4),
        canvas_ids=("104001", "104002"),
        sis_user_ids=("00060001", "00060002"),
        sections=(S1, S1),
    ),
    "lf-no-bom.csv": Expected(
        identity=IDENTITY,
        assignments=(("Paper Summary (88241)", "Paper Summary", "88241"),),
        points=("    Points Possible", "", "", "", "", "5.00", RO),
        raw_names=("Fox, Sam", '="=Gray, Ida"'),
        names=("Fox, Sam", "=Gray, Ida"),
        uniqnames=("samfox", "idagray"),
        rows=(4, 5),
        canvas_ids=("105001", "105002"),
        sis_user_ids=("00070001", "00070002"),
        sections=(S1, S2),
    ),
}


# ---------------------------------------------------------------- the fixtures themselves


@pytest.mark.parametrize(
    ("name", "bom", "eol"),
    [
        ("full-export.csv", True, b"\r\n"),
        ("integration-export.csv", True, b"\r\n"),
        ("muted-export.csv", True, b"\r\n"),
        ("no-manual-posting.csv", True, b"\r\n"),
        ("no-sis-login.csv", True, b"\r\n"),
        ("blank-login.csv", True, b"\r\n"),
        ("duplicate-login.csv", True, b"\r\n"),
        ("lf-no-bom.csv", False, b"\n"),
        # The shared example has a BOM but LF line endings (its README says CRLF).
        ("canvas-gradebook-export.csv", True, b"\n"),
    ],
)
def test_fixture_bytes_carry_the_quirk(name: str, bom: bool, eol: bytes) -> None:
    data = (FIXTURES / name).read_bytes()
    assert data.startswith(BOM) is bom
    assert data.endswith(eol)
    lines = data.split(b"\n")[:-1]
    assert all(line.endswith(b"\r") is (eol == b"\r\n") for line in lines)


def test_example_fixture_is_the_shared_example() -> None:
    shared = Path("/work/shared/examples/canvas-gradebook-export.csv")
    if not shared.is_file():
        pytest.skip("the shared example is not on this machine")
    assert (FIXTURES / "canvas-gradebook-export.csv").read_bytes() == shared.read_bytes()


# ---------------------------------------------------------------- good exports


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_export_reads_without_problems(name: str) -> None:
    export, log = read(name)
    assert export is not None
    assert log.problems == []


@pytest.mark.parametrize("name", sorted(GOOD))
def test_identity_block(name: str) -> None:
    export, _ = read(name)
    assert export.identity == GOOD[name].identity
    assert export.header[0] == "Student"  # BOM removed


@pytest.mark.parametrize("name", sorted(GOOD))
def test_assignments(name: str) -> None:
    export, _ = read(name)
    found = tuple((a.header, a.title, a.canvas_id) for a in export.assignments)
    assert found == GOOD[name].assignments


@pytest.mark.parametrize("name", sorted(GOOD))
def test_points_possible_row(name: str) -> None:
    export, _ = read(name)
    assert export.points_possible == GOOD[name].points


@pytest.mark.parametrize("name", sorted(GOOD))
def test_students_in_order_with_line_numbers(name: str) -> None:
    export, _ = read(name)
    students = export.students
    expected = GOOD[name]
    assert tuple(students["uniqname"]) == expected.uniqnames
    assert tuple(int(row) for row in students["row"]) == expected.rows


@pytest.mark.parametrize("name", sorted(GOOD))
def test_names_unwrapped_raw_student_cell_kept(name: str) -> None:
    export, _ = read(name)
    assert tuple(export.students["name"]) == GOOD[name].names
    assert tuple(export.students["Student"]) == GOOD[name].raw_names


@pytest.mark.parametrize("name", sorted(GOOD))
def test_ids_are_text_with_leading_zeros(name: str) -> None:
    export, _ = read(name)
    assert tuple(export.students["ID"]) == GOOD[name].canvas_ids
    assert tuple(export.students["SIS User ID"]) == GOOD[name].sis_user_ids
    assert all(isinstance(value, str) for value in export.students["SIS User ID"])


@pytest.mark.parametrize("name", sorted(GOOD))
def test_sections(name: str) -> None:
    export, _ = read(name)
    assert tuple(export.students["Section"]) == GOOD[name].sections


@pytest.mark.parametrize("name", sorted(GOOD))
def test_test_student_preamble_and_blank_rows_are_gone(name: str) -> None:
    export, _ = read(name)
    names = list(export.students["name"])
    raw = list(export.students["Student"])
    assert "Student, Test" not in names
    assert all(cell.strip() for cell in raw)  # Manual Posting / Muted / blank rows
    assert not any("Points Possible" in cell for cell in raw)
    assert len(export.students) == len(GOOD[name].uniqnames)


def test_full_export_keeps_every_column_as_text() -> None:
    export, _ = read("full-export.csv")
    students = export.students
    assert list(students["Notes"]) == ["", "late add", "", "drop, then re-add"]
    assert list(students["Paper Summary (88241)"]) == ["4.50", "", "EX", "3.00"]
    assert list(students["Override Score"]) == ["", "", "", "85.00"]
    assert list(students["Unposted Final Grade"]) == ["A-", "E", "E", "E"]
    assert export.header[-2:] == ("Override Score", "Override Grade")
    assert len(export.header) == 21


def test_two_section_student_in_roster_frame() -> None:
    export, _ = read("full-export.csv")
    frame = roster_frame(export)
    assert frame.to_dict("records") == [
        {"uniqname": "janedoe", "name": "Doe, Jane", "section": S1, "row": 5},
        {"uniqname": "samlee", "name": "=Lee, Sam", "section": f"{S1} and {S2}", "row": 6},
        {"uniqname": "kjpark", "name": '=Park "KJ", Kim', "section": S2, "row": 7},
        {"uniqname": "kimo", "name": "O'Neil, Kim", "section": S1, "row": 8},
    ]


def test_integration_export_keeps_integration_and_root_account() -> None:
    export, _ = read("integration-export.csv")
    assert list(export.students["Integration ID"]) == ["0077001", "", ""]
    assert list(export.students["Root Account"]) == ["umich.instructure.com"] * 3


@pytest.mark.parametrize(
    ("cell", "name"),
    [
        ('="=Lee, Sam"', "=Lee, Sam"),
        ('="=Park ""KJ"", Kim"', '=Park "KJ", Kim'),
        ('="=Ng "Bo", Al"', '=Ng "Bo", Al'),
        ("Doe, Jane", "Doe, Jane"),
        ("=Lee, Sam", "=Lee, Sam"),
        ('="', '="'),
        ("", ""),
    ],
)
def test_unwrap_formula_text(cell: str, name: str) -> None:
    assert unwrap_formula_text(cell) == name


# ---------------------------------------------------------------- bad exports


def test_export_without_sis_login_id_is_refused() -> None:
    export, log = read("no-sis-login.csv")
    assert export is None
    assert [str(p) for p in log.problems] == [
        "error: no-sis-login.csv, row 1: missing column(s) SIS Login ID: this does not look "
        "like a Canvas gradebook export (export it with SIS columns: Grades > Export > "
        "Export Entire Gradebook, as a user who can see SIS data)"
    ]


def test_blank_sis_login_id_is_an_error_on_its_row() -> None:
    export, log = read("blank-login.csv")
    assert [str(p) for p in log.problems] == [
        "error: blank-login.csv, row 5, column SIS Login ID: blank: expected the uniqname "
        "of Hill, Ona in SIS Login ID"
    ]
    assert log.problems[0].severity is Severity.ERROR
    assert export is not None
    assert list(export.students["uniqname"]) == ["rdiaz", "leevans"]
    assert [int(row) for row in export.students["row"]] == [4, 6]


def test_same_login_twice_is_an_error_on_the_second_row() -> None:
    export, log = read("duplicate-login.csv")
    assert [str(p) for p in log.problems] == [
        "error: duplicate-login.csv, row 5, column SIS Login ID: uniqname 'rdiaz' is already "
        "on row 3; list each student once"
    ]
    assert export is not None
    assert list(export.students["uniqname"]) == ["rdiaz", "leevans"]
    assert [int(row) for row in export.students["row"]] == [3, 4]


def test_header_naming_a_column_twice_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,Student\n"
        '"Doe, Jane",101234,00412345,janedoe,CSE 585 001 FA 2024,x\n',
        encoding="utf-8",
    )
    log = ProblemLog()
    assert read_canvas_export(path, log) is None
    assert [str(p) for p in log.problems] == [
        "error: roster.csv, row 1: the header names 'Student' twice"
    ]
