"""The grades table as text, for the terminal."""

from __future__ import annotations

import pandas as pd

from gradelib.policy.model import COMPONENTS
from gradelib.sheets.rounding import score_texts

#: Short column titles for the terminal table.
SHORT_TITLES = {
    "presentation": "present.",
    "summary": "summary",
    "participation": "partic.",
    "project_report": "report",
    "project_presentations": "proj.talks",
}

#: What a component with no number reads as, by its status.
NO_NUMBER = {"excused": "EX", "ungraded": "-"}


def grades_text(grades: pd.DataFrame, *, notes: bool = False) -> str:
    """The grades table aligned for reading: scores with two decimals, ``-`` when missing.

    Each component shows its current value (rounded half-up by
    :func:`gradelib.sheets.rounding.score_texts`), ``EX`` when excused and ``-`` when
    nothing of it is graded yet, as its ``<key>_status`` column says.

    Parameters
    ----------
    grades : pandas.DataFrame
        :func:`gradelib.compute_grades` output.
    notes : bool
        Add each student's notes under their row.
    """
    columns = ["uniqname", "name", "group", *COMPONENTS, "final", "current", "letter"]
    shown = grades[columns].copy()
    for column in [*COMPONENTS, "final", "current"]:
        text = score_texts(grades[column], missing="-").astype(object)
        status = f"{column}_status"
        if status in grades:
            marks = grades[status].astype(object).map(NO_NUMBER)
            text = marks.where(marks.notna(), text)
        shown[column] = text
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
