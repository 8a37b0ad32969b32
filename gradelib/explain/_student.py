"""One student's rows of every report table, gathered once for the explanation."""

from __future__ import annotations

import pandas as pd

from gradelib.explain._html import _e, _missing, _two
from gradelib.load.course import Course
from gradelib.policy import COMPONENTS
from gradelib.score.grades import GradeReport


class _Student:
    """What the breakdown needs about one student, gathered once."""

    def __init__(self, course: Course, report: GradeReport, key: str) -> None:
        self.course = course
        self.report = report
        self.policy = course.policy
        self.key = key
        self.row = report.grades.set_index("uniqname").loc[key]
        self.parts = report.parts.loc[key]
        self.group = None if _missing(self.row["group"]) else str(self.row["group"])
        if key in report.excused.index:
            self.excused = {k: bool(report.excused.loc[key].get(k, False)) for k in COMPONENTS}
        else:
            self.excused = dict.fromkeys(COMPONENTS, False)
        overrides = course.overrides
        self.overrides = overrides.loc[overrides["uniqname"] == key]
        final_override = report.final_override.get(key, float("nan"))
        self.final_override = None if _missing(final_override) else float(final_override)
        self.weights = {k: float(self.policy.weights[k]) for k in COMPONENTS}
        counted = sum(w for k, w in self.weights.items() if not self.excused[k])
        self.counted_weight = counted
        #: The weight each component carries in this student's final (renormalized).
        self.effective = {
            k: (0.0 if self.excused[k] or counted == 0 else w * 100.0 / counted)
            for k, w in self.weights.items()
        }

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
            "This component is left out of the final; the other weights are renormalized.</p>"
        )
    computed = s.parts.get(f"computed_{component}", float("nan"))
    was = "not graded" if _missing(computed) else _two(computed)
    return (
        f'<p class="gl-override">Override: set to <b>{_two(over["value"])}</b> instead of the '
        f"computed {was}. Reason: {_e(over['reason'])}</p>"
    )


def _section_title(s: _Student, component: str) -> str:
    name = COMPONENTS[component]
    weight = s.weights[component]
    share = f"{_two(weight)} % of the final"
    if s.excused[component]:
        share = f"excused for this student, normally {share}"
    return f"<h3>{_e(name)} <span class='gl-muted'>({share})</span></h3>"
