"""The change-history panel: every change the workbook made to the course files, and undo.

The history is the course's ``history/changes.csv`` (:mod:`gradelib.load.history`): each
save of an override, the policy or the cut-offs, with the old and new value, the reason
and the time. "Undo" puts a file back byte for byte as it was before the chosen change,
while the file is still as that change left it, through the workbook session (so the
undo is itself recorded and every panel is redrawn).
"""

from __future__ import annotations

import ipywidgets as widgets

from gradelib.errors import GradelibError
from gradelib.load.history import HISTORY_FOLDER, LOG_FILE, Change, read_changes, undoable
from gradelib.notebook.panel import BUTTON, WIDE, Panel, message_html
from gradelib.notebook.session import Session
from gradelib.show.html import render


def undo_options(session: Session, changes: list[Change]) -> list[tuple[str, int]]:
    """The changes that can be undone now (newest first): each file's last change.

    A change can be undone while its file is exactly as it left it
    (:func:`gradelib.load.history.undoable`).
    """
    latest: dict[str, Change] = {}
    for change in changes:
        latest[change.file] = change
    able = [c for c in latest.values() if undoable(session.folder, c)]
    return [
        (f"{c.number}: {c.what} ({c.old} → {c.new})", c.number)
        for c in sorted(able, key=lambda c: -c.number)
    ]


class HistoryPanel(Panel):
    """The changes made in the workbook, newest first, and an undo button.

    Parameters
    ----------
    session : Session
        The workbook session; the undo goes through it.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.table = widgets.HTML()
        self.choice = widgets.Dropdown(description="Change", layout=WIDE)
        self.button = widgets.Button(description="Undo", icon="undo", layout=BUTTON)
        self.result = widgets.HTML()
        self.button.on_click(lambda _button: self.undo())
        super().__init__([self.table, widgets.HBox([self.choice, self.button]), self.result])
        self.add_class("gl-panel-history")  # for the browser tests
        self.refresh()
        session.on_change(lambda _session: self.refresh())

    def refresh(self) -> None:
        """Redraw the list of changes and the changes that can be undone."""
        try:
            changes = read_changes(self.session.folder)
        except GradelibError as exc:
            self.table.value = message_html(str(exc), "problem")
            changes = []
        else:
            log = self.session.folder / HISTORY_FOLDER / LOG_FILE
            self.table.value = render("panel_history.html", changes=changes[::-1], log=str(log))
        options = undo_options(self.session, changes)
        self.choice.options = options
        self.choice.value = options[0][1] if options else None  # the newest
        self.button.disabled = not options

    def undo(self) -> None:
        """Undo the chosen change, then say what the file holds now."""
        number = self.choice.value
        if number is None:
            return
        try:
            self.session.require_current()
            made = self.session.undo(number)
        except GradelibError as exc:
            self.result.value = message_html(str(exc), "problem")
            return
        self.result.value = message_html(
            f"Undid change {number}: {self.session.folder / made.file} is back as it was "
            f"before it (recorded as change {made.number}). Every table and panel shows it."
        )
