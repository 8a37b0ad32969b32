"""One export: the grading scheme printed with it, and the notebook panel showing what the
command line prints (the same function writes, reads back and checks the file)."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from builder import ROSTER, base_rubrics, write_course

import gradelib
from gradelib.errors import ExportError
from gradelib.export.scheme import grading_scheme_lines
from gradelib.export.to_canvas import export_to_canvas
from gradelib.notebook.session import Session
from gradelib.policy.read import default_policy

#: Each test but the first two exports a course; ``make quick`` keeps those marked ``quick``.
pytestmark = pytest.mark.slow

CASES = Path(__file__).resolve().parent / "fixtures" / "cases"
CLOCK = datetime(2024, 12, 18, 15, 0)


@pytest.mark.quick
def test_grading_scheme_lines_of_the_default_policy() -> None:
    lines = grading_scheme_lines(default_policy())
    assert lines[1:13] == [
        "  A   from 93.00 %",
        "  A-  from 90.00 %",
        "  B+  from 87.00 %",
        "  B   from 83.00 %",
        "  B-  from 80.00 %",
        "  C+  from 77.00 %",
        "  C   from 73.00 %",
        "  C-  from 70.00 %",
        "  D+  from 67.00 %",
        "  D   from 63.00 %",
        "  D-  from 60.00 %",
        "  E   from 0.00 %",
    ]
    assert "Grading scheme" in lines[0]
    assert "not policy.toml" in lines[-1] and lines[-1].startswith("warning:")


@pytest.mark.quick
def test_grading_scheme_follows_the_course_cutoffs() -> None:
    letters = (("A", 94.5), ("B", 85.0), ("C", 72.25))
    lines = grading_scheme_lines(dataclasses.replace(default_policy(), letters=letters))
    assert lines[1:5] == [
        "  A  from 94.50 %",
        "  B  from 85.00 %",
        "  C  from 72.25 %",
        "  E  from 0.00 %",
    ]


def test_export_result_says_scheme_and_check(tmp_path: Path) -> None:
    course = gradelib.load_course(CASES / "excused-cutoff")
    result = export_to_canvas(course, tmp_path / "import.csv")
    messages = result.messages()
    assert "  A-  from 90.00 %" in messages
    assert "canvas-check: the file follows Canvas's import rules." in messages
    assert (
        "Canvas's total, computed from the file, is our current score for all 4 student(s)."
        in messages
    )
    assert result.ok and result.mismatches == ()


def test_out_may_not_be_an_input_file_even_with_overwrite(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    shutil.copytree(CASES / "round-component", folder)
    before = (folder / "roster.csv").read_bytes()
    course = gradelib.load_course(folder)
    with pytest.raises(ExportError, match="input file"):
        export_to_canvas(course, folder / "roster.csv", overwrite=True)
    assert (folder / "roster.csv").read_bytes() == before


def test_panel_shows_the_same_messages(tmp_path: Path) -> None:
    from gradelib.notebook import ExportPanel

    folder = tmp_path / "case"
    shutil.copytree(CASES / "ovr-final", folder)
    panel = ExportPanel(Session(folder), clock=lambda: CLOCK)
    panel.export()
    shown = panel.result.value
    assert panel.written == folder / "out" / "canvas-import-20241218-150000.csv"
    assert "A-  from 90.00 %" in shown
    assert "not policy.toml" in shown
    assert "must allow final grade override" in shown
    assert "canvas-check: the file follows Canvas&#x27;s import rules." in shown
    assert 'data-ok="true"' in shown


def test_panel_speaks_of_its_checkbox_not_the_cli_flag(tmp_path: Path) -> None:
    from gradelib.notebook import ExportPanel

    rubrics = base_rubrics()
    rubrics["presentation"] = [r for r in rubrics["presentation"] if r[0] != "g1"]
    roster = [row[:] for row in ROSTER]
    roster[2][5] = "13.50"  # Canvas has alice's presentation; the import would blank it
    folder = write_course(tmp_path / "c", rubrics=rubrics, roster=roster)
    panel = ExportPanel(Session(folder), clock=lambda: CLOCK)
    panel.export()
    assert "allow deleting scores Canvas has" in panel.result.value
    assert "--allow-deletions" not in panel.result.value
    panel.allow_deletions.value = True
    panel.export()
    assert 'data-ok="true"' in panel.result.value


def test_panel_without_overrides_checkbox(tmp_path: Path) -> None:
    from gradelib.notebook import ExportPanel

    folder = tmp_path / "case"
    shutil.copytree(CASES / "ovr-final", folder)
    (folder / "policy.toml").write_text("[canvas]\noverride_score = false\n", encoding="utf-8")
    panel = ExportPanel(Session(folder), clock=lambda: CLOCK)
    panel.export()
    assert "leave the final overrides out" in panel.result.value
    assert "--without-final-overrides" not in panel.result.value
    assert panel.written is None
    panel.without_overrides.value = True
    panel.export()
    assert panel.written is not None and "Override Score" not in panel.result.value


def test_percent_mode_checks_under_weighted_assignment_groups(tmp_path: Path) -> None:
    # round-component, percent mode: alice's cells are her component percents; weighted
    # by 15/15/10/40/20 they give 0.15·80 + 0.15·60 + 0.10·100 + 0.40·86.125 + 0.20·80
    # = 81.45, her current.
    folder = tmp_path / "case"
    shutil.copytree(CASES / "round-component", folder)
    (folder / "policy.toml").write_text('[canvas]\nmode = "percent"\n', encoding="utf-8")
    out = tmp_path / "import.csv"
    result = export_to_canvas(gradelib.load_course(folder), out)
    assert result.ok and result.percent_mode and result.mismatches == ()
    assert "assignment group" in result.check_lines()[-1]
    alice = next(line for line in out.read_text(encoding="utf-8").splitlines() if ",alice," in line)
    assert alice.endswith(",80.00,60.00,100.00,86.13,80.00")
