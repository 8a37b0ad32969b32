"""Saving what-if choices back to ``policy.toml``, keeping the file's comments and layout.

The file is edited with tomlkit (a style-preserving TOML library): only the changed
values are replaced, every comment and every other key stays. The result is checked with
the same reader as any policy file before it is written, atomically.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import tomlkit

from gradelib.errors import CourseError, ProblemLog
from gradelib.files import POLICY_FILE, write_atomically
from gradelib.policy.defaults import DEFAULT_POLICY_TOML
from gradelib.policy.model import Policy
from gradelib.policy.read import policy_from_text


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def updated_policy_text(
    text: str,
    *,
    weights: Mapping[str, float] | None = None,
    letters: tuple[tuple[str, float], ...] | None = None,
    absence_allowance: int | None = None,
    participation: Mapping[str, float] | None = None,
) -> str:
    """``policy.toml`` text with some values replaced and everything else kept.

    Parameters
    ----------
    text : str
        The current file (``DEFAULT_POLICY_TOML`` when there is none).
    weights, letters, absence_allowance, participation
        The values to write; ``None`` leaves a value as it is.
    """
    document = tomlkit.parse(text)

    def section(name: str) -> tomlkit.items.Table:
        if name not in document:
            document[name] = tomlkit.table()
        return document[name]  # type: ignore[return-value]

    if weights is not None:
        for key, value in weights.items():
            section("weights")[key] = _number(value)
    if letters is not None:
        table = section("letters")
        for key in list(table):
            if key not in dict(letters):
                del table[key]
        for letter, cutoff in letters:
            table[letter] = _number(cutoff)
    if absence_allowance is not None:
        section("participation")["absence_allowance"] = int(absence_allowance)
    if participation is not None:
        for key, value in participation.items():
            section("participation")[key] = _number(value)
    return tomlkit.dumps(document)


def new_policy_text() -> str:
    """The text of a new ``policy.toml``: ``DEFAULT_POLICY_TOML`` with its
    ``[rubrics.<sheet>]`` sections commented out.

    A ``[rubrics.<sheet>]`` section in a course's own file binds that sheet's columns of
    ``rubrics.xlsx`` (SPEC); the defaults must not start binding a course's sheets just
    because a what-if choice was saved. Uncommenting a section declares it.
    """
    lines = DEFAULT_POLICY_TOML.splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith("[rubrics."))
    while first and lines[first - 1].startswith("#"):
        first -= 1
    note = (
        "# Uncomment a section below to make it bind that sheet of rubrics.xlsx (its columns\n"
        "# must then be these criteria, with these maxima).\n"
    )
    tail = [
        line if line.startswith("#") else f"# {line}" if line.strip() else "#\n"
        for line in lines[first:]
    ]
    return "".join([*lines[:first], note, *tail])


def save_policy(folder: Path, **changes: object) -> Policy:
    """Write changed values into the course's ``policy.toml`` (created from the defaults,
    :func:`new_policy_text`, when there is none).

    Returns the policy as read back from the new text. Raises
    :class:`~gradelib.errors.CourseError` (and writes nothing) if the result is invalid,
    checked by the same reader as ``gradelib check``: weights that do not add up to 100,
    letter cut-offs that do not strictly descend from A to D- (a what-if scale with B
    above B+ is never saved), and every other error of the file; also when the file on
    disk is not valid TOML (edited by hand), with its line, instead of a traceback.
    """
    path = Path(folder) / POLICY_FILE
    text = path.read_text(encoding="utf-8") if path.exists() else new_policy_text()
    log = ProblemLog()
    try:
        new_text = updated_policy_text(text, **changes)  # type: ignore[arg-type]
    except tomlkit.exceptions.ParseError:
        policy_from_text(text, log)  # the reader's own words: file, line, what is wrong
        raise CourseError(log.problems) from None
    policy = policy_from_text(new_text, log)
    if policy is None:
        raise CourseError(log.problems)
    write_atomically(path, new_text.encode("utf-8"), mode=0o644)
    return policy
