"""Scores as text for a whole class: each distinct value formatted once.

A class of many students has few distinct two-decimal scores (at most 10,001 percents),
so :func:`distinct_score_texts` rounds every value by the one rule, formats each distinct
rounded value once with :func:`gradelib.sheets.rounding.score_texts` and maps the texts
back: the same text, cell for cell, in a fraction of the time.
"""

from __future__ import annotations

import pandas as pd

from gradelib.sheets.rounding import round_half_up, score_texts


def distinct_score_texts(values: pd.Series, missing: str = "") -> pd.Series:
    """:func:`~gradelib.sheets.rounding.score_texts` of ``values``, each distinct
    rounded value formatted once.

    Rounding half-up to two decimals gives a value that rounds to itself, so formatting
    the rounded values is formatting the values.

    Parameters
    ----------
    values : pandas.Series
        Numbers, missing values allowed.
    missing : str
        The text of a missing value.

    Returns
    -------
    pandas.Series
        ``string`` dtype, the index of ``values``.

    Examples
    --------
    >>> distinct_score_texts(pd.Series([86.125, 86.13, None, -0.001])).tolist()
    ['86.13', '86.13', '', '0.00']
    """
    rounded = round_half_up(values).to_numpy(dtype=float)
    codes, uniques = pd.factorize(rounded, use_na_sentinel=False)
    texts = score_texts(pd.Series(uniques, dtype=float), missing=missing).to_numpy(dtype=object)
    return pd.Series(texts[codes], index=values.index, dtype="string")
