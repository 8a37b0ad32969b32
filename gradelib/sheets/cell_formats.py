"""The number formats of a workbook's cells: how a spreadsheet program shows each number.

calamine reads a cell's value, and turns date and time formats into date-time values, but
it does not say how other numbers are shown: a percent-formatted 0.6 comes back as 0.6
although Excel and LibreOffice show ``60%``. :func:`sheet_formats` reads the number format
of every cell that has one (other than ``General`` and text) from the workbook's XML, and
:func:`classify` says what kind of format it is, so that
:mod:`gradelib.sheets.shown` can read each cell as it is shown.

Runs only after :mod:`gradelib.sheets.xlsx.guard` has refused hostile files (no DTD in
any part): ``styles.xml`` and ``workbook.xml`` are parsed with ElementTree; worksheets are
only searched with a regular expression for cells whose style has a number format.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

import numpy as np

from gradelib.sheets.xlsx.quirks import column_index, sheet_parts

#: The number formats every spreadsheet program knows by number (ECMA-376, 18.8.30) that
#: are neither ``General`` nor text; 27..36 and 50..81 are East Asian dates.
BUILTIN_FORMATS: dict[int, str] = {
    1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy",
    18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)", 41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0",
    **dict.fromkeys(range(27, 37), "yyyy-mm-dd"), **dict.fromkeys(range(50, 82), "yyyy-mm-dd"),
}  # fmt: skip

_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.')
_BRACKET = re.compile(r"\[([^\]]*)\]")
_ELAPSED = re.compile(r"^(h+|m+|s+)$", re.IGNORECASE)
_STYLE_ATTR = re.compile(rb'\bs="(\d+)"')
_REF_ATTR = re.compile(rb'\br="([A-Z]+)([0-9]+)"')


@dataclass(frozen=True)
class Format:
    """What a number format does to a number.

    Attributes
    ----------
    kind : str
        ``"number"`` (fixed decimals), ``"percent"``, ``"scientific"``, ``"fraction"``,
        ``"date"`` (a day, no time of day), ``"time"`` (a time, or a date and time),
        ``"text"`` or ``"general"``.
    decimals : int
        Digits shown after the decimal point (of the mantissa, for scientific).
    scale : float
        What the number is multiplied by before it is shown: 100 for a percent, 1/1000 per
        trailing comma (``#,##0,`` shows thousands).
    denominator : int
        For fractions, the largest denominator shown (9 for ``?/?``, 99 for ``??/??``).
    code : str
        The format code as written.
    """

    kind: str
    decimals: int = 0
    scale: float = 1.0
    denominator: int = 0
    code: str = "General"


@lru_cache(maxsize=256)
def classify(code: str) -> Format:
    """The kind of a number format code (its first section: the one for positive numbers).

    Examples
    --------
    >>> classify("0.00%")
    Format(kind='percent', decimals=2, scale=100.0, denominator=0, code='0.00%')
    >>> classify("yyyy-mm-dd").kind, classify("m/d/yy h:mm").kind, classify("#,##0").kind
    ('date', 'time', 'number')
    """
    section = _first_section(code)
    bare = _QUOTED.sub("", section)
    elapsed = [b for b in _BRACKET.findall(bare) if _ELAPSED.match(b)]
    bare = _BRACKET.sub("", bare).lower()
    if bare.strip() in ("general", ""):
        return Format("general", code=code)
    if elapsed or "h" in bare or "s" in bare:
        return Format("time", code=code)
    if any(letter in bare for letter in "ydm"):
        return Format("date", code=code)
    if not _has_digits(bare):
        return Format("text", code=code)
    if "e+" in bare or "e-" in bare:
        mantissa = bare.split("e", 1)[0]
        return Format("scientific", _decimals(mantissa), code=code)
    if "/" in bare:
        below = re.findall(r"/\s*([0-9?#]+)", bare)
        width = below[0] if below else "?"
        denominator = int(width) if width.isdigit() else 10 ** len(width) - 1
        return Format("fraction", denominator=denominator, code=code)
    commas = len(bare.rstrip("%")) - len(bare.rstrip("%").rstrip(","))
    scale = 1000.0**-commas
    if "%" in bare:
        return Format("percent", _decimals(bare), 100.0 * scale, code=code)
    return Format("number", _decimals(bare), scale, code=code)


def _first_section(code: str) -> str:
    """The part of a format code before its first ``;`` outside quotes."""
    quoted = False
    for at, char in enumerate(code):
        if char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            return code[:at]
    return code


def _has_digits(bare: str) -> bool:
    return any(char in bare for char in "0#?")


def _decimals(bare: str) -> int:
    """Digit placeholders after the decimal point."""
    if "." not in bare:
        return 0
    return len(re.match(r"[0#?]*", bare.split(".", 1)[1])[0])


#: Sheet name -> its formatted cells as (grid row, grid column, Format) arrays, where grid
#: row 0 is the sheet's row 1 and grid column 0 its column A.
SheetFormats = dict[str, tuple[np.ndarray, np.ndarray, list[Format]]]

#: Kinds of format worth carrying to the reader: the rest show a number as it is.
_CARRIED = ("number", "percent", "scientific", "fraction", "date")


def sheet_formats(path: Path) -> SheetFormats:
    """The number format of every cell that has one worth knowing, sheet by sheet.

    Only cells whose style has a number format of a kind in ``_CARRIED`` are listed; a
    workbook without such styles costs one small XML part. Cells without an ``r``
    attribute (which no common writer leaves out) are not listed.
    """
    found: SheetFormats = {}
    try:
        with zipfile.ZipFile(path) as archive:
            styles = _style_formats(archive)
            if not styles:
                return found
            alternation = b"|".join(str(index).encode() for index in sorted(styles))
            cell = re.compile(rb"<(?:\w+:)?c\b[^>]*?\bs=\"(" + alternation + rb")\"[^>]*>")
            marker = re.compile(rb's="(' + alternation + rb')"')
            for name, part in sheet_parts(archive):
                rows, columns, kinds = [], [], []
                for match in _styled_cells(archive.read(part), cell, marker):
                    ref = _REF_ATTR.search(match[0])
                    if ref:
                        rows.append(int(ref[2]) - 1)
                        columns.append(column_index(ref[1].decode()))
                        kinds.append(styles[int(match[1])])
                if rows:
                    found[name] = (np.array(rows), np.array(columns), kinds)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        return {}
    return found


def _styled_cells(
    xml: bytes, cell: re.Pattern[bytes], marker: re.Pattern[bytes]
) -> Iterator[re.Match[bytes]]:
    """The matches of ``cell`` in a worksheet, found from the style attributes ``marker``
    finds (a plain search, much faster than trying ``cell`` at every tag): each is
    ``cell`` matched at the start of the tag holding that attribute."""
    at = 0
    while hit := marker.search(xml, at):
        at = hit.end()
        start = xml.rfind(b"<", 0, hit.start())
        match = cell.match(xml, start) if start >= 0 else None
        if match is not None and match.start(1) == hit.start(1):
            yield match


def _style_formats(archive: zipfile.ZipFile) -> dict[int, Format]:
    """Cell style index -> its number format, for the styles whose format is carried."""
    if "xl/styles.xml" not in archive.namelist():
        return {}
    root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    custom: dict[int, str] = {}
    xfs = None
    for element in root:
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "numFmts":
            for fmt in element:
                custom[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "General")
        elif tag == "cellXfs":
            xfs = element
    styles: dict[int, Format] = {}
    for index, xf in enumerate(xfs if xfs is not None else []):
        number = int(xf.get("numFmtId", "0"))
        code = custom.get(number, BUILTIN_FORMATS.get(number, "General"))
        kind = classify(code)
        if kind.kind in _CARRIED:
            styles[index] = kind
    return styles
