"""How a spreadsheet shows a file: cells read as Excel or LibreOffice displays them.

Tables from ``.csv`` and ``.xlsx`` (``tables``, ``csv_cells``), number formats and
displayed values (``cell_formats``, ``shown``), text, numbers, days and moments
(``parsers``, ``moments``), typed columns (``fields``), identities (``identity``), and the
one rounding rule every number shown anywhere goes through (``rounding``: half-up, two
decimals, as a spreadsheet rounds). Unsafe or odd ``.xlsx`` files are handled in
:mod:`gradelib.sheets.xlsx`. Nothing here knows the course.
"""
