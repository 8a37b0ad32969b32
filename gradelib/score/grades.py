"""Final grades: components combined by weight, overrides applied, letters assigned.

:func:`score_course` returns the one graded result (:class:`GradeReport`) from which
every output is rendered: tables, CSV files, notes, statements, notebook panels and the
Canvas import file read their numbers from it and format them with
:func:`gradelib.sheets.rounding.score_text`; nothing is recomputed for display.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gradelib.load.course import Course
from gradelib.policy.letters import letters_for
from gradelib.policy.model import COMPONENTS
from gradelib.score.combine import Components, Sums
from gradelib.score.components import lecture_component, project_component
from gradelib.score.items import item_scores
from gradelib.score.notes import participation_notes
from gradelib.score.overrides import Overridden, apply_overrides
from gradelib.score.participation import participation_scores
from gradelib.score.records import Records, attendance_frame, question_frame
from gradelib.score.wording import joined_per
from gradelib.sheets.rounding import round_half_up
from gradelib.timing import staged

__all__ = ["GradeReport", "compute_grades", "grade_columns", "letters_for", "round_half_up"]


def grade_columns() -> dict[str, str]:
    """The grades frame's columns and their dtypes, in order (pinned by a test).

    Each component key holds the component's current value (percent over its graded
    items; ``<NA>`` when excused or not graded yet) and ``<key>_status`` says which
    (``graded``, ``partial``, ``ungraded``, ``excused``, ``overridden``).
    """
    columns = {"uniqname": "string", "group": "string", "name": "string", "section": "string"}
    for key in COMPONENTS:
        columns[key] = "Float64"
        columns[f"{key}_status"] = "string"
    columns.update(final="Float64", current="Float64", letter="string", notes="string")
    return columns


@dataclass(frozen=True)
class GradeReport:
    """Everything scoring produced, for tables, plots, statements and the Canvas file.

    Attributes
    ----------
    grades : pandas.DataFrame
        One row per student (what :func:`compute_grades` returns; columns and dtypes in
        :func:`grade_columns`). ``final`` and ``current`` are percent rounded half-up to
        two decimals (after a final override); ``letter`` comes from ``final``.
    components : Components
        Per student and component: current and final values, status, counted weight and
        points toward the final.
    computed : pandas.DataFrame
        Indexed by uniqname: ``final`` and ``current`` (float64 percent, rounded) as
        computed, before any final override (what Canvas's own total comes to).
    parts : pandas.DataFrame
        Indexed by uniqname: the parts behind the components (attendance, questions,
        piazza with their counts; proposal, final_report, midterm_presentation, poster),
        and ``computed_<key>``: each component's current value before overrides.
    items : pandas.DataFrame
        Every graded rubric item (:func:`gradelib.score.items.item_scores`).
    records : Records
        The attendance and question records (grids of codes) the participation scores
        count; :attr:`attendance` and :attr:`questions` show them as frames.
    notes : pandas.DataFrame
        ``uniqname``, ``component``, ``note``: every adjustment, in plain words.
    final_override : pandas.Series
        float64 by uniqname: the final set by an override, NaN where none.
    """

    grades: pd.DataFrame
    components: Components
    computed: pd.DataFrame
    parts: pd.DataFrame
    items: pd.DataFrame
    records: Records
    notes: pd.DataFrame
    final_override: pd.Series

    @functools.cached_property
    def attendance(self) -> pd.DataFrame:
        """Each student's status on each attendance date
        (:func:`gradelib.score.records.attendance_frame`), made when first asked for."""
        return attendance_frame(self.records.attendance)

    @functools.cached_property
    def questions(self) -> pd.DataFrame:
        """Each student's paper lectures and whether an on-time question came
        (:func:`gradelib.score.records.question_frame`), made when first asked for."""
        return question_frame(self.records.questions)

    @property
    def excused(self) -> pd.DataFrame:
        """Indexed by uniqname, one bool column per component: excused by an override."""
        return self.components.excused


def _computed_components(course: Course, students: pd.Index, membership: pd.Series):
    """Component values before overrides: (frames, parts, items, records, notes), the
    frames being current, final and status."""
    items = item_scores(course)
    group_scores, group_notes, project_parts = {}, [], []
    participation, records = participation_scores(course)
    for key in COMPONENTS:
        if key == "participation":
            continue
        if key in ("presentation", "summary"):
            group_scores[key], notes = lecture_component(course, items, key)
        else:
            group_scores[key], parts, notes = project_component(course, items, key)
            project_parts.append(parts.reindex(membership).set_axis(students))
        group_notes.append(notes)
    frames = component_frames(students, membership, participation, group_scores)
    notes = [
        pd.concat(group_notes, ignore_index=True).merge(
            membership.reset_index(), on="group", how="inner"
        )[["uniqname", "component", "note"]],
        participation_notes(course, participation, records),
    ]
    parts = pd.concat([participation, *project_parts], axis=1)
    return frames, parts, items, records, notes


def component_frames(
    students: pd.Index,
    membership: pd.Series,
    participation: pd.DataFrame,
    group_scores: dict[str, pd.DataFrame],
) -> dict[str, pd.DataFrame]:
    """Each student's component values before overrides: ``current``, ``final`` and
    ``status`` frames (students × components), a group component read from the group's
    scores in ``group_scores`` (by key), participation from its ``participation`` column."""
    names = ("current", "final", "status")
    columns: dict[str, dict[str, object]] = {name: {} for name in names}
    groups = membership.to_numpy(dtype=object)
    for key in COMPONENTS:
        if key == "participation":
            scores = participation["participation"].reindex(students).to_numpy(dtype=float)
            for name, value in zip(names, (scores, scores, "graded"), strict=True):
                columns[name][key] = value
            continue
        by_group = group_scores[key]
        rows = by_group.index.get_indexer(groups)  # -1: no group, no value
        for name in names:
            missing = np.nan if name != "status" else "ungraded"
            values = np.append(by_group[name].to_numpy(dtype=object), missing)[rows]
            columns[name][key] = values if name == "status" else values.astype(float)
    frames = {name: pd.DataFrame(columns[name], index=students) for name in names}
    frames["status"] = frames["status"].fillna("ungraded").astype("string")
    return frames


def graded(
    course: Course, membership: pd.Series, frames: dict[str, pd.DataFrame], *, notes: bool = True
) -> tuple[Overridden, Sums, Components, pd.DataFrame]:
    """Overrides applied and the components combined: (overridden, sums, components,
    grades), ``grades`` indexed by uniqname with every grades column but ``notes``.

    ``notes`` False leaves the overrides' notes out (:func:`apply_overrides`).
    """
    policy = course.policy
    over = apply_overrides(
        course, frames["current"], frames["final"], frames["status"], notes=notes
    )
    sums = Sums(over.current, over.final, over.status, policy.weights)
    components = sums.components(over.status)
    final, current = sums.totals(over.final_override)
    grades = course.roster.set_index("uniqname")[["name", "section"]].copy()
    grades.insert(0, "group", membership)
    for key in COMPONENTS:
        grades[key] = components.current[key]
        grades[f"{key}_status"] = components.status[key]
    grades["final"] = round_half_up(final)
    grades["current"] = round_half_up(current)
    grades["letter"] = letters_for(grades["final"], policy.letters)
    return over, sums, components, grades


@staged("scoring, rest")
def score_course(course: Course) -> GradeReport:
    """Score every student of a course: the one graded result every output shows.

    The rules are the syllabus's, as README's *How grades are computed* states them:
    rubric items, the five components weighted by ``policy.toml``'s ``[weights]``,
    overrides, ``final`` and ``current`` rounded half-up to two decimals
    (:func:`gradelib.sheets.rounding.round_half_up`), letters from ``[letters]``.

    Parameters
    ----------
    course : Course
        A course from :func:`gradelib.load_course`.

    Returns
    -------
    GradeReport
        The grades table (``grades``, as :func:`compute_grades`) and everything behind
        it: components, parts, items, attendance, questions, notes, final overrides.

    Examples
    --------
    >>> import gradelib
    >>> report = score_course(gradelib.load_course("data/sample"))
    >>> report.components.of("karanb")
                           current   final  status  weight  points
    component
    presentation              89.0    89.0  graded    15.0   13.35
    summary                   77.5    77.5  graded    15.0  11.625
    participation           96.875  96.875  graded    10.0  9.6875
    project_report          85.375  85.375  graded    40.0   34.15
    project_presentations    86.25   86.25  graded    20.0   17.25
    >>> print(report.grades.loc[0, "notes"])
    slides for 2024-10-03 sent 2024-10-03 01:45 EDT, less than 24 hours before class
    (flagged, not penalized)
    on-time questions for 14 of 16 paper lectures — late: 2024-08-29 — none: 2024-11-21
    """
    students = pd.Index(course.roster["uniqname"], name="uniqname")
    membership = course.group_of.reindex(students)
    frames, parts, items, records, notes = _computed_components(course, students, membership)
    over, sums, components, grades = graded(course, membership, frames)
    notes.append(over.notes)
    plain_final, plain_current = sums.totals()
    computed = pd.DataFrame(
        {"final": round_half_up(plain_final), "current": round_half_up(plain_current)}
    )
    all_notes = (
        pd.concat([n for n in notes if len(n)], ignore_index=True)
        if any(len(n) for n in notes)
        else pd.DataFrame(columns=["uniqname", "component", "note"])
    )
    all_notes = _ordered_notes(all_notes, students)
    grades["notes"] = (
        joined_per(all_notes["note"], all_notes["uniqname"], "\n").reindex(students).fillna("")
    )
    grades = grades.reset_index().astype(grade_columns())
    parts = parts.assign(**{f"computed_{k}": frames["current"][k] for k in COMPONENTS})
    return GradeReport(
        grades,
        components,
        computed,
        parts,
        items,
        records,
        all_notes,
        over.final_override,
    )


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


def compute_grades(course: Course) -> pd.DataFrame:
    """The grades table: one row per enrolled student.

    Parameters
    ----------
    course : Course
        A course from :func:`gradelib.load_course`.

    Returns
    -------
    pandas.DataFrame
        One row per student, columns and dtypes as :func:`grade_columns` lists them:
        ``uniqname``, ``group``, ``name``, ``section``; each component's current value
        (Float64 percent, ``<NA>`` when excused or not graded yet) with its status
        beside it; ``final`` and ``current`` (Float64 percent, rounded half-up to two
        decimals; ``current`` is ``<NA>`` before anything is graded), ``letter`` and
        ``notes`` (every adjustment with its reason, one per line).

    Examples
    --------
    >>> import gradelib
    >>> grades = compute_grades(gradelib.load_course("data/sample"))
    >>> grades.shape
    (40, 18)
    >>> grades[["uniqname", "final", "current", "letter"]].head(3)
       uniqname  final  current letter
    0    karanb  86.06    86.06      B
    1  nbianchi  85.15    85.15      B
    2  ibcastil  77.44    77.44     C+
    """
    return score_course(course).grades
