"""The term-progress panel: pick an "as of" day, see what is still to do and the scores then.

Like the other panels of :mod:`gradelib.notebook`, it is an ``ipywidgets.VBox`` of plain
widgets whose values are all there is (HTML widgets for the tables), so a test sets the
date picker in Python and reads the HTML back. The "as of" day is a view parameter only:
nothing is written to the course folder. The panel reads the workbook session's course
(:class:`gradelib.notebook.session.Session`) and is drawn again after every change.

What is shown (:func:`gradelib.score.progress.term_progress`): the work still to do
(rubric rows, submission times, questions or attendance not entered), then apart the
closed gaps, each counted 0 (a past lecture with no question from a student), then the
scores as of that day; before the first class day, no scores or letters at all.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import ipywidgets as widgets
import numpy as np
import pandas as pd
from markupsafe import Markup

from gradelib.load.course import Course
from gradelib.notebook.panel import LABEL_STYLE, WIDE, Panel, message_html
from gradelib.notebook.session import Session
from gradelib.score.as_of import before_first_class, default_as_of, first_class_day
from gradelib.score.gaps import term_gaps
from gradelib.score.grades_as_of import Basis, grades_as_of, scoring_basis
from gradelib.score.progress import (
    CLOSED_KINDS,
    KINDS,
    TermProgress,
    progress_summary,
    term_progress,
)
from gradelib.show.explain.tables import grades_table
from gradelib.show.html import render

#: How many days the panel keeps drawn (going back to one of them draws nothing anew).
KEPT = 8
#: Kinds with at most this many rows are shown open; longer lists start collapsed.
OPEN_UP_TO = 10
#: How the closed gaps are introduced (SPEC "questions", "participation").
CLOSED_INTRO = (
    "A question counts only when it comes in before its lecture's class start, so a "
    "lecture already given with no question from a student counts 0 for them, in the "
    "current score and the final alike. Nothing is left to collect: only an override "
    "(e.g. an excused day) changes it."
)


class ProgressPanel(Panel):
    """What is still to do as of a day, what is closed (counted 0), and the scores then.

    Parameters
    ----------
    session : Session
        The workbook session; the panel shows ``session.course`` and is drawn again
        after every change (:meth:`Session.on_change`).
    clock : callable, optional
        Returns now (for tests); the default is the time in the course time zone. The
        date picker starts at the last class day on or before today
        (:func:`gradelib.score.as_of.default_as_of`).
    limit : int
        At most this many rows are shown per kind; the rest are counted.
    """

    def __init__(
        self,
        session: Session,
        clock: Callable[[], datetime.datetime] | None = None,
        *,
        limit: int = 200,
    ) -> None:
        self.session, self.limit, self.clock = session, limit, clock
        self.picker = widgets.DatePicker(
            value=_start_day(session.course, clock), description="As of", style=LABEL_STYLE,
            layout=WIDE,
        )  # fmt: skip
        self.started = self.picker.value is not None
        #: The last :data:`KEPT` days drawn, by (session version, day, project sheets).
        self.drawn: dict[tuple[int, datetime.date, bool], tuple[str, str, str, str]] = {}
        self.include_project = widgets.Checkbox(
            value=False, description="list project sheets too", indent=False
        )
        self.counts = widgets.HTML()
        self.outstanding = widgets.HTML()
        self.closed = widgets.HTML()
        self.grades = widgets.HTML()
        self.picker.observe(lambda _change: self.refresh(), names="value")
        self.include_project.observe(lambda _change: self.refresh(), names="value")
        session.on_change(lambda _session: self.refresh())
        controls = widgets.HBox([self.picker, self.include_project])
        super().__init__([controls, self.counts, self.outstanding, self.closed, self.grades])
        self.refresh()

    def refresh(self) -> None:
        """Recompute the work to do, the closed gaps and the scores for the picked day."""
        course, as_of = self.session.course, self.picker.value
        if course is not None and not self.started:  # the course came back: its day
            self.started = True
            self.picker.value = _start_day(course, self.clock)  # refreshes again
            return
        if course is None or as_of is None:
            text = self.session.stale or "Pick a day to see the term as of that day."
            self.counts.value = message_html(text, "error" if course is None else "paragraph")
            self.outstanding.value = self.closed.value = self.grades.value = ""
            return
        key = (self.session.version, as_of, self.include_project.value)
        if key not in self.drawn:
            while len(self.drawn) >= KEPT:
                del self.drawn[next(iter(self.drawn))]  # the oldest
            self.drawn[key] = self.views(course, as_of)
        self.counts.value, self.outstanding.value, self.closed.value, self.grades.value = (
            self.drawn[key]
        )

    def views(self, course: Course, as_of: datetime.date) -> tuple[str, str, str, str]:
        """The counts, the work to do, the closed gaps and the scores as of a day (HTML)."""
        basis = self.session.derive("scoring basis", lambda: scoring_basis(course))
        gaps = self.session.derive("term gaps", lambda: term_gaps(course))
        progress = term_progress(
            course, as_of, include_project=self.include_project.value, basis=basis, gaps=gaps
        )
        first = first_class_day(course) if before_first_class(course, as_of) else None
        return (
            counts_table(progress, as_of, first),
            outstanding_html(progress.to_do, self.limit),
            outstanding_html(progress.closed, self.limit, closed=True),
            scores_html(course, as_of, first, basis=basis),
        )


def _start_day(
    course: Course | None, clock: Callable[[], datetime.datetime] | None
) -> datetime.date | None:
    """The day the picker starts at: the last class day on or before today."""
    if course is None:
        return None
    now = clock() if clock is not None else datetime.datetime.now(course.policy.zone)
    today = now.astimezone(course.policy.zone).date() if now.tzinfo else now.date()
    return default_as_of(course, today)


def scores_html(
    course: Course,
    as_of: datetime.date,
    first_class: datetime.date | None,
    *,
    basis: Basis | None = None,
) -> str:
    """The scores as of ``as_of`` (the grades table), or, before the ``first_class`` day,
    why there are none.

    ``basis`` is :func:`gradelib.score.grades_as_of.scoring_basis` of ``course`` when
    already built (the panel builds it once per reading of the course).
    """
    if first_class is not None:
        return render(
            "panel_progress_scores.html", as_of=f"{as_of:%Y-%m-%d}",
            first_class=f"{first_class:%Y-%m-%d}", grades="",
        )  # fmt: skip
    grades = grades_as_of(basis or scoring_basis(course), as_of)
    return render(
        "panel_progress_scores.html", as_of=f"{as_of:%Y-%m-%d}", first_class="",
        grades=Markup(grades_table(grades)),
    )  # fmt: skip


def counts_table(
    progress: TermProgress, as_of: datetime.date, first_class: datetime.date | None = None
) -> str:
    """The work to do and the closed gaps, counted per kind, as HTML.

    Parameters
    ----------
    progress : TermProgress
        From :func:`gradelib.score.progress.term_progress`.
    as_of : datetime.date
        The day counted to.
    first_class : datetime.date, optional
        The first class day, when ``as_of`` is before it (said above the counts).

    Returns
    -------
    str
        HTML; the root carries ``data-as-of``, ``data-total`` (things to do),
        ``data-closed`` (gaps counted 0) and, before the first class,
        ``data-before-first-class``; each row ``data-kind`` and ``data-count``.
    """
    to_do = _pairs(progress_summary(progress.to_do, KINDS))
    closed = _pairs(progress_summary(progress.closed, CLOSED_KINDS))
    return render(
        "panel_progress_counts.html",
        as_of=f"{as_of:%Y-%m-%d}",
        first_class=f"{first_class:%Y-%m-%d}" if first_class else "",
        total=len(progress.to_do),
        closed=len(progress.closed),
        rows=[list(pair) for pair in to_do],
        row_data=[{"kind": kind, "count": count} for kind, count in to_do],
        closed_rows=[list(pair) for pair in closed],
        closed_data=[{"kind": kind, "count": count} for kind, count in closed],
    )


def _pairs(summary: pd.DataFrame) -> list[tuple[str, str]]:
    """(kind, count as text) per row of a :func:`progress_summary` frame."""
    return [(str(kind), str(int(count))) for kind, count in summary.to_numpy()]


def _text(value: object) -> str:
    """A cell's text: ``""`` for a missing value."""
    return "" if pd.isna(value) else str(value)


def outstanding_html(frame: pd.DataFrame, limit: int = 200, *, closed: bool = False) -> str:
    """The gaps by kind, each kind in a ``<details>`` (long ones collapsed).

    Parameters
    ----------
    frame : pandas.DataFrame
        :attr:`TermProgress.to_do` or (``closed``) :attr:`TermProgress.closed`: ``kind``,
        ``date``, ``group``, ``uniqname``, ``sheet`` and ``detail``.
    limit : int
        At most this many rows are shown per kind; the rest are counted.
    closed : bool
        The closed gaps: headed "Closed: counted as 0" with why; nothing at all when
        there are none.

    Returns
    -------
    str
        HTML; each kind's ``<details>`` carries ``data-kind``.
    """
    kinds = []
    of_kind = frame["kind"].to_numpy(dtype=object)
    for kind in CLOSED_KINDS if closed else KINDS:
        where = np.flatnonzero(of_kind == kind)
        if not len(where):
            continue
        shown = frame.iloc[where[:limit]][["date", "group", "uniqname", "sheet", "detail"]]
        cells = [
            ["" if pd.isna(date) else f"{pd.Timestamp(date):%Y-%m-%d}", _text(group),
             _text(uniqname), _text(sheet), str(detail)]
            for date, group, uniqname, sheet, detail in shown.itertuples(index=False)
        ]  # fmt: skip
        kinds.append(
            {"name": kind, "total": len(where), "open": len(where) <= OPEN_UP_TO,
             "rows": cells, "more": len(where) - len(shown)}
        )  # fmt: skip
    return render(
        "panel_progress_outstanding.html",
        kinds=kinds,
        heading="Closed: counted as 0" if closed else "",
        intro=CLOSED_INTRO if closed else "",
        empty="" if closed else "Nothing still to do.",
    )
