"""The group components of a breakdown: lectures presented or summarized, project parts.

Each section lists the items behind the component (graded or not yet), then how the
component's current value (over the graded items) and its final-basis value (an item not
graded yet counted as 0) come from them. The values shown are the report's; the HTML is
``breakdown_lecture.html`` and ``breakdown_project.html``.

A section reads the same for every member of a group with the same values (and often
for other groups too): it is made once per :func:`_piece_key` (the component's status,
values and override, the group or the parts' scores: everything the section is made of)
and reused.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from markupsafe import Markup

from gradelib.policy.model import COMPONENTS, LECTURE_ROLES, ROLE_VERBS, Policy
from gradelib.show.explain._html import PART_NAMES, _day, _hours, _local, _missing, _text
from gradelib.show.explain._student import _head, _Student
from gradelib.show.html import fragment
from gradelib.show.rendered import frozen


def _graders(item: dict[str, Any]) -> str:
    count = int(item["graders"])
    return f"{'grader' if count == 1 else 'graders'} {item['grader_scores']}"


def _slots(s: _Student, component: str) -> list[pd.Timestamp]:
    """The dates of the schedule where the student's group has this component's role."""
    if not s.group:
        return []
    return s.records.slots[component].get(s.group, [])


def _piece_key(s: _Student, component: str, *made_of: object) -> tuple[object, ...]:
    """What a group component's section is made of, as a key: the component's status,
    computed and final values and the student's override, and what else it shows
    (``made_of``: the group for a lecture, each part's score and graders for a project);
    the policy is the class's."""
    computed = s.parts.get(f"computed_{component}", float("nan"))
    over = s.component_override(component)
    return (
        "group section",
        component,
        s.status[component],
        _text(computed),
        _text(s.value(component, "final")),
        None if over is None else frozen(over),
        *made_of,
    )


def _lecture_section(s: _Student, component: str) -> Markup:
    """A lecture component: each scheduled lecture (its score, graders and late ruling),
    then the component from them on both bases (made once per :func:`_piece_key`)."""
    key = _piece_key(s, component, s.group)
    made = s.records.rendered.get(key)
    if made is None:
        made = s.records.rendered[key] = _lecture_piece(s, component)
    return made


def _lecture_piece(s: _Student, component: str) -> Markup:
    """:func:`_lecture_section`, made."""
    head = _head(s, component)
    if head["excused"]:
        return fragment("breakdown_lecture.html", head=head)
    slots = _slots(s, component)
    by_date = {pd.Timestamp(item["date"]): item for item in s.items(component)}
    lectures, scores = [], []
    for day in slots:
        item = by_date.get(pd.Timestamp(day))
        lecture: dict[str, Any] = {"label": f"{COMPONENTS[component]} of {_day(day)}"}
        if item is not None and not _missing(item["score"]):
            scores.append(_text(float(item["score"])))
            lecture |= {"score": _text(item["score"]), "graders": _graders(item)}
            lecture["timing"] = _timing(item, component, s.policy)
        lectures.append(lecture)
    return fragment(
        "breakdown_lecture.html",
        head=head,
        component=component,
        group=s.group_text,
        verb=ROLE_VERBS[LECTURE_ROLES[component]],
        lectures=lectures,
        scores=scores,
        missing=len(slots) - len(scores),
        scheduled=len(slots),
        computed=_text(s.parts.get(f"computed_{component}", float("nan"))),
        overridden=s.status[component] == "overridden",
        final=_text(s.value(component, "final")),
    )


def _timing(item: dict[str, Any], component: str, policy: Policy) -> dict[str, str]:
    """The late rule's ruling on one lecture item, in course-local time: ``ruling`` (none,
    late: a summary not counted, flagged: slides late, or on time), ``submitted``,
    ``deadline``, ``window`` and the ``raw`` score of a late summary."""
    submitted, deadline = item["submitted"], item["deadline"]
    if _missing(submitted):
        return {"ruling": "none"}
    if component == "summary":
        window = f"{_hours(policy.summary_hours_after_class)} hours after class end"
        late = bool(item["late"])
    else:
        window = f"{_hours(policy.slides_hours_before_class)} hours before class"
        late = bool(item["flagged"])
    ruling = "late" if component == "summary" else "flagged"
    return {
        "ruling": ruling if late else "on time",
        "submitted": _local(submitted, policy),
        "deadline": _local(deadline, policy),
        "window": window,
        "raw": _text(item["raw_score"]) if late and component == "summary" else "",
    }


def _project_section(s: _Student, component: str) -> Markup:
    """A project component: each part (its share, score and graders), then the component
    from them on both bases (made once per :func:`_piece_key`)."""
    key = _piece_key(s, component, *_parts_shown(s, component))
    made = s.records.rendered.get(key)
    if made is None:
        made = s.records.rendered[key] = _project_piece(s, component)
    return made


def _parts_shown(s: _Student, component: str) -> list[tuple[str, str | None]]:
    """Each part of a project component as its section shows it: the score's text and
    the graders of the group's first item (``None`` when the group has none)."""
    shown = []
    for sheet in getattr(s.policy, component):
        items = s.items(sheet)
        value = _text(s.parts.get(sheet, float("nan")))
        shown.append((value, _graders(items[0]) if items else None))
    return shown


def _project_piece(s: _Student, component: str) -> Markup:
    """:func:`_project_section`, made."""
    head = _head(s, component)
    if head["excused"]:
        return fragment("breakdown_project.html", head=head)
    shares = getattr(s.policy, component)
    parts, graded_shares = [], []
    for sheet, share in shares.items():
        label = PART_NAMES.get(sheet, sheet.replace("_", " ").capitalize())
        part = {"label": label, "share": _text(share), "graded": False}
        value = s.parts.get(sheet, float("nan"))
        items = s.items(sheet)
        if items and not _missing(value):
            part |= {"graded": True, "score": _text(value), "term": _text(float(value))}
            part["graders"] = _graders(items[0])
            graded_shares.append(share)
        parts.append(part)
    graded = [part for part in parts if part["graded"]]
    return fragment(
        "breakdown_project.html",
        head=head,
        parts=parts,
        graded=graded,
        missing=[part for part in parts if not part["graded"]],
        # The graded parts' sub-weights added: the denominator shown. The report does not
        # carry it (project_component's graded_share); it adds the policy's numbers.
        graded_share=_text(sum(graded_shares)),
        computed=_text(s.parts.get(f"computed_{component}", float("nan"))),
        overridden=s.status[component] == "overridden",
        final=_text(s.value(component, "final")),
    )
