"""Grade statements: files, numbers against the grades table, and hand-worked values.

On the base course of tests/builder.py (see tests/test_scoring.py) alice (g1) has the
components 90 / 95 / 100 / 89 / 95, i.e. points 15 % × 90 = 13.50, 15 % × 95 = 14.25,
10 % × 100 = 10.00, 40 % × 89 = 35.60 and 20 % × 95 = 19.00, and the final
13.50 + 14.25 + 10.00 + 35.60 + 19.00 = 92.35, an A- (90 ≤ 92.35 < 93).
"""

from __future__ import annotations

import re
import stat
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from builder import STUDENTS, base_rubrics, write_course

import gradelib
from gradelib.cli import main
from gradelib.errors import ExportError
from gradelib.show.statements import (
    COMBINED_FILE,
    statement_document,
    statement_fragment,
    write_statements,
)

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


class _Statement(HTMLParser):
    """The numbers a reader sees: the header figures and the components table."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.summary: dict[str, str] = {}
        self.components: dict[str, list[str]] = {}
        self._in_summary = 0
        self._span: list[str] = []
        self._table = 0
        self._heading: list[str] | None = None
        self._last_heading = ""
        self._cells: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "section" and "gl-statement" in classes:
            self.sections.append(dict(attrs).get("id") or "")
        if tag == "div" and "gl-summary" in classes:
            self._in_summary = 1
        elif tag == "div" and self._in_summary:
            self._in_summary += 1
        if tag == "span" and self._in_summary:
            self._span = []
        if tag == "h3":
            self._heading = []
        if tag == "table" and self._last_heading == "Components":
            self._table = 1
        if tag == "tr" and self._table:
            self._cells = []
        if tag in ("td", "th") and self._cells is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._in_summary:
            self._in_summary -= 1
        if tag == "span" and self._in_summary and self._span:
            words = "".join(self._span).split()
            if len(words) >= 2:
                self.summary[words[0]] = words[-1]
            self._span = []
        if tag == "h3" and self._heading is not None:
            self._last_heading = "".join(self._heading).strip()
            self._heading = None
        if tag in ("td", "th") and self._cell is not None and self._cells is not None:
            self._cells.append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr" and self._cells:
            self.components[self._cells[0]] = self._cells[1:]
            self._cells = None
        if tag == "table" and self._table:
            self._table = 0
            self._last_heading = ""

    def handle_data(self, data: str) -> None:
        if self._in_summary:
            self._span.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._cell is not None:
            self._cell.append(data)


def two(value: float) -> str:
    """A score as the statement shows it: two decimals, half-up (83.625 -> 83.63); a
    missing one as ``–``. Worked out here with decimals, apart from the package's rule."""
    if pd.isna(value):
        return "–"
    return str(Decimal(repr(float(value))).quantize(Decimal("0.01"), ROUND_HALF_UP))


COLUMNS = {
    "Paper Presentation": "presentation",
    "Paper Summary": "summary",
    "Participation": "participation",
    "Project Report": "project_report",
    "Project Presentations": "project_presentations",
}
CASES = Path(__file__).resolve().parent / "fixtures" / "cases"


def read_statement(page: str) -> _Statement:
    parser = _Statement()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory):
    course = gradelib.load_course(write_course(tmp_path_factory.mktemp("base") / "course"))
    return course, gradelib.score_course(course)


def test_alice_statement_shows_the_hand_worked_numbers(base, tmp_path: Path) -> None:
    course, report = base
    written = write_statements(course, report, tmp_path / "statements")
    page = (tmp_path / "statements" / "alice.html").read_text(encoding="utf-8")
    seen = read_statement(page)
    assert seen.sections == ["alice"]
    assert seen.summary == {"Group": "g1", "Final": "92.35", "Current": "92.35", "Letter": "A-"}
    # Component: weight, status, current, final basis, points toward the final (worked out
    # in the docstring; everything is graded, so both bases agree).
    assert seen.components["Component"] == [
        "Weight",
        "Status",
        "Current",
        "Final basis",
        "Points toward the final",
    ]
    assert seen.components["Paper Presentation"] == ["15.00", "graded", "90.00", "90.00", "13.50"]
    assert seen.components["Paper Summary"] == ["15.00", "graded", "95.00", "95.00", "14.25"]
    assert seen.components["Participation"] == ["10.00", "graded", "100.00", "100.00", "10.00"]
    assert seen.components["Project Report"] == ["40.00", "graded", "89.00", "89.00", "35.60"]
    assert seen.components["Project Presentations"] == [
        "20.00",
        "graded",
        "95.00",
        "95.00",
        "19.00",
    ]
    assert seen.components["Final"] == ["100.00", "", "92.35", "", "92.35"]
    assert "<title>Grade statement: Adams, Alice (alice)</title>" in page
    assert "Class days" in page and "Letter grade" in page
    assert written.students[0].name == "alice.html"


def test_statement_holds_no_other_students_grades(base, tmp_path: Path) -> None:
    course, report = base
    write_statements(course, report, tmp_path / "s")
    page = (tmp_path / "s" / "alice.html").read_text(encoding="utf-8")
    others = [name for name in STUDENTS if name != "alice"]
    assert not [name for name in others if re.search(rf"\b{name}\b", page)]


def test_files_are_private_self_contained_and_never_overwritten(base, tmp_path: Path) -> None:
    course, report = base
    folder = tmp_path / "statements"
    written = write_statements(course, report, folder)
    names = sorted(path.name for path in folder.iterdir())
    assert names == sorted([*(f"{s}.html" for s in STUDENTS), COMBINED_FILE])
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        page = path.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>")
        assert "<script" not in page and "<link" not in page and "src=" not in page
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    before = written.combined.read_bytes()
    with pytest.raises(ExportError, match="7 files already exist"):
        write_statements(course, report, folder)
    assert written.combined.read_bytes() == before
    write_statements(course, report, folder, overwrite=True)


def test_combined_file_has_every_student_in_roster_order_one_per_page(base, tmp_path) -> None:
    course, report = base
    written = write_statements(course, report, tmp_path / "s")
    page = written.combined.read_text(encoding="utf-8")
    assert read_statement(page).sections == list(report.grades["uniqname"])
    assert "break-after:page" in page
    # The style is given once for the whole page, not once per student.
    assert page.count(".gl-root{font-family") == 1


def test_every_sample_statement_agrees_with_the_grades_table(tmp_path: Path) -> None:
    course = gradelib.load_course(SAMPLE)
    report = gradelib.score_course(course)
    write_statements(course, report, tmp_path / "s")
    grades = report.grades.set_index("uniqname")
    assert len(grades) == 40
    for uniqname, row in grades.iterrows():
        seen = read_statement((tmp_path / "s" / f"{uniqname}.html").read_text(encoding="utf-8"))
        assert seen.summary["Final"] == two(row["final"]), uniqname
        assert seen.summary["Current"] == two(row["current"]), uniqname
        assert seen.summary["Letter"] == row["letter"], uniqname
        if pd.isna(report.final_override[uniqname]):
            assert seen.components["Final"][-1] == two(row["final"]), uniqname
        mine = report.components.of(uniqname)
        for title, key in COLUMNS.items():
            shown = dict(zip(seen.components["Component"], seen.components[title], strict=True))
            if row[f"{key}_status"] == "excused":
                assert shown["Current"] == shown["Final basis"] == "excused", (uniqname, key)
                continue
            # The one number of the grades frame is the current value.
            assert shown["Current"] == two(row[key]), (uniqname, key)
            assert shown["Final basis"] == two(mine.at[key, "final"]), (uniqname, key)
            assert shown["Points toward the final"] == two(mine.at[key, "points"]), (uniqname, key)
    # The sample has an excused component (its weight is shared out): its cell says so.
    assert report.excused.to_numpy().sum() >= 1


def test_statements_written_in_one_pass_equal_each_one_made_alone(tmp_path: Path) -> None:
    """write_statements cuts the report down per student; nothing may change by it. The
    sample course has overrides, an excused component, late and flagged items and a student
    without a group's lecture, so every section is exercised."""
    course = gradelib.load_course(SAMPLE)
    report = gradelib.score_course(course)
    written = write_statements(course, report, tmp_path / "s")
    for path in written.students:
        alone = statement_document(course, report, path.stem)
        assert path.read_text(encoding="utf-8") == alone, path.stem


def test_lookup_fragment_is_the_statement_body(base) -> None:
    course, report = base
    fragment = statement_fragment(course, report, " ALICE ")
    assert 'data-final="92.35"' in fragment and "Class days" in fragment
    assert "No student" in statement_fragment(course, report, "zelda") or "zelda" in (
        statement_fragment(course, report, "zelda")
    )


def test_statement_of_a_proposal_graded_without_its_final_report(tmp_path: Path) -> None:
    """g1's final report is not graded yet. alice's Project Report is the proposal alone on
    the current basis (80.00) and 25 % × 80 = 20.00 on the final basis: 40 × 20 / 100 =
    8.00 points. Final 13.50 + 14.25 + 10.00 + 8.00 + 19.00 = 64.75 (D); current
    (13.50 + 14.25 + 10.00 + 40 % × 80 + 19.00) = 88.75."""
    rubrics = base_rubrics()
    rubrics["final_report"] = [r for r in rubrics["final_report"] if r[0] != "g1"]
    course = gradelib.load_course(write_course(tmp_path / "course", rubrics=rubrics))
    report = gradelib.score_course(course)
    written = write_statements(course, report, tmp_path / "s")
    page = written.students[0].read_text(encoding="utf-8")
    seen = read_statement(page)
    assert seen.summary == {"Group": "g1", "Final": "64.75", "Current": "88.75", "Letter": "D"}
    assert seen.components["Project Report"] == [
        "40.00",
        "partly graded",
        "80.00",
        "20.00",
        "8.00",
    ]
    assert seen.components["Final"] == ["100.00", "", "88.75", "", "64.75"]
    visible = re.sub(r"<[^>]+>", "", page)
    assert "Final report (75.00 % of Project Report): not graded yet" in visible
    assert "25.00 % × 80.00 + 75.00 % × 0 = 20.00" in visible
    assert "missing until" not in visible


def test_statement_of_86_125_reads_86_13(tmp_path: Path) -> None:
    """round-component (../shared/cases): g1's Project Report is 0.25 × 85 + 0.75 × 86.5
    = 86.125, which reads 86.13 (half-up); 40 × 86.125 / 100 = 34.45 points, and alice's
    final 12 + 9 + 10 + 34.45 + 16 = 81.45 (B-)."""
    course = gradelib.load_course(CASES / "round-component")
    report = gradelib.score_course(course)
    written = write_statements(course, report, tmp_path / "s")
    page = written.students[0].read_text(encoding="utf-8")
    seen = read_statement(page)
    assert seen.components["Project Report"] == ["40.00", "graded", "86.13", "86.13", "34.45"]
    assert seen.summary == {"Group": "g1", "Final": "81.45", "Current": "81.45", "Letter": "B-"}
    assert "86.12" not in page


def test_statement_of_an_excused_component_shows_no_number(tmp_path: Path) -> None:
    """excused-cutoff (../shared/cases): dave's summary is excused (g2's summary scored
    70): final 76.495 / 0.85 = 89.994, 89.99 B+, and his summary shows as excused only."""
    course = gradelib.load_course(CASES / "excused-cutoff")
    report = gradelib.score_course(course)
    written = write_statements(course, report, tmp_path / "s")
    page = (written.folder / "dave.html").read_text(encoding="utf-8")
    seen = read_statement(page)
    assert seen.summary == {"Group": "g2", "Final": "89.99", "Current": "89.99", "Letter": "B+"}
    assert seen.components["Paper Summary"] == [
        "15.00",
        "left out",
        "excused",
        "excused",
        "excused",
        "left out",
    ]
    section = re.search(r"<h3>Paper Summary.*?(?=<h3>)", page, flags=re.DOTALL).group(0)
    assert "70.00" not in section and "Paper Summary of" not in section


def test_command_writes_statements_and_refuses_a_second_run(tmp_path: Path, capsys) -> None:
    folder = write_course(tmp_path / "course")
    out = tmp_path / "out"
    assert main(["statements", str(folder), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote 6 statements to {out}" in printed
    assert (out / "alice.html").exists()
    assert main(["statements", str(folder), "--out", str(out)]) != 0
    assert "already exist" in capsys.readouterr().err
    assert main(["statements", str(folder), "--out", str(out), "--overwrite"]) == 0


def test_notebook_button_writes_into_out(tmp_path: Path) -> None:
    from datetime import datetime

    from gradelib.notebook.session import Session
    from gradelib.notebook.statements import StatementsPanel

    course = gradelib.load_course(write_course(tmp_path / "course"))
    panel = StatementsPanel(Session(course.folder), clock=lambda: datetime(2024, 12, 18, 15, 0))
    panel.write()
    folder = course.folder / "out" / "statements-20241218-150000"
    assert (folder / "alice.html").exists() and (folder / COMBINED_FILE).exists()
    assert "Wrote 6 statements" in panel.result.value
    before = (folder / "alice.html").read_bytes()
    panel.write()  # the same second again: refused, nothing overwritten
    assert "was written a moment ago; press again in a second" in panel.result.value
    assert "--overwrite" not in panel.result.value  # no command-line flag in the panel
    assert (folder / "alice.html").read_bytes() == before
