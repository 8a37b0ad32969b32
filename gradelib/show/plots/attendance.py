"""Figures of attendance: who came on which class day, and absences against the allowance."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from gradelib.policy.model import Policy
from gradelib.show.plots._base import (
    BLUE,
    DARK,
    LIGHT_GREY,
    MAX_LABELLED,
    NEUTRAL,
    WARNING,
    by_student,
    date_labels,
    empty_note,
    integer_ticks,
    legend_above,
    new_figure,
    per_student_length,
    plural,
    styled,
)
from gradelib.show.plots._marks import cell_grid, touching_bars

#: Cell values of the attendance heat map's image, and their colours.
STATUS_CODES: Mapping[str, int] = {"present": 0, "absent": 1, "excused": 2}
STATUS_COLOURS: tuple[str, ...] = (LIGHT_GREY, WARNING, BLUE)


@styled
def attendance_heatmap(attendance: pd.DataFrame) -> Figure:
    """Each student's attendance on each class date, as coloured cells.

    Parameters
    ----------
    attendance : pandas.DataFrame
        ``uniqname``, ``date``, ``status`` (present, absent, excused), one row per
        student and date (``GradeReport.attendance``); a missing row counts as absent.

    Returns
    -------
    matplotlib.figure.Figure
        Rows are students (by uniqname), columns dates; the image's values are
        :data:`STATUS_CODES`. Above 80 students the names are left out.

    Raises
    ------
    ValueError
        If a status is none of present, absent, excused.
    """
    status = attendance["status"].astype("string").str.strip().str.lower()
    unknown = sorted(set(status.dropna()) - set(STATUS_CODES))
    if unknown:
        raise ValueError(f"attendance status must be present, absent or excused, not {unknown}")
    codes = (
        attendance.assign(code=status.map(STATUS_CODES).astype(float))
        .pivot_table(index="uniqname", columns="date", values="code", aggfunc="max")
        .sort_index()
        .sort_index(axis=1)
        .fillna(STATUS_CODES["absent"])
    )
    students, dates = codes.index, codes.columns
    labelled = len(students) <= MAX_LABELLED

    fig = new_figure(max(6.0, 2.2 + 0.3 * len(dates)), per_student_length(len(students), 2.4))
    ax = fig.subplots()
    ax.imshow(
        codes.to_numpy(dtype=float),
        cmap=ListedColormap(list(STATUS_COLOURS)),
        vmin=-0.5,
        vmax=len(STATUS_COLOURS) - 0.5,
        aspect="auto",
        interpolation="nearest",
    )
    ax.set_xticks(range(len(dates)), date_labels(dates), rotation=90)
    if labelled:
        ax.set_yticks(range(len(students)), list(students), fontsize=8)
        cell_grid(ax, len(dates), len(students))
    else:
        ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)

    tally = codes.stack().value_counts()
    handles = [
        Patch(color=colour, label=f"{name} ({int(tally.get(code, 0))})")
        for (name, code), colour in zip(STATUS_CODES.items(), STATUS_COLOURS, strict=True)
    ]
    legend_above(ax, handles)
    fig.suptitle(
        f"Attendance by class date ({plural(len(students), 'student')}, "
        f"{plural(len(dates), 'class day')})"
    )
    ax.set_xlabel("Class date")
    ax.set_ylabel("Student (uniqname)" if labelled else f"{len(students)} students, by uniqname")
    return fig


@styled
def absences_chart(parts: pd.DataFrame, policy: Policy) -> Figure:
    """Absences per student against the allowance.

    Parameters
    ----------
    parts : pandas.DataFrame
        ``GradeReport.parts``: indexed by uniqname (or with a ``uniqname`` column), with
        an ``absences`` column (excused days are not absences).
    policy : Policy
        Gives ``absence_allowance``.

    Returns
    -------
    matplotlib.figure.Figure
        One bar per student with at least one absence, most first; bars past the
        allowance line in the warning colour. Above 80 students the bars touch and are
        drawn as one filled outline per colour.
    """
    absences = by_student(parts)["absences"].astype(int)
    absent = absences[absences > 0]
    ranked = absent.sort_index().sort_values(ascending=False, kind="stable")
    allowance = policy.absence_allowance
    labelled = len(ranked) <= MAX_LABELLED

    fig = new_figure(8, per_student_length(len(ranked), 2.6))
    ax = fig.subplots()
    over = ranked.to_numpy() > allowance
    positions = np.arange(len(ranked))
    if labelled:
        colours = np.where(over, WARNING, NEUTRAL)
        bars = ax.barh(positions, ranked.to_numpy(), color=colours, height=0.8)
        ax.set_yticks(positions, list(ranked.index), fontsize=8)
        ax.bar_label(bars, padding=2, fontsize=8)
    else:  # touching bars: one outline per colour, not a patch per student
        past = int(over.sum())  # most first: the bars past the allowance are on top
        for first, values, colour in ((0, ranked.to_numpy()[:past], WARNING),
                                      (past, ranked.to_numpy()[past:], NEUTRAL)):  # fmt: skip
            if len(values):
                touching_bars(ax, values, first, colour, horizontal=True)
        ax.set_yticks([])
    if ranked.empty:
        empty_note(ax, "Nobody was absent")
    ax.set_ylim(max(len(ranked), 1) - 0.5, -0.5)  # most absences at the top
    ax.axvline(allowance, color=DARK, linestyle="--", linewidth=1.2)
    ax.set_xlim(0, max(int(ranked.max()) if len(ranked) else 0, allowance) + 1)
    integer_ticks(ax, "x")
    handles = [
        Patch(color=NEUTRAL, label="within the allowance"),
        Patch(color=WARNING, label="past the allowance (lowers attendance)"),
        Line2D([], [], color=DARK, linestyle="--", label=f"allowance ({allowance})"),
    ]
    legend_above(ax, handles)
    none = len(absences) - len(ranked)
    fig.suptitle(f"Absences per student ({int(over.sum())} past the allowance)")
    ax.set_xlabel(
        "Absences (class days; excused days not counted)\n"
        f"{none} of {plural(len(absences), 'student')} with no absence are not shown"
    )
    ax.set_ylabel("Student (uniqname)" if labelled else f"{len(ranked)} students")
    return fig
