"""Helpers that keep the notebooks thin: find the course, open it, show pictures and tables.

The panels are in the other modules of :mod:`gradelib.notebook`.

The notebooks run on the course folder named by the environment variable
``GRADELIB_COURSE``, or on the sample course (``data/sample`` of this repository) when it
is not set. Everything shown is deterministic (no absolute paths, no random ids), so the
saved outputs can be compared by nbval.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from gradelib.errors import GradelibError, Severity

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from gradelib.load.course import Course
    from gradelib.score.grades import GradeReport

ENVIRONMENT_VARIABLE = "GRADELIB_COURSE"
SAMPLE = Path("data") / "sample"


class StopHere(GradelibError):
    """Raised in a notebook to stop Run All with a plain message instead of a traceback."""

    def _render_traceback_(self) -> list[str]:  # IPython shows this instead of a traceback
        return [f"\033[1;31mStopped:\033[0m {self}"]


def course_folder() -> Path:
    """The course folder: ``$GRADELIB_COURSE``, else the sample course of this repository.

    The sample is found by walking up from the working directory (a notebook runs in
    ``notebooks/``), so the path shown is the same on every machine.
    """
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    here = Path.cwd()
    for base in (here, *here.parents):
        if (base / SAMPLE / "roster.csv").is_file():
            return Path(os.path.relpath(base / SAMPLE, here))
    raise StopHere(
        f"no course folder: set {ENVIRONMENT_VARIABLE} to your course folder and restart the "
        "kernel (Kernel › Restart Kernel and Run All Cells)"
    )


def show(figure: Figure) -> None:
    """Display a matplotlib figure as a PNG (the same bytes on every run)."""
    from IPython.display import Image, display

    from gradelib.show.plots import figure_png

    display(Image(data=figure_png(figure), format="png"))


def show_html(markup: str) -> None:
    """Display an HTML fragment."""
    from IPython.display import HTML, display

    display(HTML(markup))


def open_course(folder: Path) -> tuple[Course, GradeReport]:
    """Check and score the course, showing the validation report.

    Returns ``(course, report)``; with errors, shows them and stops Run All with what to
    do next.
    """
    from gradelib.load.course import check_course
    from gradelib.score.grades import score_course
    from gradelib.show.explain import problems_table

    course, problems = check_course(folder)
    show_html(problems_table(problems))
    if course is None:
        errors = sum(p.severity is Severity.ERROR for p in problems)
        raise StopHere(
            f"{errors} error(s) in the course folder (listed above). Fix those files, then "
            "run the notebook again (Kernel › Restart Kernel and Run All Cells)."
        )
    return course, score_course(course)


def table_html(frame: pd.DataFrame, *, index: bool = False) -> str:
    """A frame as an HTML table, every float column through the one score format.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any frame; its float columns (scores, gaps, points) are shown half-up with two
        decimals (:func:`gradelib.sheets.rounding.score_texts`), missing as ``–``.
    index : bool
        Show the index as the first column.

    Returns
    -------
    str
        A ``<table>`` with escaped cells.
    """
    from gradelib.sheets.rounding import score_texts

    shown = frame.copy()
    for column in shown.columns[[dtype.kind == "f" for dtype in shown.dtypes]]:
        shown[column] = score_texts(shown[column])
    return shown.to_html(index=index, border=0, escape=True)
