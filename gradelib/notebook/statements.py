"""A notebook button that writes every student's grade statement into ``out/``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import ipywidgets as widgets

from gradelib.errors import GradelibError
from gradelib.files import default_output
from gradelib.load.course import Course
from gradelib.notebook.panel import BUTTON, Panel, error_html
from gradelib.score.grades import GradeReport
from gradelib.show.html import render
from gradelib.show.statements import StatementsWritten, write_statements


class StatementsPanel(Panel):
    """ "Write grade statements": one HTML file per student and a printable file of all.

    The files go to ``out/statements-<date-time>/`` in the course folder, as
    ``gradelib statements`` writes them; the panel shows where, and links nothing (the
    files hold student grades and stay on this computer).
    """

    def __init__(
        self, course: Course, report: GradeReport, clock: Callable[[], datetime] = datetime.now
    ) -> None:
        self.course, self.report, self.clock = course, report, clock
        self.button = widgets.Button(
            description="Write grade statements", icon="file-text", layout=BUTTON
        )
        self.result = widgets.HTML()
        self.written: StatementsWritten | None = None
        self.button.on_click(lambda _button: self.write())
        super().__init__([widgets.HBox([self.button]), self.result])

    def write(self) -> None:
        """Write the statements of every student and say where they are."""
        folder = default_output(self.course.folder, "statements", self.clock())
        try:
            self.written = write_statements(self.course, self.report, folder)
        except GradelibError as exc:
            self.result.value = error_html(exc)
            return
        self.result.value = render(
            "panel_statements.html",
            count=len(self.written.students),
            folder=str(self.written.folder),
            combined=self.written.combined.name,
        )
