"""The term planner's rows of ``benchmarks/run.py`` (issue 17).

For each form, a synthetic course with its preference form
(``write_sample_course(..., paper_lectures=...)``) is written to a temporary folder and
``gradelib.plan.plan_term`` timed on it: ``plan_s``, the median wall time (reading the
form, forming groups, solving; one run when the target is :data:`LONG_PLAN_S` or more),
against its target ``target_s``, with the plan's size and fairness.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

#: Planner forms: (students, paper lectures or None for the sample calendar's 18, target s).
DEFAULT_PLANS: tuple[tuple[int, int | None, float], ...] = ((40, None, 2.0), (300, 60, 30.0))
QUICK_PLANS = DEFAULT_PLANS[:1]
#: Forms with a target of this many seconds or more are planned once, not ``--repeat`` times.
LONG_PLAN_S = 10.0
#: Column -> (table heading, format) in the planner's table, in order.
PLAN_COLUMNS: dict[str, tuple[str, str]] = {
    "students": ("size", "{:>8d}"),
    "lectures": ("paper lectures", "{:>14d}"),
    "groups": ("groups", "{:>6d}"),
    "responses": ("responses", "{:>9d}"),
    "plan_s": ("plan s", "{:>8.2f}"),
    "target_s": ("target s", "{:>8.1f}"),
    "met": ("met", "{:>3}"),
    "mean_rank": ("mean rank", "{:>9.2f}"),
    "worst_rank": ("worst rank", "{:>10d}"),
}


def bench_plan(
    students: int, lectures: int | None, target: float, repeat: int, seed: int
) -> dict[str, Any]:
    """Time ``plan_term`` on a synthetic form of ``students`` and ``lectures`` papers
    (``None``: the sample calendar's), with the plan's size and fairness."""
    from gradelib.plan import plan_term
    from gradelib.sample import write_sample_course

    with tempfile.TemporaryDirectory(prefix=f"gradelib-bench-plan-{students}-") as tmp:
        folder = Path(tmp) / "course"
        write_sample_course(folder, students=students, seed=seed, paper_lectures=lectures)
        form = folder / "preferences.csv"
        times = []
        for _ in range(repeat if target < LONG_PLAN_S else 1):
            start = time.perf_counter()
            plan = plan_term(folder, form)
            times.append(time.perf_counter() - start)
        responses = len(pd.read_csv(form, dtype=str))
    papers = plan.schedule["presenter"].fillna("").astype(str).ne("").sum()
    return {
        "students": students,
        "lectures": int(papers),
        "groups": int(plan.groups["group"].nunique()),
        "responses": responses,
        "plan_s": statistics.median(times),
        "target_s": target,
        "met": "yes" if statistics.median(times) < target else "no",
        "mean_rank": float(plan.fairness["mean_rank"]),
        "worst_rank": int(plan.fairness["worst_rank"]),
    }


def plan_form(text: str) -> tuple[int, int | None, float]:
    """``300:60`` (students and paper lectures) or ``40`` (the sample calendar), with the
    target of the default form of that size (else 30 s)."""
    students, _, lectures = text.partition(":")
    size = (int(students), int(lectures) if lectures else None)
    targets = {(s, n): target for s, n, target in DEFAULT_PLANS}
    return (*size, targets.get(size, 30.0))
