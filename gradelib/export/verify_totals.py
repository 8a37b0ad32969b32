"""Why Canvas's total is not our current score: the causes, worked out from the export.

Canvas's ``Current Score`` counts posted scores only; ``Unposted Current Score`` counts
every score it holds. A student whose ``Current Score`` is not ours but whose unposted one
differs from it has scores waiting to be posted. Where the unposted total is not ours
either, the export is read each way Canvas may have added it up
(:mod:`gradelib.export.verify_readings`): the component cells as Canvas has them (they
differ from the import), those plus the course's other assignments (a survey counted
in the total), or weighted assignment groups. What no reading explains is said so.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from gradelib.export.verify_causes import SHOWN_STUDENTS, Cause, Sides
from gradelib.export.verify_readings import (
    assignment_groups,
    cents,
    near,
    numbers,
    points_cents,
    weighted_reading,
)
from gradelib.sheets.rounding import score_text

POST_GRADES = "post them (Gradebook › the column's ⋮ menu › Post grades)"
GROUP_WEIGHTS = (
    "in Canvas, Assignments › ⋮ › Assignment Groups Weight: turn off “Weight final grade "
    "based on assignment groups”, or weight the groups so that each component counts as "
    "its policy.toml weight"
)
NOT_COUNTED = (
    "in each one's settings tick “Do not count this assignment towards the final grade” "
    "(or give it 0 points possible)"
)


def _shown(value: object) -> str:
    """Cents as the text Canvas shows (``"92.35"``), ``none`` where missing."""
    return "none" if pd.isna(value) else score_text(int(value) / 100)


def _listing(pairs: Sequence[tuple[str, str]]) -> str:
    """``alice 90.00 (ours 92.35); ...`` cut at :data:`SHOWN_STUDENTS`."""
    text = "; ".join(f"{u} {detail}" for u, detail in pairs[:SHOWN_STUDENTS])
    more = len(pairs) - SHOWN_STUDENTS
    return text + (f" and {more} more" if more > 0 else "")


def _names(students: Sequence[str]) -> str:
    """``alice, bob`` cut at :data:`SHOWN_STUDENTS` (``and N more``)."""
    more = len(students) - SHOWN_STUDENTS
    return ", ".join(students[:SHOWN_STUDENTS]) + (f" and {more} more" if more > 0 else "")


def total_causes(sides: Sides, cells_differ: set[str]) -> tuple[list[Cause], list[str]]:
    """The causes of every difference between Canvas's ``Current Score`` and ours.

    Parameters
    ----------
    sides : Sides
        Both sides of the comparison.
    cells_differ : set of str
        Students with a component cell Canvas has otherwise than we wrote.

    Returns
    -------
    (list of Cause, list of str)
        One cause per kind (with its students), and notes on what could not be compared.
    """
    book, students = sides.book, sides.canvas.index
    if book.column("Current Score") is None:
        return [], [
            "the export has no Current Score column (Canvas hides the totals, or the course "
            "has grading periods): totals not compared"
        ]
    ours = cents(sides.ours["score"])
    current = cents(sides.total("Current Score"))
    has_unposted = book.column("Unposted Current Score") is not None
    unposted = cents(sides.total("Unposted Current Score")) if has_unposted else current
    posting = ~near(current, ours, 0) & ~near(current, unposted, 0)
    differs = ~near(unposted, ours, 0)
    own_columns = sides.ours_columns
    every_columns = [*own_columns, *sides.other_columns]
    own = points_cents(book, own_columns, students)
    every = points_cents(book, every_columns, students)
    in_cells = differs & students.isin(list(cells_differ)) & near(own, unposted)
    rest = differs & ~in_cells
    others = rest & near(every, unposted) & ~near(every, own, 0)
    rest &= ~others
    causes = []
    if posting.any():
        causes.append(_posting(sides, posting, current, unposted))
    if others.any():
        causes.append(_other_assignments(sides, others))
    if rest.any():
        groups = assignment_groups(book, every_columns, students, unposted=has_unposted)
        weighted = weighted_reading(groups, unposted)
        if weighted is not None:
            causes.append(_weighted(sides, rest, weighted[0], groups.from_export))
            rest = pd.Series(False, index=students)
    rest &= ~students.isin(list(cells_differ))  # their own cells are the likely cause
    if rest.any():
        pairs = [(u, f"{_shown(unposted[u])} (ours {_shown(ours[u])})") for u in students[rest]]
        causes.append(Cause(
            "unexplained", "Canvas's total differs",
            f"Canvas's total is not ours and nothing in the export explains it: "
            f"{_listing(pairs)}; look at the assignment groups' rules (drop lowest, weights) "
            "and the late and missing policies in Canvas",
            tuple(students[rest]),
        ))  # fmt: skip
    return causes, []


def _posting(sides: Sides, mask: pd.Series, current: pd.Series, unposted: pd.Series) -> Cause:
    """Scores held in Canvas but not posted: students see a total without them."""
    students = sides.canvas.index[mask]
    hidden = [h for h in sides.book.header if h in sides.book.hidden]
    scored = numbers(sides.canvas.loc[students, hidden]).notna().any() if hidden else None
    waiting = [h for h in hidden if scored is not None and scored[h]]
    where = (
        f"{', '.join(waiting)} {'has' if len(waiting) == 1 else 'have'} manual posting"
        if waiting
        else "the export marks no assignment Manual Posting (look for the hidden-eye icon "
        "in the Gradebook's column headers)"
    )
    pairs = [(u, f"sees {_shown(current[u])}, with them {_shown(unposted[u])}") for u in students]
    return Cause(
        "posting", "Scores not posted yet",
        f"scores waiting to be posted: {where}; Canvas holds the scores but students see "
        f"a Current Score without them ({_listing(pairs)}); {POST_GRADES}",
        tuple(students),
    )  # fmt: skip


def _other_assignments(sides: Sides, mask: pd.Series) -> Cause:
    """Assignments outside the five components, scored and counted in Canvas's total."""
    students = sides.canvas.index[mask]
    parts = []
    for header in sides.other_columns:
        values = numbers(sides.canvas.loc[students, [header]])[header].dropna()
        if values.empty:
            continue
        by_value = values.groupby(values.map(score_text), sort=False).groups
        adds = "; ".join(f"{points} for {_names(who)}" for points, who in by_value.items())
        parts.append(
            f"{header} (out of {score_text(float(sides.book.possible[header]))}) adds {adds}"
        )
    return Cause(
        "other_assignments", "Other assignments count",
        f"Canvas counts other assignments in its total: {' | '.join(parts)}; "
        f"{NOT_COUNTED}",
        tuple(students),
    )  # fmt: skip


def _weighted(sides: Sides, mask: pd.Series, weights: dict[str, float], named: bool) -> Cause:
    """Canvas weights assignment groups instead of adding up points."""
    students = tuple(sides.canvas.index[mask])
    equal = len({score_text(w) for w in weights.values()}) == 1
    kind = "assignment groups" if named else "assignments' percentages"
    listed = ", ".join(f"{group} {score_text(w)} %" for group, w in weights.items())
    reading = f"the {kind} weighted {listed}" + (" (their mean)" if equal else "")
    return Cause(
        "weighted_groups", "Weighted assignment groups",
        f"Canvas's total is {reading}, not the components' points over their points "
        f"possible; {GROUP_WEIGHTS}",
        students,
    )  # fmt: skip
