"""Letter cut-offs a GSI can defend: who is just below a cut-off, and cut-offs in gaps.

A cut-off ``c`` is *defensible* with a ``gap`` of 1 when no final (rounded half-up to two
decimals, as letters are given) lies in ``[c − 1, c)``: the closest student without the
letter is at least a point short, never 0.02. :func:`propose_cutoffs` lowers each cut-off
that is not defensible onto the highest final within ``reach`` below it where it would be:

- the cut lands on a student's final, so that student and everyone tied with them go up
  together (ties never end on both sides of a cut-off);
- a cut-off is never raised, so a proposal never lowers anyone's letter;
- a cut-off stays strictly above the current cut-off of the letter below it (it moves
  within its own band only). When two cut-offs compete for one gap, the gap belongs to
  the lower cut-off and the upper one is kept, with the reason saying so;
- with no such final, the cut-off is kept and the reason says why.

Edge cases: with no finals, or nobody near a cut-off, nothing moves. When everyone has
the same final, a cut-off either is already clear of it (all 85.00: no change) or moves
down onto it (all 92.50 with gap 1 and reach 3: the A cut-off becomes 92.50 and everyone
gets an A); one equal final is never split.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from gradelib.policy.letters import Scale, count_letters, letters_for
from gradelib.sheets.rounding import round_half_up, score_text

_HUNDRED = 100


@dataclass(frozen=True)
class CutoffProposal:
    """Cut-offs moved into gaps of the score distribution, and what that changes.

    Attributes
    ----------
    scale : tuple of (str, float)
        The proposed cut-offs, highest first (a kept cut-off keeps its exact value).
    cutoffs : pandas.DataFrame
        One row per cut-off, highest first: ``letter``, ``old``, ``new``, ``below`` (finals
        within ``gap`` below the old cut-off) and ``reason`` in plain words.
    before, after : pandas.Series
        Students per letter under the old and the proposed cut-offs (``E`` last).
    changed : pandas.DataFrame
        Indexed by uniqname, best final first: ``final``, ``before`` and ``after`` letter of
        every student whose letter changes (only ever upwards).
    gap, reach : float
        The settings the proposal was made with.
    """

    scale: Scale
    cutoffs: pd.DataFrame
    before: pd.Series
    after: pd.Series
    changed: pd.DataFrame
    gap: float
    reach: float


def _rounded(finals: pd.Series) -> pd.Series:
    """Finals as numbers rounded half-up to two decimals, missing ones dropped."""
    numbers = pd.to_numeric(pd.Series(finals), errors="coerce").astype(float)
    return round_half_up(numbers).dropna().rename_axis("uniqname")


def _cents(value: float) -> int:
    """An amount of points in hundredths (``round`` first: 0.3 * 100 is 30.000000000000004)."""
    return round(float(value) * _HUNDRED)


def _cut_cents(cutoff: float) -> int:
    """The lowest rounded final, in hundredths, that reaches ``cutoff`` (92.555 -> 9256)."""
    return int(np.ceil(round(float(cutoff) * _HUNDRED, 6)))


def _in_range(points: np.ndarray, low: np.ndarray | int, high: np.ndarray | int) -> np.ndarray:
    """How many of the sorted ``points`` lie in ``[low, high)``."""
    return np.searchsorted(points, high, side="left") - np.searchsorted(points, low, side="left")


def _plural(n: int, word: str = "student") -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def students_below(finals: pd.Series, scale: Scale, within: float) -> pd.DataFrame:
    """Students whose final is at most ``within`` points below the next letter's cut-off.

    Parameters
    ----------
    finals : pandas.Series
        Finals by uniqname; rounded half-up to two decimals here, missing ones left out.
    scale : tuple of (str, float)
        Letter cut-offs (``Policy.letters``).
    within : float
        Largest distance, in points, to list.

    Returns
    -------
    pandas.DataFrame
        Indexed by uniqname: ``final``, ``letter``, ``next_letter``, ``cutoff`` and ``gap`` =
        cutoff − final (0 < gap ≤ within), sorted by gap, then uniqname. A final on a
        cut-off already has its letter and is not listed.

    Examples
    --------
    With A from 93 and A− from 90: 92.00 is 1.00 below the A, 89.50 is 0.50 below the A−,
    and 93.00 is an A already.

    >>> scale = (("A", 93.0), ("A-", 90.0))
    >>> below = students_below(pd.Series({"ann": 92.0, "bo": 89.5, "cy": 93.0}), scale, 1.0)
    >>> below[["next_letter", "gap"]].to_dict("index")
    {'bo': {'next_letter': 'A-', 'gap': 0.5}, 'ann': {'next_letter': 'A', 'gap': 1.0}}
    """
    rounded = _rounded(finals)
    scale = tuple(sorted(scale, key=lambda pair: -pair[1]))
    cuts = sorted((float(cutoff), letter) for letter, cutoff in scale)
    values = np.array([cutoff for cutoff, _ in cuts])
    position = np.searchsorted(values, rounded.to_numpy(), side="right")
    has_next = position < len(cuts)  # the first cut-off strictly above the final
    under = rounded[has_next]
    cutoff = values[position[has_next]]
    table = pd.DataFrame(
        {
            "final": under,
            "letter": letters_for(under, scale),
            "next_letter": [cuts[i][1] for i in position[has_next]],
            "cutoff": cutoff,
            "gap": round_half_up(cutoff - under.to_numpy()).to_numpy(),
        },
        index=under.index,
    )
    table = table.loc[table["gap"] <= within + 1e-9]
    return table.sort_values(["gap", "uniqname"], kind="stable")


def _defend(
    points: np.ndarray, cutoff: float, lower: tuple[str, float] | None, width: int, span: int
) -> tuple[float, int, str]:
    """One cut-off's proposal: the new value, the finals within the gap below, the reason."""
    gap, reach = (
        f"{score_text(width / _HUNDRED)}",
        f"{score_text(span / _HUNDRED)}",
    )  # as the reasons say
    top = _cut_cents(cutoff)
    crowd = int(_in_range(points, top - width, top))
    if crowd == 0:
        return cutoff, 0, f"kept: nobody is within {gap} below {score_text(cutoff)}"
    # Candidates: distinct finals within reach below the cut-off, highest first; clear
    # ones have nobody in the gap below them; allowed ones stay above the next cut-off.
    candidates = np.unique(points[(points >= top - span) & (points < top)])[::-1]
    clear = candidates[_in_range(points, candidates - width, candidates) == 0]
    allowed = clear if lower is None else clear[clear > round(lower[1] * _HUNDRED, 6)]
    kept = f"kept: {_plural(crowd)} within {gap} below {score_text(cutoff)}"
    if len(allowed):
        new = int(allowed[0])
        lifted, tied = int(_in_range(points, new, top)), int(_in_range(points, new, new + 1))
        reason = (
            f"lowered to {score_text(new / _HUNDRED)} (the final of {_plural(tied)}), lifting "
            f"{_plural(lifted)} a letter; nobody is within {gap} below {score_text(new / _HUNDRED)}"
        )
        return new / _HUNDRED, crowd, reason
    if len(clear) and lower is not None:
        reason = (
            f"{kept}; the nearest gap of {gap} is at {score_text(clear[0] / _HUNDRED)}, "
            f"not above the {lower[0]} cut-off ({score_text(lower[1])})"
        )
        return cutoff, crowd, reason
    return cutoff, crowd, f"{kept}, but no gap of {gap} within {reach} below {score_text(cutoff)}"


def propose_cutoffs(
    finals: pd.Series, scale: Scale, *, gap: float = 1.0, reach: float = 3.0
) -> CutoffProposal:
    """Lower the cut-offs that have a student just under them into gaps of the finals.

    Finals are rounded half-up to two decimals first. A cut-off ``c`` is defensible when
    no final lies in ``[c − gap, c)``; one that is not moves down to the highest final
    ``f`` in ``[c − reach, c)`` with no final in ``[f − gap, f)``, staying strictly above
    the current cut-off of the letter below. See the module docstring for the whole rule.

    Parameters
    ----------
    finals : pandas.Series
        Finals by uniqname (missing ones are left out).
    scale : tuple of (str, float)
        Letter cut-offs, highest first (``Policy.letters``).
    gap : float, default 1.0
        How far below a cut-off nobody may be, in points.
    reach : float, default 3.0
        How far a cut-off may move down, in points.

    Returns
    -------
    CutoffProposal
        The proposed scale, each cut-off's old and new value with the reason, the letter
        counts before and after, and the students whose letter changes.

    Raises
    ------
    ValueError
        If ``gap`` or ``reach`` is negative.

    Examples
    --------
    Finals 92.60, 92.60 and 90.50 with A from 93: the two at 92.60 are 0.40 short. Nobody
    is in [91.60, 92.60), so the A cut-off moves onto 92.60 and both get an A.

    >>> scale = (("A", 93.0), ("A-", 90.0))
    >>> finals = pd.Series({"ann": 92.6, "bo": 92.6, "cy": 90.5})
    >>> proposal = propose_cutoffs(finals, scale)
    >>> proposal.scale
    (('A', 92.6), ('A-', 90.0))
    >>> proposal.changed["after"].to_dict()
    {'ann': 'A', 'bo': 'A'}
    >>> proposal.after.loc[["A", "A-"]].to_dict()
    {'A': 2, 'A-': 1}

    The A row of ``proposal.cutoffs`` says why: "lowered to 92.60 (the final of 2
    students), lifting 2 students a letter; nobody is within 1.00 below 92.60".
    """
    if gap < 0 or reach < 0:
        raise ValueError(f"gap and reach must be at least 0 (got gap {gap:g}, reach {reach:g})")
    rounded = _rounded(finals)
    points = np.sort(np.round(rounded.to_numpy() * _HUNDRED).astype(np.int64))
    ordered = sorted(scale, key=lambda pair: -pair[1])
    rows = []
    for i, (letter, cutoff) in enumerate(ordered):
        lower = ordered[i + 1] if i + 1 < len(ordered) else None
        new, crowd, reason = _defend(points, cutoff, lower, _cents(gap), _cents(reach))
        rows.append((letter, cutoff, new, crowd, reason))
    cutoffs = pd.DataFrame(rows, columns=["letter", "old", "new", "below", "reason"])
    proposed: Scale = tuple((letter, new) for letter, _, new, _, _ in rows)
    before, after = letters_for(rounded, tuple(ordered)), letters_for(rounded, proposed)
    changed = pd.DataFrame({"final": rounded, "before": before, "after": after})
    changed = changed.loc[before != after].sort_values(
        ["final", "uniqname"], ascending=[False, True], kind="stable"
    )
    return CutoffProposal(
        scale=proposed,
        cutoffs=cutoffs,
        before=count_letters(before, proposed),
        after=count_letters(after, proposed),
        changed=changed,
        gap=float(gap),
        reach=float(reach),
    )


def near_cutoffs(grades: pd.DataFrame, scale: Scale, within: float = 1.0) -> pd.DataFrame:
    """Students whose final is just below the next letter's cut-off.

    Parameters
    ----------
    grades : pandas.DataFrame
        The grades table: ``uniqname`` (column or index), ``name``, ``final``.
    scale : tuple of (str, float)
        The letter cut-offs (``Policy.letters``).
    within : float, default 1.0
        Largest gap, in points, to list.

    Returns
    -------
    pandas.DataFrame
        ``uniqname``, ``name``, ``final`` (rounded half-up to two decimals), ``letter``,
        ``next_letter``, ``cutoff`` and ``gap`` = cutoff − final (0 < gap ≤ within),
        sorted by gap, then uniqname. A final on a cut-off already has its letter.

    Examples
    --------
    A final of 92.00 is 1.00 below the A at 93; 89.50 is 0.50 below the A− at 90. The
    rows are those of :func:`students_below`, with the name added.

    >>> grades = pd.DataFrame(
    ...     {"uniqname": ["ana", "bo"], "name": ["A, Ana", "B, Bo"], "final": [92.0, 89.5]}
    ... )
    >>> near_cutoffs(grades, (("A", 93.0), ("A-", 90.0)))[["uniqname", "next_letter", "gap"]]
      uniqname next_letter  gap
    0       bo          A-  0.5
    1      ana           A  1.0
    """
    table = grades.set_index("uniqname") if "uniqname" in grades.columns else grades
    table = table.rename_axis("uniqname")
    final = pd.to_numeric(table["final"], errors="coerce").astype(float)
    below = students_below(final, scale, within)
    named = below.join(table["name"]).reset_index()
    columns = ["uniqname", "name", "final", "letter", "next_letter", "cutoff", "gap"]
    return named[columns]
