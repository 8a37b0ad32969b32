"""The syllabus's role rules on a schedule (issue 17; gradelib/load/roles.py).

The course is the builder's (g1, g2, g3; paper lectures on rows 2, 3 and 5 of
schedule.csv: 09-03, 09-05 and 09-12), with its schedule rows changed by hand. Each case
lists every problem of schedule.csv, worked out by hand from the rows: a row's own
clash and two presenters on one day are errors; a group without a role is a warning.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builder import base_tables, gradelib_check, write_course, write_xlsx

from gradelib import check_course
from gradelib.errors import Problem, Severity

E, W = Severity.ERROR, Severity.WARNING
HEADER = ["date", "kind", "topic", "presenter", "summarizer", "reviewer"]
NO_LECTURE = ["2024-09-10", "no-lecture", "Work on Projects", "", "", ""]  # row 4
PRESENTATIONS = ["2024-10-22", "presentations", "Mid-Semester Presentations", "", "", ""]


def lectures(*rows: tuple[str, str, str, str]) -> list[list[object]]:
    """Schedule rows 2, 3 and 5 from (date, presenter, summarizer, reviewer); row 4 is
    the no-lecture date and row 6 the mid-term presentations, as in the builder."""
    papers = [[day, "lecture", "Paper", p, s, r] for day, p, s, r in rows]
    return [HEADER, papers[0], papers[1], NO_LECTURE, papers[2], PRESENTATIONS]


def schedule_problems(tmp_path: Path, schedule: list[list[object]]) -> list[Problem]:
    """Every problem ``check_course`` reports for schedule.csv, in one run."""
    tables = base_tables()
    tables["schedule"] = schedule
    _, problems = check_course(write_course(tmp_path / "course", tables))
    return [p for p in problems if p.file == "schedule.csv"]


def assert_exactly(problems: list[Problem], expected: list[tuple]) -> None:
    """``problems`` are exactly ``expected``: (severity, row, column, message fragment)."""
    found = [(p.severity, p.row, p.column) for p in problems]
    assert sorted(found, key=str) == sorted([e[:3] for e in expected], key=str), problems
    for severity, row, column, fragment in expected:
        (match,) = [p for p in problems if (p.severity, p.row, p.column) == (severity, row, column)
                    and fragment in p.message]  # fmt: skip
        assert str(match).startswith(f"{severity}: schedule.csv"), match


def test_the_builders_schedule_breaks_no_rule(tmp_path: Path) -> None:
    # 09-03 g1/g2/g3, 09-05 g2/g3/g1, 09-12 g3/g1/g2: every group once in every role.
    assert schedule_problems(tmp_path, base_tables()["schedule"]) == []


def test_a_group_without_a_role_is_a_warning_per_group_and_role(tmp_path: Path) -> None:
    # Presenters g1 g2 g1, summarizers g2 g1 g2, reviewers g3 g3 g3.
    problems = schedule_problems(
        tmp_path,
        lectures(
            ("2024-09-03", "g1", "g2", "g3"),
            ("2024-09-05", "g2", "g1", "g3"),
            ("2024-09-12", "g1", "g2", "g3"),
        ),
    )
    assert_exactly(
        problems,
        [
            (W, None, "presenter", "group g3 never presents a lecture; the syllabus gives "
             "each group at least one lecture (Student Lectures)"),
            (W, None, "summarizer", "group g3 never summarizes a lecture; the syllabus "
             "gives each group at least one summary (Lecture Summaries)"),
            (W, None, "reviewer", "group g1 never reviews a lecture; the syllabus gives "
             "each group one reviewer slot (Post-Presentation Panel Discussion)"),
            (W, None, "reviewer", "group g2 never reviews a lecture"),
        ],
    )  # fmt: skip
    (presents,) = [p for p in problems if p.column == "presenter"]
    assert presents.message.endswith(
        "name it as the presenter of a lecture, or leave it so if there are more groups "
        "than lectures (its Paper Presentation score will be missing)"
    )


def test_a_group_summarizing_its_own_lecture_is_an_error(tmp_path: Path) -> None:
    # Row 3: g2 presents and summarizes 09-05; g3 then summarizes nothing.
    problems = schedule_problems(
        tmp_path,
        lectures(
            ("2024-09-03", "g1", "g2", "g3"),
            ("2024-09-05", "g2", "g2", "g1"),
            ("2024-09-12", "g3", "g1", "g2"),
        ),
    )
    assert_exactly(
        problems,
        [
            (E, 3, "summarizer", "group g2 both presents and summarizes this lecture; the "
             "syllabus gives the summary to another group (Lecture Summaries"),
            (W, None, "summarizer", "group g3 never summarizes a lecture"),
        ],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("reviewer", "fragment"),
    [
        ("g1", "group g1 both presents and reviews this lecture; the authors and the "
               "reviewers are different groups (syllabus, Post-Presentation Panel "
               "Discussion); name another group as reviewer"),
        ("g2", "group g2 both summarizes and reviews this lecture"),
    ],
)  # fmt: skip
def test_an_author_reviewing_the_same_lecture_is_an_error(
    tmp_path: Path, reviewer: str, fragment: str
) -> None:
    # Row 2 (09-03, presenter g1, summarizer g2) gets an author as reviewer; g3, its
    # reviewer before, then reviews nothing.
    problems = schedule_problems(
        tmp_path,
        lectures(
            ("2024-09-03", "g1", "g2", reviewer),
            ("2024-09-05", "g2", "g3", "g1"),
            ("2024-09-12", "g3", "g1", "g2"),
        ),
    )
    assert_exactly(
        problems,
        [(E, 2, "reviewer", fragment), (W, None, "reviewer", "group g3 never reviews")],
    )


def test_one_group_in_every_role_of_a_lecture_is_one_error_per_cell(tmp_path: Path) -> None:
    # Row 2: g1 presents, summarizes and reviews 09-03; g2 then summarizes nothing and
    # g3 reviews nothing.
    problems = schedule_problems(
        tmp_path,
        lectures(
            ("2024-09-03", "g1", "g1", "g1"),
            ("2024-09-05", "g2", "g3", "g1"),
            ("2024-09-12", "g3", "g1", "g2"),
        ),
    )
    assert_exactly(
        problems,
        [
            (E, 2, "summarizer", "group g1 both presents and summarizes this lecture"),
            (E, 2, "reviewer", "group g1 both presents and summarizes and reviews"),
            (W, None, "summarizer", "group g2 never summarizes"),
            (W, None, "reviewer", "group g3 never reviews"),
        ],
    )


def test_two_groups_presenting_on_one_day_is_an_error(tmp_path: Path) -> None:
    # Row 5 moved from 09-12 to 09-05, where row 3's g2 presents: one error, on row 5,
    # instead of "date 2024-09-05 appears twice".
    problems = schedule_problems(
        tmp_path,
        lectures(
            ("2024-09-03", "g1", "g2", "g3"),
            ("2024-09-05", "g2", "g3", "g1"),
            ("2024-09-05", "g3", "g1", "g2"),
        ),
    )
    assert_exactly(
        problems,
        [
            (E, 5, "date", "group g3 presents on 2024-09-05, and so does group g2 (row 3); "
             "only one group presents in each class (syllabus, Student Lectures); move one "
             "of these lectures to another date"),
        ],
    )  # fmt: skip


def test_a_lecture_row_entered_twice_is_a_date_that_appears_twice(tmp_path: Path) -> None:
    # Row 5 repeats row 3 (same presenter g2): a copy, not a second group; g3 then
    # presents nothing and summarizes 09-05 twice.
    problems = schedule_problems(
        tmp_path,
        lectures(
            ("2024-09-03", "g1", "g2", "g3"),
            ("2024-09-05", "g2", "g3", "g1"),
            ("2024-09-05", "g2", "g3", "g1"),
        ),
    )
    assert_exactly(
        problems,
        [
            (E, 5, "date", "date 2024-09-05 appears twice"),
            (W, None, "presenter", "group g3 never presents"),
            (W, None, "summarizer", "group g1 never summarizes"),
            (W, None, "reviewer", "group g2 never reviews"),
        ],
    )


def every_rule_broken() -> list[list[object]]:
    """Row 2: g1 presents and reviews; row 3: g2 presents and summarizes; row 5: g3
    presents on 09-05 too. Summarizers g2 g2 g1 and reviewers g1 g1 g2 leave g3 out."""
    return lectures(
        ("2024-09-03", "g1", "g2", "g1"),
        ("2024-09-05", "g2", "g2", "g1"),
        ("2024-09-05", "g3", "g1", "g2"),
    )


def test_every_rule_broken_is_reported_in_one_pass(tmp_path: Path) -> None:
    assert_exactly(
        schedule_problems(tmp_path, every_rule_broken()),
        [
            (E, 2, "reviewer", "group g1 both presents and reviews this lecture"),
            (E, 3, "summarizer", "group g2 both presents and summarizes this lecture"),
            (E, 5, "date", "group g3 presents on 2024-09-05, and so does group g2 (row 3)"),
            (W, None, "summarizer", "group g3 never summarizes"),
            (W, None, "reviewer", "group g3 never reviews"),
        ],
    )


def test_gradelib_check_prints_them_and_fails(tmp_path: Path) -> None:
    tables = base_tables()
    tables["schedule"] = every_rule_broken()
    status, output = gradelib_check(write_course(tmp_path / "course", tables))
    assert status == 1, output
    for line in (
        "error: schedule.csv, row 2, column reviewer: group g1 both presents and reviews",
        "error: schedule.csv, row 3, column summarizer: group g2 both presents and summarizes",
        "error: schedule.csv, row 5, column date: group g3 presents on 2024-09-05",
        "warning: schedule.csv, column summarizer: group g3 never summarizes a lecture",
        "warning: schedule.csv, column reviewer: group g3 never reviews a lecture",
    ):
        assert line in output, output
    assert "appears twice" not in output


def test_a_schedule_workbook_names_its_sheet_and_header(tmp_path: Path) -> None:
    # schedule.xlsx, sheet "term", header "Reviewer": row 2 as in the one-pass case.
    tables = base_tables()
    schedule = tables.pop("schedule")
    schedule[0] = ["Date", "Kind", "Topic", "Presenter", "Summarizer", "Reviewer"]
    schedule[1][5] = "g1"
    folder = write_course(tmp_path / "course", tables)
    write_xlsx(folder / "schedule.xlsx", {"term": schedule})
    _, problems = check_course(folder)
    mine = [p for p in problems if p.file == "schedule.xlsx"]
    assert [(p.severity, p.sheet, p.row, p.column) for p in mine] == [
        (E, "term", 2, "Reviewer"),
        (W, "term", None, "Reviewer"),
    ]
    assert mine[0].message.startswith("group g1 both presents and reviews this lecture")
    assert mine[1].message.startswith("group g3 never reviews a lecture")


def test_a_schedule_without_reviewers_does_not_ask_for_them(tmp_path: Path) -> None:
    # The reviewer column blank throughout (a course that does not record the panel):
    # no "never reviews" warning; the presenters and summarizers are the builder's.
    assert (
        schedule_problems(
            tmp_path,
            lectures(
                ("2024-09-03", "g1", "g2", ""),
                ("2024-09-05", "g2", "g3", ""),
                ("2024-09-12", "g3", "g1", ""),
            ),
        )
        == []
    )


def test_many_groups_without_a_role_are_one_warning_per_role(tmp_path: Path) -> None:
    # Six groups of one (alice g1 ... frank g6); presenters g1 g2 g1, summarizers g2 g1
    # g2, reviewers g3 g3 g3. Never present: g3 g4 g5 g6 (4, more than EACH_NAMED = 3):
    # one warning naming g3, g4, g5 "and 1 more". Never summarize: the same four. Never
    # review: g1 g2 g4 g5 g6 (5): "g1, g2, g4 and 2 more".
    tables = base_tables()
    people = ["alice", "bob", "carol", "dave", "erin", "frank"]
    tables["groups"] = [["group", "uniqname"]] + [[f"g{i}", who] for i, who in enumerate(people, 1)]
    tables["schedule"] = lectures(
        ("2024-09-03", "g1", "g2", "g3"),
        ("2024-09-05", "g2", "g1", "g3"),
        ("2024-09-12", "g1", "g2", "g3"),
    )
    _, problems = check_course(write_course(tmp_path / "course", tables))
    coverage = [p for p in problems if p.file == "schedule.csv" and "never" in p.message]
    assert [(p.severity, p.row, p.column) for p in coverage] == [
        (W, None, "presenter"),
        (W, None, "summarizer"),
        (W, None, "reviewer"),
    ]
    assert coverage[0].message.startswith(
        "4 groups never present a lecture (g3, g4, g5 and 1 more); the syllabus gives each "
        "group at least one lecture (Student Lectures); name each as the presenter of a "
        "lecture, or leave it so if there are more groups than lectures"
    )
    assert coverage[1].message.startswith("4 groups never summarize a lecture (g3, g4, g5 and 1")
    assert coverage[2].message.startswith("5 groups never review a lecture (g1, g2, g4 and 2 more)")
