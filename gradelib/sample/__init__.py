"""A seeded generator of a realistic, entirely synthetic CSE 585 course folder.

The same ``students`` and ``seed`` give byte-identical files on any machine and any day:
all randomness comes from ``numpy.random.default_rng(seed)`` (one independent child
stream per table), nothing reads the clock, and the files are written deterministically.
``build_sample_course`` builds every table in memory; ``write_sample_course`` writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gradelib.policy.defaults import DEFAULT_POLICY_TOML
from gradelib.sample.attendance import attendance_rows, plan_attendance
from gradelib.sample.calendar import build_schedule, schedule_rows
from gradelib.sample.canvas import ROSTER_HEADER, roster_rows
from gradelib.sample.overrides import OVERRIDES_HEADER, override_rows
from gradelib.sample.people import make_groups, make_students
from gradelib.sample.piazza import PIAZZA_HEADER, piazza_rows
from gradelib.sample.preferences import planning_tables
from gradelib.sample.questions import build_questions, question_rows
from gradelib.sample.rubrics import Sheet, build_rubrics
from gradelib.sample.writers import write_canvas_csv, write_csv, write_text, write_xlsx

__all__ = ["SampleCourse", "build_sample_course", "write_sample_course"]

Rows = list[list[object]]
#: One independent random stream per table, so that changing one table leaves the others.
_STREAMS = (
    "students", "groups", "schedule", "attendance", "questions", "piazza", "rubrics",
    "overrides", "canvas", "preferences",
)  # fmt: skip


@dataclass(frozen=True)
class SampleCourse:
    """Every table of a synthetic course folder, ready to write.

    Attributes
    ----------
    tables : dict
        CSV file name -> (header, rows), for the plain CSV files.
    roster : list of list of str
        The rows of ``roster.csv`` after its header (Points Possible row first).
    rubrics : list of Sheet
        The sheets of ``rubrics.xlsx``, in order.
    """

    tables: dict[str, tuple[tuple[str, ...], Rows]]
    roster: list[list[str]]
    rubrics: list[Sheet]


def build_sample_course(
    students: int = 40, seed: int = 585, paper_lectures: int | None = None
) -> SampleCourse:
    """Build the tables of a synthetic course.

    Parameters
    ----------
    students : int
        Number of students (at least 4).
    seed : int
        Seed of ``numpy.random.default_rng``.
    paper_lectures : int, optional
        Paper lectures of ``lectures.csv`` and the preference form: by default the
        calendar's 18 (:mod:`gradelib.sample.papers`); a number gives that many on
        consecutive weekdays, for planning a bigger term (``schedule.csv`` is unchanged).

    Returns
    -------
    SampleCourse
    """
    rng = dict(zip(_STREAMS, np.random.default_rng(seed).spawn(len(_STREAMS)), strict=True))
    people, test_id = make_students(students, rng["students"])
    uniqnames = sorted(s.uniqname for s in people)
    members = make_groups(uniqnames, rng["groups"])
    group_of = {u: g for g, names in members.items() for u in names}
    group_of = {u: group_of[u] for u in uniqnames}
    schedule = build_schedule(list(members), rng["schedule"])
    plan = plan_attendance(uniqnames, group_of, schedule, rng["attendance"])
    submissions = build_questions(uniqnames, members, schedule, rng["questions"])
    tables: dict[str, tuple[tuple[str, ...], Rows]] = {
        "groups.csv": (("group", "uniqname"), [[g, u] for g, us in members.items() for u in us]),
        "schedule.csv": (
            ("date", "kind", "topic", "presenter", "summarizer", "reviewer"),
            schedule_rows(schedule),
        ),
        "attendance.csv": (
            ("date", "uniqname", "status"),
            attendance_rows(plan, uniqnames, schedule),
        ),
        "questions.csv": (("timestamp", "uniqname", "date"), question_rows(submissions)),
        "piazza.csv": (PIAZZA_HEADER, piazza_rows(people, rng["piazza"])),
        "overrides.csv": (
            OVERRIDES_HEADER,
            override_rows(plan.medical, group_of, schedule, rng["overrides"]),
        ),
        **planning_tables(members, schedule, rng["preferences"], paper_lectures),
    }
    roster = roster_rows(people, test_id, group_of, schedule, rng["canvas"])
    rubrics = build_rubrics(list(members), schedule, rng["rubrics"])
    return SampleCourse(tables, roster, rubrics)


def write_sample_course(
    folder: Path, students: int = 40, seed: int = 585, paper_lectures: int | None = None
) -> list[Path]:
    """Write a synthetic course into ``folder`` (``gradelib sample DIR``).

    Parameters
    ----------
    folder : Path
        Created if missing; the caller checks that it is empty (files of a course
        already there are replaced).
    students : int
        Number of students (at least 4).
    seed : int
        Seed of ``numpy.random.default_rng``: the same ``students`` and ``seed`` give
        byte-identical files (``data/sample`` is 40 students, seed 585).
    paper_lectures : int, optional
        Paper lectures of ``lectures.csv`` and ``preferences.csv`` (see
        :func:`build_sample_course`).

    Returns
    -------
    list of Path
        The files written, sorted: ``policy.toml`` (the defaults), ``roster.csv``,
        ``rubrics.xlsx`` and the tables as ``.csv`` (with ``lectures.csv`` and the
        groups' preference form ``preferences.csv``, the inputs of planning the term).

    Examples
    --------
    >>> import shutil, tempfile
    >>> import gradelib
    >>> folder = Path(tempfile.mkdtemp())
    >>> [path.name for path in write_sample_course(folder, students=6, seed=1)]
    ['attendance.csv', 'groups.csv', 'lectures.csv', 'overrides.csv', 'piazza.csv',
     'policy.toml', 'preferences.csv', 'questions.csv', 'roster.csv', 'rubrics.xlsx',
     'schedule.csv']
    >>> len(gradelib.load_course(folder).roster)
    6
    >>> shutil.rmtree(folder)
    """
    course = build_sample_course(students, seed, paper_lectures)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = [
        write_text(folder / "policy.toml", DEFAULT_POLICY_TOML),
        write_canvas_csv(folder / "roster.csv", ROSTER_HEADER, course.roster),
        write_xlsx(folder / "rubrics.xlsx", course.rubrics),
    ]
    written += [write_csv(folder / name, *table) for name, table in course.tables.items()]
    return sorted(written)
