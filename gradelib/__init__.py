"""gradelib: the CSE 585 grading workbook.

Read a course folder, check it, score it, and export the grades to Canvas::

    import gradelib

    course = gradelib.load_course("data/sample")   # raises CourseError listing every problem
    grades = gradelib.compute_grades(course)       # one row per student
"""

from importlib.metadata import version

from gradelib.errors import CourseError, GradelibError, Problem, Severity
from gradelib.load.course import Course, check_course, load_course
from gradelib.policy.model import COMPONENTS, Policy
from gradelib.policy.read import default_policy
from gradelib.score.grades import GradeReport, compute_grades, score_course

__all__ = [
    "COMPONENTS",
    "Course",
    "CourseError",
    "GradeReport",
    "GradelibError",
    "Policy",
    "Problem",
    "Severity",
    "check_course",
    "compute_grades",
    "default_policy",
    "load_course",
    "score_course",
]

__version__ = version("gradelib")
