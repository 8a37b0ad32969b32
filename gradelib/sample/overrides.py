"""The instructor's overrides: an excused absence, a regrade and a waived summary."""

from __future__ import annotations

import numpy as np

from gradelib.sample.attendance import MEDICAL_DATE
from gradelib.sample.calendar import Session

OVERRIDES_HEADER = ("uniqname", "component", "value", "reason")


def override_rows(
    medical: str,
    group_of: dict[str, str],
    schedule: list[Session],
    rng: np.random.Generator,
) -> list[list[str]]:
    """The three rows of ``overrides.csv``.

    Parameters
    ----------
    medical : str
        The student absent on ``MEDICAL_DATE`` with a note.
    group_of : dict
        Uniqname -> group id, for every student (sorted by uniqname).
    schedule : list of Session
        The class dates.
    rng : numpy.random.Generator
        The random stream.

    Returns
    -------
    list of list of str
        The excused absence of ``medical``; a presentation regraded to 95 for a student
        whose group presented; a summary waived for a student whose group summarized.
        Three different students.
    """
    presenters = {s.presenter for s in schedule if s.is_paper}
    summarizers = {s.summarizer for s in schedule if s.is_paper}
    uniqnames = sorted(group_of)
    order = [uniqnames[i] for i in rng.permutation(len(uniqnames)).tolist()]
    regraded = next(u for u in order if u != medical and group_of[u] in presenters)
    waived = next(u for u in order if u not in (medical, regraded) and group_of[u] in summarizers)
    return [
        [
            medical,
            f"attendance:{MEDICAL_DATE.isoformat()}",
            "excused",
            "Medical note (Dean of Students letter)",
        ],
        [regraded, "presentation", "95", "Regraded after appeal"],
        [waived, "summary", "excused", "Joined the course late; summary waived by instructor"],
    ]
