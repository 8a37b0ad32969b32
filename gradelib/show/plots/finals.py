"""The histogram of final scores and letter cut-offs, drawn again in place for a what-if.

:func:`final_histogram` builds the figure and lays it out once; :func:`redraw_finals`
replaces on that same figure what depends on the finals and the cut-offs (the bars, the
cut-off lines and ticks, the letters' counts, the title), so a what-if slider pays for one
drawing of the picture, not for building and laying out a new figure.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text
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
    retitle,
    style,
    styled,
)
from gradelib.show.plots._marks import point_ticks

CUTOFF_LEGEND = "cut-off: the lowest final for the letter on its right"
#: Room above the tallest bar, a fraction of its height (matplotlib's autoscale margin).
HEADROOM = 0.05

A = TypeVar("A", bound=Artist)


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
    out again only when their widest number has another number of digits. While the
    y-axis stays the same (a cut-off moved, or finals that keep the tallest bar's
    height), :func:`~gradelib.show.plots.figure_png` keeps the pixels of the y-axis (its
    ticks, numbers and label) and draws again only the rest of the axes on them: the
    bars, the x-axis (its ticks are the cut-offs), the cut-off lines and ticks, the texts
    (letters' counts, "Letter / Students") and the spines: the same pixels, as none of
    these touches the y-axis, left of the axes, but the spines, drawn over it both ways.
    """
    with style():
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
        moved = itertools.chain(*fig.redrawn.values(), ax.texts, ax.spines.values())
        fig.moving = [*moved, ax.xaxis]
        fig.still_key = (ax.get_position().bounds, ax.get_ylim())  # what the y-axis shows


def _draw_finals(
    fig: GradeFigure, ax: Axes, grades: pd.DataFrame, policy: Policy, finals: pd.Series | None
) -> None:
    """Everything that depends on the finals and cut-offs, kept in ``fig.redrawn``.

    The artists of a previous drawing (``fig.redrawn``) are given their new places and
    values, not made again; the ones left over are removed.
    """
    old = fig.redrawn
    values = round_half_up(numeric(grades["final"] if finals is None else finals)).dropna()
    cuts = sorted((float(cut), letter) for letter, cut in policy.letters)
    for note in old.get("note", []):
        note.remove()
    notes = []
    if len(values):
        low, high = math.floor(values.min()), math.floor(values.max()) + 1
        bars = _bars(ax, values, low, high, old.get("bars", []))
    else:
        low, high = math.floor(cuts[0][0]), math.ceil(cuts[-1][0])
        bars = _reuse(old.get("bars", []), 0, Rectangle)
        notes.append(empty_note(ax, "No final scores"))
        ax.set_ylim(0, 1)
    # Cut-offs from the band holding the lowest score up (lower ones would be empty).
    under = [cut for cut, _ in cuts if len(values) and cut <= values.min()]
    shown = [cut for cut, _ in cuts if not under or cut >= max(under)]
    left, right = min(low, shown[0]) - 1, max(high + 1, shown[-1] + 3)
    ax.set_xlim(left, right)
    ax.set_xticks(shown, [f"{cut:g}" for cut in shown])
    ticks = [point_ticks(ax, left, right, shown, *old.get("ticks", []))]
    lines = _reuse(old.get("lines", []), len(shown), lambda: _cutoff_line(ax))
    for line, cut in zip(lines, shown, strict=True):
        line.set_xdata([cut, cut])
    counts = letters_of(values, policy).value_counts()
    bands = [(left, shown[0], FAIL_LETTER)] if not under else []
    bands += [
        (cut, end, letter)
        for (cut, letter), end in zip(cuts[-len(shown) :], [*shown[1:], right], strict=True)
    ]
    labels = _reuse(old.get("labels", []), len(bands), lambda: _band_label(fig, ax))
    for label, (start, end, letter) in zip(labels, bands, strict=True):
        label.set_x((start + end) / 2)
        label.set_text(f"{letter}\n{int(counts.get(letter, 0))}")
    kind = "What-if final scores" if finals is not None else "Final scores"
    retitle(fig, f"{kind} and letter cut-offs ({plural(len(values), 'student')})")
    fig.redrawn = {"bars": bars, "note": notes, "ticks": ticks, "lines": lines, "labels": labels}


def _reuse(old: list[A], count: int, make: Callable[[], A]) -> list[A]:
    """``count`` artists: the first of ``old``, then new ones (``make`` adds each to the
    axes); the rest of ``old`` removed from the axes."""
    for artist in old[count:]:
        artist.remove()
    return old[:count] + [make() for _ in range(count - len(old))]


def _bars(
    ax: Axes, values: pd.Series, low: int, high: int, old: list[Rectangle]
) -> list[Rectangle]:
    """Bars of 1 point from ``low`` to ``high``, and the y-axis from 0 to just above them.

    What ``ax.hist(values, bins=range(low, high + 1))`` draws, the same rectangles and
    the limits its autoscaling gives, without updating the data limits bar by bar; the
    rectangles of ``old`` (a previous drawing's) moved first.
    """
    edges = np.arange(low, high + 1)
    heights, _ = np.histogram(values.to_numpy(dtype=float), bins=edges)
    bars = _reuse(old, len(heights), lambda: ax.add_artist(_bar()))
    for bar, edge, height in zip(bars, edges[:-1], heights, strict=True):
        bar.set_x(float(edge))
        bar.set_height(float(height))
    ax.set_ylim(0, (1 + HEADROOM) * int(heights.max()))
    return bars


def _bar() -> Rectangle:
    return Rectangle((0.0, 0.0), 1.0, 0.0, facecolor=NEUTRAL, edgecolor="white")


def _band_label(fig: GradeFigure, ax: Axes) -> Text:
    """A text centred just above the axes, at an x given later (the letter of a band)."""
    above = offset_copy(
        blended_transform_factory(ax.transData, ax.transAxes), fig=fig, y=6, units="points"
    )
    return ax.text(0, 1, "", transform=above, ha="center", va="bottom")


def _cutoff_line(ax: Axes) -> Line2D:
    """A dashed line across the axes (at an x given later): ``ax.axvline``'s, without its
    limit checks."""
    line = Line2D(
        [0, 0], [0, 1], transform=ax.get_xaxis_transform(which="grid"),
        color=DARK, linestyle="--", linewidth=1,
    )  # fmt: skip
    return ax.add_artist(line)


def _layout_key(ax: Axes) -> int:
    """Digits of the widest count the y-axis labels (what the layout depends on)."""
    top = ax.get_ylim()[1]
    ticks = ax.yaxis.get_major_locator().tick_values(0, top)
    return len(str(int(max(tick for tick in ticks if tick <= top * (1 + 1e-9)))))
