"""Small helpers that turn columns into the words of notes (safe on empty columns)."""

from __future__ import annotations

import pandas as pd


def two_decimals(values: pd.Series) -> pd.Series:
    """Numbers as text with two decimals: ``88.0`` -> ``"88.00"``."""
    return values.map("{:.2f}".format).astype("string")


def as_text(values: pd.Series) -> pd.Series:
    """Any column as text (counts, names), ready to be joined with ``+``."""
    return values.astype(str).astype("string")


def day_text(days: pd.Series) -> pd.Series:
    """Dates as ``2024-09-17``."""
    return days.dt.strftime("%Y-%m-%d").astype("string")
