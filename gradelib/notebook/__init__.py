"""The notebooks' desk: finding and opening the course, and the panels (one module each).

The notebooks import this room as ``nb`` and build the panels from it
(``nb.WhatIfPanel(session)``). The notebook opens one workbook session
(:mod:`~gradelib.notebook.session`: ``session = nb.open_session(folder)``) that owns the
course and its graded result; every panel and live view (:func:`live_html`,
:func:`live_figure`) reads from it and is redrawn after every change. Every panel is a
:class:`~gradelib.notebook.panel.Panel` in a module named by its job:

- :mod:`~gradelib.notebook.cutoffs`: :class:`CutoffPanel`, cut-offs moved into gaps;
- :mod:`~gradelib.notebook.whatif`: :class:`WhatIfPanel`, other weights and cut-offs;
- :mod:`~gradelib.notebook.lookup`: :func:`student_lookup`, :func:`student_days_lookup`
  (the rule of what a typed text finds: :mod:`~gradelib.notebook.find`);
- :mod:`~gradelib.notebook.participation`: :class:`ParticipationPanel`;
- :mod:`~gradelib.notebook.progress`: :class:`ProgressPanel`, the term as of a day;
- :mod:`~gradelib.notebook.to_canvas`: :class:`ExportPanel`, with its last step
  :class:`~gradelib.notebook.verify.VerifyStep`;
- :mod:`~gradelib.notebook.statements`: :class:`StatementsPanel`;
- :mod:`~gradelib.notebook.overrides`: :class:`OverridePanel`, record, replace or remove a
  grade change, excuse a class day;
- :mod:`~gradelib.notebook.history`: :class:`HistoryPanel`, the changes made and undo;
- :mod:`~gradelib.notebook.plan`: :class:`PlanPanel`, the term's groups and roles from the
  preference form (``setup.ipynb``).

Nothing here grades or formats a number of its own: the panels show the graded result
(:mod:`gradelib.score`) through :mod:`gradelib.show` and the ``panel_*.html`` templates.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from gradelib.notebook.common import (
    ENVIRONMENT_VARIABLE,
    SAMPLE,
    StopHere,
    course_folder,
    show,
    show_html,
)
from gradelib.notebook.session import Session, live_figure, live_html, open_session

if TYPE_CHECKING:
    from gradelib.notebook.cutoffs import CutoffPanel
    from gradelib.notebook.history import HistoryPanel
    from gradelib.notebook.lookup import StudentPicker, student_days_lookup, student_lookup
    from gradelib.notebook.overrides import OverridePanel
    from gradelib.notebook.participation import ParticipationPanel
    from gradelib.notebook.plan import PlanPanel
    from gradelib.notebook.progress import ProgressPanel
    from gradelib.notebook.statements import StatementsPanel
    from gradelib.notebook.tables import grades_table, readable_table
    from gradelib.notebook.to_canvas import ExportPanel
    from gradelib.notebook.verify import VerifyStep
    from gradelib.notebook.whatif import WhatIfPanel

#: The panels, by name, and their modules: each is imported when a notebook first uses
#: it (``nb.PlanPanel``), so a notebook pays only for its own panels (the planner's
#: solver, the figures, the Canvas check) when it starts.
LAZY = {
    "CutoffPanel": "cutoffs",
    "ExportPanel": "to_canvas",
    "HistoryPanel": "history",
    "OverridePanel": "overrides",
    "ParticipationPanel": "participation",
    "PlanPanel": "plan",
    "ProgressPanel": "progress",
    "StatementsPanel": "statements",
    "StudentPicker": "lookup",
    "VerifyStep": "verify",
    "WhatIfPanel": "whatif",
    "grades_table": "tables",
    "readable_table": "tables",
    "student_days_lookup": "lookup",
    "student_lookup": "lookup",
}


def __getattr__(name: str) -> Any:
    """A panel of :data:`LAZY`, imported on first use."""
    if name not in LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{LAZY[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(LAZY))


__all__ = [
    "ENVIRONMENT_VARIABLE",
    "SAMPLE",
    "CutoffPanel",
    "ExportPanel",
    "HistoryPanel",
    "OverridePanel",
    "ParticipationPanel",
    "PlanPanel",
    "ProgressPanel",
    "Session",
    "StatementsPanel",
    "StopHere",
    "StudentPicker",
    "VerifyStep",
    "WhatIfPanel",
    "course_folder",
    "grades_table",
    "live_figure",
    "live_html",
    "open_session",
    "readable_table",
    "show",
    "show_html",
    "student_days_lookup",
    "student_lookup",
]
