"""The override panel: record one grade change in ``overrides.csv``, then show its effect."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import ipywidgets as widgets
from markupsafe import Markup

from gradelib.errors import GradelibError
from gradelib.load.course import Course
from gradelib.notebook.lookup import PROMPT, student_options
from gradelib.notebook.panel import BUTTON, WIDE, Panel, message_html
from gradelib.policy.model import COMPONENTS
from gradelib.show.explain import student_breakdown
from gradelib.show.html import render


class OverridePanel(Panel):
    """Record a grade change: it goes into ``overrides.csv`` (with reason and time) first.

    After saving, the student's breakdown is shown from the course as read back from the
    files; the other panels show it after the notebook is run again.

    Parameters
    ----------
    course : Course
        The course whose folder holds ``overrides.csv``.
    clock : callable
        Returns now, the time recorded with the override (for tests).
    """

    def __init__(self, course: Course, clock: Callable[[], datetime] = datetime.now) -> None:
        self.course, self.clock = course, clock
        self.options = student_options(course)
        self.student = widgets.Combobox(
            options=list(self.options), placeholder=PROMPT,
            ensure_option=True, description="For student", layout=WIDE,
        )  # fmt: skip
        self.component = widgets.Dropdown(
            options=[(name, key) for key, name in COMPONENTS.items()] + [("Final", "final")],
            description="Component", layout=WIDE,
        )  # fmt: skip
        self.value = widgets.Text(
            placeholder="a percentage, or excused", description="New value", layout=WIDE
        )
        self.reason = widgets.Text(
            placeholder="shown to the student", description="Reason", layout=WIDE
        )
        self.button = widgets.Button(description="Save override", icon="save", layout=BUTTON)
        self.result = widgets.HTML()
        self.button.on_click(lambda _button: self.save())
        super().__init__(
            [self.student, self.component, self.value, self.reason, self.button, self.result]
        )

    def save(self) -> None:
        """Write the override to the file, then show the student's grade read back from it."""
        from gradelib.load.course import check_course
        from gradelib.load.record_override import record_override
        from gradelib.score.grades import score_course

        uniqname = self.options.get(self.student.value)
        if uniqname is None:
            self.result.value = message_html("Choose a student first.", "problem")
            return
        try:
            path = record_override(
                self.course.folder, uniqname, self.component.value, self.value.value,
                self.reason.value, now=self.clock(),
            )  # fmt: skip
        except GradelibError as exc:
            self.result.value = message_html(str(exc), "problem")
            return
        course, problems = check_course(self.course.folder)
        if course is None:
            listed = [str(problem) for problem in problems]
            self.result.value = render("panel_override.html", name=path.name, problems=listed)
            return
        breakdown = Markup(student_breakdown(course, score_course(course), uniqname))
        self.result.value = render(
            "panel_override.html", name=path.name, problems=[], breakdown=breakdown
        )
