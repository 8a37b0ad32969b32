"""What people read: HTML from templates, explanations, statements, plots, tables.

``explain`` (a student's grade in plain words), ``statements`` (one HTML file per
student), ``plots`` (figures), ``table`` (the terminal grades table) and
``rubric_template`` (the pre-filled rubric workbook graders fill in). Every number comes
from the graded result and is shown through :mod:`gradelib.sheets.rounding`.
"""
