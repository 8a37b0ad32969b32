"""One student's rows of every report table, gathered once for the explanation.

Nothing here computes a score: values, statuses, counted weights and points are read
from the graded result (:class:`gradelib.score.grades.GradeReport`).
"""

from __future__ import annotations

import pandas as pd

from gradelib.load.course import Course
from gradelib.policy.model import COMPONENTS
from gradelib.score.grades import GradeReport
from gradelib.sheets.rounding import score_text
from gradelib.show.explain._html import _e, _missing


class _Student:
    """What the breakdown needs about one student, gathered once.

    Attributes
    ----------
    row : pandas.Series
        The student's row of the grades frame.
    parts : pandas.Series
        The parts behind the components (``report.parts``).
    components : pandas.DataFrame
        ``report.components.of(key)``: per component ``current``, ``final``, ``status``,
        ``weight`` (counted) and ``points`` toward the final.
    computed : pandas.Series
        ``final`` and ``current`` before a final override (``report.computed``).
    status, excused : dict
        Component -> its status, and whether it is excused.
    weights : dict
        Component -> its weight in the policy (before any renormalization).
    """

    def __init__(self, course: Course, report: GradeReport, key: str) -> None:
        self.course = course
        self.report = report
        self.policy = course.policy
        self.key = key
        self.row = report.grades.set_index("uniqname").loc[key]
        self.parts = report.parts.loc[key]
        self.components = report.components.of(key)
        self.computed = report.computed.loc[key]
        self.group = None if _missing(self.row["group"]) else str(self.row["group"])
        self.status = {k: str(self.components.at[k, "status"]) for k in COMPONENTS}
        self.excused = {k: self.status[k] == "excused" for k in COMPONENTS}
        overrides = course.overrides
        self.overrides = overrides.loc[overrides["uniqname"] == key]
        final_override = report.final_override.get(key, float("nan"))
        self.final_override = None if _missing(final_override) else float(final_override)
        self.weights = {k: float(self.policy.weights[k]) for k in COMPONENTS}

    def value(self, component: str, basis: str) -> object:
        """The component's value on ``basis`` (``current`` or ``final``); ``<NA>`` if none."""
        return self.components.at[component, basis]

    def component_override(self, component: str) -> pd.Series | None:
        rows = self.overrides.loc[self.overrides["component"] == component]
        return None if rows.empty else rows.iloc[-1]

    @property
    def group_text(self) -> str:
        return self.group if self.group is not None else "no group"


def _override_paragraph(s: _Student, component: str) -> str:
    over = s.component_override(component)
    if over is None:
        return ""
    if bool(over["excused"]):
        return (
            f'<p class="gl-override">Override: <b>excused</b>. Reason: {_e(over["reason"])}. '
            "This component is left out of the final and the current score; the other "
            "weights are renormalized.</p>"
        )
    computed = s.parts.get(f"computed_{component}", float("nan"))
    was = score_text(computed, missing="not graded")
    return (
        f'<p class="gl-override">Override: set to <b>{score_text(over["value"])}</b> instead '
        f"of the computed {was}. Reason: {_e(over['reason'])}</p>"
    )


def _section_title(s: _Student, component: str) -> str:
    name = COMPONENTS[component]
    share = f"{score_text(s.weights[component])} % of the final"
    if s.excused[component]:
        share = f"excused for this student, normally {share}"
    return f"<h3>{_e(name)} <span class='gl-muted'>({share})</span></h3>"


def _excused_paragraph(s: _Student, component: str) -> str:
    """What an excused component's section says instead of its items: no number."""
    return (
        f"<p>{_e(COMPONENTS[component])} is <b>excused</b> for this student: it counts in "
        "neither the final nor the current score, so no score is shown for it.</p>"
        + _override_paragraph(s, component)
    )
