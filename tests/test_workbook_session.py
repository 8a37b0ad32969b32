"""The workbook session: every save re-scores the page, is recorded, and can be undone.

The tiny course (tests/builder.py) with erin absent on three of four days, as in
test_whatif.py: finals alice, bob, carol 92.35 (A-), dave 88.15 (B+), erin 86.90 (B),
frank 68.75 (D+). erin's attendance: 4 days held, 3 absences, allowance 2, so
100 · (4 − 3 + 2) / 4 = 75; participation .5 · 75 + 25 + 25 = 87.5.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path

import pytest
from builder import base_tables, write_course

from gradelib.errors import GradelibError
from gradelib.load.history import read_changes, record_change, undo_change
from gradelib.notebook.session import Session

#: Whole courses read and graded several times each: slow, but for the history tests.
pytestmark = pytest.mark.slow

WHEN = datetime(2024, 12, 17, 9, 30)
DAYS = ("2024-09-03", "2024-09-05", "2024-09-12")


@pytest.fixture
def session(tmp_path: Path) -> Session:
    tables = base_tables()
    tables["attendance"] = [
        r for r in tables["attendance"] if not (r[1] == "erin" and r[0] in DAYS)
    ]
    return Session(write_course(tmp_path / "course", tables), clock=lambda: WHEN)


def grade(session: Session, uniqname: str, column: str) -> object:
    return session.report.grades.set_index("uniqname").loc[uniqname, column]


def counts_shown(markup: str) -> dict[str, int]:
    """Letter -> count of the second row of the one letter-counts table."""
    return {m[0]: int(m[1]) for m in re.findall(r'data-letter="([^"]+)"[^>]*>(\d+)', markup)}


# -- the history ----------------------------------------------------------------------


@pytest.mark.quick
def test_a_change_is_logged_and_undone_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "overrides.csv"
    path.write_bytes(b"uniqname,component,value,reason\r\nbob,final,80,agreed\r\n")
    original = path.read_bytes()
    change = record_change(
        path, lambda: path.write_text("uniqname,component,value,reason\n"),
        what="bob final", old="80", new="none", reason="removed", now=WHEN,
    )  # fmt: skip
    assert (change.number, change.recorded, change.before) == (
        1, "2024-12-17T09:30:00", "0001-overrides.csv",
    )  # fmt: skip
    assert (tmp_path / "history" / "0001-overrides.csv").read_bytes() == original
    undo = undo_change(tmp_path, 1, reason="by mistake", now=WHEN)
    assert path.read_bytes() == original
    assert (undo.number, undo.what, undo.old, undo.new) == (
        2, "undo of change 1: bob final", "none", "80",
    )  # fmt: skip
    with (tmp_path / "history" / "changes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["number"], r["what"], r["reason"]) for r in rows] == [
        ("1", "bob final", "removed"), ("2", "undo of change 1: bob final", "by mistake"),
    ]  # fmt: skip


@pytest.mark.quick
def test_undo_of_a_created_file_removes_it_and_a_later_edit_blocks_undo(
    tmp_path: Path,
) -> None:
    path = tmp_path / "policy.toml"
    record_change(
        path, lambda: path.write_text("[weights]\n"), what="w", old="", new="", reason="r",
        now=WHEN,
    )  # fmt: skip
    path.write_text("[weights]\n# edited by hand\n")
    with pytest.raises(GradelibError, match="has changed since change 1"):
        undo_change(tmp_path, 1, reason="", now=WHEN)
    path.write_text("[weights]\n")
    undo_change(tmp_path, 1, reason="", now=WHEN)
    assert not path.exists()
    with pytest.raises(GradelibError, match="there is no change 7"):
        undo_change(tmp_path, 7, reason="", now=WHEN)


# -- the session ----------------------------------------------------------------------


def test_a_file_edited_behind_the_notebooks_back_is_noticed(session: Session) -> None:
    assert session.changed_files() == [] and session.version == 1
    seen: list[int] = []
    session.on_change(lambda current: seen.append(current.version))
    path = session.folder / "piazza.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(GradelibError, match=r"piazza\.csv changed on disk"):
        session.require_current()
    assert seen == [2]  # read again and every view redrawn before anything is written
    session.require_current()  # now the page shows the file as it is


def test_a_course_with_errors_makes_the_page_out_of_date(session: Session) -> None:
    (session.folder / "groups.csv").write_text("nothing,useful\n", encoding="utf-8")
    assert session.ensure_current() == ["groups.csv"]
    assert session.course is None and session.report is None
    assert session.stale.startswith("Out of date: the course files now have")
    with pytest.raises(GradelibError, match=r"Not written\. Out of date"):
        session.require_current()


# -- the override panel ---------------------------------------------------------------


def override_panel(session: Session, student: str, component: str, value: str, reason: str):
    from gradelib.notebook import OverridePanel

    panel = OverridePanel(session)
    panel.student.value = student
    panel.component.value = component
    panel.value.value = value
    panel.reason.value = reason
    return panel


def test_an_override_rescored_everywhere_replaced_after_asking_removed(
    session: Session,
) -> None:
    from gradelib.notebook import WhatIfPanel

    whatif = WhatIfPanel(session)
    assert counts_shown(whatif.counts.value)["A-"] == 3
    # alice's presentation 90 -> 95: final 92.35 + .15 · 5 = 93.10, an A.
    panel = override_panel(session, "Adams, Alice (alice)", "presentation", "95", "appeal")
    assert "Now: no override." in panel.now.value and panel.remove_button.disabled
    panel.save()
    assert (grade(session, "alice", "final"), grade(session, "alice", "letter")) == (93.10, "A")
    assert 'data-final="93.10"' in panel.result.value
    assert counts_shown(whatif.counts.value)["A-"] == 2  # the other panels follow
    assert "Now: <strong>95</strong> (appeal, recorded 2024-12-17T09:30:00)" in panel.now.value
    # Replacing it with 80 asks first; the second press replaces: 92.35 − .15 · 10 = 90.85.
    panel.value.value = "80"
    panel.save()
    assert "already has an override of presentation: 95" in panel.result.value
    assert grade(session, "alice", "final") == 93.10
    panel.save()
    assert grade(session, "alice", "final") == 90.85
    panel.remove()
    assert grade(session, "alice", "final") == 92.35
    assert [(c.what, c.old, c.new) for c in read_changes(session.folder)] == [
        ("alice presentation", "none", "95"),
        ("alice presentation", "95", "80"),
        ("alice presentation", "80", "none"),
    ]


def test_excusing_a_class_day(session: Session) -> None:
    # erin's 09-03 excused: 3 days held, 2 absences: 100 · min(1, (3 − 2 + 2) / 3) = 100,
    # participation 100, final 86.90 + .10 · 12.5 = 88.15 (B+).
    panel = override_panel(session, "Evans, Erin (erin)", "attendance:2024-09-03", "", "ill")
    assert panel.value.value == "excused"  # a class day is excused
    panel.save()
    assert (grade(session, "erin", "final"), grade(session, "erin", "letter")) == (88.15, "B+")


def test_undo_from_the_history_panel_restores_the_file(session: Session) -> None:
    from gradelib.notebook.history import HistoryPanel

    history = HistoryPanel(session)
    assert "No change made in the workbook yet" in history.table.value
    assert history.button.disabled
    path = session.folder / "overrides.csv"
    before = path.read_bytes() if path.exists() else None
    override_panel(session, "Fox, Frank (frank)", "final", "70", "agreed").save()
    assert grade(session, "frank", "letter") == "C-"
    assert history.choice.options == (("1: frank final (none → 70)", 1),)
    history.undo()
    assert "Undid change 1" in history.result.value, history.result.value
    assert (path.read_bytes() if path.exists() else None) == before
    assert grade(session, "frank", "final") == 68.75
    assert 'data-change="2"' in history.table.value


# -- the what-if panel ---------------------------------------------------------------


def test_whatif_cutoff_slider_updates_the_counts(session: Session) -> None:
    from gradelib.notebook import WhatIfPanel

    panel = WhatIfPanel(session)
    before = counts_shown(panel.counts.value)
    assert before["A-"] == 3 and before["A"] == 0
    panel.cutoff_sliders["A"].value = 92.0
    after = counts_shown(panel.counts.value)
    assert (after["A"], after["A-"], after["B+"], after["B"], after["D+"]) == (3, 0, 1, 1, 1)
    # The one letter-counts table (as the cut-off panel's): the policy's count, then this.
    assert 'data-letter="A" data-before="0" data-after="3">3 <small>(+3)</small>' in (
        panel.counts.value
    )
    assert bytes(panel.picture.value).startswith(b"\x89PNG")


def test_whatif_weight_slider_rebalances_the_others(session: Session) -> None:
    from gradelib.notebook import WhatIfPanel

    panel = WhatIfPanel(session)
    panel.weight_sliders["presentation"].value = 25
    assert panel.weights() == {
        "presentation": 25, "summary": 13, "participation": 9,
        "project_report": 35, "project_presentations": 18,
    }  # fmt: skip


# -- saving the policy ----------------------------------------------------------------


def test_whatif_cannot_save_crossed_cutoffs(session: Session) -> None:
    from gradelib.notebook import WhatIfPanel

    panel = WhatIfPanel(session)
    panel.cutoff_sliders["A-"].value = 95.0  # above A's 93
    assert "must go down" in panel.status.value and panel.save_button.disabled
    panel.save()  # pressed all the same (the button is disabled on the page)
    assert (
        "Not saved" in panel.status.value and "cut-off 95 is not below A 93" in panel.status.value
    )
    assert not (session.folder / "policy.toml").exists() and not read_changes(session.folder)


def test_whatif_save_is_recorded_and_rescored(session: Session) -> None:
    from gradelib.notebook import WhatIfPanel

    panel = WhatIfPanel(session)
    panel.cutoff_sliders["A"].value = 92.0
    panel.reason.value = "curve"
    panel.save()
    # alice, bob, carol 92.35 >= 92: A now, in the session and in the "now" row.
    assert grade(session, "alice", "letter") == "A"
    assert 'data-letter="A" data-before="3" data-after="3">3' in panel.counts.value
    [change] = read_changes(session.folder)
    assert (change.old, change.new, change.reason) == ("A 93.00", "A 92.00", "curve")
    panel.save()
    assert "Nothing to save" in panel.status.value
