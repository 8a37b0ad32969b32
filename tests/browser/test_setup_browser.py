"""The setup notebook in the browser: pin one assignment, solve again, save the plan.

After Run All of ``setup.ipynb`` (on a copy of the sample course), the plan panel shows
the planner's plan: without pins another group than g01 presents *Attention Is All You
Need* on Aug 29 (g09 when this was written: the planner's choice). The GSI
pins g01 as presenter that day and presses *Pin and re-solve*: the table then has g01
presenting on Aug 29, marked pinned, and the pin is listed. *Save the plan* writes a new
``out/plan-<time>/`` folder whose ``schedule.csv`` has g01 presenting on 2024-08-29.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from test_live_workbook import field
from test_workbook_browser import WIDGET_SECONDS, until

pytestmark = pytest.mark.browser

LECTURE = "Aug 29 · Attention Is All You Need"


def test_a_pinned_assignment_is_kept_shown_and_saved(workbook, lab) -> None:
    book = workbook("setup.ipynb")
    page = book.page
    try:
        assert book.error_outputs() == [], "a cell shows an error"
        panel = page.locator(".gl-panel-plan")
        row = panel.locator('tr[data-date="2024-08-29"]')
        assert row.get_attribute("data-presenter") not in ("g01", None)
        assert panel.locator(".gl-plan-fairness").get_attribute("data-groups") == "14"
        assert panel.locator("img").count() == 1

        field(panel, "Lecture", "dropdown").select_option(label=LECTURE)
        field(panel, "Role", "dropdown").select_option(label="presents")
        field(panel, "Group", "dropdown").select_option(label="g01")
        panel.get_by_role("button", name="Pin and re-solve").click()
        panel.get_by_text("Pinned: g01 presents on Aug 29. Solved again.").wait_for(
            timeout=WIDGET_SECONDS * 1000
        )
        until("g01 presenting on Aug 29", lambda: row.get_attribute("data-presenter") == "g01")
        assert "g01" in row.locator("td").nth(3).text_content()
        assert "pinned" in row.locator("td").nth(3).text_content()
        assert panel.locator("select option", has_text="g01 presents on Aug 29").count() == 1

        panel.get_by_role("button", name="Save the plan").click()
        said = panel.get_by_text("Saved the plan to")
        said.wait_for(timeout=WIDGET_SECONDS * 1000)
        folder = Path(said.locator("code[data-path]").get_attribute("data-path"))
        if not folder.is_absolute():
            folder = lab.notebooks / folder
        assert folder.parent.resolve() == (lab.course / "out").resolve()
        assert folder.name.startswith("plan-")
        with (folder / "schedule.csv").open(encoding="utf-8", newline="") as handle:
            saved = {r["date"]: r for r in csv.DictReader(handle)}
        assert saved["2024-08-29"]["presenter"] == "g01"
        assert book.error_outputs() == [], "a cell shows an error after the pin"
    finally:
        book.screenshot("setup-driven")
