"""Helpers that keep the notebooks thin: find the course, show pictures and tables.

The course is opened as a workbook session (:func:`gradelib.notebook.session.open_session`).

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

from gradelib.errors import GradelibError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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
