"""What-ifs and the notebook widgets' callbacks, driven from Python (nbval cannot click).

Numbers come from the tiny course (tests/builder.py) with erin absent on three of four
days: finals alice/bob/carol 92.35 (A-), dave 88.15 (B+), erin 86.90 (B: her
participation is .5·75 + 25 + 25 = 87.5, which costs .10·12.5), frank 68.75 (D+).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from builder import base_tables, write_course

import gradelib
from gradelib.score.whatif import participation_with, rebalance, recompute

DAYS = ("2024-09-03", "2024-09-05", "2024-09-12", "2024-10-22")


@pytest.fixture
def scored(tmp_path: Path) -> tuple[gradelib.Course, gradelib.GradeReport]:
    """The tiny course with erin absent on three of four days, scored."""
    tables = base_tables()
    tables["attendance"] = [
        r for r in tables["attendance"] if not (r[1] == "erin" and r[0] in DAYS[:3])
    ]
    course = gradelib.load_course(write_course(tmp_path / "course", tables))
    return course, gradelib.score_course(course)


@pytest.mark.parametrize(
    ("weights", "changed", "value", "expected"),
    [
        ({"a": 50, "b": 30, "c": 20}, "a", 60, {"a": 60, "b": 24, "c": 16}),
        ({"a": 50, "b": 30, "c": 20}, "a", 100, {"a": 100, "b": 0, "c": 0}),
        ({"a": 50, "b": 30, "c": 20}, "a", 0, {"a": 0, "b": 60, "c": 40}),
        ({"a": 100, "b": 0, "c": 0}, "a", 40, {"a": 40, "b": 30, "c": 30}),
        # 15/15/10/40/20 with the first at 25: the rest share 75 in proportion
        # (13.24, 8.82, 35.29, 17.65): whole parts 13+8+35+17 = 73, the two cents left go
        # to the largest remainders (.82 and .65).
        (
            {"p": 15, "s": 15, "q": 10, "r": 40, "t": 20},
            "p",
            25,
            {"p": 25, "s": 13, "q": 9, "r": 35, "t": 18},
        ),
    ],
)
def test_rebalance_keeps_the_sum_at_100(weights, changed, value, expected) -> None:
    result = rebalance(weights, changed, value)
    assert result == expected
    assert sum(result.values()) == 100


def test_recompute_with_lower_a_cutoff(scored) -> None:
    course, report = scored
    scale = (("A", 92.0), *course.policy.letters[1:])
    outcome = recompute(report, course.policy.weights, scale)
    assert outcome.letters.to_dict() == {
        "alice": "A", "bob": "A", "carol": "A", "dave": "B+", "erin": "B", "frank": "D+",
    }  # fmt: skip
    assert outcome.counts["A"] == 3 and outcome.counts["A-"] == 0 and outcome.counts["E"] == 0


def test_recompute_with_other_weights(scored) -> None:
    course, report = scored
    weights = {"presentation": 20, "summary": 10, "participation": 10}
    weights |= {"project_report": 40, "project_presentations": 20}
    outcome = recompute(report, weights, course.policy.letters)
    # alice: .20·90 + .10·95 + .10·100 + .40·89 + .20·95 = 92.10
    assert outcome.finals["alice"] == 92.10


@pytest.mark.parametrize(("allowance", "participation"), [(0, 62.5), (2, 87.5), (3, 100.0)])
def test_participation_with_another_allowance(scored, allowance, participation) -> None:
    # erin: H = 4, A = 3. allowance 0: 25 %, 2: 75 %, 3: 100 % attendance.
    _, report = scored
    shares = {"attendance": 50, "questions": 25, "piazza": 25}
    assert participation_with(report.parts, allowance, shares)["erin"] == pytest.approx(
        participation
    )


# --- the widgets ---------------------------------------------------------------------------


def test_student_lookup_shows_the_student(scored) -> None:
    from gradelib.notebook import student_lookup
    from gradelib.notebook.session import Session

    course, _ = scored
    lookup = student_lookup(Session(course.folder))
    assert "Adams, Alice (alice)" in lookup.search.options
    lookup.search.value = "Adams, Alice (alice)"
    assert 'data-final="92.35"' in lookup.view.value
    lookup.search.value = ""
    assert lookup.view.value == ""


def test_export_button_writes_into_out(scored) -> None:
    from gradelib.notebook import ExportPanel
    from gradelib.notebook.session import Session

    course, _ = scored
    panel = ExportPanel(Session(course.folder), clock=lambda: datetime(2024, 12, 18, 15, 0))
    panel.export()
    written = course.folder / "out" / "canvas-import-20241218-150000.csv"
    assert panel.written == written and written.exists()
    assert "Wrote" in panel.result.value
    panel.export()  # the same second again: refused, nothing overwritten
    assert "already exist" in panel.result.value


def test_participation_panel_allowance(scored) -> None:
    from gradelib.notebook import ParticipationPanel
    from gradelib.notebook.session import Session

    course, _ = scored
    panel = ParticipationPanel(Session(course.folder))
    assert 'data-changed="0"' in panel.changes.value
    panel.allowance.value = 3
    # erin: participation 87.50 -> 100.00, final 86.90 -> 88.15 (+.10·12.5), B -> B+
    assert 'data-changed="1" data-letters="1"' in panel.changes.value
    row = re.search(r'<tr data-uniqname="erin".*?</tr>', panel.changes.value)[0]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row)
    assert cells[1:] == ["erin", "87.50", "100.00", "86.90", "88.15", "B", "B+"]
    assert panel.participation()["erin"] == pytest.approx(100.0)
