"""The export panel's last step: verify what students see in Canvas after the import.

Once the import file is uploaded (Grades › Import), the GSI downloads the gradebook export
again (Grades › Export › Export Entire Gradebook), gives its path and presses "Verify
the Canvas export": :func:`gradelib.export.verify_canvas.verify_canvas` compares it with
the grades, and the panel shows the result as a short table, one row per likely cause
with the students it explains (the same lines ``gradelib verify-canvas`` prints).

It compares with the workbook session's grades as they are when the button is pressed
(:class:`gradelib.notebook.session.Session`): course files changed on disk since the last
reading are read first (:meth:`Session.ensure_current`; the page is redrawn and the
result says so), and after every change a comparison on screen is made again against the
new grades.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
from markupsafe import Markup

from gradelib.errors import GradelibError
from gradelib.export.verify_canvas import Verification, verify_canvas
from gradelib.load.course import Course
from gradelib.notebook.panel import BUTTON, WIDE, Panel, error_html, message_html
from gradelib.notebook.session import Session
from gradelib.notebook.tables import readable_table
from gradelib.show.html import render

PROMPT = (
    "After the import: in Canvas, Grades › Export › Export Entire Gradebook, then give "
    "the downloaded file to check what students see against these grades."
)


def export_path(text: str, course: Course) -> Path:
    """The export a path box names: as typed, or inside the course folder when a relative
    path is not found from the notebook's folder."""
    path = Path(text.strip()).expanduser()
    if not path.is_absolute() and not path.exists() and (course.folder / path).exists():
        return course.folder / path
    return path


def verification_html(result: Verification) -> str:
    """The result as the panel shows it: a summary line, the causes table, the scheme.

    Parameters
    ----------
    result : Verification
        From :func:`verify_canvas`.

    Returns
    -------
    str
        HTML; its first ``<p>`` carries ``data-ok`` (``true`` / ``false``).
    """
    causes = Markup(readable_table(result.table())) if result.causes else ""
    return render(
        "panel_verify.html",
        ok=result.ok,
        compared=len(result.students),
        disagreeing=len(result.disagreeing),
        causes=causes,
        extra=[*(f"note: {note}" for note in result.notes), *result.scheme],
    )


class VerifyStep(Panel):
    """A path box and a "Verify the Canvas export" button; the result below them.

    Parameters
    ----------
    session : Session
        The workbook session: the comparison is with ``session.course`` as it is when
        the button is pressed, and is made again after every change.
    """

    def __init__(self, session: Session) -> None:
        """The step for ``session``; nothing is read until the button is pressed."""
        self.session = session
        self.path = widgets.Text(
            placeholder="the Canvas export downloaded after the import (.csv)",
            description="Canvas export",
            layout=WIDE,
        )
        self.button = widgets.Button(
            description="Verify the Canvas export", icon="check", layout=BUTTON
        )
        self.result = widgets.HTML()
        self.verification: Verification | None = None
        self.button.on_click(lambda _button: self.verify())
        session.on_change(lambda _session: self.compare() if self.verification else None)
        prompt = widgets.HTML(message_html(PROMPT, "paragraph"))
        super().__init__([prompt, widgets.HBox([self.path, self.button]), self.result])

    def verify(self) -> None:
        """Compare the export the path box names with the grades as they are now.

        Course files changed on disk are read first (the comparison is then with them,
        and the result says so): verifying writes nothing, so it need not stop.
        """
        changed = self.session.ensure_current()
        self.compare()
        if changed:
            note = (
                f"Read again first: {', '.join(changed)} changed on disk; this is the "
                "comparison with the files as they are now."
            )
            self.result.value = message_html(note, "paragraph") + self.result.value

    def compare(self) -> None:
        """Compare the export the path box names with ``session.course``; show the result."""
        self.verification = None
        course = self.session.course
        if course is None:
            self.result.value = message_html(self.session.stale or "", "error")
            return
        if not self.path.value.strip():
            self.result.value = error_html(ValueError("Give the path of the Canvas export."))
            return
        try:
            self.verification = verify_canvas(
                course, export_path(self.path.value, course), report=self.session.report
            )
        except GradelibError as exc:
            self.result.value = error_html(exc)
            return
        self.result.value = verification_html(self.verification)
