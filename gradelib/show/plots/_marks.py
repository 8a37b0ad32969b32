"""Marks drawn the cheap way: what a matplotlib call draws, the same pixels, as fewer or
lighter artists (no per-artist update of the data limits, one line for many ticks).

Each function says which call it stands for; the caller sets the axis limits itself.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import TICKDOWN, Line2D
from matplotlib.patches import Rectangle, StepPatch


def touching_bars(
    ax: Axes, values: Any, first: int, colour: str, *, horizontal: bool = False
) -> StepPatch:
    """Bars of width 1 centred on ``first``, ``first + 1``, … drawn as one filled outline.

    What ``ax.stairs(values, edges, fill=True)`` draws, the same pixels, without its
    scan of every corner for the data limits (thousands of students): the caller sets
    both axis limits itself.
    """
    edges = np.arange(first, first + len(values) + 1) - 0.5
    orientation = "horizontal" if horizontal else "vertical"
    return ax.add_artist(
        StepPatch(values, edges, orientation=orientation, fill=True, facecolor=colour, linewidth=0)
    )


def histogram_bars(ax: Axes, values: Any, edges: Any, colour: str) -> np.ndarray:
    """Bars of the counts of ``values`` between ``edges``; the counts.

    What ``ax.hist(values, bins=edges, color=colour, edgecolor="white")`` draws, the
    same rectangles, without updating the data limits bar by bar: the caller sets both
    axis limits itself.
    """
    heights, _ = np.histogram(np.asarray(values, dtype=float), bins=edges)
    for left, right, height in zip(edges[:-1], edges[1:], heights, strict=True):
        bar = Rectangle(
            (float(left), 0.0), float(right - left), float(height),
            facecolor=colour, edgecolor="white",
        )  # fmt: skip
        ax.add_artist(bar)
    return heights


def point_ticks(
    ax: Axes, left: float, right: float, majors: Sequence[float], marks: Line2D | None = None
) -> Line2D:
    """Minor ticks at every whole number from ``left`` to ``right`` but the major ones.

    What ``ax.xaxis.set_minor_locator(MultipleLocator(1))`` draws for those limits, the
    same pixels, as one line of tick marks: the axis would make a tick object (two marks,
    two labels, a grid line) per point and lay each out at every drawing. ``marks``, a
    line this function returned before, is moved instead of a new one drawn.
    """
    points = np.arange(math.ceil(left), math.floor(right) + 1, dtype=float)
    points = points[~np.isin(points, np.asarray(majors, dtype=float))]
    if marks is None:
        marks = Line2D(
            [], [], transform=ax.get_xaxis_transform(which="tick1"), linestyle="none",
            marker=TICKDOWN, color=matplotlib.rcParams["xtick.color"],
            markersize=matplotlib.rcParams["xtick.minor.size"],
            markeredgewidth=matplotlib.rcParams["xtick.minor.width"], clip_on=False,
            zorder=2.5, in_layout=False,
        )  # fmt: skip
        ax.add_artist(marks)
    marks.set_data(points, np.zeros_like(points))
    return marks


def cell_grid(ax: Axes, columns: int, rows: int, colour: str = "white", width: float = 0.8) -> None:
    """Lines between the cells of an image of ``columns`` × ``rows`` cells.

    What minor ticks at every cell edge with ``ax.grid(which="minor", color=colour,
    linewidth=width)`` and no tick marks draw, the same pixels, as plain lines: the axes
    would make a tick object (two marks, two labels, a grid line) per edge and lay each
    out at every drawing.
    """
    style = {"color": colour, "linewidth": width, "zorder": 1.5}  # the axis's, lines below
    for x in np.arange(columns + 1) - 0.5:
        ax.add_artist(Line2D([x, x], [0, 1], transform=ax.get_xaxis_transform("grid"), **style))
    for y in np.arange(rows + 1) - 0.5:
        ax.add_artist(Line2D([0, 1], [y, y], transform=ax.get_yaxis_transform("grid"), **style))
