"""Saving policy values from a panel: checked, recorded in the history, then re-scored.

The what-if and cut-off panels save through :func:`save_policy_change`: the new
``policy.toml`` is checked by the same reader as ``gradelib check`` before anything is
written (:func:`gradelib.policy.save.save_policy`), and the change is recorded with the old
and the new values (:meth:`gradelib.notebook.session.Session.change`), so it can be undone.
"""

from __future__ import annotations

from collections.abc import Mapping

from gradelib.files import POLICY_FILE
from gradelib.load.history import Change
from gradelib.notebook.session import Session
from gradelib.policy.letters import Scale
from gradelib.policy.model import Policy
from gradelib.policy.save import save_policy
from gradelib.sheets.rounding import score_text


def policy_values(
    policy: Policy, weights: Mapping[str, float] | None, letters: Scale | None
) -> tuple[str, str]:
    """The values a save changes, as ``(old, new)`` texts (``"A 93.00; B 83.00"``).

    Only the weights (percent) and cut-offs (percent) that differ are named; both texts
    are empty when nothing differs.
    """
    old, new = [], []
    for key, value in (weights or {}).items():
        if float(policy.weights[key]) != float(value):
            old.append(f"{key} weight {score_text(policy.weights[key])}")
            new.append(f"{key} weight {score_text(value)}")
    before = dict(policy.letters)
    for letter, cutoff in letters or ():
        if before.get(letter) != cutoff:
            shown = score_text(before[letter]) if letter in before else "none"
            old.append(f"{letter} {shown}")
            new.append(f"{letter} {score_text(cutoff)}")
    return "; ".join(old), "; ".join(new)


def save_policy_change(
    session: Session,
    *,
    what: str,
    reason: str,
    weights: Mapping[str, float] | None = None,
    letters: Scale | None = None,
) -> Change | None:
    """Write weights and cut-offs into ``policy.toml`` through the session.

    Parameters
    ----------
    session : Session
        Open on the course; re-scored after the save (every panel redrawn).
    what, reason : str
        Recorded in the history (``what-if weights and cut-offs``, why).
    weights, letters
        The values to save (percent); ``None`` keeps a value.

    Returns
    -------
    Change or None
        The recorded change; ``None`` when nothing differs from the file (nothing
        written).

    Raises
    ------
    gradelib.errors.CourseError
        When the new file would not pass ``gradelib check`` (nothing written).
    gradelib.errors.GradelibError
        When a course file changed on disk since the page was drawn (read again, nothing
        written) or the course has errors (:meth:`Session.require_current`).
    """
    session.require_current()
    assert session.course is not None  # require_current: the course has no errors
    old, new = policy_values(session.course.policy, weights, letters)
    if not new:
        return None
    path = session.folder / POLICY_FILE

    def write() -> None:
        save_policy(session.folder, weights=weights, letters=letters)

    return session.change(
        path, write, what=what, old=old, new=new, reason=reason or "saved in the workbook"
    )
