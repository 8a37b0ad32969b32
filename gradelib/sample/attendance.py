"""The attendance log: sign-ins, absences, and a few explicit ``absent``/``excused`` rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from gradelib.sample.calendar import Session

#: The date of the medical absence that ``overrides.csv`` excuses.
MEDICAL_DATE = date(2024, 10, 8)
EXCUSED_ROWS = 3
ABSENT_ROWS = 5
#: Share of students past the allowance (3 to 5 absences).
OVER_ALLOWANCE = 0.15
#: Probabilities of 0, 1 and 2 absences for everyone else.
WITHIN_ALLOWANCE = (0.45, 0.35, 0.20)


@dataclass(frozen=True)
class AttendancePlan:
    """Who missed which class.

    Attributes
    ----------
    absences : dict
        Uniqname -> the attendance dates the student missed (sorted).
    statuses : dict
        (date, uniqname) -> ``absent`` or ``excused``, for the absences logged with a row.
    medical : str
        A student absent on ``MEDICAL_DATE`` whom ``overrides.csv`` excuses.
    special : tuple of str
        Students with exactly 0, 2 and 3 absences (in that order).
    """

    absences: dict[str, tuple[date, ...]]
    statuses: dict[tuple[date, str], str]
    medical: str
    special: tuple[str, str, str]


def _absence_counts(n: int, rng: np.random.Generator) -> list[int]:
    """Absences per student (in a random order of the students): the first
    ``max(1, round(OVER_ALLOWANCE * n))`` have 3 to 5, the rest 0 to 2."""
    over = max(1, round(OVER_ALLOWANCE * n))
    high = (3 + rng.integers(0, 3, size=over)).tolist()
    cumulative = np.cumsum(WITHIN_ALLOWANCE)
    low = np.minimum(np.searchsorted(cumulative, rng.random(n - over), side="right"), 2)
    return high + low.tolist()


def plan_attendance(
    uniqnames: list[str],
    group_of: dict[str, str],
    schedule: list[Session],
    rng: np.random.Generator,
) -> AttendancePlan:
    """Decide each student's absences.

    Most students miss 0 to 2 classes, 15 % (at least one) miss 3 to 5. Nobody misses the
    lecture their own group presents. One student is guaranteed 0 absences, one exactly 2,
    one exactly 3, and one more (``medical``, 1 to 3 absences) misses ``MEDICAL_DATE``.

    Parameters
    ----------
    uniqnames : list of str
        The students, sorted.
    group_of : dict
        Uniqname -> group id.
    schedule : list of Session
        The class dates.
    rng : numpy.random.Generator
        The random stream.

    Returns
    -------
    AttendancePlan
    """
    days = [s.day for s in schedule if s.takes_attendance]
    presents: dict[str, set[date]] = {}
    for s in schedule:
        if s.is_paper:
            presents.setdefault(s.presenter, set()).add(s.day)
    free_on_medical = [u for u in uniqnames if MEDICAL_DATE not in presents.get(group_of[u], ())]
    medical = free_on_medical[int(rng.integers(len(free_on_medical)))]
    others = [u for u in uniqnames if u != medical]
    order = [others[i] for i in rng.permutation(len(others)).tolist()]
    counts = dict(zip(order, _absence_counts(len(order), rng), strict=True))
    # The first in ``order`` is past the allowance: make it exactly 3.
    three, zero, two = order[0], order[-1], order[-2]
    counts.update({zero: 0, two: 2, three: 3, medical: 1 + int(rng.integers(0, 3))})
    absences = {}
    for u in uniqnames:
        own = presents.get(group_of[u], set())
        candidates = [d for d in days if d not in own and not (u == medical and d == MEDICAL_DATE)]
        forced = [MEDICAL_DATE] if u == medical else []
        picks = rng.permutation(len(candidates))[: counts[u] - len(forced)].tolist()
        absences[u] = tuple(sorted(forced + [candidates[i] for i in picks]))
    statuses = _explicit_statuses(absences, {zero, two, three, medical}, medical, rng)
    return AttendancePlan(absences, statuses, medical, (zero, two, three))


def _explicit_statuses(
    absences: dict[str, tuple[date, ...]],
    special: set[str],
    medical: str,
    rng: np.random.Generator,
) -> dict[tuple[date, str], str]:
    """Pick the absences that get an explicit ``excused`` or ``absent`` row.

    Excused days go to students other than the special ones, so that their absence
    counts stay exact; the medical absence keeps no row (the override excuses it).
    """
    pairs = [(d, u) for u, days in absences.items() for d in days]
    pairs.sort()
    pairs = [(d, u) for d, u in pairs if not (u == medical and d == MEDICAL_DATE)]
    order = [pairs[i] for i in rng.permutation(len(pairs)).tolist()]
    excusable = [p for p in order if p[1] not in special]
    excused = excusable[:EXCUSED_ROWS]
    absent = [p for p in order if p not in excused][:ABSENT_ROWS]
    statuses = dict.fromkeys(excused, "excused")
    statuses.update(dict.fromkeys(absent, "absent"))
    return statuses


def attendance_rows(
    plan: AttendancePlan, uniqnames: list[str], schedule: list[Session]
) -> list[list[str]]:
    """The rows of ``attendance.csv``: sorted by date, then uniqname.

    A present student has a row with a blank status (a sign-in); an absence has no row,
    unless it is logged explicitly as ``absent`` or ``excused``.
    """
    missed = {(d, u) for u, days in plan.absences.items() for d in days}
    rows = []
    for s in schedule:
        if not s.takes_attendance:
            continue
        for u in sorted(uniqnames):
            key = (s.day, u)
            if key not in missed:
                rows.append([s.day.isoformat(), u, ""])
            elif key in plan.statuses:
                rows.append([s.day.isoformat(), u, plan.statuses[key]])
    return rows
