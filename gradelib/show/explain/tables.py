"""Tables for the notebooks: a student's days, the problems of a folder, the grades."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from gradelib.errors import Problem, Severity
from gradelib.load.course import Course
from gradelib.policy.model import COMPONENTS
from gradelib.score.grades import GradeReport
from gradelib.sheets.rounding import DASH, score_text
from gradelib.show.explain._html import (
    ROLE_WORDS,
    STYLE,
    _e,
    _missing,
    _plural,
    _student_key,
    _table,
    _unknown_student,
    _weekday_day,
)


def student_days(course: Course, report: GradeReport, uniqname: str) -> str:
    """The student's attendance dates as an HTML table.

    Columns: date, topic, what the student's group does that day, attendance status
    (present / absent / excused with the reason) and, for paper lectures, the question
    (``on time``, ``late``, ``none``, or ``not asked (own group presents)`` /
    ``not asked (excused)``).
    """
    key = _student_key(uniqname)
    if key not in set(report.grades["uniqname"]):
        return _unknown_student(key, report.grades["uniqname"])
    group = course.group_of.get(key)
    group = None if _missing(group) else str(group)
    record = report.attendance.loc[report.attendance["uniqname"] == key].set_index("date")
    questions = report.questions.loc[report.questions["uniqname"] == key].set_index("date")
    schedule = course.schedule
    rows = []
    counts = {"present": 0, "absent": 0, "excused": 0}
    for _, day in schedule.loc[schedule["kind"] != "no-lecture"].iterrows():
        date = day["date"]
        status = str(record.loc[date, "status"]) if date in record.index else "absent"
        reason = record.loc[date, "reason"] if date in record.index else None
        reason = None if _missing(reason) else str(reason)
        counts[status] = counts.get(status, 0) + 1
        roles = [
            ROLE_WORDS[column]
            for column in ("presenter", "summarizer", "reviewer")
            if group is not None and not _missing(day[column]) and str(day[column]) == group
        ]
        topic = "" if _missing(day["topic"]) else str(day["topic"])
        rows.append(
            [
                _e(_weekday_day(date)),
                _e(topic),
                _e(", ".join(roles)),
                _status_cell(status, reason),
                _question_cell(day, group, status, questions),
            ]
        )
    caption = (
        f"{_plural(len(rows), 'class day')}: {counts['present']} present, "
        f"{counts['absent']} absent, {counts['excused']} excused"
    )
    table = _table(
        ["Date", "Topic", f"Group {_e(group or 'none')}", "Attendance", "Question"],
        rows,
        extra_class="gl-days",
    )
    return (
        f'<div class="gl-root gl-days" data-uniqname="{_e(key)}">{STYLE}'
        f"<p>{_e(caption)}</p>{table}</div>"
    )


def _status_cell(status: str, reason: str | None) -> str:
    """A day's attendance status, with the reason of an excuse or an override."""
    css = {"absent": "gl-bad", "excused": "gl-muted"}.get(status, "gl-ok")
    cell = f'<span class="{css}">{_e(status)}</span>'
    if status == "excused":
        return cell + f" ({_e(reason or 'marked excused in the attendance log')})"
    return cell + (f" (override: {_e(reason)})" if reason else "")


def _question_cell(day: pd.Series, group: str | None, status: str, questions: pd.DataFrame) -> str:
    """The question of a paper lecture: on time, late, none, or why it is not asked."""
    date = day["date"]
    if _missing(day["presenter"]):
        return '<span class="gl-muted">—</span>'
    if group is not None and str(day["presenter"]) == group:
        return '<span class="gl-muted">not asked (own group presents)</span>'
    if date in questions.index:
        q = questions.loc[date]
        if bool(q["on_time"]):
            return '<span class="gl-ok">on time</span>'
        if bool(q["late"]):
            return '<span class="gl-warn">late</span>'
        return '<span class="gl-bad">none</span>'
    if status == "excused":
        return '<span class="gl-muted">not asked (excused)</span>'
    return '<span class="gl-muted">—</span>'


# --- problems of a course folder ---------------------------------------------------------


def problems_table(problems: Iterable[Problem]) -> str:
    """Validation problems as an HTML table, errors first, with a summary line.

    When there are errors, a short paragraph tells the GSI to fix the files and re-run
    the notebook.
    """
    listed = list(problems)
    errors = [p for p in listed if p.severity is Severity.ERROR]
    warnings = [p for p in listed if p.severity is not Severity.ERROR]
    summary = f"{_plural(len(errors), 'error')}, {_plural(len(warnings), 'warning')}"
    attrs = f'data-errors="{len(errors)}" data-warnings="{len(warnings)}"'
    out = [f'<div class="gl-root gl-problems" {attrs}>{STYLE}']
    if not listed:
        out.append(f"<p><b>{summary}</b>: the course folder is ready to grade.</p></div>")
        return "".join(out)
    out.append(f"<p><b>{summary}</b></p>")
    if errors:
        out.append(
            '<p class="gl-error-help">Grading stops until the errors are fixed. Correct the '
            "files named below in the course folder (the row and column say where), save "
            "them, and re-run the notebook from the top. Warnings do not stop grading but "
            "are worth a look.</p>"
        )
    rows, classes = [], []
    for problem in [*errors, *warnings]:
        is_error = problem.severity is Severity.ERROR
        severity = f'<span class="{"gl-bad" if is_error else "gl-warn"}">{_e(problem.severity)}'
        rows.append(
            [
                severity + "</span>",
                _e(problem.file),
                _e(problem.sheet or ""),
                "" if problem.row is None else _e(problem.row),
                _e(problem.column or ""),
                _e(problem.message),
            ]
        )
        classes.append("gl-error" if is_error else "gl-warning")
    out.append(
        _table(
            ["Severity", "File", "Sheet", "Row", "Column", "Message"],
            rows,
            numeric=[3],
            row_classes=classes,
            extra_class="gl-problem-list",
        )
    )
    out.append("</div>")
    return "".join(out)


# --- the grades table --------------------------------------------------------------------

GRADES_TABLE_ID = "gl-grades"


#: How a component the grades frame holds no number for reads in the grades table.
_NO_NUMBER = {
    "excused": '<span class="gl-muted">excused</span>',
    "ungraded": '<span class="gl-muted">not graded</span>',
}


def _score_cell(record: dict, column: str) -> str:
    """A component, final or current score; a component's status says when it has none."""
    shown = _NO_NUMBER.get(str(record.get(f"{column}_status")))
    return shown if shown is not None else score_text(record.get(column))


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
    headers = [
        "Uniqname",
        "Name",
        "Group",
        *(_e(name) for name in COMPONENTS.values()),
        "Final",
        "Current",
        "Letter",
    ]
    rows, row_data = [], []
    for record in grades.to_dict("records"):
        key = str(record.get("uniqname", ""))
        cells = [
            _e(key),
            _e(record.get("name", "")),
            _e("" if _missing(record.get("group")) else record.get("group")),
            *(_score_cell(record, column) for column in [*COMPONENTS, "final", "current"]),
        ]
        letter = record.get("letter")
        cells.append(_e(letter) if isinstance(letter, str) and letter else DASH)
        rows.append(cells)
        # The final first, then the student: a diff of a changed row shows both.
        row_data.append({"final": score_text(record.get("final")), "uniqname": key})
    letter_column = len(headers) - 1
    table = _table(
        headers,
        rows,
        numeric=range(3, letter_column),
        cell_classes={letter_column: "gl-letter"},
        row_data=row_data,
        table_id=GRADES_TABLE_ID,
        extra_class="gl-grades",
    )
    return f'<div class="gl-root gl-grades-view">{STYLE}{table}</div>'
