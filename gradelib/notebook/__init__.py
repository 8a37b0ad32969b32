"""The notebooks' desk: finding and opening the course, and the panels (one module each).

The notebooks import this room as ``nb`` and build the panels from it
(``nb.WhatIfPanel(course, report)``). Every panel is a :class:`~gradelib.notebook.panel.Panel`
in a module named by its job:

- :mod:`~gradelib.notebook.cutoffs`: :class:`CutoffPanel`, cut-offs moved into gaps;
- :mod:`~gradelib.notebook.whatif`: :class:`WhatIfPanel`, other weights and cut-offs;
- :mod:`~gradelib.notebook.lookup`: :func:`student_lookup`, :func:`student_days_lookup`;
- :mod:`~gradelib.notebook.participation`: :class:`ParticipationPanel`;
- :mod:`~gradelib.notebook.progress`: :class:`ProgressPanel`, the term as of a day;
- :mod:`~gradelib.notebook.to_canvas`: :class:`ExportPanel`, with its last step
  :class:`~gradelib.notebook.verify.VerifyStep`;
- :mod:`~gradelib.notebook.statements`: :class:`StatementsPanel`;
- :mod:`~gradelib.notebook.overrides`: :class:`OverridePanel`.

Nothing here grades or formats a number of its own: the panels show the graded result
(:mod:`gradelib.score`) through :mod:`gradelib.show` and the ``panel_*.html`` templates.
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
from gradelib.notebook.cutoffs import CutoffPanel
from gradelib.notebook.lookup import StudentPicker, student_days_lookup, student_lookup
from gradelib.notebook.overrides import OverridePanel
from gradelib.notebook.participation import ParticipationPanel
from gradelib.notebook.progress import ProgressPanel
from gradelib.notebook.statements import StatementsPanel
from gradelib.notebook.to_canvas import ExportPanel
from gradelib.notebook.verify import VerifyStep
from gradelib.notebook.whatif import WhatIfPanel

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "SAMPLE",
    "CutoffPanel",
    "ExportPanel",
    "OverridePanel",
    "ParticipationPanel",
    "ProgressPanel",
    "StatementsPanel",
    "StopHere",
    "StudentPicker",
    "VerifyStep",
    "WhatIfPanel",
    "course_folder",
    "open_course",
    "show",
    "show_html",
    "student_days_lookup",
    "student_lookup",
    "table_html",
]
