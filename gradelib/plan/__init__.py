"""Planning a term from the groups' preference form (issue 17): groups, and who
presents, summarizes and reviews each paper lecture.

=================================  ==================================================
module                             job
=================================  ==================================================
:mod:`gradelib.plan.inputs`        roster, time zone, ``lectures.csv``
:mod:`gradelib.plan.form`          the preference form (Google Forms CSV)
:mod:`gradelib.plan.groups`        declared groups kept, the rest formed
:mod:`gradelib.plan.model`         the roles as a CP-SAT model (OR-Tools)
:mod:`gradelib.plan.rules`         the rules checked on a plan; ranks; fairness
:mod:`gradelib.plan.proposal`      :class:`Plan`, :class:`Pin`, :func:`write_plan`
:mod:`gradelib.plan.term`          :func:`plan_term`, all of it in one call
:mod:`gradelib.plan.options`       the ``gradelib plan`` command's options
=================================  ==================================================

The names are imported when first used, so that the command line reads the options
without loading OR-Tools.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gradelib.plan.proposal import Pin, Plan, write_plan
    from gradelib.plan.term import plan_term

_ON_FIRST_USE = {
    "Pin": "gradelib.plan.proposal",
    "Plan": "gradelib.plan.proposal",
    "write_plan": "gradelib.plan.proposal",
    "plan_term": "gradelib.plan.term",
}

__all__ = ["Pin", "Plan", "plan_term", "write_plan"]


def __getattr__(name: str) -> Any:
    """The names of :data:`_ON_FIRST_USE`, imported when first asked for."""
    if name in _ON_FIRST_USE:
        value = getattr(importlib.import_module(_ON_FIRST_USE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'gradelib.plan' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
