"""Figures of participation: attendance, absences, questions, Piazza, the scores."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
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
    by_student,
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
        ax.set_xticks(np.arange(len(dates) + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(len(students) + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="white", linewidth=0.8)
        ax.tick_params(which="minor", length=0)
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
        allowance line in the warning colour.
    """
    absences = by_student(parts)["absences"].astype(int)
    absent = absences[absences > 0]
    ranked = absent.sort_index().sort_values(ascending=False, kind="stable")
    allowance = policy.absence_allowance
    labelled = len(ranked) <= MAX_LABELLED

    fig = new_figure(8, per_student_length(len(ranked), 2.6))
    ax = fig.subplots()
    over = ranked.to_numpy() > allowance
    colours = np.where(over, WARNING, NEUTRAL)
    positions = np.arange(len(ranked))
    bars = ax.barh(positions, ranked.to_numpy(), color=colours, height=0.8 if labelled else 1.0)
    if labelled:
        ax.set_yticks(positions, list(ranked.index), fontsize=8)
        ax.bar_label(bars, padding=2, fontsize=8)
    else:
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
) -> Figure:
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
    """
    scores = numeric(participation)
    missing = int(scores.isna().sum())
    ranked = scores.dropna().sort_index().sort_values(ascending=False, kind="stable")
    labelled = len(ranked) <= MAX_LABELLED

    fig = new_figure(min(12.0, max(6.0, per_student_length(len(ranked), 1.5))), 5)
    ax = fig.subplots()
    positions = np.arange(len(ranked))
    ax.bar(positions, ranked.to_numpy(), color=NEUTRAL, width=0.8 if labelled else 1.0)
    handles = [Patch(color=NEUTRAL, label="one student")]
    if len(ranked):
        mean = float(ranked.mean())
        ax.axhline(mean, color=DARK, linestyle="--", linewidth=1.2)
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
    note = f"; {missing} without a score" if missing else ""
    fig.suptitle(f"{title} ({plural(len(ranked), 'student')}{note})")
    ax.set_xlabel("Student (uniqname), highest first" if labelled else "Students, highest first")
    ax.set_ylabel("Participation (%)")
    return fig
