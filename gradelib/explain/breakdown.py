"""One student's grade explained: header, components, rubric items and project parts."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from gradelib.explain._html import (
    DASH,
    LECTURE_ROLES,
    PART_NAMES,
    STYLE,
    _day,
    _e,
    _formula,
    _hours,
    _local,
    _missing,
    _student_key,
    _table,
    _two,
    _ul,
    _unknown_student,
)
from gradelib.explain._student import _override_paragraph, _section_title, _Student
from gradelib.explain.sections import (
    _letters_section,
    _notes_section,
    _overrides_section,
    _participation_section,
)
from gradelib.load.course import Course
from gradelib.policy import COMPONENTS, Policy
from gradelib.score.grades import GradeReport


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
        ``data-final`` (two decimals) attributes: header, component table, the items and
        counts behind each component, overrides, letter scale and notes. An unknown
        uniqname gives a short message (with close matches) instead.
    """
    key = _student_key(uniqname)
    if key not in set(report.grades["uniqname"]):
        return _unknown_student(key, report.grades["uniqname"])
    student = _Student(course, report, key)
    row = student.row
    final = row["final"]
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
    final_attr = "" if _missing(final) else _two(final)
    return (
        f'<div class="gl-root gl-breakdown" data-uniqname="{_e(key)}" '
        f'data-final="{_e(final_attr)}">{STYLE}' + "".join(body) + "</div>"
    )


def _header(s: _Student) -> str:
    row = s.row
    final, current = row["final"], row["current"]
    letter = row["letter"] if isinstance(row["letter"], str) and row["letter"] else DASH
    lines = [
        f'<h2>{_e(row["name"])} <span class="gl-muted">({_e(s.key)})</span></h2>',
        '<div class="gl-summary">',
        f"<span>Group <b>{_e(s.group_text)}</b></span>",
        f"<span>Final <b>{_two(final)}</b></span>",
        f"<span>Current <b>{_two(current)}</b></span>",
        f"<span>Letter <b>{_e(letter)}</b></span>",
        "</div>",
    ]
    graded_all = all(
        s.excused[k] or not _missing(row[k]) for k in COMPONENTS
    )  # every counted component has a score
    if s.final_override is not None:
        lines.append(
            "<p>The final was set by an override (see <i>Overrides</i>); "
            "the current score equals it.</p>"
        )
    elif graded_all:
        lines.append("<p>Every component is graded, so the current score equals the final.</p>")
    else:
        lines.append(
            "<p>Some components are <b>not graded yet</b>: the final counts them as 0, the "
            "current score counts only the graded ones (as Canvas's current score does). "
            "The letter comes from the final.</p>"
        )
    return "".join(lines)


def _components_table(s: _Student) -> str:
    row = s.row
    renormalized = any(s.excused.values())
    headers = ["Component", "Weight"]
    if renormalized:
        headers.append("Counted weight")
    headers += ["Score", "Points toward the final"]
    rows, classes = [], []
    earned = 0.0
    shown_sum = Decimal("0.00")
    graded_points, graded_weight = 0.0, 0.0
    for key, name in COMPONENTS.items():
        value = row[key]
        cells = [_e(name), _two(s.weights[key])]
        if renormalized:
            cells.append("left out" if s.excused[key] else _two(s.effective[key]))
        if s.excused[key]:
            cells += ['<span class="gl-muted">excused</span>', "left out"]
        elif _missing(value):
            cells += ['<span class="gl-warn">not graded yet</span>', "0.00 (until graded)"]
        else:
            points = s.effective[key] * float(value) / 100.0
            earned += points
            graded_points += points
            graded_weight += s.effective[key]
            shown = _two(value)
            if s.component_override(key) is not None:
                shown += ' <span class="gl-muted">(override)</span>'
            cells += [shown, _two(points)]
            shown_sum += Decimal(_two(points))
        rows.append(cells)
        classes.append("")
    total = ["Final", "100.00"]
    if renormalized:
        total.append("100.00")
    total += ["", _two(earned)]
    rows.append(total)
    classes.append("gl-total")
    numeric = range(1, len(headers))
    out = ["<h3>Components</h3>", _table(headers, rows, numeric=numeric, row_classes=classes)]
    weight_word = "counted weight" if renormalized else "weight"
    explain = [f"Points toward the final = {weight_word} × score / 100; the final is their sum."]
    if f"{shown_sum:.2f}" != _two(earned):
        explain.append(
            f"(The points shown add up to {shown_sum:.2f}: each is rounded for display, "
            "the final is summed before rounding.)"
        )
    if renormalized:
        left_out = ", ".join(COMPONENTS[k] for k in COMPONENTS if s.excused[k])
        explain.append(
            f"{_e(left_out)} is excused: the other weights are renormalized so that they add "
            f"up to 100 (each × 100 / {_two(s.counted_weight)})."
        )
    out.append("<p>" + " ".join(explain) + "</p>")
    if s.final_override is None and not _missing(row["current"]) and graded_weight < 100 - 1e-9:
        out.append(
            "<p>Current score = points of the graded components / their weight × 100 = "
            + _formula(
                f"{_two(graded_points)} / {_two(graded_weight)} × 100 = {_two(row['current'])}"
            )
            + ".</p>"
        )
    if s.final_override is not None:
        over = s.component_override("final")
        reason = _e(over["reason"]) if over is not None else ""
        out.append(
            f'<p class="gl-override">Override: the final is set to '
            f"<b>{_two(s.final_override)}</b> instead of the computed {_two(earned)}. "
            f"Reason: {reason}</p>"
        )
    return "".join(out)


def _graders(item: pd.Series) -> str:
    count = int(item["graders"])
    return f"{'grader' if count == 1 else 'graders'} {item['grader_scores']}"


def _item_rows(s: _Student, sheet: str) -> pd.DataFrame:
    items = s.report.items
    return items.loc[(items["sheet"] == sheet) & (items["group"] == s.group)]


def _lecture_section(s: _Student, component: str) -> str:
    name = COMPONENTS[component]
    role = LECTURE_ROLES[component]
    policy = s.policy
    out = [_section_title(s, component)]
    schedule = s.course.schedule
    slots = (
        schedule.loc[schedule[role].eq(s.group).fillna(False).astype(bool)]
        if s.group
        else schedule.iloc[0:0]
    )
    graded = _item_rows(s, component)
    by_date = {pd.Timestamp(d): item for d, item in graded.set_index("date").iterrows()}
    lines, scores = [], []
    missing = 0
    verb = "presents" if component == "presentation" else "summarizes"
    for day in slots["date"]:
        item = by_date.get(pd.Timestamp(day))
        label = f"{name} of {_day(day)}"
        if item is None or _missing(item["score"]):
            missing += 1
            lines.append(f'{_e(label)}: <span class="gl-warn">not graded yet</span>')
            continue
        scores.append(float(item["score"]))
        line = f"{_e(label)}: <b>{_two(item['score'])}</b> ({_e(_graders(item))})"
        line += _timing(item, component, policy)
        lines.append(line)
    if slots.empty:
        out.append(
            f"<p>Group {_e(s.group_text)} has no lecture in the schedule where it {verb}: "
            "the component is missing (counted as 0 in the final, left out of the current "
            "score).</p>"
        )
    else:
        out.append(_ul(lines))
        computed = s.parts.get(f"computed_{component}", float("nan"))
        if missing:
            out.append(
                f"<p>{_e(name)} is missing until every lecture above is graded "
                "(counted as 0 in the final meanwhile).</p>"
            )
        elif len(scores) == 1:
            out.append(f"<p>{_e(name)} = the one lecture's score = <b>{_two(computed)}</b>.</p>")
        else:
            terms = " + ".join(_two(v) for v in scores)
            out.append(
                f"<p>{_e(name)} = mean of the {len(scores)} lectures = "
                + _formula(f"({terms}) / {len(scores)} = {_two(computed)}")
                + "</p>"
            )
    out.append(_override_paragraph(s, component))
    return "".join(out)


def _timing(item: pd.Series, component: str, policy: Policy) -> str:
    """The late rule's ruling on one lecture item, in course-local time."""
    submitted, deadline = item["submitted"], item["deadline"]
    if component == "summary":
        window = f"{_hours(policy.summary_hours_after_class)} hours after class end"
        if _missing(submitted):
            return '<br><span class="gl-muted">No submission time recorded: counted.</span>'
        if bool(item["late"]):
            return (
                f'<br><span class="gl-bad">Late: submitted {_e(_local(submitted, policy))}, '
                f"after the deadline {_e(_local(deadline, policy))} ({_e(window)}). "
                f"Not counted: scored 0.00 instead of {_two(item['raw_score'])}.</span>"
            )
        return (
            f'<br><span class="gl-ok">On time: submitted {_e(_local(submitted, policy))}, '
            f"deadline {_e(_local(deadline, policy))} ({_e(window)}).</span>"
        )
    window = f"{_hours(policy.slides_hours_before_class)} hours before class"
    if _missing(submitted):
        return '<br><span class="gl-muted">No slides time recorded.</span>'
    if bool(item["flagged"]):
        return (
            f'<br><span class="gl-warn">Slides flagged: sent {_e(_local(submitted, policy))}, '
            f"after the deadline {_e(_local(deadline, policy))} (less than {_e(window)}). "
            "Flagged only, not penalized.</span>"
        )
    return (
        f'<br><span class="gl-ok">Slides on time: sent {_e(_local(submitted, policy))}, '
        f"due {_e(_local(deadline, policy))} ({_e(window)}).</span>"
    )


def _project_section(s: _Student, component: str) -> str:
    name = COMPONENTS[component]
    shares = getattr(s.policy, component)
    out = [_section_title(s, component)]
    lines, terms = [], []
    complete = True
    for sheet, share in shares.items():
        label = PART_NAMES.get(sheet, sheet.replace("_", " ").capitalize())
        items = _item_rows(s, sheet)
        head = f"{_e(label)} ({_two(share)} % of {_e(name)})"
        value = s.parts.get(sheet, float("nan"))
        if items.empty or _missing(value):
            complete = False
            lines.append(f'{head}: <span class="gl-warn">not graded yet</span>')
            continue
        item = items.iloc[0]
        lines.append(f"{head}: <b>{_two(value)}</b> ({_e(_graders(item))})")
        terms.append(f"{_two(share)} % × {_two(value)}")
    out.append(_ul(lines))
    computed = s.parts.get(f"computed_{component}", float("nan"))
    if complete and not _missing(computed):
        out.append(
            f"<p>{_e(name)} = " + _formula(" + ".join(terms) + f" = {_two(computed)}") + "</p>"
        )
    else:
        out.append(
            f"<p>{_e(name)} is missing until every part is graded (counted as 0 in the final "
            "meanwhile).</p>"
        )
    out.append(_override_paragraph(s, component))
    return "".join(out)
