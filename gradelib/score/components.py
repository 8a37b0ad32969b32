"""Group components: Paper Presentation, Paper Summary, Project Report, Project Presentations.

Each is computed per group and shared by every member, on two bases (SPEC "final" and
"current"): the *current* value is over the graded items only (sub-weights renormalized),
as Canvas's current score counts only graded work; the *final* value counts an item not
graded yet as 0. The status says which: ``graded`` (every item), ``partial`` (some),
``ungraded`` (none, or no item scheduled). The notes say which item is missing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gradelib.load.course import Course
from gradelib.policy.model import COMPONENTS, LECTURE_ROLES
from gradelib.score.items import local_text
from gradelib.score.wording import day_text, two_decimals
from gradelib.timing import staged

#: The statuses of a component value (SPEC "current"; ``excused`` and ``overridden`` are
#: set by overrides in :mod:`gradelib.score.overrides`).
STATUSES = ("graded", "partial", "ungraded", "excused", "overridden")


def group_ids(course: Course) -> pd.Index:
    """Every group id, sorted (one sort of the distinct ids, no Python loop)."""
    ids = np.sort(np.asarray(course.groups["group"].unique(), dtype=object))
    return pd.Index(ids, name="group")


def _status(graded: pd.Series, total: pd.Series) -> pd.Series:
    """``graded`` when every item is graded, ``partial`` when some, ``ungraded`` when none."""
    done, some = np.asarray(graded), np.asarray(total)
    words = np.where(
        (done == 0) | (some == 0), "ungraded", np.where(done >= some, "graded", "partial")
    )
    return pd.Series(pd.array(words.astype(object), dtype="string"), index=graded.index)


@staged("group components")
def lecture_component(
    course: Course, items: pd.DataFrame, sheet: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The mean item score over the lectures each group was scheduled for in ``sheet``'s role.

    Returns
    -------
    scores : pandas.DataFrame
        Indexed by group: ``current`` (mean over the graded lectures, NaN when none),
        ``final`` (a lecture not graded yet counts 0; NaN when the group has no lecture
        of this kind) and ``status``.
    notes : pandas.DataFrame
        ``group``, ``component``, ``note``.
    """
    groups = group_ids(course)
    scores, slots = lecture_scores(course.schedule, items, groups, sheet)
    return scores, _with_component(_lecture_notes(course, slots, groups, sheet), sheet)


def lecture_scores(
    schedule: pd.DataFrame, items: pd.DataFrame, groups: pd.Index, sheet: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The scores of :func:`lecture_component` (no notes), and the scheduled lectures.

    Returns
    -------
    scores : pandas.DataFrame
        Indexed by ``groups``: ``current``, ``final`` and ``status``.
    slots : pandas.DataFrame
        :func:`lecture_slots` of ``schedule``.
    """
    slots = lecture_slots(schedule, items, sheet)
    return slot_scores(slots, groups), slots


def lecture_slots(schedule: pd.DataFrame, items: pd.DataFrame, sheet: str) -> pd.DataFrame:
    """One row per lecture of ``schedule`` in ``sheet``'s role (``date``, ``group``), in
    schedule order, with its item from ``items`` (an item of a day not in ``schedule`` is
    not counted)."""
    role = LECTURE_ROLES[sheet]
    slots = schedule.loc[schedule[role].notna(), ["date", role]].rename(columns={role: "group"})
    graded = items.loc[items["sheet"] == sheet]
    return slots.merge(graded, on=["group", "date"], how="left")


def slot_scores(slots: pd.DataFrame, groups: pd.Index) -> pd.DataFrame:
    """Per group of ``groups``: the mean item ``score`` of its ``slots`` over the graded
    ones (``current``) and over all (``final``), and the ``status``."""
    by_group = slots.groupby("group")["score"]
    total = by_group.size().reindex(groups, fill_value=0)
    count = by_group.count().reindex(groups, fill_value=0)
    earned = by_group.sum().reindex(groups, fill_value=0.0)
    return pd.DataFrame(
        {
            "current": earned / count.where(count > 0),
            "final": earned / total.where(total > 0),
            "status": _status(count, total),
        }
    )


def _lecture_notes(
    course: Course, slots: pd.DataFrame, groups: pd.Index, sheet: str
) -> list[pd.DataFrame]:
    """The notes of a lecture component: lectures not graded yet, groups with no lecture,
    and the sheet's timing notes (:func:`_timing_notes`)."""
    name = COMPONENTS[sheet]
    missing = slots.loc[slots["score"].isna()]
    idle = groups.difference(slots["group"])
    return [
        pd.DataFrame(
            {
                "group": missing["group"],
                "note": name + " of " + day_text(missing["date"]) + " is not graded yet",
            }
        ),
        pd.DataFrame({"group": idle, "note": f"{name}: no lecture scheduled for the group"}),
        _timing_notes(course, slots, sheet),
    ]


def _timing_notes(course: Course, slots: pd.DataFrame, sheet: str) -> pd.DataFrame:
    """Summaries submitted after the deadline (not counted), or slides sent late (flagged).

    ``slots`` has one row per scheduled lecture with its item (``late``, ``submitted``,
    ``deadline`` and ``raw_score`` for summaries, ``flagged`` and ``submitted`` for slides).
    """
    policy = course.policy
    if sheet == "summary":
        late = slots.loc[slots["late"].fillna(False).astype(bool)]
        return pd.DataFrame(
            {
                "group": late["group"],
                "note": "summary of "
                + day_text(late["date"])
                + " submitted "
                + local_text(late["submitted"], policy)
                + ", after the deadline "
                + local_text(late["deadline"], policy)
                + ": not counted (scored 0 instead of "
                + two_decimals(late["raw_score"])
                + ")",
            }
        )
    flagged = slots.loc[slots["flagged"].fillna(False).astype(bool)]
    hours = f"{policy.slides_hours_before_class:g}"
    return pd.DataFrame(
        {
            "group": flagged["group"],
            "note": "slides for "
            + day_text(flagged["date"])
            + " sent "
            + local_text(flagged["submitted"], policy)
            + f", less than {hours} hours before class (flagged, not penalized)",
        }
    )


@staged("group components")
def project_component(
    course: Course, items: pd.DataFrame, component: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A project component: the weighted mean of its rubric sheets (policy sub-weights).

    Returns
    -------
    scores : pandas.DataFrame
        Indexed by group: ``current`` (over the graded parts, their sub-weights
        renormalized: the proposal alone while the final report is ungraded; NaN when no
        part is graded), ``final`` (a part not graded yet counts 0) and ``status``.
    parts : pandas.DataFrame
        Group -> each part's score (columns named by sheet).
    notes : pandas.DataFrame
        ``group``, ``component``, ``note``.
    """
    shares = getattr(course.policy, component)
    groups = group_ids(course)
    parts = pd.DataFrame(index=groups)
    for sheet in shares:
        graded = items.loc[items["sheet"] == sheet].set_index("group")["score"]
        parts[sheet] = graded.reindex(groups)
    share = pd.Series(shares, dtype=float)
    graded = parts.notna()
    earned = parts.fillna(0.0).mul(share, axis=1).sum(axis=1)
    graded_share = graded.mul(share, axis=1).sum(axis=1)
    scores = pd.DataFrame(
        {
            "current": earned / graded_share.where(graded.any(axis=1) & (graded_share > 0)),
            "final": earned / share.sum(),
            "status": _status(graded.sum(axis=1), pd.Series(len(shares), index=groups)),
        }
    )
    notes = []
    for sheet in shares:
        absent = parts.index[parts[sheet].isna()]
        label = sheet.replace("_", " ")
        notes.append(pd.DataFrame({"group": absent, "note": f"{label} is not graded yet"}))
    return scores, parts, _with_component(notes, component)


def _with_component(notes: list[pd.DataFrame], component: str) -> pd.DataFrame:
    frame = (
        pd.concat([n for n in notes if len(n)], ignore_index=True)
        if any(len(n) for n in notes)
        else pd.DataFrame(columns=["group", "note"])
    )
    return frame.assign(component=component)[["group", "component", "note"]]
