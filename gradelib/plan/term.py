"""Planning a term: groups and the roles of every paper lecture, from the preference form
(issue 17). :func:`plan_term` reads and checks everything in one pass, forms the groups
(:mod:`gradelib.plan.groups`), solves the roles (:mod:`gradelib.plan.model`) and checks
the result (:mod:`gradelib.plan.rules`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from gradelib.errors import CourseError, GradelibError, ProblemLog
from gradelib.plan.form import read_form
from gradelib.plan.groups import Group, current_responses, form_groups, groups_frame
from gradelib.plan.inputs import LECTURES_FILE, paper_key, read_lectures, read_setting
from gradelib.plan.model import ROLES, STAGES, NoPlan, solve_roles
from gradelib.plan.proposal import Pin, Plan
from gradelib.plan.rules import fairness, rank_table, unmet_rules

PINS = "pins"


def _day(value: object) -> pd.Timestamp:
    return pd.Timestamp(value).normalize().tz_localize(None)


def _check_pins(pins, talks: pd.DataFrame, names: list[str], log: ProblemLog) -> list:
    """Pins as ``(lecture, role, group)`` indices; each bad pin logged (file ``pins``)."""
    days = {day: j for j, day in enumerate(talks["date"])}
    found, roles_at, groups_at = [], {}, {}
    for number, pin in enumerate(pins, start=1):
        try:
            day = _day(pin.date)
        except (TypeError, ValueError):
            day = None
        wrong = [
            f"{pin.date!r} is not a paper lecture's date" if day not in days else "",
            f"{pin.role!r} is not a role (presenter, summarizer, reviewer)"
            if pin.role not in ROLES else "",
            f"{pin.group!r} is not a group of the plan" if pin.group not in names else "",
        ]  # fmt: skip
        if any(wrong):
            log.error(PINS, "; ".join(w for w in wrong if w), row=number)
            continue
        j, r, g = days[day], ROLES.index(pin.role), names.index(pin.group)
        if roles_at.setdefault((j, r), g) != g:
            log.error(PINS, f"two groups pinned as {pin.role} on {day:%Y-%m-%d}", row=number)
        elif groups_at.setdefault((j, g), r) != r:
            log.error(PINS, f"{pin.group} pinned to two roles on {day:%Y-%m-%d}", row=number)
        else:
            found.append((j, r, g))
    return sorted(set(found))


def costs_of(groups: list[Group], keys: list[str]) -> list[list[int]]:
    """``G x L`` presentation costs: the rank of the lecture's paper in the group's list,
    the longest list's length + 1 when it is not in it, 0 for a group without a list
    (see :mod:`gradelib.plan.model`)."""
    missing = max((len(g.papers) for g in groups), default=0) + 1
    return [
        [(g.papers.index(k) + 1 if k in g.papers else missing) if g.papers else 0 for k in keys]
        for g in groups
    ]


def _read(folder: Path, preferences: Path, lectures: Path, log: ProblemLog, notes: list):
    setting = read_setting(folder, log)
    schedule = read_lectures(lectures, log)
    papers = None
    if schedule is not None:
        titled = schedule[schedule["paper"] != ""]
        papers = dict(zip(titled["paper"].map(paper_key), titled["paper"], strict=True))
    responses = read_form(preferences, papers, setting, log)
    standing = current_responses(responses, preferences.name, log, notes)
    return setting, schedule, standing


def plan_term(
    folder: str | Path,
    preferences: str | Path,
    lectures: str | Path | None = None,
    seed: int = 0,
    pins: tuple[Pin, ...] | list[Pin] = (),
) -> Plan:
    """Plan the groups and who presents, summarizes and reviews each paper lecture.

    Parameters
    ----------
    folder : str or Path
        The course folder: ``roster.csv`` (the students), ``policy.toml`` (time zone,
        email domain) and, unless ``lectures`` is given, ``lectures.csv``.
    preferences : str or Path
        The preference form's responses (:mod:`gradelib.plan.form`).
    lectures : str or Path, optional
        The dated lectures (``date``, ``kind``, ``topic``, ``paper``); default
        ``<folder>/lectures.csv``.
    seed : int
        Seeds the forming of groups and the solver; the same inputs and seed give the
        same plan on every run.
    pins : sequence of Pin
        Roles the plan must keep (the notebook pins or swaps one and solves again).

    Returns
    -------
    Plan

    Raises
    ------
    gradelib.errors.CourseError
        Listing every problem of the inputs (and the warnings) when any is an error.

    Examples
    --------
    >>> import tempfile
    >>> course = Path(tempfile.mkdtemp())
    >>> people = ["alice", "bob", "carol", "dave", "erin", "frank", "gina"]
    >>> _ = (course / "roster.csv").write_text("Student,ID,SIS User ID,SIS Login ID\\n" + "".join(
    ...     f"{name.title()},{n},{n},{name}\\n" for n, name in enumerate(people)))
    >>> _ = (course / "lectures.csv").write_text(
    ...     "date,kind,topic,paper\\n2024-09-17,lecture,Pre-training,Megatron\\n"
    ...     "2024-09-19,lecture,Pre-training,ZeRO\\n2024-09-24,lecture,Inference,vLLM\\n"
    ... )
    >>> _ = (course / "form.csv").write_text(
    ...     "Timestamp,Member 1 uniqname,Member 2 uniqname,Paper choice 1,Paper choice 2\\n"
    ...     "9/3/2024 10:15:32,alice,bob,ZeRO,vLLM\\n"
    ... )
    >>> plan = plan_term(course, course / "form.csv")
    >>> plan.schedule[["date", "paper", "presenter", "summarizer", "reviewer"]]
            date     paper presenter summarizer reviewer
    0 2024-09-17  Megatron       g03        g01      g02
    1 2024-09-19      ZeRO       g01        g02      g03
    2 2024-09-24      vLLM       g02        g03      g01
    >>> plan.fairness["first_choice"], plan.unmet
    (1, [])
    """
    folder, log, notes = Path(folder), ProblemLog(), []
    preferences = Path(preferences)
    lectures = Path(lectures) if lectures is not None else folder / LECTURES_FILE
    if not folder.is_dir():
        log.error(str(folder), "no such course folder")
        raise CourseError(log.problems)
    setting, schedule, standing = _read(folder, preferences, lectures, log, notes)
    groups = form_groups(standing, setting.roster, seed, notes)
    talks = schedule[schedule["paper"] != ""] if schedule is not None else None
    names = [g.name for g in groups]
    found = _check_pins(pins, talks, names, log) if talks is not None else []
    if log.has_errors or schedule is None or talks is None:
        raise CourseError(log.problems)
    talks = talks.assign(key=talks["paper"].map(paper_key)).reset_index(drop=True)
    optimal: tuple[bool, ...] = ()
    if names and len(talks):
        try:
            solved = solve_roles(costs_of(groups, talks["key"].tolist()), found, seed)
        except NoPlan as failed:
            raise GradelibError(f"{failed}; try fewer pins, or report it") from None
        for role, chosen in solved.roles.items():
            talks[role] = [names[g] for g in chosen]
        optimal = solved.optimal
        notes += [
            f"the solver stopped at its time limit before proving the {stage} best; the plan "
            "is the best it found" for stage, best in zip(STAGES, optimal, strict=True) if not best
        ]  # fmt: skip
    else:
        talks = talks.assign(**{role: pd.Series(dtype="string") for role in ROLES})
    ranks = rank_table(groups, talks)
    unmet = unmet_rules(groups, talks) if len(talks) else ["There is no paper lecture to plan"]
    return Plan(
        folder=folder,
        groups=groups_frame(groups),
        schedule=_full_schedule(schedule, talks),
        ranks=ranks,
        notes=notes,
        unmet=unmet,
        fairness=fairness(groups, ranks),
        warnings=[str(p) for p in log.warnings],
        seed=seed,
        optimal=optimal,
    )


def _full_schedule(schedule: pd.DataFrame, talks: pd.DataFrame) -> pd.DataFrame:
    """Every row of the lectures table with the roles of its paper lectures."""
    roles = talks.set_index("date")[list(ROLES)]
    frame = schedule[["date", "kind", "topic", "paper"]].join(roles, on="date")
    for column in ("kind", "topic", "paper", *ROLES):
        frame[column] = frame[column].astype("string")
    return frame.reset_index(drop=True)
