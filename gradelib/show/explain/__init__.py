"""Grades explained in plain words, as HTML fragments for the notebooks and statements.

- :func:`student_breakdown`: one student's grade, every number with where it came from;
- :func:`student_days`: the student's class days (attendance and questions);
- :func:`problems_table`: the problems found in a course folder, errors first;
- :func:`grades_table`: the grades table for reading.

Every function is pure and returns a self-contained HTML fragment (a ``<style>`` block
scoped to ``gl-`` classes, no external CSS or JavaScript). Output is deterministic: no
random ids, no timestamps of the run. The HTML is in templates
(``gradelib/show/templates``, rendered by :mod:`gradelib.show.html`): every data string is
escaped by Jinja2's autoescaping. Every number comes from the graded result
(:func:`gradelib.score_course`) and is shown by the one rounding rule,
:func:`gradelib.sheets.rounding.score_text` (half-up, two decimals).
"""

from gradelib.show.explain.breakdown import student_breakdown
from gradelib.show.explain.tables import grades_table, problems_table, student_days

__all__ = ["grades_table", "problems_table", "student_breakdown", "student_days"]
