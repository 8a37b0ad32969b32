"""The participation what-if (issue 16): who changes, with name, participation, final and
letter now → then. Worked out by hand from ``data/sample`` (25 lectures held, allowance 2,
participation = .50·attendance + .25·questions + .25·piazza, weighing .10 of the final):

- Rahman, Deepa (derahman): 3 absences, questions 75, piazza 0. Attendance now
  (25 − 3 + 2)/25 = 96%, participation .5·96 + .25·75 = 66.75; final .15·89 + .15·77.5 +
  .10·66.75 + .40·85.375 + .20·86.25 = 83.05, a B (B from 83). With allowance 1:
  attendance 92%, participation 64.75, final 83.05 − .10·2 = 82.85, a B−.
- Popescu, Yusuf (popeyusu) and Zhou, Bongani (zhoubong): 2 absences, so their attendance
  also loses 4 points (100% → 96%) and their participation 2: 92.65 → 90.65 and
  91.18 → 89.18; finals 77.16 → 76.96 and 77.14 → 76.94: C+ → C (C+ from 77).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from gradelib.notebook.participation import ParticipationPanel, participation_whatif
from gradelib.notebook.session import Session

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def session(tmp_path: Path) -> Session:
    folder = tmp_path / "sample"
    shutil.copytree(ROOT / "data" / "sample", folder)
    return Session(folder)


def rows(markup: str) -> dict[str, list[str]]:
    """The changes table's rows by ``data-uniqname``, cells as text, in order."""
    found = re.findall(r'<tr data-uniqname="([^"]+)"[^>]*>(.*?)</tr>', markup)
    return {uniq: re.findall(r"<td[^>]*>([^<]*)</td>", cells) for uniq, cells in found}


def test_nothing_changes_at_the_policys_settings(session: Session) -> None:
    panel = ParticipationPanel(session)
    assert panel.allowance.value == 2
    assert '<p data-changed="0" data-letters="0">0 student(s) change.</p>' in panel.changes.value
    assert "<table" not in panel.changes.value


def test_a_smaller_allowance_shows_finals_and_letters_now_and_then(session: Session) -> None:
    panel = ParticipationPanel(session)
    panel.allowance.value = 1
    shown = rows(panel.changes.value)
    assert shown["derahman"] == [
        "Rahman, Deepa", "derahman", "66.75", "64.75", "83.05", "82.85", "B", "B-",
    ]  # fmt: skip
    assert shown["popeyusu"] == [
        "Popescu, Yusuf", "popeyusu", "92.65", "90.65", "77.16", "76.96", "C+", "C",
    ]  # fmt: skip
    assert shown["zhoubong"] == [
        "Zhou, Bongani", "zhoubong", "91.18", "89.18", "77.14", "76.94", "C+", "C",
    ]  # fmt: skip
    # The letter changes first (by name), highlighted; then the others.
    assert list(shown)[:3] == ["popeyusu", "derahman", "zhoubong"]
    assert 'data-letters="3"' in panel.changes.value
    assert panel.changes.value.count('class="gl-here"') == 3
    # Nia Bianchi, 5 absences: participation 87.75 − 2, final 85.15 − .20, still a B.
    assert shown["nbianchi"] == [
        "Bianchi, Nia", "nbianchi", "87.75", "85.75", "85.15", "84.95", "B", "B",
    ]  # fmt: skip


def test_an_override_keeps_its_effect_and_the_panel_follows_a_change(session: Session) -> None:
    panel = ParticipationPanel(session)
    panel.allowance.value = 1
    with (session.folder / "overrides.csv").open("a", encoding="utf-8") as file:
        file.write("derahman,final,90,Regraded\n")
        file.write("popeyusu,participation,95,Attended office hours instead\n")
    session.reload()
    shown = rows(panel.changes.value)
    # derahman: the participation still moves, the final set by the override does not.
    assert shown["derahman"][2:] == ["66.75", "64.75", "90.00", "90.00", "A-", "A-"]
    # popeyusu: an overridden participation does not follow the allowance: not listed.
    assert "popeyusu" not in shown
    assert 'data-letters="1"' in panel.changes.value  # zhoubong only


def test_the_whatif_table_holds_numbers_for_everyone(session: Session) -> None:
    policy = session.course.policy
    table = participation_whatif(session.report, policy, 1, policy.participation)
    assert len(table) == 40
    assert table.loc["derahman", "participation_then"] == pytest.approx(64.75)
    assert table.loc["derahman", "final_then"] == pytest.approx(82.85)
    assert table.loc["derahman", "letter_then"] == "B-"
