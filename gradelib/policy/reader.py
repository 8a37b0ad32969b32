"""The value checks of a ``policy.toml`` reader, each reporting with the line it is on.

:class:`PolicyReader` lays the file's values over the defaults and checks numbers, times,
weights, the time zone and the email domain; :mod:`gradelib.policy.read` adds the
letters, the Canvas titles and the rubric criteria, and builds the policy.
"""

from __future__ import annotations

import math
import re
import tomllib
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from gradelib.errors import ProblemLog
from gradelib.files import POLICY_FILE
from gradelib.policy.defaults import DEFAULT_POLICY_TOML
from gradelib.policy.letters import LETTER_NAMES
from gradelib.policy.model import COMPONENTS, RUBRIC_SHEETS

#: The course's own email domain when ``[course] email_domain`` does not say: an address
#: at this domain names the student before the ``@``; any other address names nobody.
DEFAULT_EMAIL_DOMAIN = "umich.edu"
_DOMAIN = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")

DEFAULTS: dict[str, Any] = tomllib.loads(DEFAULT_POLICY_TOML)
DEFAULTS["course"].setdefault("email_domain", DEFAULT_EMAIL_DOMAIN)
#: Sections of weights and the keys each must have; each adds up to 100.
SHARES = {
    "weights": tuple(COMPONENTS),
    "project_report": ("proposal", "final_report"),
    "project_presentations": ("midterm_presentation", "poster"),
    "participation": ("attendance", "questions", "piazza"),
}


class PolicyReader:
    """Checks the values of one policy text, reporting each problem with its line.

    Attributes
    ----------
    declared : frozenset of str
        The rubric sheets the text itself gives a ``[rubrics.<sheet>]`` section (set by
        :meth:`merged`); only these bind a sheet's columns.
    """

    def __init__(self, text: str, log: ProblemLog) -> None:
        self.text = text
        self.log = log
        self.declared: frozenset[str] = frozenset()

    def line(self, key: str, table: str | None = None) -> int | None:
        """The line that assigns ``key``: the first within ``[table]`` when it has a
        header, else the first in the file."""
        pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?\s*=", re.MULTILINE)
        header = self._header(table) if table else None
        if header:
            after = re.compile(r"^[ \t]*\[", re.MULTILINE).search(self.text, header.end())
            end = after.start() if after else len(self.text)
            if found := pattern.search(self.text, header.end(), end):
                return self._line(found)
        return self._line(pattern.search(self.text))

    def section_line(self, table: str) -> int | None:
        """The line of the ``[table]`` header (``table`` may be dotted: ``rubrics.poster``)."""
        return self._line(self._header(table))

    def _header(self, table: str) -> re.Match[str] | None:
        parts = r"\s*\.\s*".join(rf"[\"']?{re.escape(part)}[\"']?" for part in table.split("."))
        return re.search(rf"^[ \t]*\[\s*{parts}\s*\]", self.text, re.MULTILINE)

    def _line(self, match: re.Match[str] | None) -> int | None:
        return self.text.count("\n", 0, match.start()) + 1 if match else None

    def bad(self, table: str, key: str, message: str) -> None:
        """Report a bad value of ``[table] key``."""
        self.log.error(
            POLICY_FILE, f"[{table}] {key} {message}", row=self.line(key, table), column=key
        )

    def merged(self, data: dict[str, Any]) -> dict[str, Any]:
        """The defaults with the file's values laid over them; unknown keys reported."""
        merged = {table: dict(values) for table, values in DEFAULTS.items()}
        for table, values in data.items():
            if table not in DEFAULTS:
                known = ", ".join(DEFAULTS)
                self.log.error(
                    POLICY_FILE,
                    f"unknown section [{table}]; known sections: {known}",
                    row=self.section_line(table),
                )
                continue
            if not isinstance(values, dict):
                self.log.error(POLICY_FILE, f"'{table}' must be a section [{table}], not a value")
                continue
            if table == "rubrics":
                sections = self.rubric_sections(values)
                self.declared = frozenset(sections)
                merged[table].update(sections)
                continue
            if table == "letters":
                merged[table] = {}  # a [letters] section replaces the default scale
            known_keys = LETTER_NAMES if table == "letters" else tuple(DEFAULTS[table])
            for key, value in values.items():
                if key in known_keys:
                    merged[table][key] = value
                else:
                    self.log.error(
                        POLICY_FILE,
                        f"unknown key '{key}' in [{table}]; known keys: {', '.join(known_keys)}",
                        row=self.line(key, table),
                        column=key,
                    )
        return merged

    def rubric_sections(self, values: dict[str, Any]) -> dict[str, Any]:
        """The ``[rubrics.<sheet>]`` sections of the file, each replacing that sheet's
        criteria; unknown sheets and sections that are not tables reported."""
        sections: dict[str, Any] = {}
        for sheet, criteria in values.items():
            if sheet not in RUBRIC_SHEETS:
                self.log.error(
                    POLICY_FILE,
                    f"unknown rubric sheet [rubrics.{sheet}]; the sheets are: "
                    + ", ".join(RUBRIC_SHEETS),
                    row=self.section_line(f"rubrics.{sheet}") or self.line(sheet, "rubrics"),
                )
            elif not isinstance(criteria, dict):
                self.log.error(
                    POLICY_FILE,
                    f"'{sheet}' in [rubrics] must be a section [rubrics.{sheet}] of "
                    "criterion = maximum points",
                    row=self.line(sheet, "rubrics"),
                    column=sheet,
                )
            else:
                sections[sheet] = criteria
        return sections

    def number(self, table: str, key: str, value: Any) -> float | None:
        """A number zero or more."""
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.bad(table, key, f"must be a number, not {value!r}")
            return None
        if value < 0:
            self.bad(table, key, f"must not be negative (got {value})")
            return None
        return float(value)

    def whole(self, table: str, key: str, value: Any) -> int | None:
        """A whole number zero or more."""
        number = self.number(table, key, value)
        if number is not None and number != int(number):
            self.bad(table, key, f"must be a whole number, not {value!r}")
            return None
        return None if number is None else int(number)

    def clock(self, key: str, value: Any) -> time | None:
        """A time of day written ``"10:30"``."""
        if isinstance(value, time):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{1,2}:\d{2}", value.strip()):
            hours, minutes = (int(part) for part in value.strip().split(":"))
            if hours < 24 and minutes < 60:
                return time(hours, minutes)
        self.bad("course", key, f'must be a time of day like "10:30", not {value!r}')
        return None

    def shares(self, table: str, values: dict[str, Any]) -> dict[str, float] | None:
        """The weights of one section, checked to add up to 100."""
        numbers = {key: self.number(table, key, values[key]) for key in SHARES[table]}
        if any(v is None for v in numbers.values()):
            return None
        total = sum(v for v in numbers.values() if v is not None)
        if abs(total - 100) > 1e-9:
            listing = " + ".join(f"{k} {v:g}" for k, v in numbers.items() if v is not None)
            self.log.error(
                POLICY_FILE,
                f"[{table}] must add up to 100, but {listing} = {total:g}",
                row=self.section_line(table),
            )
            return None
        return {k: v for k, v in numbers.items() if v is not None}

    def zone(self, name: Any) -> str | None:
        """An IANA time zone name."""
        try:
            ZoneInfo(str(name))
        except (ZoneInfoNotFoundError, ValueError):
            self.bad(
                "course",
                "time_zone",
                f'{name!r} is not a known IANA time zone (for example "America/Detroit")',
            )
            return None
        return str(name)

    def email_domain(self, value: Any) -> str | None:
        """The course's email domain, like ``"umich.edu"`` (a leading ``@`` is dropped)."""
        domain = value.strip().lower().removeprefix("@") if isinstance(value, str) else ""
        if not _DOMAIN.fullmatch(domain):
            self.bad("course", "email_domain", f'must be a domain like "umich.edu", not {value!r}')
            return None
        return domain
