"""HTML from Jinja2 templates (``gradelib/show/templates``), autoescaped.

Every HTML fragment gradelib shows (explanations, statements, tables, notebook panels)
is a template rendered here: data strings are escaped by Jinja2's autoescaping, never by
hand, and a number reaches a template only as text from
:func:`gradelib.sheets.rounding.score_text`, so nothing is formatted twice. Templates are
loaded once and rendering is deterministic (no ids, no clock), so outputs stay
byte-stable for nbval and the statement tests.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2


@cache
def environment() -> jinja2.Environment:
    """The one template environment: the package's templates, autoescaping every value.

    ``StrictUndefined`` turns a misspelt variable into an error, not an empty string;
    ``trim_blocks`` and ``lstrip_blocks`` keep block tags out of the output.
    """
    return jinja2.Environment(
        loader=jinja2.PackageLoader("gradelib.show", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(template: str, **context: Any) -> str:
    """Render one template of ``gradelib/show/templates`` with ``context``.

    Parameters
    ----------
    template : str
        The template's file name, e.g. ``"breakdown.html"``.
    **context
        Its variables. Strings are escaped; pass ``markupsafe.Markup`` for HTML that is
        already safe (another rendered template).

    Returns
    -------
    str
        The HTML.

    Raises
    ------
    jinja2.TemplateNotFound
        When no such template exists.
    jinja2.UndefinedError
        When the template uses a variable not given.
    """
    return environment().get_template(template).render(**context)
