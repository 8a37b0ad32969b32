"""The course policy: weights, allowances, deadlines, time zone and letter cut-offs.

The policy lives in the course folder's ``policy.toml``. Every key has a default (the
CSE 585 F'24 syllabus), so the file only needs the keys a course changes; a missing file
means "all defaults". An unknown key is an error, so a typo never silently falls back to
a default. ``DEFAULT_POLICY_TOML`` is the documented file with every key.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from gradelib.errors import ProblemLog

POLICY_FILE = "policy.toml"

#: The five components of the final grade: key -> name shown to people.
COMPONENTS: Mapping[str, str] = MappingProxyType(
    {
        "presentation": "Paper Presentation",
        "summary": "Paper Summary",
        "participation": "Participation",
        "project_report": "Project Report",
        "project_presentations": "Project Presentations",
    }
)

#: The rubric sheets behind each rubric-graded component.
RUBRIC_SHEETS: tuple[str, ...] = (
    "presentation",
    "summary",
    "proposal",
    "final_report",
    "midterm_presentation",
    "poster",
)

DEFAULT_POLICY_TOML = """\
# Grading policy of the course. Every key is optional: a key left out takes the default
# shown here (the CSE 585 F'24 syllabus). An unknown key is an error.

[course]
time_zone = "America/Detroit"   # IANA name; timestamps without an offset are in this zone
class_start = "10:30"           # questions are on time when submitted before this
class_end = "12:00"             # summaries are due this long after class end (see deadlines)

[weights]                       # percent of the final grade; must add up to 100
presentation = 15
summary = 15
participation = 10
project_report = 40
project_presentations = 20

[project_report]                # percent of the Project Report; must add up to 100
proposal = 25
final_report = 75

[project_presentations]         # percent of Project Presentations; must add up to 100
midterm_presentation = 50
poster = 50

[participation]
attendance = 50                 # percent of Participation; these three add up to 100
questions = 25
piazza = 25
absence_allowance = 2           # absences forgiven without a reason
piazza_target = 5               # contributions that earn the full Piazza score

[deadlines]
summary_hours_after_class = 24  # a summary later than this after class end scores 0
slides_hours_before_class = 24  # slides later than this before class start are flagged

[letters]                       # lowest final (rounded to 2 decimals) for each letter
"A" = 93
"A-" = 90
"B+" = 87
"B" = 83
"B-" = 80
"C+" = 77
"C" = 73
"C-" = 70
"D+" = 67
"D" = 63
"D-" = 60                       # below the lowest cut-off the letter is "E"

[canvas]
mode = "points"                 # "points": each component out of its weight; "percent": out of 100
"""

FAIL_LETTER = "E"
#: Letters a [letters] section may name (Michigan's scale; "E" is below the lowest cut-off).
LETTER_NAMES: tuple[str, ...] = (
    "A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-",
)  # fmt: skip


@dataclass(frozen=True)
class Policy:
    """A course's grading policy, validated.

    Attributes
    ----------
    weights : Mapping[str, float]
        Component key -> percent of the final grade (adds up to 100).
    project_report : Mapping[str, float]
        ``proposal`` and ``final_report`` -> percent of the Project Report.
    project_presentations : Mapping[str, float]
        ``midterm_presentation`` and ``poster`` -> percent of Project Presentations.
    participation : Mapping[str, float]
        ``attendance``, ``questions``, ``piazza`` -> percent of Participation.
    absence_allowance : int
        Absences forgiven without a reason.
    piazza_target : int
        Piazza contributions that earn the full Piazza score.
    time_zone : str
        IANA time zone of the course.
    class_start, class_end : datetime.time
        When class starts and ends, in the course time zone.
    summary_hours_after_class : float
        A summary submitted later than this many (elapsed) hours after class end scores 0.
    slides_hours_before_class : float
        Slides submitted later than this many hours before class start are flagged.
    letters : tuple of (str, float)
        Letters with their lowest final, highest first; below the last is ``"E"``.
    canvas_mode : str
        ``"points"`` or ``"percent"``.
    """

    weights: Mapping[str, float]
    project_report: Mapping[str, float]
    project_presentations: Mapping[str, float]
    participation: Mapping[str, float]
    absence_allowance: int
    piazza_target: int
    time_zone: str
    class_start: time
    class_end: time
    summary_hours_after_class: float
    slides_hours_before_class: float
    letters: tuple[tuple[str, float], ...]
    canvas_mode: str

    @property
    def zone(self) -> ZoneInfo:
        """The course time zone as a ``ZoneInfo``."""
        return ZoneInfo(self.time_zone)

    def letter_for(self, rounded_final: float) -> str:
        """The letter for a final already rounded to two decimals (cut-offs inclusive)."""
        for letter, cutoff in self.letters:
            if rounded_final >= cutoff:
                return letter
        return FAIL_LETTER


_DEFAULTS: dict[str, Any] = tomllib.loads(DEFAULT_POLICY_TOML)
_SHARE_TABLES = ("weights", "project_report", "project_presentations")


def default_policy() -> Policy:
    """The policy of the CSE 585 F'24 syllabus (what an empty ``policy.toml`` gives)."""
    policy = _build(_DEFAULTS, ProblemLog(), "")
    assert policy is not None
    return policy


def load_policy(folder: Path, log: ProblemLog) -> Policy | None:
    """Read and validate ``policy.toml`` from a course folder.

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
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        log.error(POLICY_FILE, "the file is not UTF-8 text; save it as UTF-8")
        return None
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+)", str(exc))
        log.error(POLICY_FILE, f"not valid TOML: {exc}", row=int(where.group(1)) if where else None)
        return None
    return _build(_merge(data, log, text), log, text)


def _line_of(text: str, key: str) -> int | None:
    """The first line of the TOML text that assigns ``key`` (for messages)."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _merge(data: Mapping[str, Any], log: ProblemLog, text: str) -> dict[str, Any]:
    """Defaults overlaid with the file's values; unknown keys are reported."""
    merged = {table: dict(values) for table, values in _DEFAULTS.items()}
    for table, values in data.items():
        if table not in _DEFAULTS:
            log.error(
                POLICY_FILE,
                f"unknown section [{table}]; known sections: {', '.join(_DEFAULTS)}",
                row=_find_section(text, table),
            )
            continue
        if not isinstance(values, dict):
            log.error(POLICY_FILE, f"'{table}' must be a section [{table}], not a value")
            continue
        if table == "letters":
            # A [letters] section replaces the default cut-offs as a whole.
            merged[table] = {}
        known_keys = LETTER_NAMES if table == "letters" else tuple(_DEFAULTS[table])
        for key, value in values.items():
            if key not in known_keys:
                known = ", ".join(known_keys)
                log.error(
                    POLICY_FILE,
                    f"unknown key '{key}' in [{table}]; known keys: {known}",
                    row=_line_of(text, key),
                    column=key,
                )
                continue
            merged[table][key] = value
    return merged


def _find_section(text: str, table: str) -> int | None:
    match = re.search(rf"^\s*\[{re.escape(table)}\]", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _number(value: Any, table: str, key: str, log: ProblemLog, text: str) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        log.error(
            POLICY_FILE,
            f"[{table}] {key} must be a number, not {value!r}",
            row=_line_of(text, key),
            column=key,
        )
        return None
    if value < 0:
        log.error(
            POLICY_FILE,
            f"[{table}] {key} must not be negative (got {value})",
            row=_line_of(text, key),
            column=key,
        )
        return None
    return float(value)


def _clock(value: Any, key: str, log: ProblemLog, text: str) -> time | None:
    if isinstance(value, time):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{1,2}:\d{2}", value.strip()):
        hours, minutes = (int(part) for part in value.strip().split(":"))
        if hours < 24 and minutes < 60:
            return time(hours, minutes)
    log.error(
        POLICY_FILE,
        f'[course] {key} must be a time of day like "10:30", not {value!r}',
        row=_line_of(text, key),
        column=key,
    )
    return None


def _shares(
    table: str, values: Mapping[str, Any], log: ProblemLog, text: str, keys: tuple[str, ...]
) -> dict[str, float] | None:
    """Weights of one section, checked to add up to 100."""
    numbers = {key: _number(values[key], table, key, log, text) for key in keys}
    if any(v is None for v in numbers.values()):
        return None
    total = sum(v for v in numbers.values() if v is not None)
    if abs(total - 100) > 1e-9:
        listing = " + ".join(f"{k} {v:g}" for k, v in numbers.items() if v is not None)
        log.error(
            POLICY_FILE,
            f"[{table}] must add up to 100, but {listing} = {total:g}",
            row=_find_section(text, table),
        )
        return None
    return {k: v for k, v in numbers.items() if v is not None}


def _build(data: Mapping[str, Any], log: ProblemLog, text: str) -> Policy | None:
    """Validate merged policy values and build a :class:`Policy` (``None`` on errors)."""
    errors_before = len(log.errors)
    course = data["course"]
    zone_name = course["time_zone"]
    try:
        ZoneInfo(str(zone_name))
    except (ZoneInfoNotFoundError, ValueError):
        log.error(
            POLICY_FILE,
            f"[course] time_zone {zone_name!r} is not a known IANA time zone "
            '(for example "America/Detroit")',
            row=_line_of(text, "time_zone"),
            column="time_zone",
        )
    start = _clock(course["class_start"], "class_start", log, text)
    end = _clock(course["class_end"], "class_end", log, text)
    if start and end and end <= start:
        log.error(POLICY_FILE, "[course] class_end must be after class_start")

    weights = _shares("weights", data["weights"], log, text, tuple(COMPONENTS))
    report = _shares(
        "project_report", data["project_report"], log, text, ("proposal", "final_report")
    )
    talks = _shares(
        "project_presentations",
        data["project_presentations"],
        log,
        text,
        ("midterm_presentation", "poster"),
    )
    part = data["participation"]
    part_shares = _shares("participation", part, log, text, ("attendance", "questions", "piazza"))
    allowance = _whole(part["absence_allowance"], "participation", "absence_allowance", log, text)
    target = _whole(part["piazza_target"], "participation", "piazza_target", log, text)
    if target == 0:
        log.error(POLICY_FILE, "[participation] piazza_target must be at least 1")
    deadlines = data["deadlines"]
    summary_hours = _number(
        deadlines["summary_hours_after_class"], "deadlines", "summary_hours_after_class", log, text
    )
    slides_hours = _number(
        deadlines["slides_hours_before_class"], "deadlines", "slides_hours_before_class", log, text
    )
    letters = _letters(data["letters"], log, text)
    mode = data["canvas"]["mode"]
    if mode not in ("points", "percent"):
        log.error(
            POLICY_FILE,
            f'[canvas] mode must be "points" or "percent", not {mode!r}',
            row=_line_of(text, "mode"),
            column="mode",
        )
    if len(log.errors) > errors_before:
        return None
    assert weights and report and talks and part_shares and letters is not None
    assert start and end and allowance is not None and target is not None
    assert summary_hours is not None and slides_hours is not None
    return Policy(
        weights=MappingProxyType(weights),
        project_report=MappingProxyType(report),
        project_presentations=MappingProxyType(talks),
        participation=MappingProxyType(part_shares),
        absence_allowance=allowance,
        piazza_target=target,
        time_zone=str(zone_name),
        class_start=start,
        class_end=end,
        summary_hours_after_class=summary_hours,
        slides_hours_before_class=slides_hours,
        letters=letters,
        canvas_mode=mode,
    )


def _whole(value: Any, table: str, key: str, log: ProblemLog, text: str) -> int | None:
    number = _number(value, table, key, log, text)
    if number is None:
        return None
    if number != int(number):
        log.error(
            POLICY_FILE,
            f"[{table}] {key} must be a whole number, not {value!r}",
            row=_line_of(text, key),
            column=key,
        )
        return None
    return int(number)


def _letters(
    values: Mapping[str, Any], log: ProblemLog, text: str
) -> tuple[tuple[str, float], ...] | None:
    """Letter cut-offs, highest first; they must strictly decrease in the file's order."""
    pairs: list[tuple[str, float]] = []
    for letter, cutoff in values.items():
        number = _number(cutoff, "letters", letter, log, text)
        if number is None:
            return None
        if number > 100:
            log.error(
                POLICY_FILE,
                f"[letters] {letter} cut-off must be at most 100 (got {number:g})",
                row=_line_of(text, letter),
                column=letter,
            )
            return None
        pairs.append((letter, number))
    if not pairs:
        log.error(
            POLICY_FILE,
            "[letters] names no cut-off; give at least one (or remove the section for the "
            "defaults)",
            row=_find_section(text, "letters"),
        )
        return None
    ordered = sorted(pairs, key=lambda pair: -pair[1])
    if [p[1] for p in ordered] != sorted({p[1] for p in pairs}, reverse=True):
        log.error(POLICY_FILE, "[letters] two letters have the same cut-off")
        return None
    return tuple(ordered)
