"""The participation panel: the absence allowance and the sub-weights, tried on everyone.

Moving a slider redraws every student's participation and lists the students whose
score changes; nothing is written (the allowance and sub-weights stay in ``policy.toml``).
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets
import pandas as pd
from markupsafe import Markup

from gradelib.load.course import Course
from gradelib.notebook.common import table_html
from gradelib.notebook.panel import LABEL_STYLE, WIDE, Panel
from gradelib.notebook.sliders import Guard, rebalancer
from gradelib.score.grades import GradeReport
from gradelib.score.whatif import participation_with
from gradelib.show import plots
from gradelib.show.html import render

#: A participation moving less than this (points) is not a change.
UNCHANGED = 0.005


class ParticipationPanel(Panel):
    """Allowance and sub-weight sliders redrawing every student's participation.

    Parameters
    ----------
    course : Course
        Its policy gives the sliders' start.
    report : GradeReport
        The scored course; its participation is the "before" of every change.
    """

    def __init__(self, course: Course, report: GradeReport) -> None:
        self.course, self.report = course, report
        self._guard = Guard()
        policy = course.policy
        self.allowance = widgets.IntSlider(
            value=policy.absence_allowance, min=0, max=10, description="Absence allowance",
            style=LABEL_STYLE, layout=WIDE, continuous_update=False,
        )  # fmt: skip
        self.share_sliders = {
            key: widgets.IntSlider(
                value=int(share), min=0, max=100, description=f"{key} (%)",
                style=LABEL_STYLE, layout=WIDE, continuous_update=False,
            )
            for key, share in policy.participation.items()
        }  # fmt: skip
        self.picture = widgets.Image(format="png", layout=widgets.Layout(width="760px"))
        self.changes = widgets.HTML()
        self.allowance.observe(lambda _change: self.refresh(), names="value")
        for key, slider in self.share_sliders.items():
            slider.observe(self._share_moved(key), names="value")
        super().__init__([self.allowance, *self.share_sliders.values(), self.changes, self.picture])
        self.refresh()

    def shares(self) -> dict[str, int]:
        """The participation sub-weights the sliders show (percent, by part)."""
        return {key: slider.value for key, slider in self.share_sliders.items()}

    def _share_moved(self, key: str) -> Callable[[dict], None]:
        return rebalancer(self.share_sliders, key, self._guard, self.refresh)

    def participation(self) -> pd.Series:
        """Participation (percent, float) by uniqname under the sliders' values."""
        return participation_with(self.report.parts, self.allowance.value, self.shares())

    def refresh(self) -> None:
        """Redraw the participation chart and list the students whose score changes."""
        now = self.participation()
        before = self.report.parts["participation"]
        self.picture.value = plots.figure_png(
            plots.participation_scores(now, title="Participation under these settings")
        )
        changed = (now - before).abs() > UNCHANGED
        table = pd.DataFrame({"before": before[changed], "after": now[changed]})
        table = table.sort_values("after")
        self.changes.value = render(
            "panel_participation.html",
            changed=int(changed.sum()),
            table=Markup(table_html(table, index=True)) if len(table) else "",
        )
