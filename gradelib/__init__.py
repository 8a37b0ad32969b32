"""gradelib: the CSE 585 grading workbook.

Every command of the ``gradelib`` command line calls one function of this package and
prints what it returns; the same work from Python reads like the command line:

=====================================  ===========================================================
command                                function
=====================================  ===========================================================
``gradelib check DIR``                 :func:`check_course` (:func:`load_course` raises instead)
``gradelib grade DIR``                 :func:`compute_grades` (all behind it: :func:`score_course`)
``gradelib export DIR``                :func:`export_canvas`
``gradelib verify-canvas DIR EXPORT``  :func:`verify_canvas`
``gradelib statements DIR``            :func:`write_statements`
``gradelib rubric-template DIR``       :func:`write_rubric_template`
``gradelib canvas-check FILE``         :func:`check_import_file`
``gradelib sample DIR``                :func:`write_sample_course`
``gradelib plan DIR --preferences F``  :func:`plan_term` (then :func:`write_plan`)
``--as-of YYYY-MM-DD``                 :func:`course_as_of`
=====================================  ===========================================================

Examples
--------
>>> import gradelib
>>> course, problems = gradelib.check_course("data/sample")  # gradelib check data/sample
>>> problems
[]
>>> grades = gradelib.compute_grades(course)  # gradelib grade data/sample
>>> grades[["uniqname", "final", "current", "letter"]].head(2)
   uniqname  final  current letter
0    karanb  86.06    86.06      B
1  nbianchi  85.15    85.15      B
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from gradelib.canvas.check import check_import_file
from gradelib.errors import CourseError, ExportError, GradelibError, Problem, Severity
from gradelib.load.course import Course, check_course, load_course
from gradelib.policy.model import COMPONENTS, Policy
from gradelib.policy.read import default_policy
from gradelib.score.grades import GradeReport, compute_grades, score_course
from gradelib.score.progress import course_as_of

if TYPE_CHECKING:
    from gradelib.export.to_canvas import ExportResult, export_canvas
    from gradelib.export.verify_canvas import Verification, VerifyError, verify_canvas
    from gradelib.plan.proposal import Pin, Plan, write_plan
    from gradelib.plan.term import plan_term
    from gradelib.sample import write_sample_course
    from gradelib.show.rubric_template import write_rubric_template
    from gradelib.show.statements import StatementsWritten, write_statements

#: Imported when first used (name -> its module), so that ``import gradelib``, and
#: ``gradelib check``, load reading, checking and scoring only: not the export, the HTML
#: of the statements or openpyxl, which writes workbooks.
_ON_FIRST_USE = {
    "ExportResult": "gradelib.export.to_canvas",
    "export_canvas": "gradelib.export.to_canvas",
    "Verification": "gradelib.export.verify_canvas",
    "VerifyError": "gradelib.export.verify_canvas",
    "verify_canvas": "gradelib.export.verify_canvas",
    "StatementsWritten": "gradelib.show.statements",
    "write_statements": "gradelib.show.statements",
    "write_rubric_template": "gradelib.show.rubric_template",
    "write_sample_course": "gradelib.sample",
    "Pin": "gradelib.plan.proposal",
    "Plan": "gradelib.plan.proposal",
    "write_plan": "gradelib.plan.proposal",
    "plan_term": "gradelib.plan.term",
}

__all__ = [
    "COMPONENTS",
    "Course",
    "CourseError",
    "ExportError",
    "ExportResult",
    "GradeReport",
    "GradelibError",
    "Pin",
    "Plan",
    "Policy",
    "Problem",
    "Severity",
    "StatementsWritten",
    "Verification",
    "VerifyError",
    "check_course",
    "check_import_file",
    "compute_grades",
    "course_as_of",
    "default_policy",
    "export_canvas",
    "load_course",
    "plan_term",
    "score_course",
    "verify_canvas",
    "write_plan",
    "write_rubric_template",
    "write_sample_course",
    "write_statements",
]


def __getattr__(name: str) -> Any:
    """The functions of :data:`_ON_FIRST_USE`, imported when first asked for, and
    ``__version__`` (importlib.metadata, with the email parser it loads, only then)."""
    if name == "__version__":
        from importlib.metadata import version

        globals()[name] = version("gradelib")
        return globals()[name]
    if name in _ON_FIRST_USE:
        value = getattr(importlib.import_module(_ON_FIRST_USE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'gradelib' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
