"""The course policy: weights, allowances, deadlines, time zone, letter cut-offs, rubrics.

The policy lives in the course folder's ``policy.toml`` (read and checked by
:mod:`gradelib.policy.read`). Every key has a default (the CSE 585 F'24 syllabus,
:mod:`gradelib.policy.defaults`), so the file only needs the keys a course changes; a
missing file means "all defaults".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from types import MappingProxyType
from zoneinfo import ZoneInfo

from gradelib.policy.letters import letter_for

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

#: The columns of a rubric sheet that say which item a row grades, not a criterion.
KEY_COLUMNS: tuple[str, ...] = ("group", "date", "grader", "submitted")

#: The lecture roles (syllabus "Paper presentation" and "Paper summary"): component, and
#: rubric sheet, -> the schedule column naming the group that earns it on a lecture.
LECTURE_ROLES: Mapping[str, str] = MappingProxyType(
    {"presentation": "presenter", "summary": "summarizer"}
)
#: The schedule's roles at a paper lecture: what the group does (a sentence's verb) and
#: the syllabus section that gives the role.
SCHEDULE_ROLES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "presenter": ("presents", "Student Lectures"),
        "summarizer": ("summarizes", "Lecture Summaries"),
        "reviewer": ("reviews", "Post-Presentation Panel Discussion"),
    }
)
#: What the group in each graded role does at its lecture, as a sentence's verb.
ROLE_VERBS: Mapping[str, str] = MappingProxyType(
    {role: SCHEDULE_ROLES[role][0] for role in LECTURE_ROLES.values()}
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
        """The letter for a final (see :func:`gradelib.policy.letters.letters_for`)."""
        return letter_for(final, self.letters)
