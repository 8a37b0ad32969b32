"""Grading: rubric items, components, participation, final grades and letters.

Also what the notebooks ask of the graded result: what-ifs with other weights and
cut-offs (``whatif``), defensible cut-offs (``cutoffs``) and the term cut back to a day
with what is outstanding (``progress``). :func:`gradelib.score.grades.score_course` gives
the one graded result every output shows.
"""
