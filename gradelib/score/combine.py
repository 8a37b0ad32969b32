"""Components combined into the final and the current score (SPEC "final" and "current").

``final = Σ weight × final value / Σ weight`` over the components that count (an excused
component does not; the others' weights are renormalized), with an item not graded yet
counted as 0. ``current`` is Canvas's current score: only components with at least one
graded item count, each by its value over its graded items, the weights renormalized over
them. A final set by an override is both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from gradelib.policy.model import COMPONENTS

#: Statuses whose value counts toward the current score.
COUNTED_NOW = ("graded", "partial", "overridden")


@dataclass(frozen=True)
class Components:
    """Every student's component values, one frame per quantity.

    Each frame is indexed by uniqname with one column per component key (in
    ``COMPONENTS`` order).

    Attributes
    ----------
    current : pandas.DataFrame
        Float64 percent over the graded items (current basis); ``<NA>`` when excused or
        when no item is graded yet.
    final : pandas.DataFrame
        Float64 percent with items not graded yet counted as 0 (final basis); ``<NA>``
        when excused (an ungraded component is 0 here).
    status : pandas.DataFrame
        string: ``graded``, ``partial``, ``ungraded``, ``excused`` or ``overridden``.
    weight : pandas.DataFrame
        Float64 counted weight in the final, percent: the policy weight renormalized over
        the components that are not excused (0 for an excused one).
    points : pandas.DataFrame
        Float64 points toward the final: ``weight × final / 100`` (they add up to the
        computed final).
    counted_weight : pandas.Series
        Float64 percent by uniqname: the policy weights of the components that count
        toward the final, added up (the renormalization's denominator; 100 when none is
        excused).
    current_weight : pandas.Series
        Float64 percent by uniqname: the policy weights of the components that count
        toward the current score (with a graded item), added up; 0 when none has one.
    """

    current: pd.DataFrame
    final: pd.DataFrame
    status: pd.DataFrame
    weight: pd.DataFrame
    points: pd.DataFrame
    counted_weight: pd.Series
    current_weight: pd.Series

    def of(self, uniqname: str) -> pd.DataFrame:
        """One student's components: index component key, columns ``current``, ``final``,
        ``status``, ``weight``, ``points``."""
        return pd.DataFrame(
            {name: getattr(self, name).loc[uniqname] for name in _FIELDS},
            index=pd.Index(list(COMPONENTS), name="component"),
        )

    @property
    def excused(self) -> pd.DataFrame:
        """True where an override excuses the component."""
        return self.status.eq("excused").astype(bool)


_FIELDS = ("current", "final", "status", "weight", "points")


def combine(
    current: pd.DataFrame,
    final: pd.DataFrame,
    status: pd.DataFrame,
    weights: Mapping[str, float],
    final_override: pd.Series | None = None,
) -> tuple[Components, pd.Series, pd.Series]:
    """The components' counted weights and points, and the final and current scores.

    Parameters
    ----------
    current, final : pandas.DataFrame
        Percent per student (rows) and component (columns) on the current and the final
        basis (see :class:`Components`).
    status : pandas.DataFrame
        The status of each value (``excused`` leaves the component out of both).
    weights : Mapping[str, float]
        Component -> weight, percent of the final (SPEC "The five components").
    final_override : pandas.Series, optional
        A final set by an override (NaN where none); it is both final and current.

    Returns
    -------
    components : Components
    final, current : pandas.Series
        float64 percent, not rounded; ``current`` is NaN when no component has a graded
        item yet.
    """
    w = pd.Series(weights, dtype=float)[list(current.columns)]
    counted = status.ne("excused")
    total = counted.mul(w, axis=1).sum(axis=1)
    weight = counted.mul(w, axis=1).div(total.where(total > 0), axis=0) * 100.0
    final_basis = final.astype("Float64").where(counted)
    earned = final_basis.fillna(0.0).astype(float).mul(w, axis=1)
    points = weight * final_basis.fillna(0.0).astype(float) / 100.0
    # The same arithmetic for both totals, so they are equal to the bit when all is graded.
    total_final = earned.sum(axis=1) / total.where(total > 0)

    now = status.isin(COUNTED_NOW) & current.notna()
    now_weight = now.mul(w, axis=1).sum(axis=1)
    earned_now = current.astype("Float64").where(now, 0.0).astype(float).mul(w, axis=1)
    total_current = earned_now.sum(axis=1) / now_weight.where(now_weight > 0)
    if final_override is not None:
        total_final = final_override.fillna(total_final)
        total_current = final_override.fillna(total_current)
    components = Components(
        current=current.astype("Float64").where(counted),
        final=final_basis,
        status=status.astype("string"),
        weight=weight.where(counted, 0.0).astype("Float64"),
        points=points.where(counted, 0.0).astype("Float64"),
        counted_weight=total.astype("Float64"),
        current_weight=now_weight.astype("Float64"),
    )
    return components, total_final.astype(float), total_current.astype(float)
