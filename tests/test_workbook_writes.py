"""Issue 16: the workbook's writing buttons write the grades as they are now, or nothing.

On a copy of the sample course (data/sample), karanb (group g11) has, by the sample's
files: presentation 89, summary 77.5, participation 96.875, project report 85.375,
project presentations 86.25, so final = .15·89 + .15·77.5 + .10·96.875 + .40·85.375
+ .20·86.25 = 13.35 + 11.625 + 9.6875 + 34.15 + 17.25 = 86.0625 → 86.06. Every item is
graded, so current = final. An override of his presentation to 95 adds .15·6 = 0.90:
86.9625 → 86.96. In the Canvas file (points mode, each component out of its weight) his
presentation goes from 89 % of 15 = 13.35 to 95 % of 15 = 14.25 points, and his row reads
14.25, 11.62, 9.69, 34.15, 17.25: 86.96 in all (11.625 and 9.6875 apportioned to the
cent so that the total is his current score).
"""

from __future__ import annotations

import csv
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from builder import write_course

import gradelib
from gradelib.export.remedies import COMMAND_LINE
from gradelib.export.unchanged import latest_export
from gradelib.load.record_override import record_override
from gradelib.notebook import ExportPanel, StatementsPanel
from gradelib.notebook.session import Session
from gradelib.notebook.to_canvas import panel_remedies

pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
NOW = datetime(2024, 12, 18, 15, 0)


class Ticks:
    """A clock one second later at each call (each export gets a name of its own)."""

    def __init__(self) -> None:
        self.second = -1

    def __call__(self) -> datetime:
        self.second += 1
        return NOW.replace(second=self.second)


@pytest.fixture
def session(tmp_path: Path) -> Session:
    folder = tmp_path / "course"
    shutil.copytree(SAMPLE, folder)
    return Session(folder, clock=lambda: NOW)


def karanb_row(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return next(row for row in rows if row["SIS Login ID"] == "karanb")


def override_karanb_presentation(session: Session) -> None:
    """karanb's presentation 89 → 95, saved through the session (as the override panel)."""
    session.change(
        session.folder / "overrides.csv",
        lambda: record_override(
            session.folder, "karanb", "presentation", "95", "regraded", now=session.clock()
        ),
        what="karanb presentation", old="89.00", new="95.00", reason="regraded",
    )  # fmt: skip


def csv_files(folder: Path) -> list[str]:
    return sorted(path.name for path in (folder / "out").glob("canvas-import-*.csv"))


# -- the grades as they are now ---------------------------------------------------------


def test_export_and_statements_after_an_override_have_the_new_grades(session: Session) -> None:
    export = ExportPanel(session, clock=Ticks())
    statements = StatementsPanel(session, clock=Ticks())  # both built before the change
    export.export()
    first = export.written
    assert karanb_row(first)["Paper Presentation (88240)"] == "13.35"  # 89 % of 15

    override_karanb_presentation(session)
    assert "The grades changed after canvas-import-20241218-150000.csv was written" in (
        export.notice.value
    )
    export.export()
    assert export.written == session.folder / "out" / "canvas-import-20241218-150001.csv"
    row = karanb_row(export.written)
    cells = [row[h] for h in list(row)[5:]]
    assert cells == ["14.25", "11.62", "9.69", "34.15", "17.25"]  # 95 % of 15 = 14.25
    assert sum(map(float, cells)) == pytest.approx(86.96)
    assert export.notice.value == ""

    statements.write()
    page = (statements.written.folder / "karanb.html").read_text(encoding="utf-8")
    assert "86.96" in page and "86.06" not in page
    assert "regraded" in page


def test_a_file_edited_behind_the_notebooks_back_stops_every_writer(session: Session) -> None:
    export = ExportPanel(session, clock=Ticks())
    statements = StatementsPanel(session, clock=Ticks())
    overrides = session.folder / "overrides.csv"
    with overrides.open("a", encoding="utf-8", newline="") as handle:  # as a spreadsheet would
        handle.write("karanb,presentation,95,regraded by hand\n")

    export.export()
    assert "Not written:" in export.result.value
    assert "overrides.csv changed on disk since the notebook read it" in export.result.value
    assert export.written is None and not (session.folder / "out").exists()
    assert session.report.grades.set_index("uniqname").at["karanb", "final"] == 86.96

    export.export()  # pressed again after looking: the new grades go out
    assert karanb_row(export.written)["Paper Presentation (88240)"] == "14.25"

    with overrides.open("a", encoding="utf-8", newline="") as handle:
        handle.write("oghosh,final,90,agreed\n")
    statements.write()
    assert "Not written:" in statements.result.value and statements.written is None
    assert not list((session.folder / "out").glob("statements-*"))
    statements.write()
    assert statements.written is not None


def test_nothing_is_written_from_a_course_with_errors(session: Session) -> None:
    export = ExportPanel(session, clock=Ticks())
    statements = StatementsPanel(session, clock=Ticks())
    (session.folder / "groups.csv").write_text("nothing,useful\n", encoding="utf-8")
    session.ensure_current()  # another panel noticed first
    export.export()
    statements.write()
    for shown in (export.result.value, statements.result.value):
        assert "Not written. Out of date: the course files now have" in shown
    assert not (session.folder / "out").exists()


# -- the export panel's feedback --------------------------------------------------------


def test_an_identical_second_export_is_not_written(session: Session) -> None:
    panel = ExportPanel(session, clock=Ticks())
    panel.export()
    panel.export()
    assert panel.result.value == (
        "<p>Nothing changed since out/canvas-import-20241218-150000.csv; not written "
        "again: it is still the file to upload (same grades, same columns, byte for "
        "byte).</p>"
    )
    assert csv_files(session.folder) == ["canvas-import-20241218-150000.csv"]
    assert not (session.folder / "out" / "canvas-import-20241218-150001.csv.manifest.json").exists()
    panel.allow_deletions.value = True  # another option, the same bytes: still not written
    panel.export()
    assert "Nothing changed since" in panel.result.value
    assert latest_export(session.folder) == panel.written


def test_only_the_newest_export_is_compared(session: Session) -> None:
    """Changed, then changed back: the file equal to the first export is newer than the
    one between, so it is written (it is the one to upload now)."""
    panel = ExportPanel(session, clock=Ticks())
    panel.export()
    override_karanb_presentation(session)
    panel.export()
    session.undo(1)
    panel.export()
    names = csv_files(session.folder)
    assert names == [f"canvas-import-20241218-15000{n}.csv" for n in (0, 1, 2)]
    out = session.folder / "out"
    assert (out / names[0]).read_bytes() == (out / names[2]).read_bytes()


def test_the_panel_shows_the_columns_reused_and_new(session: Session) -> None:
    """The sample's roster has one assignment column of ours, Paper Presentation (88240):
    it is reused; the four other components get new columns."""
    panel = ExportPanel(session, clock=Ticks())
    panel.export()
    shown = panel.result.value
    assert "(40 students, mode points)" in shown
    assert "<p>Canvas columns: 1 existing reused, 4 new.</p>" in shown
    assert (
        '<li data-reused="true">Paper Presentation (88240): existing Canvas column, reused</li>'
        in shown
    )
    assert (
        '<li data-reused="false">Participation: new column (Canvas creates the assignment '
        "on import)</li>" in shown
    )
    assert "canvas-check: the file follows Canvas&#x27;s import rules." in shown
    assert "is our current score for all 40 student(s)." in shown


def test_each_interface_names_its_own_options() -> None:
    """One rule in the export, two wordings: the command line's flags, the panel's
    checkboxes (the panel's never names a flag)."""
    panel = panel_remedies()
    for field in ("overwrite", "allow_deletions", "without_final_overrides"):
        assert "--" not in getattr(panel, field)
        assert getattr(COMMAND_LINE, field).startswith("pass --")
    assert "allow deleting scores Canvas has" in panel.allow_deletions
    assert "leave the final overrides out" in panel.without_final_overrides


# -- progress while writing statements ---------------------------------------------------


def test_statements_report_progress_one_student_at_a_time(tmp_path: Path) -> None:
    """The builder's course has 6 students: the wrapper is asked for 6 and sees 6."""
    course = gradelib.load_course(write_course(tmp_path / "course"))
    seen: list[int] = []

    def progress(items, total):
        seen.append(total)
        for item in items:
            seen.append(0)
            yield item

    written = gradelib.write_statements(
        course, gradelib.score_course(course), tmp_path / "st", progress=progress
    )
    assert seen == [6, 0, 0, 0, 0, 0, 0]
    assert len(written.students) == 6 and written.combined.exists()


def test_the_panels_tqdm_bar_passes_every_student_through() -> None:
    import ipywidgets as widgets

    from gradelib.notebook.statements import progress_bar

    wrap = progress_bar(widgets.Output(), "grade statements")
    assert list(wrap(iter(["alice", "bob", "carol"]), 3)) == ["alice", "bob", "carol"]


def test_verify_reads_changed_files_first_and_says_so(session: Session) -> None:
    """Verifying writes nothing: it goes on, with the files as they are now, and says so."""
    panel = ExportPanel(session, clock=Ticks())
    piazza = session.folder / "piazza.csv"
    piazza.write_text(piazza.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    panel.verify.path.value = "nope.csv"
    panel.verify.button.click()
    shown = panel.verify.result.value
    assert "Read again first: piazza.csv changed on disk" in shown
    assert "no such file" in shown
    assert session.version == 2 and session.changed_files() == []


def test_the_export_names_its_stages_in_order_and_the_panel_bar_goes(session: Session) -> None:
    from gradelib.export.to_canvas import export_to_canvas

    seen: list[str] = []
    out = session.folder / "out" / "stages.csv"
    export_to_canvas(session.course, out, report=session.report, stage=seen.append)
    # The session's report is given, so nothing is scored again, but the stage is named.
    assert seen == ["scoring", "building the import file", "writing", "reading back and checking"]
    panel = ExportPanel(session, clock=Ticks())
    panel.export()
    assert panel.progress.outputs == ()  # the bar is gone once the export ended
    assert "data-path" in panel.result.value
