"""HTML made once per distinct content: pieces that repeat from one student to the next.

A class's statements repeat most of their pieces: a class day reads the same for every
student with the same status that day, and a group's lectures and project parts read the
same for every member. Rendering each piece once (per class, in a ``known`` dict the
caller keeps) and reusing it makes writing every statement cost about what writing the
files costs. A piece is found by its template and its whole context, each value with its
type (``"1"``, ``1``, ``True`` and ``Markup("1")`` are four different contexts, see
:func:`frozen`), so a reused piece is the one that rendering would make.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from markupsafe import Markup

from gradelib.show.html import environment, fragment

#: Pieces already made: by a key of the template (or table) and its context.
Known = dict[tuple[Any, ...], Markup]


def frozen(value: Any) -> str:
    """``value`` as a key: its ``repr``, which tells ``"1"``, ``1``, ``True`` and
    ``Markup("1")`` apart (and is made by Python's own code, not ours).

    A context holds Python's own values (text, numbers, booleans, ``None``, lists, dicts,
    tuples) and Markup, whose ``repr`` shows each value's type and every character.

    Examples
    --------
    >>> frozen({"a": [1, "1", True]})
    "{'a': [1, '1', True]}"
    """
    return repr(value)


def fragment_once(known: Known, template: str, **context: Any) -> Markup:
    """:func:`gradelib.show.html.fragment`, made once for each distinct context.

    Parameters
    ----------
    known : dict
        Pieces already made (:data:`Known`); filled in here.
    template : str
        The template's file name.
    **context
        Its variables (hashable once :func:`frozen`).

    Returns
    -------
    markupsafe.Markup
        The HTML, as :func:`gradelib.show.html.fragment` makes it.
    """
    key = (template, frozen(context))
    html = known.get(key)
    if html is None:
        html = known[key] = fragment(template, **context)
    return html


def table_rows(
    known: Known,
    rows: list[list[Any]],
    width: int,
    numeric: tuple[int, ...] = (),
    row_classes: list[str] | None = None,
) -> list[Markup]:
    """Rows of the ``table`` macro of ``table.html`` as HTML, each distinct row made once.

    Pass the result to the macro as ``rows``, with ``rendered=True`` and
    ``attributes=column_classes(width, numeric)``.

    Parameters
    ----------
    known : dict
        Pieces already made (:data:`Known`); filled in here.
    rows : list of list
        The rows, as the ``table`` macro takes them (a cell is text or a status mapping).
    width : int
        The number of columns.
    numeric : tuple of int
        The columns aligned right, as the macro's ``numeric``.
    row_classes : list of str, optional
        A class per row ("" for none), as the macro's ``row_classes``.

    Returns
    -------
    list of markupsafe.Markup
        Each row's ``<tr>``, as the ``table`` macro writes it.
    """
    attributes = column_classes(width, numeric)
    made = []
    for n, row in enumerate(rows):
        row_class = row_classes[n] if row_classes else ""
        key = ("table.html", attributes, row_class, frozen(row))
        html = known.get(key)
        if html is None:
            html = known[key] = _table_row(row, attributes, row_class)
        made.append(html)
    return made


@cache
def column_classes(width: int, numeric: tuple[int, ...] = ()) -> tuple[Markup, ...]:
    """Each column's class attribute (the ``classes`` macro of ``table.html``): the
    ``attributes`` of the ``table`` macro for rows made by :func:`table_rows`."""
    macros = environment().get_template("table.html").module
    return tuple(Markup(macros.classes(column, numeric, {})) for column in range(width))


def _table_row(row: list[Any], attributes: tuple[Markup, ...], row_class: str) -> Markup:
    """One row as the ``table_rows`` macro of ``table.html`` writes it (without the line
    break after it)."""
    macros = environment().get_template("table.html").module
    return Markup(macros.table_rows([row], attributes, None, [row_class]).removesuffix("\n"))
