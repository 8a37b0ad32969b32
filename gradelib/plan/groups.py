"""From the form's responses to the term's groups (issue 17; syllabus, *Groups* and
*Project*: groups of 2–3, declared by September 5, "after this date, we will form groups
from the remaining students").

- A later response from the same group replaces an earlier one, with a note. Two
  responses are from the same group when they name the same members, or when they share
  a member and were sent from the same address. "Later" is the later time stamp (the
  later row when time stamps tie or are missing).
- A student in two responses that do not replace each other is an error naming both rows.
- Declared groups are kept as declared and numbered ``g01``, ``g02``, ... in the order
  their responses were sent; then the students on the roster in no response are formed,
  with the seed, into groups of 2–3 as even as the numbers allow (``ceil(n / 3)`` groups).
  A single student left over never makes a group of one: they join the first declared
  group of two (a note says so); only when there is none is a group of one formed (noted).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.plan.form import Response


@dataclass(frozen=True)
class Group:
    """One group of the plan.

    Attributes
    ----------
    name : str
        Its id, ``g01``...
    members : tuple of str
        Uniqnames.
    papers : tuple of str
        Paper keys, 1st choice first (empty for a formed group).
    formed : bool
        Whether the plan formed it (its students sent no response).
    """

    name: str
    members: tuple[str, ...]
    papers: tuple[str, ...]
    formed: bool = False


def _order(response: Response) -> tuple:
    moment = response.moment
    return (moment is None, moment if moment is not None else pd.Timestamp(0), response.row)


def _replaces(later: Response, earlier: Response) -> bool:
    if set(later.members) == set(earlier.members):
        return True
    shared = set(later.members) & set(earlier.members)
    return bool(shared) and bool(later.email) and later.email == earlier.email


def current_responses(
    responses: list[Response], file: str, log: ProblemLog, notes: list[str]
) -> list[Response]:
    """The responses that stand, in the order they were sent: each replaced one dropped
    (warning and note), each student in two standing responses reported (error)."""
    standing: list[Response] = []
    for response in sorted(responses, key=_order):
        replaced = [old for old in standing if _replaces(response, old)]
        for old in replaced:
            standing.remove(old)
            text = (
                f"row {response.row} ({', '.join(response.members)}) replaces the same "
                f"group's earlier response in row {old.row}: the later one wins"
            )
            notes.append(f"{file}: {text}")
            log.warning(file, text, row=response.row)
        for old in standing:
            for name in sorted(set(response.members) & set(old.members)):
                log.error(
                    file,
                    f"{name} is in two responses (rows {old.row} and {response.row}); a "
                    "student is in one group: delete one, or send both from the same address",
                    row=response.row,
                )
        standing.append(response)
    return standing


def group_ids(count: int) -> list[str]:
    """``count`` group ids as the sample course writes them: ``g01``... (more digits past
    99)."""
    width = max(2, len(str(count)))
    return [f"g{number:0{width}d}" for number in range(1, count + 1)]


def form_groups(
    declared: list[Response], roster: frozenset[str], seed: int, notes: list[str]
) -> list[Group]:
    """The term's groups: the declared ones, then the rest of the roster formed.

    Parameters
    ----------
    declared : list of Response
        The standing responses, in the order they were sent.
    roster : frozenset of str
        Every enrolled student.
    seed : int
        Seeds :func:`numpy.random.default_rng`, which shuffles the sorted leftovers.
    notes : list of str
        Receives a note for each formed group (and a lone student placed).

    Returns
    -------
    list of Group
        Ids ``g01``... in order: declared groups first.
    """
    placed = {name for response in declared for name in response.members}
    left = sorted(roster - placed)
    order = np.random.default_rng(seed).permutation(len(left)).tolist()
    left = [left[i] for i in order]
    members = [list(response.members) for response in declared]
    papers = [response.papers for response in declared]
    count = 0 if len(left) < 2 else math.ceil(len(left) / 3)
    sizes = [len(left) // count + (i < len(left) % count) for i in range(count)] if count else []
    chunks, start = [], 0
    for size in sizes:
        chunks.append(left[start : start + size])
        start += size
    lone = left if len(left) == 1 else []
    pairs = [i for i, group in enumerate(members) if len(group) == 2]
    if lone and pairs:
        members[pairs[0]].append(lone[0])
        lone = []
    ids = group_ids(len(members) + len(chunks) + len(lone))
    groups = [Group(ids[i], tuple(m), papers[i]) for i, m in enumerate(members)]
    if len(left) == 1 and not lone:
        notes.append(
            f"{left[0]} was in no response and alone left over: joined {ids[pairs[0]]}, a "
            "declared group of two, as a third member (no group of one)"
        )
    for chunk in [*chunks, *([lone] if lone else [])]:
        group = Group(ids[len(groups)], tuple(chunk), (), formed=True)
        groups.append(group)
        alone = " (a group of one: no other student was left)" if len(chunk) == 1 else ""
        notes.append(
            f"{group.name} formed from students in no response: {', '.join(chunk)} "
            f"(seed {seed}){alone}"
        )
    return groups


def groups_frame(groups: list[Group]) -> pd.DataFrame:
    """``group``, ``uniqname``, ``formed`` (bool): one row per student, groups in order."""
    rows = [(g.name, name, g.formed) for g in groups for name in g.members]
    frame = pd.DataFrame(rows, columns=["group", "uniqname", "formed"])
    return frame.astype({"group": str, "uniqname": str, "formed": bool})
