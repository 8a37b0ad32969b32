"""Figures of participation: questions per lecture, Piazza, and the scores.

Attendance and absences are drawn by :mod:`gradelib.show.plots.attendance`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from gradelib.policy.model import Policy
from gradelib.sheets.rounding import score_text
from gradelib.show.plots._base import (
    BLUE,
    DARK,
    LIGHT_GREY,
    MAX_LABELLED,
    NEUTRAL,
    ORANGE,
    WARNING,
    GradeFigure,
    date_labels,
    empty_note,
    integer_ticks,
    legend_above,
    new_figure,
    numeric,
    per_student_length,
    plural,
    styled,
)
from gradelib.show.plots._marks import touching_bars


@styled
def questions_per_lecture(questions: pd.DataFrame) -> Figure:
    """For each paper lecture, how many students sent a question on time, late, or not.

    Parameters
    ----------
    questions : pandas.DataFrame
        ``GradeReport.questions``: ``uniqname``, ``date``, ``on_time``, ``late`` (only a
        late question came), one row per student asked about a lecture.

    Returns
    -------
    matplotlib.figure.Figure
        Stacked bars per date: on time (bottom), only late, none (top).
    """
    on_time = questions["on_time"].astype(bool)
    late = questions["late"].astype(bool) & ~on_time
    kinds = pd.DataFrame(
        {"on time": on_time, "only late": late, "none": ~on_time & ~late, "date": questions["date"]}
    )
    counts = kinds.groupby("date").sum().sort_index()
    colours = {"on time": BLUE, "only late": ORANGE, "none": LIGHT_GREY}
    names = {"on time": "on time", "only late": "only a late one", "none": "none"}

    fig = new_figure(max(6.0, 2.0 + 0.45 * len(counts)), 5)
    ax = fig.subplots()
    positions = np.arange(len(counts))
    bottom = np.zeros(len(counts))
    for kind, colour in colours.items():
        heights = counts[kind].to_numpy(dtype=float) if len(counts) else bottom
        bars = ax.bar(positions, heights, bottom=bottom, color=colour, width=0.7)
        if kind == "on time":
            ax.bar_label(bars, label_type="center", color="white", fontsize=8)
        bottom = bottom + heights
    if counts.empty:
        empty_note(ax, "No paper lectures")
    ax.set_xticks(positions, date_labels(counts.index), rotation=90)
    integer_ticks(ax)
    handles = [Patch(color=colour, label=names[kind]) for kind, colour in colours.items()]
    legend_above(ax, handles, title="Question sent for the lecture")
    fig.suptitle(f"Questions per paper lecture ({plural(len(counts), 'lecture')})")
    ax.set_xlabel("Paper lecture date")
    ax.set_ylabel("Students (presenting group left out)")
    return fig


@styled
def piazza_contributions(parts: pd.DataFrame, policy: Policy) -> Figure:
    """How many students made each number of Piazza contributions.

    Parameters
    ----------
    parts : pandas.DataFrame
        ``GradeReport.parts``: a ``contributions`` column, optionally ``in_piazza``.
    policy : Policy
        Gives ``piazza_target``, the contributions that earn full credit.

    Returns
    -------
    matplotlib.figure.Figure
        One bar per count (the bar for k spans k to k + 1, labelled k); a line at the
        target: bars right of it have full credit.
    """
    contributions = numeric(parts["contributions"]).fillna(0).astype(int)
    target = policy.piazza_target
    top = max(int(contributions.max()) if len(contributions) else 0, target) + 1
    counts = contributions.value_counts().reindex(range(top), fill_value=0)

    fig = new_figure(9, 4.5)
    ax = fig.subplots()
    values = counts.index.to_numpy()
    colours = np.where(values >= target, NEUTRAL, WARNING)
    ax.bar(values, counts.to_numpy(), width=1, align="edge", color=colours, edgecolor="white")
    ax.axvline(target, color=DARK, linestyle="--", linewidth=1.2)
    step = max(1, int(np.ceil(top / 30)))
    ax.set_xticks(values[::step] + 0.5, [str(v) for v in values[::step]])
    ax.set_xlim(0, top)
    integer_ticks(ax)
    handles = [
        Patch(color=WARNING, label=f"partial credit (below {target})"),
        Patch(color=NEUTRAL, label="full credit"),
        Line2D([], [], color=DARK, linestyle="--", label=f"full credit at {target}"),
    ]
    legend_above(ax, handles)
    note = ""
    if "in_piazza" in parts:
        missing = int((~parts["in_piazza"].astype(bool)).sum())
        note = f"; {missing} not in the Piazza export, counted as 0" if missing else ""
    fig.suptitle(f"Piazza contributions ({plural(len(contributions), 'student')}{note})")
    ax.set_xlabel("Contributions (as counted in the Piazza export)")
    ax.set_ylabel("Students")
    return fig


@styled
def participation_scores(
    participation: pd.Series, *, title: str = "Participation per student"
) -> GradeFigure:
    """Participation scores per student as sorted bars, highest first.

    Parameters
    ----------
    participation : pandas.Series
        Indexed by uniqname, percent (e.g. a what-if recomputation).
    title : str, default "Participation per student"
        The figure title (the student count is added).

    Returns
    -------
    matplotlib.figure.Figure
        One bar per student on a fixed 0–100 axis (so redraws compare), with the mean.
        Above 80 students the bars touch and are drawn as one filled outline.
    """
    ranked, heading = _ranked(participation, title)
    labelled = len(ranked) <= MAX_LABELLED

    fig = new_figure(min(12.0, max(6.0, per_student_length(len(ranked), 1.5))), 5)
    ax = fig.subplots()
    positions = np.arange(len(ranked))
    if labelled:
        ax.bar(positions, ranked.to_numpy(), color=NEUTRAL, width=0.8)
    else:  # touching bars: one outline, not a patch per student
        fig.redrawn["bars"] = [touching_bars(ax, ranked.to_numpy(), 0, NEUTRAL)]
    handles = [Patch(color=NEUTRAL, label="one student")]
    if len(ranked):
        mean = float(ranked.mean())
        fig.redrawn["lines"] = [ax.axhline(mean, color=DARK, linestyle="--", linewidth=1.2)]
        handles.append(
            Line2D([], [], color=DARK, linestyle="--", label=f"mean ({score_text(mean)})")
        )
    else:
        empty_note(ax, "No scores")
    if labelled:
        ax.set_xticks(positions, [str(name) for name in ranked.index], rotation=90, fontsize=8)
    else:
        ax.set_xticks([])
    ax.set_xlim(-0.6, max(len(ranked), 1) - 0.4)
    ax.set_ylim(0, 100)
    legend_above(ax, handles)
    fig.suptitle(heading)
    ax.set_xlabel("Student (uniqname), highest first" if labelled else "Students, highest first")
    ax.set_ylabel("Participation (%)")
    return fig


def redraw_participation(
    fig: GradeFigure, participation: pd.Series, *, title: str = "Participation per student"
) -> bool:
    """Draw other scores on a figure made by :func:`participation_scores`, in place, if it can.

    It can when the figure has touching bars (more than :data:`MAX_LABELLED` students,
    no names) and its title stays (as many students with and without a score): then
    the bars, the mean's line and the legend's mean change, nothing else.

    Parameters
    ----------
    fig : GradeFigure
        A figure :func:`participation_scores` returned (and maybe redrawn since).
    participation, title
        As for :func:`participation_scores`.

    Returns
    -------
    bool
        Whether it was redrawn (if not, make a new figure).
    """
    ranked, heading = _ranked(participation, title)
    bars, lines = fig.redrawn.get("bars"), fig.redrawn.get("lines")
    if not bars or not lines or fig.get_suptitle() != heading:
        return False
    mean = float(ranked.mean())
    bars[0].set_data(values=ranked.to_numpy())
    lines[0].set_ydata([mean, mean])
    fig.axes[0].get_legend().get_texts()[-1].set_text(f"mean ({score_text(mean)})")
    fig.keeps_backdrop = True  # only the axes changed
    return True


def _ranked(participation: pd.Series, title: str) -> tuple[pd.Series, str]:
    """The scores highest first (ties by uniqname), and the figure's title for them."""
    scores = numeric(participation)
    missing = int(scores.isna().sum())
    ranked = scores.dropna().sort_index().sort_values(ascending=False, kind="stable")
    note = f"; {missing} without a score" if missing else ""
    return ranked, f"{title} ({plural(len(ranked), 'student')}{note})"
