"""The export panel: write the file Canvas imports, then verify what Canvas shows after.

It exports the workbook session's course as it is when the button is pressed
(:class:`gradelib.notebook.session.Session`): after an override is saved in another
panel the file has the new grades, and a course file changed on disk behind the
notebook's back stops the export until the GSI has seen the new result
(:meth:`Session.require_current`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from markupsafe import Markup

from gradelib.errors import GradelibError
from gradelib.export.remedies import Remedies
from gradelib.export.result import ExportResult
from gradelib.export.unchanged import EXPORT_STEM, Unchanged, latest_export
from gradelib.files import default_output
from gradelib.notebook.panel import BUTTON, Panel, error_html, message_html
from gradelib.notebook.session import Session
from gradelib.notebook.tables import readable_table
from gradelib.notebook.verify import VerifyStep
from gradelib.show.html import render

#: Rows of the written file shown below the messages.
PREVIEW_ROWS = 5
#: The panel's checkboxes: the words its messages use for the command line's flags.
ALLOW_DELETIONS = "allow deleting scores Canvas has"
WITHOUT_OVERRIDES = "leave the final overrides out"


def panel_remedies() -> Remedies:
    """How the export's errors tell the GSI to ask for something on purpose in this panel:
    its checkboxes, never the command line's flags (:mod:`gradelib.export.remedies`)."""
    return Remedies(
        overwrite="export again a second later (each export gets a new name)",
        allow_deletions=f"tick “{ALLOW_DELETIONS}” to delete them on purpose",
        without_final_overrides=f"tick “{WITHOUT_OVERRIDES}” to do so on purpose",
    )


def result_html(result: ExportResult) -> str:
    """What an export wrote and said, as ``gradelib export`` prints it: the file (students,
    mode), each component's Canvas column (reused or new), the messages (warnings,
    notices, the grading scheme, the canvas-check and totals check), then the first rows.

    Returns
    -------
    str
        HTML; the messages' ``<pre>`` carries ``data-ok``, each column line
        ``data-reused`` (``true`` / ``false``).
    """
    reused = set(result.file.reused.values())
    columns = [
        {"line": line, "reused": header in reused}
        for line, header in zip(result.column_lines(), result.file.columns.values(), strict=True)
    ]
    preview = pd.DataFrame(list(result.file.rows[:PREVIEW_ROWS]), columns=list(result.file.header))
    return render(
        "panel_to_canvas.html",
        path=str(result.path),
        students=len(result.file.rows),
        mode="percent" if result.percent_mode else "points",
        reused=len(reused),
        new=len(columns) - len(reused),
        columns=columns,
        ok=result.ok,
        messages=result.messages(),
        preview=Markup(readable_table(preview)),
    )


class StageBar:
    """A tqdm bar (``tqdm.auto``: a widget in JupyterLab) over the stages of an export.

    Parameters
    ----------
    output : ipywidgets.Output
        Where the bar is drawn; it goes away when closed (``leave=False``).
    """

    def __init__(self, output: widgets.Output) -> None:
        from tqdm.auto import tqdm

        from gradelib.export.to_canvas import STAGES

        self.output = output
        with output:
            self.bar = tqdm(total=len(STAGES), desc="export", unit="stage", leave=False)
        self.started = 0

    def stage(self, name: str) -> None:
        """A stage starts: the ones before it are done."""
        with self.output:
            self.bar.update(1 if self.started else 0)
            self.bar.set_description(f"export: {name}")
        self.started += 1

    def close(self) -> None:
        """The export ended (written, refused or failed): the bar goes."""
        with self.output:
            self.bar.close()
        self.output.clear_output()


class ExportPanel(Panel):
    """A button that writes the Canvas import file into the course's ``out/`` folder.

    It calls :func:`gradelib.export.to_canvas.export_to_canvas`, as ``gradelib export``
    does, with the session's course and graded result as they are when it is pressed,
    and shows what the command line prints: the file, the Canvas columns reused and new,
    warnings, notices, the grading scheme to enter in Canvas and the check of the file as
    read back, then the first rows. A file that would hold the same bytes as the last
    export in ``out/`` is not written again (:mod:`gradelib.export.unchanged`). After a
    change of the grades, the panel says its last export no longer matches them. Below,
    ``verify`` (:class:`gradelib.notebook.verify.VerifyStep`) checks the export downloaded
    after the import.

    Parameters
    ----------
    session : Session
        The workbook session.
    clock : callable, optional
        Returns now, which names the file (for tests); the session's clock by default.
    """

    ALLOW_DELETIONS = ALLOW_DELETIONS
    WITHOUT_OVERRIDES = WITHOUT_OVERRIDES

    def __init__(self, session: Session, clock: Callable[[], datetime] | None = None) -> None:
        self.session, self.clock = session, clock or session.clock
        self.button = widgets.Button(description="Export to Canvas", icon="upload", layout=BUTTON)
        self.allow_deletions = widgets.Checkbox(
            value=False, description=ALLOW_DELETIONS, indent=False
        )
        self.without_overrides = widgets.Checkbox(
            value=False, description=WITHOUT_OVERRIDES, indent=False
        )
        self.notice = widgets.HTML()
        self.progress = widgets.Output()
        self.result = widgets.HTML()
        #: The file this panel last wrote; ``shown``: the one its result speaks of.
        self.written: Path | None = None
        self.shown: tuple[Path, int] | None = None  # (file, session version then)
        self.button.on_click(lambda _button: self.export())
        session.on_change(lambda _session: self.grades_changed())
        options = widgets.HBox([self.button, self.allow_deletions, self.without_overrides])
        self.verify = VerifyStep(session)  # the last step: after the import, verify
        super().__init__([options, self.progress, self.notice, self.result, self.verify])

    def export(self) -> None:
        """Write ``out/canvas-import-<date-time>.csv``, then show what the export says."""
        from gradelib.export.to_canvas import export_to_canvas

        self.notice.value = ""
        bar = StageBar(self.progress)
        try:
            self.session.require_current()  # nothing written from files not yet seen
            course = self.session.course
            assert course is not None  # require_current() raised otherwise
            out = default_output(course.folder, EXPORT_STEM, self.clock(), ".csv")
            result = export_to_canvas(
                course, out, allow_deletions=self.allow_deletions.value,
                without_final_overrides=self.without_overrides.value,
                remedies=panel_remedies(), report=self.session.report,
                previous=latest_export(course.folder), stage=bar.stage,
            )  # fmt: skip
        except Unchanged as same:
            bar.close()
            self.shown = (same.previous, self.session.version)
            self.result.value = message_html(str(same), "paragraph")
            return
        except GradelibError as exc:
            bar.close()
            self.result.value = error_html(exc)
            return
        bar.close()
        self.written = result.path
        self.shown = (result.path, self.session.version)
        self.result.value = result_html(result)

    def grades_changed(self) -> None:
        """After a change of the grades: the file shown no longer matches them."""
        if self.shown is None or self.shown[1] == self.session.version:
            return
        self.notice.value = message_html(
            f"The grades changed after {self.shown[0].name} was written: it no longer "
            "matches them. Export again before uploading.",
            "error",
        )
