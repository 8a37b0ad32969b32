"""What every notebook panel shares: the ``Panel`` box, layouts and small HTML pieces.

The panels themselves are in :mod:`gradelib.notebook.widgets` (what-if, lookup, export,
participation, overrides), :mod:`gradelib.notebook.cutoffs`, :mod:`gradelib.notebook.progress`
and :mod:`gradelib.notebook.statements`.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

WIDE = widgets.Layout(width="420px")
BUTTON = widgets.Layout(width="auto")
#: Cell padding for the small tables the panels show.
TABLE_STYLE = "border-collapse:collapse;text-align:center"
CELL = "padding:2px 10px;border-bottom:1px solid #ddd"
LABEL_STYLE = {"description_width": "170px"}


def error_html(exc: Exception) -> str:
    """An error message for a panel's result area (red, line breaks kept)."""
    return f'<pre style="color:#b00;white-space:pre-wrap">{html.escape(str(exc))}</pre>'


class Panel(widgets.VBox):
    """A VBox whose text form is its name only (stable in saved notebook outputs)."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
