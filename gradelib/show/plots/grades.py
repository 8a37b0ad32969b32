"""Figures of components and letters (the final scores: :mod:`gradelib.show.plots.finals`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import blended_transform_factory

from gradelib.policy.letters import FAIL_LETTER
from gradelib.policy.model import COMPONENTS, Policy
from gradelib.sheets.rounding import score_text
from gradelib.show.plots._base import (
    DARK,
    NEUTRAL,
    empty_note,
    integer_ticks,
    new_figure,
    numeric,
    plural,
    styled,
)
from gradelib.show.plots._marks import histogram_bars


def scale_order(policy: Policy) -> list[str]:
    """The letters of the policy, best first, then ``"E"``."""
    return [letter for letter, _ in policy.letters] + [FAIL_LETTER]


@styled
def component_distributions(grades: pd.DataFrame) -> Figure:
    """One histogram per component of the students' scores, with the mean marked.

    Parameters
    ----------
    grades : pandas.DataFrame
        The grades table, with one column per component key (percent, missing = not
        counted) and, where present, ``<key>_status`` telling excused from not graded.

    Returns
    -------
    matplotlib.figure.Figure
        Five panels in the order of :data:`gradelib.policy.model.COMPONENTS`, bars of 5 points
        over 0–100 of the values that count; a panel title says how many students are
        not graded yet and how many are excused (neither is drawn).
    """
    fig = new_figure(12, 6.5)
    axes = fig.subplots(2, 3).ravel()
    bins = np.arange(0, 105, 5)
    for ax, (key, name) in zip(axes, COMPONENTS.items(), strict=False):
        scores = numeric(grades[key]) if key in grades else pd.Series(dtype=float)
        graded = scores.dropna()
        status = grades.get(f"{key}_status", pd.Series("ungraded", index=scores.index))
        excused = int(status.loc[scores.isna()].eq("excused").sum())
        missing = len(scores) - len(graded) - excused
        counts = [f"{missing} not graded"] * bool(missing) + [f"{excused} excused"] * bool(excused)
        ax.set_title(name + (f" ({', '.join(counts)})" if counts else ""))
        ax.set_xlim(0, 100)
        ax.set_xlabel("Score (%)")
        ax.set_ylabel("Students")
        integer_ticks(ax)
        if graded.empty:
            empty_note(ax, "Not graded yet")
            continue
        heights = histogram_bars(ax, graded, bins, NEUTRAL)
        ax.set_ylim(0, max(heights.max(), 1) * 1.25)  # room for the mean's label
        mean = float(graded.mean())
        ax.axvline(mean, color=DARK, linestyle="--", linewidth=1.2)
        top = blended_transform_factory(ax.transData, ax.transAxes)
        ax.text(mean - 1.5, 0.98, f"mean {score_text(mean)}", transform=top, ha="right", va="top")
    legend_ax = axes[-1]
    legend_ax.axis("off")
    legend_ax.legend(
        handles=[
            Patch(color=NEUTRAL, label="students per 5-point range"),
            Line2D([], [], color=DARK, linestyle="--", label="mean of graded students"),
        ],
        loc="center",
        frameon=False,
        fontsize=10,
    )
    fig.suptitle(f"Component scores ({plural(len(grades), 'student')})")
    return fig


@styled
def letter_counts(letters: pd.Series, policy: Policy) -> Figure:
    """Bar chart of students per letter, in the order of the scale.

    Parameters
    ----------
    letters : pandas.Series
        One letter per student (e.g. ``grades["letter"]``).
    policy : Policy
        Gives the scale: its letters best first, then ``"E"``.

    Returns
    -------
    matplotlib.figure.Figure
        One bar per letter of the scale (zero bars too), its count written on it.
    """
    order = scale_order(policy)
    given = pd.Series(letters, dtype=object)
    counts = given.value_counts().reindex(order, fill_value=0)
    others = int((~given.isin(order)).sum())

    fig = new_figure(8, 4.5)
    ax = fig.subplots()
    bars = ax.bar(order, counts.to_numpy(), color=NEUTRAL)
    ax.bar_label(bars, padding=2)
    ax.margins(y=0.12)
    note = f"; {others} without a letter" if others else ""
    fig.suptitle(f"Students per letter grade ({plural(len(given), 'student')}{note})")
    ax.set_xlabel("Letter grade")
    ax.set_ylabel("Students")
    integer_ticks(ax)
    return fig
