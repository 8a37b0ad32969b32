"""Who a row is about: a uniqname column, or an email address at the course's own domain.

A student is identified by an explicit ``uniqname`` column, or (in a row whose uniqname
cell is blank, or a table without that column) by an email column (Piazza's ``email``,
Google Forms' ``Email Address``) holding ``uniqname@<domain>``, the domain being
``policy.toml``'s ``[course] email_domain`` (default ``umich.edu``). An address at any
other domain identifies nobody, whatever comes before its ``@`` (``rsantos@gmail.com`` is
not the roster's ``rsantos``): the row is left out with a warning naming it. A bare
uniqname in an email column is read as that uniqname.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.sheets.parsers import UNIQNAME, ColumnParser, Parser, texts_read, uniqname
from gradelib.sheets.tables import CELL_ROW, RawTable

#: Header names (normalized) of email columns, in order of preference.
EMAIL_COLUMNS = ("email", "email address", "e-mail", "e-mail address")


def student_in(domain: str) -> Parser:
    """A parser of identity cells: a uniqname, or ``uniqname@<domain>`` (any case, spaces
    around) -> the uniqname; an address at another domain is refused."""
    suffix = "@" + domain.lower()

    def parse(value: object) -> str:
        raw = str(value).strip().lower()
        if "@" in raw:
            if not raw.endswith(suffix):
                raise ValueError(value)
            raw = raw.removesuffix(suffix)
        return uniqname(raw)

    return parse


def students_in(domain: str) -> ColumnParser:
    """The column form of :func:`student_in`: a column of text cells is read one distinct
    text at a time, without a call per text; every other cell, and every cell refused, is
    left to the cell parser."""
    suffix = "@" + domain.lower()

    def read(words: list[str]) -> list[str | None]:
        names = []
        for word in words:
            raw = word.strip().lower()
            if "@" in raw:
                if not raw.endswith(suffix):
                    names.append(None)
                    continue
                raw = raw.removesuffix(suffix)
            name = raw.strip().lower()
            names.append(name if UNIQNAME.fullmatch(name) else None)
        return names

    return lambda cells: texts_read(cells, read)


def with_students(table: RawTable, domain: str, log: ProblemLog) -> RawTable | None:
    """``table`` with a ``uniqname`` column naming each row's student.

    Where the table has an email column, a row with a blank (or no) uniqname cell takes
    its address instead; a row whose address is at another domain is left out, with a
    warning naming its row and address. ``None`` when the table has neither a uniqname
    nor an email column (the caller reports it).
    """
    email = next((name for name in EMAIL_COLUMNS if name in table.headers), None)
    has_uniqname = "uniqname" in table.headers
    if email is None:
        return table if has_uniqname else None
    cells = table.cells
    fallback = cells["uniqname"].isna().to_numpy() if has_uniqname else np.ones(len(cells), bool)
    address = pd.Series(cells[email].to_numpy(dtype=object), dtype=object)
    given = (address.notna().to_numpy()) & fallback
    words = address[given].astype(str).str.strip().str.lower()
    foreign = np.zeros(len(cells), dtype=bool)
    foreign[given] = (
        words.str.contains("@", regex=False) & ~words.str.endswith("@" + domain)
    ).to_numpy()
    for row, shown in cells.loc[foreign, [CELL_ROW, email]].itertuples(index=False):
        log.warning(
            table.file,
            f"{str(shown).strip()!r} is not a {domain} address, so it identifies nobody (never "
            "the student before the '@'); the row is left out. If it is a student, name "
            "them in a 'uniqname' column",
            **table.where(int(row), email),
        )
    merged = cells["uniqname"].to_numpy(dtype=object).copy() if has_uniqname else None
    if merged is None:
        merged = np.full(len(cells), None, dtype=object)
    merged[fallback] = address.to_numpy()[fallback]
    kept = cells.assign(uniqname=merged).loc[~foreign].reset_index(drop=True)
    headers = dict(table.headers)
    headers.setdefault("uniqname", table.headers[email])
    return RawTable(table.file, table.sheet, kept, headers)
