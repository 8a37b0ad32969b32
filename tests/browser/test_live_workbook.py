"""The live workbook in the browser: a change saved on the page reaches every panel and file.

After Run All of ``grading.ipynb`` (on a copy of the sample course), the GSI changes a
grade in the override panel. Worked out by hand from the sample course: karanb's
presentation is 89 and his final 86.06 (B); at 95 his final is 86.06 + .15 · 6 = 86.96,
0.04 below the B+ cut-off (87) where the cut-off panel listed him 0.94 below; the Canvas
file then holds 15 · .95 = 14.25 points for his presentation, and his statement the final
86.96. Undo puts ``overrides.csv`` back byte for byte. A what-if scale with A− above A
cannot be saved. Before that, the GSI finds a student in the lookup by uniqname, by a
surname in lower case and through a one-letter typo, and sorts the grades table by final.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest
from test_workbook_browser import WIDGET_SECONDS, press, slider, student_box, until

import gradelib
from gradelib.policy.model import COMPONENTS

pytestmark = pytest.mark.browser


def field(panel: Any, label: str, kind: str = "text") -> Any:
    """The input of the ``kind`` widget (text, dropdown) labelled ``label`` in a panel."""
    name = panel.page.locator(".widget-label", has_text=re.compile(rf"^{re.escape(label)}$"))
    tag = "select" if kind == "dropdown" else "input"
    found = panel.locator(f".widget-{kind}").filter(has=name).locator(tag)
    assert found.count() == 1, f"{found.count()} {kind} boxes labelled {label!r}"
    return found


def canvas_cell(path: Path, uniqname: str, column_start: str) -> str:
    """One student's cell of the written Canvas file, by the start of its column name."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    [column] = [name for name in rows[0] if name.startswith(column_start)]
    [row] = [row for row in rows if row["SIS Login ID"] == uniqname]
    return row[column]


def find_student(page: Any, typed: str) -> bool:
    """Type into the lookup; wait for karanb's statement, choosing from "Did you mean".

    Returns whether karanb had to be chosen from the offered students.
    """
    box = student_box(page)
    shown = page.locator('.gl-breakdown[data-uniqname="karanb"]')
    offered = page.get_by_role("button", name="Becker, Karan (karanb)")
    box.fill("")  # the student shown before goes first: what follows answers this text
    box.press("Enter")
    until("the lookup emptied", lambda: shown.count() == 0 and offered.count() == 0)
    box.fill(typed)
    box.press("Enter")
    until(f"karanb found or offered for {typed!r}", lambda: shown.count() or offered.count())
    chose = not shown.count()
    if chose:
        assert page.get_by_text("Did you mean").count() >= 1
        offered.click()
    until(f"karanb's statement for {typed!r}", lambda: shown.count() == 1)
    assert shown.get_attribute("data-final") == "86.06"
    return chose


def finals_shown(page: Any) -> list[str]:
    """The Final column of the interactive grades table, top to bottom."""
    table = page.locator("table#gl-grades-interactive")
    headers = [t.strip() for t in page.locator(".dt-scroll-head th").all_text_contents()]
    column = headers.index("Final") + 1
    return [t.strip() for t in table.locator(f"tbody td:nth-child({column})").all_text_contents()]


def test_a_grade_change_reaches_every_panel_and_file_and_is_undone(workbook, lab) -> None:
    book = workbook("grading.ipynb")
    page = book.page
    overrides = lab.course / "overrides.csv"
    original = overrides.read_bytes()
    try:
        # Finding a student: uniqname, a surname in lower case, a one-letter typo.
        assert [find_student(page, t) for t in ("karanb", "becker", "karanv")] == [
            False, False, True,
        ]  # fmt: skip

        # Sorting the grades table by final (a click: up; another: down).
        grades = gradelib.compute_grades(gradelib.load_course(lab.course))
        ordered = [f"{value:.2f}" for value in sorted(grades["final"])]
        header = page.locator(".dt-scroll-head th", has_text=re.compile(r"^\s*Final\s*$"))
        header.click()
        until("the table sorted by final, up", lambda: finals_shown(page) == ordered)
        header.click()
        until("the table sorted by final, down", lambda: finals_shown(page) == ordered[::-1])

        panel = page.locator(".gl-panel-override")
        field(panel, "For student").fill("Becker, Karan (karanb)")
        field(panel, "For student").press("Enter")
        field(panel, "Component", "dropdown").select_option(label=COMPONENTS["presentation"])
        field(panel, "New value").fill("95")
        field(panel, "Reason").fill("Regraded after appeal")
        field(panel, "Reason").press("Tab")
        panel.get_by_role("button", name="Save override").click()
        saved = panel.get_by_text("Saved to")
        saved.wait_for(timeout=WIDGET_SECONDS * 1000)
        assert (
            panel.locator('.gl-breakdown[data-uniqname="karanb"]').get_attribute("data-final")
            == "86.96"
        )

        # The cut-off panel reasons with the new final: 0.04 below B+.
        close = page.locator('.gl-panel-cutoffs .gl-cutoffs-below tr[data-uniqname="karanb"]')

        def close_call() -> str:
            return " ".join(close.all_text_contents())

        until("karanb 0.04 below B+ in the close calls", lambda: "86.96" in close_call())
        assert "0.04" in close_call()

        # The export writes the new presentation: 15 · .95 = 14.25 points.
        page.get_by_role("button", name="Export to Canvas").click()
        written = page.locator("code[data-path]").first
        written.wait_for(timeout=WIDGET_SECONDS * 1000)
        exported = Path(written.get_attribute("data-path"))
        assert canvas_cell(exported, "karanb", "Paper Presentation") == "14.25"

        # The statements hold the new final.
        page.get_by_role("button", name="Write grade statements").click()
        said = page.get_by_text(re.compile(r"Wrote \d+ statements to"))
        said.wait_for(timeout=WIDGET_SECONDS * 1000)
        folder = Path(said.locator("code[data-path]").get_attribute("data-path"))
        assert 'data-final="86.96"' in (folder / "karanb.html").read_text(encoding="utf-8")

        # Undo from the history: overrides.csv back byte for byte, the close call as before.
        history = page.locator(".gl-panel-history")
        history.get_by_role("button", name="Undo").click()
        history.get_by_text("Undid change 1").wait_for(timeout=WIDGET_SECONDS * 1000)
        assert overrides.read_bytes() == original
        until("karanb back at 0.94 below B+", lambda: "86.06" in close_call())
        assert "0.94" in close_call()

        # A what-if scale with A− above A cannot be saved.
        policy = (lab.course / "policy.toml").read_bytes()
        whatif = page.locator(".gl-panel-whatif")
        press(slider(page, "A- from"), "ArrowRight", 8)  # 90 -> 94, above A's 93
        whatif.get_by_text("Cut-offs must go down").wait_for(timeout=WIDGET_SECONDS * 1000)
        assert whatif.get_by_role("button", name="Save to policy.toml").is_disabled()
        assert (lab.course / "policy.toml").read_bytes() == policy
        press(slider(page, "A- from"), "ArrowLeft", 8)
        assert book.error_outputs() == [], "a cell shows an error after the changes"
    finally:
        overrides.write_bytes(original)
        book.screenshot("grading-live")
