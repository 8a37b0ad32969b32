"""The notebooks' interactive panels: what-if sliders, student lookup, Canvas export.

Each panel is an ``ipywidgets.VBox`` built from plain widgets whose state is all there
is: pictures are ``Image`` widgets (PNG bytes), tables ``HTML`` widgets. A callback only
sets those values, so it can be unit-tested by setting a slider's value in Python and
reading the widgets back; nothing is printed into cell outputs. The only state kept
beyond the files is a slider's unsaved position; "Save to policy.toml" writes it.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from gradelib.errors import GradelibError, ProblemLog
from gradelib.files import default_output
from gradelib.load.course import Course
from gradelib.notebook.common import table_html
from gradelib.notebook.panel import BUTTON, CELL, LABEL_STYLE, TABLE_STYLE, WIDE, Panel, error_html
from gradelib.notebook.verify import VerifyStep
from gradelib.policy.letters import count_letters
from gradelib.policy.model import COMPONENTS
from gradelib.policy.read import load_policy
from gradelib.policy.save import save_policy
from gradelib.score.grades import GradeReport
from gradelib.score.whatif import Outcome, participation_with, rebalance, recompute
from gradelib.show import plots
from gradelib.show.explain import student_breakdown, student_days
from gradelib.show.statements import statement_fragment


def counts_html(counts: pd.Series, before: pd.Series | None = None) -> str:
    """Letter counts as a one-row HTML table (each cell has ``data-letter``)."""
    head = "".join(f'<th style="{CELL}">{html.escape(letter)}</th>' for letter in counts.index)
    cells = []
    for letter, number in counts.items():
        change = ""
        if before is not None and before.get(letter, 0) != number:
            change = f" <small>({int(number) - int(before.get(letter, 0)):+d})</small>"
        cells.append(
            f'<td style="{CELL}" data-letter="{html.escape(letter)}">{int(number)}{change}</td>'
        )
    return (
        f'<table class="gl-counts" style="{TABLE_STYLE}">'
        f'<tr><th style="{CELL}">letter</th>{head}</tr>'
        f'<tr><th style="{CELL}">students</th>{"".join(cells)}</tr></table>'
    )


class _Guard:
    """Stops a callback that sets other sliders from re-entering itself."""

    def __init__(self) -> None:
        self.busy = False

    def run(self, action: Callable[[], None]) -> None:
        if self.busy:
            return
        self.busy = True
        try:
            action()
        finally:
            self.busy = False


def _rebalancer(
    sliders: dict[str, widgets.IntSlider], key: str, guard: _Guard, refresh: Callable[[], None]
) -> Callable[[dict], None]:
    """A slider callback: the other sliders follow so that all add up to 100, then redraw."""

    def moved(change: dict) -> None:
        def apply() -> None:
            current = {name: slider.value for name, slider in sliders.items()}
            for other, value in rebalance(current, key, change["new"]).items():
                sliders[other].value = value
            refresh()

        guard.run(apply)

    return moved


class WhatIfPanel(Panel):
    """Weight and cut-off sliders redrawing the final histogram and letter counts.

    Moving a weight slider rebalances the other weights so they add up to 100. "Save to
    policy.toml" writes the weights and cut-offs into the course's policy file (keeping
    its comments); "Reset" puts the sliders back to what the file says.
    """

    def __init__(self, course: Course, report: GradeReport) -> None:
        self.course, self.report = course, report
        self._guard = _Guard()
        policy = course.policy
        self.weight_sliders = {
            key: widgets.IntSlider(
                value=int(policy.weights[key]), min=0, max=100, description=f"{name} (%)",
                style=LABEL_STYLE, layout=WIDE, continuous_update=False,
            )
            for key, name in COMPONENTS.items()
        }  # fmt: skip
        self.cutoff_sliders = {
            letter: widgets.FloatSlider(
                value=cutoff, min=0, max=100, step=0.5, description=f"{letter} from",
                style=LABEL_STYLE, layout=WIDE, continuous_update=False,
            )
            for letter, cutoff in policy.letters
        }  # fmt: skip
        self.picture = widgets.Image(format="png", layout=widgets.Layout(width="760px"))
        self.counts = widgets.HTML()
        self.status = widgets.HTML()
        self.save_button = widgets.Button(
            description="Save to policy.toml", icon="save", layout=BUTTON
        )
        self.reset_button = widgets.Button(description="Reset", icon="undo", layout=BUTTON)
        for key, slider in self.weight_sliders.items():
            slider.observe(self._weight_moved(key), names="value")
        for slider in self.cutoff_sliders.values():
            slider.observe(lambda _change: self.refresh(), names="value")
        self.save_button.on_click(lambda _button: self.save())
        self.reset_button.on_click(lambda _button: self.reset())
        self.baseline = count_letters(report.grades.set_index("uniqname")["letter"], policy.letters)
        sliders = widgets.HBox([
            widgets.VBox([widgets.HTML("<b>Weights</b>"), *self.weight_sliders.values()]),
            widgets.VBox([widgets.HTML("<b>Letter cut-offs</b>"), *self.cutoff_sliders.values()]),
        ])  # fmt: skip
        buttons = widgets.HBox([self.save_button, self.reset_button])
        super().__init__([sliders, buttons, self.status, self.counts, self.picture])
        self.refresh()

    def weights(self) -> dict[str, int]:
        """The weights the sliders show."""
        return {key: slider.value for key, slider in self.weight_sliders.items()}

    def scale(self) -> tuple[tuple[str, float], ...]:
        """The letter cut-offs the sliders show, highest first."""
        return tuple((letter, slider.value) for letter, slider in self.cutoff_sliders.items())

    def _weight_moved(self, key: str) -> Callable[[dict], None]:
        return _rebalancer(self.weight_sliders, key, self._guard, self.refresh)

    def outcome(self) -> Outcome:
        """Finals and letters under the sliders' weights and cut-offs."""
        return recompute(self.report, self.weights(), self.scale())

    def refresh(self) -> None:
        """Redraw the histogram and the letter counts for the sliders' values."""
        cutoffs = [cutoff for _, cutoff in self.scale()]
        if any(a <= b for a, b in itertools.pairwise(cutoffs)):
            self.status.value = (
                '<span style="color:#b00">Cut-offs must go down from A to D−; '
                "move the sliders apart.</span>"
            )
            return
        outcome = self.outcome()
        policy = dataclasses.replace(self.course.policy, letters=self.scale())
        figure = plots.final_histogram(self.report.grades, policy, finals=outcome.finals)
        self.picture.value = plots.figure_png(figure)
        self.counts.value = counts_html(outcome.counts, self.baseline)
        self.status.value = ""

    def save(self) -> None:
        """Write the sliders' weights and cut-offs into the course's ``policy.toml``."""
        try:
            save_policy(self.course.folder, weights=self.weights(), letters=self.scale())
        except GradelibError as exc:
            problem = html.escape(str(exc))
            self.status.value = f'<span style="color:#b00">Not saved: {problem}</span>'
            return
        self.status.value = f"Saved to {html.escape(str(self.course.folder / 'policy.toml'))}."

    def reset(self) -> None:
        """Put every slider back to the values of the course's ``policy.toml``."""
        policy = load_policy(self.course.folder, ProblemLog()) or self.course.policy

        def apply() -> None:
            for key, slider in self.weight_sliders.items():
                slider.value = int(policy.weights[key])
            for letter, cutoff in policy.letters:
                if letter in self.cutoff_sliders:
                    self.cutoff_sliders[letter].value = cutoff

        self._guard.run(apply)
        self.refresh()


def _student_options(course: Course) -> dict[str, str]:
    """``"Last, First (uniqname)"`` -> uniqname, sorted by name."""
    roster = course.roster.sort_values(["name", "uniqname"])
    return {f"{name} ({uniq})": uniq for uniq, name in roster[["uniqname", "name"]].to_numpy()}


class StudentPicker(Panel):
    """A searchable student box and an HTML view of what ``render`` makes of the student."""

    def __init__(self, course: Course, render: Callable[[str], str], prompt: str) -> None:
        self.options = _student_options(course)
        self.render = render
        self.search = widgets.Combobox(
            options=list(self.options), placeholder=prompt, ensure_option=True,
            description="Student", layout=WIDE,
        )  # fmt: skip
        self.view = widgets.HTML()
        self.search.observe(lambda change: self.show(change["new"]), names="value")
        super().__init__([self.search, self.view])

    def show(self, label: str) -> None:
        """Show the student of an option label (nothing for an unknown label)."""
        uniqname = self.options.get(label)
        self.view.value = self.render(uniqname) if uniqname else ""


def student_lookup(course: Course, report: GradeReport) -> StudentPicker:
    """One student's grade statement, as ``gradelib statements`` writes it for them."""
    return StudentPicker(
        course,
        lambda uniqname: statement_fragment(course, report, uniqname),
        "Type a name or uniqname",
    )


def student_days_lookup(course: Course, report: GradeReport) -> StudentPicker:
    """One student's attendance dates and questions."""
    return StudentPicker(
        course, lambda uniqname: student_days(course, report, uniqname), "Type a name or uniqname"
    )


class ExportPanel(Panel):
    """A button that writes the Canvas import file into the course's ``out/`` folder.

    It calls :func:`gradelib.export.to_canvas.export_to_canvas`, as ``gradelib export``
    does, and shows the same messages: warnings, notices, the grading scheme to enter in
    Canvas and the check of the file as read back, then the first rows. Below, ``verify``
    (:class:`gradelib.notebook.verify.VerifyStep`) checks the export downloaded after the import.
    """

    ALLOW_DELETIONS = "allow deleting scores Canvas has"
    WITHOUT_OVERRIDES = "leave the final overrides out"

    def __init__(self, course: Course, clock: Callable[[], datetime] = datetime.now) -> None:
        self.course, self.clock = course, clock
        self.button = widgets.Button(description="Export to Canvas", icon="upload", layout=BUTTON)
        self.allow_deletions = widgets.Checkbox(
            value=False, description=self.ALLOW_DELETIONS, indent=False
        )
        self.without_overrides = widgets.Checkbox(
            value=False, description=self.WITHOUT_OVERRIDES, indent=False
        )
        self.result = widgets.HTML()
        self.written: Path | None = None
        self.button.on_click(lambda _button: self.export())
        options = widgets.HBox([self.button, self.allow_deletions, self.without_overrides])
        self.verify = VerifyStep(course)  # the last step: after the import, verify
        super().__init__([options, self.result, self.verify])

    def export(self) -> None:
        """Write ``out/canvas-import-<date-time>.csv``, then show what the export says."""
        from gradelib.export.to_canvas import Remedies, export_to_canvas

        remedies = Remedies(
            overwrite="export again a second later (each export gets a new name)",
            allow_deletions=f"tick “{self.ALLOW_DELETIONS}” to delete them on purpose",
            without_final_overrides=f"tick “{self.WITHOUT_OVERRIDES}” to do so on purpose",
        )
        out = default_output(self.course.folder, "canvas-import", self.clock(), ".csv")
        try:
            result = export_to_canvas(
                self.course, out, allow_deletions=self.allow_deletions.value,
                without_final_overrides=self.without_overrides.value, remedies=remedies,
            )  # fmt: skip
        except GradelibError as exc:
            self.result.value = error_html(exc)
            return
        self.written = result.path
        colour = "" if result.ok else "color:#b00;"
        upload = "Upload it in Canvas: Grades › Import." if result.ok else "Do not upload it."
        messages = html.escape("\n".join(result.messages()))
        preview = pd.DataFrame(list(result.file.rows[:5]), columns=list(result.file.header))
        self.result.value = (
            f'<p>Wrote <code data-path="{html.escape(str(result.path))}">'
            f"{html.escape(str(result.path))}</code> ({len(result.file.rows)} students) and its "
            f"manifest. {upload}</p>"
            f'<pre data-ok="{str(result.ok).lower()}" style="{colour}white-space:pre-wrap">'
            f"{messages}</pre><p>First rows:</p>"
            + preview.to_html(index=False, escape=True, border=0)
        )


class ParticipationPanel(Panel):
    """Allowance and sub-weight sliders redrawing every student's participation."""

    def __init__(self, course: Course, report: GradeReport) -> None:
        self.course, self.report = course, report
        self._guard = _Guard()
        policy = course.policy
        self.allowance = widgets.IntSlider(
            value=policy.absence_allowance, min=0, max=10, description="Absence allowance",
            style=LABEL_STYLE, layout=WIDE, continuous_update=False,
        )  # fmt: skip
        self.share_sliders = {
            key: widgets.IntSlider(
                value=int(share), min=0, max=100, description=f"{key} (%)",
                style=LABEL_STYLE, layout=WIDE, continuous_update=False,
            )
            for key, share in policy.participation.items()
        }  # fmt: skip
        self.picture = widgets.Image(format="png", layout=widgets.Layout(width="760px"))
        self.changes = widgets.HTML()
        self.allowance.observe(lambda _change: self.refresh(), names="value")
        for key, slider in self.share_sliders.items():
            slider.observe(self._share_moved(key), names="value")
        super().__init__([self.allowance, *self.share_sliders.values(), self.changes, self.picture])
        self.refresh()

    def shares(self) -> dict[str, int]:
        """The participation sub-weights the sliders show."""
        return {key: slider.value for key, slider in self.share_sliders.items()}

    def _share_moved(self, key: str) -> Callable[[dict], None]:
        return _rebalancer(self.share_sliders, key, self._guard, self.refresh)

    def participation(self) -> pd.Series:
        """Participation by uniqname under the sliders' values."""
        return participation_with(self.report.parts, self.allowance.value, self.shares())

    def refresh(self) -> None:
        """Redraw the participation chart and list the students whose score changes."""
        now = self.participation()
        before = self.report.parts["participation"]
        self.picture.value = plots.figure_png(
            plots.participation_scores(now, title="Participation under these settings")
        )
        changed = (now - before).abs() > 0.005
        table = pd.DataFrame({"before": before[changed], "after": now[changed]})
        table = table.sort_values("after")
        self.changes.value = (
            f'<p data-changed="{int(changed.sum())}">{int(changed.sum())} student(s) change.</p>'
            + (table_html(table, index=True) if len(table) else "")
        )


class OverridePanel(Panel):
    """Record a grade change: it goes into ``overrides.csv`` (with reason and time) first.

    After saving, the student's breakdown is shown from the course as read back from the
    files; the other panels show it after the notebook is run again.
    """

    def __init__(self, course: Course, clock: Callable[[], datetime] = datetime.now) -> None:
        self.course, self.clock = course, clock
        self.options = _student_options(course)
        self.student = widgets.Combobox(
            options=list(self.options), placeholder="Type a name or uniqname",
            ensure_option=True, description="For student", layout=WIDE,
        )  # fmt: skip
        self.component = widgets.Dropdown(
            options=[(name, key) for key, name in COMPONENTS.items()] + [("Final", "final")],
            description="Component", layout=WIDE,
        )  # fmt: skip
        self.value = widgets.Text(
            placeholder="a percentage, or excused", description="New value", layout=WIDE
        )
        self.reason = widgets.Text(
            placeholder="shown to the student", description="Reason", layout=WIDE
        )
        self.button = widgets.Button(description="Save override", icon="save", layout=BUTTON)
        self.result = widgets.HTML()
        self.button.on_click(lambda _button: self.save())
        super().__init__(
            [self.student, self.component, self.value, self.reason, self.button, self.result]
        )

    def save(self) -> None:
        """Write the override to the file, then show the student's grade read back from it."""
        from gradelib.load.course import check_course
        from gradelib.load.record_override import record_override
        from gradelib.score.grades import score_course

        uniqname = self.options.get(self.student.value)
        if uniqname is None:
            self.result.value = '<span style="color:#b00">Choose a student first.</span>'
            return
        try:
            path = record_override(
                self.course.folder, uniqname, self.component.value, self.value.value,
                self.reason.value, now=self.clock(),
            )  # fmt: skip
        except GradelibError as exc:
            self.result.value = f'<span style="color:#b00">{html.escape(str(exc))}</span>'
            return
        course, problems = check_course(self.course.folder)
        if course is None:
            listing = "".join(f"<li>{html.escape(str(p))}</li>" for p in problems)
            self.result.value = (
                f"<p>Saved to {path.name}, but the folder has errors:</p><ul>{listing}</ul>"
            )
            return
        report = score_course(course)
        self.result.value = (
            f"<p>Saved to {html.escape(path.name)}. Run the notebook again to see the change "
            "in every table and picture.</p>" + student_breakdown(course, report, uniqname)
        )
