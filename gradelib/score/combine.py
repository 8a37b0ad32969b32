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

import numpy as np
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
    sums = Sums(current, final, status, weights)
    return sums.components(status), *sums.totals(final_override)


class Sums:
    """The arithmetic of :func:`combine` on NumPy arrays (students × components).

    Attributes
    ----------
    index, columns : pandas.Index
        The students and the component keys (of ``current``).
    counted : numpy.ndarray
        bool: the component counts toward the final (not excused).
    current, final_basis, final_filled : numpy.ndarray
        float: current values (NaN when missing); final values where counted (NaN
        elsewhere); the same with 0 for NaN.
    total, now_weight : numpy.ndarray
        float per student: the policy weights counted toward the final, and toward the
        current score.
    weight : numpy.ndarray
        float: each counted weight renormalized, percent (NaN when nothing counts).
    earned, earned_now : numpy.ndarray
        float per student: the computed final and current score (NaN when nothing
        counts).
    """

    def __init__(
        self,
        current: pd.DataFrame,
        final: pd.DataFrame,
        status: pd.DataFrame,
        weights: Mapping[str, float],
    ) -> None:
        self.index, self.columns = current.index, current.columns
        w = np.array([weights[key] for key in current.columns], dtype=float)
        states = status.to_numpy(dtype=object)
        self.counted = states != "excused"
        self.total = _row_sums(self.counted * w)
        positive = np.where(self.total > 0, self.total, np.nan)
        self.weight = self.counted * w / positive[:, None] * 100.0
        values = final.to_numpy(dtype=float, na_value=np.nan)
        self.final_basis = np.where(self.counted, values, np.nan)
        self.final_filled = np.nan_to_num(self.final_basis, nan=0.0)
        self.earned = _row_sums(self.final_filled * w) / positive
        self.current = current.to_numpy(dtype=float, na_value=np.nan)
        now = np.isin(states, COUNTED_NOW) & ~np.isnan(self.current)
        self.now_weight = _row_sums(now * w)
        earned_now = _row_sums(np.where(now, self.current, 0.0) * w)
        self.earned_now = earned_now / np.where(self.now_weight > 0, self.now_weight, np.nan)

    def components(self, status: pd.DataFrame) -> Components:
        """The :class:`Components` of these sums (``status`` as given to them)."""

        def frame(values: np.ndarray) -> pd.DataFrame:
            return pd.DataFrame(values, index=self.index, columns=self.columns).astype("Float64")

        def series(values: np.ndarray) -> pd.Series:
            return pd.Series(values, index=self.index).astype("Float64")

        counted = self.counted
        return Components(
            current=frame(np.where(counted, self.current, np.nan)),
            final=frame(self.final_basis),
            status=status.astype("string"),
            weight=frame(np.where(counted, self.weight, 0.0)),
            points=frame(np.where(counted, self.weight * self.final_filled / 100.0, 0.0)),
            counted_weight=series(self.total),
            current_weight=series(self.now_weight),
        )

    def totals(self, final_override: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
        """The final and the current score (float64 percent, not rounded), a final set
        by an override taking the place of both."""
        total_final = pd.Series(self.earned, index=self.index)
        total_current = pd.Series(self.earned_now, index=self.index)
        if final_override is not None:
            total_final = final_override.fillna(total_final)
            total_current = final_override.fillna(total_current)
        return total_final.astype(float), total_current.astype(float)


def _row_sums(values: np.ndarray) -> np.ndarray:
    """Each row's sum, component after component (the same additions, in the same order,
    for both totals: they are equal to the bit when all is graded)."""
    total = np.zeros(values.shape[0])
    for column in range(values.shape[1]):
        total = total + values[:, column]
    return total
