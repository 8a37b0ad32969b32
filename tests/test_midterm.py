"""Mid-term (issue 12, SPEC "final" and "current"): ungraded items count 0 in the final;
the current score is over graded items only, renormalized over the components that have
a graded item, as Canvas's current score is.

The course is tests/builder.py's base course (g1 = alice, bob, carol; g2 = dave, erin;
g3 = frank) at mid-term:

- a new paper lecture on 2024-09-17 presented by g1 (no summarizer), everybody present and
  the non-presenters asking on time, whose presentation is **not graded yet**: g1 presented
  09-03 (graded 90) and 09-17 (ungraded);
- the proposals of g1 (8/10 = 80) and g2 (10/10 = 100) are graded, **no final report** is;
  g3's proposal is not graded either, so g3's project report has no graded item;
- the midterm presentations are graded (g1 18/20 = 90, g2 16/20 = 80, g3 12/20 = 60),
  **no poster** is;
- dave has 2 Piazza contributions (40 % of the target 5), everybody else 5.

Every expected number is worked out by hand below (default weights: presentation 15,
summary 15, participation 10, project report 40 = 25 % proposal + 75 % final report,
project presentations 20 = 50 % midterm + 50 % poster).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from builder import (
    COMPONENT_KEYS,
    SHOWN,
    STUDENTS,
    base_rubrics,
    base_tables,
    canvas_column,
    canvas_file,
    canvas_total,
    csv_values,
    grades_table_values,
    run_cli,
    statement_component_row,
    statement_values,
    terminal_values,
    write_course,
)

import gradelib

NEW_LECTURE = "2024-09-17"


def midterm_course(folder: Path) -> Path:
    """Write the mid-term course described in the module docstring."""
    tables, rubrics = base_tables(), base_rubrics()
    schedule = tables["schedule"]
    schedule.insert(5, [NEW_LECTURE, "lecture", "Fine-Tuning", "g1", "", ""])
    tables["attendance"] += [[NEW_LECTURE, name, ""] for name in STUDENTS]
    tables["questions"] += [
        [f"{NEW_LECTURE} 09:00:00", name, NEW_LECTURE] for name in ("dave", "erin", "frank")
    ]
    tables["piazza"] = [
        row if row[1] != "dave@umich.edu" else ["Dave", "dave@umich.edu", 2]
        for row in tables["piazza"]
    ]
    # The presentation of 09-17 is not graded yet: no row for it.
    rubrics["proposal"] = [row for row in rubrics["proposal"] if row[0] != "g3"]
    rubrics["final_report"] = rubrics["final_report"][:2]  # header and max only
    rubrics["poster"] = rubrics["poster"][:2]
    return write_course(folder, tables, rubrics)


# Hand-worked. Participation: everyone present on all 5 attendance dates (09-03, 09-05,
# 09-12, 09-17, 10-22) -> 100; on-time question for every paper lecture not their own
# -> 100; Piazza 5/5 -> 100, so participation 100; dave: Piazza 2/5 = 40 ->
# 0.5 x 100 + 0.25 x 100 + 0.25 x 40 = 85.
#
# Per component: (current value, final-basis value, status).
COMPONENTS_BY_GROUP = {
    "g1": {
        # lectures 09-03 (90) and 09-17 (not graded): current 90, final (90 + 0) / 2 = 45
        "presentation": (90.0, 45.0, "partial"),
        "summary": (95.0, 95.0, "graded"),  # 09-12: 19/20
        "participation": (100.0, 100.0, "graded"),
        # proposal 80 alone (sub-weight 25 renormalized to 100): current 80;
        # final 0.25 x 80 + 0.75 x 0 = 20
        "project_report": (80.0, 20.0, "partial"),
        # midterm 90 alone: current 90; final 0.5 x 90 + 0.5 x 0 = 45
        "project_presentations": (90.0, 45.0, "partial"),
    },
    "g2": {
        "presentation": (80.0, 80.0, "graded"),  # 09-05: 16/20
        "summary": (85.0, 85.0, "graded"),  # 09-03: 17/20
        "participation": (100.0, 100.0, "graded"),
        "project_report": (100.0, 25.0, "partial"),  # proposal 100; 0.25 x 100
        "project_presentations": (80.0, 40.0, "partial"),  # midterm 80; 0.5 x 80
    },
    "g3": {
        "presentation": (70.0, 70.0, "graded"),  # 09-12: 14/20
        "summary": (75.0, 75.0, "graded"),  # 09-05: 15/20
        "participation": (100.0, 100.0, "graded"),
        # nothing graded: no current value (missing), 0 in the final
        "project_report": (None, 0.0, "ungraded"),
        "project_presentations": (60.0, 30.0, "partial"),  # midterm 60; 0.5 x 60
    },
}
GROUP = {"alice": "g1", "bob": "g1", "carol": "g1", "dave": "g2", "erin": "g2", "frank": "g3"}

# (final, current, letter) as shown.
TOTALS = {
    # final   = 0.15 x 45 + 0.15 x 95 + 0.10 x 100 + 0.40 x 20 + 0.20 x 45
    #         = 6.75 + 14.25 + 10 + 8 + 9 = 48.00 -> E
    # current = 0.15 x 90 + 0.15 x 95 + 0.10 x 100 + 0.40 x 80 + 0.20 x 90
    #         = 13.5 + 14.25 + 10 + 32 + 18 = 87.75 (every component has a graded item)
    "alice": ("48.00", "87.75", "E"),
    "bob": ("48.00", "87.75", "E"),
    "carol": ("48.00", "87.75", "E"),
    # final   = 12 + 12.75 + 10 + 0.40 x 25 + 0.20 x 40 = 12 + 12.75 + 10 + 10 + 8 = 52.75
    # current = 12 + 12.75 + 10 + 40 + 16 = 90.75
    "erin": ("52.75", "90.75", "E"),
    # dave: participation 85 -> 8.5 instead of 10
    # final   = 12 + 12.75 + 8.5 + 10 + 8 = 51.25; current = 12 + 12.75 + 8.5 + 40 + 16 = 89.25
    "dave": ("51.25", "89.25", "E"),
    # final   = 0.15 x 70 + 0.15 x 75 + 0.10 x 100 + 0.40 x 0 + 0.20 x 30
    #         = 10.5 + 11.25 + 10 + 0 + 6 = 37.75 -> E
    # current: project report has no graded item, so it is left out and the other
    # weights (15 + 15 + 10 + 20 = 60) renormalized:
    #         (10.5 + 11.25 + 10 + 0.20 x 60) / 60 x 100 = 43.75 / 60 x 100 = 72.9167 -> 72.92
    "frank": ("37.75", "72.92", "E"),
}


def component(name: str, key: str) -> tuple[float | None, float, str]:
    current, final, status = COMPONENTS_BY_GROUP[GROUP[name]][key]
    if name == "dave" and key == "participation":
        return 85.0, 85.0, "graded"
    return current, final, status


def shown_row(name: str) -> dict[str, str]:
    """What every output must show for a student (current values for the components)."""
    row = {}
    for key in COMPONENT_KEYS:
        current = component(name, key)[0]
        row[key] = "–" if current is None else f"{Decimal(str(current)):.2f}"
    row["final"], row["current"], row["letter"] = TOTALS[name]
    return row


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return midterm_course(tmp_path_factory.mktemp("midterm"))


@pytest.fixture(scope="module")
def report(folder: Path) -> gradelib.GradeReport:
    return gradelib.score_course(gradelib.load_course(folder))


def test_grades_frame_has_the_hand_worked_current_and_final(report) -> None:
    grades = report.grades.set_index("uniqname")
    for name in STUDENTS:
        final, current, letter = TOTALS[name]
        assert grades.at[name, "final"] == float(final), (name, grades.at[name, "final"])
        assert grades.at[name, "current"] == float(current), (name, grades.at[name, "current"])
        assert grades.at[name, "letter"] == letter, name


def test_grades_frame_components_are_current_values_with_statuses(report) -> None:
    grades = report.grades.set_index("uniqname")
    for name in STUDENTS:
        for key in COMPONENT_KEYS:
            current, _, status = component(name, key)
            assert grades.at[name, f"{key}_status"] == status, (name, key)
            if current is None:
                assert pd.isna(grades.at[name, key]), (name, key, grades.at[name, key])
            else:
                assert grades.at[name, key] == pytest.approx(current, abs=1e-9), (name, key)


def test_components_on_both_bases_weights_and_points(report) -> None:
    parts = report.components
    for name in STUDENTS:
        mine = parts.of(name)
        for key, weight in zip(COMPONENT_KEYS, (15, 15, 10, 40, 20), strict=True):
            current, final, status = component(name, key)
            assert mine.at[key, "status"] == status, (name, key)
            if current is None:
                assert pd.isna(mine.at[key, "current"]), (name, key)
            else:
                assert mine.at[key, "current"] == pytest.approx(current, abs=1e-9), (name, key)
            assert mine.at[key, "final"] == pytest.approx(final, abs=1e-9), (name, key)
            assert mine.at[key, "weight"] == pytest.approx(weight, abs=1e-9), (name, key)
            # points toward the final = weight x final basis / 100 (g1: 6.75, 14.25, 10,
            # 8, 9 -> 48.00)
            points = weight * final / 100
            assert mine.at[key, "points"] == pytest.approx(points, abs=1e-9), (name, key)
        total = float(mine["points"].astype(float).sum())
        assert total == pytest.approx(float(TOTALS[name][0]), abs=1e-9), name


def test_notes_name_what_is_not_graded_yet(report) -> None:
    notes = report.notes
    alice = " ".join(notes.loc[notes["uniqname"] == "alice", "note"])
    assert "2024-09-17" in alice, alice  # the ungraded presentation
    assert "final report" in alice.lower() and "poster" in alice.lower(), alice
    frank = " ".join(notes.loc[notes["uniqname"] == "frank", "note"])
    assert "proposal" in frank.lower(), frank


@pytest.mark.parametrize("output", ["terminal", "csv", "statement", "grades_table"])
def test_every_output_shows_the_current_values(folder: Path, report, tmp_path, output) -> None:
    if output == "terminal":
        status, out, err = run_cli("grade", folder, "--notes")
        assert status == 0, err
        shown = terminal_values(out, STUDENTS)
    elif output == "csv":
        status, out, err = run_cli("grade", folder, "--csv")
        assert status == 0, err
        shown = csv_values(out)
    elif output == "statement":
        status, out, err = run_cli("statements", folder, "--out", tmp_path / "s")
        assert status == 0, err
        shown = {
            n: statement_values((tmp_path / "s" / f"{n}.html").read_text("utf-8")) for n in STUDENTS
        }
    else:
        from gradelib.show.explain import grades_table

        shown = grades_table_values(grades_table(report.grades))
    for name in STUDENTS:
        got = {key: shown[name].get(key, "(not shown)") for key in SHOWN}
        assert got == shown_row(name), (output, name)


def test_statement_shows_both_bases_and_the_points(folder: Path, report) -> None:
    """SPEC: the final basis (ungraded items as 0) appears in the student's explanation."""
    from gradelib.show.explain import student_breakdown

    course = gradelib.load_course(folder)
    alice = student_breakdown(course, report, "alice")
    # (component, current, final basis, points = weight x final basis / 100)
    for key, current, final, points in (
        ("presentation", "90.00", "45.00", "6.75"),  # 15 x 45 / 100
        ("project_report", "80.00", "20.00", "8.00"),  # 40 x 20 / 100
        ("project_presentations", "90.00", "45.00", "9.00"),  # 20 x 45 / 100
    ):
        cells = statement_component_row(alice, key)
        for text in (current, final, points):
            assert text in cells, (key, text, cells)
    frank = student_breakdown(course, report, "frank")
    cells = statement_component_row(frank, "project_report")
    assert "0.00" in cells, cells  # final basis 0, points 0
    assert "72.92" in frank and "37.75" in frank


def test_canvas_total_is_the_current_score(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "import.csv"
    status, text, err = run_cli("export", folder, "--out", out)
    assert status == 0, text + err
    header, possible, rows = canvas_file(out)
    # Points mode: current value x weight / 100, blank where nothing is graded.
    want = {
        "alice": ("13.50", "14.25", "10.00", "32.00", "18.00"),  # 87.75 of 100
        "dave": ("12.00", "12.75", "8.50", "40.00", "16.00"),  # 89.25 of 100
        "frank": ("10.50", "11.25", "10.00", "", "12.00"),  # 43.75 of 60 -> 72.92
    }
    for name, cells in want.items():
        got = tuple(rows[name][canvas_column(header, k)].strip() for k in COMPONENT_KEYS)
        assert got == cells, name
    for name in STUDENTS:
        assert canvas_total(header, possible, rows[name]) == TOTALS[name][1], name
