"""The one letter rule: a final's letter, and the letters of a scale in order.

SPEC ("Letter grade from the final rounded half-up to two decimals ... cut-offs
inclusive"): every letter anywhere (grades table, statements, what-ifs, cut-off
proposals, Canvas's grading scheme and its letters checked after the import) comes from
:func:`letters_for`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gradelib.sheets.rounding import round_half_up

FAIL_LETTER = "E"
#: Letters a [letters] section may name (Michigan's scale; "E" is below the lowest cut-off).
LETTER_NAMES: tuple[str, ...] = (
    "A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-",
)  # fmt: skip

#: A letter scale: (letter, lowest final in percent) pairs, highest first (``Policy.letters``).
Scale = tuple[tuple[str, float], ...]


def letters_for(finals: pd.Series, scale: tuple[tuple[str, float], ...]) -> pd.Series:
    """The letter of each final (SPEC: from the final rounded half-up, cut-offs inclusive).

    Parameters
    ----------
    finals : pandas.Series
        Finals in percent (rounded here; rounding twice changes nothing).
    scale : tuple of (str, float)
        ``Policy.letters``: (letter, lowest final) pairs, highest first.

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index: the letter, ``E`` below the last cut-off, ``""`` for
        a missing final.

    Examples
    --------
    >>> letters_for(pd.Series([92.995, 89.994]), (("A", 93.0), ("A-", 90.0))).tolist()
    ['A', 'E']
    """
    rounded = round_half_up(finals).to_numpy()
    letters = np.full(len(rounded), FAIL_LETTER, dtype=object)
    for letter, cutoff in reversed(scale):
        letters[rounded >= cutoff] = letter
    letters[np.isnan(rounded)] = ""
    return pd.Series(letters, index=finals.index, dtype="string")


def letter_for(final: float, scale: tuple[tuple[str, float], ...]) -> str:
    """The letter of one final (see :func:`letters_for`)."""
    return str(letters_for(pd.Series([final], dtype=float), scale).iloc[0])


def letter_order(scale: Scale) -> list[str]:
    """The letters of a scale, best first, ``E`` last."""
    return [letter for letter, _ in scale] + [FAIL_LETTER]


def count_letters(letters: pd.Series, scale: Scale) -> pd.Series:
    """Students per letter in the scale's order, zeros included."""
    order = letter_order(scale)
    return letters.value_counts().reindex(order, fill_value=0).astype(int)
