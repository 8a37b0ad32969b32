"""``check_import_file`` / ``gradelib canvas-check``: one test per rule, on tiny CSVs.

Each case is the valid file below with ONE thing changed, written to tmp_path as bytes.
Rows are numbered as a spreadsheet shows them: the header is row 1, the points row is row 2,
Jane is row 3 and Ann is row 4.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from builder import gradelib_in_process, gradelib_process

from gradelib.canvas.check import check_import_file
from gradelib.errors import Problem, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
PAPER = "Paper Summary (88241)"
HEADER = "Student,ID,SIS User ID,SIS Login ID,Section,Paper Summary (88241),Final Project"
POINTS = "    Points Possible,,,,,15.00,20.00"
JANE = '"Doe, Jane",101234,00412345,janedoe,CSE 585 001 FA 2024,13.50,18.00'
ANN = '"Roe, Ann",101240,01022334,annroe,CSE 585 001 FA 2024,15.00,0.00'
VALID = [HEADER, POINTS, JANE, ANN]


def write(tmp_path: Path, lines: list[str], *, eol: str = "\n", bom: bool = False) -> Path:
    path = tmp_path / "import.csv"
    text = "".join(line + eol for line in lines)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def jane_with(paper: str) -> str:
    """Jane's row with ``paper`` (already CSV-quoted if needed) as her Paper Summary cell."""
    return f'"Doe, Jane",101234,00412345,janedoe,CSE 585 001 FA 2024,{paper},18.00'


def where(problems: list[Problem]) -> list[tuple[Severity, int | None, str | None]]:
    return [(p.severity, p.row, p.column) for p in problems]


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is ERROR]


# ---------------------------------------------------------------- file level


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_valid_file_has_no_problems(tmp_path: Path, eol: str) -> None:
    assert check_import_file(write(tmp_path, VALID, eol=eol)) == []


def test_valid_file_with_bom_is_accepted(tmp_path: Path) -> None:
    assert check_import_file(write(tmp_path, VALID, eol="\r\n", bom=True)) == []


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "import.csv"
    # 'ü' in Latin-1 is the single byte 0xFC; it sits at byte 118 (80 + 36 + 2).
    text = "\n".join([HEADER, POINTS, '"Müller, Jan",101250,00412399,jmuller,S,1.00,2.00', ""])
    path.write_bytes(text.encode("latin-1"))
    problems = check_import_file(path)
    assert where(problems) == [(ERROR, None, None)]
    assert "not UTF-8 text (byte 118)" in problems[0].message
    assert "CSV UTF-8" in problems[0].message


def test_mixed_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "import.csv"
    path.write_bytes(f"{HEADER}\r\n{POINTS}\r\n{JANE}\n{ANN}\n".encode())
    problems = check_import_file(path)
    assert where(problems) == [(ERROR, None, None)]
    assert "mixed line endings" in problems[0].message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "import.csv"
    path.write_bytes(b"")
    problems = check_import_file(path)
    assert where(problems) == [(ERROR, None, None)]
    assert "the file is empty" in problems[0].message


def test_file_with_only_a_bom_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "import.csv"
    path.write_bytes(b"\xef\xbb\xbf")
    problems = check_import_file(path)
    assert where(problems) == [(ERROR, None, None)]
    assert "the file is empty" in problems[0].message


def test_header_only_is_a_warning(tmp_path: Path) -> None:
    problems = check_import_file(write(tmp_path, [HEADER, POINTS]))
    assert where(problems) == [(WARNING, None, None)]
    assert "no student rows" in problems[0].message


# ---------------------------------------------------------------- row width


@pytest.mark.parametrize(
    ("row", "cells"),
    [
        ('"Doe, Jane",101234,00412345,janedoe,CSE 585 001 FA 2024,13.50', 6),
        ('"Doe, Jane",101234,00412345,janedoe,CSE 585 001 FA 2024,13.50,18.00,', 8),
        ('"Doe, Jane",101234,00412345,janedoe,CSE 585 001 FA 2024,13.50,18.00,1.00', 8),
    ],
    ids=["narrower", "wider-empty", "wider"],
)
def test_row_not_as_wide_as_header(tmp_path: Path, row: str, cells: int) -> None:
    problems = check_import_file(write(tmp_path, [HEADER, POINTS, ANN, row]))
    assert where(problems) == [(ERROR, 4, None)]
    assert f"this row has {cells} cells but the header has 7" in problems[0].message


def test_row_width_without_points_row(tmp_path: Path) -> None:
    narrow = '"Doe, Jane",101234,00412345,janedoe,CSE 585 001 FA 2024,13.50'
    problems = check_import_file(write(tmp_path, [HEADER, narrow]))
    assert where(problems) == [(ERROR, 2, None)]
    assert "this row has 6 cells" in problems[0].message


def test_points_row_narrower_than_header(tmp_path: Path) -> None:
    problems = check_import_file(write(tmp_path, [HEADER, "    Points Possible,,,,,15.00", JANE]))
    assert where(problems) == [(ERROR, 2, None)]
    assert "this row has 6 cells but the header has 7" in problems[0].message


# ---------------------------------------------------------------- header


@pytest.mark.parametrize(
    "column", ["Final Grade", "Current Score", "Unposted Final Score", "Override Grade"]
)
def test_header_canvas_ignores(tmp_path: Path, column: str) -> None:
    """A total-named column not marked read-only: Canvas takes the file but skips the column."""
    lines = [f"{HEADER},{column}", f"{POINTS},", f"{JANE},91.30", f"{ANN},"]
    problems = check_import_file(write(tmp_path, lines))
    assert where(problems) == [(WARNING, 1, column)]
    reserved = column.removeprefix("Unposted ")
    assert problems[0].message == (
        f"Canvas's importer skips a column whose header contains '{reserved}' (one of its "
        "totals): its cells are not imported; rename the column if they should be"
    )


@pytest.mark.parametrize(
    "column", ["Final Grade", "Current Score", "Unposted Final Score", "Override Grade"]
)
def test_read_only_total_is_fine(tmp_path: Path, column: str) -> None:
    """Canvas's own export: its totals marked (read only) are skipped without a word."""
    lines = [f"{HEADER},{column}", f"{POINTS},(read only)", f"{JANE},A-", f"{ANN},91.30"]
    assert check_import_file(write(tmp_path, lines)) == []


def test_lower_case_total_is_an_assignment_to_canvas(tmp_path: Path) -> None:
    """Canvas's test is case-sensitive: 'final score' is a score column like any other."""
    lines = [f"{HEADER},final score", f"{POINTS},10.00", f"{JANE},9.00", f"{ANN},8.50"]
    assert check_import_file(write(tmp_path, lines)) == []


def test_header_override_score_is_allowed(tmp_path: Path) -> None:
    lines = [f"{HEADER},Override Score", f"{POINTS},", f"{JANE},85.00", f"{ANN},"]
    assert check_import_file(write(tmp_path, lines)) == []


def test_duplicate_header(tmp_path: Path) -> None:
    lines = [f"{HEADER},{PAPER}", f"{POINTS},15.00", f"{JANE},13.50", f"{ANN},15.00"]
    problems = check_import_file(write(tmp_path, lines))
    assert where(problems) == [(ERROR, 1, PAPER)]
    assert "appears twice" in problems[0].message


@pytest.mark.parametrize("first", ["Name", "student"])
def test_first_column_not_student(tmp_path: Path, first: str) -> None:
    header = HEADER.replace("Student", first, 1)
    problems = check_import_file(write(tmp_path, [header, POINTS, JANE, ANN]))
    assert where(problems) == [(ERROR, 1, None)]
    assert "the first column must be 'Student'" in problems[0].message


def test_no_id_or_sis_columns(tmp_path: Path) -> None:
    """One cause, one message: Canvas refuses the header; the rows are not reported too."""
    lines = [
        f"Student,Section,{PAPER}",
        "    Points Possible,,15.00",
        '"Doe, Jane",CSE 585 001 FA 2024,13.50',
    ]
    problems = check_import_file(write(tmp_path, lines))
    assert [str(p) for p in problems] == [
        "error: import.csv, row 1: Canvas's importer answers 'Invalid header row': the "
        "column after 'Student' must be 'ID', as in Canvas's export"
    ]


def test_identity_column_after_score_columns(tmp_path: Path) -> None:
    lines = [
        f"Student,ID,SIS Login ID,Section,{PAPER},SIS User ID",
        "    Points Possible,,,,15.00,",
        '"Doe, Jane",101234,janedoe,CSE 585 001 FA 2024,13.50,00412345',
    ]
    problems = check_import_file(write(tmp_path, lines))
    header_problems = [p for p in problems if p.row == 1]
    assert where(header_problems) == [(ERROR, 1, "SIS User ID")]
    assert "identity column after the score columns" in header_problems[0].message


def test_section_after_score_columns(tmp_path: Path) -> None:
    lines = [
        f"Student,ID,SIS User ID,SIS Login ID,{PAPER},Section",
        "    Points Possible,,,,15.00,",
        '"Doe, Jane",101234,00412345,janedoe,13.50,CSE 585 001 FA 2024',
    ]
    problems = check_import_file(write(tmp_path, lines))
    assert where(errors(problems)) == [(ERROR, 1, None)]
    assert "Canvas's importer needs" in problems[0].message


@pytest.mark.parametrize(
    "lines",
    [
        [
            f"Student,ID,SIS User ID,SIS Login ID,{PAPER},Final Project",
            "    Points Possible,,,,15.00,20.00",
            '"Doe, Jane",101234,00412345,janedoe,13.50,18.00',
        ],
        [
            f"Student,ID,SIS Login ID,SIS User ID,Section,{PAPER},Final Project",
            POINTS,
            '"Doe, Jane",101234,janedoe,00412345,CSE 585 001 FA 2024,13.50,18.00',
        ],
        [
            f"Student,ID,SIS User ID,Section,{PAPER},Final Project",
            "    Points Possible,,,,15.00,20.00",
            '"Doe, Jane",101234,00412345,CSE 585 001 FA 2024,13.50,18.00',
        ],
    ],
    ids=["no-section", "sis-columns-swapped", "sis-user-id-without-login"],
)
def test_identity_block_canvas_refuses(tmp_path: Path, lines: list[str]) -> None:
    """Canvas's importer answers 'Invalid header row' unless the block ends in Section."""
    problems = check_import_file(write(tmp_path, lines))
    assert where(problems) == [(ERROR, 1, None)]
    assert "Canvas's importer needs" in problems[0].message


@pytest.mark.parametrize(
    "identity",
    [
        "Student,ID,Section",
        "Student,ID,SIS Login ID,Section",
        "Student,ID,SIS User ID,SIS Login ID,Integration ID,Root Account,Section",
    ],
)
def test_identity_blocks_canvas_accepts(tmp_path: Path, identity: str) -> None:
    width = identity.count(",") + 1
    values = {
        "Student": '"Doe, Jane"',
        "ID": "101234",
        "SIS User ID": "00412345",
        "SIS Login ID": "janedoe",
        "Integration ID": "0077001",
        "Root Account": "umich.instructure.com",
        "Section": "CSE 585 001 FA 2024",
    }
    lines = [
        f"{identity},{PAPER}",
        "    Points Possible" + "," * width + "15.00",
        ",".join(values[column] for column in identity.split(",")) + ",13.50",
    ]
    assert check_import_file(write(tmp_path, lines)) == []


# ---------------------------------------------------------------- points row


@pytest.mark.parametrize("cell", ["fifteen", "15 pts", "15.001"])
def test_points_row_not_a_plain_number(tmp_path: Path, cell: str) -> None:
    points = f"    Points Possible,,,,,{cell},20.00"
    problems = check_import_file(write(tmp_path, [HEADER, points, JANE, ANN]))
    assert where(problems) == [(ERROR, 2, PAPER)]
    assert "points possible" in problems[0].message
    assert "is not a plain number like 15.00" in problems[0].message


def test_points_row_read_only_is_fine(tmp_path: Path) -> None:
    lines = [f"{HEADER},Notes", f"{POINTS},(read only)", f"{JANE},", f"{ANN},"]
    assert check_import_file(write(tmp_path, lines)) == []


# ---------------------------------------------------------------- score cells


@pytest.mark.parametrize(
    ("cell", "value"),
    [("12.34567", "12.34567"), ("abc", "abc"), ("1e2", "1e2"), ('"13,5 pts"', "13,5 pts")],
    ids=["five-decimals", "text", "exp", "unit"],
)
def test_bad_score_cell(tmp_path: Path, cell: str, value: str) -> None:
    problems = check_import_file(write(tmp_path, [HEADER, POINTS, jane_with(cell), ANN]))
    assert where(problems) == [(ERROR, 3, PAPER)]
    assert problems[0].message == (
        f"{value!r} is not a number (at most four decimals), 'EX' or blank"
    )


def test_percent_score_is_read_as_a_share_of_the_points(tmp_path: Path) -> None:
    """Canvas takes 85% of a 15-point assignment as 12.75 points: a warning says so."""
    problems = check_import_file(write(tmp_path, [HEADER, POINTS, jane_with("85%"), ANN]))
    assert [str(p) for p in problems] == [
        "warning: import.csv, row 3, column Paper Summary (88241): Canvas reads '85%' as 85 % "
        "of the points possible (12.75 of 15.00); write the points to be sure"
    ]


@pytest.mark.parametrize(
    "cell",
    [
        "13.5", "15", "0", "13.50", "EX", "ex", "", " 13.5 ", "5.595", "4.0005",
        '"13,5"', '"1,234.00"', "13.", ".5",
    ],
)  # fmt: skip
def test_good_score_cell(tmp_path: Path, cell: str) -> None:
    assert check_import_file(write(tmp_path, [HEADER, POINTS, jane_with(cell), ANN])) == []


def test_negative_score_is_a_warning(tmp_path: Path) -> None:
    problems = check_import_file(write(tmp_path, [HEADER, POINTS, jane_with("-2.5"), ANN]))
    assert where(problems) == [(WARNING, 3, PAPER)]
    assert "negative score -2.5" in problems[0].message


# ---------------------------------------------------------------- student rows


def test_test_student_row(tmp_path: Path) -> None:
    """Canvas's own export ends with the test student; Canvas finds it by ID: accepted."""
    test = '"Student, Test",101299,,,CSE 585 001 FA 2024,,'
    assert check_import_file(write(tmp_path, [*VALID, test])) == []


def test_same_id_twice_names_both_rows(tmp_path: Path) -> None:
    twin = '"Roe, Ann",101234,01022334,annroe,CSE 585 001 FA 2024,15.00,0.00'
    problems = check_import_file(write(tmp_path, [HEADER, POINTS, JANE, twin]))
    assert where(problems) == [(ERROR, 4, "ID")]
    assert "ID 101234 is already on row 3" in problems[0].message
    assert "list each student once" in problems[0].message


def test_same_sis_login_twice_names_both_rows(tmp_path: Path) -> None:
    twin = '"Doe, Janet",101277,00412377,janedoe,CSE 585 002 FA 2024,15.00,0.00'
    problems = check_import_file(write(tmp_path, [HEADER, POINTS, JANE, ANN, twin]))
    assert where(problems) == [(ERROR, 5, "SIS Login ID")]
    assert "SIS Login ID janedoe is already on row 3" in problems[0].message


def test_student_row_without_any_id(tmp_path: Path) -> None:
    """Canvas then looks the student up by name: a warning, not a refusal."""
    nobody = '"Doe, Jane",,,,CSE 585 001 FA 2024,13.50,18.00'
    problems = check_import_file(write(tmp_path, [HEADER, POINTS, nobody, ANN]))
    assert [str(p) for p in problems] == [
        "warning: import.csv, row 3: no ID, SIS User ID or SIS Login ID: Canvas can find this "
        "student only by the name 'Doe, Jane'"
    ]


# ---------------------------------------------------------------- rows Canvas skips


@pytest.mark.parametrize("word", ["Manual Posting", "Muted"])
def test_preamble_row_is_not_a_student(tmp_path: Path, word: str) -> None:
    lines = [HEADER, f",,,,,{word},", POINTS, JANE, ANN]
    assert errors(check_import_file(write(tmp_path, lines))) == []


@pytest.mark.parametrize("blank", ["", ",,,,,,"], ids=["empty-line", "commas"])
def test_blank_row_is_not_a_student(tmp_path: Path, blank: str) -> None:
    lines = [HEADER, POINTS, blank, JANE, ANN]
    assert errors(check_import_file(write(tmp_path, lines))) == []


# ---------------------------------------------------------------- command line


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """``gradelib ARGS`` in this process (``gradelib.cli.main``); one test below runs the
    real ``python -m gradelib`` process."""
    return gradelib_in_process(*args)


def test_cli_valid_file_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path, VALID)
    result = run("canvas-check", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s), 0 warning(s)" in result.stdout
    assert "Canvas will accept this file" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.slow
def test_cli_bad_file_exits_1(tmp_path: Path) -> None:
    """In a real ``python -m gradelib`` process, as a GSI runs it."""
    path = write(tmp_path, [HEADER, POINTS, jane_with("85 pts"), ANN])
    result = gradelib_process("canvas-check", path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "error: import.csv, row 3, column Paper Summary (88241): '85 pts' is not" in result.stdout
    )
    assert "1 error(s), 0 warning(s)" in result.stdout
    assert "Canvas will accept" not in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_cli_warning_only_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path, [HEADER, POINTS, jane_with("-1"), ANN])
    result = run("canvas-check", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning: import.csv, row 3, column Paper Summary (88241): negative" in result.stdout


@pytest.mark.parametrize("kind", ["missing", "latin-1", "empty"])
def test_cli_unusable_file_exits_1(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "import.csv"
    if kind == "latin-1":
        path.write_bytes("Student,ID\nM\u00fcller,1\n".encode("latin-1"))
    elif kind == "empty":
        path.write_bytes(b"")
    result = run("canvas-check", str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "error: import.csv" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
