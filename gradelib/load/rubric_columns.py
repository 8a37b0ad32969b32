"""Which columns of a rubric sheet are its criteria, checked against ``policy.toml``.

Where the course's own ``policy.toml`` has a ``[rubrics.<sheet>]`` section, its criteria
are the sheet's criteria: a column it does not name (a "Total", a second copy), a
criterion the sheet lacks and a maximum that differs are errors. Without such a section
the sheet's own columns are its criteria, and one named like a total (``total``, ``sum``,
``overall``) is an error: a total is computed from the criteria, never read as one. Each
message shows the ``[rubrics.<sheet>]`` section that would declare the sheet's columns as
they are, ready to paste into ``policy.toml``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from gradelib.errors import ProblemLog
from gradelib.sheets.tables import RawTable, normalize_header

#: Words that make a column's name a total's (matched as whole words).
TOTAL_WORDS = ("total", "totals", "subtotal", "sum", "overall")
_WORD = re.compile(r"[a-z0-9]+")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def named_like_a_total(name: str) -> bool:
    """Whether a header reads as a total: ``Total``, ``total points``, ``Sum``, ``overall``.

    Examples
    --------
    >>> named_like_a_total("Total (50)"), named_like_a_total("summary")
    (True, False)
    """
    return any(word in TOTAL_WORDS for word in _WORD.findall(name.lower().replace("_", " ")))


def paste_section(sheet: str, table: RawTable, maxima: Mapping[str, float]) -> str:
    """The ``[rubrics.<sheet>]`` section declaring the sheet's columns with their row-2
    maxima (columns without a usable maximum are left out)."""
    lines = [f"[rubrics.{sheet}]"]
    for name, top in maxima.items():
        written = table.headers.get(name, name)
        key = written if _BARE_KEY.fullmatch(written) else json.dumps(written, ensure_ascii=False)
        lines.append(f"{key} = {top:g}")
    return "\n".join(lines)


def check_criteria(
    sheet: str,
    table: RawTable,
    columns: list[str],
    maxima: Mapping[str, float],
    declared: Mapping[str, float] | None,
    log: ProblemLog,
) -> list[str]:
    """Report the columns that cannot be criteria; return the ones that can.

    Parameters
    ----------
    sheet : str
        The rubric sheet, e.g. ``"final_report"``.
    table : RawTable
        The sheet (for the headers as written and the locations).
    columns : list of str
        The sheet's columns after ``group``/``date``/``grader``/``submitted`` (normalized).
    maxima : Mapping[str, float]
        Column -> the maximum its row 2 gives (columns without a usable one left out).
    declared : Mapping[str, float] or None
        The criteria of the course's ``[rubrics.<sheet>]`` section, or ``None`` when the
        course's ``policy.toml`` has none for this sheet.
    log : ProblemLog
        Receives an error for each column that is not a criterion, each declared criterion
        the sheet lacks and each maximum that differs.
    """
    section = paste_section(sheet, table, maxima)
    if declared is None:
        totals = [name for name in columns if named_like_a_total(table.headers.get(name, name))]
        for name in totals:
            log.error(
                table.file,
                f"'{table.headers.get(name, name)}' is named like a total, and a total is "
                "computed from the criteria, never read as one: delete the column; if it "
                "really is a criterion, declare the sheet's columns in policy.toml:\n" + section,
                **table.where(1, name),
            )
        return [name for name in columns if name not in totals]
    return _as_declared(sheet, table, columns, maxima, declared, section, log)


def _as_declared(
    sheet: str,
    table: RawTable,
    columns: list[str],
    maxima: Mapping[str, float],
    declared: Mapping[str, float],
    section: str,
    log: ProblemLog,
) -> list[str]:
    """:func:`check_criteria` for a sheet the course's ``policy.toml`` declares."""
    wanted = {normalize_header(name): (name, top) for name, top in declared.items()}
    names = ", ".join(declared)
    kept = []
    for name in columns:
        written = table.headers.get(name, name)
        if name not in wanted:
            log.error(
                table.file,
                f"'{written}' is not one of policy.toml's criteria for this sheet "
                f"([rubrics.{sheet}]: {names}), so it is never counted: delete the column "
                "(a total is computed, never read); if it is a criterion, declare the "
                f"sheet's columns in policy.toml:\n{section}",
                **table.where(1, name),
            )
            continue
        kept.append(name)
        policy_name, top = wanted[name]
        if name in maxima and abs(maxima[name] - top) > 1e-9:
            log.error(
                table.file,
                f"maximum {maxima[name]:g} differs from policy.toml's [rubrics.{sheet}] "
                f"{policy_name} = {top:g}; make them the same (the section that declares "
                f"the sheet as it is:\n{section})",
                **table.where(2, name),
            )
    for header, (policy_name, _) in wanted.items():
        if header not in columns:
            log.error(
                table.file,
                f"policy.toml's [rubrics.{sheet}] names the criterion '{policy_name}', which "
                "this sheet has no column for: add the column, or declare the sheet's "
                f"columns in policy.toml:\n{section}",
                **table.where(1),
            )
    return kept
