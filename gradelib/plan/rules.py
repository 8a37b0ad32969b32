"""A plan's rules checked on the plan itself, its ranks and its fairness figures.

:func:`unmet_rules` checks the finished schedule, not the solver's slacks, so that what
the report says is what the files hold, pins included. The rules and their sources are
those of :mod:`gradelib.plan.model`, plus the group size (syllabus, *Groups*: 2–3).
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from gradelib.plan.groups import Group
from gradelib.plan.model import ROLES, even_bounds
from gradelib.policy.model import SCHEDULE_ROLES

#: Role -> (the verb of its rule, the syllabus section it comes from).
RULES = SCHEDULE_ROLES


def _listed(names: list[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def unmet_rules(groups: list[Group], lectures: pd.DataFrame) -> list[str]:
    """Each rule the plan does not meet, with whom and by how much.

    Parameters
    ----------
    groups : list of Group
        The term's groups.
    lectures : pandas.DataFrame
        The paper lectures: ``date``, ``presenter``, ``summarizer``, ``reviewer`` (ids).

    Returns
    -------
    list of str
        One sentence per rule broken; empty when every rule holds.
    """
    unmet = [
        f"Groups have 2–3 students (syllabus, Groups): {g.name} has {len(g.members)}"
        for g in groups
        if not 2 <= len(g.members) <= 3
    ]
    count, names = len(lectures), [g.name for g in groups]
    if not names:
        return unmet
    low, high = even_bounds(count, len(names))
    for role, (verb, source) in RULES.items():
        times = Counter(lectures[role].tolist())
        short = [n for n in names if times[n] == 0]
        if short:
            unmet.append(
                f"Each group {verb} at least one lecture ({source}): {len(short)} of "
                f"{len(names)} groups do not ({_listed(short)}); {count} paper lecture(s) "
                f"for {len(names)} groups"
            )
        over = [f"{n} {times[n] - high} more" for n in names if times[n] > high]
        under = [f"{n} {max(low, 1) - times[n]} fewer" for n in names if 0 < times[n] < low]
        if over or under:
            unmet.append(
                f"Even load: each group {verb} {low}–{high} times ({source}, issue 17); "
                f"off by: {_listed(over + under)}"
            )
    same = [
        f"{day:%Y-%m-%d}"
        for day, *roles in lectures[["date", *ROLES]].itertuples(index=False)
        if len(set(roles)) < 3
    ]
    if same:
        unmet.append(
            "Presenter, summarizer and reviewer are three different groups (Post-Presentation "
            f"Panel Discussion): not on {_listed(same)} ({len(names)} group(s) only)"
        )
    return unmet


def rank_table(groups: list[Group], lectures: pd.DataFrame) -> pd.DataFrame:
    """``group``, ``date``, ``paper``, ``role``, ``rank``: every role of every paper lecture,
    with the rank its paper had in the group's list (Int64, 1 = first choice; ``<NA>``
    when the paper was not in the list, or the group sent none)."""
    lists = {g.name: g.papers for g in groups}
    rows = []
    for record in lectures.to_dict("records"):
        for role in ROLES:
            chosen = lists.get(record[role], ())
            key = record["key"]
            rank = chosen.index(key) + 1 if key in chosen else None
            rows.append((record[role], record["date"], record["paper"], role, rank))
    frame = pd.DataFrame(rows, columns=["group", "date", "paper", "role", "rank"])
    frame["rank"] = frame["rank"].astype("Int64")
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    return frame


def fairness(groups: list[Group], ranks: pd.DataFrame) -> dict[str, float | int]:
    """The fairness figures of the presentations.

    Returns
    -------
    dict
        ``mean_rank`` (float, the mean rank of the presentations whose paper was in the
        group's list; NaN when none), ``worst_rank`` (int, the largest such rank; 0 when
        none), ``first_choice`` (int, groups presenting their 1st choice), ``groups``
        (int, all groups), ``with_list`` (int, groups that sent a list) and ``unranked``
        (int, presentations of a group with a list on a paper not in it).
    """
    with_list = {g.name for g in groups if g.papers}
    talks = ranks[(ranks["role"] == "presenter") & ranks["group"].isin(with_list)]
    ranked = talks["rank"].dropna().astype(int)
    return {
        "mean_rank": float(ranked.mean()) if len(ranked) else float("nan"),
        "worst_rank": int(ranked.max()) if len(ranked) else 0,
        "first_choice": int(talks.loc[talks["rank"].eq(1).fillna(False), "group"].nunique()),
        "groups": len(groups),
        "with_list": len(with_list),
        "unranked": int(talks["rank"].isna().sum()),
    }
