"""The rows a check reports: :func:`selected`.

A check usually finds nothing, and selecting no rows from a frame still costs pandas an
indexing pass (milliseconds, whatever the class size); :func:`selected` skips it then.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd


def selected(
    frame: pd.DataFrame, mask: pd.Series | np.ndarray, columns: list[str] | str
) -> Iterable:
    """The values of ``columns`` in the rows of ``frame`` that ``mask`` selects.

    Parameters
    ----------
    frame : pandas.DataFrame
        The frame.
    mask : pandas.Series or numpy.ndarray of bool
        The rows (a Series aligned with ``frame``).
    columns : list of str or str
        Several columns (one named tuple per row, as ``itertuples`` gives them) or one
        (its values).

    Returns
    -------
    Iterable
        The rows' values, in the frame's order; empty, without indexing, when ``mask``
        selects no row.

    Examples
    --------
    >>> frame = pd.DataFrame({"row": [2, 3], "name": ["ana", "bo"]})
    >>> [(row, name) for row, name in selected(frame, frame["name"].eq("bo"), ["row", "name"])]
    [(3, 'bo')]
    >>> list(selected(frame, frame["name"].eq("cy"), "row"))
    []
    """
    if not mask.any():
        return ()
    rows = frame.loc[mask, columns]
    return rows if isinstance(columns, str) else rows.itertuples(index=False)
