"""What-ifs: new weights, cut-offs or allowance applied to an already scored course.

Pure and vectorized, so a slider can call them on every move: the component scores are
kept from :func:`gradelib.score_course` and only the combination is redone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from gradelib.policy.letters import Scale, count_letters, letters_for
from gradelib.score.combine import Sums
from gradelib.score.grades import GradeReport
from gradelib.score.participation import attendance_percent, weighted_participation
from gradelib.sheets.rounding import round_half_up


@dataclass(frozen=True)
class Outcome:
    """Finals and letters under a what-if.

    Attributes
    ----------
    finals : pandas.Series
        Rounded finals by uniqname.
    letters : pandas.Series
        Letters by uniqname.
    counts : pandas.Series
        Students per letter, in the scale's order (``E`` last), zeros included.
    """

    finals: pd.Series
    letters: pd.Series
    counts: pd.Series


def recompute(report: GradeReport, weights: Mapping[str, float], scale: Scale) -> Outcome:
    """Finals, letters and letter counts with other weights and cut-offs.

    Overrides keep their effect: excused components stay out, a final set by an override
    stays as set.

    Parameters
    ----------
    report : GradeReport
        The scored course.
    weights : Mapping[str, float]
        Component -> weight (adding up to 100).
    scale : tuple of (str, float)
        Letter cut-offs, highest first.
    """
    parts = report.components
    final, _ = Sums(parts.current, parts.final, parts.status, weights).totals(report.final_override)
    finals = round_half_up(final)
    letters = letters_for(finals, scale)
    return Outcome(finals, letters, count_letters(letters, scale))


def rebalance(weights: Mapping[str, int], changed: str, value: int) -> dict[str, int]:
    """Set one weight and spread the difference over the others so they add up to 100.

    The others keep their proportions (whole numbers, largest remainders first); when
    they are all 0 the difference is shared equally.

    Examples
    --------
    >>> rebalance({"a": 50, "b": 30, "c": 20}, "a", 60)
    {'a': 60, 'b': 24, 'c': 16}
    """
    value = max(0, min(100, int(value)))
    others = [key for key in weights if key != changed]
    rest = 100 - value
    base = sum(weights[key] for key in others)
    shares = {key: (weights[key] / base if base else 1 / len(others)) * rest for key in others}
    result = {key: int(share) for key, share in shares.items()}
    leftover = rest - sum(result.values())
    for key in sorted(others, key=lambda k: -(shares[k] - int(shares[k])))[:leftover]:
        result[key] += 1
    return {key: value if key == changed else result[key] for key in weights}


def participation_with(
    parts: pd.DataFrame, allowance: int, shares: Mapping[str, float]
) -> pd.Series:
    """Participation by uniqname with another absence allowance and sub-weights."""
    recomputed = parts[["attendance", "questions", "piazza"]].copy()
    recomputed["attendance"] = attendance_percent(parts["held"], parts["absences"], allowance)
    return weighted_participation(recomputed, shares)
