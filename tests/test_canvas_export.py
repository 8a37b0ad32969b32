"""Writing the Canvas import file: one test per rule, numbers worked out by hand.

The tiny course (tests/builder.py) in points mode, each component out of its weight:

======= ======= ======= ======= ======= ======= =====
student present summary partic. report  talks   total
======= ======= ======= ======= ======= ======= =====
alice   13.50   14.25   10.00   35.60   19.00   92.35
dave    12.00   12.75   10.00   36.40   17.00   88.15
frank   10.50   11.25   10.00   24.00   13.00   68.75
======= ======= ======= ======= ======= ======= =====

(alice: 90 % of 15, 95 % of 15, 100 % of 10, 89 % of 40, 95 % of 20.)
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import stat
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from builder import ROSTER, base_rubrics, write_course, write_csv

import gradelib
from gradelib.canvas.check import check_import_file
from gradelib.canvas.gradebook import read_canvas_export
from gradelib.errors import ExportError, ProblemLog
from gradelib.export.to_canvas import export_to_canvas, manifest_path

#: Each test grades a course end to end; ``make quick`` keeps those marked ``quick``.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
COMPONENT_HEADERS = [
    "Paper Presentation (88240)",
    "Paper Summary",
    "Participation",
    "Project Report",
    "Project Presentations",
]
NOW = datetime(2024, 12, 18, 15, 0, tzinfo=UTC)


def exported(folder: Path, **parts) -> tuple[list[list[str]], Path]:
    """Write a course, export it, and return the CSV's rows and its path."""
    course = gradelib.load_course(write_course(folder / "course", **parts))
    out = folder / "out" / "import.csv"
    export_to_canvas(course, out, now=NOW)
    with out.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle)), out


def by_login(rows: list[list[str]]) -> dict[str, list[str]]:
    """Student rows by SIS Login ID (column 4)."""
    return {row[3]: row for row in rows[2:]}


def test_identity_block_is_copied_with_ids_as_text(tmp_path: Path) -> None:
    rows, _ = exported(tmp_path)
    assert rows[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert by_login(rows)["alice"][:5] == [
        "Adams, Alice",
        "1001",
        "00001001",
        "alice",
        "CSE 585 001 FA 2024",
    ]


def test_one_row_per_student_and_no_test_student(tmp_path: Path) -> None:
    rows, _ = exported(tmp_path)
    assert [row[3] for row in rows[2:]] == ["alice", "bob", "carol", "dave", "erin", "frank"]
    assert all(row[0] != "Student, Test" for row in rows)


def test_existing_column_is_reused_with_its_id_and_others_are_new(tmp_path: Path) -> None:
    rows, _ = exported(tmp_path)
    assert rows[0][5:] == COMPONENT_HEADERS


def test_configured_title_matches_ignoring_case_and_spaces(tmp_path: Path) -> None:
    policy = '[canvas_titles]\npresentation = "paper  PRESENTATION"\n'
    rows, _ = exported(tmp_path, policy=policy)
    assert rows[0][5] == "Paper Presentation (88240)"


@pytest.mark.quick
def test_configured_title_canvas_would_drop_is_refused(tmp_path: Path) -> None:
    policy = '[canvas_titles]\nproject_report = "Final Grade of the Report"\n'
    folder = write_course(tmp_path / "course", policy=policy)
    course, problems = gradelib.check_course(folder)
    assert course is None
    assert any(
        "policy.toml, line 2, column project_report" in str(p) and "Final Grade" in str(p)
        for p in problems
    )


def test_points_possible_row_in_points_mode(tmp_path: Path) -> None:
    rows, _ = exported(tmp_path)
    assert rows[1] == [
        "    Points Possible",
        "",
        "",
        "",
        "",
        "15.00",
        "15.00",
        "10.00",
        "40.00",
        "20.00",
    ]


def test_points_mode_values_add_up_to_the_final(tmp_path: Path) -> None:
    rows = by_login(exported(tmp_path)[0])
    assert rows["alice"][5:] == ["13.50", "14.25", "10.00", "35.60", "19.00"]
    assert rows["dave"][5:] == ["12.00", "12.75", "10.00", "36.40", "17.00"]
    assert rows["frank"][5:] == ["10.50", "11.25", "10.00", "24.00", "13.00"]


def test_percent_mode(tmp_path: Path) -> None:
    rows, _ = exported(tmp_path, policy='[canvas]\nmode = "percent"\n')
    assert rows[1][5:] == ["100.00"] * 5
    assert by_login(rows)["alice"][5:] == ["90.00", "95.00", "100.00", "89.00", "95.00"]


def test_cents_are_apportioned_so_canvas_total_is_the_final(tmp_path: Path) -> None:
    # Every component 92.995 %: exact points 13.94925, 13.94925, 9.2995, 37.198, 18.599
    # add up to 92.995, our final 93.00 (an A). Rounded down they would give 92.95.
    keys = ["presentation", "summary", "participation", "project_report", "project_presentations"]
    overrides = [["alice", key, "92.995", "test"] for key in keys]
    rows = by_login(exported(tmp_path, overrides=overrides)[0])
    assert rows["alice"][5:] == ["13.95", "13.95", "9.30", "37.20", "18.60"]
    assert sum(float(v) for v in rows["alice"][5:]) == pytest.approx(93.00)


def test_one_fractional_cent_goes_to_the_largest_remainder(tmp_path: Path) -> None:
    # participation 92.934 % of 10 = 9.2934, project report 89.009 % of 40 = 35.6036.
    # Rounded one by one: 9.29 + 35.60, total 91.64; but the exact total 91.647 rounds to
    # the final 91.65, so the larger remainder (.36 of a cent, the report) gets the cent.
    overrides = [
        ["alice", "participation", "92.934", "test"],
        ["alice", "project_report", "89.009", "test"],
    ]
    grades = gradelib.compute_grades(
        gradelib.load_course(write_course(tmp_path / "g", overrides=overrides))
    )
    assert grades.set_index("uniqname").loc["alice", "final"] == 91.65
    rows = by_login(exported(tmp_path, overrides=overrides)[0])
    assert rows["alice"][5:] == ["13.50", "14.25", "9.29", "35.61", "19.00"]


def test_ungraded_component_is_blank(tmp_path: Path) -> None:
    # g2's midterm presentation and poster are both ungraded: project presentations has
    # no graded item. dave's other points 12.00 + 12.75 + 10.00 + 36.40 = 71.15 of 80
    # possible, 88.9375 %: Canvas's 88.94, dave's current.
    rubrics = base_rubrics()
    for sheet in ("midterm_presentation", "poster"):
        rubrics[sheet] = [r for r in rubrics[sheet] if r[0] != "g2"]
    rows = by_login(exported(tmp_path, rubrics=rubrics)[0])
    assert rows["dave"][5:] == ["12.00", "12.75", "10.00", "36.40", ""]


def test_partly_graded_component_counts_its_graded_items(tmp_path: Path) -> None:
    # Only g2's poster is ungraded: project presentations is the midterm alone (80 %),
    # 16.00 of 20 (SPEC: a component's current value is over its graded items).
    rubrics = base_rubrics()
    rubrics["poster"] = [r for r in rubrics["poster"] if r[0] != "g2"]
    rows = by_login(exported(tmp_path, rubrics=rubrics)[0])
    assert rows["dave"][5:] == ["12.00", "12.75", "10.00", "36.40", "16.00"]


def test_proposal_counts_before_the_final_report_is_graded(tmp_path: Path) -> None:
    # g1's final report ungraded: project report is the proposal alone (80 %), 32.00 of 40.
    # alice: 13.50 + 14.25 + 10.00 + 32.00 + 19.00 = 88.75 of 100, her current 88.75.
    rubrics = base_rubrics()
    rubrics["final_report"] = [r for r in rubrics["final_report"] if r[0] != "g1"]
    rows = by_login(exported(tmp_path, rubrics=rubrics)[0])
    assert rows["alice"][5:] == ["13.50", "14.25", "10.00", "32.00", "19.00"]


def test_excused_component_is_EX(tmp_path: Path) -> None:
    rows = by_login(exported(tmp_path, overrides=[["dave", "summary", "excused", "Late add"]])[0])
    assert rows["dave"][5:] == ["12.00", "EX", "10.00", "36.40", "17.00"]


def test_override_score_column_whenever_a_final_override_exists(tmp_path: Path) -> None:
    overrides = [["frank", "final", "73", "Incomplete resolved"]]
    rows, _ = exported(tmp_path, overrides=overrides)  # default policy
    assert rows[0][-1] == "Override Score"
    assert rows[1][-1] == ""
    assert by_login(rows)["alice"][-1] == ""  # no override: Canvas's own total
    assert by_login(rows)["frank"][-1] == "73.00"
    assert by_login(rows)["frank"][5:10] == ["10.50", "11.25", "10.00", "24.00", "13.00"]


def test_no_override_score_column_without_final_overrides(tmp_path: Path) -> None:
    rows, _ = exported(tmp_path, overrides=[["dave", "summary", "excused", "Late add"]])
    assert "Override Score" not in rows[0]


def test_csv_is_utf8_without_bom_lf_and_rectangular(tmp_path: Path) -> None:
    _, out = exported(tmp_path)
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    assert data.count(b"\n") == 8  # header, points, six students
    assert b'"Adams, Alice",1001,00001001,alice' in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert {len(row) for row in rows} == {10}


def test_written_file_passes_canvas_check_and_is_private(tmp_path: Path) -> None:
    _, out = exported(tmp_path)
    assert check_import_file(out) == []
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert stat.S_IMODE(manifest_path(out).stat().st_mode) == 0o600
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "import.csv",
        "import.csv.manifest.json",
    ]


def roster_with_alice_score(score: str) -> list[list[object]]:
    roster = copy.deepcopy(ROSTER)
    roster[2][5] = score  # alice's "Paper Presentation (88240)"
    return roster


def test_blank_that_would_delete_a_canvas_score_needs_a_flag(tmp_path: Path) -> None:
    rubrics = base_rubrics()
    rubrics["presentation"] = [r for r in rubrics["presentation"] if r[0] != "g1"]
    folder = write_course(tmp_path / "c", rubrics=rubrics, roster=roster_with_alice_score("13.50"))
    course = gradelib.load_course(folder)
    out = tmp_path / "import.csv"
    with pytest.raises(ExportError) as refused:
        export_to_canvas(course, out, now=NOW)
    message = str(refused.value)
    assert "would delete 1 score(s)" in message
    assert "Adams, Alice (alice): Canvas has 13.50 in 'Paper Presentation (88240)'" in message
    assert not out.exists() and not manifest_path(out).exists()

    result = export_to_canvas(course, out, allow_deletions=True, now=NOW)
    assert list(result.differences.deleted_scores["uniqname"]) == ["alice"]
    assert by_login(list(csv.reader(out.open(encoding="utf-8"))))["alice"][5] == ""


def test_existing_file_is_never_overwritten_silently(tmp_path: Path) -> None:
    course = gradelib.load_course(write_course(tmp_path / "c"))
    out = tmp_path / "import.csv"
    out.write_text("an earlier upload\n", encoding="utf-8")
    with pytest.raises(ExportError, match="already exists"):
        export_to_canvas(course, out, now=NOW)
    assert out.read_text(encoding="utf-8") == "an earlier upload\n"
    export_to_canvas(course, out, overwrite=True, now=NOW)
    assert out.read_text(encoding="utf-8").startswith("Student,ID,")


@pytest.mark.quick
def test_existing_manifest_alone_also_blocks(tmp_path: Path) -> None:
    course = gradelib.load_course(write_course(tmp_path / "c"))
    out = tmp_path / "import.csv"
    manifest_path(out).write_text("{}", encoding="utf-8")
    with pytest.raises(ExportError, match=r"manifest\.json already exists"):
        export_to_canvas(course, out, now=NOW)
    assert not out.exists()


def test_manifest_records_time_policy_and_input_hashes(tmp_path: Path) -> None:
    folder = write_course(tmp_path / "c", overrides=[["dave", "summary", "excused", "Late add"]])
    out = tmp_path / "import.csv"
    export_to_canvas(gradelib.load_course(folder), out, now=NOW)
    manifest = json.loads(manifest_path(out).read_text(encoding="utf-8"))
    assert manifest["written"] == "2024-12-18T15:00:00+00:00"
    assert manifest["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    expected = {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
        for name in (
            "attendance.csv", "groups.csv", "overrides.csv", "piazza.csv", "questions.csv",
            "roster.csv", "rubrics.xlsx", "schedule.csv",
        )
    }  # fmt: skip
    assert manifest["inputs"] == expected
    assert manifest["policy"]["weights"]["project_report"] == 40
    assert manifest["policy"]["letters"]["A"] == 93
    assert manifest["students"] == 6


def test_newer_export_with_other_students_is_compared(tmp_path: Path) -> None:
    course = gradelib.load_course(write_course(tmp_path / "c"))
    newer = [row for row in copy.deepcopy(ROSTER) if row[3] != "frank"]
    newer.insert(-1, ["Green, Gina", "1007", "00001007", "gina", "CSE 585 001 FA 2024", ""])
    write_csv(tmp_path / "newer.csv", newer, bom=True, crlf=True)
    export = read_canvas_export(tmp_path / "newer.csv", ProblemLog())
    assert export is not None
    result = export_to_canvas(course, tmp_path / "import.csv", export=export, now=NOW)
    assert result.differences.only_in_canvas == ("Green, Gina (gina)",)
    assert result.differences.only_in_grades == ("Fox, Frank (frank)",)
    assert result.file.uniqnames == ("alice", "bob", "carol", "dave", "erin")


def canvas_total(cells: list[str], possible: list[str]) -> str:
    """Canvas's total worked out by hand: points over possible, half-up, in decimals."""
    earned = sum(Decimal(cell) for cell in cells)
    out_of = sum(Decimal(points) for points in possible)
    return str((earned / out_of * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_sample_course_round_trips(tmp_path: Path) -> None:
    course = gradelib.load_course(ROOT / "data" / "sample")
    report = gradelib.score_course(course)
    out = tmp_path / "sample-import.csv"
    result = export_to_canvas(course, out, now=NOW)
    assert result.ok, result.messages()
    assert check_import_file(out) == []
    back = read_canvas_export(out, ProblemLog())
    assert back is not None
    grades = report.grades.set_index("uniqname")
    assert sorted(back.students["uniqname"]) == sorted(grades.index)
    weights = course.policy.weights
    for _, row in back.students.iterrows():
        student = grades.loc[row["uniqname"]]
        cells, possible = [], []
        for key, header in zip(weights, COMPONENT_HEADERS, strict=True):
            cell = row[header]
            if cell == "EX":
                assert student[f"{key}_status"] == "excused"
                continue
            if cell == "":
                assert student[f"{key}_status"] == "ungraded"
                continue
            assert float(cell) == pytest.approx(student[key] * weights[key] / 100, abs=0.01)
            cells.append(cell)
            possible.append(str(weights[key]))
        ours = Decimal(str(student["current"])).quantize(Decimal("0.01"))
        assert canvas_total(cells, possible) == str(ours), row["uniqname"]
