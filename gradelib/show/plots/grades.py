"""Figures of final scores, letters and components, and the students near a cut-off."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import blended_transform_factory, offset_copy

from gradelib.policy.letters import FAIL_LETTER, letters_for
from gradelib.policy.model import COMPONENTS, Policy
from gradelib.sheets.rounding import round_half_up, score_text
from gradelib.show.plots._base import (
    DARK,
    NEUTRAL,
    empty_note,
    integer_ticks,
    new_figure,
    numeric,
    plural,
    point_ticks,
    styled,
)

CUTOFF_LEGEND = "cut-off: the lowest final for the letter on its right"


def scale_order(policy: Policy) -> list[str]:
    """The letters of the policy, best first, then ``"E"``."""
    return [letter for letter, _ in policy.letters] + [FAIL_LETTER]


def letters_of(rounded: pd.Series, policy: Policy) -> pd.Series:
    """Letters for finals (the one letter rule; NaN gives "")."""
    return letters_for(rounded, policy.letters)


@styled
def final_histogram(
    grades: pd.DataFrame, policy: Policy, *, finals: pd.Series | None = None
) -> Figure:
    """Histogram of final scores with the letter cut-offs.

    Parameters
    ----------
    grades : pandas.DataFrame
        The grades table (:func:`gradelib.compute_grades`); its ``final`` column is drawn.
    policy : Policy
        Gives the letter cut-offs.
    finals : pandas.Series, optional
        Finals to draw instead of ``grades["final"]`` (a what-if); the title says so.

    Returns
    -------
    matplotlib.figure.Figure
        Bars of 1 point (finals rounded half-up to two decimals, as letters are given); a
        dashed line at every cut-off from the lowest score's letter up; above the plot,
        each letter with its number of students, in the middle of its band.
    """
    what_if = finals is not None
    values = round_half_up(numeric(grades["final"] if finals is None else finals)).dropna()
    letters = letters_of(values, policy)
    counts = letters.value_counts()

    fig = new_figure(10, 5.5)
    ax = fig.subplots()
    cuts = sorted((float(cut), letter) for letter, cut in policy.letters)
    if len(values):
        low, high = math.floor(values.min()), math.floor(values.max()) + 1
        ax.hist(values, bins=np.arange(low, high + 1), color=NEUTRAL, edgecolor="white")
    else:
        low, high = math.floor(cuts[0][0]), math.ceil(cuts[-1][0])
        empty_note(ax, "No final scores")
    # Cut-offs from the band holding the lowest score up (lower ones would be empty).
    under = [cut for cut, _ in cuts if len(values) and cut <= values.min()]
    shown = [(cut, letter) for cut, letter in cuts if not under or cut >= max(under)]
    left = min(low, shown[0][0]) - 1
    right = max(high + 1, shown[-1][0] + 3)
    ax.set_xlim(left, right)
    ax.set_xticks([cut for cut, _ in shown], [f"{cut:g}" for cut, _ in shown])
    point_ticks(ax, left, right, [cut for cut, _ in shown])
    for cut, _ in shown:
        ax.axvline(cut, color=DARK, linestyle="--", linewidth=1)

    above = offset_copy(
        blended_transform_factory(ax.transData, ax.transAxes), fig=fig, y=6, units="points"
    )
    bands = [(left, shown[0][0], FAIL_LETTER)] if not under else []
    ends = [cut for cut, _ in shown[1:]] + [right]
    bands += [(cut, end, letter) for (cut, letter), end in zip(shown, ends, strict=True)]
    for start, end, letter in bands:
        label = f"{letter}\n{int(counts.get(letter, 0))}"
        ax.text((start + end) / 2, 1, label, transform=above, ha="center", va="bottom")
    header = offset_copy(ax.transAxes, fig=fig, x=-4, y=6, units="points")
    ax.text(0, 1, "Letter\nStudents", transform=header, ha="right", va="bottom", color=DARK)

    kind = "What-if final scores" if what_if else "Final scores"
    fig.suptitle(f"{kind} and letter cut-offs ({plural(len(values), 'student')})")
    ax.set_xlabel("Final score (%)")
    ax.set_ylabel("Students")
    integer_ticks(ax)
    handles = [
        Patch(color=NEUTRAL, label="students per 1-point range"),
        Line2D([], [], color=DARK, linestyle="--", label=CUTOFF_LEGEND),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
    return fig


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
        heights, _, _ = ax.hist(graded, bins=bins, color=NEUTRAL, edgecolor="white")
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
