"""One student's rows of every report table, gathered once for the explanation.

Nothing here computes a score: values, statuses, counted weights and points are read
from the graded result (:class:`gradelib.score.grades.GradeReport`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from gradelib.load.course import Course
from gradelib.policy.model import COMPONENTS
from gradelib.score.grades import GradeReport
from gradelib.sheets.rounding import score_text
from gradelib.show.explain._html import _missing


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
    paper : bool
        For a printed statement: no ``<style>`` block (the page has it once), folded
        parts open.
    """

    def __init__(self, course: Course, report: GradeReport, key: str, paper: bool = False):
        self.course = course
        self.report = report
        self.policy = course.policy
        self.key = key
        self.paper = paper
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
    def counted_weight(self) -> float:
        """The weights counted toward the final, added up (the renormalization's
        denominator), as the graded result has it."""
        return float(self.report.components.counted_weight.loc[self.key])

    @property
    def current_weight(self) -> float:
        """The weights counted toward the current score, added up, as the graded
        result has it."""
        return float(self.report.components.current_weight.loc[self.key])

    @property
    def group_text(self) -> str:
        return self.group if self.group is not None else "no group"


def _override(s: _Student, component: str) -> dict[str, Any] | None:
    """The override of a component (``excused``, ``value``, ``was``, ``reason``), if any."""
    over = s.component_override(component)
    if over is None:
        return None
    if bool(over["excused"]):
        return {"excused": True, "reason": str(over["reason"])}
    computed = s.parts.get(f"computed_{component}", float("nan"))
    return {
        "excused": False,
        "value": score_text(over["value"]),
        "was": score_text(computed, missing="not graded"),
        "reason": str(over["reason"]),
    }


def _head(s: _Student, component: str) -> dict[str, Any]:
    """What every component's section starts with (the ``head`` of ``breakdown_parts.html``):
    its name, policy weight, whether it is excused, and its override."""
    return {
        "name": COMPONENTS[component],
        "weight": score_text(s.weights[component]),
        "excused": s.excused[component],
        "override": _override(s, component),
    }
