"""The workbook as the GSI uses it: JupyterLab in headless Chromium, widgets driven by hand.

Each test opens a served copy of a notebook (on a copy of the sample course), runs all its
cells from the Run menu, checks that no cell shows an error, then moves sliders, types a
student and presses buttons the way a person does, and compares what the page then shows
with the same numbers worked out here with ``gradelib`` on the same course copy.
Screenshots go to ``test-artifacts/browser/`` (``<notebook>.png`` right after Run All,
``<notebook>-driven.png`` after the widgets were used).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import gradelib
from gradelib.canvas.check import check_import_file
from gradelib.policy.model import COMPONENTS
from gradelib.score.whatif import participation_with, recompute

pytestmark = pytest.mark.browser

#: How long a widget may take to show the kernel's answer to a slider move or a click.
WIDGET_SECONDS = 30


def slider(page: Any, description: str) -> Any:
    """The ipywidgets slider whose label reads ``description`` exactly."""
    label = page.locator(".widget-label", has_text=re.compile(rf"^{re.escape(description)}$"))
    found = page.locator(".widget-slider").filter(has=label)
    assert found.count() == 1, f"{found.count()} sliders labelled {description!r}"
    return found


def student_box(page: Any) -> Any:
    """The text box of the student lookup (a Combobox labelled "Student")."""
    label = page.locator(".widget-label", has_text=re.compile(r"^Student$"))
    found = page.locator(".widget-text").filter(has=label).locator("input[list]")
    assert found.count() == 1, f"{found.count()} student boxes"
    return found


def readout(widget: Any) -> str:
    """The value a slider shows next to it."""
    return widget.locator(".widget-readout").text_content().strip()


def press(widget: Any, key: str, times: int) -> None:
    """Focus a slider's handle and press a key on it (each press is one change)."""
    handle = widget.locator(".noUi-handle")
    handle.focus()
    for _ in range(times):
        handle.press(key)


def counts_shown(page: Any) -> dict[str, int]:
    """Letter -> count read from the what-if panel's ``data-letter`` cells."""
    cells = page.locator(".gl-whatif td[data-letter]")
    shown = {}
    for cell in cells.all():
        number = re.match(r"\s*(\d+)", cell.text_content())
        assert number, f"not a count: {cell.text_content()!r}"
        shown[cell.get_attribute("data-letter")] = int(number[1])
    return shown


def until(
    what: str,
    probe: Callable[[], Any],
    seconds: float = WIDGET_SECONDS,
    detail: Callable[[], str] | None = None,
) -> Any:
    """Poll ``probe`` until it returns something true; fail after ``seconds``.

    The failure message ends with ``detail()`` (what the page showed), else the last
    value ``probe`` returned.
    """
    end = time.monotonic() + seconds
    while True:
        last = probe()
        if last:
            return last
        if time.monotonic() >= end:
            seen = detail() if detail else repr(last)
            pytest.fail(f"timed out after {seconds:.0f} s waiting for {what}; {seen}")
        time.sleep(0.2)


def test_grading_workbook(workbook, lab) -> None:
    book = workbook("grading.ipynb")
    page = book.page
    try:
        assert book.error_outputs() == [], "a cell shows an error"

        course = gradelib.load_course(lab.course)
        report = gradelib.score_course(course)
        weight_sliders = {key: slider(page, f"{name} (%)") for key, name in COMPONENTS.items()}
        cutoff_sliders = {
            letter: slider(page, f"{letter} from") for letter, _ in course.policy.letters
        }

        def weights() -> dict[str, int]:
            return {key: int(readout(widget)) for key, widget in weight_sliders.items()}

        scale = tuple((letter, float(readout(w))) for letter, w in cutoff_sliders.items())
        assert scale == tuple((letter, float(cut)) for letter, cut in course.policy.letters)
        start = weights()
        assert start == {key: int(value) for key, value in course.policy.weights.items()}
        before = counts_shown(page)
        assert before == recompute(report, start, scale).counts.to_dict()

        # What if: Project Report 40 -> 50 with the keyboard, ten one-point steps; the
        # other weights follow. The counts must become those of the weights now shown.
        press(weight_sliders["project_report"], "ArrowRight", 10)

        def settled() -> tuple[dict[str, int], dict[str, int]] | None:
            shown = weights()
            if shown["project_report"] != 50 or sum(shown.values()) != 100:
                return None
            expected = recompute(report, shown, scale).counts.to_dict()
            counts = counts_shown(page)
            return (shown, counts) if counts == expected else None

        def shown_now() -> str:
            shown = weights()
            return (
                f"weights shown {shown}, counts shown {counts_shown(page)}, counts for "
                f"those weights {recompute(report, shown, scale).counts.to_dict()}"
            )

        moved, counts = until(
            "the letter counts to follow the weights shown after moving Project Report",
            settled,
            detail=shown_now,
        )
        assert counts != before, f"the move changed no count ({moved})"
        for cell in page.locator(".gl-whatif td[data-letter]").all():
            letter = cell.get_attribute("data-letter")
            change = counts[letter] - before[letter]
            assert (f"({change:+d})" in cell.text_content()) == (change != 0), cell.text_content()

        # One student: type the option and press Enter; the breakdown shows the final.
        grades = gradelib.compute_grades(course).set_index("uniqname")
        uniqname = "feldange"  # "D'Angelo, Felipe": a quote in the name
        label = f"{grades.loc[uniqname, 'name']} ({uniqname})"
        box = student_box(page)
        box.fill(label)
        box.press("Enter")
        breakdown = page.locator(f'.gl-breakdown[data-uniqname="{uniqname}"]')
        breakdown.wait_for(timeout=WIDGET_SECONDS * 1000)
        assert breakdown.get_attribute("data-final") == f"{grades.loc[uniqname, 'final']:.2f}"

        # Export: a file in the course copy's out/ that canvas-check passes.
        page.get_by_role("button", name="Export to Canvas").click()
        written = page.locator("code[data-path]")
        written.wait_for(timeout=WIDGET_SECONDS * 1000)
        path = Path(written.get_attribute("data-path"))
        assert path.parent.resolve() == (lab.course / "out").resolve()
        assert path.is_file(), f"{path} not written"
        assert check_import_file(path) == []

        # Grade statements: one file per student in out/, the same page the lookup shows.
        page.get_by_role("button", name="Write grade statements").click()
        said = page.get_by_text(f"Wrote {len(grades)} statements to")
        said.wait_for(timeout=WIDGET_SECONDS * 1000)
        folder = Path(said.locator("code[data-path]").get_attribute("data-path"))
        assert folder.parent.resolve() == (lab.course / "out").resolve()
        assert len(list(folder.glob("*.html"))) == len(grades) + 1
        statement = (folder / f"{uniqname}.html").read_text(encoding="utf-8")
        assert f'data-final="{grades.loc[uniqname, "final"]:.2f}"' in statement
        assert book.error_outputs() == [], "a cell shows an error after the widgets were used"
    finally:
        book.screenshot("grading-driven")


def test_participation_workbook(workbook, lab) -> None:
    book = workbook("participation.ipynb")
    page = book.page
    try:
        assert book.error_outputs() == [], "a cell shows an error"

        heatmap = (
            page.locator(".jp-CodeCell")
            .filter(has_text="attendance_heatmap")
            .locator(".jp-OutputArea-output img")
        )
        assert heatmap.count() == 1
        heatmap.scroll_into_view_if_needed()
        until(
            "the attendance heat map to render",
            lambda: heatmap.evaluate("img => img.complete && img.naturalWidth > 0"),
        )

        course = gradelib.load_course(lab.course)
        report = gradelib.score_course(course)
        parts = report.parts
        allowance = slider(page, "Absence allowance")
        assert readout(allowance) == str(course.policy.absence_allowance) == "2"
        changed_note = page.locator("p[data-changed]")
        assert changed_note.get_attribute("data-changed") == "0"
        shares = {
            key: float(readout(slider(page, f"{key} (%)"))) for key in course.policy.participation
        }

        press(allowance, "ArrowRight", 1)
        until("the allowance slider to show 3", lambda: readout(allowance) == "3")
        now = participation_with(parts, 3, shares)
        changed = (now - parts["participation"]).abs() > 0.005
        until(
            f"{int(changed.sum())} students listed as changed",
            lambda: changed_note.get_attribute("data-changed") == str(int(changed.sum())),
            detail=lambda: f"the panel says: {changed_note.text_content()!r}",
        )
        student = sorted(parts.index[parts["absences"] == 3])[0]
        row = page.locator(f'.gl-participation tr[data-uniqname="{student}"]')
        cells = [text.strip() for text in row.locator("td").all_text_contents()]
        assert cells[1:4] == [
            student,
            f"{parts.loc[student, 'participation']:.2f}",
            f"{now[student]:.2f}",
        ]
        assert now[student] > parts.loc[student, "participation"]
        assert book.error_outputs() == [], "a cell shows an error after the widgets were used"
    finally:
        book.screenshot("participation-driven")
