"""Why Canvas's letters are not ours: another grading scheme, or ungraded work as 0.

Canvas gives each total the letter of the Canvas course's grading scheme
(``Current Grade`` for ``Current Score``, ``Final Grade`` for ``Final Score``, ``Override
Grade`` for ``Override Score``). Where Canvas's letter is not the one ``policy.toml``
gives Canvas's own score, the schemes differ at the cut-offs: the scheme to enter in
Canvas is printed. Where the letter follows from a total that is not ours, the total's
cause (:mod:`gradelib.export.verify_totals`) explains it. For a student with every item
graded, ``Final Grade`` should be ours too; where ``Final Score`` is below ``Current
Score``, Canvas counts an ungraded assignment as 0.
"""

from __future__ import annotations

import pandas as pd

from gradelib.export.verify_causes import SHOWN_STUDENTS, Cause, Sides
from gradelib.export.verify_readings import (
    CANVAS_DEFAULT_SCHEME,
    CANVAS_FAIL,
    canvas_default_letters,
)
from gradelib.policy.letters import letters_for
from gradelib.sheets.rounding import score_text

#: (letter column, its score column) as Canvas's export names them.
LETTER_COLUMNS = (
    ("Current Grade", "Current Score"),
    ("Final Grade", "Final Score"),
    ("Override Grade", "Override Score"),
)
NO_SCHEME = (
    "the export has no Current Grade column: the Canvas course shows no letters (no "
    "grading scheme enabled); to show policy.toml's letters, enable a grading scheme with "
    "the cut-offs below"
)


def _letters(texts: pd.Series) -> pd.Series:
    """Letters as compared: stripped, any dash written ``-``."""
    return texts.fillna("").astype(str).str.strip().str.replace("[−–]", "-", regex=True)


def _scheme_text() -> str:
    """Canvas's default scheme in a few words."""
    cutoffs = ", ".join(f"{letter} from {cutoff:g} %" for letter, cutoff in CANVAS_DEFAULT_SCHEME)
    return f"Canvas's default grading scheme ({cutoffs}, {CANVAS_FAIL} below)"


def letter_causes(sides: Sides, cells_differ: set[str]) -> tuple[list[Cause], list[str], bool]:
    """The causes of letters that are not ours.

    Parameters
    ----------
    sides : Sides
        Both sides of the comparison.
    cells_differ : set of str
        Students with a component cell Canvas has otherwise than we wrote (their cells
        explain their totals and letters).

    Returns
    -------
    (list of Cause, list of str, bool)
        The ``scheme`` and ``final_zeros`` causes (where found), notes, and whether to
        print the grading scheme to enter in Canvas.
    """
    if sides.book.column("Current Grade") is None:
        return [], [NO_SCHEME], True
    letters = sides.policy.letters
    scheme_rows, default_fits = [], True
    final_zeros = pd.Series(False, index=sides.canvas.index)
    for letter_column, score_column in LETTER_COLUMNS:
        if sides.book.column(letter_column) is None or sides.book.column(score_column) is None:
            continue
        canvas = _letters(sides.total(letter_column))
        scores = pd.to_numeric(sides.total(score_column), errors="coerce").astype(float)
        shown = scores.notna() | canvas.ne("")
        ours_of_theirs = letters_for(scores, letters).astype(object).fillna("")
        other = shown & canvas.ne(ours_of_theirs)
        default_fits &= bool((canvas.eq(canvas_default_letters(scores)) | ~shown).all())
        named = {row[0] for row in scheme_rows}
        scheme_rows += [
            (u, score_column, scores[u], canvas[u], ours_of_theirs[u])
            for u in canvas.index[other]
            if u not in named
        ]
        if letter_column == "Final Grade":
            expected = sides.ours["final_letter"]
            final_zeros = expected.ne("") & ~other & canvas.ne(expected) & _zeros(sides)
            final_zeros &= ~final_zeros.index.isin(list(cells_differ))
    causes = []
    if scheme_rows:
        causes.append(_scheme_cause(scheme_rows, default_fits))
    if final_zeros.any():
        causes.append(_final_zeros(sides, final_zeros))
    return causes, [], bool(scheme_rows)


def _zeros(sides: Sides) -> pd.Series:
    """Where Canvas's final total is below its current one, counting every score it holds
    (the unposted totals where the export has them: hidden scores are not the cause)."""
    final, current = ("Unposted Final Score", "Unposted Current Score")
    if sides.book.column(final) is None or sides.book.column(current) is None:
        final, current = ("Final Score", "Current Score")
    below = pd.to_numeric(sides.total(final), errors="coerce").astype(float)
    return below.lt(pd.to_numeric(sides.total(current), errors="coerce").astype(float))


def _scheme_cause(rows: list[tuple], default_fits: bool) -> Cause:
    """Canvas's grading scheme has other cut-offs than policy.toml."""
    which = _scheme_text() if default_fits else "a grading scheme with other cut-offs"
    details = "; ".join(
        f"{u} {column} {score_text(score, missing='none')}: Canvas {theirs or 'no letter'}, "
        f"policy.toml {ours or 'no letter'}"
        for u, column, score, theirs, ours in rows[:SHOWN_STUDENTS]
    )
    more = f" and {len(rows) - SHOWN_STUDENTS} more" if len(rows) > SHOWN_STUDENTS else ""
    return Cause(
        "scheme", "Letters at other cut-offs",
        f"Canvas's letters follow {which}, not policy.toml's ({details}{more}); enter the "
        "grading scheme below in Canvas",
        tuple(dict.fromkeys(u for u, *_ in rows)),
    )  # fmt: skip


def _final_zeros(sides: Sides, mask: pd.Series) -> Cause:
    """Canvas's Final Grade counts ungraded assignments as 0."""
    columns = [*sides.ours_columns, *sides.other_columns]
    cells = sides.canvas.loc[mask, columns].fillna("").astype(str).apply(lambda c: c.str.strip())
    blank = cells.eq("")
    details = "; ".join(
        f"{u}: {', '.join(blank.columns[blank.loc[u]]) or 'no blank cell'}"
        for u in blank.index[:SHOWN_STUDENTS]
    )
    return Cause(
        "final_zeros", "Final Grade counts ungraded work as 0",
        f"every item is graded here, but Canvas's Final Score counts blank assignments as "
        f"0 ({details}); enter their scores or EX in Canvas, or tick “Do not count this "
        "assignment towards the final grade” in their settings",
        tuple(blank.index),
    )  # fmt: skip
