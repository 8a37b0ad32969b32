"""The CSE 585 F'24 syllabus's policy: ``DEFAULT_POLICY_TOML``, the documented
``policy.toml`` with every key (:func:`gradelib.policy.read.default_policy` is what it
reads as).

The README shows ``DEFAULT_POLICY_TOML`` verbatim (tests/test_readme.py checks), and
``gradelib sample`` writes it as the sample course's ``policy.toml``.
"""

from __future__ import annotations

DEFAULT_POLICY_TOML = """\
# Grading policy of the course. Every key is optional: a key left out takes the default
# shown here (the CSE 585 F'24 syllabus). An unknown key is an error.

[course]
time_zone = "America/Detroit"   # IANA name; timestamps without an offset are in this zone
class_start = "10:30"           # questions are on time when submitted before this
class_end = "12:00"             # summaries are due this long after class end (see deadlines)

[weights]                       # percent of the final grade; must add up to 100
presentation = 15
summary = 15
participation = 10
project_report = 40
project_presentations = 20

[project_report]                # percent of the Project Report; must add up to 100
proposal = 25
final_report = 75

[project_presentations]         # percent of Project Presentations; must add up to 100
midterm_presentation = 50
poster = 50

[participation]
attendance = 50                 # percent of Participation; these three add up to 100
questions = 25
piazza = 25
absence_allowance = 2           # absences forgiven without a reason
piazza_target = 5               # contributions that earn the full Piazza score

[deadlines]
summary_hours_after_class = 24  # a summary later than this after class end scores 0
slides_hours_before_class = 24  # slides later than this before class start are flagged

[letters]                       # lowest final (rounded to 2 decimals) for each letter
"A" = 93
"A-" = 90
"B+" = 87
"B" = 83
"B-" = 80
"C+" = 77
"C" = 73
"C-" = 70
"D+" = 67
"D" = 63
"D-" = 60                       # below the lowest cut-off the letter is "E"

[canvas]
mode = "points"                 # "points": each component out of its weight; "percent": out of 100
override_score = true           # write the "Override Score" column whenever a final override
                                # exists; false: the export stops unless told to leave them out

[canvas_titles]                 # the Canvas assignment each component goes to: an export column
presentation = "Paper Presentation"        # titled so (its "(id)" aside) is reused;
summary = "Paper Summary"                  # otherwise Canvas creates the assignment
participation = "Participation"
project_report = "Project Report"
project_presentations = "Project Presentations"

# The criteria of each sheet of rubrics.xlsx with their maximum points, for the workbook
# `gradelib rubric-template DIR` writes. A [rubrics.<sheet>] section in a course's file
# replaces that sheet's criteria as a whole; the sheets it does not name keep these.
[rubrics.presentation]
background = 10
approach = 10
technical_depth = 10
critique = 10
delivery = 10

[rubrics.summary]
problem = 4
related_work = 4
solution = 4
limitations = 4
future_work = 4

[rubrics.proposal]
problem = 5
related_work = 5
plan = 5
feasibility = 5

[rubrics.final_report]
motivation = 10
design = 15
evaluation = 15
writing = 10

[rubrics.midterm_presentation]
progress = 10
clarity = 5
qa = 5

[rubrics.poster]
content = 10
design = 5
qa = 5
"""
