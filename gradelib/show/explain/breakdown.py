"""One student's grade explained: header, components table, and the sections behind it.

Every number comes from the graded result (:func:`gradelib.score_course`): component
values on both bases, statuses, counted weights, points, the final and the current score.
Nothing is recomputed here; each is turned into text by
:func:`gradelib.sheets.rounding.score_text`. The HTML is ``breakdown.html``.
"""

from __future__ import annotations

from typing import Any

from gradelib.load.course import Course
from gradelib.policy.model import COMPONENTS
from gradelib.score.combine import COUNTED_NOW
from gradelib.score.grades import GradeReport
from gradelib.sheets.rounding import DASH
from gradelib.show.explain._html import _missing, _status, _student_key, _text, _unknown_student
from gradelib.show.explain._records import ClassRecords, class_records
from gradelib.show.explain._student import _Student
from gradelib.show.explain.group_work import _lecture_section, _project_section
from gradelib.show.explain.sections import (
    _letters_section,
    _notes_section,
    _overrides_section,
    _participation_section,
)
from gradelib.show.html import render
from gradelib.show.rendered import column_classes, table_rows

#: How each status reads in the components table, and its style.
STATUS_WORDS = {
    "graded": ("graded", "gl-ok"),
    "partial": ("partly graded", "gl-warn"),
    "ungraded": ("not graded yet", "gl-warn"),
    "excused": ("excused", "gl-muted"),
    "overridden": ("override", "gl-muted"),
}


def student_breakdown(course: Course, report: GradeReport, uniqname: str) -> str:
    """One student's grade explained in plain words, as a self-contained HTML fragment.

    Parameters
    ----------
    course : Course
        The course (policy, schedule, overrides).
    report : GradeReport
        :func:`gradelib.score_course` of that course.
    uniqname : str
        The student (case and surrounding spaces ignored).

    Returns
    -------
    str
        A ``<div class="gl-root gl-breakdown">`` with ``data-uniqname`` and
        ``data-final`` (two decimals) attributes: header, component table (weight,
        status, current value, final-basis value, points toward the final), the items
        and counts behind each component, overrides, letter scale and notes. An unknown
        uniqname gives a short message (with close matches) instead.
    """
    return _breakdown(class_records(course, report), uniqname)


def _breakdown(records: ClassRecords, uniqname: str, paper: bool = False) -> str:
    """:func:`student_breakdown`; on ``paper`` without its style block, notes unfolded."""
    key = _student_key(uniqname)
    if not records.known(key):
        return _unknown_student(key, records.uniqnames, style=not paper)
    s = _Student(records, key, paper)
    sections = [
        _lecture_section(s, "presentation"),
        _lecture_section(s, "summary"),
        _participation_section(s),
        _project_section(s, "project_report"),
        _project_section(s, "project_presentations"),
        _overrides_section(s),
        _letters_section(s),
        _notes_section(s),
    ]
    letter = s.row["letter"]
    context = {
        "key": key,
        "name": str(s.row["name"]),
        "group": s.group_text,
        "final": _text(s.row["final"]),
        "final_attribute": _text(s.row["final"], missing=""),
        "current": _text(s.row["current"]),
        "letter": letter if isinstance(letter, str) and letter else DASH,
        "bases": _bases(s),
        "components": _components(s),
        "sections": sections,
    }
    return render("breakdown.html", **context, **({"style": ""} if paper else {}))


def _bases(s: _Student) -> dict[str, Any]:
    """How the final and the current score differ for this student (``bases`` of the
    template): ``overridden``, ``pending`` component names, ``no_current``."""
    return {
        "overridden": s.final_override is not None,
        "pending": [COMPONENTS[k] for k in COMPONENTS if s.status[k] in ("partial", "ungraded")],
        "no_current": _missing(s.row["current"]),
    }


def _status_cell(status: str) -> dict[str, str]:
    word, css = STATUS_WORDS.get(status, (status, ""))
    return _status(css, word)


def _component_cells(s: _Student, key: str, renormalized: bool) -> list[object]:
    """One row of the components table, every number read from the report."""
    cells: list[object] = [COMPONENTS[key], _text(s.weights[key])]
    if renormalized:
        cells.append("left out" if s.excused[key] else _text(s.components[key]["weight"]))
    cells.append(_status_cell(s.status[key]))
    if s.excused[key]:
        excused = _status_cell("excused")
        return [*cells, excused, excused, "left out"]
    return [
        *cells,
        _text(s.value(key, "current")),
        _text(s.value(key, "final")),
        _text(s.components[key]["points"]),
    ]


def _components(s: _Student) -> dict[str, Any]:
    """The components table (``headers``, ``rows`` made HTML, ``numeric``) and what the
    paragraphs under it say (``components`` of the template)."""
    renormalized = any(s.excused.values())
    headers = ["Component", "Weight", *(["Counted weight"] if renormalized else [])]
    headers += ["Status", "Current", "Final basis", "Points toward the final"]
    rows = [_component_cells(s, key, renormalized) for key in COMPONENTS]
    total = ["Final", "100.00", *(["100.00"] if renormalized else []), ""]
    total += [_text(s.computed["current"]), "", _text(s.computed["final"])]
    status_column = headers.index("Status")
    # What the points as shown (each rounded) add up to: said when it is not the final.
    shown = _text(s.records.points_shown(s.key))
    over = s.component_override("final") if s.final_override is not None else None
    numeric = tuple(i for i in range(1, len(headers)) if i != status_column)
    row_classes = [""] * len(COMPONENTS) + ["gl-total"]
    return {
        "headers": headers,
        "rows": table_rows(s.records.rendered, [*rows, total], len(headers), numeric, row_classes),
        "numeric": numeric,
        "attributes": column_classes(len(headers), numeric),
        "renormalized": renormalized,
        "shown": shown if shown != _text(s.computed["final"]) else None,
        "left_out": ", ".join(COMPONENTS[k] for k in COMPONENTS if s.excused[k]),
        "counted": _text(s.counted_weight),
        "current": _current(s),
        "computed_final": _text(s.computed["final"]),
        "final_override": None if s.final_override is None else _text(s.final_override),
        "final_reason": "" if over is None else str(over["reason"]),
    }


def _current(s: _Student) -> dict[str, Any] | None:
    """The current score as the weighted mean of the components with a graded item:
    ``terms`` (weight, value), their ``weight`` and the ``value``; None when all is graded."""
    if not any(s.status[k] in ("partial", "ungraded") for k in COMPONENTS):
        return None
    if _missing(s.computed["current"]):
        return {"terms": [], "weight": "", "value": None}
    now = [
        k for k in COMPONENTS if s.status[k] in COUNTED_NOW and not _missing(s.value(k, "current"))
    ]
    return {
        "terms": [(_text(s.weights[k]), _text(s.value(k, "current"))) for k in now],
        "weight": _text(s.current_weight),
        "value": _text(s.computed["current"]),
    }
