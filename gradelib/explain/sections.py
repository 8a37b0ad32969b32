"""The later sections of a breakdown: participation, overrides, the letter scale, notes."""

from __future__ import annotations

import pandas as pd

from gradelib.explain._html import (
    MINUS,
    PARTICIPATION_PARTS,
    _day,
    _e,
    _formula,
    _missing,
    _plural,
    _table,
    _two,
    _ul,
)
from gradelib.explain._student import _override_paragraph, _section_title, _Student
from gradelib.policy import COMPONENTS, FAIL_LETTER


def _participation_section(s: _Student) -> str:
    p = s.parts
    policy = s.policy
    out = [_section_title(s, "participation")]
    shares = policy.participation

    # Attendance.
    held, absent = int(p["held"]), int(p["absences"])
    excused_days = int(p["excused_days"])
    allowance = policy.absence_allowance
    out.append(f"<h4>Attendance ({_two(shares['attendance'])} % of Participation)</h4>")
    days_total = held + excused_days
    out.append(
        f"<p>Class days counted H = {held}"
        + (
            f" ({days_total} attendance days, {_plural(excused_days, 'excused day')} taken out)"
            if excused_days
            else ""
        )
        + f"; absences A = {absent}; allowance {allowance} "
        "(absences forgiven without a reason).</p>"
    )
    if held > 0:
        ratio = (held - absent + allowance) / held
        value = 100.0 * min(1.0, ratio)
        out.append(
            "<p>attendance = "
            + _formula("min(1, (H − A + allowance) / H)")
            + " = "
            + _formula(f"min(1, ({held} {MINUS} {absent} + {allowance}) / {held})")
            + f" = <b>{_two(value)} %</b></p>"
        )
    else:
        out.append("<p>No class day is counted (all excused): attendance = <b>100.00 %</b>.</p>")
    record = s.report.attendance
    mine = record.loc[record["uniqname"] == s.key].sort_values("date", kind="stable")
    day_lines = []
    plain_absences = mine.loc[(mine["status"] == "absent") & mine["reason"].isna(), "date"]
    if len(plain_absences):
        day_lines.append(
            f'<span class="gl-bad">absent</span> on {_plural(len(plain_absences), "day")}: '
            + ", ".join(_day(d) for d in plain_absences)
        )
    for _, day in mine.iterrows():
        status = str(day["status"])
        reason = None if _missing(day["reason"]) else str(day["reason"])
        if status == "absent":
            if reason:
                day_lines.append(
                    f'<span class="gl-bad">absent</span> on {_day(day["date"])} '
                    f"(set by override: {_e(reason)})"
                )
        elif status == "excused":
            why = reason or "marked excused in the attendance log"
            day_lines.append(f"excused on {_day(day['date'])} ({_e(why)})")
        elif reason:
            day_lines.append(f"present on {_day(day['date'])} (set by override: {_e(reason)})")
    if day_lines:
        out.append(_ul(day_lines))
    else:
        out.append("<p>Present on every class day.</p>")

    # Questions.
    out.append(f"<h4>Questions ({_two(shares['questions'])} % of Participation)</h4>")
    asked, answered = int(p["asked"]), int(p["answered"])
    questions = s.report.questions
    mine_q = questions.loc[questions["uniqname"] == s.key]
    if asked:
        out.append(
            f"<p>On time for {answered} of {asked} paper lectures: questions = "
            + _formula(f"100 × {answered} / {asked} = {_two(p['questions'])}")
            + " (a question is on time when submitted before class starts at "
            + f"{policy.class_start:%H:%M}, course time).</p>"
        )
    else:
        out.append(
            "<p>No paper lecture to ask about: questions = <b>100.00</b> (nothing missed).</p>"
        )
    late = [_day(d) for d in mine_q.loc[mine_q["late"], "date"].sort_values()]
    none = [_day(d) for d in mine_q.loc[~mine_q["on_time"] & ~mine_q["late"], "date"].sort_values()]
    q_lines = []
    if late:
        q_lines.append("late (after class start, not counted): " + ", ".join(late))
    if none:
        q_lines.append("missing (no question): " + ", ".join(none))
    own, excused_papers = _not_asked(s)
    if own:
        q_lines.append("not asked, own group presents: " + ", ".join(_day(d) for d in own))
    if excused_papers:
        q_lines.append("not asked, excused: " + ", ".join(_day(d) for d in excused_papers))
    out.append(_ul(q_lines))

    # Piazza.
    target = policy.piazza_target
    out.append(f"<h4>Piazza ({_two(shares['piazza'])} % of Participation)</h4>")
    contributions = int(p["contributions"])
    listed = bool(p["in_piazza"])
    text = (
        f"<p>{_plural(contributions, 'contribution')} of the {target} for full credit: "
        + _formula(f"100 × min(1, {contributions} / {target}) = {_two(p['piazza'])}")
        + "</p>"
    )
    if not listed:
        text += (
            '<p class="gl-warn">Not found in the Piazza export (by email or uniqname): '
            "counted as 0 contributions.</p>"
        )
    out.append(text)

    # Combined.
    terms = " + ".join(f"{_two(shares[part])} % × {_two(p[part])}" for part in PARTICIPATION_PARTS)
    words = " + ".join(
        f"{_two(shares[part])} % {word}" for part, word in PARTICIPATION_PARTS.items()
    )
    out.append(
        f"<p>Participation = {_e(words)} = "
        + _formula(f"{terms} = {_two(p['computed_participation'])}")
        + "</p>"
    )
    out.append(_override_paragraph(s, "participation"))
    return "".join(out)


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
            value = f"{_two(over['value'])} ({'present' if over['value'] >= 100 else 'absent'})"
        else:
            value = _two(over["value"])
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
        position = f"Final {_two(final)} gives <b>{_e(letter)}</b>"
        index = next((i for i, (name, _) in enumerate(bounds) if name == letter), len(bounds))
        if index < len(bounds):
            position += f" (cut-off {_two(bounds[index][1])})"
        if index > 0:
            above_name, above_cut = bounds[index - 1]
            position += (
                f"; {_two(above_cut - float(final))} points below {_e(above_name)} "
                f"({_two(above_cut)})"
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
    cuts = "".join(
        f"<td{here(name)}>{_two(cut) if cut is not None else 'below ' + _two(lowest)}</td>"
        for name, cut in columns
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


# --- the student's class days ------------------------------------------------------------
