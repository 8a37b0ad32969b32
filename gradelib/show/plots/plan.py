"""The term's plan as a picture: which group plays which role at each paper lecture, and
how the group ranked that paper (issue 17)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from gradelib.show.plots._base import LIGHT_GREY, new_figure, plural, styled
from gradelib.show.plots._marks import cell_grid

#: The letter of each role in a cell.
ROLE_LETTERS: Mapping[str, str] = {"presenter": "P", "summarizer": "S", "reviewer": "R"}
#: A cell's class (the image's value is its index) and its colour: the rank of the paper
#: in the group's list (5 and below together), not in the list, or no list at all (a
#: group the staff formed). Blue to orange as the choice gets worse (colour-blind safe).
RANK_CLASSES: tuple[str, ...] = (
    "1st choice", "2nd", "3rd", "4th", "5th or lower", "not ranked", "no list (formed)",
)  # fmt: skip
RANK_COLOURS: tuple[str, ...] = (
    "#0072b2", "#56b4e9", "#009e73", "#f0e442", "#e69f00", "#d55e00", LIGHT_GREY,
)  # fmt: skip
#: Classes whose cells are dark enough for white text.
WHITE_TEXT = {0, 2, 5}
#: Above this many groups the cells carry no text (it would not fit).
MAX_TEXT_GROUPS = 40
#: Characters of a paper title shown beside its date.
TITLE_CHARS = 38


def day_of(value: object) -> date:
    """A date cell (``datetime.date``, Timestamp or ISO text) as a ``datetime.date``."""
    return pd.Timestamp(value).date()


def short_title(title: object) -> str:
    """A paper title cut after a whole word to at most :data:`TITLE_CHARS` characters
    (with an ellipsis)."""
    text = "" if pd.isna(title) else str(title)
    if len(text) <= TITLE_CHARS:
        return text
    cut = text[: TITLE_CHARS - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" :,") + "…"


def rank_class(rank: object, has_list: bool) -> int:
    """The class (index of :data:`RANK_CLASSES`) of an assignment's rank."""
    if pd.isna(rank):
        return 5 if has_list else 6
    return min(int(rank), 5) - 1


def plan_cells(
    schedule: pd.DataFrame, ranks: pd.DataFrame, groups: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The grid behind :func:`plan_grid`: paper lectures × groups.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame, list of str)
        ``classes`` (float: the class of each assignment, NaN where the group has no
        role) and ``labels`` (str: role letter and rank, ``""`` where none), indexed by
        date, columns the groups in name order; and the rows' names (``Sep 05  <title>``).
    """
    lectures = schedule[schedule["presenter"].fillna("").astype(str) != ""].copy()
    lectures["day"] = [day_of(d) for d in lectures["date"]]
    lectures = lectures.sort_values("day")
    group_names = sorted(groups["group"].astype(str).unique())
    formed = groups.get("formed", pd.Series(False, index=groups.index)).fillna(False)
    listless = set(groups.loc[formed.astype(bool), "group"].astype(str))
    rank_of = {(str(r.group), day_of(r.date), str(r.role)): r.rank for r in ranks.itertuples()}
    classes = pd.DataFrame(np.nan, index=lectures["day"], columns=group_names)
    labels = pd.DataFrame("", index=lectures["day"], columns=group_names)
    for lecture in lectures.itertuples():
        for role, letter in ROLE_LETTERS.items():
            group = str(getattr(lecture, role))
            if group not in classes.columns:
                continue
            rank = rank_of.get((group, lecture.day, role), pd.NA)
            classes.loc[lecture.day, group] = rank_class(rank, group not in listless)
            labels.loc[lecture.day, group] = letter + ("" if pd.isna(rank) else str(int(rank)))
    papers = lectures["paper"] if "paper" in lectures else lectures["topic"]
    names = [
        f"{day:%b %d}  {short_title(p)}" for day, p in zip(lectures["day"], papers, strict=True)
    ]
    return classes, labels, names


@styled
def plan_grid(schedule: pd.DataFrame, ranks: pd.DataFrame, groups: pd.DataFrame) -> Figure:
    """Each paper lecture's roles by group, coloured by how the group ranked the paper.

    Parameters
    ----------
    schedule : pandas.DataFrame
        ``Plan.schedule``: ``date``, ``topic``, ``paper``, ``presenter``, ``summarizer``,
        ``reviewer``; a paper lecture is a row with a presenter.
    ranks : pandas.DataFrame
        ``Plan.ranks``: ``group``, ``date``, ``role``, ``rank`` (``<NA>`` when the paper
        is not in the group's list).
    groups : pandas.DataFrame
        ``Plan.groups``: ``group`` (and ``formed``: True for a group the staff formed,
        which has no list).

    Returns
    -------
    matplotlib.figure.Figure
        Rows are the paper lectures by date (``Sep 05  <title>``), columns the groups; a
        cell holds the role's letter (P present, S summarize, R review) and the rank
        (``P1``: presents its first choice; ``S``: a paper it did not rank). The image's
        values are indices of :data:`RANK_CLASSES`, NaN where the group has no role.
    """
    classes, labels, row_names = plan_cells(schedule, ranks, groups)
    rows, columns = classes.shape
    fig = new_figure(max(6.0, 4.0 + 0.42 * columns), 2.2 + 0.3 * max(rows, 1))
    ax = fig.subplots()
    colours = ListedColormap(list(RANK_COLOURS)).with_extremes(bad="white")
    ax.imshow(
        np.ma.masked_invalid(classes.to_numpy(dtype=float)),
        cmap=colours,
        vmin=-0.5,
        vmax=len(RANK_COLOURS) - 0.5,
        aspect="auto",
        interpolation="nearest",
    )
    if columns <= MAX_TEXT_GROUPS:
        for (i, j), text in np.ndenumerate(labels.to_numpy()):
            if text:
                white = int(classes.iat[i, j]) in WHITE_TEXT
                colour = "white" if white else "black"
                ax.text(j, i, text, ha="center", va="center", fontsize=8, color=colour)
    ax.set_xticks(range(columns), list(classes.columns), rotation=90 if columns > 16 else 0)
    ax.set_yticks(range(rows), row_names, fontsize=8)
    cell_grid(ax, columns, rows, colour="#bbbbbb", width=0.5)
    for spine in ax.spines.values():
        spine.set_visible(False)
    tally = pd.Series(classes.to_numpy().ravel()).value_counts()
    handles = [
        Patch(color=colour, label=f"{name} ({int(tally.get(float(k), 0))})")
        for k, (name, colour) in enumerate(zip(RANK_CLASSES, RANK_COLOURS, strict=True))
    ]
    ax.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.01),
        ncols=4,
        frameon=False,
        title="Rank of the paper in the group's list (assignments)",
    )
    fig.suptitle(
        f"The term's plan ({plural(rows, 'paper lecture')}, {plural(columns, 'group')}): "
        "P present, S summarize, R review, with the rank"
    )
    ax.set_xlabel("Group")
    ax.set_ylabel("Paper lecture")
    return fig
