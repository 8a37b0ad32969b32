"""Final overrides on their way to Canvas: the ``Override Score`` column, or a stop.

A final set by an override (``overrides`` with component ``final``) is not what Canvas
computes from the component points. It reaches Canvas as the importer's ``Override
Score`` column, which Canvas imports only when the course allows final grade override.
``[canvas] override_score = true`` (the default) writes the column whenever a final
override exists; with ``false`` the export stops, naming every student whose Canvas total
would differ from our final, unless the GSI exports without the overrides on purpose.
"""

from __future__ import annotations

import pandas as pd

from gradelib.errors import ExportError
from gradelib.policy.model import Policy
from gradelib.score.grades import GradeReport
from gradelib.sheets.rounding import score_text, score_texts

#: Where a Canvas course allows final grade override (account feature, then course).
ALLOW_OVERRIDE = (
    "the Canvas course must allow final grade override (Settings › Feature Options › "
    "Final Grade Override, then in the Gradebook: Settings › Advanced › Allow final grade "
    "override), or Canvas skips the column and shows its own total"
)


def override_differences(report: GradeReport) -> list[str]:
    """The students with a final override whose Canvas total would differ from our final.

    Returns
    -------
    list of str
        ``"Adams, Alice (alice): Canvas would show 82.00, our final is 93.00"``.
    """
    grades = report.grades.set_index("uniqname")
    lines = []
    for uniqname, value in report.final_override.dropna().items():
        canvas = score_text(report.computed.at[uniqname, "current"], missing="no total")
        ours = score_text(value)
        if canvas != ours:
            name = grades.at[uniqname, "name"]
            lines.append(f"{name} ({uniqname}): Canvas would show {canvas}, our final is {ours}")
    return lines


def override_column(
    report: GradeReport, policy: Policy, *, without_final_overrides: bool, remedy: str
) -> tuple[bool, list[str]]:
    """Whether the import file gets the ``Override Score`` column, and what to say.

    Parameters
    ----------
    report : GradeReport
        The graded result (its ``final_override``).
    policy : Policy
        ``canvas_override_score``: write the column whenever a final override exists.
    without_final_overrides : bool
        Leave the final overrides out on purpose (Canvas shows its own totals).
    remedy : str
        How the GSI asks for that in the interface they use (a flag, a checkbox).

    Returns
    -------
    (bool, list of str)
        Whether to write the column, and notices (one line each).

    Raises
    ------
    ExportError
        When ``override_score`` is off, a final override exists that Canvas would not
        show, and ``without_final_overrides`` is not set.
    """
    overridden = report.final_override.dropna()
    if overridden.empty:
        return False, []
    differ = override_differences(report)
    if without_final_overrides:
        listing = "".join(f"\n  {line}" for line in differ)
        notice = (
            "notice: written without the final overrides, on purpose; Canvas shows its "
            f"own total, not our final, for {len(differ)} student(s):{listing}"
        )
        return False, [notice] if differ else []
    if policy.canvas_override_score:
        names = report.grades.set_index("uniqname")["name"]
        who = ", ".join(f"{names[u]} ({u})" for u in overridden.index)
        return True, [
            f"notice: the file has an Override Score column with the final override of "
            f"{who}; {ALLOW_OVERRIDE}."
        ]
    if not differ:
        return False, []
    listing = "\n  ".join(differ)
    raise ExportError(
        f"policy.toml has [canvas] override_score = false, but {len(differ)} student(s) "
        f"have a final override that Canvas would not show:\n  {listing}\n"
        'Set override_score = true (the default) to write the "Override Score" column, '
        f"or {remedy}. Nothing was written."
    )


def expected_totals(report: GradeReport, order: pd.Index, with_overrides: bool) -> pd.Series:
    """What Canvas should show for each student: our current score, as text.

    The total Canvas computes from the components is ``report.computed["current"]``; the
    ``Override Score`` replaces it where the file sets one.
    """
    expected = report.computed["current"].reindex(order)
    if with_overrides:
        expected = report.final_override.reindex(order).fillna(expected)
    return score_texts(expected.astype(float), missing="")
