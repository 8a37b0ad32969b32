"""Deterministic writing of the sample files: the same tables give the same bytes.

Text files are encoded in memory and written as bytes, so the platform's newline
translation never applies. ``openpyxl`` stamps the workbook with the current time (in
``docProps/core.xml`` and in every zip entry) and its own version (``docProps/app.xml``),
so the workbook is saved to memory and re-packed with fixed times and properties.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.xml.functions import tostring

from gradelib.sample.rubrics import Sheet

#: The fixed moment stamped on the workbook (the end of the F'24 term).
FIXED_MOMENT = datetime(2024, 12, 16, 0, 0)
CORE_PROPERTIES = "docProps/core.xml"
APP_PROPERTIES = "docProps/app.xml"
#: ``docProps/app.xml`` without openpyxl's version in it (which would change the bytes).
APP_XML = (
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties"><Application>Microsoft Excel Compatible / gradelib</Application>'
    b"</Properties>"
)
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], newline: str = "\n") -> str:
    """Header and rows as CSV text (``csv`` module, minimal quoting)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_text(path: Path, text: str, *, bom: bool = False) -> Path:
    """Write UTF-8 text exactly as given (optionally with a byte-order mark)."""
    path.write_bytes(text.encode("utf-8-sig" if bom else "utf-8"))
    return path


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    """A plain CSV file: UTF-8 without BOM, ``\\n`` line endings."""
    return write_text(path, csv_text(header, rows))


def write_canvas_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    """A CSV file as Canvas exports it: UTF-8 with a BOM, CRLF line endings."""
    return write_text(path, csv_text(header, rows, newline="\r\n"), bom=True)


def _workbook(sheets: list[Sheet]) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.name)
        for row in [sheet.header, sheet.maxima, *sheet.rows]:
            worksheet.append(row)
        for row in worksheet.iter_rows(min_row=3):
            for cell in row:
                if isinstance(cell.value, datetime):
                    cell.number_format = DATETIME_FORMAT
                elif isinstance(cell.value, date):
                    cell.number_format = DATE_FORMAT
    workbook.properties.creator = "gradelib"
    return workbook


def _repack(data: bytes, replace: dict[str, bytes]) -> bytes:
    """Copy a zip with fixed entry times and attributes, replacing some entries' content."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_STORED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_MOMENT.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 3  # the same on every platform
            info.external_attr = 0o644 << 16
            content = replace.get(entry.filename) or source.read(entry)
            target.writestr(info, content)
    return output.getvalue()


def write_xlsx(path: Path, sheets: list[Sheet]) -> Path:
    """Write the rubric workbook, byte for byte the same on every run.

    Row 1 is the header, row 2 the maxima, then the scores; dates are date cells shown
    ``yyyy-mm-dd`` and submission times datetime cells shown ``yyyy-mm-dd hh:mm``.
    """
    workbook = _workbook(sheets)
    buffer = io.BytesIO()
    workbook.save(buffer)
    # save() stamps "modified" with the current time; stamp both times again and
    # serialise the core properties as openpyxl does.
    workbook.properties.created = FIXED_MOMENT
    workbook.properties.modified = FIXED_MOMENT
    core_xml = tostring(workbook.properties.to_tree())
    replace = {CORE_PROPERTIES: core_xml, APP_PROPERTIES: APP_XML}
    path.write_bytes(_repack(buffer.getvalue(), replace))
    return path
