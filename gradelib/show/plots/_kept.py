"""Drawing a figure again on the pixels of its previous drawing (matplotlib's blitting).

A figure redrawn in place for a what-if (:class:`~gradelib.show.plots._base.GradeFigure`
with ``keeps_backdrop``) keeps the pixels of what did not change and draws only what did:

- the *backdrop*: the figure without its axes (title, legends), drawn once per layout;
- the *still picture*: the backdrop with the axes drawn but their ``moving`` artists,
  one per ``still_key`` (what the kept part of the axes shows), the last
  :data:`STILL_KEPT` kept;
- on it, the moving artists, in the order the axes would draw them.

The pixels are those of a whole drawing: what is kept is never drawn over by a moving
artist in a whole drawing (the figures that name moving artists say why).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from operator import attrgetter

from matplotlib.artist import Artist
from matplotlib.figure import Figure

# The figures drawn here are ``_base.GradeFigure`` (its ``backdrop``, ``still``, ``moving``
# and ``still_key``), typed as their matplotlib base: ``_base`` imports this module.

#: Still pictures kept per figure (about 2 MB each), the most recently used: a slider
#: moved back and forth finds the y-axis it showed before.
STILL_KEPT = 4


def draw_kept(fig: Figure) -> None:
    """Draw ``fig`` on its canvas, on the kept pixels where they still hold."""
    canvas = fig.canvas
    if fig.backdrop is None:
        fig.still.clear()
        with hidden(fig.axes):
            canvas.draw()
        fig.backdrop = canvas.copy_from_bbox(fig.bbox)
    key = fig.still_key if fig.moving is not None else None
    if key is not None and key in fig.still:
        fig.still[key] = fig.still.pop(key)  # the most recently used last
        canvas.restore_region(fig.still[key])
        draw_moving(fig)
        return
    canvas.restore_region(fig.backdrop)
    if key is None:
        for ax in fig.axes:
            fig.draw_artist(ax)
        return
    with hidden(fig.moving):
        for ax in fig.axes:
            fig.draw_artist(ax)
    fig.still[key] = canvas.copy_from_bbox(fig.bbox)
    while len(fig.still) > STILL_KEPT:
        del fig.still[next(iter(fig.still))]  # the least recently used
    draw_moving(fig)


def draw_moving(fig: Figure) -> None:
    """Draw the moving artists of ``fig``'s axes in the order the axes draw them (by
    z-order, then as added); an :class:`~matplotlib.axis.Axis` among them is drawn whole."""
    moving = set(fig.moving or [])
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        for artist in sorted(
            (a for a in ax.get_children() if a in moving), key=attrgetter("zorder")
        ):
            artist.draw(renderer)


@contextmanager
def hidden(artists: Iterable[Artist] | None) -> Iterator[None]:
    """The visible ones of ``artists`` hidden for the time of the block."""
    shown = [a for a in artists or [] if a.get_visible()]
    for artist in shown:
        artist.set_visible(False)
    try:
        yield
    finally:
        for artist in shown:
            artist.set_visible(True)
