"""The grading scheme to enter in the Canvas course, printed with every export.

Canvas gives each student the letter of its own grading scheme (Course Settings ›
Grading scheme), never the letters of ``policy.toml``: unless the scheme holds the same
cut-offs, Canvas shows other letters than the workbook.
"""

from __future__ import annotations

from gradelib.policy.letters import FAIL_LETTER
from gradelib.policy.model import Policy
from gradelib.sheets.rounding import score_text


def grading_scheme_lines(policy: Policy) -> list[str]:
    """The cut-offs to enter as the Canvas course's grading scheme, and the warning.

    Parameters
    ----------
    policy : Policy
        The course policy (its ``letters``).

    Returns
    -------
    list of str
        One line to say where, one per letter (its lowest score, in percent, down to
        ``E`` from 0), and one warning that Canvas's letters follow that scheme.

    Examples
    --------
    >>> from gradelib.policy.read import default_policy
    >>> lines = grading_scheme_lines(default_policy())
    >>> lines[1:3], lines[-2]
    (['  A   from 93.00 %', '  A-  from 90.00 %'], '  E   from 0.00 %')
    """
    width = max(len(letter) for letter, _ in (*policy.letters, (FAIL_LETTER, 0.0)))
    entries = [*policy.letters, (FAIL_LETTER, 0.0)]
    return [
        "Grading scheme to enter in Canvas (Settings › Course Details › Grading scheme), "
        "each letter from this score up:",
        *(f"  {letter:<{width + 1}} from {score_text(cutoff)} %" for letter, cutoff in entries),
        "warning: Canvas's letters follow the Canvas course's grading scheme, not "
        "policy.toml; unless the scheme holds these cut-offs, Canvas shows other letters "
        "than the workbook.",
    ]
