"""The HTML explanations, checked against numbers worked out by hand on the tiny course.

The base course (tests/builder.py; see tests/test_scoring.py): alice (g1) has components
90 / 95 / 100 / 89 / 95 and final .15·90 + .15·95 + .10·100 + .40·89 + .20·95 = 92.35 (A-),
i.e. points 13.50 + 14.25 + 10.00 + 35.60 + 19.00.

The "adjusted" course changes the base course so that every explanation has something
to show, leaving g1's alice and carol untouched:

- erin (g2) signs in only on 10-22: absent 3 of 4 days, attendance
  ``min(1, (4 − 3 + 2) / 4) = 75.00 %``, participation .5·75 + 25 + 25 = 87.50;
- g2's summary of 09-03 comes in at 2024-09-04 16:01 UTC = 12:01 EDT, one minute after
  its deadline (class end 12:00 + 24 h): not counted, 0.00 instead of 85.00;
- g2's presentation of 09-05 has a second grader (mosharaf, 100): (80 + 100) / 2 = 90;
  so erin's final is .15·90 + 0 + .10·87.5 + .40·91 + .20·85 = 75.65 (C);
- g3's slides for 09-12 come in at 09-11 10:31 EDT, one minute late: flagged only;
- frank's Paper Presentation is overridden to 75 ("Regraded after appeal"): final
  68.75 + .15·5 = 69.50 (D+);
- bob's Paper Summary is excused ("Joined the course late"): his final is
  (13.5 + 10 + 35.6 + 19) / 85 × 100 = 91.88, each weight × 100 / 85 (15 -> 17.65);
- dave misses 09-12 and is excused by an override ("Medical note <Dean>"): H = 3, his
  question count drops 09-12 (he is "not asked (excused)");
- carol's roster name holds markup: ``Clark, <b>Carol</b> & "Co"``.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from builder import ROSTER, STUDENTS, base_rubrics, base_tables, write_course

import gradelib
from gradelib.errors import Problem, Severity
from gradelib.sheets.rounding import score_text
from gradelib.show.explain import grades_table, problems_table, student_breakdown, student_days
from gradelib.show.table import grades_text

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
CASES = Path(__file__).resolve().parent / "fixtures" / "cases"
CAROL = 'Clark, <b>Carol</b> & "Co"'


def adjusted_course(folder: Path) -> Path:
    """The base course with the adjustments of the module docstring."""
    tables = base_tables()
    tables["attendance"] = [
        r
        for r in tables["attendance"]
        if not (r[1] == "erin" and r[0] != "2024-10-22")
        and not (r[1] == "dave" and r[0] == "2024-09-12")
    ]
    rubrics = base_rubrics()
    rubrics["summary"][2][3] = "2024-09-04T16:01:00Z"  # g2, 09-03: one minute late
    rubrics["presentation"].append(["g2", dt.date(2024, 9, 5), "mosharaf", None, 10, 10])
    rubrics["presentation"][4][3] = dt.datetime(2024, 9, 11, 10, 31)  # g3 slides, 09-12
    roster = copy.deepcopy(ROSTER)
    roster[4][0] = CAROL
    overrides = [
        ["frank", "presentation", "75", "Regraded after appeal"],
        ["bob", "summary", "excused", "Joined the course late"],
        ["dave", "attendance:2024-09-12", "excused", "Medical note <Dean>"],
    ]
    return write_course(folder, tables, rubrics, overrides=overrides, roster=roster)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory):
    course = gradelib.load_course(write_course(tmp_path_factory.mktemp("base")))
    return course, gradelib.score_course(course)


@pytest.fixture(scope="module")
def adjusted(tmp_path_factory: pytest.TempPathFactory):
    course = gradelib.load_course(adjusted_course(tmp_path_factory.mktemp("adjusted")))
    return course, gradelib.score_course(course)


@pytest.fixture(scope="module")
def sample():
    course = gradelib.load_course(SAMPLE)
    return course, gradelib.score_course(course)


@pytest.fixture(scope="module")
def cases():
    """A shared case of tests/fixtures/cases, loaded and scored once."""
    scored = {}

    def load(name: str):
        if name not in scored:
            course = gradelib.load_course(CASES / name)
            scored[name] = course, gradelib.score_course(course)
        return scored[name]

    return load


def text_of(fragment: str) -> str:
    """The visible text of a fragment (tags and the style block dropped, entities kept)."""
    fragment = re.sub(r"<style>.*?</style>", "", fragment, flags=re.DOTALL)
    fragment = re.sub(r"<t[dh][^>]*>", " ", fragment)  # table cells apart
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment)).strip()


class _Balance(HTMLParser):
    VOID = frozenset({"br", "hr", "img", "meta", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def assert_well_formed(fragment: str) -> None:
    parser = _Balance()
    parser.feed(fragment)
    parser.close()
    assert not parser.errors, parser.errors[:3]
    assert not parser.stack, f"unclosed: {parser.stack}"


def body_rows(fragment: str) -> list[str]:
    """The inner HTML of each body row of the fragment's (first) table."""
    body = re.search(r"<tbody>(.*?)</tbody>", fragment, flags=re.DOTALL)
    assert body, "no table body"
    return re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1))


def components_of(fragment: str) -> dict[str, dict[str, str]]:
    """The components table, by component name then column title (the cells' text)."""
    table = re.search(r"<h3>Components</h3>(<table.*?</table>)", fragment, flags=re.DOTALL)
    assert table, "no components table"
    titles = [text_of(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", table.group(1))]
    rows = {}
    for row in body_rows(table.group(1)):
        cells = [text_of(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        rows[cells[0]] = dict(zip(titles[1:], cells[1:], strict=True))
    return rows


def section_of(fragment: str, title: str) -> str:
    """The visible text of one section of a breakdown, from its heading to the next."""
    found = re.search(rf"<h3>{re.escape(title)}.*?(?=<h3>|$)", fragment, flags=re.DOTALL)
    assert found, title
    return text_of(found.group(0))


def root_attributes(fragment: str) -> dict[str, str]:
    opening = re.match(r"<div ([^>]*)>", fragment)
    assert opening, fragment[:80]
    return dict(re.findall(r'([\w-]+)="([^"]*)"', opening.group(1)))


# --- student_breakdown -------------------------------------------------------------------


def test_breakdown_of_alice_shows_the_hand_worked_numbers(base) -> None:
    course, report = base
    page = student_breakdown(course, report, "alice")
    text = text_of(page)
    assert_well_formed(page)
    assert root_attributes(page)["data-final"] == "92.35"
    assert root_attributes(page)["data-uniqname"] == "alice"
    assert 'data-final="92.35"' in page
    assert "Adams, Alice" in text and "(alice)" in text and "Group g1" in text
    assert "Final 92.35" in text and "Current 92.35" in text and "Letter A-" in text
    # The five components: weight, status, both bases, points (they add up to 92.35).
    table = components_of(page)
    for name, weight, score, points in [
        ("Paper Presentation", "15.00", "90.00", "13.50"),
        ("Paper Summary", "15.00", "95.00", "14.25"),
        ("Participation", "10.00", "100.00", "10.00"),
        ("Project Report", "40.00", "89.00", "35.60"),
        ("Project Presentations", "20.00", "95.00", "19.00"),
    ]:
        assert table[name] == {
            "Weight": weight,
            "Status": "graded",
            "Current": score,
            "Final basis": score,
            "Points toward the final": points,
        }, name
    assert table["Final"]["Current"] == "92.35"
    assert table["Final"]["Points toward the final"] == "92.35"
    assert "Every component is graded, so the current score equals the final." in text
    assert "Paper Presentation of 2024-09-03: 90.00 (grader insujang 90.00)" in text
    assert "Paper Summary of 2024-09-12: 95.00 (grader insujang 95.00)" in text
    assert "Proposal (25.00 % of Project Report): 80.00" in text
    assert "Project Report = 25.00 % × 80.00 + 75.00 % × 92.00 = 89.00" in text
    assert "Paper Presentation = the one lecture's score = 90.00." in text
    assert "Project Presentations = 50.00 % × 90.00 + 50.00 % × 100.00 = 95.00" in text
    assert "min(1, (4 − 0 + 2) / 4) = 100.00 %" in text
    # g1 presents 09-03: alice is asked about 09-05 and 09-12 only.
    assert "On time for 2 of 2 paper lectures" in text
    assert "not asked, own group presents: 2024-09-03" in text
    assert "100 × min(1, 5 / 5) = 100.00" in text
    assert "No override for this student." in text
    # The letter scale, with alice's position on it.
    assert "Final 92.35 gives A- (cut-off 90.00); 0.65 points below A (93.00)" in text
    assert '<th class="gl-here">A-</th>' in page


def test_breakdown_shows_the_attendance_formula_with_absences(adjusted) -> None:
    course, report = adjusted
    text = text_of(student_breakdown(course, report, "erin"))
    assert "Class days counted H = 4; absences A = 3; allowance 2" in text
    assert "min(1, (4 − 3 + 2) / 4)" in text
    assert "= 75.00 %" in text
    assert "absent on 3 days: 2024-09-03, 2024-09-05, 2024-09-12" in text
    assert "50.00 % × 75.00 + 25.00 % × 100.00 + 25.00 % × 100.00 = 87.50" in text
    assert "Final 75.65" in text and "Letter C" in text


def test_breakdown_gives_the_late_summary_ruling_in_course_time(adjusted) -> None:
    course, report = adjusted
    text = text_of(student_breakdown(course, report, "erin"))
    assert "Paper Summary of 2024-09-03: 0.00 (grader insujang 85.00)" in text
    assert (
        "Late: submitted 2024-09-04 12:01 EDT, after the deadline 2024-09-04 12:00 EDT "
        "(24 hours after class end). Not counted: scored 0.00 instead of 85.00."
    ) in text
    # Two graders are averaged and both are named.
    assert "Paper Presentation of 2024-09-05: 90.00 (graders insujang 80.00, mosharaf 100.00)" in (
        text
    )


def test_breakdown_flags_late_slides_without_penalty(adjusted) -> None:
    course, report = adjusted
    text = text_of(student_breakdown(course, report, "frank"))
    assert "Slides flagged: sent 2024-09-11 10:31 EDT" in text
    assert "not penalized" in text
    assert "Paper Presentation of 2024-09-12: 70.00" in text


def test_breakdown_shows_an_override_with_its_reason(adjusted) -> None:
    course, report = adjusted
    page = student_breakdown(course, report, "frank")
    text = text_of(page)
    assert (
        "Override: set to 75.00 instead of the computed 70.00. Reason: Regraded after appeal"
        in (text)
    )
    assert "<td>Paper Presentation</td><td>75.00</td><td>Regraded after appeal</td>" in page
    assert root_attributes(page)["data-final"] == "69.50"
    assert "Letter D+" in text


def test_breakdown_shows_an_excused_component_and_renormalized_weights(adjusted) -> None:
    course, report = adjusted
    page = student_breakdown(course, report, "bob")
    text = text_of(page)
    table = components_of(page)
    assert table["Paper Summary"] == {
        "Weight": "15.00",
        "Counted weight": "left out",
        "Status": "excused",
        "Current": "excused",
        "Final basis": "excused",
        "Points toward the final": "left out",
    }
    assert "each × 100 / 85.00" in text
    # 15 × 100 / 85 = 17.65; 17.647 × 90 / 100 = 15.88; the final 91.88.
    assert table["Paper Presentation"] == {
        "Weight": "15.00",
        "Counted weight": "17.65",
        "Status": "graded",
        "Current": "90.00",
        "Final basis": "90.00",
        "Points toward the final": "15.88",
    }
    # 15.88 + 11.76 + 41.88 + 22.35 = 91.87: the rounding of the shown points is explained.
    assert "The points shown add up to 91.87" in text
    assert "Reason: Joined the course late" in text
    assert root_attributes(page)["data-final"] == "91.88"
    # g1's summary scored 95.00, but bob's is excused: his section shows no number.
    summary = section_of(page, "Paper Summary")
    assert "excused for this student, normally 15.00 % of the final" in summary
    assert not re.search(r"\d\.\d\d", summary.replace("15.00 % of the final", ""))


def test_breakdown_shows_an_excused_day_with_its_reason_escaped(adjusted) -> None:
    course, report = adjusted
    page = student_breakdown(course, report, "dave")
    assert "excused on 2024-09-12 (Medical note &lt;Dean&gt;)" in page
    assert "<Dean>" not in page
    text = text_of(page)
    assert "H = 3 (4 attendance days, 1 excused day taken out); absences A = 0" in text
    assert "not asked, excused: 2024-09-12" in text
    assert "On time for 1 of 1 paper lectures" in text


def test_breakdown_escapes_names(adjusted) -> None:
    course, report = adjusted
    page = student_breakdown(course, report, "carol")
    assert "<b>Carol</b>" not in page
    assert "Clark, &lt;b&gt;Carol&lt;/b&gt; &amp; &quot;Co&quot;" in page
    assert_well_formed(page)
    assert root_attributes(page)["data-final"] == "92.35"


def test_breakdown_of_ungraded_item_and_final_override(tmp_path: Path) -> None:
    rubrics = base_rubrics()
    rubrics["poster"] = [r for r in rubrics["poster"] if r[0] != "g2"]
    overrides = [["frank", "final", "73", "Incomplete resolved"]]
    course = gradelib.load_course(write_course(tmp_path, rubrics=rubrics, overrides=overrides))
    report = gradelib.score_course(course)
    page = student_breakdown(course, report, "dave")
    dave = text_of(page)
    assert "Poster (50.00 % of Project Presentations): not graded yet" in dave
    # g2's project presentations: midterm 80 graded, poster not: current 80 (the midterm
    # alone), final basis 50 % × 80 + 50 % × 0 = 40, 20 × 40 / 100 = 8.00 points.
    assert components_of(page)["Project Presentations"] == {
        "Weight": "20.00",
        "Status": "partly graded",
        "Current": "80.00",
        "Final basis": "40.00",
        "Points toward the final": "8.00",
    }
    assert "(50.00 % × 80.00) / 50.00 % = 80.00" in dave
    assert "50.00 % × 80.00 + 50.00 % × 0 = 40.00" in dave
    # final 12 + 12.75 + 10 + 36.40 + 8 = 79.15; current (12 + 12.75 + 10 + 36.40 + 16) / 100.
    assert "Final 79.15" in dave and "Current 87.15" in dave
    assert (
        "(15.00 × 80.00 + 15.00 × 85.00 + 10.00 × 100.00 + 40.00 × 91.00 + 20.00 × 80.00)"
        " / 100.00 = 87.15"
    ) in dave
    assert "Some work is not graded yet (Project Presentations)" in dave
    assert "missing until" not in dave
    frank_page = student_breakdown(course, report, "frank")
    frank = text_of(frank_page)
    assert "the final is set to 73.00 instead of the computed 68.75" in frank
    assert "Reason: Incomplete resolved" in frank
    assert root_attributes(frank_page)["data-final"] == "73.00"
    assert components_of(frank_page)["Final"]["Points toward the final"] == "68.75"


def test_breakdown_of_a_proposal_graded_without_its_final_report(tmp_path: Path) -> None:
    """g1's final report is not graded: alice's Project Report is the proposal alone (80)
    on the current basis and 25 % × 80 = 20 on the final basis (8.00 of its 40 points).
    Final 13.50 + 14.25 + 10 + 8 + 19 = 64.75 (D); current (13.50 + 14.25 + 10 + 32 + 19)
    / 100 × 100 = 88.75."""
    rubrics = base_rubrics()
    rubrics["final_report"] = [r for r in rubrics["final_report"] if r[0] != "g1"]
    course = gradelib.load_course(write_course(tmp_path, rubrics=rubrics))
    report = gradelib.score_course(course)
    page = student_breakdown(course, report, "alice")
    assert components_of(page)["Project Report"] == {
        "Weight": "40.00",
        "Status": "partly graded",
        "Current": "80.00",
        "Final basis": "20.00",
        "Points toward the final": "8.00",
    }
    text = text_of(page)
    assert "Final 64.75" in text and "Current 88.75" in text and "Letter D" in text
    section = section_of(page, "Project Report")
    assert "Proposal (25.00 % of Project Report): 80.00 (grader insujang 80.00)" in section
    assert "Final report (75.00 % of Project Report): not graded yet" in section
    assert "sub-weights renormalized: (25.00 % × 80.00) / 25.00 % = 80.00" in section
    assert "counted as 0: 25.00 % × 80.00 + 75.00 % × 0 = 20.00" in section
    assert "The final counts every item not graded yet as 0" in text


def test_breakdown_of_a_lecture_component_partly_graded(tmp_path: Path) -> None:
    """A second lecture on 09-17 (g1 presents, g2 summarizes), graded by nobody yet:
    alice's Paper Presentation is 90 now (the graded lecture) and (90 + 0) / 2 = 45 on the
    final basis, 15 × 45 / 100 = 6.75 points. Everybody attends and asks, so the rest is
    as in the base course: final 6.75 + 14.25 + 10 + 35.60 + 19 = 85.60 (B), current
    92.35."""
    tables = base_tables()
    tables["schedule"].insert(5, ["2024-09-17", "lecture", "Scaling", "g1", "g2", "g3"])
    tables["attendance"] += [["2024-09-17", name, ""] for name in STUDENTS]
    tables["questions"] += [
        ["2024-09-17 09:00:00", name, "2024-09-17"] for name in ("dave", "erin", "frank")
    ]
    course = gradelib.load_course(write_course(tmp_path, tables))
    report = gradelib.score_course(course)
    page = student_breakdown(course, report, "alice")
    assert components_of(page)["Paper Presentation"] == {
        "Weight": "15.00",
        "Status": "partly graded",
        "Current": "90.00",
        "Final basis": "45.00",
        "Points toward the final": "6.75",
    }
    text = text_of(page)
    assert "Final 85.60" in text and "Current 92.35" in text and "Letter B" in text
    section = section_of(page, "Paper Presentation")
    assert "Paper Presentation of 2024-09-17: not graded yet" in section
    assert "the one graded lecture's score = 90.00 (graded lectures only)" in section
    assert "one not graded yet as 0: (90.00 + 0) / 2 = 45.00" in section


def test_breakdown_of_a_component_not_graded_at_all(tmp_path: Path) -> None:
    """g3's summary is not graded: frank's Paper Summary has no current value and 0 points.
    Final 10.50 + 0 + 10 + 24 + 13 = 57.50; current 57.50 / 85 × 100 = 67.65."""
    rubrics = base_rubrics()
    rubrics["summary"] = [r for r in rubrics["summary"] if r[0] != "g3"]
    course = gradelib.load_course(write_course(tmp_path, rubrics=rubrics))
    report = gradelib.score_course(course)
    page = student_breakdown(course, report, "frank")
    assert components_of(page)["Paper Summary"] == {
        "Weight": "15.00",
        "Status": "not graded yet",
        "Current": "–",
        "Final basis": "0.00",
        "Points toward the final": "0.00",
    }
    text = text_of(page)
    assert "Final 57.50" in text and "Current 67.65" in text
    assert "/ 85.00 = 67.65" in text
    assert "left out of the current score and counts as 0 in the final" in section_of(
        page, "Paper Summary"
    )


def test_breakdown_finds_the_student_whatever_the_case(base) -> None:
    course, report = base
    assert student_breakdown(course, report, " Alice ") == student_breakdown(
        course, report, "alice"
    )


def test_breakdown_of_an_unknown_student_says_so(base) -> None:
    course, report = base
    page = student_breakdown(course, report, "alise")
    assert "No student with uniqname" in page and "alise" in page
    assert "Did you mean <b>alice</b>?" in page
    assert root_attributes(page)["data-final"] == ""


def test_breakdown_is_deterministic(adjusted) -> None:
    course, report = adjusted
    first = [student_breakdown(course, report, u) for u in report.grades["uniqname"]]
    again = [student_breakdown(course, report, u) for u in report.grades["uniqname"]]
    assert first == again
    assert not re.search(r'id="[^"]*\d{4,}', "".join(first))


# --- student_days ------------------------------------------------------------------------


def test_student_days_lists_status_and_questions(adjusted) -> None:
    course, report = adjusted
    page = student_days(course, report, "dave")
    assert_well_formed(page)
    cells = [text_of(row) for row in body_rows(page)]
    assert cells == [
        "Tue 2024-09-03 GenAI Basics summarizes present on time",
        "Thu 2024-09-05 GenAI Basics presents present not asked (own group presents)",
        "Thu 2024-09-12 Pre-Training reviews excused (Medical note &lt;Dean&gt;) "
        "not asked (excused)",
        "Tue 2024-10-22 Mid-Semester Presentations present —",
    ]
    assert "4 class days: 3 present, 0 absent, 1 excused" in page
    assert 'data-uniqname="dave"' in page


def test_student_days_late_and_missing_questions(tmp_path: Path) -> None:
    tables = base_tables()
    for row in tables["questions"]:
        if row[1] == "alice" and row[2] == "2024-09-05":
            row[0] = "2024-09-05 10:31:00"  # class starts 10:30
    tables["questions"] = [
        r for r in tables["questions"] if not (r[1] == "alice" and r[2] == "2024-09-12")
    ]
    tables["attendance"] = [
        r for r in tables["attendance"] if not (r[1] == "alice" and r[0] == "2024-09-12")
    ]
    course = gradelib.load_course(write_course(tmp_path, tables))
    report = gradelib.score_course(course)
    days = text_of(student_days(course, report, "alice"))
    assert "Thu 2024-09-05 GenAI Basics reviews present late" in days
    assert "Thu 2024-09-12 Pre-Training summarizes absent none" in days
    page = text_of(student_breakdown(course, report, "alice"))
    assert "late (after class start, not counted): 2024-09-05" in page
    assert "missing (no question): 2024-09-12" in page
    assert "100 × 0 / 2 = 0.00" in page


# --- problems_table ----------------------------------------------------------------------


def test_problems_table_counts_and_orders_errors_first() -> None:
    problems = [
        Problem(Severity.WARNING, "groups.csv", "group g3 has 1 member", row=7, column="group"),
        Problem(Severity.ERROR, "rubrics.xlsx", "expected a number <= 10", "summary", 5, "q"),
        Problem(Severity.WARNING, "piazza.csv", "jdoe is not on the roster", row=3),
        Problem(Severity.ERROR, "policy.toml", "weights add up to 95, not 100", row=9),
        Problem(Severity.WARNING, "schedule.csv", "no summarizer on 2024-09-03"),
    ]
    page = problems_table(problems)
    assert_well_formed(page)
    assert "2 errors, 3 warnings" in page
    assert 'data-errors="2" data-warnings="3"' in page
    assert "re-run the notebook" in page
    rows = re.findall(r'<tr class="gl-(error|warning)">(.*?)</tr>', page)
    assert [kind for kind, _ in rows] == ["error", "error", "warning", "warning", "warning"]
    assert "expected a number &lt;= 10" in rows[0][1]
    assert text_of(rows[0][1]) == "error rubrics.xlsx summary 5 q expected a number &lt;= 10"
    assert "weights add up to 95" in rows[1][1]  # errors keep their order
    assert "group g3 has 1 member" in rows[2][1]


def test_problems_table_with_warnings_only_and_none() -> None:
    one = problems_table([Problem(Severity.WARNING, "groups.csv", "group g3 has 1 member")])
    assert "0 errors, 1 warning" in one
    assert "re-run the notebook" not in one
    empty = problems_table([])
    assert "0 errors, 0 warnings" in empty and "<table" not in empty
    assert problems_table([Problem(Severity.ERROR, "roster.csv", "missing")]).count("1 error,")


def test_problems_table_from_a_broken_course(tmp_path: Path) -> None:
    tables = base_tables()
    tables["groups"][1] = ["g1", "nobody"]  # alice is in no group; nobody is not enrolled
    _, problems = gradelib.check_course(write_course(tmp_path, tables))
    page = problems_table(problems)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    assert errors >= 1
    assert f"{errors} error" in page and "nobody" in page


# --- grades_table ------------------------------------------------------------------------


def test_grades_table(adjusted) -> None:
    _, report = adjusted
    page = grades_table(report.grades)
    assert_well_formed(page)
    assert page.count('id="gl-grades"') == 1
    assert "notes" not in text_of(page).lower()
    assert "Medical note" not in page and "Regraded" not in page
    rows = body_rows(page)
    assert len(rows) == 6
    alice = rows[0]
    assert '<td class="gl-num">92.35</td><td class="gl-num">92.35</td>' in alice
    assert '<td class="gl-letter">A-</td>' in alice
    assert "<b>Carol</b>" not in page and "&lt;b&gt;Carol&lt;/b&gt;" in page
    # bob's summary is excused (its status column says so): the word, never g1's 95.00.
    assert row_cells(rows[1])[3:10] == [
        "90.00",
        "excused",
        "100.00",
        "89.00",
        "95.00",
        "91.88",
        "91.88",
    ]
    assert grades_table(report.grades) == page  # deterministic


def row_cells(row: str) -> list[str]:
    return [text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]


def test_grades_table_shows_partial_and_ungraded_components(tmp_path: Path) -> None:
    """g2's poster and g3's summary are not graded: dave's Project Presentations is 80.00
    (the midterm alone, partial), frank's Paper Summary reads "not graded"."""
    rubrics = base_rubrics()
    rubrics["poster"] = [r for r in rubrics["poster"] if r[0] != "g2"]
    rubrics["summary"] = [r for r in rubrics["summary"] if r[0] != "g3"]
    course = gradelib.load_course(write_course(tmp_path, rubrics=rubrics))
    grades = gradelib.compute_grades(course)
    rows = body_rows(grades_table(grades))
    # dave: 12 + 12.75 + 10 + 36.40 + 20 % × 40 = 79.15; current with 80: 87.15.
    assert row_cells(rows[3])[3:] == [
        "80.00",
        "85.00",
        "100.00",
        "91.00",
        "80.00",
        "79.15",
        "87.15",
        "C+",
    ]
    # frank: 10.50 + 0 + 10 + 24 + 13 = 57.50 (E); current 57.50 / 85 = 67.65.
    assert row_cells(rows[5])[3:] == [
        "70.00",
        "not graded",
        "100.00",
        "60.00",
        "65.00",
        "57.50",
        "67.65",
        "E",
    ]
    text = grades_text(grades).splitlines()
    assert text[4].split()[-8:] == [
        "80.00",
        "85.00",
        "100.00",
        "91.00",
        "80.00",
        "79.15",
        "87.15",
        "C+",
    ]
    assert text[6].split()[-8:] == ["70.00", "-", "100.00", "60.00", "65.00", "57.50", "67.65", "E"]


# --- shared cases (tests/fixtures/cases, from ../shared/cases) ---------------------------


def test_a_component_of_86_125_reads_86_13_everywhere(cases) -> None:
    """round-component: two graders give g1's final report 86 and 87, so 86.50; g1's Project
    Report is 0.25 × 85 + 0.75 × 86.5 = 86.125, shown 86.13 (half-up) in the breakdown, the
    grades table and the terminal table. alice's final: 0.15 × 80 + 0.15 × 60 + 0.10 × 100
    + 0.40 × 86.125 + 0.20 × 80 = 12 + 9 + 10 + 34.45 + 16 = 81.45 (B-)."""
    course, report = cases("round-component")
    page = student_breakdown(course, report, "alice")
    row = components_of(page)["Project Report"]
    assert (row["Current"], row["Final basis"], row["Points toward the final"]) == (
        "86.13",
        "86.13",
        "34.45",
    )
    assert "Project Report = 25.00 % × 85.00 + 75.00 % × 86.50 = 86.13" in text_of(page)
    assert "86.12" not in page
    alice = row_cells(body_rows(grades_table(report.grades))[0])
    assert alice[3:] == ["80.00", "60.00", "100.00", "86.13", "80.00", "81.45", "81.45", "B-"]
    text = grades_text(report.grades).splitlines()
    assert text[1].split()[-8:] == alice[3:]


def test_an_excused_component_never_shows_a_number(cases) -> None:
    """excused-cutoff: dave's summary (g2's, computed 70) is excused. His final is
    (15 × 90 + 10 × 55.95 + 40 × 98.5 + 20 × 90) / 85 = 76.495 / 0.85 = 89.994: 89.99, B+.
    Participation: attendance min(1, (7 − 7 + 2) / 7) = 28.57, questions 2 of 3, Piazza
    100: 0.5 × 28.57 + 0.25 × 66.67 + 0.25 × 100 = 55.95."""
    course, report = cases("excused-cutoff")
    page = student_breakdown(course, report, "dave")
    table = components_of(page)
    assert table["Paper Summary"] == {
        "Weight": "15.00",
        "Counted weight": "left out",
        "Status": "excused",
        "Current": "excused",
        "Final basis": "excused",
        "Points toward the final": "left out",
    }
    assert table["Participation"]["Current"] == "55.95"
    assert table["Final"]["Points toward the final"] == "89.99"
    assert root_attributes(page)["data-final"] == "89.99"
    assert "Letter B+" in text_of(page)
    summary = section_of(page, "Paper Summary")
    assert not re.search(r"\d\.\d\d", summary.replace("15.00 % of the final", ""))
    dave = row_cells(body_rows(grades_table(report.grades))[3])
    assert dave[3:] == ["90.00", "excused", "55.95", "98.50", "90.00", "89.99", "89.99", "B+"]
    text = grades_text(report.grades).splitlines()
    assert text[4].split()[-8:] == [
        "90.00",
        "EX",
        "55.95",
        "98.50",
        "90.00",
        "89.99",
        "89.99",
        "B+",
    ]
    assert "70.00" not in text[4]


# --- the sample course -------------------------------------------------------------------


def test_every_sample_student_renders(sample) -> None:
    course, report = sample
    for row in report.grades.itertuples():
        page = student_breakdown(course, report, row.uniqname)
        final = score_text(row.final)
        assert root_attributes(page)["data-final"] == final
        assert f"Final {final}" in text_of(page)
        assert_well_formed(page)
        days = student_days(course, report, row.uniqname)
        assert_well_formed(days)
    table = grades_table(report.grades)
    assert len(body_rows(table)) == len(report.grades)


def test_sample_excused_summary_and_late_summaries(sample) -> None:
    course, report = sample
    facheng = text_of(student_breakdown(course, report, "facheng"))
    assert "Paper Summary (excused for this student" in facheng
    late = report.items.loc[report.items["late"]].iloc[0]
    member = course.groups.loc[course.groups["group"] == late["group"], "uniqname"].iloc[0]
    page = text_of(student_breakdown(course, report, member))
    assert "Not counted: scored 0.00 instead of" in page
