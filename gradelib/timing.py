"""Where a run's time goes: named stages, timed only when someone asks (``make bench``).

The package marks its stages (reading each file, the checks across files, each part of
scoring, building and checking the Canvas file) with :func:`stage` or :func:`staged`.
Outside :func:`timed_stages` a mark costs one context-variable look-up; inside, each
stage's own wall time is added to the clock under its name. A stage inside another is
taken out of the outer one's time, so the stages of a run add up to the time they cover.

Examples
--------
>>> import time
>>> with timed_stages() as clock:
...     with stage("load"):
...         with stage("read"):
...             time.sleep(0.01)
>>> list(clock), clock["read"] >= 0.01 > clock["load"]
(['load', 'read'], True)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from time import perf_counter
from typing import ParamSpec, TypeVar

_CLOCK: ContextVar[dict[str, float] | None] = ContextVar("gradelib_stages", default=None)
_RUNNING: ContextVar[str | None] = ContextVar("gradelib_stage", default=None)

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the block as stage ``name`` when a :func:`timed_stages` clock is running.

    Parameters
    ----------
    name : str
        The stage's name as ``make bench`` prints it (``"attendance"``, ``"canvas check"``).
    """
    clock = _CLOCK.get()
    if clock is None:
        yield
        return
    outer = _RUNNING.get()
    token = _RUNNING.set(name)
    clock.setdefault(name, 0.0)
    start = perf_counter()
    try:
        yield
    finally:
        spent = perf_counter() - start
        _RUNNING.reset(token)
        clock[name] += spent
        if outer is not None:
            clock[outer] -= spent


def staged(name: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark every call of the decorated function as stage ``name`` (:func:`stage`)."""

    def mark(function: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(function)
        def timed(*args: P.args, **kwargs: P.kwargs) -> R:
            with stage(name):
                return function(*args, **kwargs)

        return timed

    return mark


@contextmanager
def timed_stages() -> Iterator[dict[str, float]]:
    """Collect the stages run inside the block.

    Yields
    ------
    dict of str to float
        Stage name -> its own wall seconds (inner stages taken out), in the order the
        stages first ran; filled as they run.
    """
    clock: dict[str, float] = {}
    token = _CLOCK.set(clock)
    try:
        yield clock
    finally:
        _CLOCK.reset(token)
