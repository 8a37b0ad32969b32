"""Component and final overrides (SPEC "overrides" and "An override replaces the computed
value it names; its reason appears wherever that value is explained").

An override with a value replaces the component on both bases (status ``overridden``);
``excused`` takes the component out of the student's final and current (status
``excused``); an override of ``final`` sets the final and the current score.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from gradelib.load.course import Course
from gradelib.policy.model import COMPONENTS
from gradelib.sheets.rounding import score_texts
from gradelib.timing import staged


@dataclass(frozen=True)
class Overridden:
    """Component values after the overrides, and what they say.

    Attributes
    ----------
    current, final, status : pandas.DataFrame
        As :class:`gradelib.score.combine.Components` takes them.
    final_override : pandas.Series
        float64 by uniqname: the final set by an override, NaN where none.
    notes : pandas.DataFrame
        ``uniqname``, ``component``, ``note``: what was replaced and why.
    """

    current: pd.DataFrame
    final: pd.DataFrame
    status: pd.DataFrame
    final_override: pd.Series
    notes: pd.DataFrame


@staged("overrides applied")
def apply_overrides(
    course: Course,
    current: pd.DataFrame,
    final: pd.DataFrame,
    status: pd.DataFrame,
    *,
    notes: bool = True,
) -> Overridden:
    """Apply the course's component and final overrides.

    Parameters
    ----------
    course : Course
        For ``course.overrides`` (one row per override, already checked).
    current, final, status : pandas.DataFrame
        Computed values per uniqname (rows) and component (columns).
    notes : bool
        Word the notes; when False, :attr:`Overridden.notes` is empty (the values only).

    Returns
    -------
    Overridden
    """
    overrides = course.overrides
    students = current.index
    keys = current.columns
    on_components = overrides.loc[overrides["component"].isin(list(COMPONENTS))]
    values = on_components.pivot(index="uniqname", columns="component", values="value")
    values = values.reindex(index=students, columns=keys).to_numpy(dtype=float)
    flags = on_components.pivot(index="uniqname", columns="component", values="excused")
    excused = flags.reindex(index=students, columns=keys).eq(True).to_numpy(dtype=bool)
    replaced = ~np.isnan(values) & ~excused

    def overridden(frame: pd.DataFrame) -> pd.DataFrame:
        computed = frame.reindex(columns=keys).to_numpy(dtype=float, na_value=np.nan)
        cells = np.where(excused, np.nan, np.where(replaced, values, computed))
        return pd.DataFrame(cells, index=students, columns=keys).astype("Float64")

    new_current, new_final = overridden(current), overridden(final)
    statuses = status.reindex(columns=keys).astype("string")
    new_status = statuses.mask(replaced, "overridden").mask(excused, "excused")

    on_final = overrides.loc[overrides["component"] == "final"]
    final_override = on_final.set_index("uniqname")["value"].reindex(students).astype(float)
    said = (
        pd.concat(
            [_component_notes(on_components, current), _final_notes(on_final)], ignore_index=True
        )
        if notes
        else pd.DataFrame(columns=["uniqname", "component", "note"])
    )
    return Overridden(new_current, new_final, new_status, final_override, said)


def _component_notes(on_components: pd.DataFrame, computed: pd.DataFrame) -> pd.DataFrame:
    rows = on_components.reset_index(drop=True)
    # The computed value of each overridden cell only, looked up by position.
    student = computed.index.get_indexer(rows["uniqname"])
    column = computed.columns.get_indexer(rows["component"])
    values = computed.to_numpy(dtype=float, na_value=np.nan)
    found = (student >= 0) & (column >= 0)
    was = np.where(found, values[student, column] if len(values) else np.nan, np.nan)
    shown_was = score_texts(pd.Series(was), missing="not graded")
    names = rows["component"].map(COMPONENTS)
    text = np.where(
        rows["excused"].eq(True),
        names + " excused (weights renormalized over the other components): " + rows["reason"],
        names
        + " set to "
        + score_texts(rows["value"])
        + " (computed "
        + shown_was
        + "): "
        + rows["reason"],
    )
    # Object columns, as the notes of the other components are.
    return pd.DataFrame(
        {"uniqname": rows["uniqname"], "component": rows["component"], "note": text}
    ).astype(object)


def _final_notes(on_final: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "uniqname": on_final["uniqname"],
            "component": "final",
            "note": "final set to " + score_texts(on_final["value"]) + ": " + on_final["reason"],
        }
    )
