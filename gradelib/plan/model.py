"""The roles of the paper lectures as a CP-SAT model (OR-Tools), solved in stages.

Variables: ``x[r, g, j]`` is 1 when group ``g`` plays role ``r`` (presenter, summarizer,
reviewer) at paper lecture ``j``.

Hard rules (never broken):

- one group per role per lecture (syllabus, *Student Lectures*: "only one group will
  present in each class"; *Post-Presentation Panel Discussion*: one summary, one reviewer
  slot);
- the presenter, summarizer and reviewer of a lecture are three different groups (the
  *Panel Discussion*'s "three distinct roles played by different student groups"; so a
  group never summarizes the lecture it gave, *Lecture Summaries*); with two groups only
  presenter and summarizer differ, with one nothing can;
- every pin.

Soft rules (broken only where they cannot all hold, each break counted by a slack):

- each group presents, summarizes and reviews at least once (*Student Lectures*, *Lecture
  Summaries*, *Panel Discussion*);
- each role's counts are as even as possible: ``floor(L / G)`` or ``ceil(L / G)`` per group,
  so no group presents twice while another has not presented, unless there are more
  lectures than groups (issue 17); the same for all roles together
  (``floor(3L / G)``..``ceil(3L / G)``), so that a group left without a presentation gets
  another role.

The objective is lexicographic, one stage after another, each stage keeping the best
value of the ones before (:data:`STAGES`):

1. the fewest rule breaks (the sum of the slacks);
2. the worst-served group as well as possible: the largest cost of any presentation;
3. the rank-weighted total: the sum of the presentation costs;
4. the summaries' and reviews' costs (a group summarizes or reviews papers it ranked).

A cost is the paper's rank in the group's list (1st choice costs 1), or the longest list's
length + 1 when the paper is not in the list; a group with a list that presents nothing
(fewer lectures than groups) costs one more than that. A group with no list (a formed
group) is indifferent: cost 0 everywhere, so when lectures are too few the groups that
sent a list are the ones served first. Fairness before total: protecting the worst-off group
first is what a seminar owes each group; the total then picks, among the plans that do
so, the one that serves the class best.

Determinism: one worker (``num_workers=1``), a fixed ``random_seed`` and a *deterministic*
time limit per stage (``max_deterministic_time``, in the solver's own work units, not in
seconds), so that the same input gives the same plan on every run and machine speed; a
generous wall-clock cap guards against a runaway model only.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

ROLES = ("presenter", "summarizer", "reviewer")
STAGES = ("rule breaks", "worst presentation cost", "total presentation cost", "other costs")
#: Work units per stage (the solver's deterministic time), at least this many and one per
#: 500 variables (a 300-student term needs about 40 to find a first plan); wall-clock cap.
DETERMINISTIC_LIMIT = 5.0
VARIABLES_PER_UNIT = 500
WALL_LIMIT = 600.0


class NoPlan(RuntimeError):
    """The solver found no plan: ``infeasible`` when it proved there is none."""

    def __init__(self, status: str) -> None:
        super().__init__(f"no plan: the solver says {status}")
        self.infeasible = status == "INFEASIBLE"


@dataclass(frozen=True)
class Solved:
    """What the solver found.

    Attributes
    ----------
    roles : dict of str to list of int
        Role -> the group index at each paper lecture, in lecture order.
    optimal : tuple of bool
        Per stage of :data:`STAGES`, whether the solver proved its value best.
    seconds : float
        Wall-clock time of all stages.
    """

    roles: dict[str, list[int]]
    optimal: tuple[bool, ...]
    seconds: float


def even_bounds(total: int, groups: int) -> tuple[int, int]:
    """``(floor, ceil)`` of ``total / groups``: the counts of an even spread."""
    return total // groups, math.ceil(total / groups)


def _build(costs: list[list[int]], pins: list[tuple[int, int, int]], soft: bool):
    """The model, its variables and the four stage objectives; the counts' rules are hard
    unless ``soft`` (then each break is a slack, and the first objective their sum)."""
    groups, lectures = len(costs), len(costs[0]) if costs else 0
    model = cp_model.CpModel()
    x = {
        (r, g, j): model.new_bool_var(f"x{r}_{g}_{j}")
        for r in range(3) for g in range(groups) for j in range(lectures)
    }  # fmt: skip
    for r in range(3):
        for j in range(lectures):
            model.add_exactly_one(x[r, g, j] for g in range(groups))
    distinct = range(3) if groups >= 3 else range(2) if groups == 2 else ()
    for g in range(groups):
        for j in range(lectures):
            model.add_at_most_one(x[r, g, j] for r in distinct)
    for j, r, g in pins:
        model.add(x[r, g, j] == 1)
    slacks = []
    low, high = even_bounds(lectures, groups)
    low_all, high_all = even_bounds(3 * lectures, groups)
    for g in range(groups):
        counts = [sum(x[r, g, j] for j in range(lectures)) for r in range(3)]
        bounds = [(count, max(low, 1), high) for count in counts]
        if not soft:
            for count, least, most in [
                *[(c, low, high) for c in counts],
                (sum(counts), low_all, high_all),
            ]:
                model.add_linear_constraint(count, least, most)
            continue
        for count, least, most in [*bounds, (sum(counts), max(low_all, 1), high_all)]:
            under = model.new_int_var(0, least, "")
            over = model.new_int_var(0, 3 * lectures, "")
            model.add(count + under >= least)
            model.add(count - over <= most)
            slacks += [under, over]
    idle_cost = max((max(row, default=0) for row in costs), default=0) + 1
    worst = model.new_int_var(0, idle_cost, "")
    idle = [model.new_bool_var(f"idle{g}") for g in range(groups)]
    for g in range(groups):
        model.add(sum(x[0, g, j] for j in range(lectures)) + idle[g] >= 1)
        if any(costs[g]):
            model.add(worst >= idle_cost * idle[g])
        for j in range(lectures):
            if costs[g][j]:
                model.add(worst >= costs[g][j] * x[0, g, j])
    total = sum(costs[g][j] * x[0, g, j] for g in range(groups) for j in range(lectures))
    total += sum(idle_cost * idle[g] for g in range(groups) if any(costs[g]))
    other = sum(
        costs[g][j] * x[r, g, j] for r in (1, 2) for g in range(groups) for j in range(lectures)
    )
    return model, x, [sum(slacks), worst, total, other]


def solve_roles(costs: list[list[int]], pins: list[tuple[int, int, int]], seed: int = 0) -> Solved:
    """Assign the three roles of every paper lecture.

    Parameters
    ----------
    costs : list of list of int
        ``costs[g][j]``: group ``g``'s cost of lecture ``j`` (see the module docstring),
        at least one group; ``G x L``.
    pins : list of (int, int, int)
        ``(lecture, role, group)`` indices that must hold; checked by the caller to name
        one group per lecture and role and one role per group and lecture.
    seed : int
        The solver's ``random_seed``.

    Returns
    -------
    Solved

    Raises
    ------
    NoPlan
        When the solver finds no plan within its limit (the soft model, tried when the
        hard one is proved infeasible, always has one unless the pins contradict the
        hard rules, which the caller rules out).
    """
    started = time.perf_counter()
    try:
        roles, optimal = _solve(costs, pins, seed, soft=False)
    except NoPlan as failed:
        if not failed.infeasible:
            raise
        roles, optimal = _solve(costs, pins, seed, soft=True)
    return Solved(roles, optimal, time.perf_counter() - started)


def _solve(costs: list[list[int]], pins: list, seed: int, soft: bool) -> tuple[dict, tuple]:
    """The stages of :func:`solve_roles` on the hard (``soft`` False: every count rule
    kept, stage 1 is 0) or the soft model; :class:`NoPlan` when no plan is found."""
    model, x, objectives = _build(costs, pins, soft)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    size = 3 * len(costs) * len(costs[0])
    solver.parameters.max_deterministic_time = max(DETERMINISTIC_LIMIT, size / VARIABLES_PER_UNIT)
    solver.parameters.max_time_in_seconds = WALL_LIMIT
    for (r, g, j), variable in x.items():  # a spread start: roles at j, j + L, j + 2L
        model.add_hint(variable, g == (j + r * len(costs[0])) % len(costs))
    optimal = []
    for objective in objectives:
        if isinstance(objective, int):  # no slack in the hard model: no rule broken
            optimal.append(True)
            continue
        model.minimize(objective)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise NoPlan(solver.status_name(status))
        optimal.append(status == cp_model.OPTIMAL)
        model.add(objective <= round(solver.objective_value))
        model.clear_hints()
        for variable in x.values():
            model.add_hint(variable, solver.boolean_value(variable))
    groups, lectures = len(costs), len(costs[0]) if costs else 0
    roles = {
        role: [next(g for g in range(groups) if solver.boolean_value(x[r, g, j]))
               for j in range(lectures)]
        for r, role in enumerate(ROLES)
    }  # fmt: skip
    return roles, tuple(optimal)
