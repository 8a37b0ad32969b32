"""Weight sliders that add up to 100: moving one moves the others (what-if, participation)."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from gradelib.score.whatif import rebalance


class Guard:
    """Stops a callback that sets other sliders from re-entering itself."""

    def __init__(self) -> None:
        self.busy = False

    def run(self, action: Callable[[], None]) -> None:
        """Run ``action`` unless an action of this guard is already running."""
        if self.busy:
            return
        self.busy = True
        try:
            action()
        finally:
            self.busy = False


def rebalancer(
    sliders: dict[str, widgets.IntSlider], key: str, guard: Guard, refresh: Callable[[], None]
) -> Callable[[dict], None]:
    """A callback for slider ``key``: the other sliders follow so that all add up to 100
    (:func:`gradelib.score.whatif.rebalance`), then ``refresh`` redraws.

    Parameters
    ----------
    sliders : dict of str to ipywidgets.IntSlider
        The group, by key; values in percent.
    key : str
        The slider this callback observes.
    guard : Guard
        Shared by the group, so setting the others does not call back into it.
    refresh : callable
        Redraws the panel once the group adds up again.

    Returns
    -------
    callable
        For ``slider.observe(..., names="value")``.
    """

    def moved(change: dict) -> None:
        def apply() -> None:
            current = {name: slider.value for name, slider in sliders.items()}
            for other, value in rebalance(current, key, change["new"]).items():
                sliders[other].value = value
            refresh()

        guard.run(apply)

    return moved
