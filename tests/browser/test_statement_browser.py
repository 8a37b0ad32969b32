"""Grade statements as a student sees them: opened in headless Chromium, and printed.

The statements of the sample course are written to a temporary folder; one is opened from
disk (``file://``, the way a student opens an e-mailed file) and its visible text compared
with the grades table; the combined file is printed to PDF and must give one page or more
per student, each student starting on a new page. The screenshot is
``test-artifacts/browser/statement.png``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import gradelib
from gradelib.sheets.rounding import score_text
from gradelib.show.statements import write_statements

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"


@pytest.fixture(scope="module")
def statements(tmp_path_factory: pytest.TempPathFactory):
    course = gradelib.load_course(SAMPLE)
    report = gradelib.score_course(course)
    written = write_statements(course, report, tmp_path_factory.mktemp("statements") / "s")
    return report, written


def test_a_statement_renders_with_the_grades_table_numbers(page, statements) -> None:
    report, written = statements
    row = report.grades.loc[report.grades["uniqname"] == "feldange"].iloc[0]
    page.goto((written.folder / "feldange.html").as_uri())
    text = page.inner_text("body")
    assert f"Final {score_text(row['final'])}" in text
    assert f"Current {score_text(row['current'])}" in text
    assert f"Letter {row['letter']}" in text
    for heading in ("Components", "Overrides", "Letter grade", "Class days"):
        assert page.get_by_role("heading", name=heading, exact=True).count() == 1, heading
    for column in ("Status", "Current", "Final basis", "Points toward the final"):
        assert page.get_by_role("columnheader", name=column, exact=True).count() >= 1, column
    for component in ("Paper Presentation", "Paper Summary", "Participation", "Project Report"):
        named = re.compile(rf"^{component} \(\d+\.\d\d % of the final\)$")
        assert page.get_by_role("heading", name=named).count() == 1, component
    # Self-contained: nothing was fetched besides the file itself.
    assert page.evaluate("performance.getEntriesByType('resource').length") == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "statement.png"), full_page=True)


def test_the_combined_file_prints_each_student_on_new_pages(page, statements, tmp_path) -> None:
    report, written = statements
    page.goto(written.combined.as_uri())
    page.emulate_media(media="print")
    tops = page.evaluate(
        "[...document.querySelectorAll('section.gl-statement')].map("
        "s => getComputedStyle(s).breakAfter)"
    )
    assert tops == ["page"] * len(report.grades)
    pdf = page.pdf(format="Letter", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= len(report.grades), pages
    (tmp_path / "all.pdf").write_bytes(pdf)
