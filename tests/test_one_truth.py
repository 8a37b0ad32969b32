"""One truth (issue 12): the three shared cases, every output, hand-worked values.

The cases are copies of ``../shared/cases/`` (README there): groups g1 = alice, bob and
g2 = carol, dave, one criterion per rubric sheet, default policy (weights presentation 15,
summary 15, participation 10, project report 40 = 25 % proposal + 75 % final report,
project presentations 20 = 50 % midterm + 50 % poster; participation 50 % attendance with
2 absences allowed, 25 % on-time questions, 25 % Piazza out of 5 contributions).

Every expected number below is worked out by hand from the case's files (the arithmetic
is in the comments); none is read back from the package. Each output is read the way a
person reads it: the terminal table (``gradelib grade``), ``gradelib grade --csv``, the
notes (``gradelib grade --notes``), the statement files (``gradelib statements``), the
notebook's grades table (:func:`gradelib.show.explain.grades_table`) and the Canvas import file
(``gradelib export``), whose total is computed as Canvas computes it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from builder import (
    COMPONENT_KEYS,
    OVERRIDE_SCORE,
    SHOWN,
    canvas_column,
    canvas_file,
    canvas_total,
    csv_values,
    grades_table_values,
    run_cli,
    statement_values,
    terminal_values,
)

import gradelib

CASES = Path(__file__).parent / "fixtures" / "cases"
SAMPLE = Path(__file__).parents[1] / "data" / "sample"
STUDENTS = ["alice", "bob", "carol", "dave"]
OUTPUTS = ("terminal", "csv", "statement", "grades_table")

# --- hand-worked values --------------------------------------------------------------
# Columns: presentation, summary, participation, project_report, project_presentations,
# final, current, letter (as every output must show them).

EXPECTED: dict[str, dict[str, tuple[str, ...]]] = {
    # excused-cutoff: lectures 09-03, 09-05, 09-10 presented by g1 (8/10 each = 80) and
    # summarized by g2 (7/10 = 70); 09-12 presented by g2 (9/10 = 90), summarized by g1
    # (6/10 = 60). Seven attendance dates (4 lectures, 3 presentation days).
    # alice, bob, carol: present on all 7 -> attendance 100; no question (alice, bob:
    # P = {09-12} -> 0/1; carol: P = {09-03, 09-05, 09-10} -> 0/3) -> 0; Piazza 5 -> 100;
    # participation = 50 + 0 + 25 = 75.
    # dave: no attendance row -> absent 7 of 7: 100 x min(1, (7 - 7 + 2) / 7) = 28.5714;
    # questions 09-03, 09-05 at 09:00 on time, 09-10 at 11:00 late -> 2/3 = 66.6667;
    # participation = 0.5 x 28.5714 + 0.25 x 66.6667 + 25 = 55.9524 -> 55.95.
    # project report g1 = 0.25 x 80 + 0.75 x 90 = 87.5; g2 = 0.25 x 100 + 0.75 x 98 = 98.5.
    # project presentations g1 = 0.5 x 100 + 0.5 x 60 = 80; g2 = 0.5 x 90 + 0.5 x 90 = 90.
    "excused-cutoff": {
        # 0.15 x 80 + 0.15 x 60 + 0.10 x 75 + 0.40 x 87.5 + 0.20 x 80
        # = 12 + 9 + 7.5 + 35 + 16 = 79.50 -> C+ (77 <= 79.50 < 80)
        "alice": ("80.00", "60.00", "75.00", "87.50", "80.00", "79.50", "79.50", "C+"),
        "bob": ("80.00", "60.00", "75.00", "87.50", "80.00", "79.50", "79.50", "C+"),
        # 13.5 + 10.5 + 7.5 + 39.4 + 18 = 88.90 -> B+
        "carol": ("90.00", "70.00", "75.00", "98.50", "90.00", "88.90", "88.90", "B+"),
        # summary excused: (13.5 + 5.59524 + 39.4 + 18) / 0.85 = 76.49524 / 0.85
        # = 89.99440 -> 89.99 -> B+ (never 90.00 A-); everything graded, current = final.
        "dave": ("90.00", "excused", "55.95", "98.50", "90.00", "89.99", "89.99", "B+"),
    },
    # ovr-final: 09-03 presented by g1 (80) and summarized by g2 (70, on time); 09-05
    # presented by g2 (90) and summarized by g1 (60). Everyone present on the 3 dates and
    # asks the one on-time question they can -> participation 100.
    # project report g1 = 0.25 x 80 + 0.75 x 90 = 87.5; g2 = 0.25 x 100 + 0.75 x 70 = 77.5.
    # project presentations g1 = 0.5 x 100 + 0.5 x 60 = 80; g2 = 0.5 x 80 + 0.5 x 100 = 90.
    # computed finals: g1 = 12 + 9 + 10 + 35 + 16 = 82.00; g2 = 13.5 + 10.5 + 10 + 31 + 18 = 83.
    "ovr-final": {
        # final override 92.995 -> 93.00 -> A; the override is also the current score.
        "alice": ("80.00", "60.00", "100.00", "87.50", "80.00", "93.00", "93.00", "A"),
        # final override 89.995 -> 90.00 -> A-.
        "bob": ("80.00", "60.00", "100.00", "87.50", "80.00", "90.00", "90.00", "A-"),
        # project presentations override "100%" = 100: 13.5 + 10.5 + 10 + 31 + 20 = 85.00 B
        "carol": ("90.00", "70.00", "100.00", "77.50", "100.00", "85.00", "85.00", "B"),
        # summary excused: (13.5 + 10 + 31 + 18) / 0.85 = 72.5 / 0.85 = 85.2941 -> 85.29 B
        "dave": ("90.00", "excused", "100.00", "77.50", "90.00", "85.29", "85.29", "B"),
    },
    # round-component: as ovr-final but proposal g1 17/20 = 85, g2 20/20 = 100; final
    # report g1 graded 86 (gsi) and 87 (prof) -> mean 86.5, g2 70.
    # project report g1 = 0.25 x 85 + 0.75 x 86.5 = 21.25 + 64.875 = 86.125 -> 86.13;
    # g2 = 25 + 52.5 = 77.5.
    "round-component": {
        # 12 + 9 + 10 + 0.40 x 86.125 (= 34.45) + 16 = 81.45 -> B-
        "alice": ("80.00", "60.00", "100.00", "86.13", "80.00", "81.45", "81.45", "B-"),
        "bob": ("80.00", "60.00", "100.00", "86.13", "80.00", "81.45", "81.45", "B-"),
        # 13.5 + 10.5 + 10 + 31 + 18 = 83.00 -> B
        "carol": ("90.00", "70.00", "100.00", "77.50", "90.00", "83.00", "83.00", "B"),
        "dave": ("90.00", "70.00", "100.00", "77.50", "90.00", "83.00", "83.00", "B"),
    },
}

# Canvas points (points mode: each component out of its weight 15, 15, 10, 40, 20), the
# total Canvas computes from them, and the Override Score ("" = none).
CANVAS: dict[str, dict[str, tuple[tuple[str, ...], str, str]]] = {
    "excused-cutoff": {
        # 15 x 0.8, 15 x 0.6, 10 x 0.75, 40 x 0.875, 20 x 0.8: 79.50 of 100
        "alice": (("12.00", "9.00", "7.50", "35.00", "16.00"), "79.50", ""),
        "bob": (("12.00", "9.00", "7.50", "35.00", "16.00"), "79.50", ""),
        "carol": (("13.50", "10.50", "7.50", "39.40", "18.00"), "88.90", ""),
        # participation 10 x 0.559524 = 5.595238: within a cent (5.59 or 5.60), checked
        # separately; the points add up to 76.49 of 85 -> 89.988 -> 89.99 (76.50 would
        # read 90.00, A-).
        "dave": (("13.50", "EX", None, "39.40", "18.00"), "89.99", ""),
    },
    "ovr-final": {
        # the components as computed (82.00 of 100); Canvas shows the Override Score.
        "alice": (("12.00", "9.00", "10.00", "35.00", "16.00"), "82.00", "93.00"),
        "bob": (("12.00", "9.00", "10.00", "35.00", "16.00"), "82.00", "90.00"),
        # 20 x 100 % = 20.00: 85.00 of 100
        "carol": (("13.50", "10.50", "10.00", "31.00", "20.00"), "85.00", ""),
        # 72.50 of 85 -> 85.29
        "dave": (("13.50", "EX", "10.00", "31.00", "18.00"), "85.29", ""),
    },
    "round-component": {
        # 40 x 0.86125 = 34.45 exactly: 81.45 of 100
        "alice": (("12.00", "9.00", "10.00", "34.45", "16.00"), "81.45", ""),
        "bob": (("12.00", "9.00", "10.00", "34.45", "16.00"), "81.45", ""),
        "carol": (("13.50", "10.50", "10.00", "31.00", "18.00"), "83.00", ""),
        "dave": (("13.50", "10.50", "10.00", "31.00", "18.00"), "83.00", ""),
    },
}


# --- every output of a case, produced once per module ----------------------------------


@dataclass
class Outputs:
    """What each output of a course shows."""

    course: gradelib.Course
    report: gradelib.GradeReport
    terminal_text: str
    notes_text: str
    csv_text: str
    statements: dict[str, str]
    grades_table_html: str
    canvas: tuple[list[str], dict[str, str], dict[str, dict[str, str]]]
    canvas_text: str
    canvas_path: Path

    def shown(self, output: str) -> dict[str, dict[str, str]]:
        if output == "terminal":
            return terminal_values(self.terminal_text, STUDENTS)
        if output == "csv":
            return csv_values(self.csv_text)
        if output == "statement":
            return {name: statement_values(text) for name, text in self.statements.items()}
        return grades_table_values(self.grades_table_html)

    def all_texts(self) -> dict[str, str]:
        return {
            "terminal": self.terminal_text,
            "notes": self.notes_text,
            "csv": self.csv_text,
            **{f"statement {n}": t for n, t in self.statements.items()},
            "grades_table": self.grades_table_html,
            "canvas": self.canvas_text,
        }


def produce(folder: Path, work: Path) -> Outputs:
    """Run every output of the course in ``folder``."""
    from gradelib.show.explain import grades_table

    outputs = {}
    for name, extra in (("terminal", []), ("notes", ["--notes"]), ("csv", ["--csv"])):
        status, out, err = run_cli("grade", folder, *extra)
        assert status == 0, err
        outputs[name] = out
    status, _, err = run_cli("statements", folder, "--out", work / "statements")
    assert status == 0, err
    statements = {n: (work / "statements" / f"{n}.html").read_text("utf-8") for n in STUDENTS}
    status, out, err = run_cli("export", folder, "--out", work / "import.csv")
    assert status == 0, out + err
    course = gradelib.load_course(folder)
    report = gradelib.score_course(course)
    return Outputs(
        course,
        report,
        outputs["terminal"],
        outputs["notes"],
        outputs["csv"],
        statements,
        grades_table(report.grades),
        canvas_file(work / "import.csv"),
        (work / "import.csv").read_text("utf-8"),
        work / "import.csv",
    )


@pytest.fixture(scope="module")
def case_outputs(tmp_path_factory):
    made: dict[str, Outputs] = {}

    def get(case: str) -> Outputs:
        if case not in made:
            made[case] = produce(CASES / case, tmp_path_factory.mktemp(case))
        return made[case]

    return get


def expected_row(case: str, uniqname: str) -> dict[str, str]:
    return dict(zip(SHOWN, EXPECTED[case][uniqname], strict=True))


# --- the grades frame ------------------------------------------------------------------

GRADE_COLUMNS = [
    ("uniqname", "string"),
    ("group", "string"),
    ("name", "string"),
    ("section", "string"),
    ("presentation", "Float64"),
    ("presentation_status", "string"),
    ("summary", "Float64"),
    ("summary_status", "string"),
    ("participation", "Float64"),
    ("participation_status", "string"),
    ("project_report", "Float64"),
    ("project_report_status", "string"),
    ("project_presentations", "Float64"),
    ("project_presentations_status", "string"),
    ("final", "Float64"),
    ("current", "Float64"),
    ("letter", "string"),
    ("notes", "string"),
]


@pytest.mark.parametrize("case", list(EXPECTED))
def test_grades_frame_columns_and_dtypes_are_pinned(case: str) -> None:
    grades = gradelib.compute_grades(gradelib.load_course(CASES / case))
    assert [(c, str(t)) for c, t in grades.dtypes.items()] == GRADE_COLUMNS


@pytest.mark.parametrize("case", list(EXPECTED))
def test_grades_frame_holds_the_hand_worked_values(case: str) -> None:
    grades = gradelib.compute_grades(gradelib.load_course(CASES / case)).set_index("uniqname")
    for name in STUDENTS:
        want = expected_row(case, name)
        row = grades.loc[name]
        for key in COMPONENT_KEYS:
            if want[key] == "excused":
                # Excused: a missing value with its status beside it, never a number.
                assert pd.isna(row[key]), (name, key, row[key])
                assert row[f"{key}_status"] == "excused", (name, key)
            else:
                # The unrounded value (86.125, 55.952381) lies within half a cent of what
                # is shown; the shown text itself is checked output by output below.
                assert abs(float(row[key]) - float(want[key])) <= 0.005 + 1e-9, (name, key)
                assert row[f"{key}_status"] in ("graded", "overridden"), (name, key)
        assert float(row["final"]) == float(want["final"]), (name, row["final"])
        assert float(row["current"]) == float(want["current"]), (name, row["current"])
        assert row["letter"] == want["letter"], (name, row["letter"])


def test_excused_summary_and_override_statuses_in_the_grades_frame() -> None:
    grades = gradelib.compute_grades(gradelib.load_course(CASES / "ovr-final"))
    grades = grades.set_index("uniqname")
    assert pd.isna(grades.at["dave", "summary"])  # never 70.00, the uncounted computed value
    assert grades.at["dave", "summary_status"] == "excused"
    assert grades.at["carol", "project_presentations"] == 100.0
    assert grades.at["carol", "project_presentations_status"] == "overridden"
    assert grades.at["carol", "summary_status"] == "graded"


def test_round_component_is_86_125_before_it_is_shown() -> None:
    # 0.25 x 85 + 0.75 x 86.5 = 86.125 (the value; it reads 86.13 everywhere).
    grades = gradelib.compute_grades(gradelib.load_course(CASES / "round-component"))
    value = grades.set_index("uniqname").at["alice", "project_report"]
    assert abs(float(value) - 86.125) < 1e-9


# --- every output shows the same strings ----------------------------------------------


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("case", list(EXPECTED))
def test_every_output_shows_the_hand_worked_values(case_outputs, case: str, output: str) -> None:
    shown = case_outputs(case).shown(output)
    assert sorted(shown) == sorted(STUDENTS), shown.keys()
    for name in STUDENTS:
        got = {key: shown[name].get(key, "(not shown)") for key in SHOWN}
        assert got == expected_row(case, name), (output, name)


def test_round_component_never_reads_86_12_anywhere(case_outputs) -> None:
    outputs = case_outputs("round-component")
    for where, text in outputs.all_texts().items():
        assert "86.12" not in text, where  # also catches 86.125
    for where in ("terminal", "csv", "statement alice", "grades_table"):
        assert "86.13" in outputs.all_texts()[where], where
    # The notes, if they name g1's project report at all, name it 86.13.
    notes = " ".join(outputs.report.notes["note"])
    assert "86.12" not in notes and "86.125" not in notes


def test_ovr_final_overrides_read_as_rounded_everywhere(case_outputs) -> None:
    outputs = case_outputs("ovr-final")
    for where, text in outputs.all_texts().items():
        # 92.995 is 93.00 and 89.995 is 90.00 in every output, the notes included.
        assert "92.99" not in text, where
        assert "89.99" not in text, where


def notes_under(text: str, uniqname: str) -> list[str]:
    """The note lines printed under a student's row by ``gradelib grade --notes``."""
    lines, mine, inside = text.splitlines(), [], False
    for line in lines:
        tokens = line.split()
        if tokens and tokens[0] in STUDENTS:
            inside = tokens[0] == uniqname
        elif inside and line.strip():
            mine.append(line.strip())
    return mine


def test_ovr_final_notes_state_the_overrides_with_their_reasons(case_outputs) -> None:
    text = case_outputs("ovr-final").notes_text
    alice = " ".join(notes_under(text, "alice"))
    assert "93.00" in alice and "appeal A" in alice, alice
    bob = " ".join(notes_under(text, "bob"))
    assert "90.00" in bob and "appeal A-" in bob, bob
    carol = " ".join(notes_under(text, "carol"))
    # set to 100.00 (computed 0.5 x 80 + 0.5 x 100 = 90.00)
    assert "100.00" in carol and "90.00" in carol and "regrade" in carol, carol
    dave = " ".join(notes_under(text, "dave"))
    assert "excused" in dave and "waived" in dave and "70.00" not in dave, dave


def test_ovr_final_csv_never_shows_the_excused_summary_as_a_number(case_outputs) -> None:
    text = case_outputs("ovr-final").csv_text
    dave = {r["uniqname"]: r for r in csv.DictReader(io.StringIO(text))}["dave"]
    # blank (with its status "excused" beside it) or EX; never the computed 70.00
    assert dave["summary"].strip() in ("", "EX", "excused"), dave["summary"]
    assert dave["summary"].strip() in ("EX", "excused") or dave.get("summary_status") == "excused"


# --- the Canvas import file ------------------------------------------------------------


@pytest.mark.parametrize("case", list(CANVAS))
def test_canvas_points_total_and_override_score(case_outputs, case: str) -> None:
    header, possible, rows = case_outputs(case).canvas
    assert sorted(rows) == STUDENTS
    assert [possible[canvas_column(header, k)] for k in COMPONENT_KEYS] == [
        "15.00", "15.00", "10.00", "40.00", "20.00",
    ]  # fmt: skip
    has_override = any(override for _, _, override in CANVAS[case].values())
    assert (OVERRIDE_SCORE in header) or not has_override, header
    for name, (cells, total, override) in CANVAS[case].items():
        row = rows[name]
        got = [row[canvas_column(header, k)].strip() for k in COMPONENT_KEYS]
        for key, want, cell in zip(COMPONENT_KEYS, cells, got, strict=True):
            if want is not None:
                assert cell == want, (name, key, cell, want)
        assert canvas_total(header, possible, row) == total, (name, got)
        if OVERRIDE_SCORE in header:
            assert row[OVERRIDE_SCORE].strip() == override, (name, row[OVERRIDE_SCORE])


def test_excused_cutoff_canvas_points_add_up_to_76_49_of_85(case_outputs) -> None:
    header, possible, rows = case_outputs("excused-cutoff").canvas
    dave = rows["dave"]
    cells = {k: dave[canvas_column(header, k)].strip() for k in COMPONENT_KEYS}
    assert cells["summary"] == "EX"
    # participation: 10 x 55.95238 / 100 = 5.595238; a cell may differ by under a cent.
    assert abs(Decimal(cells["participation"]) - Decimal("5.595238")) < Decimal("0.01")
    counted = [k for k in COMPONENT_KEYS if k != "summary"]
    assert sum(Decimal(possible[canvas_column(header, k)]) for k in counted) == 85
    points = sum(Decimal(cells[k]) for k in counted)
    # 76.49 / 85 = 89.988 -> 89.99 (B+); 76.50 / 85 = 90.00 would be A- in Canvas.
    assert points == Decimal("76.49"), points
    assert canvas_total(header, possible, dave) == "89.99"


# --- gradelib export passes gradelib canvas-check ---------------------------------------


@pytest.mark.parametrize("case", ["sample", *EXPECTED])
def test_export_passes_canvas_check(tmp_path: Path, case_outputs, case: str) -> None:
    """The very file every test above reads passes ``gradelib canvas-check`` (both in this
    process; tests/test_cli.py runs the same folders through real processes)."""
    if case == "sample":
        out = tmp_path / "canvas-import.csv"
        status, text, err = run_cli("export", SAMPLE, "--out", out)
        assert status == 0, text + err
    else:
        out = case_outputs(case).canvas_path
    status, text, err = run_cli("canvas-check", out)
    assert status == 0, text + err
    assert "0 error(s), 0 warning(s)" in text
