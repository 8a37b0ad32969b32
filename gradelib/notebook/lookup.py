"""Student lookup: a searchable student box and what gradelib shows of that student."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from gradelib.load.course import Course
from gradelib.notebook.panel import WIDE, Panel
from gradelib.score.grades import GradeReport
from gradelib.show.explain import student_days
from gradelib.show.statements import statement_fragment

PROMPT = "Type a name or uniqname"


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
    return {f"{name} ({uniq})": uniq for uniq, name in roster[["uniqname", "name"]].to_numpy()}


class StudentPicker(Panel):
    """A searchable student box and an HTML view of what ``render`` makes of the student."""

    def __init__(self, course: Course, render: Callable[[str], str], prompt: str) -> None:
        self.options = student_options(course)
        self.render = render
        self.search = widgets.Combobox(
            options=list(self.options), placeholder=prompt, ensure_option=True,
            description="Student", layout=WIDE,
        )  # fmt: skip
        self.view = widgets.HTML()
        self.search.observe(lambda change: self.show(change["new"]), names="value")
        super().__init__([self.search, self.view])

    def show(self, label: str) -> None:
        """Show the student of an option label (nothing for an unknown label)."""
        uniqname = self.options.get(label)
        self.view.value = self.render(uniqname) if uniqname else ""


def student_lookup(course: Course, report: GradeReport) -> StudentPicker:
    """One student's grade statement, as ``gradelib statements`` writes it for them."""
    return StudentPicker(
        course, lambda uniqname: statement_fragment(course, report, uniqname), PROMPT
    )


def student_days_lookup(course: Course, report: GradeReport) -> StudentPicker:
    """One student's attendance dates and questions."""
    return StudentPicker(course, lambda uniqname: student_days(course, report, uniqname), PROMPT)
