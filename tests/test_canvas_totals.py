"""Canvas's total from our import file is our current score, to the cent (points mode).

Canvas's total: the points of the non-blank, non-EX cells over those columns' points
possible, × 100, rounded half-up to two decimals. Every expected value below is worked out
by hand in its comment.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from builder import write_course

import gradelib
from gradelib.export.apportion import (
    apportioned_cells,
    largest_remainder,
    total_units,
    units_text,
)
from gradelib.export.to_canvas import export_to_canvas

CASES = Path(__file__).resolve().parent / "fixtures" / "cases"
NOW = datetime(2024, 12, 18, 15, 0, tzinfo=UTC)
WEIGHTS = {"a": 15, "b": 15, "c": 10, "d": 40, "e": 20}


def export_rows(folder: Path, out: Path, **options) -> dict[str, list[str]]:
    """Export a course folder; the written file's rows by SIS Login ID (header too)."""
    result = export_to_canvas(gradelib.load_course(folder), out, now=NOW, **options)
    assert result.ok, result.messages()
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return {"header": rows[0], "points": rows[1]} | {row[3]: row for row in rows[2:]}


# ---------------------------------------------------------------- the total


def test_excused_cutoff_total_is_76_49_not_76_50() -> None:
    # dave, summary excused: 13.5 + 5.5952 + 39.4 + 18 = 76.4952 of 85 = 89.994 %, ours
    # 89.99. 76.50 is nearer but reads 90.00 (A-); 76.49 reads 89.988 -> 89.99.
    assert total_units(76.4952381, 85, 8999) == (7649, 2)


def test_total_needs_a_third_decimal_out_of_85() -> None:
    # 68.0264 of 85 = 80.0311 %, ours 80.03. 68.02 reads 80.0235 -> 80.02 and 68.03
    # reads 80.0353 -> 80.04: no cent total reads 80.03. 68.026 reads 80.0306 -> 80.03.
    assert total_units(68.0264, 85, 8003) == (68026, 3)


def test_total_needs_a_fourth_decimal_out_of_5() -> None:
    # 80.01 % of 5 points is [4.00025, 4.00075): no cent, no thousandth; 4.0005 is.
    assert total_units(4.00051, 5, 8001) == (40005, 4)


def test_total_out_of_100_is_the_current_score_itself() -> None:
    # Out of 100, points are percent: 92.995 is 93.00.
    assert total_units(92.995, 100, 9300) == (9300, 2)


def test_largest_remainder_gives_each_cell_floor_or_floor_plus_one() -> None:
    # 13.94925 + 13.94925 + 9.2995 + 37.198 + 18.599 = 92.995 -> 9300 cents; floors
    # 1394 + 1394 + 929 + 3719 + 1859 = 9295: the five largest remainders get one each.
    exact = [13.94925, 13.94925, 9.2995, 37.198, 18.599]
    assert largest_remainder(exact, 9300, 2) == [1395, 1395, 930, 3720, 1860]


def test_units_text() -> None:
    assert [units_text(7649, 2), units_text(28026, 3), units_text(12000, 3)] == [
        "76.49",
        "28.026",
        "12.00",
    ]
    assert units_text(40005, 4) == "4.0005"


def test_apportioned_cells_blank_where_not_counted() -> None:
    # dave mid-term, project presentations ungraded: 80 % of 15, 85 % of 15, 100 % of 10,
    # 91 % of 40 = 12.00 + 12.75 + 10.00 + 36.40 = 71.15 of 80 = 88.9375 %, ours 88.94;
    # 71.15 reads 88.94 (the cent range is [71.148, 71.156)).
    current = pd.DataFrame([[80.0, 85.0, 100.0, 91.0, None]], columns=list(WEIGHTS))
    cells = apportioned_cells(current, current.notna(), WEIGHTS, pd.Series([88.94]))
    assert cells.iloc[0].tolist() == ["12.00", "12.75", "10.00", "36.40", ""]


def test_apportioned_cells_leave_excused_out_of_the_possible_points() -> None:
    # The excused-cutoff case's dave: 13.5 + 5.5952 + 39.4 + 18 = 76.4952 of 85, ours
    # 89.99: floors 13.50 + 5.59 + 39.40 + 18.00 are already 76.49.
    current = pd.DataFrame([[90.0, None, 47 / 0.84, 98.5, 90.0]], columns=list(WEIGHTS))
    cells = apportioned_cells(current, current.notna(), WEIGHTS, pd.Series([89.99]))
    assert cells.iloc[0].tolist() == ["13.50", "", "5.59", "39.40", "18.00"]


# ---------------------------------------------------------------- whole exports


def test_excused_cutoff_case(tmp_path: Path) -> None:
    rows = export_rows(CASES / "excused-cutoff", tmp_path / "import.csv")
    # dave: 90 % of 15, summary EX, 55.952 % of 10 (5.5952), 98.5 % of 40, 90 % of 20.
    assert rows["dave"][5:] == ["13.50", "EX", "5.59", "39.40", "18.00"]
    # 76.49 of 85 possible: 89.99 %, never 76.50 (90.00 %, A-).
    assert sum(float(v) for v in rows["dave"][5:] if v != "EX") == pytest.approx(76.49)


def test_round_component_case(tmp_path: Path) -> None:
    # g1's project report 86.125 % of 40 = 34.45 points exactly; final 81.45.
    rows = export_rows(CASES / "round-component", tmp_path / "import.csv")
    assert rows["alice"][5:] == ["12.00", "9.00", "10.00", "34.45", "16.00"]


def test_third_decimal_only_where_no_cent_total_reads_our_current(tmp_path: Path) -> None:
    # dave, summary excused (85 points possible): presentation 80 % of 15 = 12.00,
    # participation 100 % of 10 = 10.00, report 70.066 % of 40 = 28.0264, project
    # presentations 90 % of 20 = 18.00: 68.0264 of 85 = 80.0311 %, current 80.03.
    # 68.02 and 68.03 read 80.02 and 80.04, so the file has 68.026: the report 28.026
    # (within a thousandth of 28.0264), the other cells two decimals.
    overrides = [
        ["dave", "summary", "excused", "Late add"],
        ["dave", "presentation", "80", "regrade"],
        ["dave", "project_report", "70.066", "regrade"],
        ["dave", "project_presentations", "90", "regrade"],
    ]
    folder = write_course(tmp_path / "course", overrides=overrides)
    grades = gradelib.compute_grades(gradelib.load_course(folder)).set_index("uniqname")
    assert grades.loc["dave", "current"] == 80.03
    rows = export_rows(folder, tmp_path / "import.csv")
    assert rows["dave"][5:] == ["12.00", "EX", "10.00", "28.026", "18.00"]
    # Every other student keeps two decimals.
    assert all(len(cell.partition(".")[2]) == 2 for cell in rows["alice"][5:])
