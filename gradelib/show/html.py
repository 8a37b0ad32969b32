"""HTML from Jinja2 templates (``gradelib/show/templates``), autoescaped.

Every HTML fragment gradelib shows (explanations, statements, tables, notebook panels)
is a template rendered here: data strings are escaped by Jinja2's autoescaping, never by
hand, and a number reaches a template only as text from
:func:`gradelib.sheets.rounding.score_text`, so nothing is formatted twice. Templates are
loaded once and rendering is deterministic (no ids, no clock), so outputs stay
byte-stable for nbval and the statement tests.

Two rules of the environment keep the HTML byte for byte what it was before templates:

- a value is escaped as :func:`html.escape` escapes it (``&quot;`` and ``&#x27;`` for
  quotes, where Jinja2's own escaping writes ``&#34;`` and ``&#39;``);
- between ``{% oneline %}`` and ``{% endoneline %}`` a template may spread one line of
  HTML over many (see :class:`OneLine`).

The style sheets (``explain.css``, ``statement.css``) are plain files beside the
templates, read by :func:`stylesheet`; :data:`STYLE` is the explanations' ``<style>``
block, also the global ``style`` of every template.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, MutableMapping
from functools import cache, lru_cache
from importlib import resources
from types import CodeType
from typing import Any

import jinja2
import jinja2.ext
from markupsafe import Markup


def stylesheet(name: str) -> str:
    """The text of a style sheet of ``gradelib/show/templates``, read as it is.

    A style sheet is not a template: Jinja2 never reads it, so CSS braces need no care.

    Parameters
    ----------
    name : str
        Its file name, e.g. ``"explain.css"``.

    Returns
    -------
    str
        The CSS, ending with a line break.
    """
    return resources.files("gradelib.show").joinpath("templates", name).read_text("utf-8")


#: The explanations' ``<style>`` block (rules scoped to ``gl-`` classes).
STYLE = "<style>\n" + stylesheet("explain.css") + "</style>"


def escaped(value: object) -> Markup:
    """What a template writes for ``{{ value }}``: escaped like :func:`html.escape`.

    The compiled templates' ``escape`` (see :class:`_Template`): autoescaping calls it
    once per value written, so a value costs one call. Only ``{{ value }}`` goes through
    it; a filter that escapes by itself (``join`` of a list holding Markup) writes
    Jinja2's entities instead.

    Parameters
    ----------
    value : object
        Any value; Markup (a rendered template, a macro's output) is kept as is, and an
        object with ``__html__`` is written as that HTML.

    Returns
    -------
    markupsafe.Markup
        ``value`` when it is Markup, else the escaped ``str(value)``.

    Examples
    --------
    >>> escaped('Tom & "Jerry" <b>')
    Markup('Tom &amp; &quot;Jerry&quot; &lt;b&gt;')
    """
    kind = type(value)
    if kind is Markup:
        return value
    if kind is str:  # the commonest value: no __html__ to look for
        return _escaped_text(value)
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return _escaped_text(str(value))


@lru_cache(maxsize=1 << 16)
def _escaped_text(text: str) -> Markup:
    """:func:`escaped` of a text, each distinct text escaped once (pages repeat most)."""
    return Markup(html.escape(text, quote=True))


class OneLine(jinja2.ext.Extension):
    r"""``{% oneline %}…{% endoneline %}``: one line of HTML written over many.

    Inside, each line break (with the spaces around it) is dropped next to a tag: after
    ``>``, ``%}`` or ``#}``, before ``<``, ``{%`` or ``{#``. Anywhere else (between
    words, or beside a ``{{ value }}``) it reads as one space, which Jinja2's ``{{-`` or
    ``-}}`` can still take away. So prose wraps in the template as in a book; a space
    wanted before a ``{% tag %}`` stays on the tag's line. The markers are removed before
    Jinja2 reads the template, with the line break after ``{% endoneline %}``; text
    outside them is left as it is.

    Examples
    --------
    >>> source = "{% oneline %}\n<p>\n  Two\n  words.\n</p>\n{% endoneline %}"
    >>> environment().from_string(source).render()
    '<p>Two words.</p>'
    """

    BLOCK = re.compile(r"[ \t]*\{% oneline %\}(.*?)\{% endoneline %\}\n?", re.DOTALL)
    BREAK = re.compile(r"\s*\n\s*")
    TAG_END = (">", "%}", "#}")
    TAG_START = ("<", "{%", "{#")

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return self.BLOCK.sub(lambda block: self._join(block.group(1)), source)

    def _join(self, text: str) -> str:
        def joint(found: re.Match[str]) -> str:
            before, after = text[: found.start()], text[found.end() :]
            at_tag = not before or before.endswith(self.TAG_END)
            at_tag = at_tag or not after or after.startswith(self.TAG_START)
            return "" if at_tag else " "

        return self.BREAK.sub(joint, text)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``n`` and the word for it, the ``plural`` of every template: ``1 day``, ``3 days``.

    A global function of the environment, not a macro: pages say it many times, and a
    function costs far less than a macro call. The text is escaped like any value.

    Examples
    --------
    >>> plural(1, "day"), plural(3, "day"), plural(2, "this", "these")
    ('1 day', '3 days', '2 these')
    """
    return f"{n} {word if n == 1 else (words or word + 's')}"


class _Template(jinja2.Template):
    """A template that writes ``{{ value }}`` as :func:`escaped` makes it, in one call.

    With autoescaping (and no ``finalize``), Jinja2 compiles ``{{ value }}`` to a call
    of ``escape`` on the value, markupsafe's escape. Here the name ``escape`` in the compiled
    template's namespace is :func:`escaped`: quotes written as :func:`html.escape`
    writes them, each distinct text escaped once, Markup kept as it is (no copy per
    value written; a page writes hundreds). Constant outputs are escaped when compiled,
    as before (no template writes a constant that escapes differently). Filters
    (``join``) escape with markupsafe's own, as before.
    """

    @classmethod
    def from_code(
        cls,
        environment: jinja2.Environment,
        code: CodeType,
        globals: MutableMapping[str, Any],
        uptodate: Callable[[], bool] | None = None,
    ) -> jinja2.Template:
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = escaped
        return template


#: The attributes of a dict (``items``, ``get``, ...): what Jinja2 finds first on a dict.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja2's environment, with two look-ups made cheap (templates read the same).

    - ``x.name`` of a dict: Jinja2 looks for an attribute first, and a dict has no
      attribute of that name (not one of :data:`_DICT_ATTRIBUTES`), then takes the item:
      here the item is taken at once, without the failed attribute look-up.
    - A template's globals are a plain dict of the environment's, not a ``ChainMap``
      over them: every render copies them into its context. The environment's globals
      are all set before any template is loaded (:func:`environment`).
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


@cache
def environment() -> jinja2.Environment:
    """The one template environment: the package's templates, autoescaping every value.

    ``StrictUndefined`` turns a misspelt variable into an error, not an empty string;
    ``trim_blocks`` and ``lstrip_blocks`` keep block tags out of the output; a value is
    escaped as :func:`html.escape` does, by :func:`escaped` (:class:`_Template`);
    :class:`OneLine` joins lines; :func:`plural` and ``zip`` are globals.
    """
    env = _Environment(
        loader=jinja2.PackageLoader("gradelib.show", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
        extensions=[OneLine],
    )
    env.template_class = _Template
    env.globals["style"] = Markup(STYLE)
    env.globals["plural"] = plural
    env.globals["zip"] = zip  # a table's cells with their columns' attributes
    env.globals["rendered_table"] = rendered_table
    return env


def rendered_table(headers: list[str], rows: list[Markup], **options: Any) -> Markup:
    """The ``table`` macro of ``table.html`` with ``rendered=True``, without a macro call.

    The rows are HTML already (:func:`gradelib.show.rendered.table_rows`); what the macro
    writes around them (head and foot) is made once per distinct ``headers`` and
    ``options`` (the macro's other arguments, e.g. ``attributes``), then each row is
    written with its line break, as the macro writes it. The same bytes as the macro.
    """
    head, foot = _table_ends(tuple(headers), frozenset(options.items()))
    return Markup(head + ("\n".join(rows) + "\n" if rows else "") + foot)


@cache
def _table_ends(headers: tuple[str, ...], options: frozenset[tuple[str, Any]]) -> list[str]:
    """What the ``table`` macro writes before and after its rows (a mark row split out)."""
    macros = _template("table.html").module
    mark = Markup("\x00rows\x00")
    return str(macros.table(list(headers), [mark], **dict(options), rendered=True)).split(
        mark + "\n"
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
        The HTML (a plain ``str``, not ``Markup``).

    Raises
    ------
    jinja2.TemplateNotFound
        When no such template exists.
    jinja2.UndefinedError
        When the template uses a variable not given.
    """
    return str(_template(template).render(**context))


@cache
def _template(name: str) -> jinja2.Template:
    """The template of that name, looked up once (a class's statements render thousands)."""
    return environment().get_template(name)


def fragment(template: str, **context: Any) -> Markup:
    """:func:`render`, as ``Markup``: HTML to pass into another template unescaped.

    Parameters
    ----------
    template : str
        The template's file name.
    **context
        Its variables, as for :func:`render`.

    Returns
    -------
    markupsafe.Markup
        The HTML.
    """
    return Markup(render(template, **context))
