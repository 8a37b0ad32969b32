"""A notebook button that writes every student's grade statement into ``out/``.

It writes the workbook session's grades as they are when it is pressed
(:class:`gradelib.notebook.session.Session`): after an override is saved in another panel
the statements have the new final, and a course file changed on disk behind the
notebook's back stops it until the GSI has seen the new result
(:meth:`Session.require_current`). A class of 2,000 takes minutes: a tqdm bar
(``tqdm.auto``: a widget in JupyterLab) shows the progress below the button.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

import ipywidgets as widgets

from gradelib.errors import GradelibError
from gradelib.files import default_output
from gradelib.notebook.panel import BUTTON, Panel, error_html, message_html
from gradelib.notebook.session import Session
from gradelib.show.html import render
from gradelib.show.statements import Progress, StatementsWritten, write_statements


def progress_bar(output: widgets.Output, description: str) -> Progress:
    """A :data:`gradelib.show.statements.Progress` that shows a tqdm bar in ``output``.

    ``tqdm.auto`` draws an ipywidgets bar in JupyterLab (a text bar on standard error
    elsewhere); it is closed when the loop ends (``leave=False``), so only the result
    stays on the page.
    """

    def wrap(items: Iterable[Any], total: int) -> Iterator[Any]:
        from tqdm.auto import tqdm

        with output:
            yield from tqdm(items, total=total, desc=description, unit="student", leave=False)

    return wrap


class StatementsPanel(Panel):
    """ "Write grade statements": one HTML file per student and a printable file of all.

    The files go to ``out/statements-<date-time>/`` in the course folder, as
    ``gradelib statements`` writes them; the panel shows where, and links nothing (the
    files hold student grades and stay on this computer). After a change of the grades,
    it says that the statements it wrote no longer match them.

    Parameters
    ----------
    session : Session
        The workbook session.
    clock : callable, optional
        Returns now, which names the folder (for tests); the session's clock by default.
    """

    def __init__(self, session: Session, clock: Callable[[], datetime] | None = None) -> None:
        self.session, self.clock = session, clock or session.clock
        self.button = widgets.Button(
            description="Write grade statements", icon="file-text", layout=BUTTON
        )
        self.progress = widgets.Output()
        self.notice = widgets.HTML()
        self.result = widgets.HTML()
        self.written: StatementsWritten | None = None
        self.version = 0  # the session's version the statements were written from
        self.button.on_click(lambda _button: self.write())
        session.on_change(lambda _session: self.grades_changed())
        children = [widgets.HBox([self.button]), self.progress, self.notice, self.result]
        super().__init__(children)

    def write(self) -> None:
        """Write the statements of every student and say where they are."""
        self.notice.value = ""
        try:
            self.session.require_current()  # nothing written from files not yet seen
        except GradelibError as exc:
            self.result.value = error_html(exc)
            return
        course, report = self.session.course, self.session.report
        assert course is not None and report is not None  # require_current() raised
        folder = default_output(course.folder, "statements", self.clock())
        if folder.exists():  # pressed twice within a second: never over the first
            self.result.value = message_html(
                f"{folder} was written a moment ago; press again in a second (each run "
                "gets a folder of its own).",
                "error",
            )
            return
        bar = progress_bar(self.progress, "grade statements")
        try:
            self.written = write_statements(course, report, folder, progress=bar)
        except GradelibError as exc:
            self.result.value = error_html(exc)
            return
        self.version = self.session.version
        self.result.value = render(
            "panel_statements.html",
            count=len(self.written.students),
            folder=str(self.written.folder),
            combined=self.written.combined.name,
        )

    def grades_changed(self) -> None:
        """After a change of the grades: the statements written no longer match them."""
        if self.written is None or self.version == self.session.version:
            return
        self.notice.value = message_html(
            f"The grades changed after the statements in {self.written.folder.name} were "
            "written: they no longer match them. Write them again before handing any out.",
            "error",
        )
