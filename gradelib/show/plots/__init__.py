"""Figures for the grading notebooks: pure functions, data in, a matplotlib Figure out.

Nothing here uses ``pyplot``: a figure is never shown by itself and no global state is
kept. Every figure has a fixed look (sizes in inches, 100 dpi, DejaVu Sans), a plain
title, labelled axes and a legend where colours mean something. In JupyterLab a cell
ending in a figure shows it; :func:`figure_png` gives the same PNG bytes every time
(the layout is worked out once when the figure is made, then kept).

Typical use::

    report = gradelib.score_course(course)
    final_histogram(report.grades, course.policy)
    attendance_heatmap(report.attendance)
    absences_chart(report.parts, course.policy)

This package imports matplotlib; the command line never imports it.
"""

from gradelib.show.plots._base import GradeFigure, figure_png
from gradelib.show.plots.attendance import STATUS_CODES, absences_chart, attendance_heatmap
from gradelib.show.plots.finals import final_histogram, redraw_finals
from gradelib.show.plots.grades import component_distributions, letter_counts
from gradelib.show.plots.participation import (
    participation_scores,
    piazza_contributions,
    questions_per_lecture,
    redraw_participation,
)
from gradelib.show.plots.plan import plan_grid

__all__ = [
    "STATUS_CODES",
    "GradeFigure",
    "absences_chart",
    "attendance_heatmap",
    "component_distributions",
    "figure_png",
    "final_histogram",
    "letter_counts",
    "participation_scores",
    "piazza_contributions",
    "plan_grid",
    "questions_per_lecture",
    "redraw_finals",
    "redraw_participation",
]
