"""Two things a workbook hides from calamine: hidden sheets and formulas without values.

calamine reads the first sheet even when it is hidden, and reads a formula saved without
its value (as openpyxl or a script writes it) as an empty cell. Both would be read wrongly
in silence, so :func:`workbook_quirks` looks in the workbook's XML for them. It runs only
after :mod:`gradelib.sheets.xlsx.guard` has refused hostile files (no DTD in any part).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

_XML_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_XML_REF = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_XML_VALUE = re.compile(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.S)
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def sheet_elements(archive: zipfile.ZipFile) -> Iterator[tuple[ElementTree.Element, str]]:
    """Each ``<sheet>`` of the workbook with the archive part holding it (``""`` when the
    part is missing)."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    names = set(archive.namelist())
    for sheet in book.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        target = targets.get(sheet.get(f"{_REL_NS}id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        yield sheet, part if part in names else ""


def sheet_parts(archive: zipfile.ZipFile) -> Iterator[tuple[str, str]]:
    """Each sheet's name with the archive part holding its cells (sheets found only)."""
    for sheet, part in sheet_elements(archive):
        if part:
            yield sheet.get("name", ""), part


def workbook_quirks(path: Path) -> tuple[set[str], list[tuple[str, int, int]]]:
    """Hidden sheets, and formula cells saved without a value as (sheet, row, column index).

    Called after the guard has refused hostile files (no DTD in any part), so the two
    small parts describing the sheets are parsed with ElementTree; worksheets are only
    searched, and only when they hold a formula at all.
    """
    hidden: set[str] = set()
    unsaved: list[tuple[str, int, int]] = []
    try:
        with zipfile.ZipFile(path) as archive:
            for sheet, part in sheet_elements(archive):
                name = sheet.get("name", "")
                if sheet.get("state") in ("hidden", "veryHidden"):
                    hidden.add(name)
                if not part:
                    continue
                xml = archive.read(part)
                if b"<f" not in xml and b":f" not in xml:
                    continue
                for cell in _XML_CELL.finditer(xml):
                    body = cell[2] or b""
                    if b"<f" not in body and b":f" not in body:
                        continue
                    value = _XML_VALUE.search(body)
                    if value and (value[1] or b't="str"' in cell[1]):
                        continue
                    ref = _XML_REF.search(cell[1])
                    if ref:
                        unsaved.append((name, int(ref[2]), column_index(ref[1].decode())))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        pass  # calamine read the workbook; leave it as calamine saw it
    return hidden, unsaved


def column_index(letters: str) -> int:
    """A column's index from its letters: ``A`` -> 0, ``AA`` -> 26."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1
