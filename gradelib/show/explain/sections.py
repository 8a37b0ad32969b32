"""The later sections of a breakdown: participation, overrides, the letter scale, notes.

The values shown are the report's; the HTML is ``breakdown_participation.html``,
``breakdown_overrides.html``, ``breakdown_letters.html`` and ``breakdown_notes.html``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from markupsafe import Markup

from gradelib.policy.letters import FAIL_LETTER
from gradelib.policy.model import COMPONENTS
from gradelib.show.explain._html import PARTICIPATION_PARTS, _day, _missing, _text
from gradelib.show.explain._student import _head, _Student
from gradelib.show.html import fragment
from gradelib.show.rendered import fragment_once


def _participation_section(s: _Student) -> Markup:
    """Participation: attendance, questions and Piazza, each with its formula, then the
    component from them."""
    head = _head(s, "participation")
    if head["excused"]:
        return fragment("breakdown_participation.html", head=head)
    p, known = s.parts, s.records.rendered
    shares = s.policy.participation
    parts = {
        part: {"word": word, "share": _text(shares[part]), "value": _text(p[part])}
        for part, word in PARTICIPATION_PARTS.items()
    }
    own, excused_papers = _not_asked(s)
    q = s.questions
    asked = list(zip(q["date"], q["late"], q["on_time"], strict=True))
    # Pieces most students share are made once per class; the questions differ most.
    attendance = fragment_once(
        known,
        "participation_attendance.html",
        part=parts["attendance"],
        held=int(p["held"]),
        absent=int(p["absences"]),
        excused_days=int(p["excused_days"]),
        attendance_days=int(p["held"]) + int(p["excused_days"]),
        allowance=s.policy.absence_allowance,
        days=_attendance_days(s),
    )
    questions = fragment(
        "participation_questions.html",
        part=parts["questions"],
        asked=int(p["asked"]),
        answered=int(p["answered"]),
        class_start=f"{s.policy.class_start:%H:%M}",
        late=[_day(d) for d in sorted(d for d, late, _ in asked if late)],
        no_question=[_day(d) for d in sorted(d for d, late, on in asked if not on and not late)],
        own=[_day(d) for d in own],
        excused_papers=[_day(d) for d in excused_papers],
    )
    piazza = fragment_once(
        known,
        "participation_piazza.html",
        part=parts["piazza"],
        contributions=int(p["contributions"]),
        target=s.policy.piazza_target,
        in_piazza=bool(p["in_piazza"]),
    )
    computed = _text(p["computed_participation"])
    over = head["override"]
    total = fragment_once(
        known, "participation_total.html", parts=parts, computed=computed, over=over
    )
    pieces = {"attendance": attendance, "questions": questions, "piazza": piazza, "total": total}
    return fragment("breakdown_participation.html", head=head, **pieces)


def _attendance_days(s: _Student) -> list[dict[str, Any]]:
    """The student's absences, excused days and attendance overrides, one line each:
    ``status`` (absences: the plain ones together; absent, excused, present: one day),
    ``dates`` and ``reason``."""
    a = s.attendance
    days = zip(a["date"], a["status"], a["reason"], strict=True)
    mine = sorted(days, key=lambda day: day[0])  # stable: a day keeps its place
    lines = []
    plain_absences = [
        date for date, status, reason in mine if str(status) == "absent" and _missing(reason)
    ]
    if plain_absences:
        lines.append({"status": "absences", "dates": [_day(d) for d in plain_absences]})
    for date, status, reason in mine:
        status = str(status)
        reason = None if _missing(reason) else str(reason)
        if status == "excused":
            reason = reason or "marked excused in the attendance log"
        elif not reason:
            continue
        lines.append({"status": status, "dates": [_day(date)], "reason": reason})
    return lines


def _not_asked(s: _Student) -> tuple[list[pd.Timestamp], list[pd.Timestamp]]:
    """Paper lectures left out of the student's question count: own group's, excused."""
    papers = [day for day in s.records.days if day.roles["presenter"] is not None]
    own = [day.date for day in papers if day.roles["presenter"] == s.group]
    a = s.attendance
    marked = zip(a["date"], a["status"], strict=True)
    excused = {date for date, status in marked if str(status) == "excused"}
    own_days = set(own)
    excused_papers = [
        day.date for day in papers if day.date in excused and day.date not in own_days
    ]
    return own, excused_papers


def _override_target(component: str) -> str:
    if component in COMPONENTS:
        return COMPONENTS[component]
    if component == "final":
        return "Final"
    if component.startswith("attendance:"):
        return "Attendance on " + component.split(":", 1)[1]
    return component


def _overrides_section(s: _Student) -> Markup:
    """The student's overrides: what each sets, to what, and why."""
    rows = []
    for over in s.overrides:
        component = str(over["component"])
        if bool(over["excused"]):
            value = "excused"
        elif component.startswith("attendance:"):
            day = "present" if over["value"] >= 100 else "absent"
            value = f"{_text(over['value'])} ({day})"
        else:
            value = _text(over["value"])
        rows.append([_override_target(component), value, str(over["reason"])])
    return fragment_once(s.records.rendered, "breakdown_overrides.html", rows=rows)


def _letters_section(s: _Student) -> Markup:
    """Where the final falls on the letter scale, and the scale."""
    final = s.row["final"]
    letter = s.row["letter"]
    bounds = [(name, float(cut)) for name, cut in s.policy.letters]
    context: dict[str, Any] = {"final": None, "letter": letter}
    if not _missing(final):
        index = next((i for i, (name, _) in enumerate(bounds) if name == letter), len(bounds))
        context |= {
            "final": _text(final),
            "cutoff": _text(bounds[index][1]) if index < len(bounds) else None,
            "above": None,
        }
        if index > 0:
            name, cut = bounds[index - 1]
            short = _text(cut - float(final))
            context["above"] = {"letter": name, "cutoff": _text(cut), "short": short}
    # The scale is the policy's: its table is made once per letter marked on it.
    known = ("breakdown_scale.html", letter)
    table = s.records.rendered.get(known)
    if table is None:
        table = s.records.rendered[known] = _scale_table(bounds, letter)
    return fragment("breakdown_letters.html", scale_table=table, **context)


def _scale_table(bounds: list[tuple[str, float]], letter: object) -> Markup:
    """The letter scale (each letter and its cut-off), ``letter`` marked on it."""
    lowest = bounds[-1][1] if bounds else 0.0
    scale = [{"letter": name, "cutoff": _text(cut)} for name, cut in bounds]
    scale.append({"letter": FAIL_LETTER, "cutoff": "below " + _text(lowest)})
    return fragment("breakdown_scale.html", scale=scale, letter=letter)


def _notes_section(s: _Student) -> Markup:
    """The notes of the grades table about this student, folded (open on paper)."""
    mine = s.notes["note"]
    lines = [line for note in mine for line in str(note).splitlines()]
    return fragment("breakdown_notes.html", notes=bool(mine), lines=lines, paper=s.paper)
