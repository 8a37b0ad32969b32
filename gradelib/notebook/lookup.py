"""Finding a student: the student box, what it finds, and what gradelib shows of them.

The box takes whatever the GSI types: a uniqname, a surname, a first name, the whole
name or the option label ``"Last, First (uniqname)"``, in any case and with or without
accents. :func:`~gradelib.notebook.find.find_students` is the rule, pure and tested by
hand; the box shows the student when one is found, lists the students to choose from
when several are, and says so with a "Did you mean …?" when none is.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from gradelib.load.course import Course
from gradelib.notebook.find import (
    CLOSE,
    SHOWN,
    Match,
    RosterIndex,
    find_students,
    or_list,
    roster_pairs,
    student_label,
)
from gradelib.notebook.panel import WIDE, Panel, message_html
from gradelib.notebook.session import Session
from gradelib.show.explain import student_days
from gradelib.show.html import render
from gradelib.show.statements import statement_fragment

PROMPT = "Type a name or uniqname"

__all__ = [
    "CLOSE",
    "PROMPT",
    "SHOWN",
    "Match",
    "RosterIndex",
    "StudentPicker",
    "find_students",
    "student_days_lookup",
    "student_label",
    "student_lookup",
    "student_options",
    "uniqname_for",
]


def student_options(course: Course) -> dict[str, str]:
    """The student box's options: ``"Last, First (uniqname)"`` -> uniqname, by name.

    Parameters
    ----------
    course : Course
        Its roster gives the names.

    Returns
    -------
    dict of str to str
        Option label to uniqname, sorted by name, then uniqname.
    """
    roster = course.roster.sort_values(["name", "uniqname"])
    return {student_label(name, uniq): uniq for uniq, name in roster_pairs(roster)}


def uniqname_for(course: Course, text: str) -> tuple[str | None, str]:
    """Typed text as one student, for a panel that writes (strict: exact matches only).

    Parameters
    ----------
    course : Course
        Its roster.
    text : str
        What was typed in the student box.

    Returns
    -------
    (str or None, str)
        The uniqname and ``""`` when the text names exactly one student (uniqname,
        surname, first name, whole name or label); else ``None`` and what to tell the
        GSI (choose a student, which students match, or "Did you mean …?").
    """
    match = find_students(course.roster, text)
    if match.how == "exact" and match.uniqname:
        return match.uniqname, ""
    if match.how == "empty":
        return None, "Choose a student first."
    if match.how == "start":
        return None, f"No student is called “{text.strip()}”. Did you mean {or_list(match.labels)}?"
    return None, match.message()


class StudentPicker(Panel):
    """The student box and what ``render`` makes of the student it finds, kept current.

    Parameters
    ----------
    session : Session
        The workbook session; the student shown is redrawn after every change of it.
    render : callable
        ``render(session, uniqname)`` -> HTML of one student.
    prompt : str
        The box's placeholder.
    """

    def __init__(
        self, session: Session, render: Callable[[Session, str], str], prompt: str = PROMPT
    ) -> None:
        self.session, self.render = session, render
        self.match = Match("", "empty")
        self.search = widgets.Combobox(
            options=self._options(), placeholder=prompt, ensure_option=False,
            description="Student", layout=WIDE,
        )  # fmt: skip
        self.choices = widgets.ToggleButtons(options=(), value=None, style={"button_width": "auto"})
        self.choices.layout.display = "none"
        self.note, self.view = widgets.HTML(), widgets.HTML()
        self.search.observe(lambda change: self.show(change["new"]), names="value")
        self.choices.observe(self._chosen, names="value")
        super().__init__([self.search, self.note, self.choices, self.view])
        session.on_change(lambda _session: self.redraw())

    def _options(self) -> list[str]:
        course = self.session.course
        return list(student_options(course)) if course is not None else []

    def _chosen(self, change: dict) -> None:
        if change["new"]:
            self.search.value = change["new"]

    def show(self, text: str) -> None:
        """Show the student ``text`` names, the students to choose from, or why none."""
        if self.session.stale:
            self.match = Match(text, "none")
            self.note.value, self.view.value = message_html(self.session.stale, "error"), ""
            self._offer(())
            return
        self.match = find_students(self.session.course.roster, text)
        uniqname = self.match.uniqname
        self.view.value = self.render(self.session, uniqname) if uniqname else ""
        self.note.value = render(
            "panel_lookup_match.html", how=self.match.how, message=self.match.message()
        )
        self._offer(() if uniqname else self.match.labels)

    def _offer(self, labels: tuple[str, ...]) -> None:
        """Buttons for the students to choose from (hidden when there are none)."""
        self.choices.options = labels
        self.choices.value = None
        self.choices.layout.display = None if labels else "none"

    def redraw(self) -> None:
        """After a change of the session: the options and the student shown, anew."""
        self.search.options = self._options()
        self.show(self.search.value)


def student_lookup(session: Session) -> StudentPicker:
    """One student's grade statement, as ``gradelib statements`` writes it for them."""
    return StudentPicker(
        session, lambda now, uniqname: statement_fragment(now.course, now.report, uniqname)
    )


def student_days_lookup(session: Session) -> StudentPicker:
    """One student's attendance dates and questions."""
    return StudentPicker(
        session, lambda now, uniqname: student_days(now.course, now.report, uniqname)
    )
