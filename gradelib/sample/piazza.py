"""Piazza's class statistics export: one row per student who joined Piazza."""

from __future__ import annotations

import numpy as np

from gradelib.sample.people import Student

PIAZZA_HEADER = (
    "name", "email", "days online", "views", "contributions", "questions", "notes", "answers",
)  # fmt: skip
#: Share of students below the target of 5 contributions.
QUIET = 0.25
MAX_CONTRIBUTIONS = 20
TERM_DAYS = 112  # Aug 26 - Dec 16
#: Cumulative probabilities of 0, 1, ..., 15 contributions above the target (geometric).
_TAIL = np.cumsum([0.78**t for t in range(MAX_CONTRIBUTIONS - 4)])
_TAIL = _TAIL / _TAIL[-1]


def piazza_rows(students: list[Student], rng: np.random.Generator) -> list[list[object]]:
    """Draw the Piazza statistics; one student never joined and is left out.

    Contributions are 0 to 20, skewed low: about a quarter of the students have 0 to 4
    (under the target of 5), the rest 5 plus a geometric tail. Questions, notes and
    answers are parts of the contributions (the rest are follow-ups, not broken out).

    Parameters
    ----------
    students : list of Student
        The roster.
    rng : numpy.random.Generator
        The random stream.

    Returns
    -------
    list of list
        Rows in the order of ``PIAZZA_HEADER``, sorted by name as Piazza lists them.
    """
    n = len(students)
    absent = int(rng.integers(n))
    quiet = rng.random(n) < QUIET
    low = rng.integers(0, 5, size=n)
    tail = np.minimum(np.searchsorted(_TAIL, rng.random(n), side="right"), len(_TAIL) - 1)
    contributions = np.where(quiet, low, 5 + tail).tolist()
    parts = rng.random((n, 3)).tolist()
    extra_days = rng.integers(3, 40, size=n).tolist()
    view_rate = rng.integers(3, 9, size=n).tolist()
    rows: list[list[object]] = []
    for i, student in enumerate(students):
        if i == absent:
            continue
        c = contributions[i]
        questions = int(parts[i][0] * (c // 2 + 1))
        notes = int(parts[i][1] * ((c - questions) // 3 + 1))
        answers = int(parts[i][2] * ((c - questions - notes) // 2 + 1))
        days = min(TERM_DAYS, 2 * c + extra_days[i])
        views = days * view_rate[i] + 5 * c
        email = f"{student.uniqname}@umich.edu"
        rows.append([student.display_name, email, days, views, c, questions, notes, answers])
    rows.sort(key=lambda row: (str(row[0]).casefold(), str(row[1])))
    return rows
