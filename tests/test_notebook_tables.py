"""The grades table a GSI can work with (itables) and the readable small tables (issue 16).

Values worked out by hand from ``data/sample``: karanb (Becker, Karan, group g11) has
presentation 89, summary 77.5, participation 96.875 (shown 96.88: half-up), project
report 85.375 (85.38), project presentations 86.25; final = .15·89 + .15·77.5 +
.10·96.875 + .40·85.375 + .20·86.25 = 13.35 + 11.625 + 9.6875 + 34.15 + 17.25 = 86.0625,
86.06, a B (B from 83, B+ from 87: 0.94 short of it). ``overrides.csv`` excuses facheng's
summary and sets graceh's presentation to 95.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from builder import ROSTER, write_course

from gradelib.notebook.session import Session
from gradelib.notebook.tables import (
    GRADES_TABLE_ID,
    SORT_BY_VALUE,
    grades_frame,
    grades_html,
    grades_table,
    readable_table,
)
from gradelib.score.cutoffs import near_cutoffs

ROOT = Path(__file__).resolve().parents[1]
SCALE = (
    ("A", 93.0), ("A-", 90.0), ("B+", 87.0), ("B", 83.0), ("B-", 80.0), ("C+", 77.0),
    ("C", 73.0), ("C-", 70.0), ("D+", 67.0), ("D", 63.0), ("D-", 60.0),
)  # fmt: skip
HEADERS = [
    "Uniqname", "Name", "Group", "Paper Presentation", "Paper Summary", "Participation",
    "Project Report", "Project Presentations", "Final", "Current", "Letter",
]  # fmt: skip


@pytest.fixture
def session(tmp_path: Path) -> Session:
    """A session on a copy of the sample course."""
    folder = tmp_path / "sample"
    shutil.copytree(ROOT / "data" / "sample", folder)
    return Session(folder)


def row_of(frame: pd.DataFrame, uniqname: str) -> list[str]:
    return [str(value) for value in frame.loc[frame["Uniqname"] == uniqname].iloc[0]]


def data_rows(markup: str) -> list[list[object]]:
    """The rows itables hands DataTables (the ``data_json`` option)."""
    found = re.search(r'"data_json": ("(?:[^"\\]|\\.)*")', markup)
    assert found, "no data_json in the table"
    return json.loads(json.loads(found[1]))


def test_the_grades_frame_reads_as_the_one_score_format(session: Session) -> None:
    frame = grades_frame(session.report.grades, session.course.policy.letters)
    assert list(frame.columns) == HEADERS
    assert len(frame) == 40
    assert row_of(frame, "karanb") == [
        "karanb", "Becker, Karan", "g11",
        "89.00", "77.50", "96.88", "85.38", "86.25", "86.06", "86.06", "B",
    ]  # fmt: skip
    assert row_of(frame, "facheng")[4] == "excused"
    assert row_of(frame, "graceh")[3] == "95.00"


def test_the_letter_sorts_in_the_scales_order(session: Session) -> None:
    frame = grades_frame(session.report.grades, SCALE)
    assert list(frame["Letter"].cat.categories) == [
        "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "E", "–",
    ]  # fmt: skip


def test_a_component_without_a_number_says_why() -> None:
    grades = pd.DataFrame(
        {
            "uniqname": ["ana"], "name": ["A, Ana"], "group": [None],
            "presentation": [None], "presentation_status": ["ungraded"],
            "summary": [None], "summary_status": ["excused"],
            "participation": [100.0], "participation_status": ["graded"],
            "project_report": [86.125], "project_report_status": ["partial"],
            "project_presentations": [0.005], "project_presentations_status": ["graded"],
            "final": [None], "current": [92.995], "letter": [""],
        }
    )  # fmt: skip
    frame = grades_frame(grades, SCALE)
    assert row_of(frame, "ana") == [
        "ana", "A, Ana", "", "not graded", "excused", "100.00", "86.13", "0.01", "–",
        "93.00", "–",
    ]  # fmt: skip


def test_the_interactive_table_sorts_scrolls_and_keeps_its_header(session: Session) -> None:
    markup = grades_html(session.report.grades, session.course.policy.letters)
    assert markup == grades_html(session.report.grades, session.course.policy.letters)
    assert f'<table id="{GRADES_TABLE_ID}"' in markup
    assert 'data-students="40"' in markup
    for option in ('"paging": false', '"scrollX": true', '"scrollY": "65vh"'):
        assert option in markup
    assert "window._itables_" in markup and "unpkg" not in markup  # offline
    for header in HEADERS:
        assert f"<th>{header}</th>" in markup
    rows = data_rows(markup)
    karanb = next(row for row in rows if row[0] == "karanb")
    # The letter travels as its rank in the scale (B is the 4th letter); the JavaScript
    # render function shows the letter and sorts by the rank.
    assert karanb == [
        "karanb", "Becker, Karan", "g11",
        "89.00", "77.50", "96.88", "85.38", "86.25", "86.06", "86.06", 4,
    ]  # fmt: skip
    assert SORT_BY_VALUE in markup.replace('\\"', '"')


def test_a_name_with_markup_is_escaped_in_the_interactive_table(tmp_path: Path) -> None:
    roster = copy.deepcopy(ROSTER)
    roster[4][0] = "<script>alert('x')</script>, Carol"
    session = Session(write_course(tmp_path / "course", roster=roster))
    markup = grades_html(session.report.grades, session.course.policy.letters)
    assert "<script>alert" not in markup
    assert "&lt;script&gt;alert" in markup


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the JavaScript")
def test_score_cells_sort_by_the_value_they_show() -> None:
    cells = ["86.13", "9.50", "100.00", "–", "excused", "0.00", "not graded", "86.06"]
    script = (
        f"const render = {SORT_BY_VALUE};"
        f"const cells = {json.dumps(cells)};"
        "const sorted = [...cells].sort((a, b) => render(a, 'sort') - render(b, 'sort'));"
        "console.log(JSON.stringify([sorted, cells.map(c => render(c, 'display'))]));"
    )
    done = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    ordered, shown = json.loads(done.stdout)
    # Numbers by value (9.50 before 86.06, not after 100.00 as text would); the cells
    # without a number (sort value -1) first, in their order (the sort is stable).
    assert ordered == ["–", "excused", "not graded", "0.00", "9.50", "86.06", "86.13", "100.00"]
    assert shown == cells


class FakeHandle:
    def __init__(self, shown: list[object]) -> None:
        self.shown = shown

    def update(self, what: object) -> None:
        self.shown.append(what)


def test_the_grades_table_is_redrawn_after_a_change(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    import IPython.display

    shown: list[object] = []

    def display(what: object, display_id: bool = False) -> FakeHandle | None:
        shown.append(what)
        return FakeHandle(shown) if display_id else None

    monkeypatch.setattr(IPython.display, "display", display)
    grades_table(session)
    html = [getattr(what, "data", "") for what in shown]
    assert any("_itables_" in text and "injectModule" in text for text in html)  # the library
    karanb = next(row for row in data_rows(html[-1]) if row[0] == "karanb")
    assert karanb[8:10] == ["86.06", "86.06"]
    with (session.folder / "overrides.csv").open("a", encoding="utf-8") as file:
        file.write("karanb,final,90,Regraded\n")
    session.reload()
    karanb = next(row for row in data_rows(shown[-1].data) if row[0] == "karanb")
    assert karanb[8:11] == ["90.00", "90.00", 2]  # A- is the 2nd letter
    (session.folder / "policy.toml").write_text("not toml [", encoding="utf-8")
    session.reload()
    assert "Out of date" in shown[-1].data


def test_close_calls_read_with_readable_headers(session: Session) -> None:
    close = near_cutoffs(session.report.grades, session.course.policy.letters, within=1.0)
    markup = readable_table(close)
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", markup)
    assert headers == [
        "Uniqname", "Name", "Final", "Letter", "Next letter", "Cut-off", "Points below",
    ]  # fmt: skip
    row = re.search(r"<tr><td>karanb</td>.*?</tr>", markup)[0]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row)
    assert cells == ["karanb", "Becker, Karan", "86.06", "B", "B+", "87.00", "0.94"]
    assert '<td class="gl-num">0.94</td>' in row


def test_a_readable_table_can_show_its_index(session: Session) -> None:
    # derahman: 25 lectures held, 3 absences, none excused: attendance (25 − 3 + 2)/25 = 96%.
    parts = session.report.parts
    past = parts.loc[["derahman"], ["held", "absences", "excused_days", "attendance"]]
    markup = readable_table(past, index=True, headers={"held": "Held"})
    assert re.findall(r"<th[^>]*>([^<]*)</th>", markup) == [
        "uniqname", "Held", "absences", "excused_days", "attendance",
    ]  # fmt: skip
    assert re.findall(r"<td[^>]*>([^<]*)</td>", markup) == ["derahman", "25", "3", "0", "96.00"]
