"""``verify_canvas``: Canvas's export after the import, against our grades (all agree,
other assignments, weighted groups, another grading scheme, scores not posted).

Each test imports our own file into an export written as Canvas writes it
(:mod:`test_verify_canvas_helpers`, with the tiny course's numbers), gives the totals and
letters Canvas computes, worked out by hand in the comments, and asserts the cause named
and the students it explains.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from builder import base_rubrics, write_course
from test_verify_canvas_helpers import (
    AGREE,
    ALICE_GROUP,
    CASES,
    DAVE_GROUP,
    GROUP_TOTALS,
    SURVEY_COLUMN,
    canvas_export,
    cause,
    imported,
    kinds,
    same,
    shown_to,
    totals,
    with_survey,
)

from gradelib.export.verify_canvas import verify_canvas


def test_every_student_agrees(tmp_path: Path) -> None:
    course, file = imported(write_course(tmp_path / "course"))
    result = verify_canvas(course, canvas_export(tmp_path / "after.csv", file, AGREE))
    assert result.ok and result.causes == ()
    assert result.students["agrees"].all() and len(result.students) == 6
    assert shown_to(result, "alice") == ["92.35", "92.35", "A-", "A-"]
    assert "Canvas agrees for all 6 student(s)" in "\n".join(result.lines())


def test_overrides_and_excused_agree_when_canvas_shows_them(tmp_path: Path) -> None:
    # ovr-final: alice's final is set to 92.995 (93.00, A), bob's to 89.995 (90.00, A-).
    # Canvas's own total adds the cells: alice and bob 12 + 9 + 10 + 35 + 16 = 82.00 (B-),
    # carol 13.50 + 10.50 + 10 + 31 + 20 = 85.00 (B); dave's summary is EX, so 72.50 of
    # 85 points possible = 85.2941… = 85.29 (B). The Override Score is the override.
    course, file = imported(shutil.copytree(CASES / "ovr-final", tmp_path / "case"))
    shown = {
        "alice": {**totals("82.00", "B-"), "Override Score": "93.00", "Override Grade": "A"},
        "bob": {**totals("82.00", "B-"), "Override Score": "90.00", "Override Grade": "A-"},
        "carol": totals("85.00", "B"),
        "dave": totals("85.29", "B"),
    }
    result = verify_canvas(
        course, canvas_export(tmp_path / "after.csv", file, shown, override=True)
    )
    assert result.ok, result.lines()
    assert shown_to(result, "alice") == ["93.00", "93.00", "A", "A"]


def test_other_assignment_with_scores_is_named_with_its_points(tmp_path: Path) -> None:
    # The roster's Course Survey (1 point) is scored for alice and dave only. Canvas adds
    # it to their totals: alice (92.35 + 1) / (100 + 1) = 93.35 / 101 = 92.4257… = 92.43,
    # dave 89.15 / 101 = 88.2673… = 88.27. The others' survey is blank: not counted in the
    # current score; the final counts it as 0 but no letter moves (bob 92.35 / 101 =
    # 91.44, A-; erin 87.28, B+; frank 68.75 / 101 = 68.07, D+).
    roster = with_survey()
    course, file = imported(write_course(tmp_path / "course", roster=roster))
    shown = {
        **AGREE,
        "alice": {**totals("92.43", "A-"), "Course Survey (88231)": "1.00"},
        "dave": {**totals("88.27", "B+"), "Course Survey (88231)": "1.00"},
        "bob": totals("92.35", "A-", final="91.44"),
        "frank": totals("68.75", "D+", final="68.07"),
    }
    path = canvas_export(tmp_path / "after.csv", file, shown, before=SURVEY_COLUMN)
    result = verify_canvas(course, path)
    assert kinds(result) == {"other_assignments": ("alice", "dave")}
    assert "Course Survey (88231) (out of 1.00) adds 1.00 for alice, dave" in cause(
        result, "other_assignments"
    )
    assert "Do not count this assignment towards the final grade" in cause(
        result, "other_assignments"
    )


def test_weighted_assignment_groups_are_named_with_their_weights(tmp_path: Path) -> None:
    # Canvas puts presentation, summary and participation in a "Seminar" group (40
    # points) and the two project components in "Project" (60 points), weighted 50/50:
    # alice Seminar (13.50 + 14.25 + 10.00) / 40 = 94.375 (shown 94.38), Project
    # (35.60 + 19.00) / 60 = 91.00; total 0.5 × 94.375 + 0.5 × 91 = 92.6875 = 92.69 (A-).
    # dave 34.75 / 40 = 86.875 (86.88), 53.40 / 60 = 89.00; 87.9375 = 87.94 (B+).
    # frank 31.75 / 40 = 79.375 (79.38), 37.00 / 60 = 61.666… (61.67); 70.5208… = 70.52
    # (C-: Canvas's letter of its own total, as policy.toml would give it).
    course, file = imported(write_course(tmp_path / "course"))

    def shown(seminar: str, project: str, total: str, letter: str) -> dict[str, str]:
        groups = {f"Seminar {t}": seminar for t in GROUP_TOTALS}
        return {
            **groups,
            **{f"Project {t}": project for t in GROUP_TOTALS},
            **totals(total, letter),
        }

    canvas = {
        **same(shown("94.38", "91.00", "92.69", "A-"), ALICE_GROUP),
        **same(shown("86.88", "89.00", "87.94", "B+"), DAVE_GROUP),
        "frank": shown("79.38", "61.67", "70.52", "C-"),
    }
    path = canvas_export(tmp_path / "after.csv", file, canvas, groups=("Seminar", "Project"))
    result = verify_canvas(course, path)
    assert kinds(result) == {"weighted_groups": (*ALICE_GROUP, *DAVE_GROUP, "frank")}
    line = cause(result, "weighted_groups")
    assert "assignment groups weighted Seminar 50.00 %, Project 50.00 %" in line
    assert "Weight final grade based on assignment groups" in line


def test_total_that_is_the_mean_of_the_component_percentages(tmp_path: Path) -> None:
    # Each component in a group of its own, the groups weighted equally (no group totals
    # in this export): Canvas's total is the mean of the five percentages.
    # alice (90 + 95 + 100 + 89 + 95) / 5 = 93.80 (A), dave (80 + 85 + 100 + 91 + 85) / 5
    # = 88.20 (B+), frank (70 + 75 + 100 + 60 + 65) / 5 = 74.00 (C).
    course, file = imported(write_course(tmp_path / "course"))
    canvas = {
        **same(totals("93.80", "A"), ALICE_GROUP),
        **same(totals("88.20", "B+"), DAVE_GROUP),
        "frank": totals("74.00", "C"),
    }
    result = verify_canvas(course, canvas_export(tmp_path / "after.csv", file, canvas))
    assert kinds(result) == {"weighted_groups": (*ALICE_GROUP, *DAVE_GROUP, "frank")}
    line = cause(result, "weighted_groups")
    assert "Paper Presentation (88240) 20.00 %" in line and "(their mean)" in line


def _frank_at_63_95(folder: Path) -> Path:
    # g3's final report 44 of 100: frank's report 0.25 × 60 + 0.75 × 44 = 48 %, 19.20 of
    # 40 points; total 10.50 + 11.25 + 10.00 + 19.20 + 13.00 = 63.95: D (D from 63).
    rubrics = base_rubrics()
    rubrics["final_report"][4] = ["g3", "insujang", 44]
    return write_course(folder, rubrics=rubrics)


def test_letters_at_other_cut_offs_print_the_scheme(tmp_path: Path) -> None:
    # Canvas's default scheme has D from 64 and D- from 61: frank's 63.95 is D- there.
    # alice's 92.35 (A- from 90) and dave's 88.15 (B+ from 87) read the same in both.
    course, file = imported(_frank_at_63_95(tmp_path / "course"))
    canvas = {**AGREE, "frank": totals("63.95", "D-")}
    result = verify_canvas(course, canvas_export(tmp_path / "after.csv", file, canvas))
    assert kinds(result) == {"scheme": ("frank",)}
    line = cause(result, "scheme")
    assert "Canvas's default grading scheme (A from 94 %" in line
    assert "frank Current Score 63.95: Canvas D-, policy.toml D" in line
    assert "  D   from 63.00 %" in result.scheme and "  A   from 93.00 %" in result.scheme


def test_scores_waiting_to_be_posted_name_the_assignment(tmp_path: Path) -> None:
    # Project Report posts manually: its imported scores are hidden, so Current Score
    # counts the other 60 points only. alice (13.50 + 14.25 + 10.00 + 19.00) / 60 =
    # 56.75 / 60 = 94.5833… = 94.58 (A); dave 51.75 / 60 = 86.25 (B); frank 44.75 / 60 =
    # 74.5833… = 74.58 (C). Unposted Current Score counts it: our totals. Final Score
    # counts the hidden report as 0: 56.75, 51.75, 44.75 (E).
    course, file = imported(write_course(tmp_path / "course"))

    def shown(current, grade, final, ours, letter):
        return totals(current, grade, final=final, final_grade="E", unposted=ours,
                      unposted_grade=letter)  # fmt: skip

    canvas = {
        **same(shown("94.58", "A", "56.75", "92.35", "A-"), ALICE_GROUP),
        **same(shown("86.25", "B", "51.75", "88.15", "B+"), DAVE_GROUP),
        "frank": shown("74.58", "C", "44.75", "68.75", "D+"),
    }
    path = canvas_export(tmp_path / "after.csv", file, canvas, hidden=("Project Report (88243)",))
    result = verify_canvas(course, path)
    assert kinds(result) == {"posting": (*ALICE_GROUP, *DAVE_GROUP, "frank")}
    line = cause(result, "posting")
    assert "Project Report (88243) has manual posting" in line
    assert "alice sees 94.58, with them 92.35" in line and "Post grades" in line
