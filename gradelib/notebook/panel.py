"""What every notebook panel shares: the ``Panel`` box, layouts and the panels' HTML.

Each panel is a module of this room (what-if, cut-offs, student lookup, participation,
term progress, export to Canvas and its verify step, statements, overrides); they build
on :class:`Panel` and show HTML only as ``gradelib/show/templates/panel_*.html``
templates rendered by :func:`gradelib.show.html.render` (autoescaped by Jinja2; the
explanations' ``style`` block is a global of every template).
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from gradelib.show.html import render

WIDE = widgets.Layout(width="420px")
BUTTON = widgets.Layout(width="auto")
LABEL_STYLE = {"description_width": "170px"}


def message_html(text: str, tone: str = "plain") -> str:
    """A one-line message: ``tone`` is problem, error, heading, paragraph or plain."""
    return render("panel_message.html", text=text, tone=tone)


def error_html(exc: Exception) -> str:
    """An error message for a panel's result area (red, line breaks kept)."""
    return message_html(str(exc), "error")


def letter_counts_html(
    before: pd.Series, after: pd.Series, *, labels: tuple[str, str], panel: str
) -> str:
    """Students per letter before and after, with the change: the one letter-counts table.

    Parameters
    ----------
    before, after : pandas.Series
        Students per letter (int), indexed by letter; the columns are ``after``'s letters
        in its order, a letter missing from ``before`` counts 0.
    labels : (str, str)
        The names of the two rows, e.g. ``("now", "proposed")``.
    panel : str
        The class of the panel showing it (``gl-cutoffs``, ``gl-whatif``).

    Returns
    -------
    str
        HTML; each cell of the second row carries ``data-letter``, ``data-before`` and
        ``data-after``.
    """
    letters = [
        {"name": letter, "before": int(before.get(letter, 0)), "after": int(count)}
        for letter, count in after.items()
    ]
    return render(
        "panel_letter_counts.html",
        letters=letters,
        before_label=labels[0],
        after_label=labels[1],
        panel=panel,
    )


class Panel(widgets.VBox):
    """A VBox whose text form is its name only (stable in saved notebook outputs)."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
