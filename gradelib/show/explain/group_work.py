"""The group components of a breakdown: lectures presented or summarized, project parts.

Each section lists the items behind the component (graded or not yet), then how the
component's current value (over the graded items) and its final-basis value (an item not
graded yet counted as 0) come from them. The values shown are the report's.
"""

from __future__ import annotations

import pandas as pd

from gradelib.policy.model import COMPONENTS, LECTURE_ROLES, ROLE_VERBS, Policy
from gradelib.sheets.rounding import score_text
from gradelib.show.explain._html import (
    PART_NAMES,
    _day,
    _e,
    _formula,
    _hours,
    _local,
    _missing,
    _plural,
    _ul,
)
from gradelib.show.explain._student import (
    _excused_paragraph,
    _override_paragraph,
    _section_title,
    _Student,
)

_NOT_GRADED = '<span class="gl-warn">not graded yet</span>'


def _graders(item: pd.Series) -> str:
    count = int(item["graders"])
    return f"{'grader' if count == 1 else 'graders'} {item['grader_scores']}"


def _item_rows(s: _Student, sheet: str) -> pd.DataFrame:
    items = s.report.items
    return items.loc[(items["sheet"] == sheet) & (items["group"] == s.group)]


def _slots(s: _Student, component: str) -> pd.DataFrame:
    """The schedule rows where the student's group has this component's role."""
    schedule = s.course.schedule
    if not s.group:
        return schedule.iloc[0:0]
    return schedule.loc[schedule[LECTURE_ROLES[component]].eq(s.group).fillna(False).astype(bool)]


def _lecture_section(s: _Student, component: str) -> str:
    out = [_section_title(s, component)]
    if s.excused[component]:
        return "".join([*out, _excused_paragraph(s, component)])
    slots = _slots(s, component)
    if slots.empty:
        verb = ROLE_VERBS[LECTURE_ROLES[component]]
        out.append(
            f"<p>Group {_e(s.group_text)} has no lecture in the schedule where it {verb}: "
            "the component is missing (counted as 0 in the final, left out of the current "
            "score).</p>"
        )
    else:
        graded = _item_rows(s, component)
        by_date = {pd.Timestamp(d): item for d, item in graded.set_index("date").iterrows()}
        lines, scores = [], []
        for day in slots["date"]:
            item = by_date.get(pd.Timestamp(day))
            label = _e(f"{COMPONENTS[component]} of {_day(day)}")
            if item is None or _missing(item["score"]):
                lines.append(f"{label}: {_NOT_GRADED}")
                continue
            scores.append(float(item["score"]))
            line = f"{label}: <b>{score_text(item['score'])}</b> ({_e(_graders(item))})"
            lines.append(line + _timing(item, component, s.policy))
        out.append(_ul(lines))
        out.append(_lecture_formula(s, component, scores, len(slots) - len(scores)))
    out.append(_override_paragraph(s, component))
    return "".join(out)


def _lecture_formula(s: _Student, component: str, scores: list[float], missing: int) -> str:
    """How the lecture component comes from its lectures, on both bases."""
    name = _e(COMPONENTS[component])
    computed = score_text(s.parts.get(f"computed_{component}", float("nan")))
    terms = [score_text(v) for v in scores]
    if not scores:
        return (
            f"<p>No lecture above is graded yet: {name} is left out of the current score "
            "and counts as 0 in the final.</p>"
        )
    which = "graded lecture" if missing else "lecture"
    if len(scores) == 1:
        current = f"the one {which}'s score = <b>{computed}</b>"
    else:
        mean = f"({' + '.join(terms)}) / {len(scores)} = {computed}"
        current = f"mean of the {len(scores)} {which}s = " + _formula(mean)
    if not missing:
        return f"<p>{name} = {current}.</p>"
    out = (
        f"<p>{_plural(missing, 'lecture')} not graded yet. Current value of {name} = "
        f"{current} (graded lectures only)."
    )
    if s.status[component] != "overridden":
        every = " + ".join([*terms, *(["0"] * missing)])
        final = score_text(s.value(component, "final"))
        out += (
            " Final basis: every scheduled lecture counts, one not graded yet as 0: "
            + _formula(f"({every}) / {len(scores) + missing} = {final}")
            + "."
        )
    return out + "</p>"


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
                f"Not counted: scored 0.00 instead of {score_text(item['raw_score'])}.</span>"
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
    out = [_section_title(s, component)]
    if s.excused[component]:
        return "".join([*out, _excused_paragraph(s, component)])
    lines, graded = [], {}
    for sheet, share in getattr(s.policy, component).items():
        label = PART_NAMES.get(sheet, sheet.replace("_", " ").capitalize())
        head = f"{_e(label)} ({score_text(share)} % of {_e(name)})"
        value = s.parts.get(sheet, float("nan"))
        items = _item_rows(s, sheet)
        if items.empty or _missing(value):
            lines.append(f"{head}: {_NOT_GRADED}")
            continue
        graded[sheet] = float(value)
        lines.append(f"{head}: <b>{score_text(value)}</b> ({_e(_graders(items.iloc[0]))})")
    out.append(_ul(lines))
    out.append(_project_formula(s, component, graded))
    out.append(_override_paragraph(s, component))
    return "".join(out)


def _project_formula(s: _Student, component: str, graded: dict[str, float]) -> str:
    """How the project component comes from its parts, on both bases."""
    name = _e(COMPONENTS[component])
    shares = getattr(s.policy, component)
    computed = score_text(s.parts.get(f"computed_{component}", float("nan")))
    if not graded:
        return (
            f"<p>No part is graded yet: {name} is left out of the current score and counts "
            "as 0 in the final.</p>"
        )
    terms = [f"{score_text(shares[p])} % × {score_text(v)}" for p, v in graded.items()]
    if len(graded) == len(shares):
        return f"<p>{name} = " + _formula(" + ".join(terms) + f" = {computed}") + "</p>"
    missing = [p for p in shares if p not in graded]
    graded_share = score_text(sum(shares[p] for p in graded))
    out = (
        f"<p>Current value of {name}, over the graded parts with their sub-weights "
        "renormalized: " + _formula(f"({' + '.join(terms)}) / {graded_share} % = {computed}") + "."
    )
    if s.status[component] != "overridden":
        zeros = [f"{score_text(shares[p])} % × 0" for p in missing]
        final = score_text(s.value(component, "final"))
        out += (
            " Final basis, a part not graded yet counted as 0: "
            + _formula(" + ".join([*terms, *zeros]) + f" = {final}")
            + "."
        )
    return out + "</p>"
