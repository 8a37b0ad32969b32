"""A course folder, read and checked in one pass: :func:`load_course` and :func:`check_course`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from gradelib.canvas.gradebook import CanvasExport, read_canvas_export, roster_frame
from gradelib.errors import CourseError, Problem, ProblemLog, Severity
from gradelib.files import ROSTER_FILE, course_inputs
from gradelib.load import crosscheck, records
from gradelib.load.rubrics import Rubric, load_rubrics
from gradelib.policy.model import Policy
from gradelib.policy.read import PolicyFile, default_policy, read_policy
from gradelib.timing import stage, staged


@dataclass(frozen=True)
class Course:
    """Everything in a course folder, validated. Built by :func:`load_course`.

    Every frame keeps a ``row`` column with the row it came from, so that any number can
    be traced back to a cell.

    Attributes
    ----------
    folder : Path
        The course folder.
    policy : Policy
        The grading policy (``policy.toml`` over the defaults).
    canvas : CanvasExport
        The Canvas gradebook export (``roster.csv``) as read, for the Canvas round trip.
    roster : pandas.DataFrame
        Enrolled students: ``uniqname``, ``name``, ``section``.
    groups : pandas.DataFrame
        ``group``, ``uniqname``: one row per student (a repeated row is dropped).
    schedule : pandas.DataFrame
        ``date``, ``kind``, ``topic``, ``presenter``, ``summarizer``, ``reviewer``.
    attendance : pandas.DataFrame
        ``date``, ``uniqname``, ``status``: at most one row per student and date.
    questions : pandas.DataFrame
        ``timestamp`` (UTC), ``uniqname``, ``date``.
    piazza : pandas.DataFrame
        ``uniqname``, ``contributions``.
    rubrics : Mapping[str, Rubric]
        Rubric sheet name -> its scores.
    overrides : pandas.DataFrame
        ``uniqname``, ``component``, ``value``, ``excused``, ``reason``.
    warnings : tuple of Problem
        What the checks found that does not stop grading.
    """

    folder: Path
    policy: Policy
    canvas: CanvasExport
    roster: pd.DataFrame
    groups: pd.DataFrame
    schedule: pd.DataFrame
    attendance: pd.DataFrame
    questions: pd.DataFrame
    piazza: pd.DataFrame
    rubrics: Mapping[str, Rubric]
    overrides: pd.DataFrame
    warnings: tuple[Problem, ...]

    @property
    def group_of(self) -> pd.Series:
        """Uniqname -> group id, for every student."""
        return self.groups.set_index("uniqname")["group"]


@staged("load, rest")
def check_course(path: str | Path) -> tuple[Course | None, list[Problem]]:
    """Read and check a course folder, collecting every problem instead of raising
    (``gradelib check DIR``).

    Parameters
    ----------
    path : str or Path
        The course folder (the files README's *The course folder* lists).

    Returns
    -------
    course : Course or None
        The course, or ``None`` when there is any error.
    problems : list of Problem
        Every error and warning found, in the order the files are read, each with its
        file, sheet, row (as a spreadsheet numbers it: the header is row 1) and column.

    Examples
    --------
    >>> course, problems = check_course("data/sample")
    >>> len(course.roster), problems
    (40, [])
    >>> course, problems = check_course("no/such/folder")
    >>> course, [str(problem) for problem in problems]
    (None, ['error: no/such/folder: no such course folder'])
    """
    folder = Path(path)
    log = ProblemLog()
    if not folder.is_dir():
        log.error(str(folder), "no such course folder")
        return None, log.problems
    found = read_policy(folder, log)
    policy = found.policy if found else None
    declared = found or PolicyFile(default_policy())
    zone = declared.policy.zone
    domain = declared.email_domain

    canvas = None
    with stage("roster"):
        if (folder / ROSTER_FILE).is_file():
            canvas = read_canvas_export(folder / ROSTER_FILE, log)
        else:
            log.error(ROSTER_FILE, "missing: export the Canvas gradebook as roster.csv")
        roster = roster_frame(canvas) if canvas is not None else None

    groups = records.load_groups(folder, log)
    schedule = records.load_schedule(folder, log)
    attendance = records.load_attendance(folder, zone, domain, log)
    questions = records.load_questions(folder, zone, domain, log)
    piazza = records.load_piazza(folder, domain, log)
    rubrics = load_rubrics(folder, zone, log, declared.declared_criteria if found else None)
    overrides = records.load_overrides(folder, log)

    kept = _cross_check(
        roster, groups, schedule, attendance, questions, piazza, overrides, rubrics, log
    )

    if log.has_errors:
        return None, log.problems
    assert policy and canvas is not None and roster is not None and groups and schedule
    assert attendance and questions and piazza and rubrics is not None
    course = Course(
        folder=folder,
        policy=policy,
        canvas=canvas,
        roster=roster,
        # Students who dropped (warned about above) and repeated rows are left out.
        groups=_kept(groups[1], kept["groups"]),
        schedule=schedule[1].sort_values("date", kind="stable").reset_index(drop=True),
        attendance=_kept(attendance[1], kept["attendance"]),
        questions=_kept(questions[1], kept["questions"]),
        piazza=piazza[1],
        rubrics=MappingProxyType(dict(rubrics)),
        overrides=overrides[1] if overrides else records.empty_overrides(),
        warnings=tuple(p for p in log.problems if p.severity is Severity.WARNING),
    )
    return course, log.problems


@staged("cross-checks")
def _cross_check(
    roster, groups, schedule, attendance, questions, piazza, overrides, rubrics, log
) -> dict[str, np.ndarray]:
    """The checks across tables (:mod:`gradelib.load.crosscheck`), for the tables read.

    Returns the rows grading keeps of ``groups``, ``attendance`` and ``questions`` (bool
    masks, for the tables read when the roster is): enrolled students, a repeated row once.
    """
    sched = schedule[1] if schedule else None
    group_frame = groups[1] if groups else None
    students = crosscheck.student_codes(attendance[1]["uniqname"], roster) if attendance else None
    kept: dict[str, np.ndarray] = {}
    if roster is not None:
        if groups:
            kept["groups"] = crosscheck.check_groups(groups[1], groups[0], roster, log)
        if attendance:
            kept["attendance"] = crosscheck.check_known_students(
                attendance[1], attendance[0], roster, log, codes=students
            )
        if questions:
            kept["questions"] = crosscheck.check_known_students(
                questions[1], questions[0], roster, log
            )
        if piazza:
            crosscheck.check_piazza(piazza[1], piazza[0], roster, log)
        if overrides:
            crosscheck.check_overrides(overrides[1], overrides[0], roster, sched, log)
    if schedule:
        crosscheck.check_schedule(schedule[1], schedule[0], group_frame, log)
    if attendance:
        first = crosscheck.check_attendance(attendance[1], attendance[0], sched, log, students)
        kept["attendance"] = kept.get("attendance", first) & first
    if questions:
        crosscheck.check_questions(questions[1], questions[0], sched, log)
    if rubrics is not None:
        crosscheck.check_rubrics(rubrics, sched, group_frame, log)
    return kept


def _kept(frame: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    return frame.loc[rows].reset_index(drop=True)


def input_files(folder: Path) -> list[Path]:
    """The input files of a course folder that exist, sorted (for manifests).

    The names are those of :func:`gradelib.files.course_inputs`.
    """
    return sorted(path for path in course_inputs(folder) if path.is_file())


def load_course(path: str | Path) -> Course:
    """Read and check a course folder.

    Parameters
    ----------
    path : str or Path
        The course folder: ``policy.toml``, ``roster.csv``, ``groups``, ``schedule``,
        ``attendance``, ``questions``, ``piazza`` (each ``.csv`` or ``.xlsx``),
        ``rubrics.xlsx`` and optionally ``overrides``.

    Returns
    -------
    Course
        The validated course; its ``warnings`` list what is worth a look.

    Raises
    ------
    CourseError
        When the folder has any error; ``problems`` lists all of them at once.

    Examples
    --------
    >>> course = load_course("data/sample")
    >>> len(course.roster), course.policy.weights["project_report"], course.warnings
    (40, 40.0, ())
    >>> load_course("no/such/folder")
    Traceback (most recent call last):
    gradelib.errors.CourseError: the course folder has 1 error(s):
      error: no/such/folder: no such course folder
    """
    course, problems = check_course(path)
    if course is None:
        raise CourseError(problems)
    return course
