"""The fixed look shared by every figure, and rendering to PNG.

Figures are built with the object-oriented API only (no ``pyplot``: no global figure
list, nothing is shown by itself). Each plotting function runs inside :func:`styled`,
which starts from matplotlib's defaults and applies :data:`STYLE`, so a notebook's own
``rcParams`` never change how a grading figure looks.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

import matplotlib
import matplotlib.image
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from gradelib.show.plots._kept import draw_kept

P = ParamSpec("P")
R = TypeVar("R")

DPI = 100
STYLE: dict[str, Any] = {
    "font.family": ["DejaVu Sans"],  # bundled with matplotlib: same glyphs everywhere
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "figure.titlesize": 13,
    "figure.titleweight": "bold",
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "svg.hashsalt": "gradelib",
}

# Colour-blind-safe colours (Okabe–Ito), each with one meaning per figure.
NEUTRAL = "#56a0d3"
WARNING = "#d55e00"
BLUE = "#0072b2"
ORANGE = "#e69f00"
LIGHT_GREY = "#d9d9d9"
DARK = "#333333"

#: Pixels a second round of constrained layout may still move an axes (so: not run).
SETTLED = 0.05
#: zlib level of the PNGs: the fastest; the pixels are the same at every level.
PNG_COMPRESSION = 1
#: Students above which per-student labels are hidden (they would overlap).
MAX_LABELLED = 80
#: Inches per student row or column in per-student figures.
PER_STUDENT = 0.17


class GradeFigure(Figure):
    """A :class:`~matplotlib.figure.Figure` that shows itself in Jupyter as a PNG.

    A figure made without ``pyplot`` has no notebook display hook of its own; this one
    renders with :func:`figure_png`, so a cell ending in a figure shows the picture.

    Attributes
    ----------
    redrawn : dict of str to list of matplotlib.artist.Artist
        What a redraw in place changes (e.g. :func:`~gradelib.show.plots.redraw_finals`),
        by role.
    layout_key : object
        What the layout was worked out for: a redraw with another lays the figure out again.
    keeps_backdrop : bool
        Whether only what is inside the axes changes between two renderings: then
        :func:`figure_png` keeps the pixels of the rest (the title, the legends: the
        figure drawn without its axes) and draws only the axes on them.
    backdrop : object
        Those pixels (an Agg region), ``None`` until drawn or after the rest changed.
    moving : list of matplotlib.artist.Artist or None
        With ``keeps_backdrop``, the axes' artists that change between two renderings
        (an axis among them: drawn whole); the pixels of the rest of the axes are kept
        too while ``still_key`` stays the same (:mod:`gradelib.show.plots._kept`).
        ``None``: the whole axes are drawn every time.
    still_key : object
        What the rest of the axes depends on (their place and limits).
    still : dict
        By ``still_key``, the pixels of the figure without the moving artists (the last
        few drawn).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.redrawn: dict[str, list[Artist]] = {}
        self.layout_key: object = None
        self.keeps_backdrop = False
        self.backdrop: object = None
        self.moving: list[Artist] | None = None
        self.still_key: object = None
        self.still: dict[object, object] = {}

    def _repr_png_(self) -> bytes:
        return figure_png(self)


@contextmanager
def style() -> Iterator[None]:
    """Matplotlib's defaults plus :data:`STYLE`, restored afterwards."""
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(STYLE)
        yield


def styled(func: Callable[P, R]) -> Callable[P, R]:
    """Run a plotting function inside :func:`style`."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with style():
            result = func(*args, **kwargs)
            if isinstance(result, Figure):
                freeze_layout(result)
            return result

    return wrapper


def freeze_layout(fig: Figure) -> None:
    """Run constrained layout once, then keep that layout.

    Frozen, every rendering of the figure is the same (with a legend above the axes,
    constrained layout run again would start from the current positions and could move
    an axes by a fraction of a pixel). One round is enough: a second one moves no axes
    by more than :data:`SETTLED` of a pixel (0.03 at most on the sample and benchmark
    courses), less than antialiasing shows.
    """
    engine = fig.get_layout_engine()
    if engine is not None and fig.axes:
        engine.execute(fig)
    fig.set_layout_engine("none")


def new_figure(width: float, height: float) -> GradeFigure:
    """An empty figure of ``width`` × ``height`` inches with constrained layout."""
    fig = GradeFigure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def figure_png(fig: Figure) -> bytes:
    """Render a figure to PNG bytes, the same bytes every time.

    A figure of this module is drawn once, straight onto its Agg canvas (``savefig``
    would lay it out again first, in a second, pixel-less drawing); the pixels are
    written with zlib's fastest level (:data:`PNG_COMPRESSION`), the same picture.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Any figure, e.g. one returned by this module.

    Returns
    -------
    bytes
        The PNG at 100 dpi, without the "Software" metadata (so nothing in it depends
        on the matplotlib version or the time).
    """
    buffer = io.BytesIO()
    options: dict[str, Any] = {
        "metadata": {"Software": None},
        "pil_kwargs": {"compress_level": PNG_COMPRESSION},
    }
    with style():
        if isinstance(fig, GradeFigure) and fig.keeps_backdrop:
            draw_kept(fig)
            # What print_png writes after its drawing.
            image = fig.canvas.buffer_rgba()
            matplotlib.image.imsave(buffer, image, format="png", origin="upper", dpi=DPI, **options)
        elif isinstance(fig.canvas, FigureCanvasAgg) and fig.get_dpi() == DPI:
            fig.canvas.print_png(buffer, **options)
        else:
            fig.savefig(buffer, format="png", dpi=DPI, **options)
    return buffer.getvalue()


def retitle(fig: Figure, title: str) -> None:
    """Give a figure its title, or another one in the place its layout gave the first.

    ``Figure.suptitle`` on a titled figure would also move the title back to the top
    edge, from where constrained layout had placed it.
    """
    current = getattr(fig, "_suptitle", None)  # what Figure.suptitle itself updates
    if current is None:
        fig.suptitle(title)
    else:
        current.set_text(title)


def date_labels(dates: Iterable[Any]) -> list[str]:
    """Dates as ``Sep 05``."""
    return [pd.Timestamp(day).strftime("%b %d") for day in dates]


def per_student_length(count: int, base: float) -> float:
    """Figure height (or width) in inches for ``count`` student rows (capped at 80)."""
    return base + PER_STUDENT * min(max(count, 1), MAX_LABELLED)


def integer_ticks(ax: Axes, axis: str = "y") -> None:
    """Only whole numbers on a count axis."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(integer=True))


def legend_above(ax: Axes, handles: Sequence[Artist], *, title: str | None = None) -> None:
    """A one-row legend just above the axes (below the figure title)."""
    ax.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.01),
        ncols=len(handles),
        frameon=False,
        title=title,
    )


def empty_note(ax: Axes, text: str) -> Text:
    """Write ``text`` in the middle of an axes that has nothing to show."""
    return ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", color=DARK)


def plural(count: int, word: str) -> str:
    """``"1 student"``, ``"3 students"``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def numeric(values: pd.Series) -> pd.Series:
    """A column as floats (missing as NaN)."""
    return pd.to_numeric(pd.Series(values), errors="coerce").astype(float)


def by_student(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame indexed by uniqname, whether uniqname is its index or a column."""
    if "uniqname" in frame.columns:
        frame = frame.set_index("uniqname")
    return frame.rename_axis("uniqname")
