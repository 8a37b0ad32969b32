"""Final grades: components combined by weight, overrides applied, letters assigned.

``final = Σ weight × component / 100`` with a missing (ungraded) component counted as
0; ``current`` renormalizes over the graded components, as Canvas's current score
does. A component excused by an override leaves both, and the weights are renormalized
over the rest. The letter comes from the final rounded half-up to two decimals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gradelib.load.course import Course
from gradelib.policy import COMPONENTS, FAIL_LETTER
from gradelib.score.components import lecture_component, project_component
from gradelib.score.items import item_scores
from gradelib.score.notes import participation_notes
from gradelib.score.participation import participation_scores
from gradelib.score.wording import joined_per, two_decimals


@dataclass(frozen=True)
class GradeReport:
    """Everything scoring produced, for tables, plots and statements.

    Attributes
    ----------
    grades : pandas.DataFrame
        One row per student (what :func:`compute_grades` returns).
    parts : pandas.DataFrame
        Indexed by uniqname: the parts behind the components (attendance, questions,
        piazza with their counts; proposal, final_report, midterm_presentation, poster).
    items : pandas.DataFrame
        Every graded rubric item (:func:`gradelib.score.items.item_scores`).
    attendance : pandas.DataFrame
        Each student's status on each attendance date.
    questions : pandas.DataFrame
        Each student's paper lectures and whether an on-time question came.
    notes : pandas.DataFrame
        ``uniqname``, ``component``, ``note``: every adjustment, in plain words.
    excused : pandas.DataFrame
        Indexed by uniqname, one bool column per component: excused by an override.
    final_override : pandas.Series
        Indexed by uniqname: the final set by an override, NaN where none.
    """

    grades: pd.DataFrame
    parts: pd.DataFrame
    items: pd.DataFrame
    attendance: pd.DataFrame
    questions: pd.DataFrame
    notes: pd.DataFrame
    excused: pd.DataFrame
    final_override: pd.Series


def round_half_up(values: pd.Series | np.ndarray | float, decimals: int = 2) -> pd.Series:
    """Round as a person does: halves go up, judged on the decimal value.

    Binary floating point stores 92.995 as 92.99499999999999; rounding the scaled value
    to 6 decimals first recovers the decimal digits, so 92.995 becomes 93.00.

    Examples
    --------
    >>> round_half_up(pd.Series([92.995, 92.994, 89.995, 0.005])).tolist()
    [93.0, 92.99, 90.0, 0.01]
    """
    scale = 10.0**decimals
    scaled = np.round(np.asarray(values, dtype=float) * scale, 6)
    rounded = np.floor(scaled + 0.5) / scale
    return pd.Series(rounded, index=values.index if isinstance(values, pd.Series) else None)


def letters_for(rounded: pd.Series, scale: tuple[tuple[str, float], ...]) -> pd.Series:
    """Letters for finals already rounded to two decimals (cut-offs inclusive).

    ``scale`` is ``Policy.letters``: (letter, lowest final) pairs, highest first; below
    the last cut-off the letter is ``E``; a missing final gets ``""``.
    """
    letters = pd.Series(FAIL_LETTER, index=rounded.index, dtype=object)
    for letter, cutoff in reversed(scale):
        letters[rounded >= cutoff] = letter
    return letters.where(rounded.notna(), "")


def score_course(course: Course) -> GradeReport:
    """Score every student of a course.

    Parameters
    ----------
    course : Course
        A course from :func:`gradelib.load_course`.

    Returns
    -------
    GradeReport
        The grades table and everything behind it.
    """
    policy = course.policy
    students = pd.Index(course.roster["uniqname"], name="uniqname")
    membership = course.group_of.reindex(students)
    items = item_scores(course)
    components = pd.DataFrame(index=students)
    group_notes = []
    project_parts = []
    for sheet in ("presentation", "summary"):
        scores, notes = lecture_component(course, items, sheet)
        components[sheet] = membership.map(scores)
        group_notes.append(notes)
    participation, record, asked = participation_scores(course)
    components["participation"] = participation["participation"]
    for component in ("project_report", "project_presentations"):
        scores, parts, notes = project_component(course, items, component)
        components[component] = membership.map(scores)
        project_parts.append(parts.reindex(membership).set_axis(students))
        group_notes.append(notes)

    notes = [
        pd.concat(group_notes, ignore_index=True).merge(
            membership.reset_index(), on="group", how="inner"
        )[["uniqname", "component", "note"]],
        participation_notes(course, participation, record, asked),
    ]
    computed = components.copy()
    components, excused, final_override, override_notes = _apply_overrides(course, components)
    notes.append(override_notes)

    final, current = combine(components, excused, policy.weights, final_override)

    grades = course.roster.set_index("uniqname")[["name", "section"]].copy()
    grades.insert(0, "group", membership)
    for key in COMPONENTS:
        grades[key] = components[key]
    grades["final"] = round_half_up(final)
    grades["current"] = round_half_up(current)
    grades["letter"] = letters_for(grades["final"], policy.letters)
    all_notes = (
        pd.concat([n for n in notes if len(n)], ignore_index=True)
        if any(len(n) for n in notes)
        else pd.DataFrame(columns=["uniqname", "component", "note"])
    )
    all_notes = _ordered_notes(all_notes, students)
    grades["notes"] = (
        joined_per(all_notes["note"], all_notes["uniqname"], "\n")
        .reindex(students)
        .fillna("")
        .astype(str)
    )
    grades = grades.reset_index()
    parts = pd.concat([participation, *project_parts], axis=1)
    parts = parts.assign(**{f"computed_{k}": computed[k] for k in COMPONENTS})
    return GradeReport(grades, parts, items, record, asked, all_notes, excused, final_override)


def combine(
    components: pd.DataFrame,
    excused: pd.DataFrame,
    weights: Mapping[str, float],
    final_override: pd.Series | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Final and current scores (not rounded) from component scores.

    Parameters
    ----------
    components : pandas.DataFrame
        Percent per student and component, NaN where not graded yet.
    excused : pandas.DataFrame
        True where an override excuses the component (left out, weights renormalized).
    weights : Mapping[str, float]
        Component -> weight.
    final_override : pandas.Series, optional
        A final set by an override (NaN where none); it is both final and current.

    Returns
    -------
    final, current : pandas.Series
        ``final`` counts a missing component as 0; ``current`` renormalizes over the
        graded ones (NaN when none is graded).
    """
    w = pd.Series(weights)[list(components.columns)]
    counted = ~excused
    total_weight = counted.mul(w, axis=1).sum(axis=1)
    earned = components.fillna(0.0).where(counted, 0.0).mul(w, axis=1).sum(axis=1)
    final = earned / total_weight.where(total_weight > 0)
    graded = counted & components.notna()
    graded_weight = graded.mul(w, axis=1).sum(axis=1)
    current = components.where(graded, 0.0).mul(w, axis=1).sum(axis=1) / graded_weight.where(
        graded_weight > 0
    )
    if final_override is not None:
        final = final_override.fillna(final)
        current = final_override.fillna(current)
    return final, current


def _ordered_notes(notes: pd.DataFrame, students: pd.Index) -> pd.DataFrame:
    order = {key: position for position, key in enumerate([*COMPONENTS, "final"])}
    ranked = notes.assign(
        _student=pd.Series(
            pd.Index(students).get_indexer(notes["uniqname"]), index=notes.index
        ).replace(-1, len(students)),
        _component=notes["component"].map(order).fillna(len(order)),
    )
    ranked = ranked.sort_values(["_student", "_component"], kind="stable")
    return ranked[["uniqname", "component", "note"]].reset_index(drop=True)


def _apply_overrides(
    course: Course, components: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series, pd.DataFrame]:
    """Component and final overrides.

    Returns the overridden components, the excused mask, the final override per student
    (NaN where none) and the notes saying what was replaced and why.
    """
    overrides = course.overrides
    students = components.index
    on_components = overrides.loc[overrides["component"].isin(list(COMPONENTS))]
    values = on_components.pivot(index="uniqname", columns="component", values="value")
    excused_flags = on_components.pivot(index="uniqname", columns="component", values="excused")
    values = values.reindex(index=students, columns=list(COMPONENTS))
    excused = excused_flags.reindex(index=students, columns=list(COMPONENTS)).eq(True)
    replaced = values.notna()
    overridden = components.where(~replaced, values)

    was = components.stack(future_stack=True).rename("was")
    rows = on_components.merge(
        was.reset_index().rename(columns={"level_1": "component"}),
        on=["uniqname", "component"],
        how="left",
    )
    shown_was = rows["was"].map(lambda v: "not graded" if pd.isna(v) else f"{v:.2f}")
    names = rows["component"].map(COMPONENTS)
    text = np.where(
        rows["excused"],
        names + " excused (weights renormalized over the other components): " + rows["reason"],
        names
        + " set to "
        + two_decimals(rows["value"])
        + " (computed "
        + shown_was
        + "): "
        + rows["reason"],
    )
    notes = [
        pd.DataFrame({"uniqname": rows["uniqname"], "component": rows["component"], "note": text})
    ]

    on_final = overrides.loc[overrides["component"] == "final"]
    final_override = on_final.set_index("uniqname")["value"].reindex(students)
    notes.append(
        pd.DataFrame(
            {
                "uniqname": on_final["uniqname"],
                "component": "final",
                "note": "final set to "
                + two_decimals(on_final["value"])
                + ": "
                + on_final["reason"],
            }
        )
    )
    return overridden, excused, final_override, pd.concat(notes, ignore_index=True)


def compute_grades(course: Course) -> pd.DataFrame:
    """The grades table: one row per enrolled student.

    Parameters
    ----------
    course : Course
        A course from :func:`gradelib.load_course`.

    Returns
    -------
    pandas.DataFrame
        ``uniqname``, ``group``, ``name``, ``section``, the five component scores
        (percent, NaN where not graded yet), ``final`` and ``current`` (percent, rounded
        half-up to two decimals), ``letter``, and ``notes`` (every adjustment with its
        reason, one per line).
    """
    return score_course(course).grades
