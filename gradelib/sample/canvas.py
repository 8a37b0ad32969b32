"""The roster as Canvas exports it: the gradebook CSV with two assignments and the totals.

Canvas computes the totals from the two assignments (1 and 15 points): the current score
over the graded assignments only, the final score over all 16 points (ungraded counts as
0), both rounded half up to two decimals; the grades use the course's letter scale.
Nothing is manually posted, so every "Unposted" column equals its posted one.
"""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal

import numpy as np

from gradelib.policy.defaults import DEFAULT_POLICY_TOML
from gradelib.policy.letters import letter_for
from gradelib.sample.calendar import Session
from gradelib.sample.people import SECTION, Student
from gradelib.sheets.rounding import score_text

SURVEY = "Course Survey (88231)"
PRESENTATION = "Paper Presentation (88240)"
TOTALS = (
    "Current Score", "Unposted Current Score", "Final Score", "Unposted Final Score",
    "Current Grade", "Unposted Current Grade", "Final Grade", "Unposted Final Grade",
)  # fmt: skip
ROSTER_HEADER = (
    "Student",
    "ID",
    "SIS User ID",
    "SIS Login ID",
    "Section",
    SURVEY,
    PRESENTATION,
    *TOTALS,
)
POINTS_POSSIBLE = (
    "    Points Possible",
    "",
    "",
    "",
    "",
    "1.00",
    "15.00",
    *["(read only)"] * len(TOTALS),
)
TEST_STUDENT = "Student, Test"
SURVEY_RATE = 0.9
#: Presentations before this date had their Canvas score entered by mid-term.
ENTERED_BEFORE = date(2024, 9, 20)
_LETTERS = tuple(
    sorted(tomllib.loads(DEFAULT_POLICY_TOML)["letters"].items(), key=lambda kv: -kv[1])
)


def _points(value: Decimal) -> str:
    return score_text(float(value))


def letter(score: Decimal) -> str:
    """The letter of a score (rounded to two decimals) on the course's scale."""
    return letter_for(float(score), _LETTERS)


def _totals(survey: Decimal | None, presentation: Decimal | None) -> list[str]:
    graded = [(v, top) for v, top in ((survey, 1), (presentation, 15)) if v is not None]
    earned = sum((v for v, _ in graded), Decimal(0))
    final = earned * 100 / 16
    if graded:
        current = earned * 100 / sum(top for _, top in graded)
        current_score, current_grade = _points(current), letter(current)
    else:
        current_score = current_grade = ""
    final_score, final_grade = _points(final), letter(final)
    scores = [current_score, current_score, final_score, final_score]
    return [*scores, current_grade, current_grade, final_grade, final_grade]


def roster_rows(
    students: list[Student],
    test_student_id: int,
    group_of: dict[str, str],
    schedule: list[Session],
    rng: np.random.Generator,
) -> list[list[str]]:
    """The rows of ``roster.csv`` after the header: points possible, students, test student.

    Parameters
    ----------
    students : list of Student
        The roster, sorted as Canvas sorts it.
    test_student_id : int
        Canvas id of the test student.
    group_of : dict
        Uniqname -> group id.
    schedule : list of Session
        The class dates; groups that presented before ``ENTERED_BEFORE`` have a Paper
        Presentation score in Canvas, everyone else a blank.
    rng : numpy.random.Generator
        The random stream.

    Returns
    -------
    list of list of str
        ``POINTS_POSSIBLE``, one row per student, then the test student.
    """
    early = {s.presenter for s in schedule if s.is_paper and s.day < ENTERED_BEFORE}
    group_score = {
        g: Decimal(int(25 + 5 * rng.random()) * 5) / 10 for g in sorted(set(group_of.values()))
    }  # 12.50 to 14.50 in half points
    took_survey = (rng.random(len(students)) < SURVEY_RATE).tolist()
    rows = [list(POINTS_POSSIBLE)]
    for student, surveyed in zip(students, took_survey, strict=True):
        group = group_of[student.uniqname]
        survey = Decimal(1) if surveyed else None
        presentation = group_score[group] if group in early else None
        rows.append(
            [
                student.sortable_name,
                str(student.canvas_id),
                student.sis_id,
                student.uniqname,
                student.section,
                "" if survey is None else _points(survey),
                "" if presentation is None else _points(presentation),
                *_totals(survey, presentation),
            ]
        )
    blank = [""] * (len(ROSTER_HEADER) - 5)
    rows.append([TEST_STUDENT, str(test_student_id), "", "", SECTION, *blank])
    return rows
