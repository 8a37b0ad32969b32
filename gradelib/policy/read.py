"""Reading and checking ``policy.toml``.

The file's values are laid over the defaults (``DEFAULT_POLICY_TOML``); a ``[letters]``
section replaces the default scale as a whole, and a ``[rubrics.<sheet>]`` section that
sheet's criteria. Unknown keys and sections, values of the wrong type, weights that do
not add up to 100 and letter cut-offs that do not strictly descend from A to D- are
errors, each with the line it is on. Only the ``[rubrics.<sheet>]`` sections the course's
own file has bind the columns of its ``rubrics.xlsx`` (:class:`PolicyFile`); the default
criteria are those of the template ``gradelib rubric-template`` writes.

``[course] email_domain`` (default ``"umich.edu"``) is the course's own email domain: an
address there names the student before the ``@``; an address anywhere else names nobody.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
import tomllib
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from types import MappingProxyType
from typing import Any

from gradelib.canvas.columns import ignored_by_canvas
from gradelib.errors import ProblemLog
from gradelib.files import POLICY_FILE
from gradelib.policy.defaults import DEFAULT_POLICY_TOML
from gradelib.policy.letters import LETTER_NAMES
from gradelib.policy.model import KEY_COLUMNS, RUBRIC_SHEETS, Policy
from gradelib.policy.reader import DEFAULT_EMAIL_DOMAIN, SHARES, PolicyReader
from gradelib.sheets.tables import normalize_header
from gradelib.timing import staged

__all__ = ["DEFAULT_EMAIL_DOMAIN", "PolicyFile", "load_policy", "policy_from_text", "read_policy"]

_POLICY_FIELDS = frozenset(field.name for field in dataclasses.fields(Policy))


@dataclass(frozen=True)
class PolicyFile:
    """A course's policy with what the loaders need to know of the file itself.

    Attributes
    ----------
    policy : Policy
        The grading policy (the file over the defaults).
    rubric_sheets : frozenset of str
        The rubric sheets the file gives a ``[rubrics.<sheet>]`` section: their criteria
        are the sheets' columns, no more, no fewer.
    email_domain : str
        ``[course] email_domain``: the course's own email domain.
    """

    policy: Policy
    rubric_sheets: frozenset[str] = frozenset()
    email_domain: str = DEFAULT_EMAIL_DOMAIN

    @property
    def declared_criteria(self) -> dict[str, MappingProxyType]:
        """Sheet -> criteria with maxima, for the sheets the file declares."""
        return {s: self.policy.rubric_criteria[s] for s in sorted(self.rubric_sheets)}


@staged("policy")
def read_policy(folder: Path, log: ProblemLog) -> PolicyFile | None:
    """Read and check ``policy.toml`` from a course folder.

    Parameters
    ----------
    folder : Path
        The course folder. A missing ``policy.toml`` means every default.
    log : ProblemLog
        Receives every problem found (unknown keys, wrong types, weights not adding up,
        cut-offs out of order).

    Returns
    -------
    PolicyFile or None
        The policy and what the file declares, or ``None`` when it has errors.
    """
    path = folder / POLICY_FILE
    if not path.exists():
        return PolicyFile(default_policy())
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        log.error(POLICY_FILE, "the file is not UTF-8 text; save it as UTF-8")
        return None
    return policy_file_from_text(text, log)


def load_policy(folder: Path, log: ProblemLog) -> Policy | None:
    """The policy of a course folder (see :func:`read_policy`), or ``None`` on errors."""
    found = read_policy(folder, log)
    return found.policy if found else None


def policy_from_text(text: str, log: ProblemLog) -> Policy | None:
    """The policy a ``policy.toml`` text gives, or ``None`` after logging its errors."""
    found = policy_file_from_text(text, log)
    return found.policy if found else None


def policy_file_from_text(text: str, log: ProblemLog) -> PolicyFile | None:
    """:func:`policy_from_text` with what the text declares (:class:`PolicyFile`)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+)", str(exc))
        log.error(POLICY_FILE, f"not valid TOML: {exc}", row=int(where.group(1)) if where else None)
        return None
    return _PolicyReader(text, log).build(data)


class _PolicyReader(PolicyReader):
    """The whole policy: the generic checks plus letters, titles and rubric criteria."""

    def rubric_criteria(self, tables: dict[str, Any]) -> dict[str, MappingProxyType] | None:
        """Each rubric sheet's criteria: at least one, each a usable column name with a
        maximum above 0."""
        result: dict[str, MappingProxyType] = {}
        for sheet in RUBRIC_SHEETS:
            table, values = f"rubrics.{sheet}", tables[sheet]
            if not values:
                self.log.error(
                    POLICY_FILE,
                    f"[{table}] names no criterion; give each as `criterion = maximum points` "
                    "(or remove the section for the defaults)",
                    row=self.section_line(table),
                )
                continue
            maxima: dict[str, float] = {}
            seen: dict[str, str] = {}
            for name, value in values.items():
                header = normalize_header(name)
                if not header or header in KEY_COLUMNS or header.startswith("="):
                    self.bad(
                        table,
                        name,
                        "cannot name a criterion: group, date, grader and submitted are the "
                        "sheet's other columns (and a name must not start with '=')",
                    )
                elif header in seen:
                    self.bad(
                        table,
                        name,
                        f"is the same column as '{seen[header]}' (headers ignore case and spaces)",
                    )
                elif (
                    isinstance(value, bool)
                    or not isinstance(value, int | float)
                    or not (math.isfinite(value) and value > 0)
                ):
                    self.bad(
                        table, name, f"must be its maximum points, a number above 0, not {value!r}"
                    )
                else:
                    maxima[" ".join(name.split())] = float(value)
                seen.setdefault(header, name)
            if len(maxima) == len(values):
                result[sheet] = MappingProxyType(maxima)
        return result if len(result) == len(RUBRIC_SHEETS) else None

    def letters(self, values: dict[str, Any]) -> tuple[tuple[str, float], ...] | None:
        """Letter cut-offs, highest first: each at most 100, strictly descending from A to
        D- (by letter, whatever the order of the lines)."""
        pairs = []
        for letter, cutoff in values.items():
            number = self.number("letters", letter, cutoff)
            if number is None:
                return None
            if number > 100:
                self.bad("letters", letter, f"cut-off must be at most 100 (got {number:g})")
                return None
            pairs.append((letter, number))
        if not pairs:
            self.log.error(
                POLICY_FILE,
                "[letters] names no cut-off; give at least one (or remove the section for "
                "the defaults)",
                row=self.section_line("letters"),
            )
            return None
        ranked = sorted(pairs, key=lambda pair: LETTER_NAMES.index(pair[0]))
        wrong = [(h, low) for h, low in itertools.pairwise(ranked) if low[1] >= h[1]]
        for (high, high_cut), (low, low_cut) in wrong:
            self.bad(
                "letters",
                low,
                f"cut-off {low_cut:g} is not below {high} {high_cut:g}: cut-offs must strictly "
                f"descend from A to D- (a higher letter needs a higher final)",
            )
        return None if wrong else tuple(ranked)

    def titles(self, values: dict[str, Any]) -> dict[str, str] | None:
        """Canvas assignment titles: non-empty, distinct, not a column Canvas ignores."""
        titles: dict[str, str] = {}
        for key, title in values.items():
            if not isinstance(title, str) or not title.strip():
                self.bad("canvas_titles", key, f"must be a non-empty title, not {title!r}")
            elif ignored_by_canvas(title):
                self.bad(
                    "canvas_titles",
                    key,
                    f"{title!r} contains words Canvas reserves for its totals "
                    f"({ignored_by_canvas(title)}); Canvas would silently drop the column",
                )
            else:
                titles[key] = title.strip()
        if len({t.lower() for t in titles.values()}) < len(titles):
            self.log.error(
                POLICY_FILE,
                "[canvas_titles] two components have the same title",
                row=self.section_line("canvas_titles"),
            )
            return None
        return titles if len(titles) == len(values) else None

    def build(self, data: dict[str, Any]) -> PolicyFile | None:
        """Check every value and build the policy (``None`` on errors)."""
        errors_before = len(self.log.errors)
        merged = self.merged(data)
        course, part, deadlines = merged["course"], merged["participation"], merged["deadlines"]
        zone = self.zone(course["time_zone"])
        start = self.clock("class_start", course["class_start"])
        end = self.clock("class_end", course["class_end"])
        if start and end and end <= start:
            self.bad("course", "class_end", f"({end:%H:%M}) must be after class_start")
        shares = {table: self.shares(table, merged[table]) for table in SHARES}
        allowance = self.whole("participation", "absence_allowance", part["absence_allowance"])
        target = self.whole("participation", "piazza_target", part["piazza_target"])
        if target == 0:
            self.bad("participation", "piazza_target", "must be at least 1")
        summary_hours = self.number(
            "deadlines", "summary_hours_after_class", deadlines["summary_hours_after_class"]
        )
        slides_hours = self.number(
            "deadlines", "slides_hours_before_class", deadlines["slides_hours_before_class"]
        )
        letters = self.letters(merged["letters"])
        mode = merged["canvas"]["mode"]
        if mode not in ("points", "percent"):
            self.bad("canvas", "mode", f'must be "points" or "percent", not {mode!r}')
        override_score = merged["canvas"]["override_score"]
        if not isinstance(override_score, bool):
            self.bad("canvas", "override_score", f"must be true or false, not {override_score!r}")
        titles = self.titles(merged["canvas_titles"])
        criteria = self.rubric_criteria(merged["rubrics"])
        domain = self.email_domain(course["email_domain"])
        if len(self.log.errors) > errors_before:
            return None
        extra = {"email_domain": domain} if "email_domain" in _POLICY_FIELDS else {}
        policy = Policy(
            weights=MappingProxyType(shares["weights"] or {}),
            project_report=MappingProxyType(shares["project_report"] or {}),
            project_presentations=MappingProxyType(shares["project_presentations"] or {}),
            participation=MappingProxyType(shares["participation"] or {}),
            absence_allowance=allowance or 0,
            piazza_target=target or 1,
            time_zone=zone or "",
            class_start=start or time(),
            class_end=end or time(),
            summary_hours_after_class=summary_hours or 0.0,
            slides_hours_before_class=slides_hours or 0.0,
            letters=letters or (),
            canvas_mode=mode,
            canvas_override_score=bool(override_score),
            canvas_titles=MappingProxyType(titles or {}),
            rubric_criteria=MappingProxyType(criteria or {}),
            **extra,
        )
        return PolicyFile(policy, self.declared, domain or DEFAULT_EMAIL_DOMAIN)


def default_policy() -> Policy:
    """The policy of the CSE 585 F'24 syllabus (what an empty ``policy.toml`` gives).

    Returns
    -------
    Policy
        :data:`~gradelib.policy.defaults.DEFAULT_POLICY_TOML`, as README shows it: weights
        in percent, letters as (letter, lowest final in percent) pairs, highest first.

    Examples
    --------
    >>> policy = default_policy()
    >>> policy.weights["project_report"], policy.letters[0], policy.canvas_mode
    (40.0, ('A', 93.0), 'points')
    """
    policy = policy_from_text(DEFAULT_POLICY_TOML, ProblemLog())
    assert policy is not None, "the default policy is valid"
    return policy
