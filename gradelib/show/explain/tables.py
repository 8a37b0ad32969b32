"""Tables for the notebooks: a student's days, the problems of a folder, the grades.

The HTML is ``days.html``, ``problems.html`` and ``grades.html`` (with the ``table``
macro of ``table.html``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
from markupsafe import Markup

from gradelib.errors import Problem, Severity
from gradelib.load.course import Course
from gradelib.policy.model import COMPONENTS
from gradelib.score.grades import GradeReport
from gradelib.sheets.rounding import DASH, score_text, score_texts
from gradelib.show.explain._html import (
    _missing,
    _status,
    _student_key,
    _unknown_student,
)
from gradelib.show.explain._records import ClassRecords, Day, class_records
from gradelib.show.html import render
from gradelib.show.rendered import column_classes, table_rows

#: The columns of a student's days table (the group's column is titled with the group).
DAYS_HEADERS = ("Date", "Topic", "Group", "Attendance", "Question")


def student_days(course: Course, report: GradeReport, uniqname: str) -> str:
    """The student's attendance dates as an HTML table.

    Columns: date, topic, what the student's group does that day, attendance status
    (present / absent / excused with the reason) and, for paper lectures, the question
    (``on time``, ``late``, ``none``, or ``not asked (own group presents)`` /
    ``not asked (excused)``).
    """
    return _days(class_records(course, report), uniqname)


def _days(records: ClassRecords, uniqname: str, paper: bool = False) -> str:
    """:func:`student_days`; on ``paper`` without its style block."""
    key = _student_key(uniqname)
    if not records.known(key):
        return _unknown_student(key, records.uniqnames, style=not paper)
    group = records.group_of.get(key)
    group = None if _missing(group) else str(group)
    mine = records.rows_of(key)
    a, q = mine["attendance"], mine["questions"]
    record = dict(zip(a["date"], zip(a["status"], a["reason"], strict=True), strict=True))
    questions = dict(zip(q["date"], zip(q["on_time"], q["late"], strict=True), strict=True))
    shown = []
    counts = {"present": 0, "absent": 0, "excused": 0}
    for n, day, doing, fixed in _plan(records, group):
        own = record.get(day.date)  # (status, reason)
        status = "absent" if own is None else str(own[0])
        reason = None if own is None or _missing(own[1]) else str(own[1])
        counts[status] = counts.get(status, 0) + 1
        question = fixed or _question_kind(day, group, status, questions)
        # A row is what these make it: each distinct row is made once per class.
        known = ("days row", n, doing, status, reason, question)
        row = records.rendered.get(known)
        if row is None:
            row = records.rendered[known] = _day_row(records, day, doing, status, reason, question)
        shown.append(row)
    attributes = column_classes(len(DAYS_HEADERS))
    context = {"key": key, "group": group or "none", "rows": shown, "counts": counts}
    context["attributes"] = attributes
    return render("days.html", **context, **({"style": ""} if paper else {}))


def _plan(records: ClassRecords, group: str | None) -> list[tuple[int, Day, str, str | None]]:
    """The lecture days as a group's members see them, found once per group: each day's
    number, the day, what the group does, and the question's kind when the day alone
    decides it (no paper, or the group's own; else ``None``)."""
    plan = records.memo.get(("days plan", group))
    if plan is None:
        plan = records.memo[("days plan", group)] = [
            (
                n,
                day,
                day.doing.get(group, "") if group is not None else "",
                _question_kind(day, group, "", {}) if _day_decides(day, group) else None,
            )
            for n, day in enumerate(records.lecture_days)
        ]
    return plan


def _day_decides(day: Day, group: str | None) -> bool:
    """Whether a day's question kind is the same for every member of ``group``."""
    presenter = day.roles["presenter"]
    return presenter is None or (group is not None and presenter == group)


def _status_cell(status: str, reason: str | None) -> dict[str, str]:
    """A day's attendance status, with the reason of an excuse or an override."""
    css = {"absent": "gl-bad", "excused": "gl-muted"}.get(status, "gl-ok")
    if status == "excused":
        return _status(css, status, f" ({reason or 'marked excused in the attendance log'})")
    return _status(css, status, f" (override: {reason})" if reason else "")


def _day_row(
    records: ClassRecords, day: Day, doing: str, status: str, reason: str | None, question: str
) -> Markup:
    """One row of the days table: date, topic, what the group does, attendance, question."""
    row = [day.weekday, day.topic_text, doing, _status_cell(status, reason)]
    row.append(_QUESTION_CELLS[question])
    return table_rows(records.rendered, [row], len(DAYS_HEADERS))[0]


#: The question cell of a paper lecture by what :func:`_question_kind` finds.
_QUESTION_CELLS = {
    "no paper": _status("gl-muted", "—"),
    "own group": _status("gl-muted", "not asked (own group presents)"),
    "on time": _status("gl-ok", "on time"),
    "late": _status("gl-warn", "late"),
    "none": _status("gl-bad", "none"),
    "excused": _status("gl-muted", "not asked (excused)"),
}


def _question_kind(
    day: Day, group: str | None, status: str, questions: dict[object, tuple[Any, Any]]
) -> str:
    """The question of a paper lecture: on time, late, none, or why it is not asked (a
    key of :data:`_QUESTION_CELLS`); ``questions``: date -> (on time, late)."""
    presenter = day.roles["presenter"]
    if presenter is None:
        return "no paper"
    if group is not None and presenter == group:
        return "own group"
    q = questions.get(day.date)
    if q is not None:
        on_time, late = q
        if bool(on_time):
            return "on time"
        return "late" if bool(late) else "none"
    return "excused" if status == "excused" else "no paper"


# --- problems of a course folder ---------------------------------------------------------


_SEVERITY_CSS = {Severity.ERROR: "gl-bad", Severity.WARNING: "gl-warn"}


def problems_table(problems: Iterable[Problem]) -> str:
    """Validation problems as an HTML table, errors first, with a summary line.

    When there are errors, a short paragraph tells the GSI to fix the files and re-run
    the notebook.
    """
    listed = list(problems)
    errors = [p for p in listed if p.severity is Severity.ERROR]
    warnings = [p for p in listed if p.severity is not Severity.ERROR]
    rows = [
        [
            _status(_SEVERITY_CSS[problem.severity], str(problem.severity)),
            str(problem.file),
            str(problem.sheet or ""),
            "" if problem.row is None else str(problem.row),
            str(problem.column or ""),
            str(problem.message),
        ]
        for problem in [*errors, *warnings]
    ]
    classes = ["gl-error"] * len(errors) + ["gl-warning"] * len(warnings)
    return render(
        "problems.html", errors=len(errors), warnings=len(warnings), rows=rows, classes=classes
    )


# --- the grades table --------------------------------------------------------------------

GRADES_TABLE_ID = "gl-grades"


#: How a component the grades frame holds no number for reads in the grades table.
_NO_NUMBER = {
    "excused": _status("gl-muted", "excused"),
    "ungraded": _status("gl-muted", "not graded"),
}


def _score_texts(grades: pd.DataFrame, column: str) -> list[str]:
    """:func:`score_text` of each value of a column, made for the whole column at once
    (:func:`score_texts`, the same rule); a missing column reads ``–`` throughout."""
    if column not in grades:
        return [DASH] * len(grades)
    try:
        return score_texts(grades[column]).tolist()
    except (TypeError, ValueError):  # not numbers: each value as score_text reads it
        return [score_text(value) for value in grades[column].tolist()]


def _score_cells(grades: pd.DataFrame, column: str) -> list[object]:
    """A component, final or current score per row; a component's status says when it
    has none."""
    texts = _score_texts(grades, column)
    status = f"{column}_status"
    if status not in grades:
        return list(texts)
    shown = [_NO_NUMBER.get(str(value)) for value in grades[status].tolist()]
    return [text if cell is None else cell for text, cell in zip(texts, shown, strict=True)]


def _values(grades: pd.DataFrame, column: str, default: object = None) -> list[object]:
    """A column's values (``default`` throughout when there is no such column)."""
    return grades[column].tolist() if column in grades else [default] * len(grades)


def grades_table(grades: pd.DataFrame) -> str:
    """The grades table as HTML for reading (no notes column).

    Parameters
    ----------
    grades : pandas.DataFrame
        :func:`gradelib.compute_grades` output (``report.grades``): each component's
        current value with its ``<key>_status`` column beside it.

    Returns
    -------
    str
        A ``<table id="gl-grades">``: uniqname, name, group, the five components
        (current value; ``excused`` or ``not graded`` by its status), final, current,
        letter; numbers with two decimals rounded half-up, ``–`` when missing.
    """
    headers = ["Uniqname", "Name", "Group", *COMPONENTS.values(), "Final", "Current", "Letter"]
    rows, row_data = [], []
    scores = [_score_cells(grades, column) for column in [*COMPONENTS, "final", "current"]]
    finals = _score_texts(grades, "final")
    keys, names = _values(grades, "uniqname", ""), _values(grades, "name", "")
    groups, letters = _values(grades, "group"), _values(grades, "letter")
    for i, (uniqname, name, group, letter) in enumerate(
        zip(keys, names, groups, letters, strict=True)
    ):
        key = str(uniqname)
        rows.append(
            [
                key,
                str(name),
                "" if _missing(group) else str(group),
                *(cells[i] for cells in scores),
                letter if isinstance(letter, str) and letter else DASH,
            ]
        )
        # The final first, then the student: a diff of a changed row shows both.
        row_data.append({"final": finals[i], "uniqname": key})
    letter_column = len(headers) - 1
    return render(
        "grades.html",
        table_id=GRADES_TABLE_ID,
        headers=headers,
        rows=rows,
        row_data=row_data,
        numeric=range(3, letter_column),
        cell_classes={letter_column: "gl-letter"},
    )
