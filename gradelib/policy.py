"""The course policy: weights, allowances, deadlines, time zone, letter cut-offs, rubrics.

The policy lives in the course folder's ``policy.toml`` (read and checked by
:mod:`gradelib.load.policy_file`). Every key has a default (the CSE 585 F'24 syllabus),
so the file only needs the keys a course changes; a missing file means "all defaults".
``DEFAULT_POLICY_TOML`` is the documented file with every key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from types import MappingProxyType
from zoneinfo import ZoneInfo

from gradelib.errors import ProblemLog

POLICY_FILE = "policy.toml"

#: The five components of the final grade: key -> name shown to people.
COMPONENTS: Mapping[str, str] = MappingProxyType(
    {
        "presentation": "Paper Presentation",
        "summary": "Paper Summary",
        "participation": "Participation",
        "project_report": "Project Report",
        "project_presentations": "Project Presentations",
    }
)

#: The rubric sheets behind each rubric-graded component.
RUBRIC_SHEETS: tuple[str, ...] = (
    "presentation",
    "summary",
    "proposal",
    "final_report",
    "midterm_presentation",
    "poster",
)

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

FAIL_LETTER = "E"
#: Letters a [letters] section may name (Michigan's scale; "E" is below the lowest cut-off).
LETTER_NAMES: tuple[str, ...] = (
    "A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-",
)  # fmt: skip


@dataclass(frozen=True)
class Policy:
    """A course's grading policy, validated.

    Attributes
    ----------
    weights : Mapping[str, float]
        Component key -> percent of the final grade (adds up to 100).
    project_report : Mapping[str, float]
        ``proposal`` and ``final_report`` -> percent of the Project Report.
    project_presentations : Mapping[str, float]
        ``midterm_presentation`` and ``poster`` -> percent of Project Presentations.
    participation : Mapping[str, float]
        ``attendance``, ``questions``, ``piazza`` -> percent of Participation.
    absence_allowance : int
        Absences forgiven without a reason.
    piazza_target : int
        Piazza contributions that earn the full Piazza score.
    time_zone : str
        IANA time zone of the course.
    class_start, class_end : datetime.time
        When class starts and ends, in the course time zone.
    summary_hours_after_class : float
        A summary submitted later than this many (elapsed) hours after class end scores 0.
    slides_hours_before_class : float
        Slides submitted later than this many hours before class start are flagged.
    letters : tuple of (str, float)
        Letters with their lowest final, highest first; below the last is ``"E"``.
    canvas_mode : str
        ``"points"`` or ``"percent"``.
    canvas_override_score : bool
        Whether the Canvas import file carries an ``Override Score`` column whenever a
        final override exists (default); when false, such an export stops unless it is
        told to leave the final overrides out.
    canvas_titles : Mapping[str, str]
        Component key -> title of its Canvas assignment column.
    rubric_criteria : Mapping[str, Mapping[str, float]]
        Rubric sheet (in ``RUBRIC_SHEETS`` order) -> its criteria with their maximum
        points, in the order the sheet's columns take.
    """

    weights: Mapping[str, float]
    project_report: Mapping[str, float]
    project_presentations: Mapping[str, float]
    participation: Mapping[str, float]
    absence_allowance: int
    piazza_target: int
    time_zone: str
    class_start: time
    class_end: time
    summary_hours_after_class: float
    slides_hours_before_class: float
    letters: tuple[tuple[str, float], ...]
    canvas_mode: str
    canvas_override_score: bool
    canvas_titles: Mapping[str, str]
    rubric_criteria: Mapping[str, Mapping[str, float]]

    @property
    def zone(self) -> ZoneInfo:
        """The course time zone as a ``ZoneInfo``."""
        return ZoneInfo(self.time_zone)

    def letter_for(self, final: float) -> str:
        """The letter for a final (see :func:`gradelib.score.rounding.letters_for`)."""
        from gradelib.score.rounding import letter_for

        return letter_for(final, self.letters)


def default_policy() -> Policy:
    """The policy of the CSE 585 F'24 syllabus (what an empty ``policy.toml`` gives)."""
    from gradelib.load.policy_file import policy_from_text

    policy = policy_from_text(DEFAULT_POLICY_TOML, ProblemLog())
    assert policy is not None, "the default policy is valid"
    return policy
