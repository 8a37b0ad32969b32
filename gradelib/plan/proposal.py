"""A term plan as a proposal: the :class:`Plan`, its :class:`Pin`\\ s, and the files it is
written to (issue 17): ``groups.csv`` and ``schedule.csv`` in the course folder's own
layout (README, *The course folder*; ``schedule.csv`` has ``paper`` as an extra column,
which the loader ignores) and ``plan.html``, which explains it. They go into a new folder,
``<course>/out/plan-<YYYYmmdd-HHMMSS>/`` by default, and never over an existing file: the
staff review the proposal and copy the files into the course folder themselves.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from gradelib.files import (
    course_inputs,
    default_output,
    refuse_output,
    refuse_output_folder,
    spreadsheet_safe,
    write_atomically,
)
from gradelib.plan.model import ROLES
from gradelib.sheets.rounding import score_text
from gradelib.show.html import render

SCHEDULE_COLUMNS = ("date", "kind", "topic", *ROLES, "paper")


@dataclass(frozen=True)
class Pin:
    """A role the plan must keep: ``group`` plays ``role`` at the lecture on ``date``.

    Attributes
    ----------
    date : datetime.date
        A paper lecture's date (a ``pandas.Timestamp`` or ``datetime`` works too).
    role : str
        ``presenter``, ``summarizer`` or ``reviewer``.
    group : str
        A group id of the plan (``g01``...).
    """

    date: dt.date
    role: str
    group: str


@dataclass(frozen=True)
class Plan:
    """A proposed term plan; see :func:`plan_term`.

    Attributes
    ----------
    folder : Path
        The course folder (outputs are never written into it directly).
    groups : pandas.DataFrame
        ``group``, ``uniqname``, ``formed`` (bool): one row per student on the roster.
    schedule : pandas.DataFrame
        Every row of ``lectures.csv`` by date: ``date`` (datetime64[ns]), ``kind``,
        ``topic``, ``paper``, ``presenter``, ``summarizer``, ``reviewer`` (group ids;
        ``<NA>`` on days that are not paper lectures).
    ranks : pandas.DataFrame
        ``group``, ``date``, ``paper``, ``role``, ``rank`` (Int64; ``<NA>`` when the paper
        was not in the group's list): three rows per paper lecture.
    notes : list of str
        What the plan did that a person should know (responses replaced, groups formed).
    unmet : list of str
        Each rule not met, with whom and by how much; empty when all hold.
    fairness : dict
        ``mean_rank``, ``worst_rank``, ``first_choice``, ``groups``, ``with_list``,
        ``unranked`` (:func:`gradelib.plan.rules.fairness`).
    warnings : list of str
        The input's warnings (as ``gradelib check`` prints them).
    seed : int
        The seed used.
    optimal : tuple of bool
        Per stage of the objective, whether the solver proved the value best.
    """

    folder: Path
    groups: pd.DataFrame
    schedule: pd.DataFrame
    ranks: pd.DataFrame
    notes: list[str]
    unmet: list[str]
    fairness: dict
    warnings: list[str] = field(default_factory=list)
    seed: int = 0
    optimal: tuple[bool, ...] = ()

    def summary(self) -> list[str]:
        """The plan in a few lines, as ``gradelib plan`` prints it."""
        figures = self.fairness
        mean = score_text(figures["mean_rank"])
        lines = [
            f"{len(self.groups['group'].unique())} groups, "
            f"{int(self.schedule['presenter'].notna().sum())} paper lectures; presentations: "
            f"mean rank {mean}, worst rank {figures['worst_rank']}, "
            f"{figures['first_choice']} of {figures['with_list']} groups with a list got "
            "their first choice"
        ]
        lines += [f"rule not met: {text}" for text in self.unmet]
        lines += [f"note: {text}" for text in self.notes]
        # A warning that repeats a note (a replaced response) is said once, as the note.
        said = [note.split(": ", 1)[-1] for note in self.notes]
        return lines + [w for w in self.warnings if not any(text in w for text in said)]

    def propose(self, out: str | Path | None, say: Callable[[str], object]) -> int:
        """Write the plan with :func:`write_plan` into ``out`` (``None``: the default folder
        ``<course>/out/plan-<YYYYmmdd-HHMMSS>``), tell ``say`` each line of
        :meth:`summary` and each file written; returns 0 (the command's exit status)."""
        folder = Path(out) if out else default_output(self.folder, "plan", dt.datetime.now())
        written = write_plan(self, folder)
        for line in [*self.summary(), *(f"wrote {path}" for path in written)]:
            say(line)
        return 0


def _csv(frame: pd.DataFrame) -> bytes:
    """A frame as CSV text: blanks for missing values, formulas defused."""
    safe = frame.astype(object).where(frame.notna(), "").map(spreadsheet_safe)
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def _days(dates: pd.Series) -> pd.Series:
    return pd.to_datetime(dates).dt.strftime("%Y-%m-%d")


def plan_html(plan: Plan) -> str:
    """``plan.html``: fairness, rules not met, notes, each group's roles with the rank each
    paper had in its list, and the schedule (template ``plan.html``)."""
    ranks = plan.ranks.assign(date=_days(plan.ranks["date"]))
    by_group = {
        group: [
            (row.role, row.date, row.paper, "–" if pd.isna(row.rank) else str(row.rank))
            for row in ranks[ranks["group"] == group].itertuples()
        ]
        for group in plan.groups["group"].unique()
    }
    members = plan.groups.groupby("group", sort=False)
    groups = [
        (name, ", ".join(rows["uniqname"]), bool(rows["formed"].any()), by_group[name])
        for name, rows in members
    ]
    schedule = plan.schedule.assign(date=_days(plan.schedule["date"]))
    rows = [
        ["" if pd.isna(value) else str(value) for value in record]
        for record in schedule[list(SCHEDULE_COLUMNS)].itertuples(index=False)
    ]
    figures = {
        key: score_text(value) if isinstance(value, float) else str(value)
        for key, value in plan.fairness.items()
    }
    return render(
        "plan.html", figures=figures, unmet=plan.unmet, notes=plan.notes,
        warnings=plan.warnings, groups=groups, headers=list(SCHEDULE_COLUMNS), rows=rows,
        seed=str(plan.seed),
    )  # fmt: skip


def write_plan(plan: Plan, out_folder: str | Path) -> list[Path]:
    """Write a plan as a proposal: ``groups.csv``, ``schedule.csv`` and ``plan.html``.

    Parameters
    ----------
    plan : Plan
        From :func:`~gradelib.plan.term.plan_term`.
    out_folder : str or Path
        A folder of its own (created; ``<course>/out/plan-<YYYYmmdd-HHMMSS>`` is the
        command's default); never the course folder.

    Returns
    -------
    list of Path
        The three files written, in that order.

    Raises
    ------
    gradelib.errors.ExportError
        When the folder is the course folder, an input's name or a file, or when any of
        the three files exists already (nothing is written then).

    Examples
    --------
    >>> import tempfile
    >>> from gradelib.plan.term import plan_term
    >>> course = Path(tempfile.mkdtemp())
    >>> _ = (course / "roster.csv").write_text(
    ...     "Student,ID,SIS User ID,SIS Login ID\\nA,1,1,ann\\nB,2,2,ben\\nC,3,3,cy\\n"
    ...     "D,4,4,dee\\nE,5,5,eve\\nF,6,6,fay\\n")
    >>> _ = (course / "lectures.csv").write_text("date,kind,topic,paper\\n"
    ...     "2024-09-17,lecture,Pre-training,ZeRO\\n2024-09-19,lecture,Inference,vLLM\\n")
    >>> _ = (course / "form.csv").write_text("Member 1,Member 2,Paper 1\\nann,ben,vLLM\\n")
    >>> plan = plan_term(course, course / "form.csv")
    >>> [path.name for path in write_plan(plan, course / "out" / "plan")]
    ['groups.csv', 'schedule.csv', 'plan.html']
    >>> print((course / "out" / "plan" / "schedule.csv").read_text())
    date,kind,topic,presenter,summarizer,reviewer,paper
    2024-09-17,lecture,Pre-training,g03,g01,g02,ZeRO
    2024-09-19,lecture,Inference,g01,g02,g03,vLLM
    <BLANKLINE>
    """
    folder = Path(out_folder)
    default = default_output(plan.folder, "plan", dt.datetime.now())
    refuse_output_folder(folder, course_folder=plan.folder, default=str(default))
    paths = [folder / name for name in ("groups.csv", "schedule.csv", "plan.html")]
    refuse_output(*paths, inputs=course_inputs(plan.folder), remedy="choose a new folder (--out)")
    schedule = plan.schedule.assign(date=_days(plan.schedule["date"]))
    contents = [
        _csv(plan.groups[["group", "uniqname"]]),
        _csv(schedule[list(SCHEDULE_COLUMNS)]),
        plan_html(plan).encode("utf-8"),
    ]
    return [write_atomically(path, data) for path, data in zip(paths, contents, strict=True)]
