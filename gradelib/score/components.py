"""Group components: Paper Presentation, Paper Summary, Project Report, Project Presentations.

Each is computed per group and shared by every member. A component whose items are not
all graded yet is missing (NaN); the notes say which item is missing.
"""

from __future__ import annotations

import pandas as pd

from gradelib.load.course import Course
from gradelib.policy import COMPONENTS
from gradelib.score.items import local_text
from gradelib.score.wording import day_text, two_decimals

LECTURE_ROLES = {"presentation": "presenter", "summary": "summarizer"}


def lecture_component(
    course: Course, items: pd.DataFrame, sheet: str
) -> tuple[pd.Series, pd.DataFrame]:
    """The mean item score over the lectures each group was scheduled for in ``sheet``'s role.

    Returns
    -------
    scores : pandas.Series
        Group -> score, NaN where a scheduled lecture is not graded yet or the group has
        no scheduled lecture of this kind.
    notes : pandas.DataFrame
        ``group``, ``component``, ``note``.
    """
    role = LECTURE_ROLES[sheet]
    schedule = course.schedule
    slots = schedule.loc[schedule[role].notna(), ["date", role]].rename(columns={role: "group"})
    graded = items.loc[items["sheet"] == sheet]
    slots = slots.merge(graded, on=["group", "date"], how="left")
    groups = pd.Index(sorted(course.groups["group"].unique()), name="group")
    by_group = slots.groupby("group")
    complete = by_group["score"].count() == by_group["score"].size()
    scores = by_group["score"].mean().where(complete).reindex(groups)

    name = COMPONENTS[sheet]
    notes = []
    missing = slots.loc[slots["score"].isna()]
    notes.append(
        pd.DataFrame(
            {
                "group": missing["group"],
                "note": name + " of " + day_text(missing["date"]) + " is not graded yet",
            }
        )
    )
    idle = groups.difference(slots["group"])
    notes.append(
        pd.DataFrame({"group": idle, "note": f"{name}: no lecture scheduled for the group"})
    )
    if sheet == "summary":
        late = slots.loc[slots["late"].fillna(False).astype(bool)]
        notes.append(
            pd.DataFrame(
                {
                    "group": late["group"],
                    "note": "summary of "
                    + day_text(late["date"])
                    + " submitted "
                    + local_text(late["submitted"], course.policy)
                    + ", after the deadline "
                    + local_text(late["deadline"], course.policy)
                    + ": not counted (scored 0 instead of "
                    + two_decimals(late["raw_score"])
                    + ")",
                }
            )
        )
    else:
        flagged = slots.loc[slots["flagged"].fillna(False).astype(bool)]
        hours = f"{course.policy.slides_hours_before_class:g}"
        notes.append(
            pd.DataFrame(
                {
                    "group": flagged["group"],
                    "note": "slides for "
                    + day_text(flagged["date"])
                    + " sent "
                    + local_text(flagged["submitted"], course.policy)
                    + f", less than {hours} hours before class (flagged, not penalized)",
                }
            )
        )
    return scores, _with_component(notes, sheet)


def project_component(
    course: Course, items: pd.DataFrame, component: str
) -> tuple[pd.Series, pd.DataFrame, pd.DataFrame]:
    """A project component: the weighted mean of its rubric sheets (policy sub-weights).

    Returns
    -------
    scores : pandas.Series
        Group -> score, NaN when any part is not graded yet.
    parts : pandas.DataFrame
        Group -> each part's score (columns named by sheet).
    notes : pandas.DataFrame
        ``group``, ``component``, ``note``.
    """
    shares = getattr(course.policy, component)
    groups = pd.Index(sorted(course.groups["group"].unique()), name="group")
    parts = pd.DataFrame(index=groups)
    for sheet in shares:
        graded = items.loc[items["sheet"] == sheet].set_index("group")["score"]
        parts[sheet] = graded.reindex(groups)
    weighted = sum(parts[sheet] * share for sheet, share in shares.items()) / 100.0
    scores = weighted.where(parts.notna().all(axis=1))
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
