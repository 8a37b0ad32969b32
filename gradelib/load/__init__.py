"""Reading and checking a course folder: the roster, the tables, the rubric workbook.

One module per kind of input (``records`` for the tables, ``rubrics`` for the rubric
workbook), ``crosscheck`` for the checks across tables, ``course`` for the whole folder
(:func:`check_course`, :func:`load_course`), and ``record_override`` for the one edit the
workbook makes to an input: a grade change appended to ``overrides.csv``. Cells are read
as a spreadsheet shows them (:mod:`gradelib.sheets`); the roster is a Canvas gradebook
export (:mod:`gradelib.canvas.gradebook`); the policy comes from :mod:`gradelib.policy`.
"""
