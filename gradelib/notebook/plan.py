"""The term's plan at the start of term: groups and roles from the preference form.

:class:`PlanPanel` solves the plan of a course folder (:func:`gradelib.plan.plan_term` on
``preferences.csv``, ``lectures.csv`` and ``roster.csv``) and shows how fair it is, its
notes, a picture of every assignment with the group's rank of the paper
(:func:`gradelib.show.plots.plan.plan_grid`) and the lectures as a table. The GSI can
pin one assignment (a lecture, a role, a group) and solve again, remove a pin, and save
the plan (:func:`gradelib.plan.write_plan`) into ``<course>/out/plan-<time>/``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from gradelib.errors import GradelibError
from gradelib.files import default_output
from gradelib.notebook.panel import BUTTON, LABEL_STYLE, WIDE, Panel, error_html, message_html
from gradelib.plan import Pin, Plan, plan_term, write_plan
from gradelib.sheets.rounding import score_text
from gradelib.show import plots
from gradelib.show.html import render
from gradelib.show.plots.plan import ROLE_LETTERS, day_of, plan_grid

#: The form's file in the course folder, unless another is given.
PREFERENCES = "preferences.csv"
#: Each role as the panel's messages say it.
ROLE_WORDS = {"presenter": "presents", "summarizer": "summarizes", "reviewer": "reviews"}
#: The fairness figures of :attr:`Plan.fairness`, in order, with their labels.
FAIRNESS = {
    "mean_rank": "mean rank of the presented papers",
    "worst_rank": "worst rank",
    "first_choice": "groups presenting their first choice",
    "groups": "groups",
}


def figure_text(value: object) -> str:
    """A fairness figure as text: whole numbers as they are, others through ``score_text``."""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    return score_text(value)


def pin_words(pin: Pin) -> str:
    """``g03 presents on Sep 17``."""
    return f"{pin.group} {ROLE_WORDS.get(pin.role, pin.role)} on {pin.date:%b %d}"


def summary_html(plan: Plan, pins: list[Pin]) -> str:
    """The fairness figures, the notes, what could not be met and the pins."""
    figures = [
        {"key": key.replace("_", "-"), "label": label, "value": figure_text(plan.fairness[key])}
        for key, label in FAIRNESS.items()
        if key in plan.fairness
    ]
    return render(
        "panel_plan.html",
        figures=figures,
        notes=list(plan.notes),
        unmet=list(plan.unmet),
        pins=[pin_words(pin) for pin in pins],
    )


def lectures_html(plan: Plan, pins: list[Pin]) -> str:
    """The paper lectures with each role's group and its rank of the paper."""
    ranks = {(str(r.group), day_of(r.date), str(r.role)): r.rank for r in plan.ranks.itertuples()}
    pinned = {(pin.date, pin.role, pin.group) for pin in pins}
    rows = []
    for lecture in plan.schedule.itertuples():
        group_of = {role: getattr(lecture, role) for role in ROLE_LETTERS}
        if pd.isna(group_of["presenter"]) or not str(group_of["presenter"]):
            continue
        day = day_of(lecture.date)
        roles = []
        for role, group in group_of.items():
            group = "" if pd.isna(group) else str(group)
            rank = ranks.get((group, day, role), pd.NA)
            roles.append(
                {
                    "role": role,
                    "group": group,
                    "rank": "" if pd.isna(rank) else str(int(rank)),
                    "pinned": (day, role, group) in pinned,
                }
            )
        paper = "" if pd.isna(lecture.paper) else str(lecture.paper)
        rows.append(
            {"date": day.isoformat(), "day": f"{day:%b %d}", "topic": lecture.topic,
             "paper": paper, "roles": roles}
        )  # fmt: skip
    return render("panel_plan_schedule.html", lectures=rows)


class PlanPanel(Panel):
    """The term's plan: fairness, notes, a picture and a table; pin, solve again, save.

    Parameters
    ----------
    folder : Path
        The course folder (``roster.csv``, ``lectures.csv``).
    preferences : Path, optional
        The preference form's CSV; ``<folder>/preferences.csv`` by default.
    lectures : Path, optional
        Passed to :func:`gradelib.plan.plan_term` (``<folder>/lectures.csv`` by default).
    seed : int
        The solver's seed (the same inputs and seed give the same plan).
    clock : callable, optional
        Returns now, which names the saved folder (for tests); ``datetime.now`` by default.
    """

    def __init__(
        self,
        folder: Path,
        preferences: Path | None = None,
        lectures: Path | None = None,
        seed: int = 0,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.folder = Path(folder)
        self.preferences = Path(preferences) if preferences else self.folder / PREFERENCES
        self.lectures, self.seed, self.clock = lectures, seed, clock or datetime.now
        self.pins: list[Pin] = []
        self.plan: Plan | None = None
        self.summary, self.table = widgets.HTML(), widgets.HTML()
        self.picture = widgets.Image(format="png", layout=widgets.Layout(width="900px"))
        self.lecture = widgets.Dropdown(description="Lecture", layout=WIDE, style=LABEL_STYLE)
        self.role = widgets.Dropdown(
            description="Role",
            options=[(word, role) for role, word in ROLE_WORDS.items()],
            layout=WIDE,
            style=LABEL_STYLE,
        )
        self.group = widgets.Dropdown(description="Group", layout=WIDE, style=LABEL_STYLE)
        self.pin_button = widgets.Button(description="Pin and re-solve", icon="thumb-tack")
        self.pin_list = widgets.Select(description="Pins", rows=4, layout=WIDE, style=LABEL_STYLE)
        self.remove_button = widgets.Button(description="Remove the pin", icon="times")
        self.save_button = widgets.Button(description="Save the plan", icon="save")
        for button in (self.pin_button, self.remove_button, self.save_button):
            button.layout = BUTTON
        self.message, self.saved = widgets.HTML(), widgets.HTML()
        self.pin_button.on_click(lambda _: self.pin())
        self.remove_button.on_click(lambda _: self.remove())
        self.save_button.on_click(lambda _: self.save())
        controls = widgets.VBox(
            [
                widgets.HTML(message_html("Pin one assignment", "heading")),
                self.lecture, self.role, self.group, self.pin_button,
                self.pin_list, self.remove_button,
            ]
        )  # fmt: skip
        super().__init__(
            [self.summary, self.picture, controls, self.message, self.table,
             self.save_button, self.saved]
        )  # fmt: skip
        self.add_class("gl-panel-plan")
        self.solve(self.pins)

    def solve(self, pins: list[Pin]) -> bool:
        """Solve with ``pins``; keep the pins and show the plan when it works.

        Returns
        -------
        bool
            False when the inputs or the pins are refused (the message says why; the
            plan shown and the pins stay as they were).
        """
        try:
            plan = plan_term(
                self.folder, self.preferences, lectures=self.lectures, seed=self.seed,
                pins=tuple(pins),
            )  # fmt: skip
        except (GradelibError, ValueError) as exc:
            self.message.value = error_html(exc)
            return False
        self.plan, self.pins = plan, list(pins)
        self.show()
        return True

    def show(self) -> None:
        """Draw the current plan and fill the choices from it."""
        plan = self.plan
        assert plan is not None
        self.summary.value = summary_html(plan, self.pins)
        figure = plan_grid(plan.schedule, plan.ranks, plan.groups)
        self.picture.value = plots.figure_png(figure)
        self.table.value = lectures_html(plan, self.pins)
        lectures = plan.schedule[plan.schedule["presenter"].fillna("").astype(str) != ""]
        days = [day_of(d) for d in lectures["date"]]
        titles = lectures["paper"].fillna("").astype(str).tolist()
        self.lecture.options = [
            (f"{day:%b %d} · {title}", day) for day, title in zip(days, titles, strict=True)
        ]
        self.group.options = sorted(plan.groups["group"].astype(str).unique())
        self.pin_list.options = [(pin_words(pin), i) for i, pin in enumerate(self.pins)]

    def pin(self) -> None:
        """Pin the chosen group to the chosen role of the chosen lecture, and solve again.

        A pin of the same lecture and role is replaced.
        """
        day: date | None = self.lecture.value
        if day is None or self.group.value is None:
            self.message.value = message_html("Choose a lecture and a group first.", "problem")
            return
        new = Pin(day, self.role.value, self.group.value)
        kept = [p for p in self.pins if (p.date, p.role) != (new.date, new.role)]
        if self.solve([*kept, new]):
            self.message.value = message_html(f"Pinned: {pin_words(new)}. Solved again.")

    def remove(self) -> None:
        """Remove the pin chosen in the list, and solve again."""
        if self.pin_list.value is None:
            self.message.value = message_html("Choose a pin in the list first.", "problem")
            return
        gone = self.pins[self.pin_list.value]
        if self.solve([p for p in self.pins if p != gone]):
            self.message.value = message_html(f"Removed the pin: {pin_words(gone)}. Solved again.")

    def save(self) -> list[Path]:
        """Write the plan (groups.csv, schedule.csv, plan.html) into a new ``out/`` folder.

        Returns
        -------
        list of Path
            The files written (none when there is no plan or writing failed).
        """
        if self.plan is None:
            self.saved.value = message_html("There is no plan to save.", "problem")
            return []
        out = default_output(self.folder, "plan", self.clock())
        try:
            paths = write_plan(self.plan, out)
        except (GradelibError, OSError) as exc:
            self.saved.value = error_html(exc)
            return []
        self.saved.value = render(
            "panel_plan_saved.html", folder=str(out), paths=[str(p) for p in paths]
        )
        return paths
