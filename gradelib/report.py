"""The grades table as text, for the terminal."""

from __future__ import annotations

import pandas as pd

from gradelib.policy import COMPONENTS

#: Short column titles for the terminal table.
SHORT_TITLES = {
    "presentation": "present.",
    "summary": "summary",
    "participation": "partic.",
    "project_report": "report",
    "project_presentations": "proj.talks",
}


def grades_text(
    grades: pd.DataFrame, *, notes: bool = False, excused: pd.DataFrame | None = None
) -> str:
    """The grades table aligned for reading: scores with two decimals, ``-`` when missing.

    Parameters
    ----------
    grades : pandas.DataFrame
        :func:`gradelib.compute_grades` output.
    notes : bool
        Add each student's notes under their row.
    excused : pandas.DataFrame, optional
        ``GradeReport.excused``: excused components are shown as ``EX``.
    """
    columns = ["uniqname", "name", "group", *COMPONENTS, "final", "current", "letter"]
    shown = grades[columns].copy()
    for column in [*COMPONENTS, "final", "current"]:
        shown[column] = shown[column].map(lambda v: "-" if pd.isna(v) else f"{v:.2f}")
    if excused is not None:
        flags = excused.reindex(grades["uniqname"]).fillna(False).astype(bool)
        for key in COMPONENTS:
            shown.loc[flags[key].to_numpy(), key] = "EX"
    shown = shown.rename(columns=SHORT_TITLES)
    lines = shown.to_string(index=False, justify="right").splitlines()
    if not notes:
        return "\n".join(lines)
    out = [lines[0]]
    for line, note in zip(lines[1:], grades["notes"], strict=True):
        out.append(line)
        if note:
            out.extend(f"      - {part}" for part in note.splitlines())
    return "\n".join(out)
