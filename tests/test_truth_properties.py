"""One truth over generated courses (issue 12, "Done when", first point).

For every student of a generated course, the value shown for each component, the final,
the current score and the letter is the same string in ``gradelib grade`` (the terminal
table), ``gradelib grade --csv``, the statement and the notebook's grades table; the
notes state every override by the value shown; Canvas's own total, computed from our
import file as Canvas computes it, is our current score to the cent; a final override
reaches Canvas as the ``Override Score``.

The courses are tests/builder.py's tiny course (g1 = alice, bob, carol; g2 = dave, erin;
g3 = frank) with a fourth paper lecture (2024-09-17: g1 presents, g2 summarizes), so a
group can have one of two lectures graded. Drawn: every rubric score (whole or half
points, a second grader sometimes, so averages such as 86.125 come up), items not graded
yet, late summaries, attendance, questions and Piazza; excused components, component
overrides (some on a half cent: 80.125, 62.995), final overrides on a cut-off or a few
thousandths either side (92.995, 89.994, ...), and students whose *computed* final is
steered to a cut-off or just beside it (their components set by overrides whose weighted
sum is the target). Each run puts three students beside three different cut-offs, and the
runs together cover every cut-off (``TRIPLES``).

The reference for each student is the grades frame (``gradelib.score_course``) turned into
text by the one rule (``score_text``); the letter is also checked against the cut-offs
independently, on the decimal value of the shown final.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from builder import (
    COMPONENT_KEYS,
    COMPONENT_NAMES,
    MISSING,
    OVERRIDE_SCORE,
    SHOWN,
    STUDENTS,
    base_rubrics,
    base_tables,
    canvas_column,
    canvas_file,
    canvas_shown,
    canvas_total,
    csv_values,
    examples,
    grades_table_values,
    run_cli,
    statement_values,
    terminal_notes,
    terminal_values,
    write_course,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gradelib
from gradelib.sheets.rounding import score_text

#: Examples per cut-off triple (each writes a course and runs every output: a few seconds).
#: (``make quick``: one; tests/conftest.py.)
EXAMPLES = examples(int(os.environ.get("GRADELIB_TRUTH_EXAMPLES", "3")))
TRUTH = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

WEIGHTS = {"presentation": 15, "summary": 15, "participation": 10, "project_report": 40,
           "project_presentations": 20}  # fmt: skip
#: The default cut-offs (SPEC), highest first; below the last is E.
CUTOFFS = (("A", 93), ("A-", 90), ("B+", 87), ("B", 83), ("B-", 80), ("C+", 77), ("C", 73),
           ("C-", 70), ("D+", 67), ("D", 63), ("D-", 60))  # fmt: skip
#: Either side of a cut-off, in thousandths: 89.994 reads 89.99, 89.995 reads 90.00.
NEAR = (-6, -5, -4, -1, 0, 4, 5)
#: Component override values on a half cent (86.125 must read 86.13 everywhere).
HALF_CENTS = (80.125, 62.995, 86.125, 89.995, 0.005, 99.995)

GROUP = {"alice": "g1", "bob": "g1", "carol": "g1", "dave": "g2", "erin": "g2", "frank": "g3"}
EXTRA = "2024-09-17"
LECTURES = {"2024-09-03": "g1", "2024-09-05": "g2", "2024-09-12": "g3", EXTRA: "g1"}
DAYS = ("2024-09-03", "2024-09-05", "2024-09-12", EXTRA, "2024-10-22")
RUBRIC_KEYS = ("group", "date", "grader", "submitted")


@dataclass
class TruthCase:
    tables: dict[str, list[list[object]]]
    rubrics: dict[str, list[list[object]]]
    overrides: list[list[object]]
    final_overrides: dict[str, str]  # uniqname -> the value written

    def write(self, folder: Path) -> Path:
        return write_course(folder, self.tables, self.rubrics, overrides=self.overrides)


def one_in(draw, n: int) -> bool:
    return draw(st.integers(0, n - 1)) == n - 1


def points(maximum: int) -> st.SearchStrategy[float]:
    return st.one_of(st.integers(0, maximum), st.integers(0, 2 * maximum).map(lambda k: k / 2))


def with_extra_lecture() -> tuple[dict, dict]:
    """The base course with the 2024-09-17 lecture (g1 presents, g2 summarizes)."""
    tables, rubrics = base_tables(), base_rubrics()
    tables["schedule"].insert(5, [EXTRA, "lecture", "Fine-Tuning", "g1", "g2", "g3"])
    tables["attendance"] += [[EXTRA, name, ""] for name in STUDENTS]
    presentation, summary = rubrics["presentation"], rubrics["summary"]
    presentation.append(["g1", dt.date(2024, 9, 17), "insujang", dt.datetime(2024, 9, 15, 9), 8, 8])
    summary.append(["g2", dt.date(2024, 9, 17), "insujang", dt.datetime(2024, 9, 17, 20), 16])
    return tables, rubrics


@st.composite
def truth_courses(draw, cutoffs: tuple[int, int, int]) -> TruthCase:
    """A generated course; three students go beside the three ``cutoffs``."""
    tables, rubrics = with_extra_lecture()

    # Rubric scores: drawn; an item not graded yet (no row); a second grader; a late summary.
    for sheet, (header, maxima, *body) in list(rubrics.items()):
        criteria = [c for c, name in enumerate(header) if name not in RUBRIC_KEYS]
        rows = []
        for row in body:
            if one_in(draw, 5):
                continue  # not graded yet
            if sheet == "summary" and one_in(draw, 8):
                row[header.index("submitted")] = row[1] + dt.timedelta(days=2)  # late: 0
            graders = [row]
            if one_in(draw, 3):
                graders.append(list(row))
                graders[-1][header.index("grader")] = "mosharaf"
            for one in graders:
                for c in criteria:
                    one[c] = draw(points(maxima[c]))
            rows += graders
        rubrics[sheet] = [header, maxima, *rows]

    statuses = st.sampled_from(["", "", "present", "absent", "excused", None])  # None: no row
    attendance = [tables["attendance"][0]]
    for day, name, _ in tables["attendance"][1:]:
        status = draw(statuses)
        if status is not None:
            attendance.append([day, name, status])
    tables["attendance"] = attendance

    questions = [tables["questions"][0]]
    for day, presenter in LECTURES.items():
        for name in STUDENTS:
            if GROUP[name] != presenter:
                when = draw(st.sampled_from(["09:00:00", "10:29:59", "10:30:00", None]))
                if when is not None:
                    questions.append([f"{day} {when}", name, day])
    tables["questions"] = questions
    tables["piazza"] = [tables["piazza"][0]] + [
        [name.title(), f"{name}@umich.edu", draw(st.integers(0, 7))] for name in STUDENTS
    ]

    # Overrides. Three students go to three different cut-offs: two by their computed
    # final (steered), one by a final override; the other three keep their computed
    # components, with an excused component or a component override sometimes.
    order = draw(st.permutations(STUDENTS))
    cutoffs = draw(st.permutations(cutoffs))
    overrides: list[list[object]] = []
    final_overrides: dict[str, str] = {}
    for position, name in enumerate(order):
        excused = draw(
            st.lists(st.sampled_from(COMPONENT_KEYS), max_size=2, unique=True)
            if one_in(draw, 3)
            else st.just([])
        )
        overrides += [[name, key, "excused", "Property: excused"] for key in excused]
        counted = [key for key in COMPONENT_KEYS if key not in excused]
        if position < 2:  # steered: the computed final lands beside a cut-off
            target = Decimal(cutoffs[position]) + Decimal(draw(st.sampled_from(NEAR))) / 1000
            overrides += steer(draw, name, counted, target)
            continue
        if position == 2:  # a final override beside a cut-off
            value = Decimal(cutoffs[position]) + Decimal(draw(st.sampled_from(NEAR))) / 1000
            final_overrides[name] = str(value)
            overrides.append([name, "final", str(value), "Property: final override"])
        for key in counted:
            if one_in(draw, 6):
                value = draw(
                    st.one_of(
                        st.sampled_from(HALF_CENTS),
                        st.integers(0, 400).map(lambda k: k / 4),
                    )
                )
                overrides.append([name, key, repr(value), "Property: component override"])
    return TruthCase(tables, rubrics, overrides, final_overrides)


def steer(draw, name: str, counted: list[str], target: Decimal) -> list[list[object]]:
    """Component overrides for every counted component whose weighted mean is ``target``:
    all but the last drawn, the last solved for (all equal to the target when it cannot)."""
    total = sum(WEIGHTS[k] for k in counted)
    *first, last = counted
    # Each drawn value within 20 points of the target (quarter points), so the solved one
    # is mostly within 0..100 too.
    values = {
        k: min(Decimal(100), max(Decimal(0), target.to_integral_value() + Decimal(d) / 4))
        for k, d in zip(
            first,
            draw(st.lists(st.integers(-80, 80), min_size=len(first), max_size=len(first))),
            strict=True,
        )
    }
    rest = (target * total - sum(WEIGHTS[k] * values[k] for k in first)) / WEIGHTS[last]
    if 0 <= rest <= 100:
        values[last] = rest.quantize(Decimal("1e-9"))
    else:
        values = dict.fromkeys(counted, target)
    return [[name, k, str(values[k]), "Property: steered to a cut-off"] for k in counted]


# --- the property ---------------------------------------------------------------------


def expected_shown(report: gradelib.GradeReport) -> dict[str, dict[str, str]]:
    """The reference: the grades frame through the one rule."""
    expected = {}
    for row in report.grades.to_dict("records"):
        shown = {}
        for key in COMPONENT_KEYS:
            if row[f"{key}_status"] == "excused":
                shown[key] = "excused"
            else:
                shown[key] = score_text(row[key], missing=MISSING)
        shown["final"] = score_text(row["final"], missing=MISSING)
        shown["current"] = score_text(row["current"], missing=MISSING)
        letter = row["letter"]
        shown["letter"] = letter if isinstance(letter, str) and letter else MISSING
        expected[row["uniqname"]] = shown
    return expected


def letter_of(final_text: str) -> str:
    """The letter of a shown final, by the cut-offs (inclusive), on its decimal value."""
    value = Decimal(final_text)
    return next((letter for letter, cut in CUTOFFS if value >= cut), "E")


#: Every cut-off in some run: three students per course beside three of them.
TRIPLES = [(93, 90, 87), (83, 80, 77), (73, 70, 67), (63, 60, 90)]
assert {cut for triple in TRIPLES for cut in triple} == {cut for _, cut in CUTOFFS}


@pytest.mark.parametrize("triple", TRIPLES, ids=lambda t: "-".join(map(str, t)))
@TRUTH
@given(data=st.data())
def test_every_output_shows_the_same_grades(
    tmp_path_factory, triple: tuple[int, int, int], data: st.DataObject
) -> None:
    case = data.draw(truth_courses(triple), label="course")
    work = tmp_path_factory.mktemp("truth")
    folder = case.write(work / "course")
    course = gradelib.load_course(folder)
    report = gradelib.score_course(course)
    expected = expected_shown(report)
    assert sorted(expected) == sorted(STUDENTS)

    # The letter follows the shown final by the cut-offs.
    for name, want in expected.items():
        assert want["letter"] == letter_of(want["final"]), (name, want)

    status, terminal, err = run_cli("grade", folder, "--notes")
    assert status == 0, err
    status, csv_text, err = run_cli("grade", folder, "--csv")
    assert status == 0, err
    from gradelib.show.explain import grades_table
    from gradelib.show.statements import write_statements

    written = write_statements(course, report, work / "statements")
    statements = {path.stem: statement_values(path.read_text("utf-8")) for path in written.students}
    outputs = {
        "grade": terminal_values(terminal, STUDENTS),
        "grade --csv": csv_values(csv_text),
        "statement": statements,
        # as notebooks/grading.ipynb calls it
        "grades table": grades_table_values(grades_table(report.grades)),
    }
    for output, shown in outputs.items():
        for name in STUDENTS:
            got = {key: shown.get(name, {}).get(key, "(not shown)") for key in SHOWN}
            assert got == expected[name], (output, name, case.overrides)

    # The notes state each override by the value shown.
    notes = terminal_notes(terminal, STUDENTS)
    frame_notes = report.notes
    overrides = course.overrides
    for _, over in overrides.iterrows():
        name, target = str(over["uniqname"]), str(over["component"])
        mine = notes[name]
        assert mine == [
            line
            for note in frame_notes.loc[frame_notes["uniqname"] == name, "note"]
            for line in str(note).splitlines()
        ], name
        if target == "final":
            value = expected[name]["final"]
            assert any("final" in line.lower() and value in line for line in mine), (name, mine)
        elif target in COMPONENT_KEYS and not bool(over["excused"]):
            label, value = COMPONENT_NAMES[target], expected[name][target]
            assert any(line.startswith(label) and value in line for line in mine), (name, mine)

    # Canvas: its total from our file is our current score; a final override is the
    # Override Score.
    out = work / "canvas-import.csv"
    status, text, err = run_cli("export", folder, "--out", out)
    assert status == 0, text + err
    header, possible, rows = canvas_file(out)
    grades = report.grades.set_index("uniqname")
    for name in STUDENTS:
        row = rows[name]
        want = expected[name]
        for key in COMPONENT_KEYS:
            cell = row[canvas_column(header, key)].strip()
            if want[key] == "excused":
                assert cell == "EX", (name, key, cell)
            elif want[key] == MISSING:
                assert cell == "", (name, key, cell)
            else:
                exact = Decimal(repr(float(grades.at[name, key]))) * WEIGHTS[key] / 100
                assert abs(Decimal(cell) - exact) < Decimal("0.01"), (name, key, cell, exact)
        if name in case.final_overrides:
            assert OVERRIDE_SCORE in header, header
            assert row[OVERRIDE_SCORE].strip() == want["final"], (name, row[OVERRIDE_SCORE])
        elif OVERRIDE_SCORE in header:
            assert row[OVERRIDE_SCORE].strip() in ("", want["current"]), (name, row)
        total = canvas_shown(header, possible, row)
        assert total == want["current"], (
            name,
            total,
            want["current"],
            canvas_total(header, possible, row),
            {k: row[canvas_column(header, k)] for k in COMPONENT_KEYS},
        )
