"""The histogram of final scores and letter cut-offs, drawn again in place for a what-if.

:func:`final_histogram` builds the figure and lays it out once; :func:`redraw_finals`
replaces on that same figure what depends on the finals and the cut-offs (the bars, the
cut-off lines and ticks, the letters' counts, the title), so a what-if slider pays for one
drawing of the picture, not for building and laying out a new figure.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import blended_transform_factory, offset_copy

from gradelib.policy.letters import FAIL_LETTER, letters_for
from gradelib.policy.model import Policy
from gradelib.sheets.rounding import round_half_up
from gradelib.show.plots._base import (
    DARK,
    NEUTRAL,
    GradeFigure,
    empty_note,
    freeze_layout,
    integer_ticks,
    new_figure,
    numeric,
    plural,
    point_ticks,
    retitle,
    style,
    styled,
)

CUTOFF_LEGEND = "cut-off: the lowest final for the letter on its right"
#: Room above the tallest bar, a fraction of its height (matplotlib's autoscale margin).
HEADROOM = 0.05

#: Cut-offs (ascending) as (cut-off, letter).
Cuts = list[tuple[float, str]]


def letters_of(rounded: pd.Series, policy: Policy) -> pd.Series:
    """Letters for finals (the one letter rule; NaN gives "")."""
    return letters_for(rounded, policy.letters)


@styled
def final_histogram(
    grades: pd.DataFrame, policy: Policy, *, finals: pd.Series | None = None
) -> GradeFigure:
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
    GradeFigure
        Bars of 1 point (finals rounded half-up to two decimals, as letters are given); a
        dashed line at every cut-off from the lowest score's letter up; above the plot,
        each letter with its number of students, in the middle of its band.
        :func:`redraw_finals` draws other finals or cut-offs on it.
    """
    fig = new_figure(10, 5.5)
    ax = fig.subplots()
    _draw_finals(fig, ax, grades, policy, finals)
    header = offset_copy(ax.transAxes, fig=fig, x=-4, y=6, units="points")
    ax.text(0, 1, "Letter\nStudents", transform=header, ha="right", va="bottom", color=DARK)
    ax.set_xlabel("Final score (%)")
    ax.set_ylabel("Students")
    integer_ticks(ax)
    handles = [
        Patch(color=NEUTRAL, label="students per 1-point range"),
        Line2D([], [], color=DARK, linestyle="--", label=CUTOFF_LEGEND),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
    fig.layout_key = _layout_key(ax)
    return fig


def redraw_finals(
    fig: GradeFigure, grades: pd.DataFrame, policy: Policy, *, finals: pd.Series | None = None
) -> None:
    """Draw other finals or cut-offs on a figure made by :func:`final_histogram`, in place.

    Parameters
    ----------
    fig : GradeFigure
        A figure :func:`final_histogram` returned (and maybe redrawn since).
    grades, policy, finals
        As for :func:`final_histogram`.

    Notes
    -----
    The figure then shows what ``final_histogram(grades, policy, finals=finals)`` would.
    Its layout is kept: only the width of the counts on the y-axis can move the axes
    (the letters' row, the title and the legend keep their sizes), so the figure is laid
    out again only when their widest number has another number of digits.
    """
    with style():
        for artist in fig.redrawn:
            artist.remove()
        ax, title = fig.axes[0], fig.get_suptitle()
        _draw_finals(fig, ax, grades, policy, finals)
        key = _layout_key(ax)
        relaid = key != fig.layout_key
        if relaid:
            fig.set_layout_engine("constrained")
            freeze_layout(fig)
            fig.layout_key = key
        if relaid or title != fig.get_suptitle():
            fig.backdrop = None  # more than the axes changed
        fig.keeps_backdrop = True


def _draw_finals(
    fig: GradeFigure, ax: Axes, grades: pd.DataFrame, policy: Policy, finals: pd.Series | None
) -> None:
    """Everything that depends on the finals and cut-offs, kept in ``fig.redrawn``."""
    values = round_half_up(numeric(grades["final"] if finals is None else finals)).dropna()
    cuts = sorted((float(cut), letter) for letter, cut in policy.letters)
    drawn: list[Artist] = []
    if len(values):
        low, high = math.floor(values.min()), math.floor(values.max()) + 1
        drawn += _bars(ax, values, low, high)
    else:
        low, high = math.floor(cuts[0][0]), math.ceil(cuts[-1][0])
        drawn.append(empty_note(ax, "No final scores"))
        ax.set_ylim(0, 1)
    # Cut-offs from the band holding the lowest score up (lower ones would be empty).
    under = [cut for cut, _ in cuts if len(values) and cut <= values.min()]
    shown = [(cut, letter) for cut, letter in cuts if not under or cut >= max(under)]
    left = min(low, shown[0][0]) - 1
    right = max(high + 1, shown[-1][0] + 3)
    ax.set_xlim(left, right)
    ax.set_xticks([cut for cut, _ in shown], [f"{cut:g}" for cut, _ in shown])
    drawn.append(point_ticks(ax, left, right, [cut for cut, _ in shown]))
    drawn += [_cutoff_line(ax, cut) for cut, _ in shown]
    bands = [(left, shown[0][0], FAIL_LETTER)] if not under else []
    ends = [cut for cut, _ in shown[1:]] + [right]
    bands += [(cut, end, letter) for (cut, letter), end in zip(shown, ends, strict=True)]
    counts = letters_of(values, policy).value_counts()
    above = offset_copy(
        blended_transform_factory(ax.transData, ax.transAxes), fig=fig, y=6, units="points"
    )
    for start, end, letter in bands:
        label = f"{letter}\n{int(counts.get(letter, 0))}"
        drawn.append(
            ax.text((start + end) / 2, 1, label, transform=above, ha="center", va="bottom")
        )
    kind = "What-if final scores" if finals is not None else "Final scores"
    retitle(fig, f"{kind} and letter cut-offs ({plural(len(values), 'student')})")
    fig.redrawn = drawn


def _bars(ax: Axes, values: pd.Series, low: int, high: int) -> list[Rectangle]:
    """Bars of 1 point from ``low`` to ``high``, and the y-axis from 0 to just above them.

    What ``ax.hist(values, bins=range(low, high + 1))`` draws, the same rectangles and
    the limits its autoscaling gives, without updating the data limits bar by bar.
    """
    edges = np.arange(low, high + 1)
    heights, _ = np.histogram(values.to_numpy(dtype=float), bins=edges)
    bars = [
        Rectangle((float(edge), 0.0), 1.0, float(height), facecolor=NEUTRAL, edgecolor="white")
        for edge, height in zip(edges[:-1], heights, strict=True)
    ]
    for bar in bars:
        ax.add_artist(bar)
    ax.set_ylim(0, (1 + HEADROOM) * int(heights.max()))
    return bars


def _cutoff_line(ax: Axes, cut: float) -> Line2D:
    """A dashed line across the axes at ``cut``: ``ax.axvline``'s, without its limit checks."""
    line = Line2D(
        [cut, cut], [0, 1], transform=ax.get_xaxis_transform(which="grid"),
        color=DARK, linestyle="--", linewidth=1,
    )  # fmt: skip
    return ax.add_artist(line)


def _layout_key(ax: Axes) -> int:
    """Digits of the widest count the y-axis labels (what the layout depends on)."""
    top = ax.get_ylim()[1]
    ticks = ax.yaxis.get_major_locator().tick_values(0, top)
    return len(str(int(max(tick for tick in ticks if tick <= top * (1 + 1e-9)))))
