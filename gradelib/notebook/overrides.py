"""The override panel: record, replace or remove one grade change, or excuse a class day.

Every change goes through the workbook session (:meth:`Session.change`): written to the
course's ``overrides.csv`` first (with its reason and time), recorded in the change
history (undo is in :class:`~gradelib.notebook.history.HistoryPanel`), then the course is
read again and re-scored, so every table, picture and panel of the notebook shows it.
Replacing an override asks first.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets
from markupsafe import Markup

from gradelib.errors import GradelibError
from gradelib.load.record_override import (
    OVERRIDES_FILE,
    existing_override,
    record_override,
    remove_override,
)
from gradelib.notebook.lookup import PROMPT, student_options, uniqname_for
from gradelib.notebook.panel import BUTTON, WIDE, Panel, message_html
from gradelib.notebook.session import Session
from gradelib.policy.model import COMPONENTS
from gradelib.show.explain import student_breakdown
from gradelib.show.html import render

#: The value an attendance target is given by "excuse a class day".
EXCUSED = "excused"


def target_options(session: Session) -> list[tuple[str, str]]:
    """The component box's options: the components, the final, then each class day.

    A class day's target is ``attendance:YYYY-MM-DD`` (SPEC, overrides): excusing it
    takes the day out of the student's attendance.
    """
    options = [(name, key) for key, name in COMPONENTS.items()] + [("Final", "final")]
    days = sorted({f"{day:%Y-%m-%d}" for day in session.course.schedule["date"]})
    return options + [(f"Attendance on {day}", f"attendance:{day}") for day in days]


class OverridePanel(Panel):
    """Record, replace or remove a grade change; excuse a student's class day.

    Parameters
    ----------
    session : Session
        The workbook session; every change goes through it (written, recorded, re-scored).
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.student = widgets.Combobox(
            options=list(student_options(session.course)), placeholder=PROMPT,
            ensure_option=False, description="For student", layout=WIDE,
        )  # fmt: skip
        self.component = widgets.Dropdown(
            options=target_options(session), description="Component", layout=WIDE
        )
        self.now = widgets.HTML()
        self.value = widgets.Text(
            placeholder="a percentage, or excused", description="New value", layout=WIDE
        )
        self.reason = widgets.Text(
            placeholder="shown to the student", description="Reason", layout=WIDE
        )
        self.button = widgets.Button(description="Save override", icon="save", layout=BUTTON)
        self.remove_button = widgets.Button(
            description="Remove override", icon="trash", layout=BUTTON, disabled=True
        )
        self.result = widgets.HTML()
        self.replacing: tuple[str, str, str] | None = None
        self.button.on_click(lambda _button: self.save())
        self.remove_button.on_click(lambda _button: self.remove())
        for box in (self.student, self.component, self.value):
            box.observe(lambda _change: self.show_existing(), names="value")
        buttons = widgets.HBox([self.button, self.remove_button])
        fields = [self.student, self.component, self.now, self.value, self.reason]
        super().__init__([*fields, buttons, self.result])
        self.add_class("gl-panel-override")  # for the browser tests

    def chosen(self) -> tuple[str | None, str]:
        """The chosen student's uniqname (``None`` unless the box names exactly one
        student: :func:`~gradelib.notebook.lookup.uniqname_for`) and target."""
        uniqname, _why = uniqname_for(self.session.course, self.student.value)
        return uniqname, self.component.value

    def existing(self) -> dict[str, str] | None:
        """The chosen student's override of the chosen target in the file, if any."""
        uniqname, target = self.chosen()
        return existing_override(self.session.folder, uniqname, target) if uniqname else None

    def show_existing(self) -> None:
        """Say what the file holds for the chosen student and target; arm the buttons."""
        uniqname, target = self.chosen()
        if target.startswith("attendance:") and not self.value.value:
            self.value.value = EXCUSED
        row = self.existing()
        self.remove_button.disabled = row is None
        self.replacing = None
        self.button.description = "Save override"
        self.now.value = render("panel_override_now.html", row=row, chosen=uniqname is not None)

    def save(self) -> None:
        """Write the override (asking first when it replaces one), then re-score."""
        uniqname, target = self.chosen()
        if uniqname is None:
            _none, why = uniqname_for(self.session.course, self.student.value)
            self.result.value = message_html(why, "problem")
            return
        row = self.existing()
        asked = (uniqname, target, self.value.value)
        if row is not None and self.replacing != asked:
            self.replacing = asked
            self.button.description = "Replace override"
            self.result.value = render("panel_override_replace.html", row=row)
            return
        old = row["value"] if row else "none"

        def write() -> None:
            record_override(
                self.session.folder, uniqname, target, self.value.value, self.reason.value,
                now=self.session.clock(),
            )  # fmt: skip

        self._change(uniqname, target, write, old=old, new=self.value.value.strip())

    def remove(self) -> None:
        """Remove the chosen override from the file, then re-score."""
        uniqname, target = self.chosen()
        row = self.existing()
        if uniqname is None or row is None:
            self.result.value = message_html("There is no override to remove.", "problem")
            return

        def write() -> None:
            remove_override(self.session.folder, uniqname, target)

        self._change(uniqname, target, write, old=row["value"], new="none")

    def _change(
        self, uniqname: str, target: str, write: Callable[[], object], *, old: str, new: str
    ) -> None:
        session = self.session
        try:
            session.require_current()
            change = session.change(
                session.folder / OVERRIDES_FILE, write, what=f"{uniqname} {target}",
                old=old, new=new, reason=self.reason.value.strip() or "removed in the workbook",
            )  # fmt: skip
        except GradelibError as exc:
            self.result.value = message_html(str(exc), "problem")
            return
        self.show_existing()
        breakdown = None
        if session.report is not None:
            breakdown = Markup(student_breakdown(session.course, session.report, uniqname))
        self.result.value = render(
            "panel_override.html", path=str(session.folder / OVERRIDES_FILE),
            change=change, problems=[str(p) for p in session.problems if session.stale],
            breakdown=breakdown,
        )  # fmt: skip
