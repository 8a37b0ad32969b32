"""One student's grade explained: header, components table, and the sections behind it.

Every number comes from the graded result (:func:`gradelib.score_course`): component
values on both bases, statuses, counted weights, points, the final and the current score.
Nothing is recomputed here; each is turned into text by
:func:`gradelib.sheets.rounding.score_text`.
"""

from __future__ import annotations

from gradelib.load.course import Course
from gradelib.policy.model import COMPONENTS
from gradelib.score.combine import COUNTED_NOW
from gradelib.score.grades import GradeReport
from gradelib.sheets.rounding import DASH, round_half_up, score_text
from gradelib.show.explain._html import (
    STYLE,
    _e,
    _formula,
    _missing,
    _student_key,
    _table,
    _unknown_student,
)
from gradelib.show.explain._student import _Student
from gradelib.show.explain.group_work import _lecture_section, _project_section
from gradelib.show.explain.sections import (
    _letters_section,
    _notes_section,
    _overrides_section,
    _participation_section,
)

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
    key = _student_key(uniqname)
    if key not in set(report.grades["uniqname"]):
        return _unknown_student(key, report.grades["uniqname"])
    student = _Student(course, report, key)
    body = [
        _header(student),
        _components_table(student),
        _lecture_section(student, "presentation"),
        _lecture_section(student, "summary"),
        _participation_section(student),
        _project_section(student, "project_report"),
        _project_section(student, "project_presentations"),
        _overrides_section(student),
        _letters_section(student),
        _notes_section(student),
    ]
    final_attr = score_text(student.row["final"], missing="")
    return (
        f'<div class="gl-root gl-breakdown" data-uniqname="{_e(key)}" '
        f'data-final="{_e(final_attr)}">{STYLE}' + "".join(body) + "</div>"
    )


def _header(s: _Student) -> str:
    row = s.row
    letter = row["letter"] if isinstance(row["letter"], str) and row["letter"] else DASH
    lines = [
        f'<h2>{_e(row["name"])} <span class="gl-muted">({_e(s.key)})</span></h2>',
        '<div class="gl-summary">',
        f"<span>Group <b>{_e(s.group_text)}</b></span>",
        f"<span>Final <b>{score_text(row['final'])}</b></span>",
        f"<span>Current <b>{score_text(row['current'])}</b></span>",
        f"<span>Letter <b>{_e(letter)}</b></span>",
        "</div>",
    ]
    return "".join(lines) + _bases_paragraph(s)


def _bases_paragraph(s: _Student) -> str:
    """How the final and the current score differ for this student, in words."""
    pending = [k for k in COMPONENTS if s.status[k] in ("partial", "ungraded")]
    if s.final_override is not None:
        return (
            "<p>The final was set by an override (see <i>Overrides</i>); "
            "the current score equals it.</p>"
        )
    if not pending:
        return "<p>Every component is graded, so the current score equals the final.</p>"
    if _missing(s.row["current"]):
        return (
            "<p>Nothing is graded yet: there is no current score, and the final counts "
            "every item as 0.</p>"
        )
    names = ", ".join(COMPONENTS[k] for k in pending)
    return (
        f"<p>Some work is <b>not graded yet</b> ({_e(names)}). The final counts every "
        "item not graded yet as 0 (the <i>Final basis</i> column). The current score, as "
        "Canvas's current score, counts graded items only (the <i>Current</i> column): a "
        "partly graded component by its graded items, a component with no graded item "
        "left out. The letter comes from the final.</p>"
    )


def _status_cell(status: str) -> str:
    word, css = STATUS_WORDS.get(status, (status, ""))
    return f'<span class="{css}">{_e(word)}</span>'


def _component_cells(s: _Student, key: str, renormalized: bool) -> list[str]:
    """One row of the components table, every number read from the report."""
    cells = [_e(COMPONENTS[key]), score_text(s.weights[key])]
    if renormalized:
        cells.append("left out" if s.excused[key] else score_text(s.components.at[key, "weight"]))
    cells.append(_status_cell(s.status[key]))
    if s.excused[key]:
        excused = _status_cell("excused")
        return [*cells, excused, excused, "left out"]
    return [
        *cells,
        score_text(s.value(key, "current")),
        score_text(s.value(key, "final")),
        score_text(s.components.at[key, "points"]),
    ]


def _components_table(s: _Student) -> str:
    renormalized = any(s.excused.values())
    headers = ["Component", "Weight", *(["Counted weight"] if renormalized else [])]
    headers += ["Status", "Current", "Final basis", "Points toward the final"]
    rows = [_component_cells(s, key, renormalized) for key in COMPONENTS]
    total = ["Final", "100.00", *(["100.00"] if renormalized else []), ""]
    total += [score_text(s.computed["current"]), "", score_text(s.computed["final"])]
    rows.append(total)
    classes = [""] * len(COMPONENTS) + ["gl-total"]
    status_column = headers.index("Status")
    numeric = [i for i in range(1, len(headers)) if i != status_column]
    table = _table(headers, rows, numeric=numeric, row_classes=classes)
    return "<h3>Components</h3>" + table + _components_paragraphs(s, renormalized)


def _components_paragraphs(s: _Student, renormalized: bool) -> str:
    weight_word = "counted weight" if renormalized else "weight"
    explain = [
        "<i>Current</i> is each component over its graded items; <i>Final basis</i> is the "
        "same with every item not graded yet counted as 0. Points toward the final = "
        f"{weight_word} × final basis / 100; the final is their sum."
    ]
    shown = round_half_up(s.components["points"]).sum()
    if score_text(shown) != score_text(s.computed["final"]):
        explain.append(
            f"(The points shown add up to {score_text(shown)}: each is rounded for display, "
            "the final is summed before rounding.)"
        )
    if renormalized:
        left_out = ", ".join(COMPONENTS[k] for k in COMPONENTS if s.excused[k])
        counted = sum(w for k, w in s.weights.items() if not s.excused[k])
        explain.append(
            f"{_e(left_out)} is excused: the other weights are renormalized so that they add "
            f"up to 100 (each × 100 / {score_text(counted)})."
        )
    out = ["<p>" + " ".join(explain) + "</p>", _current_paragraph(s)]
    if s.final_override is not None:
        over = s.component_override("final")
        reason = _e(over["reason"]) if over is not None else ""
        out.append(
            f'<p class="gl-override">Override: the final is set to '
            f"<b>{score_text(s.final_override)}</b> instead of the computed "
            f"{score_text(s.computed['final'])}. Reason: {reason}</p>"
        )
    return "".join(out)


def _current_paragraph(s: _Student) -> str:
    """The current score as the weighted mean of the components with a graded item."""
    if not any(s.status[k] in ("partial", "ungraded") for k in COMPONENTS):
        return ""
    if _missing(s.computed["current"]):
        return "<p>No component has a graded item yet, so there is no current score.</p>"
    now = [
        k for k in COMPONENTS if s.status[k] in COUNTED_NOW and not _missing(s.value(k, "current"))
    ]
    terms = " + ".join(
        f"{score_text(s.weights[k])} × {score_text(s.value(k, 'current'))}" for k in now
    )
    weight = score_text(sum(s.weights[k] for k in now))
    return (
        "<p>Current score = the mean of the current values of the components with a "
        "graded item, weighted by their weights: "
        + _formula(f"({terms}) / {weight} = {score_text(s.computed['current'])}")
        + ".</p>"
    )
