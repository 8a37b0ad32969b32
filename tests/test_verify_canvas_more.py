"""``verify_canvas``: overrides Canvas does not show, students on one side only, points
changed in Canvas, an export from before the import, ungraded work counted as 0 in the
final grade, a total nothing explains, and one line per cause (numbers worked out by
hand in the comments; the tiny course's in :mod:`test_verify_canvas_helpers`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from builder import base_rubrics, write_course
from test_verify_canvas_helpers import (
    AGREE,
    ALICE_GROUP,
    CASES,
    DAVE_GROUP,
    SURVEY_COLUMN,
    canvas_export,
    cause,
    imported,
    kinds,
    same,
    totals,
    with_survey,
)

from gradelib.export.verify_canvas import verify_canvas

# ovr-final as Canvas adds it up (the override aside): alice and bob 82.00 (B-), carol
# 85.00 (B), dave 72.50 of 85 points (summary EX) = 85.29 (B).
OVR_CANVAS = {
    "alice": totals("82.00", "B-"),
    "bob": totals("82.00", "B-"),
    "carol": totals("85.00", "B"),
    "dave": totals("85.29", "B"),
}


def test_override_dropped_when_the_course_does_not_allow_it(tmp_path: Path) -> None:
    # No Override Score column: the course does not allow final grade override, so alice
    # sees 82.00 (B-) instead of 93.00 (A), bob 82.00 instead of 90.00 (A-).
    course, file = imported(shutil.copytree(CASES / "ovr-final", tmp_path / "case"))
    result = verify_canvas(course, canvas_export(tmp_path / "after.csv", file, OVR_CANVAS))
    assert kinds(result) == {"override_dropped": ("alice", "bob")}
    line = cause(result, "override_dropped")
    assert "no Override Score column" in line and "Allow final grade override" in line
    assert "alice ours 93.00, Canvas shows 82.00" in line


def test_override_column_enabled_but_not_imported(tmp_path: Path) -> None:
    course, file = imported(shutil.copytree(CASES / "ovr-final", tmp_path / "case"))
    canvas = {u: {**shown, "Override Score": "", "Override Grade": ""} for u, shown in
              OVR_CANVAS.items()}  # fmt: skip
    path = canvas_export(tmp_path / "after.csv", file, canvas, override=True)
    assert kinds(verify_canvas(course, path)) == {"override_blank": ("alice", "bob")}


def test_students_on_one_side_only(tmp_path: Path) -> None:
    # frank dropped in Canvas; gus was added late and is not on roster.csv.
    course, file = imported(write_course(tmp_path / "course"))
    gus = ("Gray, Gus", "1007", "00001007", "gus", "CSE 585 001 FA 2024")
    path = canvas_export(tmp_path / "after.csv", file, AGREE, drop=("frank",), late=(gus,))
    result = verify_canvas(course, path)
    assert kinds(result) == {"only_here": ("frank",), "only_in_canvas": ("gus",)}
    assert len(result.students) == 5 and result.students["agrees"].all()


def test_points_changed_in_canvas_after_the_import(tmp_path: Path) -> None:
    # alice's summary was changed to 12.00 in Canvas: her total is 13.50 + 12.00 + 10.00
    # + 35.60 + 19.00 = 90.10 (A-); the cells explain it, nothing else is named.
    course, file = imported(write_course(tmp_path / "course"))
    canvas = {**AGREE, "alice": totals("90.10", "A-")}
    edits = {("alice", "Paper Summary (88241)"): "12.00"}
    result = verify_canvas(course, canvas_export(tmp_path / "after.csv", file, canvas, edits=edits))
    assert kinds(result) == {"points": ("alice",)}
    assert "alice Paper Summary (88241): Canvas 12.00, we wrote 14.25" in cause(result, "points")


def test_export_from_before_the_import(tmp_path: Path) -> None:
    # The roster itself (no column but Paper Presentation, blank; no totals): the import
    # never reached Canvas.
    folder = write_course(tmp_path / "course")
    course, _ = imported(folder)
    result = verify_canvas(course, folder / "roster.csv")
    everyone = (*ALICE_GROUP, *DAVE_GROUP, "frank")
    assert kinds(result) == {"missing_column": everyone, "points": everyone}
    assert "no column Paper Summary, Participation, Project Report" in cause(
        result, "missing_column"
    )
    assert any("no Current Score column" in note for note in result.notes)


def test_final_grade_counts_an_ungraded_survey_as_zero(tmp_path: Path) -> None:
    # g1's final report 96: alice's report 0.25 × 80 + 0.75 × 96 = 92 %, 36.80 points;
    # total 13.50 + 14.25 + 10.00 + 36.80 + 19.00 = 93.55 (A). The Course Survey (1
    # point) is blank for everyone: Current Score leaves it out, Final Score counts it 0:
    # 93.55 / 101 = 92.6237… = 92.62 (A-). dave 88.15 / 101 = 87.28 and frank 68.75 / 101
    # = 68.07 keep their letters (B+, D+).
    rubrics = base_rubrics()
    rubrics["final_report"][2] = ["g1", "insujang", 96]
    course, file = imported(
        write_course(tmp_path / "course", rubrics=rubrics, roster=with_survey())
    )
    canvas = {
        **same(totals("93.55", "A", final="92.62", final_grade="A-"), ALICE_GROUP),
        **same(totals("88.15", "B+", final="87.28"), DAVE_GROUP),
        "frank": totals("68.75", "D+", final="68.07"),
    }
    for shown in canvas.values():
        shown["Unposted Final Score"] = shown["Final Score"]
        shown["Unposted Final Grade"] = shown["Final Grade"]
    path = canvas_export(tmp_path / "after.csv", file, canvas, before=SURVEY_COLUMN)
    result = verify_canvas(course, path)
    assert kinds(result) == {"final_zeros": ALICE_GROUP}
    assert "alice: Course Survey (88231)" in cause(result, "final_zeros")


def test_a_total_nothing_in_the_export_explains(tmp_path: Path) -> None:
    # Canvas drops alice's lowest score (a group rule the export does not show): 91.00.
    course, file = imported(write_course(tmp_path / "course"))
    canvas = {**AGREE, "alice": totals("91.00", "A-")}
    result = verify_canvas(course, canvas_export(tmp_path / "after.csv", file, canvas))
    assert kinds(result) == {"unexplained": ("alice",)}
    assert "alice 91.00 (ours 92.35)" in cause(result, "unexplained")


def test_one_line_per_cause_with_all_its_students(tmp_path: Path) -> None:
    # Survey scored for alice and dave (as in the test above) and frank dropped: two
    # causes, two lines, each listing its students.
    course, file = imported(write_course(tmp_path / "course", roster=with_survey()))
    canvas = {
        **AGREE,
        "alice": {**totals("92.43", "A-"), "Course Survey (88231)": "1.00"},
        "dave": {**totals("88.27", "B+"), "Course Survey (88231)": "1.00"},
    }
    path = canvas_export(tmp_path / "after.csv", file, canvas, drop=("frank",),
                         before=SURVEY_COLUMN)  # fmt: skip
    lines = verify_canvas(course, path).lines()
    causes = [line for line in lines if line.startswith("- ")]
    assert len(causes) == 2
    assert causes[0].startswith("- Not in the Canvas export (1 student: frank)")
    assert causes[1].startswith("- Other assignments count (2 students: alice, dave)")
