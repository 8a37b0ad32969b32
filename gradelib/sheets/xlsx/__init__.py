"""The ``.xlsx`` container: refused when unsafe, read whatever wrote it.

``guard`` refuses workbooks that would exhaust memory or hide content (zip bombs, XML
entities, oversized parts), within the bounds of ``limits``: ``directory`` checks the zip
directory, ``inflate`` unpacks the parts in bounded chunks and ``prologue`` scans each
XML part's prologue. ``quirks`` reads what other programs write (Google Sheets, Numbers,
LibreOffice) as Excel would show it.
"""
