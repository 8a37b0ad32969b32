"""The what-if panel: weight and cut-off sliders redrawing the finals and letter counts.

Like every panel it is an ``ipywidgets.VBox`` of plain widgets whose values are all there
is (the picture an ``Image`` of PNG bytes, the counts an ``HTML`` widget), so a test moves
a slider in Python and reads the widgets back. The only state kept beyond the files is a
slider's unsaved position; "Save to policy.toml" writes it through the workbook session
(checked first, recorded in the history, then every panel redrawn from the new grades).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable

import ipywidgets as widgets

from gradelib.errors import GradelibError
from gradelib.files import POLICY_FILE
from gradelib.notebook.panel import (
    BUTTON,
    LABEL_STYLE,
    WIDE,
    Panel,
    letter_counts_html,
    message_html,
)
from gradelib.notebook.policy_change import save_policy_change
from gradelib.notebook.session import Session
from gradelib.notebook.sliders import Guard, rebalancer
from gradelib.policy.letters import Scale, count_letters
from gradelib.policy.model import COMPONENTS
from gradelib.score.whatif import Outcome, recompute
from gradelib.show import plots


class WhatIfPanel(Panel):
    """Weight and cut-off sliders redrawing the final histogram and letter counts.

    Moving a weight slider rebalances the other weights so they add up to 100. "Save to
    policy.toml" writes the weights and cut-offs into the course's policy file (keeping
    its comments) when ``gradelib check`` would accept them (out-of-order cut-offs cannot
    be saved); "Reset" puts the sliders back to what the file says.

    Parameters
    ----------
    session : Session
        The workbook session: its policy gives the sliders' start, its letters are the
        counts the changes are counted from; Save goes through it.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._guard = Guard()
        policy = session.course.policy
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
        self._figure: plots.GradeFigure | None = None  # built at the first refresh, then redrawn
        self.counts, self.status = widgets.HTML(), widgets.HTML()
        self.save_button = widgets.Button(
            description="Save to policy.toml", icon="save", layout=BUTTON
        )
        self.reset_button = widgets.Button(description="Reset", icon="undo", layout=BUTTON)
        self.reason = widgets.Text(
            placeholder="why (kept in the change history)", description="Reason", layout=WIDE
        )
        for key, slider in self.weight_sliders.items():
            slider.observe(self._weight_moved(key), names="value")
        for slider in self.cutoff_sliders.values():
            slider.observe(lambda _change: self.refresh(), names="value")
        self.save_button.on_click(lambda _button: self.save())
        self.reset_button.on_click(lambda _button: self.reset())
        buttons = widgets.HBox([self.save_button, self.reset_button])
        parts = [self._sliders(), self.reason, buttons, self.status, self.counts, self.picture]
        super().__init__(parts)
        self.add_class("gl-panel-whatif")  # for the browser tests
        self.refresh()
        session.on_change(lambda _session: self.refresh())

    def _sliders(self) -> widgets.HBox:
        """The weights beside the cut-offs, each column under its heading."""
        return widgets.HBox([
            widgets.VBox([widgets.HTML(message_html("Weights", "heading")),
                          *self.weight_sliders.values()]),
            widgets.VBox([widgets.HTML(message_html("Letter cut-offs", "heading")),
                          *self.cutoff_sliders.values()]),
        ])  # fmt: skip

    def weights(self) -> dict[str, int]:
        """The weights the sliders show (percent, by component key)."""
        return {key: slider.value for key, slider in self.weight_sliders.items()}

    def scale(self) -> Scale:
        """The letter cut-offs the sliders show, highest first."""
        return tuple((letter, slider.value) for letter, slider in self.cutoff_sliders.items())

    def _weight_moved(self, key: str) -> Callable[[dict], None]:
        return rebalancer(self.weight_sliders, key, self._guard, self.refresh)

    def outcome(self) -> Outcome:
        """Finals and letters under the sliders' weights and cut-offs."""
        return recompute(self.session.report, self.weights(), self.scale())

    def refresh(self) -> None:
        """Redraw the histogram and the letter counts for the sliders' values.

        Saving is possible only for values ``gradelib check`` accepts: cut-offs strictly
        descending from A to D− (SPEC, ``[letters]``).
        """
        session = self.session
        cutoffs = [cutoff for _, cutoff in self.scale()]
        problem = session.stale
        if problem is None and any(a <= b for a, b in itertools.pairwise(cutoffs)):
            problem = "Cut-offs must go down from A to D−; move the sliders apart."
        self.save_button.disabled = problem is not None
        if problem is not None:
            self.status.value = message_html(problem, "problem")
            return
        report, policy = session.report, session.course.policy
        baseline = session.derive(
            "letter counts",
            lambda: count_letters(session.grades_by_student()["letter"], policy.letters),
        )
        outcome = self.outcome()
        shown = dataclasses.replace(policy, letters=self.scale())
        if self._figure is None:
            self._figure = plots.final_histogram(report.grades, shown, finals=outcome.finals)
        else:  # the same figure, its bars, lines and counts drawn again
            plots.redraw_finals(self._figure, report.grades, shown, finals=outcome.finals)
        self.picture.value = plots.figure_png(self._figure)
        self.counts.value = letter_counts_html(
            baseline, outcome.counts, labels=("now", "what if"), panel="gl-whatif"
        )
        self.status.value = ""

    def save(self) -> None:
        """Write the sliders' weights and cut-offs into the course's ``policy.toml``."""
        try:
            change = save_policy_change(
                self.session, what="weights and cut-offs (what-if)", reason=self.reason.value,
                weights=self.weights(), letters=self.scale(),
            )  # fmt: skip
        except GradelibError as exc:
            self.status.value = message_html(f"Not saved: {exc}", "problem")
            return
        if change is None:
            self.status.value = message_html("Nothing to save: policy.toml says the same.")
            return
        self.status.value = message_html(
            f"Saved to {self.session.folder / POLICY_FILE} (change {change.number}: "
            f"{change.new}). Every table and picture now shows the new grades."
        )

    def reset(self) -> None:
        """Put every slider back to the values of the course's ``policy.toml``."""
        self.session.ensure_current()
        if self.session.course is None:
            return
        policy = self.session.course.policy

        def apply() -> None:
            for key, slider in self.weight_sliders.items():
                slider.value = int(policy.weights[key])
            for letter, cutoff in policy.letters:
                if letter in self.cutoff_sliders:
                    self.cutoff_sliders[letter].value = cutoff

        self._guard.run(apply)
        self.refresh()
