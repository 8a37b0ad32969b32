"""The what-if panel: weight and cut-off sliders redrawing the finals and letter counts.

Like every panel it is an ``ipywidgets.VBox`` of plain widgets whose values are all there
is (the picture an ``Image`` of PNG bytes, the counts an ``HTML`` widget), so a test moves
a slider in Python and reads the widgets back. The only state kept beyond the files is a
slider's unsaved position; "Save to policy.toml" writes it.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable

import ipywidgets as widgets

from gradelib.errors import GradelibError, ProblemLog
from gradelib.files import POLICY_FILE
from gradelib.load.course import Course
from gradelib.notebook.panel import (
    BUTTON,
    LABEL_STYLE,
    WIDE,
    Panel,
    letter_counts_html,
    message_html,
)
from gradelib.notebook.sliders import Guard, rebalancer
from gradelib.policy.letters import Scale, count_letters
from gradelib.policy.model import COMPONENTS
from gradelib.policy.read import load_policy
from gradelib.policy.save import save_policy
from gradelib.score.grades import GradeReport
from gradelib.score.whatif import Outcome, recompute
from gradelib.show import plots


class WhatIfPanel(Panel):
    """Weight and cut-off sliders redrawing the final histogram and letter counts.

    Moving a weight slider rebalances the other weights so they add up to 100. "Save to
    policy.toml" writes the weights and cut-offs into the course's policy file (keeping
    its comments); "Reset" puts the sliders back to what the file says.

    Parameters
    ----------
    course : Course
        The course; its ``policy.toml`` gives the sliders' start and is what Save writes.
    report : GradeReport
        The scored course; its letters are the counts the changes are counted from.
    """

    def __init__(self, course: Course, report: GradeReport) -> None:
        self.course, self.report = course, report
        self._guard = Guard()
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
        self.counts, self.status = widgets.HTML(), widgets.HTML()
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
        buttons = widgets.HBox([self.save_button, self.reset_button])
        super().__init__([self._sliders(), buttons, self.status, self.counts, self.picture])
        self.refresh()

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
        return recompute(self.report, self.weights(), self.scale())

    def refresh(self) -> None:
        """Redraw the histogram and the letter counts for the sliders' values."""
        cutoffs = [cutoff for _, cutoff in self.scale()]
        if any(a <= b for a, b in itertools.pairwise(cutoffs)):
            self.status.value = message_html(
                "Cut-offs must go down from A to D−; move the sliders apart.", "problem"
            )
            return
        outcome = self.outcome()
        policy = dataclasses.replace(self.course.policy, letters=self.scale())
        figure = plots.final_histogram(self.report.grades, policy, finals=outcome.finals)
        self.picture.value = plots.figure_png(figure)
        self.counts.value = letter_counts_html(
            self.baseline, outcome.counts, labels=("now", "what if"), panel="gl-whatif"
        )
        self.status.value = ""

    def save(self) -> None:
        """Write the sliders' weights and cut-offs into the course's ``policy.toml``."""
        try:
            save_policy(self.course.folder, weights=self.weights(), letters=self.scale())
        except GradelibError as exc:
            self.status.value = message_html(f"Not saved: {exc}", "problem")
            return
        self.status.value = message_html(f"Saved to {self.course.folder / POLICY_FILE}.")

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
