"""The notebooks' desk: finding and opening the course, and the panels (one module each).

The notebooks import this room as ``nb``; nothing here grades or formats a number of its
own: the panels show the graded result (:mod:`gradelib.score`) through
:mod:`gradelib.show`.
"""

from gradelib.notebook.common import (
    ENVIRONMENT_VARIABLE,
    SAMPLE,
    StopHere,
    course_folder,
    open_course,
    show,
    show_html,
    table_html,
)

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "SAMPLE",
    "StopHere",
    "course_folder",
    "open_course",
    "show",
    "show_html",
    "table_html",
]
