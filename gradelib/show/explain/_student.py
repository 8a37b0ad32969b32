"""One student's rows of every report table, gathered once for the explanation.

Nothing here computes a score: values, statuses, counted weights and points are read
from the graded result (:class:`gradelib.score.grades.GradeReport`).
"""

from __future__ import annotations

from typing import Any

from gradelib.policy.model import COMPONENTS
from gradelib.show.explain._html import _missing, _text
from gradelib.show.explain._records import ClassRecords
from gradelib.show.rendered import fragment_once


class _Student:
    """What the breakdown needs about one student, gathered once.

    Every table is a plain dict or list, read from the class's records
    (:class:`gradelib.show.explain._records.ClassRecords`), not filtered per student.

    Attributes
    ----------
    row : dict
        The student's row of the grades frame (``name``, ``group``, ``final``,
        ``current``, ``letter``).
    parts : dict
        The parts behind the components (``report.parts``).
    components : dict
        Component -> ``current``, ``final``, ``status``, ``weight`` (counted) and
        ``points`` toward the final (as ``report.components.of(key)``).
    computed : dict
        ``final`` and ``current`` before a final override (``report.computed``).
    status, excused : dict
        Component -> its status, and whether it is excused.
    weights : dict
        Component -> its weight in the policy (before any renormalization).
    overrides : list of dict
        The student's rows of the overrides, in their order.
    attendance, questions, notes : dict of list
        The student's rows of those tables as columns (column name -> values), in the
        tables' order.
    paper : bool
        For a printed statement: no ``<style>`` block (the page has it once), folded
        parts open.
    """

    def __init__(self, records: ClassRecords, key: str, paper: bool = False):
        self.records = records
        self.course = records.course
        self.policy = records.policy
        self.key = key
        self.paper = paper
        self.row = records.row(key)
        self.parts = records.parts.row(key)
        values = {name: table.row(key) for name, table in records.components.items()}
        self.components = {k: {name: values[name][k] for name in values} for k in COMPONENTS}
        self.computed = records.computed.row(key)
        self.group = None if _missing(self.row["group"]) else str(self.row["group"])
        self.status = {k: str(self.components[k]["status"]) for k in COMPONENTS}
        self.excused = {k: self.status[k] == "excused" for k in COMPONENTS}
        rows = records.rows_of(key)
        self.overrides = records.overrides.of(key)
        self.attendance = rows["attendance"]
        self.questions = rows["questions"]
        self.notes = rows["notes"]
        final_override = records.final_override.get(key, float("nan"))
        self.final_override = None if _missing(final_override) else float(final_override)
        self.weights = records.weights

    def value(self, component: str, basis: str) -> object:
        """The component's value on ``basis`` (``current`` or ``final``); ``<NA>`` if none."""
        return self.components[component][basis]

    def component_override(self, component: str) -> dict[str, Any] | None:
        """The student's last override of ``component``, if any."""
        rows = [over for over in self.overrides if str(over["component"]) == component]
        return rows[-1] if rows else None

    def items(self, sheet: str) -> list[dict[str, Any]]:
        """The graded items of the student's group on ``sheet``, in the items' order."""
        return self.records.group_items(sheet, self.group)

    @property
    def counted_weight(self) -> float:
        """The weights counted toward the final, added up (the renormalization's
        denominator), as the graded result has it."""
        return float(self.records.counted_weight.row(self.key)["weight"])

    @property
    def current_weight(self) -> float:
        """The weights counted toward the current score, added up, as the graded
        result has it."""
        return float(self.records.current_weight.row(self.key)["weight"])

    @property
    def group_text(self) -> str:
        return self.group if self.group is not None else "no group"


def _override(s: _Student, component: str) -> dict[str, Any] | None:
    """The override of a component (``excused``, ``value``, ``was``, ``reason``), if any."""
    over = s.component_override(component)
    if over is None:
        return None
    if bool(over["excused"]):
        return {"excused": True, "reason": str(over["reason"])}
    computed = s.parts.get(f"computed_{component}", float("nan"))
    return {
        "excused": False,
        "value": _text(over["value"]),
        "was": _text(computed, missing="not graded"),
        "reason": str(over["reason"]),
    }


def _head(s: _Student, component: str) -> dict[str, Any]:
    """What every component's section starts with (the ``head`` of ``breakdown_parts.html``):
    its name, policy weight, whether it is excused, its override, and its ``title`` (the
    heading, HTML, made once per distinct name, weight and excused)."""
    name, weight, excused = COMPONENTS[component], _text(s.weights[component]), s.excused[component]
    return {
        "name": name,
        "weight": weight,
        "excused": excused,
        "override": _override(s, component),
        "title": fragment_once(
            s.records.rendered, "breakdown_title.html", name=name, weight=weight, excused=excused
        ),
    }
