"""The export panel: write the file Canvas imports, then verify what Canvas shows after."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from markupsafe import Markup

from gradelib.errors import GradelibError
from gradelib.files import default_output
from gradelib.load.course import Course
from gradelib.notebook.common import table_html
from gradelib.notebook.panel import BUTTON, Panel, error_html
from gradelib.notebook.verify import VerifyStep
from gradelib.show.html import render

#: Rows of the written file shown below the messages.
PREVIEW_ROWS = 5


class ExportPanel(Panel):
    """A button that writes the Canvas import file into the course's ``out/`` folder.

    It calls :func:`gradelib.export.to_canvas.export_to_canvas`, as ``gradelib export``
    does, and shows the same messages: warnings, notices, the grading scheme to enter in
    Canvas and the check of the file as read back, then the first rows. Below, ``verify``
    (:class:`gradelib.notebook.verify.VerifyStep`) checks the export downloaded after the
    import.

    Parameters
    ----------
    course : Course
        The course exported.
    clock : callable
        Returns now, which names the file (for tests).
    """

    ALLOW_DELETIONS = "allow deleting scores Canvas has"
    WITHOUT_OVERRIDES = "leave the final overrides out"

    def __init__(self, course: Course, clock: Callable[[], datetime] = datetime.now) -> None:
        self.course, self.clock = course, clock
        self.button = widgets.Button(description="Export to Canvas", icon="upload", layout=BUTTON)
        self.allow_deletions = widgets.Checkbox(
            value=False, description=self.ALLOW_DELETIONS, indent=False
        )
        self.without_overrides = widgets.Checkbox(
            value=False, description=self.WITHOUT_OVERRIDES, indent=False
        )
        self.result = widgets.HTML()
        self.written: Path | None = None
        self.button.on_click(lambda _button: self.export())
        options = widgets.HBox([self.button, self.allow_deletions, self.without_overrides])
        self.verify = VerifyStep(course)  # the last step: after the import, verify
        super().__init__([options, self.result, self.verify])

    def export(self) -> None:
        """Write ``out/canvas-import-<date-time>.csv``, then show what the export says."""
        from gradelib.export.to_canvas import Remedies, export_to_canvas

        remedies = Remedies(
            overwrite="export again a second later (each export gets a new name)",
            allow_deletions=f"tick “{self.ALLOW_DELETIONS}” to delete them on purpose",
            without_final_overrides=f"tick “{self.WITHOUT_OVERRIDES}” to do so on purpose",
        )
        out = default_output(self.course.folder, "canvas-import", self.clock(), ".csv")
        try:
            result = export_to_canvas(
                self.course, out, allow_deletions=self.allow_deletions.value,
                without_final_overrides=self.without_overrides.value, remedies=remedies,
            )  # fmt: skip
        except GradelibError as exc:
            self.result.value = error_html(exc)
            return
        self.written = result.path
        rows = list(result.file.rows[:PREVIEW_ROWS])
        preview = pd.DataFrame(rows, columns=list(result.file.header))
        self.result.value = render(
            "panel_to_canvas.html", path=str(result.path), students=len(result.file.rows),
            ok=result.ok, messages=result.messages(), preview=Markup(table_html(preview)),
        )  # fmt: skip
