"""Reading and checking ``policy.toml``.

The file's values are laid over the defaults (``DEFAULT_POLICY_TOML``); a ``[letters]``
section replaces the default scale as a whole, and a ``[rubrics.<sheet>]`` section that
sheet's criteria. Unknown keys and sections, values of the wrong type and weights that do
not add up to 100 are errors, each with the line it is on.
"""

from __future__ import annotations

import math
import re
import tomllib
from datetime import time
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from gradelib.canvas.columns import ignored_by_canvas
from gradelib.errors import ProblemLog
from gradelib.load.rubrics import KEY_COLUMNS
from gradelib.load.tables import ROW, normalize_header
from gradelib.policy import (
    COMPONENTS,
    DEFAULT_POLICY_TOML,
    LETTER_NAMES,
    POLICY_FILE,
    RUBRIC_SHEETS,
    Policy,
    default_policy,
)

_DEFAULTS: dict[str, Any] = tomllib.loads(DEFAULT_POLICY_TOML)
#: Sections of weights and the keys each must have; each adds up to 100.
SHARES = {
    "weights": tuple(COMPONENTS),
    "project_report": ("proposal", "final_report"),
    "project_presentations": ("midterm_presentation", "poster"),
    "participation": ("attendance", "questions", "piazza"),
}


def load_policy(folder: Path, log: ProblemLog) -> Policy | None:
    """Read and check ``policy.toml`` from a course folder.

    Parameters
    ----------
    folder : Path
        The course folder. A missing ``policy.toml`` means every default.
    log : ProblemLog
        Receives every problem found (unknown keys, wrong types, weights not adding up).

    Returns
    -------
    Policy or None
        The policy, or ``None`` when it has errors.
    """
    path = folder / POLICY_FILE
    if not path.exists():
        return default_policy()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        log.error(POLICY_FILE, "the file is not UTF-8 text; save it as UTF-8")
        return None
    return policy_from_text(text, log)


def policy_from_text(text: str, log: ProblemLog) -> Policy | None:
    """The policy a ``policy.toml`` text gives, or ``None`` after logging its errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+)", str(exc))
        log.error(POLICY_FILE, f"not valid TOML: {exc}", row=int(where.group(1)) if where else None)
        return None
    return _PolicyReader(text, log).build(data)


class _PolicyReader:
    """Checks the values of one policy text, reporting each problem with its line."""

    def __init__(self, text: str, log: ProblemLog) -> None:
        self.text = text
        self.log = log

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
        merged = {table: dict(values) for table, values in _DEFAULTS.items()}
        for table, values in data.items():
            if table not in _DEFAULTS:
                known = ", ".join(_DEFAULTS)
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
                merged[table].update(self.rubric_sections(values))
                continue
            if table == "letters":
                merged[table] = {}  # a [letters] section replaces the default scale
            known_keys = LETTER_NAMES if table == "letters" else tuple(_DEFAULTS[table])
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
                if not header or header in (*KEY_COLUMNS, ROW) or header.startswith("="):
                    self.bad(
                        table,
                        name,
                        "cannot name a criterion: group, date, grader, submitted and row are "
                        "the sheet's other columns (and a name must not start with '=')",
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

    def letters(self, values: dict[str, Any]) -> tuple[tuple[str, float], ...] | None:
        """Letter cut-offs, highest first, each at most 100 and no two the same."""
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
        if len({cutoff for _, cutoff in pairs}) < len(pairs):
            self.log.error(
                POLICY_FILE,
                "[letters] two letters have the same cut-off",
                row=self.section_line("letters"),
            )
            return None
        return tuple(sorted(pairs, key=lambda pair: -pair[1]))

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

    def build(self, data: dict[str, Any]) -> Policy | None:
        """Check every value and build the :class:`Policy` (``None`` on errors)."""
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
        if len(self.log.errors) > errors_before:
            return None
        return Policy(
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
        )
