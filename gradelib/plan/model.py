"""The roles of the paper lectures (OR-Tools), solved in stages.

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

How (issue 17): the presenters first, exactly, as min-cost flows (stage 2: the least cap
on the pairs' costs that leaves a flow; 3: the cheapest flow under it); then stage 4 in
CP-SAT, the summarizers and reviewers alone (best for those presenters; ties go to the
groups after the presenter), the counts' rules hard; only when that finds no plan, the whole
CP-SAT model (those rules soft). A flow has no randomness; CP-SAT runs one worker, a fixed
``random_seed``, a *deterministic* limit per stage and a wall-clock cap against runaways.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from ortools.graph.python import min_cost_flow
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


def _bounds(costs: list[list[int]]) -> tuple[int, int, int, int, int, int]:
    """Groups, lectures, and the even bounds of one role and of all roles."""
    groups, lectures = len(costs), len(costs[0]) if costs else 0
    return groups, lectures, *even_bounds(lectures, groups), *even_bounds(3 * lectures, groups)


def _build(costs: list[list[int]], pins: list[tuple[int, int, int]]):
    """The whole model, its variables and the four stage objectives; each break of the
    counts' rules is a slack, and the first objective their sum."""
    groups, lectures, low, high, low_all, high_all = _bounds(costs)
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
    for g in range(groups):
        counts = [sum(x[r, g, j] for j in range(lectures)) for r in range(3)]
        bounds = [(count, max(low, 1), high) for count in counts]
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
        When no plan is found within the limit (the whole model always has one unless
        the pins contradict the hard rules, which the caller rules out).
    """
    started = time.perf_counter()
    try:  # the presenters first, then the other roles: fast, the rules kept
        caps = sorted({c for row in costs for c in row} | {max(map(max, costs)) + 1})
        flows = (_flow(costs, pins, cap) for cap in caps)  # stage 2: the least cap; 3: its flow
        presenters = next((chosen for chosen in flows if chosen is not None), None)
        if presenters is None:
            raise NoPlan("INFEASIBLE")
        roles, last = _others(costs, pins, seed, presenters)
        roles, optimal = {ROLES[0]: presenters, **roles}, (True, True, True, *last)
    except NoPlan:  # the whole model: slower; with slacks when the rules cannot all hold
        roles, optimal = _solve(costs, pins, seed)
    return Solved(roles, optimal, time.perf_counter() - started)


def _solve(costs: list[list[int]], pins: list, seed: int) -> tuple[dict, tuple]:
    """The stages of :func:`solve_roles` on the whole model, the count rules soft;
    :class:`NoPlan` when no plan is found."""
    model, x, objectives = _build(costs, pins)
    solver = _solver(seed, len(x))
    for (r, g, j), variable in x.items():  # a spread start: roles at j, j + L, j + 2L
        model.add_hint(variable, g == (j + r * len(costs[0])) % len(costs))
    optimal = _stages(solver, model, x, objectives)
    return _roles(solver, x, range(3)), tuple(optimal)


def _roles(solver: cp_model.CpSolver, x: dict, played: range) -> dict[str, list[int]]:
    """Role -> the group at each lecture, as solved, for the roles ``played``."""
    at = {(r, j): g for (r, g, j), variable in x.items() if solver.boolean_value(variable)}
    return {ROLES[r]: [at[r, j] for j in range(1 + max(k for _, k in at))] for r in played}


def _solver(seed: int, size: int) -> cp_model.CpSolver:
    """One worker, ``seed``, a deterministic limit growing with ``size`` variables."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = max(DETERMINISTIC_LIMIT, size / VARIABLES_PER_UNIT)
    solver.parameters.max_time_in_seconds = WALL_LIMIT
    return solver


def _stages(solver, model, x: dict, objectives: list) -> list[bool]:
    """Minimize each objective in turn, keeping each best value and hinting the last plan;
    whether each stage was proved best; :class:`NoPlan` when one finds no plan."""
    optimal = []
    for objective in objectives:
        model.minimize(objective)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise NoPlan(solver.status_name(status))
        optimal.append(status == cp_model.OPTIMAL)
        model.add(objective <= round(solver.objective_value))
        model.clear_hints()
        for variable in x.values():
            model.add_hint(variable, solver.boolean_value(variable))
    return optimal


def _flow(costs: list[list[int]], pins: list, cap: int) -> list[int] | None:
    """The cheapest presenters (costs and idle groups) as a min-cost flow (groups ->
    lectures) using only the pairs costing at most ``cap`` (a pin always), each group's
    count in its even bounds; ``None`` when there is none."""
    groups, lectures, low, high, low_all, high_all = _bounds(costs)
    least, most = max(low, low_all - 2 * high), min(high, high_all)
    idle_cost = max(max(row) for row in costs) + 1
    fixed = {j: g for j, r, g in pins if r == 0}
    barred = {(g, j) for j, r, g in pins if r and groups >= 2 + (r == 2)}
    big = (idle_cost + 1) * (lectures + groups + 1)  # forces the lower bounds first
    flow, sink = min_cost_flow.SimpleMinCostFlow(), groups + lectures + 1
    add = flow.add_arc_with_capacity_and_unit_cost
    for g in range(groups):
        lower = max(least, 1) if any(costs[g]) and cap < idle_cost else least
        idle = any(costs[g]) and lower == 0 and most > 0
        for capacity, cost in ((lower, -big), (idle, -idle_cost), (most - lower - idle, 0)):
            add(0, 1 + g, capacity, cost)
        for j in range(lectures):
            allowed = fixed.get(j, g) == g and (g, j) not in barred
            if allowed and (costs[g][j] <= cap or fixed.get(j) == g):
                add(1 + g, 1 + groups + j, 1, costs[g][j])
    for j in range(lectures):
        add(1 + groups + j, sink, 1, 0)
    flow.set_node_supply(0, lectures)
    flow.set_node_supply(sink, -lectures)
    arcs = range(flow.num_arcs())
    if flow.solve() != flow.OPTIMAL or any(
        flow.flow(a) < flow.capacity(a) for a in arcs if flow.unit_cost(a) == -big
    ):
        return None
    chosen = [0] * lectures
    for a in arcs:
        if flow.flow(a) and 0 < flow.tail(a) <= groups and flow.head(a) != sink:
            chosen[flow.head(a) - 1 - groups] = flow.tail(a) - 1
    return chosen


def _others(costs: list[list[int]], pins: list, seed: int, presenters: list[int]):
    """The summarizers and reviewers once the presenters are fixed: stage 4 of
    :data:`STAGES` under the hard rules; their roles and whether proved best."""
    groups, lectures, low, high, low_all, high_all = _bounds(costs)
    distinct = range(3) if groups >= 3 else range(2) if groups == 2 else ()
    fixed = {(j, r): g for j, r, g in pins}
    model = cp_model.CpModel()
    x = {
        (r, g, j): model.new_bool_var(f"x{r}_{g}_{j}")
        for r in (1, 2) for g in range(groups) for j in range(lectures)
        if fixed.get((j, r), g) == g and not (r in distinct and presenters[j] == g)
    }  # fmt: skip
    for r in (1, 2):
        for j in range(lectures):
            model.add_exactly_one(x[r, g, j] for g in range(groups) if (r, g, j) in x)
    for (r, g, j), variable in x.items():
        if r == 1 and 2 in distinct and (2, g, j) in x:
            model.add_at_most_one(variable, x[2, g, j])
    for g in range(groups):
        counts = [sum(x[r, g, j] for j in range(lectures) if (r, g, j) in x) for r in (1, 2)]
        for count in counts:
            model.add_linear_constraint(count, low, high)
        mine = presenters.count(g)
        model.add_linear_constraint(sum(counts), low_all - mine, high_all - mine)
    after = {(r, g, j) for r, g, j in x if g == (presenters[j] + r) % groups}
    for key, variable in x.items():  # a start; ties go to the groups after the presenter
        model.add_hint(variable, key in after)
    other = sum(costs[g][j] * variable for (r, g, j), variable in x.items())
    solver = _solver(seed, len(x))
    solver.parameters.linearization_level = 2  # its LP solves this near-assignment fast
    optimal = _stages(solver, model, x, [other, -sum(x[key] for key in after)])
    return _roles(solver, x, range(1, 3)), optimal[:1]
