"""The one rounding rule and the one way a score becomes text.

SPEC ("Every number shown anywhere ... is rounded by one rule, half-up to two
decimals"): every table, CSV, note, statement, notebook panel and the Canvas file turns
a score into text with :func:`score_text` or :func:`score_texts`, so 86.125 reads 86.13
everywhere. Letters come from :func:`letters_for` only (SPEC "Letter grade from the final
rounded half-up to two decimals ... cut-offs inclusive").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: What a missing number reads as in prose and tables (an en dash).
DASH = "–"


def round_half_up(values: pd.Series | np.ndarray | float, decimals: int = 2) -> pd.Series:
    """Round as a person does: halves go up, judged on the decimal value.

    Binary floating point stores 92.995 as 92.99499999999999; rounding the scaled value
    to 6 decimals first recovers the decimal digits, so 92.995 becomes 93.00.

    Parameters
    ----------
    values : pandas.Series, numpy.ndarray or float
        Numbers (NaN or ``<NA>`` stays missing).
    decimals : int
        Decimals to keep.

    Returns
    -------
    pandas.Series
        float64, with the index of ``values`` when it is a Series.

    Examples
    --------
    >>> round_half_up(pd.Series([92.995, 92.994, 89.995, 0.005, 86.125])).tolist()
    [93.0, 92.99, 90.0, 0.01, 86.13]
    """
    if isinstance(values, pd.Series):
        array = values.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    else:
        array = np.asarray(values, dtype=float)
    scale = 10.0**decimals
    scaled = np.round(np.atleast_1d(array) * scale, 6)
    rounded = np.floor(scaled + 0.5) / scale
    return pd.Series(rounded, index=values.index if isinstance(values, pd.Series) else None)


def score_texts(values: pd.Series, missing: str = DASH) -> pd.Series:
    """Scores as the text every output shows: half-up, two decimals.

    Parameters
    ----------
    values : pandas.Series
        Percent (0–100) or points, any numeric dtype; missing values allowed.
    missing : str
        The text of a missing value (``"–"`` in prose and tables, ``""`` in CSV files).

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index. Each distinct number is turned into text once (a
        class's scores repeat few values), so the cost is that of a look-up per score.

    Examples
    --------
    >>> score_texts(pd.Series([86.125, 80.125, 62.995, None])).tolist()
    ['86.13', '80.13', '63.00', '–']
    """
    codes, distinct = pd.factorize(round_half_up(values).to_numpy())
    # Each distinct number is written once; code -1 (missing) takes the last text.
    texts = [*(f"{value:.2f}" for value in distinct.tolist()), missing]
    shown = np.array(["0.00" if text == "-0.00" else text for text in texts], dtype=object)
    return pd.Series(shown[codes], index=values.index, dtype="string")


def score_text(value: object, missing: str = DASH) -> str:
    """One score as text (half-up, two decimals); ``missing`` for None, NaN or ``<NA>``.

    The same rule as :func:`score_texts`, for one value.

    >>> score_text(92.995), score_text(0.125), score_text(88.9375), score_text(None)
    ('93.00', '0.13', '88.94', '–')
    """
    try:
        if value is None or bool(pd.isna(value)):
            return missing
    except (TypeError, ValueError):
        pass
    rounded = float(np.floor(np.round(float(value) * 100.0, 6) + 0.5) / 100.0)
    text = f"{rounded:.2f}"
    return "0.00" if text == "-0.00" else text
