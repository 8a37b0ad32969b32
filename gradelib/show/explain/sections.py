"""The later sections of a breakdown: participation, overrides, the letter scale, notes."""

from __future__ import annotations

import pandas as pd

from gradelib.policy.letters import FAIL_LETTER
from gradelib.policy.model import COMPONENTS
from gradelib.sheets.rounding import score_text
from gradelib.show.explain._html import (
    MINUS,
    PARTICIPATION_PARTS,
    _day,
    _e,
    _formula,
    _missing,
    _plural,
    _table,
    _ul,
)
from gradelib.show.explain._student import (
    _excused_paragraph,
    _override_paragraph,
    _section_title,
    _Student,
)


def _participation_section(s: _Student) -> str:
    out = [_section_title(s, "participation")]
    if s.excused["participation"]:
        return "".join([*out, _excused_paragraph(s, "participation")])
    p = s.parts
    shares = s.policy.participation
    out += [_attendance_part(s), _questions_part(s), _piazza_part(s)]
    terms = " + ".join(
        f"{score_text(shares[part])} % × {score_text(p[part])}" for part in PARTICIPATION_PARTS
    )
    words = " + ".join(
        f"{score_text(shares[part])} % {word}" for part, word in PARTICIPATION_PARTS.items()
    )
    out.append(
        f"<p>Participation = {_e(words)} = "
        + _formula(f"{terms} = {score_text(p['computed_participation'])}")
        + "</p>"
    )
    out.append(_override_paragraph(s, "participation"))
    return "".join(out)


def _attendance_part(s: _Student) -> str:
    p = s.parts
    held, absent = int(p["held"]), int(p["absences"])
    excused_days = int(p["excused_days"])
    allowance = s.policy.absence_allowance
    share = score_text(s.policy.participation["attendance"])
    out = [f"<h4>Attendance ({share} % of Participation)</h4>"]
    taken_out = (
        f" ({held + excused_days} attendance days, "
        f"{_plural(excused_days, 'excused day')} taken out)"
        if excused_days
        else ""
    )
    out.append(
        f"<p>Class days counted H = {held}{taken_out}; absences A = {absent}; allowance "
        f"{allowance} (absences forgiven without a reason).</p>"
    )
    if held > 0:
        out.append(
            "<p>attendance = "
            + _formula("min(1, (H − A + allowance) / H)")
            + " = "
            + _formula(f"min(1, ({held} {MINUS} {absent} + {allowance}) / {held})")
            + f" = <b>{score_text(p['attendance'])} %</b></p>"
        )
    else:
        out.append("<p>No class day is counted (all excused): attendance = <b>100.00 %</b>.</p>")
    day_lines = _attendance_days(s)
    out.append(_ul(day_lines) if day_lines else "<p>Present on every class day.</p>")
    return "".join(out)


def _attendance_days(s: _Student) -> list[str]:
    """The student's absences, excused days and attendance overrides, one line each."""
    record = s.report.attendance
    mine = record.loc[record["uniqname"] == s.key].sort_values("date", kind="stable")
    lines = []
    plain_absences = mine.loc[(mine["status"] == "absent") & mine["reason"].isna(), "date"]
    if len(plain_absences):
        lines.append(
            f'<span class="gl-bad">absent</span> on {_plural(len(plain_absences), "day")}: '
            + ", ".join(_day(d) for d in plain_absences)
        )
    for _, day in mine.iterrows():
        status = str(day["status"])
        reason = None if _missing(day["reason"]) else str(day["reason"])
        if status == "absent":
            if reason:
                lines.append(
                    f'<span class="gl-bad">absent</span> on {_day(day["date"])} '
                    f"(set by override: {_e(reason)})"
                )
        elif status == "excused":
            why = reason or "marked excused in the attendance log"
            lines.append(f"excused on {_day(day['date'])} ({_e(why)})")
        elif reason:
            lines.append(f"present on {_day(day['date'])} (set by override: {_e(reason)})")
    return lines


def _questions_part(s: _Student) -> str:
    p = s.parts
    share = score_text(s.policy.participation["questions"])
    out = [f"<h4>Questions ({share} % of Participation)</h4>"]
    asked, answered = int(p["asked"]), int(p["answered"])
    if asked:
        out.append(
            f"<p>On time for {answered} of {asked} paper lectures: questions = "
            + _formula(f"100 × {answered} / {asked} = {score_text(p['questions'])}")
            + " (a question is on time when submitted before class starts at "
            + f"{s.policy.class_start:%H:%M}, course time).</p>"
        )
    else:
        out.append(
            "<p>No paper lecture to ask about: questions = <b>100.00</b> (nothing missed).</p>"
        )
    questions = s.report.questions
    mine = questions.loc[questions["uniqname"] == s.key]
    late = [_day(d) for d in mine.loc[mine["late"], "date"].sort_values()]
    none = [_day(d) for d in mine.loc[~mine["on_time"] & ~mine["late"], "date"].sort_values()]
    lines = []
    if late:
        lines.append("late (after class start, not counted): " + ", ".join(late))
    if none:
        lines.append("missing (no question): " + ", ".join(none))
    own, excused_papers = _not_asked(s)
    if own:
        lines.append("not asked, own group presents: " + ", ".join(_day(d) for d in own))
    if excused_papers:
        lines.append("not asked, excused: " + ", ".join(_day(d) for d in excused_papers))
    out.append(_ul(lines))
    return "".join(out)


def _piazza_part(s: _Student) -> str:
    p = s.parts
    target = s.policy.piazza_target
    share = score_text(s.policy.participation["piazza"])
    contributions = int(p["contributions"])
    text = (
        f"<h4>Piazza ({share} % of Participation)</h4>"
        f"<p>{_plural(contributions, 'contribution')} of the {target} for full credit: "
        + _formula(f"100 × min(1, {contributions} / {target}) = {score_text(p['piazza'])}")
        + "</p>"
    )
    if not bool(p["in_piazza"]):
        text += (
            '<p class="gl-warn">Not found in the Piazza export (by email or uniqname): '
            "counted as 0 contributions.</p>"
        )
    return text


def _not_asked(s: _Student) -> tuple[list[pd.Timestamp], list[pd.Timestamp]]:
    """Paper lectures left out of the student's question count: own group's, excused."""
    schedule = s.course.schedule
    papers = schedule.loc[schedule["presenter"].notna(), ["date", "presenter"]]
    own = [d for d, g in zip(papers["date"], papers["presenter"], strict=True) if g == s.group]
    record = s.report.attendance
    excused = set(
        record.loc[(record["uniqname"] == s.key) & (record["status"] == "excused"), "date"]
    )
    excused_papers = [d for d in papers["date"] if d in excused and d not in set(own)]
    return own, excused_papers


def _override_target(component: str) -> str:
    if component in COMPONENTS:
        return COMPONENTS[component]
    if component == "final":
        return "Final"
    if component.startswith("attendance:"):
        return "Attendance on " + component.split(":", 1)[1]
    return component


def _overrides_section(s: _Student) -> str:
    out = ["<h3>Overrides</h3>"]
    if s.overrides.empty:
        out.append("<p>No override for this student.</p>")
        return "".join(out)
    rows = []
    for _, over in s.overrides.iterrows():
        component = str(over["component"])
        if bool(over["excused"]):
            value = "excused"
        elif component.startswith("attendance:"):
            day = "present" if over["value"] >= 100 else "absent"
            value = f"{score_text(over['value'])} ({day})"
        else:
            value = score_text(over["value"])
        rows.append([_e(_override_target(component)), _e(value), _e(over["reason"])])
    out.append(_table(["What", "Set to", "Reason"], rows))
    return "".join(out)


def _letters_section(s: _Student) -> str:
    final = s.row["final"]
    letter = s.row["letter"]
    bounds = [(name, float(cut)) for name, cut in s.policy.letters]
    out = ["<h3>Letter grade</h3>"]
    if _missing(final):
        out.append("<p>No final yet, so no letter.</p>")
    else:
        position = f"Final {score_text(final)} gives <b>{_e(letter)}</b>"
        index = next((i for i, (name, _) in enumerate(bounds) if name == letter), len(bounds))
        if index < len(bounds):
            position += f" (cut-off {score_text(bounds[index][1])})"
        if index > 0:
            above_name, above_cut = bounds[index - 1]
            position += (
                f"; {score_text(above_cut - float(final))} points below {_e(above_name)} "
                f"({score_text(above_cut)})"
            )
        else:
            position += ", the highest letter"
        out.append(
            f"<p>{position}. Letters come from the final rounded half-up to two decimals; "
            "each cut-off is the lowest final for its letter (inclusive).</p>"
        )
    columns = [*bounds, (FAIL_LETTER, None)]
    lowest = bounds[-1][1] if bounds else 0.0

    def here(name: str) -> str:
        return ' class="gl-here"' if name == letter else ""

    head = "".join(f"<th{here(name)}>{_e(name)}</th>" for name, _ in columns)
    below = "below " + score_text(lowest)
    cuts = "".join(
        f"<td{here(name)}>{below if cut is None else score_text(cut)}</td>" for name, cut in columns
    )
    out.append(
        '<table class="gl-table gl-scale"><tbody>'
        f"<tr><th>Letter</th>{head}</tr><tr><th>Lowest final</th>{cuts}</tr>"
        "</tbody></table>"
    )
    return "".join(out)


def _notes_section(s: _Student) -> str:
    notes = s.report.notes
    mine = notes.loc[notes["uniqname"] == s.key, "note"]
    if mine.empty:
        return ""
    lines = [_e(line) for note in mine for line in str(note).splitlines()]
    return (
        f"<details><summary>Notes in the grades table ({len(lines)})</summary>"
        + _ul(lines)
        + "</details>"
    )
