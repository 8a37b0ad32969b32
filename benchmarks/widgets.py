"""The widgets' rows of ``benchmarks/run.py`` (issue 18): each panel's response to one change.

The course folder is copied into a temporary folder (the benchmark writes nothing into
it), a workbook session is opened on the copy (:class:`gradelib.notebook.session.Session`)
and every panel is built in plain Python, with no browser. Each row times what one
change of a widget's ``value`` runs, from setting the value until its handler returns
(``ms``, the median of ``repeat`` changes, each to another value, the panel moved back
between them untimed; ``cpu_ms`` the same in this process's CPU time, steadier on a
shared machine), against :data:`TARGET_MS`:

- ``whatif weight`` and ``whatif cut-off``: a weight slider (the others follow) and a
  cut-off slider of :class:`~gradelib.notebook.whatif.WhatIfPanel`;
- ``cutoffs distance``: the distance slider of :class:`~gradelib.notebook.cutoffs.CutoffPanel`;
- ``participation allowance``: :class:`~gradelib.notebook.participation.ParticipationPanel`;
- ``student lookup`` and ``student days lookup``: a student's label typed into the box;
- ``override lookup``: a student typed into :class:`~gradelib.notebook.overrides.OverridePanel`;
- ``progress date``: the "as of" day of :class:`~gradelib.notebook.progress.ProgressPanel`,
  each time a day not drawn before;
- ``history refresh``: :class:`~gradelib.notebook.history.HistoryPanel` redrawn (as after
  every change);
- ``button check``: :meth:`Session.ensure_current`, what every writing button runs first;
- ``plan pin``: a pin of :class:`~gradelib.notebook.plan.PlanPanel` solved again (only
  with ``plan=True``: at 2,000 students the solver alone takes seconds).

Usage::

    python benchmarks/widgets.py /work/bench/c2000 [--repeat 5] [--plan]
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: Every widget response, at 2,000 students (milliseconds).
TARGET_MS = 100.0
#: Column -> (table heading, format), for ``tables.format_table``.
COLUMNS: dict[str, tuple[str, str]] = {
    "name": ("widget", "{:>24}"),
    "ms": ("ms", "{:>8.1f}"),
    "cpu_ms": ("cpu ms", "{:>8.1f}"),
    "target": ("target ms", "{:>9.0f}"),
    "met": ("met", "{:>3}"),
}


#: Median wall and CPU milliseconds of a response.
Timing = tuple[float, float]


def _timed(call: Callable[[], object]) -> Timing:
    """Wall and CPU (this process) milliseconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return 1000 * (time.perf_counter() - wall), 1000 * (time.process_time() - cpu)


def _medians(times: list[Timing]) -> Timing:
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def time_changes(widget: Any, values: Sequence[Any], repeat: int) -> Timing:
    """Median milliseconds (wall, CPU) of setting ``widget.value`` to each of ``values``
    in turn (cycled ``repeat`` times); the widget is put back to its first value untimed."""
    start_value = widget.value
    times = []
    for i in range(max(1, repeat)):
        value = values[i % len(values)]
        times.append(_timed(lambda value=value: setattr(widget, "value", value)))
        widget.value = start_value
    return _medians(times)


def time_calls(call: Callable[[], object], repeat: int) -> Timing:
    """Median milliseconds (wall, CPU) of ``repeat`` calls."""
    return _medians([_timed(call) for _ in range(max(1, repeat))])


def _typed(session: Any) -> list[str]:
    """Labels of a few students spread over the roster, as the box offers them."""
    from gradelib.notebook.lookup import student_options

    labels = list(student_options(session.course))
    step = max(1, len(labels) // 5)
    return labels[::step][:5]


def _responses(session: Any, repeat: int) -> dict[str, Timing]:
    """Every panel's response time (ms) on an open session."""
    import gradelib.notebook as nb

    whatif, cutoffs = nb.WhatIfPanel(session), nb.CutoffPanel(session)
    participation = nb.ParticipationPanel(session)
    lookup, days = nb.student_lookup(session), nb.student_days_lookup(session)
    override, history = nb.OverridePanel(session), nb.HistoryPanel(session)
    progress = nb.ProgressPanel(session)
    weight = next(iter(whatif.weight_sliders.values()))
    cutoff = next(iter(whatif.cutoff_sliders.values()))
    typed = _typed(session)
    days_held = sorted({d.date() for d in session.course.schedule["date"]})
    return {
        "whatif weight": time_changes(weight, [weight.value + 5, weight.value - 5], repeat),
        "whatif cut-off": time_changes(cutoff, [cutoff.value - 1, cutoff.value - 2], repeat),
        "cutoffs distance": time_changes(cutoffs.distance, [2.0, 0.5, 3.0], repeat),
        "participation allowance": time_changes(
            participation.allowance, [participation.allowance.value + 1, 0], repeat
        ),
        "student lookup": time_changes(lookup.search, typed, repeat),
        "student days lookup": time_changes(days.search, typed, repeat),
        "override lookup": time_changes(override.student, typed, repeat),
        # Each change to a day not drawn before (the panel keeps the last days drawn).
        "progress date": time_changes(
            progress.picker, [d for d in days_held if d != progress.picker.value][-repeat:], repeat
        ),
        "history refresh": time_calls(history.refresh, repeat),
        "button check": time_calls(session.ensure_current, repeat),
    }


def _plan_pin(folder: Path, repeat: int) -> Timing:
    """Milliseconds of one pin solved again in the plan panel."""
    import gradelib.notebook as nb

    panel = nb.PlanPanel(folder)
    panel.lecture.value = panel.lecture.options[0][1]
    panel.group.value = panel.group.options[-1]
    return time_calls(panel.pin, repeat)


def bench_widgets(folder: Path, repeat: int, *, plan: bool = False) -> list[dict[str, Any]]:
    """One row per widget response on a copy of ``folder``: ``name``, ``ms`` and
    ``cpu_ms`` (medians of ``repeat``), ``target`` (:data:`TARGET_MS`) and ``met``
    (``"yes"``/``"no"``, by ``ms``)."""
    from gradelib.notebook.session import Session

    with tempfile.TemporaryDirectory(prefix="gradelib-bench-widgets-") as tmp:
        copy = Path(tmp) / "course"
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("out", "history"))
        session = Session(copy, clock=lambda: datetime.datetime(2024, 12, 18, 15, 0))
        if session.course is None:
            raise RuntimeError(f"{folder} has errors: {session.problems[:3]}")
        timings = _responses(session, repeat)
        if plan:
            timings["plan pin"] = _plan_pin(copy, max(1, repeat // 3))
    return [
        {"name": name, "ms": ms, "cpu_ms": cpu, "target": TARGET_MS,
         "met": "yes" if ms < TARGET_MS else "no"}
        for name, (ms, cpu) in timings.items()
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Print the widgets' table for a course folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a course folder (e.g. 2,000 students)")
    parser.add_argument("--repeat", type=int, default=5, help="changes per widget (median)")
    parser.add_argument("--plan", action="store_true", help="also time a plan panel pin")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from tables import format_table

    print(format_table(bench_widgets(args.folder, args.repeat, plan=args.plan), COLUMNS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
