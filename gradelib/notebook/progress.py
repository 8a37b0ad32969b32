"""The term-progress panel: pick an "as of" day, see what is outstanding and the scores then.

Like the other panels of :mod:`gradelib.notebook`, it is an ``ipywidgets.VBox`` of plain
widgets whose values are all there is (HTML widgets for the tables), so a test sets the
date picker in Python and reads the HTML back. The "as of" day is a view parameter only:
nothing is written to the course folder.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import ipywidgets as widgets
import pandas as pd
from markupsafe import Markup

from gradelib.load.course import Course
from gradelib.notebook.panel import LABEL_STYLE, WIDE, Panel, message_html
from gradelib.score.grades import score_course
from gradelib.score.progress import (
    KINDS,
    course_as_of,
    default_as_of,
    outstanding_work,
    progress_summary,
)
from gradelib.show.explain.tables import grades_table
from gradelib.show.html import render

#: Kinds with at most this many rows are shown open; longer lists start collapsed.
OPEN_UP_TO = 10


class ProgressPanel(Panel):
    """What is still ungraded or missing as of a day, and the ``current`` scores then.

    Parameters
    ----------
    course : Course
        A course from :func:`gradelib.load_course`.
    clock : callable, optional
        Returns now (for tests); the default is the time in the course time zone. The
        date picker starts at the last class day on or before today
        (:func:`gradelib.score.progress.default_as_of`).
    limit : int
        At most this many rows are shown per kind; the rest are counted.
    """

    def __init__(
        self,
        course: Course,
        clock: Callable[[], datetime.datetime] | None = None,
        *,
        limit: int = 200,
    ) -> None:
        self.course, self.limit = course, limit
        now = clock() if clock is not None else datetime.datetime.now(course.policy.zone)
        today = now.astimezone(course.policy.zone).date() if now.tzinfo else now.date()
        self.picker = widgets.DatePicker(
            value=default_as_of(course, today), description="As of", style=LABEL_STYLE,
            layout=WIDE,
        )  # fmt: skip
        self.include_project = widgets.Checkbox(
            value=False, description="list project sheets too", indent=False
        )
        self.counts = widgets.HTML()
        self.outstanding = widgets.HTML()
        self.grades = widgets.HTML()
        self.picker.observe(lambda _change: self.refresh(), names="value")
        self.include_project.observe(lambda _change: self.refresh(), names="value")
        super().__init__(
            [
                widgets.HBox([self.picker, self.include_project]),
                self.counts,
                self.outstanding,
                self.grades,
            ]
        )
        self.refresh()

    def refresh(self) -> None:
        """Recompute the outstanding work and the scores for the picked day."""
        as_of = self.picker.value
        if as_of is None:
            self.counts.value = message_html(
                "Pick a day to see the term as of that day.", "paragraph"
            )
            self.outstanding.value = self.grades.value = ""
            return
        frame = outstanding_work(self.course, as_of, include_project=self.include_project.value)
        self.counts.value = counts_table(progress_summary(frame), as_of)
        self.outstanding.value = outstanding_html(frame, self.limit)
        report = score_course(course_as_of(self.course, as_of))
        self.grades.value = render(
            "panel_progress_scores.html",
            as_of=f"{as_of:%Y-%m-%d}",
            grades=Markup(grades_table(report.grades)),
        )


def counts_table(summary: pd.DataFrame, as_of: datetime.date) -> str:
    """The counts per kind as HTML.

    Parameters
    ----------
    summary : pandas.DataFrame
        From :func:`gradelib.score.progress.progress_summary`: ``kind`` and ``count`` (int).
    as_of : datetime.date
        The day counted to.

    Returns
    -------
    str
        HTML; the root carries ``data-as-of`` and ``data-total``, each row ``data-kind`` and
        ``data-count``.
    """
    counts = [(str(kind), str(int(count))) for kind, count in summary.to_numpy()]
    return render(
        "panel_progress_counts.html",
        as_of=f"{as_of:%Y-%m-%d}",
        total=int(summary["count"].sum()),
        rows=[list(pair) for pair in counts],
        row_data=[{"kind": kind, "count": count} for kind, count in counts],
    )


def _text(value: object) -> str:
    """A cell's text: ``""`` for a missing value."""
    return "" if pd.isna(value) else str(value)


def outstanding_html(frame: pd.DataFrame, limit: int = 200) -> str:
    """The outstanding work by kind, each kind in a ``<details>`` (long ones collapsed).

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`gradelib.score.progress.outstanding_work`: ``kind``, ``date``,
        ``group``, ``uniqname``, ``sheet`` and ``detail``.
    limit : int
        At most this many rows are shown per kind; the rest are counted.

    Returns
    -------
    str
        HTML; each kind's ``<details>`` carries ``data-kind``.
    """
    kinds = []
    for kind in KINDS:
        rows = frame.loc[frame["kind"] == kind]
        if rows.empty:
            continue
        shown = rows.head(limit)[["date", "group", "uniqname", "sheet", "detail"]]
        cells = [
            ["" if pd.isna(date) else f"{pd.Timestamp(date):%Y-%m-%d}", _text(group),
             _text(uniqname), _text(sheet), str(detail)]
            for date, group, uniqname, sheet, detail in shown.itertuples(index=False)
        ]  # fmt: skip
        kinds.append(
            {"name": kind, "total": len(rows), "open": len(rows) <= OPEN_UP_TO,
             "rows": cells, "more": len(rows) - len(shown)}
        )  # fmt: skip
    return render("panel_progress_outstanding.html", kinds=kinds, empty=frame.empty)
