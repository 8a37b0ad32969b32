"""A grade change made in the notebook is written to overrides.csv before it takes effect.

Tiny course (tests/builder.py): alice's final is 92.35 with a presentation of 90; with the
presentation set to 95 it is 92.35 + .15·5 = 93.10, with 80 it is 92.35 − .15·10 = 90.85.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from builder import write_course

import gradelib
from gradelib.errors import GradelibError
from gradelib.load.record_override import record_override

WHEN = datetime(2024, 12, 17, 9, 30)


def final_of(folder: Path, uniqname: str) -> float:
    grades = gradelib.compute_grades(gradelib.load_course(folder)).set_index("uniqname")
    return grades.loc[uniqname, "final"]


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_recorded_override_is_in_the_file_with_reason_and_time(tmp_path: Path) -> None:
    folder = write_course(tmp_path / "c")
    path = record_override(folder, "ALICE ", "presentation", "95", "Regraded", now=WHEN)
    assert rows_of(path) == [
        {
            "uniqname": "alice",
            "component": "presentation",
            "value": "95",
            "reason": "Regraded",
            "recorded": "2024-12-17T09:30:00",
        }
    ]
    assert final_of(folder, "alice") == 93.10  # read back from the file, as after a restart


def test_a_second_change_replaces_the_first(tmp_path: Path) -> None:
    folder = write_course(tmp_path / "c", overrides=[["dave", "summary", "excused", "Late add"]])
    record_override(folder, "alice", "presentation", "95", "Regraded", now=WHEN)
    path = record_override(folder, "alice", "presentation", "80", "Second look", now=WHEN)
    rows = rows_of(path)
    assert [(r["uniqname"], r["component"], r["value"]) for r in rows] == [
        ("dave", "summary", "excused"),
        ("alice", "presentation", "80"),
    ]
    assert rows[0]["recorded"] == ""  # a row written by hand keeps its cells
    assert final_of(folder, "alice") == 90.85


@pytest.mark.parametrize(
    ("student", "component", "value", "reason", "words"),
    [
        ("alice", "presentation", "120", "x", "is not a percentage"),
        ("alice", "presentaton", "90", "x", "is not a component key"),
        ("alice", "presentation", "90", "  ", "give a reason"),
        ("al ice", "presentation", "90", "x", "is not a uniqname"),
    ],
)
def test_bad_changes_are_refused_and_nothing_is_written(
    tmp_path: Path, student: str, component: str, value: str, reason: str, words: str
) -> None:
    folder = write_course(tmp_path / "c")
    with pytest.raises(GradelibError, match=words):
        record_override(folder, student, component, value, reason, now=WHEN)
    assert not (folder / "overrides.csv").exists()


def test_override_panel_saves_before_showing(tmp_path: Path) -> None:
    from gradelib.notebook import OverridePanel
    from gradelib.notebook.session import Session

    folder = write_course(tmp_path / "c")
    panel = OverridePanel(Session(folder, clock=lambda: WHEN))
    panel.student.value = "Adams, Alice (alice)"
    panel.component.value = "presentation"
    panel.value.value = "95"
    panel.reason.value = "Regraded after appeal"
    panel.save()
    assert 'data-final="93.10"' in panel.result.value
    assert rows_of(folder / "overrides.csv")[0]["reason"] == "Regraded after appeal"
    assert final_of(folder, "alice") == 93.10
