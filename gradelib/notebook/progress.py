"""The term-progress panel: pick an "as of" day, see what is outstanding and the scores then.

Like the panels of :mod:`gradelib.notebook.widgets`, it is an ``ipywidgets.VBox`` of plain
widgets whose values are all there is (HTML widgets for the tables), so a test sets the
date picker in Python and reads the HTML back. The "as of" day is a view parameter only:
nothing is written to the course folder.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import ipywidgets as widgets
import pandas as pd

from gradelib.load.course import Course
from gradelib.notebook.panel import LABEL_STYLE, WIDE, Panel
from gradelib.score.grades import score_course
from gradelib.score.progress import (
    KINDS,
    course_as_of,
    default_as_of,
    outstanding_work,
    progress_summary,
)
from gradelib.show.explain._html import STYLE, _day, _e, _plural, _table
from gradelib.show.explain.tables import grades_table

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
            self.counts.value = "<p>Pick a day to see the term as of that day.</p>"
            self.outstanding.value = self.grades.value = ""
            return
        frame = outstanding_work(self.course, as_of, include_project=self.include_project.value)
        self.counts.value = counts_table(progress_summary(frame), as_of)
        self.outstanding.value = outstanding_html(frame, self.limit)
        report = score_course(course_as_of(self.course, as_of))
        self.grades.value = (
            f'<div class="gl-root" data-as-of="{as_of:%Y-%m-%d}">{STYLE}<h3>Scores as of '
            f"{as_of:%Y-%m-%d}</h3><p>Current renormalizes over the graded components; "
            "final counts what is not graded yet as 0.</p></div>" + grades_table(report.grades)
        )


def counts_table(summary: pd.DataFrame, as_of: datetime.date) -> str:
    """The counts per kind as HTML (each row has ``data-kind`` and ``data-count``)."""
    total = int(summary["count"].sum())
    rows = [[_e(kind), str(int(count))] for kind, count in summary.to_numpy()]
    data = [{"kind": kind, "count": str(int(count))} for kind, count in summary.to_numpy()]
    table = _table(["Still to do", "Count"], rows, numeric=[1], row_data=data)
    return (
        f'<div class="gl-root gl-progress-counts" data-as-of="{as_of:%Y-%m-%d}" '
        f'data-total="{total}">{STYLE}<p><b>{_plural(total, "thing")} outstanding</b> as of '
        f"{as_of:%Y-%m-%d}.</p>{table}</div>"
    )


def outstanding_html(frame: pd.DataFrame, limit: int = 200) -> str:
    """The outstanding work by kind, each kind in a ``<details>`` (long ones collapsed)."""
    if frame.empty:
        return f'<div class="gl-root gl-outstanding">{STYLE}<p>Nothing outstanding.</p></div>'
    out = [f'<div class="gl-root gl-outstanding">{STYLE}']
    for kind in KINDS:
        rows = frame.loc[frame["kind"] == kind]
        if rows.empty:
            continue
        shown = rows.head(limit)
        cells = [
            [
                "" if pd.isna(date) else _e(_day(date)),
                "" if pd.isna(group) else _e(group),
                "" if pd.isna(uniqname) else _e(uniqname),
                "" if pd.isna(sheet) else _e(sheet),
                _e(detail),
            ]
            for date, group, uniqname, sheet, detail in shown[
                ["date", "group", "uniqname", "sheet", "detail"]
            ].itertuples(index=False)
        ]
        more = len(rows) - len(shown)
        opened = " open" if len(rows) <= OPEN_UP_TO else ""
        out.append(
            f'<details data-kind="{_e(kind)}"{opened}><summary>{_e(kind)} ({len(rows)})'
            "</summary>"
            + _table(["Date", "Group", "Student", "Sheet", "Detail"], cells)
            + (f"<p>… and {more} more not shown.</p>" if more else "")
            + "</details>"
        )
    out.append("</div>")
    return "".join(out)
